/**
 * The dense linear algebra the numerical core needs, in one place (issue #12 §4): Cholesky
 * factorization and solve of symmetric positive definite systems (ridge regression and the Lasso
 * active-set polish, linearModels.ts) and the eigenvalues of a symmetric matrix (λ_max of the MSE
 * Hessian, which bounds the stable learning rate, polyfit.ts).
 *
 * Why hand-written: the matrices are small (p ≤ ~30) and the pages show numbers that must equal
 * scikit-learn / numpy to the last digits the fixtures check, so the summation order of every loop
 * here is part of the contract — the fixture tests pin it bit for bit. Do not reorder the loops.
 *
 * Matrices are arrays of rows (`number[][]`). The checked functions (`choleskyFactor`,
 * `choleskySolve`, `symmetricEigenvalues`) throw a TypeError/RangeError naming the parameter;
 * `choleskySolveOrNull` is the unchecked kernel for callers that have already validated their data
 * and want "not positive definite" as a value (null) instead of an exception.
 */
import { describe, isArrayLike, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Pivots d ≤ CHOLESKY_PIVOT_TOLERANCE·A_jj count as singular (d/A_jj = 1 − R² of column j on the earlier ones). */
export const CHOLESKY_PIVOT_TOLERANCE = 1e-13;

/**
 * Lower-triangular L with L·Lᵀ = A, reading only A's diagonal and lower triangle; null if a pivot is
 * ≤ 1e-13·A_jj (not numerically positive definite). No validation.
 */
function choleskyLower(A: readonly (readonly number[])[]): number[][] | null {
  const m = A.length;
  const L: number[][] = Array.from({ length: m }, () => new Array<number>(m).fill(0));
  for (let j = 0; j < m; j++) {
    let d = A[j]![j]!;
    for (let k = 0; k < j; k++) d -= L[j]![k]! ** 2;
    // Relative to the column's own diagonal: d/A_jj = 1 − R² of column j on the earlier ones.
    if (!(d > CHOLESKY_PIVOT_TOLERANCE * A[j]![j]!)) return null;
    const ljj = Math.sqrt(d);
    L[j]![j] = ljj;
    for (let i = j + 1; i < m; i++) {
      let s = A[i]![j]!;
      for (let k = 0; k < j; k++) s -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = s / ljj;
    }
  }
  return L;
}

/** Solves L·Lᵀ x = b: forward substitution L z = b, then back substitution Lᵀ x = z. No validation. */
function solveLower(L: number[][], b: readonly number[]): number[] {
  const m = L.length;
  const z = new Array<number>(m).fill(0);
  for (let i = 0; i < m; i++) {
    let s = b[i]!;
    for (let k = 0; k < i; k++) s -= L[i]![k]! * z[k]!;
    z[i] = s / L[i]![i]!;
  }
  const x = new Array<number>(m).fill(0);
  for (let i = m - 1; i >= 0; i--) {
    let s = z[i]!;
    for (let k = i + 1; k < m; k++) s -= L[k]![i]! * x[k]!;
    x[i] = s / L[i]![i]!;
  }
  return x;
}

/**
 * Solves A x = b for symmetric positive definite A by Cholesky, without validating A or b (A square
 * with finite entries, b of the same length — the caller's job). Returns null if A is not
 * (numerically) positive definite — a pivot ≤ 1e-13·A_jj counts as singular — or the solution is
 * not finite. Only A's diagonal and lower triangle are read.
 */
export function choleskySolveOrNull(A: readonly (readonly number[])[], b: readonly number[]): number[] | null {
  const L = choleskyLower(A);
  if (L === null) return null;
  const x = solveLower(L, b);
  return x.every(Number.isFinite) ? x : null;
}

/** A square, exactly symmetric matrix of finite numbers (≥ 1×1, at most maxSize×maxSize), copied. */
function symmetricMatrix(name: string, a: unknown, maxSize: number): number[][] {
  if (!Array.isArray(a)) throw paramTypeError(name, `${name} must be an array of rows; received ${describe(a)}`);
  const n = a.length;
  if (n < 1 || n > maxSize) throw paramRangeError(name, `${name} must have a number of rows in [1, ${maxSize}]; received ${n}`);
  const m = a.map((row, i) => vector(`${name}[${i}]`, row, n, n));
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      if (m[i]![j] !== m[j]![i]) {
        throw paramRangeError(name, `${name} must be symmetric; received ${name}[${i}][${j}] = ${describe(m[i]![j])} but ${name}[${j}][${i}] = ${describe(m[j]![i])}`);
      }
    }
  }
  return m;
}

/** Largest matrix side `choleskyFactor` / `choleskySolve` accept (O(n³) work). */
export const LINALG_MAX_SIZE = 1000;

/**
 * Cholesky factor of a symmetric positive definite matrix: lower-triangular L (zeros above the
 * diagonal) with L·Lᵀ = a. Throws TypeError for non-arrays / non-finite entries and RangeError for a
 * non-square, non-symmetric or not (numerically) positive definite a.
 */
export function choleskyFactor(a: readonly (readonly number[])[]): number[][] {
  const m = symmetricMatrix('a', a, LINALG_MAX_SIZE);
  const L = choleskyLower(m);
  if (L === null) throw paramRangeError('a', `a must be positive definite (every Cholesky pivot > ${CHOLESKY_PIVOT_TOLERANCE}·a[j][j]); received a ${m.length}×${m.length} matrix that is not`);
  if (!L.every((row) => row.every(Number.isFinite))) throw paramRangeError('a', `a must have a finite Cholesky factor; received a ${m.length}×${m.length} matrix whose factor overflows`);
  return L;
}

/**
 * Solves a·x = b for symmetric positive definite a by Cholesky (the same arithmetic as
 * `choleskySolveOrNull`). Throws TypeError/RangeError naming a or b for bad input, a matrix that is
 * not positive definite, or a solution that overflows.
 */
export function choleskySolve(a: readonly (readonly number[])[], b: ArrayLike<number>): number[] {
  const m = symmetricMatrix('a', a, LINALG_MAX_SIZE);
  if (!isArrayLike(b)) throw paramTypeError('b', `b must be an array of numbers; received ${describe(b)}`);
  const bs = vector('b', b, m.length, m.length);
  const L = choleskyLower(m);
  if (L === null) throw paramRangeError('a', `a must be positive definite (every Cholesky pivot > ${CHOLESKY_PIVOT_TOLERANCE}·a[j][j]); received a ${m.length}×${m.length} matrix that is not`);
  const x = solveLower(L, bs);
  if (!x.every(Number.isFinite)) throw paramRangeError('b', `b must give a finite solution of a·x = b; received b with entries up to ${describe(Math.max(...bs.map(Math.abs)))}`);
  return x;
}

/** x·2^e in two exact steps (2^±1074 alone is out of range). */
function timesPowerOfTwo(x: number, e: number): number {
  const half = Math.trunc(e / 2);
  return x * 2 ** half * 2 ** (e - half);
}

/**
 * Eigenvalues of a symmetric matrix, ascending (cyclic Jacobi rotations; meant for the small
 * Hessians here, up to about 30×30). Only the upper triangle is read.
 */
export function symmetricEigenvalues(a: readonly (readonly number[])[]): number[] {
  if (!Array.isArray(a)) throw paramTypeError('a', `a must be an array of rows; received ${describe(a)}`);
  const n = a.length;
  const m = a.map((row, i) => {
    const r = vector(`a[${i}]`, row, n, n);
    return r;
  });
  for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) m[i]![j] = m[j]![i]!;
  // Entries beyond ~1e154 (or below ~1e-154) make the squared sums below overflow (underflow), giving
  // NaN (or stopping before convergence). Such a matrix is first scaled by a power of two, which is
  // exact and cancels in every rotation, so the eigenvalues are the same bits scaled back.
  let maxAbs = 0;
  for (const row of m) for (const v of row) maxAbs = Math.max(maxAbs, Math.abs(v));
  const exponent = maxAbs > 0 && (maxAbs > 2 ** 500 || maxAbs < 2 ** -500) ? Math.round(Math.log2(maxAbs)) : 0;
  if (exponent !== 0) for (const row of m) for (let j = 0; j < n; j++) row[j] = timesPowerOfTwo(row[j]!, -exponent);
  for (let sweep = 0; sweep < 100; sweep++) {
    let off = 0;
    let scale = 0;
    for (let i = 0; i < n; i++) {
      scale += m[i]![i]! * m[i]![i]!;
      for (let j = i + 1; j < n; j++) off += m[i]![j]! * m[i]![j]!;
    }
    if (off === 0 || off <= 1e-30 * scale) break;
    for (let p = 0; p < n; p++) {
      for (let q = p + 1; q < n; q++) {
        const apq = m[p]![q]!;
        if (apq === 0) continue;
        const theta = (m[q]![q]! - m[p]![p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < n; k++) {
          const akp = m[k]![p]!;
          const akq = m[k]![q]!;
          m[k]![p] = c * akp - s * akq;
          m[k]![q] = s * akp + c * akq;
        }
        for (let k = 0; k < n; k++) {
          const apk = m[p]![k]!;
          const aqk = m[q]![k]!;
          m[p]![k] = c * apk - s * aqk;
          m[q]![k] = s * apk + c * aqk;
        }
      }
    }
  }
  const eigenvalues = m.map((row, i) => timesPowerOfTwo(row[i]!, exponent)).sort((x, y) => x - y);
  if (!eigenvalues.every(Number.isFinite)) {
    throw paramRangeError('a', `a must have eigenvalues of magnitude below 1.8e308; received entries up to ${describe(maxAbs)}`);
  }
  return eigenvalues;
}
