/**
 * Statistics of the reports (issue 11, 数据看板): distributions, rates with intervals and the tests
 * behind the alerts. Every function is pure and takes plain numbers; a statistic that is undefined
 * comes back as `null` rather than `NaN`, and malformed input (counts that are not whole numbers,
 * probabilities outside [0, 1], non-finite values) throws a RangeError.
 */
import { gammaln, mean, quantileSorted, sampleVariance } from 'simple-statistics';

/** A closed interval [lo, hi]. */
export type Interval = readonly [lo: number, hi: number];

/** One histogram bin: [from, to), the last bin closed [from, to]. */
export interface Bin {
  from: number;
  to: number;
  count: number;
}

/**
 * Two-sided standard normal quantiles z(1 − α/2) by confidence level (as in calibration/stats.ts:
 * simple-statistics' `probit` is only accurate to about 1e-3).
 */
const Z_BY_LEVEL: ReadonlyMap<number, number> = new Map([
  [0.8, 1.281552],
  [0.9, 1.644854],
  [0.95, 1.959964],
  [0.99, 2.575829],
  [0.999, 3.290527],
]);

/**
 * Counts of `values` in `bins` equal bins over [from, to]: [0,10), [10,20) … [90,100] by default, the
 * last bin including `to`. Values outside [from, to] and non-finite values are ignored, not clamped.
 */
export function histogram(values: readonly number[], { from = 0, to = 100, bins = 10 }: { from?: number; to?: number; bins?: number } = {}): Bin[] {
  if (!Number.isFinite(from) || !Number.isFinite(to) || !(from < to)) throw new RangeError(`histogram needs finite from < to (got ${from}, ${to})`);
  if (!Number.isInteger(bins) || bins < 1) throw new RangeError(`bins must be a positive whole number (got ${bins})`);
  const edge = (i: number) => (i === bins ? to : from + ((to - from) * i) / bins);
  const result: Bin[] = Array.from({ length: bins }, (_, i) => ({ from: edge(i), to: edge(i + 1), count: 0 }));
  for (const v of values) {
    if (!(v >= from && v <= to)) continue;
    // The first guess can be one bin off in floating point (0.3 / 0.1 = 2.9999999999999996): settle it on the edges.
    let i = Math.min(bins - 1, Math.floor(((v - from) / (to - from)) * bins));
    while (i < bins - 1 && v >= edge(i + 1)) i++;
    while (i > 0 && v < edge(i)) i--;
    result[i]!.count++;
  }
  return result;
}

/**
 * The p-quantile (p in [0, 1]) by linear interpolation between closest ranks — R's type 7, numpy's
 * default, what simple-statistics' `quantileSorted` computes: h = (n − 1)·p, x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋+1] − x[⌊h⌋])
 * over the sorted values (0-based). Null for no values; p90 of 1…10 is 9.1.
 */
export function percentileOf(values: readonly number[], p: number): number | null {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be within [0, 1] (got ${p})`);
  if (values.some((v) => !Number.isFinite(v))) throw new RangeError('values must be finite numbers');
  if (values.length === 0) return null;
  return quantileSorted([...values].sort((a, b) => a - b), p);
}

/** The median (percentileOf at 0.5: the middle value, or the mean of the two middle values); null for no values. */
export function medianOf(values: readonly number[]): number | null {
  return percentileOf(values, 0.5);
}

/**
 * Wilson score interval for `successes` out of `n` at a confidence level of 0.8, 0.9, 0.95, 0.99 or
 * 0.999 (others throw). Null when n = 0; stays within [0, 1] and is not degenerate at 0 or n successes.
 */
export function wilsonInterval(successes: number, n: number, confidence = 0.95): Interval | null {
  checkCounts(successes, n);
  const z = Z_BY_LEVEL.get(confidence);
  if (z === undefined) throw new RangeError(`unsupported confidence level ${confidence} (use one of ${[...Z_BY_LEVEL.keys()].join(', ')})`);
  if (n === 0) return null;
  const p = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const halfWidth = (z / denominator) * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return [Math.max(0, centre - halfWidth), Math.min(1, centre + halfWidth)];
}

/** ln C(n, k) through the log-gamma function, finite for any n (no factorial is formed); −∞ outside 0 ≤ k ≤ n. */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return Number.NEGATIVE_INFINITY;
  if (k === 0 || k === n) return 0;
  return gammaln(n + 1) - gammaln(k + 1) - gammaln(n - k + 1);
}

/**
 * P(X ≥ k) for X ~ Binomial(n, p): the exact one-sided test of "more successes than p predicts". Each
 * term is evaluated in log space, and only the side of the distribution away from the mean is summed
 * (until the terms stop mattering), so n of 100 000 is fine. 1 for k ≤ 0, 0 for k > n; p = 0 and p = 1 exact.
 */
export function binomialUpperTail(k: number, n: number, p: number): number {
  if (!Number.isInteger(k)) throw new RangeError(`k must be a whole number (got ${k})`);
  checkCounts(0, n);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`p must be within [0, 1] (got ${p})`);
  if (k <= 0) return 1;
  if (k > n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const term = (j: number) => Math.exp(logChoose(n, j) + j * logP + (n - j) * logQ);
  const mode = Math.floor((n + 1) * p);
  if (k > n * p) {
    let sum = 0;
    for (let j = k; j <= n; j++) {
      const t = term(j);
      sum += t;
      if (j > mode && t <= sum * 1e-17) break;
    }
    return Math.min(1, sum);
  }
  // k at or below the mean: the upper tail is at least about ½, so 1 − P(X ≤ k − 1) loses nothing.
  let lower = 0;
  for (let j = k - 1; j >= 0; j--) {
    const t = term(j);
    lower += t;
    if (j < mode && t <= lower * 1e-17) break;
  }
  return Math.max(0, 1 - lower);
}

/**
 * P(Z ≥ z) for a standard normal Z, via the Chebyshev erfc of Numerical Recipes (relative error below
 * 1.2e-7 over the whole line, tails included — unlike simple-statistics' table-based
 * `cumulativeStdNormalProbability`, which rounds z to 0.01 and the result to 4 digits).
 */
export function normalUpperTail(z: number): number {
  if (Number.isNaN(z)) throw new RangeError('z must be a number');
  return 0.5 * erfc(z / Math.SQRT2);
}

export interface TwoProportionTest {
  z: number;
  /** P(Z ≥ z): evidence that the first proportion exceeds the second. */
  pOneSided: number;
  pTwoSided: number;
}

/**
 * Pooled two-proportion z test of x1/n1 against x2/n2 (one-sided alternative p1 > p2), e.g. "this
 * supervisor disagrees with the AI more often than the peers". Null when either n is 0; when the pooled
 * proportion is 0 or 1 there is no variance and no evidence: z = 0 and both p-values 1.
 */
export function twoProportionTest(x1: number, n1: number, x2: number, n2: number): TwoProportionTest | null {
  checkCounts(x1, n1);
  checkCounts(x2, n2);
  if (n1 === 0 || n2 === 0) return null;
  const pooled = (x1 + x2) / (n1 + n2);
  if (pooled === 0 || pooled === 1) return { z: 0, pOneSided: 1, pTwoSided: 1 };
  const z = (x1 / n1 - x2 / n2) / Math.sqrt(pooled * (1 - pooled) * (1 / n1 + 1 / n2));
  return { z, pOneSided: normalUpperTail(z), pTwoSided: Math.min(1, 2 * normalUpperTail(Math.abs(z))) };
}

export interface MeanShift {
  /** mean(batch) − mean(baseline). */
  diff: number;
  /** Sample standard deviation (n − 1) of the baseline. */
  baselineSd: number;
  /** diff ÷ baselineSd; null when the baseline is constant. */
  effect: number | null;
  /** Welch's t; ±Infinity when both samples are constant and their means differ. */
  t: number;
  /** Welch–Satterthwaite degrees of freedom; null when both samples are constant. */
  df: number | null;
  /** Two-sided p of Welch's t from the exact Student t distribution (non-integer df allowed). */
  pTwoSided: number;
}

/**
 * How far a batch's mean lies from the trailing baseline's, in baseline SDs, with Welch's unequal-variance
 * t test — the alert "a dimension's batch mean differs by more than 0.5 SD with p < 0.01". The p-value
 * uses the exact t distribution (regularized incomplete beta), not a normal approximation, so small
 * batches are fine. Null when either sample has fewer than 2 values.
 */
export function meanShift(batch: readonly number[], baseline: readonly number[]): MeanShift | null {
  if ([...batch, ...baseline].some((v) => !Number.isFinite(v))) throw new RangeError('samples must hold finite numbers only');
  if (batch.length < 2 || baseline.length < 2) return null;
  const diff = mean([...batch]) - mean([...baseline]);
  const batchVar = constant(batch) ? 0 : sampleVariance([...batch]);
  const baselineVar = constant(baseline) ? 0 : sampleVariance([...baseline]);
  const baselineSd = Math.sqrt(baselineVar);
  const effect = baselineSd === 0 ? null : diff / baselineSd;
  const a = batchVar / batch.length;
  const b = baselineVar / baseline.length;
  if (a + b === 0) return { diff, baselineSd, effect, t: diff === 0 ? 0 : Math.sign(diff) * Number.POSITIVE_INFINITY, df: null, pTwoSided: diff === 0 ? 1 : 0 };
  const t = diff / Math.sqrt(a + b);
  const df = (a + b) ** 2 / (a ** 2 / (batch.length - 1) + b ** 2 / (baseline.length - 1));
  return { diff, baselineSd, effect, t, df, pTwoSided: studentTwoSided(t, df) };
}

/** P(|T| ≥ |t|) for Student's t with df > 0 degrees of freedom: I_{df/(df+t²)}(df/2, ½). */
export function studentTwoSided(t: number, df: number): number {
  if (Number.isNaN(t) || !(df > 0)) throw new RangeError(`need a number t and df > 0 (got ${t}, ${df})`);
  if (!Number.isFinite(t)) return 0;
  return regularizedBeta(df / (df + t * t), df / 2, 0.5);
}

/** The regularized incomplete beta I_x(a, b), by the continued fraction of Numerical Recipes (modified Lentz). */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(gammaln(a + b) - gammaln(a) - gammaln(b) + a * Math.log(x) + b * Math.log1p(-x));
  // The fraction converges fast below the mean of the beta distribution; above it, use the symmetry.
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  const guard = (v: number) => (Math.abs(v) < tiny ? tiny : v);
  let c = 1;
  let d = 1 / guard(1 - ((a + b) * x) / (a + 1));
  let h = d;
  for (let m = 1; m <= 10_000; m++) {
    const even = (m * (b - m) * x) / ((a + 2 * m - 1) * (a + 2 * m));
    d = 1 / guard(1 + even * d);
    c = guard(1 + even / c);
    h *= d * c;
    const odd = (-(a + m) * (a + b + m) * x) / ((a + 2 * m) * (a + 2 * m + 1));
    d = 1 / guard(1 + odd * d);
    c = guard(1 + odd / c);
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) return h;
  }
  throw new Error(`incomplete beta did not converge (x = ${x}, a = ${a}, b = ${b})`);
}

/** Complementary error function (Numerical Recipes' erfcc), relative error < 1.2e-7. */
function erfc(x: number): number {
  const ax = Math.abs(x);
  const t = 1 / (1 + 0.5 * ax);
  const poly =
    -1.26551223 +
    t * (1.00002368 + t * (0.37409196 + t * (0.09678418 + t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(-ax * ax + poly);
  return x >= 0 ? value : 2 - value;
}

/** Exactly constant: simple-statistics' variance of equal floats may come out as ~1e-33 instead of 0. */
function constant(values: readonly number[]): boolean {
  return values.every((v) => v === values[0]);
}

/** Throws unless 0 ≤ count ≤ of, both whole numbers. */
export function checkCounts(count: number, of: number): void {
  if (!Number.isInteger(count) || !Number.isInteger(of) || count < 0 || count > of) throw new RangeError(`need whole numbers 0 ≤ count ≤ n (got ${count} of ${of})`);
}
