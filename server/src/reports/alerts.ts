import { DIMENSIONS, DIMENSION_LABELS, type AlertSettings, type Dimension, type ReportAlert } from '@aireview/shared';
import { fairnessOf } from './fairness.js';
import type { ScopedApplication, ScopedReview } from './queries.js';
import { binomialUpperTail, meanShift, twoProportionTest } from './stats.js';

const DAY_MS = 24 * 3_600_000;

export interface AlertPosition {
  id: string;
  code: string;
  settings: AlertSettings;
}

export interface AlertData {
  positions: readonly AlertPosition[];
  /** The positions' applications from far enough back to hold the batches' baselines. */
  applications: readonly ScopedApplication[];
  reviews: readonly ScopedReview[];
  names: ReadonlyMap<string, string>;
  /** Batches with an interview in [since, until) are checked (all when absent); reviews of applications interviewed then. */
  since?: Date;
  until?: Date;
  /** adverse_impact compares demographics: only for viewers who may see that (HR and admin). */
  includeFairness: boolean;
}

const pct = (share: number) => `${Math.round(share * 100)}%`;
const formatP = (p: number) => (p < 0.001 ? 'p<0.001' : `p=${p.toFixed(3)}`);
const round = (value: number, decimals = 4) => Math.round(value * 10 ** decimals) / 10 ** decimals;
const keyOf = (...parts: (string | undefined)[]) => parts.map((p) => p ?? '').join('|');

function inWindow(at: Date, data: Pick<AlertData, 'since' | 'until'>): boolean {
  return (!data.since || at >= data.since) && (!data.until || at < data.until);
}

const scoresOn = (apps: readonly ScopedApplication[], dimension: Dimension) =>
  apps.flatMap((a) => (typeof a.dimensionScores[dimension] === 'number' ? [a.dimensionScores[dimension]!] : []));

/**
 * The alerts the data supports now, computed from scratch (an alert that no longer holds is simply not
 * there): batches weak on a dimension, batches whose mean moved from the trailing baseline, supervisors
 * who disagree with the AI more than their peers, and adverse impact between groups. Pure.
 */
export function computeAlerts(data: AlertData): ReportAlert[] {
  const alerts: ReportAlert[] = [];
  for (const position of data.positions) {
    const apps = data.applications.filter((a) => a.positionId === position.id);
    alerts.push(...batchAlerts(position, apps, data));
    const windowIds = new Set(apps.filter((a) => inWindow(a.lastInterviewAt, data)).map((a) => a.id));
    alerts.push(...supervisorAlerts(position, data.reviews.filter((r) => windowIds.has(r.applicationId)), data.names));
    if (data.includeFairness) alerts.push(...fairnessAlerts(position, apps.filter((a) => windowIds.has(a.id))));
  }
  return alerts;
}

function batchAlerts(position: AlertPosition, apps: readonly ScopedApplication[], data: AlertData): ReportAlert[] {
  const s = position.settings;
  const byBatch = new Map<string, ScopedApplication[]>();
  for (const a of apps) byBatch.set(a.batch, [...(byBatch.get(a.batch) ?? []), a]);
  const alerts: ReportAlert[] = [];
  for (const [batch, members] of [...byBatch.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (!members.some((a) => inWindow(a.lastInterviewAt, data))) continue;
    if (members.length < s.minBatchN) continue;
    const start = Math.min(...members.map((a) => a.createdAt.getTime()));
    const baselineFrom = start - s.baselineWeeks * 7 * DAY_MS;
    const baseline = apps.filter((a) => a.batch !== batch && a.createdAt.getTime() >= baselineFrom && a.createdAt.getTime() < start);
    for (const dimension of DIMENSIONS) {
      const values = scoresOn(members, dimension);
      if (values.length < s.minBatchN) continue;
      const past = scoresOn(baseline, dimension);
      const hasBaseline = past.length >= s.minBaselineN;
      const label = DIMENSION_LABELS[dimension];
      const candidates = { positionCode: position.code, batch };

      const below = values.filter((v) => v < s.belowScore).length;
      const share = below / values.length;
      if (share >= s.belowShare) {
        const pastBelow = past.filter((v) => v < s.belowScore).length;
        const baselineShare = hasBaseline ? pastBelow / past.length : undefined;
        const pValue = baselineShare === undefined ? undefined : binomialUpperTail(below, values.length, baselineShare);
        if (pValue === undefined || pValue < s.pLimit) {
          const versus = baselineShare === undefined ? `近 ${s.baselineWeeks} 周数据不足，未作对比` : `近 ${s.baselineWeeks} 周为 ${pct(baselineShare)}`;
          alerts.push({
            key: keyOf('batch_below_threshold', position.code, batch, dimension),
            kind: 'batch_below_threshold',
            positionCode: position.code,
            batch,
            dimension,
            share: round(share),
            threshold: s.belowScore,
            n: values.length,
            ...(baselineShare === undefined ? {} : { baseline: round(baselineShare), pValue }),
            message: `批次 ${batch}：${pct(share)} 的候选人${label}低于 ${s.belowScore} 分（${below}/${values.length}，${versus}）`,
            candidates,
          });
        }
      }

      if (!hasBaseline) continue;
      const shift = meanShift(values, past);
      if (shift && shift.effect !== null && Math.abs(shift.effect) > s.shiftSd && shift.pTwoSided < s.pLimit) {
        const mean = (values.reduce((t, v) => t + v, 0) / values.length).toFixed(1);
        const pastMean = (past.reduce((t, v) => t + v, 0) / past.length).toFixed(1);
        alerts.push({
          key: keyOf('distribution_shift', position.code, batch, dimension),
          kind: 'distribution_shift',
          positionCode: position.code,
          batch,
          dimension,
          threshold: s.shiftSd,
          n: values.length,
          baseline: Number(pastMean),
          pValue: shift.pTwoSided,
          message: `批次 ${batch}：${label}平均分 ${mean}，比近 ${s.baselineWeeks} 周（${pastMean}，n=${past.length}）${shift.diff < 0 ? '低' : '高'} ${Math.abs(shift.effect).toFixed(1)} 个标准差（n=${values.length}，${formatP(shift.pTwoSided)}）`,
          candidates,
        });
      }
    }
  }
  return alerts;
}

function supervisorAlerts(position: AlertPosition, reviews: readonly ScopedReview[], names: ReadonlyMap<string, string>): ReportAlert[] {
  const s = position.settings;
  const judged = reviews.filter((r): r is ScopedReview & { decidedByUserId: string; agreedWithAi: boolean } => r.decidedByUserId !== null && r.agreedWithAi !== null);
  const alerts: ReportAlert[] = [];
  for (const userId of [...new Set(judged.map((r) => r.decidedByUserId))].sort()) {
    const own = judged.filter((r) => r.decidedByUserId === userId);
    const peers = judged.filter((r) => r.decidedByUserId !== userId);
    if (own.length < s.minDecisions || peers.length === 0) continue;
    const x = own.filter((r) => !r.agreedWithAi).length;
    const xPeers = peers.filter((r) => !r.agreedWithAi).length;
    const test = twoProportionTest(x, own.length, xPeers, peers.length);
    if (!test || test.z <= 0 || test.pOneSided >= s.pLimit) continue;
    const name = names.get(userId) ?? userId;
    alerts.push({
      key: keyOf('supervisor_disagreement', position.code, undefined, undefined, userId),
      kind: 'supervisor_disagreement',
      positionCode: position.code,
      group: userId,
      share: round(x / own.length),
      n: own.length,
      baseline: round(xPeers / peers.length),
      pValue: test.pOneSided,
      message: `主管 ${name} 与 AI 建议不一致 ${pct(x / own.length)}（${x}/${own.length}），其他主管为 ${pct(xPeers / peers.length)}（${xPeers}/${peers.length}，${formatP(test.pOneSided)}）`,
      candidates: { positionCode: position.code },
    });
  }
  return alerts;
}

function fairnessAlerts(position: AlertPosition, apps: readonly ScopedApplication[]): ReportAlert[] {
  const s = position.settings;
  const alerts: ReportAlert[] = [];
  for (const comparison of fairnessOf(apps, { minCell: s.minCell })) {
    const { ratio, pValue, lowest, highest } = comparison.impact;
    if (ratio === null || pValue === null || ratio >= s.impactRatio || pValue >= s.fairnessP) continue;
    const low = comparison.impact.groups.find((g) => g.group === lowest)!;
    const high = comparison.impact.groups.find((g) => g.group === highest)!;
    alerts.push({
      key: keyOf('adverse_impact', position.code, undefined, undefined, `${comparison.attribute}:${comparison.rate}:${lowest}`),
      kind: 'adverse_impact',
      positionCode: position.code,
      group: lowest,
      share: round(ratio),
      threshold: s.impactRatio,
      n: low.n + high.n,
      pValue,
      message: `${comparison.attributeLabel}：${comparison.groupLabels[lowest!]}的${comparison.rateLabel}为 ${pct(low.rate!)}（${low.selected}/${low.n}），${comparison.groupLabels[highest!]}为 ${pct(high.rate!)}（${high.selected}/${high.n}），比值 ${ratio.toFixed(2)} 低于 ${s.impactRatio}（${formatP(pValue)}）`,
      candidates: { positionCode: position.code },
    });
  }
  return alerts;
}
