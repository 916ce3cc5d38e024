/**
 * The label-smoothing cell: its parameters, and the pure function that turns them into every
 * string and number the cell shows. The Astro component calls `labelSmoothingView` at build time
 * and the browser script calls it on every edit, so both print the same characters.
 */
import {
  crossEntropy, logSoftmax, lossAtMargin, optimalMargin, smoothLabels, smoothLabelsOffTarget, softmax,
} from '../lib/labelSmoothing';
import { formatNumber as fmt, formatTyped } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, type DataTable } from './a11y';
import { defineCell, fill } from './define';

export const labelSmoothingSchema = {
  eps: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.1 },
  k: { kind: 'integer', min: 2, max: 10, default: 3 },
  target: { kind: 'integer', min: 0, max: 9, default: 0 },
  logits: { kind: 'vector', minLength: 2, maxLength: 10, min: -50, max: 50, default: [2, 1, 0] },
} as const satisfies Schema;

export type LabelSmoothingState = StateOf<typeof labelSmoothingSchema>;

/** Library parameter names → the cell's URL/input names, to point an error at its input. */
export const labelSmoothingParamOf: Record<string, keyof LabelSmoothingState> = {
  epsilon: 'eps', labelSmoothing: 'eps', numClasses: 'k', target: 'target', logits: 'logits',
};

/** Keeps one logit per class: K grows → new classes get logit 0; K shrinks → extra logits drop. */
export function normalizeLabelSmoothing(s: LabelSmoothingState): LabelSmoothingState {
  const logits = Array.from({ length: s.k }, (_, i) => s.logits[i] ?? 0);
  return { ...s, logits };
}

export interface CurvePoint {
  margin: number;
  loss: number;
  series: string;
}

export interface LabelSmoothingView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  tables: Record<'margin', DataTable>;
  chart: { points: CurvePoint[]; optimal: { margin: number; loss: number } | null; description: string };
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：平滑标签与交叉熵',
    fields: {
      eps: { label: '平滑因子 ε' },
      k: { label: '类别数 K' },
      target: { label: '真实类别（从 0 开始）', hint: '0 到 K−1' },
      logits: { label: '模型输出 logits', hint: '每个类别一个数，用逗号分隔；K 变化时自动补 0 或截断' },
    },
    cls: '类别', pt: 'ε/K（公式、PyTorch）', off: 'ε/(K−1)（原文的 3 类例子）', prob: 'softmax 概率',
    caption: '每个类别的平滑标签：两种约定对照',
    loss: '带平滑的交叉熵', lossPlain: '不平滑的交叉熵', lossFormula: '代入数字', margin: '最优间隔（有限！）',
    x: 'logit 间隔（margin，真实类别 − 其他类别）', y: '交叉熵损失',
    smoothed: 'ε = {e}',
    unsmoothed: 'ε = 0（无平滑）',
    chartLead: '折线图：真实类别的 logit 比其余 {others} 个类别都高出同一间隔时的交叉熵。',
    chartNoOptimum: 'ε = 0 时损失随间隔增大单调下降，没有有限的最优点。',
    chartOptimum: 'ε = {e} 的曲线在间隔为 {m} 处取得最小值；ε = 0 的曲线则一直下降。',
    yes: '真实类别',
    lossCol: '损失',
    marginCol: '间隔',
  },
  en: {
    title: 'Live cell: smoothed labels and cross-entropy',
    fields: {
      eps: { label: 'Smoothing ε' },
      k: { label: 'Classes K' },
      target: { label: 'True class (from 0)', hint: '0 to K−1' },
      logits: { label: 'Model logits', hint: 'One number per class, comma-separated; padded with 0 or cut when K changes' },
    },
    cls: 'Class', pt: 'ε/K (formula, PyTorch)', off: 'ε/(K−1) (the seed’s 3-class example)', prob: 'softmax probability',
    caption: 'Smoothed label per class: the two conventions side by side',
    loss: 'Cross-entropy with smoothing', lossPlain: 'Cross-entropy without smoothing', lossFormula: 'Numbers substituted', margin: 'Optimal margin (finite!)',
    x: 'logit margin (true class − others)', y: 'cross-entropy loss',
    smoothed: 'ε = {e}',
    unsmoothed: 'ε = 0 (no smoothing)',
    chartLead: 'Line chart: cross-entropy when the true class\'s logit leads the other {others} by a margin. ',
    chartNoOptimum: 'With ε = 0 the loss keeps falling as the margin grows: no finite optimum.',
    chartOptimum: 'The ε = {e} curve is lowest at margin {m}; the ε = 0 curve keeps falling.',
    yes: 'true class',
    lossCol: 'loss',
    marginCol: 'margin',
  },
} as const;

/** Wraps negatives in parentheses so substituted formulas read unambiguously. */
const paren = (x: number, digits = 4) => (x < 0 ? `(${fmt(x, { digits })})` : fmt(x, { digits }));

export function labelSmoothingView(s: LabelSmoothingState, lang: Lang): LabelSmoothingView {
  const w = words[lang];
  const { eps, k, target } = s;
  const q = smoothLabels(target, k, eps);
  const qOff = smoothLabelsOffTarget(target, k, eps);
  const logp = logSoftmax(s.logits);
  const p = softmax(s.logits);
  const loss = crossEntropy(s.logits, target, eps);
  const lossPlain = crossEntropy(s.logits, target, 0);
  const e = formatTyped(eps);
  const margin = eps > 0 ? optimalMargin(k, eps) : null;
  const description =
    fill(w.chartLead, { others: k - 1 }) + (margin === null ? w.chartNoOptimum : fill(w.chartOptimum, { e, m: fmt(margin) }));
  const smoothedName = fill(w.smoothed, { e });

  const targets = q.map((qi, i) => {
    const y = i === target ? 1 : 0;
    return [
      String(i) + (i === target ? ` (${w.yes})` : ''),
      `(1 − ${e})·${y} + ${e}/${k} = ${fmt(qi)}`,
      fmt(qOff[i]!),
      fmt(p[i]!),
    ];
  });
  const terms = q.map((qi, i) => `${fmt(qi)}·${paren(logp[i]!)}`).join(' + ');

  // The loss-vs-margin curve: wide enough to show the optimum with room on both sides.
  const top = Math.max(8, Math.ceil((margin ?? 0) * 1.6));
  const points: CurvePoint[] = [];
  for (let i = 0; i <= 80; i++) {
    const m = -2 + ((top + 2) * i) / 80;
    points.push({ margin: m, loss: lossAtMargin(m, k, eps), series: smoothedName });
    points.push({ margin: m, loss: lossAtMargin(m, k, 0), series: w.unsmoothed });
  }

  return {
    text: {
      loss: fmt(loss),
      lossPlain: fmt(lossPlain),
      lossFormula: `−(${terms}) = ${fmt(loss)}`,
      smoothedVector: `[${q.map((x) => fmt(x)).join(', ')}]`,
      offTargetVector: `[${qOff.map((x) => fmt(x)).join(', ')}]`,
      optimalMargin:
        margin === null ? '∞' : `log((1 − ${e} + ${e}/${k}) / (${e}/${k})) = ${fmt(margin)}`,
      pytorch: pytorchCode(s),
      chartDescription: description,
      summary: summary(lang, [['带平滑的交叉熵', 'Cross-entropy with smoothing', fmt(loss)], ['不平滑', 'without', fmt(lossPlain)], ['最优间隔', 'optimal margin', margin === null ? '∞' : fmt(margin)]]),
    },
    rows: { targets },
    tables: {
      // Points alternate smoothed / unsmoothed at each margin: one row per margin.
      margin: dataTable(
        [w.marginCol, `${w.lossCol}, ${smoothedName}`, `${w.lossCol}, ${w.unsmoothed}`],
        points.filter((_, i) => i % 2 === 0).map((p, i) => [p, points[2 * i + 1]!] as const),
        ([s, u]) => [fmt(s.margin), fmt(s.loss), fmt(u.loss)],
        21,
      ),
    },
    chart: {
      points,
      optimal: margin === null ? null : { margin, loss: lossAtMargin(margin, k, eps) },
      description,
    },
  };
}

/** Runnable PyTorch that prints the cell's numbers for the current parameters. */
export function pytorchCode(s: LabelSmoothingState): string {
  const logits = s.logits.map((x) => (Number.isInteger(x) ? `${x}.0` : String(x))).join(', ');
  return [
    'import torch',
    'import torch.nn as nn',
    '',
    `num_classes, epsilon = ${s.k}, ${s.eps}`,
    `logits = torch.tensor([[${logits}]])`,
    `target = torch.tensor([${s.target}])`,
    '',
    '# The seed\'s formula: (1 - ε)·onehot + ε/K',
    'one_hot = torch.eye(num_classes)[target]',
    'smoothed = one_hot * (1 - epsilon) + epsilon / num_classes',
    'print("smoothed:", smoothed)',
    '',
    '# Built into the loss (same convention):',
    'criterion = nn.CrossEntropyLoss(label_smoothing=epsilon)',
    'print("loss:", criterion(logits, target).item())',
    'print("loss, probability target:", nn.CrossEntropyLoss()(logits, smoothed).item())',
    'print("loss, no smoothing:", nn.CrossEntropyLoss()(logits, target).item())',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'label-smoothing',
  prefix: 'ls',
  schema: labelSmoothingSchema,
  normalize: normalizeLabelSmoothing,
  paramOf: labelSmoothingParamOf,
  words,
  layout: [
    { fields: ['eps', 'k', { param: 'target', slider: false }, 'logits'] },
    { table: 'targets', caption: 'caption', head: ['cls', 'pt', 'off', 'prob'] },
    { result: 'loss', label: 'loss', output: true },
    { result: 'lossFormula', label: 'lossFormula' },
    { result: 'lossPlain', label: 'lossPlain', output: true },
    { result: 'optimalMargin', label: 'margin' },
    { chart: 'margin', caption: 'chartDescription' },
    { code: 'pytorch' },
  ],
  view: labelSmoothingView,
});
