/**
 * The exact accuracy of a linear classifier under FGSM over the whole data distribution of
 * `twoClassSplit` (adversarialTraining.ts) — the number a test set of n + n points estimates.
 *
 * Class y with s = 2y − 1 draws x = s·μ + σ ⊙ n, n ~ N(0, I). For z = w·x + b, FGSM with step ε
 * gives s·z_adv = s·z − ε‖w‖₁ (the exact worst case in the L∞ ball, see `flipEpsilon`), and
 * s·z = w·μ + s·b + s·(σ ⊙ w)·n is normal with mean w·μ + s·b and standard deviation ‖σ ⊙ w‖₂. So
 *
 *   P(correct | y) = Φ((w·μ + s·b − ε‖w‖₁) / ‖σ ⊙ w‖₂),
 *
 * and the accuracy is the mean over the two (equally frequent) classes. Φ is the standard normal
 * CDF, ½·erfc(−t/√2): Python's `0.5 * math.erfc(-t / math.sqrt(2))`, `torch.special.ndtr`.
 *
 * A finite test set agrees up to sampling noise: the accuracy on N points has standard deviation
 * √(p(1 − p)/N) (`testAccuracyStd`). (In float64 FGSM leaves a point alone when σ(z) rounds to y,
 * |z| ≳ 37; that changes a prediction only where ε‖w‖₁ ≳ 37.)
 *
 * Not re-exported by src/lib/index.ts; its hostile-input property is in
 * tests/unit/adversarialExpected.test.ts.
 */
import { checkTwoClassShape, TWO_CLASS_SHAPE, type TwoClassShape } from './adversarialTraining';
import type { LogisticModel } from './fgsm';
import { atLeast, describe, finite, finiteResult, inRange, integer, vector } from './validate';
import { paramTypeError } from './refusal';

const TWO_OVER_SQRT_PI = 1.1283791670955126;
const ONE_OVER_SQRT_PI = 0.5641895835477563;

/** erfc(x) for x ≥ 0, to about 1e-16 absolute. */
function erfcNonNegative(x: number): number {
  if (x < 2.5) {
    // erf(x) = 2/√π · e^(−x²) · Σₖ 2ᵏ x^(2k+1) / (1·3·…·(2k+1)): every term positive, no cancellation.
    const x2 = 2 * x * x;
    let term = x;
    let sum = x;
    for (let k = 1; k < 200 && term > sum * 1e-17; k++) {
      term *= x2 / (2 * k + 1);
      sum += term;
    }
    return 1 - TWO_OVER_SQRT_PI * Math.exp(-x * x) * sum;
  }
  // Laplace's continued fraction erfc(x) = e^(−x²)/√π · 1/(x + ½/(x + 1/(x + (3/2)/(x + …)))),
  // evaluated from the tail; 120 terms are past convergence for x ≥ 2.5.
  let f = x;
  for (let k = 120; k >= 1; k--) f = x + k / 2 / f;
  return (ONE_OVER_SQRT_PI * Math.exp(-x * x)) / f;
}

function erfcAny(x: number): number {
  return x >= 0 ? erfcNonNegative(x) : 2 - erfcNonNegative(-x);
}

/** Φ(t) for any t but NaN: Φ(−∞) = 0, Φ(+∞) = 1. */
function phi(t: number): number {
  if (t === Infinity) return 1;
  if (t === -Infinity) return 0;
  return 0.5 * erfcAny(-t / Math.SQRT2);
}

/** The complementary error function erfc(x) = 1 − erf(x) (Python's `math.erfc`). */
export function erfc(x: number): number {
  return erfcAny(finite('x', x));
}

/** The standard normal CDF Φ(t) = ½·erfc(−t/√2) (`torch.special.ndtr`). */
export function normalCdf(t: number): number {
  return phi(finite('t', t));
}

/**
 * Accuracy of `model` under FGSM with step ε over the whole distribution of `twoClassSplit` with
 * this `shape` (ε = 0: the clean accuracy). When σ ⊙ w = 0 the margin is not random and each class
 * is right or wrong as a whole (on the boundary z = 0, `predict` says class 0).
 */
export function expectedAccuracyUnderFgsm(model: LogisticModel, eps: number, shape: TwoClassShape = TWO_CLASS_SHAPE): number {
  const { mean, std } = checkTwoClassShape(shape);
  if (typeof model !== 'object' || model === null) {
    throw paramTypeError('model', `model must be an object { w, b }; received ${describe(model)}`);
  }
  const w = vector('model.w', (model as Partial<LogisticModel>).w, mean.length, mean.length);
  const b = finite('model.b', (model as Partial<LogisticModel>).b);
  const e = atLeast('eps', eps, 0);
  let wMu = 0;
  let l1 = 0;
  for (let j = 0; j < w.length; j++) {
    wMu += w[j]! * mean[j]!;
    l1 += Math.abs(w[j]!);
  }
  const sd = Math.hypot(...w.map((v, j) => v * std[j]!));
  // ε·‖w‖₁ with ε = 0 is 0 even when ‖w‖₁ overflows.
  const push = e === 0 ? 0 : e * l1;
  const perClass = [-1, 1].map((s) => {
    const margin = wMu + s * b - push;
    if (Number.isNaN(margin)) return NaN;
    if (sd === 0) return margin > 0 || (s === -1 && margin === 0) ? 1 : 0;
    const t = margin / sd;
    return Number.isNaN(t) ? NaN : phi(t);
  });
  return finiteResult('expectedAccuracyUnderFgsm', (perClass[0]! + perClass[1]!) / 2);
}

/** Standard deviation √(p(1 − p)/N) of an accuracy measured on N independent points, p the true one. */
export function testAccuracyStd(p: number, points: number): number {
  const q = inRange('p', p, 0, 1);
  const n = integer('points', points, 1);
  return Math.sqrt((q * (1 - q)) / n);
}
