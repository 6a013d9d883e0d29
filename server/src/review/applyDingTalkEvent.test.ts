import { beforeEach, expect, it } from 'vitest';
import { countRows, describeEachDb } from '../../test/db.js';
import { createTestPosition } from '../../test/factories.js';
import { ingestFile, insertPendingReview, seedFakeApproval, type IngestedFile } from '../../test/fixtures.js';
import { buildTestDeps } from '../../test/testApp.js';
import { Application, AuditEntry, InboundEvent, OutboxMessage, Review, StageChange, SupplementaryRequest } from '../platform/db/entities/index.js';
import { createFakeDingTalk, type FakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { recordInboundEvent } from '../platform/inbound.js';
import { applyDingTalkEvent, InstanceNotYetKnownError } from './applyDingTalkEvent.js';
import { decideReview } from './decideReview.js';

/** The `dingtalk.event` handler: stored bpms pushes applied to the review they concern. */
describeEachDb('applyDingTalkEvent (dingtalk.event)', (db) => {
  let deps: ReturnType<typeof buildTestDeps>;
  let file: IngestedFile;
  let reviewId: string;
  let instanceId: string;
  let eventCounter = 0;
  let fake: FakeDingTalk;

  beforeEach(async () => {
    fake = createFakeDingTalk();
    deps = buildTestDeps(db.ds, { dingtalk: fake });
    await createTestPosition(db.ds);
    file = await ingestFile(db.ds);
    reviewId = await insertPendingReview(db.ds, file, ['sup_general']);
    instanceId = seedFakeApproval(fake, reviewId, ['sup_general']);
  });

  function taskFinished(fields: { result: 'agree' | 'refuse'; staffId?: string; remark?: string; instance?: string; processCode?: string }) {
    return {
      EventType: 'bpms_task_change',
      processInstanceId: fields.instance ?? instanceId,
      processCode: fields.processCode ?? deps.settings.dingtalk.processCode,
      type: 'finish',
      result: fields.result,
      staffId: fields.staffId ?? 'sup_general',
      taskId: 8001,
      finishTime: Date.parse('2026-11-21T09:00:00Z'),
      ...(fields.remark === undefined ? {} : { remark: fields.remark }),
    };
  }

  /** Stores the push as the callback receiver does; returns the stored event's id. */
  async function store(payload: Record<string, unknown>): Promise<string> {
    eventCounter += 1;
    const eventId = `evt-${Date.now()}-${eventCounter}`;
    expect(await recordInboundEvent(deps, { source: 'dingtalk', eventId, eventType: String(payload.EventType), payload })).toBe('stored');
    return (await db.ds.getRepository(InboundEvent).findOneByOrFail({ source: 'dingtalk', eventId })).id;
  }

  const stored = (id: string) => db.ds.getRepository(InboundEvent).findOneByOrFail({ id });
  const review = () => db.ds.getRepository(Review).findOneByOrFail({ id: reviewId });
  const stage = async () => (await db.ds.getRepository(Application).findOneByOrFail({ id: file.applicationId })).stage;
  const noticesOfType = async (type: string) =>
    (await db.ds.getRepository(OutboxMessage).findBy({ kind: 'review.notice' })).filter((m) => (m.payload as { type?: string }).type === type);

  it("applies an approver's decision: review decided from DingTalk, stage 复试, event applied", async () => {
    fake.decideInDingTalk(instanceId, 'sup_general', 'agree', '可以');
    const id = await store(taskFinished({ result: 'agree', remark: '可以' }));

    expect(await applyDingTalkEvent(deps, { inboundEventId: id })).toBe('applied');

    expect(await review()).toMatchObject({ status: 'decided', decision: 'agree', decisionSource: 'dingtalk', decidedByUserId: 'sup_general', remark: '可以' });
    expect(await stage()).toBe('second_interview');
    expect(await db.ds.getRepository(StageChange).findOneByOrFail({ applicationId: file.applicationId, toStage: 'second_interview' })).toMatchObject({
      actorId: 'sup_general',
      approvalInstanceId: instanceId,
      approvalTaskId: '8001',
    });
    const event = await stored(id);
    expect(event).toMatchObject({ status: 'applied', attempts: 1, lastError: null });
    expect(event.appliedAt).toBeInstanceOf(Date);
  });

  it('applying the same stored event a second time changes nothing', async () => {
    fake.decideInDingTalk(instanceId, 'sup_general', 'agree');
    const id = await store(taskFinished({ result: 'agree' }));
    await applyDingTalkEvent(deps, { inboundEventId: id });
    const rowsBefore = await countRows(db.ds);
    const eventBefore = await stored(id);
    const wakesBefore = deps.wakes();

    expect(await applyDingTalkEvent(deps, { inboundEventId: id })).toBe('applied');

    expect(await countRows(db.ds)).toEqual(rowsBefore);
    expect(await stored(id)).toEqual(eventBefore);
    expect(deps.wakes()).toBe(wakesBefore);
  });

  it('reads a refusal whose remark is 补充测试：跨部门协作 as a supplementary-test decision', async () => {
    fake.decideInDingTalk(instanceId, 'sup_general', 'refuse', '补充测试：跨部门协作');
    const id = await store(taskFinished({ result: 'refuse', remark: '补充测试：跨部门协作' }));

    expect(await applyDingTalkEvent(deps, { inboundEventId: id })).toBe('applied');

    expect(await review()).toMatchObject({ status: 'decided', decision: 'supplementary', decisionSource: 'dingtalk' });
    expect(await stage()).toBe('supplementary_test');
    const request = await db.ds.getRepository(SupplementaryRequest).findOneByOrFail({ reviewId });
    expect(request).toMatchObject({ scenarios: ['cross_department'], requestedByUserId: 'sup_general', status: 'requested' });
    expect((await db.ds.getRepository(OutboxMessage).findBy({ kind: 'vendor.supplementary' })).map((m) => m.payload)).toEqual([{ requestId: request.id }]);
  });

  it('ignores an event of another approval process and marks it ignored', async () => {
    const id = await store(taskFinished({ result: 'agree', processCode: 'PROC-SOMEONE-ELSES-FORM' }));

    expect(await applyDingTalkEvent(deps, { inboundEventId: id })).toBe('ignored');

    expect(await stored(id)).toMatchObject({ status: 'ignored', attempts: 1 });
    expect(await review()).toMatchObject({ status: 'pending', decision: null });
    expect(await stage()).toBe('in_review');
  });

  it('throws InstanceNotYetKnownError for a decision on an instance with no review yet, and records each attempt', async () => {
    const id = await store(taskFinished({ result: 'agree', instance: 'inst-not-recorded-yet' }));

    await expect(applyDingTalkEvent(deps, { inboundEventId: id })).rejects.toBeInstanceOf(InstanceNotYetKnownError);
    expect(await stored(id)).toMatchObject({ status: 'pending', attempts: 1, appliedAt: null });
    expect((await stored(id)).lastError).toContain('inst-not-recorded-yet');

    await expect(applyDingTalkEvent(deps, { inboundEventId: id })).rejects.toBeInstanceOf(InstanceNotYetKnownError);
    expect(await stored(id)).toMatchObject({ status: 'pending', attempts: 2 });
    expect(await review()).toMatchObject({ status: 'pending' });
  });

  it('marks the review terminated when the approval is revoked, audits it and queues the terminated notice', async () => {
    const id = await store({ EventType: 'bpms_instance_change', processInstanceId: instanceId, processCode: deps.settings.dingtalk.processCode, type: 'terminate' });
    const wakesBefore = deps.wakes();

    expect(await applyDingTalkEvent(deps, { inboundEventId: id })).toBe('applied');

    expect(await review()).toMatchObject({ status: 'terminated', decision: null });
    const audits = await db.ds.getRepository(AuditEntry).findBy({ action: 'review.terminated' });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subjectType: 'application', subjectId: file.applicationId, details: { reviewId, how: 'terminated' } });
    expect((await noticesOfType('terminated')).map((m) => m.payload)).toEqual([{ reviewId, type: 'terminated' }]);
    expect(deps.wakes()).toBe(wakesBefore + 1);
    expect(await stage()).toBe('in_review');
    expect(await stored(id)).toMatchObject({ status: 'applied' });
  });

  it('decision conflict: DingTalk ends with a refusal after the app recorded an approval → review keeps its decision, conflict audited, HR notice queued, stage unchanged', async () => {
    await decideReview(deps, { review: { id: reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'agree' });
    expect(await stage()).toBe('second_interview');
    const historyBefore = await db.ds.getRepository(StageChange).countBy({ applicationId: file.applicationId });
    // DingTalk really holds a refusal (the supervisor refused there before our task call arrived).
    fake.decideInDingTalk(instanceId, 'sup_general', 'refuse', '不合适');
    const id = await store(taskFinished({ result: 'refuse', remark: '不合适' }));
    const wakesBefore = deps.wakes();

    expect(await applyDingTalkEvent(deps, { inboundEventId: id })).toBe('applied');

    expect(await review()).toMatchObject({ status: 'decided', decision: 'agree', decisionSource: 'app' });
    const audits = await db.ds.getRepository(AuditEntry).findBy({ action: 'review.conflict' });
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ subjectType: 'application', subjectId: file.applicationId });
    expect(audits[0]!.details).toMatchObject({ reviewId, recorded: 'agree', reported: 'refuse' });
    expect((await noticesOfType('conflict')).map((m) => m.payload)).toEqual([{ reviewId, type: 'conflict' }]);
    expect(deps.wakes()).toBe(wakesBefore + 1);
    expect(await stage()).toBe('second_interview');
    expect(await db.ds.getRepository(StageChange).countBy({ applicationId: file.applicationId })).toBe(historyBefore);
  });
});
