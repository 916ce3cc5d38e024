/**
 * The browser half of the VQ benchmark (scripts/bench/browserVq.ts serves and drives it):
 * TS `vectorQuantize` split across Web Workers, and onnxruntime-web (wasm) with 1 or more threads,
 * on the same seeded input and codebook. Exposed as `window.vqBench`.
 */
import { createRng } from '../../../src/lib/random';
import { vectorQuantize } from '../../../src/lib/vq';
import { createVqSession, runVq, type VqSession } from '../../../src/lib/ortVq';

/** The same input as scripts/bench/vqCase.ts: torch.randn-like rows (uniform RGB when D = 3). */
function input(n: number, d: number): Float32Array {
  const rng = createRng(20241128);
  const x = new Float32Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = d === 3 ? rng.next() : rng.normal();
  return x;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** A pool of persistent workers; each run splits the rows into one contiguous slice per worker. */
function tsPool(size: number) {
  const workers = Array.from({ length: size }, () => new Worker(new URL('./tsWorker.ts', import.meta.url), { type: 'module' }));
  return {
    async run(x: Float32Array, cb: Float32Array, d: number): Promise<Int32Array> {
      const n = x.length / d;
      const per = Math.ceil(n / size);
      const parts = await Promise.all(workers.map((w, i) => new Promise<{ start: number; indices: Int32Array }>((resolve, reject) => {
        const start = Math.min(n, i * per);
        const end = Math.min(n, start + per);
        w.onmessage = (ev) => resolve({ start, indices: ev.data.indices });
        w.onerror = (ev) => reject(new Error(ev.message));
        w.postMessage({ x: x.slice(start * d, end * d), cb, d });
      })));
      const indices = new Int32Array(n);
      for (const p of parts) indices.set(p.indices, p.start);
      return indices;
    },
    close() { workers.forEach((w) => w.terminate()); },
  };
}

async function ts(n: number, d: number, cbRows: number[][], workers: number, reps: number) {
  const x = input(n, d);
  const cb = Float32Array.from(cbRows.flat());
  const pool = tsPool(workers);
  await pool.run(x, cb, d); // warm-up (each worker compiles the kernel)
  const runs: number[] = [];
  let indices: Int32Array = new Int32Array(0);
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    indices = await pool.run(x, cb, d);
    runs.push(performance.now() - t0);
  }
  pool.close();
  return { medianMs: median(runs), runsMs: runs, indices: Array.from(indices.subarray(0, 4096)) };
}

let session: VqSession | null = null;

async function ort(n: number, d: number, modelUrl: string, threads: number, chunkRows: number, reps: number) {
  const x = input(n, d);
  if (!session) {
    const bytes = new Uint8Array(await (await fetch(modelUrl)).arrayBuffer());
    session = await createVqSession(bytes, { wasmPaths: '/ort/', numThreads: threads });
  }
  const once = async () => {
    const indices = new Int32Array(n);
    for (let s = 0; s < n; s += chunkRows) {
      const e = Math.min(n, s + chunkRows);
      indices.set((await runVq(session!, x.subarray(s * d, e * d), d)).indices, s);
    }
    return indices;
  };
  await once(); // warm-up
  const runs: number[] = [];
  let indices: Int32Array = new Int32Array(0);
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    indices = await once();
    runs.push(performance.now() - t0);
  }
  return { medianMs: median(runs), runsMs: runs, indices: Array.from(indices.subarray(0, 4096)) };
}

/** The first rows' indices of the library kernel on the main thread, for the agreement check. */
function reference(n: number, d: number, cbRows: number[][]) {
  const rows = Math.min(n, 4096);
  return Array.from(vectorQuantize(input(n, d).subarray(0, rows * d), Float32Array.from(cbRows.flat()), d).indices);
}

(window as unknown as { vqBench: unknown }).vqBench = {
  ts, ort, reference,
  info: () => ({ crossOriginIsolated: self.crossOriginIsolated, cores: navigator.hardwareConcurrency }),
};
