/**
 * Hostile-input entries (issue #6) for the "Does it help?" lab: src/lib/lab/ (setting.ts, data.ts,
 * metrics.ts, run.ts, summary.ts). Same shape as the entries of TABLE in hostile.lib.property.test.ts,
 * kept apart so it can be merged there with `...LAB_ENTRIES` once src/lib/index.ts exports './lab'.
 * Settings are small and well formed most of the time (so runLab really trains, on a few real digits,
 * in milliseconds), then often have one field replaced by NaN, ±Infinity, −0, huge numbers or values
 * of the wrong type; results and splits are real ones with one part broken.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import digitsJson from '../../public/data/digits.json';
import { parseDigits } from '../../src/lib/digits';
import { checkLabSetting, labSplit, runLab, type LabResult, type LabSetting, type LabSettingInput } from '../../src/lib/lab';
import { hAny, hMat, hNum, hOpts, hScalar, hVec, wrongType } from './hostile';

interface Entry {
  args: fc.Arbitrary<unknown[]>;
  then?: (out: unknown, args: unknown[]) => void;
  message?: RegExp;
  rawStrings?: boolean;
  async?: boolean;
}

const args = (...a: fc.Arbitrary<unknown>[]) => fc.tuple(...a) as fc.Arbitrary<unknown[]>;
const parsed = parseDigits(digitsJson);
const full = labSplit(parsed, 50);
const slice = (d: { x: number[][]; y: number[] }, n: number) => ({ x: d.x.slice(0, n), y: d.y.slice(0, n) });
/** A few real images per set: training really runs, in a millisecond. */
export const tinySplit = { train: slice(full.train, 8), validation: slice(full.validation, 5), test: slice(full.test, 5) };

const size = (min: number, max: number) =>
  hScalar(fc.oneof(fc.integer({ min, max }), fc.constantFrom(min - 1, max + 1, 0, 2 ** 31, 2 ** 53, 1e20)));

const unit = fc.double({ min: 0, max: 1, noNaN: true });
/** Mostly null (off), sometimes a small valid value. */
const mostlyNull = <T>(a: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: a });
const divisors = (w: number) => Array.from({ length: w }, (_, i) => i + 1).filter((d) => w % d === 0);
/**
 * A well-formed small setting (64 → ≤ 3 hidden layers of ≤ 5 → 10, ≤ 3 epochs); augment, conv and vq
 * mostly null (sometimes left out), sometimes small: a conv front end (1–2 channels) keeps at most 2
 * hidden layers (its baseline adds one), a VQ dim divides the last hidden width.
 */
export const goodSetting: fc.Arbitrary<LabSettingInput> = fc
  .record({
    hidden: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }),
    epochs: fc.integer({ min: 1, max: 3 }),
    batchSize: fc.integer({ min: 1, max: 10 }),
    lr: fc.oneof(fc.double({ min: 1e-5, max: 0.5, noNaN: true }), fc.constantFrom(1e-5, 1)),
    optimizer: fc.constantFrom('sgd', 'adam', 'adamw') as fc.Arbitrary<LabSetting['optimizer']>,
    momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
    l2: fc.constantFrom(0, 0.001, 0.1),
    l1: fc.constantFrom(0, 0.001, 0.1),
    weightDecay: fc.constantFrom(0, 0.01, 1),
    dropout: fc.double({ min: 0, max: 0.9, noNaN: true }),
    labelSmoothing: unit,
    batchNorm: fc.boolean(),
    earlyStopping: fc.option(fc.record({ patience: fc.integer({ min: 0, max: 2 }) }), { nil: null }),
    fgsm: fc.option(fc.record({ eps: unit, alpha: unit }), { nil: null }),
    augment: mostlyNull(fc.record({ shift: fc.integer({ min: 0, max: 1 }), rotate: fc.double({ min: 0, max: 10, noNaN: true }), noise: fc.double({ min: 0, max: 0.1, noNaN: true }) })),
    conv: mostlyNull(fc.record({ channels: fc.integer({ min: 1, max: 2 }), kernel: fc.oneof({ weight: 3, arbitrary: fc.constant(3) }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 5 }) }) })),
    vq: mostlyNull(fc.record({ dimIndex: fc.nat(), codes: fc.integer({ min: 2, max: 4 }), beta: fc.constantFrom(0.25, 0, 1) })),
    omit: fc.subarray(['augment', 'conv', 'vq'] as const),
  })
  .map(({ vq, omit, ...s }) => {
    const hidden = s.conv === null ? s.hidden : s.hidden.slice(0, 2);
    const ds = divisors(hidden[hidden.length - 1]!);
    const out: Record<string, unknown> = {
      ...s,
      hidden,
      momentum: s.optimizer === 'sgd' ? s.momentum : 0,
      vq: vq === null ? null : { dim: ds[vq.dimIndex % ds.length]!, codes: vq.codes, beta: vq.beta },
    };
    // Left out = null (off), as LabSettingInput allows.
    for (const k of omit) if (out[k] === null) delete out[k];
    return out as unknown as LabSettingInput;
  });

const FIELDS = ['hidden', 'epochs', 'batchSize', 'lr', 'optimizer', 'momentum', 'l2', 'l1', 'weightDecay', 'dropout', 'labelSmoothing', 'batchNorm', 'earlyStopping', 'fgsm', 'augment', 'conv', 'vq'] as const;

/** augment, conv or vq made hostile: NaN and friends inside, wrong types, a dim that does not divide, a conv with 3 hidden layers. */
const hostileModelPart: fc.Arbitrary<[string, unknown, number[] | null]> = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.tuple(
      fc.constantFrom('augment', 'conv', 'vq'),
      fc.oneof(
        hAny,
        hVec(3),
        hOpts({
          shift: hScalar(fc.integer({ min: -1, max: 3 })), rotate: hScalar(fc.constantFrom(0, 10, 30, 31, -1)), noise: hScalar(fc.constantFrom(0, 0.1, 0.5, 0.51)),
          channels: hScalar(fc.integer({ min: 0, max: 17 })), kernel: hScalar(fc.integer({ min: 1, max: 6 })),
          dim: hScalar(fc.integer({ min: 0, max: 6 })), codes: hScalar(fc.constantFrom(1, 2, 3, 256, 257)), beta: hScalar(fc.constantFrom(0, 0.25, 2, 2.01)),
        }),
      ),
      fc.constant(null),
    ),
  },
  // Well-typed but inconsistent with the widths: a dim not dividing the last width, a conv with 3 hidden layers.
  { weight: 1, arbitrary: fc.constantFrom<[string, unknown, number[] | null]>(['vq', { dim: 2, codes: 2, beta: 0.25 }, [3]], ['vq', { dim: 4, codes: 2, beta: 0.25 }, [2, 6]], ['vq', { dim: 6, codes: 2, beta: 0.25 }, [5]], ['conv', { channels: 1, kernel: 3 }, [2, 2, 2]]) },
);

/** A good setting, often with one field hostile; sometimes not a setting at all. */
export const settingish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: goodSetting },
  {
    weight: 5,
    arbitrary: fc
      .tuple(goodSetting, fc.constantFrom(...FIELDS), fc.oneof(hAny, hVec(4), fc.constantFrom('rmsprop', 'SGD', '', 300, 301, 257, 0.95, 2, -1), hOpts({ patience: hScalar(), eps: hScalar(), alpha: hScalar() })))
      .map(([s, key, bad]) => ({ ...s, [key]: bad })),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(goodSetting, hostileModelPart).map(([s, [key, bad, hidden]]) => ({ ...s, ...(hidden ? { hidden } : {}), [key]: bad })),
  },
  { weight: 1, arbitrary: wrongType },
);

const seedsish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 2, maxLength: 3 }) },
  { weight: 1, arbitrary: fc.constantFrom([0], [1, 1], [0, 2 ** 32], [0, -1], [0, 1.5], Array.from({ length: 11 }, (_, i) => i)) },
  { weight: 1, arbitrary: hVec(4) },
);

/** The tiny real split, or one with a set replaced by something hostile. */
const splitish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 8, arbitrary: fc.constant(tinySplit) },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('train', 'validation', 'test'), fc.oneof(hAny, hOpts({ x: fc.oneof(hMat(3, 64), hMat(2, 3)), y: hVec(3) }), fc.constant({ x: [], y: [] })))
      .map(([key, bad]) => ({ ...tinySplit, [key]: bad })),
  },
  { weight: 1, arbitrary: wrongType },
);

/** A real result of the tiny split (two seeds), or one with a run, a curve, a number or the seeds broken. */
const real: LabResult = runLab(tinySplit, { hidden: [3], epochs: 2, batchSize: 4, lr: 0.1, optimizer: 'sgd', momentum: 0, l2: 0, l1: 0, weightDecay: 0, dropout: 0.2, labelSmoothing: 0, batchNorm: false, earlyStopping: null, fgsm: null }, [0, 1]);
const resultish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(real) },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.constantFrom('baseline', 'setting'), fc.integer({ min: 0, max: 1 }), fc.constantFrom('trainingAccuracies', 'validationLosses', 'final', 'seed', 'epochsRun', 'probes'), fc.oneof(hAny, hVec(3), hOpts({ testAccuracy: hScalar(), ece: hScalar() })))
      .map(([arm, i, key, bad]) => {
        const runs = { ...real.runs, [arm]: real.runs[arm as 'baseline'].map((r, j) => (j === i ? { ...r, [key]: bad } : r)) };
        return { ...real, runs };
      }),
  },
  { weight: 2, arbitrary: fc.tuple(fc.constantFrom('runs', 'seeds'), fc.oneof(hAny, hVec(3), fc.constant({ baseline: [] }))).map(([key, bad]) => ({ ...real, [key]: bad })) },
  { weight: 1, arbitrary: wrongType },
);

const logitsCase = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.integer({ min: 1, max: 4 }).chain((k) =>
      fc.integer({ min: 1, max: 6 }).chain((n) =>
        fc.tuple(
          fc.array(fc.array(fc.oneof({ weight: 20, arbitrary: fc.double({ min: -50, max: 50, noNaN: true }) }, { weight: 1, arbitrary: hNum }), { minLength: k, maxLength: k }), { minLength: n, maxLength: n }),
          fc.array(fc.oneof({ weight: 20, arbitrary: fc.integer({ min: 0, max: k - 1 }) }, { weight: 1, arbitrary: hAny }), { minLength: n, maxLength: n }),
        ),
      ),
    ),
  },
  { weight: 1, arbitrary: fc.tuple(hMat(4, 4), hVec(5)) },
) as fc.Arbitrary<unknown[]>;

export const LAB_ENTRIES: Record<string, Entry | 'constant'> = {
  // lab/setting.ts
  LAB_LIMITS: 'constant',
  LAB_MAX_WORK: 'constant',
  checkLabSetting: { args: args(settingish), then: (out) => expect((out as LabSetting).hidden.length).toBeGreaterThanOrEqual(1) },
  baselineOf: {
    args: args(settingish),
    then: (out, a) => {
      const b = out as LabSetting;
      expect(b.dropout === 0 && b.l1 === 0 && b.l2 === 0 && b.fgsm === null && b.earlyStopping === null && !b.batchNorm).toBe(true);
      expect(b.augment === null && b.conv === null && b.vq === null).toBe(true);
      // With a conv front end, a dense layer of its output size takes its place.
      const s = checkLabSetting(a[0] as LabSettingInput);
      expect(b.hidden).toEqual(s.conv === null ? s.hidden : [s.conv.channels * (9 - s.conv.kernel) ** 2, ...s.hidden]);
    },
  },
  isBaseline: { args: args(settingish), then: (out) => expect(typeof out).toBe('boolean') },
  labSizes: {
    args: args(settingish),
    then: (out, a) => {
      const conv = checkLabSetting(a[0] as LabSettingInput).conv;
      expect((out as number[])[0]).toBe(conv === null ? 64 : conv.channels * (9 - conv.kernel) ** 2);
      expect((out as number[]).at(-1)).toBe(10);
    },
  },
  labWork: {
    args: args(settingish, hOpts({ train: size(1, 1000), validation: size(1, 600), seeds: size(1, 10) })),
    then: (out) => expect(out as number).toBeGreaterThan(0),
  },
  trainOptionsOf: { args: args(settingish), then: (out) => expect((out as { evaluateTraining: boolean }).evaluateTraining).toBe(true) },
  // lab/data.ts
  LAB_TEST: 'constant',
  LAB_VALIDATION: 'constant',
  LAB_TRAIN_RANGE: 'constant',
  labSplit: {
    args: args(fc.oneof({ weight: 6, arbitrary: fc.constant(parsed) }, { weight: 1, arbitrary: hOpts({ x: hMat(3, 64), y: hVec(3) }) }), size(50, 1000)),
    then: (out) => {
      const s = out as { validation: { x: unknown[] }; test: { x: unknown[] } };
      expect(s.validation.x.length).toBe(297);
      expect(s.test.x.length).toBe(500);
    },
  },
  // lab/metrics.ts
  ECE_BINS: 'constant',
  NEAR_ZERO: 'constant',
  meanSd: { args: args(hVec(8)), then: (out) => expect((out as { sd: number }).sd).toBeGreaterThanOrEqual(0) },
  expectedCalibrationError: {
    args: logitsCase,
    then: (out) => {
      expect(out as number).toBeGreaterThanOrEqual(0);
      expect(out as number).toBeLessThanOrEqual(1);
    },
  },
  WEIGHT_EDGES: 'constant',
  calibrationBins: {
    args: logitsCase,
    then: (out, a) => {
      const b = out as { count: number[]; confidence: number[]; correct: number[] };
      expect(b.count.reduce((x, y) => x + y, 0)).toBe((a[0] as unknown[]).length);
      b.correct.forEach((c, i) => expect(c).toBeLessThanOrEqual(b.count[i]!));
    },
  },
  checkCalibrationBins: {
    args: fc.tuple(fc.constant('bins'), fc.oneof(hAny, hOpts({ count: hVec(10), confidence: hVec(10), correct: hVec(10) }))),
    then: (out) => expect((out as { count: number[] }).count.length).toBe(10),
  },
  calibrationError: {
    // bins from real logits, or one of their arrays replaced by something hostile
    args: args(fc.oneof(
      { weight: 3, arbitrary: fc.constant({ count: [1, 0, 0, 0, 0, 0, 0, 0, 0, 1], confidence: [0.05, 0, 0, 0, 0, 0, 0, 0, 0, 0.95], correct: [0, 0, 0, 0, 0, 0, 0, 0, 0, 1] }) },
      { weight: 1, arbitrary: hOpts({ count: hVec(10), confidence: hVec(10), correct: hVec(10) }) },
    )),
    then: (out) => {
      expect(out as number).toBeGreaterThanOrEqual(0);
      expect(out as number).toBeLessThanOrEqual(1);
    },
  },
  weightMagnitudeCounts: {
    args: args(fc.oneof(fc.array(hMat(3, 3, fc.oneof(hNum, fc.constantFrom(0, 1e-4, -1e-4))), { maxLength: 3 }), wrongType)),
    then: (out) => expect((out as number[]).length).toBe(6),
  },
  nearZeroShare: {
    args: args(fc.oneof(fc.array(hMat(3, 3, fc.oneof(hNum, fc.constantFrom(0, 1e-4, -1e-4))), { maxLength: 3 }), wrongType)),
    then: (out) => {
      expect(out as number).toBeGreaterThanOrEqual(0);
      expect(out as number).toBeLessThanOrEqual(1);
    },
  },
  // lab/run.ts
  checkSeeds: { args: args(seedsish), then: (out) => expect(new Set(out as number[]).size).toBe((out as number[]).length) },
  runLab: {
    args: args(splitish, settingish, seedsish, fc.oneof({ weight: 6, arbitrary: fc.constant(undefined) }, { weight: 2, arbitrary: fc.constant(() => undefined) }, { weight: 1, arbitrary: wrongType })),
    then: (out, a) => {
      const r = out as LabResult;
      expect(r.runs.baseline.length).toBe((a[2] as number[]).length);
      expect(r.runs.setting.length).toBe(r.runs.baseline.length);
      for (const run of r.runs.setting) expect(run.final.testAccuracy).toBeGreaterThanOrEqual(0);
    },
  },
  LAB_ATTACK_EPS: 'constant',
  LAB_SAMPLE_COUNT: 'constant',
  labSamples: {
    args: args(settingish, splitish, fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), hScalar())),
    then: (out) => {
      if (out === null) return;
      const s = out as { indices: number[]; augmented: number[][] };
      expect(s.augmented.length).toBe(s.indices.length);
    },
  },
  // lab/summary.ts
  LAB_SPREAD_FACTOR: 'constant',
  pairedDecision: {
    args: args(hVec(6)),
    then: (out) => {
      const d = out as { threshold: number; sd: number; wins: number; losses: number; ties: number; perSeed: number[] };
      expect(d.threshold).toBe(2 * d.sd);
      expect(d.wins + d.losses + d.ties).toBe(d.perSeed.length);
    },
  },
  summarizeLab: {
    args: args(resultish),
    then: (out) => expect((out as { difference: { perSeed: number[] } }).difference.perSeed.length).toBe(2),
  },
};
