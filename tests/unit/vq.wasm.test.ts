import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { nearestCodeIndices, vectorQuantize } from '../../src/lib/vq';
import { createRng } from '../../src/lib/random';
// @ts-ignore: a plain .mjs script
import { assembleKernel, moduleSource } from '../../scripts/build-vq-wasm.mjs';

// The WebAssembly kernel must give the JS kernel's indices bit for bit: the same float64 sums in
// the same order, the same strict-< scan in code order (ties to the lowest index).
describe('VQ WebAssembly-SIMD kernel', () => {
  it('is what src/lib/vqKernel.wat assembles to (npm run wasm)', async () => {
    const committed = readFileSync('src/lib/vqKernelWasm.ts', 'utf8');
    expect(committed).toBe(moduleSource(await assembleKernel()));
  });

  it('runs in this engine (Node has WebAssembly SIMD)', () => {
    const idx = nearestCodeIndices(new Float32Array([0, 0, 5, 5, 1, 1]), new Float32Array([5, 5, 0, 0]), 2, 'wasm');
    expect(Array.from(idx)).toEqual([1, 0, 1]);
  });

  const shape = fc.record({
    n: fc.integer({ min: 1, max: 9 }),
    k: fc.integer({ min: 1, max: 11 }),
    d: fc.integer({ min: 1, max: 9 }),
    // a small integer grid makes exact ties between codes common; floats exercise rounding
    grid: fc.boolean(),
    seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
  });

  it('gives the JS kernel\'s indices on random shapes, ties included (1,000 cases)', () => {
    fc.assert(
      fc.property(shape, ({ n, k, d, grid, seed }) => {
        const rng = createRng(seed);
        const v = () => (grid ? rng.int(3) - 1 : rng.normal() * 10);
        const x = new Float32Array(n * d).map(v);
        const cb = new Float32Array(k * d).map(v);
        const js = nearestCodeIndices(x, cb, d, 'js');
        const wasm = nearestCodeIndices(x, cb, d, 'wasm');
        expect(Array.from(wasm)).toEqual(Array.from(js));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives identical indices across chunk boundaries and odd N at D = 64, K = 256', () => {
    const rng = createRng(7);
    const n = 4099; // two full 2,048-row chunks, then three rows (one without a partner)
    const x = new Float32Array(n * 64).map(() => rng.normal());
    const cb = new Float32Array(256 * 64).map(() => rng.normal());
    const js = nearestCodeIndices(x, cb, 64, 'js');
    expect(Array.from(nearestCodeIndices(x, cb, 64, 'wasm'))).toEqual(Array.from(js));
    // vectorQuantize takes the WebAssembly path at this size; every output is the same as the JS kernel's
    const auto = vectorQuantize(x, cb, 64);
    const jsOnly = vectorQuantize(x, cb, 64, 0.25, { kernel: 'js' });
    expect(Array.from(auto.indices)).toEqual(Array.from(js));
    expect(auto.quantized).toEqual(jsOnly.quantized);
    expect([auto.loss, auto.perplexity]).toEqual([jsOnly.loss, jsOnly.perplexity]);
    expect(() => vectorQuantize(x, cb, 64, 0.25, { kernel: 'gpu' as never })).toThrow(/options.kernel must be 'auto', 'js' or 'wasm'; received "gpu"/);
  });

  it('copes with a large codebook after a small one (memory grows, old layout overwritten)', () => {
    const rng = createRng(11);
    for (const [n, k, d] of [[5, 3, 4], [300, 1000, 32], [7, 2, 5]] as const) {
      const x = new Float32Array(n * d).map(() => rng.normal());
      const cb = new Float32Array(k * d).map(() => rng.normal());
      expect(Array.from(nearestCodeIndices(x, cb, d, 'wasm'))).toEqual(Array.from(nearestCodeIndices(x, cb, d, 'js')));
    }
  });
});
