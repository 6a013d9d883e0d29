import { describe, expect, it } from 'vitest';
import { binomialUpperTail, histogram, logChoose, meanShift, medianOf, normalUpperTail, percentileOf, studentTwoSided, twoProportionTest, wilsonInterval } from './stats.js';

/** C(n, k) exactly. */
function choose(n: number, k: number): bigint {
  let c = 1n;
  for (let i = 1; i <= k; i++) c = (c * BigInt(n - k + i)) / BigInt(i);
  return c;
}

/** P(X ≥ k), X ~ Binomial(n, num/den), in exact rational arithmetic, rounded to a double at the end. */
function exactUpperTail(k: number, n: number, num: number, den: number): number {
  let sum = 0n;
  for (let j = k; j <= n; j++) sum += choose(n, j) * BigInt(num) ** BigInt(j) * BigInt(den - num) ** BigInt(n - j);
  const scale = 10n ** 40n;
  return Number((sum * scale) / BigInt(den) ** BigInt(n)) / 1e40;
}

describe('histogram', () => {
  it('puts values in [0,10) … [90,100], the last bin closed at 100', () => {
    const bins = histogram([0, 9.99, 10, 55, 89.999, 90, 100]);
    expect(bins.map((b) => [b.from, b.to])).toEqual([0, 10, 20, 30, 40, 50, 60, 70, 80, 90].map((f) => [f, f + 10]));
    expect(bins.map((b) => b.count)).toEqual([2, 1, 0, 0, 0, 1, 0, 0, 1, 2]);
  });

  it('ignores values outside the range and non-finite values instead of clamping them', () => {
    expect(histogram([-0.1, 100.1, Number.NaN, Number.POSITIVE_INFINITY, 50]).map((b) => b.count)).toEqual([0, 0, 0, 0, 0, 1, 0, 0, 0, 0]);
  });

  it('places values on an edge in the bin that starts there despite floating point', () => {
    // 0.3 / 0.1 = 2.9999999999999996 would put 0.3 into [0.2, 0.3); it belongs to [0.3, 0.4).
    const bins = histogram([0.3, 0.7], { from: 0, to: 1, bins: 10 });
    expect(bins[3]!.count).toBe(1);
    expect(bins[7]!.count).toBe(1);
    expect(bins.reduce((s, b) => s + b.count, 0)).toBe(2);
  });

  it('refuses an empty range or a bin count that is not a positive whole number', () => {
    expect(() => histogram([1], { from: 5, to: 5 })).toThrow(RangeError);
    expect(() => histogram([1], { bins: 0 })).toThrow(RangeError);
  });
});

describe('medianOf and percentileOf', () => {
  it('interpolate between closest ranks (R type 7): p90 of 1…10 is 9.1', () => {
    // h = (10 − 1)·0.9 = 8.1 → x[8] + 0.1·(x[9] − x[8]) = 9 + 0.1·1 = 9.1 (0-based, sorted).
    expect(percentileOf([10, 1, 9, 2, 8, 3, 7, 4, 6, 5], 0.9)).toBeCloseTo(9.1, 12);
  });

  it('give the mean of the two middle values as the median of an even count', () => {
    expect(medianOf([4, 1, 3, 2])).toBe(2.5);
    expect(medianOf([7, 1, 5])).toBe(5);
  });

  it('return the extremes at p = 0 and p = 1', () => {
    expect(percentileOf([3, 1, 2], 0)).toBe(1);
    expect(percentileOf([3, 1, 2], 1)).toBe(3);
  });

  it('are null for no values and refuse p outside [0, 1]', () => {
    expect(medianOf([])).toBeNull();
    expect(percentileOf([], 0.9)).toBeNull();
    expect(() => percentileOf([1], 90)).toThrow(RangeError);
  });
});

describe('wilsonInterval', () => {
  it('matches the Wilson formula worked by hand for 8 of 10', () => {
    // z² = 1.959964² = 3.841459; 1 + z²/n = 1.3841459; centre = (0.8 + 0.1920730)/1.3841459 = 0.716741;
    // half = z/1.3841459 · √(0.016 + 0.0096036) = 1.416009 · 0.160011 = 0.226577 → [0.490164, 0.943318].
    const [lo, hi] = wilsonInterval(8, 10)!;
    expect(lo).toBeCloseTo(0.490164, 5);
    expect(hi).toBeCloseTo(0.943318, 5);
  });

  it('is not degenerate at 0 successes: [0, z²/(n + z²)]', () => {
    // p = 0: centre = half = (z²/2n)/(1 + z²/n), so hi = z²/(n + z²) = 3.841459/13.841459 = 0.277530.
    const [lo, hi] = wilsonInterval(0, 10)!;
    expect(lo).toBe(0);
    expect(hi).toBeCloseTo(0.27753, 5);
  });

  it('is null for n = 0 and refuses unknown levels or impossible counts', () => {
    expect(wilsonInterval(0, 0)).toBeNull();
    expect(() => wilsonInterval(1, 10, 0.97)).toThrow(RangeError);
    expect(() => wilsonInterval(11, 10)).toThrow(RangeError);
  });
});

describe('logChoose', () => {
  it('equals ln C(n, k) for small and for very large n', () => {
    expect(Math.exp(logChoose(10, 3))).toBeCloseTo(120, 9);
    // ln C(100000, 1) = ln 100000; ln C(100000, 2) = ln(100000·99999/2).
    expect(logChoose(100_000, 1)).toBeCloseTo(Math.log(100_000), 7);
    expect(logChoose(100_000, 2)).toBeCloseTo(Math.log((100_000 * 99_999) / 2), 7);
    expect(logChoose(5, 6)).toBe(Number.NEGATIVE_INFINITY);
  });
});

describe('binomialUpperTail', () => {
  it('is 56/1024 for k = 8 of 10 fair coins', () => {
    // C(10,8) + C(10,9) + C(10,10) = 45 + 10 + 1 = 56, over 2¹⁰ = 1024: 0.0546875.
    expect(binomialUpperTail(8, 10, 0.5)).toBeCloseTo(0.0546875, 14);
  });

  it('sums the lower side when k is below the mean: P(X ≥ 3) = 1 − 176/1024', () => {
    // P(X ≤ 2) = (1 + 10 + 45)/1024 = 56/1024, so P(X ≥ 3) = 968/1024 = 0.9453125.
    expect(binomialUpperTail(3, 10, 0.5)).toBeCloseTo(0.9453125, 14);
  });

  it('is 1 for k ≤ 0 and 0 for k > n', () => {
    expect(binomialUpperTail(0, 10, 0.3)).toBe(1);
    expect(binomialUpperTail(11, 10, 0.3)).toBe(0);
  });

  it('handles p = 0 and p = 1 exactly', () => {
    expect(binomialUpperTail(1, 10, 0)).toBe(0);
    expect(binomialUpperTail(10, 10, 1)).toBe(1);
  });

  it('matches exact rational arithmetic for n = 1000, p = 0.3, on both sides of the mean', () => {
    for (const k of [250, 300, 340, 380]) {
      const exact = exactUpperTail(k, 1000, 3, 10);
      expect(Math.abs(binomialUpperTail(k, 1000, 0.3) - exact) / exact).toBeLessThan(1e-9);
    }
  });

  it('agrees with the continuity-corrected normal approximation for n = 50 000', () => {
    // X ~ Bin(50000, ½): mean 25000, sd √12500 = 111.80; P(X ≥ 25200) ≈ P(Z ≥ 199.5/111.80 = 1.7844) ≈ 0.0372.
    const exact = binomialUpperTail(25_200, 50_000, 0.5);
    const normal = normalUpperTail((25_200 - 0.5 - 25_000) / Math.sqrt(12_500));
    expect(Math.abs(exact - normal) / normal).toBeLessThan(0.002);
    expect(exact).toBeCloseTo(0.0372, 3);
  });

  it('stays finite and ordered far in the tail for n = 100 000', () => {
    const near = binomialUpperTail(10_100, 100_000, 0.1);
    const far = binomialUpperTail(11_000, 100_000, 0.1);
    expect(near).toBeCloseTo(normalUpperTail((10_100 - 0.5 - 10_000) / Math.sqrt(9000)), 2);
    expect(far).toBeGreaterThan(0);
    expect(far).toBeLessThan(1e-20);
  });
});

describe('normalUpperTail', () => {
  it('gives the textbook tail probabilities, also far out', () => {
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
    expect(normalUpperTail(1.959964)).toBeCloseTo(0.025, 7);
    expect(normalUpperTail(-1.959964)).toBeCloseTo(0.975, 7);
    // Q(8) = 6.2210e-16: a table lookup or 1 − Φ(8) in doubles gives 0 here.
    expect(normalUpperTail(8) / 6.22096e-16).toBeCloseTo(1, 5);
  });
});

describe('twoProportionTest', () => {
  it('matches the pooled z test worked by hand for 30/100 against 20/100', () => {
    // pooled = 50/200 = 0.25; se = √(0.25·0.75·(1/100 + 1/100)) = √0.00375 = 0.0612372;
    // z = (0.30 − 0.20)/0.0612372 = 1.632993; P(Z ≥ 1.633) = 0.05124, two-sided 0.10247.
    const result = twoProportionTest(30, 100, 20, 100)!;
    expect(result.z).toBeCloseTo(1.632993, 6);
    expect(result.pOneSided).toBeCloseTo(0.05124, 5);
    expect(result.pTwoSided).toBeCloseTo(0.10247, 5);
  });

  it('gives a one-sided p above ½ when the first proportion is the lower one', () => {
    expect(twoProportionTest(20, 100, 30, 100)!.pOneSided).toBeCloseTo(1 - 0.05124, 5);
  });

  it('is null when either group is empty, and p = 1 when the pooled proportion is 0 or 1', () => {
    expect(twoProportionTest(0, 0, 3, 10)).toBeNull();
    expect(twoProportionTest(0, 10, 0, 20)).toEqual({ z: 0, pOneSided: 1, pTwoSided: 1 });
    expect(twoProportionTest(10, 10, 20, 20)).toEqual({ z: 0, pOneSided: 1, pTwoSided: 1 });
  });
});

describe('studentTwoSided', () => {
  it('matches the closed forms for 1 and 2 degrees of freedom', () => {
    // df = 1 (Cauchy): P(|T| ≥ 3) = 1 − (2/π)·atan 3 = 0.204833. df = 2: P(|T| ≥ t) = 1 − t/√(t² + 2).
    expect(studentTwoSided(3, 1)).toBeCloseTo(1 - (2 / Math.PI) * Math.atan(3), 12);
    expect(studentTwoSided(1.5, 2)).toBeCloseTo(1 - 1.5 / Math.sqrt(1.5 ** 2 + 2), 12);
  });

  it('approaches the normal for large df', () => {
    expect(studentTwoSided(2, 1e6)).toBeCloseTo(2 * normalUpperTail(2), 6);
  });
});

describe('meanShift', () => {
  it('matches Welch worked by hand when df = 2 (closed-form t tail)', () => {
    // batch [0,2]: mean 1, var 2; baseline [3,5]: mean 4, var 2. diff = −3, baseline sd √2, effect −3/√2.
    // se = √(2/2 + 2/2) = √2, t = −3/√2; df = (1+1)²/(1²/1 + 1²/1) = 2; p = 1 − |t|/√(t²+2) = 1 − 3/√13 = 0.167950.
    const result = meanShift([0, 2], [3, 5])!;
    expect(result.diff).toBe(-3);
    expect(result.baselineSd).toBeCloseTo(Math.SQRT2, 12);
    expect(result.effect).toBeCloseTo(-3 / Math.SQRT2, 12);
    expect(result.t).toBeCloseTo(-3 / Math.SQRT2, 12);
    expect(result.df).toBeCloseTo(2, 12);
    expect(result.pTwoSided).toBeCloseTo(1 - 3 / Math.sqrt(13), 10);
  });

  it('uses the exact t tail for df = 4, not the normal', () => {
    // [1,2,3] vs [4,5,6]: var 1 each, se = √(2/3), t = −3/√(2/3) = −3.674235, df = (2/3)²/(2·(1/3)²/2) = 4.
    // t₄ CDF: F(t) = ½ + (3/8)·u·(1 − u²/12) with u = t/√(1 + t²/4) → p = 0.021312 (the normal would give 0.00024).
    const result = meanShift([1, 2, 3], [4, 5, 6])!;
    const t = Math.abs(result.t);
    const u = t / Math.sqrt(1 + (t * t) / 4);
    expect(result.df).toBeCloseTo(4, 12);
    expect(result.t).toBeCloseTo(-3.674235, 6);
    expect(result.pTwoSided).toBeCloseTo(2 * (0.5 - (3 / 8) * u * (1 - (u * u) / 12)), 10);
    expect(result.pTwoSided).toBeCloseTo(0.021312, 6);
  });

  it('gives a non-integer Welch df for unequal variances', () => {
    // [1..5]: var 2.5; [2,4,…,10]: var 10. a = 0.5, b = 2; df = 2.5²/(0.25/4 + 4/4) = 6.25/1.0625 = 5.882353; t = −3/√2.5.
    const result = meanShift([1, 2, 3, 4, 5], [2, 4, 6, 8, 10])!;
    expect(result.df).toBeCloseTo(5.882353, 6);
    expect(result.t).toBeCloseTo(-3 / Math.sqrt(2.5), 12);
    expect(result.effect).toBeCloseTo(-3 / Math.sqrt(10), 12);
  });

  it('is null with fewer than 2 values in either sample', () => {
    expect(meanShift([1], [1, 2, 3])).toBeNull();
    expect(meanShift([1, 2], [3])).toBeNull();
  });

  it('handles constant samples without NaN', () => {
    expect(meanShift([5, 5], [5, 5, 5])).toMatchObject({ diff: 0, effect: null, t: 0, df: null, pTwoSided: 1 });
    expect(meanShift([6, 6], [5, 5, 5])).toMatchObject({ diff: 1, effect: null, t: Number.POSITIVE_INFINITY, pTwoSided: 0 });
    // A constant baseline but a varying batch: t is finite, the effect in baseline SDs is not defined.
    expect(meanShift([4, 6], [5, 5, 5])).toMatchObject({ diff: 0, effect: null, t: 0, pTwoSided: 1 });
  });
});
