import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaults, parseParam, parseQuery, toQuery } from '../../src/lib/query';
import { formatNumber } from '../../src/lib/format';
import { batchNorm, batchNormEval } from '../../src/lib/batchNorm';
import { gaussianBatches, runningStatistics } from '../../src/lib/batchNormRunning';
import { batchNormSchema, batchNormView, normalizeBatchNorm, type BatchNormState } from '../../src/cells/batchNorm';
import { bnRunningSchema, bnRunningView, type BnRunningState } from '../../src/cells/batchNormRunning';

const bad = /NaN|undefined|Infinity|null/;
const fmt6 = (x: number) => formatNumber(x, { digits: 6 });
const fmt = (x: number) => formatNumber(x);

function allStrings(v: { text: Record<string, string>; rows: Record<string, string[][]> }): string[] {
  return [...Object.values(v.text), ...Object.values(v.rows).flat(2)];
}

const PY = '/usr/bin/python3';
const hasTorch = existsSync(PY) && (() => {
  try {
    execFileSync(PY, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const runPython = (code: string) => execFileSync(PY, ['-'], { input: code, encoding: 'utf8' });

describe('batch-norm cell', () => {
  const base = defaults(batchNormSchema);
  it('reproduces the worked example: x = [1, 2, 3, 4]', () => {
    const v = batchNormView({ ...base, x: [[1], [2], [3], [4]], gamma: [1], beta: [0] }, 'en');
    expect(v.rows.outputs!.map((r) => r[2])).toEqual(['[−1.341635]', '[−0.447212]', '[0.447212]', '[1.341635]']);
    expect(v.text.runningMean).toBe('[0.250000]');
    expect(v.text.runningVar).toBe('[1.066667]');
    expect(v.text.trainFormula).toBe('ŷ₀₀ = (1 − 2.5)/√(1.25 + 0.00001)·1 + 0 = −1.341635');
    expect(v.rows.stats![0]).toEqual([
      'feature 0',
      '(1 + 2 + 3 + 4)/4 = 2.500000',
      '((1 − 2.5)² + (2 − 2.5)² + (3 − 2.5)² + (4 − 2.5)²)/4 = 1.250000',
      '5/3 = 1.666667',
      '0.9·0 + 0.1·2.5 = 0.250000',
      '0.9·1 + 0.1·1.666667 = 1.066667',
    ]);
  });
  it('shows what src/lib computes for the defaults (train and eval)', () => {
    const v = batchNormView(base, 'zh');
    const x = base.x.map((r) => [...r]);
    const r = batchNorm(x, { gamma: base.gamma, beta: base.beta, momentum: 0.1, eps: 1e-5 });
    const e = batchNormEval(x, { gamma: base.gamma, beta: base.beta, runningMean: r.runningMean, runningVar: r.runningVar, eps: 1e-5 });
    expect(v.rows.outputs!.map((row) => row[2])).toEqual(r.y.map((y) => `[${y.map(fmt6).join(', ')}]`));
    expect(v.rows.outputs!.map((row) => row[3])).toEqual(e.map((y) => `[${y.map(fmt6).join(', ')}]`));
    expect(v.text.runningVar).toBe(`[${r.runningVar.map(fmt6).join(', ')}]`);
    for (const lang of ['en', 'zh'] as const) for (const s of allStrings(batchNormView(base, lang))) expect(s).not.toMatch(bad);
  });
  it('γ and β follow the number of features', () => {
    const s = normalizeBatchNorm({ ...base, x: [[1, 2, 3], [4, 5, 6]], gamma: [2], beta: [1, 2, 3, 4] });
    expect(s.gamma).toEqual([2, 1, 1]);
    expect(s.beta).toEqual([1, 2, 3]);
  });
  it.each<[string, Partial<BatchNormState>]>([
    ['constant feature (variance 0)', { x: [[1, 3], [1, 4]] }],
    ['tiny eps', { eps: 1e-12, x: [[5, 5], [5, 5]] }],
    ['momentum 0 and 1', { mom: 0 }],
    ['momentum 1', { mom: 1 }],
    ['large values', { x: [[1e6, -1e6], [-1e6, 1e6], [0, 0]] }],
    ['many rows', { x: Array.from({ length: 32 }, (_, i) => [i, -i, i * i, 1, 2, 3]) }],
  ])('edge values print finite numbers only: %s', (_, patch) => {
    for (const lang of ['en', 'zh'] as const) {
      const v = batchNormView(normalizeBatchNorm({ ...base, ...patch }), lang);
      for (const s of allStrings(v)) expect(s).not.toMatch(bad);
    }
  });
  it('a constant feature is explained', () => {
    const v = batchNormView(normalizeBatchNorm({ ...base, x: [[1, 3], [1, 4]] }), 'en');
    expect(v.text.warning).toMatch(/Feature 0 is constant/);
  });
  it('the batch is typed as rows separated by ";" and round-trips through the URL', () => {
    expect(parseParam('x', batchNormSchema.x, '1,2;3,4;5,6')).toEqual([[1, 2], [3, 4], [5, 6]]);
    expect(() => parseParam('x', batchNormSchema.x, '1,2;3')).toThrow('x[1] must have 2 numbers like row 0; received 1');
    expect(() => parseParam('x', batchNormSchema.x, '1,2')).toThrow('x must have 2 to 32 rows; received 1');
    const s = { ...base, x: [[1, -2], [3.5, 4]] };
    expect(toQuery(batchNormSchema, s)).toContain('x=1,-2;3.5,4&');
    expect(parseQuery(batchNormSchema, toQuery(batchNormSchema, s)).state).toEqual(s);
  });
  it.skipIf(!hasTorch)('its PyTorch code runs as is and prints the cell\'s numbers', () => {
    const s = normalizeBatchNorm({ ...base, x: [[1, 0.5], [2, -1], [7, 2]], gamma: [2, 0.5], beta: [1, -1], mom: 0.3 });
    const v = batchNormView(s, 'en');
    const out = runPython(v.text.pytorch!);
    const r = batchNorm(s.x.map((row) => [...row]), { gamma: s.gamma, beta: s.beta, momentum: 0.3 });
    const num = (x: number) => x.toFixed(6).replace(/^(-?)0\./, '$10.');
    for (const y of r.y.flat()) expect(out).toContain(num(y));
    for (const y of [...r.runningMean, ...r.runningVar]) expect(out).toContain(num(y));
  }, 60_000);
});

describe('running-statistics cell', () => {
  const base = defaults(bnRunningSchema);
  it('shows what src/lib computes', () => {
    const v = bnRunningView(base, 'en');
    const steps = runningStatistics(gaussianBatches(1, 100, 16, 5, 2), { momentum: 0.1 });
    expect(v.text.finalMean).toBe(fmt(steps[99]!.runningMean));
    expect(v.text.finalVar).toBe(fmt(steps[99]!.runningVar));
    expect(v.rows.steps).toHaveLength(5);
    expect(v.rows.steps![0]![3]).toBe(`0.9·0 + 0.1·${fmt(steps[0]!.mean)} = ${fmt(steps[0]!.runningMean)}`);
    expect(v.chart.mean).toHaveLength(200);
    expect(v.text.memory).toBe('(1 − 0.1)^100 = 2.656e−5; 1/0.1 = 10.0000');
  });
  it.each<[string, Partial<BnRunningState>]>([
    ['σ = 0', { sigma: 0 }],
    ['one step', { steps: 1 }],
    ['momentum 0', { mom2: 0 }],
    ['momentum 1', { mom2: 1 }],
    ['negative mean, big batch, many steps', { mu: -100, bs: 128, steps: 500 }],
  ])('edge values print finite numbers only: %s', (_, patch) => {
    for (const lang of ['en', 'zh'] as const) for (const s of allStrings(bnRunningView({ ...base, ...patch }, lang))) expect(s).not.toMatch(bad);
  });
  // Its speed (within a frame at the defaults) is the bench's to measure, not a test's: `npm run bench`.
  it('the largest size still computes every step', () => {
    const v = bnRunningView({ ...base, bs: 128, steps: 500 }, 'en');
    for (const s of allStrings(v)) expect(s).not.toMatch(bad);
  });
  it.skipIf(!hasTorch)('its PyTorch code runs as is and prints the cell\'s numbers', () => {
    const s = { ...base, mu: -2.5, sigma: 0.7, bs: 5, steps: 12, mom2: 0.25, bseed: 9 };
    const out = runPython(bnRunningView(s, 'en').text.pytorch!);
    const steps = runningStatistics(gaussianBatches(9, 12, 5, -2.5, 0.7), { momentum: 0.25 });
    const m = /step 12 running_mean (\S+) running_var (\S+)/.exec(out)!;
    expect(Number(m[1])).toBeCloseTo(steps[11]!.runningMean, 12);
    expect(Number(m[2])).toBeCloseTo(steps[11]!.runningVar, 12);
  }, 60_000);
});
