import type { ReviewDecision, SupplementaryScenarioId } from '@aireview/shared';
import { expect, it, vi } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { createTestPosition } from '../../test/factories.js';
import { ingestFile, insertUsers } from '../../test/fixtures.js';
import { buildTestDeps } from '../../test/testApp.js';
import { Application, AuditEntry, OutboxMessage, Review } from '../platform/db/entities/index.js';
import { createFakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { DingTalkError } from '../platform/dingtalk/port.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { decideReview } from './decideReview.js';
import { executeDecision, type ExecutePayload } from './executeDecision.js';
import { sendReviewNotice } from './sendReviewNotice.js';
import { startReview } from './startReview.js';

const HR = ['hr01', 'hr02'];

/** The `review.execute` handler against the fake DingTalk: carry an app decision over to the approval. */
describeEachDb('executeDecision (review.execute)', (db) => {
  /** A running approval with two approvers (或签) on which sup_general decided in the app. */
  async function decidedInApp(decision: ReviewDecision = 'agree', extra: { remark?: string; scenarios?: SupplementaryScenarioId[] } = { remark: '表达清楚' }) {
    await insertUsers(db.ds);
    await createTestPosition(db.ds, { supervisorUserIds: ['sup_general', 'sup_dept101'] });
    const file = await ingestFile(db.ds);
    const fake = createFakeDingTalk();
    const base = buildTestDeps(db.ds, { dingtalk: fake });
    const deps = { ...base, settings: { ...base.settings, roles: { ...base.settings.roles, hrUserIds: HR } } };
    const review = await startReview(deps, { applicationId: file.applicationId, roundId: file.roundId });
    const instanceId = review.approvalInstanceId!;
    await decideReview(deps, { review: { id: review.id }, actorUserId: 'sup_general', source: 'app', decision, ...extra });
    const row = await db.ds.getRepository(OutboxMessage).findOneByOrFail({ kind: 'review.execute' });
    const payload = row.payload as unknown as ExecutePayload;
    const taskOf = (userId: string) => fake.approvals.get(instanceId)!.tasks.find((t) => t.userId === userId)!;
    return { file, fake, deps, review, instanceId, payload, taskOf };
  }

  const conflictAudits = () => db.ds.getRepository(AuditEntry).findBy({ action: 'review.conflict' });
  const conflictNotices = async () =>
    (await db.ds.getRepository(OutboxMessage).findBy({ kind: 'review.notice' })).filter((m) => (m.payload as { type?: string }).type === 'conflict');

  it("executes the supervisor's open task with the decision's result and remark", async () => {
    const { fake, deps, instanceId, payload, taskOf } = await decidedInApp('agree', { remark: '表达清楚' });
    const taskId = taskOf('sup_general').taskId;

    expect(await executeDecision(deps, payload)).toBe('executed');

    expect(fake.callsTo('executeReviewTask')).toEqual([[{ instanceId, taskId, actorUserId: 'sup_general', result: 'agree', remark: '表达清楚' }]]);
    expect(fake.approvals.get(instanceId)!.state).toBe('agreed');
  });

  it('carries a supplementary test over as a refusal whose remark names the scenarios', async () => {
    const { fake, deps, instanceId, payload } = await decidedInApp('supplementary', { remark: '再看看协作', scenarios: ['cross_department'] });

    expect(await executeDecision(deps, payload)).toBe('executed');

    expect(fake.callsTo('executeReviewTask')[0]![0]).toMatchObject({ actorUserId: 'sup_general', result: 'refuse', remark: '【补充测试】跨部门协作；备注：再看看协作' });
    expect(fake.approvals.get(instanceId)!.state).toBe('refused');
  });

  it('returns already_done on a retry when the approval already ended the same way, without executing again', async () => {
    const { fake, deps, payload } = await decidedInApp();
    await executeDecision(deps, payload);

    expect(await executeDecision(deps, payload)).toBe('already_done');

    expect(fake.callsTo('executeReviewTask')).toHaveLength(1);
    expect(await conflictAudits()).toHaveLength(0);
  });

  it('reports a conflict when the approval meanwhile ended differently in DingTalk: audit, HR notice queued, worker woken', async () => {
    const { file, fake, deps, review, instanceId, payload } = await decidedInApp('agree');
    fake.decideInDingTalk(instanceId, 'sup_dept101', 'refuse', '不合适');
    const wakesBefore = deps.wakes();

    expect(await executeDecision(deps, payload)).toBe('conflict');

    expect(fake.callsTo('executeReviewTask')).toHaveLength(0);
    const audits = await conflictAudits();
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subjectType: 'application', subjectId: file.applicationId });
    expect(audits[0]!.details).toMatchObject({ reviewId: review.id });
    expect((await conflictNotices()).map((m) => m.payload)).toEqual([{ reviewId: review.id, type: 'conflict' }]);
    expect(deps.wakes()).toBe(wakesBefore + 1);
    // Our record stays as decided; HR sorts it out.
    expect(await db.ds.getRepository(Review).findOneByOrFail({ id: review.id })).toMatchObject({ status: 'decided', decision: 'agree' });
    expect((await db.ds.getRepository(Application).findOneByOrFail({ id: file.applicationId })).stage).toBe('second_interview');
  });

  it("delivers the conflict notice to HR as a card titled 审核结果不一致", async () => {
    const { fake, deps, instanceId, payload } = await decidedInApp('agree');
    fake.decideInDingTalk(instanceId, 'sup_dept101', 'refuse');
    await executeDecision(deps, payload);
    const [queued] = await conflictNotices();

    expect(await sendReviewNotice(deps, queued!.payload as { reviewId: string; type: 'conflict' })).toBe('sent');

    expect(fake.notices).toHaveLength(1);
    expect(fake.notices[0]!.userIds).toEqual(HR);
    expect(fake.notices[0]!.card.title).toMatch(/^审核结果不一致：/);
    expect(fake.notices[0]!.card.markdown).toContain('**应用内决定**：通过');
  });

  it('reports a conflict when the approval was revoked in DingTalk before the decision got there', async () => {
    const { file, fake, deps, review, instanceId, payload } = await decidedInApp('agree');
    await fake.terminateApproval({ instanceId, operatingUserId: review.originatorUserId });

    expect(await executeDecision(deps, payload)).toBe('conflict');

    expect(fake.callsTo('executeReviewTask')).toHaveLength(0);
    const audits = await conflictAudits();
    expect(audits.map((a) => a.subjectId)).toEqual([file.applicationId]);
    expect(audits[0]!.details).toMatchObject({ reviewId: review.id, approvalState: 'terminated' });
    expect(await conflictNotices()).toHaveLength(1);
  });

  it('returns already_done when DingTalk refuses the execute because the approval meanwhile ended the same way', async () => {
    const { fake, deps, instanceId, payload } = await decidedInApp('agree');
    // Between our look and our execute, the other approver agreed in DingTalk.
    vi.spyOn(fake, 'executeReviewTask').mockImplementationOnce(async () => {
      fake.decideInDingTalk(instanceId, 'sup_dept101', 'agree');
      throw new DingTalkError({ kind: 'business', code: 'invalidParameter', message: 'task is cancelled' });
    });

    expect(await executeDecision(deps, payload)).toBe('already_done');

    expect(await conflictAudits()).toHaveLength(0);
  });

  it('fails for good when DingTalk refuses the execute on an approval that is still open', async () => {
    const { fake, deps, payload } = await decidedInApp('agree');
    fake.failNext('executeReviewTask', new DingTalkError({ kind: 'business', code: 'invalidParameter', message: 'refused' }));

    await expect(executeDecision(deps, payload)).rejects.toBeInstanceOf(PermanentDeliveryError);

    expect(await conflictAudits()).toHaveLength(0);
  });

  it('rethrows a retryable DingTalk failure for the worker to retry', async () => {
    const { fake, deps, instanceId, payload } = await decidedInApp('agree');
    fake.failNext('executeReviewTask', new DingTalkError({ kind: 'server', code: 'systemError', message: 'try later', status: 503 }));

    const error = await executeDecision(deps, payload).then(() => null, (e: unknown) => e);

    expect(error).toBeInstanceOf(DingTalkError);
    expect(error).not.toBeInstanceOf(PermanentDeliveryError);
    expect(fake.approvals.get(instanceId)!.state).toBe('open');
  });
});
