/**
 * Validation of everything `trainMLP`, `evaluateMLP` and `predictMLP` accept, with the messages of
 * ../validate.ts: "<name> must <range>; received <value>". Why its own module: the trainer's inputs
 * are nested (layers of rows, data sets, option groups) and the sizes must be checked in a safe order —
 * shapes first (lengths only), then the work bound, and only then the loops that read every value,
 * so that an oversized request fails at once instead of freezing the tab while it is being read.
 *
 * Speed: trainMLP reads its whole model and data set on every call (the lab calls it per run, the
 * bench per epoch), so the value loops are one long loop per matrix — V8 optimizes a long loop while
 * it runs (on-stack replacement) but a short function only after many calls — and an error message's
 * name is built only when it is thrown; the checks and the messages are the same as value by value.
 */
import { atLeast, describe, finite, inRange, integer, isArrayLike } from '../validate';
import {
  MLP_MAX_DATA_VALUES, MLP_MAX_EPOCHS, MLP_MAX_LAYERS, MLP_MAX_PARAMETERS, MLP_MAX_WIDTH, MLP_MAX_WORK,
} from './limits';
import { checkDigitAugment, type DigitAugment } from './augmentDigits';
import { PLAIN_STORAGE, type Storage } from './linearWasm';
import { parameterCount, unitCount, type Network } from './network';
import type { MLPOptimizer } from './types';
import { checkVqOption, vqParameterCount, vqWorkPerSample, type VqOption, type VqShape } from './vqLayer';
import { checkConvOption, convFeatures, convParameterCount, convWork, type ConvShape } from './convLayer';
import { paramRangeError, paramTypeError } from '../refusal';

type Obj = Record<string, unknown>;

function object(name: string, value: unknown, what: string): Obj {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw paramTypeError(name, `${name} must be an object ${what}; received ${describe(value)}`);
  }
  return value as Obj;
}

function list(name: string, value: unknown, what: string): unknown[] {
  if (!Array.isArray(value)) throw paramTypeError(name, `${name} must be an array of ${what}; received ${describe(value)}`);
  return value;
}

function numbers(name: string, value: unknown, length: number, what: string): ArrayLike<unknown> {
  if (!isArrayLike(value)) throw paramTypeError(name, `${name} must be an array of ${length} numbers; received ${describe(value)}`);
  if (value.length !== length) {
    throw paramRangeError(name, `${name} must have length ${length} (${what}); received length ${value.length}`);
  }
  return value;
}

function bool(name: string, value: unknown): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw paramTypeError(name, `${name} must be a boolean; received ${describe(value)}`);
  return value;
}

/** Copies `length` finite numbers from an array-like into out[at…]. */
function copyFinite(name: string, src: ArrayLike<unknown>, out: Float64Array, at: number): void {
  for (let i = 0; i < src.length; i++) {
    const v = src[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) finite(`${name}[${i}]`, v);
    out[at + i] = v as number;
  }
}

/**
 * Copies `rows` rows of exactly `width` finite numbers each into out (row-major), as `numbers` and
 * `copyFinite` row by row would, with the same errors: `name(i)` names row i, called only to throw.
 */
function copyRows(
  name: (i: number) => string, rows: ArrayLike<unknown>, count: number, width: number, what: string, out: Float64Array,
): void {
  for (let i = 0; i < count; i++) {
    const row = rows[i];
    if (!isArrayLike(row) || row.length !== width) numbers(name(i), row, width, what);
    const r = row as ArrayLike<unknown>;
    const at = i * width;
    for (let j = 0; j < width; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) finite(`${name(i)}[${j}]`, v);
      out[at + j] = v as number;
    }
  }
}

// ---- the network -------------------------------------------------------------------------------

/**
 * The widths of `model` (input first) from its lengths alone: layers, rows, the first row of each
 * weight matrix, the biases, and that each layer's inputs are the previous layer's outputs.
 */
export function modelSizes(name: string, model: unknown, batchNorm: boolean, conv: ConvShape | null = null): number[] {
  const m = object(name, model, '{ weights, biases }');
  const weights = list(`${name}.weights`, m.weights, 'layers (out × in matrices)');
  if (weights.length < 1 || weights.length > MLP_MAX_LAYERS) {
    throw paramRangeError(`${name}.weights`, `${name}.weights must have between 1 and ${MLP_MAX_LAYERS} layers; received length ${weights.length}`);
  }
  const biases = list(`${name}.biases`, m.biases, 'bias vectors');
  if (biases.length !== weights.length) {
    throw paramRangeError(`${name}.biases`, `${name}.biases must have one vector per layer (length ${weights.length}); received length ${biases.length}`);
  }
  const sizes: number[] = [];
  weights.forEach((w, l) => {
    const rows = list(`${name}.weights[${l}]`, w, 'rows (one per output unit)');
    if (rows.length < 1 || rows.length > MLP_MAX_WIDTH) {
      throw paramRangeError(`${name}.weights[${l}]`, `${name}.weights[${l}] must have between 1 and ${MLP_MAX_WIDTH} rows (output units); received ${rows.length}`);
    }
    const first = rows[0];
    if (!isArrayLike(first)) {
      throw paramTypeError(`${name}.weights[${l}][0]`, `${name}.weights[${l}][0] must be an array of numbers; received ${describe(first)}`);
    }
    if (l === 0) {
      if (first.length < 1 || first.length > MLP_MAX_WIDTH) {
        throw paramRangeError(`${name}.weights[0][0]`, `${name}.weights[0][0] must have between 1 and ${MLP_MAX_WIDTH} entries (input features); received length ${first.length}`);
      }
      // With a conv front end, layer 0 reads its flattened output (convLayer.ts).
      if (conv !== null && first.length !== convFeatures(conv)) {
        throw paramRangeError(
          `${name}.weights[0][0]`,
          `${name}.weights[0][0] must have length ${convFeatures(conv)} (the conv's ${conv.channels}×${9 - conv.kernel}×${9 - conv.kernel} outputs, flattened); received length ${first.length}`,
        );
      }
      sizes.push(first.length);
    } else if (first.length !== sizes[l]) {
      throw paramRangeError(
        `${name}.weights[${l}][0]`,
        `${name}.weights[${l}][0] must have length ${sizes[l]} (the outputs of layer ${l - 1}); received length ${first.length}`,
      );
    }
    sizes.push(rows.length);
    const b = biases[l];
    if (!isArrayLike(b)) throw paramTypeError(`${name}.biases[${l}]`, `${name}.biases[${l}] must be an array of ${rows.length} numbers; received ${describe(b)}`);
    if (b.length !== rows.length) {
      throw paramRangeError(`${name}.biases[${l}]`, `${name}.biases[${l}] must have length ${rows.length} (the rows of weights[${l}]); received length ${b.length}`);
    }
  });
  const params = parameterCount(sizes, batchNorm) + convParameterCount(conv);
  if (params > MLP_MAX_PARAMETERS) {
    throw paramRangeError('the network', `the network must have at most ${MLP_MAX_PARAMETERS} parameters; received ${params}`);
  }
  return sizes;
}

/** Copies and checks every weight and bias (and, for a trained model, its BN states) into `net`. */
export function loadModelChecked(name: string, model: unknown, net: Network, withBatchNormState: boolean): void {
  const m = model as Obj;
  const weights = m.weights as unknown[];
  const biases = m.biases as unknown[];
  net.layers.forEach((layer, l) => {
    copyRows((o) => `${name}.weights[${l}][${o}]`, weights[l] as unknown[], layer.outputs, layer.inputs, 'like row 0', layer.w);
    copyFinite(`${name}.biases[${l}]`, biases[l] as ArrayLike<unknown>, layer.b, 0);
  });
  if (!withBatchNormState) return;
  const states = list(`${name}.batchNorm`, m.batchNorm, 'BN states { gamma, beta, runningMean, runningVar }');
  const hidden = net.layers.length - 1;
  if (states.length !== hidden) {
    throw paramRangeError(`${name}.batchNorm`, `${name}.batchNorm must have one state per hidden layer (length ${hidden}); received length ${states.length}`);
  }
  states.forEach((state, l) => {
    const where = `${name}.batchNorm[${l}]`;
    const s = object(where, state, '{ gamma, beta, runningMean, runningVar }');
    const bn = net.layers[l]!.bn!;
    const width = net.layers[l]!.outputs;
    for (const key of ['gamma', 'beta', 'runningMean', 'runningVar'] as const) {
      const v = numbers(`${where}.${key}`, s[key], width, `the units of layer ${l}`);
      copyFinite(`${where}.${key}`, v, bn[key], 0);
    }
    bn.runningVar.forEach((v, i) => atLeast(`${where}.runningVar[${i}]`, v, 0));
  });
}

// ---- data --------------------------------------------------------------------------------------

/** The row count of a data set { x, y }, from lengths alone. */
export function dataRows(name: string, data: unknown, inputs: number, minRows: number): number {
  const d = object(name, data, '{ x, y }');
  const x = list(`${name}.x`, d.x, 'rows of features');
  if (x.length < minRows) throw paramRangeError(`${name}.x`, `${name}.x must have at least ${minRows} row; received ${x.length} rows`);
  if (x.length * inputs > MLP_MAX_DATA_VALUES) {
    throw paramRangeError(`${name}.x`, `${name}.x must have at most ${MLP_MAX_DATA_VALUES} values (rows × features); received ${x.length}×${inputs}`);
  }
  if (!isArrayLike(d.y)) throw paramTypeError(`${name}.y`, `${name}.y must be an array of class indices; received ${describe(d.y)}`);
  if (d.y.length !== x.length) {
    throw paramRangeError(`${name}.y`, `${name}.y must have one label per row of ${name}.x (length ${x.length}); received length ${d.y.length}`);
  }
  return x.length;
}

export interface FlatData {
  n: number;
  x: Float64Array;
  y: Int32Array;
}

/**
 * Reads rows (each exactly `inputs` finite numbers) and labels (integers in [0, classes − 1]); the
 * rows go into the call's buffers (`alloc`: no large allocation per call).
 */
export function loadData(
  name: string, data: unknown, inputs: number, classes: number, alloc: Storage = PLAIN_STORAGE,
): FlatData {
  const d = data as Obj;
  const rows = d.x as unknown[];
  const labels = d.y as ArrayLike<unknown>;
  const n = rows.length;
  const x = alloc.f64(n * inputs);
  const y = new Int32Array(n);
  copyData(name, rows, labels, n, inputs, classes, x, y);
  return { n, x, y };
}

/**
 * loadData's loop, on its own: V8 optimizes it while it runs (on-stack replacement), and code after
 * such a loop that has not run yet (the result object) would make that optimized code bail out on
 * every call — so the loop's function has nothing after it.
 */
function copyData(
  name: string, rows: unknown[], labels: ArrayLike<unknown>, n: number, inputs: number, classes: number, x: Float64Array, y: Int32Array,
): void {
  // Row i's shape, its values, then label i — the order (and so the first error) of numbers/copyFinite/integer.
  for (let i = 0; i < n; i++) {
    const row = rows[i];
    if (!isArrayLike(row) || row.length !== inputs) numbers(`${name}.x[${i}]`, row, inputs, 'the input width of weights[0]');
    const r = row as ArrayLike<unknown>;
    const at = i * inputs;
    for (let j = 0; j < inputs; j++) {
      const v = r[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) finite(`${name}.x[${i}][${j}]`, v);
      x[at + j] = v as number;
    }
    const label = labels[i];
    // the fast path of `integer`: a finite integer in range (else `integer` throws its message)
    if (typeof label !== 'number' || !Number.isInteger(label) || label < 0 || label > classes - 1) {
      integer(`${name}.y[${i}]`, label, 0, classes - 1);
    }
    y[i] = label as number;
  }
}

/** Reads rows for prediction (no labels), into the call's buffers. */
export function loadRows(
  name: string, value: unknown, inputs: number, alloc: Storage = PLAIN_STORAGE,
): Float64Array {
  const rows = list(name, value, 'rows of features');
  if (rows.length * inputs > MLP_MAX_DATA_VALUES) {
    throw paramRangeError(name, `${name} must have at most ${MLP_MAX_DATA_VALUES} values (rows × features); received ${rows.length}×${inputs}`);
  }
  const x = alloc.f64(rows.length * inputs);
  copyRows((i) => `${name}[${i}]`, rows, rows.length, inputs, 'the input width of weights[0]', x);
  return x;
}

/** A network as the parameter count and the work bound see it: Linear widths, BN, the conv front end, the VQ bottleneck. */
export interface NetworkShape {
  sizes: readonly number[];
  batchNorm: boolean;
  conv: ConvShape | null;
  vq: VqShape | null;
}

/** Trainable parameters: the Linear layers, BN's γ and β, the conv front end's filters and biases, the codebook. */
export function networkParameterCount(shape: NetworkShape): number {
  return parameterCount(shape.sizes, shape.batchNorm) + convParameterCount(shape.conv) + vqParameterCount(shape.vq);
}

/**
 * What one sample costs in one epoch, for the work bound: parameters + units, plus the conv's
 * multiply-adds and input pixels and the VQ's distances (convWork, vqWorkPerSample). The lab bounds
 * its runs by this same number (src/lib/lab/setting.ts), so it refuses exactly what the trainer would.
 */
export function workPerSample(shape: NetworkShape): number {
  // vqWorkPerSample counts the codebook's parameters with its distances
  return parameterCount(shape.sizes, shape.batchNorm) + unitCount(shape.sizes) + convParameterCount(shape.conv) + convWork(shape.conv) + vqWorkPerSample(shape.vq);
}

/** epochs × samples × workPerSample(shape) ≤ MLP_MAX_WORK (see limits.ts). */
export function checkWork(epochs: number, samples: number, shape: NetworkShape): void {
  const perSample = workPerSample(shape);
  const work = epochs * samples * perSample;
  if (work > MLP_MAX_WORK) {
    throw paramRangeError(
      'epochs',
      `epochs × samples × (parameters + units) must be ≤ ${MLP_MAX_WORK} (about that many multiply-adds; more would freeze the tab); received ${epochs} × ${samples} × ${perSample} = ${work.toPrecision(3)}`,
    );
  }
}

// ---- options -----------------------------------------------------------------------------------

export interface TrainConfig {
  epochs: number;
  batchSize: number;
  lr: number;
  optimizer: MLPOptimizer;
  momentum: number;
  weightDecay: number;
  l1: number;
  l2: number;
  labelSmoothing: number;
  batchNorm: boolean;
  fgsm: { eps: number; alpha: number } | null;
  seed: number;
  dropout: number;
  /** `augment`'s strengths (null when absent; see augmentDigits.ts). */
  augment: DigitAugment | null;
  earlyStopping: { patience: number; minDelta: number; restoreBest: boolean } | null;
  evaluateTraining: boolean;
  onEpoch: ((epochsDone: number, epochs: number) => void) | null;
  /** `vq`'s scalars (null when absent; the layer and the codebook are checked against the widths: vqLayer.ts). */
  vq: VqOption | null;
  /** `conv`'s shape (null when absent; init.conv is checked against it: convLayer.ts). */
  conv: ConvShape | null;
}

const OPTIMIZERS: readonly MLPOptimizer[] = ['sgd', 'adam', 'adamw'];

/** Every scalar option, with its default; `order` and `validation` are read once the data is known. */
export function checkOptions(opts: unknown): TrainConfig & { raw: Obj } {
  const o = object('opts', opts, '{ epochs, batchSize, lr, … }');
  const optimizer = o.optimizer ?? 'sgd';
  if (typeof optimizer !== 'string') {
    throw paramTypeError('optimizer', `optimizer must be "sgd", "adam" or "adamw"; received ${describe(optimizer)}`);
  }
  if (!OPTIMIZERS.includes(optimizer as MLPOptimizer)) {
    throw paramRangeError('optimizer', `optimizer must be "sgd", "adam" or "adamw"; received ${describe(optimizer)}`);
  }
  const momentum = inRange('momentum', o.momentum ?? 0, 0, 1);
  if (momentum !== 0 && optimizer !== 'sgd') {
    throw paramRangeError(
      'momentum',
      `momentum must be 0 with optimizer "${optimizer}" (it is SGD's; Adam uses betas 0.9, 0.999); received ${describe(momentum)}`,
    );
  }
  let fgsm: TrainConfig['fgsm'] = null;
  if (o.fgsm !== undefined) {
    const f = object('fgsm', o.fgsm, '{ eps, alpha }');
    fgsm = { eps: atLeast('fgsm.eps', f.eps, 0), alpha: inRange('fgsm.alpha', f.alpha, 0, 1) };
  }
  let earlyStopping: TrainConfig['earlyStopping'] = null;
  if (o.earlyStopping !== undefined) {
    const e = object('earlyStopping', o.earlyStopping, '{ patience, minDelta?, restoreBest? }');
    earlyStopping = {
      patience: integer('earlyStopping.patience', e.patience, 0),
      minDelta: Math.abs(finite('earlyStopping.minDelta', e.minDelta ?? 0)),
      restoreBest: bool('earlyStopping.restoreBest', e.restoreBest),
    };
    if (o.validation === undefined) {
      throw paramTypeError('validation', 'validation must be given with earlyStopping (it monitors the validation loss); received undefined');
    }
  }
  return {
    raw: o,
    epochs: integer('epochs', o.epochs, 0, MLP_MAX_EPOCHS),
    batchSize: integer('batchSize', o.batchSize, 1),
    lr: atLeast('lr', o.lr, 0),
    optimizer: optimizer as MLPOptimizer,
    momentum,
    weightDecay: atLeast('weightDecay', o.weightDecay ?? 0, 0),
    l1: atLeast('l1', o.l1 ?? 0, 0),
    l2: atLeast('l2', o.l2 ?? 0, 0),
    labelSmoothing: inRange('labelSmoothing', o.labelSmoothing ?? 0, 0, 1),
    batchNorm: bool('batchNorm', o.batchNorm),
    fgsm,
    seed: integer('seed', o.seed ?? 0, 0, 2 ** 32 - 1),
    dropout: inRange('dropout', o.dropout ?? 0, 0, 1),
    augment: checkDigitAugment('augment', o.augment),
    earlyStopping,
    evaluateTraining: bool('evaluateTraining', o.evaluateTraining),
    onEpoch: callback('onEpoch', o.onEpoch),
    vq: checkVqOption(o.vq),
    conv: checkConvOption(o.conv),
  };
}

/** An optional function option. */
function callback(name: string, value: unknown): ((epochsDone: number, epochs: number) => void) | null {
  if (value === undefined) return null;
  if (typeof value !== 'function') throw paramTypeError(name, `${name} must be a function (epochsDone, epochs) => void; received ${describe(value)}`);
  return value as (epochsDone: number, epochs: number) => void;
}

/**
 * BatchNorm1d cannot normalize a batch of one row (torch: "Expected more than 1 value per channel
 * when training"), so with batch norm no batch of an epoch may have a single row.
 */
export function checkBatchNormBatches(n: number, batchSize: number): void {
  // Batches of min(batchSize, n) rows, then a last one of n mod batchSize (when not 0).
  if (Math.min(batchSize, n) === 1 || n % batchSize === 1) {
    throw paramRangeError(
      'batchSize',
      `batchSize must leave no batch of 1 row with batchNorm (torch raises "Expected more than 1 value per channel when training"); received batchSize ${batchSize} for ${n} rows`,
    );
  }
}

/** order: one permutation of 0..n−1 per epoch. */
export function loadOrder(value: unknown, epochs: number, n: number): Int32Array[] {
  const orders = list('order', value, 'permutations (one per epoch)');
  if (orders.length !== epochs) {
    throw paramRangeError('order', `order must have one permutation per epoch (length ${epochs}); received length ${orders.length}`);
  }
  const seen = new Int32Array(n).fill(-1);
  return orders.map((perm, e) => {
    const p = numbers(`order[${e}]`, perm, n, `a permutation of 0..${n - 1}`);
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const v = p[i];
      // the fast path of `integer` (else it throws its message)
      const k = typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= n - 1 ? v : integer(`order[${e}][${i}]`, v, 0, n - 1);
      if (seen[k] === e) {
        throw paramRangeError(`order[${e}]`, `order[${e}] must be a permutation of 0..${n - 1} (each index once); received ${k} twice`);
      }
      seen[k] = e;
      out[i] = k;
    }
    return out;
  });
}
