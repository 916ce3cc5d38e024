/**
 * One benchmark measurement in its own process, so peak memory (maxRSS) belongs to one engine and
 * one size. Prints a JSON line: { engine, case, n, d, k, medianMs, runsMs, peakRssMiB, agreement }.
 *
 *   vite-node scripts/bench/vqCase.ts -- <ts|ts-js|ort> <n> <d> <k> <modelFile> [reps]
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { createRng } from '../../src/lib/random';
import { vectorQuantize } from '../../src/lib/vq';
import { createVqSession, runVq } from '../../src/lib/ortVq';

const args = process.argv.slice(2).filter((a) => a !== '--');
const [engine, nArg, dArg, kArg, modelFile, repsArg] = args;
const n = Number(nArg);
const d = Number(dArg);
const k = Number(kArg);
const reps = Number(repsArg ?? 5);
const root = process.cwd();

/** The codebook the exported model holds, so TS and ORT quantize against the same vectors. */
const codebookRows = JSON.parse(readFileSync(path.join(root, 'public/models', modelFile!.replace('.onnx', '.codebook.json')), 'utf8')) as number[][];
if (codebookRows.length !== k || codebookRows[0]!.length !== d) throw new Error(`codebook of ${modelFile} is not ${k}×${d}`);
const codebook = Float32Array.from(codebookRows.flat());

// Seeded input like the seed's torch.randn (image case: uniform RGB in [0, 1]).
const rng = createRng(20241128);
const x = new Float32Array(n * d);
for (let i = 0; i < x.length; i++) x[i] = d === 3 ? rng.next() : rng.normal();

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const runsMs: number[] = [];
let indices: Int32Array;

if (engine === 'ts' || engine === 'ts-js') {
  // 'ts': the library as pages call it (WebAssembly-SIMD argmin); 'ts-js': its JavaScript kernel only
  const kernel = engine === 'ts' ? 'auto' : 'js';
  indices = vectorQuantize(x, codebook, d, 0.25, { kernel }).indices; // warm-up
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    indices = vectorQuantize(x, codebook, d, 0.25, { kernel }).indices;
    runsMs.push(performance.now() - t0);
  }
} else {
  const wasmDir = pathToFileURL(path.join(root, 'node_modules/onnxruntime-web/dist')).href + '/';
  const session = await createVqSession(new Uint8Array(readFileSync(path.join(root, 'public/models', modelFile!))), { wasmPaths: wasmDir, numThreads: 1 });
  indices = (await runVq(session, x, d)).indices; // warm-up
  for (let r = 0; r < reps; r++) {
    const t0 = performance.now();
    indices = (await runVq(session, x, d)).indices;
    runsMs.push(performance.now() - t0);
  }
}

// Agreement with the TS kernel's indices, so the bench also shows both engines answer the same.
const reference = engine === 'ts' ? indices : vectorQuantize(x, codebook, d).indices;
let same = 0;
for (let i = 0; i < n; i++) if (reference[i] === indices[i]) same++;

console.log(JSON.stringify({
  engine, n, d, k, medianMs: median(runsMs), runsMs,
  peakRssMiB: process.resourceUsage().maxRSS / 1024, agreement: same / n,
}));
