import { round, type ApplicationFile, type DimensionScores, type ReviewView, type RoundView, type ScenarioView, type SessionUser, type StageChangeView } from '@aireview/shared';
import { In, type DataSource } from 'typeorm';
import { canViewPosition, emailFor, phoneFor } from '../auth/scope.js';
import { writeAudit } from '../commands/audit.js';
import {
  Application,
  Candidate,
  EvaluationModelVersion,
  InterviewRound,
  Position,
  Report,
  Review,
  ScenarioResult,
  StageChange,
  SupplementaryRequest,
} from '../db/entities/index.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../errors.js';
import { presentApplicationSummary, userNames } from './present.js';

/** A scenario answered slower than this is flagged. */
export const SLOW_RESPONSE_MS = 30_000;

const fileNotFound = () => notFound('not_found', '候选人档案不存在或无权查看');

/** The application and its position, or 404 when it does not exist or the viewer may not see it. */
export async function findVisibleApplication(ds: DataSource, viewer: SessionUser, applicationId: string): Promise<{ application: Application; position: Position }> {
  const application = await ds.getRepository(Application).findOneBy({ id: applicationId });
  if (!application) throw fileNotFound();
  const position = await ds.getRepository(Position).findOneByOrFail({ id: application.positionId });
  if (!canViewPosition(viewer, position)) throw fileNotFound();
  return { application, position };
}

export function averageOf(scores: DimensionScores): number {
  const values = Object.values(scores).filter((v): v is number => typeof v === 'number');
  return values.length === 0 ? 0 : round(values.reduce((sum, v) => sum + v, 0) / values.length);
}

export function presentScenarios(scenarios: readonly ScenarioResult[]): ScenarioView[] {
  const views = [...scenarios]
    .sort((a, b) => a.ordinal - b.ordinal)
    .map((s) => ({
      scenarioResultId: s.id,
      scenarioId: s.scenarioId,
      title: s.title,
      prompt: s.prompt,
      transcript: s.transcript,
      responseLatencyMs: s.responseLatencyMs,
      slow: s.responseLatencyMs > SLOW_RESPONSE_MS,
      durationMs: s.durationMs,
      scores: s.scores,
      averageScore: averageOf(s.scores),
      lowest: false,
      recordingUrl: s.recordingKey ? `/api/v1/recordings/${encodeURIComponent(s.id)}` : null,
    }));
  // Only a comparison among several scenarios says anything: a lone scenario is not marked.
  if (views.length > 1) {
    const lowest = views.reduce((min, v) => (v.averageScore < min.averageScore ? v : min));
    lowest.lowest = true;
  }
  return views;
}

/**
 * Stage changes in the order they happened. Changes made in one transaction share a timestamp
 * (ai_interviewed → in_review at ingestion), so ties follow the chain: each change starts where the previous ended.
 */
export function chronological(changes: readonly StageChange[]): StageChange[] {
  const sorted = [...changes].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime() || a.id.localeCompare(b.id));
  const ordered: StageChange[] = [];
  for (let i = 0; i < sorted.length; ) {
    let end = i;
    while (end < sorted.length && sorted[end]!.createdAt.getTime() === sorted[i]!.createdAt.getTime()) end += 1;
    const group = sorted.slice(i, end);
    while (group.length > 0) {
      const previous = ordered.at(-1)?.toStage ?? null;
      const next = group.findIndex((c) => c.fromStage === previous);
      ordered.push(...group.splice(Math.max(next, 0), 1));
    }
    i = end;
  }
  return ordered;
}

/**
 * The candidate file as the viewer may see it, and an `application.viewed` audit entry.
 * 404 for unknown ids and for files outside the viewer's scope alike.
 */
export async function viewApplicationFile(
  deps: { ds: DataSource; now?: () => Date },
  viewer: SessionUser,
  applicationId: string,
  requestId?: string,
): Promise<ApplicationFile> {
  const { ds } = deps;
  const { application, position } = await findVisibleApplication(ds, viewer, applicationId);
  const [candidate, model, rounds, stageHistory, reviews] = await Promise.all([
    ds.getRepository(Candidate).findOneByOrFail({ id: application.candidateId }),
    ds.getRepository(EvaluationModelVersion).findOneByOrFail({ positionId: position.id, version: application.modelVersion }),
    ds.getRepository(InterviewRound).find({ where: { applicationId: application.id }, order: { round: 'ASC' } }),
    ds.getRepository(StageChange).find({ where: { applicationId: application.id } }).then(chronological),
    ds.getRepository(Review).find({ where: { applicationId: application.id }, order: { round: 'DESC', createdAt: 'DESC' } }),
  ]);
  const roundIds = rounds.map((r) => r.id);
  const reviewIds = reviews.map((r) => r.id);
  const [scenarios, reports, requests, names] = await Promise.all([
    roundIds.length ? ds.getRepository(ScenarioResult).findBy({ roundId: In(roundIds) }) : [],
    roundIds.length ? ds.getRepository(Report).findBy({ roundId: In(roundIds) }) : [],
    reviewIds.length ? ds.getRepository(SupplementaryRequest).findBy({ reviewId: In(reviewIds) }) : [],
    userNames(ds, [
      ...stageHistory.filter((s) => s.actorType !== 'system' && s.actorType !== 'vendor').map((s) => s.actorId),
      ...reviews.map((r) => r.decidedByUserId),
    ]),
  ]);

  const roundViews: RoundView[] = rounds.map((r) => {
    const report = reports.find((rep) => rep.roundId === r.id);
    return {
      roundId: r.id,
      round: r.round,
      interviewId: r.interviewId,
      requestId: r.requestId,
      completedAt: r.completedAt.toISOString(),
      overallScore: r.overallScore,
      recommendation: r.recommendation,
      modelVersion: r.modelVersion,
      dimensionScores: r.dimensionScores,
      floorsMissed: r.floorsMissed,
      latencyPenalty: r.latencyPenalty,
      latency: r.latencySummary,
      scenarios: presentScenarios(scenarios.filter((s) => s.roundId === r.id)),
      report: report ? { summary: report.summary, strengths: report.strengths, risks: report.risks } : null,
    };
  });
  const historyViews: StageChangeView[] = stageHistory.map((s) => ({
    from: s.fromStage,
    to: s.toStage,
    actorType: s.actorType,
    actorName: s.actorId && s.actorType !== 'system' && s.actorType !== 'vendor' ? (names.get(s.actorId) ?? null) : null,
    reason: s.reason,
    at: s.createdAt.toISOString(),
  }));
  const reviewViews: ReviewView[] = reviews.map((r) => ({
    reviewId: r.id,
    round: r.round,
    status: r.status,
    approverUserIds: r.approverUserIds,
    decision: r.decision,
    decidedByName: r.decidedByUserId ? (names.get(r.decidedByUserId) ?? null) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    remark: r.remark,
    agreedWithAi: r.agreedWithAi,
    supplementaryScenarios: requests.find((q) => q.reviewId === r.id)?.scenarios ?? null,
  }));

  await inTransaction(ds, (em) =>
    writeAudit(
      em,
      { actorType: 'user', actorId: viewer.userId, action: 'application.viewed', subjectType: 'application', subjectId: application.id, requestId: requestId ?? null },
      deps.now?.() ?? new Date(),
    ),
  );

  return {
    application: presentApplicationSummary(viewer, application, candidate, position),
    candidate: {
      name: candidate.name,
      phone: phoneFor(viewer, candidate.phone),
      email: emailFor(viewer, candidate.email),
      source: candidate.source,
      externalId: candidate.externalId,
    },
    position: { code: position.code, name: position.name, departmentId: position.departmentId },
    model: { ...model.model, version: model.version },
    rounds: roundViews,
    stageHistory: historyViews,
    reviews: reviewViews,
    canDecide: reviews.some((r) => r.status === 'pending' && r.approverUserIds.includes(viewer.userId)),
  };
}
