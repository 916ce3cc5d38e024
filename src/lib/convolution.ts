/**
 * One kernel sliding over one image: the single-channel case of `torch.nn.functional.conv2d`,
 * which (like every deep-learning "convolution") is a cross-correlation — the kernel is not
 * flipped:
 *
 *   out[i][j] = b + Σ_u Σ_v K[u][v] · X̃[i·s + u][j·s + v]
 *
 * with X̃ the image zero-padded by p on every side and s the stride. Output size per dimension:
 * ⌊(n + 2p − k)/s⌋ + 1. The same K and b are used at every (i, j): that reuse is weight sharing.
 */
import { describe, finite, finiteResult, integer, matrix } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Largest image side and kernel side accepted (teaching-sized grids). */
export const CONV_MAX_SIDE = 256;

export interface Conv2dSingleOptions {
  stride?: number;
  padding?: number;
  /** Added to every output value (default 0). */
  bias?: number;
}

interface Checked {
  x: number[][];
  k: number[][];
  stride: number;
  padding: number;
  bias: number;
  outH: number;
  outW: number;
}

function check(image: unknown, kernel: unknown, opts: Conv2dSingleOptions | undefined): Checked {
  if (opts !== undefined && (typeof opts !== 'object' || opts === null)) {
    throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  }
  const x = matrix('image', image);
  const k = matrix('kernel', kernel);
  if (x.length > CONV_MAX_SIDE || x[0]!.length > CONV_MAX_SIDE) {
    throw paramRangeError('image', `image must be at most ${CONV_MAX_SIDE}×${CONV_MAX_SIDE}; received ${x.length}×${x[0]!.length}`);
  }
  const stride = integer('stride', opts?.stride ?? 1, 1, CONV_MAX_SIDE);
  const padding = integer('padding', opts?.padding ?? 0, 0, CONV_MAX_SIDE);
  const bias = finite('bias', opts?.bias ?? 0);
  const h = x.length + 2 * padding;
  const w = x[0]!.length + 2 * padding;
  if (k.length > h || k[0]!.length > w) {
    // PyTorch: "Kernel size can't be greater than actual input size".
    throw paramRangeError(
      'kernel',
      `kernel must fit in the ${padding > 0 ? 'padded ' : ''}image (${h}×${w}); received ${k.length}×${k[0]!.length}`,
    );
  }
  return {
    x, k, stride, padding, bias,
    outH: Math.floor((h - k.length) / stride) + 1,
    outW: Math.floor((w - k[0]!.length) / stride) + 1,
  };
}

/** Output shape [rows, cols] without computing anything (same checks as conv2dSingle). */
export function conv2dSingleShape(image: readonly (readonly number[])[], kernel: readonly (readonly number[])[], opts?: Conv2dSingleOptions): [number, number] {
  const c = check(image, kernel, opts);
  return [c.outH, c.outW];
}

/** Cross-correlation of one image with one kernel (F.conv2d with one input and one output channel). */
export function conv2dSingle(image: readonly (readonly number[])[], kernel: readonly (readonly number[])[], opts?: Conv2dSingleOptions): number[][] {
  const c = check(image, kernel, opts);
  return finiteResult('conv2dSingle', Array.from({ length: c.outH }, (_, i) => Array.from({ length: c.outW }, (_, j) => windowSum(c, i, j).value)));
}

export interface WindowTerm {
  /** Position in the kernel. */
  u: number;
  v: number;
  /** Position in the unpadded image (may be outside it, in the zero padding). */
  row: number;
  col: number;
  /** Image value there (0 in the padding). */
  x: number;
  /** Kernel weight K[u][v]. */
  k: number;
}

export interface ConvWindow {
  /** Every product K[u][v]·x of the sum, in row-major kernel order. */
  terms: WindowTerm[];
  /** Σ K·x, before the bias. */
  sum: number;
  /** sum + bias: out[i][j]. */
  value: number;
  /** The receptive field in image coordinates (rows top…bottom, cols left…right, inclusive). */
  top: number;
  left: number;
  bottom: number;
  right: number;
}

function windowSum(c: Checked, i: number, j: number): ConvWindow {
  const kh = c.k.length;
  const kw = c.k[0]!.length;
  const top = i * c.stride - c.padding;
  const left = j * c.stride - c.padding;
  const terms: WindowTerm[] = [];
  let sum = 0;
  for (let u = 0; u < kh; u++) {
    for (let v = 0; v < kw; v++) {
      const row = top + u;
      const col = left + v;
      const inside = row >= 0 && row < c.x.length && col >= 0 && col < c.x[0]!.length;
      const x = inside ? c.x[row]![col]! : 0;
      const k = c.k[u]![v]!;
      sum += k * x;
      terms.push({ u, v, row, col, x, k });
    }
  }
  return { terms, sum, value: sum + c.bias, top, left, bottom: top + kh - 1, right: left + kw - 1 };
}

/** The window behind output (i, j): its products, sum and receptive field. */
export function conv2dWindow(
  image: readonly (readonly number[])[],
  kernel: readonly (readonly number[])[],
  i: number,
  j: number,
  opts?: Conv2dSingleOptions,
): ConvWindow {
  const c = check(image, kernel, opts);
  const ii = integer('i', i, 0, c.outH - 1);
  const jj = integer('j', j, 0, c.outW - 1);
  return finiteResult('conv2dWindow', windowSum(c, ii, jj));
}

export interface LocallyConnectedOptions {
  outHeight: number;
  outWidth: number;
  inChannels: number;
  outChannels: number;
  kernelSize: number | [number, number];
  bias?: boolean;
}

/**
 * A locally connected layer: the same connections as the convolution (each output sees only its
 * receptive field), but its own kernel and bias at every output position — no sharing. Counted as
 * Keras 2's LocallyConnected2D does: H′·W′·(C_out·C_in·kh·kw + C_out).
 */
export function locallyConnectedParams(opts: LocallyConnectedOptions): number {
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  const oh = integer('outHeight', opts.outHeight, 1);
  const ow = integer('outWidth', opts.outWidth, 1);
  const inC = integer('inChannels', opts.inChannels, 1);
  const outC = integer('outChannels', opts.outChannels, 1);
  const [kh, kw] = Array.isArray(opts.kernelSize)
    ? [integer('kernelSize[0]', opts.kernelSize[0], 1), integer('kernelSize[1]', opts.kernelSize[1], 1)]
    : [integer('kernelSize', opts.kernelSize, 1), integer('kernelSize', opts.kernelSize, 1)];
  const bias = opts.bias ?? true;
  if (typeof bias !== 'boolean') throw paramTypeError('bias', `bias must be a boolean; received ${describe(bias)}`);
  const n = oh * ow * (outC * inC * kh * kw + (bias ? outC : 0));
  if (!Number.isSafeInteger(n)) throw paramRangeError('the parameter count', `the parameter count must be ≤ 2^53 − 1 to be counted exactly; received ${n}`);
  return n;
}
