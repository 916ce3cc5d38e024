/**
 * L1/L2 page, cell 5: the seed's `SGD(weight_decay=wd)` and the factor of two (erratum 6).
 *
 * PyTorch's SGD adds wd·w to the gradient. That is the gradient of (wd/2)·Σw², so weight_decay=wd
 * is the seed's λ·Σw² penalty with λ = wd/2 — not λ = wd. Worked: w=1, g=0.5, lr=0.1, wd=0.01 →
 * 1 − 0.1·(0.5 + 0.01·1) = 0.949; reading weight_decay as λ = wd would give 0.948.
 */
import { l2Gradient, l2Penalty } from '../lib/penalties';
import { sgdStep } from '../lib/optimizers';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { exact, paren, py } from './l1l2Shared';

export const l1l2WeightDecaySchema = {
  sw: { kind: 'number', min: -100, max: 100, step: 0.1, default: 1 },
  sg: { kind: 'number', min: -100, max: 100, step: 0.1, default: 0.5 },
  slr: { kind: 'number', min: 0, max: 10, step: 0.01, default: 0.1 },
  swd: { kind: 'number', min: 0, max: 1, step: 0.001, default: 0.01 },
} as const satisfies Schema;

export type L1l2WeightDecayState = StateOf<typeof l1l2WeightDecaySchema>;

export const l1l2WeightDecayParamOf: Record<string, keyof L1l2WeightDecayState> = {
  w: 'sw', grad: 'sg', lr: 'slr', weightDecay: 'swd', lambda: 'swd',
};

export interface L1l2WeightDecayView {
  text: Record<string, string>;
}

const words = {
  zh: {
    same: '与 PyTorch 相同',
    differs: (d: string) => `与 PyTorch 相差 ${d}`,
  },
  en: {
    same: 'the same as PyTorch',
    differs: (d: string) => `differs from PyTorch by ${d}`,
  },
} as const;

export function l1l2WeightDecayView(s: L1l2WeightDecayState, lang: Lang): L1l2WeightDecayView {
  const w = words[lang];
  const [w0, g, lr, wd] = [s.sw, s.sg, s.slr, s.swd];
  const W = exact(w0);
  const G = exact(g);
  const LR = exact(lr);
  const WD = exact(wd);
  // PyTorch's step.
  const torch = sgdStep([w0], [g], { lr, weightDecay: wd })[0]!;
  // The same step from an explicit penalty (wd/2)·w²: its gradient is wd·w.
  const halfGrad = l2Gradient([w0], wd / 2)[0]!;
  const viaHalf = sgdStep([w0], [g + halfGrad], { lr })[0]!;
  // The seed's reading: λ·w² with λ = wd, gradient 2·wd·w — twice the decay.
  const seedGrad = l2Gradient([w0], wd)[0]!;
  const viaSeed = sgdStep([w0], [g + seedGrad], { lr })[0]!;
  const gap = viaSeed - torch;
  return {
    text: {
      torch: exact(torch),
      torchFormula: `w − lr·(g + wd·w) = ${W} − ${LR}·(${G} + ${WD}·${paren(W)}) = ${exact(torch)}`,
      halfPenalty: `(wd/2)·w² = (${WD}/2)·${paren(W)}² = ${exact(l2Penalty([w0], wd / 2))}`,
      halfGrad: `∇ = 2·(wd/2)·w = ${exact(halfGrad)}`,
      halfStep: `${W} − ${LR}·(${G} + ${paren(exact(halfGrad))}) = ${exact(viaHalf)}`,
      halfVerdict: exact(viaHalf) === exact(torch) ? w.same : w.differs(exact(viaHalf - torch)),
      seedPenalty: `λ·w² = ${WD}·${paren(W)}² = ${exact(l2Penalty([w0], wd))}`,
      seedGrad: `∇ = 2·λ·w = ${exact(seedGrad)}`,
      seedStep: `${W} − ${LR}·(${G} + ${paren(exact(seedGrad))}) = ${exact(viaSeed)}`,
      seedVerdict: exact(viaSeed) === exact(torch) ? w.same : w.differs(exact(gap)),
      rule: `weight_decay = 2·λ  ⇔  λ = weight_decay/2 = ${exact(wd / 2)}`,
      summary: summary(lang, [['PyTorch 一步', 'PyTorch step', exact(torch)], ['(wd/2)·Σw²', '(wd/2)·Σw²', exact(viaHalf)], ['λ = wd', 'λ = wd', exact(viaSeed)]]),
      pytorch: pytorchCode(s),
    },
  };
}

export function pytorchCode(s: L1l2WeightDecayState): string {
  return [
    'import torch',
    '',
    `w0, g, lr, wd = ${py(s.sw)}, ${py(s.sg)}, ${py(s.slr)}, ${py(s.swd)}`,
    '',
    '# PyTorch: SGD(weight_decay=wd) adds wd * w to the gradient',
    'w = torch.nn.Parameter(torch.tensor([w0], dtype=torch.float64))',
    'opt = torch.optim.SGD([w], lr=lr, weight_decay=wd)',
    'w.grad = torch.tensor([g], dtype=torch.float64)',
    'opt.step()',
    'print("SGD(weight_decay=wd):", round(w.item(), 6))',
    '',
    '# The same step from an explicit penalty (wd/2) * w**2, whose gradient is wd * w',
    'v = torch.tensor([w0], dtype=torch.float64, requires_grad=True)',
    'grad_half, = torch.autograd.grad((wd / 2) * (v ** 2).sum(), v)',
    'print("penalty (wd/2)*w**2:", round((v - lr * (g + grad_half)).item(), 6))',
    '',
    '# The seed\'s reading, lambda * w**2 with lambda = wd, decays twice as fast',
    'grad_seed, = torch.autograd.grad(wd * (v ** 2).sum(), v)',
    'print("penalty wd*w**2 (seed):", round((v - lr * (g + grad_seed)).item(), 6))',
  ].join('\n');
}
