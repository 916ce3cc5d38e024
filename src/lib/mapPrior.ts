/**
 * The Bayesian (MAP) reading of ridge and the lasso, in scikit-learn's scaling of α.
 *
 * Model: y = Xw + b·1 + ε with ε ~ N(0, σ²I), and a flat prior on the intercept b (it is never
 * penalized). Then −log p(w, b | y) = ‖y − Xw − b‖²/(2σ²) − log p(w) + const, and
 *
 * - a Gaussian prior wⱼ ~ N(0, τ²) adds ‖w‖²/(2τ²). Multiplying by 2σ² gives
 *   `Ridge(alpha)`'s objective ‖y − Xw − b‖² + α‖w‖² with α = σ²/τ²;
 * - a Laplace prior p(wⱼ) = exp(−|wⱼ|/s)/(2s) (scale s) adds ‖w‖₁/s. Multiplying by σ²/n gives
 *   `Lasso(alpha)`'s objective (1/(2n))‖y − Xw − b‖² + α‖w‖₁ with α = σ²/(n·s).
 *
 * Multiplying by a positive constant moves no minimizer, so the MAP estimate *is* the sklearn fit at
 * that α (with fit_intercept=True: minimizing over b gives b = ȳ − x̄ᵀw, i.e. fitting on centred data).
 * The n in the lasso's α comes from sklearn's 1/(2n); ridge has none, so its α does not depend on n.
 */
import { finite, greaterThan, integer, matrix, sameLength, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** The two priors, named by the penalty they give. */
export type MapPrior = 'gaussian' | 'laplace';

function priorOf(prior: unknown): MapPrior {
  if (prior !== 'gaussian' && prior !== 'laplace') {
    throw paramTypeError('prior', `prior must be 'gaussian' or 'laplace'; received ${typeof prior === 'string' ? JSON.stringify(prior) : typeof prior}`);
  }
  return prior;
}

/** A positive result that did not overflow or underflow to 0 (a 0 would silently mean "no prior"). */
function positiveResult(name: string, value: number, blame: string): number {
  if (!(value > 0 && Number.isFinite(value))) {
    throw paramRangeError(blame, `${blame} must give a positive finite ${name} (float64 overflows or underflows to 0 here); received ${name} = ${value}`);
  }
  return value;
}

/**
 * scikit-learn's α for the MAP estimate: `gaussian` (prior sd `scale` = τ) → Ridge α = σ²/τ²;
 * `laplace` (prior scale `scale` = s) → Lasso α = σ²/(n·s). `sigma`, `scale` > 0; `n` an integer ≥ 1
 * (the number of samples; ridge's α does not use it).
 */
export function priorAlpha(prior: MapPrior, sigma: number, scale: number, n: number): number {
  const p = priorOf(prior);
  const s = greaterThan('sigma', sigma, 0);
  const t = greaterThan('scale', scale, 0);
  const rows = integer('n', n, 1);
  // σ/τ first, then squared: σ² alone can overflow when the ratio is fine.
  const alpha = p === 'gaussian' ? (s / t) ** 2 : (s / t) * (s / rows);
  return positiveResult('alpha', alpha, 'scale');
}

/** The inverse of `priorAlpha`: the prior scale (τ or s) whose MAP estimate is sklearn's fit at `alpha` > 0. */
export function priorScale(prior: MapPrior, sigma: number, alpha: number, n: number): number {
  const p = priorOf(prior);
  const s = greaterThan('sigma', sigma, 0);
  const a = greaterThan('alpha', alpha, 0);
  const rows = integer('n', n, 1);
  const scale = p === 'gaussian' ? s / Math.sqrt(a) : (s / a) * (s / rows);
  return positiveResult('scale', scale, 'alpha');
}

export interface MapStationarity {
  /**
   * Per coefficient, the element of the (sub)differential of −log p(w, b | y) closest to 0. For the
   * Gaussian prior it is the gradient −x_jᵀr/σ² + w_j/τ². For the Laplace prior, at w_j ≠ 0 it is
   * −x_jᵀr/σ² + sign(w_j)/s; at w_j = 0 the subdifferential is the interval −x_jᵀr/σ² + [−1/s, 1/s],
   * and the entry is its distance from 0, max(|x_jᵀr|/σ² − 1/s, 0). All zero exactly at the MAP.
   */
  coef: number[];
  /** ∂/∂b = −Σr/σ² (flat prior on the intercept). */
  intercept: number;
  /** The largest |entry| of `coef` and `intercept`: how far (w, b) is from the MAP condition. */
  max: number;
  /** The prior's pull on a coefficient, for scale: max|w_j|/τ² (Gaussian) or 1/s (Laplace). */
  priorPull: number;
}

/**
 * How well (coef, intercept) satisfies the MAP optimality condition 0 ∈ ∂(−log p(w, b | y)) for
 * data X (n×p), y and noise sd `sigma`, prior sd/scale `scale`. A fit from `ridge`/`lasso` at
 * `priorAlpha(...)` gives `max` at rounding level.
 */
export function mapStationarity(
  prior: MapPrior, X: number[][], y: ArrayLike<number>, coef: ArrayLike<number>, intercept: number, sigma: number, scale: number,
): MapStationarity {
  const p = priorOf(prior);
  const rows = matrix('X', X);
  const ys = vector('y', y);
  sameLength('X', rows, 'y', ys);
  const w = vector('coef', coef, rows[0]!.length, rows[0]!.length);
  const b = finite('intercept', intercept);
  const s = greaterThan('sigma', sigma, 0);
  const t = greaterThan('scale', scale, 0);
  const var_ = s * s;
  const r = rows.map((row, i) => {
    let f = b;
    for (let j = 0; j < w.length; j++) f += row[j]! * w[j]!;
    return ys[i]! - f;
  });
  let rSum = 0;
  for (const v of r) rSum += v;
  const data = w.map((_, j) => {
    let c = 0;
    for (let i = 0; i < rows.length; i++) c += rows[i]![j]! * r[i]!;
    return -c / var_;
  });
  const grad = w.map((wj, j) => {
    if (p === 'gaussian') return data[j]! + wj / (t * t);
    if (wj !== 0) return data[j]! + Math.sign(wj) / t;
    return Math.max(Math.abs(data[j]!) - 1 / t, 0);
  });
  const gb = -rSum / var_ + 0;
  let max = Math.abs(gb);
  for (const g of grad) max = Math.max(max, Math.abs(g));
  let priorPull = 1 / t;
  if (p === 'gaussian') {
    priorPull = 0;
    for (const wj of w) priorPull = Math.max(priorPull, Math.abs(wj) / (t * t));
  }
  const out = { coef: grad.map((g) => g + 0), intercept: gb, max, priorPull };
  for (const [k, v] of Object.entries({ max, priorPull, intercept: gb })) {
    if (!Number.isFinite(v)) throw paramRangeError('X', `X, y, coef and the scales must keep the (sub)gradient's ${k} finite in float64; received ${v}`);
  }
  if (!out.coef.every(Number.isFinite)) throw paramRangeError('X', "X, y, coef and the scales must keep the (sub)gradient finite in float64; received an overflow");
  return out;
}
