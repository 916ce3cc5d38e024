/**
 * runLab: the lab's experiment. For each seed s, the baseline (every regularizer off) and the chosen
 * setting train from the SAME starting point — initMLP(sizes, s), epochOrders(n, epochs, s) and the
 * trainer's seed s (dropout masks) — so that, seed by seed, the two runs differ only by the
 * regularizers. Per epoch it records the eval-mode accuracy and loss on the training and validation
 * sets; at the end, on the weights the run returns (with early stopping: the restored best epoch's),
 * the training, validation and test accuracy, the test loss, the test set's calibration error and the
 * share of near-zero weights. The test set is evaluated once per run, at the end, and nothing depends
 * on it.
 *
 * Seed streams: initMLP and epochOrders each start their own createRng(s) (src/lib/mlpInit.ts), and
 * the trainer's dropout stream is derived from s inside the trainer, as in scripts/fixtures.
 */
import { describe, integer, isArrayLike } from '../validate';
import { codebookSeed, convSeed, epochOrders, initCodebook, initConv, initMLP } from '../mlpInit';
import { attackMLP, augmentDigitBatch, evaluateMLP, predictMLP, trainMLP } from '../trainer';
import type { MLPData, MLPLayers } from '../trainer/types';
import { baselineOf, checkLabSetting, labParameterCount, labSizes, labWork, trainOptionsOf, LAB_LIMITS, type LabSetting, type LabSettingInput } from './setting';
import { calibrationBins, calibrationError, nearZeroShare, weightMagnitudeCounts, type CalibrationBins } from './metrics';
import { paramRangeError, paramTypeError } from '../refusal';

/** The two arms of a lab run. */
export type LabArm = 'baseline' | 'setting';

/** One training run (one seed, one arm). */
export interface LabRun {
  seed: number;
  /** Per epoch trained (eval mode): accuracy and loss on the training data (loss with the run's label smoothing). */
  trainingAccuracies: number[];
  trainingLosses: number[];
  /** Per epoch trained (eval mode): accuracy and loss on the validation data. */
  validationAccuracies: number[];
  validationLosses: number[];
  /** Epochs actually trained (fewer than the budget when early stopping fired). */
  epochsRun: number;
  /** With early stopping: the 1-based epoch after which it stopped, or null (ran them all). */
  stoppedEpoch: number | null;
  /** With early stopping: the 0-based epoch whose weights are returned (the best validation loss). */
  restoredEpoch: number | null;
  /** Evaluated once, at the end, on the returned weights. */
  final: {
    trainAccuracy: number;
    validationAccuracy: number;
    testAccuracy: number;
    /** Plain cross-entropy on the test set (ε = 0 for both arms, so the numbers compare). */
    testLoss: number;
    /** Expected calibration error of the test predictions (10 bins). */
    ece: number;
    /** Share of Linear weights with |w| < 1e-3. */
    nearZero: number;
    /** Trainable parameters of the run's network (Linear layers, BN, conv, codebook). */
    parameters: number;
    /**
     * With a VQ bottleneck: the perplexity exp(−Σ p log p) of the codes' usage over the last epoch's
     * training pieces (K if all are used equally, 1 if one code takes every piece), else 0.
     */
    codebookPerplexity: number;
  };
  /** What the regularizers change besides accuracy, measured on the returned weights (the lab's views). */
  probes: LabProbes;
}

/** The ε at which the test set is attacked (FGSM, eval mode): 0 (clean) and up to 0.3 of the pixel range. */
export const LAB_ATTACK_EPS: readonly number[] = Object.freeze([0, 0.05, 0.1, 0.15, 0.2, 0.3]);

export interface LabProbes {
  /** Linear weights per |w| bin of WEIGHT_EDGES (metrics.ts): L1 against L2. */
  weightCounts: number[];
  /** The test predictions' calibration bins (metrics.ts): the reliability diagram, label smoothing. */
  calibration: CalibrationBins;
  /** Test accuracy under an FGSM attack at each ε of LAB_ATTACK_EPS (attackMLP): adversarial training. */
  attackAccuracies: number[];
}

/**
 * The first images the setting's run on `seed` trained on, as it saw them: epoch 0's first visits,
 * before and after augmentation (augmentDigitBatch draws what the trainer draws).
 */
export interface LabSamples {
  seed: number;
  /** Indices into the training set, in visit order. */
  indices: number[];
  original: number[][];
  augmented: number[][];
  /** What was drawn for each image: rotation angle (degrees) and whole-pixel shift. */
  draws: { angle: number; dx: number; dy: number }[];
}

/** How many augmented samples a result keeps. */
export const LAB_SAMPLE_COUNT = 8;

export interface LabResult {
  setting: LabSetting;
  baseline: LabSetting;
  seeds: number[];
  /** Sizes of the split used. */
  sizes: { train: number; validation: number; test: number };
  /** runs.baseline[i] and runs.setting[i] share seeds[i]. */
  runs: Record<LabArm, LabRun[]>;
  /** With augmentation: the first seed's first training samples, as augmented; else null. */
  samples: LabSamples | null;
}

/** Where a lab run is: `done` of `total` epochs (a run that stops early counts its whole budget). */
export interface LabProgress {
  done: number;
  total: number;
  /** 1-based index of the run in progress, of `runs` (= 2 × seeds). */
  run: number;
  runs: number;
  seed: number;
  arm: LabArm;
  epoch: number;
  epochs: number;
}

/** The split runLab needs: three labelled sets (splitDigits' or labSplit's output). */
export interface LabSplit {
  train: MLPData;
  validation: MLPData;
  test: MLPData;
}

function rowsOf(name: string, d: unknown): number {
  if (typeof d !== 'object' || d === null) throw paramTypeError(name, `${name} must be a data set { x, y }; received ${describe(d)}`);
  const x = (d as { x?: unknown }).x;
  if (!isArrayLike(x)) throw paramTypeError(`${name}.x`, `${name}.x must be an array of rows; received ${describe(x)}`);
  if (x.length < 1) throw paramRangeError(`${name}.x`, `${name}.x must have at least 1 row; received ${x.length}`);
  return x.length;
}

/** Seeds: 2 to 10 distinct integers in [0, 2³²). */
export function checkSeeds(seeds: readonly number[]): number[] {
  if (!isArrayLike(seeds)) throw paramTypeError('seeds', `seeds must be an array of integers; received ${describe(seeds)}`);
  const { minSeeds, maxSeeds } = LAB_LIMITS;
  if (seeds.length < minSeeds || seeds.length > maxSeeds) {
    throw paramRangeError('seeds', `seeds must have ${minSeeds} to ${maxSeeds} entries; received length ${seeds.length}`);
  }
  const out = Array.from(seeds, (s, i) => integer(`seeds[${i}]`, s, 0, 2 ** 32 - 1) + 0);
  const dup = out.findIndex((s, i) => out.indexOf(s) !== i);
  if (dup >= 0) throw paramRangeError('seeds', `seeds must be distinct; received ${out[dup]} twice`);
  return out;
}

/**
 * The sizes of a split, checked (each set an object { x, y } with at least 1 row): what runLab and
 * runSweep check before any training.
 */
export function labSplitSizes(split: LabSplit): LabResult['sizes'] {
  if (typeof split !== 'object' || split === null) {
    throw paramTypeError('split', `split must be an object { train, validation, test }; received ${describe(split)}`);
  }
  return { train: rowsOf('train', split.train), validation: rowsOf('validation', split.validation), test: rowsOf('test', split.test) };
}

/** Where the lab's codebook codes start: uniform in [0, 1), like the post-ReLU pieces. */
export const LAB_CODEBOOK_RANGE: readonly [number, number] = Object.freeze([0, 1]) as readonly [number, number];

/**
 * The starting point of a run: initMLP(labSizes, seed) for the Linear layers, and with a conv front
 * end initConv(C, k, convSeed(seed)), with a VQ bottleneck initCodebook(K, D, codebookSeed(seed),
 * LAB_CODEBOOK_RANGE) — codes in the range of the ReLU pieces they quantize (mlpInit.ts says why).
 */
export function labInit(arm: LabSettingInput, seed: number): MLPLayers {
  const s = checkLabSetting(arm);
  const init: MLPLayers = initMLP(labSizes(s), seed);
  if (s.conv !== null) init.conv = initConv(s.conv.channels, s.conv.kernel, convSeed(seed));
  if (s.vq !== null) init.codebook = initCodebook(s.vq.codes, s.vq.dim, codebookSeed(seed), LAB_CODEBOOK_RANGE);
  return init;
}

/**
 * One lab run: `arm` (a setting checked by checkLabSetting) trained on seed `seed` from initMLP(sizes,
 * seed) and epochOrders(n, epochs, seed), then evaluated once on the returned weights. runLab and
 * runSweep both train through it, so a sweep's run at some strength is the lab's run at that strength.
 */
export function trainLabRun(arm: LabSettingInput, split: LabSplit, seed: number, onEpoch: (done: number) => void): LabRun {
  const init = labInit(arm, seed);
  const order = epochOrders(split.train.x.length, arm.epochs, seed);
  const r = trainMLP(init, split.train, { ...trainOptionsOf(arm), order, seed, validation: split.validation, onEpoch: (d) => onEpoch(d) });
  const test = evaluateMLP(r, split.test);
  const calibration = calibrationBins(predictMLP(r, split.test.x).logits, split.test.y);
  return {
    seed,
    trainingAccuracies: r.trainingAccuracies!,
    trainingLosses: r.trainingLosses!,
    validationAccuracies: r.validationAccuracies!,
    validationLosses: r.validationLosses!,
    epochsRun: r.epochLosses.length,
    stoppedEpoch: r.stoppedEpoch ?? null,
    restoredEpoch: r.restoredEpoch ?? null,
    final: {
      trainAccuracy: evaluateMLP(r, split.train).accuracy,
      validationAccuracy: evaluateMLP(r, split.validation).accuracy,
      testAccuracy: test.accuracy,
      testLoss: test.loss,
      ece: calibrationError(calibration),
      nearZero: nearZeroShare(r.weights),
      parameters: labParameterCount(arm),
      codebookPerplexity: r.codebookPerplexity ?? 0,
    },
    probes: {
      weightCounts: weightMagnitudeCounts(r.weights),
      calibration,
      attackAccuracies: attackMLP(r, split.test, LAB_ATTACK_EPS).accuracies,
    },
  };
}

/** The setting's first LAB_SAMPLE_COUNT training samples on `seed`, before and after augmentation (null without it). */
export function labSamples(arm: LabSettingInput, split: LabSplit, seed: number): LabSamples | null {
  const s = checkLabSetting(arm);
  const n = labSplitSizes(split).train;
  const first = integer('seed', seed, 0, 2 ** 32 - 1);
  if (s.augment === null) return null;
  const order = epochOrders(n, 1, first)[0]!;
  const indices = Array.from(order.slice(0, LAB_SAMPLE_COUNT));
  const original = indices.map((i) => [...split.train.x[i]!]);
  const { images, draws } = augmentDigitBatch(original, s.augment, first);
  return { seed: first, indices, original, augmented: images, draws };
}

/**
 * Trains the baseline and the setting for every seed (seed by seed, baseline first) and reports
 * progress after every epoch. Throws a named RangeError/TypeError for a bad setting, seeds or split,
 * for a run over LAB_MAX_WORK, or when training diverges (the trainer's message).
 */
export function runLab(split: LabSplit, setting: LabSettingInput, seeds: readonly number[], onProgress?: (p: LabProgress) => void): LabResult {
  const s = checkLabSetting(setting);
  const base = baselineOf(s);
  const ss = checkSeeds(seeds);
  if (onProgress !== undefined && typeof onProgress !== 'function') {
    throw paramTypeError('onProgress', `onProgress must be a function or undefined; received ${describe(onProgress)}`);
  }
  const sizes = labSplitSizes(split);
  labWork(s, { train: sizes.train, validation: sizes.validation, seeds: ss.length });

  const runs: Record<LabArm, LabRun[]> = { baseline: [], setting: [] };
  const total = ss.length * (base.epochs + s.epochs);
  let before = 0;
  let index = 0;
  for (const seed of ss) {
    for (const [arm, cfg] of [['baseline', base], ['setting', s]] as const) {
      index++;
      const run = index;
      const report = (done: number) =>
        onProgress?.({ done: before + done, total, run, runs: 2 * ss.length, seed, arm, epoch: done, epochs: cfg.epochs });
      report(0);
      runs[arm].push(trainLabRun(cfg, split, seed, report));
      before += cfg.epochs;
    }
  }
  onProgress?.({ done: total, total, run: index, runs: 2 * ss.length, seed: ss[ss.length - 1]!, arm: 'setting', epoch: s.epochs, epochs: s.epochs });
  return { setting: s, baseline: base, seeds: ss, sizes, runs, samples: labSamples(s, split, ss[0]!) };
}
