/**
 * The label-smoothing cell: its parameters, and the pure function that turns them into every
 * string and number the cell shows. The Astro component calls `labelSmoothingView` at build time
 * and the browser script calls it on every edit, so both print the same characters.
 */
import {
  crossEntropy, logSoftmax, lossAtMargin, optimalMargin, smoothLabels, smoothLabelsOffTarget, softmax,
} from '../lib/labelSmoothing';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, tr, type DataTable } from './a11y';

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

const words = {
  zh: {
    smoothed: (e: string) => `ε = ${e}`,
    unsmoothed: 'ε = 0（无平滑）',
    chart: (k: number, e: string, m: string | null) =>
      `折线图：真实类别的 logit 比其余 ${k - 1} 个类别高出 margin 时的交叉熵。` +
      (m === null ? `ε = 0 时损失随 margin 单调下降，没有有限的最优点。` : `ε = ${e} 的曲线在 margin = ${m} 处取得最小值；ε = 0 的曲线则一直下降。`),
    yes: '真实类别',
  },
  en: {
    smoothed: (e: string) => `ε = ${e}`,
    unsmoothed: 'ε = 0 (no smoothing)',
    chart: (k: number, e: string, m: string | null) =>
      `Line chart: cross-entropy when the true class's logit leads the other ${k - 1} by a margin. ` +
      (m === null ? `With ε = 0 the loss keeps falling as the margin grows: no finite optimum.` : `The ε = ${e} curve is lowest at margin ${m}; the ε = 0 curve keeps falling.`),
    yes: 'true class',
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
  const e = fmt(eps, { digits: 6, trim: true });
  const margin = eps > 0 ? optimalMargin(k, eps) : null;
  const description = w.chart(k, e, margin === null ? null : fmt(margin));

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
    points.push({ margin: m, loss: lossAtMargin(m, k, eps), series: w.smoothed(e) });
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
      summary: summary(lang, [['带平滑的交叉熵', 'Cross-entropy with smoothing', fmt(loss)], ['不平滑', 'without', fmt(lossPlain)], ['最优 margin', 'optimal margin', margin === null ? '∞' : fmt(margin)]]),
    },
    rows: { targets },
    tables: {
      // Points alternate smoothed / unsmoothed at each margin: one row per margin.
      margin: dataTable(
        [tr(lang, 'margin', 'margin'), `${tr(lang, '损失', 'loss')}, ${w.smoothed(e)}`, `${tr(lang, '损失', 'loss')}, ${w.unsmoothed}`],
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
