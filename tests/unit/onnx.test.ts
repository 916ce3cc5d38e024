/**
 * Every model of public/models/manifest.json, run in onnxruntime-web (wasm backend) under Node and
 * compared with the TypeScript kernel `vectorQuantize` on the model's codebook JSON.
 *
 * Agreement rule (float32 graph vs float64 TS): indices are equal except at near-ties, where the
 * two chosen codes are equally near to |d_ts − d_ort| ≤ 1e-5·(1 + |d|) (d: exact squared distance);
 * at least 99.9% of rows must agree. Quantized rows of agreeing rows match to 1e-5; loss and
 * perplexity to 1e-4 relative (perplexity against TS's count of ORT's own indices when a near-tie
 * moved a row, since one moved row shifts the perplexity by ~1/N).
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { codebookPerplexity, vectorQuantize, vqLossForIndices } from '../../src/lib/vq';
import { createRng } from '../../src/lib/random';
import {
  codebookToFloat32,
  parseManifest,
  sha256Hex,
  verifyModelBytes,
  type VqModelEntry,
} from '../../src/lib/modelManifest';
import { createVqSession, runVq, type VqSession } from '../../src/lib/ortVq';
import digitsSample from '../fixtures/digits_sample.json';
import chelseaSample from '../fixtures/chelsea_pixels_sample.json';

const ROOT = resolve(__dirname, '../..');
const MODELS = resolve(ROOT, 'public/models');
// Under Node, onnxruntime-web loads ort-wasm-simd-threaded.wasm from this folder (a file: URL
// ending in '/'; a plain path works as well).
const WASM_PATHS = pathToFileURL(resolve(ROOT, 'node_modules/onnxruntime-web/dist')).href + '/';

const manifest = parseManifest(JSON.parse(readFileSync(resolve(MODELS, 'manifest.json'), 'utf8')));

function sqDist(x: Float32Array, i: number, cb: Float32Array, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += (x[i * d + t]! - cb[j * d + t]!) ** 2;
  return s;
}

function relClose(actual: number, expected: number, rtol: number, label: string): void {
  const tol = rtol * Math.max(Math.abs(expected), 1e-6);
  if (!(Math.abs(actual - expected) <= tol)) {
    expect.fail(`${label}: expected ${expected}, got ${actual} (|Δ| = ${Math.abs(actual - expected)} > ${tol})`);
  }
}

interface Stats {
  rows: number;
  disagreements: number;
  tsMs: number;
  ortMs: number;
}

/** Runs both implementations on x and asserts the agreement rule; returns counts for the log. */
async function compare(
  entry: VqModelEntry,
  session: VqSession,
  cb: Float32Array,
  x: Float32Array,
  minAgreement = 0.999,
): Promise<Stats> {
  const d = entry.dim;
  const n = x.length / d;
  const t0 = performance.now();
  const ts = vectorQuantize(x, cb, d, entry.commitmentCost);
  const tsMs = performance.now() - t0;
  const ort = await runVq(session, x, d, { input: entry.input, ...entry.outputs });
  expect(ort.indices).toBeInstanceOf(Int32Array);
  expect(ort.indices.length).toBe(n);
  expect(ort.quantized.length).toBe(n * d);
  let disagreements = 0;
  let maxDq = 0;
  for (let i = 0; i < n; i++) {
    const a = ts.indices[i]!;
    const b = ort.indices[i]!;
    expect(b >= 0 && b < entry.numEmbeddings, `index ${b} in range`).toBe(true);
    if (a !== b) {
      disagreements++;
      const da = sqDist(x, i, cb, a, d);
      const db = sqDist(x, i, cb, b, d);
      if (!(Math.abs(da - db) <= 1e-5 * (1 + Math.abs(da)))) {
        expect.fail(`${entry.id} row ${i}: TS code ${a} (d=${da}) vs ORT code ${b} (d=${db}) is not a near-tie`);
      }
      continue;
    }
    for (let t = 0; t < d; t++) {
      maxDq = Math.max(maxDq, Math.abs(ort.quantized[i * d + t]! - ts.quantized[i * d + t]!));
    }
  }
  expect(maxDq, `${entry.id} max |Δ quantized|`).toBeLessThanOrEqual(1e-5);
  expect((n - disagreements) / n, `${entry.id} index agreement`).toBeGreaterThanOrEqual(minAgreement);
  expect(ort.loss).toBeTypeOf('number');
  expect(ort.perplexity).toBeTypeOf('number');
  relClose(ort.loss!, ts.loss, 1e-4, `${entry.id} loss (N=${n})`);
  relClose(ort.loss!, vqLossForIndices(x, cb, d, ort.indices, entry.commitmentCost).loss, 1e-4, `${entry.id} loss of ORT's indices`);
  const pplRef = disagreements === 0 ? ts.perplexity : codebookPerplexity(ort.indices, entry.numEmbeddings);
  relClose(ort.perplexity!, pplRef, 1e-4, `${entry.id} perplexity (N=${n})`);
  return { rows: n, disagreements, tsMs, ortMs: ort.ms };
}

/** Seeded inputs in the model's natural range: pixels in [0,1]³, digits in [0,1]⁶⁴, the seed's randn. */
function randomInput(entry: VqModelEntry, n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  const x = new Float32Array(n * entry.dim);
  if (entry.id.startsWith('seed-vq')) {
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  } else {
    for (let i = 0; i < x.length; i++) x[i] = rng.next();
  }
  return x;
}

/**
 * Rows built to be (near-)ties: the midpoint of every pair of codes (600 random pairs when there
 * are more), rounded to float32, plus two copies nudged by ~1e-7 noise. Either code may win; the
 * point is that every disagreement is a near-tie (other codes can be nearer than the pair).
 */
function tieInput(entry: VqModelEntry, cb: Float32Array, seed: number): Float32Array {
  const d = entry.dim;
  const k = entry.numEmbeddings;
  const rng = createRng(seed);
  const pairs: [number, number][] = [];
  if ((k * (k - 1)) / 2 <= 600) {
    for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) pairs.push([a, b]);
  } else {
    for (let p = 0; p < 600; p++) {
      const a = rng.int(k);
      const b = (a + 1 + rng.int(k - 1)) % k;
      pairs.push([a, b]);
    }
  }
  const rows: number[] = [];
  for (const [a, b] of pairs) {
    for (const eps of [0, 1e-7, -1e-7]) {
      for (let t = 0; t < d; t++) rows.push((cb[a * d + t]! + cb[b * d + t]!) / 2 + eps * rng.normal());
    }
  }
  return Float32Array.from(rows);
}

/** Real rows in the model's space, where the repository has them. */
function realInput(entry: VqModelEntry): Float32Array | null {
  if (entry.dim === 64) return Float32Array.from(digitsSample.data.flat(), (v) => v / 16);
  if (entry.dim === 3) return Float32Array.from(chelseaSample.data.flat(), (v) => v / 255);
  return null;
}

const BATCHES = [1, 7, 256, 3000];

describe('public/models/manifest.json', () => {
  it('lists the four VQ models with their files', () => {
    expect(manifest.models.map((m) => m.id).sort()).toEqual(
      ['digits-vq', 'palette-k16', 'seed-colors', 'seed-vq-d64-k256'],
    );
    for (const m of manifest.models) {
      expect(m.opset).toBe(13);
      expect(m.bytes).toBeLessThan(25 * 1024 * 1024);
      expect(m.outputs).toEqual({ indices: 'indices', quantized: 'quantized', loss: 'loss', perplexity: 'perplexity' });
    }
  });
  it('the seed-colors codebook is the seed’s six colours', () => {
    const m = manifest.models.find((e) => e.id === 'seed-colors')!;
    expect(m.codeNames).toEqual(['red', 'blue', 'green', 'yellow', 'black', 'white']);
    const cb = JSON.parse(readFileSync(resolve(MODELS, m.codebook), 'utf8'));
    expect(cb).toEqual([[1, 0, 0], [0, 0, 1], [0, 1, 0], [1, 1, 0], [0, 0, 0], [1, 1, 1]]);
  });
});

for (const entry of manifest.models) {
  describe(`${entry.id} (K=${entry.numEmbeddings}, D=${entry.dim}) in onnxruntime-web vs vectorQuantize`, () => {
    let bytes: Uint8Array;
    let session: VqSession;
    let cb: Float32Array;
    const log: string[] = [];

    beforeAll(async () => {
      bytes = new Uint8Array(readFileSync(resolve(MODELS, entry.file)));
      cb = codebookToFloat32(JSON.parse(readFileSync(resolve(MODELS, entry.codebook), 'utf8')), entry.dim);
      expect(cb.length).toBe(entry.numEmbeddings * entry.dim);
    });

    it('matches its sha256 and size', async () => {
      expect(bytes.length).toBe(entry.bytes);
      expect(await sha256Hex(bytes)).toBe(entry.sha256);
      await expect(verifyModelBytes(bytes, entry.sha256, entry.id)).resolves.toBe(entry.sha256);
    });

    it('loads in onnxruntime-web (wasm, 1 thread) with the manifest’s names', async () => {
      session = await createVqSession(bytes, { wasmPaths: WASM_PATHS, numThreads: 1 });
      expect(session.inputNames).toEqual([entry.input]);
      expect([...session.outputNames].sort()).toEqual(['indices', 'loss', 'perplexity', 'quantized']);
    });

    it.each(BATCHES.map((n, b) => [n, 1000 + b]))('random batch N=%i (seed %i)', async (n, seed) => {
      const s = await compare(entry, session, cb, randomInput(entry, n, seed));
      log.push(`N=${s.rows}: TS ${s.tsMs.toFixed(1)} ms, ORT ${s.ortMs.toFixed(1)} ms, near-ties ${s.disagreements}`);
    });

    const real = realInput(entry);
    if (real) {
      it(`real data (${entry.dim === 3 ? '2000 chelsea pixels' : '50 held-out digits'})`, async () => {
        const s = await compare(entry, session, cb, real);
        log.push(`real N=${s.rows}: TS ${s.tsMs.toFixed(1)} ms, ORT ${s.ortMs.toFixed(1)} ms, near-ties ${s.disagreements}`);
      });
    }

    it('midpoints between codes (built near-ties) obey the near-tie rule', async () => {
      const s = await compare(entry, session, cb, tieInput(entry, cb, 7), 0);
      log.push(`midpoints N=${s.rows}: disagreements (all near-ties) ${s.disagreements}`);
    });

    it('rows equal to codes map to themselves with zero loss', async () => {
      const r = await runVq(session, cb, entry.dim);
      // Duplicate codes (none expected) would map to the first copy.
      expect(Array.from(r.indices)).toEqual(Array.from({ length: entry.numEmbeddings }, (_, j) => j));
      expect(r.loss).toBe(0);
      relClose(r.perplexity!, entry.numEmbeddings, 1e-4, `${entry.id} perplexity of the codes themselves`);
      if (process.env.VQ_TIMINGS) console.log(`${entry.id}\n  ${log.join('\n  ')}`);
    });
  });
}

describe('seed-vq-d64-k256 at 32768 rows (2M loss terms)', () => {
  it('the graph’s loss keeps float64-grade accuracy (two-stage mean; see mean_sq in export_models.py)', async () => {
    const entry = manifest.models.find((m) => m.id === 'seed-vq-d64-k256')!;
    const bytes = new Uint8Array(readFileSync(resolve(MODELS, entry.file)));
    const cb = codebookToFloat32(JSON.parse(readFileSync(resolve(MODELS, entry.codebook), 'utf8')), entry.dim);
    const session = await createVqSession(bytes, { wasmPaths: WASM_PATHS });
    const x = randomInput(entry, 32768, 2024);
    const ort = await runVq(session, x, entry.dim);
    const ref = vqLossForIndices(x, cb, entry.dim, ort.indices, entry.commitmentCost).loss;
    // A single float32 ReduceMean over all N·D terms drifted by 7.5% at the seed's 524288 rows.
    relClose(ort.loss!, ref, 2e-6, 'loss at N=32768');
    relClose(ort.perplexity!, codebookPerplexity(ort.indices, entry.numEmbeddings), 1e-5, 'perplexity at N=32768');
    await session.release();
  });
});

describe('integrity check', () => {
  it('a corrupted byte fails the sha256 check with a clear message', async () => {
    const entry = manifest.models[0]!;
    const bytes = new Uint8Array(readFileSync(resolve(MODELS, entry.file)));
    const bad = bytes.slice();
    bad[Math.floor(bad.length / 2)]! ^= 0x01;
    const got = await sha256Hex(bad);
    expect(got).not.toBe(entry.sha256);
    await expect(verifyModelBytes(bad, entry.sha256, entry.id)).rejects.toThrow(
      `model ${entry.id} failed its integrity check: expected ${entry.sha256}, got ${got}`,
    );
    // a truncated download fails the same way
    await expect(verifyModelBytes(bytes.subarray(0, bytes.length - 1), entry.sha256, entry.id)).rejects.toThrow(
      /failed its integrity check/,
    );
  });
});
