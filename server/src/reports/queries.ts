import type { ReportQuery, SessionUser, Stage } from '@aireview/shared';
import type { DataSource, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { visiblePositions } from '../candidates/index.js';
import { addDays, retention90dOf, shanghaiMidnight } from '../hiring/index.js';
import { Application, Candidate, Position, Review, StageChange } from '../platform/db/entities/index.js';
import type { ReportApplication, ReportData, ReportReview } from './summarize.js';

/** The stages an application has necessarily passed 复试 to be in. */
const AFTER_SECOND_INTERVIEW: readonly Stage[] = ['second_interview', 'hired', 'left'];
const HIRED: readonly Stage[] = ['hired', 'left'];

/** What a report covers: positions the viewer may see (narrowed by positionCode) and the other filters. */
export interface ReportScope {
  positions: Pick<Position, 'id' | 'code' | 'name' | 'departmentId' | 'supervisorUserIds' | 'alertSettings'>[];
  /** Latest interview at or after (00:00 Asia/Shanghai of `from`). */
  since?: Date;
  /** Latest interview before (00:00 Asia/Shanghai of the day after `to`). */
  until?: Date;
  batch?: string;
  source?: string;
}

/** The scope of a report for this viewer; no positions when they see none (or positionCode names none of theirs). */
export async function reportScopeOf(ds: DataSource, viewer: SessionUser, query: ReportQuery): Promise<ReportScope> {
  const all = await ds.getRepository(Position).find({ select: { id: true, code: true, name: true, departmentId: true, supervisorUserIds: true, alertSettings: true }, order: { code: 'ASC' } });
  const positions = visiblePositions(viewer, all).filter((p) => query.positionCode === undefined || p.code === query.positionCode);
  return {
    positions,
    since: query.from ? shanghaiMidnight(query.from) : undefined,
    until: query.to ? shanghaiMidnight(addDays(query.to, 1)) : undefined,
    batch: query.batch,
    source: query.source,
  };
}

/** Narrows a query that has applications as `a` and candidates as `c` to the scope. */
export function inScope<T extends ObjectLiteral>(qb: SelectQueryBuilder<T>, scope: ReportScope): SelectQueryBuilder<T> {
  qb.andWhere('a.positionId IN (:...positionIds)', { positionIds: scope.positions.map((p) => p.id) });
  if (scope.since) qb.andWhere('a.lastInterviewAt >= :since', { since: scope.since });
  if (scope.until) qb.andWhere('a.lastInterviewAt < :until', { until: scope.until });
  if (scope.batch) qb.andWhere('a.batch = :batch', { batch: scope.batch });
  if (scope.source) qb.andWhere('c.source = :source', { source: scope.source });
  return qb;
}

/** An application in scope with the columns the alerts need beyond the summary's. */
export interface ScopedApplication extends ReportApplication {
  positionId: string;
  batch: string;
  /** Its first interview (the batch's start is its earliest). */
  createdAt: Date;
  lastInterviewAt: Date;
  recommendation: Application['recommendation'];
  /** Demographics sent with consent (fairness monitoring only). */
  gender: Candidate['gender'];
  birthYear: number | null;
  /** A reviewer decided on it. */
  reviewed: boolean;
}

export interface ScopedReview extends ReportReview {
  positionId: string;
}

/**
 * Everything the summary needs, in three queries whatever the number of applications: the applications
 * (with their candidate's channel), the stages they ever entered after review, and their decided reviews.
 * `today` is the Asia/Shanghai date (for 90-day retention).
 */
export async function loadReportData(ds: DataSource, scope: ReportScope, today: string): Promise<Omit<ReportData, 'applications' | 'reviews'> & { applications: ScopedApplication[]; reviews: ScopedReview[] }> {
  if (scope.positions.length === 0) return { applications: [], reviews: [], names: new Map() };
  const { entities, raw } = await inScope(
    ds
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin(Candidate, 'c', 'c.id = a.candidateId')
      .select([
        'a.id',
        'a.positionId',
        'a.stage',
        'a.overallScore',
        'a.recommendation',
        'a.dimensionScores',
        'a.batch',
        'a.createdAt',
        'a.lastInterviewAt',
        'a.onboardingDate',
        'a.lastWorkDay',
        'a.retentionCheckedAt',
        'a.imported',
      ])
      .addSelect('c.source', 'source')
      .addSelect('c.gender', 'gender')
      .addSelect('c.birthYear', 'birthYear')
      .where('1 = 1'),
    scope,
  )
    .orderBy('a.id')
    .getRawAndEntities<{ a_id: string; source: string | null; gender: Candidate['gender']; birthYear: number | string | null }>();
  const candidateById = new Map(raw.map((r) => [r.a_id, r]));

  const entered = await inScope(
    ds
      .getRepository(StageChange)
      .createQueryBuilder('s')
      .innerJoin(Application, 'a', 'a.id = s.applicationId')
      .innerJoin(Candidate, 'c', 'c.id = a.candidateId')
      .select('s.applicationId', 'applicationId')
      .addSelect('s.toStage', 'toStage')
      .distinct(true)
      .where('s.toStage IN (:...stages)', { stages: ['second_interview', 'hired'] }),
    scope,
  ).getRawMany<{ applicationId: string; toStage: Stage }>();
  const reachedSecond = new Set(entered.filter((e) => e.toStage === 'second_interview').map((e) => e.applicationId));
  const wasHired = new Set(entered.filter((e) => e.toStage === 'hired').map((e) => e.applicationId));

  const reviews = await inScope(
    ds
      .getRepository(Review)
      .createQueryBuilder('r')
      .innerJoin(Application, 'a', 'a.id = r.applicationId')
      .innerJoin(Candidate, 'c', 'c.id = a.candidateId')
      .select(['r.applicationId', 'r.decidedByUserId', 'r.startedAt', 'r.decidedAt', 'r.agreedWithAi'])
      .where('r.decision IS NOT NULL')
      .andWhere('r.startedAt IS NOT NULL')
      .andWhere('r.decidedAt IS NOT NULL'),
    scope,
  ).getMany();

  const reviewedIds = new Set(reviews.map((r) => r.applicationId));
  const applications: ScopedApplication[] = entities.map((a) => ({
    id: a.id,
    positionId: a.positionId,
    stage: a.stage,
    overallScore: Number(a.overallScore),
    recommendation: a.recommendation,
    dimensionScores: Object.fromEntries(Object.entries(a.dimensionScores ?? {}).map(([d, v]) => [d, Number(v)])),
    batch: a.batch,
    createdAt: a.createdAt,
    lastInterviewAt: a.lastInterviewAt,
    source: candidateById.get(a.id)?.source ?? null,
    gender: candidateById.get(a.id)?.gender ?? null,
    birthYear: candidateById.get(a.id)?.birthYear == null ? null : Number(candidateById.get(a.id)!.birthYear),
    reviewed: reviewedIds.has(a.id),
    reachedSecondInterview: AFTER_SECOND_INTERVIEW.includes(a.stage) || reachedSecond.has(a.id),
    everHired: HIRED.includes(a.stage) || wasHired.has(a.id),
    retained90d: retention90dOf(a, today),
  }));
  const positionOf = new Map(entities.map((a) => [a.id, a.positionId]));
  const decided: ScopedReview[] = reviews.map((r) => ({
    applicationId: r.applicationId,
    positionId: positionOf.get(r.applicationId)!,
    decidedByUserId: r.decidedByUserId,
    startedAt: r.startedAt!,
    decidedAt: r.decidedAt!,
    agreedWithAi: r.agreedWithAi,
  }));
  return { applications, reviews: decided, names: new Map() };
}
