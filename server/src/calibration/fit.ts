/**
 * Calibration: learn a persona's dimension weights from how its hires actually perform. Pure
 * functions over plain rows; loading the rows and publishing a new model happen elsewhere.
 */
import { createHash } from 'node:crypto';
import { DIMENSIONS, type Dimension } from '@aireview/shared';
import { nonNegativeLeastSquares } from './nnls.js';
import { excludesZero, fisherInterval, pearson, spearman, type Interval } from './stats.js';

export { nonNegativeLeastSquares, type NnlsResult } from './nnls.js';

export type Weights = Partial<Record<Dimension, number>>;

/** One hire: its interview's dimension scores and one performance outcome (higher is better). */
export interface CalibrationRow {
  id: string;
  scores: Partial<Record<Dimension, number>>;
  outcome: number;
}

export interface RecommendWeightsInput {
  rows: readonly CalibrationRow[];
  /** Dimensions to fit; default: those the current weights weigh (> 0). */
  dimensions?: readonly Dimension[];
  currentWeights: Weights;
  /** Hires with an outcome needed before any recommendation. Default 160. */
  minimumN?: number;
  /** Share of hires (by id hash) held out to compare current and recommended weights. Default 0.3. */
  holdoutFraction?: number;
  /** Pseudo-count pulling the fit towards the current weights: λ = n_train / (n_train + k). Default 100. */
  shrinkageK?: number;
}

export interface DimensionCorrelation {
  dimension: Dimension;
  n: number;
  pearson: number | null;
  spearman: number | null;
  ci95: Interval | null;
}

export type CalibrationReasonCode = 'insufficient_n' | 'no_signal';

export interface WeightRecommendation {
  /** n: usable hires. skipped: rows left out for a missing score or a non-finite outcome. */
  n: number;
  skipped: number;
  minimumN: number;
  sufficient: boolean;
  reasonCode?: CalibrationReasonCode;
  /** Why there is no recommendation, in Chinese for the H5 app. */
  reason?: string;
  dimensions: DimensionCorrelation[];
  current: { weights: Weights; validity: number | null; holdoutValidity: number | null };
  /**
   * Weights in hundredths summing to exactly 1; dimensions that round to 0 are left out, so the
   * record can be published as an evaluation model's weights as it is.
   */
  recommended: null | { weights: Weights; holdoutValidity: number; improvement: number };
}

export const CALIBRATION_DEFAULTS = { minimumN: 160, holdoutFraction: 0.3, shrinkageK: 100 } as const;

/** True when the id belongs to the hold-out split: first 4 bytes of sha256(id) / 2³² < fraction. */
export function isHoldout(id: string, fraction: number = CALIBRATION_DEFAULTS.holdoutFraction): boolean {
  if (!(fraction >= 0 && fraction <= 1)) throw new RangeError(`holdout fraction must be within [0, 1] (got ${fraction})`);
  return createHash('sha256').update(id, 'utf8').digest().readUInt32BE(0) / 2 ** 32 < fraction;
}

/**
 * Deterministic training / hold-out split: an id's side depends on the id alone, so the same hire
 * lands in the same split on any machine, database or row order. Input order is kept.
 */
export function holdoutSplit(ids: readonly string[], fraction: number = CALIBRATION_DEFAULTS.holdoutFraction): { training: string[]; holdout: string[] } {
  const training: string[] = [];
  const holdout: string[] = [];
  for (const id of ids) (isHoldout(id, fraction) ? holdout : training).push(id);
  return { training, holdout };
}

export function recommendWeights(input: RecommendWeightsInput): WeightRecommendation {
  const minimumN = input.minimumN ?? CALIBRATION_DEFAULTS.minimumN;
  const holdoutFraction = input.holdoutFraction ?? CALIBRATION_DEFAULTS.holdoutFraction;
  const shrinkageK = input.shrinkageK ?? CALIBRATION_DEFAULTS.shrinkageK;
  if (!(Number.isInteger(minimumN) && minimumN >= 0)) throw new RangeError(`minimumN must be a non-negative integer (got ${minimumN})`);
  if (!(shrinkageK >= 0)) throw new RangeError(`shrinkageK must be non-negative (got ${shrinkageK})`);
  const current = positiveWeights(input.currentWeights);
  const fitted = input.dimensions ? DIMENSIONS.filter((d) => input.dimensions?.includes(d)) : (Object.keys(current) as Dimension[]);
  if (fitted.length === 0) throw new RangeError('no dimensions to fit: the current weights weigh none and none were given');
  const needed = DIMENSIONS.filter((d) => fitted.includes(d) || current[d] !== undefined);

  const rows = input.rows.filter((row) => Number.isFinite(row.outcome) && needed.every((d) => Number.isFinite(row.scores[d])));
  const holdout = rows.filter((row) => isHoldout(row.id, holdoutFraction));
  const training = rows.filter((row) => !isHoldout(row.id, holdoutFraction));
  const n = rows.length;

  const dimensions = fitted.map((dimension) => correlate(rows, dimension));
  const base = {
    n,
    skipped: input.rows.length - n,
    minimumN,
    sufficient: n >= minimumN,
    dimensions,
    current: { weights: current, validity: validity(rows, current), holdoutValidity: validity(holdout, current) },
  };
  const noSignal = (reason: string) => ({ ...base, recommended: null, reasonCode: 'no_signal' as const, reason });

  if (n < minimumN) {
    return { ...base, recommended: null, reasonCode: 'insufficient_n', reason: `目前只有 ${n} 名有绩效数据的录用者，至少需要 ${minimumN} 名才能给出建议` };
  }
  if (!dimensions.some((d) => excludesZero(d.ci95))) return noSignal(REASONS.noCorrelation);

  const fit = fitWeights(training, fitted);
  if (fit === null) return noSignal(REASONS.noPositiveFit);
  const lambda = training.length / (training.length + shrinkageK);
  const weights = roundWeights(Object.fromEntries(needed.map((d) => [d, lambda * (fit[d] ?? 0) + (1 - lambda) * (current[d] ?? 0)])));
  const holdoutValidity = validity(holdout, weights);
  const currentHoldout = base.current.holdoutValidity;
  if (holdoutValidity === null || currentHoldout === null || holdoutValidity <= currentHoldout) {
    return noSignal(REASONS.noImprovement(holdoutValidity, currentHoldout));
  }
  return { ...base, recommended: { weights, holdoutValidity, improvement: holdoutValidity - currentHoldout } };
}

const REASONS = {
  noCorrelation: '没有任何维度与该绩效指标显著相关（95% 置信区间均包含 0），不建议调整权重',
  noPositiveFit: '没有任何维度与该绩效指标正相关，不建议调整权重',
  noImprovement: (recommended: number | null, current: number | null) =>
    `按绩效重新拟合的权重在留出样本上的效度（r = ${formatR(recommended)}）不高于当前权重（r = ${formatR(current)}），不建议调整权重`,
};

const formatR = (r: number | null) => (r === null ? '无法计算' : r.toFixed(2));

/**
 * Largest-remainder rounding to hundredths: floor every weight, then hand the missing hundredths to
 * the largest remainders (ties in dimension order). The hundredths sum to exactly 100; zeros are dropped.
 */
export function roundWeights(weights: Weights): Weights {
  const entries = DIMENSIONS.flatMap((d) => (weights[d] === undefined ? [] : [[d, weights[d]] as const]));
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  if (!(total > 0) || entries.some(([, w]) => !(w >= 0))) throw new RangeError('weights must be non-negative with a positive sum');
  // Normalise, then snap away float dust (0.29 * 100 = 28.999999999999996) before flooring.
  const units = entries.map(([d, w]) => {
    const exact = Math.round(((w / total) * 100) * 1e9) / 1e9;
    return { d, floor: Math.floor(exact), remainder: exact - Math.floor(exact) };
  });
  let missing = 100 - units.reduce((sum, u) => sum + u.floor, 0);
  for (const u of [...units].sort((a, b) => b.remainder - a.remainder)) {
    if (missing <= 0) break;
    u.floor += 1;
    missing -= 1;
  }
  return Object.fromEntries(units.filter((u) => u.floor > 0).map((u) => [u.d, u.floor / 100]));
}

/** NNLS of outcome on the raw dimension scores, coefficients normalised to sum 1; null if all are zero. */
function fitWeights(rows: readonly CalibrationRow[], dimensions: readonly Dimension[]): Weights | null {
  if (rows.length === 0) return null;
  const { coefficients } = nonNegativeLeastSquares(
    rows.map((row) => dimensions.map((d) => row.scores[d]!)),
    rows.map((row) => row.outcome),
  );
  const total = coefficients.reduce((sum, b) => sum + b, 0);
  if (!(total > 0)) return null;
  return Object.fromEntries(dimensions.map((d, j) => [d, coefficients[j]! / total]));
}

/** Pearson's r between Σ w_d·score_d and the outcome. */
function validity(rows: readonly CalibrationRow[], weights: Weights): number | null {
  const composite = rows.map((row) => DIMENSIONS.reduce((sum, d) => sum + (weights[d] ?? 0) * row.scores[d]!, 0));
  return pearson(
    composite,
    rows.map((row) => row.outcome),
  );
}

function correlate(rows: readonly CalibrationRow[], dimension: Dimension): DimensionCorrelation {
  const scores = rows.map((row) => row.scores[dimension]!);
  const outcomes = rows.map((row) => row.outcome);
  const r = pearson(scores, outcomes);
  return { dimension, n: rows.length, pearson: r, spearman: spearman(scores, outcomes), ci95: r === null ? null : fisherInterval(r, rows.length) };
}

function positiveWeights(weights: Weights): Weights {
  return Object.fromEntries(DIMENSIONS.filter((d) => (weights[d] ?? 0) > 0).map((d) => [d, weights[d]]));
}
