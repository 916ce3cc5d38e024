/**
 * Evaluation mode (torch's model.eval()): no dropout, BatchNorm1d with its running statistics, a VQ
 * bottleneck (model.codebook at model.vqLayer, vqLayer.ts) quantizing as in training — so
 * every row is computed independently and a data set can go through in chunks of a fixed workspace.
 *
 * `evaluateMLP` is what the trainer reports per epoch on the validation set (`validationLosses`,
 * `validationAccuracies`) and takes a trained model as `trainMLP` returns it; `predictMLP` gives the
 * logits and the predicted classes (argmax, first index on ties as torch.argmax).
 * Each call opens its float64 buffers with linearWasm.ts (the WebAssembly kernels' memory for a large
 * model and data set, else ordinary arrays) and releases them before it returns.
 */
import { describe, finiteResult, inRange } from '../validate';
import { checkWork, dataRows, loadData, loadModelChecked, loadRows, modelSizes, type FlatData } from './checkInputs';
import { crossEntropyRows, emptySums, meanLoss } from './loss';
import { forwardScratch } from './linear';
import { openBuffers, type Buffers, type Storage } from './linearWasm';
import { createWorkspace, EVAL_MODE, forward, workspaceDoubles, type Workspace } from './mlp';
import { createNetwork, networkDoubles, parameterCount, type Network } from './network';
import { checkImageRows, CONV_INPUTS, convParameterCount, loadConvChecked, modelConvShape } from './convLayer';
import type { MLPData, MLPEvaluation, MLPModel, MLPPrediction } from './types';
import { loadCodebook, modelVqShape, vqParameterCount, vqStateDoubles } from './vqLayer';
import { paramTypeError } from '../refusal';

/** Rows per chunk in evaluation. */
const EVAL_CHUNK = 256;

/** Rows of the evaluation workspace for a data set of `rows`. */
export function evalCapacity(rows: number): number {
  return Math.max(1, Math.min(rows, EVAL_CHUNK));
}

export function evalWorkspace(net: Network, rows: number, alloc?: Storage): Workspace {
  return createWorkspace(net, evalCapacity(rows), alloc);
}

/** The forward pass's WebAssembly scratch for a network of these widths (its widest layer). */
export function networkScratch(sizes: readonly number[]): number {
  let most = 0;
  for (let l = 1; l < sizes.length; l++) most = Math.max(most, forwardScratch(sizes[l - 1]!, sizes[l]!));
  return most;
}

/** Mean loss and accuracy of `data` in eval mode (label smoothing ε as in F.cross_entropy). */
export function evaluateFlat(net: Network, ws: Workspace, data: FlatData, epsilon: number): MLPEvaluation {
  const inputs = net.inputs;
  const k = net.sizes[net.sizes.length - 1]!;
  const sums = emptySums();
  for (let start = 0; start < data.n; start += ws.capacity) {
    const rows = Math.min(ws.capacity, data.n - start);
    ws.x.set(data.x.subarray(start * inputs, (start + rows) * inputs));
    ws.labels.set(data.y.subarray(start, start + rows));
    crossEntropyRows(forward(net, ws, rows, EVAL_MODE), rows, k, ws.labels, epsilon, sums, null, 0);
  }
  return { loss: meanLoss(sums, data.n, k, epsilon), accuracy: sums.correct / data.n };
}

/**
 * A model as plain arrays → a checked network (BN state read when the model carries one), in buffers
 * for one evaluation of `samples` rows; the caller releases `buffers` when done.
 */
export function networkOf(model: unknown, samples: number): { net: Network; buffers: Buffers } {
  const withBN = typeof model === 'object' && model !== null && (model as MLPModel).batchNorm !== undefined;
  const conv = modelConvShape('model', model); // a conv front end when the model has `conv` (convLayer.ts)
  const sizes = modelSizes('model', model, withBN, conv);
  const vq = modelVqShape('model', model, sizes, parameterCount(sizes, withBN));
  checkWork(1, samples, { sizes, batchNorm: withBN, conv, vq });
  const doubles = networkDoubles(sizes, withBN, vq, conv) + workspaceDoubles(sizes, withBN, evalCapacity(samples), conv)
    + samples * (conv === null ? sizes[0]! : CONV_INPUTS)
    + vqStateDoubles(vq, evalCapacity(samples));
  const buffers = openBuffers(doubles, networkScratch(sizes), samples * (parameterCount(sizes, withBN) + vqParameterCount(vq) + convParameterCount(conv)));
  try {
    const net = createNetwork(sizes, withBN, buffers, vq, conv);
    loadModelChecked('model', model, net, withBN);
    if (net.conv !== null) loadConvChecked('model.conv', (model as MLPModel).conv, net.conv);
    if (net.vq !== null) loadCodebook('model.codebook', (model as MLPModel).codebook, net.vq);
    return { net, buffers };
  } catch (e) {
    buffers.release();
    throw e;
  }
}

/** Rows of a would-be array of rows, for the work bound (0 if it is not one: the data check then names it). */
export function rowsOf(x: unknown): number {
  return Array.isArray(x) ? x.length : 0;
}

/**
 * Mean F.cross_entropy and accuracy of `model` on `data`, in eval mode.
 * `opts.labelSmoothing` (default 0) is ε of the loss, e.g. to compare with a run's validation losses.
 */
export function evaluateMLP(model: MLPModel, data: MLPData, opts: { labelSmoothing?: number } = {}): MLPEvaluation {
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object { labelSmoothing? }; received ${describe(opts)}`);
  const epsilon = inRange('labelSmoothing', opts.labelSmoothing ?? 0, 0, 1);
  const { net, buffers } = networkOf(model, rowsOf((data as { x?: unknown } | null | undefined)?.x));
  try {
    dataRows('data', data, net.inputs, 1);
    if (net.conv !== null) checkImageRows('data.x', (data as MLPData).x);
    const flat = loadData('data', data, net.inputs, net.sizes[net.sizes.length - 1]!, buffers);
    return finiteResult('evaluateMLP', evaluateFlat(net, evalWorkspace(net, flat.n, buffers), flat, epsilon));
  } finally {
    buffers.release();
  }
}

/** Logits and predicted classes of `model` for each row of `x`, in eval mode. */
export function predictMLP(model: MLPModel, x: number[][]): MLPPrediction {
  const { net, buffers } = networkOf(model, rowsOf(x));
  try {
    const inputs = net.inputs;
    const k = net.sizes[net.sizes.length - 1]!;
    if (net.conv !== null) checkImageRows('x', x);
    const flat = loadRows('x', x, inputs, buffers);
    const n = flat.length / inputs;
    const ws = evalWorkspace(net, n, buffers);
    const logits: number[][] = [];
    const classes: number[] = [];
    for (let start = 0; start < n; start += ws.capacity) {
      const rows = Math.min(ws.capacity, n - start);
      ws.x.set(flat.subarray(start * inputs, (start + rows) * inputs));
      const out = forward(net, ws, rows, EVAL_MODE);
      for (let i = 0; i < rows; i++) {
        const row = Array.from(out.subarray(i * k, (i + 1) * k));
        let arg = 0;
        for (let c = 1; c < k; c++) if (row[c]! > row[arg]!) arg = c;
        logits.push(row);
        classes.push(arg);
      }
    }
    return finiteResult('predictMLP', { logits, classes });
  } finally {
    buffers.release();
  }
}
