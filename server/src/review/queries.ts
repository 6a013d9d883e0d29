import { AI_SUGGESTED_DECISION, DIMENSION_LABELS, RECOMMENDATION_LABELS, REVIEW_DECISION_LABELS, maskName, type Dimension } from '@aireview/shared';
import type { PendingReviewList, SessionUser } from '@aireview/shared';
import { In, type EntityManager } from 'typeorm';
import { summariesOf, unique, visiblePositions } from '../candidates/index.js';
import type { Deps } from '../platform/deps.js';
import { Application, Candidate, EvaluationModelVersion, InterviewRound, Position, Review, User } from '../platform/db/entities/index.js';
import { escapeLike } from '../platform/db/sql.js';

/** What cards and the approval form say about one review. */
export interface ReviewContext {
  review: Review;
  application: Application;
  round: InterviewRound;
  position: Position;
  maskedName: string;
  fullName: string;
  /** "82.5 · 推荐" */
  scoreLine: string;
  /** "推荐（建议通过）" */
  adviceLine: string;
  /** One line per weighted dimension: "沟通表达 85.0（权重 30%）" */
  dimensionLines: string[];
  /** "平均 12.3 秒，最长 35.0 秒；2/6 个场景超过 30 秒" */
  latencyLine: string;
  /** Approvers by name where we know them, else by DingTalk user id. */
  approverNames: string[];
}

export async function loadReviewContext(em: EntityManager, review: Review): Promise<ReviewContext> {
  const application = await em.findOneByOrFail(Application, { id: review.applicationId });
  const round = await em.findOneByOrFail(InterviewRound, { id: review.roundId });
  const position = await em.findOneByOrFail(Position, { id: application.positionId });
  const candidate = await em.findOneByOrFail(Candidate, { id: application.candidateId });
  const model = await em.findOneByOrFail(EvaluationModelVersion, { positionId: position.id, version: round.modelVersion });
  const dimensionLines = (Object.entries(model.model.weights) as [Dimension, number][]).map(([dimension, weight]) => {
    const score = round.dimensionScores[dimension];
    const missed = round.floorsMissed.includes(dimension) ? '，低于门槛' : '';
    return `${DIMENSION_LABELS[dimension]} ${score === undefined ? '—' : score.toFixed(1)}（权重 ${Math.round(weight * 100)}%${missed}）`;
  });
  const l = round.latencySummary;
  const slow = l.scenarioCount - l.withinThresholdCount;
  const users = await em.findBy(User, { dingtalkUserId: In(review.approverUserIds) });
  const approverNames = review.approverUserIds.map((id) => users.find((u) => u.dingtalkUserId === id)?.name ?? id);
  return {
    approverNames,
    review,
    application,
    round,
    position,
    maskedName: maskName(candidate.name),
    fullName: candidate.name,
    scoreLine: `${round.overallScore.toFixed(1)} · ${RECOMMENDATION_LABELS[round.recommendation]}`,
    adviceLine: `${RECOMMENDATION_LABELS[round.recommendation]}（建议${REVIEW_DECISION_LABELS[AI_SUGGESTED_DECISION[round.recommendation]]}）`,
    dimensionLines,
    latencyLine: `平均 ${l.meanSec.toFixed(1)} 秒，最长 ${l.maxSec.toFixed(1)} 秒；${slow}/${l.scenarioCount} 个场景超过 ${l.thresholdSec} 秒`,
  };
}

const HOUR_MS = 3_600_000;

/**
 * The open reviews the viewer is an approver of, oldest first. `approverUserIds` is JSON text, so
 * SQL narrows on the quoted id and JS re-checks the parsed list. Files outside the viewer's scope are left out.
 */
export async function listPendingReviews(deps: Pick<Deps, 'ds' | 'clock'>, viewer: SessionUser): Promise<PendingReviewList> {
  const { ds } = deps;
  const candidates = await ds
    .getRepository(Review)
    .createQueryBuilder('r')
    .where('r.status = :status', { status: 'pending' })
    .andWhere("r.approverUserIds LIKE :approver ESCAPE '!'", { approver: `%${escapeLike(JSON.stringify(viewer.userId))}%` })
    .getMany();
  const mine = candidates.filter((r) => r.approverUserIds.includes(viewer.userId));
  if (mine.length === 0) return { items: [], count: 0 };

  const applications = await ds.getRepository(Application).findBy({ id: In(unique(mine.map((r) => r.applicationId))) });
  const positions = visiblePositions(viewer, await ds.getRepository(Position).findBy({ id: In(unique(applications.map((a) => a.positionId))) }));
  const visibleIds = new Set(positions.map((p) => p.id));
  const visible = applications.filter((a) => visibleIds.has(a.positionId));
  const summaries = await summariesOf(ds, viewer, visible);
  const summaryById = new Map(summaries.map((s) => [s.applicationId, s]));

  const nowMs = deps.clock.now().getTime();
  const items = mine
    .flatMap((review) => {
      const application = summaryById.get(review.applicationId);
      return application ? [{ review, application, startedAt: review.startedAt ?? review.createdAt }] : [];
    })
    .sort((x, y) => x.startedAt.getTime() - y.startedAt.getTime() || x.review.id.localeCompare(y.review.id))
    .map(({ review, application, startedAt }) => ({
      reviewId: review.id,
      application,
      startedAt: startedAt.toISOString(),
      waitingHours: Math.max(0, Math.floor((nowMs - startedAt.getTime()) / HOUR_MS)),
    }));
  return { items, count: items.length };
}
