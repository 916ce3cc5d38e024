/**
 * Forward and backward pass of the MLP on one batch held in a preallocated workspace.
 *
 * Per layer l: pre = a·Wᵀ + b (torch's addmm: the dot product, then the bias); on hidden layers then
 * BatchNorm1d (optional), ReLU, inverted dropout (optional) — the order Linear → BN → ReLU → Dropout
 * (→ the VQ bottleneck on its one layer, when the network has one: vqLayer.ts).
 * With a conv front end (convLayer.ts) the batch first goes x → Conv2d → ReLU into ws.x0, layer 0's
 * input (no BN, no dropout there); backward ends with its gradients (and ∂L/∂x through it).
 * The last layer's `pre` are the logits. Backward turns ∂L/∂logits (written by loss.ts into the last
 * `delta`) into parameter gradients, added to net.grad, and optionally ∂L/∂x (for FGSM).
 *
 * Why a workspace: every buffer is sized once for the largest batch, so training allocates nothing per
 * batch or per sample; loops run over the `rows` actually present (the Linear kernels are in linear.ts).
 * The buffers the kernels touch (x, pre, normed, act, delta, dx) come from the call's allocator, so
 * that with WebAssembly they are in the kernels' memory next to the weights (linearWasm.ts).
 */
import { batchNormBackward, batchNormEval, batchNormTrain, createBatchNormCache, type BatchNormCache } from './batchNormLayer';
import { PLAIN_STORAGE, type Storage } from './linearWasm';
import type { Network } from './network';
import { linearForward, linearInputGradient, linearWeightGradient, relu, reluBackward } from './linear';
import { drawMask } from './randomStreams';
import { convBackward, convForward, convWorkspaceDoubles, type ConvShape } from './convLayer';
import { createVqState, vqBackward, vqForward, type VqState } from './vqLayer';
import type { Rng } from '../random';

export interface Workspace {
  /** Largest batch the buffers hold. */
  capacity: number;
  /** The batch's inputs (rows × net.inputs); FGSM overwrites them with x_adv. */
  x: Float64Array;
  /** Layer 0's input: x itself, or with a conv front end its ReLU output (rows × sizes[0]). */
  x0: Float64Array;
  /** ∂L/∂x0 during backward: dx itself without conv. */
  dx0: Float64Array;
  /** With a conv front end: its pre-activation (rows × sizes[0]); else empty. */
  convPre: Float64Array;
  /** The batch's labels. */
  labels: Int32Array;
  /** Per layer: the Linear's output (rows × out); the last one holds the logits. */
  pre: Float64Array[];
  /** Per hidden layer with BN: BN's output, the input of ReLU. */
  normed: (Float64Array | null)[];
  bnCache: (BatchNormCache | null)[];
  /** Per hidden layer: the output after ReLU and dropout, the next layer's input. */
  act: Float64Array[];
  /** Per hidden layer: the dropout keep-mask of the last training pass (empty without dropout). */
  keep: Uint8Array[];
  /** Per layer: ∂/∂pre during backward. */
  delta: Float64Array[];
  /** ∂L/∂x of the last backward that asked for it. */
  dx: Float64Array;
  /** The VQ bottleneck's buffers (vqLayer.ts) when the network has one; its z is from the allocator (vqStateDoubles). */
  vq: VqState | null;
}

/** The float64 values createWorkspace takes from its allocator, to plan the buffers of a call. */
export function workspaceDoubles(sizes: readonly number[], batchNorm: boolean, capacity: number, conv: ConvShape | null = null): number {
  // x and dx; pre and delta per layer; act (and with BN normed) per hidden layer; the conv's buffers
  const units = sizes.slice(1).reduce((a, b) => a + b, 0);
  const hidden = units - sizes[sizes.length - 1]!;
  return capacity * (2 * sizes[0]! + 2 * units + (batchNorm ? 2 : 1) * hidden) + convWorkspaceDoubles(conv, capacity);
}

/** Buffers for batches of up to `capacity` rows; dropout masks only for a training workspace `withDropout`. */
export function createWorkspace(net: Network, capacity: number, alloc: Storage = PLAIN_STORAGE, withDropout = false): Workspace {
  const hidden = net.layers.slice(0, -1);
  const f64 = (n: number) => alloc.f64(n);
  const x = f64(capacity * net.inputs);
  const dx = f64(capacity * net.inputs);
  const convOut = (n: number, or: Float64Array) => (net.conv === null ? or : f64(n));
  return {
    capacity,
    x,
    x0: convOut(capacity * net.sizes[0]!, x),
    dx0: convOut(capacity * net.sizes[0]!, dx),
    convPre: convOut(capacity * net.sizes[0]!, new Float64Array(0)),
    labels: new Int32Array(capacity),
    pre: net.layers.map((l) => f64(capacity * l.outputs)),
    normed: hidden.map((l) => (l.bn ? f64(capacity * l.outputs) : null)),
    bnCache: hidden.map((l) => (l.bn ? createBatchNormCache(capacity, l.outputs) : null)),
    act: hidden.map((l) => f64(capacity * l.outputs)),
    keep: hidden.map((l) => new Uint8Array(withDropout ? capacity * l.outputs : 0)),
    delta: net.layers.map((l) => f64(capacity * l.outputs)),
    dx,
    vq: net.vq === null ? null : createVqState(net.vq, capacity, alloc),
  };
}

/** How a forward pass runs: training (BN batch statistics; dropout when p > 0) or evaluation. */
export interface PassMode {
  training: boolean;
  /** Dropout p (0 for none); masks come from `rng` (randomStreams.ts documents the order). */
  dropout: number;
  rng: Rng | null;
}

export const EVAL_MODE: PassMode = { training: false, dropout: 0, rng: null };

/** Runs the batch in ws.x through the network; returns the logits buffer (rows × K). */
export function forward(net: Network, ws: Workspace, rows: number, mode: PassMode): Float64Array {
  const last = net.layers.length - 1;
  const useDropout = mode.training && mode.dropout > 0 && mode.rng !== null;
  const scale = mode.dropout === 1 ? 0 : 1 / (1 - mode.dropout);
  // Conv front end (convLayer.ts), before layer 0: ws.x0 = ReLU(conv(ws.x)).
  if (net.conv !== null) convForward(net.conv, ws.x, rows, ws.convPre, ws.x0);
  let input = ws.x0;
  for (let l = 0; l <= last; l++) {
    const layer = net.layers[l]!;
    const nin = layer.inputs;
    const nout = layer.outputs;
    const out = ws.pre[l]!;
    linearForward(input, rows, nin, layer.w, layer.b, nout, out);
    if (l === last) return out;
    let z = out;
    const bn = layer.bn;
    if (bn !== null) {
      z = ws.normed[l]!;
      if (mode.training) batchNormTrain(bn, out, rows, nout, ws.bnCache[l]!, z);
      else batchNormEval(bn, out, rows, nout, z);
    }
    const a = ws.act[l]!;
    const count = rows * nout;
    if (useDropout) {
      const keep = ws.keep[l]!;
      drawMask(keep, count, mode.dropout, mode.rng!);
      for (let k = 0; k < count; k++) {
        const r = z[k]! > 0 ? z[k]! : 0;
        a[k] = keep[k] === 1 ? r * scale : 0;
      }
    } else {
      relu(z, a, count);
    }
    // VQ bottleneck (vqLayer.ts): a ← its straight-through quantization
    if (net.vq !== null && l === net.vq.layer) vqForward(net.vq, ws.vq!, a, rows);
    input = a;
  }
  return input;
}

/**
 * Backpropagates ws.delta[last] (∂/∂logits) through the last forward pass, which must have run in
 * training mode; adds the parameter gradients to net.grad. With `inputGradient`, ws.dx gets ∂/∂x
 * (through the conv front end when there is one: layer 0's input gradient then always goes to ws.dx0).
 */
export function backward(net: Network, ws: Workspace, rows: number, mode: PassMode, inputGradient: boolean): void {
  const useDropout = mode.training && mode.dropout > 0 && mode.rng !== null;
  const scale = mode.dropout === 1 ? 0 : 1 / (1 - mode.dropout);
  for (let l = net.layers.length - 1; l >= 0; l--) {
    const layer = net.layers[l]!;
    const nin = layer.inputs;
    const nout = layer.outputs;
    const d = ws.delta[l]!;
    const input = l === 0 ? ws.x0 : ws.act[l - 1]!;
    linearWeightGradient(d, input, rows, nin, nout, layer.dW, layer.dB);
    const dIn = l === 0 ? ws.dx0 : ws.delta[l - 1]!;
    if (l > 0 || inputGradient || net.conv !== null) linearInputGradient(d, layer.w, rows, nin, nout, dIn);
    if (l === 0) break;
    // Through the VQ bottleneck after layer l−1 (straight-through + commitment; codebook gradient).
    if (net.vq !== null && l - 1 === net.vq.layer) vqBackward(net.vq, ws.vq!, dIn, rows);
    // Through layer l−1's dropout, ReLU and batch norm, in reverse.
    const prev = net.layers[l - 1]!;
    const count = rows * nin;
    const z = prev.bn !== null ? ws.normed[l - 1]! : ws.pre[l - 1]!;
    if (useDropout) {
      const keep = ws.keep[l - 1]!;
      for (let k = 0; k < count; k++) dIn[k] = keep[k] === 1 && z[k]! > 0 ? dIn[k]! * scale : 0;
    } else {
      reluBackward(z, dIn, count);
    }
    if (prev.bn !== null) batchNormBackward(prev.bn, dIn, rows, nin, ws.bnCache[l - 1]!);
  }
  // Conv front end (convLayer.ts), after layer 0's input gradient ws.dx0: its ReLU, ∂w, ∂b (and ∂L/∂x).
  if (net.conv !== null) convBackward(net.conv, ws.x, ws.convPre, ws.dx0, rows, inputGradient ? ws.dx : null);
}
