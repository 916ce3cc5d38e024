/**
 * Dropout as PyTorch implements it (`torch.nn.Dropout`, `torch.nn.Dropout2d`): "inverted" dropout.
 *
 * In training each unit is kept with probability 1 − p and the kept units are scaled by 1/(1 − p),
 * so the expected output equals the input and evaluation needs no rescaling: in eval mode (and for
 * p = 0) the layer is the identity. p = 1 drops everything (PyTorch returns zeros, not NaN).
 * Srivastava et al. (2014) instead call p the *retention* probability and scale the weights at test
 * time; the pages say so, the code follows PyTorch.
 *
 * PyTorch's own random stream cannot be reproduced in a browser, so masks come from the site's seeded
 * PRNG (`createRng`): the same seed always draws the same mask, and `dropoutMask` returns exactly the
 * mask `dropout` applies so a page can draw it beside the numbers.
 */
import { createRng } from './random';
import { finiteResult, inRange, integer, isArrayLike, describe, vector, matrix } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

export interface DropoutOptions {
  /** Seed of the mask (integer in [0, 2³²)); the same seed gives the same mask. */
  seed: number;
  /** Training mode (default true). In eval mode dropout is the identity. */
  training?: boolean;
}

/** Largest mask a page may ask for; bounds allocations driven by URL state. */
export const MAX_DROPOUT_UNITS = 1 << 24;

function checkP(p: unknown): number {
  return inRange('p', p, 0, 1);
}

function checkTraining(training: unknown): boolean {
  if (training === undefined) return true;
  if (typeof training !== 'boolean') {
    throw paramTypeError('opts.training', `opts.training must be a boolean; received ${describe(training)}`);
  }
  return training;
}

function checkOpts(opts: unknown): { seed: number; training: boolean } {
  if (typeof opts !== 'object' || opts === null) {
    throw paramTypeError('opts', `opts must be an object with a seed; received ${describe(opts)}`);
  }
  const o = opts as Partial<DropoutOptions>;
  const seed = integer('opts.seed', o.seed, 0, 2 ** 32 - 1);
  return { seed, training: checkTraining(o.training) };
}

/**
 * The keep-mask dropout draws: `mask[i] = 1` keeps unit i (probability 1 − p), `0` drops it.
 * Unit i is kept when the i-th uniform draw u ∈ [0, 1) satisfies u ≥ p, so p = 0 keeps all and
 * p = 1 drops all, with no special cases.
 */
export function dropoutMask(n: number, p: number, seed: number): Uint8Array {
  const count = integer('n', n, 0, MAX_DROPOUT_UNITS);
  const prob = checkP(p);
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  const mask = new Uint8Array(count);
  for (let i = 0; i < count; i++) mask[i] = rng.next() >= prob ? 1 : 0;
  return mask;
}

/**
 * The factor applied to kept units, 1/(1 − p). PyTorch computes `scale = 1/(1 − p)` once and then
 * `x · scale` (not `x / (1 − p)`), which we copy so kept values agree bit for bit; for p = 1 nothing
 * is kept and the factor is 0, as in PyTorch's `native_dropout`.
 */
export function dropoutScale(p: number): number {
  const prob = checkP(p);
  return prob === 1 ? 0 : 1 / (1 - prob);
}

/**
 * Inverted dropout of a vector (`torch.nn.Dropout(p)` applied to `x`).
 * Returns a new array; entries are either 0 or x[i]/(1 − p).
 */
export function dropout(x: ArrayLike<number>, p: number, opts: DropoutOptions): number[] {
  const values = vector('x', x, 0, MAX_DROPOUT_UNITS);
  const prob = checkP(p);
  const { seed, training } = checkOpts(opts);
  if (!training || prob === 0) return values;
  const mask = dropoutMask(values.length, prob, seed);
  const scale = dropoutScale(prob);
  return finiteResult('dropout', values.map((v, i) => (mask[i] === 1 ? v * scale : 0)));
}

/**
 * Channel dropout (`torch.nn.Dropout2d`): `x` is channels × values (a feature map flattened per
 * channel); a dropped channel is zeroed as a whole, kept channels are scaled by 1/(1 − p).
 * Why whole channels: neighbouring activations in a feature map are strongly correlated, so
 * dropping single units hardly removes information (Tompson et al., 2015). The channel mask is
 * `dropoutMask(channels, p, seed)`.
 */
export function dropout2d(x: number[][], p: number, opts: DropoutOptions): number[][] {
  if (!Array.isArray(x) || !x.every((row) => isArrayLike(row))) {
    throw paramTypeError('x', `x must be an array of channels (arrays of numbers); received ${describe(x)}`);
  }
  const channels = x.length === 0 ? [] : matrix('x', x, 1, 0);
  const prob = checkP(p);
  const { seed, training } = checkOpts(opts);
  const total = channels.reduce((s, row) => s + row.length, 0);
  if (total > MAX_DROPOUT_UNITS) {
    throw paramRangeError('x', `x must have at most ${MAX_DROPOUT_UNITS} values; received ${total}`);
  }
  if (!training || prob === 0) return channels;
  const mask = dropoutMask(channels.length, prob, seed);
  const scale = dropoutScale(prob);
  return finiteResult('dropout2d', channels.map((row, c) => (mask[c] === 1 ? row.map((v) => v * scale) : row.map(() => 0))));
}
