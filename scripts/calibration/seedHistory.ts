/**
 * Writes generated hiring history (generateHistory.ts) straight into a database as imported hires:
 * candidate, application (stage hired, imported, dimension scores of the row), one imported round,
 * and monthly performance records whose mean is the row's outcome. A bulk stand-in for the signed
 * history and performance imports, for tests and demos that need thousands of hires in seconds.
 * Ids are derived from the row ids, so the calibration hold-out split is the same on every run.
 */
import { createHash } from 'node:crypto';
import { DIMENSIONS, type CalibrationOutcome, type EvaluationModel } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import { Application, Candidate, EvaluationModelVersion, InterviewRound, NO_OUTCOME, PerformanceRecord, Position } from '../../server/src/platform/db/entities/index.js';
import type { HistoryRow } from './generateHistory.js';

export interface SeedHistoryOptions {
  positionCode: string;
  rows: readonly HistoryRow[];
  /** Which performance column gets the row's outcome (the generator's qualityScore is our qaScore). */
  outcome: Exclude<CalibrationOutcome, 'retained90d'>;
  /** The instant the hires are recorded at; the interviews happened 200 days before, the hires 180 days before. */
  now: Date;
  /** Split each outcome over two periods (outcome ± spread) to exercise the mean over periods. Default true. */
  twoPeriods?: boolean;
}

const DAY_MS = 86_400_000;
const CHUNK = 200;

/** A UUID-shaped id from a name: stable across runs (sha256, version nibble 5 as in RFC 4122 name-based ids). */
export function nameUuid(name: string): string {
  const hex = createHash('sha256').update(name, 'utf8').digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function seedCalibrationHistory(ds: DataSource, options: SeedHistoryOptions): Promise<{ applicationIds: string[] }> {
  const position = await ds.getRepository(Position).findOneByOrFail({ code: options.positionCode });
  const { model } = await ds.getRepository(EvaluationModelVersion).findOneByOrFail({ positionId: position.id, version: position.currentModelVersion });
  const interviewedAt = new Date(options.now.getTime() - 200 * DAY_MS);
  const hiredAt = new Date(options.now.getTime() - 180 * DAY_MS);
  const onboardingDate = shanghaiDate(hiredAt);
  const batch = shanghaiDate(interviewedAt);
  const twoPeriods = options.twoPeriods ?? true;
  const applicationIds: string[] = [];

  for (let start = 0; start < options.rows.length; start += CHUNK) {
    const chunk = options.rows.slice(start, start + CHUNK);
    const candidates: Candidate[] = [];
    const applications: Application[] = [];
    const rounds: InterviewRound[] = [];
    const performance: PerformanceRecord[] = [];
    for (const row of chunk) {
      const key = `${options.positionCode}/${row.id}`;
      const candidateId = nameUuid(`candidate/${key}`);
      const applicationId = nameUuid(`application/${key}`);
      const overallScore = overall(model, row.scores);
      const recommendation = overallScore >= model.passScore ? 'recommended' : 'borderline';
      applicationIds.push(applicationId);
      candidates.push({ id: candidateId, externalId: `hist-${key}`, name: `历史录用${row.id.slice(-5)}`, phone: null, email: null, source: '历史导入', gender: null, birthYear: null, createdAt: options.now, updatedAt: options.now });
      applications.push({
        ...NO_OUTCOME,
        id: applicationId,
        candidateId,
        positionId: position.id,
        stage: 'hired',
        currentRound: 1,
        overallScore,
        recommendation,
        modelVersion: position.currentModelVersion,
        dimensionScores: { ...row.scores },
        batch,
        lastInterviewAt: interviewedAt,
        outcomeAt: hiredAt,
        onboardingDate,
        hiredAt,
        employeeId: `emp-${key}`,
        imported: true,
        createdAt: options.now,
        updatedAt: options.now,
      });
      rounds.push({
        id: nameUuid(`round/${key}`),
        applicationId,
        interviewId: `hist-itv-${key}`,
        round: 1,
        requestId: null,
        payloadSha256: createHash('sha256').update(key).digest('hex'),
        startedAt: interviewedAt,
        completedAt: interviewedAt,
        overallScore,
        recommendation,
        modelVersion: position.currentModelVersion,
        dimensionScores: { ...row.scores },
        floorsMissed: [],
        latencyPenalty: 0,
        latencySummary: { scenarioCount: 0, withinThresholdCount: 0, withinThresholdShare: 1, meanSec: 0, maxSec: 0, thresholdSec: 30 },
        imported: true,
        // History from before consent was recorded: unknown, never assumed.
        recordingConsent: 'unknown',
        assessmentNoticeAt: null,
        createdAt: options.now,
      });
      const values = twoPeriods ? spread(row.outcome, options.outcome) : [row.outcome];
      values.forEach((value, i) => {
        performance.push({
          id: nameUuid(`performance/${key}/${i}`),
          applicationId,
          period: `2026-0${i + 1}`,
          satisfaction: null,
          resolutionRate: null,
          qaScore: null,
          [options.outcome]: value,
          source: 'api',
          createdAt: options.now,
          updatedAt: options.now,
        });
      });
    }
    await ds.transaction(async (em) => {
      await em.insert(Candidate, candidates);
      await em.insert(Application, applications);
      await em.insert(InterviewRound, rounds);
      await em.insert(PerformanceRecord, performance);
    });
  }
  return { applicationIds };
}

/** Two values whose mean is the outcome, kept on the column's precision (tenths; 0..1 rates in thousandths). */
function spread(outcome: number, column: SeedHistoryOptions['outcome']): number[] {
  const delta = column === 'resolutionRate' ? 0.01 : 0.5;
  return [outcome + delta, outcome - delta].map((v) => Math.round(v * 1000) / 1000);
}

function overall(model: EvaluationModel, scores: HistoryRow['scores']): number {
  return Math.round(DIMENSIONS.reduce((sum, d) => sum + (model.weights[d] ?? 0) * scores[d], 0) * 10) / 10;
}

function shanghaiDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}
