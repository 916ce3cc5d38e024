import { describe, expect, it } from 'vitest';
import { batchNormNoise, batchNormNoiseSweep, noiseBatchSizes, MAX_NOISE_WORK } from '../../src/lib/batchNormNoise';
import { batchNorm } from '../../src/lib/batchNorm';
import { gaussianBatches } from '../../src/lib/batchNormRunning';
import { refusedParam } from '../../src/lib/refusal';
import cases from '../fixtures/bn_noise.json';

// Fixture: scripts/fixtures/bn_noise.py draws the same data and batches with the Python twin of the
// site's PRNG and normalizes them with torch.nn.BatchNorm1d (float64, training mode).

/** |a − b| ≤ 1e-12 for every value (the values are O(1): an absolute tolerance). */
function near(actual: readonly number[], expected: readonly number[], label: string): void {
  expect(actual.length, label).toBe(expected.length);
  const worst = Math.max(0, ...actual.map((a, k) => Math.abs(a - expected[k]!)));
  expect(worst, label).toBeLessThanOrEqual(1e-12);
}

describe('batchNormNoise against torch.nn.BatchNorm1d', () => {
  it('every normalized value, mean and standard deviation, at every size', () => {
    for (const c of cases) {
      const data = gaussianBatches(c.dataSeed, 1, c.n, 0, 1)[0]!;
      near(data, c.data, `data of ${c.n}`);
      const opts = { index: c.index, draws: c.draws, seed: c.seed, eps: c.eps };
      const sweep = batchNormNoiseSweep(c.data, opts, c.sizes);
      for (const [k, p] of c.points.entries()) {
        const r = batchNormNoise(c.data, { ...opts, batchSize: p.batchSize });
        const label = `n ${c.n}, B ${p.batchSize}`;
        near(r.values, p.values, label);
        near([r.mean, r.std], [p.mean, p.std], `${label} mean, std`);
        expect(sweep[k]).toEqual({ batchSize: p.batchSize, mean: r.mean, std: r.std });
      }
    }
  });
  it('is batchNorm.ts to the bit (one batch: B = N, where nothing is drawn)', () => {
    const data = gaussianBatches(3, 1, 6, 2, 5)[0]!;
    for (let i = 0; i < 6; i++) {
      const r = batchNormNoise(data, { index: i, batchSize: 6, draws: 3, seed: 0 });
      const bn = batchNorm(data.map((x) => [x])).y;
      // x_i leads the batch, the others follow in index order: the sums' order differs from
      // batchNorm's only by where x_i enters, so compare at one ulp of O(1).
      expect(Math.abs(r.values[0]! - bn[i]![0]!)).toBeLessThan(1e-15);
      expect(r.values).toEqual([r.values[0], r.values[0], r.values[0]]);
      expect(r.std).toBe(0);
      expect(r.mean).toBe(r.values[0]);
    }
  });
  it('B = 2 normalizes to ±1 (up to ε): only the sign says anything', () => {
    const data = gaussianBatches(0, 1, 256, 0, 1)[0]!;
    const r = batchNormNoise(data, { index: 0, batchSize: 2, draws: 200, seed: 1 });
    // |x̂| = d/√(d² + ε) with d half the gap to the partner: just under 1 unless the two nearly tie.
    for (const v of r.values) expect(Math.abs(v)).toBeLessThan(1);
    expect(r.values.filter((v) => Math.abs(v) > 0.99).length).toBeGreaterThan(190);
  });
  it('the spread shrinks roughly as 1/√B while B is small next to N', () => {
    const data = gaussianBatches(0, 1, 256, 0, 1)[0]!;
    const sweep = batchNormNoiseSweep(data, { index: 0, draws: 1000, seed: 2 });
    expect(sweep.map((p) => p.batchSize)).toEqual([2, 4, 8, 16, 32, 64, 128, 256]);
    for (let k = 1; k < sweep.length; k++) expect(sweep[k]!.std).toBeLessThan(sweep[k - 1]!.std);
    const at = (b: number) => sweep.find((p) => p.batchSize === b)!.std;
    // Four times the batch, about half the noise.
    expect(at(4) / at(16)).toBeGreaterThan(1.6);
    expect(at(4) / at(16)).toBeLessThan(2.4);
    expect(at(256)).toBe(0);
  });
  it('noiseBatchSizes: powers of two below N, then N', () => {
    expect(noiseBatchSizes(2)).toEqual([2]);
    expect(noiseBatchSizes(8)).toEqual([2, 4, 8]);
    expect(noiseBatchSizes(10)).toEqual([2, 4, 8, 10]);
  });
});

describe('batchNormNoise input validation', () => {
  const data = [0.5, -1, 2, 0.25];
  const ok = { index: 0, batchSize: 2, draws: 4, seed: 0 };
  const refuse = (f: () => unknown, kind: typeof RangeError | typeof TypeError, message: RegExp, param: string) => {
    expect(f).toThrow(kind);
    expect(f).toThrow(message);
    try {
      f();
    } catch (e) {
      expect(refusedParam(e)).toBe(param);
    }
  };
  it('refuses B = 1 (training mode) and B > N', () => {
    refuse(() => batchNormNoise(data, { ...ok, batchSize: 1 }), RangeError, /^batchSize must be an integer in \[2, 4\]; received 1$/, 'batchSize');
    refuse(() => batchNormNoise(data, { ...ok, batchSize: 5 }), RangeError, /^batchSize must be an integer in \[2, 4\]; received 5$/, 'batchSize');
    refuse(() => batchNormNoise(data, { ...ok, batchSize: 2.5 }), TypeError, /^batchSize must be an integer; received 2.5$/, 'batchSize');
  });
  it('names the index, draws, seed, eps and data', () => {
    refuse(() => batchNormNoise(data, { ...ok, index: 4 }), RangeError, /^index must be an integer in \[0, 3\]; received 4$/, 'index');
    refuse(() => batchNormNoise(data, { ...ok, draws: 1 }), RangeError, /^draws must be an integer in \[2, /, 'draws');
    refuse(() => batchNormNoise(data, { ...ok, seed: -1 }), RangeError, /^seed must be an integer in \[0, 4294967295\]; received -1$/, 'seed');
    refuse(() => batchNormNoise(data, { ...ok, eps: 0 }), RangeError, /^eps must be > 0; received 0$/, 'eps');
    refuse(() => batchNormNoise([1], ok), RangeError, /^data must have length in \[2, 4096\]; received length 1$/, 'data');
    refuse(() => batchNormNoise([1, NaN], ok), TypeError, /^data\[1\] must be a finite number; received NaN$/, 'data');
    refuse(() => batchNormNoise(data, null as never), TypeError, /^opts must be an object; received null$/, 'opts');
  });
  it('caps the work: draws × the batch sizes', () => {
    const big = new Array(4096).fill(0).map((_, k) => k);
    refuse(() => batchNormNoiseSweep(big, { index: 0, draws: 5000, seed: 0 }), RangeError, new RegExp(`^draws × batch sizes must be at most ${MAX_NOISE_WORK} values; received 5000×8190$`), 'draws');
    refuse(() => batchNormNoiseSweep(data, { index: 0, draws: 3, seed: 0 }, [2, 9]), RangeError, /^sizes\[1\] must be an integer in \[2, 4\]; received 9$/, 'sizes');
  });
});
