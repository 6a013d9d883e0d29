import { IsNull, LessThanOrEqual, Or } from 'typeorm';
import { Review } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { isDingTalkError, type ApprovalInstance } from '../platform/dingtalk/port.js';
import { decisionFromApproval } from '../platform/dingtalk/remark.js';
import { decideReview } from './decideReview.js';
import { terminateReview } from './terminateReview.js';

const BATCH = 50;

/**
 * Bring one review in line with DingTalk's copy of its approval: a finished approval applies its
 * deciding approver's decision (a no-op when already applied), a revoked or deleted one marks the review terminated.
 */
export async function syncReviewWithDingTalk(deps: Deps, review: Review): Promise<'decided' | 'terminated' | 'running' | 'unchanged'> {
  if (!review.approvalInstanceId) return 'unchanged';
  let instance: ApprovalInstance;
  try {
    instance = await deps.dingtalk.getApprovalInstance(review.approvalInstanceId);
  } catch (error) {
    // Deleted in DingTalk (or never there): nobody can decide it any more.
    if (isDingTalkError(error) && error.kind === 'not_found') return (await terminateReview(deps, review, 'missing')) ? 'terminated' : 'unchanged';
    throw error;
  }
  await deps.ds.getRepository(Review).update({ id: review.id }, { checkedAt: deps.clock.now() });
  if (instance.state === 'agreed' || instance.state === 'refused') {
    const result = instance.state === 'agreed' ? 'agree' : 'refuse';
    const deciding = [...instance.decisions].reverse().find((d) => d.result === result);
    const actor = deciding?.userId ?? instance.tasks.find((t) => t.result === result)?.userId;
    if (!actor) return 'unchanged';
    const taskId = instance.tasks.find((t) => t.userId === actor && t.result === result)?.taskId ?? null;
    const outcome = await decideReview(deps, { review: { id: review.id }, actorUserId: actor, source: 'dingtalk', taskId, ...decisionFromApproval(result, deciding?.remark ?? null) });
    return outcome.outcome === 'applied' ? 'decided' : 'unchanged';
  }
  if (instance.state === 'terminated') return (await terminateReview(deps, review, 'reconciled')) ? 'terminated' : 'unchanged';
  return 'running';
}

/**
 * Pushes can be lost: every review still pending `reconcileAfterMs` after its approval started (and
 * not checked within that interval) is compared with DingTalk. Safe to run on several instances.
 */
export async function reconcilePendingReviews(deps: Deps): Promise<{ checked: number; decided: number; terminated: number }> {
  const threshold = new Date(deps.clock.now().getTime() - deps.settings.review.reconcileAfterMs);
  const due = await deps.ds.getRepository(Review).find({
    where: { status: 'pending', startedAt: LessThanOrEqual(threshold), checkedAt: Or(IsNull(), LessThanOrEqual(threshold)) },
    order: { startedAt: 'ASC' },
    take: BATCH,
  });
  const report = { checked: 0, decided: 0, terminated: 0 };
  for (const review of due) {
    try {
      const outcome = await syncReviewWithDingTalk(deps, review);
      report.checked += 1;
      if (outcome === 'decided') report.decided += 1;
      if (outcome === 'terminated') report.terminated += 1;
    } catch (error) {
      deps.log.warn({ err: error, reviewId: review.id }, 'reconciliation of a review failed; will try again');
    }
  }
  if (report.decided + report.terminated > 0) deps.log.info(report, 'reconciled reviews with DingTalk');
  return report;
}
