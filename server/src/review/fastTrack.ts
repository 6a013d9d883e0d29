import { agreesWithAi, type FastTrackInput, type MoveResult, type SessionUser } from '@aireview/shared';
import { presentTrainingAssignment, transitionStage } from '../candidates/index.js';
import { writeAudit } from '../platform/audit.js';
import { Review } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { conflict } from '../platform/http/errors.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { assignTraining } from '../training/index.js';
import { checkMover, lockForMove } from './hrMoves.js';
import { closeApprovalEffect } from './kinds.js';

/**
 * HR move a strong but uneven candidate from 待审核 straight to 复试 (直接进入复试), overriding the
 * review, with at least one of the position's courses made mandatory. One transaction: the review
 * settled as HR's `agree` (source `hr_fast_track`, so the agreement figures count it as a human
 * decision with its agreement with the AI), the stage, the mandatory and rule-fired assignments, the
 * DingTalk approval revoked with a remark saying so, the audit entry.
 */
export async function fastTrack(deps: Pick<Deps, 'ds' | 'clock' | 'wake' | 'settings'>, viewer: SessionUser, applicationId: string, input: FastTrackInput, requestId?: string): Promise<MoveResult> {
  await checkMover(deps, viewer, applicationId, '直接安排复试');
  const remark = input.remark.trim();
  const now = deps.clock.now();
  const assignments = await inTransaction(deps.ds, async (em) => {
    const { application, review } = await lockForMove(deps, em, applicationId);
    await transitionStage(em, {
      applicationId,
      from: application.stage,
      to: 'second_interview',
      actorType: 'user',
      actorId: viewer.userId,
      reason: `HR 直接进入复试：${remark}`,
      roundId: review?.roundId ?? null,
      approvalInstanceId: review?.approvalInstanceId ?? null,
    }, now);
    if (!review || (review.status !== 'pending' && review.status !== 'terminated')) throw conflict('review_not_open', '该候选人没有待审核的记录');
    const settled = await em.update(Review, { id: review.id, status: review.status }, {
      status: 'decided',
      decision: 'agree',
      decisionSource: 'hr_fast_track',
      decidedByUserId: viewer.userId,
      decidedAt: now,
      remark,
      agreedWithAi: agreesWithAi('agree', review.aiRecommendation),
      updatedAt: now,
    });
    if (!settled.affected) throw conflict('concurrent_update', '审核状态已变化，请刷新后重试');
    if (review.status === 'pending') await enqueue(em, closeApprovalEffect(review.id, `HR 已直接安排复试（跳过审核）：${remark}`), now);
    const created = await assignTraining(em, deps, { applicationId, trigger: 'second_interview', mandatoryRuleIds: input.ruleIds }, now);
    await writeAudit(em, {
      actorType: 'user',
      actorId: viewer.userId,
      action: 'application.fast_tracked',
      subjectType: 'application',
      subjectId: applicationId,
      details: { reviewId: review.id, remark, mandatoryRuleIds: input.ruleIds, assignmentIds: created.map((a) => a.id) },
      requestId: requestId ?? null,
    }, now);
    return created;
  });
  deps.wake();
  return { applicationId, stage: 'second_interview', assignments: assignments.map(presentTrainingAssignment) };
}
