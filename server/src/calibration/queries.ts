import type { CalibrationOutcome, Dimension } from '@aireview/shared';
import { In, type DataSource } from 'typeorm';
import { Application, PerformanceRecord } from '../platform/db/entities/index.js';
import type { CalibrationRow } from './fit.js';
import { retention90dOf } from '../hiring/index.js';

/** Stages of a hire: still employed, or left after being hired. */
export const HIRE_STAGES = ['hired', 'left'] as const;

/** performance_records columns by outcome (a whitelist: the name goes into SQL). */
const PERFORMANCE_COLUMNS = { satisfaction: 'satisfaction', resolutionRate: 'resolutionRate', qaScore: 'qaScore' } as const;

/**
 * One row per hire of the position (imported history included) that has the outcome: its latest
 * round's dimension scores and the outcome — the mean over its performance periods, or 0/1 for
 * 90-day retention (hiring's retention90dOf). Two queries whatever the number of hires; `today` is the Asia/Shanghai date.
 */
export async function loadCalibrationRows(ds: DataSource, positionId: string, outcome: CalibrationOutcome, today: string): Promise<CalibrationRow[]> {
  const hires = await ds.getRepository(Application).find({
    select: { id: true, dimensionScores: true, stage: true, onboardingDate: true, lastWorkDay: true, retentionCheckedAt: true, imported: true },
    where: { positionId, stage: In([...HIRE_STAGES]) },
  });
  if (outcome === 'retained90d') {
    return hires.flatMap((hire) => {
      // The hiring feature's definition, as its reports use it: unknown (null) hires are left out.
      const retained = retention90dOf(hire, today);
      return retained === null ? [] : [{ id: hire.id, scores: scoresOf(hire.dimensionScores), outcome: retained ? 1 : 0 }];
    });
  }
  const means = await meanPerformance(ds, positionId, PERFORMANCE_COLUMNS[outcome]);
  return hires.flatMap((hire) => {
    const mean = means.get(hire.id);
    return mean === undefined ? [] : [{ id: hire.id, scores: scoresOf(hire.dimensionScores), outcome: mean }];
  });
}

/** applicationId → mean of the column over the hire's periods that have it, for the position's hires. */
async function meanPerformance(ds: DataSource, positionId: string, column: (typeof PERFORMANCE_COLUMNS)[keyof typeof PERFORMANCE_COLUMNS]): Promise<Map<string, number>> {
  const rows = await ds
    .getRepository(PerformanceRecord)
    .createQueryBuilder('p')
    .innerJoin(Application, 'a', 'a.id = p.applicationId')
    .select('p.applicationId', 'applicationId')
    .addSelect(`AVG(p.${column})`, 'outcome')
    .where('a.positionId = :positionId', { positionId })
    .andWhere('a.stage IN (:...stages)', { stages: [...HIRE_STAGES] })
    .andWhere(`p.${column} IS NOT NULL`)
    .groupBy('p.applicationId')
    .getRawMany<{ applicationId: string; outcome: string | number }>();
  // MySQL answers AVG of a DECIMAL as a string.
  return new Map(rows.map((row) => [row.applicationId, Number(row.outcome)]));
}

function scoresOf(stored: Partial<Record<Dimension, number>> | null): Partial<Record<Dimension, number>> {
  return Object.fromEntries(Object.entries(stored ?? {}).map(([d, v]) => [d, Number(v)]));
}
