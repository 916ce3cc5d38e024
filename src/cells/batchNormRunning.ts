/**
 * Running statistics over many mini-batches: one BatchNorm1d feature fed `steps` batches drawn from
 * N(μ, σ²). Shows running_mean → μ and running_var → σ² at a speed set by the momentum, and what a
 * not-yet-converged layer does to an eval-mode input. Numbers from src/lib/batchNormRunning.ts.
 */
import { gaussianBatches, initialWeight, runningStatistics } from '../lib/batchNormRunning';
import { batchNormEval } from '../lib/batchNorm';
import { formatNumber, formatTyped as trim } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { MAX_SEED } from './dropout';
import { defineCell, fill } from './define';
import { pyFloat, torchWithPageRng } from './python';

export const bnRunningSchema = {
  mu: { kind: 'number', min: -100, max: 100, step: 0.5, default: 5 },
  sigma: { kind: 'number', min: 0, max: 20, step: 0.1, default: 2 },
  bs: { kind: 'integer', min: 2, max: 128, default: 16 },
  steps: { kind: 'integer', min: 1, max: 500, default: 100 },
  mom2: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.1 },
  bseed: { kind: 'integer', min: 0, max: MAX_SEED, default: 1 },
} as const satisfies Schema;

export type BnRunningState = StateOf<typeof bnRunningSchema>;

export const bnRunningParamOf: Record<string, keyof BnRunningState> = {
  mean: 'mu', std: 'sigma', size: 'bs', count: 'steps', momentum: 'mom2', seed: 'bseed',
};

export interface RunningPoint {
  step: number;
  value: number;
  series: string;
}

export interface BnRunningView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  chart: {
    mean: RunningPoint[];
    variance: RunningPoint[];
    mu: number;
    sigma2: number;
    description: string;
  };
}

const fmt = (x: number) => formatNumber(x);
const paren = (x: number) => (x < 0 ? `(${fmt(x)})` : fmt(x));

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：多个批次上的滑动统计量',
    fields: {
      mu: { label: '数据的真实均值 μ' },
      sigma: { label: '真实标准差 σ' },
      bs: { label: '批大小' },
      steps: { label: '训练步数（批次数）' },
      mom2: { label: '动量 momentum' },
      bseed: { label: '数据随机种子', hint: '同一随机种子 → 同样的批次' },
    },
    finalMean: '最终 running_mean', finalVar: '最终 running_var', truth: '真实值',
    memory: '初始值剩余的权重；有效窗口约 1/m 个批次',
    caption: '前 5 步：批统计量与滑动统计量的更新',
    colStep: '步', colMean: '批均值', colVar: '批无偏方差',
    colRunningMean: 'running_mean ← (1−m)·旧值 + m·批均值', colRunningVar: 'running_var ← (1−m)·旧值 + m·批无偏方差',
    probe: '评估模式下 x = μ + σ 的输出', probeFirst: '第 1 步之后', probeLast: '最后一步之后', probeIdeal: '理想',
    running: '滑动值',
    batch: '单个批次',
    x: '训练步数（批次）',
    mean: 'running_mean',
    variance: 'running_var',
    chart: '两幅折线图：{t} 个批次中 running_mean（上）与 running_var（下）随步数的变化，点为每个批次自己的均值与无偏方差。最终 running_mean = {rm}（真实均值 {mu}，虚线），running_var = {rv}（真实方差 {s2}，虚线）。',
  },
  en: {
    title: 'Live cell: running statistics over many batches',
    fields: {
      mu: { label: 'True mean μ of the data' },
      sigma: { label: 'True standard deviation σ' },
      bs: { label: 'Batch size' },
      steps: { label: 'Training steps (batches)' },
      mom2: { label: 'Momentum' },
      bseed: { label: 'Data seed', hint: 'same seed → same batches' },
    },
    finalMean: 'Final running_mean', finalVar: 'Final running_var', truth: 'True values',
    memory: 'Weight left on the initial values; effective window ≈ 1/m batches',
    caption: 'First 5 steps: batch statistics and the running update',
    colStep: 'Step', colMean: 'batch mean', colVar: 'batch unbiased var',
    colRunningMean: 'running_mean ← (1−m)·old + m·batch mean', colRunningVar: 'running_var ← (1−m)·old + m·batch unbiased var',
    probe: 'Eval-mode output for x = μ + σ', probeFirst: 'after step 1', probeLast: 'after the last step', probeIdeal: 'ideal',
    running: 'running value',
    batch: 'single batch',
    x: 'training step (batch)',
    mean: 'running_mean',
    variance: 'running_var',
    chart: 'Two line charts over {t} batches: running_mean (top) and running_var (bottom) per step; dots are each batch\'s own mean and unbiased variance. Final running_mean = {rm} (true mean {mu}, dashed), running_var = {rv} (true variance {s2}, dashed).',
  },
} as const;

export function bnRunningView(s: BnRunningState, lang: Lang): BnRunningView {
  const w = words[lang];
  const batches = gaussianBatches(s.bseed, s.steps, s.bs, s.mu, s.sigma);
  const steps = runningStatistics(batches, { momentum: s.mom2 });
  const last = steps[steps.length - 1]!;
  const first = steps[0]!;
  const m = trim(s.mom2);
  const keep = trim(1 - s.mom2);
  const sigma2 = s.sigma * s.sigma;

  const table = steps.slice(0, 5).map((st, t) => {
    const prevMean = t === 0 ? 0 : steps[t - 1]!.runningMean;
    const prevVar = t === 0 ? 1 : steps[t - 1]!.runningVar;
    return [
      String(t + 1),
      fmt(st.mean),
      fmt(st.unbiasedVar),
      `${keep}·${t === 0 ? '0' : paren(prevMean)} + ${m}·${paren(st.mean)} = ${fmt(st.runningMean)}`,
      `${keep}·${t === 0 ? '1' : fmt(prevVar)} + ${m}·${fmt(st.unbiasedVar)} = ${fmt(st.runningVar)}`,
    ];
  });

  // An eval-mode input one standard deviation above the mean: ideally normalized to 1.
  const probe = s.mu + s.sigma;
  const evalAt = (st: { runningMean: number; runningVar: number }) =>
    batchNormEval([[probe]], { runningMean: [st.runningMean], runningVar: [st.runningVar] })[0]![0]!;
  const ideal = batchNormEval([[probe]], { runningMean: [s.mu], runningVar: [sigma2] })[0]![0]!;
  const probeText = (st: { runningMean: number; runningVar: number }) =>
    `(${trim(probe)} − ${paren(st.runningMean)})/√(${fmt(st.runningVar)} + 0.00001) = ${fmt(evalAt(st))}`;

  const mean: RunningPoint[] = [];
  const variance: RunningPoint[] = [];
  steps.forEach((st, t) => {
    mean.push({ step: t + 1, value: st.runningMean, series: w.running });
    mean.push({ step: t + 1, value: st.mean, series: w.batch });
    variance.push({ step: t + 1, value: st.runningVar, series: w.running });
    variance.push({ step: t + 1, value: st.unbiasedVar, series: w.batch });
  });
  const description = fill(w.chart, { t: s.steps, rm: fmt(last.runningMean), mu: trim(s.mu), rv: fmt(last.runningVar), s2: trim(sigma2) });

  return {
    text: {
      finalMean: fmt(last.runningMean),
      finalVar: fmt(last.runningVar),
      truth: `μ = ${trim(s.mu)}, σ² = ${trim(sigma2)}`,
      memory:
        `(1 − ${m})^${s.steps} = ${fmt(initialWeight(s.mom2, s.steps))}` +
        (s.mom2 > 0 ? `; 1/${m} = ${fmt(1 / s.mom2)}` : ''),
      probeFirst: probeText(first),
      probeLast: probeText(last),
      probeIdeal: `(${trim(probe)} − ${s.mu < 0 ? `(${trim(s.mu)})` : trim(s.mu)})/√(${trim(sigma2)} + 0.00001) = ${fmt(ideal)}`,
      chartDescription: description,
      summary: summary(lang, [[`${s.steps} 步后 running_mean`, `running_mean after ${s.steps} steps`, fmt(last.runningMean)], ['running_var', 'running_var', fmt(last.runningVar)]]),
      pytorch: bnRunningPytorchCode(s),
    },
    rows: { steps: table },
    chart: { mean, variance, mu: s.mu, sigma2, description },
  };
}


export function bnRunningPytorchCode(s: BnRunningState): string {
  return [
    ...torchWithPageRng(),
    `mu, sigma, batch_size, steps, momentum = ${pyFloat(s.mu)}, ${pyFloat(s.sigma)}, ${s.bs}, ${s.steps}, ${s.mom2}`,
    `rng = Mulberry32(${s.bseed})  # the page's batches: mu + sigma·N(0, 1), batch after batch`,
    'bn = nn.BatchNorm1d(1, momentum=momentum).train()',
    'with torch.no_grad():',
    '    for t in range(steps):',
    '        batch = torch.tensor([[mu + sigma * rng.normal()] for _ in range(batch_size)])',
    '        bn(batch)',
    '        if t < 5 or t == steps - 1:',
    '            print("step", t + 1, "running_mean", bn.running_mean.item(), "running_var", bn.running_var.item())',
    '    bn.eval()',
    '    print("eval output for mu + sigma:", bn(torch.tensor([[mu + sigma]])).item())',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'bn-running',
  prefix: 'bnr',
  schema: bnRunningSchema,
  paramOf: bnRunningParamOf,
  words,
  layout: [
    { fields: ['mu', 'sigma', 'bs', 'steps', 'mom2', { param: 'bseed', slider: false }] },
    { result: 'finalMean', label: 'finalMean', output: true },
    { result: 'finalVar', label: 'finalVar', output: true },
    { result: 'truth', label: 'truth' },
    { result: 'memory', label: 'memory' },
    { table: 'steps', caption: 'caption', head: ['colStep', 'colMean', 'colVar', 'colRunningMean', 'colRunningVar'] },
    { list: [{ label: 'probeFirst', slot: 'probeFirst' }, { label: 'probeLast', slot: 'probeLast' }, { label: 'probeIdeal', slot: 'probeIdeal' }], title: 'probe' },
    { chart: 'running', caption: 'chartDescription', rowsTable: 'steps' },
    { code: 'pytorch' },
  ],
  view: bnRunningView,
});
