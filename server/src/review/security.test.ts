import request from 'supertest';
import { beforeEach, expect, it } from 'vitest';
import { countRows, describeEachDb } from '../../test/db.js';
import { PEOPLE, createDemoPositions, ingestFile, insertPendingReview, insertUsers, seedFakeApproval, type IngestedFile } from '../../test/fixtures.js';
import { buildTestApp } from '../../test/testApp.js';
import { Application, AuditEntry, InboundEvent, OutboxMessage, Review } from '../platform/db/entities/index.js';
import { createCallbackCrypto } from '../platform/dingtalk/callbackCrypto.js';
import { createFakeDingTalk, type FakeDingTalk } from '../platform/dingtalk/fakeDingTalk.js';
import { applyDingTalkEvent } from './applyDingTalkEvent.js';
import { decideReview } from './decideReview.js';
import { sendReviewNotice } from './sendReviewNotice.js';

/**
 * Attacks on the review workflow through DingTalk callbacks. The attacker holds the callback token and
 * AES key (leaked), so their pushes pass the signature and decrypt: only an approver's decision may count.
 */
describeEachDb('security: DingTalk callbacks with a leaked key', (db) => {
  let built: ReturnType<typeof buildTestApp>;
  let fake: FakeDingTalk;
  let file: IngestedFile;
  let reviewId: string;
  let eventCounter = 0;

  beforeEach(async () => {
    fake = createFakeDingTalk();
    built = buildTestApp(db.ds, { dingtalk: fake });
    await insertUsers(db.ds);
    await createDemoPositions(db.ds);
    file = await ingestFile(db.ds);
    reviewId = await insertPendingReview(db.ds, file, ['sup_general']);
    seedFakeApproval(fake, reviewId, ['sup_general'], 9001);
  });

  /** A forged push, signed and encrypted with the leaked key as DingTalk would; returns the stored event's id. */
  async function forgeTaskDecision(staffId: string, result: 'agree' | 'refuse' = 'agree', remark = '同意', eventId = `forged-${++eventCounter}-${reviewId}`): Promise<string> {
    const settings = built.deps.settings.dingtalk;
    const leaked = createCallbackCrypto({ token: settings.callbackToken, aesKey: settings.callbackAesKey, ownerKey: settings.callbackOwnerKey });
    const encrypt = leaked.encrypt(
      JSON.stringify({ EventType: 'bpms_task_change', eventId, processInstanceId: `inst-${reviewId}`, processCode: settings.processCode, type: 'finish', result, remark, taskId: 9001, staffId }),
    );
    const timestamp = String(Date.now());
    const nonce = 'forged01';
    const res = await request(built.server)
      .post(`/dingtalk/callback?msg_signature=${leaked.signature(timestamp, nonce, encrypt)}&timestamp=${timestamp}&nonce=${nonce}`)
      .set('Content-Type', 'application/json')
      .send(JSON.stringify({ encrypt }));
    expect(res.status).toBe(200);
    return (await db.ds.getRepository(InboundEvent).findOneByOrFail({ source: 'dingtalk', eventId })).id;
  }

  const review = () => db.ds.getRepository(Review).findOneByOrFail({ id: reviewId });
  const stage = async () => (await db.ds.getRepository(Application).findOneByOrFail({ id: file.applicationId })).stage;
  const notices = async () => (await db.ds.getRepository(OutboxMessage).findBy({ kind: 'review.notice' })).map((m) => m.payload);
  const audits = (action: string) => db.ds.getRepository(AuditEntry).findBy({ action });

  it('a forged decision by someone who is not an approver decides nothing: stored as rejected, audited, HR told', async () => {
    const before = await countRows(db.ds);
    const id = await forgeTaskDecision('attacker01');

    expect(await applyDingTalkEvent(built.deps, { inboundEventId: id })).toBe('rejected');

    expect(await review()).toMatchObject({ status: 'pending', decision: null, decidedByUserId: null });
    expect(await stage()).toBe('in_review');
    const after = await countRows(db.ds);
    // What the attack wrote: the stored event with its outbox row, the audit entry, the HR notice. Nothing else.
    expect(after).toEqual({ ...before, inbound_events: before.inbound_events! + 1, outbox: before.outbox! + 2, audit_log: before.audit_log! + 1 });
    expect(await db.ds.getRepository(InboundEvent).findOneByOrFail({ id })).toMatchObject({ status: 'rejected', attempts: 1 });
    const [audit, ...more] = await audits('review.foreign_actor');
    expect(more).toEqual([]);
    expect(audit).toMatchObject({ actorType: 'dingtalk', actorId: 'attacker01', subjectType: 'application', subjectId: file.applicationId });
    expect(audit!.details).toMatchObject({ reviewId, inboundEventId: id, result: 'agree', approverUserIds: ['sup_general'] });
    expect(await notices()).toEqual([{ reviewId, type: 'foreign_actor' }]);
    expect(await audits('review.decided')).toEqual([]);
  });

  it("a real supervisor of another position cannot decide this position's review through a callback", async () => {
    const id = await forgeTaskDecision(PEOPLE.supFresh.userId, 'refuse', '不合适');

    expect(await applyDingTalkEvent(built.deps, { inboundEventId: id })).toBe('rejected');

    expect(await review()).toMatchObject({ status: 'pending', decision: null });
    expect(await stage()).toBe('in_review');
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: 'review.execute' })).toBe(0);
    expect(await db.ds.getRepository(OutboxMessage).countBy({ kind: 'vendor.supplementary' })).toBe(0);
  });

  it('a forged contrary decision on a decided review is not recorded as a conflict and changes nothing', async () => {
    await decideReview(built.deps, { review: { id: reviewId }, actorUserId: 'sup_general', source: 'app', decision: 'agree' });
    const before = await countRows(db.ds);
    const id = await forgeTaskDecision(PEOPLE.hr.userId, 'refuse', '不合适');

    expect(await applyDingTalkEvent(built.deps, { inboundEventId: id })).toBe('rejected');

    expect(await review()).toMatchObject({ status: 'decided', decision: 'agree', decisionSource: 'app' });
    expect(await stage()).toBe('second_interview');
    expect(await audits('review.conflict')).toEqual([]);
    expect((await countRows(db.ds)).stage_history).toBe(before.stage_history);
  });

  it('replaying the rejected event (a worker retry, a re-push) writes nothing more', async () => {
    const id = await forgeTaskDecision('attacker01', 'agree', '同意', 'forged-replayed');
    await applyDingTalkEvent(built.deps, { inboundEventId: id });
    const before = await countRows(db.ds);
    const wakes = built.deps.wakes();

    expect(await applyDingTalkEvent(built.deps, { inboundEventId: id })).toBe('rejected');
    expect(await forgeTaskDecision('attacker01', 'agree', '同意', 'forged-replayed')).toBe(id);

    expect(await review()).toMatchObject({ status: 'pending' });
    expect(await countRows(db.ds)).toEqual(before);
    expect(built.deps.wakes()).toBe(wakes);
  });

  it('the foreign-actor notice goes to HR, not to the approvers', async () => {
    await applyDingTalkEvent(built.deps, { inboundEventId: await forgeTaskDecision('attacker01') });

    expect(await sendReviewNotice(built.deps, { reviewId, type: 'foreign_actor' })).toBe('sent');

    expect(fake.notices).toHaveLength(1);
    expect(fake.notices[0]!.userIds).toEqual(built.deps.settings.roles.hrUserIds);
    expect(fake.notices[0]!.card.title).toContain('审批操作人异常');
  });

  it("a forged push naming the real approver decides nothing while DingTalk's copy shows the task still open", async () => {
    const before = await countRows(db.ds);
    const id = await forgeTaskDecision('sup_general', 'agree');
    expect(await applyDingTalkEvent(built.deps, { inboundEventId: id })).toBe('rejected');
    expect(await review()).toMatchObject({ status: 'pending', decision: null });
    expect(await stage()).toBe('in_review');
    const [audit] = await audits('review.foreign_actor');
    expect(audit!.details).toMatchObject({ why: 'not_in_dingtalk' });
    // Written: the stored event, its audit and the HR notice; nothing about the review or the candidate.
    const after = await countRows(db.ds);
    expect([after.reviews, after.stage_history, after.applications]).toEqual([before.reviews, before.stage_history, before.applications]);
  });

  it('control: the approver’s own decision, made in DingTalk, through the same callback is applied', async () => {
    fake.decideInDingTalk(`inst-${reviewId}`, 'sup_general', 'agree', '同意');
    const id = await forgeTaskDecision('sup_general');
    expect(await applyDingTalkEvent(built.deps, { inboundEventId: id })).toBe('applied');
    expect(await review()).toMatchObject({ status: 'decided', decision: 'agree', decidedByUserId: 'sup_general' });
    expect(await audits('review.foreign_actor')).toEqual([]);
  });
});
