import { describe, expect, it } from 'vitest';
import { fisherExactTwoSided, impactRatio } from './fairnessStats.js';

/** C(n, k) exactly. */
function choose(n: number, k: number): bigint {
  if (k < 0 || k > n) return 0n;
  let c = 1n;
  for (let i = 1; i <= k; i++) c = (c * BigInt(n - k + i)) / BigInt(i);
  return c;
}

/** Fisher's two-sided p by enumerating every table with the margins of [[a,b],[c,d]] in exact integers. */
function bruteForceFisher(a: number, b: number, c: number, d: number): number {
  const weight = (x: number) => choose(a + b, x) * choose(c + d, a + c - x);
  const observed = weight(a);
  let sum = 0n;
  for (let x = 0; x <= a + b; x++) if (weight(x) <= observed) sum += weight(x);
  return Number((sum * 10n ** 30n) / choose(a + b + c + d, a + c)) / 1e30;
}

describe('fisherExactTwoSided', () => {
  it('gives 0.4857 for the tea-tasting table [[3,1],[1,3]]', () => {
    // Margins 4/4/4/4: P(x) = C(4,x)C(4,4−x)/C(8,4) = [1,16,36,16,1]/70; observed 16/70.
    // Tables no likelier: 1+16+16+1 = 34 → 34/70 = 0.4857142857.
    expect(fisherExactTwoSided(3, 1, 1, 3)).toBeCloseTo(34 / 70, 10);
  });

  it('gives 0.002759 for the classic [[1,9],[11,3]] example', () => {
    expect(fisherExactTwoSided(1, 9, 11, 3)).toBeCloseTo(0.002759, 6);
  });

  it('handles a zero cell: [[0,5],[5,0]] is one of the two extreme tables, 2/C(10,5)', () => {
    // Only x = 0 and x = 5 have probability 1/252 each → 2/252 = 0.0079365.
    expect(fisherExactTwoSided(0, 5, 5, 0)).toBeCloseTo(2 / 252, 12);
  });

  it('is 1 when a margin is 0', () => {
    expect(fisherExactTwoSided(0, 0, 3, 4)).toBe(1);
  });

  it('matches brute-force enumeration of all tables with the same margins', () => {
    const tables: [number, number, number, number][] = [
      [2, 7, 8, 2],
      [10, 10, 10, 10],
      [12, 5, 3, 20],
      [0, 30, 9, 21],
      [40, 60, 25, 75],
      [1, 1, 1, 30],
    ];
    for (const [a, b, c, d] of tables) expect(fisherExactTwoSided(a, b, c, d)).toBeCloseTo(bruteForceFisher(a, b, c, d), 10);
  });

  it('refuses cells that are not whole non-negative numbers', () => {
    expect(() => fisherExactTwoSided(-1, 2, 3, 4)).toThrow(RangeError);
    expect(() => fisherExactTwoSided(1.5, 2, 3, 4)).toThrow(RangeError);
  });
});

describe('impactRatio', () => {
  it('is 0.6 for selection rates of 30 % against 50 % (fails the four-fifths rule)', () => {
    // 30/100 ÷ 50/100 = 0.3/0.5 = 0.6; Fisher on [[30,70],[50,50]].
    const result = impactRatio([
      { group: 'A', n: 100, selected: 50 },
      { group: 'B', n: 100, selected: 30 },
    ]);
    expect(result.ratio).toBeCloseTo(0.6, 12);
    expect(result.lowest).toBe('B');
    expect(result.highest).toBe('A');
    expect(result.pValue).toBeCloseTo(bruteForceFisher(30, 70, 50, 50), 10);
    expect(result.suppressed).toEqual([]);
  });

  it('suppresses a group with fewer than minCell members and leaves it out of the ratio', () => {
    // C has rate 0/4 = 0 and would make the ratio 0; suppressed, it leaves 0.4/0.5 = 0.8.
    const result = impactRatio([
      { group: 'A', n: 10, selected: 5 },
      { group: 'B', n: 10, selected: 4 },
      { group: 'C', n: 4, selected: 0 },
    ]);
    expect(result.ratio).toBeCloseTo(0.8, 12);
    expect(result.suppressed).toEqual(['C']);
    expect(result.groups.find((g) => g.group === 'C')).toEqual({ group: 'C', n: 4, selected: 0, rate: null, suppressed: true });
    expect(result.groups.find((g) => g.group === 'A')!.rate).toBe(0.5);
  });

  it('is null when only one group is left after suppression', () => {
    const result = impactRatio([
      { group: 'A', n: 10, selected: 5 },
      { group: 'B', n: 4, selected: 1 },
    ]);
    expect(result.ratio).toBeNull();
    expect(result.pValue).toBeNull();
    expect(result.lowest).toBeUndefined();
    expect(result.suppressed).toEqual(['B']);
  });

  it('is null when nobody was selected in any group, the p-value then 1', () => {
    const result = impactRatio([
      { group: 'A', n: 10, selected: 0 },
      { group: 'B', n: 12, selected: 0 },
    ]);
    expect(result.ratio).toBeNull();
    expect(result.pValue).toBe(1);
  });

  it('honours a custom minCell', () => {
    const groups = [
      { group: 'A', n: 20, selected: 10 },
      { group: 'B', n: 8, selected: 2 },
    ];
    expect(impactRatio(groups).ratio).toBeCloseTo(0.5, 12);
    expect(impactRatio(groups, { minCell: 10 }).ratio).toBeNull();
  });
});
