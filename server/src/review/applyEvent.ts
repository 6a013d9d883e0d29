import { toApprovalEvent, type ApprovalEvent } from '../dingtalk/events.js';
import { InboundEvent, Review } from '../db/entities/index.js';
import { inTransaction } from '../db/transaction.js';
import { writeAudit } from '../commands/audit.js';
import { enqueue } from '../outbox/enqueue.js';
import { decideReview, decisionFromApproval } from './decide.js';
import { nowOf, type ReviewDeps } from './deps.js';
import { noticeEffect } from './notices.js';
import { syncReviewWithDingTalk } from './reconcile.js';

/** Thrown while an event names an instance whose create call has not been recorded yet: retried later. */
export class InstanceNotYetKnownError extends Error {
  override name = 'InstanceNotYetKnownError';
}

export type ApplyOutcome = 'applied' | 'ignored';

/**
 * Outbox handler of `dingtalk.event`: apply one stored DingTalk event to the review it concerns.
 * Duplicates and out-of-order arrivals are harmless: decisions go through `decideReview`, which
 * ignores a second arrival, and instance-level events defer to DingTalk's current copy of the instance.
 */
export async function applyDingTalkEvent(deps: ReviewDeps, payload: { inboundEventId: string }): Promise<ApplyOutcome> {
  const repo = deps.ds.getRepository(InboundEvent);
  const stored = await repo.findOneByOrFail({ id: payload.inboundEventId });
  if (stored.status === 'applied' || stored.status === 'ignored') return stored.status;
  let outcome: ApplyOutcome;
  try {
    outcome = await applyEvent(deps, toApprovalEvent(stored.payload));
  } catch (error) {
    await repo.update({ id: stored.id }, { attempts: stored.attempts + 1, lastError: error instanceof Error ? error.message.slice(0, 4000) : String(error) });
    throw error;
  }
  await repo.update({ id: stored.id }, { status: outcome, attempts: stored.attempts + 1, lastError: null, appliedAt: nowOf(deps) });
  return outcome;
}

async function applyEvent(deps: ReviewDeps, event: ApprovalEvent | null): Promise<ApplyOutcome> {
  if (!event || event.processCode !== deps.settings.processCode) return 'ignored';
  const review = await deps.ds.getRepository(Review).findOneBy({ approvalInstanceId: event.instanceId });
  if (!review) {
    // Our create call may still be recording the instance id; finishing events must not be lost.
    // Starts, comments and the end of an instance nobody decided (e.g. one revoked before HR restarted
    // the review) need nothing; reconciliation covers an instance revoked while we were recording it.
    if (['start', 'cancel', 'comment', 'terminate', 'delete'].includes(event.type)) return 'ignored';
    throw new InstanceNotYetKnownError(`no review for approval ${event.instanceId} yet`);
  }

  if (event.scope === 'task' && event.type === 'finish' && (event.result === 'agree' || event.result === 'refuse') && event.userId) {
    const decision = decisionFromApproval(event.result, event.remark);
    await decideReview(deps, { review: { id: review.id }, actorUserId: event.userId, source: 'dingtalk', taskId: event.taskId, ...decision });
    return 'applied';
  }
  if (event.scope === 'instance' && event.type === 'finish') {
    // The task event carries who and why; if it was lost, DingTalk's copy of the instance does too.
    if (review.status === 'pending') await syncReviewWithDingTalk(deps, review);
    return 'applied';
  }
  if (event.scope === 'instance' && (event.type === 'terminate' || event.type === 'delete')) {
    return (await markTerminated(deps, review, event.type)) ? 'applied' : 'ignored';
  }
  return 'ignored';
}

/** The approval was revoked or deleted in DingTalk before anyone decided: tell HR; the candidate stays in review. */
export async function markTerminated(deps: ReviewDeps, review: Review, how: string): Promise<boolean> {
  const now = nowOf(deps);
  const changed = await inTransaction(deps.ds, async (em) => {
    const result = await em.update(Review, { id: review.id, status: 'pending' }, { status: 'terminated', updatedAt: now });
    if (!result.affected) return false;
    await writeAudit(em, {
      actorType: 'dingtalk',
      actorId: null,
      action: 'review.terminated',
      subjectType: 'application',
      subjectId: review.applicationId,
      details: { reviewId: review.id, how },
    }, now);
    await enqueue(em, noticeEffect(review, 'terminated'), now);
    return true;
  });
  if (changed) deps.kick?.();
  return changed;
}
