/**
 * trainMLP's `augment` (src/lib/trainer/augmentDigits.ts) against PyTorch float64. Fixtures:
 * scripts/fixtures/train_augment.py trains the same 64 → hidden → 10 networks on real digits with
 * nn.Linear / nn.BatchNorm1d / F.cross_entropy / torch.optim, redrawing every augmentation (angle, dx,
 * dy, 64 normals per sample) through the Python twin of createRng from seed XOR 0x85EBCA6B and applying
 * rotate → shift → noise + clamp in plain float64. Every epoch's loss and every final parameter (and the
 * BN statistics, the validation curve) must agree to 1e-9 relative (absolute floor 1e-12 near 0).
 * Also: absent or all-zero augment changes nothing (bit for bit), the option's checks, the WebAssembly
 * and JavaScript kernels agree with augmentation, and augmentDigitBatch shows what the trainer trained on.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import {
  augmentDigitBatch, epochOrders, initMLP, parseDigits, trainMLP, type MLPLayers, type TrainMLPOptions,
} from '../../src/lib';
import { activeKernel, setLinearKernel, type LinearKernelMode } from '../../src/lib/trainer/linearWasm';
import { shuffleInto, shuffleStream } from '../../src/lib/trainer/randomStreams';
import fixture from '../fixtures/train_augment.json';
import { hAny, hNum, hOpts, hScalar, hVec, obeys } from './hostile';
import { ABS, REL, bits, near, nearTree, withKernel } from './trainerCompare';

interface Case {
  name: string;
  init: MLPLayers;
  data: { x: number[][]; y: number[] };
  opts: TrainMLPOptions;
  expected: Record<string, unknown> & { epochLosses: number[]; weights: number[][][]; biases: number[][] };
}
const CASES = (fixture as unknown as { cases: Case[] }).cases;


/** Every number as its 16 hex digits of float64 (so −0 and the last bit count), recursively. */
afterEach(() => {
  setLinearKernel('auto');
});

describe('trainMLP with augment reproduces PyTorch float64 trajectories', () => {
  it('covers shift, rotate and noise alone, all three, with dropout + FGSM, with batch norm, and Adam', () => {
    const names = CASES.map((c) => c.name);
    for (const n of ['shift_only', 'rotate_only', 'noise_only_adam', 'all_three', 'all_three_dropout_fgsm_adamw', 'all_three_batch_norm_sgd']) {
      expect(names).toContain(n);
    }
    for (const c of CASES) expect(c.data.x[0], c.name).toHaveLength(64);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const r = trainMLP(c.init, c.data, c.opts);
      const e = c.expected;
      nearTree(r.epochLosses, e.epochLosses, 'epochLosses');
      nearTree(r.weights, e.weights, 'weights');
      nearTree(r.biases, e.biases, 'biases');
      if (e.batchNorm !== undefined) {
        const bn = e.batchNorm as Record<string, number[]>[];
        expect(r.batchNorm).toHaveLength(bn.length);
        bn.forEach((s, l) => {
          for (const key of ['gamma', 'beta', 'runningMean', 'runningVar'] as const) nearTree(r.batchNorm![l]![key], s[key], `batchNorm[${l}].${key}`);
        });
      } else {
        expect(r.batchNorm).toBeUndefined();
      }
      for (const key of ['validationLosses', 'validationAccuracies'] as const) {
        if (e[key] === undefined) expect(r[key]).toBeUndefined();
        else nearTree(r[key], e[key], key);
      }
    });
  }

  it('augmentation matters: each case trains differently without it', () => {
    for (const c of CASES) {
      const plain = trainMLP(c.init, c.data, { ...c.opts, augment: undefined });
      expect(plain.epochLosses[0], c.name).not.toBe(c.expected.epochLosses[0]);
    }
  });
});

describe('absent or all-zero augment changes nothing', () => {
  const c = CASES.find((k) => k.name === 'all_three_dropout_fgsm_adamw')!;
  const v = CASES.find((k) => k.name === 'all_three')!;
  it('bit for bit, with dropout, FGSM, a seeded shuffle and validation', () => {
    for (const base of [c, v]) {
      const plain = { ...base.opts, augment: undefined };
      const ref = bits(trainMLP(base.init, base.data, plain));
      for (const augment of [{}, { shift: 0 }, { shift: 0, rotate: 0, noise: 0 }, { rotate: -0, noise: 0 }]) {
        expect(bits(trainMLP(base.init, base.data, { ...plain, augment })), JSON.stringify(augment)).toEqual(ref);
      }
    }
  });
  it('augmentation draws from its own stream: the seeded shuffle is that of the plain run', () => {
    // lr 0, one batch of all rows: the epoch loss is the loss of the augmented rows in the visit order.
    const x = v.data.x.slice(0, 20);
    const y = v.data.y.slice(0, 20);
    const init = v.init;
    const augment = { shift: 1, rotate: 15, noise: 0.1 };
    const seed = 77;
    const perm = new Int32Array(20);
    shuffleInto(perm, shuffleStream(seed));
    const shown = augmentDigitBatch(Array.from(perm, (i) => x[i]!), augment, seed);
    const trained = trainMLP(init, { x, y }, { epochs: 1, batchSize: 20, lr: 0, augment, seed });
    const direct = trainMLP(init, { x: shown.images, y: Array.from(perm, (i) => y[i]!) }, { epochs: 1, batchSize: 20, lr: 0, order: [Array.from({ length: 20 }, (_, k) => k)] });
    expect(trained.epochLosses).toEqual(direct.epochLosses);
  });
});

describe('augment is checked', () => {
  const c = CASES[0]!;
  const base = { ...c.opts };
  function refuses(f: () => unknown, kind: typeof RangeError | typeof TypeError, message: RegExp): void {
    let error: unknown;
    try {
      f();
    } catch (e) {
      error = e;
    }
    expect(error, `expected a ${kind.name} matching ${message}`).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/ must .*received /);
  }
  it('needs 8×8 inputs (width 64)', () => {
    const init = { weights: [[[0.1, 0.2], [0.3, -0.1]]], biases: [[0, 0]] };
    const data = { x: [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6]], y: [0, 1, 0] };
    refuses(() => trainMLP(init, data, { epochs: 1, batchSize: 2, lr: 0.1, augment: { shift: 1 } }), RangeError,
      /^opts\.augment must be used with 8×8 images \(inputs of width 64, row-major\); received width 2$/);
    // checked whenever augment is given, even all zero: the option says the inputs are images
    refuses(() => trainMLP(init, data, { epochs: 1, batchSize: 2, lr: 0.1, augment: {} }), RangeError, /^opts\.augment .*received width 2$/);
    // without augment the same network trains
    expect(trainMLP(init, data, { epochs: 1, batchSize: 2, lr: 0.1 }).epochLosses).toHaveLength(1);
  });
  it('each strength with its range and the value received', () => {
    refuses(() => trainMLP(c.init, c.data, { ...base, augment: { shift: 3 } }), RangeError, /^augment\.shift must be an integer in \[0, 2\]; received 3$/);
    refuses(() => trainMLP(c.init, c.data, { ...base, augment: { shift: 1.5 } }), TypeError, /^augment\.shift must be an integer; received 1.5$/);
    refuses(() => trainMLP(c.init, c.data, { ...base, augment: { rotate: -1 } }), RangeError, /^augment\.rotate must be in \[0, 30\]; received -1$/);
    refuses(() => trainMLP(c.init, c.data, { ...base, augment: { rotate: 31 } }), RangeError, /^augment\.rotate must be in \[0, 30\]; received 31$/);
    refuses(() => trainMLP(c.init, c.data, { ...base, augment: { noise: Number.NaN } }), TypeError, /^augment\.noise must be a finite number; received NaN$/);
    refuses(() => trainMLP(c.init, c.data, { ...base, augment: { noise: 0.6 } }), RangeError, /^augment\.noise must be in \[0, 0\.5\]; received 0.6$/);
    refuses(() => trainMLP(c.init, c.data, { ...base, augment: null as unknown as {} }), TypeError, /^augment must be an object \{ shift\?, rotate\?, noise\? \}; received null$/);
    refuses(() => trainMLP(c.init, c.data, { ...base, augment: 2 as unknown as {} }), TypeError, /^augment must be an object .*; received 2$/);
  });
});

describe('WebAssembly and JavaScript kernels agree with augmentation', () => {
  const digits = parseDigits(JSON.parse(readFileSync('public/data/digits.json', 'utf8')));
  const data = { x: digits.x.slice(0, 150), y: digits.y.slice(0, 150) };
  it('the fixtures, bit for bit', () => {
    for (const c of CASES) {
      expect(bits(withKernel('wasm', () => trainMLP(c.init, c.data, c.opts))), c.name).toEqual(bits(withKernel('js', () => trainMLP(c.init, c.data, c.opts))));
    }
  });
  it('a 64 → 128 → 10 network on 150 digits (ws.x a view into WebAssembly memory), bit for bit', () => {
    const init = initMLP([64, 128, 10], 3);
    const opts: TrainMLPOptions = {
      epochs: 2, batchSize: 32, lr: 0.05, optimizer: 'adam', seed: 11, dropout: 0.1, fgsm: { eps: 0.05, alpha: 0.7 },
      augment: { shift: 2, rotate: 25, noise: 0.2 }, order: epochOrders(150, 2, 4),
    };
    let sawWasm = false;
    const wasm = withKernel('wasm', () => trainMLP(init, data, { ...opts, onEpoch: () => { sawWasm ||= activeKernel() !== null; } }));
    const js = withKernel('js', () => trainMLP(init, data, opts));
    expect(sawWasm).toBe(true);
    expect(bits(wasm)).toEqual(bits(js));
  });
});

describe('augmentDigitBatch: the samples the network trained on', () => {
  const digits = parseDigits(JSON.parse(readFileSync('public/data/digits.json', 'utf8')));
  const images = digits.x.slice(0, 12);

  it('its images are the trainer\'s augmented inputs (lr 0: the epoch loss is theirs), dropout masks unchanged', () => {
    // One epoch in a given order, lr 0: the loss of the trained-on batches. With dropout, the direct run
    // draws its masks from the same seed: equal losses also mean augmentation left the masks alone.
    const init = initMLP([64, 16, 10], 1);
    const order = [[3, 0, 7, 1, 11, 5, 2, 9, 4, 10, 6, 8]];
    const augment = { shift: 2, rotate: 30, noise: 0.3 };
    const seed = 123;
    const batch = order[0]!.map((i) => images[i]!);
    const labels = order[0]!.map((i) => digits.y[i]!);
    const shown = augmentDigitBatch(batch, augment, seed);
    const trained = trainMLP(init, { x: images, y: digits.y.slice(0, 12) }, { epochs: 1, batchSize: 12, lr: 0, order, augment, seed, dropout: 0.3 });
    const direct = trainMLP(init, { x: shown.images, y: labels }, { epochs: 1, batchSize: 12, lr: 0, order: [order[0]!.map((_, k) => k)], seed, dropout: 0.3 });
    expect(trained.epochLosses).toEqual(direct.epochLosses);
    // several batches: the stream continues per image across batches
    const twoBatches = trainMLP(init, { x: images, y: digits.y.slice(0, 12) }, { epochs: 1, batchSize: 5, lr: 0, order, augment, seed });
    const direct5 = trainMLP(init, { x: shown.images, y: labels }, { epochs: 1, batchSize: 5, lr: 0, order: [order[0]!.map((_, k) => k)] });
    expect(twoBatches.epochLosses).toEqual(direct5.epochLosses);
  });

  it('draws within range, values in [0, 1], input unchanged, seeded', () => {
    const copy = images.map((r) => r.slice());
    const a = augmentDigitBatch(images, { shift: 1, rotate: 10, noise: 0.1 }, 5);
    expect(images).toEqual(copy);
    expect(a.images).toHaveLength(12);
    for (const d of a.draws) {
      expect(Math.abs(d.angle)).toBeLessThanOrEqual(10);
      expect([-1, 0, 1]).toContain(d.dx);
      expect([-1, 0, 1]).toContain(d.dy);
    }
    for (const row of a.images) for (const v of row) expect(v >= 0 && v <= 1).toBe(true);
    expect(augmentDigitBatch(images, { shift: 1, rotate: 10, noise: 0.1 }, 5)).toEqual(a);
    expect(augmentDigitBatch(images, { shift: 1, rotate: 10, noise: 0.1 }, 6)).not.toEqual(a);
    expect(augmentDigitBatch(images, {}, 5).images).toEqual(images);
  });

  it('the conventions of the header: shift moves right/down with zero fill; +90° turns counter-clockwise', () => {
    // a single lit pixel at (row 1, column 2)
    const img = Array.from({ length: 64 }, (_, k) => (k === 8 * 1 + 2 ? 1 : 0));
    // find a seed whose draw is dx = 2, dy = 1 (shift only: two next() per image)
    let found = false;
    for (let s = 0; s < 200 && !found; s++) {
      const r = augmentDigitBatch([img], { shift: 2 }, s);
      const { dx, dy } = r.draws[0]!;
      const lit = r.images[0]!.indexOf(1);
      const [rr, cc] = [1 + dy, 2 + dx];
      expect(lit).toBe(rr >= 0 && rr < 8 && cc >= 0 && cc < 8 ? 8 * rr + cc : -1);
      found = dx === 2 && dy === 1;
    }
    expect(found).toBe(true);
    // rotate: with rotate 30 the angle is in [−30, 30]; the lit pixel's bilinear mass moves on the circle about (3.5, 3.5)
    const r = augmentDigitBatch([img], { rotate: 30 }, 1);
    const angle = r.draws[0]!.angle;
    let sx = 0;
    let sy = 0;
    r.images[0]!.forEach((v, k) => { sx += v * (k % 8); sy += v * Math.floor(k / 8); });
    const t = (angle * Math.PI) / 180;
    // content at source offset (u, v) = (2 − 3.5, 1 − 3.5) appears at R(−θ)(u, v) (inverse of the sampling map)
    const [u, v] = [2 - 3.5, 1 - 3.5];
    const ex = Math.cos(t) * u + Math.sin(t) * v + 3.5;
    const ey = -Math.sin(t) * u + Math.cos(t) * v + 3.5;
    const mass = r.images[0]!.reduce((a, b) => a + b, 0);
    expect(Math.hypot(sx / mass - ex, sy / mass - ey)).toBeLessThan(0.5);
  });

  it('hostile input: finite, well-formed output or a named RangeError/TypeError (300 runs)', () => {
    const image = fc.oneof(
      { weight: 6, arbitrary: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 64, maxLength: 64 }) },
      { weight: 1, arbitrary: hVec(66, hNum, 62) },
    );
    const images = fc.oneof({ weight: 8, arbitrary: fc.array(image, { maxLength: 3 }) }, { weight: 1, arbitrary: hAny });
    const strengths = fc.oneof(
      fc.constant(undefined),
      hOpts({ shift: hScalar(fc.integer({ min: -1, max: 3 })), rotate: hScalar(fc.double({ min: -1, max: 31, noNaN: true })), noise: hScalar(fc.double({ min: -0.1, max: 0.6, noNaN: true })) }),
    );
    const seed = hScalar(fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(-1, 2 ** 32)));
    fc.assert(fc.property(images, strengths, seed, (x, a, s) => {
      const out = obeys('augmentDigitBatch', () => augmentDigitBatch(x, a, s));
      if (out !== undefined) for (const row of out.images) for (const v of row) expect(v >= 0 && v <= 1).toBe(true);
    }), { numRuns: 300 });
  });

  it('refuses bad input with the parameter, the range and the value', () => {
    expect(() => augmentDigitBatch([[1, 2]], {}, 0)).toThrow(/^images\[0\] must have length 64 .*; received length 2$/);
    expect(() => augmentDigitBatch([images[0]!.map(() => 2)], {}, 0)).toThrow(/^images\[0\]\[0\] must be in \[0, 1\]; received 2$/);
    expect(() => augmentDigitBatch(images, { rotate: 45 }, 0)).toThrow(/^augment\.rotate must be in \[0, 30\]; received 45$/);
    expect(() => augmentDigitBatch(images, {}, -1)).toThrow(/^seed must be an integer in \[0, 4294967295\]; received -1$/);
    expect(() => augmentDigitBatch('x', {}, 0)).toThrow(TypeError);
    expect(() => augmentDigitBatch(images, null, 0)).toThrow(/^augment must be an object .*; received null$/);
  });
});
