/**
 * trainMLP: minibatch training of a ReLU MLP whose whole trajectory — every epoch's loss, the final
 * weights, the BN statistics — equals PyTorch float64 to rounding (scripts/fixtures/train_mlp.py runs
 * the same networks with nn.Linear, nn.BatchNorm1d, F.cross_entropy and torch.optim).
 *
 * Per epoch e: visit order[e] (or a seeded shuffle) in consecutive batches of batchSize (the last may
 * be shorter). Per batch, in training mode: with `augment`, each gathered sample is augmented in place
 * (augmentDigits.ts: rotate, shift, noise, from a third seeded stream); then the data objective and its
 * gradient (batchObjective.ts: cross-entropy with label smoothing, or FGSM's mix), plus the L1/L2
 * penalty's gradient (penalty.ts), then one optimizer step (optimizerState.ts). The epoch's loss is
 * Σ (batch objective × batch rows) / n, measured before each batch's step and without penalties, as a
 * torch loop that logs `loss.item()`.
 * After each epoch, with `validation`, the validation set is evaluated in eval mode and, with
 * `earlyStopping`, fed to Keras's rule (../earlyStopping.ts): stop when the validation loss has not
 * improved by more than minDelta for `patience` epochs; with restoreBest, return the weights and BN
 * statistics of the best epoch (whether training stopped early or not, as Keras 3 does).
 * The network and its workspaces live in the buffers of one call (linearWasm.ts: the WebAssembly
 * kernels' memory when it can be used), released before returning or throwing.
 * With `vq` (vqLayer.ts), the objective adds each pass's vq_loss; epochLosses keep the cross-entropy
 * part and vqLosses get the VQ part (same batch weighting); the trained codebook, its layer, the last
 * epoch's usage and its perplexity are returned (the codebook is restored with the weights).
 * With `conv` (convLayer.ts; init.conv, rows of 64 = 8×8 images), an nn.Conv2d(1, C, k) → ReLU →
 * flatten runs before the first Linear; its parameters lead theta (network.ts), so the optimizer, weight
 * decay and L1/L2 include them; it is returned as `conv` (scripts/fixtures/train_conv.py is the twin).
 */
import { createEarlyStopping } from '../earlyStopping';
import { describe } from '../validate';
import { checkDigitAugmentWidth, createDigitAugmenter } from './augmentDigits';
import { batchObjective } from './batchObjective';
import {
  checkBatchNormBatches, checkOptions, checkWork, dataRows, loadData, loadModelChecked, loadOrder, modelSizes,
  type FlatData, type TrainConfig,
} from './checkInputs';
import { evalCapacity, evalWorkspace, evaluateFlat, networkScratch } from './evaluate';
import { activeKernel, openBuffers, type Storage } from './linearWasm';
import { createWorkspace, workspaceDoubles, type PassMode, type Workspace } from './mlp';
import { checkImageRows, CONV_INPUTS, convParameterCount, initConvShape, loadConvChecked } from './convLayer';
import {
  createNetwork, firstNonFinite, networkDoubles, parameterCount, restore, snapshot, toModel, type Snapshot,
} from './network';
import { createOptimizer, optimizerDoubles, type OptimizerConfig } from './optimizerState';
import { addPenaltyGradient } from './penalty';
import { dropoutStream, shuffleInto, shuffleStream } from './randomStreams';
import type { MLPData, MLPLayers, TrainMLPOptions, TrainMLPResult } from './types';
import {
  codebookRowsOf, loadCodebook, trainingVqShape, usagePerplexity, vqParameterCount, vqStateDoubles,
  type VqShape,
} from './vqLayer';
import { paramRangeError } from '../refusal';

function diverged(what: string, value: number, lr: number): never {
  throw paramRangeError(what, `${what} must be finite (the training diverged; lr = ${describe(lr)} may be too large); received ${describe(value)}`);
}

/**
 * The batch's rows perm[start…start+rows) into ws.x and ws.labels: one WebAssembly call when the
 * rows are in the kernels' memory, else a builtin copy per row (fast even before V8 optimizes).
 */
function gatherBatch(train: FlatData, perm: Int32Array, start: number, rows: number, inputs: number, ws: Workspace): void {
  const k = activeKernel();
  if (k !== null && train.x.buffer === k.buffer && perm.buffer === k.buffer && ws.x.buffer === k.buffer) {
    k.exports.gather(train.x.byteOffset, perm.byteOffset + 4 * start, rows, inputs, ws.x.byteOffset);
  } else {
    for (let i = 0; i < rows; i++) {
      const s = perm[start + i]!;
      ws.x.set(train.x.subarray(s * inputs, (s + 1) * inputs), i * inputs);
    }
  }
  for (let i = 0; i < rows; i++) ws.labels[i] = train.y[perm[start + i]!]!;
}

function optimizerConfig(cfg: TrainConfig): OptimizerConfig {
  return { kind: cfg.optimizer, lr: cfg.lr, momentum: cfg.momentum, weightDecay: cfg.weightDecay };
}

export function trainMLP(init: MLPLayers, data: MLPData, opts: TrainMLPOptions): TrainMLPResult {
  const cfg = checkOptions(opts);
  // Shapes and the work bound before any loop over values (checkInputs.ts explains the order).
  const conv = initConvShape(init, cfg.conv); // = cfg.conv once init.conv matches it
  const sizes = modelSizes('init', init, cfg.batchNorm, conv);
  const inputs = conv === null ? sizes[0]! : CONV_INPUTS;
  if (cfg.augment !== null) checkDigitAugmentWidth(inputs);
  const n = dataRows('data', data, inputs, 1);
  const validation = cfg.raw.validation;
  const nVal = validation === undefined ? 0 : dataRows('validation', validation, inputs, 1);
  if (conv !== null) checkImageRows('data.x', data.x);
  if (conv !== null && validation !== undefined) checkImageRows('validation.x', (validation as MLPData).x);
  const vqShape = trainingVqShape(cfg.vq, init, sizes, parameterCount(sizes, cfg.batchNorm));
  checkWork(cfg.epochs, n * (cfg.fgsm ? 2 : 1) + nVal + (cfg.evaluateTraining ? n : 0), { sizes, batchNorm: cfg.batchNorm, conv, vq: vqShape });
  if (cfg.batchNorm && sizes.length > 2) checkBatchNormBatches(n, cfg.batchSize);

  const batchRows = Math.min(cfg.batchSize, n);
  // Everything the call allocates in float64 (linearWasm.ts keeps it in the kernels' memory).
  const params = parameterCount(sizes, cfg.batchNorm) + vqParameterCount(vqShape) + convParameterCount(conv);
  // the VQ bottleneck's codebook (θ and ∇) and the z buffer of each workspace
  const vqDoubles = 2 * vqParameterCount(vqShape) + vqStateDoubles(vqShape, batchRows)
    + (validation === undefined ? 0 : vqStateDoubles(vqShape, evalCapacity(nVal)))
    + (cfg.evaluateTraining ? vqStateDoubles(vqShape, evalCapacity(n)) : 0);
  const doubles = vqDoubles + networkDoubles(sizes, cfg.batchNorm, null, conv) + workspaceDoubles(sizes, cfg.batchNorm, batchRows, conv)
    + (validation === undefined ? 0 : workspaceDoubles(sizes, cfg.batchNorm, evalCapacity(nVal), conv))
    + (cfg.evaluateTraining ? workspaceDoubles(sizes, cfg.batchNorm, evalCapacity(n), conv) : 0)
    + optimizerDoubles(optimizerConfig(cfg), params) + (n + nVal) * inputs + n;
  const buffers = openBuffers(doubles, networkScratch(sizes), cfg.epochs * (n + nVal) * params);
  try {
    return runTraining(cfg, sizes, n, init, data, buffers, vqShape);
  } finally {
    buffers.release();
  }
}

/** The training loop proper, on checked sizes; its float64 arrays come from `alloc`. */
function runTraining(
  cfg: TrainConfig & { raw: Record<string, unknown> }, sizes: number[], n: number, init: MLPLayers, data: MLPData, alloc: Storage,
  vqShape: VqShape | null,
): TrainMLPResult {
  const inputs = cfg.conv === null ? sizes[0]! : CONV_INPUTS;
  const classes = sizes[sizes.length - 1]!;
  const validation = cfg.raw.validation;
  const net = createNetwork(sizes, cfg.batchNorm, alloc, vqShape, cfg.conv);
  loadModelChecked('init', init, net, false);
  if (net.conv !== null) loadConvChecked('init.conv', init.conv, net.conv);
  if (net.vq !== null) loadCodebook('init.codebook', init.codebook, net.vq);
  const train = loadData('data', data, inputs, classes, alloc);
  const val: FlatData | null = validation === undefined ? null : loadData('validation', validation, inputs, classes, alloc);
  const order = cfg.raw.order === undefined ? null : loadOrder(cfg.raw.order, cfg.epochs, n);

  const batchRows = Math.min(cfg.batchSize, n);
  const ws = createWorkspace(net, batchRows, alloc, cfg.dropout > 0);
  const evalWs = val === null ? null : evalWorkspace(net, val.n, alloc);
  const trainEvalWs = cfg.evaluateTraining ? evalWorkspace(net, n, alloc) : null;
  const optimizer = createOptimizer(optimizerConfig(cfg), net.theta.length, alloc);
  const mode: PassMode = { training: true, dropout: cfg.dropout, rng: cfg.dropout > 0 ? dropoutStream(cfg.seed) : null };
  const shuffler = order === null ? shuffleStream(cfg.seed) : null;
  const augmenter = createDigitAugmenter(cfg.augment, cfg.seed);
  const perm = alloc.i32(n);
  const monitor = cfg.earlyStopping
    ? createEarlyStopping({ patience: cfg.earlyStopping.patience, minDelta: cfg.earlyStopping.minDelta, restoreBestWeights: cfg.earlyStopping.restoreBest })
    : null;
  let best: Snapshot | null = null;

  const epochLosses: number[] = [];
  const validationLosses: number[] = [];
  const validationAccuracies: number[] = [];
  const trainingLosses: number[] = [];
  const trainingAccuracies: number[] = [];
  const vqLosses: number[] = [];
  for (let e = 0; e < cfg.epochs; e++) {
    if (order !== null) perm.set(order[e]!);
    else shuffleInto(perm, shuffler!);
    let total = 0;
    let vqTotal = 0;
    ws.vq?.counts.fill(0); // usage is reported for the last epoch run
    for (let start = 0; start < n; start += batchRows) {
      const rows = Math.min(batchRows, n - start);
      gatherBatch(train, perm, start, rows, inputs, ws);
      augmenter?.apply(ws.x, rows);
      total += batchObjective(net, ws, rows, mode, cfg) * rows;
      if (ws.vq !== null) vqTotal += ws.vq.objective * rows;
      addPenaltyGradient(net.theta, net.grad, cfg.l1, cfg.l2);
      optimizer.step(net.theta, net.grad);
    }
    const loss = total / n;
    if (!Number.isFinite(loss)) diverged(`epochLosses[${e}]`, loss, cfg.lr);
    epochLosses.push(loss);
    if (ws.vq !== null) {
      const vqLoss = vqTotal / n;
      if (!Number.isFinite(vqLoss)) diverged(`vqLosses[${e}]`, vqLoss, cfg.lr);
      vqLosses.push(vqLoss);
    }
    if (trainEvalWs !== null) {
      const t = evaluateFlat(net, trainEvalWs, train, cfg.labelSmoothing);
      if (!Number.isFinite(t.loss)) diverged(`trainingLosses[${e}]`, t.loss, cfg.lr);
      trainingLosses.push(t.loss);
      trainingAccuracies.push(t.accuracy);
    }
    cfg.onEpoch?.(e + 1, cfg.epochs);
    if (val === null) continue;
    const v = evaluateFlat(net, evalWs!, val, cfg.labelSmoothing);
    if (!Number.isFinite(v.loss)) diverged(`validationLosses[${e}]`, v.loss, cfg.lr);
    validationLosses.push(v.loss);
    validationAccuracies.push(v.accuracy);
    if (monitor === null) continue;
    const step = monitor.update(v.loss);
    if (step.improved && cfg.earlyStopping!.restoreBest) best = snapshot(net, best ?? undefined);
    if (step.stop) break;
  }

  const summary = monitor?.result();
  if (summary?.restoredEpoch != null && best !== null) restore(net, best);
  // Parameters (or BN statistics) can overflow while the losses stay finite; never hand back ±∞ or NaN.
  const bad = firstNonFinite(net);
  if (bad >= 0) {
    const where = bad < net.theta.length ? `parameter ${bad}` : `running statistic ${bad - net.theta.length}`;
    throw paramRangeError('the weights', `the weights must stay finite (the training diverged; lr = ${describe(cfg.lr)} may be too large); received an overflow at ${where}`);
  }
  const result: TrainMLPResult = { epochLosses, ...toModel(net) };
  if (trainEvalWs !== null) {
    result.trainingLosses = trainingLosses;
    result.trainingAccuracies = trainingAccuracies;
  }
  if (val !== null) {
    result.validationLosses = validationLosses;
    result.validationAccuracies = validationAccuracies;
  }
  if (summary) {
    result.stoppedEpoch = summary.stoppedEpoch;
    result.bestEpoch = summary.bestEpoch;
    result.restoredEpoch = summary.restoredEpoch;
  }
  if (net.vq !== null) {
    result.codebook = codebookRowsOf(net.vq);
    result.vqLayer = net.vq.layer;
    result.vqLosses = vqLosses;
    result.codebookUsage = Array.from(ws.vq!.counts);
    result.codebookPerplexity = usagePerplexity(ws.vq!.counts);
  }
  return result;
}
