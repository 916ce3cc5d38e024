import { describe, expect, it } from 'vitest';
import {
  trainVqCodebook, vqAssign, vqCodebookGradientStep, vqEmaInit, vqEmaStep,
} from '../../src/lib/vqTraining';
import fixture from '../fixtures/vq_training.json';

const flat = (m: number[][]) => m.flat();
const close = (a: ArrayLike<number>, b: ArrayLike<number>, tol = 1e-12) => {
  expect(a.length).toBe(b.length);
  for (let i = 0; i < a.length; i++) expect(Math.abs(a[i]! - b[i]!)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b[i]!)));
};

describe('vqCodebookGradientStep against torch autograd (float64)', () => {
  const cases = fixture.cases.filter((c) => c.kind === 'gradient') as unknown as Array<{
    x: number[][]; codebook: number[][]; beta: number; lr: number; indices: number[]; loss: number;
    gradCodebook: number[][]; gradX: number[][]; codebookAfter: number[][]; perplexity: number; deadCodes: number;
  }>;
  it('has cases', () => expect(cases.length).toBeGreaterThanOrEqual(5));
  for (const [i, c] of cases.entries()) {
    it(`case ${i}`, () => {
      const d = c.x[0]!.length;
      const r = vqCodebookGradientStep(flat(c.x), flat(c.codebook), d, { lr: c.lr, commitmentCost: c.beta });
      expect(Array.from(r.indices)).toEqual(c.indices);
      close([r.loss], [c.loss]);
      close(r.gradCodebook, flat(c.gradCodebook));
      close(r.gradX, flat(c.gradX));
      close(r.codebook, flat(c.codebookAfter));
      close([r.perplexity], [c.perplexity], 1e-9);
      expect(r.deadCodes).toBe(c.deadCodes);
    });
  }
});

describe('vqEmaStep against the PyTorch VectorQuantizerEMA update (float64)', () => {
  const cases = fixture.cases.filter((c) => c.kind === 'ema') as unknown as Array<{
    x: number[][]; codebook: number[][]; decay: number; epsilon: number; indices: number[];
    clusterSize: number[]; embedSum: number[][]; codebookAfter: number[][];
  }>;
  for (const [i, c] of cases.entries()) {
    it(`case ${i}`, () => {
      const d = c.x[0]!.length;
      const r = vqEmaStep(flat(c.x), vqEmaInit(flat(c.codebook), d), d, { decay: c.decay, epsilon: c.epsilon });
      expect(Array.from(r.indices)).toEqual(c.indices);
      close(r.state.clusterSize, c.clusterSize);
      close(r.state.embedSum, flat(c.embedSum));
      close(r.state.codebook, flat(c.codebookAfter), 1e-10);
    });
  }
});

describe('trainVqCodebook against PyTorch trajectories, with and without restarts (float64)', () => {
  const cases = fixture.cases.filter((c) => c.kind === 'run') as unknown as Array<{
    mode: 'gradient' | 'ema'; x: number[][]; codebook: number[][]; steps: number; beta: number; lr: number;
    decay: number; restartEvery: number; restartSeed: number;
    history: Array<{ loss: number; perplexity: number; deadCodes: number }>;
    restarts: Array<{ step: number; code: number; row: number }>; codebookFinal: number[][];
  }>;
  it('has restart cases for both updates, with codes restarted', () => {
    for (const mode of ['gradient', 'ema']) {
      expect(cases.filter((c) => c.mode === mode && c.restartEvery > 0 && c.restarts.length > 0).length).toBeGreaterThanOrEqual(2);
    }
    expect(cases.some((c) => c.restartEvery > 1 && c.restarts.length > 0)).toBe(true);
    expect(cases.some((c) => c.codebook.length > c.x.length && c.restarts.length > 0)).toBe(true);
  });
  for (const [i, c] of cases.entries()) {
    it(`case ${i}: ${c.mode}, restartEvery ${c.restartEvery}`, () => {
      const d = c.x[0]!.length;
      const r = trainVqCodebook(flat(c.x), flat(c.codebook), d, {
        steps: c.steps, mode: c.mode, lr: c.lr, decay: c.decay, commitmentCost: c.beta,
        restartEvery: c.restartEvery, restartSeed: c.restartSeed,
      });
      expect(r.history).toHaveLength(c.history.length);
      expect(r.history.map((h) => h.deadCodes)).toEqual(c.history.map((h) => h.deadCodes));
      close(r.history.map((h) => h.loss), c.history.map((h) => h.loss));
      close(r.history.map((h) => h.perplexity), c.history.map((h) => h.perplexity));
      expect(r.restarts).toEqual(c.restarts);
      close(r.codebooks.at(-1)!, flat(c.codebookFinal));
    });
  }
});

describe('restarting unused codes', () => {
  const x = [1, 1, 2, 2, 3, 3];
  const cb = [10, 10, 20, 20, 30, 30, 40, 40];
  it('is off by default: the same run, no restarts', () => {
    for (const mode of ['gradient', 'ema'] as const) {
      const a = trainVqCodebook(x, cb, 2, { steps: 5, mode });
      const b = trainVqCodebook(x, cb, 2, { steps: 5, mode, restartEvery: 0, restartSeed: 3 });
      expect(a.restarts).toEqual([]);
      expect(b).toEqual(a);
    }
  });
  it('moves the dead codes onto distinct data rows (the EMA state reset is pinned by the trajectories above)', () => {
    const r = trainVqCodebook(x, cb, 2, { steps: 1, mode: 'ema', decay: 0.9, restartEvery: 1, restartSeed: 5 });
    expect(r.restarts.map((t) => t.code)).toEqual([1, 2, 3]);
    expect(new Set(r.restarts.map((t) => t.row)).size).toBe(3);
    for (const t of r.restarts) {
      expect(Array.from(r.codebooks[1]!.slice(2 * t.code, 2 * t.code + 2))).toEqual(x.slice(2 * t.row, 2 * t.row + 2));
    }
    // Each restarted code is the nearest of its own row next: with 4 codes and 3 rows, code 0 is left.
    expect(Array.from(r.final.counts)).toEqual([0, 1, 1, 1]);
  });
  it('refuses bad options, naming them', () => {
    expect(() => trainVqCodebook(x, cb, 2, { steps: 1, mode: 'gradient', restartEvery: -1 })).toThrow(/^restartEvery/);
    expect(() => trainVqCodebook(x, cb, 2, { steps: 1, mode: 'gradient', restartEvery: 1.5 })).toThrow(/^restartEvery/);
    expect(() => trainVqCodebook(x, cb, 2, { steps: 1, mode: 'gradient', restartEvery: 1, restartSeed: 2 ** 32 })).toThrow(/^restartSeed/);
    expect(() => trainVqCodebook(x, cb, 2, { steps: 1, mode: 'gradient', restartSeed: -1 })).toThrow(RangeError);
  });
});

describe('the seed example', () => {
  const x = [1, 1, 2, 2, 3, 3];
  const cb = [10, 10, 20, 20, 30, 30, 40, 40];
  it('assigns every row to code 0: three dead codes, perplexity 1', () => {
    const a = vqAssign(x, cb, 2);
    expect(Array.from(a.indices)).toEqual([0, 0, 0]);
    expect(a.deadCodes).toBe(3);
    expect(a.perplexity).toBe(1);
    expect(a.mse).toBeCloseTo(388 / 6, 12);
  });
  it('β changes only the gradient to x, not the codebook update', () => {
    const a = vqCodebookGradientStep(x, cb, 2, { lr: 1, commitmentCost: 0 });
    const b = vqCodebookGradientStep(x, cb, 2, { lr: 1, commitmentCost: 1 });
    expect(Array.from(a.codebook)).toEqual(Array.from(b.codebook));
    expect(Array.from(a.gradX).every((g) => g === 0)).toBe(true);
    expect(b.gradX[0]).toBeCloseTo((2 / 6) * (1 - 10), 12);
  });
  it('dead codes never move under gradient steps', () => {
    const run = trainVqCodebook(x, cb, 2, { steps: 20, mode: 'gradient', lr: 1 });
    const last = run.codebooks.at(-1)!;
    expect(Array.from(last.slice(2))).toEqual(cb.slice(2));
    expect(last[0]).toBeCloseTo(2, 6);
    expect(run.history).toHaveLength(21);
    expect(run.history.every((h) => h.deadCodes === 3)).toBe(true);
  });
  it('EMA moves the used code to the mean of its rows', () => {
    // (Much longer, the unused codes' N_k and m_k both decay to 0 and e_k = m_k / Ñ_k collapses
    // towards the origin: a known artefact of the Laplace-smoothed EMA.)
    const run = trainVqCodebook(x, cb, 2, { steps: 80, mode: 'ema', decay: 0.9 });
    expect(run.codebooks.at(-1)![0]).toBeCloseTo(2, 2);
  });
});

describe('validation', () => {
  it('names the bad argument', () => {
    expect(() => vqCodebookGradientStep([1, 2], [1, 2, 3], 2, { lr: 1 })).toThrow(/codebook\.length/);
    expect(() => vqCodebookGradientStep([1, NaN], [1, 2], 2, { lr: 1 })).toThrow(/x\[0\]\[1\] must be a finite number/);
    expect(() => vqCodebookGradientStep([1, 2], [1, 2], 2, { lr: -1 })).toThrow(/^lr/);
    expect(() => vqEmaStep([1, 2], vqEmaInit([1, 2], 2), 2, { decay: 2 })).toThrow(/^decay/);
    expect(() => trainVqCodebook([1, 2], [1, 2], 2, { steps: 1e9, mode: 'gradient' })).toThrow(/steps × rows/);
  });
});
