/**
 * The noise batch normalization puts on one example: the same value x_i, normalized in many random
 * mini-batches of size B that contain it (training-mode BatchNorm1d of one feature: batch mean, biased
 * batch variance, eps, γ = 1, β = 0), gives a different output in each, because its batch-mates
 * change. How much it varies, against B, is what this module measures.
 *
 * One draw: x_i, then B − 1 other examples chosen without replacement from the rest by a partial
 * Fisher–Yates shuffle of the others' indices (step k swaps entry k with entry k + ⌊next()·(N − 1 − k)⌋;
 * the array is not reset between draws, each draw still is a uniform random subset). When B = N the
 * batch is the whole data set and nothing is drawn: the others stay in index order, every draw gives
 * the same bits and the spread is exactly 0. The Python twin (scripts/fixtures/bn_noise.py and the
 * cell's PyTorch panel) draws the same batches from the same Mulberry32 stream.
 */
import { createRng } from './random';
import { describe, finiteResult, greaterThan, integer, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Most values a data set may have. */
export const MAX_NOISE_DATA = 4096;
/** Most values one call may draw: draws × (the sum of the batch sizes). */
export const MAX_NOISE_WORK = 1 << 24;

export interface BatchNoiseOptions {
  /** Index of the example x_i in the data (0 to N − 1). */
  index: number;
  /** Batch size B (2 to N: training mode needs more than one value per feature). */
  batchSize: number;
  /** Number of random batches R (≥ 2, for a standard deviation). */
  draws: number;
  /** Seed of the batches' generator (createRng). */
  seed: number;
  /** Added to the variance (default 1e-5, PyTorch's). */
  eps?: number;
}

export interface BatchNoise {
  batchSize: number;
  /** x_i's normalized value in each of the R batches, in draw order. */
  values: number[];
  /** Their mean. */
  mean: number;
  /** Their sample standard deviation (divided by R − 1, as torch.std). */
  std: number;
}

export interface NoisePoint {
  batchSize: number;
  mean: number;
  std: number;
}

interface Checked {
  data: number[];
  index: number;
  draws: number;
  seed: number;
  eps: number;
}

function checkCommon(data: unknown, opts: unknown): Checked {
  const x = vector('data', data, 2, MAX_NOISE_DATA);
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  const o = opts as Record<string, unknown>;
  const index = integer('index', o.index, 0, x.length - 1);
  const draws = integer('draws', o.draws, 2, MAX_NOISE_WORK);
  const seed = integer('seed', o.seed, 0, 2 ** 32 - 1);
  const eps = greaterThan('eps', o.eps ?? 1e-5, 0);
  return { data: x, index, draws, seed, eps };
}

/** Mean and sample standard deviation, shifted by the first value so that equal values give exactly 0. */
function meanStd(values: number[]): { mean: number; std: number } {
  const r = values.length;
  const v0 = values[0]!;
  let s = 0;
  for (const v of values) s += v - v0;
  const d = s / r;
  let ss = 0;
  for (const v of values) ss += (v - v0 - d) ** 2;
  return { mean: v0 + d, std: Math.sqrt(ss / (r - 1)) };
}

/** R draws of x_i's normalized value with batches of size `batchSize` (the checks are the caller's). */
function draw(c: Checked, batchSize: number): BatchNoise {
  const { data, index, draws, eps } = c;
  const n = data.length;
  const rng = createRng(c.seed);
  const batch = new Float64Array(batchSize);
  const xi = data[index]!;
  const values = new Array<number>(draws);
  // The others' indices, shuffled in place draw after draw (a partial Fisher–Yates per draw).
  const others = Array.from({ length: n - 1 }, (_, j) => (j < index ? j : j + 1));
  const whole = batchSize === n;
  for (let r = 0; r < draws; r++) {
    batch[0] = xi;
    for (let k = 0; k < batchSize - 1; k++) {
      if (!whole) {
        const j = k + Math.floor(rng.next() * (n - 1 - k));
        const t = others[j]!;
        others[j] = others[k]!;
        others[k] = t;
      }
      batch[k + 1] = data[others[k]!]!;
    }
    // batchNorm.ts's arithmetic: mean, then the two-pass biased variance.
    let mean = 0;
    for (let t = 0; t < batchSize; t++) mean += batch[t]!;
    mean /= batchSize;
    let variance = 0;
    for (let t = 0; t < batchSize; t++) variance += (batch[t]! - mean) ** 2;
    variance /= batchSize;
    values[r] = (xi - mean) * (1 / Math.sqrt(variance + eps));
  }
  return { batchSize, values, ...meanStd(values) };
}

function checkWork(draws: number, sizes: number[]): void {
  const total = sizes.reduce((a, b) => a + b, 0);
  if (draws * total > MAX_NOISE_WORK) {
    throw paramRangeError('draws', `draws × batch sizes must be at most ${MAX_NOISE_WORK} values; received ${draws}×${total}`);
  }
}

/** x_i's normalized value in `draws` random batches of size `batchSize` that contain it. */
export function batchNormNoise(data: ArrayLike<number>, opts: BatchNoiseOptions): BatchNoise {
  const c = checkCommon(data, opts);
  // B = 1 is PyTorch's "Expected more than 1 value per channel when training".
  const b = integer('batchSize', (opts as unknown as Record<string, unknown>).batchSize, 2, c.data.length);
  checkWork(c.draws, [b]);
  return finiteResult('batchNormNoise', draw(c, b));
}

/** The batch sizes of a sweep over a data set of n values: 2, 4, 8, … below n, then n. */
export function noiseBatchSizes(n: number): number[] {
  const size = integer('n', n, 2, MAX_NOISE_DATA);
  const out: number[] = [];
  for (let b = 2; b < size; b *= 2) out.push(b);
  out.push(size);
  return out;
}

/**
 * The spread against B: for each batch size (default `noiseBatchSizes(N)`), `batchNormNoise`'s mean
 * and standard deviation with the same index, draws and seed (each size starts the generator afresh,
 * so a size's point equals `batchNormNoise` at that size).
 */
export function batchNormNoiseSweep(
  data: ArrayLike<number>,
  opts: Omit<BatchNoiseOptions, 'batchSize'>,
  sizes?: ArrayLike<number>,
): NoisePoint[] {
  const c = checkCommon(data, opts);
  const n = c.data.length;
  const list = sizes === undefined ? noiseBatchSizes(n) : vector('sizes', sizes, 1, 64);
  const bs = list.map((b, i) => integer(`sizes[${i}]`, b, 2, n));
  checkWork(c.draws, bs);
  return finiteResult('batchNormNoiseSweep', bs.map((b) => {
    const { mean, std } = draw(c, b);
    return { batchSize: b, mean, std };
  }));
}
