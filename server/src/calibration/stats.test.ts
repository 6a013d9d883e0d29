import { describe, expect, it } from 'vitest';
import { excludesZero, fisherInterval, pearson, spearman } from './stats.js';

describe('pearson', () => {
  it('is exactly 0.9 on a five-point example computed by hand', () => {
    // x − x̄ = [-2,-1,0,1,2], y − ȳ = [-2,-1,0,2,1]: Sxy = 4+1+0+2+2 = 9, Sxx = Syy = 10, r = 9/10.
    expect(pearson([1, 2, 3, 4, 5], [1, 2, 3, 5, 4])).toBeCloseTo(0.9, 12);
  });

  it('is -1 for a decreasing linear relation', () => {
    expect(pearson([1, 2, 3, 4], [10, 8, 6, 4])).toBeCloseTo(-1, 12);
  });

  it('is null, not NaN, when either vector is constant', () => {
    expect(pearson([3, 3, 3, 3], [1, 2, 3, 4])).toBeNull();
    expect(pearson([1, 2, 3, 4], [0.1, 0.1, 0.1, 0.1])).toBeNull();
    // The float mean of [0.7, 0.7, 0.7] is not 0.7, so a check on the spread alone would return ~1e-16.
    expect(pearson([0.7, 0.7, 0.7], [1, 2, 4])).toBeNull();
  });

  it('is null for fewer than two pairs', () => {
    expect(pearson([], [])).toBeNull();
    expect(pearson([1], [2])).toBeNull();
  });

  it('refuses vectors of different lengths or with non-finite values', () => {
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(RangeError);
    expect(() => pearson([1, 2, Number.NaN], [1, 2, 3])).toThrow(RangeError);
  });
});

describe('spearman', () => {
  it('equals 1 − 6Σd²/(n(n²−1)) without ties', () => {
    // Ranks equal the values; d = [0,0,0,1,-1], Σd² = 2: ρ = 1 − 12/120 = 0.9.
    expect(spearman([1, 2, 3, 4, 5], [1, 2, 3, 5, 4])).toBeCloseTo(0.9, 12);
  });

  it('is invariant under monotone transforms', () => {
    expect(spearman([1, 2, 3, 4, 5], [1, 8, 27, 125, 64])).toBeCloseTo(0.9, 12);
  });

  it('gives tied values the average of their ranks', () => {
    // x ranks [1, 2.5, 2.5, 4], y ranks [1,2,3,4]. Centred: [-1.5,0,0,1.5] and [-1.5,-.5,.5,1.5];
    // Sxy = 4.5, Sxx = 4.5, Syy = 5 → ρ = 4.5/√22.5 = √0.9 ≈ 0.948683 (scipy.stats.spearmanr agrees).
    // Consecutive ranks for ties ([1,2,3,4]) would give 1 instead.
    expect(spearman([1, 2, 2, 3], [1, 2, 3, 4])).toBeCloseTo(Math.sqrt(0.9), 12);
  });

  it('does not depend on the order of tied pairs', () => {
    // The same pairs listed with the tied x values swapped; order-dependent tie ranks would give 0.8.
    expect(spearman([1, 2, 2, 3], [1, 3, 2, 4])).toBeCloseTo(Math.sqrt(0.9), 12);
  });

  it('is null, not NaN, when all values tie', () => {
    expect(spearman([5, 5, 5], [1, 2, 3])).toBeNull();
  });
});

describe('fisherInterval', () => {
  it('matches the Fisher z recipe worked by hand for r = 0.9, n = 28', () => {
    // z = atanh 0.9 = ½ ln 19 = 1.4722195; se = 1/√25 = 0.2; z ± 1.959964·0.2 = [1.0802267, 1.8642123];
    // tanh of those = [0.7932831, 0.9530665].
    const interval = fisherInterval(0.9, 28);
    expect(interval?.[0]).toBeCloseTo(0.7932831, 6);
    expect(interval?.[1]).toBeCloseTo(0.9530665, 6);
  });

  it('agrees with scipy for the five-point example', () => {
    // scipy.stats.pearsonr([1,2,3,4,5], [1,2,3,5,4]).confidence_interval(0.95) = (0.086102, 0.993438)
    const interval = fisherInterval(0.9, 5);
    expect(interval?.[0]).toBeCloseTo(0.086102, 5);
    expect(interval?.[1]).toBeCloseTo(0.993438, 5);
  });

  it('is symmetric around 0 for r = 0 and narrower at a lower level', () => {
    const wide = fisherInterval(0, 103)!; // se = 0.1 → ±tanh(0.1959964) = ±0.1935247
    expect(wide[0]).toBeCloseTo(-0.1935247, 6);
    expect(wide[1]).toBeCloseTo(0.1935247, 6);
    expect(fisherInterval(0, 103, 0.9)![1]).toBeLessThan(wide[1]);
  });

  it('is null below four pairs', () => {
    expect(fisherInterval(0.5, 3)).toBeNull();
    expect(fisherInterval(0.5, 4)).not.toBeNull();
  });

  it('stays finite at |r| = 1', () => {
    expect(fisherInterval(1, 10)).toEqual([1, 1]);
  });

  it('refuses impossible correlations and unsupported levels', () => {
    expect(() => fisherInterval(1.2, 10)).toThrow(RangeError);
    expect(() => fisherInterval(0.5, 10, 0.93)).toThrow(RangeError);
  });
});

describe('excludesZero', () => {
  it('is true only for intervals strictly on one side of zero', () => {
    expect(excludesZero([0.1, 0.5])).toBe(true);
    expect(excludesZero([-0.5, -0.1])).toBe(true);
    expect(excludesZero([-0.1, 0.3])).toBe(false);
    expect(excludesZero([0, 0.3])).toBe(false);
    expect(excludesZero(null)).toBe(false);
  });
});
