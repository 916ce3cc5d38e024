/**
 * BatchNorm1d on a (rows × features) block of a flat buffer: training forward (batch statistics and
 * the running-statistics update), evaluation forward (running statistics) and the training backward.
 *
 * torch's semantics, which the page's readers check (see also ../batchNorm.ts):
 * - training normalizes with the batch mean and the *biased* variance Σ(x − μ)²/N,
 *   but running_var is updated with the *unbiased* one Σ(x − μ)²/(N − 1);
 * - running ← momentum·batch + (1 − momentum)·running, momentum 0.1;
 * - the output is computed as torch's CPU kernel does, x·a + b with a = γ·invstd, b = β − μ·a;
 * - a batch of one row has no variance: torch raises, and the trainer refuses such batches up front.
 * The backward pass is the full one (the batch statistics depend on every row), which FGSM's input
 * gradient needs too.
 */
import type { BatchNormParams } from './network';

export const BN_EPS = 1e-5;
export const BN_MOMENTUM = 0.1;

/** Buffers of one BN layer for one batch: x̂ (rows × features), 1/σ, μ and a per-feature scratch. */
export interface BatchNormCache {
  xhat: Float64Array;
  invStd: Float64Array;
  mean: Float64Array;
  scratch: Float64Array;
}

export function createBatchNormCache(capacity: number, features: number): BatchNormCache {
  return {
    xhat: new Float64Array(capacity * features),
    invStd: new Float64Array(features),
    mean: new Float64Array(features),
    scratch: new Float64Array(features),
  };
}

/** Training mode: y = BN(x) with batch statistics; updates the running statistics; keeps x̂ and 1/σ for backward. */
export function batchNormTrain(
  bn: BatchNormParams,
  x: Float64Array,
  rows: number,
  features: number,
  cache: BatchNormCache,
  y: Float64Array,
): void {
  const { mean, invStd, xhat } = cache;
  const { gamma, beta, runningMean, runningVar } = bn;
  mean.fill(0);
  for (let i = 0; i < rows; i++) {
    const off = i * features;
    for (let c = 0; c < features; c++) mean[c]! += x[off + c]!;
  }
  for (let c = 0; c < features; c++) mean[c]! /= rows;
  // Two passes (mean first): no cancellation when |μ| ≫ σ. invStd holds Σ(x − μ)² for now.
  invStd.fill(0);
  for (let i = 0; i < rows; i++) {
    const off = i * features;
    for (let c = 0; c < features; c++) {
      const d = x[off + c]! - mean[c]!;
      invStd[c]! += d * d;
    }
  }
  for (let c = 0; c < features; c++) {
    const varSum = invStd[c]!;
    runningMean[c] = BN_MOMENTUM * mean[c]! + (1 - BN_MOMENTUM) * runningMean[c]!;
    runningVar[c] = BN_MOMENTUM * (varSum / (rows - 1)) + (1 - BN_MOMENTUM) * runningVar[c]!;
    invStd[c] = 1 / Math.sqrt(varSum / rows + BN_EPS);
  }
  for (let i = 0; i < rows; i++) {
    const off = i * features;
    for (let c = 0; c < features; c++) {
      const s = invStd[c]!;
      const a = s * gamma[c]!;
      const k = off + c;
      xhat[k] = (x[k]! - mean[c]!) * s;
      y[k] = x[k]! * a + (beta[c]! - mean[c]! * a);
    }
  }
}

/** Evaluation mode: y = (x − running_mean)/√(running_var + eps)·γ + β, as torch's x·a + b. */
export function batchNormEval(bn: BatchNormParams, x: Float64Array, rows: number, features: number, y: Float64Array): void {
  const { gamma, beta, runningMean, runningVar } = bn;
  for (let c = 0; c < features; c++) {
    const a = (1 / Math.sqrt(runningVar[c]! + BN_EPS)) * gamma[c]!;
    const b = beta[c]! - runningMean[c]! * a;
    for (let i = 0; i < rows; i++) {
      const k = i * features + c;
      y[k] = x[k]! * a + b;
    }
  }
}

/**
 * Training backward, in place: on entry `dy` holds ∂L/∂y, on exit ∂L/∂x; adds Σ dy·x̂ to ∂γ and Σ dy to ∂β.
 * ∂x = γ·invstd·(dy − mean(dy) − x̂·mean(dy·x̂)), torch's batch_norm_backward.
 */
export function batchNormBackward(bn: BatchNormParams, dy: Float64Array, rows: number, features: number, cache: BatchNormCache): void {
  const { xhat, invStd } = cache;
  const { gamma, dGamma, dBeta } = bn;
  // μ is no longer needed (x̂ holds it): its buffer takes Σ dy, the scratch Σ dy·x̂.
  const sumDy = cache.mean;
  const sumDyXhat = cache.scratch;
  sumDy.fill(0);
  sumDyXhat.fill(0);
  for (let i = 0; i < rows; i++) {
    const off = i * features;
    for (let c = 0; c < features; c++) {
      const g = dy[off + c]!;
      sumDy[c]! += g;
      sumDyXhat[c]! += g * xhat[off + c]!;
    }
  }
  for (let c = 0; c < features; c++) {
    dGamma[c]! += sumDyXhat[c]!;
    dBeta[c]! += sumDy[c]!;
    sumDy[c]! /= rows;
    sumDyXhat[c]! /= rows;
  }
  for (let i = 0; i < rows; i++) {
    const off = i * features;
    for (let c = 0; c < features; c++) {
      const k = off + c;
      dy[k] = (dy[k]! - sumDy[c]! - xhat[k]! * sumDyXhat[c]!) * invStd[c]! * gamma[c]!;
    }
  }
}
