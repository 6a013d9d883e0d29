import type { CalibrationView } from '@aireview/shared';
import { describe, expect, it } from 'vitest';
import { applyMessage, correlationAxis, correlationData, correlationOption, formatDelta, formatInterval, formatR, OUTCOME_OPTIONS, parseOutcome, sampleProgress, weightRows, whisker } from './calibration';

const view: CalibrationView = {
  positionCode: 'CS-GENERAL',
  outcome: 'satisfaction',
  n: 412,
  skipped: 0,
  minimumN: 160,
  minimumNConfigured: null,
  sufficient: true,
  rangeRestricted: true,
  dimensions: [
    { dimension: 'communication', n: 412, pearson: 0.312, spearman: 0.3, ci95: [0.22, 0.4] },
    { dimension: 'serviceAwareness', n: 412, pearson: 0.05, spearman: 0.04, ci95: [-0.047, 0.146] },
    { dimension: 'problemSolving', n: 412, pearson: -0.12, spearman: -0.1, ci95: [-0.21, -0.02] },
  ],
  current: { modelVersion: 3, weights: { communication: 0.3, serviceAwareness: 0.5, problemSolving: 0.2 }, validity: 0.2, holdoutValidity: 0.184 },
  recommended: { weights: { communication: 0.62, serviceAwareness: 0.38 }, holdoutValidity: 0.276, improvement: 0.092 },
};

describe('calibration page logic', () => {
  it('offers the four outcomes in Chinese and falls back to satisfaction for an unknown query value', () => {
    expect(OUTCOME_OPTIONS.map((o) => o.label)).toEqual(['满意度', '解决率', '质检分', '90天留存']);
    expect(parseOutcome('retained90d')).toBe('retained90d');
    expect(parseOutcome('speed')).toBe('satisfaction');
    expect(parseOutcome(undefined)).toBe('satisfaction');
  });

  it('formats r with a real minus sign and intervals in brackets', () => {
    expect(formatR(0.3125)).toBe('0.31');
    expect(formatR(-0.12)).toBe('−0.12');
    expect(formatR(-0.001)).toBe('0.00');
    expect(formatR(null)).toBe('—');
    expect(formatInterval([-0.047, 0.146])).toBe('[−0.05, 0.15]');
    expect(formatInterval(null)).toBe('—');
  });

  it('shows n against the minimum, the bar capped at 100 %', () => {
    expect(sampleProgress({ n: 40, minimumN: 160 })).toEqual({ percent: 25, text: '40 / 160', enough: false });
    expect(sampleProgress({ n: 412, minimumN: 160 })).toEqual({ percent: 100, text: '412 / 160', enough: true });
  });

  it('lines up current and recommended weights per dimension, a dropped dimension at 0', () => {
    expect(weightRows(view)).toEqual([
      { dimension: 'communication', label: '沟通表达', current: 30, recommended: 62, delta: 32 },
      { dimension: 'serviceAwareness', label: '服务意识', current: 50, recommended: 38, delta: -12 },
      { dimension: 'problemSolving', label: '问题解决', current: 20, recommended: 0, delta: -20 },
    ]);
    expect(weightRows({ ...view, recommended: null }).map((r) => [r.recommended, r.delta])).toEqual([
      [null, null],
      [null, null],
      [null, null],
    ]);
    expect([formatDelta(32), formatDelta(-12), formatDelta(0), formatDelta(null)]).toEqual(['+32', '−12', '', '']);
  });

  it('marks a dimension significant only when its interval excludes 0, on either side', () => {
    const data = correlationData(view);
    expect(data.labels).toEqual(['沟通表达', '服务意识', '问题解决']);
    expect(data.significant).toEqual([true, false, true]);
    expect(correlationAxis(data)).toEqual({ min: -0.3, max: 0.5 });
    const option = correlationOption(data);
    expect(option.series[0]!.data.map((d) => (d as { itemStyle: { color: string } }).itemStyle.color)).toEqual(['#3370ff', '#c9cdd4', '#3370ff']);
    expect(option.series[1]!.data).toEqual([
      [0, 0.22, 0.4],
      [1, -0.047, 0.146],
      [2, -0.21, -0.02],
    ]);
  });

  it('draws a whisker from lo to hi with caps, and nothing without an interval', () => {
    const api = (values: (number | null)[]) => ({ value: (i: number) => values[i] ?? null, coord: ([x, y]: [number, number]) => [x * 100, y * 10] as [number, number] });
    const shape = whisker(null, api([1, 0.2, 0.4]))!;
    expect(shape.children.map((c) => c.shape)).toEqual([
      { x1: 20, y1: 10, x2: 40, y2: 10 },
      { x1: 20, y1: 6, x2: 20, y2: 14 },
      { x1: 40, y1: 6, x2: 40, y2: 14 },
    ]);
    expect(whisker(null, api([1, null, null]))).toBeNull();
  });

  it('says in the confirmation what will be published, and that only weights change', () => {
    expect(applyMessage(view)).toBe('将按满意度（412 名录用者）发布新版本 v4：沟通表达 62%、服务意识 38%。留出样本效度 0.18 → 0.28。及格分和底线不变。');
    expect(applyMessage({ ...view, recommended: null })).toBe('');
  });
});
