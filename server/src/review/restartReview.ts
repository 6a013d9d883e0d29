import type { SessionUser } from '@aireview/shared';
import { findVisibleApplication } from '../candidates/index.js';
import { writeAudit } from '../platform/audit.js';
import { Application, Review } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import { conflict, forbidden } from '../platform/http/errors.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import type { Deps } from '../platform/deps.js';
import { REVIEW_KINDS } from './kinds.js';

const RESTARTERS: readonly SessionUser['role'][] = ['hr', 'admin'];

/**
 * HR start a new DingTalk approval for a review whose approval was revoked or deleted in DingTalk
 * (the candidate is still 待审核). The review row starts over; the revoked instance is never adopted
 * again because only running or finished instances are looked up.
 */
export async function restartReview(deps: Pick<Deps, 'ds' | 'clock' | 'wake'>, viewer: SessionUser, applicationId: string, requestId?: string): Promise<{ reviewId: string; status: 'starting' }> {
  if (!RESTARTERS.includes(viewer.role)) throw forbidden('forbidden', '只有 HR 和管理员可以重新发起审核');
  await findVisibleApplication(deps.ds, viewer, applicationId);
  const now = deps.clock.now();
  const reviewId = await inTransaction(deps.ds, async (em) => {
    const review = await em.findOne(Review, { where: { applicationId }, order: { round: 'DESC' } });
    if (!review || review.status !== 'terminated') throw conflict('review_not_open', '只有钉钉审批已撤销的候选人可以重新发起审核');
    // Revoked because HR moved the candidate on (a retake): nothing to restart.
    const { stage } = await em.findOneByOrFail(Application, { id: applicationId });
    if (stage !== 'in_review') throw conflict('review_not_open', '候选人已不在待审核状态，无需重新发起审核');
    const reset = await em.update(Review, { id: review.id, status: 'terminated' }, {
      status: 'starting',
      approvalInstanceId: null,
      startAttempts: 0,
      startAttemptedAt: null,
      startedAt: null,
      remindedAt: null,
      escalatedAt: null,
      checkedAt: null,
      updatedAt: now,
    });
    if (!reset.affected) throw conflict('concurrent_update', '审核状态已变化，请刷新后重试');
    await enqueue(em, {
      kind: REVIEW_KINDS.requested,
      payload: { applicationId, roundId: review.roundId },
      dedupeKey: `review:${review.roundId}:restart:${now.getTime()}`,
    }, now);
    await writeAudit(em, {
      actorType: 'user',
      actorId: viewer.userId,
      action: 'review.restarted',
      subjectType: 'application',
      subjectId: applicationId,
      details: { reviewId: review.id, previousInstanceId: review.approvalInstanceId },
      requestId: requestId ?? null,
    }, now);
    return review.id;
  });
  deps.wake();
  return { reviewId, status: 'starting' };
}
