import { describe, expect, it } from 'vitest';
import {
  codebookPerplexity,
  codebookUsage,
  seedPerplexity,
  vectorQuantize,
  vqLossForIndices,
} from '../../src/lib/vq';
import { expectAllClose, expectClose, F32, F64 } from './close';
import cases from '../fixtures/vq.json';
import seedCases from '../fixtures/vq_seed_perplexity.json';

// Tolerances: the torch reference is the seed's layer run in float32 (as the seed runs it), so
// losses and perplexities are compared at F32 = 1e-5 relative; the TS kernel works in float64 on
// the same float32 inputs. Indices are compared exactly against a float64 argmin of the same data;
// against torch's float32 argmin they may differ only where two codes tie within float32 rounding.
// seedPerplexity is also compared with a float64 run of the seed's line at F64.

const f32 = (s: string): Float32Array => new Float32Array(new Uint8Array(Buffer.from(s, 'base64')).buffer);

function sqDist(x: Float32Array, i: number, cb: Float32Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += (x[i * d + t]! - cb[j * d + t]!) ** 2;
  return s;
}

describe('vectorQuantize against the seed VectorQuantizer (torch, float32)', () => {
  it('has enough cases', () => expect(cases.length).toBeGreaterThanOrEqual(60));
  for (const [ci, c] of cases.entries()) {
    it(`case ${ci}: N=${c.n} K=${c.k} D=${c.dim}`, () => {
      const x = f32(c.x_b64);
      const cb = f32(c.codebook_b64);
      const r = vectorQuantize(x, cb, c.dim, c.commitmentCost);
      expect(Array.from(r.indices)).toEqual(c.indices64);
      r.indices.forEach((j, i) => {
        const tj = c.indices[i]!;
        if (j !== tj) {
          // a float32 near-tie in torch: both codes are equally near to ~1e-6 relative
          const a = sqDist(x, i, cb, j, c.dim);
          const b = sqDist(x, i, cb, tj, c.dim);
          expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-5 * Math.max(1, a));
        }
      });
      expectAllClose(r.quantized, f32(c.quantized_b64), F32, 'quantized');
      expectClose(r.loss, c.loss, F32, 'loss');
      expectClose(r.eLatentLoss, c.eLatentLoss, F32, 'e_latent');
      expectClose(r.qLatentLoss, c.qLatentLoss, F32, 'q_latent');
      expectClose(r.loss, (1 + c.commitmentCost) * r.eLatentLoss, F64, 'loss = (1+β)·mse');
      expectClose(r.perplexity, c.perplexity, F32, 'perplexity');
      expectClose(seedPerplexity(r.indices, c.k), c.seedPerplexity, F32, 'seed perplexity');
      expect(r.perplexity).toBeGreaterThanOrEqual(1 - 1e-9);
      expect(r.perplexity).toBeLessThanOrEqual(Math.min(c.k, c.n) + 1e-9);
    });
  }
  it('accepts plain arrays (converted to float32)', () => {
    const r = vectorQuantize([1, 2], [1.5, 1.5], 2);
    expect(r.quantized).toBeInstanceOf(Float32Array);
    expect(r.indices).toBeInstanceOf(Int32Array);
  });
});

describe('worked numbers (docs/reference-semantics.md) and the seed errata', () => {
  it('perplexity of indices [0,0,1,3], K=4 is 2√2 = 2.828427', () => {
    expectClose(codebookPerplexity([0, 0, 1, 3], 4), 2 * Math.SQRT2, 1e-9);
    expect(codebookPerplexity([0, 0, 1, 3], 4)).toBeCloseTo(2.828427, 6);
    expect(codebookUsage([0, 0, 1, 3], 4)).toEqual([2, 1, 0, 1]);
  });
  it('z = [1, 2], e = [1.5, 1.5]: loss = 1.25 · 0.25 = 0.3125', () => {
    const r = vectorQuantize(new Float32Array([1, 2]), new Float32Array([1.5, 1.5]), 2);
    expect(r.loss).toBe(0.3125);
    expect(r.perplexity).toBe(1);
  });
  it("the seed's example picks code 0 for every row", () => {
    const x = new Float32Array([1, 1, 2, 2, 3, 3]);
    const cb = new Float32Array([10, 10, 20, 20, 30, 30, 40, 40]);
    const r = vectorQuantize(x, cb, 2);
    expect(Array.from(r.indices)).toEqual([0, 0, 0]);
    expectClose(r.eLatentLoss, 388 / 6, 1e-12);
    expectClose(r.loss, 1.25 * (388 / 6), 1e-12);
    // erratum 3: with the comment's forced indices [2, 0, 1] the commitment loss is 398, not 421
    const forced = vqLossForIndices(x, cb, 2, [2, 0, 1]);
    expect(forced.eLatentLoss).toBe(398);
    expect(forced.loss).toBe(398 * 1.25);
    // erratum 1: the seed's perplexity of [2, 0, 1] is 0.25^(-0.25) = √2 (its comment says avg 0.33)
    expectClose(seedPerplexity([2, 0, 1], 4), Math.SQRT2, 1e-9);
    expectClose(codebookPerplexity([2, 0, 1], 4), 3, 1e-9);
  });
  it('ties go to the lowest index, as torch.argmin', () => {
    const r = vectorQuantize([0, 0], [1, 0, -1, 0, 0, 1, 1, 0], 2);
    expect(r.indices[0]).toBe(0);
    const dup = vectorQuantize([5, 5], [0, 0, 5, 5, 5, 5], 2);
    expect(dup.indices[0]).toBe(1);
  });
});

describe("seedPerplexity reproduces the seed's line", () => {
  it('matches torch float32 (F32) and float64 (F64)', () => {
    expect(seedCases.length).toBeGreaterThanOrEqual(50);
    for (const [i, c] of seedCases.entries()) {
      expectClose(seedPerplexity(c.indices, c.k), c.seed32, F32, `case ${i} f32`);
      expectClose(seedPerplexity(c.indices, c.k), c.seed64, F64, `case ${i} f64`);
      expectClose(codebookPerplexity(c.indices, c.k), c.perplexity64, F64, `case ${i} correct`);
      expect(codebookUsage(c.indices, c.k)).toEqual(c.usage);
      expect(seedPerplexity(c.indices, c.k)).toBeLessThanOrEqual(Math.exp(1 / Math.E) + 1e-12);
    }
  });
});

describe('the fused kernel equals a brute-force N×K distance matrix', () => {
  it('on a larger random problem', () => {
    const n = 2000, k = 128, d = 16;
    let s = 12345;
    const rand = () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648) * 2 - 1;
    const x = Float32Array.from({ length: n * d }, rand);
    const cb = Float32Array.from({ length: k * d }, rand);
    const r = vectorQuantize(x, cb, d);
    let sse = 0;
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bd = Infinity;
      for (let j = 0; j < k; j++) {
        const dd = sqDist(x, i, cb, j, d);
        if (dd < bd) { bd = dd; best = j; }
      }
      expect(r.indices[i]).toBe(best);
      sse += bd;
    }
    expectClose(r.eLatentLoss, sse / (n * d), 1e-12);
  });
});

describe('vq input validation', () => {
  const x = new Float32Array([1, 2, 3, 4]);
  const cb = new Float32Array([0, 0, 1, 1]);
  it('dim must be an integer ≥ 1 dividing both lengths', () => {
    expect(() => vectorQuantize(x, cb, 0)).toThrow(RangeError);
    expect(() => vectorQuantize(x, cb, 0)).toThrow(/^dim must be an integer ≥ 1; received 0/);
    expect(() => vectorQuantize(x, cb, 1.5)).toThrow(TypeError);
    expect(() => vectorQuantize(x, cb, 3)).toThrow(/^x\.length must be a multiple of dim=3; received length 4/);
    expect(() => vectorQuantize(x, new Float32Array(3), 2)).toThrow(/^codebook\.length must be a multiple of dim=2/);
  });
  it('empty inputs are RangeErrors', () => {
    expect(() => vectorQuantize(x, new Float32Array(0), 2)).toThrow(RangeError);
    expect(() => vectorQuantize(x, new Float32Array(0), 2)).toThrow(/^codebook must have at least one code/);
    expect(() => vectorQuantize(new Float32Array(0), cb, 2)).toThrow(/^x must have at least one row/);
  });
  it('commitmentCost must be ≥ 0', () => {
    expect(() => vectorQuantize(x, cb, 2, -0.1)).toThrow(RangeError);
    expect(() => vectorQuantize(x, cb, 2, -0.1)).toThrow(/^commitmentCost must be ≥ 0; received -0.1/);
    expect(() => vectorQuantize(x, cb, 2, NaN)).toThrow(TypeError);
  });
  it('non-finite values are TypeErrors with their row and column', () => {
    expect(() => vectorQuantize(new Float32Array([1, NaN, 3, 4]), cb, 2)).toThrow(TypeError);
    expect(() => vectorQuantize(new Float32Array([1, 2, 3, Infinity]), cb, 2)).toThrow(/^x\[1\]\[1\] must be a finite number; received Infinity/);
    expect(() => vectorQuantize(x, [0, 0, -Infinity, 1], 2)).toThrow(/^codebook\[1\]\[0\] must be a finite number/);
    expect(() => vectorQuantize('x' as never, cb, 2)).toThrow(/^x must be a Float32Array or an array/);
  });
  it('index helpers check indices and K', () => {
    expect(() => codebookUsage([0, 4], 4)).toThrow(RangeError);
    expect(() => codebookUsage([0, 4], 4)).toThrow(/^indices\[1\] must be an integer in \[0, 3\]; received 4/);
    expect(() => seedPerplexity([0.5], 4)).toThrow(TypeError);
    expect(() => seedPerplexity([], 4)).toThrow(/^indices must have length ≥ 1/);
    expect(() => codebookPerplexity([0], 0)).toThrow(/^numEmbeddings must be an integer in \[1, 1048576\]/);
    expect(() => codebookUsage([0], 2 ** 31)).toThrow(/^numEmbeddings must be an integer in \[1, 1048576\]; received 2147483648/);
    expect(() => vqLossForIndices(x, cb, 2, [0])).toThrow(/^indices must have one entry per row of x \(2\)/);
  });
});
