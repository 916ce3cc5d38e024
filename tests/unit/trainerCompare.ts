/**
 * How the trainer's tests compare against PyTorch fixtures and between kernels, in one place:
 * `nearTree` at 1e-9 relative (1e-12 absolute floor, or a documented wider floor where a case needs
 * one), `bits` for "bit-identical" (every float64 as its 16 hex digits), and `withKernel` to run a
 * body with the JS or the WebAssembly Linear kernels and restore the previous choice.
 */
import { expect } from 'vitest';
import { setLinearKernel, type LinearKernelMode } from '../../src/lib/trainer/linearWasm';

export const REL = 1e-9;
export const ABS = 1e-12;

export function near(actual: unknown, expected: number, label: string, abs = ABS): void {
  if (typeof actual !== 'number' || !(Math.abs(actual - expected) <= Math.max(abs, REL * Math.abs(expected)))) {
    expect.fail(`${label}: expected ${expected}, got ${String(actual)}`);
  }
}

export function nearTree(actual: unknown, expected: unknown, label: string, abs = ABS): void {
  if (typeof expected === 'number') return near(actual, expected, label, abs);
  expect(Array.isArray(actual), `${label} is an array`).toBe(true);
  const a = actual as unknown[];
  const e = expected as unknown[];
  expect(a.length, `${label} length`).toBe(e.length);
  e.forEach((v, i) => nearTree(a[i], v, `${label}[${i}]`, abs));
}

/** Every number as its 16 hex digits of float64, recursively. */
export function bits(value: unknown): unknown {
  if (typeof value === 'number') return Buffer.from(new Float64Array([value]).buffer).toString('hex');
  if (Array.isArray(value)) return value.map(bits);
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, bits(v)]));
  return value;
}

export function withKernel<T>(mode: LinearKernelMode, body: () => T): T {
  const previous = setLinearKernel(mode);
  try {
    return body();
  } finally {
    setLinearKernel(previous);
  }
}
