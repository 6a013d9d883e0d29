import request from 'supertest';
import { beforeEach, describe, expect, it } from 'vitest';
import { Application, AuditEntry, OutboxMessage, Review, StageChange, SupplementaryRequest, TrainingAssignment } from '../platform/db/entities/index.js';
import { countRows, describeEachDb } from '../../test/db.js';
import { bearer, createDemoPositions, insertUsers, PEOPLE } from '../../test/fixtures.js';
import { buildTestApp, buildTestDeps } from '../../test/testApp.js';
import { fileInReview, publishDemoRules } from '../../test/trainingFixtures.js';
import { ingestInterviewResult } from '../interviews/index.js';
import { samplePayload } from '../../test/factories.js';
import { REVIEW_KINDS } from './kinds.js';

type Person = (typeof PEOPLE)[keyof typeof PEOPLE];

describeEachDb("HR's moves: retake and fast-track", (db) => {
  let file: Awaited<ReturnType<typeof fileInReview>>;
  beforeEach(async () => {
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    await publishDemoRules(db.ds);
    file = await fileInReview(db.ds);
  });

  const post = async (as: Person, path: string, body: unknown, id = file.applicationId) => {
    const { deps, server } = buildTestApp(db.ds);
    const res = await request(server).post(`/api/v1/applications/${id}/${path}`).set(await bearer(deps, as)).send(body as object);
    return { res, deps };
  };
  const stage = async () => (await db.ds.getRepository(Application).findOneByOrFail({ id: file.applicationId })).stage;
  const review = () => db.ds.getRepository(Review).findOneByOrFail({ id: file.reviewId });
  const unchanged = async (run: () => Promise<void>) => {
    const before = await countRows(db.ds);
    await run();
    expect({ ...(await countRows(db.ds)), sessions: 0 }).toEqual({ ...before, sessions: 0 });
  };

  describe('重新参加AI面试', () => {
    it('from 待审核: the stage, a signed retake request to the vendor, the approval settled and revoked, audited', async () => {
      const { res, deps } = await post(PEOPLE.hr, 'retake', { remark: '完成客户服务技巧课程后重新面试' });
      expect(res.status).toBe(200);
      expect(res.body.data).toMatchObject({ applicationId: file.applicationId, stage: 'retake_requested', requestId: expect.any(String) });
      expect(await stage()).toBe('retake_requested');
      const request_ = await db.ds.getRepository(SupplementaryRequest).findOneByOrFail({ id: res.body.data.requestId });
      expect(request_).toMatchObject({ kind: 'retake', scenarios: [], status: 'requested', requestedByUserId: 'hr01', reviewId: file.reviewId });
      expect((await review()).status).toBe('terminated');
      const kinds = (await db.ds.getRepository(OutboxMessage).find()).map((m) => m.kind);
      expect(kinds).toEqual(expect.arrayContaining([REVIEW_KINDS.vendorRequest, REVIEW_KINDS.close]));
      expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'application.retake_requested' })).toBe(1);
      const history = await db.ds.getRepository(StageChange).findOneByOrFail({ applicationId: file.applicationId, toStage: 'retake_requested' });
      expect(history).toMatchObject({ fromStage: 'in_review', actorId: 'hr01', reason: '重新参加AI面试：完成客户服务技巧课程后重新面试' });
      expect(deps.wakes()).toBe(1);
    });

    it('the answering round (with the request id) opens a new review round; restarting the revoked approval is refused meanwhile', async () => {
      const { res } = await post(PEOPLE.hr, 'retake', { remark: '培训后重新面试' });
      const restart = await post(PEOPLE.hr, 'review/restart', {});
      expect(restart.res.status).toBe(409);
      const outcome = await ingestInterviewResult(buildTestDeps(db.ds), samplePayload({ requestId: res.body.data.requestId, candidate: await candidateOf(file.applicationId) }));
      expect(outcome.data).toMatchObject({ applicationId: file.applicationId, round: 2, stage: 'in_review' });
      expect(await stage()).toBe('in_review');
      expect((await db.ds.getRepository(SupplementaryRequest).findOneByOrFail({ id: res.body.data.requestId })).status).toBe('answered');
      // The first round's review request, and the new round's.
      expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: REVIEW_KINDS.requested })).toBe(2);
    });

    it('from 不通过 too', async () => {
      await db.ds.getRepository(Application).update({ id: file.applicationId }, { stage: 'rejected' });
      await db.ds.getRepository(Review).update({ id: file.reviewId }, { status: 'decided', decision: 'refuse' });
      const { res } = await post(PEOPLE.hr, 'retake', { remark: '培训后给一次机会' });
      expect(res.status).toBe(200);
      expect(await stage()).toBe('retake_requested');
      expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: REVIEW_KINDS.close })).toBe(0);
    });

    it.each([
      ['without a remark', PEOPLE.hr, {}, 422, 'invalid_payload', null],
      ['from 复试', PEOPLE.hr, { remark: '再测一次' }, 409, 'illegal_transition', 'second_interview'],
      ['by a supervisor', PEOPLE.supGeneral, { remark: '再测一次' }, 403, 'forbidden', null],
      ['out of scope', PEOPLE.supFresh, { remark: '再测一次' }, 404, 'not_found', null],
    ] as const)('refuses %s with no write', async (_what, who, body, status, code, from) => {
      if (from) await db.ds.getRepository(Application).update({ id: file.applicationId }, { stage: from });
      await unchanged(async () => {
        const { res } = await post(who, 'retake', body);
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
      });
    });
  });

  describe('直接进入复试', () => {
    it('moves to 复试 over the review with the chosen course mandatory, the rules firing too, the approval revoked, counted as HR\'s decision', async () => {
      const { res } = await post(PEOPLE.hr, 'fast-track', { remark: '应变出色，服务意识需补课', ruleIds: ['empathy'] });
      expect(res.status).toBe(200);
      expect(res.body.data.stage).toBe('second_interview');
      expect(res.body.data.assignments[0]).toMatchObject({ ruleId: 'empathy', mandatory: true, status: 'assigned' });
      expect(await stage()).toBe('second_interview');
      const rows = await db.ds.getRepository(TrainingAssignment).findBy({ applicationId: file.applicationId });
      expect(rows.filter((r) => r.mandatory).map((r) => r.ruleId)).toEqual(['empathy']);
      expect(rows.map((r) => r.ruleId).sort()).toEqual(['empathy', 'high-collaboration-team', 'product-knowledge', 'reserve-supervisor', 'service-skills']);
      expect(await review()).toMatchObject({ status: 'decided', decision: 'agree', decisionSource: 'hr_fast_track', decidedByUserId: 'hr01', agreedWithAi: true });
      expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: REVIEW_KINDS.close })).toBe(1);
      expect(await db.ds.getRepository(AuditEntry).countBy({ action: 'application.fast_tracked' })).toBe(1);
    });

    it('a supervisor deciding after HR fast-tracked finds the review decided', async () => {
      await post(PEOPLE.hr, 'fast-track', { remark: '直接复试', ruleIds: ['empathy'] });
      const { res } = await post(PEOPLE.supGeneral, 'decision', { decision: 'refuse' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('already_decided');
    });

    it.each([
      ['without a mandatory course', PEOPLE.hr, { remark: '直接复试', ruleIds: [] }, 422, 'invalid_payload', null],
      ['with a rule the position does not have', PEOPLE.hr, { remark: '直接复试', ruleIds: ['nope'] }, 422, 'unknown_rule', null],
      ['with a programme, not a course', PEOPLE.hr, { remark: '直接复试', ruleIds: ['reserve-supervisor'] }, 422, 'unknown_rule', null],
      ['from 不通过', PEOPLE.hr, { remark: '直接复试', ruleIds: ['empathy'] }, 409, 'illegal_transition', 'rejected'],
      ['by a supervisor', PEOPLE.supGeneral, { remark: '直接复试', ruleIds: ['empathy'] }, 403, 'forbidden', null],
      ['by staff', PEOPLE.staff, { remark: '直接复试', ruleIds: ['empathy'] }, 404, 'not_found', null],
    ] as const)('refuses %s with no write', async (_what, who, body, status, code, from) => {
      if (from) await db.ds.getRepository(Application).update({ id: file.applicationId }, { stage: from });
      await unchanged(async () => {
        const { res } = await post(who, 'fast-track', body);
        expect(res.status).toBe(status);
        expect(res.body.error.code).toBe(code);
      });
      expect((await review()).status).toBe('pending');
    });
  });

  async function candidateOf(applicationId: string) {
    const application = await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId });
    const [candidate] = (await db.ds.query('SELECT externalId, name FROM candidates WHERE id = ?', [application.candidateId])) as { externalId: string; name: string }[];
    return { externalId: candidate!.externalId, name: candidate!.name };
  }
});
