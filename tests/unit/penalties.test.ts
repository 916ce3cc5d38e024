import { describe, expect, it } from 'vitest';
import { l1Penalty, l1Subgradient, l2Gradient, l2Penalty, softThreshold } from '../../src/lib/penalties';
import { expectAllClose, expectClose, F64 } from './close';
import penaltyCases from '../fixtures/penalties.json';
import shrinkCases from '../fixtures/softshrink.json';
import worked from '../fixtures/params_worked.json';

// Tolerance: F64 (1e-9 relative). These are closed forms (a sum times λ); the only difference from
// torch is summation order, which is ~1e-16 relative.

describe('l1Penalty / l2Penalty (torch: λ·|w|.sum(), λ·(w**2).sum())', () => {
  it('match the torch fixtures', () => {
    expect(penaltyCases.length).toBeGreaterThanOrEqual(50);
    for (const [i, c] of penaltyCases.entries()) {
      expectClose(l1Penalty(c.w, c.lambda), c.l1, F64, `case ${i} l1`);
      expectClose(l2Penalty(c.w, c.lambda), c.l2, F64, `case ${i} l2`);
    }
  });
  it('gradients match torch autograd (sign(0) = 0 for |w|)', () => {
    for (const [i, c] of penaltyCases.entries()) {
      expectAllClose(l1Subgradient(c.w, c.lambda), c.l1_grad, F64, `case ${i} l1 grad`);
      expectAllClose(l2Gradient(c.w, c.lambda), c.l2_grad, F64, `case ${i} l2 grad`);
    }
    expect(l1Subgradient([0, -0, 2], 0.5)).toEqual([0, 0, 0.5]);
    expect(Object.is(l1Subgradient([-0], 1)[0], -0)).toBe(false);
  });
  it('small worked numbers', () => {
    expect(l1Penalty([1, -2, 3], 0.1)).toBeCloseTo(0.6, 15);
    expect(l2Penalty([1, -2, 3], 0.1)).toBeCloseTo(1.4, 15);
    expect(l1Penalty([], 2)).toBe(0);
    expect(l2Penalty(new Float64Array([3, 4]), 1)).toBe(25);
    // SGD's weight_decay=wd is the penalty with λ = wd/2 (erratum 6): its gradient is wd·w.
    expect(l2Gradient([1, -2], 0.01 / 2)).toEqual([0.01, -0.02]);
  });
});

describe('softThreshold (= torch.nn.functional.softshrink)', () => {
  it('matches torch on random inputs, with entries exactly at ±t', () => {
    expect(shrinkCases.length).toBeGreaterThanOrEqual(50);
    for (const [i, c] of shrinkCases.entries()) expectAllClose(softThreshold(c.w, c.t), c.out, F64, `case ${i}`);
  });
  it('docs/reference-semantics.md: [3, −0.5, 1.2], t=1 → [2, 0, 0.2]', () => {
    expectAllClose(softThreshold([3, -0.5, 1.2], 1), [2, 0, 0.2], 1e-15);
    expectAllClose(softThreshold([3, -0.5, 1.2], 1), worked.softshrink, 0);
  });
  it('zeroes the boundary |w| = t and never returns −0', () => {
    const out = softThreshold([1, -1, -0.5, 0], 1);
    expect(out).toEqual([0, 0, 0, 0]);
    for (const x of out) expect(Object.is(x, -0)).toBe(false);
    expect(softThreshold([-2, 2], 0)).toEqual([-2, 2]);
  });
});

const fns = {
  l1Penalty: (w: unknown, l: unknown) => l1Penalty(w as number[], l as number),
  l2Penalty: (w: unknown, l: unknown) => l2Penalty(w as number[], l as number),
  l1Subgradient: (w: unknown, l: unknown) => l1Subgradient(w as number[], l as number),
  l2Gradient: (w: unknown, l: unknown) => l2Gradient(w as number[], l as number),
};

describe('bad inputs', () => {
  for (const [name, f] of Object.entries(fns)) {
    it.each([
      [[1, 2], -0.1, RangeError, /lambda must be ≥ 0; received -0\.1/],
      [[1, 2], Number.NaN, TypeError, /lambda must be a finite number; received NaN/],
      [[1, 2], Number.POSITIVE_INFINITY, TypeError, /lambda must be a finite number; received Infinity/],
      [[1, 2], '1', TypeError, /lambda must be a finite number; received "1"/],
      [[1, Number.NaN], 1, TypeError, /w\[1\] must be a finite number; received NaN/],
      [[Number.NEGATIVE_INFINITY], 1, TypeError, /w\[0\] must be a finite number; received -Infinity/],
      ['12', 1, TypeError, /w must be an array of numbers; received "12"/],
      [null, 1, TypeError, /w must be an array of numbers; received null/],
      [{ length: 1, 0: 1 }, 1, TypeError, /w must be an array of numbers/],
    ] as const)(`${name} rejects w=%j, lambda=%j`, (w, lam, type, message) => {
      expect(() => f(w, lam)).toThrow(type);
      expect(() => f(w, lam)).toThrow(message);
    });
  }
  it('reports overflow instead of returning Infinity or NaN', () => {
    expect(() => l2Penalty([1e200], 1)).toThrow(RangeError);
    expect(() => l2Penalty([1e200], 0)).toThrow(/l2Penalty overflows float64/);
    expect(() => l1Penalty([1.7e308, 1.7e308], 1)).toThrow(RangeError);
    expect(() => l2Gradient([1e308], 10)).toThrow(RangeError);
  });
  it.each([
    [[1], -1, RangeError, /t must be ≥ 0; received -1/],
    [[1], Number.NaN, TypeError, /t must be a finite number; received NaN/],
    [[1], Number.POSITIVE_INFINITY, TypeError, /t must be a finite number; received Infinity/],
    [[Number.NaN], 1, TypeError, /w\[0\] must be a finite number; received NaN/],
    [undefined, 1, TypeError, /w must be an array of numbers; received undefined/],
  ] as const)('softThreshold rejects w=%j, t=%j', (w, t, type, message) => {
    expect(() => softThreshold(w as unknown as number[], t)).toThrow(type);
    expect(() => softThreshold(w as unknown as number[], t)).toThrow(message);
  });
});
