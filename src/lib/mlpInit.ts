/**
 * Seeded starting points for the lab's MLPs: initial Linear layers and the order each epoch visits
 * the training samples, both reproducible from a seed in the URL and redrawn exactly in Python
 * (scripts/fixtures/lab_data.py, with the twin of src/lib/randomPython.ts).
 *
 * Why here and not inside the trainer: the lab trains the same network with and without
 * regularization, so both runs must start from the same weights and see the samples in the same
 * order; only then is the difference the regularizer's. `initMLP` and `epochOrders` give those
 * inputs to `trainMLP` explicitly.
 *
 * Initialisation follows `torch.nn.Linear`'s default: weight and bias uniform in
 * [−1/√fan_in, 1/√fan_in] (kaiming_uniform with a = √5), in nn.Linear's layout (weight out × in).
 * The numbers come from the site's PRNG (`createRng(seed)`, `uniform(−b, b)` = −b + 2b·next()), drawn
 * in this order, as simpleNN.ts does for one network: layer 0's weight (row-major, out × in), layer 0's
 * bias, layer 1's weight, layer 1's bias, … .
 *
 * Orders: `createRng(seed)`, then for each epoch in turn one Fisher–Yates permutation of 0..n−1
 * (permutation.ts: from 0, 1, …, n−1, for i = n−1 down to 1, j = rng.int(i + 1), swap; n − 1 draws per
 * epoch, one stream across all epochs).
 */
import { createRng } from './random';
import { shuffledRange } from './permutation';
import { MLP_MAX_EPOCHS, MLP_MAX_LAYERS, MLP_MAX_PARAMETERS, MLP_MAX_WIDTH } from './trainer/limits';
import { MLP_CONV_MAX_CHANNELS, MLP_CONV_MAX_KERNEL, MLP_CONV_MIN_KERNEL, MLP_VQ_MAX_CODES, MLP_VQ_MIN_CODES } from './trainer/limits';
import type { MLPConv, MLPLayers } from './trainer/types';
import { describe, inRange, integer, isArrayLike } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Most samples `epochOrders` permutes. */
export const EPOCH_ORDERS_MAX_N = 100_000;
/** Most indices `epochOrders` returns in all (n × epochs): 1,000 samples for 10,000 epochs. */
export const EPOCH_ORDERS_MAX_VALUES = 10_000_000;

/** Layer widths [inputs, hidden…, classes]: 2 to MLP_MAX_LAYERS + 1 integers in [1, MLP_MAX_WIDTH]. */
function checkSizes(sizes: unknown): number[] {
  if (!isArrayLike(sizes)) throw paramTypeError('sizes', `sizes must be an array of layer widths [inputs, hidden…, outputs]; received ${describe(sizes)}`);
  if (sizes.length < 2 || sizes.length > MLP_MAX_LAYERS + 1) {
    throw paramRangeError('sizes', `sizes must have length in [2, ${MLP_MAX_LAYERS + 1}] (1 to ${MLP_MAX_LAYERS} Linear layers); received length ${sizes.length}`);
  }
  const s = Array.from(sizes, (v, i) => integer(`sizes[${i}]`, v, 1, MLP_MAX_WIDTH));
  let params = 0;
  for (let l = 1; l < s.length; l++) params += s[l]! * (s[l - 1]! + 1);
  if (params > MLP_MAX_PARAMETERS) {
    throw paramRangeError('sizes', `sizes must give at most ${MLP_MAX_PARAMETERS} weights and biases (the trainer's limit); received ${params}`);
  }
  return s;
}

/** Linear layers sizes[l] → sizes[l + 1] with nn.Linear's default initialisation from `createRng(seed)`. */
export function initMLP(sizes: number[], seed: number): MLPLayers {
  const s = checkSizes(sizes);
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  const weights: number[][][] = [];
  const biases: number[][] = [];
  for (let l = 0; l + 1 < s.length; l++) {
    const fanIn = s[l]!;
    const out = s[l + 1]!;
    const bound = 1 / Math.sqrt(fanIn);
    const u = () => rng.uniform(-bound, bound);
    weights.push(Array.from({ length: out }, () => Array.from({ length: fanIn }, u)));
    biases.push(Array.from({ length: out }, u));
  }
  return { weights, biases };
}

/**
 * The trainer's conv front end (`opts.conv`, `init.conv`) with nn.Conv2d(1, channels, kernel)'s default
 * initialisation: weight and bias uniform in [−1/√fan_in, 1/√fan_in], fan_in = kernel² (one input
 * channel), from `createRng(seed)`: the weight first (channel, then kernel row, then column), then the
 * bias. Use another seed than initMLP's for the Linear layers (the streams would overlap).
 */
export function initConv(channels: number, kernel: number, seed: number): MLPConv {
  const c = integer('channels', channels, 1, MLP_CONV_MAX_CHANNELS);
  const k = integer('kernel', kernel, MLP_CONV_MIN_KERNEL, MLP_CONV_MAX_KERNEL);
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  const bound = 1 / Math.sqrt(k * k);
  const u = () => rng.uniform(-bound, bound);
  const weight = Array.from({ length: c }, () => [Array.from({ length: k }, () => Array.from({ length: k }, u))]);
  return { weight, bias: Array.from({ length: c }, u) };
}

/**
 * A VQ bottleneck's codebook (trainMLP's `init.codebook`), K codes of D values drawn uniformly from
 * `range` by `createRng(seed)`, code by code (row-major). The default range is VQ-VAE's embedding
 * initialisation (−1/K, 1/K). The lab passes [0, 1) instead: its bottleneck quantizes a ReLU layer,
 * whose pieces are ≥ 0 and of order 1, and codes that start near 0 are mostly never chosen — a code no
 * piece chooses gets no gradient and stays where it started (measured on the lab's default network:
 * about 4 of 32 codes in use, against about 24 with [0, 1)).
 */
export function initCodebook(codes: number, dim: number, seed: number, range?: readonly [number, number]): number[][] {
  const k = integer('codes', codes, MLP_VQ_MIN_CODES, MLP_VQ_MAX_CODES);
  const d = integer('dim', dim, 1, MLP_MAX_WIDTH);
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  let lo = -1 / k;
  let hi = 1 / k;
  if (range !== undefined) {
    if (!isArrayLike(range) || range.length !== 2) throw paramTypeError('range', `range must be [low, high]; received ${describe(range)}`);
    lo = inRange('range[0]', range[0], -1e6, 1e6);
    hi = inRange('range[1]', range[1], lo, 1e6);
  }
  return Array.from({ length: k }, () => Array.from({ length: d }, () => rng.uniform(lo, hi)));
}

/**
 * The seeds of the lab's conv and codebook streams, derived from a run's seed (the Linear layers use
 * the seed itself): constants distinct from each other and from the trainer's own streams
 * (trainer/randomStreams.ts: 0x9E3779B9 shuffles, 0x85EBCA6B augmentation), so no two streams coincide,
 * and the PyTorch program redraws each (src/cells/lab.ts's labCode).
 */
export function convSeed(seed: number): number {
  return (integer('seed', seed, 0, 2 ** 32 - 1) ^ 0x27d4eb2f) >>> 0;
}

export function codebookSeed(seed: number): number {
  return (integer('seed', seed, 0, 2 ** 32 - 1) ^ 0x165667b1) >>> 0;
}

/** orders[e]: the permutation of 0..n−1 that epoch e visits (the trainer's `order` option). */
export function epochOrders(n: number, epochs: number, seed: number): number[][] {
  const count = integer('n', n, 1, EPOCH_ORDERS_MAX_N);
  const e = integer('epochs', epochs, 0, MLP_MAX_EPOCHS);
  if (count * e > EPOCH_ORDERS_MAX_VALUES) {
    throw paramRangeError('n', `n × epochs must be ≤ ${EPOCH_ORDERS_MAX_VALUES}; received ${count} × ${e} = ${count * e}`);
  }
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  return Array.from({ length: e }, () => shuffledRange(count, rng));
}
