import { randomUUID } from 'node:crypto';
import { IsNull } from 'typeorm';
import { Application, InterviewRound, Position, Review } from '../platform/db/entities/index.js';
import { inTransaction } from '../platform/db/transaction.js';
import type { Deps } from '../platform/deps.js';
import { isDingTalkError } from '../platform/dingtalk/port.js';
import { reviewFormValues, reviewIdOf } from '../platform/dingtalk/reviewForm.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { PermanentDeliveryError } from '../platform/outbox/worker.js';
import { fileUrl } from '../platform/appLinks.js';
import { noticeEffect } from './notices.js';
import { loadReviewContext } from './queries.js';

type StartDeps = Pick<Deps, 'ds' | 'dingtalk' | 'log' | 'clock' | 'wake' | 'settings'>;

/** How far before the first create attempt the instance listing looks (clock skew with DingTalk). */
const LOOKUP_SLACK_MS = 10 * 60_000;
/** Instances fetched at most when looking for one whose create call had an unknown outcome. */
const LOOKUP_LIMIT = 40;

/**
 * Outbox handler of `review.requested`: make sure the round has exactly one DingTalk approval and
 * that its approvers are notified. Safe to run again at any point:
 * - the review row is created once per round;
 * - every create attempt is counted (committed) before the call, so after a timeout or a crash the
 *   next run first looks for an instance carrying this review's id and adopts it;
 * - the notice is an outbox row keyed by the review, written with the instance id.
 */
export async function startReview(deps: StartDeps, payload: { applicationId: string; roundId: string }): Promise<Review> {
  const review = await ensureReviewRow(deps, payload);
  if (review.approvalInstanceId) return review;

  const log = deps.log.child({ reviewId: review.id });
  if (review.startAttempts > 0) {
    const found = await findStartedInstance(deps, review);
    if (found) {
      log.info({ instanceId: found }, 'adopting the approval created by an earlier attempt');
      return recordInstance(deps, review, found);
    }
  }

  const context = await loadReviewContext(deps.ds.manager, review);
  await deps.ds.getRepository(Review).update(
    { id: review.id },
    { startAttempts: review.startAttempts + 1, startAttemptedAt: review.startAttemptedAt ?? deps.clock.now(), updatedAt: deps.clock.now() },
  );
  let instanceId: string;
  try {
    ({ instanceId } = await deps.dingtalk.startReviewApproval({
      originatorUserId: review.originatorUserId,
      approverUserIds: review.approverUserIds,
      formValues: reviewFormValues({
        reviewId: review.id,
        candidate: context.maskedName,
        position: `${context.position.name}（${context.position.code}）`,
        round: `第 ${review.round} 轮`,
        overall: context.round.overallScore.toFixed(1),
        recommendation: context.adviceLine,
        dimensions: context.dimensionLines.join('\n'),
        latency: context.latencyLine,
        link: fileUrl(deps.settings.publicBaseUrl, review.applicationId),
      }),
    }));
  } catch (error) {
    if (isDingTalkError(error) && !error.retryable) {
      throw new PermanentDeliveryError(`DingTalk refused the approval: ${error.code} ${error.message}`);
    }
    throw error;
  }
  log.info({ instanceId }, 'review approval started');
  return recordInstance(deps, review, instanceId);
}

async function ensureReviewRow(deps: StartDeps, payload: { applicationId: string; roundId: string }): Promise<Review> {
  return inTransaction(deps.ds, async (em) => {
    const existing = await em.findOneBy(Review, { roundId: payload.roundId });
    if (existing) return existing;
    const application = await em.findOneByOrFail(Application, { id: payload.applicationId });
    const round = await em.findOneByOrFail(InterviewRound, { id: payload.roundId });
    const position = await em.findOneByOrFail(Position, { id: application.positionId });
    // A position nobody supervises still gets reviewed: by HR.
    const approvers = position.supervisorUserIds.length > 0 ? position.supervisorUserIds : deps.settings.roles.hrUserIds;
    if (approvers.length === 0) throw new PermanentDeliveryError(`position ${position.code} has no supervisors and no HR users are configured`);
    if (!deps.settings.roles.originatorUserId) throw new PermanentDeliveryError('no approval originator configured (DINGTALK_ORIGINATOR_USER_ID)');
    const now = deps.clock.now();
    const review: Review = {
      id: randomUUID(),
      applicationId: application.id,
      roundId: round.id,
      round: round.round,
      status: 'starting',
      approvalInstanceId: null,
      approverUserIds: approvers.slice(0, 20),
      originatorUserId: deps.settings.roles.originatorUserId,
      aiRecommendation: round.recommendation,
      startAttempts: 0,
      startAttemptedAt: null,
      startedAt: null,
      decision: null,
      decisionSource: null,
      decidedByUserId: null,
      decidedAt: null,
      remark: null,
      agreedWithAi: null,
      remindedAt: null,
      escalatedAt: null,
      checkedAt: null,
      createdAt: now,
      updatedAt: now,
    };
    await em.insert(Review, review);
    return review;
  });
}

/** An instance of ours whose form carries this review's id, if an earlier attempt created one. */
async function findStartedInstance(deps: StartDeps, review: Review): Promise<string | null> {
  const since = new Date((review.startAttemptedAt ?? review.createdAt).getTime() - LOOKUP_SLACK_MS);
  const ids = await deps.dingtalk.listReviewInstanceIds({ since, originatorUserIds: [review.originatorUserId] });
  for (const id of ids.slice(-LOOKUP_LIMIT).reverse()) {
    const instance = await deps.dingtalk.getApprovalInstance(id);
    // A revoked instance of this review (before HR restarted it) is history, not ours to adopt.
    if (instance.state === 'terminated') continue;
    if (reviewIdOf(instance.formValues) === review.id) return id;
  }
  return null;
}

async function recordInstance(deps: StartDeps, review: Review, instanceId: string): Promise<Review> {
  const now = deps.clock.now();
  await inTransaction(deps.ds, async (em) => {
    await em.update(Review, { id: review.id, approvalInstanceId: IsNull() }, { approvalInstanceId: instanceId, status: 'pending', startedAt: now, updatedAt: now });
    await enqueue(em, noticeEffect({ id: review.id, approvalInstanceId: instanceId }, 'request'), now);
  });
  deps.wake();
  return { ...review, approvalInstanceId: instanceId, status: 'pending', startedAt: now };
}
