import type { DimensionScores, Recommendation, Stage } from '@aireview/shared';
import type { DataSource } from 'typeorm';
import { Application, Candidate } from '../platform/db/entities/index.js';
import { inScope, type ReportScope } from './queries.js';

/** One application in scope as the export's 候选人明细 lists it (phone unmasked: the operation masks it). */
export interface ExportRow {
  applicationId: string;
  candidateName: string;
  phone: string | null;
  positionCode: string;
  positionName: string;
  batch: string;
  source: string | null;
  stage: Stage;
  overallScore: number;
  recommendation: Recommendation;
  dimensionScores: DimensionScores;
  lastInterviewAt: Date;
}

/**
 * The applications in scope with their candidate, newest interview first, in one query whatever their
 * number (the same filters as the summary: queries.ts's inScope). Positions come from the scope.
 */
export async function loadExportRows(ds: DataSource, scope: ReportScope): Promise<ExportRow[]> {
  if (scope.positions.length === 0) return [];
  const positionById = new Map(scope.positions.map((p) => [p.id, p]));
  const { entities, raw } = await inScope(
    ds
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin(Candidate, 'c', 'c.id = a.candidateId')
      .select(['a.id', 'a.positionId', 'a.stage', 'a.overallScore', 'a.recommendation', 'a.dimensionScores', 'a.batch', 'a.lastInterviewAt'])
      .addSelect('c.name', 'candidateName')
      .addSelect('c.phone', 'phone')
      .addSelect('c.source', 'source')
      .where('1 = 1'),
    scope,
  )
    .orderBy('a.lastInterviewAt', 'DESC')
    .addOrderBy('a.id', 'ASC')
    .getRawAndEntities<{ a_id: string; candidateName: string; phone: string | null; source: string | null }>();
  const candidateOf = new Map(raw.map((r) => [r.a_id, r]));
  return entities.map((a) => {
    const position = positionById.get(a.positionId)!;
    const candidate = candidateOf.get(a.id);
    return {
      applicationId: a.id,
      candidateName: candidate?.candidateName ?? '',
      phone: candidate?.phone ?? null,
      positionCode: position.code,
      positionName: position.name,
      batch: a.batch,
      source: candidate?.source ?? null,
      stage: a.stage,
      overallScore: Number(a.overallScore),
      recommendation: a.recommendation,
      dimensionScores: Object.fromEntries(Object.entries(a.dimensionScores ?? {}).map(([d, v]) => [d, Number(v)])),
      lastInterviewAt: a.lastInterviewAt,
    };
  });
}
