/**
 * L1/L2 page, cell 2: a gradient step versus a proximal step on the L1 penalty.
 *
 * Gradient (subgradient) step, what autograd + SGD do with loss λ·Σ|wᵢ|: w − η·λ·sign(w). It moves
 * every weight by the same η·λ and steps *over* zero, so weights oscillate around 0 instead of
 * settling there. Proximal step (soft-thresholding, `F.softshrink`): S_{ηλ}(w) sets every |wᵢ| ≤ ηλ
 * to exactly 0 and keeps it there. Both are iterated `steps` times from the same start.
 */
import { l1Subgradient, softThreshold } from '../lib/penalties';
import { sgdStep } from '../lib/optimizers';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell, fill } from './define';
import { exact, list, num, paren } from './l1l2Shared';
import { sub } from './l1l2Penalty';
import { pyFloat, pyList } from './python';

export const l1l2ProxSchema = {
  pw: { kind: 'vector', minLength: 1, maxLength: 8, min: -100, max: 100, default: [3, -0.5, 1.2] },
  lr: { kind: 'number', min: 0, max: 2, step: 0.01, default: 0.5 },
  plam: { kind: 'number', min: 0, max: 10, step: 0.01, default: 2 },
  steps: { kind: 'integer', min: 1, max: 20, default: 2 },
} as const satisfies Schema;

export type L1l2ProxState = StateOf<typeof l1l2ProxSchema>;

export const l1l2ProxParamOf: Record<string, keyof L1l2ProxState> = {
  w: 'pw', lambda: 'plam', t: 'plam', lr: 'lr',
};

export interface TrajectoryPoint {
  step: number;
  value: number;
  /** "w₁ gradient" etc.: one series per coordinate and method. */
  series: string;
  coordinate: string;
  method: 'gradient' | 'proximal';
}

export interface L1l2ProxView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  chart: { points: TrajectoryPoint[]; steps: number; threshold: number; description: string; methods: [string, string] };
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：梯度步与近端步（软阈值）',
    fields: {
      pw: { label: '起点权重 w' },
      lr: { label: '学习率 η' },
      plam: { label: 'L1 系数 λ' },
      steps: { label: '步数' },
    },
    threshold: '阈值', once: '第一步', last: '最后一步之后',
    gradientStep: '梯度步 w − η·λ·sign(w)', proximalStep: '近端步 S_t(w)',
    caption: '逐个权重：第一步代入数字，以及最后一步之后的值', weight: '权重',
    g1: '梯度步（第 1 步）', p1: '近端步（第 1 步）', gk: '梯度步（最后）', pk: '近端步（最后）',
    x: '步数', y: '权重值',
    gradient: '梯度步', proximal: '近端步',
    afterOne: '1 步之后', afterSteps: '{k} 步之后',
    zeros: '{after}：梯度步得到 {g} 个精确的 0，近端步得到 {p} 个（共 {n} 个权重）。',
    chart:
      '折线图：{n} 个权重在 {k} 步中的取值，实线为近端步（软阈值，t = {t}），虚线为梯度步。' +
      '近端步把 |w| ≤ t 的权重一步置为 0 并停在那里（最终 {p} 个为 0）；梯度步每次移动 {t}，会越过 0 来回振荡（最终 {g} 个为 0）。',
  },
  en: {
    title: 'Live cell: a gradient step versus a proximal step (soft-thresholding)',
    fields: {
      pw: { label: 'Starting weights w' },
      lr: { label: 'Learning rate η' },
      plam: { label: 'L1 strength λ' },
      steps: { label: 'Steps' },
    },
    threshold: 'Threshold', once: 'After one step', last: 'After the last step',
    gradientStep: 'gradient step w − η·λ·sign(w)', proximalStep: 'proximal step S_t(w)',
    caption: 'Per weight: the first step with numbers filled in, and the value after the last step', weight: 'Weight',
    g1: 'gradient step (step 1)', p1: 'proximal step (step 1)', gk: 'gradient (last)', pk: 'proximal (last)',
    x: 'step', y: 'weight value',
    gradient: 'gradient step', proximal: 'proximal step',
    afterOne: 'After one step', afterSteps: 'After {k} steps',
    zeros: '{after}, exact zeros among the {n} weights: {g} from the gradient step, {p} from the proximal step.',
    chart:
      'Line chart: the weights ({n} in all) at steps 0 to {k}; solid lines are proximal steps (soft-thresholding, t = {t}), dashed lines gradient steps. ' +
      'The proximal step sets a weight with |w| ≤ t to exactly 0 and keeps it there ({p} at 0 at the end); the gradient step moves every weight by {t} and overshoots 0, oscillating around it ({g} at 0 at the end).',
  },
} as const;

/** Iterates both steps; returns every iterate (index 0 is the start). */
export function proxTrajectories(s: L1l2ProxState): { gradient: number[][]; proximal: number[][]; threshold: number } {
  const threshold = s.lr * s.plam;
  const gradient: number[][] = [[...s.pw]];
  const proximal: number[][] = [[...s.pw]];
  for (let k = 0; k < s.steps; k++) {
    const g = gradient[k]!;
    gradient.push(sgdStep(g, l1Subgradient(g, s.plam), { lr: s.lr }));
    proximal.push(softThreshold(proximal[k]!, threshold));
  }
  return { gradient, proximal, threshold };
}

export function l1l2ProxView(s: L1l2ProxState, lang: Lang): L1l2ProxView {
  const w = words[lang];
  const { gradient, proximal, threshold } = proxTrajectories(s);
  const t = exact(threshold);
  const lr = exact(s.lr);
  const lam = exact(s.plam);
  const first = { g: gradient[1]!, p: proximal[1]! };
  const last = { g: gradient[s.steps]!, p: proximal[s.steps]! };
  const sign = l1Subgradient(s.pw, 1);
  const zeros = (v: number[]) => v.filter((x) => x === 0).length;

  const rows = s.pw.map((x0, i) => {
    const x = exact(x0);
    return [
      `w${sub(i + 1)} = ${x}`,
      `${x} − ${lr}·${lam}·${paren(num(sign[i]!))} = ${num(first.g[i]!)}`,
      `sign(${x})·max(|${x}| − ${t}, 0) = ${num(first.p[i]!)}`,
      num(last.g[i]!),
      num(last.p[i]!),
    ];
  });

  const points: TrajectoryPoint[] = [];
  s.pw.forEach((_, i) => {
    const coordinate = `w${sub(i + 1)}`;
    for (let k = 0; k <= s.steps; k++) {
      points.push({ step: k, value: gradient[k]![i]!, series: `${coordinate} ${w.gradient}`, coordinate, method: 'gradient' });
      points.push({ step: k, value: proximal[k]![i]!, series: `${coordinate} ${w.proximal}`, coordinate, method: 'proximal' });
    }
  });
  const [g, p, n] = [zeros(last.g), zeros(last.p), s.pw.length];
  const description = fill(w.chart, { n, k: s.steps, t, g, p });
  const after = s.steps === 1 ? w.afterOne : fill(w.afterSteps, { k: s.steps });

  return {
    text: {
      threshold: `t = η·λ = ${lr}·${lam} = ${t}`,
      gradientOnce: list(first.g),
      proximalOnce: list(first.p),
      gradientLast: list(last.g),
      proximalLast: list(last.p),
      zeros: fill(w.zeros, { after, g, p, n }),
      trajectoryDescription: description,
      summary: summary(lang, [['梯度步', 'Gradient step', list(last.g)], ['近端步', 'proximal step', list(last.p)]]),
      pytorch: pytorchCode(s),
    },
    rows: { prox: rows },
    chart: { points, steps: s.steps, threshold, description, methods: [w.gradient, w.proximal] },
  };
}

export function pytorchCode(s: L1l2ProxState): string {
  return [
    'import torch',
    'import torch.nn.functional as F',
    '',
    `w0 = ${pyList(s.pw)}`,
    `lr, lam, steps = ${pyFloat(s.lr)}, ${pyFloat(s.plam)}, ${s.steps}`,
    '',
    '# (a) Gradient steps on the L1 penalty alone, as autograd + SGD take them:',
    'w = torch.tensor(w0, dtype=torch.float64, requires_grad=True)',
    'opt = torch.optim.SGD([w], lr=lr)',
    'for _ in range(steps):',
    '    opt.zero_grad()',
    '    (lam * w.abs().sum()).backward()  # gradient lam * sign(w), sign(0) = 0',
    '    opt.step()',
    'print("gradient steps:", [round(x, 4) for x in w.tolist()])',
    '',
    '# (b) Proximal steps: soft-thresholding with t = lr * lam',
    'v = torch.tensor(w0, dtype=torch.float64)',
    'for _ in range(steps):',
    '    v = F.softshrink(v, lr * lam)',
    'print("proximal steps:", [round(x, 4) for x in v.tolist()])',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'l1l2-prox',
  prefix: 'l12',
  schema: l1l2ProxSchema,
  paramOf: l1l2ProxParamOf,
  words,
  layout: [
    { fields: ['pw', 'lr', 'plam', 'steps'] },
    { result: 'threshold', label: 'threshold' },
    { list: [{ label: 'gradientStep', slot: 'gradientOnce' }, { label: 'proximalStep', slot: 'proximalOnce' }], title: 'once' },
    { list: [{ label: 'gradientStep', slot: 'gradientLast' }, { label: 'proximalStep', slot: 'proximalLast' }], title: 'last' },
    { note: 'zeros' },
    { table: 'prox', caption: 'caption', head: ['weight', 'g1', 'p1', 'gk', 'pk'] },
    { chart: 'trajectory', caption: 'trajectoryDescription', rowsTable: 'prox' },
    { code: 'pytorch' },
  ],
  view: l1l2ProxView,
});
