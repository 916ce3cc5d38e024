/**
 * The dropout page's main cell: the seed's SimpleNN (10 → 50 → 1), one dropout mask drawn on the
 * network, inverted scaling on the hidden values, and Monte-Carlo averaging of many dropout passes.
 * Every number comes from src/lib/simpleNN.ts (which applies src/lib/dropout.ts).
 */
import { mcDropout, simpleNNExample, simpleNNForward } from '../lib/simpleNN';
import { PYTHON_RNG_SOURCE } from '../lib/randomPython';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, type DataTable } from './a11y';

export const MAX_SEED = 2 ** 32 - 1;

export const dropoutSchema = {
  p: { kind: 'number', min: 0, max: 1, step: 0.05, default: 0.5 },
  train: { kind: 'integer', min: 0, max: 1, default: 1 },
  seed: { kind: 'integer', min: 0, max: MAX_SEED, default: 1 },
  net: { kind: 'integer', min: 0, max: MAX_SEED, default: 818 },
  passes: { kind: 'integer', min: 1, max: 2000, default: 200 },
} as const satisfies Schema;

export type DropoutState = StateOf<typeof dropoutSchema>;

/** Library parameter names → the cell's inputs ("opts.seed" is reported as "opts"). */
export const dropoutParamOf: Record<string, keyof DropoutState> = {
  p: 'p', seed: 'seed', opts: 'seed', passes: 'passes', x: 'net',
};

/** A hidden unit as drawn: kept and active, kept but already 0 after ReLU, or dropped by the mask. */
export type UnitState = 'kept' | 'zero' | 'dropped';

export interface McPoint {
  n: number;
  value: number;
  series: string;
}

export interface DropoutView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  net: { states: UnitState[] };
  tables: Record<'mc', DataTable>;
  chart: {
    mean: McPoint[];
    singles: { n: number; value: number }[];
    band: { n: number; lo: number; hi: number }[];
    evalOutput: number;
    passes: number;
    description: string;
    labels: { x: string; y: string; mean: string; eval: string; single: string };
  };
}

const words = {
  zh: {
    train: 'model.train()：dropout 生效',
    eval: 'model.eval()：dropout 是恒等映射',
    kept: (k: number, n: number) => `保留 ${k} 个隐藏单元，丢弃 ${n - k} 个（共 ${n} 个）`,
    keptEval: (n: number) => `评估模式：${n} 个隐藏单元全部保留，不缩放`,
    zero: (z: number, n: number, dz: number) =>
      `ReLU 之后已有 ${z} 个单元为 0（共 ${n} 个）；其中 ${dz} 个又被丢弃——丢弃它们不改变任何值。`,
    scaleEval: '1（评估模式不缩放）',
    none: '无',
    netDesc: (train: boolean, p: string, seed: number, dropped: number[], zero: number) =>
      `网络图：左边 10 个输入，中间 50 个隐藏单元（ReLU），右边 1 个输出。` +
      (train
        ? `训练模式，p = ${p}，掩码种子 ${seed}：被丢弃的隐藏单元（×）${dropped.length} 个：${dropped.length ? dropped.join('、') : '无'}。`
        : `评估模式：没有单元被丢弃。`) +
      `空心圆表示 ReLU 输出为 0 的单元（${zero} 个）。`,
    chart: (n: number, mean: string, ev: string, sd: string) =>
      `折线图：前 n 次训练模式前向传播输出的平均值随 n（对数刻度，1 到 ${n}）的变化。` +
      `${n} 次的平均值为 ${mean}，逐渐靠近评估模式的输出 ${ev}（水平线）；阴影带为 ${ev} ± 2·${sd}/√n。灰点为单次前向传播的输出。`,
    mean: '前 n 次的平均',
    evalLabel: '评估输出',
    single: '单次前向传播',
    x: '前向传播次数 n',
    y: '输出 y',
    p1: 'p = 1 时每个单元都被丢弃：每次输出都是偏置 b₂，平均值不会收敛到评估输出（期望 E[m/(1−p)] = 1 只在 p < 1 时成立）。',
    converge: (sd: string, se: string) => `单次输出的标准差 ${sd}；n 次平均的标准误差 ${se}。`,
  },
  en: {
    train: 'model.train(): dropout active',
    eval: 'model.eval(): dropout is the identity',
    kept: (k: number, n: number) => `${k} of ${n} hidden units kept, ${n - k} dropped`,
    keptEval: (n: number) => `Eval mode: all ${n} hidden units kept, no scaling`,
    zero: (z: number, n: number, dz: number) =>
      `${z} of ${n} units are already 0 after ReLU; ${dz} of them are also dropped — dropping those changes nothing.`,
    scaleEval: '1 (no scaling in eval mode)',
    none: 'none',
    netDesc: (train: boolean, p: string, seed: number, dropped: number[], zero: number) =>
      `Network diagram: 10 inputs on the left, 50 hidden units (ReLU) in the middle, 1 output on the right. ` +
      (train
        ? `Training mode, p = ${p}, mask seed ${seed}: ${dropped.length} hidden units dropped (×): ${dropped.length ? dropped.join(', ') : 'none'}. `
        : `Eval mode: no unit is dropped. `) +
      `Hollow circles are units whose ReLU output is 0 (${zero}).`,
    chart: (n: number, mean: string, ev: string, sd: string) =>
      `Line chart: mean output of the first n training-mode passes against n (log scale, 1 to ${n}). ` +
      `The mean of ${n} passes is ${mean}, approaching the eval-mode output ${ev} (horizontal line); the band is ${ev} ± 2·${sd}/√n. Grey dots are single passes.`,
    mean: 'mean of first n passes',
    evalLabel: 'eval output',
    single: 'single pass',
    x: 'number of passes n',
    y: 'output y',
    p1: 'With p = 1 every unit is dropped: each pass outputs the bias b₂ and the mean cannot reach the eval output (E[m/(1−p)] = 1 holds only for p < 1).',
    converge: (sd: string, se: string) => `Spread of one pass: sd ${sd}; standard error of the mean of n passes: ${se}.`,
  },
} as const;

const paren = (x: number, digits = 4) => (x < 0 ? `(${fmt(x, { digits })})` : fmt(x, { digits }));
const trim = (x: number) => fmt(x, { digits: 6, trim: true });

/** n = 1..N on a log grid (≤ ~300 points), always including N, for a light chart. */
function logGrid(total: number): number[] {
  const out = new Set<number>();
  for (let i = 0; i <= 300; i++) out.add(Math.max(1, Math.round(Math.exp((Math.log(total) * i) / 300))));
  out.add(total);
  return [...out].sort((a, b) => a - b);
}

export function dropoutView(s: DropoutState, lang: Lang): DropoutView {
  const w = words[lang];
  const training = s.train === 1;
  const { net, x } = simpleNNExample(s.net);
  const tr = simpleNNForward(net, x, { p: s.p, seed: s.seed, training: true });
  const ev = simpleNNForward(net, x, { p: s.p, seed: s.seed, training: false });
  const cur = training ? tr : ev;
  const mc = mcDropout(net, x, s.p, s.seed, s.passes);
  const w2 = net.w2[0]!;
  const b2 = net.b2[0]!;
  const hiddenN = ev.hidden.length;
  const p = trim(s.p);

  const states: UnitState[] = cur.mask.map((m, j) => (m === 0 ? 'dropped' : ev.hidden[j]! > 0 ? 'kept' : 'zero'));
  const dropped = states.flatMap((st, j) => (st === 'dropped' ? [j] : []));
  const zeros = ev.hidden.filter((h) => h === 0).length;
  const zerosDropped = ev.hidden.filter((h, j) => h === 0 && tr.mask[j] === 0).length;
  const keptCount = tr.mask.reduce((a, m) => a + m, 0);

  // Σ w₂ⱼ·mⱼ·hⱼ (train, before the factor) and Σ w₂ⱼ·hⱼ (eval): the pieces of the substituted formulas.
  let sumKept = 0;
  let sumAll = 0;
  ev.hidden.forEach((h, j) => {
    sumAll += w2[j]! * h;
    if (tr.mask[j] === 1) sumKept += w2[j]! * h;
  });
  const scaleText = `1/(1 − ${p}) = ${s.p === 1 ? `— (p = 1: ${lang === 'zh' ? '全部丢弃，因子取 0' : 'all dropped, factor 0'})` : fmt(tr.scale)}`;

  const units = ev.hidden.map((h, j) => [
    String(j),
    fmt(h),
    String(cur.mask[j]),
    fmt(cur.dropped[j]!),
    fmt(w2[j]!),
    fmt(w2[j]! * cur.dropped[j]!),
  ]);

  const last = mc.runningMean[mc.runningMean.length - 1]!;
  const se = mc.passStd / Math.sqrt(s.passes);
  const grid = logGrid(s.passes);
  const mean = grid.map((n) => ({ n, value: mc.runningMean[n - 1]!, series: w.mean }));
  const singles = grid.map((n) => ({ n, value: mc.outputs[n - 1]! }));
  const band = grid.map((n) => ({
    n,
    lo: mc.evalOutput - (2 * mc.passStd) / Math.sqrt(n),
    hi: mc.evalOutput + (2 * mc.passStd) / Math.sqrt(n),
  }));
  const description = w.chart(s.passes, fmt(last), fmt(mc.evalOutput), fmt(mc.passStd));
  const sumSq = ev.hidden.reduce((a, h, j) => a + (w2[j]! * h) ** 2, 0);

  return {
    text: {
      mode: training ? w.train : w.eval,
      input: `[${x.map((v) => fmt(v)).join(', ')}]`,
      kept: training ? w.kept(keptCount, hiddenN) : w.keptEval(hiddenN),
      zeros: w.zero(zeros, hiddenN, training ? zerosDropped : 0),
      scale: training ? scaleText : w.scaleEval,
      output: fmt(cur.output[0]!),
      trainFormula: `y = b₂ + (Σⱼ w₂ⱼ·mⱼ·hⱼ)·${fmt(tr.scale)} = ${fmt(b2)} + ${paren(sumKept)}·${fmt(tr.scale)} = ${fmt(tr.output[0]!)}`,
      evalFormula: `y = b₂ + Σⱼ w₂ⱼ·hⱼ = ${fmt(b2)} + ${paren(sumAll)} = ${fmt(ev.output[0]!)}`,
      mcMean: `(1/${s.passes})·Σₖ yₖ = ${fmt(last)}`,
      mcGap: `|${fmt(last)} − ${fmt(mc.evalOutput)}| = ${fmt(Math.abs(last - mc.evalOutput))}`,
      mcSpread:
        s.p === 1
          ? w.p1
          : `√(${p}/(1 − ${p})·Σⱼ(w₂ⱼhⱼ)²) = √(${fmt(s.p / (1 - s.p))}·${fmt(sumSq)}) = ${fmt(mc.passStd)}; ` +
            `${fmt(mc.passStd)}/√${s.passes} = ${fmt(se)}`,
      netDescription: w.netDesc(training, p, s.seed, dropped, zeros),
      chartDescription: description,
      summary: summary(lang, [['输出 y', 'Output y', fmt(cur.output[0]!)], [`${s.passes} 次前向的平均`, `mean of ${s.passes} passes`, fmt(last)], ['评估输出', 'eval output', fmt(mc.evalOutput)]]),
      pytorch: dropoutPytorchCode(s, tr.mask),
    },
    rows: { units },
    tables: {
      mc: dataTable(['n', w.mean, w.single], grid, (n) => [String(n), fmt(mc.runningMean[n - 1]!), fmt(mc.outputs[n - 1]!)]),
    },
    net: { states },
    chart: {
      mean,
      singles,
      band,
      evalOutput: mc.evalOutput,
      passes: s.passes,
      description,
      labels: { x: w.x, y: w.y, mean: w.mean, eval: w.evalLabel, single: w.single },
    },
  };
}

/** Runnable PyTorch: the seed's SimpleNN with the page's weights and mask; prints the cell's numbers. */
export function dropoutPytorchCode(s: DropoutState, mask: readonly number[]): string {
  const maskText = mask.map((m) => `${m}.`).join(', ');
  return [
    'import math',
    '',
    'import torch',
    'import torch.nn as nn',
    '',
    'torch.set_default_dtype(torch.float64)',
    '',
    '',
    PYTHON_RNG_SOURCE,
    '',
    '',
    'class SimpleNN(nn.Module):  # the seed\'s model, with p as a parameter',
    '    def __init__(self, p):',
    '        super().__init__()',
    '        self.fc1 = nn.Linear(10, 50)',
    '        self.dropout = nn.Dropout(p)',
    '        self.fc2 = nn.Linear(50, 1)',
    '',
    '    def forward(self, x):',
    '        x = torch.relu(self.fc1(x))',
    '        x = self.dropout(x)',
    '        return self.fc2(x)',
    '',
    '',
    `p, net_seed, mask_seed, passes = ${s.p}, ${s.net}, ${s.seed}, ${s.passes}`,
    '',
    '# The page\'s weights: nn.Linear\'s default U(-1/sqrt(fan_in), 1/sqrt(fan_in)), drawn from Mulberry32(net_seed).',
    'rng = Mulberry32(net_seed)',
    '',
    '',
    'def draw(n, fan_in):',
    '    bound = 1 / math.sqrt(fan_in)',
    '    return torch.tensor([rng.uniform(-bound, bound) for _ in range(n)])',
    '',
    '',
    'model = SimpleNN(p)',
    'with torch.no_grad():',
    '    model.fc1.weight.copy_(draw(500, 10).reshape(50, 10))',
    '    model.fc1.bias.copy_(draw(50, 10))',
    '    model.fc2.weight.copy_(draw(50, 50).reshape(1, 50))',
    '    model.fc2.bias.copy_(draw(1, 50))',
    'x = torch.tensor([rng.normal() for _ in range(10)])',
    '',
    'with torch.no_grad():',
    '    model.eval()  # dropout is the identity',
    '    print("eval output:", model(x).item())',
    '    h = torch.relu(model.fc1(x))  # the hidden units before dropout',
    '    assert torch.equal(model.dropout(h), h)',
    '',
    '    # Training mode with the page\'s mask, given explicitly (torch\'s RNG would draw another one).',
    `    mask = torch.tensor([${maskText}])`,
    '    scale = 0.0 if p == 1 else 1 / (1 - p)  # PyTorch\'s factor on kept units',
    '    print("train output:", model.fc2(h * mask * scale).item())',
    '',
    '    # Monte-Carlo: `passes` masks drawn from Mulberry32(mask_seed); the first one is `mask`.',
    '    rng = Mulberry32(mask_seed)',
    '    outs = []',
    '    for _ in range(passes):',
    '        m = torch.tensor([1.0 if rng.next() >= p else 0.0 for _ in range(50)])',
    '        outs.append(model.fc2(h * m * scale).item())',
    '    print("mean of", passes, "passes:", sum(outs) / passes)',
    '',
    '    # nn.Dropout itself in training mode: another mask, same rule (zeros, or h scaled by 1/(1-p)).',
    '    model.train()',
    '    d = model.dropout(h)',
    '    print("factors torch applied to kept units:", (d[d != 0] / h[d != 0]).unique())',
  ].join('\n');
}
