/**
 * Dropout as an ensemble of thinned networks (issue #13 §2): on a small fixed MLP (4 → 8 ReLU,
 * dropout → 3 softmax), the weight-scaling prediction (model.eval()), the Monte-Carlo average of N
 * sampled thinned networks and the exact average over all 2⁸ masks, side by side. Every number comes
 * from src/lib/dropoutEnsemble.ts (equal to PyTorch float64, tests/unit/dropoutEnsemble.test.ts).
 */
import {
  DROPOUT_ENSEMBLE_SIZES, dropoutEnsembleNet, exactDropoutEnsemble, mcDropoutEnsemble, weightScalingPrediction,
} from '../lib/dropoutEnsemble';
import { formatNumber as fmt, formatTyped as trim } from '../lib/format';
import { logGrid } from './logGrid';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, type DataTable } from './a11y';
import { MAX_SEED } from './dropout';
import { defineCell, fill } from './define';
import { pageWeightDraw, pyList, torchWithPageRng } from './python';

/** Seed of the fixed network's weights (the cell's seed draws the masks only). */
export const ENSEMBLE_NET_SEED = 2012;

export const dropoutEnsembleSchema = {
  ensP: { kind: 'number', min: 0, max: 1, step: 0.05, default: 0.5 },
  ensN: { kind: 'integer', min: 1, max: 2000, default: 500 },
  ensSeed: { kind: 'integer', min: 0, max: MAX_SEED, default: 1 },
  ensX: { kind: 'vector', minLength: 4, maxLength: 4, min: -10, max: 10, default: [1, -1, 0.5, 2] },
  ensClass: { kind: 'integer', min: 0, max: DROPOUT_ENSEMBLE_SIZES.outputs - 1, default: 0 },
} as const satisfies Schema;

export type DropoutEnsembleState = StateOf<typeof dropoutEnsembleSchema>;

/** Library parameter names → the cell's inputs. */
export const dropoutEnsembleParamOf: Record<string, keyof DropoutEnsembleState> = {
  p: 'ensP', samples: 'ensN', seed: 'ensSeed', x: 'ensX',
};

export interface EnsemblePoint {
  n: number;
  value: number;
}

export interface DropoutEnsembleView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  tables: Record<'ens', DataTable>;
  chart: {
    mean: EnsemblePoint[];
    band: { n: number; lo: number; hi: number }[];
    weightScaling: number;
    exact: number;
    samples: number;
    /** The class charted. */
    cls: number;
    description: string;
  };
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：权重缩放与 2⁸ 个子网络的平均',
    fields: {
      ensP: { label: '丢弃概率 p' },
      ensN: { label: '采样的子网络个数 N' },
      ensSeed: { label: '掩码随机种子', hint: '决定 N 个掩码；网络权重固定不变' },
      ensX: { label: '输入 x', hint: '4 个数，用逗号分隔，每个在 −10 到 10 之间' },
      ensClass: { label: '图中显示的类别' },
    },
    networkText: '网络：{i} 个输入 → {h} 个 ReLU 隐藏单元（其后接 dropout）→ {k} 个 softmax 输出；权重按 nn.Linear 的默认初始化由随机种子 {seed} 抽取（固定）。每个掩码确定一个子网络，共 {masks} 个，它们共享同一组权重。',
    probsCaption: '三种预测：每个类别的概率',
    logitsCaption: 'logit 是掩码的线性函数：它的平均恰好等于评估模式的 logit',
    logitsDetails: '展开：三种方法的 logit',
    colClass: '类别',
    colWs: '权重缩放（model.eval()）',
    colMc: 'N 个子网络的 Monte-Carlo 平均',
    colExact: '全部子网络的精确平均',
    colGeo: '加权几何平均（归一化）',
    colEvalZ: '评估模式的 logit',
    colMcZ: 'N 个子网络 logit 的平均',
    colExactZ: '全部子网络 logit 的精确平均',
    gapMc: 'Monte-Carlo 与精确平均之差（各类别取最大）',
    gapWs: '权重缩放与精确平均之差（各类别取最大）',
    gapGeo: '权重缩放与几何平均之差',
    gapLogits: '评估模式 logit 与 logit 精确平均之差',
    atClass: '{gap}（类别 {c}）',
    readingSome: '类别 {c}：单个子网络输出概率的标准差为 {sd}，所以 N = {n} 次采样的平均有约 {sd}/√{n} = {se} 的随机误差；权重缩放只需一次前向传播，偏差为 {gap}，而且不随 N 变化。当 N 超过约 ({sd}/{gap})² = {nStar} 时，Monte-Carlo 平均的典型误差才小于权重缩放的偏差。',
    readingOne: 'p = {p} 时只有一个子网络（{which}），三种预测完全相同。',
    whichAll: '完整网络',
    whichNone: '所有隐藏单元都被丢弃的网络',
    readingZero: '类别 {c}：权重缩放与精确平均在舍入误差之内相同，任何 N 的 Monte-Carlo 平均都不会更好。',
    chartText: '折线图：前 n 个采样子网络对类别 {c} 的平均概率随 n（对数刻度，1 到 {n}）的变化。{n} 个的平均为 {mc}；水平实线是全部 {masks} 个子网络的精确平均 {exact}，虚线是权重缩放的预测 {ws}；阴影带为 {exact} ± 2·{sd}/√n。',
    mean: '前 n 个子网络的平均',
    exactLabel: '精确平均',
    wsLabel: '权重缩放',
    x: '采样的子网络个数 n',
    y: '类别 {c} 的概率',
  },
  en: {
    title: 'Live cell: weight scaling against the average of 2⁸ thinned networks',
    fields: {
      ensP: { label: 'Drop probability p' },
      ensN: { label: 'Thinned networks sampled N' },
      ensSeed: { label: 'Mask seed', hint: 'draws the N masks; the weights stay fixed' },
      ensX: { label: 'Input x', hint: '4 numbers, comma-separated, each −10 to 10' },
      ensClass: { label: 'Class in the chart' },
    },
    networkText: 'Network: {i} inputs → {h} ReLU hidden units (then dropout) → {k} softmax outputs; weights drawn like nn.Linear’s default from seed {seed} (fixed). Each mask picks one thinned network: {masks} of them, all sharing the same weights.',
    probsCaption: 'Three predictions: the probability of each class',
    logitsCaption: 'The logits are linear in the mask: their average is exactly the eval-mode logits',
    logitsDetails: 'Show the logits of the three methods',
    colClass: 'Class',
    colWs: 'Weight scaling (model.eval())',
    colMc: 'Monte-Carlo mean of N networks',
    colExact: 'Exact mean of all networks',
    colGeo: 'Weighted geometric mean (renormalized)',
    colEvalZ: 'Eval-mode logit',
    colMcZ: 'Mean logit of N networks',
    colExactZ: 'Exact mean logit of all networks',
    gapMc: 'Monte-Carlo vs exact mean (largest over classes)',
    gapWs: 'Weight scaling vs exact mean (largest over classes)',
    gapGeo: 'Weight scaling vs geometric mean',
    gapLogits: 'Eval-mode logits vs exact mean logits',
    atClass: '{gap} (class {c})',
    readingSome: 'Class {c}: one thinned network\'s probability has standard deviation {sd}, so the mean of N = {n} samples is off by about {sd}/√{n} = {se} at random; weight scaling takes one forward pass and is off by {gap}, whatever N. Only beyond N ≈ ({sd}/{gap})² = {nStar} is the Monte-Carlo mean\'s typical error smaller than weight scaling\'s bias.',
    readingOne: 'With p = {p} there is a single network ({which}): the three predictions are the same.',
    whichAll: 'the full one',
    whichNone: 'every hidden unit dropped',
    readingZero: 'Class {c}: weight scaling equals the exact mean to rounding; no Monte-Carlo mean can do better.',
    chartText: 'Line chart: mean probability of class {c} over the first n sampled thinned networks against n (log scale, 1 to {n}). The mean of {n} is {mc}; the solid horizontal line is the exact mean over all {masks} networks, {exact}, the dashed one the weight-scaling prediction {ws}; the band is {exact} ± 2·{sd}/√n.',
    mean: 'mean of first n networks',
    exactLabel: 'exact mean',
    wsLabel: 'weight scaling',
    x: 'thinned networks sampled n',
    y: 'probability of class {c}',
  },
} as const;


/** The largest |a − b| over classes, and the class where it is. */
function largestGap(a: readonly number[], b: readonly number[]): { gap: number; c: number } {
  let c = 0;
  a.forEach((v, i) => {
    if (Math.abs(v - b[i]!) > Math.abs(a[c]! - b[c]!)) c = i;
  });
  return { gap: Math.abs(a[c]! - b[c]!), c };
}

export function dropoutEnsembleView(s: DropoutEnsembleState, lang: Lang): DropoutEnsembleView {
  const w = words[lang];
  const net = dropoutEnsembleNet(ENSEMBLE_NET_SEED);
  const ws = weightScalingPrediction(net, s.ensX);
  const mc = mcDropoutEnsemble(net, s.ensX, s.ensP, s.ensSeed, s.ensN);
  const ex = exactDropoutEnsemble(net, s.ensX, s.ensP);
  const c = s.ensClass;
  const n = s.ensN;

  const probs = ws.probs.map((v, k) => [String(k), fmt(v), fmt(mc.probs[k]!), fmt(ex.probs[k]!), fmt(ex.geometric[k]!)]);
  const logits = ws.logits.map((v, k) => [String(k), fmt(v), fmt(mc.logits[k]!), fmt(ex.logits[k]!)]);
  const gapMc = largestGap(mc.probs, ex.probs);
  const gapWs = largestGap(ws.probs, ex.probs);
  const gapGeo = largestGap(ws.probs, ex.geometric);
  const gapLogits = largestGap(ws.logits, ex.logits);
  const at = (g: { gap: number; c: number }) => fill(w.atClass, { gap: fmt(g.gap), c: g.c });

  const sd = ex.probsStd[c]!;
  const se = sd / Math.sqrt(n);
  const gapC = Math.abs(ws.probs[c]! - ex.probs[c]!);
  let reading: string;
  if (s.ensP === 0 || s.ensP === 1) {
    reading = fill(w.readingOne, { p: trim(s.ensP), which: s.ensP === 0 ? w.whichAll : w.whichNone });
  } else if (gapC < 1e-12) {
    reading = fill(w.readingZero, { c });
  } else {
    const nStar = (sd / gapC) ** 2;
    reading = fill(w.readingSome, { c, sd: fmt(sd), n, se: fmt(se), gap: fmt(gapC), nStar: fmt(nStar, { digits: 0 }) });
  }

  const grid = logGrid(n, 200);
  const mean = grid.map((k) => ({ n: k, value: mc.running[k - 1]![c]! }));
  const band = grid.map((k) => ({ n: k, lo: ex.probs[c]! - (2 * sd) / Math.sqrt(k), hi: ex.probs[c]! + (2 * sd) / Math.sqrt(k) }));
  const description = fill(w.chartText, {
    c, n, mc: fmt(mc.probs[c]!), masks: ex.masks, exact: fmt(ex.probs[c]!), ws: fmt(ws.probs[c]!), sd: fmt(sd),
  });

  return {
    text: {
      network: fill(w.networkText, { i: DROPOUT_ENSEMBLE_SIZES.inputs, h: DROPOUT_ENSEMBLE_SIZES.hidden, k: DROPOUT_ENSEMBLE_SIZES.outputs, seed: ENSEMBLE_NET_SEED, masks: ex.masks }),
      gapMc: at(gapMc),
      gapWs: at(gapWs),
      gapGeo: at(gapGeo),
      gapLogits: at(gapLogits),
      reading,
      chartDescription: description,
      summary: summary(lang, [
        ['权重缩放与精确平均之差', 'weight scaling vs exact', fmt(gapWs.gap)],
        [`${n} 个子网络的平均与精确平均之差`, `mean of ${n} networks vs exact`, fmt(gapMc.gap)],
      ]),
      pytorch: dropoutEnsemblePytorchCode(s),
    },
    rows: { probs, logits },
    tables: {
      ens: dataTable(['n', w.mean, w.exactLabel, w.wsLabel], grid, (k) => [String(k), fmt(mc.running[k - 1]![c]!), fmt(ex.probs[c]!), fmt(ws.probs[c]!)]),
    },
    chart: { mean, band, weightScaling: ws.probs[c]!, exact: ex.probs[c]!, samples: n, cls: c, description },
  };
}

/** Runnable PyTorch: the same network, masks and enumeration; prints the cell's numbers. */
export function dropoutEnsemblePytorchCode(s: DropoutEnsembleState): string {
  const { inputs, hidden, outputs } = DROPOUT_ENSEMBLE_SIZES;
  return [
    ...torchWithPageRng(['import itertools', 'import math']),
    `p, N, mask_seed = ${s.ensP}, ${s.ensN}, ${s.ensSeed}`,
    `model = nn.Sequential(nn.Linear(${inputs}, ${hidden}), nn.ReLU(), nn.Dropout(p), nn.Linear(${hidden}, ${outputs}))`,
    '',
    ...pageWeightDraw(ENSEMBLE_NET_SEED),
    'with torch.no_grad():',
    `    model[0].weight.copy_(draw(${hidden * inputs}, ${inputs}).reshape(${hidden}, ${inputs}))`,
    `    model[0].bias.copy_(draw(${hidden}, ${inputs}))`,
    `    model[3].weight.copy_(draw(${outputs * hidden}, ${hidden}).reshape(${outputs}, ${hidden}))`,
    `    model[3].bias.copy_(draw(${outputs}, ${hidden}))`,
    `x = torch.tensor(${pyList(s.ensX)})`,
    'scale = 0.0 if p == 1 else 1 / (1 - p)  # inverted dropout: kept units x 1/(1-p) in training',
    '',
    'with torch.no_grad():',
    '    model.eval()  # weight scaling: the full network, nn.Dropout is the identity',
    '    print("weight scaling:", torch.softmax(model(x), 0).tolist())',
    '    h = model[1](model[0](x))  # the hidden units dropout acts on',
    '    fc2 = model[3]',
    '',
    '    # Monte-Carlo: N thinned networks, masks from Mulberry32(mask_seed) (torch\'s RNG would draw others).',
    '    rng = Mulberry32(mask_seed)',
    `    total = torch.zeros(${outputs})`,
    '    for _ in range(N):',
    `        mask = torch.tensor([1.0 if rng.next() >= p else 0.0 for _ in range(${hidden})])`,
    '        total += torch.softmax(fc2(h * mask * scale), 0)',
    '    print("Monte-Carlo mean of", N, "networks:", (total / N).tolist())',
    '',
    `    # Exact: all 2**${hidden} masks, each with probability (1-p)**kept * p**dropped.`,
    `    exact, log_geo = torch.zeros(${outputs}), torch.zeros(${outputs})`,
    `    for bits in itertools.product([0.0, 1.0], repeat=${hidden}):`,
    `        weight = (1 - p) ** sum(bits) * p ** (${hidden} - sum(bits))`,
    '        if weight == 0:',
    '            continue',
    '        z = fc2(h * torch.tensor(bits) * scale)',
    '        exact += weight * torch.softmax(z, 0)',
    '        log_geo += weight * torch.log_softmax(z, 0)',
    '    print("exact mean of all networks:", exact.tolist())',
    '    print("geometric mean, renormalized:", torch.softmax(log_geo, 0).tolist())',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'dropout-ensemble',
  prefix: 'de',
  schema: dropoutEnsembleSchema,
  paramOf: dropoutEnsembleParamOf,
  words,
  layout: [
    { fields: ['ensP', 'ensN', { param: 'ensSeed', slider: false }, 'ensX', { param: 'ensClass', slider: false }] },
    { note: 'network' },
    { table: 'probs', caption: 'probsCaption', head: ['colClass', 'colWs', 'colMc', 'colExact', 'colGeo'] },
    { result: 'gapWs', label: 'gapWs', output: true },
    { result: 'gapMc', label: 'gapMc', output: true },
    { result: 'gapGeo', label: 'gapGeo' },
    { table: 'logits', caption: 'logitsCaption', head: ['colClass', 'colEvalZ', 'colMcZ', 'colExactZ'], details: 'logitsDetails' },
    { result: 'gapLogits', label: 'gapLogits' },
    { note: 'reading' },
    { chart: 'ens', caption: 'chartDescription' },
    { code: 'pytorch' },
  ],
  view: dropoutEnsembleView,
});
