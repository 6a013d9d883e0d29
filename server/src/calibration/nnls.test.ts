import { describe, expect, it } from 'vitest';
import { negativeGradient, nonNegativeLeastSquares, solveLinear } from './nnls.js';

/**
 * Hand-solved two-variable case. x1 = [0,1,2,3,4], x2 = [0,2,1,4,3], y = 3·x1 − x2 = [0,1,5,5,9].
 * Centred: x1 = [-2,-1,0,1,2], x2 = [-2,0,-1,2,1], y = [-4,-3,1,1,5];
 * G = [[10, 8], [8, 10]], c = Xᵀy = [22, 14]. Unconstrained: G·[3, −1] = [22, 14], so b = (3, −1).
 * With b ≥ 0: b2 = 0 and b1 = c1/G11 = 2.2 (SSE 52 − 2.2·22 = 3.6), better than b1 = 0, b2 = 1.4
 * (SSE 52 − 1.4·14 = 32.4). KKT: w2 = c2 − G21·b1 = 14 − 17.6 = −3.6 ≤ 0. Intercept = ȳ − 2.2·x̄1 = 4 − 4.4.
 * scipy.optimize.nnls on the centred data gives [2.2, 0] too.
 */
const X_TWO = [
  [0, 0],
  [1, 2],
  [2, 1],
  [3, 4],
  [4, 3],
];
const Y_TWO = [0, 1, 5, 5, 9];

describe('nonNegativeLeastSquares', () => {
  it('clips the negative coefficient of the hand-solved case and refits the other', () => {
    const { coefficients, intercept } = nonNegativeLeastSquares(X_TWO, Y_TWO);
    expect(coefficients[0]).toBeCloseTo(2.2, 10);
    expect(coefficients[1]).toBe(0);
    expect(intercept).toBeCloseTo(-0.4, 10);
  });

  it('returns the ordinary least-squares fit when that is already non-negative', () => {
    // y = x1 + 2·x2 + 5 exactly.
    const y = X_TWO.map(([a, b]) => a! + 2 * b! + 5);
    const { coefficients, intercept } = nonNegativeLeastSquares(X_TWO, y);
    expect(coefficients[0]).toBeCloseTo(1, 10);
    expect(coefficients[1]).toBeCloseTo(2, 10);
    expect(intercept).toBeCloseTo(5, 10);
  });

  it('gives all-zero coefficients when y falls with every column', () => {
    const y = X_TWO.map(([a, b]) => 50 - a! - b!);
    const { coefficients, intercept } = nonNegativeLeastSquares(X_TWO, y);
    expect(coefficients).toEqual([0, 0]);
    expect(intercept).toBeCloseTo(50 - 4, 10); // ȳ = 50 − (2 + 2)
  });

  it('survives a duplicated and a constant column (collinearity) without throwing', () => {
    const X = X_TWO.map(([a]) => [a!, a!, 7]);
    const { coefficients } = nonNegativeLeastSquares(X, [1, 3, 5, 7, 9]); // y = 2·x1 + 1
    expect(coefficients[0]! + coefficients[1]!).toBeCloseTo(2, 10);
    expect(coefficients[2]).toBe(0);
  });

  it('meets the KKT conditions and matches a brute force over all active sets', () => {
    const normal = seededNormal(42);
    const truth = [2, -1, 0.5, -3, 1];
    const X = Array.from({ length: 60 }, () => truth.map(() => 70 + 10 * normal()));
    // Correlate columns 1 and 2 with column 0 so the active set matters.
    X.forEach((row) => ((row[1] = 0.6 * row[0]! + 0.4 * row[1]!), (row[2] = 0.5 * row[0]! + 0.5 * row[2]!)));
    const y = X.map((row) => row.reduce((sum, v, j) => sum + truth[j]! * v, 0) + 15 * normal());
    const { coefficients } = nonNegativeLeastSquares(X, y);

    const { gram, xty } = centredNormalEquations(X, y);
    const w = negativeGradient(gram, xty, coefficients);
    const scale = Math.max(...xty.map(Math.abs));
    coefficients.forEach((b, j) => {
      expect(b).toBeGreaterThanOrEqual(0);
      if (b > 0) expect(Math.abs(w[j]!)).toBeLessThan(1e-9 * scale);
      else expect(w[j]!).toBeLessThanOrEqual(1e-9 * scale);
    });
    expect(coefficients.filter((b) => b > 0).length).toBeGreaterThan(0);
    expect(coefficients.filter((b) => b === 0).length).toBeGreaterThan(0);

    const best = bruteForceNnls(gram, xty);
    coefficients.forEach((b, j) => expect(b).toBeCloseTo(best[j]!, 8));
  });

  it('matches the brute force on many small problems with strongly correlated columns', () => {
    const normal = seededNormal(7);
    for (let problem = 0; problem < 300; problem++) {
      const k = 2 + (problem % 4);
      const truth = Array.from({ length: k }, () => 2 * normal());
      const X = Array.from({ length: 12 }, () => {
        const shared = normal();
        return truth.map(() => shared + 0.4 * normal());
      });
      const y = X.map((row) => row.reduce((sum, v, j) => sum + truth[j]! * v, 0) + 0.5 * normal());
      const { gram, xty } = centredNormalEquations(X, y);
      const best = bruteForceNnls(gram, xty);
      nonNegativeLeastSquares(X, y).coefficients.forEach((b, j) => expect(b).toBeCloseTo(best[j]!, 6));
    }
  });

  it('refuses mismatched shapes', () => {
    expect(() => nonNegativeLeastSquares([[1], [2]], [1])).toThrow(RangeError);
    expect(() => nonNegativeLeastSquares([[1, 2], [3]], [1, 2])).toThrow(RangeError);
  });
});

describe('solveLinear', () => {
  it('solves a system needing a row swap', () => {
    // 0·a + 2b = 4, 3a + b = 5 → b = 2, a = 1.
    expect(solveLinear([[0, 2], [3, 1]], [4, 5])).toEqual([1, 2]);
  });
});

function centredNormalEquations(X: number[][], y: number[]) {
  const k = X[0]!.length;
  const xMean = Array.from({ length: k }, (_, j) => X.reduce((s, row) => s + row[j]!, 0) / X.length);
  const yMean = y.reduce((s, v) => s + v, 0) / y.length;
  const gram = Array.from({ length: k }, (_, a) => Array.from({ length: k }, (_, b) => X.reduce((s, row) => s + (row[a]! - xMean[a]!) * (row[b]! - xMean[b]!), 0)));
  const xty = Array.from({ length: k }, (_, a) => X.reduce((s, row, i) => s + (row[a]! - xMean[a]!) * (y[i]! - yMean), 0));
  return { gram, xty };
}

/** Independent check: the feasible unconstrained fit with the least residual over every subset of columns. */
function bruteForceNnls(gram: number[][], xty: number[]): number[] {
  const k = xty.length;
  let best = new Array<number>(k).fill(0);
  let bestGain = 0; // SSE = Syy − bᵀc for a least-squares b on its subset; maximise bᵀc.
  for (let mask = 1; mask < 1 << k; mask++) {
    const subset = Array.from({ length: k }, (_, j) => j).filter((j) => mask & (1 << j));
    const solution = solveLinear(
      subset.map((a) => subset.map((b) => gram[a]![b]!)),
      subset.map((a) => xty[a]!),
    );
    if (solution.some((v) => v < 0)) continue;
    const gain = subset.reduce((s, j, i) => s + solution[i]! * xty[j]!, 0);
    if (gain > bestGain) {
      bestGain = gain;
      best = new Array<number>(k).fill(0);
      subset.forEach((j, i) => (best[j] = solution[i]!));
    }
  }
  return best;
}

/** Standard normals from a seeded mulberry32 (Box–Muller), so the test data are the same everywhere. */
function seededNormal(seed: number): () => number {
  let state = seed >>> 0;
  const uniform = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = Math.imul(state ^ (state >>> 15), state | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}
