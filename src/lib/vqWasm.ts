/**
 * Runs the WebAssembly-SIMD argmin kernel (vqKernel.wat) of the expanded-form nearest-code search
 * (nearestCode.ts): the same float64 arithmetic as its JavaScript kernel, two lanes at a time, so
 * the indices are identical; about three times faster at D = 64, K = 256 (bench/results.md).
 *
 * The module is 728 bytes, compiled synchronously once (small enough for a browser's main thread).
 * Where WebAssembly, its SIMD or the memory is unavailable — an old browser, a Content-Security-
 * Policy without 'wasm-unsafe-eval' — `wasmNearest` returns false and the JS kernel runs.
 */
import { VQ_KERNEL_WASM } from './vqKernelWasm';
import { compileWasm, ensureMemory, instantiateWasm } from './wasmModule';

interface KernelExports {
  memory: WebAssembly.Memory;
  nearest(groups: number, d: number, kp: number, rows: number, blk: number, norms: number, out: number): void;
}

/** undefined: not tried yet; null: unavailable here. */
let kernel: KernelExports | null | undefined;

function loadKernel(): KernelExports | null {
  if (kernel !== undefined) return kernel;
  const compiled = compileWasm(VQ_KERNEL_WASM);
  kernel = compiled === null ? null : instantiateWasm<KernelExports>(compiled);
  return kernel;
}

/** Input rows per kernel call: about 1 MiB of float64 at D = 64. */
export const KERNEL_CHUNK_ROWS = 2048;

/**
 * Fills `indices` with the nearest code of each of the n rows of `xs` (n×d) among the k rows of
 * `cb` (k×d), by the WebAssembly kernel; `norms` are the codes' squared norms, padded to a multiple
 * of four with +Infinity. Returns false (and writes nothing) when the kernel cannot run here.
 */
export function wasmNearest(
  xs: Float32Array | Float64Array, cb: Float32Array | Float64Array, norms: Float64Array, d: number, n: number, k: number, indices: Int32Array,
): boolean {
  const wasm = loadKernel();
  if (!wasm) return false;
  const kp = norms.length;
  const chunkRows = Math.max(2, Math.min(KERNEL_CHUNK_ROWS, n + (n & 1)));
  // Layout: [blocked codebook][norms][two-row groups of input][int32 indices], all 16-byte aligned.
  const blkBytes = kp * d * 8;
  const normsAt = blkBytes;
  const rowsAt = normsAt + kp * 8;
  const outAt = rowsAt + chunkRows * d * 8;
  const needed = outAt + chunkRows * 4;
  const memory = wasm.memory;
  // more than this engine gives a module: the JS kernel needs no extra memory
  if (!ensureMemory(memory, needed)) return false;
  const heap = new Float64Array(memory.buffer);
  const blk = heap.subarray(0, kp * d);
  blk.fill(0);
  for (let j = 0; j < k; j++) {
    const o = (j >> 2) * 4 * d + (j & 3);
    for (let t = 0; t < d; t++) blk[o + 4 * t] = cb[j * d + t]!;
  }
  heap.set(norms, normsAt / 8);
  const out = new Int32Array(memory.buffer, outAt, chunkRows);
  for (let start = 0; start < n; start += chunkRows) {
    const rows = Math.min(chunkRows, n - start);
    const groups = (rows + 1) >> 1;
    const base = rowsAt / 8;
    for (let r = 0; r < rows; r++) {
      const xo = (start + r) * d;
      const o = base + (r >> 1) * 2 * d + (r & 1);
      for (let t = 0; t < d; t++) heap[o + 2 * t] = xs[xo + t]!;
    }
    if (rows & 1) {
      // the missing partner of the last row: zeros (its index is not used)
      const o = base + (groups - 1) * 2 * d + 1;
      for (let t = 0; t < d; t++) heap[o + 2 * t] = 0;
    }
    wasm.nearest(groups, d, kp, rowsAt, 0, normsAt, outAt);
    indices.set(out.subarray(0, rows), start);
  }
  return true;
}
