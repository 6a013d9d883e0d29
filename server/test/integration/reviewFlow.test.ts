import { SIGNATURE_HEADER, TIMESTAMP_HEADER } from '@aireview/shared';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { Application, InboundEvent, OutboxMessage, Review, StageChange, SupplementaryRequest } from '../../src/platform/db/entities/index.js';
import { fixedClock } from '../../src/platform/clock.js';
import { verifyRequest } from '../../src/platform/signature.js';
import { decideReview } from '../../src/review/decideReview.js';
import { reconcilePendingReviews } from '../../src/review/reconcileReviews.js';
import { sendDueReminders } from '../../src/review/sendDueReminders.js';
import { describeEachDb } from '../db.js';
import { createTestPosition, samplePayload } from '../factories.js';
import { TEST_VENDOR_WEBHOOK_SECRET } from '../testApp.js';
import { startHarness, waitFor, type Harness } from '../reviewHarness.js';

const CREATE_PATH = '/v1.0/workflow/processInstances';
const SEND_PATH = '/topapi/message/corpconversation/asyncsend_v2';

describeEachDb('review workflow against the DingTalk sandbox', (db) => {
  let h: Harness;

  beforeEach(async () => {
    await createTestPosition(db.ds);
    h = await startHarness(db.ds);
  });
  afterEach(async () => {
    await h.close();
  });

  const reviews = () => db.ds.getRepository(Review);
  const approvals = () => [...h.sandbox.state.approvals.values()];
  const notices = (userId: string) => (h.sandbox.state.notifications.get(userId) ?? []).map((n) => n.msg as { action_card?: { title: string; markdown: string; single_url: string } });
  const stageOf = async (applicationId: string) => (await db.ds.getRepository(Application).findOneByOrFail({ id: applicationId })).stage;

  /** Ingest one interview and wait until its approval runs and the supervisor was notified. */
  async function ingestAndWait(payload = samplePayload()) {
    const { status, body } = await h.ingest(payload);
    expect(status).toBe(201);
    const applicationId = body.data!.applicationId;
    const review = await waitFor(async () => {
      const found = await reviews().findOne({ where: { applicationId }, order: { round: 'DESC' } });
      return found?.status === 'pending' && found.round === body.data!.round ? found : undefined;
    }, 'a pending review');
    await waitFor(() => notices('sup_general').some((n) => n.action_card?.markdown.includes(review.id.slice(0, 8))), 'the work notice');
    return { applicationId, review, payload };
  }

  async function outboxIdle() {
    await waitFor(async () => (await db.ds.getRepository(OutboxMessage).countBy({ status: 'pending' })) === 0, 'an idle outbox');
  }

  it('ingest → one approval for the supervisors with the review on its form, and one work notice that opens the file', async () => {
    const { applicationId, review } = await ingestAndWait();
    const [approval] = approvals();
    expect(approvals()).toHaveLength(1);
    expect(approval!.instanceId).toBe(review.approvalInstanceId);
    expect(approval!.tasks.map((t) => [t.userId, t.status])).toEqual([['sup_general', 'RUNNING']]);
    expect(approval!.originatorUserId).toBe('hr01');
    const form = Object.fromEntries(approval!.formComponentValues.map((v) => [v.name, v.value]));
    expect(form['审核编号']).toBe(review.id);
    expect(form['候选人']).toBe('刘*燕');
    expect(form['综合得分']).toMatch(/^\d+\.\d$/);
    expect(form['AI建议']).toMatch(/^(推荐（建议通过）|待定（建议补充测试）|不推荐（建议不通过）)$/);
    expect(form['维度得分']).toContain('沟通表达');
    expect(form['响应时延']).toContain('1/2 个场景超过 30 秒');
    expect(form['候选人档案']).toBe(`http://127.0.0.1:3000/app/#/applications/${applicationId}`);

    const cards = notices('sup_general');
    expect(cards).toHaveLength(1);
    expect(cards[0]!.action_card!.title).toBe('AI面试待审核：刘*燕 · 综合电商客服');
    expect(cards[0]!.action_card!.single_url).toBe(`dingtalk://dingtalkclient/page/link?url=${encodeURIComponent(`http://127.0.0.1:3000/app/#/applications/${applicationId}`)}&pc_slide=true`);
    expect(await stageOf(applicationId)).toBe('in_review');
  });

  it('approving in DingTalk moves the candidate to 复试 and notifies HR', async () => {
    const { applicationId, review } = await ingestAndWait();
    const decided = await h.control(`/__sandbox/approvals/${review.approvalInstanceId}/decide`, { userId: 'sup_general', result: 'agree', remark: '沟通不错' });
    expect(decided.status).toBe(200);
    await waitFor(async () => (await stageOf(applicationId)) === 'second_interview', 'stage 复试');
    const after = await reviews().findOneByOrFail({ id: review.id });
    expect(after).toMatchObject({ status: 'decided', decision: 'agree', decisionSource: 'dingtalk', decidedByUserId: 'sup_general', remark: '沟通不错' });
    expect(after.agreedWithAi).toBe(review.aiRecommendation === 'recommended');
    await waitFor(() => notices('hr01').some((n) => n.action_card?.title === '复试通知：刘*燕 通过主管审核'), 'the HR notice');
    const history = await db.ds.getRepository(StageChange).findBy({ applicationId, toStage: 'second_interview' });
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actorType: 'user', actorId: 'sup_general', approvalInstanceId: review.approvalInstanceId });
    expect(history[0]!.approvalTaskId).toMatch(/^\d+$/);
  });

  it('a decision in our app executes the DingTalk task; the callback that follows changes nothing', async () => {
    const { applicationId, review } = await ingestAndWait();
    const outcome = await decideReview(h.deps, { review: { id: review.id }, actorUserId: 'sup_general', source: 'app', decision: 'refuse', remark: '表达不清' });
    expect(outcome).toMatchObject({ outcome: 'applied', stage: 'rejected' });
    expect(await stageOf(applicationId)).toBe('rejected');
    await waitFor(() => approvals()[0]?.status === 'COMPLETED', 'the DingTalk approval to complete');
    expect(approvals()[0]).toMatchObject({ result: 'refuse' });
    expect(approvals()[0]!.tasks[0]).toMatchObject({ userId: 'sup_general', result: 'REFUSE', remark: '表达不清' });
    // The task and instance callbacks arrive and are applied as no-ops.
    await waitFor(async () => (await db.ds.getRepository(InboundEvent).countBy({ eventType: 'bpms_task_change', status: 'applied' })) >= 1, 'the task callback');
    await outboxIdle();
    expect(await db.ds.getRepository(StageChange).countBy({ applicationId, toStage: 'rejected' })).toBe(1);
    expect(await db.ds.getRepository(InboundEvent).countBy({ status: 'failed' })).toBe(0);
    // Deciding again from the app is refused with a code, and the same decision is a no-op.
    await expect(decideReview(h.deps, { review: { id: review.id }, actorUserId: 'sup_general', source: 'app', decision: 'agree' })).rejects.toMatchObject({ status: 409, code: 'already_decided' });
    expect((await decideReview(h.deps, { review: { id: review.id }, actorUserId: 'sup_general', source: 'app', decision: 'refuse' })).outcome).toBe('unchanged');
  });

  it('refuses app decisions by someone who is not an approver, with nothing written', async () => {
    const { applicationId, review } = await ingestAndWait();
    await expect(decideReview(h.deps, { review: { id: review.id }, actorUserId: 'sup_fresh', source: 'app', decision: 'agree' })).rejects.toMatchObject({ status: 403, code: 'not_an_approver' });
    expect(await stageOf(applicationId)).toBe('in_review');
    expect((await reviews().findOneByOrFail({ id: review.id })).status).toBe('pending');
  });

  it('supplementary test: DingTalk closes with a structured refusal, the vendor gets a signed request, the answer opens a new review', async () => {
    const { applicationId, review, payload } = await ingestAndWait();
    await decideReview(h.deps, { review: { id: review.id }, actorUserId: 'sup_general', source: 'app', decision: 'supplementary', scenarios: ['cross_department', 'refund_dispute'], remark: '看看协作' });
    expect(await stageOf(applicationId)).toBe('supplementary_test');
    await waitFor(() => h.vendor.requests.length === 1, 'the vendor request');
    const sent = h.vendor.requests[0]!;
    const signed = { timestamp: String(sent.headers[TIMESTAMP_HEADER]), method: 'POST', pathWithQuery: new URL(h.vendor.url).pathname, body: sent.body, signature: String(sent.headers[SIGNATURE_HEADER]) };
    expect(verifyRequest({ ...signed, secret: TEST_VENDOR_WEBHOOK_SECRET })).toBe(true);
    const request = JSON.parse(sent.body) as { requestId: string; interviewId: string; candidate: { externalId: string }; positionCode: string; scenarios: { scenarioId: string; title: string }[]; remark: string; requestedBy: { userId: string } };
    expect(request).toMatchObject({
      interviewId: payload.interviewId,
      candidate: { externalId: payload.candidate.externalId },
      positionCode: 'CS-GENERAL',
      scenarios: [{ scenarioId: 'cross_department', title: '跨部门协作' }, { scenarioId: 'refund_dispute', title: '退款纠纷' }],
      remark: '看看协作',
      requestedBy: { userId: 'sup_general' },
    });
    expect(sent.headers['idempotency-key']).toBe(request.requestId);
    await waitFor(() => approvals()[0]?.status === 'COMPLETED', 'the approval to close');
    expect(approvals()[0]!.tasks[0]!.remark).toBe('【补充测试】跨部门协作、退款纠纷；备注：看看协作');
    await outboxIdle();
    expect(await stageOf(applicationId)).toBe('supplementary_test');

    // A wrong request id is refused; the vendor's answer with the right one opens round 2 and a new approval.
    const wrong = await h.ingest(samplePayload({ candidate: payload.candidate, requestId: 'not-ours', interviewId: `${payload.interviewId}-x` }));
    expect(wrong).toMatchObject({ status: 422, body: { error: { code: 'unknown_request' } } });
    const second = await ingestAndWait(samplePayload({ candidate: payload.candidate, requestId: request.requestId, interviewId: `${payload.interviewId}-s` }));
    expect(second.review.round).toBe(2);
    expect(approvals()).toHaveLength(2);
    expect(await stageOf(applicationId)).toBe('in_review');
    expect(await db.ds.getRepository(SupplementaryRequest).findOneByOrFail({ id: request.requestId })).toMatchObject({ status: 'answered' });
  });

  it('a refusal typed as "补充测试：…" in DingTalk asks the vendor for a supplementary test', async () => {
    const { applicationId, review } = await ingestAndWait();
    await h.control(`/__sandbox/approvals/${review.approvalInstanceId}/decide`, { userId: 'sup_general', result: 'refuse', remark: '补充测试：投诉升级处理' });
    await waitFor(async () => (await stageOf(applicationId)) === 'supplementary_test', 'stage 补充测试');
    await waitFor(() => h.vendor.requests.length === 1, 'the vendor request');
    expect(JSON.parse(h.vendor.requests[0]!.body)).toMatchObject({ scenarios: [{ scenarioId: 'complaint_escalation' }], remark: null });
  });

  it('duplicate callbacks are stored once; a lost task callback is covered by the instance callback', async () => {
    const { applicationId, review } = await ingestAndWait();
    // Drop the task-finish push: only the instance-finish push arrives (out of order, without who/why).
    await h.control('/__sandbox/faults', { path: '*', mode: 'drop_callback', count: 1 });
    await h.control(`/__sandbox/approvals/${review.approvalInstanceId}/decide`, { userId: 'sup_general', result: 'agree' });
    await waitFor(async () => (await stageOf(applicationId)) === 'second_interview', 'stage 复试 from the instance callback');
    expect(await reviews().findOneByOrFail({ id: review.id })).toMatchObject({ decidedByUserId: 'sup_general', decisionSource: 'dingtalk' });

    const before = await db.ds.getRepository(InboundEvent).count();
    for (const record of h.sandbox.state.callbacks.filter((c) => c.status === 'delivered')) {
      expect((await h.control('/__sandbox/callbacks/redeliver', { index: record.index })).status).toBe(200);
    }
    await h.sandbox.callbacksIdle();
    expect(await db.ds.getRepository(InboundEvent).count()).toBe(before);
    await outboxIdle();
    expect(await db.ds.getRepository(StageChange).countBy({ applicationId, toStage: 'second_interview' })).toBe(1);
  });

  for (const mode of ['http500', 'timeout', 'lost_response', 'qps', 'token_expired'] as const) {
    it(`recovers from a ${mode} on approval create and on the work notice with one approval and one notice`, async () => {
      await h.control('/__sandbox/faults', { path: CREATE_PATH, mode, count: 1 });
      await h.control('/__sandbox/faults', { path: SEND_PATH, mode, count: 1 });
      const { review } = await ingestAndWait();
      await outboxIdle();
      expect(approvals()).toHaveLength(1);
      expect(approvals()[0]!.instanceId).toBe(review.approvalInstanceId);
      expect(notices('sup_general')).toHaveLength(1);
      expect(await db.ds.getRepository(OutboxMessage).countBy({ status: 'failed' })).toBe(0);
    });
  }

  it('reconciliation applies a decision whose callbacks were all lost', async () => {
    const { applicationId, review } = await ingestAndWait();
    await h.control('/__sandbox/faults', { path: '*', mode: 'drop_callback', count: 10 });
    await h.control(`/__sandbox/approvals/${review.approvalInstanceId}/decide`, { userId: 'sup_general', result: 'refuse', remark: '不合适' });
    await h.sandbox.callbacksIdle();
    expect(await stageOf(applicationId)).toBe('in_review');
    const later = new Date(Date.now() + h.settings.review.reconcileAfterMs + 1000);
    expect(await reconcilePendingReviews({ ...h.deps, clock: fixedClock(later) })).toEqual({ checked: 1, decided: 1, terminated: 0 });
    expect(await stageOf(applicationId)).toBe('rejected');
    expect(await reviews().findOneByOrFail({ id: review.id })).toMatchObject({ decision: 'refuse', remark: '不合适', decidedByUserId: 'sup_general' });
    expect(await reconcilePendingReviews({ ...h.deps, clock: fixedClock(later) })).toEqual({ checked: 0, decided: 0, terminated: 0 });
  });

  it('an approval revoked or deleted in DingTalk ends the review without a decision and tells HR', async () => {
    const first = await ingestAndWait();
    await h.dingtalk.terminateApproval({ instanceId: first.review.approvalInstanceId!, operatingUserId: 'hr01', remark: '撤销' });
    await waitFor(async () => (await reviews().findOneByOrFail({ id: first.review.id })).status === 'terminated', 'the terminate callback');
    await waitFor(() => notices('hr01').some((n) => n.action_card?.title.startsWith('审批已撤销：')), 'the HR notice');
    expect(await stageOf(first.applicationId)).toBe('in_review');
    await expect(decideReview(h.deps, { review: { id: first.review.id }, actorUserId: 'sup_general', source: 'app', decision: 'agree' })).rejects.toMatchObject({ code: 'review_not_open' });

    const second = await ingestAndWait();
    h.sandbox.state.approvals.delete(second.review.approvalInstanceId!);
    const later = new Date(Date.now() + h.settings.review.reconcileAfterMs + 1000);
    expect(await reconcilePendingReviews({ ...h.deps, clock: fixedClock(later) })).toMatchObject({ terminated: 1 });
    expect((await reviews().findOneByOrFail({ id: second.review.id })).status).toBe('terminated');
  });

  it('reminds the approvers once, then escalates to HR once', async () => {
    const { review } = await ingestAndWait();
    const at = (ms: number) => ({ ...h.deps, clock: fixedClock(review.startedAt!.getTime() + ms) });
    expect(await sendDueReminders(at(h.settings.review.remindAfterMs - 1000))).toEqual({ reminded: 0, escalated: 0 });
    expect(await sendDueReminders(at(h.settings.review.remindAfterMs + 1000))).toEqual({ reminded: 1, escalated: 0 });
    expect(await sendDueReminders(at(h.settings.review.remindAfterMs + 2000))).toEqual({ reminded: 0, escalated: 0 });
    const late = at(h.settings.review.remindAfterMs + 1000 + h.settings.review.escalateAfterMs + 1000);
    expect(await sendDueReminders(late)).toEqual({ reminded: 0, escalated: 1 });
    expect(await sendDueReminders(late)).toEqual({ reminded: 0, escalated: 0 });
    // The steps were queued at the simulated time; make them due on the worker's real clock.
    await db.ds.getRepository(OutboxMessage).update({ status: 'pending' }, { nextAttemptAt: new Date() });
    h.workers.wake();
    await waitFor(() => notices('sup_general').some((n) => n.action_card?.title.startsWith('审核提醒：刘*燕 已等待 4 小时')), 'the reminder');
    await waitFor(() => notices('hr01').some((n) => n.action_card?.title === '审核超时：刘*燕 · 综合电商客服'), 'the escalation');
    expect(notices('sup_general')).toHaveLength(2);
  });
});
