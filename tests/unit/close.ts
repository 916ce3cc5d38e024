/** Tolerance helpers for comparing against PyTorch / scikit-learn fixtures. */
import { expect } from 'vitest';

/** Relative tolerance for float64 results (with an absolute floor near zero). */
export const F64 = 1e-9;
/** Tolerance for float32 results. */
export const F32 = 1e-5;

export function expectClose(actual: number, expected: number, rtol = F64, label = ''): void {
  const tol = rtol * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`${label} expected ${expected}, got ${actual} (|Δ| = ${Math.abs(actual - expected)} > ${tol})`);
  }
}

export function expectAllClose(actual: ArrayLike<number>, expected: ArrayLike<number>, rtol = F64, label = ''): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expectClose(actual[i]!, expected[i]!, rtol, `${label}[${i}]`);
}
