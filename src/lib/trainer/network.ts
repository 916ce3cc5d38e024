/**
 * The network as flat Float64Array buffers.
 *
 * Every trainable parameter lives in one vector `theta` and its gradient in `grad` (same layout), so
 * the optimizer, weight decay and the L1/L2 penalty are single loops over one array — which is what
 * torch.optim does too: it updates model.parameters() element by element, in no particular coupling.
 * Each layer sees its pieces through subarray views (no copies).
 *
 * Layout of theta: FIRST, with a conv front end (convLayer.ts, `opts.conv`), its weight (C×1×k×k,
 * row-major: theta[c·k² + u·k + v], nn.Conv2d's layout) then its bias (C); then for each Linear l, its weight (out × in, row-major, nn.Linear's layout) then its
 * bias (out); then, for each hidden layer with batch norm, γ (out) and β (out); LAST, with a VQ
 * bottleneck (vqLayer.ts), its codebook (K × D, row-major: code k is theta[base + k·D …]). The running mean and
 * variance are buffers in torch, not parameters: they live in `stats` (no gradient, no decay), but
 * they are saved and restored with the weights (Keras's restore_best_weights restores all weights).
 *
 * The three vectors come from an allocator: ordinary arrays, or views of the WebAssembly kernels'
 * memory for one call (linearWasm.ts), where the Linear kernels read and write them in place.
 */
import { activeKernel, PLAIN_STORAGE, type Storage } from './linearWasm';
import type { MLPBatchNormState, MLPModel } from './types';
import {
  CONV_INPUTS, convParameterCount, convParams, loadConvChecked, toConvModel, type ConvParams, type ConvShape,
} from './convLayer';
import { vqParameterCount, type VqParams, type VqShape } from './vqLayer';

/** BatchNorm1d of one hidden layer: views into theta, grad and stats. */
export interface BatchNormParams {
  gamma: Float64Array;
  beta: Float64Array;
  dGamma: Float64Array;
  dBeta: Float64Array;
  runningMean: Float64Array;
  runningVar: Float64Array;
}

export interface Layer {
  inputs: number;
  outputs: number;
  w: Float64Array;
  b: Float64Array;
  dW: Float64Array;
  dB: Float64Array;
  /** Present on hidden layers when the network has batch norm. */
  bn: BatchNormParams | null;
}

export interface Network {
  /** BatchNorm1d after every hidden Linear. */
  batchNorm: boolean;
  /** Widths: the input first, then each layer's outputs; the last is the class count K. */
  sizes: number[];
  layers: Layer[];
  theta: Float64Array;
  grad: Float64Array;
  stats: Float64Array;
  /** The conv front end (views of the start of theta and grad), or null; with it sizes[0] is its C·S² outputs. */
  conv: ConvParams | null;
  /** Features per input row: 64 (an 8×8 image) with the conv, else sizes[0]. */
  inputs: number;
  /** The VQ bottleneck (its codebook: views of the end of theta and grad), or null. */
  vq: VqParams | null;
}

/** Trainable parameters of a network with these widths (BN adds γ and β per hidden unit). */
export function parameterCount(sizes: readonly number[], batchNorm: boolean): number {
  let count = 0;
  for (let l = 1; l < sizes.length; l++) {
    count += sizes[l]! * sizes[l - 1]! + sizes[l]!;
    if (batchNorm && l < sizes.length - 1) count += 2 * sizes[l]!;
  }
  return count;
}

/** Units of all layers (inputs included): the per-sample cost of activations, losses and masks. */
export function unitCount(sizes: readonly number[]): number {
  return sizes.reduce((a, b) => a + b, 0);
}

function statCount(sizes: readonly number[], batchNorm: boolean): number {
  return batchNorm ? 2 * sizes.slice(1, -1).reduce((a, b) => a + b, 0) : 0;
}

/** The float64 values createNetwork allocates (θ, ∇ and the BN statistics), to plan the buffers of a call. */
export function networkDoubles(
  sizes: readonly number[], batchNorm: boolean, vq: VqShape | null = null, conv: ConvShape | null = null,
): number {
  return 2 * (parameterCount(sizes, batchNorm) + vqParameterCount(vq) + convParameterCount(conv)) + statCount(sizes, batchNorm);
}

/** Allocates a network of these widths: weights zero, γ = 1, β = 0, running mean 0, running var 1 (a fresh BatchNorm1d). */
export function createNetwork(
  sizes: readonly number[], batchNorm: boolean, alloc: Storage = PLAIN_STORAGE, vqShape: VqShape | null = null,
  convShape: ConvShape | null = null,
): Network {
  const theta = alloc.f64(parameterCount(sizes, batchNorm) + vqParameterCount(vqShape) + convParameterCount(convShape));
  const grad = alloc.f64(theta.length);
  const stats = alloc.f64(statCount(sizes, batchNorm));
  const layers: Layer[] = [];
  let at = 0;
  const take = (n: number): [Float64Array, Float64Array] => {
    const views: [Float64Array, Float64Array] = [theta.subarray(at, at + n), grad.subarray(at, at + n)];
    at += n;
    return views;
  };
  // The conv front end first (see the layout above).
  const conv = convShape === null ? null : convParams(convShape, theta, grad, at);
  at += convParameterCount(convShape);
  for (let l = 1; l < sizes.length; l++) {
    const inputs = sizes[l - 1]!;
    const outputs = sizes[l]!;
    const [w, dW] = take(outputs * inputs);
    const [b, dB] = take(outputs);
    layers.push({ inputs, outputs, w, b, dW, dB, bn: null });
  }
  if (batchNorm) {
    let s = 0;
    for (const layer of layers.slice(0, -1)) {
      const n = layer.outputs;
      const [gamma, dGamma] = take(n);
      const [beta, dBeta] = take(n);
      gamma.fill(1);
      const runningMean = stats.subarray(s, s + n);
      const runningVar = stats.subarray(s + n, s + 2 * n);
      runningVar.fill(1);
      s += 2 * n;
      layer.bn = { gamma, beta, dGamma, dBeta, runningMean, runningVar };
    }
  }
  let vq: VqParams | null = null;
  if (vqShape !== null) {
    const [codebook, dCodebook] = take(vqParameterCount(vqShape));
    vq = { ...vqShape, codebook, dCodebook };
  }
  const inputs = conv === null ? sizes[0]! : CONV_INPUTS;
  return { batchNorm, sizes: sizes.slice(), layers, theta, grad, stats, conv, inputs, vq };
}

/** Copies validated plain arrays into the network (shapes were checked by checkInputs.ts). */
export function loadModel(net: Network, model: MLPModel): void {
  net.layers.forEach((layer, l) => {
    const rows = model.weights[l]!;
    for (let o = 0; o < layer.outputs; o++) {
      const row = rows[o]!;
      for (let i = 0; i < layer.inputs; i++) layer.w[o * layer.inputs + i] = row[i]!;
    }
    layer.b.set(model.biases[l]!);
    const state = model.batchNorm?.[l];
    if (layer.bn && state) {
      layer.bn.gamma.set(state.gamma);
      layer.bn.beta.set(state.beta);
      layer.bn.runningMean.set(state.runningMean);
      layer.bn.runningVar.set(state.runningVar);
    }
  });
  if (net.conv !== null && model.conv !== undefined) loadConvChecked('model.conv', model.conv, net.conv);
}

/**
 * A Float64Array (or a slice of it) as a plain array; a loop, several times faster than Array.from.
 * Built by push, so it is a packed array of doubles like initMLP's and most callers' (new Array(n)
 * makes a holey one): the next call's input checks then see the map they were optimized for.
 */
function plain(a: Float64Array, start = 0, end = a.length): number[] {
  const out: number[] = [];
  for (let i = start; i < end; i++) out.push(a[i]!);
  return out;
}

/** The network back as plain arrays (the boundary conversion). */
export function toModel(net: Network): MLPModel {
  const weights: number[][][] = [];
  const biases: number[][] = [];
  const bn: MLPBatchNormState[] = [];
  for (const layer of net.layers) {
    const rows: number[][] = [];
    for (let o = 0; o < layer.outputs; o++) rows.push(plain(layer.w, o * layer.inputs, (o + 1) * layer.inputs));
    weights.push(rows);
    biases.push(plain(layer.b));
    if (layer.bn) {
      const { gamma, beta, runningMean, runningVar } = layer.bn;
      bn.push({ gamma: plain(gamma), beta: plain(beta), runningMean: plain(runningMean), runningVar: plain(runningVar) });
    }
  }
  const model: MLPModel = net.batchNorm ? { weights, biases, batchNorm: bn } : { weights, biases };
  if (net.conv !== null) model.conv = toConvModel(net.conv);
  return model;
}

/** The index of the first non-finite value of the parameters, then of the running statistics, or −1. */
export function firstNonFinite(net: Network): number {
  const at = firstNonFiniteIn(net.theta);
  if (at >= 0) return at;
  const inStats = firstNonFiniteIn(net.stats);
  return inStats >= 0 ? net.theta.length + inStats : -1;
}

function firstNonFiniteIn(a: Float64Array): number {
  const k = activeKernel();
  if (k !== null && a.buffer === k.buffer) return k.exports.firstNonFinite(a.byteOffset, a.length);
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i]!)) return i;
  return -1;
}

/** Everything restore_best_weights would restore: parameters and running statistics. */
export interface Snapshot {
  theta: Float64Array;
  stats: Float64Array;
}

export function snapshot(net: Network, into?: Snapshot): Snapshot {
  if (!into) return { theta: net.theta.slice(), stats: net.stats.slice() };
  into.theta.set(net.theta);
  into.stats.set(net.stats);
  return into;
}

export function restore(net: Network, from: Snapshot): void {
  net.theta.set(from.theta);
  net.stats.set(from.stats);
}
