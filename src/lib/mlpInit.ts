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
import type { MLPLayers } from './trainer/types';
import { describe, integer, isArrayLike } from './validate';

/** Most samples `epochOrders` permutes. */
export const EPOCH_ORDERS_MAX_N = 100_000;
/** Most indices `epochOrders` returns in all (n × epochs): 1,000 samples for 10,000 epochs. */
export const EPOCH_ORDERS_MAX_VALUES = 10_000_000;

/** Layer widths [inputs, hidden…, classes]: 2 to MLP_MAX_LAYERS + 1 integers in [1, MLP_MAX_WIDTH]. */
function checkSizes(sizes: unknown): number[] {
  if (!isArrayLike(sizes)) throw new TypeError(`sizes must be an array of layer widths [inputs, hidden…, outputs]; received ${describe(sizes)}`);
  if (sizes.length < 2 || sizes.length > MLP_MAX_LAYERS + 1) {
    throw new RangeError(`sizes must have length in [2, ${MLP_MAX_LAYERS + 1}] (1 to ${MLP_MAX_LAYERS} Linear layers); received length ${sizes.length}`);
  }
  const s = Array.from(sizes, (v, i) => integer(`sizes[${i}]`, v, 1, MLP_MAX_WIDTH));
  let params = 0;
  for (let l = 1; l < s.length; l++) params += s[l]! * (s[l - 1]! + 1);
  if (params > MLP_MAX_PARAMETERS) {
    throw new RangeError(`sizes must give at most ${MLP_MAX_PARAMETERS} weights and biases (the trainer's limit); received ${params}`);
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

/** orders[e]: the permutation of 0..n−1 that epoch e visits (the trainer's `order` option). */
export function epochOrders(n: number, epochs: number, seed: number): number[][] {
  const count = integer('n', n, 1, EPOCH_ORDERS_MAX_N);
  const e = integer('epochs', epochs, 0, MLP_MAX_EPOCHS);
  if (count * e > EPOCH_ORDERS_MAX_VALUES) {
    throw new RangeError(`n × epochs must be ≤ ${EPOCH_ORDERS_MAX_VALUES}; received ${count} × ${e} = ${count * e}`);
  }
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  return Array.from({ length: e }, () => shuffledRange(count, rng));
}
