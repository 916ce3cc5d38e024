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
}

/** A labelled data set: one row of features per sample, class indices 0..K−1. */
export interface MLPData {
  x: number[][];
  y: number[];
}

export type MLPOptimizer = 'sgd' | 'adam' | 'adamw';

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
  /** Adversarial training: objective α·L(x) + (1−α)·L(clamp(x + eps·sign(∇ₓL), 0, 1)), eps ≥ 0, α ∈ [0, 1]. */
  fgsm?: { eps: number; alpha: number };
  /** Seed of the dropout masks and of the default shuffle, integer in [0, 2³²) (default 0). */
  seed?: number;
  /** p of inverted dropout after every hidden ReLU, in [0, 1] (default 0). */
  dropout?: number;
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
