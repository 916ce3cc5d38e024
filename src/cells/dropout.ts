/**
 * The dropout page's main cell: the seed's SimpleNN (10 → 50 → 1), one dropout mask drawn on the
 * network, inverted scaling on the hidden values, and Monte-Carlo averaging of many dropout passes.
 * Every number comes from src/lib/simpleNN.ts (which applies src/lib/dropout.ts).
 */
import { mcDropout, simpleNNExample, simpleNNForward } from '../lib/simpleNN';
import { formatNumber as fmt, formatTyped as trim } from '../lib/format';
import { logGrid } from './logGrid';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, type DataTable } from './a11y';
import { defineCell, fill } from './define';
import { pageWeightDraw, torchWithPageRng } from './python';

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
  };
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：SimpleNN 上的 dropout 掩码',
    fields: {
      p: { label: '丢弃概率 p（PyTorch 的 p）', hint: '0 到 1；原文的代码取 0.5' },
      train: { label: '训练模式 model.train()', hint: '取消勾选即评估模式 model.eval()：不丢弃任何单元' },
      seed: { label: '掩码随机种子', hint: '同一随机种子 → 同一掩码（链接可复现）' },
      net: { label: '网络随机种子（权重与输入）', hint: '按 nn.Linear 的默认初始化抽取' },
      passes: { label: 'Monte-Carlo 前向传播次数 N' },
    },
    redraw: '换一个掩码（随机种子 + 1）',
    diagram: 'SimpleNN：10 → 50（ReLU，dropout）→ 1',
    legendKept: '保留且非零', legendZero: 'ReLU 输出为 0', legendDropped: '被丢弃（×）',
    mode: '当前模式', input: '输入 x', mask: '掩码', relu: 'ReLU', scale: '保留单元的放大因子',
    output: '当前模式下的输出 y', trainFormula: '训练模式（用这个掩码）', evalFormula: '评估模式',
    units: '50 个隐藏单元：ReLU 输出、掩码与放大后的值',
    colJ: 'j', colH: 'hⱼ = ReLU(fc1(x))ⱼ', colM: 'mⱼ', colDropped: 'dropout(h)ⱼ', colW: 'w₂ⱼ', colProduct: 'w₂ⱼ·dropout(h)ⱼ',
    mcTitle: 'Monte-Carlo：多次 dropout 前向传播的平均值',
    mcMean: 'N 次训练模式输出的平均值', mcGap: '与评估输出之差', mcSpread: '单次输出的标准差；平均值的标准误差',
    trainMode: 'model.train()：dropout 生效',
    evalMode: 'model.eval()：dropout 是恒等映射',
    keptTrain: '保留 {k} 个隐藏单元，丢弃 {d} 个（共 {n} 个）',
    keptEval: '评估模式：{n} 个隐藏单元全部保留，不缩放',
    zeros: 'ReLU 之后已有 {z} 个单元为 0（共 {n} 个）；其中 {dz} 个又被丢弃——丢弃它们不改变任何值。',
    scaleEval: '1（评估模式不缩放）',
    scaleAllDropped: '全部丢弃，因子取 0',
    none: '无',
    listSep: '、',
    netLead: '网络图：左边 10 个输入，中间 50 个隐藏单元（ReLU），右边 1 个输出。',
    netTrain: '训练模式，p = {p}，掩码随机种子 {seed}：被丢弃的隐藏单元（×）{count} 个：{units}。',
    netEval: '评估模式：没有单元被丢弃。',
    netHollow: '空心圆表示 ReLU 输出为 0 的单元（{zero} 个）。',
    chart: '折线图：前 n 次训练模式前向传播输出的平均值随 n（对数刻度，1 到 {n}）的变化。{n} 次的平均值为 {mean}，逐渐靠近评估模式的输出 {ev}（水平线）；阴影带为 {ev} ± 2·{sd}/√n。灰点为单次前向传播的输出。',
    mean: '前 n 次的平均',
    evalLabel: '评估输出',
    single: '单次前向传播',
    x: '前向传播次数 n',
    y: '输出 y',
    p1: 'p = 1 时每个单元都被丢弃：每次输出都是偏置 b₂，平均值不会收敛到评估输出（期望 E[m/(1−p)] = 1 只在 p < 1 时成立）。',
  },
  en: {
    title: 'Live cell: a dropout mask on SimpleNN',
    fields: {
      p: { label: 'Drop probability p (PyTorch’s p)', hint: '0 to 1; the seed’s code uses 0.5' },
      train: { label: 'Training mode, model.train()', hint: 'unchecked: eval mode, model.eval(), which drops no unit' },
      seed: { label: 'Mask seed', hint: 'same seed → same mask (links reproduce it)' },
      net: { label: 'Network seed (weights and input)', hint: 'drawn like nn.Linear’s default initialisation' },
      passes: { label: 'Monte-Carlo passes N' },
    },
    redraw: 'Draw another mask (seed + 1)',
    diagram: 'SimpleNN: 10 → 50 (ReLU, dropout) → 1',
    legendKept: 'kept, non-zero', legendZero: 'ReLU output 0', legendDropped: 'dropped (×)',
    mode: 'Mode', input: 'Input x', mask: 'Mask', relu: 'ReLU', scale: 'Factor on kept units',
    output: 'Output y in this mode', trainFormula: 'Training mode (this mask)', evalFormula: 'Eval mode',
    units: 'The 50 hidden units: ReLU output, mask and scaled value',
    colJ: 'j', colH: 'hⱼ = ReLU(fc1(x))ⱼ', colM: 'mⱼ', colDropped: 'dropout(h)ⱼ', colW: 'w₂ⱼ', colProduct: 'w₂ⱼ·dropout(h)ⱼ',
    mcTitle: 'Monte-Carlo: the mean of many dropout passes',
    mcMean: 'Mean of N training-mode outputs', mcGap: 'Gap to the eval output', mcSpread: 'Spread of one pass; standard error of the mean',
    trainMode: 'model.train(): dropout active',
    evalMode: 'model.eval(): dropout is the identity',
    keptTrain: '{k} of {n} hidden units kept, {d} dropped',
    keptEval: 'Eval mode: all {n} hidden units kept, no scaling',
    zeros: '{z} of {n} units are already 0 after ReLU; {dz} of them are also dropped — dropping those changes nothing.',
    scaleEval: '1 (no scaling in eval mode)',
    scaleAllDropped: 'all dropped, factor 0',
    none: 'none',
    listSep: ', ',
    netLead: 'Network diagram: 10 inputs on the left, 50 hidden units (ReLU) in the middle, 1 output on the right. ',
    netTrain: 'Training mode, p = {p}, mask seed {seed}: {count} hidden units dropped (×): {units}. ',
    netEval: 'Eval mode: no unit is dropped. ',
    netHollow: 'Hollow circles are units whose ReLU output is 0 ({zero}).',
    chart: 'Line chart: mean output of the first n training-mode passes against n (log scale, 1 to {n}). The mean of {n} passes is {mean}, approaching the eval-mode output {ev} (horizontal line); the band is {ev} ± 2·{sd}/√n. Grey dots are single passes.',
    mean: 'mean of first n passes',
    evalLabel: 'eval output',
    single: 'single pass',
    x: 'number of passes n',
    y: 'output y',
    p1: 'With p = 1 every unit is dropped: each pass outputs the bias b₂ and the mean cannot reach the eval output (E[m/(1−p)] = 1 holds only for p < 1).',
  },
} as const;

const paren = (x: number, digits = 4) => (x < 0 ? `(${fmt(x, { digits })})` : fmt(x, { digits }));

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
  const scaleText = `1/(1 − ${p}) = ${s.p === 1 ? `— (p = 1: ${w.scaleAllDropped})` : fmt(tr.scale)}`;

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
  const grid = logGrid(s.passes, 300);
  const mean = grid.map((n) => ({ n, value: mc.runningMean[n - 1]!, series: w.mean }));
  const singles = grid.map((n) => ({ n, value: mc.outputs[n - 1]! }));
  const band = grid.map((n) => ({
    n,
    lo: mc.evalOutput - (2 * mc.passStd) / Math.sqrt(n),
    hi: mc.evalOutput + (2 * mc.passStd) / Math.sqrt(n),
  }));
  const description = fill(w.chart, { n: s.passes, mean: fmt(last), ev: fmt(mc.evalOutput), sd: fmt(mc.passStd) });
  const netDescription =
    w.netLead +
    (training
      ? fill(w.netTrain, { p, seed: s.seed, count: dropped.length, units: dropped.length ? dropped.join(w.listSep) : w.none })
      : w.netEval) +
    fill(w.netHollow, { zero: zeros });
  const sumSq = ev.hidden.reduce((a, h, j) => a + (w2[j]! * h) ** 2, 0);

  return {
    text: {
      mode: training ? w.trainMode : w.evalMode,
      input: `[${x.map((v) => fmt(v)).join(', ')}]`,
      kept: training ? fill(w.keptTrain, { k: keptCount, n: hiddenN, d: hiddenN - keptCount }) : fill(w.keptEval, { n: hiddenN }),
      zeros: fill(w.zeros, { z: zeros, n: hiddenN, dz: training ? zerosDropped : 0 }),
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
      netDescription,
      chartDescription: description,
      summary: summary(lang, [['输出 y', 'Output y', fmt(cur.output[0]!)], [`${s.passes} 次前向传播的平均值`, `mean of ${s.passes} passes`, fmt(last)], ['评估输出', 'eval output', fmt(mc.evalOutput)]]),
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
    },
  };
}

/** Runnable PyTorch: the seed's SimpleNN with the page's weights and mask; prints the cell's numbers. */
export function dropoutPytorchCode(s: DropoutState, mask: readonly number[]): string {
  const maskText = mask.map((m) => `${m}.`).join(', ');
  return [
    ...torchWithPageRng(),
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
    ...pageWeightDraw('net_seed'),
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

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'dropout',
  prefix: 'do',
  schema: dropoutSchema,
  paramOf: dropoutParamOf,
  words,
  layout: [
    { fields: ['p', { param: 'train', control: 'switch' }, { param: 'seed', slider: false }, { param: 'net', slider: false }] },
    { result: 'mode', label: 'mode' },
    { result: 'input', label: 'input' },
    // The network diagram and the "draw another mask" button (src/components/dropout/NetDiagram.astro).
    { slot: 'net' },
    { result: 'kept', label: 'mask' },
    { result: 'zeros', label: 'relu' },
    { result: 'scale', label: 'scale' },
    { result: 'output', label: 'output', output: true },
    { result: 'trainFormula', label: 'trainFormula' },
    { result: 'evalFormula', label: 'evalFormula' },
    { table: 'units', caption: 'units', head: ['colJ', 'colH', 'colM', 'colDropped', 'colW', 'colProduct'], details: 'units' },
    { heading: 'mcTitle' },
    { fields: ['passes'] },
    { result: 'mcMean', label: 'mcMean' },
    { result: 'mcGap', label: 'mcGap' },
    { result: 'mcSpread', label: 'mcSpread' },
    { chart: 'mc', caption: 'chartDescription' },
    { code: 'pytorch' },
  ],
  view: dropoutView,
});
