/**
 * Correlation statistics for calibration. Every function is pure and returns `null` rather than
 * `NaN` when the statistic is undefined (too few points, a constant vector).
 */
import { sampleCorrelation, sampleRankCorrelation } from 'simple-statistics';

/** A closed interval [lo, hi]. */
export type Interval = readonly [lo: number, hi: number];

/**
 * Two-sided standard normal quantiles z(1 − α/2) by confidence level. A table rather than
 * simple-statistics' `probit`, which is only accurate to about 1e-3 (1.9572 for 95 %).
 */
const Z_BY_LEVEL: ReadonlyMap<number, number> = new Map([
  [0.8, 1.281552],
  [0.9, 1.644854],
  [0.95, 1.959964],
  [0.99, 2.575829],
  [0.999, 3.290527],
]);

/** Pearson's r, or null when it is undefined (fewer than 2 pairs, or either vector constant). */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
  if (!definedFor(x, y)) return null;
  return clampCorrelation(sampleCorrelation([...x], [...y]));
}

/**
 * Spearman's ρ: Pearson's r of the ranks, tied values sharing the average of the ranks they span.
 * simple-statistics ≥ 7.12 ranks ties that way (earlier 7.x releases gave ties consecutive ranks,
 * which made ρ depend on the input order); the tie tests in stats.test.ts pin the behaviour.
 */
export function spearman(x: readonly number[], y: readonly number[]): number | null {
  if (!definedFor(x, y)) return null;
  return clampCorrelation(sampleRankCorrelation([...x], [...y]));
}

/**
 * Confidence interval for a correlation r from n pairs via Fisher's z: z = atanh r, se = 1/√(n−3),
 * back-transformed with tanh. Null when n < 4 (the standard error needs n − 3 > 0).
 */
export function fisherInterval(r: number, n: number, level = 0.95): Interval | null {
  if (!(r >= -1 && r <= 1)) throw new RangeError(`correlation must be within [-1, 1] (got ${r})`);
  const zCrit = Z_BY_LEVEL.get(level);
  if (zCrit === undefined) throw new RangeError(`unsupported confidence level ${level} (use one of ${[...Z_BY_LEVEL.keys()].join(', ')})`);
  if (!Number.isInteger(n) || n < 4) return null;
  const z = Math.atanh(r);
  const halfWidth = zCrit / Math.sqrt(n - 3);
  return [Math.tanh(z - halfWidth), Math.tanh(z + halfWidth)];
}

/** True when the interval lies strictly on one side of zero; false for a missing interval. */
export function excludesZero(interval: Interval | null): boolean {
  if (interval === null) return false;
  const [lo, hi] = interval;
  return lo > 0 || hi < 0;
}

function definedFor(x: readonly number[], y: readonly number[]): boolean {
  if (x.length !== y.length) throw new RangeError(`vectors differ in length (${x.length} vs ${y.length})`);
  if ([...x, ...y].some((v) => !Number.isFinite(v))) throw new RangeError('vectors must hold finite numbers only');
  return x.length >= 2 && !isConstant(x) && !isConstant(y);
}

/** Exactly constant: checked directly, because a float mean of equal values may differ from them by an ulp. */
function isConstant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

/** Rounding can push |r| a hair past 1 (e.g. 1.0000000000000002); Fisher's z needs it within [-1, 1]. */
function clampCorrelation(r: number): number | null {
  if (!Number.isFinite(r)) return null;
  return Math.min(1, Math.max(-1, r));
}
