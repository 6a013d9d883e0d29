import {
  ALERT_KIND_LABELS,
  BATCH_PATTERN,
  DIMENSION_LABELS,
  STAGE_LABELS,
  type AlertQuery,
  type Dimension,
  type HistogramBin,
  type Rate,
  type ReportAlert,
  type ReportQuery,
  type ReportSummary,
} from '@aireview/shared';
import type { LocationQuery, LocationQueryRaw, RouteLocationRaw } from 'vue-router';
import { formatPercent, formatScore } from '../../utils/format';
import { EMPTY_FILTERS, filtersToRouteQuery } from '../candidates/filters';

/** The 数据看板's filters, numbers and charts, free of Vue and ECharts so they can be tested. */

export interface ReportFilters {
  positionCode: string;
  /** YYYY-MM-DD (Asia/Shanghai), both days included. */
  from: string;
  to: string;
  batch: string;
  source: string;
}

export const EMPTY_REPORT_FILTERS: Readonly<ReportFilters> = { positionCode: '', from: '', to: '', batch: '', source: '' };

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const MAX_TEXT = 64;

/** Why the filters cannot be sent as they are, per field; empty when they can. */
export function filterProblems(filters: ReportFilters): Partial<Record<keyof ReportFilters, string>> {
  const problems: Partial<Record<keyof ReportFilters, string>> = {};
  if (filters.from && !DAY.test(filters.from)) problems.from = '请选择有效日期';
  if (filters.to && !DAY.test(filters.to)) problems.to = '请选择有效日期';
  else if (filters.from && filters.to && DAY.test(filters.from) && filters.from > filters.to) problems.to = '结束日期不能早于开始日期';
  if (filters.batch && !BATCH_PATTERN.test(filters.batch)) problems.batch = '批次不能包含空格，最多 64 个字符';
  if (filters.source.trim().length > MAX_TEXT) problems.source = '来源最多 64 个字符';
  return problems;
}

/** The summary's (and export's) query: what is set and valid; an invalid field is left out. */
export function filtersToReportQuery(filters: ReportFilters): ReportQuery {
  const problems = filterProblems(filters);
  const query: ReportQuery = {};
  if (filters.positionCode) query.positionCode = filters.positionCode;
  if (filters.from && !problems.from) query.from = filters.from;
  if (filters.to && !problems.to) query.to = filters.to;
  if (filters.batch && !problems.batch) query.batch = filters.batch;
  const source = filters.source.trim();
  if (source && !problems.source) query.source = source;
  return query;
}

/** The alerts' query: position and days only (alerts are about batches, so neither batch nor source applies). */
export function filtersToAlertQuery(filters: ReportFilters): AlertQuery {
  const { positionCode, from, to } = filtersToReportQuery(filters);
  return { ...(positionCode && { positionCode }), ...(from && { from }), ...(to && { to }) };
}

function single(value: LocationQuery[string] | undefined): string {
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === 'string' ? first : '';
}

/** Filters from the page URL (going back to the dashboard keeps them); bad values dropped. */
export function reportFiltersFromRouteQuery(query: LocationQuery): ReportFilters {
  const filters: ReportFilters = {
    positionCode: single(query.position).slice(0, MAX_TEXT),
    from: single(query.from),
    to: single(query.to),
    batch: single(query.batch),
    source: single(query.source).slice(0, MAX_TEXT),
  };
  const problems = filterProblems(filters);
  return {
    ...filters,
    from: problems.from ? '' : filters.from,
    to: problems.to ? '' : filters.to,
    batch: problems.batch ? '' : filters.batch,
  };
}

/** The same keys as the candidate list's URL (position, batch, source) plus from/to. */
export function reportFiltersToRouteQuery(filters: ReportFilters): LocationQueryRaw {
  const query: LocationQueryRaw = {};
  if (filters.positionCode) query.position = filters.positionCode;
  if (filters.from) query.from = filters.from;
  if (filters.to) query.to = filters.to;
  if (filters.batch) query.batch = filters.batch;
  if (filters.source.trim()) query.source = filters.source.trim();
  return query;
}

export function sameReportFilters(a: ReportFilters, b: ReportFilters): boolean {
  return (Object.keys(EMPTY_REPORT_FILTERS) as (keyof ReportFilters)[]).every((key) => a[key] === b[key]);
}

export interface FilterChip {
  /** The fields the chip stands for (removing it clears them). */
  keys: (keyof ReportFilters)[];
  label: string;
}

/** The active filters as closeable chips; the date range is one chip. */
export function activeFilterChips(filters: ReportFilters, positionName: (code: string) => string | undefined): FilterChip[] {
  const chips: FilterChip[] = [];
  if (filters.positionCode) chips.push({ keys: ['positionCode'], label: positionName(filters.positionCode) ?? filters.positionCode });
  if (filters.from || filters.to) {
    const label = filters.from && filters.to ? `${filters.from} 至 ${filters.to}` : filters.from ? `${filters.from} 起` : `至 ${filters.to}`;
    chips.push({ keys: ['from', 'to'], label });
  }
  if (filters.batch) chips.push({ keys: ['batch'], label: `批次 ${filters.batch}` });
  if (filters.source.trim()) chips.push({ keys: ['source'], label: filters.source.trim() });
  return chips;
}

/** Where an alert leads: the candidate list filtered to the applications behind it. */
export function alertTarget(alert: Pick<ReportAlert, 'candidates'>): RouteLocationRaw {
  const { positionCode, batch } = alert.candidates;
  return { name: 'candidates', query: filtersToRouteQuery({ ...EMPTY_FILTERS, positionCode, batch: batch ?? '' }) };
}

export const alertKindLabel = (alert: Pick<ReportAlert, 'kind'>): string => ALERT_KIND_LABELS[alert.kind];

export const INSUFFICIENT_SAMPLE = '样本不足';

/** One conversion rate as shown: share, counts and interval, or 样本不足 when nothing to divide by. */
export interface RateView {
  label: string;
  /** 45% — or 样本不足. */
  rate: string;
  /** 9 / 20 */
  counts: string;
  /** 95% 区间 23.1%–68.5%; empty when there is none. */
  interval: string;
  insufficient: boolean;
}

export function formatInterval(ci: readonly [number, number] | null): string {
  return ci ? `95% 区间 ${formatPercent(ci[0])}–${formatPercent(ci[1])}` : '';
}

export function rateView(label: string, rate: Rate): RateView {
  const insufficient = rate.of === 0 || rate.rate === null;
  return {
    label,
    rate: insufficient ? INSUFFICIENT_SAMPLE : formatPercent(rate.rate!),
    counts: `${rate.count} / ${rate.of}`,
    interval: insufficient ? '' : formatInterval(rate.ci95),
    insufficient,
  };
}

export const CONVERSION_LABELS: Record<keyof ReportSummary['conversion'], string> = {
  reviewedToSecondInterview: '审核后进入复试',
  secondInterviewToHired: '复试后录用',
  hiredToRetained90d: '录用后留存 90 天',
};

export function conversionViews(conversion: ReportSummary['conversion']): (RateView & { key: keyof ReportSummary['conversion'] })[] {
  return (Object.keys(CONVERSION_LABELS) as (keyof ReportSummary['conversion'])[]).map((key) => ({ key, ...rateView(CONVERSION_LABELS[key], conversion[key]) }));
}

/** 12.5 → 12.5 小时; a dash when unknown. */
export function formatHours(hours: number | null): string {
  return hours === null || !Number.isFinite(hours) ? '—' : `${Math.round(hours * 10) / 10} 小时`;
}

/** A share 0..1 as a percentage; a dash when unknown. */
export function formatShare(share: number | null): string {
  return share === null || !Number.isFinite(share) ? '—' : formatPercent(share);
}

/** 60–70; the last bin includes its upper edge (90–100). */
export function binLabel(bin: Pick<HistogramBin, 'from' | 'to'>): string {
  return `${formatScore(bin.from)}–${formatScore(bin.to)}`;
}

export interface HistogramRow {
  label: string;
  count: number;
  /** The bin lies below the threshold line. */
  below: boolean;
}

export function histogramRows(bins: readonly HistogramBin[], threshold: number): HistogramRow[] {
  return bins.map((bin) => ({ label: binLabel(bin), count: bin.count, below: bin.to <= threshold }));
}

/** Titles of the histograms: 综合得分 and each dimension's label. */
export function distributionTitle(dimension?: Dimension): string {
  return dimension ? DIMENSION_LABELS[dimension] : '综合得分';
}

const BLUE = '#3370ff';
const ORANGE = '#ff8800';
const DANGER = '#f54a45';
const AXIS_TEXT = '#8f959e';
const SPLIT_LINE = '#f2f3f5';

/**
 * ECharts option of a histogram: one rectangle per bin on a value axis (custom series, so the bars
 * meet at the bins' edges) and a dashed line at the threshold; bins below it in orange.
 */
export function histogramOption(bins: readonly HistogramBin[], threshold: number) {
  const min = bins[0]?.from ?? 0;
  const max = bins.at(-1)?.to ?? 100;
  const width = bins.length > 0 ? (max - min) / bins.length : 10;
  return {
    animation: false,
    grid: { left: 36, right: 16, top: 24, bottom: 24 },
    xAxis: { type: 'value' as const, min, max, interval: width, axisLabel: { fontSize: 10, color: AXIS_TEXT }, splitLine: { show: false } },
    // Headroom above the tallest bar for its count and the threshold's label.
    yAxis: { type: 'value' as const, minInterval: 1, boundaryGap: [0, '20%'] as [number, string], axisLabel: { fontSize: 10, color: AXIS_TEXT }, splitLine: { lineStyle: { color: SPLIT_LINE } } },
    series: [
      {
        type: 'custom' as const,
        name: '人数',
        renderItem: histogramBar,
        encode: { x: [0, 1], y: 2 },
        data: bins.map((bin) => ({ value: [bin.from, bin.to, bin.count], itemStyle: { color: bin.to <= threshold ? ORANGE : BLUE } })),
        markLine: {
          silent: true,
          symbol: 'none',
          lineStyle: { color: DANGER, type: 'dashed' as const, width: 1 },
          label: { formatter: `${formatScore(threshold)} 分`, position: 'end' as const, color: DANGER, fontSize: 10 },
          data: [{ xAxis: threshold }],
        },
      },
    ],
  };
}

interface BarApi {
  value(index: number): number;
  coord(point: [number, number]): [number, number];
  visual(name: 'color'): string;
}

/** One bin: a rectangle from its lower to its upper edge, the count above it when there is one. */
export function histogramBar(_params: unknown, api: BarApi) {
  const from = api.value(0);
  const to = api.value(1);
  const count = api.value(2);
  const [x1, top] = api.coord([from, count]);
  const [x2, bottom] = api.coord([to, 0]);
  const gap = 1;
  return {
    type: 'group' as const,
    children: [
      { type: 'rect' as const, shape: { x: x1 + gap, y: top, width: Math.max(0, x2 - x1 - 2 * gap), height: Math.max(0, bottom - top) }, style: { fill: api.visual('color') } },
      ...(count > 0
        ? [{ type: 'text' as const, style: { text: String(count), x: (x1 + x2) / 2, y: top - 2, align: 'center' as const, verticalAlign: 'bottom' as const, fontSize: 10, fill: '#646a73' } }]
        : []),
    ],
  };
}

export interface FunnelRow {
  stage: ReportSummary['funnel'][number]['stage'];
  label: string;
  count: number;
}

export function funnelRows(funnel: ReportSummary['funnel']): FunnelRow[] {
  return funnel.map((row) => ({ stage: row.stage, label: STAGE_LABELS[row.stage], count: row.count }));
}

/** ECharts option of the funnel: a horizontal bar per stage, in the stage machine's order, count at its end. */
export function funnelOption(rows: readonly FunnelRow[]) {
  return {
    animation: false,
    grid: { left: 80, right: 36, top: 4, bottom: 4 },
    xAxis: { type: 'value' as const, show: false, minInterval: 1 },
    yAxis: { type: 'category' as const, data: rows.map((r) => r.label), inverse: true, axisTick: { show: false }, axisLine: { show: false }, axisLabel: { fontSize: 11, color: '#646a73' } },
    series: [
      {
        type: 'bar' as const,
        name: '人数',
        barWidth: 12,
        data: rows.map((r) => r.count),
        itemStyle: { color: BLUE, borderRadius: [0, 3, 3, 0] },
        label: { show: true, position: 'right' as const, fontSize: 11, color: '#1f2329' },
      },
    ],
  };
}

/** Height of the funnel chart for its number of stages. */
export const funnelHeight = (rows: number): number => Math.max(120, rows * 26 + 8);
