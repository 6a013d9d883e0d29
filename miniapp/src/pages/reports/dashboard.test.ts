import type { HistogramBin, ReportSummary } from '@aireview/shared';
import { describe, expect, it } from 'vitest';
import { filtersFromRouteQuery } from '../candidates/filters';
import {
  activeFilterChips,
  alertTarget,
  binLabel,
  conversionViews,
  EMPTY_REPORT_FILTERS,
  filterProblems,
  filtersToAlertQuery,
  filtersToReportQuery,
  formatHours,
  funnelRows,
  histogramBar,
  histogramOption,
  histogramRows,
  rateView,
  reportFiltersFromRouteQuery,
  reportFiltersToRouteQuery,
  type ReportFilters,
} from './dashboard';

const filters = (patch: Partial<ReportFilters>): ReportFilters => ({ ...EMPTY_REPORT_FILTERS, ...patch });

const bins = (counts: number[]): HistogramBin[] => counts.map((count, i) => ({ from: i * 10, to: (i + 1) * 10, count }));

describe('filtersToReportQuery', () => {
  it('sends only what is set', () => {
    expect(filtersToReportQuery(EMPTY_REPORT_FILTERS)).toEqual({});
    expect(filtersToReportQuery(filters({ positionCode: 'CS-GENERAL', from: '2026-11-01', to: '2026-11-30', batch: 'B-7', source: ' BOSS直聘 ' }))).toEqual({
      positionCode: 'CS-GENERAL',
      from: '2026-11-01',
      to: '2026-11-30',
      batch: 'B-7',
      source: 'BOSS直聘',
    });
  });

  it('leaves out a batch that BATCH_PATTERN refuses and a range that ends before it starts', () => {
    expect(filtersToReportQuery(filters({ batch: 'two words' }))).toEqual({});
    expect(filtersToReportQuery(filters({ from: '2026-11-30', to: '2026-11-01' }))).toEqual({ from: '2026-11-30' });
  });

  it('gives the alerts position and days only', () => {
    expect(filtersToAlertQuery(filters({ positionCode: 'CS-FRESH', from: '2026-11-01', batch: 'B-7', source: '内推' }))).toEqual({ positionCode: 'CS-FRESH', from: '2026-11-01' });
  });
});

describe('filterProblems', () => {
  it('names the field that cannot be sent, in Chinese', () => {
    expect(filterProblems(EMPTY_REPORT_FILTERS)).toEqual({});
    expect(filterProblems(filters({ batch: 'a b' }))).toEqual({ batch: '批次不能包含空格，最多 64 个字符' });
    expect(filterProblems(filters({ batch: 'x'.repeat(65) }))).toHaveProperty('batch');
    expect(filterProblems(filters({ from: '2026-12-02', to: '2026-12-01' }))).toEqual({ to: '结束日期不能早于开始日期' });
    expect(filterProblems(filters({ from: '2026-12-01', to: '2026-12-01' }))).toEqual({});
    expect(filterProblems(filters({ from: '12/01/2026' }))).toEqual({ from: '请选择有效日期' });
  });
});

describe('route query', () => {
  it('round-trips the filters and drops bad values from a URL', () => {
    const f = filters({ positionCode: 'CS-GENERAL', from: '2026-11-01', to: '2026-11-30', batch: 'B-7', source: '内推' });
    expect(reportFiltersFromRouteQuery(reportFiltersToRouteQuery(f) as Record<string, string>)).toEqual(f);
    expect(reportFiltersFromRouteQuery({ position: ['CS-1', 'CS-2'], from: 'yesterday', batch: 'a b', to: '2026-11-30' })).toEqual(filters({ positionCode: 'CS-1', to: '2026-11-30' }));
  });
});

describe('activeFilterChips', () => {
  it('shows the position by name and the date range as one chip', () => {
    const chips = activeFilterChips(filters({ positionCode: 'CS-GENERAL', from: '2026-11-01', to: '2026-11-30', batch: 'B-7' }), (code) => (code === 'CS-GENERAL' ? '综合电商客服' : undefined));
    expect(chips).toEqual([
      { keys: ['positionCode'], label: '综合电商客服' },
      { keys: ['from', 'to'], label: '2026-11-01 至 2026-11-30' },
      { keys: ['batch'], label: '批次 B-7' },
    ]);
    expect(activeFilterChips(filters({ to: '2026-11-30' }), () => undefined)).toEqual([{ keys: ['from', 'to'], label: '至 2026-11-30' }]);
  });
});

describe('alertTarget', () => {
  it('opens the candidate list with the keys its own URL reading understands', () => {
    const target = alertTarget({ candidates: { positionCode: 'CS-GENERAL', batch: '2026-11-20' } });
    expect(target).toEqual({ name: 'candidates', query: { position: 'CS-GENERAL', batch: '2026-11-20' } });
    const query = (target as { query: Record<string, string> }).query;
    expect(filtersFromRouteQuery(query)).toMatchObject({ positionCode: 'CS-GENERAL', batch: '2026-11-20' });
    expect(alertTarget({ candidates: { positionCode: 'CS-FRESH' } })).toEqual({ name: 'candidates', query: { position: 'CS-FRESH' } });
  });
});

describe('rates', () => {
  it('shows share, counts and the Wilson interval', () => {
    expect(rateView('复试后录用', { count: 9, of: 20, rate: 0.45, ci95: [0.2582, 0.6579] })).toEqual({
      label: '复试后录用',
      rate: '45%',
      counts: '9 / 20',
      interval: '95% 区间 25.8%–65.8%',
      insufficient: false,
    });
  });

  it('says 样本不足 when there is nothing to divide by', () => {
    expect(rateView('录用后留存 90 天', { count: 0, of: 0, rate: null, ci95: null })).toEqual({ label: '录用后留存 90 天', rate: '样本不足', counts: '0 / 0', interval: '', insufficient: true });
  });

  it('lists the three conversions in funnel order with Chinese labels', () => {
    const none = { count: 0, of: 0, rate: null, ci95: null };
    const views = conversionViews({ reviewedToSecondInterview: { count: 3, of: 4, rate: 0.75, ci95: [0.3, 0.95] }, secondInterviewToHired: none, hiredToRetained90d: none } as ReportSummary['conversion']);
    expect(views.map((v) => [v.key, v.label, v.rate])).toEqual([
      ['reviewedToSecondInterview', '审核后进入复试', '75%'],
      ['secondInterviewToHired', '复试后录用', '样本不足'],
      ['hiredToRetained90d', '录用后留存 90 天', '样本不足'],
    ]);
  });

  it('formats hours with one decimal and a dash when unknown', () => {
    expect(formatHours(12.46)).toBe('12.5 小时');
    expect(formatHours(null)).toBe('—');
  });
});

describe('histograms', () => {
  it('labels bins by their edges and marks those below the threshold', () => {
    expect(binLabel({ from: 60, to: 70 })).toBe('60–70');
    expect(histogramRows(bins([0, 0, 0, 0, 0, 1, 2, 5, 3, 1]), 70).slice(5)).toEqual([
      { label: '50–60', count: 1, below: true },
      { label: '60–70', count: 2, below: true },
      { label: '70–80', count: 5, below: false },
      { label: '80–90', count: 3, below: false },
      { label: '90–100', count: 1, below: false },
    ]);
  });

  it('draws one bar per bin over the bins’ range, with a dashed line at the threshold', () => {
    const option = histogramOption(bins([0, 0, 0, 0, 0, 1, 2, 5, 3, 1]), 70);
    expect([option.xAxis.min, option.xAxis.max, option.xAxis.interval]).toEqual([0, 100, 10]);
    const [series] = option.series;
    expect(series!.data).toHaveLength(10);
    expect(series!.data[6]).toEqual({ value: [60, 70, 2], itemStyle: { color: '#ff8800' } });
    expect(series!.data[7]!.itemStyle.color).toBe('#3370ff');
    expect(series!.markLine.data).toEqual([{ xAxis: 70 }]);
    expect(series!.markLine.label.formatter).toBe('70 分');
  });

  it('renders a bin as a rectangle between its edges, with its count on top', () => {
    // 1 score point = 3 px, 1 person = 10 px, the x axis at y = 200.
    const api = { value: (i: number) => [60, 70, 4][i]!, coord: ([x, y]: [number, number]) => [x * 3, 200 - y * 10] as [number, number], visual: () => '#3370ff' };
    const shape = histogramBar(null, api);
    expect(shape.children[0]).toEqual({ type: 'rect', shape: { x: 181, y: 160, width: 28, height: 40 }, style: { fill: '#3370ff' } });
    expect(shape.children[1]).toMatchObject({ type: 'text', style: { text: '4', x: 195, y: 158 } });
    const empty = histogramBar(null, { ...api, value: (i: number) => [60, 70, 0][i]! });
    expect(empty.children).toHaveLength(1);
  });
});

describe('funnel', () => {
  it('names every stage in Chinese, in the given order', () => {
    expect(funnelRows([{ stage: 'in_review', count: 40 }, { stage: 'second_interview', count: 3 }, { stage: 'hired', count: 0 }])).toEqual([
      { stage: 'in_review', label: '待审核', count: 40 },
      { stage: 'second_interview', label: '复试', count: 3 },
      { stage: 'hired', label: '已录用', count: 0 },
    ]);
  });
});
