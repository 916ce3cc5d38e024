/**
 * The three kernels of nn.Linear on row-major flat buffers: y = x·Wᵀ + b, ∂W += δᵀ·x with ∂b += Σδ,
 * and ∂x = δ·W. They are most of a training step's time. Each runs in one of two implementations
 * that give bit-identical results:
 *  - WebAssembly SIMD (linearKernel.wat via linearWasm.ts), when the call's buffers were opened in the
 *    kernel's memory — about 4× faster;
 *  - the JavaScript below, everywhere else. It defines the order of every sum: the WebAssembly code
 *    repeats it, two output elements per f64x2 (tests/unit/trainer.kernel.test.ts proves the match).
 *
 * The JavaScript is written for V8's JIT: plain loops over Float64Array, register-tiled so that each
 * loaded value feeds several multiply-adds — two samples × four output units per pass (two units ×
 * four samples for ∂W). On the 64→128→10 bench this is about 2.5× faster than the one-row loop.
 *
 * Rounding: in the forward pass every output is one running sum over the inputs j = 0, 1, …
 * followed by the bias (torch's addmm also adds the bias after the product; its BLAS sums in its own
 * order, so the two agree to rounding, not bit for bit). Tails (an odd sample, a few units left over)
 * reuse the tiled loop on a duplicated row or fall back to a one-unit loop.
 * ReLU and its backward step are here too: element-wise, but per element the same single operation
 * in both implementations, and at ~1 ns per element the JavaScript loops were a tenth of an epoch.
 */
import { activeKernel, type ActiveKernel } from './linearWasm';

/** Whether all of `arrays` are views of the open kernel's memory (then the WebAssembly kernel may run). */
function inMemory(k: ActiveKernel, a: Float64Array, b: Float64Array, c: Float64Array, d: Float64Array): boolean {
  return a.buffer === k.buffer && b.buffer === k.buffer && c.buffer === k.buffer && d.buffer === k.buffer;
}

/** Float64 scratch that the WebAssembly forward pass needs for a layer: w in blocks of four outputs. */
export function forwardScratch(nin: number, nout: number): number {
  return Math.ceil(nout / 4) * 4 * nin;
}

/** out (rows × nout) = x (rows × nin) · wᵀ + b. */
export function linearForward(
  x: Float64Array, rows: number, nin: number, w: Float64Array, b: Float64Array, nout: number, out: Float64Array,
): void {
  const k = activeKernel();
  if (k !== null && inMemory(k, x, w, b, out) && forwardScratch(nin, nout) <= k.packDoubles) {
    k.exports.forward(x.byteOffset, rows, nin, w.byteOffset, b.byteOffset, nout, out.byteOffset, k.packAt);
  } else {
    jsLinearForward(x, rows, nin, w, b, nout, out);
  }
}

/** dW (nout × nin) += δᵀ (nout × rows) · x (rows × nin); dB += Σ_rows δ. */
export function linearWeightGradient(
  d: Float64Array, x: Float64Array, rows: number, nin: number, nout: number, dW: Float64Array, dB: Float64Array,
): void {
  const k = activeKernel();
  if (k !== null && inMemory(k, d, x, dW, dB)) {
    k.exports.weightGradient(d.byteOffset, x.byteOffset, rows, nin, nout, dW.byteOffset, dB.byteOffset);
  } else {
    jsLinearWeightGradient(d, x, rows, nin, nout, dW, dB);
  }
}

/** dx (rows × nin) = δ (rows × nout) · w (nout × nin). */
export function linearInputGradient(
  d: Float64Array, w: Float64Array, rows: number, nin: number, nout: number, dx: Float64Array,
): void {
  const k = activeKernel();
  if (k !== null && inMemory(k, d, w, dx, dx)) {
    k.exports.inputGradient(d.byteOffset, w.byteOffset, rows, nin, nout, dx.byteOffset);
  } else {
    jsLinearInputGradient(d, w, rows, nin, nout, dx);
  }
}

/** a = ReLU(z) over the first `count` values (z > 0 ? z : 0: NaN and −0 give +0). */
export function relu(z: Float64Array, a: Float64Array, count: number): void {
  const k = activeKernel();
  if (k !== null && inMemory(k, z, a, a, a)) {
    k.exports.relu(z.byteOffset, a.byteOffset, count);
  } else {
    for (let i = 0; i < count; i++) a[i] = z[i]! > 0 ? z[i]! : 0;
  }
}

/** d = 0 wherever z ≤ 0 (or NaN), over the first `count` values: the gradient back through ReLU. */
export function reluBackward(z: Float64Array, d: Float64Array, count: number): void {
  const k = activeKernel();
  if (k !== null && inMemory(k, z, d, d, d)) {
    k.exports.reluBackward(z.byteOffset, d.byteOffset, count);
  } else {
    for (let i = 0; i < count; i++) if (!(z[i]! > 0)) d[i] = 0;
  }
}

// ---- the JavaScript kernels (they fix the order of every sum) ------------------------------------

/** linearForward in JavaScript. */
export function jsLinearForward(
  x: Float64Array, rows: number, nin: number, w: Float64Array, b: Float64Array, nout: number, out: Float64Array,
): void {
  for (let i = 0; i < rows; i += 2) {
    const pair = i + 1 < rows;
    const xa = i * nin;
    // An odd last sample is computed twice and written once: one code path, no branch inside.
    const xb = pair ? xa + nin : xa;
    const ya = i * nout;
    const yb = ya + nout;
    let o = 0;
    for (; o + 3 < nout; o += 4) {
      const w0 = o * nin;
      const w1 = w0 + nin;
      const w2 = w1 + nin;
      const w3 = w2 + nin;
      let a0 = 0, a1 = 0, a2 = 0, a3 = 0;
      let c0 = 0, c1 = 0, c2 = 0, c3 = 0;
      for (let j = 0; j < nin; j++) {
        const u = x[xa + j]!;
        const v = x[xb + j]!;
        const p0 = w[w0 + j]!;
        const p1 = w[w1 + j]!;
        const p2 = w[w2 + j]!;
        const p3 = w[w3 + j]!;
        a0 += p0 * u;
        a1 += p1 * u;
        a2 += p2 * u;
        a3 += p3 * u;
        c0 += p0 * v;
        c1 += p1 * v;
        c2 += p2 * v;
        c3 += p3 * v;
      }
      out[ya + o] = a0 + b[o]!;
      out[ya + o + 1] = a1 + b[o + 1]!;
      out[ya + o + 2] = a2 + b[o + 2]!;
      out[ya + o + 3] = a3 + b[o + 3]!;
      if (pair) {
        out[yb + o] = c0 + b[o]!;
        out[yb + o + 1] = c1 + b[o + 1]!;
        out[yb + o + 2] = c2 + b[o + 2]!;
        out[yb + o + 3] = c3 + b[o + 3]!;
      }
    }
    for (; o < nout; o++) {
      const wo = o * nin;
      let a = 0;
      let c = 0;
      for (let j = 0; j < nin; j++) {
        const p = w[wo + j]!;
        a += p * x[xa + j]!;
        c += p * x[xb + j]!;
      }
      out[ya + o] = a + b[o]!;
      if (pair) out[yb + o] = c + b[o]!;
    }
  }
}

/** linearWeightGradient in JavaScript. */
export function jsLinearWeightGradient(
  d: Float64Array, x: Float64Array, rows: number, nin: number, nout: number, dW: Float64Array, dB: Float64Array,
): void {
  for (let o = 0; o < nout; o++) {
    let s = 0;
    for (let i = 0; i < rows; i++) s += d[i * nout + o]!;
    dB[o]! += s;
  }
  let o = 0;
  for (; o + 1 < nout; o += 2) {
    const wa = o * nin;
    const wb = wa + nin;
    let i = 0;
    for (; i + 3 < rows; i += 4) {
      const r0 = i * nout + o;
      const r1 = r0 + nout;
      const r2 = r1 + nout;
      const r3 = r2 + nout;
      const a0 = d[r0]!, a1 = d[r1]!, a2 = d[r2]!, a3 = d[r3]!;
      const c0 = d[r0 + 1]!, c1 = d[r1 + 1]!, c2 = d[r2 + 1]!, c3 = d[r3 + 1]!;
      // Dead ReLUs and dropped units send exact zeros: skipping them changes no sum.
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0 && c0 === 0 && c1 === 0 && c2 === 0 && c3 === 0) continue;
      const x0 = i * nin;
      const x1 = x0 + nin;
      const x2 = x1 + nin;
      const x3 = x2 + nin;
      for (let j = 0; j < nin; j++) {
        const v0 = x[x0 + j]!;
        const v1 = x[x1 + j]!;
        const v2 = x[x2 + j]!;
        const v3 = x[x3 + j]!;
        dW[wa + j]! += a0 * v0 + a1 * v1 + a2 * v2 + a3 * v3;
        dW[wb + j]! += c0 * v0 + c1 * v1 + c2 * v2 + c3 * v3;
      }
    }
    for (; i < rows; i++) {
      const a = d[i * nout + o]!;
      const c = d[i * nout + o + 1]!;
      if (a === 0 && c === 0) continue;
      const xo = i * nin;
      for (let j = 0; j < nin; j++) {
        const v = x[xo + j]!;
        dW[wa + j]! += a * v;
        dW[wb + j]! += c * v;
      }
    }
  }
  for (; o < nout; o++) {
    const wo = o * nin;
    for (let i = 0; i < rows; i++) {
      const g = d[i * nout + o]!;
      if (g === 0) continue;
      const xo = i * nin;
      for (let j = 0; j < nin; j++) dW[wo + j]! += g * x[xo + j]!;
    }
  }
}

/** linearInputGradient in JavaScript. */
export function jsLinearInputGradient(
  d: Float64Array, w: Float64Array, rows: number, nin: number, nout: number, dx: Float64Array,
): void {
  dx.fill(0, 0, rows * nin);
  for (let i = 0; i < rows; i += 2) {
    const pair = i + 1 < rows;
    const xa = i * nin;
    const xb = xa + nin;
    const ya = i * nout;
    // An odd last sample reads its own δ twice and writes only its own row.
    const yb = pair ? ya + nout : ya;
    let o = 0;
    for (; o + 3 < nout; o += 4) {
      const a0 = d[ya + o]!, a1 = d[ya + o + 1]!, a2 = d[ya + o + 2]!, a3 = d[ya + o + 3]!;
      const c0 = d[yb + o]!, c1 = d[yb + o + 1]!, c2 = d[yb + o + 2]!, c3 = d[yb + o + 3]!;
      if (a0 === 0 && a1 === 0 && a2 === 0 && a3 === 0 && c0 === 0 && c1 === 0 && c2 === 0 && c3 === 0) continue;
      const w0 = o * nin;
      const w1 = w0 + nin;
      const w2 = w1 + nin;
      const w3 = w2 + nin;
      if (pair) {
        for (let j = 0; j < nin; j++) {
          const p0 = w[w0 + j]!;
          const p1 = w[w1 + j]!;
          const p2 = w[w2 + j]!;
          const p3 = w[w3 + j]!;
          dx[xa + j]! += a0 * p0 + a1 * p1 + a2 * p2 + a3 * p3;
          dx[xb + j]! += c0 * p0 + c1 * p1 + c2 * p2 + c3 * p3;
        }
      } else {
        for (let j = 0; j < nin; j++) dx[xa + j]! += a0 * w[w0 + j]! + a1 * w[w1 + j]! + a2 * w[w2 + j]! + a3 * w[w3 + j]!;
      }
    }
    for (; o < nout; o++) {
      const a = d[ya + o]!;
      const c = pair ? d[yb + o]! : 0;
      if (a === 0 && c === 0) continue;
      const wo = o * nin;
      for (let j = 0; j < nin; j++) {
        const p = w[wo + j]!;
        dx[xa + j]! += a * p;
        if (pair) dx[xb + j]! += c * p;
      }
    }
  }
}
