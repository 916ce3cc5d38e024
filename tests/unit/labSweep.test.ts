/**
 * src/lib/lab's runSweep: every value's runs are exactly runLab's runs at that strength (the value 0
 * row is runLab's baseline, a value row is runLab's setting at that value), the pick is the argmax of
 * the mean validation accuracy (the smallest value on ties), the work bound and every bad input are
 * refused with named errors, and progress only goes forward.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import digitsJson from '../../public/data/digits.json';
import { parseDigits } from '../../src/lib/digits';
import {
  LAB_MAX_WORK, LAB_VALIDATION, SWEEP_LIMITS, SWEEP_PARAMS, baselineOf, labSplit, labWork, meanSd, runLab, runSweep, sweepWork,
  type LabSetting, type SweepParam, type SweepProgress,
} from '../../src/lib/lab';
import { hAny, hOpts, hScalar, hVec, obeys, wrongType } from './hostile';

const data = parseDigits(digitsJson);
const split = labSplit(data, 50);

/** A small, fast setting (64 → 8 → 10, 3 epochs). */
const small = (over: Partial<LabSetting> = {}): LabSetting => ({
  hidden: [8], epochs: 3, batchSize: 16, lr: 0.01, optimizer: 'adam', momentum: 0,
  l2: 0, l1: 0, weightDecay: 0, dropout: 0, labelSmoothing: 0, batchNorm: false, earlyStopping: null, fgsm: null,
  augment: null, conv: null, vq: null,
  ...over,
});

/** The setting with `param` at `v`, as runLab would be asked for it. */
const at = (s: LabSetting, param: SweepParam, v: number): LabSetting =>
  param === 'fgsmEps' ? { ...s, fgsm: v === 0 ? null : { eps: v, alpha: s.fgsm?.alpha ?? 0.5 } } : { ...s, [param]: v };

const VALUES: Record<SweepParam, number[]> = {
  l2: [0, 0.001, 0.01], l1: [0, 0.0001, 0.001], weightDecay: [0, 0.01, 0.1],
  dropout: [0, 0.2, 0.5], labelSmoothing: [0, 0.1, 0.3], fgsmEps: [0, 0.05, 0.2],
};

describe('runSweep', () => {
  it('every parameter: the value 0 row is runLab’s baseline and each value row is runLab’s setting at that value, seed by seed', () => {
    const seeds = [2, 5];
    for (const param of SWEEP_PARAMS) {
      const s = small();
      const r = runSweep(split, s, param, VALUES[param], seeds);
      expect(r.param).toBe(param);
      expect(r.values).toEqual(VALUES[param]);
      expect(r.seeds).toEqual(seeds);
      expect(r.sizes).toEqual({ train: 50, validation: LAB_VALIDATION, test: 500 });
      expect(r.points).toHaveLength(3);
      for (const [i, v] of VALUES[param].entries()) {
        const lab = runLab(split, at(s, param, v), seeds);
        const arm = v === 0 ? lab.runs.baseline : lab.runs.setting;
        const q = r.points[i]!;
        expect(q.value).toBe(v);
        expect(q.setting).toEqual(v === 0 ? baselineOf(s) : lab.setting);
        expect(q.testAccuracies, `${param} = ${v}`).toEqual(arm.map((x) => x.final.testAccuracy));
        expect(q.validationAccuracies).toEqual(arm.map((x) => x.final.validationAccuracy));
        expect(q.trainAccuracies).toEqual(arm.map((x) => x.final.trainAccuracy));
        expect(q.testAccuracy).toEqual(meanSd(q.testAccuracies));
        expect(q.validationAccuracy).toEqual(meanSd(q.validationAccuracies));
        expect(q.trainAccuracy).toEqual(meanSd(q.trainAccuracies));
        if (v === 0) expect(q.testAccuracies).toEqual(lab.runs.baseline.map((x) => x.final.testAccuracy));
      }
    }
  });

  it('the other fields of the setting are kept; FGSM keeps its α (or 0.5) and ε = 0 switches it off', () => {
    const s = small({ dropout: 0.2, fgsm: { eps: 0.3, alpha: 0.7 } });
    const r = runSweep(split, s, 'fgsmEps', [0, 0.1], [0, 1]);
    expect(r.points[0]!.setting.fgsm).toBeNull();
    expect(r.points[1]!.setting.fgsm).toEqual({ eps: 0.1, alpha: 0.7 });
    expect(r.points[1]!.setting.dropout).toBe(0.2);
    expect(r.setting).toEqual(s);
    const lab = runLab(split, { ...s, fgsm: { eps: 0.1, alpha: 0.7 } }, [0, 1]);
    expect(r.points[1]!.testAccuracies).toEqual(lab.runs.setting.map((x) => x.final.testAccuracy));
    expect(runSweep(split, small(), 'fgsmEps', [0, 0.1], [0, 1]).points[1]!.setting.fgsm).toEqual({ eps: 0.1, alpha: 0.5 });
    // The swept field's own value in the setting does not matter.
    const a = runSweep(split, small({ labelSmoothing: 0.9 }), 'labelSmoothing', [0, 0.1], [0, 1]);
    const b = runSweep(split, small(), 'labelSmoothing', [0, 0.1], [0, 1]);
    expect(a.points).toEqual(b.points);
  });

  it('picked is the argmax of the mean validation accuracy (smallest value on ties); bestTest the argmax of the test accuracy', () => {
    const r = runSweep(split, small(), 'labelSmoothing', [0, 0.05, 0.1, 0.2, 0.4, 0.8], [0, 1, 2]);
    const val = r.points.map((q) => q.validationAccuracy.mean);
    const test = r.points.map((q) => q.testAccuracy.mean);
    const first = (xs: number[]) => xs.indexOf(Math.max(...xs));
    expect(r.picked.index).toBe(first(val));
    expect(r.picked.value).toBe(r.values[first(val)]);
    expect(r.picked.validationAccuracy).toEqual(r.points[first(val)]!.validationAccuracy);
    expect(r.picked.testAccuracy).toEqual(r.points[first(val)]!.testAccuracy);
    expect(r.bestTest.index).toBe(first(test));
    expect(r.bestTest.testAccuracy.mean).toBe(Math.max(...test));
    // Strengths too small to change a single prediction: every value ties, and the smallest is picked.
    const tie = runSweep(split, small(), 'l2', [0, 1e-12, 2e-12], [0, 1]);
    expect(new Set(tie.points.map((q) => q.validationAccuracy.mean)).size).toBe(1);
    expect(tie.picked).toMatchObject({ index: 0, value: 0 });
    expect(tie.bestTest).toMatchObject({ index: 0, value: 0 });
  });

  it('progress goes forward, epoch by epoch, from 0 to values × seeds × epochs', () => {
    const seen: SweepProgress[] = [];
    const r = runSweep(split, small({ epochs: 2 }), 'dropout', [0, 0.3, 0.6], [4, 9], (p) => seen.push(p));
    const total = 3 * 2 * 2;
    expect(seen[0]).toMatchObject({ done: 0, total, point: 1, points: 3, value: 0, run: 1, runs: 6, seed: 4, epoch: 0, epochs: 2 });
    expect(seen.at(-1)).toMatchObject({ done: total, total, point: 3, value: 0.6, run: 6, seed: 9 });
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
      expect(seen[i]!.run).toBeGreaterThanOrEqual(seen[i - 1]!.run);
      expect(seen[i]!.point).toBeGreaterThanOrEqual(seen[i - 1]!.point);
      expect(seen[i]!.total).toBe(total);
    }
    expect(new Set(seen.map((p) => p.run))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    expect(r.points).toHaveLength(3);
  });

  it('sweepWork counts one run per seed and value, as labWork counts one arm', () => {
    const s = small();
    const sizes = { train: 50, validation: LAB_VALIDATION, seeds: 3 };
    // Label smoothing costs nothing extra: every value costs a baseline run (labWork's two arms / 2).
    expect(sweepWork(s, 'labelSmoothing', [0, 0.1, 0.2, 0.3], sizes)).toBe(4 * (labWork(s, sizes) / 2));
    // FGSM at 0 and at ε: exactly the lab's baseline + setting.
    expect(sweepWork(s, 'fgsmEps', [0, 0.1], sizes)).toBe(labWork({ ...s, fgsm: { eps: 0.1, alpha: 0.5 } }, sizes));
    // The lab's defaults over 12 values, 10 seeds and 1,000 training images: each run is fine, the sweep is too much.
    const lab = small({ hidden: [128], epochs: 40, batchSize: 32, lr: 0.003 });
    const values = Array.from({ length: 12 }, (_, i) => i / 20);
    expect(() => labWork(lab, { train: 1000, validation: LAB_VALIDATION, seeds: 1 })).not.toThrow();
    expect(() => sweepWork(lab, 'labelSmoothing', values, { train: 1000, validation: LAB_VALIDATION, seeds: 10 }))
      .toThrow(new RegExp(`^the sweep's work .* must be ≤ ${LAB_MAX_WORK} .*received 1\\.\\d+e\\+11`));
    expect(() => runSweep(labSplit(data, 1000), lab, 'labelSmoothing', values, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9])).toThrow(/the sweep's work/);
    // The lab's defaults (6 values, 5 seeds, 50 images) fit.
    expect(sweepWork(lab, 'labelSmoothing', [0, 0.05, 0.1, 0.2, 0.3, 0.5], { train: 50, validation: LAB_VALIDATION, seeds: 5 })).toBeLessThan(LAB_MAX_WORK);
    // One run over the trainer's limit is the lab's message.
    expect(() => sweepWork(small({ hidden: [256, 256, 256], epochs: 300 }), 'l2', [0, 0.01], { train: 1000, validation: LAB_VALIDATION, seeds: 2 }))
      .toThrow(/^the work of one run/);
    expect(() => sweepWork(s, 'l2', [0, 0.01], null as never)).toThrow(/^sizes must be an object/);
    expect(() => sweepWork(s, 'l2', [0, 0.01], { ...sizes, seeds: 11 })).toThrow(/^seeds must be an integer in \[1, 10\]; received 11/);
  });

  it('refuses bad input with named errors, before any training', () => {
    const s = small();
    const ok = [0, 0.1];
    const seeds = [0, 1];
    const cases: [() => unknown, ErrorConstructor, RegExp][] = [
      [() => runSweep(split, s, 'batchNorm' as never, ok, seeds), TypeError, /^param must be one of "l2", "l1", "weightDecay", "dropout", "labelSmoothing", "fgsmEps"; received "batchNorm"/],
      [() => runSweep(split, s, 3 as never, ok, seeds), TypeError, /^param must be one of .*; received 3/],
      [() => runSweep(split, s, 'l2', 'abc' as never, seeds), TypeError, /^values must be an array of numbers; received "abc"/],
      [() => runSweep(split, s, 'l2', [0], seeds), RangeError, /^values must have 2 to 12 entries; received length 1/],
      [() => runSweep(split, s, 'l2', Array.from({ length: 13 }, (_, i) => i / 1000), seeds), RangeError, /^values must have 2 to 12 entries; received length 13/],
      [() => runSweep(split, s, 'l2', [0, 0.2], seeds), RangeError, /^values\[1\] must be in \[0, 0.1\]; received 0.2/],
      [() => runSweep(split, s, 'dropout', [0, 0.95], seeds), RangeError, /^values\[1\] must be in \[0, 0.9\]; received 0.95/],
      [() => runSweep(split, s, 'labelSmoothing', [-0.1, 0.5], seeds), RangeError, /^values\[0\] must be in \[0, 1\]; received −?-?0.1/],
      [() => runSweep(split, s, 'l2', [0, Number.NaN], seeds), TypeError, /^values\[1\] must be a finite number; received NaN/],
      [() => runSweep(split, s, 'l2', [0.01, 0], seeds), RangeError, /^values must be distinct and ascending; received values\[1\] = 0 after values\[0\] = 0.01/],
      [() => runSweep(split, s, 'l2', [0, 0.01, 0.01], seeds), RangeError, /^values must be distinct and ascending; received values\[2\] = 0.01 after values\[1\] = 0.01/],
      [() => runSweep(split, s, 'l2', ok, [0]), RangeError, /^seeds must have 2 to 10 entries/],
      [() => runSweep(split, s, 'l2', ok, [1, 1]), RangeError, /^seeds must be distinct/],
      [() => runSweep(split, { ...s, epochs: 0 }, 'l2', ok, seeds), RangeError, /^epochs must be an integer in \[1, 300\]/],
      [() => runSweep(split, null as never, 'l2', ok, seeds), TypeError, /^setting must be an object/],
      [() => runSweep(split, s, 'l2', ok, seeds, 5 as never), TypeError, /^onProgress must be a function or undefined; received 5/],
      [() => runSweep(null as never, s, 'l2', ok, seeds), TypeError, /^split must be an object/],
      [() => runSweep({ ...split, test: { x: [], y: [] } }, s, 'l2', ok, seeds), RangeError, /^test.x must have at least 1 row/],
    ];
    for (const [f, kind, message] of cases) {
      let thrown: unknown;
      try {
        f();
      } catch (e) {
        thrown = e;
      }
      expect(thrown, String(message)).toBeInstanceOf(kind);
      expect((thrown as Error).message).toMatch(message);
    }
    expect(SWEEP_LIMITS.max).toEqual({ l2: 0.1, l1: 0.1, weightDecay: 1, dropout: 0.9, labelSmoothing: 1, fgsmEps: 1 });
    expect(Object.isFrozen(SWEEP_PARAMS)).toBe(true);
  });
});

describe('hostile input (the contract of tests/unit/hostile.ts: a named RangeError/TypeError, or a well-formed result)', () => {
  const slice = (d: { x: number[][]; y: number[] }, n: number) => ({ x: d.x.slice(0, n), y: d.y.slice(0, n) });
  /** A few real images per set: a sweep really trains, in a millisecond. */
  const tinySplit = { train: slice(split.train, 8), validation: slice(split.validation, 5), test: slice(split.test, 5) };
  const goodSetting = fc.record({
    hidden: fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 2 }),
    epochs: fc.integer({ min: 1, max: 2 }),
    batchSize: fc.integer({ min: 1, max: 8 }),
    lr: fc.constantFrom(1e-5, 0.01, 1),
    dropout: fc.constantFrom(0, 0.5),
    fgsm: fc.option(fc.record({ eps: fc.constantFrom(0, 0.1), alpha: fc.constantFrom(0, 0.5, 1) }), { nil: null }),
  }).map((o) => small(o));
  const FIELDS = ['hidden', 'epochs', 'lr', 'optimizer', 'l2', 'dropout', 'fgsm', 'earlyStopping', 'augment'] as const;
  const settingish: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 6, arbitrary: goodSetting },
    { weight: 3, arbitrary: fc.tuple(goodSetting, fc.constantFrom(...FIELDS), fc.oneof(hAny, hVec(3), fc.constantFrom('rmsprop', 301, -1))).map(([s, k, bad]) => ({ ...s, [k]: bad })) },
    { weight: 1, arbitrary: wrongType },
  );
  const paramish: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...SWEEP_PARAMS) },
    { weight: 1, arbitrary: fc.oneof(hAny, fc.constantFrom('batchNorm', 'L2', '', 'fgsm')) },
  );
  const valuesish: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 6, arbitrary: fc.uniqueArray(fc.constantFrom(0, 1e-4, 0.01, 0.05, 0.1), { minLength: 2, maxLength: 3 }).map((v) => [...v].sort((a, b) => a - b)) },
    { weight: 2, arbitrary: hVec(4) },
    { weight: 1, arbitrary: fc.constantFrom([0], [0.1, 0], [0, 0], [0, 2], [0, -0], Array.from({ length: 13 }, (_, i) => i / 200)) },
  );
  const seedsish: fc.Arbitrary<unknown> = fc.oneof(
    { weight: 6, arbitrary: fc.uniqueArray(fc.integer({ min: 0, max: 2 ** 32 - 1 }), { minLength: 2, maxLength: 2 }) },
    { weight: 1, arbitrary: fc.oneof(hVec(3), fc.constantFrom([0], [1, 1], [0, 2 ** 32])) },
  );
  const size = (min: number, max: number) => hScalar(fc.oneof(fc.integer({ min, max }), fc.constantFrom(min - 1, max + 1, 0, 2 ** 53, 1e20)));

  it('runSweep', () => {
    fc.assert(
      fc.property(settingish, paramish, valuesish, seedsish, fc.oneof(fc.constant(undefined), fc.constant(() => undefined), wrongType), (s, p, v, seeds, cb) => {
        const out = obeys('runSweep', () => runSweep(tinySplit, s as never, p as never, v as never, seeds as never, cb as never));
        if (out === undefined) return;
        expect(out.points).toHaveLength((v as number[]).length);
        const best = Math.max(...out.points.map((q) => q.validationAccuracy.mean));
        expect(out.picked.validationAccuracy.mean).toBe(best);
        expect(out.points.findIndex((q) => q.validationAccuracy.mean === best)).toBe(out.picked.index);
        expect(out.bestTest.testAccuracy.mean).toBeGreaterThanOrEqual(out.picked.testAccuracy.mean);
      }),
      { numRuns: 150 },
    );
  });

  it('sweepWork', () => {
    fc.assert(
      fc.property(settingish, paramish, valuesish, hOpts({ train: size(1, 1000), validation: size(1, 600), seeds: size(1, 10) }), (s, p, v, sizes) => {
        const out = obeys('sweepWork', () => sweepWork(s as never, p as never, v as never, sizes as never));
        if (out !== undefined) expect(out).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
