/**
 * Adversarial training of a logistic regression on seeded 2-D two-class data, built on `fgsm.ts`.
 *
 * Data: class y ∈ {0, 1}, s = 2y − 1; each point is x = s·mean + std ⊙ n with n standard normal
 * (mulberry32 + Box–Muller from `random.ts`), classes interleaved (y = 0, 1, 0, 1, …). The default
 * shape has two kinds of evidence: feature 1 separates the classes by a wide but noisy gap, feature
 * 2 by a narrow but clean one. A plain model leans on feature 2; an ε-sized push closes that gap.
 *
 * Training: full-batch gradient descent from w = 0, b = 0 on the mean binary cross-entropy
 *   objective = α·mean J(x) + (1 − α)·mean J(x_adv),   x_adv = x + ε·sign(∇ₓJ)
 * with x_adv recomputed from the current model at every step and treated as a constant (PyTorch:
 * `.detach()`), as in Goodfellow et al. (2015). α = 1 (or ε = 0) is ordinary training.
 *
 * For a linear model FGSM is the exact worst case in the L∞ ball: a correctly classified point
 * survives every perturbation with ‖δ‖∞ ≤ ε iff s·z > ε·‖w‖₁ (see `flipEpsilon`).
 */
import { bceWithLogits, fgsm, type LogisticModel } from './fgsm';
import { createRng } from './random';
import { atLeast, describe, finite, finiteResult, inRange, integer, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

export interface Dataset {
  /** Points, one [x₁, x₂, …] per row. */
  x: number[][];
  /** Labels 0 or 1, one per point. */
  y: (0 | 1)[];
}

export interface TwoClassShape {
  /** Class 1 is centred at +mean, class 0 at −mean. */
  mean: readonly number[];
  /** Standard deviation of each coordinate. */
  std: readonly number[];
}

/** The default shape: a wide noisy gap on feature 1, a narrow clean gap on feature 2. */
export const TWO_CLASS_SHAPE: TwoClassShape = { mean: [1, 0.2], std: [0.6, 0.1] };

/** Largest number of points per class accepted (keeps a URL from asking for unbounded work). */
export const MAX_POINTS_PER_CLASS = 1000;
/** Largest number of gradient steps accepted. */
export const MAX_TRAIN_STEPS = 5000;

/** A checked `TwoClassShape`: 1 to 16 means, as many standard deviations ≥ 0 (also adversarialExpected.ts's). */
export function checkTwoClassShape(shape: unknown): { mean: number[]; std: number[] } {
  if (typeof shape !== 'object' || shape === null) {
    throw paramTypeError('shape', `shape must be an object { mean, std }; received ${describe(shape)}`);
  }
  const s = shape as Partial<TwoClassShape>;
  const mean = vector('shape.mean', s.mean, 1, 16);
  const std = vector('shape.std', s.std, mean.length, mean.length);
  std.forEach((v, i) => atLeast(`shape.std[${i}]`, v, 0));
  return { mean, std };
}

/**
 * Seeded train and test sets from one stream: the training points are drawn first, then the test
 * points, each as pairs (class 0, class 1) so both classes always have the same size.
 */
export function twoClassSplit(
  seed: number,
  trainPerClass: number,
  testPerClass: number,
  shape: TwoClassShape = TWO_CLASS_SHAPE,
): { train: Dataset; test: Dataset } {
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  const nTrain = integer('trainPerClass', trainPerClass, 1, MAX_POINTS_PER_CLASS);
  const nTest = integer('testPerClass', testPerClass, 0, MAX_POINTS_PER_CLASS);
  const { mean, std } = checkTwoClassShape(shape);
  const draw = (n: number): Dataset => {
    const out: Dataset = { x: [], y: [] };
    for (let i = 0; i < n; i++) {
      for (const y of [0, 1] as const) {
        const s = 2 * y - 1;
        out.x.push(mean.map((m, j) => s * m + std[j]! * rng.normal()));
        out.y.push(y);
      }
    }
    return out;
  };
  const train = draw(nTrain);
  const test = draw(nTest);
  return finiteResult('twoClassSplit', { train, test });
}

function checkData(name: string, data: unknown, minPoints = 1): { x: number[][]; y: (0 | 1)[]; dim: number } {
  if (typeof data !== 'object' || data === null) {
    throw paramTypeError(name, `${name} must be an object { x, y }; received ${describe(data)}`);
  }
  const d = data as Partial<Dataset>;
  if (!Array.isArray(d.x)) throw paramTypeError(`${name}.x`, `${name}.x must be an array of points; received ${describe(d.x)}`);
  if (!Array.isArray(d.y)) throw paramTypeError(`${name}.y`, `${name}.y must be an array of labels; received ${describe(d.y)}`);
  if (d.x.length < minPoints) throw paramRangeError(name, `${name} must have ≥ ${minPoints} points; received ${d.x.length}`);
  if (d.y.length !== d.x.length) {
    throw paramRangeError(`${name}.y`, `${name}.y must have the same length as ${name}.x (${d.x.length}); received length ${d.y.length}`);
  }
  const dim = d.x.length > 0 ? vector(`${name}.x[0]`, d.x[0], 1).length : 0;
  d.x.forEach((p, i) => vector(`${name}.x[${i}]`, p, dim, dim));
  d.y.forEach((v, i) => {
    if (v !== 0 && v !== 1) throw paramRangeError(`${name}.y[${i}]`, `${name}.y[${i}] must be 0 or 1; received ${describe(v)}`);
  });
  return { x: d.x, y: d.y, dim };
}

function checkModel(model: unknown, dim: number): { w: number[]; b: number } {
  if (typeof model !== 'object' || model === null) {
    throw paramTypeError('model', `model must be an object { w, b }; received ${describe(model)}`);
  }
  const m = model as Partial<LogisticModel>;
  return { w: vector('model.w', m.w, dim, dim), b: finite('model.b', m.b) };
}

export interface TrainOptions {
  /** Gradient steps (full batch), 0 to MAX_TRAIN_STEPS. */
  steps: number;
  /** Learning rate > 0. */
  lr: number;
  /** FGSM step used while training, ≥ 0. */
  eps: number;
  /** Weight of the clean loss, in [0, 1]; 1 is ordinary training. */
  alpha: number;
}

export interface TrainResult {
  model: { w: number[]; b: number };
  /** The objective α·mean J(x) + (1 − α)·mean J(x_adv) before each step, then after the last one. */
  objective: number[];
}

const diverged = (lr: number, step: number) =>
  paramRangeError('lr', `lr must be small enough for training to stay finite; received ${describe(lr)} (diverged at step ${step})`);

/** Mean objective and its gradient with respect to (w, b) at one model; null once a logit overflows. */
function objectiveAndGradient(
  x: number[][], y: (0 | 1)[], w: number[], b: number, eps: number, alpha: number,
): { value: number; gw: number[]; gb: number } | null {
  const n = x.length;
  const dim = w.length;
  const gw = new Array<number>(dim).fill(0);
  let gb = 0;
  let clean = 0;
  let adv = 0;
  const xa = new Array<number>(dim);
  for (let i = 0; i < n; i++) {
    const xi = x[i]!;
    const yi = y[i]!;
    let z = b;
    for (let j = 0; j < dim; j++) z += w[j]! * xi[j]!;
    if (!Number.isFinite(z)) return null;
    // σ(z) − y and the loss share one exp(−|z|): the stable formulas of `sigmoid` and
    // `bceWithLogits` (fgsm.ts), inlined without per-call validation in this hot loop.
    const e = Math.exp(-Math.abs(z));
    const g = (z >= 0 ? 1 / (1 + e) : e / (1 + e)) - yi;
    clean += Math.max(z, 0) - z * yi + Math.log1p(e);
    for (let j = 0; j < dim; j++) gw[j]! += (alpha * g * xi[j]!) / n;
    gb += (alpha * g) / n;
    if (alpha === 1) continue;
    // x_adv = x + ε·sign(∇ₓJ), ∇ₓJ = (σ(z) − y)·w (the 1/n of the mean does not change the sign).
    let za = b;
    for (let j = 0; j < dim; j++) {
      xa[j] = xi[j]! + eps * Math.sign(g * w[j]!);
      za += w[j]! * xa[j]!;
    }
    if (!Number.isFinite(za)) return null;
    const ea = Math.exp(-Math.abs(za));
    const ga = (za >= 0 ? 1 / (1 + ea) : ea / (1 + ea)) - yi;
    adv += Math.max(za, 0) - za * yi + Math.log1p(ea);
    for (let j = 0; j < dim; j++) gw[j]! += ((1 - alpha) * ga * xa[j]!) / n;
    gb += ((1 - alpha) * ga) / n;
  }
  const value = alpha === 1 ? clean / n : (alpha * clean) / n + ((1 - alpha) * adv) / n;
  return { value, gw, gb };
}

/** Full-batch gradient descent from w = 0, b = 0 on the (adversarial) objective. */
export function trainLogistic(data: Dataset, opts: TrainOptions): TrainResult {
  const { x, y, dim } = checkData('data', data);
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  const steps = integer('steps', opts.steps, 0, MAX_TRAIN_STEPS);
  const lr = finite('lr', opts.lr);
  if (!(lr > 0)) throw paramRangeError('lr', `lr must be > 0; received ${describe(lr)}`);
  const eps = atLeast('eps', opts.eps, 0);
  const alpha = inRange('alpha', opts.alpha, 0, 1);
  const w = new Array<number>(dim).fill(0);
  let b = 0;
  const objective: number[] = [];
  for (let t = 0; t <= steps; t++) {
    const step = objectiveAndGradient(x, y, w, b, eps, alpha);
    if (step === null || !Number.isFinite(step.value)) throw diverged(lr, t);
    const { value, gw, gb } = step;
    objective.push(value);
    if (t === steps) break;
    for (let j = 0; j < dim; j++) w[j] = w[j]! - lr * gw[j]!;
    b -= lr * gb;
  }
  if (!w.every(Number.isFinite) || !Number.isFinite(b)) throw diverged(lr, steps);
  return finiteResult('trainLogistic', { model: { w, b }, objective });
}

/** Predicted class: 1 where z = w·x + b > 0 (σ(z) > ½), else 0. */
export function predict(model: LogisticModel, x: ArrayLike<number>): 0 | 1 {
  const xs = vector('x', x, 1);
  const m = checkModel(model, xs.length);
  let z = m.b;
  for (let j = 0; j < xs.length; j++) z += m.w[j]! * xs[j]!;
  return z > 0 ? 1 : 0;
}

/** Every point moved by FGSM against `model` with step ε. */
export function fgsmDataset(model: LogisticModel, data: Dataset, eps: number): number[][] {
  const { x, y } = checkData('data', data);
  const e = atLeast('eps', eps, 0);
  return x.map((xi, i) => fgsm(xi, model, y[i]!, e));
}

/** Fraction of points still classified correctly after FGSM with step ε (ε = 0: clean accuracy). */
export function accuracyUnderFgsm(model: LogisticModel, data: Dataset, eps: number): number {
  const { y } = checkData('data', data);
  const moved = fgsmDataset(model, data, eps);
  let correct = 0;
  moved.forEach((xa, i) => {
    if (predict(model, xa) === y[i]) correct++;
  });
  return correct / y.length;
}

/** Mean binary cross-entropy of `model` on `data`. */
export function meanLoss(model: LogisticModel, data: Dataset): number {
  const { x, y } = checkData('data', data);
  let s = 0;
  x.forEach((xi, i) => (s += bceWithLogits(xi, model, y[i]!)));
  return finiteResult('meanLoss', s / x.length);
}

/**
 * The smallest ε at which FGSM (= the worst L∞ perturbation, for a linear model) flips the point:
 * s·z / ‖w‖₁ with s = 2y − 1. Negative or zero: the point is already misclassified.
 * Null when w = 0, or so close to 0 that the ratio overflows (no perturbation of any displayable
 * size changes the prediction).
 */
export function flipEpsilon(x: ArrayLike<number>, model: LogisticModel, y: 0 | 1): number | null {
  const xs = vector('x', x, 1);
  const m = checkModel(model, xs.length);
  if (y !== 0 && y !== 1) throw paramRangeError('y', `y must be 0 or 1; received ${describe(y)}`);
  const l1 = m.w.reduce((a, v) => a + Math.abs(v), 0);
  if (l1 === 0) return null;
  let z = m.b;
  for (let j = 0; j < xs.length; j++) z += m.w[j]! * xs[j]!;
  const e = ((2 * y - 1) * z) / l1;
  return Number.isFinite(e) ? e : null;
}

export interface Box {
  xMin: number;
  xMax: number;
  yMin: number;
  yMax: number;
}

/**
 * The part of the decision boundary w₁·u + w₂·v + b = 0 inside a box, as two end points, or null
 * when the line misses the box (or w = 0, where there is no line).
 */
export function boundarySegment(model: LogisticModel, box: Box): [[number, number], [number, number]] | null {
  const m = checkModel(model, 2);
  if (typeof box !== 'object' || box === null) throw paramTypeError('box', `box must be an object; received ${describe(box)}`);
  const xMin = finite('box.xMin', box.xMin);
  const xMax = finite('box.xMax', box.xMax);
  const yMin = finite('box.yMin', box.yMin);
  const yMax = finite('box.yMax', box.yMax);
  if (!(xMax > xMin)) throw paramRangeError('box.xMax', `box.xMax must be > box.xMin (${xMin}); received ${describe(xMax)}`);
  if (!(yMax > yMin)) throw paramRangeError('box.yMax', `box.yMax must be > box.yMin (${yMin}); received ${describe(yMax)}`);
  const [w1, w2] = m.w as [number, number];
  const pts: [number, number][] = [];
  const inside = (u: number, v: number) => u >= xMin - 1e-12 && u <= xMax + 1e-12 && v >= yMin - 1e-12 && v <= yMax + 1e-12;
  if (w2 !== 0) {
    for (const u of [xMin, xMax]) {
      const v = -(m.b + w1 * u) / w2;
      if (inside(u, v)) pts.push([u, v]);
    }
  }
  if (w1 !== 0) {
    for (const v of [yMin, yMax]) {
      const u = -(m.b + w2 * v) / w1;
      if (inside(u, v)) pts.push([u, v]);
    }
  }
  if (pts.length < 2) return null;
  // The two points farthest apart (corners can appear twice).
  let best: [[number, number], [number, number]] = [pts[0]!, pts[1]!];
  let bestD = -1;
  for (let i = 0; i < pts.length; i++) {
    for (let j = i + 1; j < pts.length; j++) {
      const d = (pts[i]![0] - pts[j]![0]) ** 2 + (pts[i]![1] - pts[j]![1]) ** 2;
      if (d > bestD) {
        bestD = d;
        best = [pts[i]!, pts[j]!];
      }
    }
  }
  return finiteResult('boundarySegment', best);
}
