/**
 * runSweep: the lab's strength sweep. One regularizer's strength takes 2 to 12 values; at each value
 * every seed trains once, from the same starting point runLab uses (initMLP(sizes, s),
 * epochOrders(n, epochs, s), the trainer's seed s — through the very same trainLabRun), and the run's
 * training, validation and test accuracies are recorded. Per value: the mean and sample sd over seeds
 * (meanSd, as summarizeLab reports them).
 *
 * Which value to use is decided on the VALIDATION set — `picked` is the value with the highest mean
 * validation accuracy (the first, i.e. smallest, on ties) — and only then is its test accuracy read.
 * `bestTest`, the value with the highest mean test accuracy, is reported only to show how far that
 * honest choice is from the oracle's, which nobody could make without looking at the test set.
 *
 * Why this shape: too little regularization overfits the small training set, too much underfits it,
 * so held-out accuracy over strength is usually an upside-down U; the sweep draws it, and the split
 * (297 validation images, 500 test images, both fixed) keeps the choice and the report apart.
 *
 * Bounded before any training: each value within its parameter's LAB_LIMITS bound, distinct and
 * ascending; each run within the trainer's limit (labWork); and the whole sweep — Σ over values of
 * seeds × epochs × samples × network size, one run per seed and value — within LAB_MAX_WORK.
 */
import { describe, inRange, integer, isArrayLike } from '../validate';
import { LAB_LIMITS, LAB_MAX_WORK, baselineOf, checkLabSetting, labWork, type LabSetting, type LabSettingInput } from './setting';
import { checkSeeds, labSplitSizes, trainLabRun, type LabSplit } from './run';
import { meanSd, type MeanSd } from './metrics';
import { paramRangeError, paramTypeError } from '../refusal';

/** The strengths a sweep can vary, in the order of the sweep cell's `swParam` (0 … 5). */
export const SWEEP_PARAMS = Object.freeze(['l2', 'l1', 'weightDecay', 'dropout', 'labelSmoothing', 'fgsmEps'] as const);
export type SweepParam = (typeof SWEEP_PARAMS)[number];

/** How many values a sweep takes, and each parameter's largest value (its LAB_LIMITS bound). */
export const SWEEP_LIMITS = Object.freeze({
  minValues: 2,
  maxValues: 12,
  max: Object.freeze({
    l2: LAB_LIMITS.maxPenalty,
    l1: LAB_LIMITS.maxPenalty,
    weightDecay: LAB_LIMITS.maxWeightDecay,
    dropout: LAB_LIMITS.maxDropout,
    labelSmoothing: 1,
    fgsmEps: LAB_LIMITS.maxFgsmEps,
  } satisfies Record<SweepParam, number>),
});

/** One value of the sweep: its setting and, per seed (in the order of `seeds`), the final accuracies. */
export interface SweepPoint {
  value: number;
  /** The setting trained at this value (the sweep's setting with the strength replaced). */
  setting: LabSetting;
  trainAccuracies: number[];
  validationAccuracies: number[];
  testAccuracies: number[];
  /** Mean and sample sd (n − 1) over seeds of the three lists above. */
  trainAccuracy: MeanSd;
  validationAccuracy: MeanSd;
  testAccuracy: MeanSd;
}

export interface SweepResult {
  param: SweepParam;
  /** The checked setting the sweep started from (its own value of `param` is replaced at every value). */
  setting: LabSetting;
  values: number[];
  seeds: number[];
  sizes: { train: number; validation: number; test: number };
  /** One point per value, in the order of `values`. */
  points: SweepPoint[];
  /** The value with the highest mean validation accuracy (the smallest on ties), and its accuracies. */
  picked: { index: number; value: number; validationAccuracy: MeanSd; testAccuracy: MeanSd };
  /** The value with the highest mean test accuracy (the smallest on ties): the oracle, for comparison only. */
  bestTest: { index: number; value: number; testAccuracy: MeanSd };
}

/** Where a sweep is: `done` of `total` epochs (a run that stops early counts its whole budget). */
export interface SweepProgress {
  done: number;
  total: number;
  /** 1-based index of the value being trained, of `points`. */
  point: number;
  points: number;
  value: number;
  /** 1-based index of the run in progress, of `runs` (= values × seeds). */
  run: number;
  runs: number;
  seed: number;
  epoch: number;
  epochs: number;
}

/** `param`, checked: one of SWEEP_PARAMS. */
function checkParam(param: unknown): SweepParam {
  if (typeof param !== 'string' || !(SWEEP_PARAMS as readonly string[]).includes(param)) {
    throw paramTypeError('param', `param must be one of ${SWEEP_PARAMS.map((p) => `"${p}"`).join(', ')}; received ${describe(param)}`);
  }
  return param as SweepParam;
}

/** `values`, checked: 2 to 12 finite numbers in [0, bound of `param`], distinct and ascending (a copy). */
function checkValues(param: SweepParam, values: readonly number[]): number[] {
  if (!isArrayLike(values)) throw paramTypeError('values', `values must be an array of numbers; received ${describe(values)}`);
  const { minValues, maxValues, max } = SWEEP_LIMITS;
  if (values.length < minValues || values.length > maxValues) {
    throw paramRangeError('values', `values must have ${minValues} to ${maxValues} entries; received length ${values.length}`);
  }
  const out = Array.from(values, (v, i) => inRange(`values[${i}]`, v, 0, max[param]) + 0);
  for (let i = 1; i < out.length; i++) {
    if (!(out[i]! > out[i - 1]!)) {
      throw paramRangeError('values', `values must be distinct and ascending; received values[${i}] = ${describe(out[i])} after values[${i - 1}] = ${describe(out[i - 1])}`);
    }
  }
  return out;
}

/** The checked `setting` with `param` set to `value` (FGSM ε: α kept, or 0.5; ε = 0 switches FGSM off). */
function withStrength(s: LabSetting, param: SweepParam, value: number): LabSetting {
  if (param === 'fgsmEps') return { ...s, fgsm: value === 0 ? null : { eps: value, alpha: s.fgsm?.alpha ?? 0.5 } };
  return { ...s, [param]: value };
}

/**
 * The work of a sweep: Σ over values of seeds × epochs × samples × (parameters + units) — labWork's
 * count for one arm (one run per seed and value, no baseline arm). Throws a named RangeError above
 * LAB_MAX_WORK, or when one run exceeds the trainer's limit; a named error for bad arguments.
 */
export function sweepWork(
  setting: LabSettingInput, param: SweepParam, values: readonly number[], sizes: { train: number; validation: number; seeds: number },
): number {
  const s = checkLabSetting(setting);
  const p = checkParam(param);
  const vs = checkValues(p, values);
  if (typeof sizes !== 'object' || sizes === null) throw paramTypeError('sizes', `sizes must be an object { train, validation, seeds }; received ${describe(sizes)}`);
  // labWork with one seed is one run of the setting plus one of its baseline (and checks the run
  // against the trainer's limit); the baseline's own labWork is two baseline runs. Their difference
  // is one run of the setting, counted exactly as the lab counts it (integers far below 2^53).
  const one = { train: sizes.train, validation: sizes.validation, seeds: 1 };
  const base = labWork(baselineOf(s), one) / 2;
  const seeds = integer('seeds', sizes.seeds, 1, LAB_LIMITS.maxSeeds);
  let work = 0;
  for (const v of vs) work += seeds * (labWork(withStrength(s, p, v), one) - base);
  if (work > LAB_MAX_WORK) {
    throw paramRangeError(
      "the sweep's work",
      `the sweep's work (values × seeds × epochs × samples × network size) must be ≤ ${LAB_MAX_WORK} (about twenty seconds); received ${work.toPrecision(3)}: fewer values, seeds, epochs, training samples or hidden units`,
    );
  }
  return work;
}

function argmax(points: readonly SweepPoint[], pick: (p: SweepPoint) => number): number {
  let best = 0;
  for (let i = 1; i < points.length; i++) if (pick(points[i]!) > pick(points[best]!)) best = i;
  return best;
}

/**
 * Trains `setting` with `param` at every value of `values`, each on every seed (value by value,
 * seeds in order), reporting progress after every epoch. Throws a named RangeError/TypeError for a
 * bad setting, parameter, values, seeds, split or callback, for a sweep over LAB_MAX_WORK, or when
 * training diverges (the trainer's message).
 */
export function runSweep(
  split: LabSplit, setting: LabSettingInput, param: SweepParam, values: readonly number[], seeds: readonly number[],
  onProgress?: (p: SweepProgress) => void,
): SweepResult {
  const s = checkLabSetting(setting);
  const p = checkParam(param);
  const vs = checkValues(p, values);
  const ss = checkSeeds(seeds);
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw paramTypeError('onProgress', `onProgress must be a function or undefined; received ${describe(onProgress)}`);
  }
  const sizes = labSplitSizes(split);
  sweepWork(s, p, vs, { train: sizes.train, validation: sizes.validation, seeds: ss.length });

  const settings = vs.map((v) => checkLabSetting(withStrength(s, p, v)));
  const runs = vs.length * ss.length;
  const total = settings.reduce((t, cfg) => t + ss.length * cfg.epochs, 0);
  let before = 0;
  let run = 0;
  const points: SweepPoint[] = settings.map((cfg, i) => {
    const finals = ss.map((seed) => {
      run++;
      const index = run;
      const report = (done: number) =>
        onProgress?.({ done: before + done, total, point: i + 1, points: vs.length, value: vs[i]!, run: index, runs, seed, epoch: done, epochs: cfg.epochs });
      report(0);
      const r = trainLabRun(cfg, split, seed, report);
      before += cfg.epochs;
      return r.final;
    });
    const trainAccuracies = finals.map((f) => f.trainAccuracy);
    const validationAccuracies = finals.map((f) => f.validationAccuracy);
    const testAccuracies = finals.map((f) => f.testAccuracy);
    return {
      value: vs[i]!,
      setting: cfg,
      trainAccuracies,
      validationAccuracies,
      testAccuracies,
      trainAccuracy: meanSd(trainAccuracies),
      validationAccuracy: meanSd(validationAccuracies),
      testAccuracy: meanSd(testAccuracies),
    };
  });
  const last = settings[settings.length - 1]!;
  onProgress?.({ done: total, total, point: vs.length, points: vs.length, value: vs[vs.length - 1]!, run, runs, seed: ss[ss.length - 1]!, epoch: last.epochs, epochs: last.epochs });
  const pi = argmax(points, (q) => q.validationAccuracy.mean);
  const ti = argmax(points, (q) => q.testAccuracy.mean);
  return {
    param: p,
    setting: s,
    values: vs,
    seeds: ss,
    sizes,
    points,
    picked: { index: pi, value: vs[pi]!, validationAccuracy: points[pi]!.validationAccuracy, testAccuracy: points[pi]!.testAccuracy },
    bestTest: { index: ti, value: vs[ti]!, testAccuracy: points[ti]!.testAccuracy },
  };
}
