/**
 * Properties of trainMLP that hold for every small network, data set and option mix (fast-check):
 * the identities a reader would check by hand, exact where the arithmetic is exact.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createRng, trainMLP, type MLPLayers, type MLPOptimizer, type TrainMLPOptions } from '../../src/lib';

interface Setup {
  init: MLPLayers;
  data: { x: number[][]; y: number[] };
  n: number;
}

/** nn.Linear-style initial weights and [0, 1) features from one seed. */
function setup(seed: number, sizes: number[], n: number): Setup {
  const rng = createRng(seed);
  const init: MLPLayers = { weights: [], biases: [] };
  for (let l = 1; l < sizes.length; l++) {
    const b = 1 / Math.sqrt(sizes[l - 1]!);
    init.weights.push(Array.from({ length: sizes[l]! }, () => Array.from({ length: sizes[l - 1]! }, () => rng.uniform(-b, b))));
    init.biases.push(Array.from({ length: sizes[l]! }, () => rng.uniform(-b, b)));
  }
  const k = sizes.at(-1)!;
  const x = Array.from({ length: n }, () => Array.from({ length: sizes[0]! }, () => rng.next()));
  return { init, data: { x, y: x.map(() => rng.int(k)) }, n };
}

const arbSetup = fc
  .record({
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    inputs: fc.integer({ min: 1, max: 5 }),
    hidden: fc.array(fc.integer({ min: 1, max: 6 }), { maxLength: 2 }),
    classes: fc.integer({ min: 1, max: 4 }),
    n: fc.integer({ min: 2, max: 12 }),
  })
  .map(({ seed, inputs, hidden, classes, n }) => setup(seed, [inputs, ...hidden, classes], n));

const arbOptions: fc.Arbitrary<Omit<TrainMLPOptions, 'lr'>> = fc.record({
  epochs: fc.integer({ min: 1, max: 3 }),
  batchSize: fc.integer({ min: 2, max: 5 }),
  optimizer: fc.constantFrom<MLPOptimizer>('sgd', 'adam', 'adamw'),
  weightDecay: fc.constantFrom(0, 0.01, 0.5),
  l1: fc.constantFrom(0, 0.01),
  l2: fc.constantFrom(0, 0.01),
  labelSmoothing: fc.constantFrom(0, 0.1, 1),
  batchNorm: fc.boolean(),
  dropout: fc.constantFrom(0, 0.3, 1),
  seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
  fgsm: fc.option(fc.record({ eps: fc.constantFrom(0, 0.1, 0.5), alpha: fc.constantFrom(0, 0.5, 1) }), { nil: undefined }),
});

/** batchNorm cannot take a last batch of one row; move such draws to a batch size that avoids it. */
function safe(s: Setup, o: Omit<TrainMLPOptions, 'lr'>): Omit<TrainMLPOptions, 'lr'> {
  if (!o.batchNorm) return o;
  let b = o.batchSize;
  while (s.n % b === 1) b++;
  return { ...o, batchSize: b };
}

describe('trainMLP properties', () => {
  it('epochLosses: one finite, non-negative value per epoch; shapes preserved', () => {
    fc.assert(
      fc.property(arbSetup, arbOptions, fc.double({ min: 0, max: 0.5, noNaN: true }), (s, o, lr) => {
        const r = trainMLP(s.init, s.data, { ...safe(s, o), lr });
        expect(r.epochLosses).toHaveLength(o.epochs);
        for (const v of r.epochLosses) expect(Number.isFinite(v) && v >= 0).toBe(true);
        expect(r.weights.map((w) => [w.length, w[0]!.length])).toEqual(s.init.weights.map((w) => [w.length, w[0]!.length]));
      }),
      { numRuns: 300 },
    );
  });

  it('lr = 0 leaves every weight, bias and BN γ/β exactly unchanged (whatever the optimizer and penalties)', () => {
    fc.assert(
      fc.property(arbSetup, arbOptions, (s, o) => {
        const r = trainMLP(s.init, s.data, { ...safe(s, o), lr: 0 });
        expect(r.weights).toEqual(s.init.weights);
        expect(r.biases).toEqual(s.init.biases);
        for (const bn of r.batchNorm ?? []) {
          expect(bn.gamma.every((g) => g === 1)).toBe(true);
          expect(bn.beta.every((b) => b === 0)).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('FGSM with α = 1 is ordinary training, bit for bit (no batch norm or dropout, which the second pass would touch)', () => {
    fc.assert(
      fc.property(arbSetup, arbOptions, fc.double({ min: 0, max: 1, noNaN: true }), (s, o, eps) => {
        const base = { ...o, batchNorm: false, dropout: 0, lr: 0.1, fgsm: undefined };
        const plain = trainMLP(s.init, s.data, base);
        const adv = trainMLP(s.init, s.data, { ...base, fgsm: { eps, alpha: 1 } });
        expect(adv.epochLosses).toEqual(plain.epochLosses);
        expect(adv.weights).toEqual(plain.weights);
        expect(adv.biases).toEqual(plain.biases);
      }),
      { numRuns: 150 },
    );
  });

  it('defaults: AdamW without weightDecay is Adam; dropout 0 is no dropout; momentum does not change a first step', () => {
    fc.assert(
      fc.property(arbSetup, fc.integer({ min: 0, max: 2 ** 32 - 1 }), (s, seed) => {
        const o = { epochs: 2, batchSize: 3, lr: 0.05, seed };
        expect(trainMLP(s.init, s.data, { ...o, optimizer: 'adamw' })).toEqual(trainMLP(s.init, s.data, { ...o, optimizer: 'adam' }));
        expect(trainMLP(s.init, s.data, { ...o, dropout: 0 })).toEqual(trainMLP(s.init, s.data, o));
        // one epoch of one batch is one step: buf = g, so momentum has no effect yet
        const one = { epochs: 1, batchSize: s.n, lr: 0.05 };
        expect(trainMLP(s.init, s.data, { ...one, momentum: 0.9 })).toEqual(trainMLP(s.init, s.data, one));
      }),
      { numRuns: 100 },
    );
  });

  it('is deterministic in its seed, and full-batch training does not depend on the order (to rounding)', () => {
    fc.assert(
      fc.property(arbSetup, arbOptions, (s, o) => {
        const opts = { ...safe(s, o), lr: 0.05 };
        expect(trainMLP(s.init, s.data, opts)).toEqual(trainMLP(s.init, s.data, opts));
        const full = { ...opts, batchSize: s.n, dropout: 0, batchNorm: false };
        const forward = Array.from({ length: o.epochs }, () => Array.from({ length: s.n }, (_, i) => i));
        const reversed = forward.map((p) => p.slice().reverse());
        const a = trainMLP(s.init, s.data, { ...full, order: forward });
        const b = trainMLP(s.init, s.data, { ...full, order: reversed });
        a.epochLosses.forEach((v, i) => expect(Math.abs(v - b.epochLosses[i]!)).toBeLessThan(1e-12 * Math.max(1, v)));
        a.weights.flat(2).forEach((v, i) => expect(Math.abs(v - b.weights.flat(2)[i]!)).toBeLessThan(1e-10));
      }),
      { numRuns: 150 },
    );
  });
});
