import type { FairnessReport, ReportQuery, SessionUser } from '@aireview/shared';
import { shanghaiDay } from '../hiring/index.js';
import type { Deps } from '../platform/deps.js';
import { fairnessOf } from './fairness.js';
import { alertSettingsOf } from './listAlerts.js';
import { loadReportData } from './queries.js';
import { scopeFor } from './summarizeReports.js';

/**
 * GET /api/v1/reports/fairness (HR and admin): groups compared on the AI's recommendation and on
 * passing to 复试, over the applications in scope. Suppression and limits are those of the position
 * when one is chosen, else the defaults; a suppressed group shows neither its count nor its rate.
 */
export async function reportFairness(deps: Pick<Deps, 'ds' | 'clock'>, viewer: SessionUser, query: ReportQuery): Promise<FairnessReport> {
  const scope = await scopeFor(deps, viewer, query);
  const settings = alertSettingsOf(query.positionCode && scope.positions[0] ? scope.positions[0] : { alertSettings: null });
  const { applications } = await loadReportData(deps.ds, scope, shanghaiDay(deps.clock.now()));
  return {
    n: applications.length,
    withDemographics: applications.filter((a) => a.gender !== null || a.birthYear !== null).length,
    minCell: settings.minCell,
    comparisons: fairnessOf(applications, { minCell: settings.minCell }).map((c) => ({
      attribute: c.attribute,
      rate: c.rate,
      groups: c.impact.groups.map((g) => ({
        group: g.group,
        label: c.groupLabels[g.group] ?? g.group,
        n: g.suppressed ? null : g.n,
        selected: g.suppressed ? null : g.selected,
        rate: g.rate === null ? null : Math.round(g.rate * 10_000) / 10_000,
        suppressed: g.suppressed,
      })),
      ratio: c.impact.ratio === null ? null : Math.round(c.impact.ratio * 10_000) / 10_000,
      pValue: c.impact.pValue,
      lowest: c.impact.lowest ?? null,
      highest: c.impact.highest ?? null,
      flagged: c.impact.ratio !== null && c.impact.pValue !== null && c.impact.ratio < settings.impactRatio && c.impact.pValue < settings.fairnessP,
    })),
  };
}
