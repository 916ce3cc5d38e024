/**
 * src/lib/linalg.ts: Cholesky factor/solve and symmetric eigenvalues on known small matrices, properties
 * on random symmetric positive definite matrices, and refusals of bad input. (The summation order is
 * pinned bit for bit by the scikit-learn / numpy fixtures of linearModels.test.ts and polyfit.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { choleskyFactor, choleskySolve, choleskySolveOrNull, symmetricEigenvalues } from '../../src/lib/linalg';
import * as lib from '../../src/lib/index';
import { expectAllClose, expectClose } from './close';

type Mat = number[][];

const matMul = (a: Mat, b: Mat): Mat => a.map((row) => b[0]!.map((_, j) => row.reduce((s, v, k) => s + v * b[k]![j]!, 0)));
const transpose = (a: Mat): Mat => a[0]!.map((_, j) => a.map((row) => row[j]!));
const matVec = (a: Mat, x: number[]): number[] => a.map((row) => row.reduce((s, v, k) => s + v * x[k]!, 0));
const maxAbs = (a: Mat): number => Math.max(...a.flat().map(Math.abs));

/** A = B·Bᵀ + shift·I with B's entries in [−1, 1]: symmetric, positive definite, n in [1, 8]. */
const spd = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.tuple(
    fc.array(fc.array(fc.double({ min: -1, max: 1, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }),
    fc.double({ min: 0.05, max: 10, noNaN: true }),
    fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
  ).map(([B, shift, b]) => {
    const A = matMul(B, transpose(B)).map((row, i) => row.map((v, j) => (i === j ? v + shift : v)));
    // B·Bᵀ is symmetric up to rounding of the same products in another order; make it exact.
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[i]![j] = A[j]![i]!;
    return { A, b };
  }));

describe('known small matrices', () => {
  it('choleskyFactor of textbook SPD matrices', () => {
    expect(choleskyFactor([[4]])).toEqual([[2]]);
    expect(choleskyFactor([[4, 12, -16], [12, 37, -43], [-16, -43, 98]])).toEqual([[2, 0, 0], [6, 1, 0], [-8, 5, 3]]);
    const L = choleskyFactor([[4, 2], [2, 3]]);
    expect(L[0]).toEqual([2, 0]);
    expect(L[1]![0]).toBe(1);
    expectClose(L[1]![1]!, Math.SQRT2, 1e-15);
    expect(choleskyFactor([[1, 0, 0], [0, 1, 0], [0, 0, 1]])).toEqual([[1, 0, 0], [0, 1, 0], [0, 0, 1]]);
  });

  it('choleskySolve recovers x from A·x', () => {
    const A = [[4, 12, -16], [12, 37, -43], [-16, -43, 98]];
    expectAllClose(choleskySolve(A, matVec(A, [1, -2, 3])), [1, -2, 3], 1e-12);
    expectAllClose(choleskySolve([[2, 1], [1, 2]], [3, 3]), [1, 1], 1e-15);
    expect(choleskySolve([[5]], new Float64Array([10]))).toEqual([2]);
  });

  it('choleskySolveOrNull: null for singular, indefinite and negative matrices', () => {
    expect(choleskySolveOrNull([[1, 1], [1, 1]], [1, 1])).toBeNull();
    expect(choleskySolveOrNull([[1, 2], [2, 1]], [1, 1])).toBeNull();
    expect(choleskySolveOrNull([[-1]], [1])).toBeNull();
    expect(choleskySolveOrNull([[0]], [1])).toBeNull();
    // Nearly dependent columns: pivot/A_jj = 1 − R² below 1e-13 counts as singular, above does not.
    expect(choleskySolveOrNull([[1, 1 - 1e-15], [1 - 1e-15, 1]], [1, 1])).toBeNull();
    expect(choleskySolveOrNull([[1, 1 - 1e-6], [1 - 1e-6, 1]], [1, 1])).not.toBeNull();
    expect(choleskySolveOrNull([], [])).toEqual([]);
  });

  it('symmetricEigenvalues of known spectra (ascending)', () => {
    expectAllClose(symmetricEigenvalues([[2, 1], [1, 2]]), [1, 3], 1e-14);
    expect(symmetricEigenvalues([[3, 0, 0], [0, -1, 0], [0, 0, 2]])).toEqual([-1, 2, 3]);
    expectAllClose(symmetricEigenvalues([[2, -1, 0], [-1, 2, -1], [0, -1, 2]]), [2 - Math.SQRT2, 2, 2 + Math.SQRT2], 1e-14);
    expect(symmetricEigenvalues([])).toEqual([]);
  });

  it('the public surface keeps symmetricEigenvalues and does not add the Cholesky helpers', () => {
    expect(lib.symmetricEigenvalues).toBe(symmetricEigenvalues);
    expect('choleskySolve' in lib || 'choleskyFactor' in lib || 'choleskySolveOrNull' in lib).toBe(false);
  });
});

describe('random symmetric positive definite matrices', () => {
  it('L is lower triangular with a positive diagonal and L·Lᵀ reconstructs A', () => {
    fc.assert(fc.property(spd, ({ A }) => {
      const L = choleskyFactor(A);
      const n = A.length;
      for (let i = 0; i < n; i++) {
        expect(L[i]![i]!).toBeGreaterThan(0);
        for (let j = i + 1; j < n; j++) expect(L[i]![j]).toBe(0);
      }
      const LLt = matMul(L, transpose(L));
      const tol = 1e-13 * maxAbs(A) * n;
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) expect(Math.abs(LLt[i]![j]! - A[i]![j]!)).toBeLessThanOrEqual(tol);
    }), { numRuns: 300 });
  });

  it('choleskySolve solves A·x = b (small residual) with the same bits as choleskySolveOrNull', () => {
    fc.assert(fc.property(spd, ({ A, b }) => {
      const x = choleskySolve(A, b);
      expect(choleskySolveOrNull(A, b)).toEqual(x);
      const r = matVec(A, x).map((v, i) => v - b[i]!);
      const scale = maxAbs(A) * Math.max(...x.map(Math.abs)) + Math.max(...b.map(Math.abs));
      // (plus an absolute floor: b may hold subnormals, whose products round by a whole ulp of 5e-324)
      for (const ri of r) expect(Math.abs(ri)).toBeLessThanOrEqual(1e-10 * scale + 1e-300);
    }), { numRuns: 300 });
  });

  it('eigenvalues: ascending, positive, sum = trace, product ≈ det = Π L_jj²', () => {
    fc.assert(fc.property(spd, ({ A }) => {
      const eig = symmetricEigenvalues(A);
      const n = A.length;
      expect(eig).toHaveLength(n);
      for (let i = 1; i < n; i++) expect(eig[i]!).toBeGreaterThanOrEqual(eig[i - 1]!);
      expect(eig[0]!).toBeGreaterThan(0);
      const trace = A.reduce((s, row, i) => s + row[i]!, 0);
      expectClose(eig.reduce((s, v) => s + v, 0), trace, 1e-12);
      const L = choleskyFactor(A);
      const det = L.reduce((p, row, i) => p * row[i]! ** 2, 1);
      const prod = eig.reduce((p, v) => p * v, 1);
      // Relative: the condition number of A is at most (n + shift)/shift ≤ 161, so both are accurate to ~1e-12.
      expect(Math.abs(prod - det)).toBeLessThanOrEqual(1e-9 * Math.abs(det));
    }), { numRuns: 300 });
  });

  it('a non-finite entry anywhere is refused with a TypeError naming it', () => {
    const withBad = spd.chain(({ A, b }) => fc.tuple(
      fc.constant(A), fc.constant(b), fc.nat(A.length - 1), fc.nat(A.length - 1), fc.constantFrom(NaN, Infinity, -Infinity),
    ));
    fc.assert(fc.property(withBad, ([A, b, i, j, bad]) => {
      const M = A.map((row) => [...row]);
      M[i]![j] = bad;
      const named = new RegExp(`^a\\[${i}\\]\\[${j}\\] must be a finite number; received `);
      expect(() => choleskyFactor(M)).toThrow(TypeError);
      expect(() => choleskyFactor(M)).toThrow(named);
      expect(() => choleskySolve(M, b)).toThrow(named);
      expect(() => symmetricEigenvalues(M)).toThrow(named);
      const bb = [...b];
      bb[i] = bad;
      expect(() => choleskySolve(A, bb)).toThrow(new RegExp(`^b\\[${i}\\] must be a finite number; received `));
    }), { numRuns: 200 });
  });
});

describe('bad input', () => {
  it('not an array of rows: TypeError naming a or b', () => {
    for (const bad of [undefined, null, 3, 'x', { length: 1 }]) {
      expect(() => choleskyFactor(bad as never)).toThrow(TypeError);
      expect(() => choleskyFactor(bad as never)).toThrow(/^a must be an array of rows; received /);
      expect(() => choleskySolve(bad as never, [1])).toThrow(/^a must be an array of rows; received /);
      expect(() => symmetricEigenvalues(bad as never)).toThrow(/^a must be an array of rows; received /);
    }
    expect(() => choleskyFactor([5 as never])).toThrow(/^a\[0\] must be an array of numbers; received /);
    expect(() => choleskySolve([[1]], 1 as never)).toThrow(TypeError);
    expect(() => choleskySolve([[1]], 1 as never)).toThrow(/^b must be an array of numbers; received /);
  });

  it('non-square: RangeError naming the row, the length required and received', () => {
    for (const f of [choleskyFactor, symmetricEigenvalues, (a: Mat) => choleskySolve(a, [1, 1])]) {
      expect(() => f([[1, 2]])).toThrow(RangeError);
      expect(() => f([[1, 2]])).toThrow(/^a\[0\] must have length in \[1, 1\]; received length 2$/);
      expect(() => f([[1, 0], [0]])).toThrow(/^a\[1\] must have length in \[2, 2\]; received length 1$/);
    }
    expect(() => choleskyFactor([])).toThrow(/^a must have a number of rows in \[1, 1000\]; received 0$/);
    expect(() => choleskySolve([[2, 1], [1, 2]], [1])).toThrow(/^b must have length in \[2, 2\]; received length 1$/);
  });

  it('non-symmetric or not positive definite: RangeError naming a', () => {
    expect(() => choleskyFactor([[2, 1], [0, 2]])).toThrow(RangeError);
    expect(() => choleskyFactor([[2, 1], [0, 2]])).toThrow(/^a must be symmetric; received a\[1\]\[0\] = 0 but a\[0\]\[1\] = 1$/);
    for (const A of [[[1, 2], [2, 1]], [[1, 1], [1, 1]], [[-4]], [[0]], [[1, 0, 0], [0, 1, 0], [0, 0, -1e-300]]]) {
      expect(() => choleskyFactor(A)).toThrow(RangeError);
      expect(() => choleskyFactor(A)).toThrow(/^a must be positive definite \(every Cholesky pivot > 1e-13·a\[j\]\[j\]\); received a \d+×\d+ matrix that is not$/);
      expect(() => choleskySolve(A, A.map(() => 1))).toThrow(/^a must be positive definite/);
    }
  });

  it('a solution that overflows is refused, not returned as Infinity', () => {
    expect(() => choleskySolve([[1e-300]], [1e300])).toThrow(RangeError);
    expect(() => choleskySolve([[1e-300]], [1e300])).toThrow(/^b must give a finite solution of a·x = b; received b with entries up to 1e\+300$/);
    expect(choleskySolveOrNull([[1e-300]], [1e300])).toBeNull();
  });
});
