import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { Application, AuditEntry, OutboxMessage, TrainingAssignment } from '../platform/db/entities/index.js';
import { decideReview } from '../review/index.js';
import { TRAINING_KINDS } from '../training/index.js';
import { countRows, describeEachDb } from '../../test/db.js';
import { createDemoPositions, insertUsers } from '../../test/fixtures.js';
import { TEST_IMPORT_SECRET } from '../../test/importFixtures.js';
import { buildTestApp, buildTestDeps, signedHeaders, TEST_INGEST_SECRET } from '../../test/testApp.js';
import { fileInReview, publishDemoRules } from '../../test/trainingFixtures.js';

const PATH = '/api/v1/training-completions';

describeEachDb('POST /training-completions (the learning platform, signed with IMPORT_SECRET)', (db) => {
  let applicationId: string;
  let assignmentId: string;
  beforeEach(async () => {
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    await publishDemoRules(db.ds);
    const file = await fileInReview(db.ds);
    await decideReview(buildTestDeps(db.ds), { review: { id: file.reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'agree' });
    applicationId = file.applicationId;
    assignmentId = (await db.ds.getRepository(TrainingAssignment).findOneByOrFail({ applicationId, ruleId: 'service-skills' })).id;
  });

  const send = (payload: unknown, options: { secret?: string; raw?: string; type?: string } = {}) => {
    const body = options.raw ?? JSON.stringify(payload);
    const { server } = buildTestApp(db.ds, {}, { IMPORT_SECRET: TEST_IMPORT_SECRET });
    return request(server).post(PATH).set('Content-Type', options.type ?? 'application/json').set(signedHeaders({ method: 'POST', path: PATH, body, secret: options.secret ?? TEST_IMPORT_SECRET })).send(body);
  };
  const assignment = () => db.ds.getRepository(TrainingAssignment).findOneByOrFail({ id: assignmentId });

  it('by assignment id: done with the platform\'s time and score, audited, the 待办 closed; a repeat is unchanged', async () => {
    const res = await send({ assignmentId, completedAt: '2026-12-10T18:00:00+08:00', score: 91 });
    expect(res.status).toBe(200);
    expect(res.body.data).toMatchObject({ outcome: 'applied', assignment: { id: assignmentId, status: 'done', completedAt: '2026-12-10T10:00:00.000Z', completionScore: 91 } });
    expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'training.completed', subjectId: applicationId })).toBe(1);
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: TRAINING_KINDS.todoClose })).toBe(1);
    const again = await send({ assignmentId, completedAt: '2026-12-10T18:00:00+08:00', score: 91 });
    expect(again.body.data.outcome).toBe('unchanged');
    expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'training.completed' })).toBe(1);
  });

  it('by employee id and course title, for a hire the QA system knows', async () => {
    await db.ds.getRepository(Application).update({ id: applicationId }, { stage: 'hired', employeeId: 'E2001' });
    const res = await send({ employeeId: 'E2001', title: '同理心训练', completedAt: '2026-12-11T09:00:00+08:00' });
    expect(res.status).toBe(200);
    expect(res.body.data.assignment).toMatchObject({ ruleId: 'empathy', status: 'done' });
    expect((await assignment()).status).toBe('assigned');
  });

  it.each([
    ['an unknown assignment', { assignmentId: 'no-such-assignment', completedAt: '2026-12-10T18:00:00+08:00' }, 404, 'unknown_assignment'],
    ['an unknown employee', { employeeId: 'E9999', title: '同理心训练', completedAt: '2026-12-10T18:00:00+08:00' }, 404, 'unknown_employee'],
    ['a time without an offset', { assignmentId: 'x', completedAt: '2026-12-10 18:00' }, 422, 'invalid_payload'],
    ['a score above 100', { assignmentId: 'x', completedAt: '2026-12-10T18:00:00+08:00', score: 101 }, 422, 'invalid_payload'],
  ] as const)('refuses %s with no write', async (_what, payload, status, code) => {
    const before = await countRows(db.ds);
    const res = await send(payload);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    expect(await countRows(db.ds)).toEqual(before);
  });

  it('a course nobody was assigned to, for a known employee, is 404 unknown_assignment', async () => {
    await db.ds.getRepository(Application).update({ id: applicationId }, { employeeId: 'E2001' });
    const res = await send({ employeeId: 'E2001', title: '不存在的课程', completedAt: '2026-12-10T18:00:00+08:00' });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('unknown_assignment');
  });

  it('refuses a request signed with another secret (401 bad_signature), malformed JSON (400) and another content type (415)', async () => {
    expect((await send({ assignmentId, completedAt: '2026-12-10T18:00:00+08:00' }, { secret: TEST_INGEST_SECRET })).body.error.code).toBe('bad_signature');
    expect((await send(null, { raw: '{"assignmentId":' })).body.error.code).toBe('malformed_json');
    const wrongType = await send(null, { raw: 'assignmentId=x', type: 'application/x-www-form-urlencoded' });
    expect(wrongType.status).toBe(415);
    expect((await assignment()).status).toBe('assigned');
  });
});
