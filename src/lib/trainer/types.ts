/**
 * The trainer's public shapes: what `trainMLP` takes and returns, in plain number[][] at the boundary.
 *
 * Why plain arrays here and Float64Array inside: callers (pages, fixtures, external checks) build and
 * compare JSON-like values, while the hot loops want flat buffers. The conversion happens once per
 * call (see network.ts), never per sample.
 *
 * Layout is PyTorch's: `weights[l]` is nn.Linear's weight (out × in), `biases[l]` its bias (out).
 * ReLU follows every layer but the last; the last layer's outputs are the logits of K classes.
 */

/** Initial (or trained) Linear layers, nn.Linear layout. */
export interface MLPLayers {
  /** weights[l][o][i]: layer l, output unit o, input i (out × in, as nn.Linear.weight). */
  weights: number[][][];
  /** biases[l][o]. */
  biases: number[][];
  /**
   * With `opts.conv`: the nn.Conv2d(1, C, k) in front of the Linear layers (convLayer.ts). Each input
   * row is then one 1×8×8 image (64 values, row-major) and weights[0] is out × C·(9−k)².
   */
  conv?: MLPConv;
  /** With a VQ bottleneck (TrainMLPOptions.vq): K codes of D values (2 ≤ K ≤ 256); D divides that hidden layer's width. */
  codebook?: number[][];
}

/** nn.Conv2d(1, C, k)'s parameters: weight[c][0][u][v] (C×1×k×k, nn.Conv2d.weight's layout) and bias[c]. */
export interface MLPConv {
  weight: number[][][][];
  bias: number[];
}

/** BatchNorm1d state of one hidden layer (γ, β are parameters; the running statistics are buffers). */
export interface MLPBatchNormState {
  gamma: number[];
  beta: number[];
  runningMean: number[];
  runningVar: number[];
}

/** A network ready to evaluate: the layers plus, when trained with batch norm, one state per hidden layer. */
export interface MLPModel extends MLPLayers {
  batchNorm?: MLPBatchNormState[];
  /** With `codebook`: the hidden layer (0-based) it quantizes; default the last hidden layer. trainMLP ignores it in `init` (opts.vq.layer decides). */
  vqLayer?: number;
}

/**
 * A VQ bottleneck (vqLayer.ts): the output of hidden layer `layer` (after its ReLU and dropout) is cut
 * into D-dimensional pieces, each replaced by its nearest code (straight-through); the codebook comes
 * in `init.codebook` and is trained as a parameter with the loss mean((e − sg z)²) + β·mean((z − sg e)²).
 */
export interface MLPVqOptions {
  /** 0-based hidden layer; default the last hidden layer. */
  layer?: number;
  /** D, an integer ≥ 1 dividing that layer's width. */
  dim: number;
  /** β of the commitment term, ≥ 0. */
  beta: number;
}

/** A labelled data set: one row of features per sample, class indices 0..K−1. */
export interface MLPData {
  x: number[][];
  y: number[];
}

export type MLPOptimizer = 'sgd' | 'adam' | 'adamw';

/** trainMLP's `augment`: strengths of the per-sample random transforms, each default 0 (off). */
export interface DigitAugmentOptions {
  /** Largest whole-pixel shift: dx, dy uniform in {−shift … shift}, zero fill; integer in [0, 2]. */
  shift?: number;
  /** Largest rotation in degrees: angle uniform in [−rotate, rotate], bilinear about (3.5, 3.5); in [0, 30]. */
  rotate?: number;
  /** Standard deviation of additive Gaussian noise, then clamped to [0, 1]; in [0, 0.5]. */
  noise?: number;
}

export interface TrainMLPOptions {
  /** Passes over the data, integer in [0, MLP_MAX_EPOCHS]. */
  epochs: number;
  /** Samples per batch, integer ≥ 1; the last batch of an epoch may be shorter. */
  batchSize: number;
  /** Learning rate, ≥ 0. */
  lr: number;
  /** torch.optim.SGD (default), Adam or AdamW; Adam's betas are (0.9, 0.999) and eps 1e-8, as torch.optim. */
  optimizer?: MLPOptimizer;
  /** SGD momentum μ in [0, 1] (default 0): buf = g on the first step, then μ·buf + g (dampening 0, no Nesterov). SGD only. */
  momentum?: number;
  /**
   * torch.optim's `weight_decay`, ≥ 0, default 0 for every optimizer (torch's AdamW defaults to 0.01;
   * here 0 so that switching optimizers never adds decay silently). Coupled (wd·θ added to the gradient)
   * for SGD and Adam, decoupled (θ ← θ·(1 − lr·wd)) for AdamW.
   */
  weightDecay?: number;
  /** loss += l1·Σ|θ| over every parameter (biases and BN γ/β included), ≥ 0; ∂|θ|/∂θ at 0 is 0 (torch.sign). */
  l1?: number;
  /** loss += l2·Σθ² over every parameter, ≥ 0 (gradient 2·l2·θ: no ½). */
  l2?: number;
  /** ε of F.cross_entropy(…, label_smoothing=ε), in [0, 1]. */
  labelSmoothing?: number;
  /** order[e] is the permutation of 0..n−1 epoch e visits (one per epoch); default: a seeded shuffle. */
  order?: number[][];
  /** BatchNorm1d (γ=1, β=0, eps 1e-5, momentum 0.1) after every hidden Linear, before its ReLU. */
  batchNorm?: boolean;
  /**
   * A conv front end: x (1×8×8) → nn.Conv2d(1, channels, kernel) (stride 1, no padding, bias) → ReLU →
   * .flatten(1) (channel-major) → the Linear layers. channels integer in [1, 16], kernel in [2, 5];
   * needs `init.conv` of that shape and input rows of 64 values. Its parameters are trained, decayed
   * and penalized like the others; no batch norm and no dropout on the conv's output (only on the
   * hidden Linear layers); FGSM's ∇ₓL goes through it.
   */
  conv?: { channels: number; kernel: number };
  /** Adversarial training: objective α·L(x) + (1−α)·L(clamp(x + eps·sign(∇ₓL), 0, 1)), eps ≥ 0, α ∈ [0, 1]. */
  fgsm?: { eps: number; alpha: number };
  /** Seed of the dropout masks and of the default shuffle, integer in [0, 2³²) (default 0). */
  seed?: number;
  /** p of inverted dropout after every hidden ReLU, in [0, 1] (default 0). */
  dropout?: number;
  /**
   * A VQ bottleneck after hidden layer `layer`'s ReLU and dropout; needs `init.codebook`. Each pass's
   * objective adds its vq_loss (with FGSM: α·(CE + vq)(x) + (1 − α)·(CE + vq)(x_adv), and x_adv follows
   * the gradient of the clean pass's CE + vq); epochLosses stay the cross-entropy part, vqLosses the rest.
   */
  vq?: MLPVqOptions;
  /**
   * Seeded augmentation of every training sample of every batch (inputs must be 8×8 images: width 64,
   * row-major, values in [0, 1]); see augmentDigits.ts for the exact draws and operations. Absent or
   * all 0: nothing is drawn and training is unchanged. Validation and evaluateTraining are not augmented.
   */
  augment?: DigitAugmentOptions;
  /** Evaluated in eval mode after every epoch (the same criterion as training: label smoothing, no penalties). */
  validation?: MLPData;
  /** Keras EarlyStopping(monitor='val_loss', patience, min_delta, restore_best_weights); needs `validation`. */
  earlyStopping?: { patience: number; minDelta?: number; restoreBest?: boolean };
  /** Also evaluate the training data in eval mode after every epoch (the lab's training curves); default false. */
  evaluateTraining?: boolean;
  /** Called after every epoch with (epochs done, epochs asked): a worker's progress messages. */
  onEpoch?: (epochsDone: number, epochs: number) => void;
}

export interface TrainMLPResult extends MLPModel {
  /** Per epoch run: Σ over its batches of (data objective before that batch's step × batch size) / n; no penalties. */
  epochLosses: number[];
  /** Per epoch run, with `validation`: the eval-mode loss (label smoothing as in training, no penalties). */
  validationLosses?: number[];
  /** Per epoch run, with `validation`: the fraction of rows whose largest logit (first on ties) is the label. */
  validationAccuracies?: number[];
  /** Per epoch run, with `evaluateTraining`: the eval-mode loss on the training data (no dropout, BN running statistics). */
  trainingLosses?: number[];
  /** Per epoch run, with `evaluateTraining`: the eval-mode accuracy on the training data. */
  trainingAccuracies?: number[];
  /** With `earlyStopping`: the 1-based epoch after which training stopped (= epochLosses.length), or null if it ran all epochs. */
  stoppedEpoch?: number | null;
  /** With `earlyStopping`: the 0-based epoch of the lowest validation loss (Keras's best_epoch). */
  bestEpoch?: number | null;
  /** With `earlyStopping.restoreBest`: the 0-based epoch whose weights (and BN statistics) are returned, else null. */
  restoredEpoch?: number | null;
  /** With `vq`: per epoch run, Σ over its batches of (VQ objective before the step × batch size) / n (the part epochLosses leave out). */
  vqLosses?: number[];
  /** With `vq`: pieces per code over the last epoch run's training batches (clean passes only; length K). */
  codebookUsage?: number[];
  /** With `vq`: exp(−Σ p log p) of codebookUsage (p = share of pieces; 1 if no epoch ran). */
  codebookPerplexity?: number;
}

/** What `evaluateMLP` reports (eval mode: no dropout, BN running statistics). */
export interface MLPEvaluation {
  /** Mean F.cross_entropy (with the given label smoothing). */
  loss: number;
  /** Fraction of rows whose argmax logit equals the label. */
  accuracy: number;
}

/** What `predictMLP` returns (eval mode). */
export interface MLPPrediction {
  /** One row of K logits per sample. */
  logits: number[][];
  /** argmax of each row (the first index on ties, as torch.argmax). */
  classes: number[];
}
