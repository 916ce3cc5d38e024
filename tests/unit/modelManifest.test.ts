import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  codebookToFloat32,
  findModel,
  parseManifest,
  sha256Hex,
  sha256HexSync,
  verifyModelBytes,
} from '../../src/lib/modelManifest';

const raw = JSON.parse(readFileSync(resolve(__dirname, '../../public/models/manifest.json'), 'utf8'));
const clone = (): any => structuredClone(raw);

describe('parseManifest', () => {
  it('accepts the shipped manifest and keeps its fields', () => {
    const m = parseManifest(raw);
    expect(m.models.length).toBe(4);
    const d = findModel(m, 'digits-vq');
    expect(d.dim).toBe(64);
    expect(d.numEmbeddings).toBe(32);
    expect(d.trainingSteps).toBeGreaterThan(0);
    expect(d.finalPerplexity).toBeGreaterThan(1);
    expect(d.training).toBeTypeOf('object');
    expect(() => findModel(m, 'nope')).toThrow(/model id must be one of "seed-colors", .*received "nope"/);
  });

  it.each([
    ['not an object', () => 3, TypeError, /^manifest must be an object; received 3/],
    ['models missing', () => ({}), TypeError, /manifest\.models must be an array; received undefined/],
    ['models empty', () => ({ models: [] }), RangeError, /at least one model/],
    ['sha256 short', (m: any) => ((m.models[1].sha256 = 'abc'), m), RangeError, /manifest\.models\[1\]\.sha256 must be 64 lowercase hex digits; received "abc"/],
    ['file with folder', (m: any) => ((m.models[0].file = '../x.onnx'), m), RangeError, /models\[0\]\.file must be a plain file name/],
    ['dim missing', (m: any) => (delete m.models[2].dim, m), TypeError, /models\[2\]\.dim must be a finite number; received undefined/],
    ['dim zero', (m: any) => ((m.models[2].dim = 0), m), RangeError, /models\[2\]\.dim must be an integer ≥ 1; received 0/],
    ['numEmbeddings fractional', (m: any) => ((m.models[0].numEmbeddings = 2.5), m), TypeError, /numEmbeddings must be an integer/],
    ['outputs.indices missing', (m: any) => (delete m.models[3].outputs.indices, m), TypeError, /models\[3\]\.outputs\.indices must be a string/],
    ['negative β', (m: any) => ((m.models[0].commitmentCost = -1), m), RangeError, /commitmentCost must be ≥ 0/],
    ['perplexity > K', (m: any) => ((m.models[0].finalPerplexity = 7), m), RangeError, /finalPerplexity must be in \[1, numEmbeddings=6\]/],
    ['codeNames length', (m: any) => (m.models[0].codeNames.pop(), m), RangeError, /codeNames must have numEmbeddings=6 names/],
    ['duplicate id', (m: any) => ((m.models[1].id = m.models[0].id), m), RangeError, /models\[1\]\.id must be unique; received "seed-colors" \(also models\[0\]\)/],
  ] as const)('%s', (_name, make, type, message) => {
    const bad = make(clone());
    expect(() => parseManifest(bad)).toThrow(type);
    expect(() => parseManifest(bad)).toThrow(message);
  });
});

describe('codebookToFloat32', () => {
  it('flattens rows and keeps float32 values exactly', () => {
    const cb = codebookToFloat32([[0.1, 1], [2, -3.5]], 2);
    expect(cb).toEqual(new Float32Array([0.1, 1, 2, -3.5]));
  });
  it('names the bad field', () => {
    expect(() => codebookToFloat32({}, 2)).toThrow(/codebook must be an array of rows; received a object/);
    expect(() => codebookToFloat32([], 2)).toThrow(RangeError);
    expect(() => codebookToFloat32([[1, 2], [3]], 2)).toThrow(/codebook\[1\] must have length dim=2; received length 1/);
    expect(() => codebookToFloat32([[1, NaN]], 2)).toThrow(/codebook\[0\]\[1\] must be a finite number; received NaN/);
    expect(() => codebookToFloat32([[1, 2]], 0)).toThrow(/dim must be an integer ≥ 1/);
  });
});

describe('sha256', () => {
  it('known vectors (FIPS 180-4)', async () => {
    const abc = new TextEncoder().encode('abc');
    expect(await sha256Hex(abc)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync(abc)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256HexSync(new Uint8Array(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });
  it('the pure-TS fallback equals node:crypto on any bytes (padding edges included)', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(sha256HexSync(bytes)).toBe(createHash('sha256').update(bytes).digest('hex'));
      }),
      { numRuns: 300 },
    );
    for (const n of [55, 56, 63, 64, 65, 119, 120, 128]) {
      const b = Uint8Array.from({ length: n }, (_, i) => (i * 31) & 255);
      expect(sha256HexSync(b), `length ${n}`).toBe(createHash('sha256').update(b).digest('hex'));
    }
  });
  it('hashes a view, not its whole buffer', async () => {
    const buf = Uint8Array.from({ length: 100 }, (_, i) => i);
    const view = buf.subarray(10, 20);
    const want = createHash('sha256').update(view).digest('hex');
    expect(await sha256Hex(view)).toBe(want);
    expect(sha256HexSync(view)).toBe(want);
    expect(await sha256Hex(buf.slice(10, 20).buffer)).toBe(want);
  });
  it('verifyModelBytes accepts uppercase hex and rejects a non-hex expectation', async () => {
    const b = new TextEncoder().encode('abc');
    await expect(verifyModelBytes(b, 'BA7816BF8F01CFEA414140DE5DAE2223B00361A396177A9CB410FF61F20015AD', 'x')).resolves.toMatch(/^ba78/);
    await expect(verifyModelBytes(b, 'nothex', 'x')).rejects.toThrow(/expectedHex must be 64 hex digits/);
    await expect(verifyModelBytes(b, '0'.repeat(64), 'tiny')).rejects.toThrow(
      'model tiny failed its integrity check: expected 0000000000000000000000000000000000000000000000000000000000000000, got ba7816bf',
    );
  });
});
