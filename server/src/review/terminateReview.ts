import { writeAudit } from '../platform/audit.js';
import { Review } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { noticeEffect } from './notices.js';

/**
 * The approval was revoked or deleted in DingTalk before anyone decided: mark the review terminated
 * and tell HR; the candidate stays in review until HR restarts it. False when it was no longer pending.
 */
export async function terminateReview(deps: Pick<Deps, 'ds' | 'clock' | 'wake'>, review: Review, how: 'terminated' | 'deleted' | 'missing' | 'reconciled'): Promise<boolean> {
  const now = deps.clock.now();
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
  if (changed) deps.wake();
  return changed;
}
