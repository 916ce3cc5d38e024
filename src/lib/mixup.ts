/**
 * mixup (Zhang, Cissé, Dauphin & Lopez-Paz, ICLR 2018, arXiv:1710.09412): a training example made of
 * two, x̃ = λ·x_i + (1 − λ)·x_j with the target ỹ = λ·y_i + (1 − λ)·y_j of their one-hot labels, λ drawn
 * from Beta(α, α). The label changes with the input: unlike a flip or a crop, mixup is not a
 * label-preserving transform.
 *
 * Because the cross-entropy is linear in the target, the loss on the soft target is the λ-weighted sum
 * of the two ordinary losses: CE(z, ỹ) = λ·CE(z, y_i) + (1 − λ)·CE(z, y_j) for any logits z
 * (`mixupLoss` computes both sides). The page takes λ directly (no sampler) and describes Beta(α, α)
 * through its density and cumulative distribution (`betaPdf`, `betaCdf`, `mixupEdgeMass`), which equal
 * scipy.stats.beta (fixture mixup_cutout, scripts/fixtures/mixup_cutout.py).
 *
 * The logits of the page's example come from a nearest-class-mean scorer (`classMeans`,
 * `centroidLogits`: z_k = −‖x − μ_k‖²), a classifier simple enough to print, not a trained network.
 */
import { crossEntropy, MAX_CLASSES } from './labelSmoothing';
import { describe, finite, finiteResult, inRange, integer, isArrayLike, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Most values one mixed input may have (1,048,576: a 1024×1024 grey image). */
export const MAX_MIX_VALUES = 1 << 20;
/** Bounds of the Beta parameters (the density and the distribution function stay accurate to ~1e-13 inside). */
export const BETA_PARAM_MIN = 0.01;
export const BETA_PARAM_MAX = 100;
/** Most examples `classMeans` averages. */
export const MAX_MEAN_ROWS = 1 << 16;

/** x̃ = λ·x_i + (1 − λ)·x_j, entry by entry (the same two products and sum as `lam * x_i + (1 - lam) * x_j` in PyTorch). */
export function mixup(xi: ArrayLike<number>, xj: ArrayLike<number>, lambda: number): number[] {
  const a = vector('xi', xi, 1, MAX_MIX_VALUES);
  const b = vector('xj', xj, 1, MAX_MIX_VALUES);
  if (b.length !== a.length) throw paramRangeError('xj', `xj must have the same length as xi (${a.length}); received length ${b.length}`);
  const lam = inRange('lambda', lambda, 0, 1);
  const rest = 1 - lam;
  return finiteResult('mixup', a.map((v, k) => lam * v + rest * b[k]!));
}

/** ỹ = λ·onehot(y_i) + (1 − λ)·onehot(y_j) over K classes (one-hot when y_i = y_j: λ + (1 − λ) = 1). */
export function mixupTarget(yi: number, yj: number, numClasses: number, lambda: number): number[] {
  const k = integer('numClasses', numClasses, 2, MAX_CLASSES);
  const i = integer('yi', yi, 0, k - 1);
  const j = integer('yj', yj, 0, k - 1);
  const lam = inRange('lambda', lambda, 0, 1);
  const t = new Array<number>(k).fill(0);
  t[i] = t[i]! + lam;
  t[j] = t[j]! + (1 - lam);
  return t;
}

export interface MixupLoss {
  /** The soft target ỹ. */
  target: number[];
  /** CE(z, ỹ): torch.nn.functional.cross_entropy with a probability target. */
  soft: number;
  /** CE(z, y_i) and CE(z, y_j): cross_entropy with each class index. */
  ceI: number;
  ceJ: number;
  /** λ·CE(z, y_i) + (1 − λ)·CE(z, y_j), equal to `soft` up to rounding. */
  split: number;
}

/** Both sides of the identity CE(z, ỹ) = λ·CE(z, y_i) + (1 − λ)·CE(z, y_j) for logits z. */
export function mixupLoss(logits: ArrayLike<number>, yi: number, yj: number, lambda: number): MixupLoss {
  const z = vector('logits', logits, 2, MAX_CLASSES);
  const target = mixupTarget(yi, yj, z.length, lambda);
  const lam = lambda;
  const soft = crossEntropy(z, target);
  const ceI = crossEntropy(z, yi);
  const ceJ = crossEntropy(z, yj);
  return finiteResult('mixupLoss', { target, soft, ceI, ceJ, split: lam * ceI + (1 - lam) * ceJ });
}

/** μ_k: the mean of the rows of class k, for k = 0 … K − 1 (a class without rows is refused). */
export function classMeans(x: ArrayLike<ArrayLike<number>>, y: ArrayLike<number>, numClasses: number): number[][] {
  if (!isArrayLike(x)) throw paramTypeError('x', `x must be an array of rows; received ${describe(x)}`);
  if (x.length < 1 || x.length > MAX_MEAN_ROWS) throw paramRangeError('x', `x must have length in [1, ${MAX_MEAN_ROWS}]; received length ${x.length}`);
  if (!isArrayLike(y)) throw paramTypeError('y', `y must be an array of class indices; received ${describe(y)}`);
  if (y.length !== x.length) throw paramRangeError('y', `y must have one class per row of x (length ${x.length}); received length ${y.length}`);
  const k = integer('numClasses', numClasses, 1, MAX_CLASSES);
  const first = vector('x[0]', x[0], 1, Math.floor(MAX_MIX_VALUES / k));
  const d = first.length;
  if (x.length * d > MAX_MIX_VALUES * 4) throw paramRangeError('x', `x must have at most ${MAX_MIX_VALUES * 4} values; received ${x.length}×${d}`);
  const sums = Array.from({ length: k }, () => new Array<number>(d).fill(0));
  const counts = new Array<number>(k).fill(0);
  for (let r = 0; r < x.length; r++) {
    const row = r === 0 ? first : vector(`x[${r}]`, x[r], d, d);
    const c = integer(`y[${r}]`, y[r], 0, k - 1);
    counts[c]!++;
    const s = sums[c]!;
    for (let t = 0; t < d; t++) s[t] = s[t]! + row[t]!;
  }
  const empty = counts.findIndex((n) => n === 0);
  if (empty >= 0) throw paramRangeError('y', `y must contain every class 0 to ${k - 1}; received no rows of class ${empty}`);
  return finiteResult('classMeans', sums.map((s, c) => s.map((v) => v / counts[c]!)));
}

/** z_k = −‖x − μ_k‖² (the scores of a nearest-class-mean classifier, as logits). */
export function centroidLogits(x: ArrayLike<number>, means: ArrayLike<ArrayLike<number>>): number[] {
  const v = vector('x', x, 1, MAX_MIX_VALUES);
  if (!isArrayLike(means)) throw paramTypeError('means', `means must be an array of rows; received ${describe(means)}`);
  if (means.length < 2 || means.length > MAX_CLASSES) throw paramRangeError('means', `means must have length in [2, ${MAX_CLASSES}]; received length ${means.length}`);
  if (means.length * v.length > MAX_MIX_VALUES * 4) throw paramRangeError('means', `means must have at most ${MAX_MIX_VALUES * 4} values; received ${means.length}×${v.length}`);
  const out = new Array<number>(means.length);
  for (let c = 0; c < means.length; c++) {
    const m = vector(`means[${c}]`, means[c], v.length, v.length);
    let s = 0;
    for (let t = 0; t < v.length; t++) s += (v[t]! - m[t]!) ** 2;
    out[c] = -s;
  }
  return finiteResult('centroidLogits', out);
}

// ---------------------------------------------------------------------------------------------------
// Beta(a, b): density and distribution function, for λ ~ Beta(α, α).

/** Lanczos coefficients (g = 7, n = 9): ln Γ to about 1e-15 relative for x > 0. */
const LANCZOS_G = 7;
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0 (the callers check x). Reflection below 1/2. */
export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - lnGamma(1 - x);
  const y = x - 1;
  let a = LANCZOS[0]!;
  const t = y + LANCZOS_G + 0.5;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (y + i);
  return 0.5 * Math.log(2 * Math.PI) + (y + 0.5) * Math.log(t) - t + Math.log(a);
}

/** ln B(a, b) = ln Γ(a) + ln Γ(b) − ln Γ(a + b). */
function lnBeta(a: number, b: number): number {
  return lnGamma(a) + lnGamma(b) - lnGamma(a + b);
}

function betaParams(a: unknown, b: unknown): [number, number] {
  return [inRange('a', a, BETA_PARAM_MIN, BETA_PARAM_MAX), inRange('b', b, BETA_PARAM_MIN, BETA_PARAM_MAX)];
}

/**
 * The density of Beta(a, b) at x ∈ [0, 1]: x^(a−1)·(1 − x)^(b−1) / B(a, b). At x = 0 (or 1) it is
 * infinite when a < 1 (b < 1): such an x is refused, as a density there has no finite value.
 */
export function betaPdf(x: number, a: number, b: number): number {
  const v = inRange('x', x, 0, 1);
  const [p, q] = betaParams(a, b);
  if ((v === 0 && p < 1) || (v === 1 && q < 1)) {
    throw paramRangeError('x', `x must be in (0, 1) when ${v === 0 ? 'a' : 'b'} < 1 (the density is infinite at ${v}); received ${v}`);
  }
  const lb = lnBeta(p, q);
  if (v === 0) return p === 1 ? Math.exp(-lb) : 0;
  if (v === 1) return q === 1 ? Math.exp(-lb) : 0;
  return finiteResult('betaPdf', Math.exp((p - 1) * Math.log(v) + (q - 1) * Math.log1p(-v) - lb));
}

/** The continued fraction of I_x(a, b) (modified Lentz), used where it converges fast: x < (a + 1)/(a + b + 2). */
function betaContinuedFraction(x: number, a: number, b: number): number {
  const TINY = 1e-300;
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  // Converges in O(√max(a, b)) steps; 1000 is far more than a, b ≤ 100 need (bounded work).
  for (let m = 1; m <= 1000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return h;
}

/** I_x(a, b) with the checks done. */
function regularizedBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  const front = Math.exp(a * Math.log(x) + b * Math.log1p(-x) - lnBeta(a, b));
  if (x < (a + 1) / (a + b + 2)) return (front * betaContinuedFraction(x, a, b)) / a;
  return 1 - (front * betaContinuedFraction(1 - x, b, a)) / b;
}

/** P(X ≤ x) for X ~ Beta(a, b): the regularized incomplete beta function I_x(a, b) (scipy.stats.beta.cdf). */
export function betaCdf(x: number, a: number, b: number): number {
  const v = inRange('x', x, 0, 1);
  const [p, q] = betaParams(a, b);
  return finiteResult('betaCdf', Math.min(1, Math.max(0, regularizedBeta(v, p, q))));
}

/**
 * P(λ < m or λ > 1 − m) for λ ~ Beta(α, α): how often mixup hardly mixes (λ within m of 0 or 1).
 * By symmetry 2·I_m(α, α); m in (0, 0.5] (at 0.5 it is 1).
 */
export function mixupEdgeMass(alpha: number, margin = 0.1): number {
  const a = inRange('alpha', alpha, BETA_PARAM_MIN, BETA_PARAM_MAX);
  const m = finite('margin', margin);
  if (!(m > 0 && m <= 0.5)) throw paramRangeError('margin', `margin must be in (0, 0.5]; received ${describe(m)}`);
  if (m === 0.5) return 1;
  return finiteResult('mixupEdgeMass', Math.min(1, 2 * regularizedBeta(m, a, a)));
}
