/**
 * One step of PyTorch's SGD, Adam and AdamW on a flat parameter vector, written as pure
 * functions so a page can replay a sequence of steps and show where weight decay enters.
 *
 * The point these functions make (docs/reference-semantics.md, "Reference semantics"):
 * - `SGD(weight_decay=wd)` adds wd·w to the gradient, i.e. it is gradient descent on
 *   loss + (wd/2)·‖w‖² — not on loss + wd·‖w‖² as the seed says (erratum 6).
 * - `Adam(weight_decay=wd)` also adds wd·w to the gradient, so the decay term is then rescaled by
 *   Adam's per-coordinate step size (L2 regularization, "coupled").
 * - `AdamW(weight_decay=wd)` multiplies w by (1 − lr·wd) before the Adam update, independent of
 *   the gradient ("decoupled", Loshchilov & Hutter).
 * Worked numbers: w=1, g=0.5, lr=0.1, wd=0.01 → SGD 0.949, Adam 0.9, AdamW 0.899.
 *
 * The arithmetic follows torch 1.13's `_single_tensor_adam(w)` operation by operation
 * (m·β₁ + (1−β₁)·g, then v·β₂ + (1−β₂)·g², denom = √v/√(1−β₂ᵗ) + eps, w −= lr/(1−β₁ᵗ)·m/denom),
 * so results agree with PyTorch to float64 rounding, not merely to a tolerance.
 * Options that change nothing about regularization (momentum, amsgrad, maximize) are left out.
 */
import { atLeast, describe, finite, integer, isArrayLike, sameLength, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

export interface SgdOptions {
  /** Learning rate, ≥ 0. */
  lr: number;
  /** PyTorch `weight_decay`, ≥ 0 (default 0): adds weightDecay·w to the gradient. */
  weightDecay?: number;
}

export interface AdamOptions {
  /** Learning rate, ≥ 0. */
  lr: number;
  /** (β₁, β₂), each in [0, 1). Default [0.9, 0.999]. */
  betas?: readonly [number, number];
  /** Added to the denominator for stability, ≥ 0. Default 1e-8. */
  eps?: number;
  /** Weight decay, ≥ 0. Default 0 for Adam, 0.01 for AdamW (PyTorch's defaults). */
  weightDecay?: number;
}

/** Adam's running state; `step` counts completed steps (PyTorch's `state['step']`). */
export interface AdamState {
  step: number;
  /** First-moment estimate (PyTorch `exp_avg`). */
  m: number[];
  /** Second-moment estimate (PyTorch `exp_avg_sq`), every entry ≥ 0. */
  v: number[];
}

export interface AdamResult {
  /** The parameters after the step. */
  w: number[];
  /** The state after the step (a new object; the input state is not modified). */
  state: AdamState;
}

/** PyTorch's default weight decay for AdamW (Adam's default is 0). */
export const ADAMW_DEFAULT_WEIGHT_DECAY = 0.01;

/** Largest parameter vector `initAdamState` allocates (2^24). */
const MAX_PARAMETERS = 1 << 24;

/** The state Adam starts from: step 0 and zero moments, as PyTorch creates lazily. */
export function initAdamState(n: number): AdamState {
  // Bounded: n drives two allocations, and a huge n would freeze the tab instead of failing.
  const len = integer('n', n, 0, MAX_PARAMETERS);
  return { step: 0, m: new Array<number>(len).fill(0), v: new Array<number>(len).fill(0) };
}

/**
 * One `torch.optim.SGD` step without momentum: d = grad + weightDecay·w; w − lr·d.
 */
export function sgdStep(w: ArrayLike<number>, grad: ArrayLike<number>, opts: SgdOptions): number[] {
  const ws = vector('w', w, 0);
  const gs = vector('grad', grad, 0);
  sameLength('w', ws, 'grad', gs);
  const o = options('opts', opts);
  const lr = atLeast('lr', o.lr, 0);
  const wd = atLeast('weightDecay', o.weightDecay ?? 0, 0);
  return ws.map((x, i) => {
    const d = wd !== 0 ? gs[i]! + wd * x : gs[i]!;
    return finiteOut('w', i, x - lr * d);
  });
}

/**
 * One `torch.optim.Adam` step. Weight decay is L2 regularization: wd·w is added to the gradient
 * before the moments are updated. Pass the previous step's `state` (or omit it for the first
 * step); the result carries the new state.
 */
export function adamStep(
  w: ArrayLike<number>,
  grad: ArrayLike<number>,
  opts: AdamOptions,
  state?: AdamState,
): AdamResult {
  return adamLike('adam', w, grad, opts, state);
}

/**
 * One `torch.optim.AdamW` step: w ← w·(1 − lr·wd), then the Adam update with the raw gradient.
 * `weightDecay` defaults to 0.01 as in PyTorch.
 */
export function adamwStep(
  w: ArrayLike<number>,
  grad: ArrayLike<number>,
  opts: AdamOptions,
  state?: AdamState,
): AdamResult {
  return adamLike('adamw', w, grad, opts, state);
}

function adamLike(
  kind: 'adam' | 'adamw',
  w: ArrayLike<number>,
  grad: ArrayLike<number>,
  opts: AdamOptions,
  state: AdamState | undefined,
): AdamResult {
  const ws = vector('w', w, 0);
  const gs = vector('grad', grad, 0);
  sameLength('w', ws, 'grad', gs);
  const o = options('opts', opts);
  const lr = atLeast('lr', o.lr, 0);
  const [beta1, beta2] = betasOf(o.betas);
  const eps = atLeast('eps', o.eps ?? 1e-8, 0);
  const wd = atLeast('weightDecay', o.weightDecay ?? (kind === 'adamw' ? ADAMW_DEFAULT_WEIGHT_DECAY : 0), 0);
  const s = state === undefined ? initAdamState(ws.length) : checkState(state, ws.length);

  const step = s.step + 1;
  const biasCorrection1 = 1 - beta1 ** step;
  const biasCorrection2 = 1 - beta2 ** step;
  const stepSize = lr / biasCorrection1;
  const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);

  const n = ws.length;
  const out = new Array<number>(n);
  const m = new Array<number>(n);
  const v = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    let p = ws[i]!;
    let g = gs[i]!;
    if (kind === 'adam') {
      if (wd !== 0) g = g + wd * p;
    } else {
      p = p * (1 - lr * wd);
    }
    const mi = s.m[i]! * beta1 + (1 - beta1) * g;
    const vi = s.v[i]! * beta2 + (1 - beta2) * (g * g);
    const denom = Math.sqrt(vi) / biasCorrection2Sqrt + eps;
    // denom is 0 only when v = 0 and eps = 0, which forces m = 0 too: PyTorch would produce
    // 0/0 = NaN there; we take the limit step 0 instead of returning NaN.
    const update = denom === 0 ? 0 : (mi / denom) * -stepSize;
    m[i] = finiteOut('m', i, mi);
    v[i] = finiteOut('v', i, vi);
    out[i] = finiteOut('w', i, p + update);
  }
  return { w: out, state: { step, m, v } };
}

function betasOf(betas: unknown): [number, number] {
  if (betas === undefined) return [0.9, 0.999];
  if (!isArrayLike(betas) || betas.length !== 2) {
    throw paramTypeError('betas', `betas must be an array of two numbers in [0, 1); received ${describe(betas)}`);
  }
  const b: [number, number] = [finite('betas[0]', betas[0]), finite('betas[1]', betas[1])];
  b.forEach((x, i) => {
    if (x < 0 || x >= 1) throw paramRangeError(`betas[${i}]`, `betas[${i}] must be in [0, 1); received ${describe(x)}`);
  });
  return b;
}

function checkState(state: unknown, n: number): AdamState {
  if (typeof state !== 'object' || state === null) {
    throw paramTypeError('state', `state must be an object {step, m, v}; received ${describe(state)}`);
  }
  const s = state as Partial<AdamState>;
  const step = integer('state.step', s.step, 0);
  const m = vector('state.m', s.m, 0);
  const v = vector('state.v', s.v, 0);
  sameLength('w', { length: n }, 'state.m', m);
  sameLength('w', { length: n }, 'state.v', v);
  v.forEach((x, i) => atLeast(`state.v[${i}]`, x, 0));
  return { step, m, v };
}

function options<T>(name: string, opts: T): T {
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) {
    throw paramTypeError(name, `${name} must be an options object; received ${describe(opts)}`);
  }
  return opts;
}

function finiteOut(name: string, i: number, value: number): number {
  if (!Number.isFinite(value)) {
    throw paramRangeError(`${name}[${i}]`, `${name}[${i}] overflows float64 (must be finite); received ${value}`);
  }
  return value;
}
