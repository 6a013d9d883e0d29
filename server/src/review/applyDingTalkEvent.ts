import { InboundEvent, Review } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { toApprovalEvent, type ApprovalEvent } from '../platform/dingtalk/events.js';
import { decisionFromApproval } from '../platform/dingtalk/remark.js';
import { decideReview } from './decideReview.js';
import { syncReviewWithDingTalk } from './reconcileReviews.js';
import { terminateReview } from './terminateReview.js';

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
export async function applyDingTalkEvent(deps: Deps, payload: { inboundEventId: string }): Promise<ApplyOutcome> {
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
  await repo.update({ id: stored.id }, { status: outcome, attempts: stored.attempts + 1, lastError: null, appliedAt: deps.clock.now() });
  return outcome;
}

async function applyEvent(deps: Deps, event: ApprovalEvent | null): Promise<ApplyOutcome> {
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
