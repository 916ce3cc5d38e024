/**
 * The trainer's WebAssembly-SIMD kernels (src/lib/trainer/linearKernel.wat) against its JavaScript
 * kernels (linear.ts, optimizerState.ts) and against plain reference loops written here: all three
 * must agree bit for bit (Object.is on every float64, so −0 and NaN count) on random shapes, odd
 * sizes and tails included, with exact zeros (the blocks the kernels skip), −0, overflow and ±∞/NaN.
 *
 * Why a reference as well as JS = WASM: the reference loops spell out the order of every sum (the
 * contract of linear.ts). If either implementation changed its order — a lane split of one dot
 * product, the bias added first, another block size for ∂W — it would stop matching the reference
 * on these inputs; the last block below checks that such reorderings are indeed caught.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRng } from '../../src/lib/random';
import {
  forwardScratch, jsLinearForward, jsLinearInputGradient, jsLinearWeightGradient, linearForward, linearInputGradient,
  linearWeightGradient, relu, reluBackward,
} from '../../src/lib/trainer/linear';
import { activeKernel, linearKernelAvailable, openBuffers, setLinearKernel, type Buffers } from '../../src/lib/trainer/linearWasm';
import { createOptimizer, type OptimizerConfig } from '../../src/lib/trainer/optimizerState';
// @ts-ignore: a plain .mjs script
import { assembleKernel, KERNELS, moduleSource } from '../../scripts/build-vq-wasm.mjs';

// ---- reference loops: the documented order of every sum --------------------------------------------

function refForward(x: Float64Array, rows: number, nin: number, w: Float64Array, b: Float64Array, nout: number): Float64Array {
  const out = new Float64Array(rows * nout);
  for (let i = 0; i < rows; i++) {
    for (let o = 0; o < nout; o++) {
      let s = 0;
      for (let j = 0; j < nin; j++) s += w[o * nin + j]! * x[i * nin + j]!;
      out[i * nout + o] = s + b[o]!;
    }
  }
  return out;
}

/** ∂b += Σδ; ∂W per output pair in blocks of four samples (then single samples), an odd last output alone. */
function refWeightGradient(d: Float64Array, x: Float64Array, rows: number, nin: number, nout: number, dW: Float64Array, dB: Float64Array): void {
  const D = (i: number, o: number) => d[i * nout + o]!;
  const X = (i: number, j: number) => x[i * nin + j]!;
  for (let o = 0; o < nout; o++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += D(i, o);
    dB[o] = dB[o]! + s;
  }
  for (let o = 0; o < nout; o++) {
    const paired = o < nout - (nout % 2);
    const pair = [o - (o % 2), o - (o % 2) + 1];
    let i = 0;
    if (paired) {
      for (; i + 3 < rows; i += 4) {
        const all = [0, 1, 2, 3].every((t) => D(i + t, pair[0]!) === 0 && D(i + t, pair[1]!) === 0);
        if (all) continue;
        for (let j = 0; j < nin; j++) {
          const block = ((D(i, o) * X(i, j) + D(i + 1, o) * X(i + 1, j)) + D(i + 2, o) * X(i + 2, j)) + D(i + 3, o) * X(i + 3, j);
          dW[o * nin + j] = dW[o * nin + j]! + block;
        }
      }
    }
    for (; i < rows; i++) {
      if (paired ? D(i, pair[0]!) === 0 && D(i, pair[1]!) === 0 : D(i, o) === 0) continue;
      for (let j = 0; j < nin; j++) dW[o * nin + j] = dW[o * nin + j]! + D(i, o) * X(i, j);
    }
  }
}

/** ∂x = 0, then per sample pair (an odd last sample alone) blocks of four outputs, then single outputs. */
function refInputGradient(d: Float64Array, w: Float64Array, rows: number, nin: number, nout: number): Float64Array {
  const dx = new Float64Array(rows * nin);
  const D = (i: number, o: number) => d[i * nout + o]!;
  const W = (o: number, j: number) => w[o * nin + j]!;
  for (let i = 0; i < rows; i++) {
    const partner = i % 2 === 0 ? (i + 1 < rows ? i + 1 : i) : i - 1;
    const alone = partner === i;
    let o = 0;
    for (; o + 3 < nout; o += 4) {
      const quiet = [0, 1, 2, 3].every((t) => D(i, o + t) === 0 && D(partner, o + t) === 0);
      if (quiet) continue;
      for (let j = 0; j < nin; j++) {
        dx[i * nin + j] = dx[i * nin + j]! + (((D(i, o) * W(o, j) + D(i, o + 1) * W(o + 1, j)) + D(i, o + 2) * W(o + 2, j)) + D(i, o + 3) * W(o + 3, j));
      }
    }
    for (; o < nout; o++) {
      if (D(i, o) === 0 && (alone || D(partner, o) === 0)) continue;
      for (let j = 0; j < nin; j++) dx[i * nin + j] = dx[i * nin + j]! + D(i, o) * W(o, j);
    }
  }
  return dx;
}

// ---- values ----------------------------------------------------------------------------------------

interface Draw { zeros: number; specials: boolean; seed: number }

/** A value source: mostly normals of mixed scale, exact zeros and −0 at rate `zeros`, rare ±∞, NaN, 1e300. */
function values({ zeros, specials, seed }: Draw): () => number {
  const rng = createRng(seed);
  return () => {
    const u = rng.next();
    if (u < zeros) return rng.next() < 0.2 ? -0 : 0;
    if (specials && u > 0.985) return [Infinity, -Infinity, NaN, 1e300, -1e300][rng.int(5)]!;
    return rng.normal() * [1, 1e-3, 1e3][rng.int(3)]!;
  };
}

function fill(a: Float64Array, v: () => number): Float64Array {
  for (let i = 0; i < a.length; i++) a[i] = v();
  return a;
}

/** Bitwise equality, element by element, with the first difference in the message. */
function expectSameBits(actual: Float64Array, expected: Float64Array, what: string): void {
  expect(actual.length, `${what} length`).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) {
    if (!Object.is(actual[i], expected[i])) expect(`${what}[${i}] = ${actual[i]}`).toBe(`${what}[${i}] = ${expected[i]}`);
  }
}

/** Arrays in the kernels' memory for one check (the WebAssembly kernels then run), released after. */
function inWasm<T>(doubles: number, pack: number, body: (b: Buffers) => T): T {
  const b = openBuffers(doubles, pack, Infinity);
  expect(b.wasm).toBe(true);
  try {
    return body(b);
  } finally {
    b.release();
  }
}

function copyIn(b: Buffers, a: Float64Array): Float64Array {
  const v = b.f64(a.length);
  v.set(a);
  return v;
}

const shape = fc.record({
  rows: fc.integer({ min: 1, max: 13 }),
  nin: fc.integer({ min: 1, max: 13 }),
  nout: fc.integer({ min: 1, max: 13 }),
  zeros: fc.constantFrom(0, 0.3, 0.7, 0.95),
  specials: fc.boolean(),
  seed: fc.integer({ min: 0, max: 2 ** 31 - 1 }),
});

let previous: ReturnType<typeof setLinearKernel>;
beforeEach(() => {
  previous = setLinearKernel('wasm');
});
afterEach(() => {
  setLinearKernel(previous);
});

describe('trainer WebAssembly kernels', () => {
  it('are what src/lib/trainer/linearKernel.wat assembles to (npm run wasm)', async () => {
    const kernel = KERNELS.find((k: { out: string }) => k.out === 'src/lib/trainer/linearKernelWasm.ts')!;
    expect(readFileSync(kernel.out, 'utf8')).toBe(moduleSource(await assembleKernel(kernel), kernel));
  });

  it('run in this engine (Node has WebAssembly SIMD)', () => {
    expect(linearKernelAvailable()).toBe(true);
  });

  it('Linear forward, ∂W/∂b and ∂x: WebAssembly = JavaScript = reference, bit for bit (1,000 shapes)', () => {
    fc.assert(
      fc.property(shape, ({ rows, nin, nout, ...draw }) => {
        const v = values(draw);
        const x = fill(new Float64Array(rows * nin), v);
        const w = fill(new Float64Array(nout * nin), v);
        const b = fill(new Float64Array(nout), v);
        const d = fill(new Float64Array(rows * nout), v);
        const dW0 = fill(new Float64Array(nout * nin), v);
        const dB0 = fill(new Float64Array(nout), v);

        const outRef = refForward(x, rows, nin, w, b, nout);
        const dWRef = dW0.slice();
        const dBRef = dB0.slice();
        refWeightGradient(d, x, rows, nin, nout, dWRef, dBRef);
        const dxRef = refInputGradient(d, w, rows, nin, nout);

        const outJs = new Float64Array(rows * nout);
        jsLinearForward(x, rows, nin, w, b, nout, outJs);
        const dWJs = dW0.slice();
        const dBJs = dB0.slice();
        jsLinearWeightGradient(d, x, rows, nin, nout, dWJs, dBJs);
        const dxJs = new Float64Array(rows * nin).fill(7); // the kernel must overwrite, not add to, ∂x
        jsLinearInputGradient(d, w, rows, nin, nout, dxJs);

        const total = 4 * (rows * nin + nout * nin + rows * nout + nout) + 64;
        const [outW, dWW, dBW, dxW, guard] = inWasm(total, forwardScratch(nin, nout), (m) => {
          const [xm, wm, bm, dm] = [x, w, b, d].map((a) => copyIn(m, a)) as [Float64Array, Float64Array, Float64Array, Float64Array];
          const out = m.f64(rows * nout).fill(7);
          const dWm = copyIn(m, dW0);
          const dBm = copyIn(m, dB0);
          const dxm = m.f64(rows * nin).fill(7);
          const after = m.f64(2).fill(5); // nothing may be written past ∂x
          expect(activeKernel()).not.toBeNull();
          linearForward(xm, rows, nin, wm, bm, nout, out);
          linearWeightGradient(dm, xm, rows, nin, nout, dWm, dBm);
          linearInputGradient(dm, wm, rows, nin, nout, dxm);
          return [out.slice(), dWm.slice(), dBm.slice(), dxm.slice(), after.slice()];
        });

        expectSameBits(outJs, outRef, 'forward JS');
        expectSameBits(outW, outRef, 'forward WASM');
        expectSameBits(dWJs, dWRef, '∂W JS');
        expectSameBits(dWW, dWRef, '∂W WASM');
        expectSameBits(dBJs, dBRef, '∂b JS');
        expectSameBits(dBW, dBRef, '∂b WASM');
        expectSameBits(dxJs, dxRef, '∂x JS');
        expectSameBits(dxW, dxRef, '∂x WASM');
        expectSameBits(guard, new Float64Array([5, 5]), 'past ∂x');
      }),
      { numRuns: 1000 },
    );
  });

  it('ReLU and its backward step: WebAssembly = JavaScript, −0 and NaN included (1,000 lengths)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 37 }), fc.constantFrom(0, 0.3), fc.boolean(), fc.nat(), (n, zeros, specials, seed) => {
        const v = values({ zeros, specials, seed });
        const z = fill(new Float64Array(n), v);
        const d = fill(new Float64Array(n), v);
        const aJs = new Float64Array(n).fill(9);
        relu(z, aJs, n); // plain arrays: the JavaScript loops
        const dJs = d.slice();
        reluBackward(z, dJs, n);
        const [aW, dW] = inWasm(4 * n + 16, 0, (m) => {
          const zm = copyIn(m, z);
          const am = m.f64(n).fill(9);
          const dm = copyIn(m, d);
          relu(zm, am, n);
          reluBackward(zm, dm, n);
          return [am.slice(), dm.slice()];
        });
        for (let i = 0; i < n; i++) {
          expect(Object.is(aJs[i], z[i]! > 0 ? z[i]! : 0), 'ReLU').toBe(true);
          expect(Object.is(dJs[i], z[i]! > 0 ? d[i]! : 0), 'ReLU backward').toBe(true);
        }
        expectSameBits(aW, aJs, 'ReLU WASM');
        expectSameBits(dW, dJs, 'ReLU backward WASM');
      }),
      { numRuns: 1000 },
    );
  });

  it('SGD (momentum, weight decay), Adam and AdamW steps: WebAssembly = JavaScript (500 runs of 3 steps)', () => {
    const config = fc.oneof(
      fc.record({ kind: fc.constant('sgd' as const), lr: fc.constantFrom(0.1, 0.37), momentum: fc.constantFrom(0, 0.9), weightDecay: fc.constantFrom(0, 0.01) }),
      fc.record({ kind: fc.constantFrom('adam' as const, 'adamw' as const), lr: fc.constantFrom(0.001, 0.05), momentum: fc.constant(0), weightDecay: fc.constantFrom(0, 0.1) }),
    );
    fc.assert(
      fc.property(config, fc.integer({ min: 1, max: 23 }), fc.boolean(), fc.nat(), (cfg: OptimizerConfig, n, specials, seed) => {
        const v = values({ zeros: 0.2, specials, seed });
        const theta0 = fill(new Float64Array(n), v);
        const grads = [0, 1, 2].map(() => fill(new Float64Array(n), v));
        const thetaJs = theta0.slice();
        const js = createOptimizer(cfg, n);
        for (const g of grads) js.step(thetaJs, g);
        const thetaW = inWasm(8 * n + 16, 0, (m) => {
          const theta = copyIn(m, theta0);
          const g = m.f64(n);
          const opt = createOptimizer(cfg, n, m);
          for (const step of grads) {
            g.set(step);
            opt.step(theta, g);
          }
          return theta.slice();
        });
        expectSameBits(thetaW, thetaJs, `${cfg.kind} θ`);
      }),
      { numRuns: 500 },
    );
  });

  it('the finiteness scan finds the first ±∞ or NaN, as Number.isFinite in order', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 21 }), fc.nat(), (n, seed) => {
        const v = values({ zeros: 0.1, specials: true, seed });
        const a = fill(new Float64Array(n), v);
        const expected = a.findIndex((x) => !Number.isFinite(x));
        const got = inWasm(n + 2, 0, (m) => activeKernel()!.exports.firstNonFinite(copyIn(m, a).byteOffset, n));
        expect(got).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });

  it('the batch gather copies rows in the given order', () => {
    const rng = createRng(3);
    const src = fill(new Float64Array(9 * 5), () => rng.normal());
    const perm = [4, 0, 8, 8, 1];
    const got = inWasm(90, 0, (m) => {
      const s = copyIn(m, src);
      const p = m.i32(perm.length);
      p.set(perm);
      const dst = m.f64(perm.length * 5);
      activeKernel()!.exports.gather(s.byteOffset, p.byteOffset, perm.length, 5, dst.byteOffset);
      return dst.slice();
    });
    expectSameBits(got, Float64Array.from(perm.flatMap((r) => Array.from(src.subarray(r * 5, r * 5 + 5)))), 'gather');
  });
});

describe('the comparison catches a change of summation order', () => {
  // Each alternative is a plausible "faster" order; on the property's inputs it must differ from the
  // reference somewhere, or the tests above could not tell it from the real order.
  const rng = createRng(11);
  const v = () => rng.normal() * [1, 1e-3, 1e3][rng.int(3)]!;
  // at least two blocks of four samples and of four outputs: the first block of a sum that starts at 0
  // rounds the same either way
  const rows = 13;
  const nin = 9;
  const nout = 13;
  const x = fill(new Float64Array(rows * nin), v);
  const w = fill(new Float64Array(nout * nin), v);
  const b = fill(new Float64Array(nout), v);
  const d = fill(new Float64Array(rows * nout), v);
  const differs = (a: Float64Array, e: Float64Array) => a.some((t, i) => !Object.is(t, e[i]));

  it('a lane split of one dot product (even j in one lane, odd j in the other) is caught', () => {
    const split = new Float64Array(rows * nout);
    for (let i = 0; i < rows; i++) {
      for (let o = 0; o < nout; o++) {
        let even = 0;
        let odd = 0;
        for (let j = 0; j < nin; j++) {
          if (j % 2 === 0) even += w[o * nin + j]! * x[i * nin + j]!;
          else odd += w[o * nin + j]! * x[i * nin + j]!;
        }
        split[i * nout + o] = even + odd + b[o]!;
      }
    }
    expect(differs(split, refForward(x, rows, nin, w, b, nout))).toBe(true);
  });

  it('adding the bias first is caught', () => {
    const biasFirst = new Float64Array(rows * nout);
    for (let i = 0; i < rows; i++) {
      for (let o = 0; o < nout; o++) {
        let s = b[o]!;
        for (let j = 0; j < nin; j++) s += w[o * nin + j]! * x[i * nin + j]!;
        biasFirst[i * nout + o] = s;
      }
    }
    expect(differs(biasFirst, refForward(x, rows, nin, w, b, nout))).toBe(true);
  });

  it('accumulating ∂W sample by sample (no blocks of four) is caught', () => {
    const bySample = new Float64Array(nout * nin);
    for (let i = 0; i < rows; i++) for (let o = 0; o < nout; o++) for (let j = 0; j < nin; j++) bySample[o * nin + j] = bySample[o * nin + j]! + d[i * nout + o]! * x[i * nin + j]!;
    const ref = new Float64Array(nout * nin);
    refWeightGradient(d, x, rows, nin, nout, ref, new Float64Array(nout));
    expect(differs(bySample, ref)).toBe(true);
  });

  it('summing ∂x output by output (no blocks of four) is caught', () => {
    const byOutput = new Float64Array(rows * nin);
    for (let i = 0; i < rows; i++) for (let o = 0; o < nout; o++) for (let j = 0; j < nin; j++) byOutput[i * nin + j] = byOutput[i * nin + j]! + d[i * nout + o]! * w[o * nin + j]!;
    expect(differs(byOutput, refInputGradient(d, w, rows, nin, nout))).toBe(true);
  });
});
