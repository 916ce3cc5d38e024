/**
 * Parameter counts that make weight sharing concrete: a convolution reuses one small kernel at
 * every position, a fully connected layer between the same input and output shapes has a weight
 * for every (input, output) pair. Counts follow `torch.nn.Conv2d` / `torch.nn.Linear`
 * (`sum(p.numel() for p in layer.parameters())`) and output sizes follow PyTorch's formula.
 */
import { describe, integer } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Per-dimension sizes up to this bound keep every product below 2⁵³ for realistic layers. */
export const MAX_LAYER_SIZE = 1 << 20;

type Pair = number | [number, number];

function pair(name: string, value: unknown, min: number): [number, number] {
  if (Array.isArray(value)) {
    if (value.length !== 2) throw paramRangeError(name, `${name} must be a number or a pair [h, w]; received ${describe(value)}`);
    return [integer(`${name}[0]`, value[0], min, MAX_LAYER_SIZE), integer(`${name}[1]`, value[1], min, MAX_LAYER_SIZE)];
  }
  const v = integer(name, value, min, MAX_LAYER_SIZE);
  return [v, v];
}

function bool(name: string, value: unknown, fallback: boolean): boolean {
  if (value === undefined) return fallback;
  if (typeof value !== 'boolean') throw paramTypeError(name, `${name} must be a boolean; received ${describe(value)}`);
  return value;
}

function safe(what: string, value: number): number {
  if (!Number.isSafeInteger(value)) {
    throw paramRangeError(what, `${what} must be ≤ 2^53 − 1 to be counted exactly; received ${value}`);
  }
  return value;
}

function object(name: string, value: unknown): Record<string, unknown> {
  if (typeof value !== 'object' || value === null) {
    throw paramTypeError(name, `${name} must be an object; received ${describe(value)}`);
  }
  return value as Record<string, unknown>;
}

export interface Conv2dOptions {
  inChannels: number;
  outChannels: number;
  kernelSize: Pair;
  bias?: boolean;
  groups?: number;
}

/** Weights out·(in/groups)·kh·kw plus one bias per output channel: independent of the image size. */
export function conv2dParams(opts: Conv2dOptions): number {
  const o = object('opts', opts);
  const inC = integer('inChannels', o.inChannels, 1, MAX_LAYER_SIZE);
  const outC = integer('outChannels', o.outChannels, 1, MAX_LAYER_SIZE);
  const [kh, kw] = pair('kernelSize', o.kernelSize, 1);
  const groups = integer('groups', o.groups ?? 1, 1, MAX_LAYER_SIZE);
  if (inC % groups !== 0) throw paramRangeError('inChannels', `inChannels must be divisible by groups=${groups}; received ${inC}`);
  if (outC % groups !== 0) throw paramRangeError('outChannels', `outChannels must be divisible by groups=${groups}; received ${outC}`);
  const bias = bool('bias', o.bias, true);
  return safe('the parameter count', outC * (inC / groups) * kh * kw + (bias ? outC : 0));
}

export interface LinearOptions {
  inFeatures: number;
  outFeatures: number;
  bias?: boolean;
}

/** in·out weights plus out biases. */
export function linearParams(opts: LinearOptions): number {
  const o = object('opts', opts);
  const inF = integer('inFeatures', o.inFeatures, 1);
  const outF = integer('outFeatures', o.outFeatures, 1);
  const bias = bool('bias', o.bias, true);
  return safe('the parameter count', inF * outF + (bias ? outF : 0));
}

export interface ConvOutputOptions {
  inputSize: number;
  kernelSize: number;
  stride?: number;
  padding?: number;
  dilation?: number;
}

/** ⌊(in + 2·padding − dilation·(kernel − 1) − 1)/stride⌋ + 1 along one dimension (PyTorch's formula). */
export function convOutputSize(opts: ConvOutputOptions): number {
  const o = object('opts', opts);
  const size = integer('inputSize', o.inputSize, 1, MAX_LAYER_SIZE);
  const kernel = integer('kernelSize', o.kernelSize, 1, MAX_LAYER_SIZE);
  const stride = integer('stride', o.stride ?? 1, 1, MAX_LAYER_SIZE);
  const padding = integer('padding', o.padding ?? 0, 0, MAX_LAYER_SIZE);
  const dilation = integer('dilation', o.dilation ?? 1, 1, MAX_LAYER_SIZE);
  return outputSize(size, kernel, stride, padding, dilation, 'inputSize', 'kernelSize');
}

function outputSize(size: number, kernel: number, stride: number, padding: number, dilation: number,
  sizeName: string, kernelName: string): number {
  const span = dilation * (kernel - 1) + 1;
  if (size + 2 * padding < span) {
    // PyTorch: "Kernel size can't be greater than actual input size".
    throw paramRangeError(
      kernelName,
      `${kernelName} must span at most ${sizeName} + 2·padding = ${size + 2 * padding} (dilated span ${span}); received ${kernel}`,
    );
  }
  return Math.floor((size + 2 * padding - span) / stride) + 1;
}

export interface FullyConnectedEquivalentOptions {
  height: number;
  width: number;
  inChannels: number;
  outChannels: number;
  kernelSize: Pair;
  stride?: Pair;
  padding?: Pair;
  dilation?: Pair;
  groups?: number;
  bias?: boolean;
}

export interface FullyConnectedEquivalent {
  outHeight: number;
  outWidth: number;
  /** inChannels·height·width: the flattened input. */
  inFeatures: number;
  /** outChannels·outHeight·outWidth: the flattened conv output. */
  outFeatures: number;
  /** Parameters of the convolution. */
  convParams: number;
  /** Parameters of a Linear layer between the same flattened shapes. */
  linearParams: number;
  /** linearParams / convParams: how many times more parameters no sharing would need. */
  ratio: number;
}

/**
 * A convolution and the fully connected layer with the same input and output shapes. The linear
 * layer could represent the convolution (a sparse, weight-tied matrix) but learns every entry
 * freely: weight sharing is exactly the constraint that removes those extra parameters.
 */
export function fullyConnectedEquivalent(opts: FullyConnectedEquivalentOptions): FullyConnectedEquivalent {
  const o = object('opts', opts);
  const height = integer('height', o.height, 1, MAX_LAYER_SIZE);
  const width = integer('width', o.width, 1, MAX_LAYER_SIZE);
  const [kh, kw] = pair('kernelSize', o.kernelSize, 1);
  const [sh, sw] = pair('stride', o.stride ?? 1, 1);
  const [ph, pw] = pair('padding', o.padding ?? 0, 0);
  const [dh, dw] = pair('dilation', o.dilation ?? 1, 1);
  const bias = bool('bias', o.bias, true);
  const convParams = conv2dParams({
    inChannels: o.inChannels as number,
    outChannels: o.outChannels as number,
    kernelSize: [kh, kw],
    bias,
    groups: (o.groups as number | undefined) ?? 1,
  });
  const outHeight = outputSize(height, kh, sh, ph, dh, 'height', 'kernelSize[0]');
  const outWidth = outputSize(width, kw, sw, pw, dw, 'width', 'kernelSize[1]');
  const inFeatures = safe('inChannels·height·width', (o.inChannels as number) * height * width);
  const outFeatures = safe('outChannels·outHeight·outWidth', (o.outChannels as number) * outHeight * outWidth);
  const lin = linearParams({ inFeatures, outFeatures, bias });
  return { outHeight, outWidth, inFeatures, outFeatures, convParams, linearParams: lin, ratio: lin / convParams };
}
