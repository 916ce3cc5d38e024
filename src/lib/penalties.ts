/**
 * Weight penalties (L1, L2) and the proximal step of L1 (soft-thresholding).
 *
 * Conventions follow the seed text and PyTorch:
 * - `l2Penalty` is λ·Σwᵢ², exactly as the seed writes it. Note that PyTorch's
 *   `SGD(weight_decay=wd)` corresponds to λ = wd/2 here, not λ = wd (erratum 6 in DESIGN.md);
 *   `l2Gradient(w, wd / 2)` is the `wd·w` that SGD adds to the gradient.
 * - `softThreshold` is `torch.nn.functional.softshrink`: values with |w| ≤ t become 0 and the
 *   rest move t toward 0. It is the proximal operator of t‖w‖₁, which is why the lasso's
 *   coordinate descent (see linearModels.ts) produces exact zeros.
 *
 * Every function validates its inputs (see validate.ts) and refuses to return a non-finite
 * number: a penalty that overflows float64 is reported as a RangeError instead of a silent
 * Infinity (or a NaN from 0·Infinity).
 */
import { atLeast, vector } from './validate';

/** Throws if a computed value left float64's finite range (it never returns NaN/Infinity). */
function finiteResult(what: string, value: number): number {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${what} overflows float64 (must be finite); received ${value}`);
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
 * Example (DESIGN.md): softThreshold([3, −0.5, 1.2], 1) → [2, 0, 0.2] (up to float rounding
 * of 1.2 − 1).
 */
export function softThreshold(w: ArrayLike<number>, t: number): number[] {
  const ws = vector('w', w, 0);
  const th = atLeast('t', t, 0);
  return ws.map((x) => (x > th ? x - th : x < -th ? x + th : 0));
}
