/**
 * A small, fully deterministic training run for the early-stopping page: a noisy 1-D data set
 * (y = sin(πx) + noise), a polynomial model, and full-batch gradient descent on the mean squared
 * error, recording the training and validation loss and the weights after every epoch.
 *
 * Model: f(x) = Σⱼ wⱼ·Pⱼ(x), j = 0…degree, with Pⱼ the Legendre polynomials (the same functions as
 * 1, x, …, x^degree, in a basis that is orthogonal on [−1, 1]). In the monomial basis the features
 * are so correlated that gradient descent needs millions of steps to reach the high-degree terms;
 * in the Legendre basis it overfits within a few hundred, which is what the page wants to show.
 * The features are those of `numpy.polynomial.legendre.legvander`.
 *
 * Training = what this PyTorch loop does (float64), one full-batch step per epoch, weights from 0:
 *   loss = ((X_train @ w − y_train) ** 2).mean(); loss.backward(); SGD(lr).step()
 * and after each step trainLoss[e] / valLoss[e] are the MSE of the new weights (the weights a
 * Keras-style callback sees at the end of epoch e + 1). The gradient is (2/n)·Xᵀ(Xw − y).
 *
 * Gradient descent on this quadratic loss converges iff lr < 2/λ_max with λ_max the largest
 * eigenvalue of the Hessian (2/n)·XᵀX; a larger lr is refused up front instead of returning
 * losses that overflow to Infinity.
 */
import { symmetricEigenvalues } from './linalg';
/** Moved to linalg.ts (issue #12 §4); re-exported so existing `from './polyfit'` imports keep working. */
export { symmetricEigenvalues };
import { createRng } from './random';
import { describe, finite, finiteResult, greaterThan, inRange, integer, isArrayLike, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Largest number of points per split, degree and epoch count the functions accept. */
export const POLYFIT_MAX_POINTS = 1000;
export const POLYFIT_MAX_DEGREE = 30;
export const POLYFIT_MAX_EPOCHS = 100_000;

/** The noiseless function the data are drawn from. */
export function trueFunction(x: number): number {
  // sin(πx) has period 2 in x: reducing first is exact and keeps π·x from overflowing for huge x.
  return Math.sin(Math.PI * (finite('x', x) % 2));
}

export interface NoisySineOptions {
  /** Seed of `createRng` (integer in [0, 2³²)). */
  seed: number;
  nTrain: number;
  nVal: number;
  /** Standard deviation of the Gaussian noise added to sin(πx) (≥ 0). */
  noise: number;
}

export interface Dataset1D {
  xTrain: number[];
  yTrain: number[];
  xVal: number[];
  yVal: number[];
}

/**
 * Draws, from one `createRng(seed)` stream and in this order: nTrain x ~ U(−1, 1), nTrain noises
 * ~ N(0, 1), nVal x, nVal noises; y = sin(πx) + noise·ε. (The order matters to reproduce the data
 * elsewhere: `normal()` draws two uniforms and keeps the second Box–Muller value for its next call.)
 */
export function noisySine(opts: NoisySineOptions): Dataset1D {
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  const nTrain = integer('nTrain', opts.nTrain, 1, POLYFIT_MAX_POINTS);
  const nVal = integer('nVal', opts.nVal, 1, POLYFIT_MAX_POINTS);
  const noise = inRange('noise', opts.noise, 0, 1e6);
  const rng = createRng(opts.seed);
  const split = (n: number): [number[], number[]] => {
    const x = Array.from({ length: n }, () => rng.uniform(-1, 1));
    const eps = Array.from({ length: n }, () => rng.normal());
    return [x, x.map((xi, i) => trueFunction(xi) + noise * eps[i]!)];
  };
  const [xTrain, yTrain] = split(nTrain);
  const [xVal, yVal] = split(nVal);
  return { xTrain, yTrain, xVal, yVal };
}

/**
 * Legendre features [P₀(x), …, P_degree(x)] of each x, like numpy's `legvander(x, degree)`:
 * P₀ = 1, P₁ = x, Pₖ = ((2k − 1)·x·Pₖ₋₁ − (k − 1)·Pₖ₋₂)/k.
 */
export function legendreFeatures(x: ArrayLike<number>, degree: number): number[][] {
  const xs = vector('x', x, 0, POLYFIT_MAX_POINTS * 10);
  const d = integer('degree', degree, 0, POLYFIT_MAX_DEGREE);
  return finiteResult('legendreFeatures', xs.map((xi) => legendreRow(xi, d)));
}

function legendreRow(x: number, d: number): number[] {
  const row = new Array<number>(d + 1);
  row[0] = 1;
  if (d >= 1) row[1] = x;
  for (let k = 2; k <= d; k++) row[k] = ((2 * k - 1) * x * row[k - 1]! - (k - 1) * row[k - 2]!) / k;
  return row;
}

/** Σⱼ wⱼ·Pⱼ(x): the model's prediction at x for weights w (length degree + 1). */
export function legendreSeries(w: ArrayLike<number>, x: number): number {
  const ws = vector('w', w, 1, POLYFIT_MAX_DEGREE + 1);
  const xi = finite('x', x);
  const row = legendreRow(xi, ws.length - 1);
  let s = 0;
  for (let j = 0; j < ws.length; j++) s += ws[j]! * row[j]!;
  return finiteResult('legendreSeries', s);
}

/** The Hessian of the MSE, (2/n)·XᵀX, for Legendre features of the training inputs. */
export function mseHessian(xTrain: ArrayLike<number>, degree: number): number[][] {
  const X = legendreFeatures(xTrain, degree);
  const n = X.length;
  if (n === 0) throw paramRangeError('xTrain', 'xTrain must have length ≥ 1; received length 0');
  const p = degree + 1;
  const h = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  for (const row of X) {
    for (let i = 0; i < p; i++) for (let j = i; j < p; j++) h[i]![j]! += row[i]! * row[j]!;
  }
  for (let i = 0; i < p; i++) {
    for (let j = i; j < p; j++) {
      h[i]![j] = (2 / n) * h[i]![j]!;
      h[j]![i] = h[i]![j]!;
    }
  }
  return finiteResult('mseHessian', h);
}

/** λ_max, the largest eigenvalue of the MSE Hessian (2/n)·XᵀX. */
export function hessianMaxEigenvalue(xTrain: ArrayLike<number>, degree: number): number {
  const eig = symmetricEigenvalues(mseHessian(xTrain, degree));
  return eig[eig.length - 1]!;
}

/** 2/λ_max of the MSE Hessian: gradient descent converges iff lr is below this. */
export function maxStableLearningRate(xTrain: ArrayLike<number>, degree: number): number {
  return 2 / hessianMaxEigenvalue(xTrain, degree);
}

/** Throws the page's message unless 0 < lr < 2/λ_max; returns lr. */
export function checkLearningRate(lr: number, lrLimit: number): number {
  const v = greaterThan('lr', lr, 0);
  const limit = greaterThan('lrLimit', lrLimit, 0);
  if (!(v < limit)) {
    throw paramRangeError(
      'lr',
      `lr must be < 2/λ_max = ${below(limit)} for gradient descent to converge on this training set; received ${describe(v)}`,
    );
  }
  return v;
}

/** x to 6 significant digits, rounded down, so that the printed bound is itself accepted. */
function below(x: number): string {
  let s = x.toPrecision(6);
  if (Number(s) >= x) s = (Number(s) - 10 ** (Math.floor(Math.log10(x)) - 5)).toPrecision(6);
  return String(Number(s));
}

/** Euclidean norm ‖w‖₂ (grows as gradient descent runs on: early stopping keeps it small). */
export function l2Norm(w: ArrayLike<number>): number {
  const ws = vector('w', w, 0);
  let s = 0;
  for (const v of ws) s += v * v;
  return finiteResult('l2Norm', Math.sqrt(s));
}

export interface PolyGdOptions {
  degree: number;
  /** Learning rate, in (0, 2/λ_max). */
  lr: number;
  epochs: number;
}

export interface PolyGdRun {
  degree: number;
  lr: number;
  epochs: number;
  /** Largest eigenvalue of the MSE Hessian (2/n)·XᵀX. */
  lambdaMax: number;
  /** 2/λ_max for this training set and degree. */
  lrLimit: number;
  /** MSE on the training set after epoch e + 1 (index e). */
  trainLoss: number[];
  /** MSE on the validation set after epoch e + 1 (index e): what early stopping monitors. */
  valLoss: number[];
  /** Weights after epoch e + 1, row-major: entries e·(degree+1) … (e+1)·(degree+1) − 1. */
  weights: Float64Array;
}

/**
 * Full-batch gradient descent from w = 0 for `epochs` steps. `onProgress(done, total)` is called
 * about 50 times during the run (for a progress bar); it must not throw.
 */
export function trainPolynomialGD(
  data: Dataset1D,
  opts: PolyGdOptions,
  onProgress?: (done: number, total: number) => void,
): PolyGdRun {
  if (typeof data !== 'object' || data === null) throw paramTypeError('data', `data must be an object; received ${describe(data)}`);
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  for (const k of ['xTrain', 'yTrain', 'xVal', 'yVal'] as const) {
    if (!isArrayLike(data[k])) throw paramTypeError(`data.${k}`, `data.${k} must be an array of numbers; received ${describe(data[k])}`);
  }
  const xTrain = vector('xTrain', data.xTrain, 1, POLYFIT_MAX_POINTS);
  const yTrain = vector('yTrain', data.yTrain, xTrain.length, xTrain.length);
  const xVal = vector('xVal', data.xVal, 1, POLYFIT_MAX_POINTS);
  const yVal = vector('yVal', data.yVal, xVal.length, xVal.length);
  const degree = integer('degree', opts.degree, 0, POLYFIT_MAX_DEGREE);
  const epochs = integer('epochs', opts.epochs, 1, POLYFIT_MAX_EPOCHS);
  const lambdaMax = hessianMaxEigenvalue(xTrain, degree);
  const lrLimit = 2 / lambdaMax;
  const lr = checkLearningRate(opts.lr, lrLimit);
  const p = degree + 1;
  const n = xTrain.length;
  const m = xVal.length;
  const Xt = flat(legendreFeatures(xTrain, degree), p);
  const Xv = flat(legendreFeatures(xVal, degree), p);
  const w = new Float64Array(p);
  const g = new Float64Array(p);
  const r = new Float64Array(n);
  const rVal = new Float64Array(m); // the validation residuals are not used: only their Σ r²
  const weights = new Float64Array(epochs * p);
  const trainLoss = new Array<number>(epochs);
  const valLoss = new Array<number>(epochs);
  const every = Math.max(1, Math.ceil(epochs / 50));

  residuals(Xt, w, yTrain, r, p);
  for (let e = 0; e < epochs; e++) {
    // g = (2/n)·Xᵀr, r = Xw − y at the current weights; then one SGD step.
    g.fill(0);
    for (let i = 0; i < n; i++) {
      const c = (2 * r[i]!) / n;
      const o = i * p;
      for (let j = 0; j < p; j++) g[j]! += Xt[o + j]! * c;
    }
    for (let j = 0; j < p; j++) w[j]! -= lr * g[j]!;
    weights.set(w, e * p);
    trainLoss[e] = residuals(Xt, w, yTrain, r, p) / n;
    valLoss[e] = residuals(Xv, w, yVal, rVal, p) / m;
    if (onProgress && ((e + 1) % every === 0 || e + 1 === epochs)) onProgress(e + 1, epochs);
  }
  return finiteResult('trainPolynomialGD', { degree, lr, epochs, lambdaMax, lrLimit, trainLoss, valLoss, weights });
}

/** The weights after epoch `epoch` (0-based index, as in `PolyGdRun.trainLoss`). */
export function weightsAt(run: PolyGdRun, epoch: number): number[] {
  if (typeof run !== 'object' || run === null || !(run.weights instanceof Float64Array)) {
    throw paramTypeError('run', `run must be a result of trainPolynomialGD; received ${describe(run)}`);
  }
  const e = integer('epoch', epoch, 0, integer('run.epochs', run.epochs, 1, POLYFIT_MAX_EPOCHS) - 1);
  const p = integer('run.degree', run.degree, 0, POLYFIT_MAX_DEGREE) + 1;
  if (run.weights.length !== run.epochs * p) {
    throw paramRangeError('run.weights', `run.weights must have epochs × (degree + 1) = ${run.epochs * p} values; received length ${run.weights.length}`);
  }
  return Array.from(run.weights.subarray(e * p, (e + 1) * p));
}

function flat(rows: number[][], p: number): Float64Array {
  const out = new Float64Array(rows.length * p);
  rows.forEach((row, i) => out.set(row, i * p));
  return out;
}

/** Writes r = Xw − y and returns Σ r². */
function residuals(X: Float64Array, w: Float64Array, y: number[], r: Float64Array, p: number): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) {
    let f = 0;
    const o = i * p;
    for (let j = 0; j < p; j++) f += X[o + j]! * w[j]!;
    const ri = f - y[i]!;
    r[i] = ri;
    s += ri * ri;
  }
  return s;
}

