/**
 * Running statistics of one BatchNorm1d feature over a stream of mini-batches: what
 * `running_mean` / `running_var` do across training steps, and why a freshly built layer's eval
 * output is off until they have converged.
 *
 * Each step is what one training-mode call of `batchNorm` (batchNorm.ts, PyTorch semantics) does
 * to the running statistics: the running mean moves towards the batch mean, the running variance
 * towards the *unbiased* batch variance, by the fraction `momentum`.
 */
import { createRng } from './random';
import { atLeast, describe, finite, finiteResult, greaterThan, inRange, integer, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Most values a page may ask `gaussianBatches` for. */
export const MAX_STREAM_VALUES = 1 << 20;

/**
 * `count` batches of `size` draws from N(mean, std²), from one stream `createRng(seed)`:
 * value = mean + std·normal(), batch after batch (the Python twin draws them in the same order).
 */
export function gaussianBatches(seed: number, count: number, size: number, mean: number, std: number): number[][] {
  const c = integer('count', count, 1, MAX_STREAM_VALUES);
  const n = integer('size', size, 1, MAX_STREAM_VALUES);
  if (c * n > MAX_STREAM_VALUES) {
    throw paramRangeError('count', `count × size must be at most ${MAX_STREAM_VALUES}; received ${c}×${n}`);
  }
  const mu = finite('mean', mean);
  const sd = atLeast('std', std, 0);
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  return finiteResult('gaussianBatches', Array.from({ length: c }, () => Array.from({ length: n }, () => mu + sd * rng.normal())));
}

/**
 * Weight the running statistics still give their starting values after `steps` updates:
 * (1 − momentum)^steps. Each update keeps a fraction (1 − momentum) of the old value.
 */
export function initialWeight(momentum: number, steps: number): number {
  return (1 - inRange('momentum', momentum, 0, 1)) ** integer('steps', steps, 0);
}

export interface RunningStep {
  /** Batch mean. */
  mean: number;
  /** Biased batch variance (normalizes the batch). */
  var: number;
  /** Unbiased batch variance (enters running_var). */
  unbiasedVar: number;
  /** running_mean after this step. */
  runningMean: number;
  /** running_var after this step. */
  runningVar: number;
}

export interface RunningOptions {
  momentum?: number;
  eps?: number;
  /** Starting running_mean (default 0, a fresh layer). */
  runningMean?: number;
  /** Starting running_var (default 1). */
  runningVar?: number;
}

/**
 * One BatchNorm1d(1) training step per batch; returns the statistics after every step.
 * The arithmetic is `batchNorm`'s, operation for operation (so the results are bit-identical; the
 * unit tests check it), without building a rows × 1 matrix per batch: a thousand steps stay fast.
 */
export function runningStatistics(batches: ArrayLike<number>[], opts: RunningOptions = {}): RunningStep[] {
  if (!Array.isArray(batches) || batches.length === 0) {
    throw paramTypeError('batches', `batches must be a non-empty array of batches; received ${describe(batches)}`);
  }
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  const momentum = inRange('momentum', opts.momentum ?? 0.1, 0, 1);
  if (opts.eps !== undefined) greaterThan('eps', opts.eps, 0);
  let rm = finite('runningMean', opts.runningMean ?? 0);
  let rv = atLeast('runningVar', opts.runningVar ?? 1, 0);
  return finiteResult('runningStatistics', batches.map((b, t) => {
    const values = vector(`batches[${t}]`, b, 2);
    const n = values.length;
    let mean = 0;
    for (const v of values) mean += v;
    mean /= n;
    let variance = 0;
    for (const v of values) variance += (v - mean) ** 2;
    variance /= n;
    const unbiasedVar = (variance * n) / (n - 1);
    rm = (1 - momentum) * rm + momentum * mean;
    rv = (1 - momentum) * rv + momentum * unbiasedVar;
    return { mean, var: variance, unbiasedVar, runningMean: rm, runningVar: rv };
  }));
}
