import { randomUUID } from 'node:crypto';
import { REVIEW_DECISION_LABELS, agreesWithAi, type ReviewDecision, type Stage, type SupplementaryScenarioId } from '@aireview/shared';
import type { EntityManager } from 'typeorm';
import { transitionStage } from '../candidates/index.js';
import { writeAudit } from '../platform/audit.js';
import { Application, Review, SupplementaryRequest, type DecisionSource } from '../platform/db/entities/index.js';
import { inTransaction, isMysql } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { approvalRemarkOf, approvalResultOf } from '../platform/dingtalk/remark.js';
import { conflict, forbidden, notFound } from '../platform/http/errors.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { REVIEW_KINDS } from './kinds.js';
import { noticeEffect } from './notices.js';
import { recordConflict } from './recordConflict.js';
import { assignTraining } from '../training/index.js';

const STAGE_OF: Record<ReviewDecision, Stage> = {
  agree: 'second_interview',
  refuse: 'rejected',
  supplementary: 'supplementary_test',
};

export interface DecideInput {
  /** By our id (the app) or by DingTalk's instance id (events, reconciliation). */
  review: { id: string } | { instanceId: string };
  actorUserId: string;
  source: DecisionSource;
  decision: ReviewDecision;
  remark?: string | null;
  scenarios?: SupplementaryScenarioId[];
  taskId?: string | null;
  requestId?: string | null;
}

export interface DecideOutcome {
  /** `unchanged`: the same decision was already recorded (a second arrival). `conflict`: DingTalk reports a different one. */
  outcome: 'applied' | 'unchanged' | 'conflict';
  review: Review;
  stage: Stage;
}

type DecideDeps = Pick<Deps, 'ds' | 'log' | 'clock' | 'wake' | 'settings'>;

/**
 * The one decision command, for decisions taken in our app and in DingTalk's approval screen.
 * Records who, when, remark and agreement with the AI; moves the stage; writes the effects (execute
 * the DingTalk task for app decisions, HR notice on agree, vendor request on supplementary) to the
 * outbox in the same transaction. The second arrival of the same decision changes nothing.
 */
export async function decideReview(deps: DecideDeps, input: DecideInput): Promise<DecideOutcome> {
  const result = await inTransaction(deps.ds, (em) => decideIn(deps, em, input));
  if (result.outcome !== 'unchanged') deps.wake();
  if (result.outcome === 'conflict') {
    deps.log.error({ reviewId: result.review.id, recorded: result.review.decision, reported: input.decision }, 'DingTalk reports a different decision than the one recorded');
  }
  return result;
}

async function decideIn(deps: DecideDeps, em: EntityManager, input: DecideInput): Promise<DecideOutcome> {
  const now = deps.clock.now();
  const where = 'id' in input.review ? { id: input.review.id } : { approvalInstanceId: input.review.instanceId };
  const review = await em.findOne(Review, { where, ...(isMysql(deps.ds) ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
  if (!review) throw notFound('not_found', '审核不存在');
  const application = await em.findOneByOrFail(Application, { id: review.applicationId });

  if (review.status === 'decided' && review.decision) {
    if (approvalResultOf(review.decision) === approvalResultOf(input.decision)) return { outcome: 'unchanged', review, stage: application.stage };
    if (input.source === 'app') {
      throw conflict('already_decided', `该候选人已被审核为「${REVIEW_DECISION_LABELS[review.decision]}」`, { decision: review.decision });
    }
    await recordConflict(em, review, { actorType: 'dingtalk', actorId: input.actorUserId, details: { recorded: review.decision, reported: input.decision } }, now);
    return { outcome: 'conflict', review, stage: application.stage };
  }
  if (review.status !== 'pending') {
    throw conflict('review_not_open', review.status === 'starting' ? '钉钉审批正在创建，请稍后再试' : '该审批已在钉钉中撤销，无法审核');
  }
  if (input.source === 'app' && !review.approverUserIds.includes(input.actorUserId)) {
    throw forbidden('not_an_approver', '你不是该候选人的审核人');
  }

  const remark = input.remark?.trim() ? input.remark.trim() : null;
  const agreedWithAi = agreesWithAi(input.decision, review.aiRecommendation);
  const changes = {
    status: 'decided' as const,
    decision: input.decision,
    decisionSource: input.source,
    decidedByUserId: input.actorUserId,
    decidedAt: now,
    remark,
    agreedWithAi,
    updatedAt: now,
  };
  const updated = await em.update(Review, { id: review.id, status: 'pending' }, changes);
  if (!updated.affected) throw conflict('concurrent_update', '审核状态已变化，请刷新后重试');

  const to = STAGE_OF[input.decision];
  const how = input.source === 'app' ? '应用内审核' : '钉钉审批';
  await transitionStage(em, {
    applicationId: application.id,
    from: application.stage,
    to,
    actorType: 'user',
    actorId: input.actorUserId,
    reason: `${REVIEW_DECISION_LABELS[input.decision]}（${how}）${remark ? `：${remark}` : ''}`,
    roundId: review.roundId,
    approvalInstanceId: review.approvalInstanceId,
    approvalTaskId: input.taskId ?? null,
  }, now);

  const scenarios = input.scenarios ?? [];
  if (input.source === 'app') {
    await enqueue(em, {
      kind: REVIEW_KINDS.execute,
      payload: { reviewId: review.id, actorUserId: input.actorUserId, result: approvalResultOf(input.decision), remark: approvalRemarkOf(input.decision, scenarios, remark) },
      dedupeKey: `execute:${review.id}`,
    }, now);
  }
  if (input.decision === 'agree') {
    await enqueue(em, noticeEffect(review, 'passed'), now);
    await assignTraining(em, deps, { applicationId: application.id, trigger: 'second_interview' }, now);
  }
  if (input.decision === 'supplementary') {
    const requestId = randomUUID();
    await em.insert(SupplementaryRequest, {
      id: requestId,
      applicationId: application.id,
      reviewId: review.id,
      kind: 'supplementary',
      scenarios,
      remark,
      requestedByUserId: input.actorUserId,
      status: 'requested',
      answeredRoundId: null,
      createdAt: now,
      answeredAt: null,
    });
    await enqueue(em, { kind: REVIEW_KINDS.vendorRequest, payload: { requestId }, dedupeKey: `vendor:${requestId}` }, now);
  }
  await writeAudit(em, {
    actorType: 'user',
    actorId: input.actorUserId,
    action: 'review.decided',
    subjectType: 'application',
    subjectId: application.id,
    details: { reviewId: review.id, decision: input.decision, source: input.source, agreedWithAi, ...(scenarios.length ? { scenarios } : {}) },
    requestId: input.requestId ?? null,
  }, now);
  return { outcome: 'applied', review: { ...review, ...changes }, stage: to };
}
