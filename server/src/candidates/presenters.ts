import {
  round,
  type ApplicationFile,
  type ApplicationSummary,
  type DimensionScores,
  type HiringView,
  type HrStatus,
  type Outcome,
  type ReviewView,
  type RoundView,
  type ScenarioView,
  type SessionUser,
  type StageChangeView,
  type TrainingAssignmentView,
} from '@aireview/shared';
import type {
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
  TrainingAssignment,
} from '../platform/db/entities/index.js';
import { emailFor, phoneFor } from './scope.js';

/** A scenario answered slower than this is flagged. */
export const SLOW_RESPONSE_MS = 30_000;

/** One row of the application list, field by field; the phone is masked unless the viewer is HR or admin. */
export function presentApplicationSummary(viewer: SessionUser, application: Application, candidate: Candidate, position: Position, reserveSupervisor: boolean): ApplicationSummary {
  return {
    applicationId: application.id,
    candidateId: candidate.id,
    candidateName: candidate.name,
    phone: phoneFor(viewer, candidate.phone),
    source: candidate.source,
    positionCode: position.code,
    positionName: position.name,
    stage: application.stage,
    overallScore: application.overallScore,
    recommendation: application.recommendation,
    round: application.currentRound,
    batch: application.batch,
    lastInterviewAt: application.lastInterviewAt.toISOString(),
    reserveSupervisor,
  };
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

/** Everything a candidate file shows, loaded by viewApplicationFile. */
export interface ApplicationFileRows {
  application: Application;
  candidate: Candidate;
  position: Position;
  model: EvaluationModelVersion;
  rounds: InterviewRound[];
  scenarios: ScenarioResult[];
  reports: Report[];
  stageHistory: StageChange[];
  reviews: Review[];
  requests: SupplementaryRequest[];
  assignments: TrainingAssignment[];
  /** DingTalk user id → display name. */
  names: Map<string, string>;
}

const isPerson = (actorType: StageChange['actorType']) => actorType !== 'system' && actorType !== 'vendor';

/** The candidate file as `viewer` may see it (contact details masked for supervisors). */
export function presentApplicationFile(viewer: SessionUser, rows: ApplicationFileRows): ApplicationFile {
  const { application, candidate, position, model, names } = rows;
  const roundViews: RoundView[] = rows.rounds.map((r) => {
    const report = rows.reports.find((rep) => rep.roundId === r.id);
    return {
      roundId: r.id,
      consent: { recording: r.recordingConsent, automatedAssessmentNoticeAt: r.assessmentNoticeAt?.toISOString() ?? null },
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
      scenarios: presentScenarios(rows.scenarios.filter((s) => s.roundId === r.id)),
      report: report ? { summary: report.summary, strengths: report.strengths, risks: report.risks } : null,
    };
  });
  const historyViews: StageChangeView[] = rows.stageHistory.map((s) => ({
    from: s.fromStage,
    to: s.toStage,
    actorType: s.actorType,
    actorName: s.actorId && isPerson(s.actorType) ? (names.get(s.actorId) ?? null) : null,
    reason: s.reason,
    at: s.createdAt.toISOString(),
  }));
  const reviewViews: ReviewView[] = rows.reviews.map((r) => ({
    reviewId: r.id,
    round: r.round,
    status: r.status,
    approverUserIds: r.approverUserIds,
    decision: r.decision,
    decidedByName: r.decidedByUserId ? (names.get(r.decidedByUserId) ?? null) : null,
    decidedAt: r.decidedAt?.toISOString() ?? null,
    remark: r.remark,
    agreedWithAi: r.agreedWithAi,
    supplementaryScenarios: rows.requests.find((q) => q.reviewId === r.id && q.kind === 'supplementary')?.scenarios ?? null,
  }));
  return {
    application: presentApplicationSummary(viewer, application, candidate, position, isReserveSupervisor(rows.assignments)),
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
    canDecide: rows.reviews.some((r) => r.status === 'pending' && r.approverUserIds.includes(viewer.userId)),
    hiring: presentHiring(application, names),
    canRecordOutcome: application.stage === 'second_interview' && isHr(viewer),
    trainingAssignments: rows.assignments.map(presentTrainingAssignment),
    reserveSupervisor: isReserveSupervisor(rows.assignments),
    canManageTraining: isHr(viewer),
    canRetake: isHr(viewer) && !application.imported && (application.stage === 'in_review' || application.stage === 'rejected'),
    canFastTrack: isHr(viewer) && application.stage === 'in_review',
  };
}

const isHr = (viewer: SessionUser) => viewer.role === 'hr' || viewer.role === 'admin';

/** In the 储备主管 pool: holds a programme assignment that was not waived. */
export function isReserveSupervisor(assignments: readonly Pick<TrainingAssignment, 'kind' | 'status'>[]): boolean {
  return assignments.some((a) => a.kind === 'programme' && a.status !== 'waived');
}

/** The after-复试 part of a file: null until HR recorded an outcome (imported history counts as recorded). */
export function presentHiring(application: Application, names: ReadonlyMap<string, string>): HiringView | null {
  const outcome: Outcome | null =
    application.stage === 'hired' || application.stage === 'left' ? 'hired' : application.stage === 'withdrawn' ? 'withdrawn' : application.outcomeAt && application.stage === 'rejected' ? 'rejected' : null;
  if (!outcome) return null;
  const hired = outcome === 'hired';
  const hrStatus: HrStatus | null = !hired
    ? null
    : application.stage === 'left'
      ? 'left'
      : application.employeeUserId || application.imported
        ? 'onboarded'
        : application.preEntryId
          ? 'pre_entry'
          : 'creating';
  return {
    outcome,
    outcomeAt: application.outcomeAt?.toISOString() ?? null,
    outcomeByName: application.outcomeByUserId ? (names.get(application.outcomeByUserId) ?? null) : null,
    onboardingDate: application.onboardingDate,
    hrStatus,
    lastWorkDay: application.lastWorkDay,
    leftReason: application.leftReason,
  };
}

/** The actors of a file's history and decisions whose names the file shows. */
export function personIdsOf(stageHistory: readonly StageChange[], reviews: readonly Review[]): (string | null)[] {
  return [...stageHistory.filter((s) => isPerson(s.actorType)).map((s) => s.actorId), ...reviews.map((r) => r.decidedByUserId)];
}

/** One training assignment as the file and the training API show it. */
export function presentTrainingAssignment(row: TrainingAssignment): TrainingAssignmentView {
  return {
    id: row.id,
    ruleId: row.ruleId,
    kind: row.kind,
    title: row.title,
    ...(row.dueAt ? { dueAt: row.dueAt.toISOString() } : {}),
    status: row.status,
    ...(row.completedAt ? { completedAt: row.completedAt.toISOString() } : {}),
    ...(row.completionScore !== null ? { completionScore: row.completionScore } : {}),
    mandatory: row.mandatory,
    trigger: row.dimension !== null && row.triggerScore !== null ? { dimension: row.dimension, score: row.triggerScore } : null,
    firedAt: row.firedAt,
    relativeTo: row.relativeTo,
    ...(row.dueDays !== null ? { dueDays: row.dueDays } : {}),
    ...(row.remark ? { remark: row.remark } : {}),
    createdAt: row.createdAt.toISOString(),
  };
}
