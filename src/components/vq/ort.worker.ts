/// <reference lib="webworker" />
/**
 * The VQ panels' background worker: runs the TypeScript kernel and the exported ONNX model (in
 * onnxruntime-web's WebAssembly backend) off the main thread, and reports progress.
 *
 * Created only when a panel asks for it (scrolled into view or a button pressed), so neither the
 * .onnx files nor the 14 MB .wasm are fetched on page load. Every model's bytes are checked against
 * the manifest's sha256 before a session is created from them.
 */
import wasmUrl from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import { createVqSession, runVq, type VqSession } from '../../lib/ortVq';
import { codebookToFloat32, sha256Hex } from '../../lib/modelManifest';
import { vectorQuantize } from '../../lib/vq';
import { createRng } from '../../lib/random';
import { ChunkAccumulator, chunkRanges, compareIndices, maxAbsDiff, squaredDistance } from '../../lib/vqChunks';
import { isNearTie, makeCompareInput } from './compare';
import type {
  CompareRequest, ErrorKind, FullRequest, ModelRef, Phase, TieExample, WorkerRequest, WorkerResponse,
} from './compareProtocol';

const ctx = self as unknown as DedicatedWorkerGlobalScope;

function post(msg: WorkerResponse): void {
  ctx.postMessage(msg);
}

/** A failure with a kind the panel turns into a sentence. */
class PathError extends Error {
  constructor(
    readonly kind: ErrorKind,
    message: string,
    readonly extra: { status?: number; expected?: string; got?: string } = {},
  ) {
    super(message);
  }
}

function heap(): number | undefined {
  const m = (performance as unknown as { memory?: { usedJSHeapSize?: number } }).memory;
  return typeof m?.usedJSHeapSize === 'number' && Number.isFinite(m.usedJSHeapSize) ? m.usedJSHeapSize : undefined;
}

const codebooks = new Map<string, Float32Array>();
const sessions = new Map<string, VqSession>();

async function loadCodebook(model: ModelRef): Promise<Float32Array> {
  const hit = codebooks.get(model.codebookUrl);
  if (hit) return hit;
  let res: Response;
  try {
    res = await fetch(model.codebookUrl);
  } catch (e) {
    throw new PathError('ts', `codebook ${model.id}: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (!res.ok) throw new PathError('ts', `codebook ${model.id}: HTTP ${res.status}`);
  const cb = codebookToFloat32(await res.json(), model.dim);
  if (cb.length !== model.numEmbeddings * model.dim) {
    throw new PathError('ts', `codebook ${model.id} has ${cb.length / model.dim} rows, the manifest says ${model.numEmbeddings}`);
  }
  codebooks.set(model.codebookUrl, cb);
  return cb;
}

/** Downloads the .onnx with a stream reader (progress in bytes), checks sha256, creates a session. */
async function loadSession(job: number, model: ModelRef): Promise<{ session: VqSession; reused: boolean; ms: number }> {
  const cached = sessions.get(model.sha256);
  if (cached) return { session: cached, reused: true, ms: 0 };
  const t0 = performance.now();
  let res: Response;
  try {
    res = await fetch(model.modelUrl, { cache: 'no-cache' });
  } catch (e) {
    throw new PathError('network', e instanceof Error ? e.message : String(e));
  }
  if (res.status === 404) throw new PathError('missing', `HTTP 404 for ${model.file}`, { status: 404 });
  if (!res.ok) throw new PathError('http', `HTTP ${res.status} for ${model.file}`, { status: res.status });
  const header = Number(res.headers.get('content-length'));
  const total = Number.isFinite(header) && header > 0 ? header : model.bytes;
  const parts: Uint8Array[] = [];
  let done = 0;
  progress(job, 'download', 0, total);
  try {
    if (res.body) {
      const reader = res.body.getReader();
      for (;;) {
        const { done: end, value } = await reader.read();
        if (end) break;
        parts.push(value);
        done += value.length;
        progress(job, 'download', done, Math.max(total, done));
      }
    } else {
      const buf = new Uint8Array(await res.arrayBuffer());
      parts.push(buf);
      done = buf.length;
      progress(job, 'download', done, Math.max(total, done));
    }
  } catch (e) {
    throw new PathError('network', e instanceof Error ? e.message : String(e));
  }
  const bytes = new Uint8Array(done);
  let off = 0;
  for (const p of parts) {
    bytes.set(p, off);
    off += p.length;
  }
  progress(job, 'verify', 0, 1);
  const got = await sha256Hex(bytes);
  if (got !== model.sha256) {
    throw new PathError('corrupt', `sha256 mismatch for ${model.file}`, { expected: model.sha256, got });
  }
  progress(job, 'session', 0, 1);
  let session: VqSession;
  try {
    session = await createVqSession(bytes, { wasmPaths: { wasm: wasmUrl } });
  } catch (e) {
    throw new PathError('wasm', e instanceof Error ? e.message : String(e));
  }
  sessions.set(model.sha256, session);
  return { session, reused: false, ms: performance.now() - t0 };
}

let lastProgress = 0;
function progress(job: number, phase: Phase, done: number, total: number): void {
  const now = performance.now();
  // At most ~20 messages a second, but always the first and the last of a phase.
  if (done !== 0 && done !== total && now - lastProgress < 50) return;
  lastProgress = now;
  post({ type: 'progress', job, phase, done, total });
}

function isAllocError(e: unknown): boolean {
  const m = e instanceof Error ? `${e.name} ${e.message}` : String(e);
  return /alloc|memory|out of memory|RangeError|bad_alloc|OOM/i.test(m);
}

function reportError(job: number, path: 'ts' | 'ort', e: unknown): void {
  if (e instanceof PathError) {
    post({ type: 'error', job, path, kind: e.kind, message: e.message, ...e.extra });
    return;
  }
  const message = e instanceof Error ? e.message : String(e);
  post({ type: 'error', job, path, kind: path === 'ts' ? 'ts' : isAllocError(e) ? 'alloc' : 'run', message });
}

function examplesWithTies(
  x: Float32Array,
  cb: Float32Array,
  dim: number,
  examples: { row: number; a: number; b: number; distA: number; distB: number }[],
): TieExample[] {
  return examples.map((ex) => {
    let xx = 0;
    for (let t = 0; t < dim; t++) xx += x[ex.row * dim + t]! ** 2;
    const ea = squaredDistance(cb, ex.a, new Float32Array(dim), 0, dim);
    const eb = squaredDistance(cb, ex.b, new Float32Array(dim), 0, dim);
    return { ...ex, nearTie: isNearTie(ex.distA, ex.distB, xx + Math.max(ea, eb)) };
  });
}

async function compare(req: CompareRequest): Promise<void> {
  const { job, model } = req;
  const x = makeCompareInput(model, req.n, req.seed, req.digits);
  let ts: ReturnType<typeof vectorQuantize> | null = null;
  let cb: Float32Array | null = null;
  try {
    progress(job, 'codebook', 0, 1);
    cb = await loadCodebook(model);
    progress(job, 'ts', 0, 1);
    const t0 = performance.now();
    ts = vectorQuantize(x, cb, model.dim, model.commitmentCost);
    const ms = performance.now() - t0;
    let used = 0;
    const seen = new Uint8Array(model.numEmbeddings);
    for (const j of ts.indices) if (!seen[j]) (seen[j] = 1), used++;
    post({ type: 'ts', job, result: { loss: ts.loss, perplexity: ts.perplexity, codesUsed: used, ms, chunks: 1 } });
  } catch (e) {
    reportError(job, 'ts', e);
  }
  try {
    const { session, reused, ms: loadMs } = await loadSession(job, model);
    progress(job, 'ort', 0, 1);
    const out = await runVq(session, x, model.dim, { input: model.input, ...model.outputs });
    const acc = new ChunkAccumulator(model.numEmbeddings);
    acc.add(out.indices, out.loss ?? 0);
    const merged = acc.result();
    const result: Extract<WorkerResponse, { type: 'ort' }>['result'] = {
      loss: out.loss ?? merged.loss,
      perplexity: out.perplexity ?? merged.perplexity,
      codesUsed: merged.codesUsed,
      ms: out.ms,
      chunks: 1,
      loadMs,
      reused,
      rows: req.n,
    };
    if (ts && cb) {
      const ag = compareIndices(ts.indices, out.indices, x, cb, model.dim, 5);
      const tsIdx = ts.indices;
      result.agree = ag.agree;
      result.disagreements = ag.rows - ag.agree;
      result.examples = examplesWithTies(x, cb, model.dim, ag.examples);
      result.maxDq = maxAbsDiff(ts.quantized, out.quantized);
      result.maxDqAgreeing = maxAbsDiff(ts.quantized, out.quantized, model.dim, (r) => tsIdx[r] === out.indices[r]);
    }
    post({ type: 'ort', job, result });
  } catch (e) {
    reportError(job, 'ort', e);
  }
  post({ type: 'done', job, heapBytes: heap() });
}

async function full(req: FullRequest): Promise<void> {
  const { job, model, n } = req;
  const d = model.dim;
  const ranges = chunkRanges(n, req.chunkRows);
  // The input, drawn once (N×D float32) from the seeded normal stream, a chunk at a time.
  const tg = performance.now();
  const x = new Float32Array(n * d);
  const rng = createRng(req.seed);
  for (const [s, e] of ranges) {
    for (let i = s * d; i < e * d; i++) x[i] = rng.normal();
    progress(job, 'generate', e, n);
  }
  const generateMs = performance.now() - tg;
  let tsIdx: Int32Array | null = null;
  let cb: Float32Array | null = null;
  if (req.runTs) {
    try {
      cb = await loadCodebook(model);
      const acc = new ChunkAccumulator(model.numEmbeddings);
      tsIdx = new Int32Array(n);
      // Smaller TS chunks only make progress finer; the kernel itself needs no N×K buffer.
      const tsRanges = chunkRanges(n, Math.min(req.chunkRows, 16_384));
      const t0 = performance.now();
      for (const [s, e] of tsRanges) {
        const r = vectorQuantize(x.subarray(s * d, e * d), cb, d, model.commitmentCost);
        tsIdx.set(r.indices, s);
        acc.add(r.indices, r.loss);
        progress(job, 'ts', e, n);
      }
      const ms = performance.now() - t0;
      const m = acc.result();
      post({
        type: 'ts', job,
        result: { loss: m.loss, perplexity: m.perplexity, codesUsed: m.codesUsed, ms, chunks: tsRanges.length, heapBytes: heap() },
      });
    } catch (e) {
      tsIdx = null;
      reportError(job, 'ts', e);
    }
  }
  if (req.runOrt) {
    try {
      const { session, reused, ms: loadMs } = await loadSession(job, model);
      const acc = new ChunkAccumulator(model.numEmbeddings);
      const ortIdx = new Int32Array(n);
      let ms = 0;
      progress(job, 'ort', 0, n);
      for (const [s, e] of ranges) {
        const out = await runVq(session, x.subarray(s * d, e * d), d, { input: model.input, ...model.outputs });
        if (out.loss === undefined) throw new Error(`the model ${model.id} has no loss output`);
        ms += out.ms;
        ortIdx.set(out.indices, s);
        acc.add(out.indices, out.loss);
        progress(job, 'ort', e, n);
      }
      const m = acc.result();
      const result: Extract<WorkerResponse, { type: 'ort' }>['result'] = {
        loss: m.loss, perplexity: m.perplexity, codesUsed: m.codesUsed, ms, chunks: ranges.length,
        loadMs, reused, rows: n, heapBytes: heap(),
      };
      if (tsIdx && cb) {
        progress(job, 'compare', 0, 1);
        const ag = compareIndices(tsIdx, ortIdx, x, cb, d, 3);
        result.agree = ag.agree;
        result.disagreements = ag.rows - ag.agree;
        result.examples = examplesWithTies(x, cb, d, ag.examples);
      }
      post({ type: 'ort', job, result });
    } catch (e) {
      reportError(job, 'ort', e);
    }
  }
  post({ type: 'done', job, generateMs, heapBytes: heap() });
}

ctx.onmessage = (ev: MessageEvent<WorkerRequest>) => {
  const req = ev.data;
  const run = req.type === 'compare' ? compare(req) : req.type === 'full' ? full(req) : null;
  if (!run) return;
  run.catch((e) => {
    reportError(req.job, 'ort', e);
    post({ type: 'done', job: req.job });
  });
};
