/**
 * Vector quantization as in the seed's `VectorQuantizer` (Sonnet / VQ-VAE, van den Oord et al. 2017).
 *
 * Forward pass only (there are no gradients in a browser cell): every D-dimensional row of `x` is
 * replaced by its nearest codebook row (squared Euclidean distance, ties to the lowest index as
 * `torch.argmin`), and the layer reports
 *   loss = q_latent + β·e_latent, q_latent = mean((q − sg x)²), e_latent = mean((sg q − x)²),
 * whose forward values are equal, so loss = (1 + β)·mse; and the codebook perplexity
 *   exp(−Σ_k p_k log p_k), p_k = share of rows assigned to code k
 * (the mean of one-hot encodings — the seed's own line computes something else: see
 * `seedPerplexity` and erratum 1).
 *
 * The search never builds the N×K distance matrix that the PyTorch code (and an ONNX export of it)
 * materializes: it is nearestCode.ts's expanded form, argmin(‖e‖² − 2x·e) with ‖e‖² precomputed once,
 * each row streaming over the codebook (in WebAssembly SIMD where it can run: vqWasm.ts, the same
 * float64 arithmetic, so the same indices); a second, cheap pass over the rows writes the quantized
 * rows and accumulates the loss and the code counts. The perplexity is perplexity.ts's.
 */
import { atLeast, describe, finiteResult, integer, isArrayLike, rowEntryError } from './validate';
import { nearestExpanded, type NearestKernel } from './nearestCode';
import { perplexityFromCounts } from './perplexity';
import { paramRangeError, paramTypeError } from './refusal';

export interface VectorQuantizeResult {
  /** Code index of each of the N rows (Int32Array of length N). */
  indices: Int32Array;
  /** The quantized rows, N×D row-major (forward value of the straight-through output). */
  quantized: Float32Array;
  /** q_latent + β·e_latent. */
  loss: number;
  /** exp(entropy) of code usage: 1 when one code takes every row, K when usage is uniform. */
  perplexity: number;
  /** mean((sg q − x)²), the commitment term before β (equal in value to qLatentLoss). */
  eLatentLoss: number;
  /** mean((q − sg x)²), the codebook term. */
  qLatentLoss: number;
}

/** Largest N·K·D a page may ask for in one call (about 10 s of work in a browser). */
export const MAX_VQ_WORK = 2 ** 36;

/** Largest codebook size the usage/perplexity helpers count (they allocate one slot per code). */
const MAX_CODEBOOK_SIZE = 1 << 20;

function asFloat32(name: string, value: unknown): Float32Array {
  if (value instanceof Float32Array) return value;
  if (!isArrayLike(value)) {
    throw paramTypeError(name, `${name} must be a Float32Array or an array of numbers; received ${describe(value)}`);
  }
  return Float32Array.from(value as ArrayLike<number>);
}

/**
 * One pass over a flat float32 array: the first non-finite entry is reported with its row and column.
 * After the conversion to float32, so a value that overflows float32 (1e39) is refused as Infinity.
 */
function checkFinite(name: string, a: Float32Array, dim: number): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    // v − v is 0 for every finite v and NaN for NaN and ±Infinity.
    if (v - v !== 0) throw rowEntryError(name, i, dim, v);
  }
}

function checkShape(name: string, length: number, dim: number, what: string): number {
  if (length === 0) throw paramRangeError(name, `${name} must have at least one ${what} of length dim=${dim}; received length 0`);
  if (length % dim !== 0) {
    throw paramRangeError(`${name}.length`, `${name}.length must be a multiple of dim=${dim}; received length ${length}`);
  }
  return length / dim;
}

/** Validated inputs shared by the forward pass and the loss helper. */
function prepare(x: unknown, codebook: unknown, dim: unknown, commitmentCost: unknown) {
  const d = integer('dim', dim, 1);
  const xs = asFloat32('x', x);
  const cb = asFloat32('codebook', codebook);
  const n = checkShape('x', xs.length, d, 'row');
  const k = checkShape('codebook', cb.length, d, 'code');
  const beta = atLeast('commitmentCost', commitmentCost, 0);
  checkFinite('x', xs, d);
  checkFinite('codebook', cb, d);
  return { xs, cb, d, n, k, beta };
}

/**
 * Writes each row's code into `quantized`, counts it and adds its squared errors (float32 code
 * minus float32 input, in float64) one by one, in row order, to the sum it returns.
 */
function emitAll(
  xs: Float32Array, cb: Float32Array, d: number, n: number,
  indices: Int32Array, quantized: Float32Array, counts: Float64Array,
): number {
  let s = 0;
  for (let i = 0, xo = 0; i < n; i++, xo += d) {
    const best = indices[i]!;
    counts[best]! += 1;
    const eo = best * d;
    for (let t = 0; t < d; t++) {
      const q = cb[eo + t]!;
      quantized[xo + t] = q;
      const diff = q - xs[xo + t]!;
      s += diff * diff;
    }
  }
  return s;
}

/** Which argmin kernel runs: the WebAssembly-SIMD one for large inputs where available ('auto'), or one of them only. */
export type VqKernel = NearestKernel;

function checkKernel(kernel: unknown): VqKernel {
  if (kernel !== 'auto' && kernel !== 'js' && kernel !== 'wasm') {
    throw paramTypeError('options.kernel', `options.kernel must be 'auto', 'js' or 'wasm'; received ${describe(kernel)}`);
  }
  return kernel;
}

/**
 * Only the argmin of `vectorQuantize` with a chosen kernel, for tests and the benchmark:
 * the nearest code of each row, ties to the lowest index (nearestCode.ts's expanded form).
 */
export function nearestCodeIndices(
  x: Float32Array | ArrayLike<number>, codebook: Float32Array | ArrayLike<number>, dim: number, kernel: VqKernel = 'auto',
): Int32Array {
  const { xs, cb, d, n, k } = prepare(x, codebook, dim, 0);
  const indices = new Int32Array(n);
  nearestExpanded(xs, cb, d, n, k, indices, kernel);
  return indices;
}

/**
 * The seed's VectorQuantizer forward pass on flat float32 data: `x` is N×dim, `codebook` K×dim,
 * both row-major. Arithmetic is float64 on the float32 inputs; results match PyTorch's float32
 * forward to ~1e-6 relative (indices can differ only where two codes are tied within float32 rounding).
 * `options.kernel` picks the argmin kernel: 'auto' (WebAssembly SIMD for large inputs where it can
 * run, else JavaScript; D = 3 always JavaScript), 'js', or 'wasm' (throws where unavailable). All give
 * the same result.
 */
export function vectorQuantize(
  x: Float32Array | ArrayLike<number>,
  codebook: Float32Array | ArrayLike<number>,
  dim: number,
  commitmentCost = 0.25,
  options: { kernel?: VqKernel } = {},
): VectorQuantizeResult {
  const { xs, cb, d, n, k, beta } = prepare(x, codebook, dim, commitmentCost);
  const kernel = checkKernel(options?.kernel ?? 'auto');
  if (n * k * d > MAX_VQ_WORK) {
    throw paramRangeError('x', `x rows × codebook rows × dim must be ≤ 2^36; received ${n}×${k}×${d}`);
  }
  const indices = new Int32Array(n);
  const quantized = new Float32Array(n * d);
  const counts = new Float64Array(k);
  // At D = 3 (colour palettes) the JS kernel is as fast as the WebAssembly one (bench/results.md),
  // so 'auto' keeps palettes in JavaScript and a colour page never compiles WebAssembly.
  nearestExpanded(xs, cb, d, n, k, indices, kernel === 'auto' && d === 3 ? 'js' : kernel);
  const sse = emitAll(xs, cb, d, n, indices, quantized, counts);
  const mse = sse / (n * d);
  // Squares of float32 differences cannot overflow a float64 sum, but a huge β times the mse can:
  // refuse, never return Infinity. (Only the scalars: the indices and quantized rows are always finite.)
  const loss = finiteResult('vectorQuantize.loss', mse + beta * mse);
  return { indices, quantized, loss, perplexity: perplexityFromCounts(counts, n), eLatentLoss: mse, qLatentLoss: mse };
}

/**
 * The VQ loss terms for given (possibly forced) indices: what the seed's comment computes by hand.
 * With x = [[1,1],[2,2],[3,3]], codebook rows 10,20,30,40 and indices [2,0,1] the commitment term
 * is 398 (the seed prints 421.0: erratum 3).
 */
export function vqLossForIndices(
  x: Float32Array | ArrayLike<number>,
  codebook: Float32Array | ArrayLike<number>,
  dim: number,
  indices: ArrayLike<number>,
  commitmentCost = 0.25,
): { loss: number; eLatentLoss: number; qLatentLoss: number } {
  const { xs, cb, d, n, k, beta } = prepare(x, codebook, dim, commitmentCost);
  const idx = checkIndices(indices, k);
  if (idx.length !== n) {
    throw paramRangeError('indices', `indices must have one entry per row of x (${n}); received length ${idx.length}`);
  }
  let sse = 0;
  for (let i = 0; i < n; i++) {
    const eo = idx[i]! * d;
    for (let t = 0; t < d; t++) {
      const diff = cb[eo + t]! - xs[i * d + t]!;
      sse += diff * diff;
    }
  }
  const mse = sse / (n * d);
  return finiteResult('vqLossForIndices', { loss: mse + beta * mse, eLatentLoss: mse, qLatentLoss: mse });
}

function checkIndices(indices: unknown, numEmbeddings: number): number[] {
  if (!isArrayLike(indices)) {
    throw paramTypeError('indices', `indices must be an array of integers; received ${describe(indices)}`);
  }
  const out = new Array<number>(indices.length);
  for (let i = 0; i < indices.length; i++) {
    out[i] = integer(`indices[${i}]`, indices[i], 0, numEmbeddings - 1);
  }
  return out;
}

/** How many rows each code received (length K). */
export function codebookUsage(indices: ArrayLike<number>, numEmbeddings: number): number[] {
  const k = integer('numEmbeddings', numEmbeddings, 1, MAX_CODEBOOK_SIZE);
  const idx = checkIndices(indices, k);
  const counts = new Array<number>(k).fill(0);
  for (const j of idx) counts[j]! += 1;
  return counts;
}

/** The correct perplexity of a code assignment: exp(entropy of the usage distribution). */
export function codebookPerplexity(indices: ArrayLike<number>, numEmbeddings: number): number {
  const counts = codebookUsage(indices, numEmbeddings);
  if (counts.length === 0 || indices.length === 0) {
    throw paramRangeError('indices', `indices must have length ≥ 1; received length ${indices.length}`);
  }
  return perplexityFromCounts(counts, indices.length);
}

/**
 * The seed's perplexity line, reproduced to show what it computes:
 *   avg_probs = mean(indices / K)          ← one number, not a distribution over codes
 *   perplexity = exp(−avg_probs · log(avg_probs + 1e-10))
 * It depends on *which* codes are used (code 3 counts more than code 1), not on how evenly they are
 * used, and never exceeds e^(1/e) ≈ 1.4447 whatever K is. Erratum 1.
 */
export function seedPerplexity(indices: ArrayLike<number>, numEmbeddings: number): number {
  const k = integer('numEmbeddings', numEmbeddings, 1, MAX_CODEBOOK_SIZE);
  const idx = checkIndices(indices, k);
  if (idx.length === 0) throw paramRangeError('indices', `indices must have length ≥ 1; received length 0`);
  let s = 0;
  for (const j of idx) s += j / k;
  const avg = s / idx.length;
  return Math.exp(-avg * Math.log(avg + 1e-10));
}
