/**
 * The trainer's optional convolutional front end (`opts.conv`): one nn.Conv2d(1, C, k) — stride 1,
 * no padding ('valid'), with bias — followed by ReLU and torch's `.flatten(1)`, in front of the MLP.
 *
 * Why a fixed 8×8 input: the site's digits are 8×8 images (64 features per row, row-major), and
 * the point of the layer is weight sharing — C·k² + C parameters instead of a Linear's 64·out — not
 * a general CNN. Every input row is one 1×8×8 image; the conv's output is C×S×S with S = 9 − k, laid
 * out channel-major (feature c·S² + i·S + j, as `.flatten(1)` of an N×C×S×S tensor), and that is the
 * input of the first Linear (init.weights[0] is out × C·S²).
 *
 * Parameters: in theta before every Linear (network.ts documents the layout): the weight C×1×k×k
 * row-major (channel, then kernel row u, then column v), then the bias (C). So the optimizer, weight
 * decay and the L1/L2 penalty see them like any other parameter, as model.parameters() does in torch.
 * Batch norm and dropout are not applied here (only on the MLP's hidden layers).
 *
 * Summation orders (JavaScript loops on Float64Array; the same code runs whichever Linear kernels the
 * call uses — the WebAssembly kernels only do the Linear layers and the element-wise ReLU, which are
 * bit-identical — so WASM and JS results are identical bit for bit):
 *  - forward:  pre[r,c,i,j] = (Σ_u Σ_v w[c,u,v]·x[r, (i+u)·8 + j+v]) + b[c], one running sum with u
 *              outer, v inner, the bias added last (as the Linear kernels add theirs);
 *  - ∂b[c]   += Σ_r Σ_i Σ_j δ[r,c,i,j], one running sum (rows, then positions row-major);
 *  - ∂w[c,u,v] += Σ_r Σ_i Σ_j δ[r,c,i,j]·x[r, (i+u)·8 + j+v], one running sum in the same order;
 *  - ∂x[r,p] = Σ over (c, i, j) in that order, and within each over (u, v), of δ[r,c,i,j]·w[c,u,v]
 *              for the (i+u, j+v) = p: a scatter into a zeroed row; exact zeros of δ (dead ReLUs)
 *              are skipped, which changes no sum.
 * torch (MKL-DNN / im2col) sums in its own order, so the two agree to rounding, not bit for bit.
 * Nothing is allocated per batch: the workspace (mlp.ts) holds `convPre` and the conv's output.
 */
import { describe, integer, isArrayLike, finite } from '../validate';
import { relu, reluBackward } from './linear';
import { MLP_CONV_IMAGE_SIDE, MLP_CONV_MAX_CHANNELS, MLP_CONV_MAX_KERNEL, MLP_CONV_MIN_KERNEL } from './limits';
import type { MLPConv } from './types';
import { paramRangeError, paramTypeError } from '../refusal';

/** The image: one channel of 8×8. */
export const CONV_SIDE = MLP_CONV_IMAGE_SIDE;
export const CONV_INPUTS = CONV_SIDE * CONV_SIDE;

/** What `opts.conv` asks for. */
export interface ConvShape {
  channels: number;
  kernel: number;
}

/** The conv's parameters as views into theta and grad (network.ts). */
export interface ConvParams extends ConvShape {
  /** Output side S = 8 − k + 1. */
  side: number;
  /** Output features C·S². */
  features: number;
  /** C×k×k (the in-channel axis of size 1 dropped). */
  w: Float64Array;
  b: Float64Array;
  dW: Float64Array;
  dB: Float64Array;
}

export function convSide(kernel: number): number {
  return CONV_SIDE - kernel + 1;
}

/** C·S²: the width of the flattened output (the first Linear's input). */
export function convFeatures(shape: ConvShape): number {
  const s = convSide(shape.kernel);
  return shape.channels * s * s;
}

/** C·k² weights plus C biases (as weightSharing.ts's conv2dParams for one input channel). */
export function convParameterCount(shape: ConvShape | null): number {
  return shape === null ? 0 : shape.channels * (shape.kernel * shape.kernel + 1);
}

/**
 * The float64 values the conv adds to a workspace of `capacity` rows: x and ∂x are 64 wide instead of
 * C·S² (the MLP's sizes[0]), plus the conv's pre-activation, its output and that output's gradient.
 */
export function convWorkspaceDoubles(shape: ConvShape | null, capacity: number): number {
  if (shape === null) return 0;
  const f = convFeatures(shape);
  return capacity * (2 * (CONV_INPUTS - f) + 3 * f);
}

/** The conv's per-sample work beyond parameters + units: its multiply-adds (k² per output) and the 64 input pixels. */
export function convWork(shape: ConvShape | null): number {
  return shape === null ? 0 : convFeatures(shape) * shape.kernel * shape.kernel + CONV_INPUTS;
}

/** Views of `theta` / `grad` from `at` on (weight then bias). */
export function convParams(shape: ConvShape, theta: Float64Array, grad: Float64Array, at: number): ConvParams {
  const nw = shape.channels * shape.kernel * shape.kernel;
  const end = at + nw + shape.channels;
  return {
    channels: shape.channels,
    kernel: shape.kernel,
    side: convSide(shape.kernel),
    features: convFeatures(shape),
    w: theta.subarray(at, at + nw),
    b: theta.subarray(at + nw, end),
    dW: grad.subarray(at, at + nw),
    dB: grad.subarray(at + nw, end),
  };
}

// ---- the passes ----------------------------------------------------------------------------------

/** pre (rows × C·S²) = conv(x (rows × 64)); out = ReLU(pre). */
export function convForward(conv: ConvParams, x: Float64Array, rows: number, pre: Float64Array, out: Float64Array): void {
  const { channels, kernel: k, side: s, features: f, w, b } = conv;
  const kk = k * k;
  const ss = s * s;
  for (let r = 0; r < rows; r++) {
    const xo = r * CONV_INPUTS;
    for (let c = 0; c < channels; c++) {
      const wc = c * kk;
      const bias = b[c]!;
      let p = r * f + c * ss;
      for (let i = 0; i < s; i++) {
        for (let j = 0; j < s; j++) {
          let sum = 0;
          for (let u = 0; u < k; u++) {
            const xr = xo + (i + u) * CONV_SIDE + j;
            const wu = wc + u * k;
            for (let v = 0; v < k; v++) sum += w[wu + v]! * x[xr + v]!;
          }
          pre[p++] = sum + bias;
        }
      }
    }
  }
  relu(pre, out, rows * f);
}

/**
 * Backward through the conv's ReLU and the conv: `dOut` holds ∂L/∂(conv output) on entry (it becomes
 * ∂L/∂pre); adds ∂w and ∂b to the conv's gradient views; with `dx`, writes ∂L/∂x (rows × 64).
 */
export function convBackward(
  conv: ConvParams, x: Float64Array, pre: Float64Array, dOut: Float64Array, rows: number, dx: Float64Array | null,
): void {
  const { channels, kernel: k, side: s, features: f, w, dW, dB } = conv;
  const kk = k * k;
  const ss = s * s;
  reluBackward(pre, dOut, rows * f);
  const d = dOut;
  for (let c = 0; c < channels; c++) {
    let sb = 0;
    for (let r = 0; r < rows; r++) {
      const p = r * f + c * ss;
      for (let q = 0; q < ss; q++) sb += d[p + q]!;
    }
    dB[c]! += sb;
    for (let u = 0; u < k; u++) {
      for (let v = 0; v < k; v++) {
        let sw = 0;
        for (let r = 0; r < rows; r++) {
          let p = r * f + c * ss;
          const xo = r * CONV_INPUTS + u * CONV_SIDE + v;
          for (let i = 0; i < s; i++) {
            const xr = xo + i * CONV_SIDE;
            for (let j = 0; j < s; j++) sw += d[p++]! * x[xr + j]!;
          }
        }
        dW[c * kk + u * k + v]! += sw;
      }
    }
  }
  if (dx === null) return;
  dx.fill(0, 0, rows * CONV_INPUTS);
  for (let r = 0; r < rows; r++) {
    const xo = r * CONV_INPUTS;
    for (let c = 0; c < channels; c++) {
      const wc = c * kk;
      let p = r * f + c * ss;
      for (let i = 0; i < s; i++) {
        for (let j = 0; j < s; j++) {
          const g = d[p++]!;
          if (g === 0) continue;
          for (let u = 0; u < k; u++) {
            const xr = xo + (i + u) * CONV_SIDE + j;
            const wu = wc + u * k;
            for (let v = 0; v < k; v++) dx[xr + v]! += g * w[wu + v]!;
          }
        }
      }
    }
  }
}

// ---- validation and the boundary conversion -------------------------------------------------------

type Obj = Record<string, unknown>;

/** `opts.conv`: { channels ∈ [1, 16], kernel ∈ [2, 5] } integers, or null when absent. */
export function checkConvOption(value: unknown): ConvShape | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw paramTypeError('conv', `conv must be an object { channels, kernel }; received ${describe(value)}`);
  }
  const o = value as Obj;
  return {
    channels: integer('conv.channels', o.channels, 1, MLP_CONV_MAX_CHANNELS),
    kernel: integer('conv.kernel', o.kernel, MLP_CONV_MIN_KERNEL, MLP_CONV_MAX_KERNEL),
  };
}

/** The shape of a model's conv from its lengths alone: weight C×1×k×k (k ∈ [2, 5]), bias C; `expected` pins C and k. */
export function convShapeOf(name: string, value: unknown, expected: ConvShape | null): ConvShape {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw paramTypeError(name, `${name} must be an object { weight, bias } (nn.Conv2d's C×1×k×k weight and C biases); received ${describe(value)}`);
  }
  const m = value as Obj;
  const weight = m.weight;
  if (!Array.isArray(weight)) throw paramTypeError(`${name}.weight`, `${name}.weight must be an array of C×1×k×k numbers (nn.Conv2d(1, C, k).weight); received ${describe(weight)}`);
  const channels = expected?.channels ?? weight.length;
  if (weight.length !== channels || channels < 1 || channels > MLP_CONV_MAX_CHANNELS) {
    const want = expected === null ? `between 1 and ${MLP_CONV_MAX_CHANNELS} output channels` : `${channels} output channels (conv.channels)`;
    throw paramRangeError(`${name}.weight`, `${name}.weight must have ${want}; received length ${weight.length}`);
  }
  const first = weight[0];
  if (!Array.isArray(first) || first.length !== 1) {
    throw paramRangeError(`${name}.weight[0]`, `${name}.weight[0] must have 1 input channel (shape 1×k×k); received ${Array.isArray(first) ? `length ${first.length}` : describe(first)}`);
  }
  const plane = first[0];
  if (!Array.isArray(plane)) throw paramTypeError(`${name}.weight[0][0]`, `${name}.weight[0][0] must be a k×k array of numbers; received ${describe(plane)}`);
  const kernel = expected?.kernel ?? plane.length;
  if (plane.length !== kernel || kernel < MLP_CONV_MIN_KERNEL || kernel > MLP_CONV_MAX_KERNEL) {
    const want = expected === null ? `between ${MLP_CONV_MIN_KERNEL} and ${MLP_CONV_MAX_KERNEL} rows (the kernel size)` : `${kernel} rows (conv.kernel)`;
    throw paramRangeError(`${name}.weight[0][0]`, `${name}.weight[0][0] must have ${want}; received length ${plane.length}`);
  }
  for (let c = 0; c < channels; c++) {
    const ch = weight[c];
    if (!Array.isArray(ch) || ch.length !== 1) {
      throw paramRangeError(`${name}.weight[${c}]`, `${name}.weight[${c}] must have 1 input channel (shape 1×${kernel}×${kernel}); received ${Array.isArray(ch) ? `length ${ch.length}` : describe(ch)}`);
    }
    const rowsOf = ch[0];
    if (!Array.isArray(rowsOf) || rowsOf.length !== kernel) {
      throw paramRangeError(`${name}.weight[${c}][0]`, `${name}.weight[${c}][0] must have ${kernel} rows (a ${kernel}×${kernel} kernel); received ${Array.isArray(rowsOf) ? `length ${rowsOf.length}` : describe(rowsOf)}`);
    }
    for (let u = 0; u < kernel; u++) {
      const row = rowsOf[u];
      if (!isArrayLike(row) || row.length !== kernel) {
        throw paramRangeError(`${name}.weight[${c}][0][${u}]`, `${name}.weight[${c}][0][${u}] must have length ${kernel} (a ${kernel}×${kernel} kernel); received ${isArrayLike(row) ? `length ${row.length}` : describe(row)}`);
      }
    }
  }
  const bias = m.bias;
  if (!isArrayLike(bias)) throw paramTypeError(`${name}.bias`, `${name}.bias must be an array of ${channels} numbers; received ${describe(bias)}`);
  if (bias.length !== channels) {
    throw paramRangeError(`${name}.bias`, `${name}.bias must have length ${channels} (one per output channel); received length ${bias.length}`);
  }
  return { channels, kernel };
}

/** Copies and checks (finite) the conv's weight and bias, whose shape convShapeOf has checked, into `conv`. */
export function loadConvChecked(name: string, value: unknown, conv: ConvParams): void {
  const m = value as { weight: unknown[][][][]; bias: ArrayLike<unknown> };
  const k = conv.kernel;
  for (let c = 0; c < conv.channels; c++) {
    for (let u = 0; u < k; u++) {
      const row = m.weight[c]![0]![u]!;
      for (let v = 0; v < k; v++) {
        const x = row[v];
        if (typeof x !== 'number' || !Number.isFinite(x)) finite(`${name}.weight[${c}][0][${u}][${v}]`, x);
        conv.w[c * k * k + u * k + v] = x as number;
      }
    }
  }
  for (let c = 0; c < conv.channels; c++) {
    const x = m.bias[c];
    if (typeof x !== 'number' || !Number.isFinite(x)) finite(`${name}.bias[${c}]`, x);
    conv.b[c] = x as number;
  }
}

/**
 * With a conv, every row of `rows` (an array, checked by the caller) must be one 8×8 image: 64 values.
 * Lengths only, before any value is read, with a message that says why 64.
 */
export function checkImageRows(name: string, rows: unknown): void {
  if (!Array.isArray(rows)) return; // the caller's list check names it
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i];
    if (!isArrayLike(row) || row.length !== CONV_INPUTS) {
      throw paramRangeError(
        `${name}[${i}]`,
        `${name}[${i}] must have length ${CONV_INPUTS} (one 1×${CONV_SIDE}×${CONV_SIDE} image, row-major, the input of conv); received ${isArrayLike(row) ? `length ${row.length}` : describe(row)}`,
      );
    }
  }
}

/** The conv back as plain arrays, nn.Conv2d's layout (C×1×k×k weight, C bias). */
export function toConvModel(conv: ConvParams): MLPConv {
  const k = conv.kernel;
  const weight: number[][][][] = [];
  for (let c = 0; c < conv.channels; c++) {
    const plane: number[][] = [];
    for (let u = 0; u < k; u++) {
      const row: number[] = [];
      for (let v = 0; v < k; v++) row.push(conv.w[c * k * k + u * k + v]!);
      plane.push(row);
    }
    weight.push([plane]);
  }
  const bias: number[] = [];
  for (let c = 0; c < conv.channels; c++) bias.push(conv.b[c]!);
  return { weight, bias };
}

/**
 * trainMLP's conv: `opts.conv` (checked by checkConvOption) and `init.conv` must come together and
 * agree; null when neither is given.
 */
export function initConvShape(init: unknown, option: ConvShape | null): ConvShape | null {
  if (typeof init !== 'object' || init === null) return option; // modelSizes names `init` itself
  const given = (init as Obj).conv;
  if (option === null) {
    if (given === undefined) return null;
    throw paramTypeError('conv', 'conv must be an object { channels, kernel } when init.conv is given (the conv front end is switched on by opts.conv); received undefined');
  }
  return convShapeOf('init.conv', given, option);
}

/** evaluateMLP / predictMLP: a model's conv shape from its lengths, or null when it has none. */
export function modelConvShape(name: string, model: unknown): ConvShape | null {
  const given = typeof model === 'object' && model !== null ? (model as Obj).conv : undefined;
  return given === undefined ? null : convShapeOf(`${name}.conv`, given, null);
}
