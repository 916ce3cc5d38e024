/**
 * L1/L2 page, cell 1: the penalty calculator. λ·Σ|wᵢ| and λ·Σwᵢ² with the reader's weights, each
 * formula printed with the numbers filled in, and the gradients the two penalties add.
 */
import { l1Penalty, l1Subgradient, l2Gradient, l2Penalty } from '../lib/penalties';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell } from './define';
import { exact, num, paren } from './l1l2Shared';
import { pyFloat, pyList } from './python';

export const l1l2PenaltySchema = {
  w: { kind: 'vector', minLength: 1, maxLength: 10, min: -1000, max: 1000, default: [1, -2] },
  lam: { kind: 'number', min: 0, max: 10, step: 0.01, default: 0.1 },
} as const satisfies Schema;

export type L1l2PenaltyState = StateOf<typeof l1l2PenaltySchema>;

export const l1l2PenaltyParamOf: Record<string, keyof L1l2PenaltyState> = { w: 'w', lambda: 'lam' };

export interface L1l2PenaltyView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
}

/** Every word the cell shows; the view's own strings are formulas, the same in both languages. */
const words = {
  zh: {
    title: '实时单元：L1 与 L2 惩罚计算器',
    fields: {
      w: { label: '权重 w' },
      lam: { label: '正则化系数 λ' },
    },
    l1: 'L1 惩罚 λ·Σ|wᵢ|', l2: 'L2 惩罚 λ·Σwᵢ²',
    caption: '逐个权重：惩罚的贡献与梯度', weight: '权重', abs: '|wᵢ|', sq: 'wᵢ²', g1: 'L1 梯度 λ·sign(wᵢ)', g2: 'L2 梯度 2λ·wᵢ',
  },
  en: {
    title: 'Live cell: the L1 and L2 penalty calculator',
    fields: {
      w: { label: 'Weights w' },
      lam: { label: 'Regularization strength λ' },
    },
    l1: 'L1 penalty λ·Σ|wᵢ|', l2: 'L2 penalty λ·Σwᵢ²',
    caption: 'Per weight: its share of the penalty and the gradient', weight: 'Weight', abs: '|wᵢ|', sq: 'wᵢ²', g1: 'L1 gradient λ·sign(wᵢ)', g2: 'L2 gradient 2λ·wᵢ',
  },
} as const;

/** `lang` only picks the spoken summary's words (every other string here is a formula). */
export function l1l2PenaltyView(s: L1l2PenaltyState, lang: Lang): L1l2PenaltyView {
  const w = [...s.w];
  const lam = exact(s.lam);
  const p1 = l1Penalty(w, s.lam);
  const p2 = l2Penalty(w, s.lam);
  const g1 = l1Subgradient(w, s.lam);
  const g2 = l2Gradient(w, s.lam);
  const abs = w.map((x) => `|${exact(x)}|`).join(' + ');
  const sq = w.map((x) => `${paren(exact(x))}²`).join(' + ');
  const rows = w.map((x, i) => [`w${sub(i + 1)} = ${exact(x)}`, num(l1Penalty([x], 1)), num(l2Penalty([x], 1)), num(g1[i]!), num(g2[i]!)]);
  return {
    text: {
      l1: num(p1),
      l2: num(p2),
      l1Formula: `${lam}·(${abs}) = ${num(p1)}`,
      l2Formula: `${lam}·(${sq}) = ${num(p2)}`,
      summary: summary(lang, [['L1 惩罚', 'L1 penalty', num(p1)], ['L2 惩罚', 'L2 penalty', num(p2)]]),
      pytorch: pytorchCode(s),
    },
    rows: { weights: rows },
  };
}

/** Unicode subscript digits for wᵢ labels. */
export function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => '₀₁₂₃₄₅₆₇₈₉'[Number(d)]!);
}

export function pytorchCode(s: L1l2PenaltyState): string {
  return [
    'import torch',
    '',
    `w = torch.tensor(${pyList(s.w)}, dtype=torch.float64, requires_grad=True)`,
    `lam = ${pyFloat(s.lam)}`,
    '',
    'l1 = lam * w.abs().sum()   # λ·Σ|w_i|',
    'l2 = lam * (w ** 2).sum()  # λ·Σw_i² (the seed\'s form, no ½)',
    'print("L1 penalty:", round(l1.item(), 4))',
    'print("L2 penalty:", round(l2.item(), 4))',
    '',
    '# The gradients backward() adds to w.grad:',
    'g1, = torch.autograd.grad(l1, w)  # λ·sign(w), sign(0) = 0',
    'g2, = torch.autograd.grad(l2, w)  # 2λ·w',
    'print("L1 gradient:", [round(x, 4) for x in g1.tolist()])',
    'print("L2 gradient:", [round(x, 4) for x in g2.tolist()])',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'l1l2-penalty',
  prefix: 'l12',
  schema: l1l2PenaltySchema,
  paramOf: l1l2PenaltyParamOf,
  words,
  layout: [
    { fields: ['w', 'lam'] },
    { result: 'l1Formula', label: 'l1', output: true },
    { result: 'l2Formula', label: 'l2', output: true },
    { table: 'weights', caption: 'caption', head: ['weight', 'abs', 'sq', 'g1', 'g2'] },
    { code: 'pytorch' },
  ],
  view: l1l2PenaltyView,
});
