import { describe, expect, it } from 'vitest';
import {
  ADAMW_DEFAULT_WEIGHT_DECAY, adamStep, adamwStep, initAdamState, sgdStep,
  type AdamOptions, type AdamState,
} from '../../src/lib/optimizers';
import { expectAllClose, expectClose, F64 } from './close';
import sgdCases from '../fixtures/sgd.json';
import adamCases from '../fixtures/adam.json';
import adamwCases from '../fixtures/adamw.json';
import worked from '../fixtures/params_worked.json';

// Tolerance: F64 (1e-9 relative, absolute near 0). The TypeScript follows torch 1.13's
// _single_tensor_adam(w)/sgd operation by operation in float64, so the only differences are
// fused-multiply-add rounding inside ATen kernels (~1 ulp per step), far below 1e-9 over ≤ 6 steps.

interface OptimCase {
  w0: number[];
  opts: { lr: number; weightDecay?: number; betas?: number[]; eps?: number };
  grads: number[][];
  ws: number[][];
  state?: AdamState;
}

function adamOpts(o: OptimCase['opts']): AdamOptions {
  const out: AdamOptions = { lr: o.lr };
  if (o.weightDecay !== undefined) out.weightDecay = o.weightDecay;
  if (o.eps !== undefined) out.eps = o.eps;
  if (o.betas !== undefined) out.betas = [o.betas[0]!, o.betas[1]!];
  return out;
}

function replay(step: typeof adamStep, c: OptimCase, label: string): void {
  let w = c.w0;
  let state: AdamState | undefined;
  c.grads.forEach((g, s) => {
    const r = step(w, g, adamOpts(c.opts), state);
    expectAllClose(r.w, c.ws[s]!, F64, `${label} step ${s + 1}`);
    w = r.w;
    state = r.state;
  });
  expect(state!.step).toBe(c.state!.step);
  expectAllClose(state!.m, c.state!.m, F64, `${label} exp_avg`);
  expectAllClose(state!.v, c.state!.v, F64, `${label} exp_avg_sq`);
}

describe('sgdStep (torch.optim.SGD, no momentum)', () => {
  it('replays torch multi-step sequences', () => {
    expect(sgdCases.length).toBeGreaterThanOrEqual(50);
    for (const [i, c] of (sgdCases as OptimCase[]).entries()) {
      let w = c.w0;
      c.grads.forEach((g, s) => {
        w = sgdStep(w, g, c.opts);
        expectAllClose(w, c.ws[s]!, F64, `case ${i} step ${s + 1}`);
      });
    }
  });
  it('docs/reference-semantics.md: w=1, g=0.5, lr=0.1, wd=0.01 → 0.949', () => {
    expectClose(sgdStep([1], [0.5], { lr: 0.1, weightDecay: 0.01 })[0]!, 0.949, 1e-15);
    expectClose(sgdStep([1], [0.5], { lr: 0.1, weightDecay: 0.01 })[0]!, worked.sgd, 1e-15);
    expect(sgdStep([1, 2], [0.5, -1], { lr: 0.1 })).toEqual([0.95, 2.1]);
    expect(sgdStep([], [], { lr: 0.1 })).toEqual([]);
  });
  it('does not modify its inputs', () => {
    const w = [1, 2];
    const g = [3, 4];
    sgdStep(w, g, { lr: 1, weightDecay: 1 });
    expect(w).toEqual([1, 2]);
    expect(g).toEqual([3, 4]);
  });
});

describe('adamStep (torch.optim.Adam, L2 weight decay)', () => {
  it('replays torch multi-step sequences, including the state', () => {
    expect(adamCases.length).toBeGreaterThanOrEqual(50);
    for (const [i, c] of (adamCases as OptimCase[]).entries()) replay(adamStep, c, `adam case ${i}`);
  });
  it('docs/reference-semantics.md: first step from w=1, g=0.5, lr=0.1, wd=0.01 → 0.9', () => {
    const r = adamStep([1], [0.5], { lr: 0.1, weightDecay: 0.01 });
    // Exactly 1 − 0.1·0.51/(0.51 + 1e-8) = 0.90000000196…: "0.9" to 8 digits because of eps.
    expectClose(r.w[0]!, 0.9, 1e-8);
    expectClose(r.w[0]!, worked.adam, 1e-15);
    expect(r.state.step).toBe(1);
    expectAllClose(r.state.m, [0.051], 1e-15);
    expectAllClose(r.state.v, [0.0002601], 1e-15);
  });
  it('is pure: the input state is not modified and a new state is returned', () => {
    const s0 = initAdamState(2);
    const r = adamStep([1, 2], [0.1, 0.2], { lr: 0.01 }, s0);
    expect(s0).toEqual({ step: 0, m: [0, 0], v: [0, 0] });
    expect(r.state).not.toBe(s0);
    expect(r.state.step).toBe(1);
  });
  it('with eps = 0 and a zero gradient takes a zero step (PyTorch would give 0/0)', () => {
    expect(adamStep([1], [0], { lr: 0.1, eps: 0 }).w).toEqual([1]);
  });
});

describe('adamwStep (torch.optim.AdamW, decoupled weight decay)', () => {
  it('replays torch multi-step sequences, including the default weight_decay 0.01', () => {
    expect(adamwCases.length).toBeGreaterThanOrEqual(50);
    expect((adamwCases as OptimCase[]).some((c) => c.opts.weightDecay === undefined)).toBe(true);
    for (const [i, c] of (adamwCases as OptimCase[]).entries()) replay(adamwStep, c, `adamw case ${i}`);
  });
  it('docs/reference-semantics.md: first step → 0.899; default wd is 0.01', () => {
    const r = adamwStep([1], [0.5], { lr: 0.1, weightDecay: 0.01 });
    expectClose(r.w[0]!, 0.899, 1e-8);
    expectClose(r.w[0]!, worked.adamw, 1e-15);
    expect(adamwStep([1], [0.5], { lr: 0.1 }).w).toEqual(r.w);
    expect(ADAMW_DEFAULT_WEIGHT_DECAY).toBe(0.01);
  });
  it('with weightDecay 0 equals Adam with weightDecay 0', () => {
    const o = { lr: 0.05, weightDecay: 0 };
    const a = adamStep([1, -2], [0.3, 0.1], o);
    const b = adamwStep([1, -2], [0.3, 0.1], o);
    expect(b).toEqual(a);
  });
});

describe('bad inputs', () => {
  const steps = {
    sgdStep: (w: unknown, g: unknown, o: unknown) => sgdStep(w as number[], g as number[], o as { lr: number }),
    adamStep: (w: unknown, g: unknown, o: unknown) => adamStep(w as number[], g as number[], o as AdamOptions),
    adamwStep: (w: unknown, g: unknown, o: unknown) => adamwStep(w as number[], g as number[], o as AdamOptions),
  };
  for (const [name, f] of Object.entries(steps)) {
    it.each([
      [[1, 2], [1], { lr: 0.1 }, RangeError, /grad must have the same length as w \(2\); received length 1/],
      [[1], [1], { lr: -0.1 }, RangeError, /lr must be ≥ 0; received -0\.1/],
      [[1], [1], { lr: Number.NaN }, TypeError, /lr must be a finite number; received NaN/],
      [[1], [1], {}, TypeError, /lr must be a finite number; received undefined/],
      [[1], [1], { lr: 0.1, weightDecay: -1 }, RangeError, /weightDecay must be ≥ 0; received -1/],
      [[1], [1], { lr: 0.1, weightDecay: Number.POSITIVE_INFINITY }, TypeError, /weightDecay must be a finite number; received Infinity/],
      [[Number.NaN], [1], { lr: 0.1 }, TypeError, /w\[0\] must be a finite number; received NaN/],
      [[1], [Number.POSITIVE_INFINITY], { lr: 0.1 }, TypeError, /grad\[0\] must be a finite number; received Infinity/],
      [1, [1], { lr: 0.1 }, TypeError, /w must be an array of numbers; received 1/],
      [[1], 'x', { lr: 0.1 }, TypeError, /grad must be an array of numbers; received "x"/],
      [[1], [1], null, TypeError, /opts must be an options object; received null/],
    ] as const)(`${name} rejects w=%j grad=%j opts=%j`, (w, g, o, type, message) => {
      expect(() => f(w, g, o)).toThrow(type);
      expect(() => f(w, g, o)).toThrow(message);
    });
  }
  it.each([
    [{ lr: 0.1, betas: [1, 0.999] }, RangeError, /betas\[0\] must be in \[0, 1\); received 1/],
    [{ lr: 0.1, betas: [0.9, -0.1] }, RangeError, /betas\[1\] must be in \[0, 1\); received -0\.1/],
    [{ lr: 0.1, betas: [0.9, Number.NaN] }, TypeError, /betas\[1\] must be a finite number; received NaN/],
    [{ lr: 0.1, betas: [0.9] }, TypeError, /betas must be an array of two numbers in \[0, 1\); received an array of length 1/],
    [{ lr: 0.1, eps: -1e-8 }, RangeError, /eps must be ≥ 0; received -1e-8/],
  ] as const)('adam options %j', (o, type, message) => {
    for (const f of [adamStep, adamwStep]) {
      expect(() => f([1], [1], o as unknown as AdamOptions)).toThrow(type);
      expect(() => f([1], [1], o as unknown as AdamOptions)).toThrow(message);
    }
  });
  it.each([
    [{ step: 1, m: [0], v: [0] }, RangeError, /state.m must have the same length as w \(2\); received length 1/],
    [{ step: -1, m: [0, 0], v: [0, 0] }, RangeError, /state.step must be an integer ≥ 0; received -1/],
    [{ step: 1.5, m: [0, 0], v: [0, 0] }, TypeError, /state.step must be an integer; received 1\.5/],
    [{ step: 1, m: [0, 0], v: [0, -1] }, RangeError, /state.v\[1\] must be ≥ 0; received -1/],
    [{ step: 1, m: [0, Number.NaN], v: [0, 0] }, TypeError, /state.m\[1\] must be a finite number; received NaN/],
    [42, TypeError, /state must be an object \{step, m, v\}; received 42/],
  ] as const)('adam state %j', (s, type, message) => {
    for (const f of [adamStep, adamwStep]) {
      expect(() => f([1, 2], [1, 2], { lr: 0.1 }, s as unknown as AdamState)).toThrow(type);
      expect(() => f([1, 2], [1, 2], { lr: 0.1 }, s as unknown as AdamState)).toThrow(message);
    }
  });
  it('reports overflow instead of returning Infinity', () => {
    expect(() => sgdStep([1e308], [-1e308], { lr: 10 })).toThrow(/w\[0\] overflows float64/);
    expect(() => adamStep([1e308], [1e200], { lr: 1e300 })).toThrow(RangeError);
  });
  it('initAdamState validates n', () => {
    expect(() => initAdamState(-1)).toThrow(/n must be an integer in \[0, 16777216\]; received -1/);
    // Bounded, so a huge n fails at once instead of allocating gigabytes.
    expect(() => initAdamState(2 ** 31)).toThrow(/n must be an integer in \[0, 16777216\]; received 2147483648/);
    expect(() => initAdamState(1.5)).toThrow(TypeError);
  });
});
