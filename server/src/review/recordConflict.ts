import type { EntityManager } from 'typeorm';
import { writeAudit, type AuditInput } from '../platform/audit.js';
import type { Review } from '../platform/db/entities/index.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { noticeEffect } from './notices.js';

/**
 * The app and DingTalk disagree about a review's outcome (DingTalk reports another decision, or an app
 * decision could not be carried over): audit `review.conflict` and notify HR once, in the caller's transaction.
 */
export async function recordConflict(
  em: EntityManager,
  review: Pick<Review, 'id' | 'applicationId' | 'approvalInstanceId'>,
  by: Pick<AuditInput, 'actorType' | 'actorId'> & { details: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await writeAudit(em, {
    actorType: by.actorType,
    actorId: by.actorId,
    action: 'review.conflict',
    subjectType: 'application',
    subjectId: review.applicationId,
    details: { reviewId: review.id, ...by.details },
  }, now);
  await enqueue(em, noticeEffect(review, 'conflict'), now);
}
