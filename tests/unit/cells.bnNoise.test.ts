import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/lib/query';
import { formatNumber } from '../../src/lib/format';
import { batchNormNoise, batchNormNoiseSweep } from '../../src/lib/batchNormNoise';
import { gaussianBatches } from '../../src/lib/batchNormRunning';
import { bnNoiseData, bnNoiseSchema, bnNoiseView, histogram, type BnNoiseState } from '../../src/cells/bnNoise';

const bad = /NaN|undefined|Infinity|null/;
const fmt = (x: number) => formatNumber(x);
const PY = '/usr/bin/python3';
const hasTorch = existsSync(PY) && (() => {
  try {
    execFileSync(PY, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function allStrings(v: ReturnType<typeof bnNoiseView>): string[] {
  return [...Object.values(v.text), ...Object.values(v.rows).flat(2), ...v.tables.spread.rows.flat()];
}

describe('bn-noise cell', () => {
  const base = defaults(bnNoiseSchema);
  it('its data are 256 draws of N(0, 1) from seed 0', () => {
    expect(bnNoiseData()).toEqual(gaussianBatches(0, 1, 256, 0, 1)[0]);
  });
  it('shows what src/lib computes', () => {
    const v = bnNoiseView(base, 'en');
    const data = bnNoiseData();
    const r = batchNormNoise(data, { index: 0, batchSize: 16, draws: 500, seed: 1 });
    const sweep = batchNormNoiseSweep(data, { index: 0, draws: 500, seed: 1 });
    expect(v.text.spread).toBe(fmt(r.std));
    expect(v.text.meanOut).toBe(fmt(r.mean));
    expect(v.text.example).toBe(`x0 = ${fmt(data[0]!)}`);
    expect(v.text.full).toBe(fmt(sweep[7]!.mean));
    expect(v.text.law).toBe(`${fmt(r.std)} × √16 = ${fmt(r.std * 4)}`);
    expect(v.rows.sweep!.map((row) => row[0])).toEqual(['2', '4', '8', '16', '32', '64', '128', '256']);
    expect(v.rows.sweep![3]).toEqual(['16', fmt(r.std), fmt(r.std * 4), fmt(r.mean)]);
    expect(v.rows.sweep![7]![1]).toBe('0.0000');
    expect(v.chart.bins.reduce((a, b) => a + b.count, 0)).toBe(500);
  });
  it('the histogram counts every value once; all-equal values get one bin', () => {
    const bins = histogram([0, 0.5, 1, 1, 0.25], 4);
    expect(bins.map((b) => b.count)).toEqual([1, 1, 1, 2]);
    expect(histogram([2, 2, 2])).toEqual([{ x0: 1.99, x1: 2.01, count: 3 }]);
  });
  it.each<[string, Partial<BnNoiseState>]>([
    ['B = 2', { nbs: 2 }],
    ['B = N (no noise)', { nbs: 256 }],
    ['the largest example, two draws', { nidx: 255, ndraws: 2 }],
    ['the most draws, last seed', { ndraws: 1000, nseed: 2 ** 32 - 1 }],
  ])('edge values print finite numbers only: %s', (_, patch) => {
    for (const lang of ['en', 'zh'] as const) for (const s of allStrings(bnNoiseView({ ...base, ...patch }, lang))) expect(s).not.toMatch(bad);
  });
  it.skipIf(!hasTorch)('its PyTorch code runs as is and prints the cell\'s numbers', () => {
    const s = { ...base, nbs: 8, nidx: 17, ndraws: 60, nseed: 5 };
    const v = bnNoiseView(s, 'en');
    const out = execFileSync(PY, ['-'], { input: v.text.pytorch!, encoding: 'utf8' });
    const r = batchNormNoise(bnNoiseData(), { index: 17, batchSize: 8, draws: 60, seed: 5 });
    const m = /B = 8 mean (\S+) std (\S+)/.exec(out)!;
    expect(Math.abs(Number(m[1]) - r.mean)).toBeLessThan(1e-12);
    expect(Math.abs(Number(m[2]) - r.std)).toBeLessThan(1e-12);
    const sweep = batchNormNoiseSweep(bnNoiseData(), { index: 17, draws: 60, seed: 5 });
    const printed = [...out.matchAll(/sweep B = (\d+) std (\S+)/g)].map((x) => [Number(x[1]), Number(x[2])]);
    expect(printed.map((p) => p[0])).toEqual(sweep.map((p) => p.batchSize));
    printed.forEach(([, std], k) => expect(Math.abs(std! - sweep[k]!.std)).toBeLessThan(1e-12));
  }, 60_000);
});
