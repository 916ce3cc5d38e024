/**
 * Hostile-input entries (issue #6) for the lab's model parts and its sweep: the trainer's conv and VQ
 * limits and digit augmentation (src/lib/trainer/limits.ts, augmentDigits.ts), the conv and codebook
 * starting points (src/lib/mlpInit.ts), the setting's conv size and parameter count
 * (src/lib/lab/setting.ts), a run's starting point (src/lib/lab/run.ts) and the strength sweep
 * (src/lib/lab/sweep.ts). Same shape as the entries of TABLE in hostile.lib.property.test.ts, kept apart
 * so it can be merged there with `...LAB_MODEL_ENTRIES`. Settings come from hostile.lab.entries.ts
 * (small and well formed most of the time, with augment, conv and vq sometimes on, then often one field
 * hostile); sweeps train on its tiny real-digit split, so a run takes milliseconds.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import {
  SWEEP_PARAMS, checkLabSetting, labSizes, type LabSettingInput, type SweepResult,
} from '../../src/lib/lab';
import type { MLPLayers } from '../../src/lib/trainer/types';
import { hAny, hMat, hOpts, hScalar, hVec, wrongType } from './hostile';
import { goodSetting, settingish, tinySplit } from './hostile.lab.entries';

interface Entry {
  args: fc.Arbitrary<unknown[]>;
  then?: (out: unknown, args: unknown[]) => void;
  message?: RegExp;
  rawStrings?: boolean;
  async?: boolean;
}

const args = (...a: fc.Arbitrary<unknown>[]) => fc.tuple(...a) as fc.Arbitrary<unknown[]>;
const seed = hScalar(fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(0, 2 ** 32 - 1, 2 ** 32, -1)));
const size = (min: number, max: number) =>
  hScalar(fc.oneof(fc.integer({ min, max }), fc.constantFrom(min - 1, max + 1, 0, 2 ** 31, 2 ** 53, 1e20)));
/** Mostly a valid size (so the function really runs), sometimes size()'s out-of-range and hostile values. */
const mostly = (min: number, max: number) => fc.oneof({ weight: 4, arbitrary: fc.integer({ min, max }) }, { weight: 1, arbitrary: size(min, max) });
const isUint32 = (v: unknown) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < 2 ** 32;

/** A few real 8×8 digits (values in [0, 1]), sometimes with one pixel hostile; sometimes not images. */
const digitImages = tinySplit.train.x;
const imagesish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 4 }).map((n) => digitImages.slice(0, n)) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 63 }), fc.oneof(hAny, fc.constantFrom(1.0000001, -1e-12, -0, 1, 0))).map(([n, k, v]) => {
      const imgs = digitImages.slice(0, n).map((r) => r.slice() as unknown[]);
      imgs[n - 1]![k] = v;
      return imgs;
    }),
  },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 2 }), fc.oneof(hVec(65), fc.constant(Float64Array.from(digitImages[0]!)), fc.constant(digitImages[0]!.slice(0, 63)))).map(([n, row]) => [...digitImages.slice(0, n), row]) },
  { weight: 1, arbitrary: fc.oneof(hMat(3, 64), hVec(64), wrongType) },
);
const augmentish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(undefined) },
  {
    weight: 8,
    arbitrary: fc.record({
      shift: fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 0, max: 2 }) }, { weight: 1, arbitrary: hAny }, { weight: 1, arbitrary: fc.constantFrom(3, 0.5, -1) }),
      rotate: fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 30, noNaN: true }) }, { weight: 1, arbitrary: hAny }, { weight: 1, arbitrary: fc.constantFrom(30.0001, -1) }),
      noise: fc.oneof({ weight: 6, arbitrary: fc.double({ min: 0, max: 0.5, noNaN: true }) }, { weight: 1, arbitrary: hAny }, { weight: 1, arbitrary: fc.constantFrom(0.51, -0.1) }),
    }, { requiredKeys: [] }),
  },
  { weight: 1, arbitrary: fc.oneof(wrongType, hVec(3)) },
);

/** A good setting, or settingish (often one field hostile), for the sweep. */
const sweepSettingish: fc.Arbitrary<unknown> = fc.oneof({ weight: 2, arbitrary: goodSetting }, { weight: 3, arbitrary: settingish });
const paramish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom(...SWEEP_PARAMS) },
  { weight: 1, arbitrary: fc.oneof(hAny, fc.constantFrom('batchNorm', 'L2', '', 'fgsm', 'conv', 'vq')) },
);
const valuesish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.uniqueArray(fc.constantFrom(0, 1e-4, 0.01, 0.05, 0.1), { minLength: 2, maxLength: 3 }).map((v) => [...v].sort((a, b) => a - b)) },
  { weight: 2, arbitrary: hVec(4) },
  { weight: 1, arbitrary: fc.constantFrom([0], [0.1, 0], [0, 0], [0, 2], [0, -0], [-0, 0.1], [0, Number.NaN], Array.from({ length: 13 }, (_, i) => i / 200)) },
);
const seedsish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 2, maxLength: 2 }) },
  { weight: 1, arbitrary: fc.oneof(hVec(3), fc.constantFrom([0], [1, 1], [0, 2 ** 32], [0, 1.5])) },
);
const splitish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(tinySplit) },
  {
    weight: 1,
    arbitrary: fc.tuple(fc.constantFrom('train', 'validation', 'test'), fc.oneof(hAny, hOpts({ x: fc.oneof(hMat(3, 64), hMat(2, 3)), y: hVec(3) }), fc.constant({ x: [], y: [] })))
      .map(([key, bad]) => ({ ...tinySplit, [key]: bad })),
  },
  { weight: 1, arbitrary: wrongType },
);
const inUnit = (xs: number[]) => xs.every((v) => Number.isFinite(v) && v >= 0 && v <= 1);

export const LAB_MODEL_ENTRIES: Record<string, Entry | 'constant'> = {
  // trainer/limits.ts (the conv front end and the VQ bottleneck)
  MLP_CONV_IMAGE_SIDE: 'constant',
  MLP_CONV_MAX_CHANNELS: 'constant',
  MLP_CONV_MAX_KERNEL: 'constant',
  MLP_CONV_MIN_KERNEL: 'constant',
  MLP_VQ_MAX_CODES: 'constant',
  MLP_VQ_MIN_CODES: 'constant',
  // trainer/augmentDigits.ts
  augmentDigitBatch: {
    args: args(imagesish, augmentish, seed),
    then: (out, a) => {
      const r = out as { images: number[][]; draws: { angle: number; dx: number; dy: number }[] };
      const n = (a[0] as unknown[]).length;
      expect(r.images).toHaveLength(n);
      expect(r.draws).toHaveLength(n);
      expect(r.images.every((img) => img.length === 64 && inUnit(img))).toBe(true);
      const aug = (a[1] ?? {}) as { shift?: number; rotate?: number };
      const shift = aug.shift ?? 0;
      const rotate = aug.rotate ?? 0;
      for (const d of r.draws) {
        expect(Number.isInteger(d.dx) && Number.isInteger(d.dy) && Math.abs(d.dx) <= shift && Math.abs(d.dy) <= shift).toBe(true);
        expect(Math.abs(d.angle)).toBeLessThanOrEqual(rotate);
      }
    },
  },
  // mlpInit.ts (the conv and codebook starting points)
  convSeed: { args: args(seed), then: (out, a) => expect(isUint32(out) && out !== a[0]).toBe(true) },
  codebookSeed: { args: args(seed), then: (out, a) => expect(isUint32(out) && out !== a[0]).toBe(true) },
  initConv: {
    args: args(mostly(1, 16), mostly(2, 5), seed),
    then: (out, a) => {
      const { weight, bias } = out as { weight: number[][][][]; bias: number[] };
      const c = a[0] as number;
      const k = a[1] as number;
      const bound = 1 / k; // 1/√(fan_in), fan_in = k² (one input channel)
      expect(weight).toHaveLength(c);
      expect(bias).toHaveLength(c);
      expect(weight.every((ch) => ch.length === 1 && ch[0]!.length === k && ch[0]!.every((row) => row.length === k && row.every((v) => Math.abs(v) <= bound)))).toBe(true);
      expect(bias.every((v) => Math.abs(v) <= bound)).toBe(true);
    },
  },
  initCodebook: {
    args: args(
      fc.oneof({ weight: 12, arbitrary: mostly(2, 8) }, { weight: 1, arbitrary: fc.constantFrom(256, 257) }),
      fc.oneof({ weight: 12, arbitrary: mostly(1, 8) }, { weight: 1, arbitrary: fc.constantFrom(1024, 1025) }),
      seed,
      // the optional range: absent (VQ-VAE's ±1/K), the lab's [0, 1], or something hostile
      fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constant([0, 1]) }, { weight: 1, arbitrary: fc.oneof(hAny, hVec(2), hVec(3)) }),
    ),
    then: (out, a) => {
      const cb = out as number[][];
      const k = a[0] as number;
      const d = a[1] as number;
      const range = a[3] as [number, number] | undefined;
      const [lo, hi] = range ?? [-1 / k, 1 / k];
      expect(cb).toHaveLength(k);
      expect(cb.every((code) => code.length === d && code.every((v) => v >= lo && v <= hi))).toBe(true);
    },
  },
  // lab/setting.ts
  convFeatures: {
    args: args(fc.oneof(
      { weight: 6, arbitrary: fc.record({ channels: fc.integer({ min: 1, max: 16 }), kernel: fc.integer({ min: 2, max: 5 }) }) },
      { weight: 3, arbitrary: hOpts({ channels: mostly(1, 16), kernel: mostly(2, 5) }) },
      { weight: 1, arbitrary: fc.oneof(hAny, hVec(2)) },
    )),
    then: (out, a) => {
      const { channels, kernel } = a[0] as { channels: number; kernel: number };
      expect(out).toBe(channels * (9 - kernel) ** 2);
      expect(out as number).toBeGreaterThan(0);
    },
  },
  labParameterCount: {
    args: args(settingish),
    then: (out, a) => {
      const s = checkLabSetting(a[0] as LabSettingInput);
      const sizes = labSizes(s);
      let want = 0;
      for (let l = 1; l < sizes.length; l++) want += sizes[l]! * (sizes[l - 1]! + 1) + (s.batchNorm && l < sizes.length - 1 ? 2 * sizes[l]! : 0);
      if (s.conv) want += s.conv.channels * (s.conv.kernel ** 2 + 1);
      if (s.vq) want += s.vq.codes * s.vq.dim;
      expect(out).toBe(want);
    },
  },
  // lab/run.ts
  labInit: {
    args: args(settingish, seed),
    then: (out, a) => {
      const init = out as MLPLayers;
      const s = checkLabSetting(a[0] as LabSettingInput);
      const sizes = labSizes(s);
      expect(init.weights).toHaveLength(sizes.length - 1);
      init.weights.forEach((w, l) => expect(w.length === sizes[l + 1] && w.every((row) => row.length === sizes[l])).toBe(true));
      // The conv and the codebook are there exactly when the setting asks for them.
      expect(init.conv !== undefined).toBe(s.conv !== null);
      expect(init.codebook !== undefined).toBe(s.vq !== null);
      if (s.conv) expect(init.conv!.weight.length === s.conv.channels && init.conv!.weight[0]![0]!.length === s.conv.kernel).toBe(true);
      if (s.vq) expect(init.codebook!.length === s.vq.codes && init.codebook!.every((c) => c.length === s.vq!.dim)).toBe(true);
    },
  },
  // lab/sweep.ts
  SWEEP_LIMITS: 'constant',
  LAB_CODEBOOK_RANGE: 'constant',
  SWEEP_PARAMS: 'constant',
  runSweep: {
    args: args(splitish, sweepSettingish, paramish, valuesish, seedsish, fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constant(() => undefined) }, { weight: 1, arbitrary: wrongType })),
    then: (out, a) => {
      const r = out as SweepResult;
      const values = a[3] as number[];
      const seeds = a[4] as number[];
      expect(r.points).toHaveLength(values.length);
      for (const q of r.points) {
        for (const xs of [q.trainAccuracies, q.validationAccuracies, q.testAccuracies]) {
          expect(xs).toHaveLength(seeds.length);
          expect(inUnit(xs)).toBe(true);
        }
      }
      const best = Math.max(...r.points.map((q) => q.validationAccuracy.mean));
      expect(r.picked.index).toBe(r.points.findIndex((q) => q.validationAccuracy.mean === best));
      expect(r.bestTest.testAccuracy.mean).toBeGreaterThanOrEqual(r.picked.testAccuracy.mean);
    },
  },
  sweepWork: {
    args: args(sweepSettingish, paramish, valuesish, hOpts({ train: mostly(1, 1000), validation: mostly(1, 600), seeds: mostly(1, 10) })),
    then: (out) => expect(out as number).toBeGreaterThan(0),
  },
};
