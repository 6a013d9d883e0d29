/**
 * Non-negative least squares: minimise ‖y − a − Xb‖² subject to b ≥ 0, the intercept a free.
 * The intercept is handled by centring X's columns and y; the centred problem is solved with
 * Lawson & Hanson's active-set algorithm (Solving Least Squares Problems, 1974, ch. 23) in its
 * normal-equation form, which is exact up to float rounding once the active set is right.
 *
 * Dense numeric code: indices are in range by construction, hence the `!` on array reads.
 */

export interface NnlsResult {
  /** One non-negative coefficient per column of X. */
  coefficients: number[];
  intercept: number;
}

type Matrix = readonly (readonly number[])[];

/** Relative tolerance on the gradient: below it a variable cannot lower the residual. */
const GRADIENT_TOLERANCE = 1e-10;

export function nonNegativeLeastSquares(X: Matrix, y: readonly number[]): NnlsResult {
  if (X.length !== y.length) throw new RangeError(`X has ${X.length} rows but y has ${y.length} values`);
  if (y.length === 0) throw new RangeError('no observations');
  const k = X[0]!.length;
  if (X.some((row) => row.length !== k)) throw new RangeError('every row of X needs the same number of columns');
  if ([...y, ...X.flat()].some((v) => !Number.isFinite(v))) throw new RangeError('X and y must hold finite numbers only');

  const xMeans = Array.from({ length: k }, (_, j) => mean(X.map((row) => row[j]!)));
  const yMean = mean(y);
  const gram = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  const xty = new Array<number>(k).fill(0);
  for (let i = 0; i < y.length; i++) {
    const centred = X[i]!.map((v, j) => v - xMeans[j]!);
    const yc = y[i]! - yMean;
    for (let a = 0; a < k; a++) {
      xty[a]! += centred[a]! * yc;
      for (let b = 0; b < k; b++) gram[a]![b]! += centred[a]! * centred[b]!;
    }
  }

  const coefficients = nnlsNormalEquations(gram, xty);
  const intercept = yMean - coefficients.reduce((sum, b, j) => sum + b * xMeans[j]!, 0);
  return { coefficients, intercept };
}

/**
 * Lawson–Hanson on the normal equations: minimise ½bᵀGb − cᵀb subject to b ≥ 0, with G = XᵀX and
 * c = Xᵀy of the centred data. The negative gradient is w = c − Gb; at the optimum (KKT)
 * w_j = 0 where b_j > 0 and w_j ≤ 0 where b_j = 0.
 */
export function nnlsNormalEquations(gram: Matrix, xty: readonly number[]): number[] {
  const k = xty.length;
  const scale = Math.max(0, ...xty.map(Math.abs), ...gram.map((row, j) => Math.abs(row[j]!)));
  const tolerance = GRADIENT_TOLERANCE * scale;
  const passive = new Array<boolean>(k).fill(false);
  /** Variables rounding rejected right after entering; retried once the passive set changes. */
  const stalled = new Set<number>();
  let x = new Array<number>(k).fill(0);

  const maxIterations = 30 * Math.max(1, k);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const w = negativeGradient(gram, xty, x);
    const entering = argMax(w, (j) => !passive[j] && !stalled.has(j) && w[j]! > tolerance);
    if (entering === -1) return x;
    passive[entering] = true;

    for (let inner = 0; ; inner++) {
      const s = solvePassive(gram, xty, passive);
      if (inner === 0 && s[entering]! <= 0) {
        // Impossible in exact arithmetic (w_t > 0 means t lowers the residual); rounding did it.
        passive[entering] = false;
        stalled.add(entering);
        break;
      }
      if (s.every((v, j) => !passive[j] || v > 0)) {
        x = s;
        stalled.clear();
        break;
      }
      // Move from x towards s until the first passive variable hits zero; it leaves the passive set.
      let alpha = Infinity;
      let leaving = -1;
      for (let j = 0; j < k; j++) {
        if (!passive[j] || s[j]! > 0) continue;
        const step = x[j]! / (x[j]! - s[j]!);
        if (step < alpha) [alpha, leaving] = [step, j];
      }
      x = x.map((xj, j) => xj + alpha * (s[j]! - xj));
      for (let j = 0; j < k; j++) {
        if (passive[j] && (j === leaving || x[j]! <= 0)) {
          passive[j] = false;
          x[j] = 0;
        }
      }
      stalled.clear();
    }
  }
  throw new Error(`NNLS did not converge in ${maxIterations} iterations`);
}

/** w = c − Gx. */
export function negativeGradient(gram: Matrix, xty: readonly number[], x: readonly number[]): number[] {
  return xty.map((c, a) => c - gram[a]!.reduce((sum, g, b) => sum + g * x[b]!, 0));
}

/** The unconstrained least-squares solution on the passive variables, zero elsewhere: G_PP s_P = c_P. */
function solvePassive(gram: Matrix, xty: readonly number[], passive: readonly boolean[]): number[] {
  const indices = passive.flatMap((p, j) => (p ? [j] : []));
  const solution = solveLinear(
    indices.map((a) => indices.map((b) => gram[a]![b]!)),
    indices.map((a) => xty[a]!),
  );
  const full = new Array<number>(xty.length).fill(0);
  indices.forEach((j, i) => (full[j] = solution[i]!));
  return full;
}

/** Solves Ax = b by Gaussian elimination with partial pivoting; throws on a (numerically) singular A. */
export function solveLinear(matrix: Matrix, rhs: readonly number[]): number[] {
  const n = rhs.length;
  const a = matrix.map((row, i) => [...row, rhs[i]!]);
  const scale = Math.max(0, ...matrix.flat().map(Math.abs));
  for (let col = 0; col < n; col++) {
    const pivotRow = argMax(
      a.map((row) => Math.abs(row[col]!)),
      (r) => r >= col,
    );
    [a[col], a[pivotRow]] = [a[pivotRow]!, a[col]!];
    const pivot = a[col]![col]!;
    if (Math.abs(pivot) <= 1e-12 * scale) throw new Error('singular system: the passive columns are collinear');
    for (let r = col + 1; r < n; r++) {
      const factor = a[r]![col]! / pivot;
      for (let c = col; c <= n; c++) a[r]![c]! -= factor * a[col]![c]!;
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    let sum = a[r]![n]!;
    for (let c = r + 1; c < n; c++) sum -= a[r]![c]! * x[c]!;
    x[r] = sum / a[r]![r]!;
  }
  return x;
}

/** Index of the largest value among the eligible ones, or −1. */
function argMax(values: readonly number[], eligible: (index: number) => boolean): number {
  let best = -1;
  values.forEach((v, j) => {
    if (eligible(j) && (best === -1 || v > values[best]!)) best = j;
  });
  return best;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}
