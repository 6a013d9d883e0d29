import { CALIBRATION_OUTCOME_LABELS, CALIBRATION_OUTCOMES, DIMENSION_LABELS, DIMENSIONS, type CalibrationOutcome, type CalibrationView, type Dimension } from '@aireview/shared';
import type { ChipOption } from '../../components/chipOption';

/** The calibration page's numbers and words, free of Vue and ECharts so they can be tested. */

export const OUTCOME_OPTIONS: ChipOption<CalibrationOutcome>[] = CALIBRATION_OUTCOMES.map((value) => ({ value, label: CALIBRATION_OUTCOME_LABELS[value], testid: 'outcome-option' }));

export const RANGE_RESTRICTION_NOTE = '只有录用者有绩效数据，相关系数会低估真实效度';

export function parseOutcome(value: unknown): CalibrationOutcome {
  return CALIBRATION_OUTCOMES.find((o) => o === value) ?? 'satisfaction';
}

/** r with two decimals and a real minus sign; a dash when undefined. */
export function formatR(r: number | null | undefined): string {
  if (r === null || r === undefined) return '—';
  const text = Math.abs(r).toFixed(2);
  return r < 0 && text !== '0.00' ? `−${text}` : text;
}

export function formatInterval(ci: readonly [number, number] | null): string {
  return ci ? `[${formatR(ci[0])}, ${formatR(ci[1])}]` : '—';
}

/** Hires against the minimum: the bar's percentage (capped at 100) and its caption. */
export function sampleProgress(view: Pick<CalibrationView, 'n' | 'minimumN'>): { percent: number; text: string; enough: boolean } {
  const percent = view.minimumN > 0 ? Math.min(100, Math.round((view.n / view.minimumN) * 100)) : 100;
  return { percent, text: `${view.n} / ${view.minimumN}`, enough: view.n >= view.minimumN };
}

export interface WeightRow {
  dimension: Dimension;
  label: string;
  /** Percent points; 0 when the version does not weigh the dimension. */
  current: number;
  recommended: number | null;
  /** recommended − current in percent points; null without a recommendation. */
  delta: number | null;
}

/** Current against recommended weights, one row per dimension either weighs, in display order. */
export function weightRows(view: Pick<CalibrationView, 'current' | 'recommended'>): WeightRow[] {
  const pct = (w: number | undefined) => Math.round((w ?? 0) * 100);
  return DIMENSIONS.filter((d) => (view.current.weights[d] ?? 0) > 0 || (view.recommended?.weights[d] ?? 0) > 0).map((d) => {
    const current = pct(view.current.weights[d]);
    const recommended = view.recommended ? pct(view.recommended.weights[d]) : null;
    return { dimension: d, label: DIMENSION_LABELS[d], current, recommended, delta: recommended === null ? null : recommended - current };
  });
}

export function formatDelta(delta: number | null): string {
  if (delta === null || delta === 0) return '';
  return delta > 0 ? `+${delta}` : `−${-delta}`;
}

/** The chart's data: one row per dimension with Pearson's r and its interval; significant when it excludes 0. */
export interface CorrelationData {
  labels: string[];
  pearson: (number | null)[];
  intervals: ([number, number] | null)[];
  significant: boolean[];
}

export function correlationData(view: Pick<CalibrationView, 'dimensions'>): CorrelationData {
  return {
    labels: view.dimensions.map((d) => DIMENSION_LABELS[d.dimension]),
    pearson: view.dimensions.map((d) => (d.pearson === null ? null : Math.round(d.pearson * 1000) / 1000)),
    intervals: view.dimensions.map((d) => d.ci95),
    significant: view.dimensions.map((d) => d.ci95 !== null && (d.ci95[0] > 0 || d.ci95[1] < 0)),
  };
}

/** Axis bounds covering every interval, padded and snapped to 0.1, always including 0. */
export function correlationAxis(data: CorrelationData): { min: number; max: number } {
  const values = data.intervals.flatMap((ci, i) => (ci ? [...ci] : data.pearson[i] === null ? [] : [data.pearson[i]!]));
  const lo = Math.min(0, ...values);
  const hi = Math.max(0, ...values);
  return { min: Math.max(-1, Math.floor((lo - 0.05) * 10) / 10), max: Math.min(1, Math.ceil((hi + 0.05) * 10) / 10) };
}

const BLUE = '#3370ff';
const GREY = '#c9cdd4';

/** ECharts option: a horizontal bar per dimension (r) with its 95 % interval drawn as a whisker. */
export function correlationOption(data: CorrelationData) {
  const axis = correlationAxis(data);
  return {
    animation: false,
    grid: { left: 72, right: 16, top: 8, bottom: 24 },
    xAxis: { type: 'value' as const, min: axis.min, max: axis.max, interval: 0.1, axisLabel: { fontSize: 10, color: '#8f959e', formatter: (v: number) => formatR(v) }, splitLine: { lineStyle: { color: '#f2f3f5' } } },
    yAxis: { type: 'category' as const, data: data.labels, inverse: true, axisTick: { show: false }, axisLabel: { fontSize: 11, color: '#646a73' } },
    series: [
      {
        type: 'bar' as const,
        name: '相关系数',
        barWidth: 10,
        data: data.pearson.map((value, i) => ({ value, itemStyle: { color: data.significant[i] ? BLUE : GREY } })),
      },
      {
        type: 'custom' as const,
        name: '95% 置信区间',
        data: data.intervals.map((ci, i) => (ci ? [i, ci[0], ci[1]] : [i, null, null])),
        renderItem: whisker,
        z: 3,
      },
    ],
  };
}

interface WhiskerApi {
  value(index: number): number | null;
  coord(point: [number, number]): [number, number];
}

/** One interval: a line from lo to hi at the category's row, with end caps. */
export function whisker(_params: unknown, api: WhiskerApi) {
  const row = api.value(0);
  const lo = api.value(1);
  const hi = api.value(2);
  if (row === null || lo === null || hi === null) return null;
  const [x1, y] = api.coord([lo, row]);
  const [x2] = api.coord([hi, row]);
  const style = { stroke: '#1f2329', lineWidth: 1 };
  return {
    type: 'group' as const,
    children: [
      { type: 'line' as const, shape: { x1, y1: y, x2, y2: y }, style },
      { type: 'line' as const, shape: { x1, y1: y - 4, x2: x1, y2: y + 4 }, style },
      { type: 'line' as const, shape: { x1: x2, y1: y - 4, x2, y2: y + 4 }, style },
    ],
  };
}

/** What the confirmation dialog says before publishing the recommendation. */
export function applyMessage(view: CalibrationView): string {
  if (!view.recommended) return '';
  const weights = weightRows(view)
    .filter((row) => (row.recommended ?? 0) > 0)
    .map((row) => `${row.label} ${row.recommended}%`)
    .join('、');
  return (
    `将按${CALIBRATION_OUTCOME_LABELS[view.outcome]}（${view.n} 名录用者）发布新版本 v${view.current.modelVersion + 1}：${weights}。` +
    `留出样本效度 ${formatR(view.current.holdoutValidity)} → ${formatR(view.recommended.holdoutValidity)}。及格分和底线不变。`
  );
}
