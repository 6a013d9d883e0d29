import { ALERT_DEFAULTS, ALERT_KINDS, type AlertQuery, type AlertSettings, type ReportAlert, type SessionUser } from '@aireview/shared';
import { userNames } from '../candidates/index.js';
import { shanghaiDay } from '../hiring/index.js';
import type { Position } from '../platform/db/entities/index.js';
import type { Deps } from '../platform/deps.js';
import { computeAlerts } from './alerts.js';
import { loadReportData } from './queries.js';
import { scopeFor } from './summarizeReports.js';

const DAY_MS = 24 * 3_600_000;

/** A position's alert thresholds: its own where set, the defaults elsewhere. */
export function alertSettingsOf(position: Pick<Position, 'alertSettings'>): AlertSettings {
  return { ...ALERT_DEFAULTS, ...(position.alertSettings ?? {}) };
}

/** HR and admin see fairness alerts; supervisors never see anything derived from demographics. */
export const seesFairness = (viewer: SessionUser) => viewer.role === 'hr' || viewer.role === 'admin';

/**
 * GET /api/v1/reports/alerts: the alerts the data supports now for the viewer's positions, checking
 * the batches interviewed in [from, to] against their trailing baselines (loaded from before `from`).
 */
export async function listAlerts(deps: Pick<Deps, 'ds' | 'clock'>, viewer: SessionUser, query: AlertQuery): Promise<ReportAlert[]> {
  const scope = await scopeFor(deps, viewer, query);
  if (scope.positions.length === 0) return [];
  const positions = scope.positions.map((p) => ({ id: p.id, code: p.code, settings: alertSettingsOf(p) }));
  // Baselines reach back baselineWeeks before a batch's start; four more weeks cover batches that began before `from`.
  const weeks = Math.max(...positions.map((p) => p.settings.baselineWeeks)) + 4;
  const loaded = { positions: scope.positions, since: scope.since && new Date(scope.since.getTime() - weeks * 7 * DAY_MS), until: scope.until };
  const data = await loadReportData(deps.ds, loaded, shanghaiDay(deps.clock.now()));
  const names = await userNames(deps.ds, [...new Set(data.reviews.map((r) => r.decidedByUserId))]);
  const alerts = computeAlerts({ positions, applications: data.applications, reviews: data.reviews, names, since: scope.since, until: scope.until, includeFairness: seesFairness(viewer) });
  const order = (a: ReportAlert) => ALERT_KINDS.indexOf(a.kind);
  return alerts.sort((a, b) => order(a) - order(b) || a.positionCode.localeCompare(b.positionCode) || (a.batch ?? '').localeCompare(b.batch ?? '') || a.key.localeCompare(b.key));
}
