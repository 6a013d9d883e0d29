import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { Application, AuditEntry, OutboxMessage, StageChange } from '../platform/db/entities/index.js';
import { buildTestApp } from '../../test/testApp.js';
import { bearer, createDemoPositions, ingestFile, insertUsers, PEOPLE } from '../../test/fixtures.js';
import { countRows, describeEachDb } from '../../test/db.js';
import { HIRING_KINDS } from './kinds.js';

describeEachDb('POST /applications/:id/outcome', (db) => {
  let applicationId: string;
  const inSecondInterview = async () => {
    const file = await ingestFile(db.ds);
    await db.ds.getRepository(Application).update({ id: file.applicationId }, { stage: 'second_interview' });
    return file.applicationId;
  };

  beforeEach(async () => {
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    applicationId = await inSecondInterview();
  });

  const post = async (as: (typeof PEOPLE)[keyof typeof PEOPLE], body: unknown, id = applicationId) => {
    const { deps, server } = buildTestApp(db.ds);
    const res = await request(server).post(`/api/v1/applications/${id}/outcome`).set(await bearer(deps, as)).send(body as object);
    return { res, deps };
  };

  it('records 录用 with the onboarding date, the stage change, the audit entry and one pre-entry outbox row', async () => {
    const { res, deps } = await post(PEOPLE.hr, { outcome: 'hired', onboardingDate: '2026-12-15', remark: '复试表现优秀' });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ applicationId, stage: 'hired', onboardingDate: '2026-12-15' });
    const application = await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId });
    expect(application).toMatchObject({ stage: 'hired', onboardingDate: '2026-12-15', outcomeByUserId: 'hr01' });
    expect(application.hiredAt).not.toBeNull();
    const history = await db.ds.getRepository(StageChange).findBy({ applicationId, toStage: 'hired' });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ fromStage: 'second_interview', actorType: 'user', actorId: 'hr01', reason: '复试表现优秀' });
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: HIRING_KINDS.preEntry })).toBe(1);
    expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'application.outcome_recorded', subjectId: applicationId })).toBe(1);
    expect(deps.wakes()).toBe(1);
  });

  it.each(['rejected', 'withdrawn'] as const)('records %s without an onboarding date and no outbox row', async (outcome) => {
    const { res, deps } = await post(PEOPLE.admin, { outcome });
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ applicationId, stage: outcome, onboardingDate: null });
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: HIRING_KINDS.preEntry })).toBe(0);
    expect(deps.wakes()).toBe(0);
  });

  it('shows the outcome in the candidate file', async () => {
    await post(PEOPLE.hr, { outcome: 'hired', onboardingDate: '2026-12-15' });
    const { deps, server } = buildTestApp(db.ds);
    const res = await request(server).get(`/api/v1/applications/${applicationId}`).set(await bearer(deps, PEOPLE.hr));
    expect(res.body.data.hiring).toMatchObject({ outcome: 'hired', onboardingDate: '2026-12-15', hrStatus: 'creating', outcomeByName: '李静' });
    expect(res.body.data.canRecordOutcome).toBe(false);
  });

  const refusals: [string, (typeof PEOPLE)[keyof typeof PEOPLE], unknown, number, string, (() => Promise<string>) | null][] = [
    ['a supervisor of the position', PEOPLE.supGeneral, { outcome: 'hired', onboardingDate: '2026-12-15' }, 403, 'forbidden', null],
    ['a supervisor of another department (out of scope)', PEOPLE.supFresh, { outcome: 'rejected' }, 404, 'not_found', null],
    ['staff (who see no file)', PEOPLE.staff, { outcome: 'rejected' }, 404, 'not_found', null],
    ['hired without an onboarding date', PEOPLE.hr, { outcome: 'hired' }, 422, 'invalid_payload', null],
    ['a date that does not exist', PEOPLE.hr, { outcome: 'hired', onboardingDate: '2026-02-30' }, 422, 'invalid_payload', null],
    ['an onboarding date for a rejection', PEOPLE.hr, { outcome: 'rejected', onboardingDate: '2026-12-15' }, 422, 'invalid_payload', null],
    ['an unknown outcome', PEOPLE.hr, { outcome: 'left' }, 422, 'invalid_payload', null],
    ['an unknown field', PEOPLE.hr, { outcome: 'rejected', extra: 1 }, 422, 'invalid_payload', null],
    ['an unknown application', PEOPLE.hr, { outcome: 'rejected' }, 404, 'not_found', async () => 'no-such-application'],
  ];
  it.each(refusals)('refuses %s with no write', async (_what, who, body, status, code, idOf) => {
    const id = idOf ? await idOf() : applicationId;
    const before = await countRows(db.ds);
    const { res } = await post(who, body, id);
    expect(res.status).toBe(status);
    expect(res.body.error.code).toBe(code);
    const after = await countRows(db.ds);
    // A refused request may still have renewed the viewer's session; nothing else changes.
    expect({ ...after, sessions: 0 }).toEqual({ ...before, sessions: 0 });
    expect((await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId })).stage).toBe('second_interview');
  });

  it('refuses an outcome for a candidate still in review (409 illegal_transition) with no write', async () => {
    await db.ds.getRepository(Application).update({ id: applicationId }, { stage: 'in_review' });
    const before = await countRows(db.ds);
    const { res } = await post(PEOPLE.hr, { outcome: 'hired', onboardingDate: '2026-12-15' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('illegal_transition');
    expect({ ...(await countRows(db.ds)), sessions: 0 }).toEqual({ ...before, sessions: 0 });
    const application = await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId });
    expect(application).toMatchObject({ stage: 'in_review', outcomeAt: null, onboardingDate: null });
  });

  it('refuses a second outcome (409) and keeps the first', async () => {
    expect((await post(PEOPLE.hr, { outcome: 'withdrawn' })).res.status).toBe(200);
    const { res } = await post(PEOPLE.hr, { outcome: 'hired', onboardingDate: '2026-12-15' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('illegal_transition');
    expect((await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId })).stage).toBe('withdrawn');
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: HIRING_KINDS.preEntry })).toBe(0);
  });
});
