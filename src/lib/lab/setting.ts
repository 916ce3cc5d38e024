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
import {
  MLP_CONV_MAX_CHANNELS, MLP_CONV_MAX_KERNEL, MLP_CONV_MIN_KERNEL, MLP_MAX_WIDTH, MLP_MAX_WORK,
  MLP_VQ_MAX_CODES, MLP_VQ_MIN_CODES,
} from '../trainer/limits';
import type { MLPOptimizer, TrainMLPOptions } from '../trainer/types';
import { networkParameterCount, workPerSample, type NetworkShape } from '../trainer/checkInputs';
import { convFeatures as convLayerFeatures } from '../trainer/convLayer';
import { paramRangeError, paramTypeError } from '../refusal';

/** Bounds of a lab setting (the cell's schema uses the same numbers). */
export const LAB_LIMITS = Object.freeze({
  /**
   * Hidden layers: 1 to 3, each 1 to 1,024 units (the trainer's widest; also what the baseline of a
   * conv setting needs for the dense layer in the conv's place, at most 16 × 7² = 784 units).
   */
  maxHiddenLayers: 3,
  maxWidth: MLP_MAX_WIDTH,
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
  /** Augmentation: shifts of 0–2 whole pixels, rotations of 0–30°, Gaussian noise σ 0–0.5 (the trainer's bounds). */
  maxShift: 2,
  maxRotate: 30,
  maxNoise: 0.5,
  /** Conv front end nn.Conv2d(1, C, k): C 1–16, k 2–5. */
  maxChannels: MLP_CONV_MAX_CHANNELS,
  minKernel: MLP_CONV_MIN_KERNEL,
  maxKernel: MLP_CONV_MAX_KERNEL,
  /** VQ bottleneck: K 2–256 codes, commitment β 0–2 (VQ-VAE uses 0.25). */
  minCodes: MLP_VQ_MIN_CODES,
  maxCodes: MLP_VQ_MAX_CODES,
  maxBeta: 2,
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
  /** Seeded augmentation of every training image (trainMLP's `augment`), or null for off. */
  augment: { shift: number; rotate: number; noise: number } | null;
  /**
   * Weight sharing: nn.Conv2d(1, channels, kernel) + ReLU in front of the hidden layers, or null. Its
   * baseline puts a dense layer of the same output size (channels·(9 − kernel)² units) in its place:
   * the same network without the sharing, so that the comparison is the constraint, not the depth.
   */
  conv: { channels: number; kernel: number } | null;
  /**
   * A VQ bottleneck on the last hidden layer: its output cut into pieces of `dim` values, each replaced
   * by the nearest of `codes` codes (trainMLP's `vq`, commitment `beta`), or null.
   */
  vq: { dim: number; codes: number; beta: number } | null;
}

/** What the functions below accept: a setting whose augment, conv and vq may be left out (= null, off). */
export type LabSettingInput = Omit<LabSetting, 'augment' | 'conv' | 'vq'> & Partial<Pick<LabSetting, 'augment' | 'conv' | 'vq'>>;

const OPTIMIZERS: readonly MLPOptimizer[] = ['sgd', 'adam', 'adamw'];

function bool(name: string, v: unknown): boolean {
  if (typeof v !== 'boolean') throw paramTypeError(name, `${name} must be true or false; received ${describe(v)}`);
  return v;
}

/** A checked copy of `setting` (every field bounded; throws a named RangeError/TypeError). */
export function checkLabSetting(setting: LabSettingInput): LabSetting {
  if (typeof setting !== 'object' || setting === null) {
    throw paramTypeError('setting', `setting must be an object { hidden, epochs, batchSize, lr, optimizer, … }; received ${describe(setting)}`);
  }
  const s = setting as unknown as Record<string, unknown>;
  const L = LAB_LIMITS;
  if (!isArrayLike(s.hidden)) throw paramTypeError('hidden', `hidden must be an array of layer widths; received ${describe(s.hidden)}`);
  if (s.hidden.length < 1 || s.hidden.length > L.maxHiddenLayers) {
    throw paramRangeError('hidden', `hidden must have 1 to ${L.maxHiddenLayers} widths; received length ${s.hidden.length}`);
  }
  const hidden = Array.from(s.hidden, (w, i) => integer(`hidden[${i}]`, w, 1, L.maxWidth));
  if (typeof s.optimizer !== 'string' || !OPTIMIZERS.includes(s.optimizer as MLPOptimizer)) {
    throw paramTypeError('optimizer', `optimizer must be "sgd", "adam" or "adamw"; received ${describe(s.optimizer)}`);
  }
  const optimizer = s.optimizer as MLPOptimizer;
  const momentum = inRange('momentum', s.momentum, 0, 0.99);
  if (optimizer !== 'sgd' && momentum !== 0) {
    throw paramRangeError('momentum', `momentum must be 0 with ${optimizer} (it is SGD's); received ${describe(momentum)}`);
  }
  let earlyStopping: LabSetting['earlyStopping'] = null;
  if (s.earlyStopping !== null) {
    const es = s.earlyStopping as { patience?: unknown } | undefined;
    if (typeof es !== 'object' || es === null) throw paramTypeError('earlyStopping', `earlyStopping must be { patience } or null; received ${describe(es)}`);
    earlyStopping = { patience: integer('patience', es.patience, 0, L.maxPatience) };
  }
  let fgsm: LabSetting['fgsm'] = null;
  if (s.fgsm !== null) {
    const f = s.fgsm as { eps?: unknown; alpha?: unknown } | undefined;
    if (typeof f !== 'object' || f === null) throw paramTypeError('fgsm', `fgsm must be { eps, alpha } or null; received ${describe(f)}`);
    fgsm = { eps: inRange('eps', f.eps, 0, L.maxFgsmEps), alpha: inRange('alpha', f.alpha, 0, 1) };
  }
  let augment: LabSetting['augment'] = null;
  if (s.augment !== null && s.augment !== undefined) {
    const a = s.augment as { shift?: unknown; rotate?: unknown; noise?: unknown } | undefined;
    if (typeof a !== 'object' || a === null) throw paramTypeError('augment', `augment must be { shift, rotate, noise } or null; received ${describe(a)}`);
    augment = { shift: integer('shift', a.shift, 0, L.maxShift), rotate: inRange('rotate', a.rotate, 0, L.maxRotate), noise: inRange('noise', a.noise, 0, L.maxNoise) };
  }
  let conv: LabSetting['conv'] = null;
  if (s.conv !== null && s.conv !== undefined) {
    const c = s.conv as { channels?: unknown; kernel?: unknown } | undefined;
    if (typeof c !== 'object' || c === null) throw paramTypeError('conv', `conv must be { channels, kernel } or null; received ${describe(c)}`);
    conv = { channels: integer('channels', c.channels, 1, L.maxChannels), kernel: integer('kernel', c.kernel, L.minKernel, L.maxKernel) };
    // The baseline puts a dense layer in the conv's place: it must still have at most maxHiddenLayers.
    if (hidden.length > L.maxHiddenLayers - 1) {
      throw paramRangeError('hidden', `hidden must have 1 to ${L.maxHiddenLayers - 1} widths with a conv front end (its baseline adds a dense layer in its place); received length ${hidden.length}`);
    }
  }
  let vq: LabSetting['vq'] = null;
  if (s.vq !== null && s.vq !== undefined) {
    const v = s.vq as { dim?: unknown; codes?: unknown; beta?: unknown } | undefined;
    if (typeof v !== 'object' || v === null) throw paramTypeError('vq', `vq must be { dim, codes, beta } or null; received ${describe(v)}`);
    const width = hidden[hidden.length - 1]!;
    const dim = integer('vqDim', v.dim, 1, width);
    if (width % dim !== 0) {
      throw paramRangeError('vqDim', `vqDim must divide the last hidden width ${width} (the layer is cut into pieces of vqDim values); received ${dim}`);
    }
    vq = { dim, codes: integer('vqCodes', v.codes, L.minCodes, L.maxCodes), beta: inRange('vqBeta', v.beta, 0, L.maxBeta) };
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
    augment,
    conv,
    vq,
  };
}

/** Outputs of the conv front end: channels × (8 − kernel + 1)² (no padding, stride 1). */
export function convFeatures(conv: { channels: number; kernel: number }): number {
  if (typeof conv !== 'object' || conv === null) throw paramTypeError('conv', `conv must be { channels, kernel }; received ${describe(conv)}`);
  const channels = integer('channels', conv.channels, 1, LAB_LIMITS.maxChannels);
  const kernel = integer('kernel', conv.kernel, LAB_LIMITS.minKernel, LAB_LIMITS.maxKernel);
  return convLayerFeatures({ channels, kernel });
}

/**
 * The setting with every regularizer off: what the lab compares against. A conv front end is
 * replaced by a dense layer of the same width (convFeatures), so the baseline is the same network
 * without weight sharing.
 */
export function baselineOf(setting: LabSettingInput): LabSetting {
  const s = checkLabSetting(setting);
  const hidden = s.conv === null ? s.hidden : [convFeatures(s.conv), ...s.hidden];
  return {
    ...s, hidden, l2: 0, l1: 0, weightDecay: 0, dropout: 0, labelSmoothing: 0, batchNorm: false, earlyStopping: null, fgsm: null,
    augment: null, conv: null, vq: null,
  };
}

/** True when the setting turns no regularizer on (it then trains exactly as its baseline). */
export function isBaseline(setting: LabSettingInput): boolean {
  const s = checkLabSetting(setting);
  return s.l2 === 0 && s.l1 === 0 && s.weightDecay === 0 && s.dropout === 0 && s.labelSmoothing === 0 && !s.batchNorm
    && s.earlyStopping === null && s.fgsm === null && s.augment === null && s.conv === null && s.vq === null;
}

/** Widths of the Linear layers [inputs, hidden…, 10]: the inputs are 64 pixels, or the conv's outputs. */
export function labSizes(setting: LabSettingInput): number[] {
  const s = checkLabSetting(setting);
  return [s.conv === null ? DIGITS_FEATURES : convFeatures(s.conv), ...s.hidden, DIGITS_CLASSES];
}

/** The setting's network as the trainer counts it (its last hidden layer quantized when VQ is on). */
function labShape(s: LabSetting): NetworkShape {
  const width = s.hidden[s.hidden.length - 1]!;
  return {
    sizes: labSizes(s),
    batchNorm: s.batchNorm,
    conv: s.conv,
    vq: s.vq === null ? null : { layer: s.hidden.length - 1, dim: s.vq.dim, codes: s.vq.codes, width, beta: s.vq.beta },
  };
}

/** Trainable parameters of the setting's network: Linear layers, BN's γ and β, the conv, the codebook. */
export function labParameterCount(setting: LabSettingInput): number {
  return networkParameterCount(labShape(checkLabSetting(setting)));
}

/**
 * The trainer's per-sample cost of the setting (trainer/checkInputs.ts workPerSample, the number its
 * checkWork bounds), so that a run the lab accepts is one the trainer accepts.
 */
function perSample(input: LabSettingInput): number {
  return workPerSample(labShape(checkLabSetting(input)));
}

/**
 * The work of one lab run (both arms, every seed, at most `setting.epochs` epochs each): Σ epochs ×
 * samples × (parameters + units), samples = training rows (×2 with FGSM) + validation rows + training
 * rows again (the per-epoch evaluation). Throws a RangeError above LAB_MAX_WORK.
 */
export function labWork(setting: LabSettingInput, sizes: { train: number; validation: number; seeds: number }): number {
  const s = checkLabSetting(setting);
  if (typeof sizes !== 'object' || sizes === null) throw paramTypeError('sizes', `sizes must be an object { train, validation, seeds }; received ${describe(sizes)}`);
  const n = integer('train', sizes.train, 1, 1e6);
  const nVal = integer('validation', sizes.validation, 1, 1e6);
  const seeds = integer('seeds', sizes.seeds, 1, LAB_LIMITS.maxSeeds);
  const arm = (x: LabSetting) => x.epochs * (n * (x.fgsm ? 2 : 1) + nVal + n) * perSample(x);
  // One run is one trainer call, bounded by the trainer itself: refuse it here, before any training —
  // for both arms (a conv setting's baseline, with a dense layer in the conv's place, is the larger).
  const base = baselineOf(s);
  const one = Math.max(arm(s), arm(base));
  if (one > MLP_MAX_WORK) {
    throw paramRangeError(
      'the work of one run',
      `the work of one run (epochs × samples × network size) must be ≤ ${MLP_MAX_WORK} (the trainer's limit); received ${one.toPrecision(3)}: fewer epochs, training samples or hidden units`,
    );
  }
  const work = seeds * (arm(s) + arm(base));
  if (work > LAB_MAX_WORK) {
    throw paramRangeError(
      "the lab's work",
      `the lab's work (seeds × epochs × samples × network size, both runs) must be ≤ ${LAB_MAX_WORK} (about twenty seconds); received ${work.toPrecision(3)}: fewer seeds, epochs, training samples or hidden units`,
    );
  }
  return work;
}

/** The trainer's options for one run of `setting` (the caller adds order, seed, validation, onEpoch; init.conv and init.codebook come from labInit). */
export function trainOptionsOf(setting: LabSettingInput): TrainMLPOptions {
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
  if (s.augment) o.augment = { ...s.augment };
  if (s.conv) o.conv = { ...s.conv };
  if (s.vq) o.vq = { dim: s.vq.dim, beta: s.vq.beta };
  if (s.earlyStopping) o.earlyStopping = { patience: s.earlyStopping.patience, minDelta: 0, restoreBest: true };
  return o;
}
