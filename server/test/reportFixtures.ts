import { randomUUID } from 'node:crypto';
import type { DimensionScores, Recommendation, Stage } from '@aireview/shared';
import type { DataSource, ObjectLiteral } from 'typeorm';
import { Application, Candidate, InterviewRound, NO_OUTCOME, Review, StageChange } from '../src/platform/db/entities/index.js';

/** One application of the reports' fixed data; what is not given gets a plain default. */
export interface ReportRow {
  positionId: string;
  stage?: Stage;
  overallScore?: number;
  dimensionScores?: DimensionScores;
  recommendation?: Recommendation;
  batch?: string;
  /** Its (only) interview: lastInterviewAt and createdAt. */
  at?: Date;
  source?: string | null;
  /** The candidate's name (default 测试候选人) and phone (default none). */
  name?: string;
  phone?: string | null;
  /** Stages it entered after review (stage_changes rows). */
  entered?: Stage[];
  /** A decided review, started at `at`. */
  review?: { by: string; hours: number; agreedWithAi: boolean | null };
  onboardingDate?: string;
  lastWorkDay?: string;
  retentionCheckedAt?: Date;
}

async function insertChunked<T extends ObjectLiteral>(ds: DataSource, entity: new () => T, rows: T[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) await ds.getRepository(entity).insert(rows.slice(i, i + 200) as never);
}

/**
 * Insert applications straight into the tables, each with its candidate, one interview round and,
 * when asked, a decided review and stage changes — fast enough for the hundreds of rows the alert
 * tests need. Returns the application ids in order.
 */
export async function insertReportRows(ds: DataSource, rows: readonly ReportRow[]): Promise<string[]> {
  const candidates: Candidate[] = [];
  const applications: Application[] = [];
  const rounds: InterviewRound[] = [];
  const reviews: Review[] = [];
  const changes: StageChange[] = [];
  const ids: string[] = [];
  for (const row of rows) {
    const at = row.at ?? new Date('2026-11-20T02:00:00Z');
    const candidateId = randomUUID();
    const applicationId = randomUUID();
    const roundId = randomUUID();
    ids.push(applicationId);
    const dimensionScores = row.dimensionScores ?? { serviceAwareness: 80, communication: 80 };
    const overallScore = row.overallScore ?? 80;
    const recommendation = row.recommendation ?? (overallScore >= 70 ? 'recommended' : 'not_recommended');
    candidates.push(
      Object.assign(new Candidate(), {
        id: candidateId,
        externalId: `rep-${candidateId}`,
        name: row.name ?? '测试候选人',
        phone: row.phone ?? null,
        email: null,
        source: row.source === undefined ? 'BOSS直聘' : row.source,
        createdAt: at,
        updatedAt: at,
      }),
    );
    applications.push(
      Object.assign(new Application(), {
        id: applicationId,
        candidateId,
        positionId: row.positionId,
        stage: row.stage ?? 'in_review',
        currentRound: 1,
        overallScore,
        recommendation,
        modelVersion: 1,
        dimensionScores,
        batch: row.batch ?? at.toISOString().slice(0, 10),
        lastInterviewAt: at,
        ...NO_OUTCOME,
        onboardingDate: row.onboardingDate ?? null,
        lastWorkDay: row.lastWorkDay ?? null,
        retentionCheckedAt: row.retentionCheckedAt ?? null,
        imported: false,
        createdAt: at,
        updatedAt: at,
      }),
    );
    rounds.push(
      Object.assign(new InterviewRound(), {
        id: roundId,
        applicationId,
        interviewId: `rep-itv-${applicationId}`,
        round: 1,
        requestId: null,
        payloadSha256: '0'.repeat(64),
        startedAt: at,
        completedAt: at,
        overallScore,
        recommendation,
        modelVersion: 1,
        dimensionScores,
        floorsMissed: [],
        latencyPenalty: 0,
        latencySummary: { scenarioCount: 1, withinThresholdCount: 1, withinThresholdShare: 1, meanSec: 5, maxSec: 5, thresholdSec: 30 },
        imported: false,
        createdAt: at,
      }),
    );
    if (row.review) {
      const decidedAt = new Date(at.getTime() + row.review.hours * 3_600_000);
      reviews.push(
        Object.assign(new Review(), {
          id: randomUUID(),
          applicationId,
          roundId,
          round: 1,
          status: 'decided',
          approvalInstanceId: `rep-inst-${applicationId}`,
          approverUserIds: [row.review.by],
          originatorUserId: 'hr01',
          aiRecommendation: recommendation,
          startAttempts: 1,
          startAttemptedAt: at,
          startedAt: at,
          decision: row.entered?.includes('second_interview') ? 'agree' : 'refuse',
          decisionSource: 'app',
          decidedByUserId: row.review.by,
          decidedAt,
          remark: null,
          agreedWithAi: row.review.agreedWithAi,
          createdAt: at,
          updatedAt: decidedAt,
        }),
      );
    }
    for (const [i, toStage] of (row.entered ?? []).entries()) {
      changes.push(
        Object.assign(new StageChange(), {
          id: randomUUID(),
          applicationId,
          fromStage: null,
          toStage,
          actorType: 'system',
          actorId: null,
          reason: null,
          roundId: null,
          approvalInstanceId: null,
          approvalTaskId: null,
          createdAt: new Date(at.getTime() + (i + 1) * 60_000),
        }),
      );
    }
  }
  await insertChunked(ds, Candidate, candidates);
  await insertChunked(ds, Application, applications);
  await insertChunked(ds, InterviewRound, rounds);
  await insertChunked(ds, Review, reviews);
  await insertChunked(ds, StageChange, changes);
  return ids;
}
