import { IsNull, LessThanOrEqual, Or } from 'typeorm';
import { isDingTalkError } from '../dingtalk/port.js';
import { Review } from '../db/entities/index.js';
import { markTerminated } from './applyEvent.js';
import { decideReview, decisionFromApproval } from './decide.js';
import { nowOf, type ReviewDeps } from './deps.js';

const BATCH = 50;

/**
 * Bring one review in line with DingTalk's copy of its approval: a finished approval applies its
 * deciding approver's decision (a no-op when already applied), a revoked one marks the review terminated.
 */
export async function syncReviewWithDingTalk(deps: ReviewDeps, review: Review): Promise<'decided' | 'terminated' | 'running' | 'unchanged'> {
  if (!review.approvalInstanceId) return 'unchanged';
  let instance;
  try {
    instance = await deps.dingtalk.getApprovalInstance(review.approvalInstanceId);
  } catch (error) {
    // Deleted in DingTalk (or never there): nobody can decide it any more.
    if (isDingTalkError(error) && error.kind === 'business' && /not_?exist/i.test(error.code)) {
      return (await markTerminated(deps, review, 'missing')) ? 'terminated' : 'unchanged';
    }
    throw error;
  }
  await deps.ds.getRepository(Review).update({ id: review.id }, { checkedAt: nowOf(deps) });
  if (instance.status === 'COMPLETED' && instance.result) {
    const deciding = [...instance.decisions].reverse().find((d) => d.result === instance.result);
    const actor = deciding?.userId ?? instance.tasks.find((t) => t.result === instance.result)?.userId;
    if (!actor) return 'unchanged';
    const decision = decisionFromApproval(instance.result, deciding?.remark ?? null);
    const taskId = instance.tasks.find((t) => t.userId === actor && t.result === instance.result)?.taskId ?? null;
    const outcome = await decideReview(deps, { review: { id: review.id }, actorUserId: actor, source: 'dingtalk', taskId, ...decision });
    return outcome.outcome === 'applied' ? 'decided' : 'unchanged';
  }
  if (instance.status === 'TERMINATED' || instance.status === 'CANCELED') {
    return (await markTerminated(deps, review, 'reconciled')) ? 'terminated' : 'unchanged';
  }
  return 'running';
}

/**
 * Pushes can be lost: every review still pending `reconcileAfterMs` after its approval started (and
 * not checked within that interval) is compared with DingTalk. Safe to run on several instances.
 */
export async function reconcilePendingReviews(deps: ReviewDeps): Promise<{ checked: number; decided: number; terminated: number }> {
  const threshold = new Date(nowOf(deps).getTime() - deps.settings.reconcileAfterMs);
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
