/**
 * The one nearest-code search (src/lib/nearestCode.ts) and what its callers share with it: the tie
 * rule (lowest index, torch.argmin), float32 inputs widened exactly, the expanded form equal bit for
 * bit to its plain-loop definition in JavaScript and WebAssembly, the exact form equal to the brute
 * force Σ(x − e)², and the refusals of the shared row checks (validate.ts) in the callers' words.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { codeNorms, nearestExact, nearestExpanded, squaredDistance } from '../../src/lib/nearestCode';
import { float64Rows, rowCount, rowEntryError } from '../../src/lib/validate';
import { refusalOf } from '../../src/lib/refusal';
import { createRng } from '../../src/lib/random';
import { nearestCodeIndices, vectorQuantize } from '../../src/lib/vq';
import { assignToCentroids, kmeans } from '../../src/lib/kmeans';
import { vqAssign } from '../../src/lib/vqTraining';
import { squaredDistance as chunksSquaredDistance } from '../../src/lib/vqChunks';

/** The expanded form as its definition reads: a plain loop, strict < in code order from +Infinity. */
function plainExpanded(x: ArrayLike<number>, cb: ArrayLike<number>, d: number): number[] {
  const n = x.length / d;
  const k = cb.length / d;
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    let best = 0;
    let score = Infinity;
    for (let j = 0; j < k; j++) {
      let norm = 0;
      let dot = 0;
      for (let t = 0; t < d; t++) {
        norm += cb[j * d + t]! * cb[j * d + t]!;
        dot += x[i * d + t]! * cb[j * d + t]!;
      }
      const s = norm - 2 * dot;
      if (s < score) {
        score = s;
        best = j;
      }
    }
    out.push(best);
  }
  return out;
}

/** The exact form by brute force: every distance, then the first minimum. */
function bruteExact(x: ArrayLike<number>, cb: ArrayLike<number>, d: number): { indices: number[]; total: number } {
  const n = x.length / d;
  const k = cb.length / d;
  const indices: number[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    const dist = Array.from({ length: k }, (_, j) => {
      let s = 0;
      for (let t = 0; t < d; t++) s += (x[i * d + t]! - cb[j * d + t]!) ** 2;
      return s;
    });
    const m = Math.min(...dist);
    indices.push(dist.indexOf(m));
    total += m;
  }
  return { indices, total };
}

const expanded = (x: Float32Array | Float64Array, cb: Float32Array | Float64Array, d: number, kernel: 'js' | 'wasm' = 'js'): number[] => {
  const n = x.length / d;
  const out = new Int32Array(n);
  nearestExpanded(x, cb, d, n, cb.length / d, out, kernel);
  return Array.from(out);
};

const exact = (x: Float64Array, cb: Float64Array, d: number): { indices: number[]; total: number } => {
  const n = x.length / d;
  const out = new Int32Array(n);
  const total = nearestExact(x, cb, d, cb.length / d, out, 0, n);
  return { indices: Array.from(out), total };
};

describe('the tie rule: the lowest index, as torch.argmin', () => {
  it('chooses the first of equal codes, inside a block of four and across blocks', () => {
    // Codes 1, 3 and 6 are the same vector; code 6 sits in the second block of four.
    const cb = Float64Array.from([9, 9, 1, 2, 5, 5, 1, 2, 7, 7, 8, 8, 1, 2, 3, 3]);
    const x = Float64Array.from([1, 2, 1.1, 2, 0.9, 2.1]);
    expect(expanded(x, cb, 2)).toEqual([1, 1, 1]);
    expect(expanded(x, cb, 2, 'wasm')).toEqual([1, 1, 1]);
    expect(exact(x, cb, 2).indices).toEqual([1, 1, 1]);
  });

  it('chooses the lower of two codes at the same distance (a midpoint), in both forms', () => {
    // x = 3 lies halfway between codes 4 and 2 (indices 0 and 1), exactly in float64.
    const cb = Float64Array.from([4, 2, 10]);
    const x = Float64Array.from([3, 3, 9]);
    expect(expanded(x, cb, 1)).toEqual([0, 0, 2]);
    expect(exact(x, cb, 1).indices).toEqual([0, 0, 2]);
    // …and in the reverse order the other code is the lower index.
    expect(expanded(x, Float64Array.from([2, 4, 10]), 1)).toEqual([0, 0, 2]);
  });

  it('never chooses a padding code: K = 1, 2, 3, 5 (not multiples of four) with one odd last row', () => {
    for (const k of [1, 2, 3, 5]) {
      const cb = Float64Array.from({ length: k * 2 }, (_, i) => -100 - i);
      const x = Float64Array.from([0, 0, 1e6, 1e6, -1e6, 1e6]);
      const got = expanded(x, cb, 2);
      expect(Math.max(...got), `K=${k}`).toBeLessThan(k);
      expect(got).toEqual(plainExpanded(x, cb, 2));
    }
  });

  it('every caller breaks a tie the same way: vectorQuantize, k-means labels, vqAssign', () => {
    const x = [0, 0, 2, 2];
    const cb = [1, 1, -1, -1, 1, 1];
    expect(Array.from(vectorQuantize(x, cb, 2).indices)).toEqual([0, 0]);
    expect(Array.from(nearestCodeIndices(x, cb, 2, 'wasm'))).toEqual([0, 0]);
    expect(Array.from(vqAssign(x, cb, 2).indices)).toEqual([0, 0]);
    // k-means centres the data; the third point is the mean, equally far from all three centres.
    expect(Array.from(assignToCentroids([0, 0, 2, 2, 1, 1], 2, [2, 2, 0, 0, 2, 2]))).toEqual([1, 0, 0]);
  });
});

describe('the expanded form equals its plain-loop definition bit for bit', () => {
  const shape = fc.record({
    n: fc.integer({ min: 1, max: 9 }),
    k: fc.integer({ min: 1, max: 11 }),
    d: fc.integer({ min: 1, max: 9 }),
    grid: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });

  it('on float32 and float64 inputs, in JavaScript and WebAssembly (500 cases, ties common on the grid)', () => {
    fc.assert(
      fc.property(shape, ({ n, k, d, grid, seed }) => {
        const rng = createRng(seed);
        const v = () => (grid ? rng.int(3) - 1 : rng.normal() * 10);
        const x = new Float32Array(n * d).map(v);
        const cb = new Float32Array(k * d).map(v);
        const want = plainExpanded(x, cb, d);
        // float32 values widen exactly, so the float64 copies give the same indices
        const x64 = Float64Array.from(x);
        const cb64 = Float64Array.from(cb);
        expect(expanded(x, cb, d)).toEqual(want);
        expect(expanded(x64, cb64, d)).toEqual(want);
        expect(expanded(x, cb, d, 'wasm')).toEqual(want);
        expect(expanded(x64, cb64, d, 'wasm')).toEqual(want);
      }),
      { numRuns: 500 },
    );
  });

  it('float64 inputs keep their precision (not rounded to float32 on the way)', () => {
    // 1 + 2⁻²⁵ and 1 + 2⁻²⁴ both round to the float32 1: as float32 every code ties and code 0 wins.
    const cb = Float64Array.from([1, 1 + 2 ** -25]);
    const x = Float64Array.from([1 + 2 ** -24]);
    expect(expanded(x, cb, 1)).toEqual([1]);
    expect(expanded(x, cb, 1, 'wasm')).toEqual([1]);
    expect(expanded(Float32Array.from(x), Float32Array.from(cb), 1)).toEqual([0]);
  });

  it('codeNorms: summed in coordinate order, +Infinity past K', () => {
    const norms = codeNorms(Float64Array.from([1, 2, 3, 0.5, 0.25, 0]), 3, 2, 4);
    expect(Array.from(norms)).toEqual([14, 0.3125, Infinity, Infinity]);
  });

  it("'auto' and 'js' agree with 'wasm' above the WebAssembly threshold (2^20 multiply-adds)", () => {
    const rng = createRng(3);
    const d = 16;
    const x = new Float64Array(1025 * d).map(() => rng.normal());
    const cb = new Float64Array(67 * d).map(() => rng.normal());
    const out = new Int32Array(1025);
    nearestExpanded(x, cb, d, 1025, 67, out, 'auto');
    expect(Array.from(out)).toEqual(expanded(x, cb, d, 'js'));
    expect(Array.from(out)).toEqual(expanded(x, cb, d, 'wasm'));
  });
});

describe('the exact form: argmin Σ(x − e)² and the sum of the minima', () => {
  it('equals the brute force on random shapes, ties included (300 cases)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 6 }), fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (n, k, d, grid, seed) => {
          const rng = createRng(seed);
          const v = () => (grid ? rng.int(3) - 1 : rng.normal());
          const x = new Float64Array(n * d).map(v);
          const cb = new Float64Array(k * d).map(v);
          expect(exact(x, cb, d)).toEqual(bruteExact(x, cb, d));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('searches only rows start … end − 1 of a larger buffer (the trainer passes its workspace)', () => {
    const buffer = Float64Array.from([NaN, NaN, 0, 0, 5, 5, NaN, NaN]);
    const out = new Int32Array(4).fill(-1);
    const total = nearestExact(buffer, Float64Array.from([1, 1, 4, 4]), 2, 2, out, 1, 3);
    expect(Array.from(out)).toEqual([-1, 0, 1, -1]);
    expect(total).toBe(4);
    // one row at a time gives the same indices and distances
    const one = new Int32Array(4).fill(-1);
    expect(nearestExact(buffer, Float64Array.from([1, 1, 4, 4]), 2, 2, one, 2, 3)).toBe(2);
    expect(one[2]).toBe(1);
  });

  it('vqChunks.squaredDistance is this module’s Σ(x − e)²', () => {
    expect(chunksSquaredDistance).toBe(squaredDistance);
    expect(squaredDistance([0, 0, 3, 4], 1, Float32Array.from([0, 0]), 0, 2)).toBe(25);
  });

  it('vqAssign and the expanded form agree where no two codes are nearly tied', () => {
    const rng = createRng(21);
    const x = Array.from({ length: 200 * 2 }, () => rng.normal());
    const cb = [-2, -2, 2, 2, -2, 2, 2, -2, 0, 0];
    expect(Array.from(vqAssign(x, cb, 2).indices)).toEqual(expanded(Float64Array.from(x), Float64Array.from(cb), 2));
  });
});

describe('the shared row checks (validate.ts) refuse bad input in one wording', () => {
  it('rowEntryError names the row and column', () => {
    const e = rowEntryError('x', 5, 2, NaN);
    expect(e).toBeInstanceOf(TypeError);
    expect(e.message).toBe('x[2][1] must be a finite number; received NaN');
    expect(refusalOf(e)?.param).toBe('x[2][1]');
  });

  it('float64Rows copies finite numbers and refuses the first other entry', () => {
    const src = [1, 2, 3];
    const out = float64Rows('data', src, 1);
    expect(out).toBeInstanceOf(Float64Array);
    expect(Array.from(out)).toEqual(src);
    expect(() => float64Rows('data', [1, 2, '3', NaN], 2)).toThrow(/^data\[1\]\[0\] must be a finite number; received "3"$/);
    expect(() => float64Rows('data', 'abc', 2)).toThrow(/^data must be an array of numbers; received "abc"$/);
    expect(() => float64Rows('data', null, 2, 'a Float64Array')).toThrow(/^data must be a Float64Array; received null$/);
  });

  it('rowCount wants a positive multiple of dim', () => {
    expect(rowCount('x', 6, 3)).toBe(2);
    for (const length of [0, 7]) {
      let e: unknown;
      try {
        rowCount('x', length, 3);
      } catch (err) {
        e = err;
      }
      expect(e).toBeInstanceOf(RangeError);
      expect((e as Error).message).toBe(`x.length must be a positive multiple of dim=3; received length ${length}`);
      expect(refusalOf(e)?.param).toBe('x.length');
    }
  });

  it('vectorQuantize (float32), k-means and vqAssign (float64) name a bad entry alike', () => {
    const bad = [0, 1, NaN, 2];
    const message = /^(x|data)\[1\]\[0\] must be a finite number; received NaN$/;
    expect(() => vectorQuantize(bad, [0, 0], 2)).toThrow(message);
    expect(() => kmeans(bad, 2, 1, { seed: 0 })).toThrow(message);
    expect(() => vqAssign(bad, [0, 0], 2)).toThrow(message);
    // float32 inputs are checked after the conversion: 1e39 overflows float32 to Infinity
    expect(() => vectorQuantize([0, 1e39], [0, 0], 2)).toThrow(/^x\[0\]\[1\] must be a finite number; received Infinity$/);
    expect(Array.from(vqAssign([0, 1e39], [0, 0], 2).indices)).toEqual([0]);
  });
});
