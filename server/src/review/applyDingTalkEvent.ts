import { writeAudit } from '../platform/audit.js';
import { InboundEvent, Review } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { toApprovalEvent, type ApprovalEvent } from '../platform/dingtalk/events.js';
import { isDingTalkError } from '../platform/dingtalk/port.js';
import { decisionFromApproval } from '../platform/dingtalk/remark.js';
import { scrubText } from '../platform/logger.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { decideReview } from './decideReview.js';
import { noticeEffect } from './notices.js';
import { syncReviewWithDingTalk } from './reconcileReviews.js';
import { terminateReview } from './terminateReview.js';

/** Thrown while an event names an instance whose create call has not been recorded yet: retried later. */
export class InstanceNotYetKnownError extends Error {
  override name = 'InstanceNotYetKnownError';
}

/** `rejected`: stored, never applied (a decision by someone who is not an approver of the review). */
export type ApplyOutcome = 'applied' | 'ignored' | 'rejected';

/**
 * Outbox handler of `dingtalk.event`: apply one stored DingTalk event to the review it concerns.
 * Duplicates and out-of-order arrivals are harmless: decisions go through `decideReview`, which
 * ignores a second arrival, and instance-level events defer to DingTalk's current copy of the instance.
 */
export async function applyDingTalkEvent(deps: Deps, payload: { inboundEventId: string }): Promise<ApplyOutcome> {
  const repo = deps.ds.getRepository(InboundEvent);
  const stored = await repo.findOneByOrFail({ id: payload.inboundEventId });
  if (stored.status === 'applied' || stored.status === 'ignored' || stored.status === 'rejected') return stored.status;
  let outcome: ApplyOutcome;
  try {
    outcome = await applyEvent(deps, stored, toApprovalEvent(stored.payload));
  } catch (error) {
    await repo.update({ id: stored.id }, { attempts: stored.attempts + 1, lastError: scrubText(error instanceof Error ? error.message : String(error)).slice(0, 4000) });
    throw error;
  }
  // A rejection marks the event itself, together with what it writes.
  if (outcome !== 'rejected') await repo.update({ id: stored.id }, { status: outcome, attempts: stored.attempts + 1, lastError: null, appliedAt: deps.clock.now() });
  return outcome;
}

async function applyEvent(deps: Deps, stored: InboundEvent, event: ApprovalEvent | null): Promise<ApplyOutcome> {
  if (!event || event.processCode !== deps.settings.dingtalk.processCode) return 'ignored';
  const review = await deps.ds.getRepository(Review).findOneBy({ approvalInstanceId: event.instanceId });
  if (!review) {
    // Our create call may still be recording the instance id; decisions and results must not be lost.
    // Anything else needs nothing (reconciliation covers an instance revoked while we were recording it).
    if (event.kind === 'task_decided' || event.kind === 'instance_finished') throw new InstanceNotYetKnownError(`no review for approval ${event.instanceId} yet`);
    return 'ignored';
  }
  switch (event.kind) {
    case 'task_decided':
      // Only an approver of this review decides it: a callback naming anyone else (a leaked callback
      // key, a forged push) is kept for HR to look at, never applied.
      if (!review.approverUserIds.includes(event.userId)) return rejectForeignActor(deps, stored, review, event, 'not_an_approver');
      // A push is only a hint: the decision is applied only when DingTalk's own copy of the approval shows
      // that approver's task decided that way, so a forged push naming a real approver decides nothing.
      if (!(await confirmedByDingTalk(deps, review, event))) return rejectForeignActor(deps, stored, review, event, 'not_in_dingtalk');
      await decideReview(deps, { review: { id: review.id }, actorUserId: event.userId, source: 'dingtalk', taskId: event.taskId, ...decisionFromApproval(event.result, event.remark) });
      return 'applied';
    case 'instance_finished':
      // The task event carries who and why; if it was lost, DingTalk's copy of the instance does too.
      if (review.status === 'pending') await syncReviewWithDingTalk(deps, review);
      return 'applied';
    case 'instance_ended':
      return (await terminateReview(deps, review, event.how)) ? 'applied' : 'ignored';
    case 'other':
      return 'ignored';
  }
}

/** True when DingTalk's copy of the instance has this approver's task (or a decision) with this result. */
async function confirmedByDingTalk(deps: Deps, review: Review, event: Extract<ApprovalEvent, { kind: 'task_decided' }>): Promise<boolean> {
  if (!review.approvalInstanceId) return false;
  let instance;
  try {
    instance = await deps.dingtalk.getApprovalInstance(review.approvalInstanceId);
  } catch (error) {
    // Deleted in DingTalk: nothing there confirms the push.
    if (isDingTalkError(error) && error.kind === 'not_found') return false;
    throw error;
  }
  const byTask = instance.tasks.some((t) => t.userId === event.userId && t.state === 'done' && t.result === event.result && (event.taskId === null || t.taskId === event.taskId));
  return byTask || instance.decisions.some((d) => d.userId === event.userId && d.result === event.result);
}

/**
 * A task decision that cannot be applied — by someone who is not an approver of the review, or not
 * found in DingTalk's copy of the approval (a forged push): the event is marked `rejected`, the
 * attempt audited as `review.foreign_actor` and HR notified once, in one transaction (a retry after a
 * crash writes nothing twice). The review and the candidate's stage stay as they are.
 */
async function rejectForeignActor(
  deps: Deps,
  stored: InboundEvent,
  review: Review,
  event: Extract<ApprovalEvent, { kind: 'task_decided' }>,
  why: 'not_an_approver' | 'not_in_dingtalk',
): Promise<'rejected'> {
  const now = deps.clock.now();
  const marked = await inTransaction(deps.ds, async (em) => {
    const update = await em.update(InboundEvent, { id: stored.id, status: stored.status }, { status: 'rejected', attempts: stored.attempts + 1, lastError: null, appliedAt: now });
    if (!update.affected) return false;
    await writeAudit(em, {
      actorType: 'dingtalk',
      actorId: event.userId,
      action: 'review.foreign_actor',
      subjectType: 'application',
      subjectId: review.applicationId,
      details: { why, reviewId: review.id, inboundEventId: stored.id, eventId: stored.eventId, taskId: event.taskId, result: event.result, approverUserIds: review.approverUserIds },
    }, now);
    await enqueue(em, noticeEffect(review, 'foreign_actor'), now);
    return true;
  });
  if (marked) {
    deps.wake();
    deps.log.warn({ reviewId: review.id, inboundEventId: stored.id, actorUserId: event.userId, why }, 'DingTalk task event not applied (actor is not an approver, or DingTalk has no such decision)');
  }
  return 'rejected';
}
