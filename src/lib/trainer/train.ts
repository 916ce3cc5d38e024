/**
 * trainMLP: minibatch training of a ReLU MLP whose whole trajectory — every epoch's loss, the final
 * weights, the BN statistics — equals PyTorch float64 to rounding (scripts/fixtures/train_mlp.py runs
 * the same networks with nn.Linear, nn.BatchNorm1d, F.cross_entropy and torch.optim).
 *
 * Per epoch e: visit order[e] (or a seeded shuffle) in consecutive batches of batchSize (the last may
 * be shorter). Per batch, in training mode: the data objective and its gradient (batchObjective.ts:
 * cross-entropy with label smoothing, or FGSM's mix), plus the L1/L2 penalty's gradient (penalty.ts),
 * then one optimizer step (optimizerState.ts). The epoch's loss is Σ (batch objective × batch rows) / n,
 * measured before each batch's step and without penalties, as a torch loop that logs `loss.item()`.
 * After each epoch, with `validation`, the validation set is evaluated in eval mode and, with
 * `earlyStopping`, fed to Keras's rule (../earlyStopping.ts): stop when the validation loss has not
 * improved by more than minDelta for `patience` epochs; with restoreBest, return the weights and BN
 * statistics of the best epoch (whether training stopped early or not, as Keras 3 does).
 * The network and its workspaces live in the buffers of one call (linearWasm.ts: the WebAssembly
 * kernels' memory when it can be used), released before returning or throwing.
 */
import { createEarlyStopping } from '../earlyStopping';
import { describe } from '../validate';
import { batchObjective } from './batchObjective';
import {
  checkBatchNormBatches, checkOptions, checkWork, dataRows, loadData, loadModelChecked, loadOrder, modelSizes,
  type FlatData, type TrainConfig,
} from './checkInputs';
import { evalCapacity, evalWorkspace, evaluateFlat, networkScratch } from './evaluate';
import { activeKernel, openBuffers, type Storage } from './linearWasm';
import { createWorkspace, workspaceDoubles, type PassMode, type Workspace } from './mlp';
import {
  createNetwork, firstNonFinite, networkDoubles, parameterCount, restore, snapshot, toModel, type Snapshot,
} from './network';
import { createOptimizer, optimizerDoubles, type OptimizerConfig } from './optimizerState';
import { addPenaltyGradient } from './penalty';
import { dropoutStream, shuffleInto, shuffleStream } from './randomStreams';
import type { MLPData, MLPLayers, TrainMLPOptions, TrainMLPResult } from './types';

function diverged(what: string, value: number, lr: number): never {
  throw new RangeError(`${what} must be finite (the training diverged; lr = ${describe(lr)} may be too large); received ${describe(value)}`);
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
  const sizes = modelSizes('init', init, cfg.batchNorm);
  const inputs = sizes[0]!;
  const n = dataRows('data', data, inputs, 1);
  const validation = cfg.raw.validation;
  const nVal = validation === undefined ? 0 : dataRows('validation', validation, inputs, 1);
  checkWork(cfg.epochs, n * (cfg.fgsm ? 2 : 1) + nVal + (cfg.evaluateTraining ? n : 0), sizes, cfg.batchNorm);
  if (cfg.batchNorm && sizes.length > 2) checkBatchNormBatches(n, cfg.batchSize);

  const batchRows = Math.min(cfg.batchSize, n);
  // Everything the call allocates in float64 (linearWasm.ts keeps it in the kernels' memory).
  const params = parameterCount(sizes, cfg.batchNorm);
  const doubles = networkDoubles(sizes, cfg.batchNorm) + workspaceDoubles(sizes, cfg.batchNorm, batchRows)
    + (validation === undefined ? 0 : workspaceDoubles(sizes, cfg.batchNorm, evalCapacity(nVal)))
    + (cfg.evaluateTraining ? workspaceDoubles(sizes, cfg.batchNorm, evalCapacity(n)) : 0)
    + optimizerDoubles(optimizerConfig(cfg), params) + (n + nVal) * inputs + n;
  const buffers = openBuffers(doubles, networkScratch(sizes), cfg.epochs * (n + nVal) * params);
  try {
    return runTraining(cfg, sizes, n, init, data, buffers);
  } finally {
    buffers.release();
  }
}

/** The training loop proper, on checked sizes; its float64 arrays come from `alloc`. */
function runTraining(
  cfg: TrainConfig & { raw: Record<string, unknown> }, sizes: number[], n: number, init: MLPLayers, data: MLPData, alloc: Storage,
): TrainMLPResult {
  const inputs = sizes[0]!;
  const classes = sizes[sizes.length - 1]!;
  const validation = cfg.raw.validation;
  const net = createNetwork(sizes, cfg.batchNorm, alloc);
  loadModelChecked('init', init, net, false);
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
  for (let e = 0; e < cfg.epochs; e++) {
    if (order !== null) perm.set(order[e]!);
    else shuffleInto(perm, shuffler!);
    let total = 0;
    for (let start = 0; start < n; start += batchRows) {
      const rows = Math.min(batchRows, n - start);
      gatherBatch(train, perm, start, rows, inputs, ws);
      total += batchObjective(net, ws, rows, mode, cfg) * rows;
      addPenaltyGradient(net.theta, net.grad, cfg.l1, cfg.l2);
      optimizer.step(net.theta, net.grad);
    }
    const loss = total / n;
    if (!Number.isFinite(loss)) diverged(`epochLosses[${e}]`, loss, cfg.lr);
    epochLosses.push(loss);
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
    throw new RangeError(`the weights must stay finite (the training diverged; lr = ${describe(cfg.lr)} may be too large); received an overflow at ${where}`);
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
  return result;
}
