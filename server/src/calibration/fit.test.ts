import { DIMENSIONS, type Dimension } from '@aireview/shared';
import { describe, expect, it } from 'vitest';
import { DEFAULT_TRUE_WEIGHTS, generateHistory, type HistoryRow } from '../../../scripts/calibration/generateHistory.js';
import { holdoutSplit, isHoldout, recommendWeights, roundWeights, type Weights } from './fit.js';
import { pearson } from './stats.js';

const EQUAL_WEIGHTS: Weights = Object.fromEntries(DIMENSIONS.map((d) => [d, 1 / 6]));
const hundredths = (weights: Weights) => Object.values(weights).reduce((sum, w) => sum + Math.round(w * 100), 0);

describe('holdoutSplit', () => {
  it('places ids by the first four bytes of their sha256 (known answers)', () => {
    // Computed with Python: int.from_bytes(hashlib.sha256(id.encode()).digest()[:4], 'big') / 2**32
    //   hire-1 → 30bca161 → 0.1904   hire-3 → 0ccd7816 → 0.0500   (< 0.3: hold-out)
    //   hire-2 → c605bfaf → 0.7735   hire-6 → 86e68161 → 0.5270   录用者-1 (UTF-8) → cd86328e → 0.8028
    expect(holdoutSplit(['hire-1', 'hire-2', 'hire-3', 'hire-6', '录用者-1'])).toEqual({ training: ['hire-2', 'hire-6', '录用者-1'], holdout: ['hire-1', 'hire-3'] });
  });

  it('puts an id on the same side whatever else is split with it and in whatever order', () => {
    const ids = Array.from({ length: 200 }, (_, i) => `application-${i}`);
    const all = holdoutSplit(ids);
    const reversed = holdoutSplit([...ids].reverse());
    expect([...reversed.holdout].sort()).toEqual([...all.holdout].sort());
    for (const id of ids.slice(0, 20)) expect(holdoutSplit([id]).holdout.includes(id)).toBe(all.holdout.includes(id));
  });

  it('holds out about the requested fraction', () => {
    const ids = Array.from({ length: 10_000 }, (_, i) => `hire-${i}`);
    // Binomial sd at n = 10 000 is 0.0046; ±0.015 is over three sd.
    expect(Math.abs(holdoutSplit(ids, 0.3).holdout.length / ids.length - 0.3)).toBeLessThan(0.015);
  });

  it('holds out nothing at 0 and everything at 1, and refuses other ranges', () => {
    expect(holdoutSplit(['a', 'b'], 0).holdout).toEqual([]);
    expect(holdoutSplit(['a', 'b'], 1).training).toEqual([]);
    expect(() => isHoldout('a', 1.5)).toThrow(RangeError);
  });
});

describe('roundWeights', () => {
  it('hands the missing hundredth to the largest remainder, ties in dimension order', () => {
    expect(roundWeights({ communication: 1 / 3, adaptability: 1 / 3, teamwork: 1 / 3 })).toEqual({ communication: 0.34, adaptability: 0.33, teamwork: 0.33 });
    // Floors 20 + 34 + 45 = 99; remainders .1, .6, .3: the missing hundredth goes to adaptability.
    expect(roundWeights({ communication: 0.201, adaptability: 0.346, teamwork: 0.453 })).toEqual({ communication: 0.2, adaptability: 0.35, teamwork: 0.45 });
  });

  it('is not fooled by float dust and keeps exact hundredths', () => {
    expect(roundWeights({ communication: 0.29, adaptability: 0.71 })).toEqual({ communication: 0.29, adaptability: 0.71 });
  });

  it('always sums to exactly 100 hundredths and drops zeros', () => {
    const weights = roundWeights({ communication: 0.2049, adaptability: 0.2049, serviceAwareness: 0.2049, productKnowledge: 0.2049, teamwork: 0.1774, problemSolving: 0.003 });
    expect(hundredths(weights)).toBe(100);
    expect(weights.problemSolving).toBeUndefined();
  });
});

describe('recommendWeights', () => {
  const history = generateHistory({ n: 2000, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS, noiseShare: 0.5 });

  it('recovers every true weight within ±0.05 and beats the current weights on the hold-out', () => {
    const result = recommendWeights({ rows: history, currentWeights: EQUAL_WEIGHTS });
    expect(result.sufficient).toBe(true);
    expect(result.recommended).not.toBeNull();
    for (const d of DIMENSIONS) expect(Math.abs((result.recommended!.weights[d] ?? 0) - DEFAULT_TRUE_WEIGHTS[d]!)).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(result.recommended!.holdoutValidity).toBeGreaterThan(result.current.holdoutValidity!);
    expect(result.recommended!.improvement).toBeCloseTo(result.recommended!.holdoutValidity - result.current.holdoutValidity!, 12);
    expect(hundredths(result.recommended!.weights)).toBe(100);
  });

  it('shrinks the fit towards the current weights by λ = n_train / (n_train + shrinkageK)', () => {
    const nTrain = holdoutSplit(history.map((r) => r.id)).training.length;
    const fitOnly = recommendWeights({ rows: history, currentWeights: EQUAL_WEIGHTS, shrinkageK: 0 }).recommended!.weights;
    // shrinkageK = n_train gives λ = ½: half-way between the (unshrunk) fit and 1/6, give or take rounding.
    const halfWay = recommendWeights({ rows: history, currentWeights: EQUAL_WEIGHTS, shrinkageK: nTrain }).recommended!.weights;
    for (const d of DIMENSIONS) expect(Math.abs((halfWay[d] ?? 0) - ((fitOnly[d] ?? 0) + 1 / 6) / 2)).toBeLessThanOrEqual(0.0101);
  });

  it('recommends nothing for an outcome of pure noise', () => {
    const noise = generateHistory({ n: 2000, seed: 7, trueWeights: DEFAULT_TRUE_WEIGHTS, noiseShare: 1 });
    const result = recommendWeights({ rows: noise, currentWeights: EQUAL_WEIGHTS });
    expect(result.recommended).toBeNull();
    expect(result.reasonCode).toBe('no_signal');
    expect(result.reason).toBe('没有任何维度与该绩效指标显著相关（95% 置信区间均包含 0），不建议调整权重');
  });

  it('says in Chinese how many hires there are and how many are needed below minimumN', () => {
    const result = recommendWeights({ rows: history.slice(0, 37), currentWeights: EQUAL_WEIGHTS });
    expect(result).toMatchObject({ n: 37, minimumN: 160, sufficient: false, recommended: null, reasonCode: 'insufficient_n' });
    expect(result.reason).toBe('目前只有 37 名有绩效数据的录用者，至少需要 160 名才能给出建议');
  });

  it('treats exactly minimumN hires as sufficient', () => {
    expect(recommendWeights({ rows: history.slice(0, 160), currentWeights: EQUAL_WEIGHTS }).sufficient).toBe(true);
  });

  it('recommends nothing when the refit does not beat the current weights on the hold-out', () => {
    // The outcome is (up to rounding) exactly the current composite: no refit can do better than r ≈ 1.
    const current: Weights = { communication: 0.3, serviceAwareness: 0.3, adaptability: 0.2, problemSolving: 0.2 };
    const rows = generateHistory({ n: 1000, seed: 11, trueWeights: current, noiseShare: 0 });
    const result = recommendWeights({ rows, currentWeights: current });
    expect(result.dimensions.some((d) => d.ci95 !== null && d.ci95[0] > 0)).toBe(true);
    expect(result).toMatchObject({ recommended: null, reasonCode: 'no_signal' });
    expect(result.reason).toMatch(/留出样本上的效度（r = 1\.00）不高于当前权重（r = 1\.00）/);
  });

  it('recommends nothing when every dimension works against the outcome', () => {
    const reversed = history.map((row) => ({ ...row, outcome: -row.outcome }));
    const result = recommendWeights({ rows: reversed, currentWeights: EQUAL_WEIGHTS });
    expect(result).toMatchObject({ recommended: null, reasonCode: 'no_signal', reason: '没有任何维度与该绩效指标正相关，不建议调整权重' });
  });

  it('fits only the dimensions the persona weighs', () => {
    const current: Weights = { communication: 0.3, serviceAwareness: 0.3, adaptability: 0.2, problemSolving: 0.2 };
    const result = recommendWeights({ rows: history, currentWeights: { ...current, teamwork: 0 } });
    expect(result.dimensions.map((d) => d.dimension)).toEqual(['communication', 'adaptability', 'serviceAwareness', 'problemSolving']);
    expect(Object.keys(result.recommended?.weights ?? {}).every((d) => d in current)).toBe(true);
    expect(Object.keys(result.current.weights)).not.toContain('teamwork');
  });

  it('fits the given dimensions instead when they are named', () => {
    const result = recommendWeights({ rows: history, currentWeights: EQUAL_WEIGHTS, dimensions: ['teamwork', 'communication'] });
    expect(result.dimensions.map((d) => d.dimension)).toEqual(['communication', 'teamwork']);
  });

  it('reports each dimension’s correlations over all usable hires', () => {
    const result = recommendWeights({ rows: history, currentWeights: EQUAL_WEIGHTS });
    const communication = result.dimensions.find((d) => d.dimension === 'communication')!;
    expect(communication.n).toBe(2000);
    expect(communication.pearson).toBeCloseTo(pearson(history.map((r) => r.scores.communication), history.map((r) => r.outcome))!, 12);
    expect(communication.ci95![0]).toBeLessThan(communication.pearson!);
    expect(communication.ci95![1]).toBeGreaterThan(communication.pearson!);
  });

  it('measures validity over all hires and hold-out validity over the hold-out split only', () => {
    const result = recommendWeights({ rows: history, currentWeights: EQUAL_WEIGHTS });
    const composite = (rows: readonly HistoryRow[]) => rows.map((r) => DIMENSIONS.reduce((s, d) => s + r.scores[d] / 6, 0));
    const holdout = history.filter((r) => holdoutSplit([r.id]).holdout.length === 1);
    expect(result.current.validity).toBeCloseTo(pearson(composite(history), history.map((r) => r.outcome))!, 12);
    expect(result.current.holdoutValidity).toBeCloseTo(pearson(composite(holdout), holdout.map((r) => r.outcome))!, 12);
  });

  it('leaves out and counts rows missing a weighted score or with a non-finite outcome', () => {
    const rows = history.slice(0, 200).map((row, i) => {
      if (i === 0) return { ...row, outcome: Number.NaN };
      if (i === 1) return { ...row, scores: { ...row.scores, communication: undefined } as Partial<Record<Dimension, number>> };
      return row;
    });
    const result = recommendWeights({ rows, currentWeights: EQUAL_WEIGHTS });
    expect(result).toMatchObject({ n: 198, skipped: 2 });
  });
});
