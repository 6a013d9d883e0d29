import { randomUUID } from 'node:crypto';
import {
  DIMENSION_LABELS,
  evaluate,
  missingDimensions,
  recordingConsentOf,
  resolveDimensionScores,
  type InterviewResult,
  type IngestionResponse,
} from '@aireview/shared';
import type { EntityManager } from 'typeorm';
import {
  Application,
  NO_OUTCOME,
  Candidate,
  DimensionScore,
  EvaluationModelVersion,
  InterviewRound,
  Position,
  Report,
  ScenarioResult,
  ScoreRecord,
  SupplementaryRequest,
} from '../platform/db/entities/index.js';
import { inTransaction, isUniqueViolation } from '../platform/db/transaction.js';
import { conflict, unprocessable } from '../platform/http/errors.js';
import { transitionStage } from '../candidates/index.js';
import { writeAudit } from '../platform/audit.js';
import type { Deps } from '../platform/deps.js';
import { canonicalJson, sha256Hex } from '../platform/hash.js';
import { enqueue } from '../platform/outbox/enqueue.js';
import { reviewRequestedEffect } from '../review/index.js';

export interface IngestOutcome {
  /** `created` for a new round, `replayed` when the same interview was already ingested with the same content. */
  status: 'created' | 'replayed';
  /** The round written (or found). */
  roundId: string;
  data: IngestionResponse;
}

/**
 * Turn one finished AI interview into a candidate file: candidate (deduplicated), application,
 * round, scenarios, dimension scores, score record, report, stage history, audit entry and the
 * outbox row that starts the review — all in one transaction, or nothing. Wakes the outbox worker
 * after a new round committed.
 */
export async function ingestInterviewResult(deps: Pick<Deps, 'ds' | 'clock' | 'wake'>, payload: InterviewResult, requestId?: string): Promise<IngestOutcome> {
  const payloadSha256 = sha256Hex(canonicalJson(payload));
  const attempt = () => inTransaction(deps.ds, (em) => writeInterviewResult(em, payload, { payloadSha256, now: deps.clock.now(), requestId }));
  let outcome: IngestOutcome;
  try {
    outcome = await attempt();
  } catch (error) {
    // A concurrent request inserted the same interview or candidate first: run again to replay or conflict.
    if (!isUniqueViolation(error)) throw error;
    outcome = await attempt();
  }
  if (outcome.status === 'created') deps.wake();
  return outcome;
}

export interface WriteInterviewOptions {
  /** What replays compare: the payload's hash (the history import hashes the whole record). */
  payloadSha256: string;
  now: Date;
  requestId?: string;
  /**
   * History import: the application and round are marked imported, arrive at the interview's own
   * completion time, and start no review (no outbox row, so no approval and no notice).
   */
  imported?: boolean;
}

/** The writing half of ingestion, inside the caller's transaction; shared with the history import. */
export async function writeInterviewResult(em: EntityManager, payload: InterviewResult, options: WriteInterviewOptions): Promise<IngestOutcome> {
  const { payloadSha256, now, requestId } = options;
  const imported = options.imported ?? false;
  const existing = await em.findOneBy(InterviewRound, { interviewId: payload.interviewId });
  if (existing) return replay(em, existing, payloadSha256);

  const position = await em.findOneBy(Position, { code: payload.positionCode });
  if (!position) throw unprocessable('unknown_position', `岗位编码 ${payload.positionCode} 不存在`, { positionCode: payload.positionCode });
  const modelRow = await em.findOneByOrFail(EvaluationModelVersion, { positionId: position.id, version: position.currentModelVersion });

  const explicit = payload.dimensionScores;
  const missing = missingDimensions(modelRow.model, resolveDimensionScores(payload.scenarios, explicit));
  if (missing.length > 0) {
    throw unprocessable('missing_dimension', `缺少岗位画像要求的维度评分：${missing.map((d) => DIMENSION_LABELS[d]).join('、')}`, { missing });
  }
  const evaluation = evaluate(modelRow.model, payload.scenarios, explicit);

  const candidate = await upsertCandidate(em, payload.candidate, now);
  const { application, round, fromStage } = await openRound(em, candidate, position.id, payload, evaluation, modelRow.version, now, imported);

  const roundId = randomUUID();
  await em.insert(InterviewRound, {
    id: roundId,
    applicationId: application.id,
    interviewId: payload.interviewId,
    round,
    requestId: payload.requestId ?? null,
    payloadSha256,
    startedAt: new Date(payload.startedAt),
    completedAt: new Date(payload.completedAt),
    overallScore: evaluation.overallScore,
    recommendation: evaluation.recommendation,
    modelVersion: modelRow.version,
    dimensionScores: evaluation.dimensionScores,
    floorsMissed: evaluation.floorsMissed,
    latencyPenalty: evaluation.latencyPenalty,
    latencySummary: evaluation.latency,
    imported,
    recordingConsent: recordingConsentOf(payload.candidate.consent),
    assessmentNoticeAt: payload.candidate.consent?.automatedAssessmentNotice ? new Date(payload.candidate.consent.automatedAssessmentNotice) : null,
    createdAt: now,
  });
  await em.insert(
    ScenarioResult,
    payload.scenarios.map((s, ordinal) => ({
      id: randomUUID(),
      roundId,
      scenarioId: s.scenarioId,
      ordinal,
      title: s.title,
      prompt: s.prompt,
      transcript: s.transcript,
      responseLatencyMs: Math.round(s.responseLatencySec * 1000),
      durationMs: s.durationSec === undefined ? null : Math.round(s.durationSec * 1000),
      scores: s.scores,
      emotionVolatility: s.emotionVolatility ?? null,
      recordingKey: null,
      recordingContentType: null,
      recordingBytes: null,
      recordingSha256: null,
      recordingUploadedAt: null,
    })),
  );
  const dimensionRows = Object.entries(evaluation.dimensionScores).map(([dimension, score]) => ({
    id: randomUUID(),
    roundId,
    dimension: dimension as DimensionScore['dimension'],
    score: score as number,
    source: (explicit?.[dimension as DimensionScore['dimension']] !== undefined ? 'vendor' : 'scenario_mean') as DimensionScore['source'],
  }));
  if (dimensionRows.length > 0) await em.insert(DimensionScore, dimensionRows);
  await em.insert(ScoreRecord, {
    id: randomUUID(),
    roundId,
    modelVersion: modelRow.version,
    overallScore: evaluation.overallScore,
    recommendation: evaluation.recommendation,
    floorsMissed: evaluation.floorsMissed,
    reason: 'ingest',
    createdAt: now,
  });
  if (payload.report) {
    await em.insert(Report, {
      id: randomUUID(),
      roundId,
      summary: payload.report.summary,
      strengths: payload.report.strengths ?? [],
      risks: payload.report.risks ?? [],
    });
  }

  if (imported) {
    // History: the arrival at the interview's own time, by the import; the review happened outside this system.
    const arrivedAt = new Date(payload.completedAt);
    await transitionStage(em, { applicationId: application.id, from: null, to: 'ai_interviewed', actorType: 'system', roundId, reason: '历史导入：AI面试完成' }, arrivedAt);
    await transitionStage(em, { applicationId: application.id, from: 'ai_interviewed', to: 'in_review', actorType: 'system', roundId, reason: '历史导入：审核（系统外完成）' }, arrivedAt);
  } else if (fromStage === null) {
    // The application was inserted in `ai_interviewed`; record that arrival, then open the review.
    await transitionStage(em, { applicationId: application.id, from: null, to: 'ai_interviewed', actorType: 'vendor', roundId, reason: 'AI面试完成' }, now);
    await transitionStage(em, { applicationId: application.id, from: 'ai_interviewed', to: 'in_review', actorType: 'system', roundId, reason: '自动发起审核' }, now);
  } else {
    await em.update(SupplementaryRequest, { applicationId: application.id, status: 'requested' }, { status: 'answered', answeredRoundId: roundId, answeredAt: now });
    await transitionStage(em, {
      applicationId: application.id,
      from: fromStage,
      to: 'in_review',
      actorType: 'vendor',
      roundId,
      reason: payload.requestId
        ? `${fromStage === 'retake_requested' ? '重新面试' : '补充测试'}结果到达（请求 ${payload.requestId}）`
        : `第 ${round} 轮AI面试结果到达`,
    }, now);
  }

  if (!imported) await enqueue(em, reviewRequestedEffect({ applicationId: application.id, roundId }), now);
  await writeAudit(em, {
    actorType: imported ? 'system' : 'vendor',
    actorId: null,
    action: imported ? 'interview.imported' : 'interview.ingested',
    subjectType: 'application',
    subjectId: application.id,
    details: { interviewId: payload.interviewId, round },
    requestId: requestId ?? null,
  }, now);

  return {
    status: 'created',
    roundId,
    data: {
      candidateId: candidate.id,
      applicationId: application.id,
      interviewId: payload.interviewId,
      round,
      overallScore: evaluation.overallScore,
      recommendation: evaluation.recommendation,
      modelVersion: modelRow.version,
      stage: 'in_review',
    },
  };
}

async function replay(em: EntityManager, round: InterviewRound, payloadSha256: string): Promise<IngestOutcome> {
  if (round.payloadSha256 !== payloadSha256) {
    throw conflict('interview_conflict', `面试 ${round.interviewId} 已用不同的内容提交过`, { interviewId: round.interviewId });
  }
  const application = await em.findOneByOrFail(Application, { id: round.applicationId });
  const first = await em.findOneOrFail(ScoreRecord, { where: { roundId: round.id, reason: 'ingest' } });
  return {
    status: 'replayed',
    roundId: round.id,
    data: {
      candidateId: application.candidateId,
      applicationId: application.id,
      interviewId: round.interviewId,
      round: round.round,
      overallScore: first.overallScore,
      recommendation: first.recommendation,
      modelVersion: first.modelVersion,
      stage: 'in_review',
    },
  };
}

export function normalizePhone(phone: string | undefined): string | null {
  if (!phone) return null;
  const digits = phone.replace(/[^0-9+]/g, '');
  return digits.startsWith('+86') ? digits.slice(3) : digits;
}

/** The demographics sent with consent (the schema refuses them without it). */
function demographicsOf(input: InterviewResult['candidate']): Pick<Candidate, 'gender' | 'birthYear'> {
  return input.consent?.demographics ? { gender: input.gender ?? null, birthYear: input.birthYear ?? null } : { gender: null, birthYear: null };
}

/** Find the candidate by external id, then by phone; create one otherwise. Newer contact data wins. */
async function upsertCandidate(em: EntityManager, input: InterviewResult['candidate'], now: Date): Promise<Candidate> {
  const phone = normalizePhone(input.phone);
  const found =
    (await em.findOneBy(Candidate, { externalId: input.externalId })) ??
    (phone ? await em.findOne(Candidate, { where: { phone }, order: { createdAt: 'ASC' } }) : null);
  if (!found) {
    const candidate: Candidate = {
      id: randomUUID(),
      externalId: input.externalId,
      name: input.name,
      phone,
      email: input.email ?? null,
      source: input.source ?? null,
      ...demographicsOf(input),
      createdAt: now,
      updatedAt: now,
    };
    await em.insert(Candidate, candidate);
    return candidate;
  }
  const changes: Partial<Candidate> = {
    name: input.name,
    phone: phone ?? found.phone,
    email: input.email ?? found.email,
    source: found.source ?? input.source ?? null,
    externalId: found.externalId ?? input.externalId,
    // Consent given with this interview: its demographics replace the stored ones.
    ...(input.consent?.demographics ? demographicsOf(input) : {}),
    updatedAt: now,
  };
  await em.update(Candidate, { id: found.id }, changes);
  return { ...found, ...changes };
}

type Evaluation = ReturnType<typeof evaluate>;

/** Create the application for a first interview, or validate and advance it for a later round. */
async function openRound(
  em: EntityManager,
  candidate: Candidate,
  positionId: string,
  payload: InterviewResult,
  evaluation: Evaluation,
  modelVersion: number,
  now: Date,
  imported: boolean,
): Promise<{ application: Application; round: number; fromStage: Application['stage'] | null }> {
  const completedAt = new Date(payload.completedAt);
  const scores = {
    overallScore: evaluation.overallScore,
    recommendation: evaluation.recommendation,
    modelVersion,
    dimensionScores: evaluation.dimensionScores,
    lastInterviewAt: completedAt,
    updatedAt: now,
  };
  const application = await em.findOneBy(Application, { candidateId: candidate.id, positionId });
  if (!application) {
    if (payload.requestId) {
      throw unprocessable('unknown_request', `补充测试请求 ${payload.requestId} 不存在`, { requestId: payload.requestId });
    }
    const created: Application = {
      id: randomUUID(),
      candidateId: candidate.id,
      positionId,
      stage: 'ai_interviewed',
      currentRound: 1,
      batch: payload.batchId ?? shanghaiDate(completedAt),
      createdAt: now,
      ...NO_OUTCOME,
      imported,
      ...scores,
    };
    await em.insert(Application, created);
    return { application: created, round: 1, fromStage: null };
  }
  if (imported || (application.stage !== 'supplementary_test' && application.stage !== 'retake_requested')) {
    throw conflict('illegal_transition', '该候选人当前不在等待补充测试或重新面试的状态，不能接收新一轮面试结果', {
      from: application.stage,
      to: 'in_review',
    });
  }
  const open = await em.findOneBy(SupplementaryRequest, { applicationId: application.id, status: 'requested' });
  if (payload.requestId && open?.id !== payload.requestId) {
    throw unprocessable('unknown_request', `补充测试请求 ${payload.requestId} 不存在或已完成`, { requestId: payload.requestId });
  }
  const round = application.currentRound + 1;
  await em.update(Application, { id: application.id }, { currentRound: round, ...scores });
  return { application: { ...application, currentRound: round, ...scores }, round, fromStage: application.stage };
}

/** YYYY-MM-DD in Asia/Shanghai (UTC+8, no DST). */
export function shanghaiDate(date: Date): string {
  return new Date(date.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}
