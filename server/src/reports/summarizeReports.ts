import type { ReportQuery, ReportSummary, SessionUser } from '@aireview/shared';
import { userNames } from '../candidates/index.js';
import { shanghaiDay } from '../hiring/index.js';
import type { Deps } from '../platform/deps.js';
import { notFound } from '../platform/http/errors.js';
import { loadReportData, reportScopeOf, type ReportScope } from './queries.js';
import { summarize } from './summarize.js';

/** The viewer's scope for `query`; a positionCode they may not see (or that does not exist) is 404. */
export async function scopeFor(deps: Pick<Deps, 'ds'>, viewer: SessionUser, query: ReportQuery): Promise<ReportScope> {
  const scope = await reportScopeOf(deps.ds, viewer, query);
  if (query.positionCode !== undefined && scope.positions.length === 0) throw notFound('not_found', '岗位不存在或无权查看');
  return scope;
}

/** GET /api/v1/reports/summary: the summary of the applications in the viewer's scope that match the filters. */
export async function summarizeReports(deps: Pick<Deps, 'ds' | 'clock'>, viewer: SessionUser, query: ReportQuery): Promise<ReportSummary> {
  const scope = await scopeFor(deps, viewer, query);
  const data = await loadReportData(deps.ds, scope, shanghaiDay(deps.clock.now()));
  const names = await userNames(deps.ds, [...new Set(data.reviews.map((r) => r.decidedByUserId))]);
  return summarize({ ...data, names });
}
