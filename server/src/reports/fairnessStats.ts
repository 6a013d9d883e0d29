/**
 * Statistics of the fairness report: Fisher's exact test on 2×2 tables and the impact ratio of
 * selection rates across groups (the four-fifths rule), with small groups suppressed.
 */
import { checkCounts, logChoose } from './stats.js';

/** Probabilities within this relative distance of the observed table's count as ties (floating-point noise). */
const TIE_TOLERANCE = 1e-7;

/**
 * Two-sided Fisher's exact p of the 2×2 table [[a, b], [c, d]]: the total hypergeometric probability of
 * all tables with the same margins that are no more likely than the observed one (ties within a relative
 * 1e-7 included), as R's fisher.test. Computed in log space; 1 when a margin is 0.
 */
export function fisherExactTwoSided(a: number, b: number, c: number, d: number): number {
  for (const cell of [a, b, c, d]) checkCounts(cell, cell);
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const total = row1 + row2;
  const logDenominator = logChoose(total, col1);
  const logProbability = (x: number) => logChoose(row1, x) + logChoose(row2, col1 - x) - logDenominator;
  const observed = logProbability(a);
  const threshold = observed + Math.log1p(TIE_TOLERANCE);
  let p = 0;
  for (let x = Math.max(0, col1 - row2); x <= Math.min(row1, col1); x++) {
    const logP = logProbability(x);
    if (logP <= threshold) p += Math.exp(logP);
  }
  return Math.min(1, p);
}

export interface ImpactGroup {
  group: string;
  n: number;
  selected: number;
}

export interface ImpactGroupRate extends ImpactGroup {
  /** selected ÷ n, or null when the group is suppressed. */
  rate: number | null;
  suppressed: boolean;
}

export interface ImpactRatio {
  /** Lowest ÷ highest selection rate over the unsuppressed groups; null with fewer than 2 of them or a highest rate of 0. */
  ratio: number | null;
  /** The unsuppressed groups with the lowest and highest rate (first in input order on ties); absent with fewer than 2. */
  lowest?: string;
  highest?: string;
  /** Fisher's exact two-sided p, selected vs not selected, lowest against highest group; null without both. */
  pValue: number | null;
  /** Groups with n < minCell, in input order: shown without a rate and left out of the ratio. */
  suppressed: string[];
  groups: ImpactGroupRate[];
}

/**
 * The impact ratio of selection rates (the four-fifths rule flags a ratio below 0.8): lowest rate ÷
 * highest rate over groups with at least `minCell` members, smaller groups suppressed so that no rate
 * of a handful of people is shown. See ImpactRatio for the null cases.
 */
export function impactRatio(groups: readonly ImpactGroup[], { minCell = 5 }: { minCell?: number } = {}): ImpactRatio {
  const rated: ImpactGroupRate[] = groups.map((g) => {
    checkCounts(g.selected, g.n);
    const suppressed = g.n < minCell;
    return { group: g.group, n: g.n, selected: g.selected, rate: suppressed ? null : g.selected / g.n, suppressed };
  });
  const suppressed = rated.filter((g) => g.suppressed).map((g) => g.group);
  const shown = rated.filter((g): g is ImpactGroupRate & { rate: number } => g.rate !== null);
  if (shown.length < 2) return { ratio: null, pValue: null, suppressed, groups: rated };
  const lowest = shown.reduce((low, g) => (g.rate < low.rate ? g : low));
  const highest = shown.reduce((high, g) => (g.rate > high.rate ? g : high));
  return {
    ratio: highest.rate === 0 ? null : lowest.rate / highest.rate,
    lowest: lowest.group,
    highest: highest.group,
    pValue: fisherExactTwoSided(lowest.selected, lowest.n - lowest.selected, highest.selected, highest.n - highest.selected),
    suppressed,
    groups: rated,
  };
}
