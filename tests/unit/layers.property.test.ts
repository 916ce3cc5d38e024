/**
 * Properties of the layer-level techniques (dropout, VQ, batch norm, FGSM, early stopping, k-means,
 * weight sharing, augmentation) that must hold for every input, not only the fixtures.
 * Each property runs at least 1000 random cases.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { dropout, dropout2d, dropoutMask, dropoutScale } from '../../src/lib/dropout';
import { codebookPerplexity, seedPerplexity, vectorQuantize } from '../../src/lib/vq';
import { batchNorm, batchNormEval } from '../../src/lib/batchNorm';
import { bceWithLogits, fgsm } from '../../src/lib/fgsm';
import { earlyStopping } from '../../src/lib/earlyStopping';
import { kmeans } from '../../src/lib/kmeans';
import { conv2dParams, convOutputSize, linearParams } from '../../src/lib/weightSharing';
import { adjustBrightness, crop, flipHorizontal, rotate } from '../../src/lib/augment';

const RUNS = { numRuns: 1000 };

const num = fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true });
const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });
const notFinite = fc.constantFrom<unknown>(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, '1', null, undefined);
const negative = fc.double({ min: -1e6, max: -1e-12, noNaN: true, noDefaultInfinity: true });

function throwsWith(f: () => unknown, type: typeof RangeError | typeof TypeError, message: RegExp): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, `expected ${type.name} matching ${message}`).toBeInstanceOf(type);
  expect((err as Error).message).toMatch(message);
}

describe('dropout properties', () => {
  it('the mean over many seeds approaches x (inverted dropout is unbiased)', () => {
    const S = 2000;
    fc.assert(
      fc.property(fc.array(num, { minLength: 1, maxLength: 4 }), fc.double({ min: 0, max: 0.5, noNaN: true }), seed, (x, p, base) => {
        const sum = new Array<number>(x.length).fill(0);
        for (let s = 0; s < S; s++) {
          dropout(x, p, { seed: (base + s) >>> 0 }).forEach((v, i) => (sum[i]! += v));
        }
        x.forEach((xi, i) => {
          // sd of the mean is |x|·sqrt(p/(1 − p)/S); allow 6.5 of them
          const sd = Math.abs(xi) * Math.sqrt(p / (1 - p) / S);
          expect(Math.abs(sum[i]! / S - xi)).toBeLessThanOrEqual(6.5 * sd + 1e-9 * Math.max(1, Math.abs(xi)));
        });
      }),
      { numRuns: 1000 },
    );
  });
  it('every output entry is 0 or x/(1 − p); the kept ones follow dropoutMask', () => {
    fc.assert(
      fc.property(fc.array(num, { maxLength: 30 }), fc.double({ min: 0, max: 1, noNaN: true }), seed, (x, p, s) => {
        const y = dropout(x, p, { seed: s });
        const m = dropoutMask(x.length, p, s);
        y.forEach((v, i) => {
          if (m[i] === 0) expect(v).toBe(0);
          else {
            expect(v).toBe(x[i]! * dropoutScale(p));
            expect(Math.abs(v - x[i]! / (1 - p))).toBeLessThanOrEqual(1e-12 * Math.abs(x[i]! / (1 - p)));
          }
        });
        if (p === 1) expect(y.every((v) => v === 0)).toBe(true);
        expect(dropout(x, p, { seed: s, training: false })).toEqual(x);
      }),
      RUNS,
    );
  });
  it('dropout2d zeroes whole channels or scales them', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 }), fc.double({ min: 0, max: 1, noNaN: true }), seed, (c, l, p, s) => {
        const x = Array.from({ length: c }, (_, i) => Array.from({ length: l }, (_, j) => i - j + 0.5));
        const y = dropout2d(x, p, { seed: s });
        y.forEach((row, i) => {
          const zero = row.every((v) => v === 0);
          const scaled = row.every((v, j) => v === x[i]![j]! * dropoutScale(p));
          expect(zero || scaled).toBe(true);
        });
      }),
      RUNS,
    );
  });
});

/** float32-representable values, so the kernel and the brute force see the same numbers. */
const f32 = fc.float({ min: -100, max: 100, noNaN: true, noDefaultInfinity: true }).map(Math.fround);

describe('vectorQuantize properties', () => {
  const problem = fc
    .record({ d: fc.integer({ min: 1, max: 5 }), n: fc.integer({ min: 1, max: 12 }), k: fc.integer({ min: 1, max: 10 }) })
    .chain(({ d, n, k }) =>
      fc.record({
        d: fc.constant(d),
        k: fc.constant(k),
        x: fc.array(f32, { minLength: n * d, maxLength: n * d }),
        cb: fc.array(f32, { minLength: k * d, maxLength: k * d }),
      }),
    );
  it('each index is the brute-force argmin of the squared distance (ties aside)', () => {
    fc.assert(
      fc.property(problem, ({ d, k, x, cb }) => {
        const r = vectorQuantize(Float32Array.from(x), Float32Array.from(cb), d);
        const n = x.length / d;
        for (let i = 0; i < n; i++) {
          const dist = Array.from({ length: k }, (_, j) => {
            let s = 0;
            for (let t = 0; t < d; t++) s += (x[i * d + t]! - cb[j * d + t]!) ** 2;
            return s;
          });
          const min = Math.min(...dist);
          const tol = 1e-9 * Math.max(1, min);
          expect(dist[r.indices[i]!]!).toBeLessThanOrEqual(min + tol);
          // with a strict (non-tied) minimum the index is exactly the brute-force one
          const near = dist.filter((v) => v <= min + tol).length;
          if (near === 1) expect(r.indices[i]).toBe(dist.indexOf(min));
          for (let t = 0; t < d; t++) expect(r.quantized[i * d + t]).toBe(cb[r.indices[i]! * d + t]);
        }
      }),
      RUNS,
    );
  });
  it('1 ≤ perplexity ≤ min(K, N), and loss = (1 + β)·mse ≥ 0', () => {
    fc.assert(
      fc.property(problem, fc.double({ min: 0, max: 5, noNaN: true }), ({ d, k, x, cb }, beta) => {
        const r = vectorQuantize(x, cb, d, beta);
        const n = x.length / d;
        expect(r.perplexity).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(r.perplexity).toBeLessThanOrEqual(Math.min(k, n) * (1 + 1e-12));
        expect(r.loss).toBeGreaterThanOrEqual(0);
        expect(Math.abs(r.loss - (1 + beta) * r.eLatentLoss)).toBeLessThanOrEqual(1e-12 * Math.max(1, r.loss));
      }),
      RUNS,
    );
  });
  it('codebookPerplexity of any assignment lies in [1, K]; the seed’s never exceeds e^(1/e)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 50 }).chain((k) => fc.tuple(fc.constant(k), fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: 1, maxLength: 80 }))), ([k, idx]) => {
        const p = codebookPerplexity(idx, k);
        expect(p).toBeGreaterThanOrEqual(1 - 1e-12);
        expect(p).toBeLessThanOrEqual(k * (1 + 1e-12));
        const used = new Set(idx).size;
        expect(p).toBeLessThanOrEqual(used * (1 + 1e-12));
        expect(seedPerplexity(idx, k)).toBeLessThanOrEqual(Math.exp(1 / Math.E) + 1e-12);
      }),
      RUNS,
    );
  });
});

describe('batchNorm properties', () => {
  const batch = fc
    .record({ n: fc.integer({ min: 2, max: 12 }), f: fc.integer({ min: 1, max: 4 }) })
    .chain(({ n, f }) => fc.array(fc.array(num, { minLength: f, maxLength: f }), { minLength: n, maxLength: n }));
  it('each output feature has mean ≈ 0 and biased variance var/(var + eps) ≈ 1 when var ≫ eps', () => {
    fc.assert(
      fc.property(batch, (x) => {
        const r = batchNorm(x);
        const n = x.length;
        r.var.forEach((v, j) => {
          const col = r.y.map((row) => row[j]!);
          const mean = col.reduce((s, c) => s + c, 0) / n;
          const varY = col.reduce((s, c) => s + (c - mean) ** 2, 0) / n;
          expect(Math.abs(mean)).toBeLessThanOrEqual(1e-9);
          if (v > 1e-3) {
            expect(Math.abs(varY - v / (v + 1e-5))).toBeLessThanOrEqual(1e-9);
            expect(Math.abs(varY - 1)).toBeLessThanOrEqual(1e-2);
          }
          expect(r.runningVar[j]).toBeGreaterThanOrEqual(0);
        });
      }),
      RUNS,
    );
  });
  it('eval with the batch statistics (biased var) equals training output', () => {
    fc.assert(
      fc.property(batch, (x) => {
        const r = batchNorm(x);
        const e = batchNormEval(x, { runningMean: r.mean, runningVar: r.var });
        e.forEach((row, i) => row.forEach((v, j) => expect(Math.abs(v - r.y[i]![j]!)).toBeLessThanOrEqual(1e-9)));
      }),
      RUNS,
    );
  });
});

describe('fgsm properties', () => {
  it('the step has L∞ size ε per coordinate (or 0) and never lowers the loss of a linear logit', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }), fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: n, maxLength: n }))),
        fc.double({ min: -3, max: 3, noNaN: true }),
        fc.constantFrom<0 | 1>(0, 1),
        fc.double({ min: 0, max: 1, noNaN: true }),
        ([x, w], b, y, eps) => {
          const adv = fgsm(x, { w, b }, y, eps);
          adv.forEach((v, i) => {
            const step = Math.abs(v - x[i]!);
            expect(step === 0 || Math.abs(step - eps) <= 1e-12 * Math.max(1, Math.abs(x[i]!))).toBe(true);
          });
          // BCE is convex and monotone in z along this direction: the loss cannot decrease
          expect(bceWithLogits(adv, { w, b }, y)).toBeGreaterThanOrEqual(bceWithLogits(x, { w, b }, y) - 1e-12);
        },
      ),
      RUNS,
    );
  });
});

describe('earlyStopping properties', () => {
  it('stops exactly when patience epochs pass without improvement; the best is the running minimum', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 30 }), fc.integer({ min: 0, max: 5 }), (values, patience) => {
        const r = earlyStopping(values, { patience });
        const ran = r.stoppedEpoch ?? values.length;
        const seen = values.slice(0, ran);
        if (seen.length > 0) {
          expect(r.bestValue).toBe(Math.min(...seen));
          expect(r.bestEpoch).toBe(seen.indexOf(Math.min(...seen)));
        }
        if (r.stoppedEpoch !== null) {
          expect(r.stoppedEpoch - 1 - r.bestEpoch!).toBe(Math.max(patience, 1));
        } else if (values.length > 0) {
          expect(values.length - 1 - r.bestEpoch!).toBeLessThan(Math.max(patience, 1));
        }
      }),
      RUNS,
    );
  });
});

describe('every bad-input class throws the right error naming the parameter', () => {
  it('dropout: p outside [0, 1] → RangeError, non-finite p → TypeError', () => {
    fc.assert(
      fc.property(fc.oneof(negative, fc.double({ min: 1.0000001, max: 1e6, noNaN: true })), notFinite, (p, bad) => {
        throwsWith(() => dropout([1, 2], p, { seed: 0 }), RangeError, /^p must be in \[0, 1\]; received /);
        throwsWith(() => dropout([1, 2], bad as number, { seed: 0 }), TypeError, /^p must be a finite number; received /);
      }),
      RUNS,
    );
  });
  it('vectorQuantize: dim not dividing the data → RangeError; β < 0 → RangeError; non-finite data → TypeError', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 9 }), negative, notFinite, (dim, beta, bad) => {
        throwsWith(() => vectorQuantize(new Float32Array(dim + 1), new Float32Array(dim), dim), RangeError, /^x\.length must be a multiple of dim=/);
        throwsWith(() => vectorQuantize(new Float32Array(dim), new Float32Array(dim), dim, beta), RangeError, /^commitmentCost must be ≥ 0/);
        const x: unknown[] = new Array(dim).fill(0);
        x[dim - 1] = bad;
        if (typeof bad === 'number') throwsWith(() => vectorQuantize(x as number[], new Float32Array(dim), dim), TypeError, /^x\[0\]\[\d+\] must be a finite number/);
      }),
      RUNS,
    );
  });
  it('batchNorm: one row in training → RangeError; momentum outside [0, 1] → RangeError', () => {
    fc.assert(
      fc.property(fc.array(num, { minLength: 1, maxLength: 5 }), fc.oneof(negative, fc.double({ min: 1.001, max: 10, noNaN: true })), (row, m) => {
        throwsWith(() => batchNorm([row]), RangeError, /^x must have more than 1 row/);
        throwsWith(() => batchNorm([row, row], { momentum: m }), RangeError, /^momentum must be in \[0, 1\]/);
      }),
      RUNS,
    );
  });
  it('fgsm: ε < 0 → RangeError; mismatched w → RangeError', () => {
    fc.assert(
      fc.property(negative, fc.integer({ min: 1, max: 5 }), (eps, n) => {
        throwsWith(() => fgsm([1], { w: [1], b: 0 }, 1, eps), RangeError, /^eps must be ≥ 0/);
        throwsWith(() => fgsm(new Array(n + 1).fill(0), { w: new Array(n).fill(1), b: 0 }, 0, 0.1), RangeError, /^model\.w must have the same length as x/);
      }),
      RUNS,
    );
  });
  it('earlyStopping / kmeans / weight sharing: out-of-range integers → RangeError, fractional → TypeError', () => {
    fc.assert(
      fc.property(fc.integer({ min: -100, max: -1 }), fc.double({ min: 0.01, max: 0.99, noNaN: true }), fc.integer({ min: 1, max: 5 }), (neg, frac, n) => {
        throwsWith(() => earlyStopping([1], { patience: neg }), RangeError, /^patience must be an integer ≥ 0/);
        throwsWith(() => earlyStopping([1], { patience: 1 + frac }), TypeError, /^patience must be an integer/);
        throwsWith(() => kmeans(new Array(n).fill(0), 1, n + 1, { seed: 0 }), RangeError, /^k must be an integer in \[1, /);
        throwsWith(() => conv2dParams({ inChannels: neg, outChannels: 1, kernelSize: 1 }), RangeError, /^inChannels must be an integer/);
        throwsWith(() => linearParams({ inFeatures: n + frac, outFeatures: 1 }), TypeError, /^inFeatures must be an integer/);
        throwsWith(() => convOutputSize({ inputSize: n, kernelSize: n + 1 }), RangeError, /^kernelSize must span at most inputSize/);
      }),
      RUNS,
    );
  });
  it('augment: data length ≠ width×height×4 → RangeError; bad crop → RangeError; bad factor/angle', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 7 }), negative, notFinite, (w, h, off, f, bad) => {
        const img = { width: w, height: h, data: new Uint8ClampedArray(w * h * 4) };
        throwsWith(() => flipHorizontal({ width: w, height: h, data: new Uint8ClampedArray(w * h * 4 + off) }), RangeError, /^img\.data must have width×height×4 = /);
        throwsWith(() => crop(img, { x: w, y: 0, width: 1, height: 1 }), RangeError, /^box\.x must be an integer in \[0, /);
        throwsWith(() => adjustBrightness(img, f), RangeError, /^factor must be ≥ 0/);
        throwsWith(() => rotate(img, bad as number), TypeError, /^degrees must be a finite number/);
      }),
      RUNS,
    );
  });
});
