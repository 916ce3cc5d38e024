/**
 * The VQ page's model manifest (public/models/manifest.json, written by scripts/export_models.py):
 * types, validation, codebook conversion and the sha256 integrity check of the .onnx bytes.
 *
 * Pure and DOM-free, and no onnxruntime import: the page can read and check the manifest at build
 * time and in the browser, and only load onnxruntime-web (src/lib/ortVq.ts) when a model runs.
 *
 * Errors follow src/lib/validate.ts: TypeError for the wrong kind of value, RangeError for a value
 * of the right kind outside its accepted set; every message names the field (`models[1].sha256`).
 */
import { describe } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Output names of one model's graph (the manifest maps roles to graph names). */
export interface VqModelOutputs {
  /** int64 [N]: code index of each row. */
  indices: string;
  /** float32 [N, D]: the gathered codebook rows. */
  quantized: string;
  /** float32 scalar: q_latent + β·e_latent. */
  loss?: string;
  /** float32 scalar: exp(entropy) of the code usage (mean of one-hot encodings). */
  perplexity?: string;
}

/** One model of the manifest. */
export interface VqModelEntry {
  id: string;
  /** Human-readable name (English). */
  title?: string;
  /** The .onnx file, relative to the manifest's folder. */
  file: string;
  /** sha256 of the .onnx bytes, 64 lowercase hex digits. */
  sha256: string;
  /** Size of the .onnx file in bytes. */
  bytes: number;
  /** The codebook JSON (K arrays of D numbers), relative to the manifest's folder. */
  codebook: string;
  /** Name of the float32 [N, D] input. */
  input: string;
  outputs: VqModelOutputs;
  /** D: length of each input row and code. */
  dim: number;
  /** K: number of codes. */
  numEmbeddings: number;
  /** β of the loss. */
  commitmentCost: number;
  /** Provenance of the codebook (and of the data the final numbers were measured on). */
  data: string;
  licence: string;
  /** Optimisation steps (0 for a codebook that was not trained). */
  trainingSteps: number;
  /** Loss of the exported codebook on its reference data (see `data`). */
  finalLoss: number;
  /** Perplexity of the exported codebook on its reference data. */
  finalPerplexity: number;
  /** PyTorch version that exported the graph. */
  torch: string;
  /** ONNX opset of the graph. */
  opset: number;
  /** Optional names of the codes (e.g. the seed's colours). */
  codeNames?: string[];
  /** Free-form training details (kept as written). */
  training?: Record<string, unknown>;
}

export interface ModelManifest {
  models: VqModelEntry[];
  generator?: string;
  versions?: Record<string, string>;
}

const HEX64 = /^[0-9a-f]{64}$/;
/** A plain relative file name under public/models/: no folders, no scheme, no "..". */
const FILE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
const ID = /^[a-z0-9][a-z0-9-]*$/;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

function record(name: string, value: unknown): Record<string, unknown> {
  if (!isRecord(value)) throw paramTypeError(name, `${name} must be an object; received ${describe(value)}`);
  return value;
}

function str(name: string, value: unknown): string {
  if (typeof value !== 'string') throw paramTypeError(name, `${name} must be a string; received ${describe(value)}`);
  if (value.length === 0) throw paramRangeError(name, `${name} must be a non-empty string; received ""`);
  return value;
}

function matching(name: string, value: unknown, pattern: RegExp, what: string): string {
  const s = str(name, value);
  if (!pattern.test(s)) throw paramRangeError(name, `${name} must be ${what}; received ${describe(s)}`);
  return s;
}

function num(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw paramTypeError(name, `${name} must be a finite number; received ${describe(value)}`);
  }
  return value;
}

function int(name: string, value: unknown, min: number): number {
  const v = num(name, value);
  if (!Number.isInteger(v)) throw paramTypeError(name, `${name} must be an integer; received ${describe(v)}`);
  if (v < min) throw paramRangeError(name, `${name} must be an integer ≥ ${min}; received ${describe(v)}`);
  return v;
}

function nonNegative(name: string, value: unknown): number {
  const v = num(name, value);
  if (v < 0) throw paramRangeError(name, `${name} must be ≥ 0; received ${describe(v)}`);
  return v;
}

function parseOutputs(name: string, value: unknown): VqModelOutputs {
  const o = record(name, value);
  const out: VqModelOutputs = {
    indices: str(`${name}.indices`, o.indices),
    quantized: str(`${name}.quantized`, o.quantized),
  };
  if (o.loss !== undefined) out.loss = str(`${name}.loss`, o.loss);
  if (o.perplexity !== undefined) out.perplexity = str(`${name}.perplexity`, o.perplexity);
  return out;
}

function parseEntry(name: string, value: unknown): VqModelEntry {
  const e = record(name, value);
  const f = (key: string) => `${name}.${key}`;
  const entry: VqModelEntry = {
    id: matching(f('id'), e.id, ID, 'lowercase letters, digits and "-"'),
    file: matching(f('file'), e.file, FILE_NAME, 'a plain file name (no folders)'),
    sha256: matching(f('sha256'), e.sha256, HEX64, '64 lowercase hex digits'),
    bytes: int(f('bytes'), e.bytes, 1),
    codebook: matching(f('codebook'), e.codebook, FILE_NAME, 'a plain file name (no folders)'),
    input: str(f('input'), e.input),
    outputs: parseOutputs(f('outputs'), e.outputs),
    dim: int(f('dim'), e.dim, 1),
    numEmbeddings: int(f('numEmbeddings'), e.numEmbeddings, 1),
    commitmentCost: nonNegative(f('commitmentCost'), e.commitmentCost),
    data: str(f('data'), e.data),
    licence: str(f('licence'), e.licence),
    trainingSteps: int(f('trainingSteps'), e.trainingSteps, 0),
    finalLoss: nonNegative(f('finalLoss'), e.finalLoss),
    finalPerplexity: num(f('finalPerplexity'), e.finalPerplexity),
    torch: str(f('torch'), e.torch),
    opset: int(f('opset'), e.opset, 1),
  };
  if (entry.finalPerplexity < 1 - 1e-6 || entry.finalPerplexity > entry.numEmbeddings + 1e-6) {
    throw paramRangeError(
      `${f('finalPerplexity')}`,
      `${f('finalPerplexity')} must be in [1, numEmbeddings=${entry.numEmbeddings}]; received ${describe(entry.finalPerplexity)}`,
    );
  }
  if (e.title !== undefined) entry.title = str(f('title'), e.title);
  if (e.codeNames !== undefined) {
    if (!Array.isArray(e.codeNames)) {
      throw paramTypeError(`${f('codeNames')}`, `${f('codeNames')} must be an array of strings; received ${describe(e.codeNames)}`);
    }
    if (e.codeNames.length !== entry.numEmbeddings) {
      throw paramRangeError(
        `${f('codeNames')}`,
        `${f('codeNames')} must have numEmbeddings=${entry.numEmbeddings} names; received length ${e.codeNames.length}`,
      );
    }
    entry.codeNames = e.codeNames.map((s, i) => str(`${f('codeNames')}[${i}]`, s));
  }
  if (e.training !== undefined) entry.training = record(f('training'), e.training);
  return entry;
}

/**
 * Validates a parsed manifest.json and returns a typed copy (unknown top-level and per-model keys
 * other than the documented optional ones are dropped). Model ids must be unique.
 */
export function parseManifest(json: unknown): ModelManifest {
  const m = record('manifest', json);
  if (!Array.isArray(m.models)) {
    throw paramTypeError('manifest.models', `manifest.models must be an array; received ${describe(m.models)}`);
  }
  if (m.models.length === 0) throw paramRangeError('manifest.models', 'manifest.models must list at least one model; received length 0');
  const models = m.models.map((e, i) => parseEntry(`manifest.models[${i}]`, e));
  const seen = new Map<string, number>();
  models.forEach((e, i) => {
    const prev = seen.get(e.id);
    if (prev !== undefined) {
      throw paramRangeError(`manifest.models[${i}].id`, `manifest.models[${i}].id must be unique; received ${describe(e.id)} (also models[${prev}])`);
    }
    seen.set(e.id, i);
  });
  const out: ModelManifest = { models };
  if (m.generator !== undefined) out.generator = str('manifest.generator', m.generator);
  if (m.versions !== undefined) {
    const v = record('manifest.versions', m.versions);
    out.versions = Object.fromEntries(Object.entries(v).map(([k, s]) => [k, str(`manifest.versions.${k}`, s)]));
  }
  return out;
}

/** The entry with this id; RangeError listing the known ids otherwise. */
export function findModel(manifest: ModelManifest, id: string): VqModelEntry {
  if (typeof manifest !== 'object' || manifest === null || !Array.isArray(manifest.models)) {
    throw paramTypeError('manifest', `manifest must be a result of parseManifest; received ${describe(manifest)}`);
  }
  const entry = manifest.models.find((m) => m.id === id);
  if (!entry) {
    throw paramRangeError(
      'id',
      `model id must be one of ${manifest.models.map((m) => JSON.stringify(m.id)).join(', ')}; received ${describe(id)}`,
    );
  }
  return entry;
}

/**
 * A codebook JSON (K arrays of `dim` numbers) as a row-major Float32Array of length K·dim, the
 * layout of `vectorQuantize`. The JSON holds float32 values written as decimals that round back to
 * the same float32, so the result equals the exported graph's initializer bit for bit.
 */
export function codebookToFloat32(rows: unknown, dim: number): Float32Array {
  const d = int('dim', dim, 1);
  if (!Array.isArray(rows)) throw paramTypeError('codebook', `codebook must be an array of rows; received ${describe(rows)}`);
  if (rows.length === 0) throw paramRangeError('codebook', 'codebook must have at least one row; received length 0');
  if (!Array.isArray(rows[0]) || rows[0].length !== d) {
    throw paramRangeError('codebook[0]', `codebook[0] must be an array of dim=${d} numbers; received ${describe(rows[0])}`);
  }
  const out = new Float32Array(rows.length * d);
  rows.forEach((row: unknown, i) => {
    if (!Array.isArray(row)) throw paramTypeError(`codebook[${i}]`, `codebook[${i}] must be an array of numbers; received ${describe(row)}`);
    if (row.length !== d) throw paramRangeError(`codebook[${i}]`, `codebook[${i}] must have length dim=${d}; received length ${row.length}`);
    for (let t = 0; t < d; t++) {
      const v = num(`codebook[${i}][${t}]`, row[t]);
      // float32 overflows above 3.4e38 (to Infinity): refuse rather than store a non-finite code.
      if (!Number.isFinite(Math.fround(v))) {
        throw paramRangeError(`codebook[${i}][${t}]`, `codebook[${i}][${t}] must be a float32 (|x| ≤ 3.4e38); received ${describe(v)}`);
      }
      out[i * d + t] = v;
    }
  });
  return out;
}

// ------------------------------------------------------------------------------------------------
// sha256

/** ArrayBuffer / typed array / DataView as a Uint8Array view over the same bytes. */
function asBytes(bytes: ArrayBuffer | ArrayBufferView): Uint8Array {
  if (bytes instanceof ArrayBuffer) return new Uint8Array(bytes);
  if (ArrayBuffer.isView(bytes)) return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  throw paramTypeError('bytes', `bytes must be an ArrayBuffer or a typed array; received ${describe(bytes)}`);
}

function toHex(digest: ArrayBuffer | Uint8Array): string {
  const b = digest instanceof Uint8Array ? digest : new Uint8Array(digest);
  let s = '';
  for (let i = 0; i < b.length; i++) s += b[i]!.toString(16).padStart(2, '0');
  return s;
}

const K256 = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/**
 * SHA-256 in plain TypeScript (FIPS 180-4), for contexts without Web Crypto: `crypto.subtle` exists
 * only in secure contexts (https, localhost), and the site may be served over plain http.
 * About 50–100 MB/s in V8: plenty for models of a few hundred KB.
 */
export function sha256HexSync(bytes: ArrayBuffer | ArrayBufferView): string {
  const msg = asBytes(bytes);
  const n = msg.length;
  const blocks = Math.ceil((n + 9) / 64);
  const padded = new Uint8Array(blocks * 64);
  padded.set(msg);
  padded[n] = 0x80;
  const view = new DataView(padded.buffer);
  // Bit length as a 64-bit big-endian integer (n < 2^53 / 8).
  view.setUint32(padded.length - 8, Math.floor(n / 0x20000000));
  view.setUint32(padded.length - 4, (n * 8) >>> 0);
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ]);
  const w = new Uint32Array(64);
  for (let off = 0; off < padded.length; off += 64) {
    for (let t = 0; t < 16; t++) w[t] = view.getUint32(off + 4 * t);
    for (let t = 16; t < 64; t++) {
      const a = w[t - 15]!;
      const b = w[t - 2]!;
      const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
      const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
      w[t] = (w[t - 16]! + s0 + w[t - 7]! + s1) >>> 0;
    }
    let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, hh = h[7]!;
    for (let t = 0; t < 64; t++) {
      const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (hh + S1 + ch + K256[t]! + w[t]!) >>> 0;
      const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      const t2 = (S0 + maj) >>> 0;
      hh = g;
      g = f;
      f = e;
      e = (d + t1) >>> 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) >>> 0;
    }
    h[0] = h[0]! + a; h[1] = h[1]! + b; h[2] = h[2]! + c; h[3] = h[3]! + d;
    h[4] = h[4]! + e; h[5] = h[5]! + f; h[6] = h[6]! + g; h[7] = h[7]! + hh;
  }
  let s = '';
  for (let i = 0; i < 8; i++) s += h[i]!.toString(16).padStart(8, '0');
  return s;
}

/**
 * sha256 of the bytes as 64 lowercase hex digits. Uses `globalThis.crypto.subtle.digest` (Node 20,
 * browsers in secure contexts) and falls back to `sha256HexSync` where Web Crypto is unavailable.
 */
export async function sha256Hex(bytes: ArrayBuffer | ArrayBufferView): Promise<string> {
  const view = asBytes(bytes);
  const subtle = (globalThis as { crypto?: { subtle?: SubtleCrypto } }).crypto?.subtle;
  if (subtle && typeof subtle.digest === 'function') {
    return toHex(await subtle.digest('SHA-256', view as Uint8Array<ArrayBuffer>));
  }
  return sha256HexSync(view);
}

/**
 * Checks downloaded model bytes against the manifest's sha256 and returns the hex digest; throws
 * `Error("model <id> failed its integrity check: expected <hex>, got <hex>")` on a mismatch.
 */
export async function verifyModelBytes(
  bytes: ArrayBuffer | ArrayBufferView,
  expectedHex: string,
  id = 'unnamed',
): Promise<string> {
  const expected = matching('expectedHex', typeof expectedHex === 'string' ? expectedHex.toLowerCase() : expectedHex, HEX64, '64 hex digits');
  const got = await sha256Hex(bytes);
  if (got !== expected) {
    // A RangeError like every other refusal in src/lib; the message is what the page shows.
    throw paramRangeError('model', `model ${id} failed its integrity check: expected ${expected}, got ${got}`);
  }
  return got;
}
