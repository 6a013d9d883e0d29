import type { ReportQuery, SessionUser, TrainingReport } from '@aireview/shared';
import type { Deps } from '../platform/deps.js';
import { Application, Candidate, PerformanceRecord, TrainingAssignment } from '../platform/db/entities/index.js';
import { inScope } from './queries.js';
import { scopeFor } from './summarizeReports.js';
import { summarizeTraining, type HireOutcome, type TrainingRow } from './trainingStats.js';

/**
 * GET /api/v1/reports/training: completion of courses and programmes per position in the viewer's
 * scope, and the satisfaction of hires who completed theirs against those who did not. Two queries.
 */
export async function reportTraining(deps: Pick<Deps, 'ds'>, viewer: SessionUser, query: ReportQuery): Promise<TrainingReport> {
  const scope = await scopeFor(deps, viewer, query);
  if (scope.positions.length === 0) return summarizeTraining([], [], []);
  const assignments = await inScope(
    deps.ds
      .getRepository(TrainingAssignment)
      .createQueryBuilder('t')
      .innerJoin(Application, 'a', 'a.id = t.applicationId')
      .innerJoin(Candidate, 'c', 'c.id = a.candidateId')
      .select('t.applicationId', 'applicationId')
      .addSelect('a.positionId', 'positionId')
      .addSelect('t.status', 'status')
      .where('t.kind IN (:...kinds)', { kinds: ['course', 'programme'] }),
    scope,
  ).getRawMany<TrainingRow>();
  const hires = await inScope(
    deps.ds
      .getRepository(Application)
      .createQueryBuilder('a')
      .innerJoin(Candidate, 'c', 'c.id = a.candidateId')
      .innerJoin(PerformanceRecord, 'p', 'p.applicationId = a.id')
      .select('a.id', 'applicationId')
      .addSelect('a.positionId', 'positionId')
      .addSelect('AVG(p.satisfaction)', 'satisfaction')
      .where('a.stage IN (:...hired)', { hired: ['hired', 'left'] })
      .groupBy('a.id')
      .addGroupBy('a.positionId'),
    scope,
  ).getRawMany<{ applicationId: string; positionId: string; satisfaction: string | number | null }>();
  const outcomes: HireOutcome[] = hires.map((h) => ({ applicationId: h.applicationId, positionId: h.positionId, satisfaction: h.satisfaction === null ? null : Number(h.satisfaction) }));
  return summarizeTraining(scope.positions, assignments, outcomes);
}
