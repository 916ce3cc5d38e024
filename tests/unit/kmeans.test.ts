import { describe, expect, it } from 'vitest';
import { assignToCentroids, kmeans, kmeansPlusPlus, type KMeansProgress } from '../../src/lib/kmeans';
import { expectAllClose, expectClose, F64 } from './close';
import fx from '../fixtures/kmeans.json';

// Tolerance F64 (1e-9 relative): scikit-learn runs in float64 too; remaining differences come from
// summation order (its chunked, threaded sums) and are ~1e-15. Labels and iteration counts are
// compared exactly: from the same `init` our Lloyd iterations are scikit-learn's.

const f64 = (s: string): Float64Array => new Float64Array(new Uint8Array(Buffer.from(s, 'base64')).buffer);

function rows(flat: ArrayLike<number>, d: number): number[][] {
  return Array.from({ length: flat.length / d }, (_, i) => Array.from({ length: d }, (_, t) => flat[i * d + t]!));
}

describe('kmeans from the same init equals scikit-learn KMeans(init, n_init=1, algorithm="lloyd")', () => {
  it('has enough cases', () => expect(fx.fromInit.length).toBeGreaterThanOrEqual(30));
  for (const [i, c] of fx.fromInit.entries()) {
    it(`case ${i}: n=${c.n} k=${c.k} dim=${c.dim} maxIter=${c.maxIter} tol=${c.tol.toExponential(1)}`, () => {
      const r = kmeans(f64(c.data_b64), c.dim, c.k, { seed: 0, init: c.init, maxIter: c.maxIter, tol: c.tol });
      expect(Array.from(r.labels)).toEqual(c.labels);
      expect(r.iterations).toBe(c.iterations);
      expectAllClose(r.centroids, c.centroids, F64, 'centroids');
      expectClose(r.inertia, c.inertia, F64, 'inertia');
    });
  }
});

describe('kmeans++ with 10 initialisations finds scikit-learn’s optimum on separated blobs', () => {
  it('has enough cases', () => expect(fx.best.length).toBeGreaterThanOrEqual(20));
  for (const [i, c] of fx.best.entries()) {
    it(`case ${i}: n=${c.n} k=${c.k} dim=${c.dim}`, () => {
      const r = kmeans(f64(c.data_b64), c.dim, c.k, { seed: i, nInit: 10 });
      expectClose(r.inertia, c.inertia, F64, 'inertia');
      // centroids equal up to a permutation
      const ours = rows(r.centroids, c.dim);
      const theirs = rows(c.centroids, c.dim);
      const used = new Set<number>();
      for (const o of ours) {
        let best = -1;
        let bd = Infinity;
        theirs.forEach((t, j) => {
          const d = t.reduce((s, v, q) => s + (v - o[q]!) ** 2, 0);
          if (d < bd) { bd = d; best = j; }
        });
        expect(used.has(best)).toBe(false);
        used.add(best);
        expectAllClose(o, theirs[best]!, F64, `centroid ${best}`);
      }
    });
  }
});

describe('kmeans worked example and behaviour', () => {
  it('{0, 1, 10, 11}, k = 2 → centres 0.5 and 10.5, inertia 1.0 (any seed)', () => {
    for (let seed = 0; seed < 20; seed++) {
      const r = kmeans([0, 1, 10, 11], 1, 2, { seed });
      expect(Array.from(r.centroids).sort((a, b) => a - b)).toEqual([0.5, 10.5]);
      expect(r.inertia).toBe(1);
      expect(r.labels[0]).toBe(r.labels[1]);
      expect(r.labels[2]).toBe(r.labels[3]);
      expect(r.labels[0]).not.toBe(r.labels[2]);
    }
  });
  it('is deterministic given the seed', () => {
    const data = Float32Array.from({ length: 300 }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
    const a = kmeans(data, 3, 4, { seed: 9, nInit: 3 });
    const b = kmeans(data, 3, 4, { seed: 9, nInit: 3 });
    expect(a).toEqual(b);
  });
  it('k-means++ picks data points, distinct when the data allow', () => {
    const data = [0, 0, 10, 10, 0, 10, 10, 0, 5, 5];
    const { centroids, indices } = kmeansPlusPlus(data, 2, 4, 3);
    expect(new Set(indices).size).toBe(4);
    indices.forEach((p, j) => expect([centroids[2 * j], centroids[2 * j + 1]]).toEqual([data[2 * p], data[2 * p + 1]]));
  });
  it('k = n puts one centre on every point (inertia 0)', () => {
    const r = kmeans([3, 1, 2], 1, 3, { seed: 1 });
    expect(r.inertia).toBe(0);
    expect(Array.from(r.centroids).sort()).toEqual([1, 2, 3]);
  });
  it('copes with fewer distinct points than k (empty clusters are relocated, nothing is NaN)', () => {
    const r = kmeans([1, 1, 1, 1, 2], 1, 3, { seed: 0 });
    expect(Array.from(r.centroids).every(Number.isFinite)).toBe(true);
    expect(r.inertia).toBe(0);
  });
  it('reports progress every iteration with decreasing inertia', () => {
    const seen: KMeansProgress[] = [];
    const data = f64(fx.fromInit[0]!.data_b64);
    const c = fx.fromInit[0]!;
    const r = kmeans(data, c.dim, c.k, { seed: 0, init: c.init, onProgress: (p) => seen.push(p) });
    expect(seen.length).toBe(r.iterations);
    expect(seen.map((s) => s.iteration)).toEqual(seen.map((_, i) => i + 1));
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.inertia).toBeLessThanOrEqual(seen[i - 1]!.inertia + 1e-9);
    expectAllClose(seen.at(-1)!.centroids, r.centroids, F64);
  });
  it('assignToCentroids labels new points by the nearest centre', () => {
    expect(Array.from(assignToCentroids([0.2, 9, 5.4, 5.6], 1, [0.5, 10.5]))).toEqual([0, 1, 0, 1]);
  });
});

describe('kmeans input validation', () => {
  it('dim and data shape', () => {
    expect(() => kmeans([1, 2, 3], 2, 1, { seed: 0 })).toThrow(RangeError);
    expect(() => kmeans([1, 2, 3], 2, 1, { seed: 0 })).toThrow(/^data\.length must be a positive multiple of dim=2; received length 3/);
    expect(() => kmeans([], 1, 1, { seed: 0 })).toThrow(/^data\.length must be a positive multiple/);
    expect(() => kmeans([1], 0, 1, { seed: 0 })).toThrow(/^dim must be an integer ≥ 1; received 0/);
    expect(() => kmeans('abc' as never, 1, 1, { seed: 0 })).toThrow(TypeError);
    expect(() => kmeans([1, NaN], 1, 1, { seed: 0 })).toThrow(/^data\[1\]\[0\] must be a finite number; received NaN/);
  });
  it('k between 1 and the number of points', () => {
    expect(() => kmeans([1, 2], 1, 3, { seed: 0 })).toThrow(RangeError);
    expect(() => kmeans([1, 2], 1, 3, { seed: 0 })).toThrow(/^k must be an integer in \[1, 2\]; received 3/);
    expect(() => kmeans([1, 2], 1, 0, { seed: 0 })).toThrow(/^k must be an integer in \[1, 2\]/);
    expect(() => kmeans([1, 2], 1, 1.5, { seed: 0 })).toThrow(TypeError);
  });
  it('options', () => {
    expect(() => kmeans([1, 2], 1, 1, undefined as never)).toThrow(/^opts must be an object/);
    expect(() => kmeans([1, 2], 1, 1, { seed: -1 })).toThrow(/^opts\.seed must be an integer/);
    expect(() => kmeans([1, 2], 1, 1, { seed: 0, maxIter: 0 })).toThrow(/^opts\.maxIter must be an integer in \[1, 100000\]; received 0/);
    expect(() => kmeans([1, 2], 1, 1, { seed: 0, tol: -1 })).toThrow(/^opts\.tol must be ≥ 0; received -1/);
    expect(() => kmeans([1, 2], 1, 1, { seed: 0, nInit: 0 })).toThrow(/^opts\.nInit must be an integer/);
    expect(() => kmeans([1, 2], 1, 1, { seed: 0, init: [1, 2] })).toThrow(/^opts\.init must have k×dim = 1 values; received length 2/);
    expect(() => kmeans([1, 2], 1, 1, { seed: 0, init: [NaN] })).toThrow(TypeError);
    expect(() => kmeans([1, 2], 1, 1, { seed: 0, onProgress: 3 as never })).toThrow(/^opts\.onProgress must be a function/);
    expect(() => assignToCentroids([1], 1, [1, 2, 3].slice(0, 0))).toThrow(/^centroids\.length must be a positive multiple/);
  });
});
