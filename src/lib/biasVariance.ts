/**
 * The bias–variance decomposition of ridge regression, measured, and the strength λ chosen on a
 * validation set (issue #13 §2). Hastie, Tibshirani & Friedman, *The Elements of Statistical
 * Learning* (2nd ed.), §7.3: at an input x the expected squared error of a fit f̂ trained on a random
 * training set is E[(y − f̂(x))²] = σ² + (E f̂(x) − f(x))² + E[(f̂(x) − E f̂(x))²] — noise, bias²,
 * variance.
 *
 * The set-up (every choice here is what the cell and the fixture use):
 * - the target f(x) = sin(2πx) on [0, 1], observed with Gaussian noise of sd σ;
 * - a fixed design: the n training inputs are evenly spaced, xᵢ = (i + ½)/n, and each of the R
 *   training sets draws fresh noise at them (so the randomness is the noise only, as in ESL's
 *   fixed-x ("in-sample") analysis of linear smoothers; random inputs would add rare, huge
 *   extrapolations that swamp a Monte Carlo average of a degree-9 polynomial);
 * - the model: polynomial features of u = 2x − 1 ∈ [−1, 1], u¹ … u^d (the same functions as x¹ … x^d
 *   with an intercept, far better conditioned), standardized with the training design's column
 *   means and population standard deviations (scikit-learn's StandardScaler), then scikit-learn's
 *   `Ridge(alpha=λ, fit_intercept=True)`: ‖y − Zw − b‖² + λ‖w‖², intercept unpenalized
 *   (`ridgePath` of linearModels.ts, Cholesky). The scikit-learn twin is
 *   `make_pipeline(PolynomialFeatures(d, include_bias=False), StandardScaler(), Ridge(alpha=λ))`
 *   applied to 2x − 1;
 * - the estimates, on an evaluation grid x_k = (k + ½)/G: f̄ = the mean of the R fits,
 *   bias² = mean_k (f̄(x_k) − f(x_k))², variance = mean_k mean_r (f̂_r(x_k) − f̄(x_k))² (divided by R),
 *   their sum + σ² (the expected error on a new point), and the training error averaged over the R
 *   sets. (With a Monte Carlo f̄ the plug-in bias² carries an extra variance/R.)
 * - one training set (the first of the R) with a validation set and a test set, both of inputs
 *   drawn uniformly on [0, 1): the validation error against λ, the λ it picks (the first minimum on
 *   the grid, as numpy.argmin), and the test error of that fit — the honest estimate, because the
 *   validation error at its own minimum is biased low (the pick was made on it).
 *
 * Draws, from one `createRng(seed)` stream and in this order: R × n noises (set by set, point by
 * point); then nVal inputs, nVal noises (validation); then nTest inputs, nTest noises (test). y = f(x)
 * + σ·ε. `normal()` keeps the second Box–Muller value for its next call, so the order matters; the
 * Python twin (scripts/fixtures/_site_rng.py) draws the same numbers in the same order.
 */
import { ridgePath, standardize } from './linearModels';
import { createRng } from './random';
import { describe, finite, finiteResult, inRange, integer, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Largest polynomial degree (features u¹ … u^d). */
export const BV_MAX_DEGREE = 12;
/** Most training points per set, and most validation / test points. */
export const BV_MAX_POINTS = 2000;
/** Most training sets R. */
export const BV_MAX_SETS = 2000;
/** Most λ values on one grid. */
export const BV_MAX_LAMBDAS = 200;
/** Most evaluation-grid points. */
export const BV_MAX_GRID = 1000;
/** Largest σ (the noise sd). */
export const BV_MAX_SIGMA = 100;
/**
 * Most work one call may do, in multiply-adds: n·(n·d² + L·d³/3) for the n ridge paths, R·L·((3n + G)·d + n)
 * for the R sets' fits, predictions and training errors, L·(nVal + nTest)·d for the validation and
 * test sets (about 1 ns each in V8: the bound is a fraction of a second).
 */
export const BV_MAX_WORK = 2e8;

/** The target: sin(2πx) (x finite). */
export function bvTarget(x: number): number {
  return Math.sin(2 * Math.PI * finite('x', x));
}

/** The default λ grid: 10^(−6 + k/4), k = 0 … 36 (10⁻⁶ to 10³, four per decade). */
export function biasVarianceLambdas(): number[] {
  return Array.from({ length: 37 }, (_, k) => 10 ** (-6 + k / 4));
}

export interface BiasVarianceOptions {
  /** Polynomial degree d (1 to BV_MAX_DEGREE). */
  degree: number;
  /** Training points per set n (2 to BV_MAX_POINTS). */
  n: number;
  /** Noise sd σ (0 to BV_MAX_SIGMA). */
  sigma: number;
  /** Number of training sets R (2 to BV_MAX_SETS). */
  sets: number;
  /** Seed of `createRng` (integer in [0, 2³²)). */
  seed: number;
  /** The λ grid (each in (0, 10¹²]); default `biasVarianceLambdas()`. */
  lambdas?: ArrayLike<number>;
  /** Validation points (1 to BV_MAX_POINTS); default n. */
  nVal?: number;
  /** Test points (1 to BV_MAX_POINTS); default 1000. */
  nTest?: number;
  /** Evaluation-grid points G (1 to BV_MAX_GRID); default 50. */
  grid?: number;
}

export interface BiasVarianceData {
  /** The fixed training inputs (i + ½)/n. */
  xTrain: number[];
  /** R training targets, yTrain[r][i] at xTrain[i]. */
  yTrain: number[][];
  xVal: number[];
  yVal: number[];
  xTest: number[];
  yTest: number[];
}

export interface BiasVariancePoint {
  lambda: number;
  bias2: number;
  variance: number;
  /** σ². */
  noise: number;
  /** bias² + variance + σ²: the expected squared error on a new (x, y), x on the grid. */
  total: number;
  /** Training MSE, averaged over the R sets. */
  trainError: number;
  /** The first set's fit: MSE on the validation set. */
  valError: number;
  /** The first set's fit: MSE on the test set. */
  testError: number;
  /** Effective degrees of freedom tr(H_λ) of the fit (the intercept counts 1): d + 1 at λ → 0, 1 at λ → ∞. */
  df: number;
}

export interface BiasVarianceResult {
  points: BiasVariancePoint[];
  /** Index of the λ with the smallest validation error (the first, if tied). */
  pick: number;
  /** Index of the λ with the smallest bias² + variance + σ² (what the validation set tries to find). */
  best: number;
  /** Index of the λ with the smallest test error of the first set's fit (known only in hindsight). */
  testBest: number;
  /** The evaluation grid. */
  grid: number[];
}

interface Checked {
  degree: number;
  n: number;
  sigma: number;
  sets: number;
  seed: number;
  lambdas: number[];
  nVal: number;
  nTest: number;
  grid: number;
}

function check(opts: unknown): Checked {
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an options object; received ${describe(opts)}`);
  const o = opts as Record<string, unknown>;
  const degree = integer('degree', o.degree, 1, BV_MAX_DEGREE);
  const n = integer('n', o.n, 2, BV_MAX_POINTS);
  const sigma = inRange('sigma', o.sigma, 0, BV_MAX_SIGMA);
  const sets = integer('sets', o.sets, 2, BV_MAX_SETS);
  const seed = integer('seed', o.seed, 0, 2 ** 32 - 1);
  const lambdas = o.lambdas === undefined ? biasVarianceLambdas() : vector('lambdas', o.lambdas, 1, BV_MAX_LAMBDAS);
  lambdas.forEach((l, i) => {
    if (!(l > 0 && l <= 1e12)) throw paramRangeError(`lambdas[${i}]`, `lambdas[${i}] must be in (0, 1e12]; received ${describe(l)}`);
  });
  const nVal = integer('nVal', o.nVal ?? n, 1, BV_MAX_POINTS);
  const nTest = integer('nTest', o.nTest ?? 1000, 1, BV_MAX_POINTS);
  const grid = integer('grid', o.grid ?? 50, 1, BV_MAX_GRID);
  const L = lambdas.length;
  const work = n * (n * degree * degree + L * degree ** 3 / 3) + sets * L * ((3 * n + grid) * degree + n) + L * (nVal + nTest) * degree;
  if (work > BV_MAX_WORK) {
    throw paramRangeError('sets', `sets × (the work per set) must be at most ${BV_MAX_WORK} multiply-adds; received ${sets} sets of ${n} points, degree ${degree}, ${L} λ values (${Math.round(work)})`);
  }
  return { degree, n, sigma, sets, seed, lambdas, nVal, nTest, grid };
}

/** Draws the data (see the module comment for the order). */
function draw(c: Checked): BiasVarianceData {
  const rng = createRng(c.seed);
  const xTrain = Array.from({ length: c.n }, (_, i) => (i + 0.5) / c.n);
  const fTrain = xTrain.map(bvTarget);
  const yTrain = Array.from({ length: c.sets }, () => fTrain.map((f) => f + c.sigma * rng.normal()));
  const split = (m: number): [number[], number[]] => {
    const x = Array.from({ length: m }, () => rng.next());
    const eps = Array.from({ length: m }, () => rng.normal());
    return [x, x.map((xi, i) => bvTarget(xi) + c.sigma * eps[i]!)];
  };
  const [xVal, yVal] = split(c.nVal);
  const [xTest, yTest] = split(c.nTest);
  return { xTrain, yTrain, xVal, yVal, xTest, yTest };
}

/** The data `biasVariance` fits with the same options: the fixed design, R noisy sets, validation and test sets. */
export function biasVarianceData(opts: BiasVarianceOptions): BiasVarianceData {
  return finiteResult('biasVarianceData', draw(check(opts)));
}

/** Powers u, u², …, u^d of u = 2x − 1, by repeated multiplication (as PolynomialFeatures). */
function powers(x: number, degree: number): number[] {
  const u = 2 * x - 1;
  const out = new Array<number>(degree);
  let p = u;
  for (let k = 0; k < degree; k++) {
    out[k] = p;
    p *= u;
  }
  return out;
}

/** Features of new inputs, standardized with the training design's means and scales, row-major flat. */
function featuresWith(xs: readonly number[], degree: number, mean: number[], std: number[]): Float64Array {
  const out = new Float64Array(xs.length * degree);
  xs.forEach((x, i) => powers(x, degree).forEach((v, j) => { out[i * degree + j] = (v - mean[j]!) / std[j]!; }));
  return out;
}

/** Predictions Z·coef + intercept of the rows of flat Z (m × d) into `out`. */
function predictInto(Z: Float64Array, coef: number[], intercept: number, out: Float64Array): Float64Array {
  const d = coef.length;
  for (let i = 0; i < out.length; i++) {
    let s = intercept;
    for (let j = 0; j < d; j++) s += Z[i * d + j]! * coef[j]!;
    out[i] = s;
  }
  return out;
}

function mse(pred: Float64Array, y: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < y.length; i++) s += (pred[i]! - y[i]!) ** 2;
  return s / y.length;
}

function argmin(xs: readonly number[]): number {
  let k = 0;
  for (let i = 1; i < xs.length; i++) if (xs[i]! < xs[k]!) k = i;
  return k;
}

/**
 * Bias², variance, σ², their sum and the mean training error for each λ over R training sets, and
 * the first set's validation and test errors, with the λ the validation set picks.
 *
 * Ridge on a fixed design is linear in y: the fit to y is Σᵢ yᵢ·(the fit to the unit vector eᵢ), for
 * the coefficients and the intercept alike. So `ridgePath` runs n times, once per eᵢ, and every
 * training set's fit is that combination (the same estimator as fitting each set afresh, equal to
 * scikit-learn's per-set fits up to rounding, and without R·L factorizations). The same maps give
 * the effective degrees of freedom tr(H_λ) (ESL §7.6) of the training hat matrix.
 */
export function biasVariance(opts: BiasVarianceOptions): BiasVarianceResult {
  const c = check(opts);
  const data = draw(c);
  const { degree: d, lambdas, n } = c;
  const L = lambdas.length;
  const design = standardize(data.xTrain.map((x) => powers(x, d)));
  const grid = Array.from({ length: c.grid }, (_, k) => (k + 0.5) / c.grid);
  const fGrid = grid.map(bvTarget);
  const Zg = featuresWith(grid, d, design.mean, design.std);
  const Zv = featuresWith(data.xVal, d, design.mean, design.std);
  const Zt = featuresWith(data.xTest, d, design.mean, design.std);
  const Zx = featuresWith(data.xTrain, d, design.mean, design.std);
  // maps[l]: (d + 1) × n, row j < d the coefficient w_j of the fit to each eᵢ, row d its intercept.
  const maps = Array.from({ length: L }, () => new Float64Array((d + 1) * n));
  const unit = new Array<number>(n).fill(0);
  for (let i = 0; i < n; i++) {
    unit[i] = 1;
    const path = ridgePath(design.X, unit, { alphas: lambdas });
    unit[i] = 0;
    for (let l = 0; l < L; l++) {
      const m = maps[l]!;
      const coef = path.coefs[l]!;
      for (let j = 0; j < d; j++) m[j * n + i] = coef[j]!;
      m[d * n + i] = path.intercepts[l]!;
    }
  }
  // Welford's running mean and sum of squared deviations of f̂_r(x_k), per λ and grid point.
  const mean = Array.from({ length: L }, () => new Float64Array(c.grid));
  const m2 = Array.from({ length: L }, () => new Float64Array(c.grid));
  const train = new Float64Array(L);
  const valError = new Array<number>(L).fill(0);
  const testError = new Array<number>(L).fill(0);
  const coef = new Array<number>(d).fill(0);
  const pg = new Float64Array(c.grid);
  const px = new Float64Array(n);
  for (let r = 0; r < c.sets; r++) {
    const y = data.yTrain[r]!;
    for (let l = 0; l < L; l++) {
      const m = maps[l]!;
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += m[j * n + i]! * y[i]!;
        coef[j] = s;
      }
      let b = 0;
      for (let i = 0; i < n; i++) b += m[d * n + i]! * y[i]!;
      predictInto(Zg, coef, b, pg);
      const mu = mean[l]!;
      const s2 = m2[l]!;
      for (let k = 0; k < c.grid; k++) {
        const d0 = pg[k]! - mu[k]!;
        mu[k] = mu[k]! + d0 / (r + 1);
        s2[k] = s2[k]! + d0 * (pg[k]! - mu[k]!);
      }
      train[l] = train[l]! + mse(predictInto(Zx, coef, b, px), y);
      if (r === 0) {
        valError[l] = mse(predictInto(Zv, coef, b, new Float64Array(c.nVal)), data.yVal);
        testError[l] = mse(predictInto(Zt, coef, b, new Float64Array(c.nTest)), data.yTest);
      }
    }
  }
  const noise = c.sigma * c.sigma;
  const points = lambdas.map((lambda, l): BiasVariancePoint => {
    let bias2 = 0;
    let variance = 0;
    for (let k = 0; k < c.grid; k++) {
      bias2 += (mean[l]![k]! - fGrid[k]!) ** 2;
      variance += m2[l]![k]! / c.sets;
    }
    bias2 /= c.grid;
    variance /= c.grid;
    // tr(H_λ): the training prediction at xᵢ of the fit to eᵢ, summed over i.
    const m = maps[l]!;
    let df = 0;
    for (let i = 0; i < n; i++) {
      let h = m[d * n + i]!;
      for (let j = 0; j < d; j++) h += Zx[i * d + j]! * m[j * n + i]!;
      df += h;
    }
    return {
      lambda, bias2, variance, noise, total: bias2 + variance + noise,
      trainError: train[l]! / c.sets, valError: valError[l]!, testError: testError[l]!, df,
    };
  });
  return finiteResult('biasVariance', {
    points,
    pick: argmin(valError),
    best: argmin(points.map((p) => p.total)),
    testBest: argmin(testError),
    grid,
  });
}
