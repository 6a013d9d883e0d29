import { randomUUID } from 'node:crypto';
import type { MoveResult, RetakeInput, SessionUser } from '@aireview/shared';
import { transitionStage } from '../candidates/index.js';
import { writeAudit } from '../platform/audit.js';
import { Review, SupplementaryRequest } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { conflict } from '../platform/http/errors.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { checkMover, lockForMove } from './hrMoves.js';
import { closeApprovalEffect, REVIEW_KINDS } from './kinds.js';

/**
 * HR send a candidate to retake the whole AI interview (重新参加AI面试), e.g. after a course: from
 * 待审核 or 不通过 only, with a remark. One transaction: the stage `retake_requested`, the vendor
 * request (`kind: "retake"`, the supplementary channel, signed), the open approval settled and revoked
 * in DingTalk, the audit entry. The vendor's answering round (carrying the request id) opens a new review.
 */
export async function requestRetake(deps: Pick<Deps, 'ds' | 'clock' | 'wake'>, viewer: SessionUser, applicationId: string, input: RetakeInput, requestId?: string): Promise<MoveResult> {
  await checkMover(deps, viewer, applicationId, '安排重新面试');
  const remark = input.remark.trim();
  const now = deps.clock.now();
  const vendorRequestId = await inTransaction(deps.ds, async (em) => {
    const { application, review } = await lockForMove(deps, em, applicationId);
    if (application.imported) throw conflict('illegal_transition', '历史导入的候选人不能重新面试', { from: application.stage, to: 'retake_requested' });
    await transitionStage(em, { applicationId, from: application.stage, to: 'retake_requested', actorType: 'user', actorId: viewer.userId, reason: `重新参加AI面试：${remark}` }, now);
    if (!review) throw conflict('review_not_open', '该候选人还没有审核记录');
    if (review.status === 'pending') {
      await em.update(Review, { id: review.id, status: 'pending' }, { status: 'terminated', remark, updatedAt: now });
      await enqueue(em, closeApprovalEffect(review.id, `HR 已安排重新参加AI面试：${remark}`), now);
    }
    const id = randomUUID();
    await em.insert(SupplementaryRequest, {
      id,
      applicationId,
      reviewId: review.id,
      kind: 'retake',
      scenarios: [],
      remark,
      requestedByUserId: viewer.userId,
      status: 'requested',
      answeredRoundId: null,
      createdAt: now,
      answeredAt: null,
    });
    await enqueue(em, { kind: REVIEW_KINDS.vendorRequest, payload: { requestId: id }, dedupeKey: `vendor:${id}` }, now);
    await writeAudit(em, {
      actorType: 'user',
      actorId: viewer.userId,
      action: 'application.retake_requested',
      subjectType: 'application',
      subjectId: applicationId,
      details: { from: application.stage, reviewId: review.id, vendorRequestId: id, remark },
      requestId: requestId ?? null,
    }, now);
    return id;
  });
  deps.wake();
  return { applicationId, stage: 'retake_requested', requestId: vendorRequestId };
}
