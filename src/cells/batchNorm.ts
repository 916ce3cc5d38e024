/**
 * The batch-norm page's main cell: an editable mini-batch (rows = samples, columns = features),
 * one training step of nn.BatchNorm1d (batch statistics, γ, β, running-statistics update) and the
 * eval-mode output that follows. Every number comes from src/lib/batchNorm.ts.
 */
import { batchNorm, batchNormEval } from '../lib/batchNorm';
import { formatNumber, formatTyped as trim } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell, fill } from './define';
import { pyList } from './python';

export const batchNormSchema = {
  x: {
    kind: 'matrix', minRows: 2, maxRows: 32, minCols: 1, maxCols: 6, min: -1e6, max: 1e6,
    default: [[1, 5], [2, -3], [3, 0], [4, 2]],
  },
  gamma: { kind: 'vector', minLength: 1, maxLength: 6, min: -100, max: 100, default: [1, 1] },
  beta: { kind: 'vector', minLength: 1, maxLength: 6, min: -100, max: 100, default: [0, 0] },
  mom: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.1 },
  eps: { kind: 'number', min: 1e-12, max: 1, default: 1e-5 },
} as const satisfies Schema;

export type BatchNormState = StateOf<typeof batchNormSchema>;

export const batchNormParamOf: Record<string, keyof BatchNormState> = {
  x: 'x', gamma: 'gamma', beta: 'beta', momentum: 'mom', eps: 'eps',
};

/** One γ and one β per feature: new features get γ = 1, β = 0; extra entries drop. */
export function normalizeBatchNorm(s: BatchNormState): BatchNormState {
  const f = s.x[0]!.length;
  return {
    ...s,
    gamma: Array.from({ length: f }, (_, j) => s.gamma[j] ?? 1),
    beta: Array.from({ length: f }, (_, j) => s.beta[j] ?? 0),
  };
}

export interface BatchNormView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
}

/** Six decimals, as nn.BatchNorm1d's worked numbers are usually quoted. */
const fmt = (x: number) => formatNumber(x, { digits: 6 });
const paren = (x: number, f = fmt) => (x < 0 ? `(${f(x)})` : f(x));

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：一个小批量通过 nn.BatchNorm1d',
    fields: {
      x: { label: '小批量 x（行 = 样本，列 = 特征）' },
      gamma: { label: '缩放 γ（每个特征一个）', hint: '逗号分隔；列数变化时自动补 1 或截断' },
      beta: { label: '平移 β（每个特征一个）', hint: '逗号分隔；自动补 0 或截断' },
      mom: { label: '动量 momentum', hint: '0 到 1；PyTorch 默认 0.1' },
      eps: { label: 'ε（eps）', hint: '大于 0；PyTorch 默认 1e-5' },
    },
    statsCaption: '每个特征的批统计量与滑动统计量（新建的层：running_mean = 0，running_var = 1）',
    colFeature: '特征', colMean: '均值 μ', colBiasedVar: '有偏方差 σ²（用于归一化）', colUnbiasedVar: '无偏方差 s²（用于 running_var）',
    colRunningMean: 'running_mean', colRunningVar: 'running_var',
    outCaption: '每个样本：训练模式与评估模式的输出',
    colSample: '样本', colX: 'x', colTrain: '训练模式 y（批统计量）', colEval: '评估模式 y（更新后的滑动统计量）',
    trainF: '训练模式，第一个元素', evalF: '评估模式，第一个元素',
    rm: 'running_mean', rv: 'running_var',
    feature: '特征 {j}',
    sample: '样本 {i}',
    constant: '特征 {j} 在这个批次里是常数：方差为 0，训练输出全部等于 β（ε 防止了除以 0）。',
  },
  en: {
    title: 'Live cell: a mini-batch through nn.BatchNorm1d',
    fields: {
      x: { label: 'Mini-batch x (rows = samples, columns = features)' },
      gamma: { label: 'Scale γ (one per feature)', hint: 'comma-separated; padded with 1 or cut when the columns change' },
      beta: { label: 'Shift β (one per feature)', hint: 'comma-separated; padded with 0 or cut' },
      mom: { label: 'Momentum', hint: '0 to 1; PyTorch’s default 0.1' },
      eps: { label: 'ε (eps)', hint: 'above 0; PyTorch’s default 1e-5' },
    },
    statsCaption: 'Batch and running statistics per feature (a fresh layer: running_mean = 0, running_var = 1)',
    colFeature: 'Feature', colMean: 'mean μ', colBiasedVar: 'biased variance σ² (normalizes)', colUnbiasedVar: 'unbiased variance s² (enters running_var)',
    colRunningMean: 'running_mean', colRunningVar: 'running_var',
    outCaption: 'Per sample: training-mode and eval-mode outputs',
    colSample: 'Sample', colX: 'x', colTrain: 'train-mode y (batch statistics)', colEval: 'eval-mode y (updated running statistics)',
    trainF: 'Training mode, first element', evalF: 'Eval mode, first element',
    rm: 'running_mean', rv: 'running_var',
    feature: 'feature {j}',
    sample: 'sample {i}',
    constant: 'Feature {j} is constant in this batch: its variance is 0, so every training output equals β (ε prevents a division by 0).',
  },
} as const;

export function batchNormView(s: BatchNormState, lang: Lang): BatchNormView {
  const w = words[lang];
  const x = s.x.map((r) => [...r]);
  const n = x.length;
  const f = x[0]!.length;
  const m = s.mom;
  const r = batchNorm(x, { gamma: s.gamma, beta: s.beta, momentum: m, eps: s.eps });
  const yEval = batchNormEval(x, {
    gamma: s.gamma, beta: s.beta, runningMean: r.runningMean, runningVar: r.runningVar, eps: s.eps,
  });
  const e = s.eps >= 1e-6 ? trim(s.eps) : formatNumber(s.eps, { digits: 2 });
  const mt = trim(m);
  const keep = trim(1 - m);
  const short = n <= 6;

  const stats = Array.from({ length: f }, (_, j) => {
    const col = x.map((row) => row[j]!);
    const mu = r.mean[j]!;
    const v = r.var[j]!;
    const uv = (v * n) / (n - 1);
    const ss = v * n;
    // Substituted values are printed short (up to 6 decimals, trailing zeros dropped); results in full.
    const devs = short
      ? `(${col.map((c) => `(${trim(c)} − ${paren(mu, trim)})²`).join(' + ')})`
      : `Σᵢ(xᵢ − ${paren(mu, trim)})² = ${trim(ss)}`;
    return [
      fill(w.feature, { j }),
      short ? `(${col.map((c) => paren(c, trim)).join(' + ')})/${n} = ${fmt(mu)}` : `Σᵢxᵢ/${n} = ${fmt(mu)}`,
      `${devs}/${n} = ${fmt(v)}`,
      `${trim(ss)}/${n - 1} = ${fmt(uv)}`,
      `${keep}·0 + ${mt}·${paren(mu, trim)} = ${fmt(r.runningMean[j]!)}`,
      `${keep}·1 + ${mt}·${trim(uv)} = ${fmt(r.runningVar[j]!)}`,
    ];
  });

  const outputs = x.map((row, i) => [
    fill(w.sample, { i }),
    `[${row.map(trim).join(', ')}]`,
    `[${r.y[i]!.map(fmt).join(', ')}]`,
    `[${yEval[i]!.map(fmt).join(', ')}]`,
  ]);

  const x00 = x[0]![0]!;
  const g0 = trim(s.gamma[0]!);
  const b0 = paren(s.beta[0]!, trim);
  const constants = Array.from({ length: f }, (_, j) => j).filter((j) => r.var[j] === 0);

  return {
    text: {
      trainFormula:
        `ŷ₀₀ = (${trim(x00)} − ${paren(r.mean[0]!, trim)})/√(${trim(r.var[0]!)} + ${e})·${g0} + ${b0} = ${fmt(r.y[0]![0]!)}`,
      evalFormula:
        `ŷ₀₀ = (${trim(x00)} − ${paren(r.runningMean[0]!, trim)})/√(${trim(r.runningVar[0]!)} + ${e})·${g0} + ${b0} = ${fmt(yEval[0]![0]!)}`,
      runningMean: `[${r.runningMean.map(fmt).join(', ')}]`,
      runningVar: `[${r.runningVar.map(fmt).join(', ')}]`,
      warning: constants.map((j) => fill(w.constant, { j })).join(' '),
      summary: summary(lang, [['训练模式 ŷ₀₀', 'Train-mode ŷ₀₀', fmt(r.y[0]![0]!)], ['评估模式 ŷ₀₀', 'eval-mode ŷ₀₀', fmt(yEval[0]![0]!)], ['running_mean', 'running_mean', `[${r.runningMean.map(fmt).join(', ')}]`]]),
      pytorch: batchNormPytorchCode(s),
    },
    rows: { stats, outputs },
  };
}


export function batchNormPytorchCode(s: BatchNormState): string {
  const f = s.x[0]!.length;
  const rows = s.x.map((row) => `${pyList(row)}`).join(',\n                  ');
  return [
    'import torch',
    'import torch.nn as nn',
    '',
    'torch.set_printoptions(precision=6)',
    `x = torch.tensor([${rows}], dtype=torch.float64)  # ${s.x.length} samples × ${f} features`,
    `bn = nn.BatchNorm1d(${f}, momentum=${s.mom}, eps=${s.eps}).double()  # fresh: running_mean 0, running_var 1`,
    'bn.requires_grad_(False)  # forward passes only: no grad_fn in the printouts (and no global switch that would leak into later code)',
    `bn.weight.copy_(torch.tensor(${pyList(s.gamma)}))  # γ`,
    `bn.bias.copy_(torch.tensor(${pyList(s.beta)}))  # β`,
    '',
    'bn.train()',
    'y = bn(x)  # normalized with the batch mean and the biased variance',
    'print("train output:\\n", y)',
    'print("batch mean:", x.mean(0))',
    'print("biased var:", x.var(0, unbiased=False), " unbiased var:", x.var(0, unbiased=True))',
    'print("running_mean:", bn.running_mean)  # (1 - momentum)·0 + momentum·mean',
    'print("running_var:", bn.running_var)  # (1 - momentum)·1 + momentum·unbiased var',
    '',
    'bn.eval()',
    'print("eval output:\\n", bn(x))  # normalized with the running statistics',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'batch-norm',
  prefix: 'bn',
  schema: batchNormSchema,
  normalize: normalizeBatchNorm,
  paramOf: batchNormParamOf,
  words,
  layout: [
    { fields: ['x', 'gamma', 'beta', 'mom', { param: 'eps', slider: false }] },
    {
      table: 'stats', caption: 'statsCaption',
      head: ['colFeature', 'colMean', 'colBiasedVar', 'colUnbiasedVar', 'colRunningMean', 'colRunningVar'],
    },
    { result: 'runningMean', label: 'rm', output: true },
    { result: 'runningVar', label: 'rv', output: true },
    { table: 'outputs', caption: 'outCaption', head: ['colSample', 'colX', 'colTrain', 'colEval'] },
    { result: 'trainFormula', label: 'trainF' },
    { result: 'evalFormula', label: 'evalF' },
    { note: 'warning' },
    { code: 'pytorch' },
  ],
  view: batchNormView,
});
