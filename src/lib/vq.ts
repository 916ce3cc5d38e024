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
 * The kernel is fused: it never builds the N×K distance matrix that the PyTorch code (and an ONNX
 * export of it) materializes. argmin‖x − e‖² = argmin(‖e‖² − 2x·e), so ‖e‖² is precomputed once and
 * each row streams over the codebook (in WebAssembly SIMD where it can run: vqWasm.ts, the same
 * float64 arithmetic, so the same indices); a second, cheap pass over the rows writes the quantized
 * rows and accumulates the loss and the code counts.
 */
import { atLeast, describe, finiteResult, integer, isArrayLike } from './validate';
import { wasmNearest } from './vqWasm';
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

/** One pass over a flat array: the first non-finite entry is reported with its row and column. */
function checkFinite(name: string, a: Float32Array, dim: number): void {
  for (let i = 0; i < a.length; i++) {
    const v = a[i]!;
    // v − v is 0 for every finite v and NaN for NaN and ±Infinity.
    if (v - v !== 0) {
      throw paramTypeError(
        `${name}[${Math.floor(i / dim)}][${i % dim}]`,
        `${name}[${Math.floor(i / dim)}][${i % dim}] must be a finite number; received ${describe(v)}`,
      );
    }
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
 * exp(−Σ p log p) from counts, with 0·log 0 = 0. The seed adds 1e-10 inside the log only to avoid
 * log 0; skipping unused codes does that exactly, so one used code gives exactly 1 (with the 1e-10
 * it would be 0.9999999999 in float64; torch's float32 rounds the difference away).
 */
function perplexityFromCounts(counts: ArrayLike<number>, n: number): number {
  let h = 0;
  for (let j = 0; j < counts.length; j++) {
    const p = counts[j]! / n;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.exp(h);
}

/**
 * Squared norms of the codes, each summed in coordinate order (as the dot products are), in a
 * float64 array of length `padded`; entries past k are +Infinity so padded codes never win.
 */
function codeNorms(cb: Float32Array, d: number, k: number, padded: number): Float64Array {
  const norms = new Float64Array(padded).fill(Infinity);
  for (let j = 0; j < k; j++) {
    const o = j * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = cb[o + t]!;
      s += v * v;
    }
    norms[j] = s;
  }
  return norms;
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

/**
 * General D. Register-blocked: two input rows against four codes per sweep over the coordinates
 * (eight independent accumulators; each loaded value feeds four or two products). The codebook is
 * copied once to float64 in blocks of four codes interleaved by coordinate ([block][t][code]) and
 * the two rows are interleaved the same way, so the inner loop reads two contiguous runs. K is
 * padded to a multiple of four with zero codes of norm +Infinity. Every dot product is still summed
 * in coordinate order from 0 and scores are compared with strict < in code order, so the result is
 * the same as a plain loop (ties to the lowest index, like torch.argmin).
 */
function nearestBlocked(
  xs: Float32Array, cb: Float32Array, norms: Float64Array, d: number, n: number, k: number, indices: Int32Array,
): void {
  const kp = norms.length;
  const bs = 4 * d;
  const blk = new Float64Array(kp * d);
  for (let j = 0; j < k; j++) {
    const o = (j >> 2) * bs + (j & 3);
    for (let t = 0; t < d; t++) blk[o + 4 * t] = cb[j * d + t]!;
  }
  const rows = new Float64Array(2 * d);
  const d2 = 2 * d;
  let i = 0;
  for (; i + 1 < n; i += 2) {
    const xo = i * d;
    for (let t = 0; t < d; t++) {
      rows[2 * t] = xs[xo + t]!;
      rows[2 * t + 1] = xs[xo + d + t]!;
    }
    let best0 = 0, best1 = 0, score0 = Infinity, score1 = Infinity;
    for (let j = 0, b = 0; j < kp; j += 4, b += bs) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0, c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let t = 0, p = b; t < d2; t += 2, p += 4) {
        const v = rows[t]!;
        const w = rows[t + 1]!;
        const e0 = blk[p]!, e1 = blk[p + 1]!, e2 = blk[p + 2]!, e3 = blk[p + 3]!;
        a0 += v * e0; a1 += v * e1; a2 += v * e2; a3 += v * e3;
        c0 += w * e0; c1 += w * e1; c2 += w * e2; c3 += w * e3;
      }
      const n0 = norms[j]!, n1 = norms[j + 1]!, n2 = norms[j + 2]!, n3 = norms[j + 3]!;
      let s = n0 - 2 * a0;
      if (s < score0) { score0 = s; best0 = j; }
      s = n1 - 2 * a1;
      if (s < score0) { score0 = s; best0 = j + 1; }
      s = n2 - 2 * a2;
      if (s < score0) { score0 = s; best0 = j + 2; }
      s = n3 - 2 * a3;
      if (s < score0) { score0 = s; best0 = j + 3; }
      s = n0 - 2 * c0;
      if (s < score1) { score1 = s; best1 = j; }
      s = n1 - 2 * c1;
      if (s < score1) { score1 = s; best1 = j + 1; }
      s = n2 - 2 * c2;
      if (s < score1) { score1 = s; best1 = j + 2; }
      s = n3 - 2 * c3;
      if (s < score1) { score1 = s; best1 = j + 3; }
    }
    indices[i] = best0;
    indices[i + 1] = best1;
  }
  if (i < n) {
    const xo = i * d;
    let best = 0, score = Infinity;
    for (let j = 0, b = 0; j < kp; j += 4, b += bs) {
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      for (let t = 0, p = b; t < d; t++, p += 4) {
        const v = xs[xo + t]!;
        a0 += v * blk[p]!; a1 += v * blk[p + 1]!; a2 += v * blk[p + 2]!; a3 += v * blk[p + 3]!;
      }
      let s = norms[j]! - 2 * a0;
      if (s < score) { score = s; best = j; }
      s = norms[j + 1]! - 2 * a1;
      if (s < score) { score = s; best = j + 1; }
      s = norms[j + 2]! - 2 * a2;
      if (s < score) { score = s; best = j + 2; }
      s = norms[j + 3]! - 2 * a3;
      if (s < score) { score = s; best = j + 3; }
    }
    indices[i] = best;
  }
}

/**
 * Below this many multiply-adds the JS kernel answers in well under a millisecond, so small cells
 * never compile WebAssembly (nor need 'wasm-unsafe-eval' in a Content-Security-Policy).
 */
const WASM_MIN_WORK = 2 ** 20;

/** Which argmin kernel runs: the WebAssembly-SIMD one where available ('auto'), or JS only. */
export type VqKernel = 'auto' | 'js' | 'wasm';

/**
 * The nearest code of each row into `indices`. Both kernels give identical indices (the same
 * float64 sums in the same order); 'wasm' throws where WebAssembly SIMD cannot run.
 */
function nearestCodes(
  xs: Float32Array, cb: Float32Array, d: number, n: number, k: number, indices: Int32Array, kernel: VqKernel,
): void {
  const norms = codeNorms(cb, d, k, (k + 3) & ~3);
  if (kernel !== 'js' && wasmNearest(xs, cb, norms, d, n, k, indices)) return;
  if (kernel === 'wasm') throw new Error('the WebAssembly SIMD kernel is unavailable in this engine');
  nearestBlocked(xs, cb, norms, d, n, k, indices);
}

/**
 * Only the argmin of `vectorQuantize` with a chosen kernel, for tests and the benchmark:
 * the nearest code of each row, ties to the lowest index.
 */
export function nearestCodeIndices(
  x: Float32Array | ArrayLike<number>, codebook: Float32Array | ArrayLike<number>, dim: number, kernel: VqKernel = 'auto',
): Int32Array {
  const { xs, cb, d, n, k } = prepare(x, codebook, dim, 0);
  const indices = new Int32Array(n);
  nearestCodes(xs, cb, d, n, k, indices, kernel);
  return indices;
}

/** D = 3 (colour palettes): the row stays in three locals, codes as [e0 e1 e2] triples in float64. */
function nearest3(
  xs: Float32Array, cb: Float32Array, n: number, k: number,
  indices: Int32Array, quantized: Float32Array, counts: Float64Array,
): number {
  const code = Float64Array.from(cb);
  const norms = codeNorms(cb, 3, k, k);
  const k3 = 3 * k;
  let sse = 0;
  for (let i = 0, xo = 0; i < n; i++, xo += 3) {
    const x0 = xs[xo]!, x1 = xs[xo + 1]!, x2 = xs[xo + 2]!;
    let best = 0, score = Infinity;
    for (let j = 0, p = 0; p < k3; j++, p += 3) {
      // Same order as a plain loop from 0: ((x0·e0 + x1·e1) + x2·e2).
      const s = norms[j]! - 2 * (x0 * code[p]! + x1 * code[p + 1]! + x2 * code[p + 2]!);
      if (s < score) { score = s; best = j; }
    }
    indices[i] = best;
    counts[best]! += 1;
    const eo = 3 * best;
    const q0 = cb[eo]!, q1 = cb[eo + 1]!, q2 = cb[eo + 2]!;
    quantized[xo] = q0;
    quantized[xo + 1] = q1;
    quantized[xo + 2] = q2;
    const u = q0 - x0, v = q1 - x1, w = q2 - x2;
    sse += u * u;
    sse += v * v;
    sse += w * w;
  }
  return sse;
}

/**
 * The seed's VectorQuantizer forward pass on flat float32 data: `x` is N×dim, `codebook` K×dim,
 * both row-major. Arithmetic is float64 on the float32 inputs; results match PyTorch's float32
 * forward to ~1e-6 relative (indices can differ only where two codes are tied within float32 rounding).
 * `options.kernel` picks the argmin kernel: 'auto' (WebAssembly SIMD for large inputs where it can
 * run, else JavaScript), 'js', or 'wasm' (throws where unavailable). All give the same result; D = 3
 * always takes its own JavaScript loop.
 */
export function vectorQuantize(
  x: Float32Array | ArrayLike<number>,
  codebook: Float32Array | ArrayLike<number>,
  dim: number,
  commitmentCost = 0.25,
  options: { kernel?: VqKernel } = {},
): VectorQuantizeResult {
  const { xs, cb, d, n, k, beta } = prepare(x, codebook, dim, commitmentCost);
  const kernel = options?.kernel ?? 'auto';
  if (kernel !== 'auto' && kernel !== 'js' && kernel !== 'wasm') {
    throw paramTypeError('options.kernel', `options.kernel must be 'auto', 'js' or 'wasm'; received ${describe(kernel)}`);
  }
  if (n * k * d > MAX_VQ_WORK) {
    throw paramRangeError('x', `x rows × codebook rows × dim must be ≤ 2^36; received ${n}×${k}×${d}`);
  }
  const indices = new Int32Array(n);
  const quantized = new Float32Array(n * d);
  const counts = new Float64Array(k);
  let sse: number;
  if (d === 3) {
    sse = nearest3(xs, cb, n, k, indices, quantized, counts);
  } else {
    nearestCodes(xs, cb, d, n, k, indices, kernel === 'auto' && n * k * d < WASM_MIN_WORK ? 'js' : kernel);
    sse = emitAll(xs, cb, d, n, indices, quantized, counts);
  }
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
