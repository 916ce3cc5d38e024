/**
 * What the "Does it help?" lab trains: one setting (network, optimizer, the regularizers and their
 * strengths) and the baseline derived from it (the same network and optimizer, every regularizer off).
 *
 * Why the baseline is derived, not chosen: the lab's question is what the regularizers add, so the two
 * runs of a seed must differ in nothing else — same widths, epochs, batch size, learning rate,
 * optimizer and momentum, and (runLab) the same initial weights, sample orders and dropout seed.
 *
 * Every field is bounded here, before any buffer is allocated, with the named RangeError/TypeError of
 * src/lib/validate.ts; `labWork` bounds each trainer call (MLP_MAX_WORK, checked before the first
 * epoch rather than by the trainer halfway through) and the whole run (all seeds, both arms), since a
 * lab run is many trainer calls and the per-call bound alone would still allow minutes of work.
 */
import { describe, integer, inRange, isArrayLike } from '../validate';
import { DIGITS_CLASSES, DIGITS_FEATURES } from '../digits';
import { MLP_MAX_WORK } from '../trainer/limits';
import type { MLPOptimizer, TrainMLPOptions } from '../trainer/types';

/** Bounds of a lab setting (the cell's schema uses the same numbers). */
export const LAB_LIMITS = Object.freeze({
  /** Hidden layers: 1 to 3, each 1 to 256 units. */
  maxHiddenLayers: 3,
  maxWidth: 256,
  maxEpochs: 300,
  maxBatchSize: 1000,
  /** Learning rate in [1e-5, 1]. */
  minLr: 1e-5,
  maxLr: 1,
  /** Seeds per run: 2 (a spread needs two) to 10. */
  minSeeds: 2,
  maxSeeds: 10,
  maxPatience: 300,
  /** L1 and L2 coefficients in [0, 0.1]; weight decay in [0, 1]. */
  maxPenalty: 0.1,
  maxWeightDecay: 1,
  /** Dropout p in [0, 0.9]: p = 1 would zero every hidden unit. */
  maxDropout: 0.9,
  /** FGSM ε in [0, 1] (pixels are in [0, 1]). */
  maxFgsmEps: 1,
});

/**
 * Most work of one lab run: Σ over its trainer calls of epochs × samples × (parameters + units), as
 * the trainer counts it (training rows, twice with FGSM, plus the validation rows and the training
 * rows evaluated every epoch). 2e10 is about twenty seconds of JavaScript (the defaults are 1.6e9,
 * about 1.5 s): the reader can always cancel, but a single click must not start an hour.
 */
export const LAB_MAX_WORK = 2e10;

export interface LabSetting {
  /** Hidden widths: the network is 64 → hidden… → 10. */
  hidden: number[];
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: MLPOptimizer;
  /** SGD momentum in [0, 0.99] (ignored by Adam/AdamW, which must have 0). */
  momentum: number;
  /** loss += l2·Σθ² (every parameter), in [0, 0.1]. */
  l2: number;
  /** loss += l1·Σ|θ|, in [0, 0.1]. */
  l1: number;
  /** torch.optim weight_decay (coupled for SGD/Adam, decoupled for AdamW), in [0, 1]. */
  weightDecay: number;
  /** Inverted dropout after every hidden ReLU, p in [0, 0.9]. */
  dropout: number;
  /** F.cross_entropy's label_smoothing ε in [0, 1]. */
  labelSmoothing: number;
  /** BatchNorm1d after every hidden Linear. */
  batchNorm: boolean;
  /** Keras EarlyStopping on val_loss with restore_best_weights (min_delta 0), or null for off. */
  earlyStopping: { patience: number } | null;
  /** FGSM adversarial training α·L(x) + (1 − α)·L(x_adv), or null for off. */
  fgsm: { eps: number; alpha: number } | null;
}

const OPTIMIZERS: readonly MLPOptimizer[] = ['sgd', 'adam', 'adamw'];

function bool(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw new TypeError(`${name} must be true or false; received ${describe(v)}`);
  return v;
}

/** A checked copy of `setting` (every field bounded; throws a named RangeError/TypeError). */
export function checkLabSetting(setting: LabSetting): LabSetting {
  if (typeof setting !== 'object' || setting === null) {
    throw new TypeError(`setting must be an object { hidden, epochs, batchSize, lr, optimizer, … }; received ${describe(setting)}`);
  }
  const s = setting as unknown as Record<string, unknown>;
  const L = LAB_LIMITS;
  if (!isArrayLike(s.hidden)) throw new TypeError(`hidden must be an array of layer widths; received ${describe(s.hidden)}`);
  if (s.hidden.length < 1 || s.hidden.length > L.maxHiddenLayers) {
    throw new RangeError(`hidden must have 1 to ${L.maxHiddenLayers} widths; received length ${s.hidden.length}`);
  }
  const hidden = Array.from(s.hidden, (w, i) => integer(`hidden[${i}]`, w, 1, L.maxWidth));
  if (typeof s.optimizer !== 'string' || !OPTIMIZERS.includes(s.optimizer as MLPOptimizer)) {
    throw new TypeError(`optimizer must be "sgd", "adam" or "adamw"; received ${describe(s.optimizer)}`);
  }
  const optimizer = s.optimizer as MLPOptimizer;
  const momentum = inRange('momentum', s.momentum, 0, 0.99);
  if (optimizer !== 'sgd' && momentum !== 0) {
    throw new RangeError(`momentum must be 0 with ${optimizer} (it is SGD's); received ${describe(momentum)}`);
  }
  let earlyStopping: LabSetting['earlyStopping'] = null;
  if (s.earlyStopping !== null) {
    const es = s.earlyStopping as { patience?: unknown } | undefined;
    if (typeof es !== 'object' || es === null) throw new TypeError(`earlyStopping must be { patience } or null; received ${describe(es)}`);
    earlyStopping = { patience: integer('patience', es.patience, 0, L.maxPatience) };
  }
  let fgsm: LabSetting['fgsm'] = null;
  if (s.fgsm !== null) {
    const f = s.fgsm as { eps?: unknown; alpha?: unknown } | undefined;
    if (typeof f !== 'object' || f === null) throw new TypeError(`fgsm must be { eps, alpha } or null; received ${describe(f)}`);
    fgsm = { eps: inRange('eps', f.eps, 0, L.maxFgsmEps), alpha: inRange('alpha', f.alpha, 0, 1) };
  }
  return {
    hidden,
    epochs: integer('epochs', s.epochs, 1, L.maxEpochs),
    batchSize: integer('batchSize', s.batchSize, 1, L.maxBatchSize),
    lr: inRange('lr', s.lr, L.minLr, L.maxLr),
    optimizer,
    momentum,
    l2: inRange('l2', s.l2, 0, L.maxPenalty),
    l1: inRange('l1', s.l1, 0, L.maxPenalty),
    weightDecay: inRange('weightDecay', s.weightDecay, 0, L.maxWeightDecay),
    dropout: inRange('dropout', s.dropout, 0, L.maxDropout),
    labelSmoothing: inRange('labelSmoothing', s.labelSmoothing, 0, 1),
    batchNorm: bool('batchNorm', s.batchNorm),
    earlyStopping,
    fgsm,
  };
}

/** The setting with every regularizer off: what the lab compares against. */
export function baselineOf(setting: LabSetting): LabSetting {
  const s = checkLabSetting(setting);
  return { ...s, l2: 0, l1: 0, weightDecay: 0, dropout: 0, labelSmoothing: 0, batchNorm: false, earlyStopping: null, fgsm: null };
}

/** True when the setting turns no regularizer on (it then trains exactly as its baseline). */
export function isBaseline(setting: LabSetting): boolean {
  const s = checkLabSetting(setting);
  return s.l2 === 0 && s.l1 === 0 && s.weightDecay === 0 && s.dropout === 0 && s.labelSmoothing === 0 && !s.batchNorm
    && s.earlyStopping === null && s.fgsm === null;
}

/** Layer widths [64, hidden…, 10]. */
export function labSizes(setting: LabSetting): number[] {
  return [DIGITS_FEATURES, ...checkLabSetting(setting).hidden, DIGITS_CLASSES];
}

/** Weights + biases (+ BN γ, β) and units of the network, as the trainer's work bound counts them. */
function perSample(setting: LabSetting): number {
  const sizes = [DIGITS_FEATURES, ...setting.hidden, DIGITS_CLASSES];
  let params = 0;
  let units = 0;
  for (let l = 1; l < sizes.length; l++) {
    params += sizes[l]! * (sizes[l - 1]! + 1);
    units += sizes[l]!;
    if (setting.batchNorm && l < sizes.length - 1) params += 2 * sizes[l]!;
  }
  return params + units + sizes[0]!;
}

/**
 * The work of one lab run (both arms, every seed, at most `setting.epochs` epochs each): Σ epochs ×
 * samples × (parameters + units), samples = training rows (×2 with FGSM) + validation rows + training
 * rows again (the per-epoch evaluation). Throws a RangeError above LAB_MAX_WORK.
 */
export function labWork(setting: LabSetting, sizes: { train: number; validation: number; seeds: number }): number {
  const s = checkLabSetting(setting);
  if (typeof sizes !== 'object' || sizes === null) throw new TypeError(`sizes must be an object { train, validation, seeds }; received ${describe(sizes)}`);
  const n = integer('train', sizes.train, 1, 1e6);
  const nVal = integer('validation', sizes.validation, 1, 1e6);
  const seeds = integer('seeds', sizes.seeds, 1, LAB_LIMITS.maxSeeds);
  const arm = (x: LabSetting) => x.epochs * (n * (x.fgsm ? 2 : 1) + nVal + n) * perSample(x);
  // One run is one trainer call, bounded by the trainer itself: refuse it here, before any training.
  const one = arm(s);
  if (one > MLP_MAX_WORK) {
    throw new RangeError(
      `the work of one run (epochs × samples × network size) must be ≤ ${MLP_MAX_WORK} (the trainer's limit); received ${one.toPrecision(3)}: fewer epochs, training samples or hidden units`,
    );
  }
  const work = seeds * (one + arm(baselineOf(s)));
  if (work > LAB_MAX_WORK) {
    throw new RangeError(
      `the lab's work (seeds × epochs × samples × network size, both runs) must be ≤ ${LAB_MAX_WORK} (about twenty seconds); received ${work.toPrecision(3)}: fewer seeds, epochs, training samples or hidden units`,
    );
  }
  return work;
}

/** The trainer's options for one run of `setting` (the caller adds order, seed, validation, onEpoch). */
export function trainOptionsOf(setting: LabSetting): TrainMLPOptions {
  const s = checkLabSetting(setting);
  const o: TrainMLPOptions = {
    epochs: s.epochs,
    batchSize: s.batchSize,
    lr: s.lr,
    optimizer: s.optimizer,
    momentum: s.momentum,
    weightDecay: s.weightDecay,
    l1: s.l1,
    l2: s.l2,
    labelSmoothing: s.labelSmoothing,
    batchNorm: s.batchNorm,
    dropout: s.dropout,
    evaluateTraining: true,
  };
  if (s.fgsm) o.fgsm = { eps: s.fgsm.eps, alpha: s.fgsm.alpha };
  if (s.earlyStopping) o.earlyStopping = { patience: s.earlyStopping.patience, minDelta: 0, restoreBest: true };
  return o;
}
