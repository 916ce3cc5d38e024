/**
 * The nearest-code search of the numerical core, one code for vq.ts, kmeans.ts, vqTraining.ts,
 * vqChunks.ts and the trainer's VQ bottleneck (trainer/vqLayer.ts): for every row x of an N×D
 * row-major array, the index of the nearest of K code rows e_j (K×D row-major),
 *   argmin_j ‖x − e_j‖².
 *
 * One tie rule, in every kernel here and in the WebAssembly one (vqKernel.wat): the codes are scanned
 * in increasing index order from a best score of +Infinity, and a code replaces the best only with a
 * strictly smaller score. Ties therefore go to the lowest index, as torch.argmin and scikit-learn's
 * labels do, and a padding code of score +Infinity never wins.
 *
 * Two forms, each where it is needed (both in float64, coordinates summed in order from 0; float32
 * inputs are widened exactly):
 *  - expanded, argmin_j (‖e_j‖² − 2·x·e_j) (`nearestExpanded`): the same argmin but for rounding, and
 *    ‖e‖² is computed once per call, so the inner loop is one multiply-add per coordinate and
 *    register-blocks well (and runs in WebAssembly SIMD, vqWasm.ts, with the same sums in the same
 *    order, so the same indices). For the large searches: `vectorQuantize` (float32 inputs; the seed's
 *    VectorQuantizer computes this form too) and k-means (float64; scikit-learn labels by this form).
 *  - exact, argmin_j Σ_t (x_t − e_t)² (`nearestExact`): the form the PyTorch references of
 *    vqTraining.ts and of the trainer's bottleneck compute (((x − e)²).sum), so their near-ties
 *    resolve the same way and the minimal distance itself (their squared error) is what the search
 *    found. Their searches are small (a few million multiply-adds at most).
 */
import { wasmNearest } from './vqWasm';

/** Flat row-major rows, float32 (vectorQuantize) or float64 (k-means). */
export type Rows = Float32Array | Float64Array;

/** Which kernel runs the expanded form: WebAssembly SIMD for large searches where it can ('auto'), or always one of them. */
export type NearestKernel = 'auto' | 'js' | 'wasm';

/**
 * Below this many multiply-adds the JS kernel answers in well under a millisecond, so small cells
 * never compile WebAssembly (nor need 'wasm-unsafe-eval' in a Content-Security-Policy).
 */
const WASM_MIN_WORK = 2 ** 20;

/** Squared Euclidean distance of row i of `x` to row j of `codes` (float64, coordinates in order). */
export function squaredDistance(x: ArrayLike<number>, i: number, codes: ArrayLike<number>, j: number, dim: number): number {
  let s = 0;
  const xo = i * dim;
  const eo = j * dim;
  for (let t = 0; t < dim; t++) {
    const diff = x[xo + t]! - codes[eo + t]!;
    s += diff * diff;
  }
  return s;
}

/**
 * ‖e_j‖² of the k codes, each summed in coordinate order (as the dot products are), in a float64
 * array of length `padded` ≥ k whose entries past k are +Infinity, so padding codes never win.
 */
export function codeNorms(codes: Rows, d: number, k: number, padded = k): Float64Array {
  const norms = new Float64Array(padded).fill(Infinity);
  for (let j = 0; j < k; j++) {
    const o = j * d;
    let s = 0;
    for (let t = 0; t < d; t++) {
      const v = codes[o + t]!;
      s += v * v;
    }
    norms[j] = s;
  }
  return norms;
}

/**
 * Exact form: the nearest code of rows start … end − 1 of `x` into `indices` (at the same
 * positions); returns the sum of their minimal squared distances, row by row in row order. The
 * trainer's bottleneck searches one piece at a time (start, start + 1) inside its straight-through
 * pass: one pass over the pieces is as fast as the loop this replaced, a search pass first was
 * about 10 % slower there.
 */
export function nearestExact(
  x: Float64Array, codes: Float64Array, d: number, k: number, indices: Int32Array, start: number, end: number,
): number {
  let total = 0;
  for (let i = start; i < end; i++) {
    let best = 0;
    let bestDist = Infinity;
    // squaredDistance's loop, written out: the extra call level is not inlined in these loops and
    // costs the VQ training cell (D = 2) about 10 %. The same operations in the same order.
    const xo = i * d;
    for (let j = 0; j < k; j++) {
      const eo = j * d;
      let s = 0;
      for (let t = 0; t < d; t++) {
        const diff = x[xo + t]! - codes[eo + t]!;
        s += diff * diff;
      }
      if (s < bestDist) {
        bestDist = s;
        best = j;
      }
    }
    indices[i] = best;
    total += bestDist;
  }
  return total;
}

/**
 * Expanded form: the nearest code of each of the n rows of `x` into `indices`. 'auto' runs the
 * WebAssembly kernel from 2^20 multiply-adds on where it can, 'wasm' always (an Error where it
 * cannot), 'js' never; all give the same indices.
 */
export function nearestExpanded(
  x: Rows, codes: Rows, d: number, n: number, k: number, indices: Int32Array, kernel: NearestKernel = 'js',
): void {
  const norms = codeNorms(codes, d, k, (k + 3) & ~3);
  const wasm = kernel === 'wasm' || (kernel === 'auto' && n * k * d >= WASM_MIN_WORK);
  if (wasm && wasmNearest(x, codes, norms, d, n, k, indices)) return;
  if (kernel === 'wasm') throw new Error('the WebAssembly SIMD kernel is unavailable in this engine');
  blockedExpanded(x, codes, norms, d, n, k, indices);
}

/**
 * The expanded form in JavaScript, register-blocked: two input rows against four codes per sweep
 * over the coordinates (eight independent accumulators; each loaded value feeds four or two
 * products). The codes are copied once to float64 in blocks of four interleaved by coordinate
 * ([block][t][code]) and the two rows are interleaved the same way, so the inner loop reads two
 * contiguous runs. K is padded to a multiple of four with zero codes of norm +Infinity (`norms` has
 * that length). Every dot product is still summed in coordinate order from 0 and the scores are
 * scanned with the module's tie rule, so the result is a plain loop's.
 */
function blockedExpanded(
  xs: Rows, cb: Rows, norms: Float64Array, d: number, n: number, k: number, indices: Int32Array,
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
      // The eight scores, unrolled by hand (as the accumulators are) so they stay in registers;
      // row 0's four, then row 1's, each in code order.
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
    // The odd last row: the same sweep for one row.
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
