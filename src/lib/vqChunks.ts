/**
 * Helpers for running vector quantization in chunks and for comparing two implementations of it
 * (the TypeScript kernel `vectorQuantize` and an exported ONNX graph run in onnxruntime-web).
 *
 * Why chunks: the exported graph materializes the N×K distance matrix (and a few more N×K
 * intermediates), so the seed's full-size example — 524,288 rows, K = 256 — needs 512 MiB for the
 * distances alone. Running 65,536 rows at a time keeps each run near 64 MiB per N×K buffer.
 *
 * How chunk results combine (exactly, not approximately):
 *  - loss: every chunk's loss is (1 + β)·mean over its rows·D squared differences, all chunks share
 *    D, so the whole-input loss is the row-weighted mean Σ rows_c·loss_c / Σ rows_c.
 *  - perplexity: exp(entropy) is not an average of per-chunk perplexities; it is recomputed from the
 *    merged code counts (Σ of every chunk's `codebookUsage`).
 *
 * Pure and DOM-free.
 */
import { describe, integer } from './validate';
import { codebookUsage } from './vq';
import { squaredDistance } from './nearestCode';
import { perplexityFromCounts } from './perplexity';
import { KERNEL_CHUNK_ROWS } from './vqWasm';
import { paramRangeError, paramTypeError } from './refusal';

/** Half-open row ranges [start, end) of at most `chunkRows` rows covering 0..n. */
export function chunkRanges(n: number, chunkRows: number): Array<[number, number]> {
  const total = integer('n', n, 0);
  const size = integer('chunkRows', chunkRows, 1);
  const out: Array<[number, number]> = [];
  for (let s = 0; s < total; s += size) out.push([s, Math.min(total, s + size)]);
  return out;
}

/** What one chunk contributes to the whole: its row count, its loss and its code counts. */
export interface ChunkStats {
  rows: number;
  loss: number;
  /** Length K: rows assigned to each code in this chunk. */
  counts: ArrayLike<number>;
}

export interface MergedStats {
  rows: number;
  loss: number;
  perplexity: number;
  /** Merged code counts (length K). */
  counts: Float64Array;
  /** Codes used at least once. */
  codesUsed: number;
}

/** exp(−Σ p log p) from counts (perplexity.ts): the whole input's perplexity from the merged counts. */
export { perplexityFromCounts };

/** Code counts of one chunk's indices (validated: every index in [0, K)). */
export function chunkCounts(indices: ArrayLike<number>, numEmbeddings: number): number[] {
  return codebookUsage(indices, numEmbeddings);
}

/**
 * Combines per-chunk results into the whole input's loss (row-weighted mean) and perplexity (from
 * the summed counts). Every chunk must have the same K and at least one row.
 */
export function mergeChunkStats(chunks: readonly ChunkStats[]): MergedStats {
  if (!Array.isArray(chunks) || chunks.length === 0) {
    throw paramRangeError('chunks', `chunks must list at least one chunk; received ${describe(chunks)}`);
  }
  const k = chunks[0]!.counts.length;
  if (k === 0) throw paramRangeError('chunks[0].counts', 'chunks[0].counts must have length K ≥ 1; received length 0');
  const counts = new Float64Array(k);
  let rows = 0;
  let weighted = 0;
  chunks.forEach((c, i) => {
    const r = integer(`chunks[${i}].rows`, c.rows, 1);
    if (typeof c.loss !== 'number' || !Number.isFinite(c.loss)) {
      throw paramTypeError(`chunks[${i}].loss`, `chunks[${i}].loss must be a finite number; received ${describe(c.loss)}`);
    }
    if (c.counts.length !== k) {
      throw paramRangeError(`chunks[${i}].counts`, `chunks[${i}].counts must have length K=${k}; received length ${c.counts.length}`);
    }
    let s = 0;
    for (let j = 0; j < k; j++) {
      counts[j]! += c.counts[j]!;
      s += c.counts[j]!;
    }
    if (s !== r) throw paramRangeError(`chunks[${i}].counts`, `chunks[${i}].counts must sum to rows=${r}; received ${s}`);
    rows += r;
    weighted += r * c.loss;
  });
  let codesUsed = 0;
  for (let j = 0; j < k; j++) if (counts[j]! > 0) codesUsed++;
  return { rows, loss: weighted / rows, perplexity: perplexityFromCounts(counts, rows), counts, codesUsed };
}

/** Incremental form of `mergeChunkStats` for a worker that sees one chunk at a time. */
export class ChunkAccumulator {
  readonly counts: Float64Array;
  rows = 0;
  private weighted = 0;

  constructor(readonly numEmbeddings: number) {
    this.counts = new Float64Array(integer('numEmbeddings', numEmbeddings, 1));
  }

  /** Adds one chunk given its indices and loss. */
  add(indices: ArrayLike<number>, loss: number): void {
    if (typeof loss !== 'number' || !Number.isFinite(loss)) {
      throw paramTypeError('loss', `loss must be a finite number; received ${describe(loss)}`);
    }
    const c = chunkCounts(indices, this.numEmbeddings);
    if (indices.length === 0) return;
    for (let j = 0; j < c.length; j++) this.counts[j]! += c[j]!;
    this.rows += indices.length;
    this.weighted += indices.length * loss;
  }

  result(): MergedStats {
    if (this.rows === 0) throw paramRangeError('rows', 'no rows were added');
    let codesUsed = 0;
    for (let j = 0; j < this.counts.length; j++) if (this.counts[j]! > 0) codesUsed++;
    return {
      rows: this.rows,
      loss: this.weighted / this.rows,
      perplexity: perplexityFromCounts(this.counts, this.rows),
      counts: Float64Array.from(this.counts),
      codesUsed,
    };
  }
}

// ------------------------------------------------------------------------------------------------
// Comparing two index assignments

/** One row where the two implementations chose different codes, with both exact distances. */
export interface Disagreement {
  row: number;
  /** Code chosen by A (the TypeScript kernel). */
  a: number;
  /** Code chosen by B (the ONNX graph). */
  b: number;
  /** Squared distance of the row to code a, in float64 on the float32 values. */
  distA: number;
  /** Squared distance of the row to code b. */
  distB: number;
}

export interface IndexAgreement {
  rows: number;
  agree: number;
  /** agree / rows × 100. */
  percent: number;
  /** The first `keep` disagreeing rows with their distances. */
  examples: Disagreement[];
  /** Largest |distA − distB| over all disagreeing rows (0 when none). */
  maxGap: number;
}

/** Squared Euclidean distance of row i of x to row j of the codebook, Σ(x − e)² in float64 (nearestCode.ts). */
export { squaredDistance };

/**
 * Counts rows where `a` and `b` pick the same code; for disagreeing rows records both squared
 * distances (so a near-tie can be shown instead of hidden).
 */
export function compareIndices(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  x: ArrayLike<number>,
  codebook: ArrayLike<number>,
  dim: number,
  keep = 5,
): IndexAgreement {
  const d = integer('dim', dim, 1);
  if (a.length !== b.length) {
    throw paramRangeError('index arrays', `index arrays must have the same length; received ${a.length} and ${b.length}`);
  }
  if (x.length !== a.length * d) {
    throw paramRangeError('x', `x must have rows × dim = ${a.length * d} values; received length ${x.length}`);
  }
  const n = a.length;
  let agree = 0;
  let maxGap = 0;
  const examples: Disagreement[] = [];
  for (let i = 0; i < n; i++) {
    const ai = a[i]!;
    const bi = b[i]!;
    if (ai === bi) {
      agree++;
      continue;
    }
    const distA = squaredDistance(x, i, codebook, ai, d);
    const distB = squaredDistance(x, i, codebook, bi, d);
    maxGap = Math.max(maxGap, Math.abs(distA - distB));
    if (examples.length < keep) examples.push({ row: i, a: ai, b: bi, distA, distB });
  }
  return { rows: n, agree, percent: n === 0 ? 100 : (agree / n) * 100, examples, maxGap };
}

/** max |a_i − b_i| over all entries, or over the rows (of `dim` entries) where `rowMask` is true. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>, dim = 1, rowMask?: (row: number) => boolean): number {
  if (a.length !== b.length) throw paramRangeError('arrays', `arrays must have the same length; received ${a.length} and ${b.length}`);
  const d = integer('dim', dim, 1);
  let m = 0;
  for (let i = 0; i < a.length; i++) {
    if (rowMask && !rowMask(Math.floor(i / d))) continue;
    const v = Math.abs(a[i]! - b[i]!);
    if (v > m) m = v;
  }
  return m;
}

/** Spacing of float32 values near |v| (unit in the last place): 2^(e − 23). */
export function float32Ulp(v: number): number {
  const a = Math.abs(v);
  if (!(a > 0)) return 2 ** -149;
  return 2 ** (Math.floor(Math.log2(a)) - 23);
}

// ------------------------------------------------------------------------------------------------
// Memory, computed analytically from shapes

export interface BytesItem {
  /** Short key of the buffer. */
  key: string;
  bytes: number;
}

/**
 * Bytes the exported graph's nodes produce for one run of n rows (float32 = 4 bytes, int64 = 8,
 * bool = 1), node by node as in public/models/*.onnx: ‖x‖² (N), ‖x‖²+‖e‖² (N×K), x·eᵀ (N×K),
 * ×2 (N×K), the distances (N×K), argmin (N int64), quantized (N×D), two (q−x) and two squares
 * (N×D each), one-hot Equal (N×K bool) and its float cast (N×K). onnxruntime's memory planner frees
 * and reuses buffers, so the live peak is lower than the sum; the single distance matrix is a floor.
 */
export function ortGraphBytes(n: number, k: number, d: number): { items: BytesItem[]; distances: number; total: number } {
  const N = integer('n', n, 1);
  const K = integer('k', k, 1);
  const D = integer('d', d, 1);
  const nk = N * K;
  const items: BytesItem[] = [
    { key: 'input', bytes: N * D * 4 },
    { key: 'rowNorms', bytes: N * D * 4 + N * 4 },
    { key: 'distanceMatrices', bytes: 4 * nk * 4 },
    { key: 'indices', bytes: N * 8 },
    { key: 'quantizedAndLoss', bytes: 5 * N * D * 4 + 4 * N * 4 },
    { key: 'oneHot', bytes: nk * 1 + nk * 4 },
  ];
  return { items, distances: nk * 4, total: items.reduce((s, i) => s + i.bytes, 0) };
}

/**
 * Bytes the TypeScript path holds for n rows run in chunks of `chunkRows`: the input (N×D float32),
 * the indices (N int32), one chunk's quantized rows (chunk×D float32), the float64 codebook with
 * its norms (K×D + K doubles) and the WebAssembly kernel's row buffer (up to 2,048 rows × D doubles
 * and their int32 indices: src/lib/vqWasm.ts). No N×K buffer exists: the kernel keeps one best score
 * per row.
 */
export function tsBytes(n: number, k: number, d: number, chunkRows = n): { items: BytesItem[]; total: number } {
  const N = integer('n', n, 1);
  const K = integer('k', k, 1);
  const D = integer('d', d, 1);
  const c = Math.min(N, integer('chunkRows', chunkRows, 1));
  const items: BytesItem[] = [
    { key: 'input', bytes: N * D * 4 },
    { key: 'tsIndices', bytes: N * 4 },
    { key: 'quantizedChunk', bytes: c * D * 4 },
    { key: 'codebook', bytes: K * D * 8 + K * 8 },
    { key: 'kernelRows', bytes: Math.min(KERNEL_CHUNK_ROWS, c + (c & 1)) * (D * 8 + 4) },
  ];
  return { items, total: items.reduce((s, i) => s + i.bytes, 0) };
}

/** "512 MiB", "2.6 GiB", "96 KiB", "12 B": binary units, at most one decimal. */
export function formatBytes(bytes: number): string {
  if (typeof bytes !== 'number' || !Number.isFinite(bytes) || bytes < 0) {
    throw paramTypeError('bytes', `bytes must be a finite number ≥ 0; received ${describe(bytes)}`);
  }
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = bytes;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  const s = u === 0 || Number.isInteger(v) ? String(Math.round(v)) : v.toFixed(1).replace(/\.0$/, '');
  return `${s} ${units[u]}`;
}
