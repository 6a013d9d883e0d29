import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { AuditEntry, OutboxMessage, Position, TrainingAssignment, TrainingRuleVersion } from '../platform/db/entities/index.js';
import { decideReview } from '../review/index.js';
import { DEMO_TRAINING_RULES } from '../../test/trainingFixtures.js';
import { countRows, describeEachDb } from '../../test/db.js';
import { bearer, createDemoPositions, insertUsers, PEOPLE } from '../../test/fixtures.js';
import { buildTestApp, buildTestDeps } from '../../test/testApp.js';
import { fileInReview, publishDemoRules } from '../../test/trainingFixtures.js';
import { TRAINING_KINDS } from './kinds.js';

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

describeEachDb('training API', (db) => {
  beforeEach(async () => {
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
  });

  const app = (env: Record<string, string> = {}) => buildTestApp(db.ds, {}, env);
  const unchanged = async (run: () => Promise<void>) => {
    const before = await countRows(db.ds);
    await run();
    expect({ ...(await countRows(db.ds)), sessions: 0 }).toEqual({ ...before, sessions: 0 });
  };

  describe('GET/PUT /positions/:code/training-rules', () => {
    const put = async (as: Person, body: unknown, code = 'CS-GENERAL') => {
      const { deps, server } = app();
      return request(server).put(`/api/v1/positions/${code}/training-rules`).set(await bearer(deps, as)).send(body as object);
    };
    const get = async (as: Person, code = 'CS-GENERAL') => {
      const { deps, server } = app();
      return request(server).get(`/api/v1/positions/${code}/training-rules`).set(await bearer(deps, as));
    };

    it('starts at version 0 with no rules', async () => {
      const res = await get(PEOPLE.supGeneral);
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ positionCode: 'CS-GENERAL', version: 0, rules: [], history: [] });
    });

    it('HR publish versions; each is audited and the older ones stay in the history', async () => {
      const first = await put(PEOPLE.hr, { rules: DEMO_TRAINING_RULES, expectedVersion: 0, note: '首版' });
      expect(first.status).toBe(200);
      expect(first.body.data).toMatchObject({ version: 1, note: '首版', updatedByName: '李静' });
      expect(first.body.data.rules).toEqual(DEMO_TRAINING_RULES);
      const second = await put(PEOPLE.admin, { rules: DEMO_TRAINING_RULES.slice(0, 2), expectedVersion: 1 });
      expect(second.body.data).toMatchObject({ version: 2, updatedByName: '王磊' });
      expect(second.body.data.history).toEqual([expect.objectContaining({ version: 1, ruleCount: 5, note: '首版', createdByName: '李静' })]);
      expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'training_rules.published' })).toBe(2);
      expect((await get(PEOPLE.staff)).body.data.rules).toHaveLength(2);
    });

    it('a stale expectedVersion is 409 concurrent_update and writes nothing', async () => {
      await put(PEOPLE.hr, { rules: DEMO_TRAINING_RULES, expectedVersion: 0 });
      await unchanged(async () => {
        const res = await put(PEOPLE.admin, { rules: [], expectedVersion: 0 });
        expect(res.status).toBe(409);
        expect(res.body.error).toMatchObject({ code: 'concurrent_update', details: { expectedVersion: 0, currentVersion: 1 } });
      });
    });

    it('two publishes from the same version: one wins, the other is 409', async () => {
      const results = await Promise.all([put(PEOPLE.hr, { rules: DEMO_TRAINING_RULES, expectedVersion: 0 }), put(PEOPLE.admin, { rules: [], expectedVersion: 0 })]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await db.ds.getRepository(TrainingRuleVersion).count()).toBe(1);
      expect((await db.ds.getRepository(Position).findOneByOrFail({ code: 'CS-GENERAL' })).trainingRulesVersion).toBe(1);
    });

    it.each([
      ['a supervisor', PEOPLE.supGeneral, { rules: [], expectedVersion: 0 }, 403, 'forbidden'],
      ['a rule without a condition', PEOPLE.hr, { rules: [{ ...DEMO_TRAINING_RULES[0], when: { dimension: 'serviceAwareness' } }], expectedVersion: 0 }, 422, 'invalid_payload'],
      ['duplicate ids', PEOPLE.hr, { rules: [DEMO_TRAINING_RULES[0], DEMO_TRAINING_RULES[0]], expectedVersion: 0 }, 422, 'invalid_payload'],
      ['no expectedVersion', PEOPLE.hr, { rules: [] }, 422, 'invalid_payload'],
    ] as const)('refuses %s with no write', async (_what, who, body, status, code) => {
      await unchanged(async () => {
        const res = await put(who, body);
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
      });
    });

    it('an unknown position is 404', async () => {
      expect((await put(PEOPLE.hr, { rules: [], expectedVersion: 0 }, 'NOPE')).status).toBe(404);
      expect((await get(PEOPLE.hr, 'NOPE')).body.error.code).toBe('not_found');
    });

    it('malformed JSON is 400 malformed_json', async () => {
      const { deps, server } = app();
      const res = await request(server).put('/api/v1/positions/CS-GENERAL/training-rules').set(await bearer(deps, PEOPLE.hr)).set('content-type', 'application/json').send('{"rules": [');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('malformed_json');
    });
  });

  describe('POST /training-assignments/:id/status', () => {
    let applicationId: string;
    let assignmentId: string;
    beforeEach(async () => {
      await publishDemoRules(db.ds);
      const file = await fileInReview(db.ds);
      await decideReview(buildTestDeps(db.ds), { review: { id: file.reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'agree' });
      applicationId = file.applicationId;
      assignmentId = (await db.ds.getRepository(TrainingAssignment).findOneByOrFail({ applicationId, ruleId: 'service-skills' })).id;
    });
    const post = async (as: Person, body: unknown, id = assignmentId) => {
      const { deps, server } = app();
      return request(server).post(`/api/v1/training-assignments/${id}/status`).set(await bearer(deps, as)).send(body as object);
    };

    it('HR mark a course done: audited, shown on the file, the 待办 closed through the outbox', async () => {
      const res = await post(PEOPLE.hr, { status: 'done', remark: '线下已完成' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ outcome: 'applied', assignment: { id: assignmentId, status: 'done', remark: '线下已完成', title: '客户服务技巧' } });
      expect(res.body.data.assignment.completedAt).toEqual(expect.any(String));
      expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'training.status_changed', subjectId: applicationId })).toBe(1);
      expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: TRAINING_KINDS.todoClose })).toBe(1);
      const { deps, server } = app();
      const file = await request(server).get(`/api/v1/applications/${applicationId}`).set(await bearer(deps, PEOPLE.hr));
      expect(file.body.data.trainingAssignments.find((a: { id: string }) => a.id === assignmentId)).toMatchObject({ status: 'done', trigger: { dimension: 'serviceAwareness', score: 65 } });
      expect(file.body.data.reserveSupervisor).toBe(true);
    });

    it('the same status again is unchanged; done → waived is 409 illegal_transition with no write', async () => {
      await post(PEOPLE.hr, { status: 'done' });
      expect((await post(PEOPLE.hr, { status: 'done' })).body.data.outcome).toBe('unchanged');
      await unchanged(async () => {
        const res = await post(PEOPLE.hr, { status: 'waived' });
        expect(res.status).toBe(409);
        expect(res.body.error.code).toBe('illegal_transition');
      });
    });

    it('waiving the programme takes the candidate out of the 储备主管 pool', async () => {
      const programme = await db.ds.getRepository(TrainingAssignment).findOneByOrFail({ applicationId, kind: 'programme' });
      const listed = async () => {
        const { deps, server } = app();
        return (await request(server).get('/api/v1/applications?pool=reserve_supervisor').set(await bearer(deps, PEOPLE.hr))).body.data.items.map((i: { applicationId: string }) => i.applicationId);
      };
      expect(await listed()).toEqual([applicationId]);
      await post(PEOPLE.hr, { status: 'waived', remark: '本人不愿转岗' }, programme.id);
      expect(await listed()).toEqual([]);
    });

    it.each([
      ['a supervisor in scope', PEOPLE.supGeneral, { status: 'done' }, 403, 'forbidden', null],
      ['a supervisor out of scope', PEOPLE.supFresh, { status: 'done' }, 404, 'unknown_assignment', null],
      ['an unknown assignment', PEOPLE.hr, { status: 'done' }, 404, 'unknown_assignment', 'no-such-assignment'],
      ['a status HR cannot set', PEOPLE.hr, { status: 'overdue' }, 422, 'invalid_payload', null],
    ] as const)('refuses %s with no write', async (_what, who, body, status, code, id) => {
      await unchanged(async () => {
        const res = await post(who, body, id ?? assignmentId);
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
      });
    });
  });
});
