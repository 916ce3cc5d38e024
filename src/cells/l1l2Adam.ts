/**
 * L1/L2 page, cell 6: one step of Adam with weight_decay (L2 added to the gradient, "coupled")
 * against AdamW (w shrunk by (1 − lr·wd) outside Adam, "decoupled"). Worked: w=1, g=0.5, lr=0.1,
 * wd=0.01 → Adam 0.9, AdamW 0.899. Adam's first step has size ≈ lr whatever the gradient, so the
 * decay term added to the gradient is normalized away; AdamW's decay survives as −lr·wd·w.
 */
import { l2Gradient } from '../lib/penalties';
import { adamStep, adamwStep, sgdStep } from '../lib/optimizers';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell } from './define';
import { exact, paren, sig } from './l1l2Shared';
import { pyFloat } from './python';

export const l1l2AdamSchema = {
  aw: { kind: 'number', min: -100, max: 100, step: 0.1, default: 1 },
  ag: { kind: 'number', min: -100, max: 100, step: 0.1, default: 0.5 },
  alr: { kind: 'number', min: 0, max: 10, step: 0.01, default: 0.1 },
  awd: { kind: 'number', min: 0, max: 1, step: 0.001, default: 0.01 },
} as const satisfies Schema;

export type L1l2AdamState = StateOf<typeof l1l2AdamSchema>;

export const l1l2AdamParamOf: Record<string, keyof L1l2AdamState> = {
  w: 'aw', grad: 'ag', lr: 'alr', weightDecay: 'awd',
};

/** PyTorch's defaults, fixed in this cell and printed in its formulas. */
export const ADAM_BETAS = [0.9, 0.999] as const;
export const ADAM_EPS = 1e-8;

export interface L1l2AdamView {
  text: Record<string, string>;
}

/** Every word the cell shows (the view's own strings are formulas, the same in both languages). */
const words = {
  zh: {
    title: '实时单元：Adam + L2 与 AdamW，各走一步',
    fields: {
      aw: { label: '权重 w' },
      ag: { label: '损失的梯度 g' },
      alr: { label: '学习率 lr' },
      awd: { label: 'weight_decay' },
    },
    fixed: 'β₁ = 0.9，β₂ = 0.999，ε = 1e−8（PyTorch 默认值），从零状态开始的第一步。',
    adam: 'Adam(weight_decay=wd)：把 wd·w 加进梯度', adamw: 'AdamW(weight_decay=wd)：在 Adam 之外直接收缩 w',
    grad: '梯度', moments: '矩估计', decay: '衰减', update: '更新',
    effect: '这一步里权重衰减的作用', plain: '不加衰减的 Adam', adamEffect: 'Adam + L2', adamwEffect: 'AdamW', gap: 'AdamW − Adam',
  },
  en: {
    title: 'Live cell: Adam + L2 versus AdamW, one step each',
    fields: {
      aw: { label: 'Weight w' },
      ag: { label: 'Loss gradient g' },
      alr: { label: 'Learning rate lr' },
      awd: { label: 'weight_decay' },
    },
    fixed: 'β₁ = 0.9, β₂ = 0.999, ε = 1e−8 (PyTorch’s defaults); the first step from a zero state.',
    adam: 'Adam(weight_decay=wd): wd·w is added to the gradient', adamw: 'AdamW(weight_decay=wd): w is shrunk outside Adam',
    grad: 'Gradient', moments: 'Moments', decay: 'Decay', update: 'Update',
    effect: 'What weight decay changed in this step', plain: 'Adam without decay', adamEffect: 'Adam + L2', adamwEffect: 'AdamW', gap: 'AdamW − Adam',
  },
} as const;

export function l1l2AdamView(s: L1l2AdamState, lang: Lang): L1l2AdamView {
  const [w0, g, lr, wd] = [s.aw, s.ag, s.alr, s.awd];
  const opts = { lr, weightDecay: wd, betas: ADAM_BETAS, eps: ADAM_EPS };
  const adam = adamStep([w0], [g], opts);
  const adamw = adamwStep([w0], [g], opts);
  const plain = adamStep([w0], [g], { ...opts, weightDecay: 0 });
  // Adam's L2: the gradient it sees is g + wd·w (the gradient of (wd/2)·w²).
  const gCoupled = g + l2Gradient([w0], wd / 2)[0]!;
  // AdamW's decoupled decay alone is SGD's weight-decay step with a zero gradient: w − lr·wd·w.
  const decayed = sgdStep([w0], [0], { lr, weightDecay: wd })[0]!;
  const [b1, b2] = ADAM_BETAS;
  const W = exact(w0);
  const G = exact(g);
  const LR = exact(lr);
  const WD = exact(wd);
  const update = (from: string, m: number, v: number, to: number) =>
    `${from} − ${LR}·(${sig(m)}/(1 − ${b1}))/(√(${sig(v)}/(1 − ${b2})) + 1e−8) = ${exact(to)}`;
  const aW = adam.w[0]!;
  const awW = adamw.w[0]!;
  const pW = plain.w[0]!;
  return {
    text: {
      adam: exact(aW),
      adamw: exact(awW),
      adamGrad: `g′ = g + wd·w = ${G} + ${WD}·${paren(W)} = ${exact(gCoupled)}`,
      adamMoments: `m = (1 − ${b1})·${paren(exact(gCoupled))} = ${sig(adam.state.m[0]!)},  v = (1 − ${b2})·${paren(exact(gCoupled))}² = ${sig(adam.state.v[0]!)}`,
      adamUpdate: update(W, adam.state.m[0]!, adam.state.v[0]!, aW),
      adamwDecay: `w·(1 − lr·wd) = ${W}·(1 − ${LR}·${WD}) = ${exact(decayed)}`,
      adamwMoments: `m = (1 − ${b1})·${paren(G)} = ${sig(adamw.state.m[0]!)},  v = (1 − ${b2})·${paren(G)}² = ${sig(adamw.state.v[0]!)}`,
      adamwUpdate: update(exact(decayed), adamw.state.m[0]!, adamw.state.v[0]!, awW),
      plain: exact(pW),
      adamEffect: sig(aW - pW),
      adamwEffect: sig(awW - pW),
      gap: sig(awW - aW),
      summary: summary(lang, [['Adam + L2', 'Adam + L2', exact(aW)], ['AdamW', 'AdamW', exact(awW)], ['差', 'difference', sig(awW - aW)]]),
      pytorch: pytorchCode(s),
    },
  };
}

export function pytorchCode(s: L1l2AdamState): string {
  return [
    'import torch',
    '',
    `w0, g, lr, wd = ${pyFloat(s.aw)}, ${pyFloat(s.ag)}, ${pyFloat(s.alr)}, ${pyFloat(s.awd)}`,
    '',
    'for name, cls, decay in [("Adam", torch.optim.Adam, wd), ("AdamW", torch.optim.AdamW, wd), ("Adam, no decay", torch.optim.Adam, 0.0)]:',
    '    w = torch.nn.Parameter(torch.tensor([w0], dtype=torch.float64))',
    '    opt = cls([w], lr=lr, betas=(0.9, 0.999), eps=1e-8, weight_decay=decay)',
    '    w.grad = torch.tensor([g], dtype=torch.float64)',
    '    opt.step()',
    '    st = opt.state[w]',
    '    print(name + f": w = {w.item():.6g}  m = {st[\'exp_avg\'].item():.6g}  v = {st[\'exp_avg_sq\'].item():.6g}")',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'l1l2-adam',
  prefix: 'l12',
  schema: l1l2AdamSchema,
  paramOf: l1l2AdamParamOf,
  words,
  layout: [
    { fields: ['aw', 'ag', 'alr', 'awd'] },
    { hint: 'fixed' },
    { heading: 'adam', result: 'adam' },
    { result: 'adamGrad', label: 'grad' },
    { result: 'adamMoments', label: 'moments' },
    { result: 'adamUpdate', label: 'update' },
    { heading: 'adamw', result: 'adamw' },
    { result: 'adamwDecay', label: 'decay' },
    { result: 'adamwMoments', label: 'moments' },
    { result: 'adamwUpdate', label: 'update' },
    {
      pairs: [
        { label: 'plain', slot: 'plain' },
        { label: 'adamEffect', slot: 'adamEffect' },
        { label: 'adamwEffect', slot: 'adamwEffect' },
        { label: 'gap', slot: 'gap' },
      ],
      caption: 'effect',
    },
    { code: 'pytorch' },
  ],
  view: l1l2AdamView,
});
