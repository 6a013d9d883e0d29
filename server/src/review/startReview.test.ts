import { expect, it } from 'vitest';
import { describeEachDb } from '../../test/db.js';
import { createTestPosition } from '../../test/factories.js';
import { ingestFile, type IngestedFile } from '../../test/fixtures.js';
import { buildTestDeps } from '../../test/testApp.js';
import { OutboxMessage, Review } from '../platform/db/entities/index.js';
import { createFakeDingTalk, type FakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { DingTalkError } from '../platform/dingtalk/port.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { startReview } from './startReview.js';

/** The `review.requested` handler against the fake DingTalk: one approval per round, whatever happens. */
describeEachDb('startReview (review.requested)', (db) => {
  async function setup(options: { supervisorUserIds?: string[]; hrUserIds?: string[] } = {}) {
    await createTestPosition(db.ds, options.supervisorUserIds ? { supervisorUserIds: options.supervisorUserIds } : {});
    const file = await ingestFile(db.ds);
    const fake = createFakeDingTalk();
    const base = buildTestDeps(db.ds, { dingtalk: fake });
    const deps = options.hrUserIds ? { ...base, settings: { ...base.settings, roles: { ...base.settings.roles, hrUserIds: options.hrUserIds } } } : base;
    const payload = { applicationId: file.applicationId, roundId: file.roundId };
    return { file, fake, deps, payload };
  }

  const noticeRows = () => db.ds.getRepository(OutboxMessage).findBy({ kind: 'review.notice' });
  const reviewOf = (file: IngestedFile) => db.ds.getRepository(Review).findOneByOrFail({ roundId: file.roundId });
  const formValue = (fake: FakeDingTalk, instanceId: string, name: string) => fake.approvals.get(instanceId)?.formValues.find((v) => v.name === name)?.value;

  it('creates one approval for the position supervisors with the review form, records the instance, enqueues the request notice and wakes the worker', async () => {
    const { file, fake, deps, payload } = await setup();

    const started = await startReview(deps, payload);

    expect(fake.callsTo('startReviewApproval')).toHaveLength(1);
    expect(fake.approvals.size).toBe(1);
    const [instanceId, approval] = [...fake.approvals.entries()][0]!;
    expect(approval.approverUserIds).toEqual(['sup_general']);
    expect(approval.originatorUserId).toBe(deps.settings.roles.originatorUserId);
    const stored = await reviewOf(file);
    expect(formValue(fake, instanceId, '审核编号')).toBe(stored.id);
    expect(formValue(fake, instanceId, '应聘岗位')).toBe('综合电商客服（CS-GENERAL）');
    expect(formValue(fake, instanceId, '面试轮次')).toBe('第 1 轮');
    expect(formValue(fake, instanceId, '候选人')).not.toBe('刘晓燕');
    expect(formValue(fake, instanceId, '候选人档案')).toBe(`http://127.0.0.1:3000/app/#/applications/${file.applicationId}`);

    expect(stored).toMatchObject({ status: 'pending', approvalInstanceId: instanceId, approverUserIds: ['sup_general'], startAttempts: 1 });
    expect(stored.startedAt).toBeInstanceOf(Date);
    expect(started).toMatchObject({ id: stored.id, approvalInstanceId: instanceId, status: 'pending' });

    const notices = await noticeRows();
    expect(notices).toHaveLength(1);
    expect(notices[0]!.payload).toEqual({ reviewId: stored.id, type: 'request' });
    expect(deps.wakes()).toBe(1);
  });

  it('is a no-op when run again after the approval was recorded', async () => {
    const { file, fake, deps, payload } = await setup();
    const first = await startReview(deps, payload);
    const callsBefore = fake.calls.length;
    const wakesBefore = deps.wakes();

    const again = await startReview(deps, payload);

    expect(again.approvalInstanceId).toBe(first.approvalInstanceId);
    expect(fake.calls).toHaveLength(callsBefore);
    expect(fake.approvals.size).toBe(1);
    expect(await db.ds.getRepository(Review).countBy({ roundId: file.roundId })).toBe(1);
    expect(await noticeRows()).toHaveLength(1);
    expect(deps.wakes()).toBe(wakesBefore);
  });

  it('adopts the instance an earlier attempt created when that attempt lost its answer, instead of creating a second', async () => {
    const { file, fake, deps, payload } = await setup();
    // The first create call times out: counted in the review row, outcome unknown, retried by the worker.
    fake.failNext('startReviewApproval', new DingTalkError({ kind: 'timeout', code: 'timeout', message: 'no answer within 10 s' }));
    const lost = await startReview(deps, payload).then(() => null, (e: unknown) => e);
    expect(lost).toBeInstanceOf(DingTalkError);
    expect(lost).not.toBeInstanceOf(PermanentDeliveryError);
    expect(await reviewOf(file)).toMatchObject({ status: 'starting', approvalInstanceId: null, startAttempts: 1 });
    // ...but DingTalk did create it: the same request, as it reached DingTalk.
    const [sent] = fake.callsTo('startReviewApproval')[0]!;
    const { instanceId } = await fake.startReviewApproval(sent);
    const createsBefore = fake.callsTo('startReviewApproval').length;

    const adopted = await startReview(deps, payload);

    expect(adopted.approvalInstanceId).toBe(instanceId);
    expect(fake.approvals.size).toBe(1);
    expect(fake.callsTo('startReviewApproval')).toHaveLength(createsBefore);
    expect(await reviewOf(file)).toMatchObject({ status: 'pending', approvalInstanceId: instanceId, startAttempts: 1 });
    expect((await noticeRows()).map((n) => n.payload)).toEqual([{ reviewId: adopted.id, type: 'request' }]);
  });

  it('does not adopt a revoked instance of the same review: it creates a new one', async () => {
    const { file, fake, deps, payload } = await setup();
    fake.failNext('startReviewApproval', new DingTalkError({ kind: 'timeout', code: 'timeout', message: 'no answer within 10 s' }));
    await expect(startReview(deps, payload)).rejects.toBeInstanceOf(DingTalkError);
    const [sent] = fake.callsTo('startReviewApproval')[0]!;
    const { instanceId: revoked } = await fake.startReviewApproval(sent);
    await fake.terminateApproval({ instanceId: revoked, operatingUserId: sent.originatorUserId });

    const started = await startReview(deps, payload);

    expect(started.approvalInstanceId).not.toBe(revoked);
    expect(fake.approvals.get(started.approvalInstanceId!)?.state).toBe('open');
    expect((await reviewOf(file)).approvalInstanceId).toBe(started.approvalInstanceId);
  });

  it('turns a business refusal by DingTalk into a PermanentDeliveryError and records no instance', async () => {
    const { file, fake, deps, payload } = await setup();
    fake.failNext('startReviewApproval', new DingTalkError({ kind: 'business', code: 'processCodeNotExist', message: 'process code does not exist' }));

    await expect(startReview(deps, payload)).rejects.toBeInstanceOf(PermanentDeliveryError);

    expect(fake.approvals.size).toBe(0);
    expect(await reviewOf(file)).toMatchObject({ status: 'starting', approvalInstanceId: null });
    expect(await noticeRows()).toHaveLength(0);
    expect(deps.wakes()).toBe(0);
  });

  it('sends the review of a position without supervisors to HR', async () => {
    const { file, fake, deps, payload } = await setup({ supervisorUserIds: [], hrUserIds: ['hr01', 'hr02'] });

    const started = await startReview(deps, payload);

    expect(fake.approvals.get(started.approvalInstanceId!)?.approverUserIds).toEqual(['hr01', 'hr02']);
    expect((await reviewOf(file)).approverUserIds).toEqual(['hr01', 'hr02']);
  });

  it('fails for good when a position has no supervisors and no HR users are configured', async () => {
    const { file, fake, deps, payload } = await setup({ supervisorUserIds: [], hrUserIds: [] });

    await expect(startReview(deps, payload)).rejects.toBeInstanceOf(PermanentDeliveryError);

    expect(fake.calls).toHaveLength(0);
    expect(await db.ds.getRepository(Review).countBy({ roundId: file.roundId })).toBe(0);
  });
});
