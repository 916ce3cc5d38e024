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
import { defineCell, fill } from './define';
import { exact, paren } from './l1l2Shared';
import { pyFloat } from './python';

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
  /** The two readings of weight_decay side by side: penalty, gradient, step, verdict. */
  rows: Record<'readings', string[][]>;
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：SGD 的 weight_decay 等于哪个 L2 惩罚？',
    fields: {
      sw: { label: '权重 w' },
      sg: { label: '损失的梯度 g' },
      slr: { label: '学习率 lr' },
      swd: { label: 'weight_decay' },
    },
    torch: 'PyTorch 的一步 SGD(weight_decay=wd)', formula: '代入数字',
    half: '惩罚 (wd/2)·Σw² 的一步', seed: '原文的理解：λ·Σw²，λ = wd', rule: '换算',
    caption: '同一步的两种读法，与 PyTorch 比较',
    penalty: '惩罚', grad: '梯度', step: '一步', reading: '读法', verdict: '与 PyTorch 比较',
    same: '与 PyTorch 相同',
    differs: '与 PyTorch 相差 {d}',
  },
  en: {
    title: 'Live cell: which L2 penalty is SGD’s weight_decay?',
    fields: {
      sw: { label: 'Weight w' },
      sg: { label: 'Loss gradient g' },
      slr: { label: 'Learning rate lr' },
      swd: { label: 'weight_decay' },
    },
    torch: 'One PyTorch step, SGD(weight_decay=wd)', formula: 'Numbers filled in',
    half: 'One step on the penalty (wd/2)·Σw²', seed: 'The seed’s reading: λ·Σw² with λ = wd', rule: 'Conversion',
    caption: 'The same step under two readings, compared with PyTorch',
    penalty: 'penalty', grad: 'gradient', step: 'step', reading: 'reading', verdict: 'vs PyTorch',
    same: 'the same as PyTorch',
    differs: 'differs from PyTorch by {d}',
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
  const halfPenalty = `(wd/2)·w² = (${WD}/2)·${paren(W)}² = ${exact(l2Penalty([w0], wd / 2))}`;
  const halfGradText = `∇ = 2·(wd/2)·w = ${exact(halfGrad)}`;
  const halfStep = `${W} − ${LR}·(${G} + ${paren(exact(halfGrad))}) = ${exact(viaHalf)}`;
  const halfVerdict = exact(viaHalf) === exact(torch) ? w.same : fill(w.differs, { d: exact(viaHalf - torch) });
  const seedPenalty = `λ·w² = ${WD}·${paren(W)}² = ${exact(l2Penalty([w0], wd))}`;
  const seedGradText = `∇ = 2·λ·w = ${exact(seedGrad)}`;
  const seedStep = `${W} − ${LR}·(${G} + ${paren(exact(seedGrad))}) = ${exact(viaSeed)}`;
  const seedVerdict = exact(viaSeed) === exact(torch) ? w.same : fill(w.differs, { d: exact(gap) });
  return {
    text: {
      torch: exact(torch),
      torchFormula: `w − lr·(g + wd·w) = ${W} − ${LR}·(${G} + ${WD}·${paren(W)}) = ${exact(torch)}`,
      halfPenalty,
      halfGrad: halfGradText,
      halfStep,
      halfVerdict,
      seedPenalty,
      seedGrad: seedGradText,
      seedStep,
      seedVerdict,
      rule: `weight_decay = 2·λ  ⇔  λ = weight_decay/2 = ${exact(wd / 2)}`,
      summary: summary(lang, [['PyTorch 一步', 'PyTorch step', exact(torch)], ['(wd/2)·Σw²', '(wd/2)·Σw²', exact(viaHalf)], ['λ = wd', 'λ = wd', exact(viaSeed)]]),
      pytorch: pytorchCode(s),
    },
    rows: {
      readings: [
        [w.half, halfPenalty, halfGradText, halfStep, halfVerdict],
        [w.seed, seedPenalty, seedGradText, seedStep, seedVerdict],
      ],
    },
  };
}

export function pytorchCode(s: L1l2WeightDecayState): string {
  return [
    'import torch',
    '',
    `w0, g, lr, wd = ${pyFloat(s.sw)}, ${pyFloat(s.sg)}, ${pyFloat(s.slr)}, ${pyFloat(s.swd)}`,
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

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'l1l2-wd',
  prefix: 'l12',
  schema: l1l2WeightDecaySchema,
  paramOf: l1l2WeightDecayParamOf,
  words,
  layout: [
    { fields: ['sw', 'sg', 'slr', 'swd'] },
    { result: 'torch', label: 'torch', output: true },
    { result: 'torchFormula', label: 'formula' },
    { table: 'readings', caption: 'caption', head: ['reading', 'penalty', 'grad', 'step', 'verdict'] },
    { result: 'rule', label: 'rule' },
    { code: 'pytorch' },
  ],
  view: l1l2WeightDecayView,
});
