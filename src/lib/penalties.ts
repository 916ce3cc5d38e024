/**
 * Weight penalties (L1, L2) and the proximal step of L1 (soft-thresholding).
 *
 * Conventions follow the seed text and PyTorch:
 * - `l2Penalty` is λ·Σwᵢ², exactly as the seed writes it. Note that PyTorch's
 *   `SGD(weight_decay=wd)` corresponds to λ = wd/2 here, not λ = wd (erratum 6 in docs/reference-semantics.md);
 *   `l2Gradient(w, wd / 2)` is the `wd·w` that SGD adds to the gradient.
 * - `softThreshold` is `torch.nn.functional.softshrink`: values with |w| ≤ t become 0 and the
 *   rest move t toward 0. It is the proximal operator of t‖w‖₁, which is why the lasso's
 *   coordinate descent (see linearModels.ts) produces exact zeros.
 * - `l1BallMinimizer` / `l2BallMinimizer` are the constrained view of the same penalties: the
 *   minimizer of a diagonal quadratic ½Σaᵢ(wᵢ − cᵢ)² inside an L1 or L2 ball, with the multiplier λ
 *   that makes it the penalized optimum too (the "diamond and circle" picture).
 *
 * Every function validates its inputs (see validate.ts) and refuses to return a non-finite
 * number: a penalty that overflows float64 is reported as a RangeError instead of a silent
 * Infinity (or a NaN from 0·Infinity).
 */
import { atLeast, finiteResult as finiteAll, greaterThan, integer, vector } from './validate';
import { paramRangeError } from './refusal';

/** Throws if a computed value left float64's finite range (it never returns NaN/Infinity). */
function finiteResult(what: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw paramRangeError(what, `${what} overflows float64 (must be finite); received ${value}`);
  }
  return value;
}

/** λ·Σ|wᵢ| — the L1 (lasso) penalty. `lambda` must be ≥ 0; an empty `w` gives 0. */
export function l1Penalty(w: ArrayLike<number>, lambda: number): number {
  const ws = vector('w', w, 0);
  const lam = atLeast('lambda', lambda, 0);
  let s = 0;
  for (const x of ws) s += Math.abs(x);
  return finiteResult('l1Penalty', lam * s);
}

/** λ·Σwᵢ² — the L2 (ridge / weight-decay) penalty as the seed writes it (no ½). `lambda` ≥ 0. */
export function l2Penalty(w: ArrayLike<number>, lambda: number): number {
  const ws = vector('w', w, 0);
  const lam = atLeast('lambda', lambda, 0);
  let s = 0;
  for (const x of ws) s += x * x;
  return finiteResult('l2Penalty', lam * s);
}

/**
 * λ·sign(wᵢ): the subgradient of λ·Σ|wᵢ| that autograd uses (PyTorch's `abs` backward gives
 * sign(0) = 0, i.e. it picks 0 from the subdifferential [−λ, λ] at wᵢ = 0).
 */
export function l1Subgradient(w: ArrayLike<number>, lambda: number): number[] {
  const ws = vector('w', w, 0);
  const lam = atLeast('lambda', lambda, 0);
  // `+ 0` turns −0 into 0 so a zero weight never shows as "−0" on a page.
  return ws.map((x) => (x > 0 ? lam : x < 0 ? -lam : 0) + 0);
}

/** 2λ·wᵢ: the gradient of λ·Σwᵢ². With λ = wd/2 it is SGD's `weight_decay` term wd·w. */
export function l2Gradient(w: ArrayLike<number>, lambda: number): number[] {
  const ws = vector('w', w, 0);
  const lam = atLeast('lambda', lambda, 0);
  return ws.map((x, i) => finiteResult(`l2Gradient[${i}]`, 2 * lam * x) + 0);
}

/**
 * Soft-thresholding S_t(w) = sign(w)·max(|w| − t, 0), identical to
 * `torch.nn.functional.softshrink(w, lambd=t)`: |wᵢ| ≤ t → 0 (the boundary included),
 * otherwise wᵢ ∓ t. `t` must be ≥ 0 (PyTorch rejects a negative lambd too).
 *
 * Example (docs/reference-semantics.md): softThreshold([3, −0.5, 1.2], 1) → [2, 0, 0.2] (up to float rounding
 * of 1.2 − 1).
 */
export function softThreshold(w: ArrayLike<number>, t: number): number[] {
  const ws = vector('w', w, 0);
  const th = atLeast('t', t, 0);
  return ws.map((x) => (x > th ? x - th : x < -th ? x + th : 0));
}

/* ------------------------------------------------------------------------------------------ */
/* The constrained view: a quadratic loss minimized inside an L1 or L2 ball                   */
/* ------------------------------------------------------------------------------------------ */

/**
 * A minimizer of f(w) = ½·Σ aᵢ(wᵢ − cᵢ)² inside a norm ball, with the multiplier that links the
 * constrained problem to the penalized one.
 */
export interface BallMinimizer {
  /** The minimizer. */
  w: number[];
  /**
   * The Lagrange multiplier λ ≥ 0: the same `w` minimizes f(w) + λ·Σ|wᵢ| (L1 ball) or
   * f(w) + λ·Σwᵢ² (L2 ball, the seed's form without ½). 0 when the unconstrained optimum c is
   * already inside the ball.
   */
  lambda: number;
  /** True when the constraint is active (c lies outside the ball, so ‖w‖ = r). */
  onBoundary: boolean;
}

/** f(w) = ½·Σ aᵢ(wᵢ − cᵢ)²: a quadratic loss with optimum `center` and curvatures aᵢ > 0. */
export function diagonalQuadratic(w: ArrayLike<number>, center: ArrayLike<number>, curvature: ArrayLike<number>): number {
  const ws = vector('w', w);
  const { c, a } = quadraticOf(center, curvature);
  if (ws.length !== c.length) {
    throw paramRangeError('w', `w must have the same length as center (${c.length}); received length ${ws.length}`);
  }
  let s = 0;
  for (let i = 0; i < c.length; i++) s += a[i]! * (ws[i]! - c[i]!) ** 2;
  return finiteResult('diagonalQuadratic', s / 2);
}

/**
 * argmin ½·Σ aᵢ(wᵢ − cᵢ)² subject to Σ|wᵢ| ≤ r (r > 0), exactly.
 *
 * The optimality conditions give wᵢ = sign(cᵢ)·max(|cᵢ| − λ/aᵢ, 0): soft-thresholding with a
 * per-coordinate threshold λ/aᵢ, where λ ≥ 0 makes Σ|wᵢ| = r. That sum is piecewise linear and
 * decreasing in λ with kinks at aᵢ|cᵢ|, so λ is found by sorting the kinks (the L1-ball projection
 * of Duchi et al. 2008 when every aᵢ = 1). Coordinates with aᵢ|cᵢ| ≤ λ are exactly 0: the optimum
 * sits on a corner or an edge of the diamond, which is why the lasso selects features.
 */
export function l1BallMinimizer(center: ArrayLike<number>, curvature: ArrayLike<number>, radius: number): BallMinimizer {
  const { c, a } = quadraticOf(center, curvature);
  const r = greaterThan('radius', radius, 0);
  let norm1 = 0;
  for (const x of c) norm1 += Math.abs(x);
  if (norm1 <= r) return { w: c.map((x) => x + 0), lambda: 0, onBoundary: false };
  // Kinks bᵢ = aᵢ|cᵢ| in decreasing order; with the k largest active, Σ|wᵢ| = S_k − λ·T_k.
  const order = c.map((_, i) => i).sort((i, j) => a[j]! * Math.abs(c[j]!) - a[i]! * Math.abs(c[i]!));
  let S = 0;
  let T = 0;
  let lambda = 0;
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    S += Math.abs(c[i]!);
    T += 1 / a[i]!;
    lambda = (S - r) / T;
    const next = order[k + 1];
    const nextKink = next === undefined ? 0 : a[next]! * Math.abs(c[next]!);
    if (lambda >= nextKink) break;
  }
  const w = c.map((x, i) => {
    const t = lambda / a[i]!;
    return (x > t ? x - t : x < -t ? x + t : 0) + 0;
  });
  return { w, lambda: finiteResult('l1BallMinimizer', lambda), onBoundary: true };
}

/**
 * argmin ½·Σ aᵢ(wᵢ − cᵢ)² subject to √(Σwᵢ²) ≤ r (r > 0).
 *
 * The optimality conditions give wᵢ = aᵢcᵢ/(aᵢ + 2λ) with λ ≥ 0 (the multiplier of λ·Σwᵢ²):
 * every coordinate shrinks by a factor, none becomes 0 unless cᵢ is. ‖w(λ)‖ decreases in λ, so λ
 * is found by bisection to full float64 precision. With equal curvatures w = r·c/‖c‖.
 */
export function l2BallMinimizer(center: ArrayLike<number>, curvature: ArrayLike<number>, radius: number): BallMinimizer {
  const { c, a } = quadraticOf(center, curvature);
  const r = greaterThan('radius', radius, 0);
  const shrink = (lam: number) => c.map((x, i) => (a[i]! * x) / (a[i]! + 2 * lam) + 0);
  const norm = (v: number[]) => Math.hypot(...v);
  const cNorm = norm(c);
  if (cNorm <= r) return { w: c.map((x) => x + 0), lambda: 0, onBoundary: false };
  let aMax = 0;
  let aMin = Infinity;
  for (const x of a) {
    aMax = Math.max(aMax, x);
    aMin = Math.min(aMin, x);
  }
  // Isotropic: closed form (also what the bisection would converge to).
  if (aMax === aMin) {
    const lambda = (aMax * (cNorm / r - 1)) / 2;
    return finiteAll('l2BallMinimizer', { w: c.map((x) => (r * x) / cNorm + 0), lambda: finiteResult('l2BallMinimizer', lambda), onBoundary: true });
  }
  // ‖w(λ)‖ ≤ aMax·‖c‖/(2λ), so λ = aMax·‖c‖/(2r) is feasible: the root lies in [0, hi].
  let lo = 0;
  let hi = finiteResult('l2BallMinimizer', (aMax * cNorm) / (2 * r));
  for (let it = 0; it < 2000; it++) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) break;
    if (norm(shrink(mid)) > r) lo = mid;
    else hi = mid;
  }
  return finiteAll('l2BallMinimizer', { w: shrink(hi), lambda: hi, onBoundary: true });
}

/**
 * `n` points (n ≥ 3) on the 2-D level set ½·(a₁(w₁ − c₁)² + a₂(w₂ − c₂)²) = level: an ellipse
 * centred at c with semi-axes √(2·level/aᵢ). For contour lines; level 0 gives the centre n times.
 * The first point is repeated at the end so a line through the points closes.
 */
export function quadraticLevelSet(
  center: ArrayLike<number>,
  curvature: ArrayLike<number>,
  level: number,
  n = 96,
): Array<[number, number]> {
  const { c, a } = quadraticOf(center, curvature);
  if (c.length !== 2) throw paramRangeError('center', `center must have length 2 for a level set; received length ${c.length}`);
  const L = atLeast('level', level, 0);
  const count = integer('n', n, 3, 100_000);
  const rx = Math.sqrt((2 * L) / a[0]!);
  const ry = Math.sqrt((2 * L) / a[1]!);
  finiteResult('quadraticLevelSet', rx + ry);
  const out: Array<[number, number]> = [];
  for (let k = 0; k <= count; k++) {
    const t = (2 * Math.PI * (k % count)) / count;
    out.push([c[0]! + rx * Math.cos(t), c[1]! + ry * Math.sin(t)]);
  }
  return out;
}

function quadraticOf(center: ArrayLike<number>, curvature: ArrayLike<number>): { c: number[]; a: number[] } {
  const c = vector('center', center);
  const a = vector('curvature', curvature);
  if (a.length !== c.length) {
    throw paramRangeError('curvature', `curvature must have the same length as center (${c.length}); received length ${a.length}`);
  }
  a.forEach((x, i) => greaterThan(`curvature[${i}]`, x, 0));
  return { c, a };
}
