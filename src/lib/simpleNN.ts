/**
 * The seed's `SimpleNN` (fc1: 10 → 50, ReLU, Dropout(p), fc2: 50 → 1) as plain arrays, with
 * seeded weights, so the dropout page can draw the network, apply a visible mask and average many
 * dropout passes.
 *
 * Initialisation follows `torch.nn.Linear`'s default: weight and bias uniform in
 * [−1/√fan_in, 1/√fan_in] (kaiming_uniform with a = √5). The numbers come from the site's PRNG
 * (`createRng`), drawn in this order: fc1.weight (row-major, hidden × inputs), fc1.bias,
 * fc2.weight (outputs × hidden), fc2.bias, then the example input x (standard normals, like
 * `torch.randn`). The Python twin in randomPython.ts redraws the same numbers for PyTorch.
 *
 * The forward pass is PyTorch's: y = fc2(dropout(relu(fc1(x)))), with inverted dropout
 * (kept units scaled by 1/(1 − p), eval = identity) from dropout.ts.
 */
import { createRng } from './random';
import { dropout, dropoutMask, dropoutScale } from './dropout';
import { describe, finiteResult, inRange, integer, matrix, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

export interface SimpleNN {
  /** fc1.weight: hidden × inputs. */
  w1: number[][];
  /** fc1.bias: hidden. */
  b1: number[];
  /** fc2.weight: outputs × hidden. */
  w2: number[][];
  /** fc2.bias: outputs. */
  b2: number[];
}

export interface SimpleNNSizes {
  inputs?: number;
  hidden?: number;
  outputs?: number;
}

/** Largest layer this module builds (bounds allocations driven by URL state). */
export const MAX_LAYER_WIDTH = 1024;
/** Most dropout passes `mcDropout` averages. */
export const MAX_MC_PASSES = 100_000;

function sizesOf(sizes: SimpleNNSizes): Required<SimpleNNSizes> {
  if (typeof sizes !== 'object' || sizes === null) throw paramTypeError('sizes', `sizes must be an object; received ${describe(sizes)}`);
  return {
    inputs: integer('inputs', sizes.inputs ?? 10, 1, MAX_LAYER_WIDTH),
    hidden: integer('hidden', sizes.hidden ?? 50, 1, MAX_LAYER_WIDTH),
    outputs: integer('outputs', sizes.outputs ?? 1, 1, MAX_LAYER_WIDTH),
  };
}

/** A `SimpleNN` with nn.Linear's default initialisation drawn from `createRng(seed)`; also returns
 * the generator so the caller can keep drawing from the same stream. */
function initFrom(seed: number, sizes: SimpleNNSizes) {
  const { inputs, hidden, outputs } = sizesOf(sizes);
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  const u = (fanIn: number) => {
    const bound = 1 / Math.sqrt(fanIn);
    return () => rng.uniform(-bound, bound);
  };
  const u1 = u(inputs);
  const u2 = u(hidden);
  const w1 = Array.from({ length: hidden }, () => Array.from({ length: inputs }, u1));
  const b1 = Array.from({ length: hidden }, u1);
  const w2 = Array.from({ length: outputs }, () => Array.from({ length: hidden }, u2));
  const b2 = Array.from({ length: outputs }, u2);
  return { net: { w1, b1, w2, b2 }, rng, inputs };
}

export function initSimpleNN(seed: number, sizes: SimpleNNSizes = {}): SimpleNN {
  return initFrom(seed, sizes).net;
}

/** The network of `initSimpleNN(seed)` and an input x of standard normals drawn right after it. */
export function simpleNNExample(seed: number, sizes: SimpleNNSizes = {}): { net: SimpleNN; x: number[] } {
  const { net, rng, inputs } = initFrom(seed, sizes);
  const x = Array.from({ length: inputs }, () => rng.normal());
  return { net, x };
}

function checkNet(net: unknown): SimpleNN {
  if (typeof net !== 'object' || net === null) {
    throw paramTypeError('net', `net must be an object with w1, b1, w2, b2; received ${describe(net)}`);
  }
  // Shapes as nn.Linear: w1 hidden×inputs, b1 hidden, w2 outputs×hidden, b2 outputs.
  const n = net as Partial<SimpleNN>;
  const w1 = matrix('net.w1', n.w1);
  const b1 = vector('net.b1', n.b1, w1.length, w1.length);
  const w2 = matrix('net.w2', n.w2);
  const b2 = vector('net.b2', n.b2, w2.length, w2.length);
  if (w1.length > MAX_LAYER_WIDTH || w1[0]!.length > MAX_LAYER_WIDTH || w2.length > MAX_LAYER_WIDTH) {
    throw paramRangeError('net', `net layers must be at most ${MAX_LAYER_WIDTH} wide; received ${w1[0]!.length}→${w1.length}→${w2.length}`);
  }
  if (w2[0]!.length !== w1.length) {
    throw paramRangeError('net.w2', `net.w2 must have ${w1.length} columns (one per hidden unit); received ${w2[0]!.length}`);
  }
  return { w1, b1, w2, b2 };
}

function affine(w: number[][], b: number[], x: readonly number[]): number[] {
  return w.map((row, i) => {
    let s = 0;
    for (let j = 0; j < row.length; j++) s += row[j]! * x[j]!;
    return s + b[i]!;
  });
}

export interface DropoutForwardOptions {
  /** Drop probability of the dropout layer (PyTorch's p). */
  p: number;
  /** Seed of the dropout mask. */
  seed: number;
  /** Training mode (dropout active); default true. */
  training?: boolean;
}

export interface SimpleNNForward {
  /** fc1(x). */
  pre: number[];
  /** relu(fc1(x)): the hidden units before dropout. */
  hidden: number[];
  /** The keep-mask applied (all ones in eval mode). */
  mask: number[];
  /** The factor on kept units (1/(1 − p) in training, 1 in eval). */
  scale: number;
  /** dropout(hidden): what fc2 receives. */
  dropped: number[];
  /** fc2(dropped). */
  output: number[];
}

/** y = fc2(dropout(relu(fc1(x)))) with the mask `dropoutMask(hidden, p, seed)`. */
export function simpleNNForward(net: SimpleNN, x: ArrayLike<number>, opts: DropoutForwardOptions): SimpleNNForward {
  const n = checkNet(net);
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object { p, seed }; received ${describe(opts)}`);
  const inputs = vector('x', x, 1, MAX_LAYER_WIDTH);
  if (inputs.length !== n.w1[0]?.length) {
    throw paramRangeError('x', `x must have length ${n.w1[0]?.length ?? 0} (fc1's inputs); received length ${inputs.length}`);
  }
  const training = opts.training ?? true;
  const pre = affine(n.w1, n.b1, inputs);
  const hidden = pre.map((v) => (v > 0 ? v : 0));
  const dropped = dropout(hidden, opts.p, { seed: opts.seed, training });
  const mask = training ? Array.from(dropoutMask(hidden.length, opts.p, opts.seed)) : hidden.map(() => 1);
  const scale = training ? dropoutScale(opts.p) : 1;
  return finiteResult('simpleNNForward', { pre, hidden, mask, scale, dropped, output: affine(n.w2, n.b2, dropped) });
}

export interface McDropoutResult {
  /** Output of each training-mode pass (first output unit). */
  outputs: number[];
  /** Mean of the first k passes, k = 1..passes. */
  runningMean: number[];
  /** Eval-mode output (no dropout): the expectation of every pass. */
  evalOutput: number;
  /** Exact standard deviation of one pass over the random mask: √(p/(1 − p)·Σⱼ(w₂ⱼhⱼ)²). */
  passStd: number;
}

/**
 * Monte-Carlo dropout at one input: `passes` training-mode forward passes, each with a fresh mask.
 * The masks are consecutive draws of one stream `createRng(seed)` with dropout's rule (keep unit i
 * when u ≥ p), so pass 1's mask is exactly `dropoutMask(hidden, p, seed)`, the mask drawn on the
 * page. Because fc2 is linear and E[mask/(1 − p)] = 1, the expected output equals the eval output.
 */
export function mcDropout(net: SimpleNN, x: ArrayLike<number>, p: number, seed: number, passes: number): McDropoutResult {
  const count = integer('passes', passes, 1, MAX_MC_PASSES);
  const prob = inRange('p', p, 0, 1);
  const base = simpleNNForward(net, x, { p: prob, seed, training: false });
  const n = checkNet(net);
  const w2 = n.w2[0]!;
  const b2 = n.b2[0]!;
  const h = base.hidden;
  const scale = dropoutScale(prob);
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  const outputs = new Array<number>(count);
  const runningMean = new Array<number>(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    let s = 0;
    // Same operations, in the same order, as simpleNNForward: pass 1 equals it bit for bit.
    for (let j = 0; j < h.length; j++) if (rng.next() >= prob) s += w2[j]! * (h[j]! * scale);
    const y = s + b2;
    outputs[k] = y;
    total += y;
    runningMean[k] = total / (k + 1);
  }
  const sumSq = h.reduce((a, v, j) => a + (w2[j]! * v) ** 2, 0);
  const passStd = prob === 1 ? 0 : Math.sqrt((prob / (1 - prob)) * sumSq);
  return finiteResult('mcDropout', { outputs, runningMean, evalOutput: base.output[0]!, passStd });
}
