/**
 * Accuracy under attack: FGSM (the fast gradient sign method, Goodfellow et al. 2015,
 * https://arxiv.org/abs/1412.6572) and PGD with an L∞ ball (Madry et al. 2018,
 * https://arxiv.org/abs/1706.06083) against a trained network, at several radii ε.
 *
 * Why: the lab plots accuracy against ε for a network trained adversarially (trainMLP's `fgsm`) and for
 * the baseline; the robustness adversarial training buys is the gap between those curves.
 *
 * Semantics, as scripts/fixtures/attack_mlp.py computes them in PyTorch float64 (equal at 1e-9):
 *  - everything in eval mode (torch's model.eval()), as evaluateMLP: no dropout, BatchNorm1d with its
 *    running statistics, a VQ bottleneck quantizing;
 *  - g = ∇ₓ mean F.cross_entropy(model(x), y) at the model's weights: plain cross-entropy (no label
 *    smoothing, no VQ loss), straight-through the VQ bottleneck (its gradient is the identity);
 *  - x_adv = clamp(x + ε·sign(g), 0, 1) with sign(0) = 0 (a pixel the loss does not depend on is left alone);
 *  - the eval-mode mean loss and accuracy (argmax, first index on ties) on x_adv.
 * g is computed once and serves every ε. ε = 0 gives evaluateMLP's numbers bit for bit when the pixels
 * lie in [0, 1] (the clamp is part of the attack, so pixels outside it are moved even then).
 *
 * PGD (pgdMLP, scripts/fixtures/attack_pgd.py, equal at 1e-9) repeats FGSM's step T times with a step
 * α, projecting onto the ε-box around x and clamping to [0, 1] after each; T = 1 with α = ε is FGSM
 * bit for bit (the projection min(max(x + ε·s, x − ε), x + ε) changes nothing in IEEE arithmetic).
 *
 * The backward pass is written here because mlp.ts's `backward` is the training one (BN's batch
 * statistics depend on every row); in eval mode each row's gradient depends on that row alone — BN is
 * then the affine map x·γ/√(running_var + eps) + b, whose input gradient is that per-feature scale —
 * so the data goes through in chunks of one workspace exactly as in evaluateFlat.
 */
import { createRng, type Rng } from '../random';
import { describe, finiteResult, inRange, integer, isArrayLike } from '../validate';
import { checkWork, dataRows, loadData, type FlatData } from './checkInputs';
import { BN_EPS } from './batchNormLayer';
import { checkImageRows, convBackward } from './convLayer';
import { evalWorkspace, networkOf, rowsOf } from './evaluate';
import { linearInputGradient, reluBackward } from './linear';
import { crossEntropyRows, emptySums, meanLoss, type LossSums } from './loss';
import { EVAL_MODE, forward, type Workspace } from './mlp';
import type { BatchNormParams, Network } from './network';
import type { MLPData, MLPEvaluation, MLPModel } from './types';
import { paramRangeError, paramTypeError } from '../refusal';

/** Most radii per call: each is one more eval-mode pass over the data. */
export const ATTACK_MAX_EPS = 16;
/** Most PGD steps per radius: each is one more forward and backward pass over the data. */
export const PGD_MAX_STEPS = 100;

/** What attackMLP returns: per ε of `eps` (in its order), the eval-mode loss and accuracy on x_adv. */
export interface MLPAttack {
  eps: number[];
  accuracies: number[];
  losses: number[];
}

/** One radius, named `name` in messages: a finite number in [0, 1] (a pixel's whole range). */
function radius(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw paramTypeError(name, `${name} must be a finite number in [0, 1]; received ${describe(value)}`);
  }
  return inRange(name, value, 0, 1);
}

function radii(value: unknown): number[] {
  if (!isArrayLike(value)) {
    throw paramTypeError('eps', `eps must be an array of 1 to ${ATTACK_MAX_EPS} numbers in [0, 1]; received ${describe(value)}`);
  }
  if (value.length < 1 || value.length > ATTACK_MAX_EPS) {
    throw paramRangeError('eps', `eps must have between 1 and ${ATTACK_MAX_EPS} entries (numbers in [0, 1]); received length ${value.length}`);
  }
  const out: number[] = [];
  for (let i = 0; i < value.length; i++) out.push(radius(`eps[${i}]`, value[i]));
  return out;
}

/** BN in eval mode is y = x·a + b per feature, a = γ/√(running_var + eps) (batchNormEval's a): ∂x = ∂y·a, in place. */
function batchNormEvalBackward(bn: BatchNormParams, d: Float64Array, rows: number, features: number): void {
  const { gamma, runningVar } = bn;
  for (let c = 0; c < features; c++) {
    const a = (1 / Math.sqrt(runningVar[c]! + BN_EPS)) * gamma[c]!;
    for (let i = 0; i < rows; i++) d[i * features + c]! *= a;
  }
}

/**
 * ∂L/∂x into ws.dx from ws.delta[last] (∂L/∂logits), through the eval-mode forward pass just run on
 * ws.x: Linear, then per hidden layer (in reverse) the VQ bottleneck (identity), ReLU, BN; the conv.
 */
function evalInputGradient(net: Network, ws: Workspace, rows: number): void {
  for (let l = net.layers.length - 1; l >= 0; l--) {
    const layer = net.layers[l]!;
    const dIn = l === 0 ? ws.dx0 : ws.delta[l - 1]!;
    linearInputGradient(ws.delta[l]!, layer.w, rows, layer.inputs, layer.outputs, dIn);
    if (l === 0) break;
    // The VQ bottleneck after layer l − 1 passes the gradient straight through: nothing to do.
    const prev = net.layers[l - 1]!;
    reluBackward(prev.bn !== null ? ws.normed[l - 1]! : ws.pre[l - 1]!, dIn, rows * layer.inputs);
    if (prev.bn !== null) batchNormEvalBackward(prev.bn, dIn, rows, layer.inputs);
  }
  // Its weight gradients go into net.grad too, which nothing here reads.
  if (net.conv !== null) convBackward(net.conv, ws.x, ws.convPre, ws.dx0, rows, ws.dx);
}

/**
 * g = ∇ₓ of the mean cross-entropy over all n rows into ws.dx, for the chunk of `rows` rows in ws.x
 * (labels in ws.labels): one eval-mode forward pass, then the backward one. FGSM's gradient and each
 * PGD step's.
 */
function inputGradient(net: Network, ws: Workspace, rows: number, k: number, n: number, discard: LossSums): void {
  // ∂(mean over all n rows)/∂logits = (softmax − onehot)/n: torch's gradient, not just its sign
  crossEntropyRows(forward(net, ws, rows, EVAL_MODE), rows, k, ws.labels, 0, discard, ws.delta[net.layers.length - 1]!, 1 / n);
  evalInputGradient(net, ws, rows);
}

/**
 * The attack on data already loaded: per chunk, one forward and backward pass for g, then one forward
 * pass per ε on x_adv; `visit` (fgsmInputs) sees each chunk's x_adv. Sums over rows in chunk order, as
 * evaluateFlat, so ε = 0 reproduces it.
 */
function attackFlat(
  net: Network, ws: Workspace, data: FlatData, eps: readonly number[],
  visit: ((xAdv: Float64Array, rows: number) => void) | null = null,
): MLPEvaluation[] {
  const inputs = net.inputs;
  const k = net.sizes[net.sizes.length - 1]!;
  const sums: LossSums[] = eps.map(() => emptySums());
  const discard = emptySums();
  for (let start = 0; start < data.n; start += ws.capacity) {
    const rows = Math.min(ws.capacity, data.n - start);
    const x = data.x.subarray(start * inputs, (start + rows) * inputs);
    ws.x.set(x);
    ws.labels.set(data.y.subarray(start, start + rows));
    inputGradient(net, ws, rows, k, data.n, discard);
    // forward never writes ws.dx, so g stays there for every ε of this chunk
    const dx = ws.dx;
    const count = rows * inputs;
    for (let e = 0; e < eps.length; e++) {
      const r = eps[e]!;
      const xa = ws.x;
      for (let i = 0; i < count; i++) {
        const v = x[i]! + r * Math.sign(dx[i]!);
        xa[i] = v < 0 ? 0 : v > 1 ? 1 : v;
      }
      if (visit !== null) visit(xa, rows);
      crossEntropyRows(forward(net, ws, rows, EVAL_MODE), rows, k, ws.labels, 0, sums[e]!, null, 0);
    }
  }
  return sums.map((s) => ({ loss: meanLoss(s, data.n, k, 0), accuracy: s.correct / data.n }));
}

/** Checks and loads model and data as evaluateMLP does (plus the attack's work bound); runs `body`; releases the buffers. */
function withAttack<T>(name: string, model: MLPModel, data: MLPData, passes: number, body: (net: Network, ws: Workspace, flat: FlatData) => T): T {
  const { net, buffers } = networkOf(model, rowsOf((data as { x?: unknown } | null | undefined)?.x));
  try {
    const n = dataRows('data', data, net.inputs, 1);
    // The gradient pass plus one pass per ε: counted as that many samples per row (as FGSM training counts two).
    checkWork(1, n * passes, net);
    if (net.conv !== null) checkImageRows('data.x', (data as MLPData).x);
    const flat = loadData('data', data, net.inputs, net.sizes[net.sizes.length - 1]!, buffers);
    return finiteResult(name, body(net, evalWorkspace(net, flat.n, buffers), flat));
  } finally {
    buffers.release();
  }
}

/**
 * FGSM at each ε in `eps`, at the model's weights, in eval mode (no dropout, BN running statistics,
 * VQ quantizing as in evaluateMLP): g = ∇ₓ mean F.cross_entropy(model(x), y) (plain CE, no smoothing,
 * no VQ loss; through the VQ bottleneck straight-through, i.e. identity), x_adv = clamp(x + ε·sign(g), 0, 1)
 * with sign(0) = 0, then the eval-mode loss and accuracy on x_adv. ε = 0 gives evaluateMLP's numbers.
 */
export function attackMLP(model: MLPModel, data: MLPData, eps: readonly number[]): MLPAttack {
  const radiiOf = radii(eps);
  const results = withAttack('attackMLP', model, data, radiiOf.length + 1, (net, ws, flat) => attackFlat(net, ws, flat, radiiOf));
  return { eps: radiiOf, accuracies: results.map((r) => r.accuracy), losses: results.map((r) => r.loss) };
}

/** The adversarial rows x_adv = clamp(x + ε·sign(g), 0, 1) of attackMLP at one ε (e.g. to show or predict them). */
export function fgsmInputs(model: MLPModel, data: MLPData, eps: number): number[][] {
  const r = radius('eps', eps);
  const out: number[][] = [];
  withAttack('fgsmInputs', model, data, 2, (net, ws, flat) => {
    const inputs = net.inputs;
    attackFlat(net, ws, flat, [r], (xAdv, rows) => {
      for (let i = 0; i < rows; i++) out.push(Array.from(xAdv.subarray(i * inputs, (i + 1) * inputs)));
    });
    return out;
  });
  return out;
}

// ---- PGD ---------------------------------------------------------------------------------------

/** pgdMLP's options: T steps of size α, from x or (randomStart) from a seeded point of the ε-box. */
export interface MLPPgdOptions {
  /** T, the number of steps: an integer in [1, PGD_MAX_STEPS]. */
  steps: number;
  /** α, the step in every coordinate: a number in [0, 1] (the same for every ε of the call). */
  stepSize: number;
  /** Start from clamp(x + u, 0, 1) with u uniform in [−ε, ε) per coordinate (Madry et al.'s random start); default false: x⁰ = x. */
  randomStart?: boolean;
  /** Seed of the random start's createRng, an integer in [0, 2³²) (default 0); ignored without randomStart. */
  seed?: number;
}

/** What pgdMLP returns: attackMLP's fields plus the options used. */
export interface MLPPgdAttack extends MLPAttack {
  steps: number;
  stepSize: number;
  randomStart: boolean;
  seed: number;
}

interface PgdConfig {
  steps: number;
  stepSize: number;
  randomStart: boolean;
  seed: number;
}

function pgdConfig(opts: unknown): PgdConfig {
  if (typeof opts !== 'object' || opts === null) {
    throw paramTypeError('opts', `opts must be an object { steps, stepSize, randomStart?, seed? }; received ${describe(opts)}`);
  }
  const o = opts as Partial<Record<keyof MLPPgdOptions, unknown>>;
  const steps = integer('steps', o.steps, 1, PGD_MAX_STEPS);
  const stepSize = radius('stepSize', o.stepSize);
  if (o.randomStart !== undefined && typeof o.randomStart !== 'boolean') {
    throw paramTypeError('randomStart', `randomStart must be true or false; received ${describe(o.randomStart)}`);
  }
  const seed = o.seed === undefined ? 0 : integer('seed', o.seed, 0, 2 ** 32 - 1);
  return { steps, stepSize, randomStart: o.randomStart === true, seed };
}

/**
 * PGD on data already loaded, radius by radius (each in its own pass over the chunks, so a random
 * start draws its numbers in the order ε, row, pixel whatever the chunk size): x⁰ = x (or the random
 * start), then T times g = ∇ₓL(xᵗ) and xᵗ⁺¹ = clamp(min(max(xᵗ + α·sign(g), x − ε), x + ε), 0, 1),
 * then one eval-mode pass on x^T. Sums over rows in chunk order, as attackFlat.
 */
function pgdFlat(
  net: Network, ws: Workspace, data: FlatData, eps: readonly number[], cfg: PgdConfig,
  visit: ((xAdv: Float64Array, rows: number, e: number) => void) | null = null,
): MLPEvaluation[] {
  const inputs = net.inputs;
  const k = net.sizes[net.sizes.length - 1]!;
  const discard = emptySums();
  const rng: Rng | null = cfg.randomStart ? createRng(cfg.seed) : null;
  const a = cfg.stepSize;
  return eps.map((r, e) => {
    const sums = emptySums();
    for (let start = 0; start < data.n; start += ws.capacity) {
      const rows = Math.min(ws.capacity, data.n - start);
      const count = rows * inputs;
      const x = data.x.subarray(start * inputs, (start + rows) * inputs);
      const xa = ws.x; // xᵗ lives where forward reads it; forward and the backward pass never write it
      if (rng === null) xa.set(x);
      else {
        for (let i = 0; i < count; i++) {
          const v = x[i]! + rng.uniform(-r, r);
          xa[i] = v < 0 ? 0 : v > 1 ? 1 : v;
        }
      }
      ws.labels.set(data.y.subarray(start, start + rows));
      for (let t = 0; t < cfg.steps; t++) {
        inputGradient(net, ws, rows, k, data.n, discard);
        const dx = ws.dx;
        for (let i = 0; i < count; i++) {
          const xi = x[i]!;
          let v = xa[i]! + a * Math.sign(dx[i]!);
          const lo = xi - r;
          const hi = xi + r;
          v = v < lo ? lo : v > hi ? hi : v;
          xa[i] = v < 0 ? 0 : v > 1 ? 1 : v;
        }
      }
      if (visit !== null) visit(xa, rows, e);
      crossEntropyRows(forward(net, ws, rows, EVAL_MODE), rows, k, ws.labels, 0, sums, null, 0);
    }
    return { loss: meanLoss(sums, data.n, k, 0), accuracy: sums.correct / data.n };
  });
}

/**
 * PGD with an L∞ ball (projected gradient descent on the negative loss, Madry et al. 2018,
 * https://arxiv.org/abs/1706.06083) at each ε in `eps`, in eval mode as attackMLP: x⁰ = x (or, with
 * `randomStart`, clamp(x + u, 0, 1), u uniform in [−ε, ε) from createRng(seed)), then T times
 * xᵗ⁺¹ = clamp(Π_{‖·−x‖∞≤ε}(xᵗ + α·sign(∇ₓL(xᵗ))), 0, 1) with L attackMLP's mean cross-entropy and
 * sign(0) = 0, the projection min(max(·, x − ε), x + ε); then the eval-mode loss and accuracy on x^T.
 * T = 1 and α = ε is attackMLP's FGSM, bit for bit (without random start).
 */
export function pgdMLP(model: MLPModel, data: MLPData, eps: readonly number[], opts: MLPPgdOptions): MLPPgdAttack {
  const radiiOf = radii(eps);
  const cfg = pgdConfig(opts);
  const results = withAttack('pgdMLP', model, data, radiiOf.length * (cfg.steps + 1), (net, ws, flat) => pgdFlat(net, ws, flat, radiiOf, cfg));
  return { eps: radiiOf, accuracies: results.map((r) => r.accuracy), losses: results.map((r) => r.loss), ...cfg };
}

/** The adversarial rows x^T of pgdMLP at one ε (e.g. to show or predict them). */
export function pgdInputs(model: MLPModel, data: MLPData, eps: number, opts: MLPPgdOptions): number[][] {
  const r = radius('eps', eps);
  const cfg = pgdConfig(opts);
  const out: number[][] = [];
  withAttack('pgdInputs', model, data, cfg.steps + 1, (net, ws, flat) => {
    const inputs = net.inputs;
    pgdFlat(net, ws, flat, [r], cfg, (xAdv, rows) => {
      for (let i = 0; i < rows; i++) out.push(Array.from(xAdv.subarray(i * inputs, (i + 1) * inputs)));
    });
    return out;
  });
  return out;
}
