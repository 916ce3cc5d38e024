/**
 * Batch normalization as `torch.nn.BatchNorm1d` on a (batch × features) input.
 *
 * Training mode normalizes each feature with the batch mean and the *biased* batch variance, then
 * updates the running statistics with the *unbiased* variance (n/(n − 1) correction):
 *   y = (x − μ_B)/√(σ²_B + eps)·γ + β
 *   running_mean ← (1 − m)·running_mean + m·μ_B
 *   running_var  ← (1 − m)·running_var  + m·σ²_B·n/(n − 1)
 * This asymmetry is what readers check, so both variances are returned. Evaluation mode uses the
 * running statistics instead, which is why a model behaves differently after `model.eval()`.
 */
import { describe, finiteResult, inRange, greaterThan, matrix, vector, sameLength } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

export interface BatchNormOptions {
  /** Scale γ per feature (default ones, i.e. `affine=False`). */
  gamma?: ArrayLike<number>;
  /** Shift β per feature (default zeros). */
  beta?: ArrayLike<number>;
  /** Running mean before this batch (default zeros, as a fresh layer). */
  runningMean?: ArrayLike<number>;
  /** Running variance before this batch (default ones). */
  runningVar?: ArrayLike<number>;
  /** Weight of the new batch in the running averages (default 0.1; PyTorch's, not Keras's 0.99). */
  momentum?: number;
  /** Added to the variance before the square root (default 1e-5). */
  eps?: number;
}

export interface BatchNormResult {
  y: number[][];
  runningMean: number[];
  runningVar: number[];
  /** Batch mean per feature. */
  mean: number[];
  /** Biased batch variance per feature (the one used to normalize). */
  var: number[];
}

export interface BatchNormEvalOptions {
  gamma?: ArrayLike<number>;
  beta?: ArrayLike<number>;
  runningMean: ArrayLike<number>;
  runningVar: ArrayLike<number>;
  eps?: number;
}

/** Largest batch (rows × features) a page may send. */
export const MAX_BATCH_VALUES = 1 << 22;

function checkOpts(opts: unknown): Record<string, unknown> {
  if (typeof opts !== 'object' || opts === null) {
    throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  }
  return opts as Record<string, unknown>;
}

function perFeature(name: string, value: unknown, features: number, fallback: number): number[] {
  if (value === undefined) return new Array<number>(features).fill(fallback);
  const v = vector(name, value, 0);
  sameLength('features of x', { length: features }, name, v);
  return v;
}

function checkX(x: unknown, minRows: number): number[][] {
  const rows = matrix('x', x, 1, 1);
  const features = rows[0]!.length;
  if (rows.length * features > MAX_BATCH_VALUES) {
    throw paramRangeError('x', `x must have at most ${MAX_BATCH_VALUES} values; received ${rows.length}×${features}`);
  }
  if (rows.length < minRows) {
    // PyTorch: "Expected more than 1 value per channel when training".
    throw paramRangeError(
      'x',
      `x must have more than 1 row (batch size > 1) per feature in training mode; received ${rows.length} row`,
    );
  }
  return rows;
}

function varianceRange(name: string, v: number[]): void {
  v.forEach((value, i) => {
    if (value < 0) throw paramRangeError(`${name}[${i}]`, `${name}[${i}] must be ≥ 0; received ${describe(value)}`);
  });
}

/** Training-mode forward pass on one batch, with the running-statistics update. */
export function batchNorm(x: number[][], opts: BatchNormOptions = {}): BatchNormResult {
  const o = checkOpts(opts);
  const rows = checkX(x, 2);
  const n = rows.length;
  const f = rows[0]!.length;
  const gamma = perFeature('gamma', o.gamma, f, 1);
  const beta = perFeature('beta', o.beta, f, 0);
  const runningMean = perFeature('runningMean', o.runningMean, f, 0);
  const runningVar = perFeature('runningVar', o.runningVar, f, 1);
  varianceRange('runningVar', runningVar);
  const momentum = inRange('momentum', o.momentum ?? 0.1, 0, 1);
  const eps = greaterThan('eps', o.eps ?? 1e-5, 0);

  const mean = new Array<number>(f).fill(0);
  for (const row of rows) row.forEach((v, j) => (mean[j]! += v));
  for (let j = 0; j < f; j++) mean[j]! /= n;
  // Two-pass variance: no catastrophic cancellation when |mean| ≫ std.
  const variance = new Array<number>(f).fill(0);
  for (const row of rows) row.forEach((v, j) => (variance[j]! += (v - mean[j]!) ** 2));
  for (let j = 0; j < f; j++) variance[j]! /= n;

  const invStd = variance.map((v) => 1 / Math.sqrt(v + eps));
  const y = rows.map((row) => row.map((v, j) => (v - mean[j]!) * invStd[j]! * gamma[j]! + beta[j]!));
  const unbiased = variance.map((v) => (v * n) / (n - 1));
  return finiteResult('batchNorm', {
    y,
    runningMean: runningMean.map((r, j) => (1 - momentum) * r + momentum * mean[j]!),
    runningVar: runningVar.map((r, j) => (1 - momentum) * r + momentum * unbiased[j]!),
    mean,
    var: variance,
  });
}

/** Evaluation-mode forward pass: normalizes with the running statistics (any batch size). */
export function batchNormEval(x: number[][], opts: BatchNormEvalOptions): number[][] {
  const o = checkOpts(opts);
  const rows = checkX(x, 1);
  const f = rows[0]!.length;
  if (o.runningMean === undefined) throw paramTypeError('runningMean', `runningMean must be an array of numbers; received undefined`);
  if (o.runningVar === undefined) throw paramTypeError('runningVar', `runningVar must be an array of numbers; received undefined`);
  const gamma = perFeature('gamma', o.gamma, f, 1);
  const beta = perFeature('beta', o.beta, f, 0);
  const runningMean = perFeature('runningMean', o.runningMean, f, 0);
  const runningVar = perFeature('runningVar', o.runningVar, f, 1);
  varianceRange('runningVar', runningVar);
  const eps = greaterThan('eps', o.eps ?? 1e-5, 0);
  const invStd = runningVar.map((v) => 1 / Math.sqrt(v + eps));
  return finiteResult('batchNormEval', rows.map((row) => row.map((v, j) => (v - runningMean[j]!) * invStd[j]! * gamma[j]! + beta[j]!)));
}

