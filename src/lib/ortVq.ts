/**
 * Runs an exported VQ model (public/models/*.onnx, see scripts/export_models.py) in
 * onnxruntime-web's WebAssembly backend — in the browser and under Node (unit tests) alike.
 *
 * Imported from 'onnxruntime-web/wasm' (the plain SIMD build, not the 28 MB JSEP one: docs/reference-semantics.md).
 * This module has no Node imports; where the .wasm file lives is the caller's business:
 *  - browser (Vite/Astro): `import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url'`
 *    and pass `{ wasmPaths: { wasm: wasmUrl } }` (Vite copies the file and applies the site base);
 *    or pass a folder URL string ending in '/' where ort-wasm-simd-threaded.wasm is served.
 *  - Node: the folder node_modules/onnxruntime-web/dist/ as a file: URL (or plain path) ending in
 *    '/', e.g. `pathToFileURL(dir).href + '/'`; or `wasmBinary` with the file's bytes.
 * Without either, the bundle falls back to `new URL('ort-wasm-simd-threaded.wasm', import.meta.url)`
 * (which works under Node and in a Vite production build, not always in Vite's dev pre-bundling).
 *
 * onnxruntime-web reads `ort.env.wasm` once, when its first session initialises the runtime; later
 * changes are ignored, so every session of a page shares the first call's options.
 */
import * as ort from 'onnxruntime-web/wasm';
import { describe, integer } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

export type WasmPaths = string | { wasm?: string | URL; mjs?: string | URL };

export interface VqSessionOptions {
  /** Folder prefix (ending in '/') or explicit file URLs of the onnxruntime-web wasm build. */
  wasmPaths?: WasmPaths;
  /** The .wasm bytes themselves (then `wasmPaths` is ignored by onnxruntime-web). */
  wasmBinary?: ArrayBuffer | Uint8Array;
  /** Worker threads (default 1; more needs cross-origin isolation in browsers). */
  numThreads?: number;
}

/** Graph names, as in the manifest's `input` and `outputs` (defaults: the exporter's names). */
export interface VqIoNames {
  input?: string;
  indices?: string;
  quantized?: string;
  loss?: string;
  perplexity?: string;
}

export interface OrtVqResult {
  /** Code index of each row (converted from the graph's int64). */
  indices: Int32Array;
  /** N×D row-major gathered codebook rows. */
  quantized: Float32Array;
  /** The graph's float32 loss, when the model has that output. */
  loss?: number;
  /** The graph's float32 perplexity, when the model has that output. */
  perplexity?: number;
  /** Wall-clock milliseconds of `session.run` (excludes input/output conversion). */
  ms: number;
}

export type VqSession = ort.InferenceSession;

let configured = false;

function configure(opts: VqSessionOptions): void {
  const wasm = ort.env.wasm;
  const threads = integer('numThreads', opts.numThreads ?? 1, 1, 64);
  if (configured) return; // the runtime is initialised once; see the module comment
  wasm.numThreads = threads;
  if (opts.wasmBinary !== undefined) wasm.wasmBinary = opts.wasmBinary;
  if (opts.wasmPaths !== undefined) {
    const p = opts.wasmPaths;
    if (typeof p === 'string') {
      if (p.length === 0) throw paramRangeError('wasmPaths', 'wasmPaths must be a non-empty folder URL or path; received ""');
      wasm.wasmPaths = p.endsWith('/') ? p : `${p}/`;
    } else if (typeof p === 'object' && p !== null) {
      wasm.wasmPaths = p;
    } else {
      throw paramTypeError('wasmPaths', `wasmPaths must be a string or { wasm, mjs }; received ${describe(p)}`);
    }
  }
}

/** Creates an onnxruntime-web session (wasm backend) for a VQ model's bytes. */
export async function createVqSession(modelBytes: Uint8Array, opts: VqSessionOptions = {}): Promise<VqSession> {
  if (!(modelBytes instanceof Uint8Array)) {
    throw paramTypeError('modelBytes', `modelBytes must be a Uint8Array; received ${describe(modelBytes)}`);
  }
  if (modelBytes.length === 0) throw paramRangeError('modelBytes', 'modelBytes must not be empty; received length 0');
  configure(opts);
  const session = await ort.InferenceSession.create(modelBytes, {
    executionProviders: ['wasm'],
    graphOptimizationLevel: 'all',
  });
  configured = true;
  return session;
}

function scalar(t: ort.Tensor | undefined): number | undefined {
  if (!t) return undefined;
  const v = (t.data as Float32Array)[0];
  return typeof v === 'number' ? v : undefined;
}

/**
 * Runs the model on `x` (N×dim row-major float32). Indices come back as an Int32Array; loss and
 * perplexity are included when the graph has those outputs.
 */
export async function runVq(
  session: VqSession,
  x: Float32Array,
  dim: number,
  names: VqIoNames = {},
): Promise<OrtVqResult> {
  const d = integer('dim', dim, 1);
  if (!(x instanceof Float32Array)) throw paramTypeError('x', `x must be a Float32Array; received ${describe(x)}`);
  if (x.length === 0 || x.length % d !== 0) {
    throw paramRangeError('x.length', `x.length must be a positive multiple of dim=${d}; received length ${x.length}`);
  }
  const n = x.length / d;
  const input = names.input ?? 'x';
  const wanted = {
    indices: names.indices ?? 'indices',
    quantized: names.quantized ?? 'quantized',
    loss: names.loss ?? 'loss',
    perplexity: names.perplexity ?? 'perplexity',
  };
  const fetches = [wanted.indices, wanted.quantized];
  const hasLoss = session.outputNames.includes(wanted.loss);
  const hasPerplexity = session.outputNames.includes(wanted.perplexity);
  if (hasLoss) fetches.push(wanted.loss);
  if (hasPerplexity) fetches.push(wanted.perplexity);
  const feeds: Record<string, ort.Tensor> = { [input]: new ort.Tensor('float32', x, [n, d]) };
  const t0 = performance.now();
  const out = await session.run(feeds, fetches);
  const ms = performance.now() - t0;
  const idxT = out[wanted.indices];
  const qT = out[wanted.quantized];
  if (!idxT || !qT) throw new Error(`the model did not return ${wanted.indices} and ${wanted.quantized}`);
  const raw = idxT.data;
  const indices = new Int32Array(n);
  if (raw instanceof BigInt64Array) {
    for (let i = 0; i < n; i++) indices[i] = Number(raw[i]!);
  } else {
    indices.set(raw as ArrayLike<number>);
  }
  const quantized = qT.data instanceof Float32Array ? qT.data : Float32Array.from(qT.data as ArrayLike<number>);
  if (quantized.length !== n * d) {
    throw new Error(`the model returned ${quantized.length} quantized values for ${n}×${d} inputs`);
  }
  const result: OrtVqResult = { indices, quantized, ms };
  const loss = hasLoss ? scalar(out[wanted.loss]) : undefined;
  const perplexity = hasPerplexity ? scalar(out[wanted.perplexity]) : undefined;
  if (loss !== undefined) result.loss = loss;
  if (perplexity !== undefined) result.perplexity = perplexity;
  return result;
}
