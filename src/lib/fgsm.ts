/**
 * The fast gradient sign method (Goodfellow et al., 2015) on a logistic model, small enough to
 * compute by hand yet the same procedure adversarial training uses on deep networks.
 *
 * Model: z = w·x + b, p = σ(z); loss J = BCEWithLogits(z, y). Its input gradient is
 * ∇ₓJ = (σ(z) − y)·w, so FGSM moves every coordinate by ±ε: x_adv = x + ε·sign(∇ₓJ), with
 * sign(0) = 0 as `torch.sign` (a saturated model whose σ(z) rounds to y has a zero gradient and
 * gives x_adv = x). The adversarial objective mixes clean and perturbed loss:
 * α·J(x) + (1 − α)·J(x_adv).
 */
import { describe, finite, finiteResult, inRange, atLeast, vector, sameLength } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

export interface LogisticModel {
  w: ArrayLike<number>;
  b: number;
}

/** Numerically stable logistic function: never evaluates exp of a large positive number. */
export function sigmoid(z: number): number {
  const v = finite('z', z);
  if (v >= 0) return 1 / (1 + Math.exp(-v));
  const e = Math.exp(v);
  return e / (1 + e);
}

function checkModel(model: unknown, n: number): { w: number[]; b: number } {
  if (typeof model !== 'object' || model === null) {
    throw paramTypeError('model', `model must be an object { w, b }; received ${describe(model)}`);
  }
  const m = model as Partial<LogisticModel>;
  const w = vector('model.w', m.w, 1);
  sameLength('x', { length: n }, 'model.w', w);
  return { w, b: finite('model.b', m.b) };
}

function checkLabel(y: unknown): 0 | 1 {
  if (y !== 0 && y !== 1) throw paramRangeError('y', `y must be 0 or 1; received ${describe(y)}`);
  return y;
}

function logit(x: number[], model: { w: number[]; b: number }): number {
  let z = model.b;
  for (let i = 0; i < x.length; i++) z += model.w[i]! * x[i]!;
  return z;
}

/**
 * Binary cross-entropy on the logit, max(z, 0) − z·y + log(1 + e^(−|z|)): the stable form of
 * −[y log σ(z) + (1 − y) log(1 − σ(z))], which overflows for |z| ≳ 710 in the naive form.
 */
export function bceWithLogits(x: ArrayLike<number>, model: LogisticModel, y: 0 | 1): number {
  const xs = vector('x', x, 1);
  const m = checkModel(model, xs.length);
  const label = checkLabel(y);
  const z = logit(xs, m);
  return finiteResult('bceWithLogits', Math.max(z, 0) - z * label + Math.log1p(Math.exp(-Math.abs(z))));
}

/** ∇ₓ BCEWithLogits = (σ(z) − y)·w, as PyTorch's autograd computes it. */
export function inputGradient(x: ArrayLike<number>, model: LogisticModel, y: 0 | 1): number[] {
  const xs = vector('x', x, 1);
  const m = checkModel(model, xs.length);
  const label = checkLabel(y);
  const g = sigmoid(finiteResult('the logit w·x + b', logit(xs, m))) - label;
  return finiteResult('inputGradient', m.w.map((wi) => g * wi));
}

/** x_adv = x + ε·sign(∇ₓJ): the L∞-bounded step that increases the loss fastest to first order. */
export function fgsm(x: ArrayLike<number>, model: LogisticModel, y: 0 | 1, eps: number): number[] {
  const e = atLeast('eps', eps, 0);
  const grad = inputGradient(x, model, y);
  return finiteResult('fgsm', grad.map((g, i) => (x[i] as number) + e * Math.sign(g)));
}

/** α·J(x) + (1 − α)·J(x_adv); α = 1 is ordinary training, α = 0.5 Goodfellow et al.'s choice. */
export function adversarialLoss(
  x: ArrayLike<number>,
  model: LogisticModel,
  y: 0 | 1,
  eps: number,
  alpha: number,
): { clean: number; adversarial: number; total: number; xAdv: number[] } {
  const a = inRange('alpha', alpha, 0, 1);
  const xAdv = fgsm(x, model, y, eps);
  const clean = bceWithLogits(x, model, y);
  const adversarial = bceWithLogits(xAdv, model, y);
  return finiteResult('adversarialLoss', { clean, adversarial, total: a * clean + (1 - a) * adversarial, xAdv });
}
