import { describe, expect, it } from 'vitest';
import { vectorQuantize } from '../../src/lib/vq';
import { createRng } from '../../src/lib/random';

// The blocked kernel (two rows × four codes, K padded to a multiple of four, a D = 3 path) must give
// exactly what a plain one-row, one-code loop gives: same argmin (ties to the lowest index), same
// float32 outputs, and the same float64 sums added in the same order.
function reference(x: Float32Array, cb: Float32Array, d: number, beta = 0.25) {
  const n = x.length / d;
  const k = cb.length / d;
  const norms = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    let s = 0;
    for (let t = 0; t < d; t++) s += cb[j * d + t]! * cb[j * d + t]!;
    norms[j] = s;
  }
  const indices = new Int32Array(n);
  const quantized = new Float32Array(n * d);
  const counts = new Float64Array(k);
  let sse = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestScore = Infinity;
    for (let j = 0; j < k; j++) {
      let a = 0;
      for (let t = 0; t < d; t++) a += x[i * d + t]! * cb[j * d + t]!;
      const score = norms[j]! - 2 * a;
      if (score < bestScore) { bestScore = score; best = j; }
    }
    indices[i] = best;
    counts[best]! += 1;
    for (let t = 0; t < d; t++) {
      const q = cb[best * d + t]!;
      quantized[i * d + t] = q;
      const diff = q - x[i * d + t]!;
      sse += diff * diff;
    }
  }
  let h = 0;
  for (let j = 0; j < k; j++) {
    const p = counts[j]! / n;
    if (p > 0) h -= p * Math.log(p);
  }
  const mse = sse / (n * d);
  return { indices, quantized, loss: mse + beta * mse, perplexity: Math.exp(h), eLatentLoss: mse, qLatentLoss: mse };
}

function randomCase(seed: number, n: number, k: number, d: number, grid: boolean) {
  const rng = createRng(seed);
  // grid = small integer coordinates, so exact ties between codes are common
  const v = () => (grid ? rng.int(3) - 1 : rng.normal());
  const x = new Float32Array(n * d).map(v);
  const cb = new Float32Array(k * d).map(v);
  return { x, cb };
}

describe('vectorQuantize kernel = plain loop, bit for bit', () => {
  const shapes: [number, number, number][] = [];
  for (const d of [1, 2, 3, 4, 5, 8, 17]) for (const k of [1, 2, 3, 4, 5, 7, 8, 9, 16]) for (const n of [1, 2, 3, 7]) shapes.push([n, k, d]);
  shapes.push([101, 33, 64], [64, 256, 64], [257, 16, 3], [50, 6, 3]);
  for (const grid of [false, true]) {
    it(`matches on ${shapes.length} shapes (${grid ? 'integer grid, many ties' : 'normal'})`, () => {
      shapes.forEach(([n, k, d], s) => {
        const { x, cb } = randomCase(1000 * (grid ? 2 : 1) + s, n, k, d, grid);
        const r = vectorQuantize(x, cb, d, 0.3);
        const e = reference(x, cb, d, 0.3);
        const where = `N=${n} K=${k} D=${d}`;
        expect(Array.from(r.indices), where).toEqual(Array.from(e.indices));
        expect(Array.from(r.quantized), where).toEqual(Array.from(e.quantized));
        expect(r.loss, where).toBe(e.loss);
        expect(r.eLatentLoss, where).toBe(e.eLatentLoss);
        expect(r.qLatentLoss, where).toBe(e.qLatentLoss);
        expect(r.perplexity, where).toBe(e.perplexity);
      });
    });
  }
  it('breaks ties to the lowest index across and within blocks of four codes', () => {
    // codes 1, 5 and 6 are the same point; every row is nearest to it
    const d = 2;
    const cb = new Float32Array([9, 9, 1, 1, 8, 8, 7, 7, -5, -5, 1, 1, 1, 1, 3, 3]);
    const x = new Float32Array([1, 1, 1.1, 0.9, 0.9, 1.2]);
    expect(Array.from(vectorQuantize(x, cb, d).indices)).toEqual([1, 1, 1]);
    const cb3 = new Float32Array([5, 5, 5, 0, 0, 0, 0, 0, 0]);
    expect(Array.from(vectorQuantize(new Float32Array([0.1, 0, 0, 0, 0, 0]), cb3, 3).indices)).toEqual([1, 1]);
  });
});
