/**
 * "Inside the layer": the seed's VectorQuantizer taken apart on a few points. Distances (the
 * seed's ‖x‖² + ‖e‖² − 2x·e, squared: erratum 4), argmin, gather, the two loss terms with β, the
 * straight-through estimator and the perplexity (the seed's line vs the correct one: erratum 1),
 * all with the numbers substituted. The default is the seed's own example: three points, four codes,
 * and the indices [2, 0, 1] its comment forces (commitment loss 398, not 421: erratum 3).
 */
import { codebookPerplexity, codebookUsage, seedPerplexity, vectorQuantize, vqLossForIndices } from '../lib/vq';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary, type DataTable } from './a11y';
import { defineCell, fill } from './define';
import { VECTOR_QUANTIZER_SOURCE, mat, num, paren, vec } from './vqShared';
import { pyMatrix } from './python';
import { paramRangeError } from '../lib/refusal';

export const vqLayerSchema = {
  lx: { kind: 'matrix', minRows: 1, maxRows: 8, minCols: 1, maxCols: 4, min: -1000, max: 1000, default: [[1, 1], [2, 2], [3, 3]] },
  lcb: { kind: 'matrix', minRows: 1, maxRows: 8, minCols: 1, maxCols: 4, min: -1000, max: 1000, default: [[10, 10], [20, 20], [30, 30], [40, 40]] },
  lbeta: { kind: 'number', min: 0, max: 2, step: 0.05, default: 0.25 },
  lforce: { kind: 'vector', minLength: 1, maxLength: 8, min: 0, max: 7, default: [2, 0, 1] },
} as const satisfies Schema;

export type VqLayerState = StateOf<typeof vqLayerSchema>;

export const vqLayerParamOf: Record<string, keyof VqLayerState> = {
  x: 'lx', codebook: 'lcb', commitmentCost: 'lbeta', indices: 'lforce', dim: 'lcb',
};

/** One forced index per point: extra entries are cut, missing ones become 0. */
export function normalizeVqLayer(s: VqLayerState): VqLayerState {
  const n = s.lx.length;
  return { ...s, lforce: Array.from({ length: n }, (_, i) => s.lforce[i] ?? 0) };
}

export interface VqLayerChart {
  /** Present only for 2-D data. */
  codes: { x: number; y: number; code: string }[];
  points: { x: number; y: number; label: string; code: string }[];
  links: { x1: number; y1: number; x2: number; y2: number }[];
  description: string;
}

export interface VqLayerView {
  text: Record<string, string>;
  rows: Record<'distances' | 'ste', string[][]>;
  tables: Record<'layer', DataTable>;
  /** The distance table's column headings: one column per code, so they follow K. */
  distanceHead: string[];
  chart: VqLayerChart | null;
  nearest: number[];
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：VQ 层内部的每一步',
    fields: {
      lx: { label: '输入 x（每行一个向量）', hint: '用 ; 分隔行，例如 1,1; 2,2; 3,3；最多 8 行、4 维' },
      lcb: { label: '码本 e（每行一个码向量）', hint: '维度必须与 x 相同；最多 8 个码' },
      lbeta: { label: '承诺系数 β' },
      lforce: { label: '原文注释里强制指定的索引', hint: '每个输入一个 0 到 K−1 的整数；个数随 x 的行数自动补 0 或截断' },
    },
    s1: '1. 距离', s2: '2. argmin', s3: '3. 取码（gather）', s4: '4. 两项损失与 β', s5: '5. 直通估计器', s6: '6. 困惑度：原文的那一行与正确的写法',
    squared: '（平方距离，不开根号）',
    seedLine: '原文的代码',
    distCaption: '每个输入到每个码向量的平方距离（◀ 标出最小值）',
    row: '输入', argmin: '最近的码', position: '位置', codePosition: '码向量的位置', sqDist: '平方距离',
    point: 'x{i}',
    codeName: '码 {j}',
    forced: '原文注释中的算例（强制指定索引）',
    forcedValue: '正确值（原文写的是 421.0）',
    steCaption: '前向值：x + sg(q − x) = q', steX: '前向值', steG: '∂(Σ q_st²)/∂x = 2q',
    forwardValue: '前向值等于', backward: '反向传播时',
    seedPpl: '原文的那一行', correct: '正确的写法',
    pplCaption: '两种写法算出的困惑度',
    seedNearest: '原文的那一行，用最近索引', seedForced: '原文的那一行，用强制索引',
    correctNearest: '正确的写法，用最近索引', correctForced: '正确的写法，用强制索引',
    axisX: '第 1 维', axisY: '第 2 维',
    chart: '散点图：{k} 个码向量（方块）及其 Voronoi 区域，{n} 个输入点（圆点）各自连到最近的码向量。最近索引 {idx}；{dead} 个码向量没有被使用。',
    notTwoD: '图只画二维数据；当前维度 D = {d}。',
    steGrad: '∂(Σ q_st²)/∂x = 2·q = {grad}；不用直通估计时：0（argmin 与 index_select 对 x 没有梯度）',
  },
  en: {
    title: 'Live cell: every step inside the VQ layer',
    fields: {
      lx: { label: 'Inputs x (one vector per row)', hint: 'rows separated by ;, e.g. 1,1; 2,2; 3,3; at most 8 rows of 4 numbers' },
      lcb: { label: 'Codebook e (one code per row)', hint: 'same dimension as x; at most 8 codes' },
      lbeta: { label: 'Commitment cost β' },
      lforce: { label: 'Indices forced by the seed’s comment', hint: 'one integer in 0…K−1 per input; padded with 0 or cut to the rows of x' },
    },
    s1: '1. Distances', s2: '2. argmin', s3: '3. Gather', s4: '4. The two loss terms and β', s5: '5. The straight-through estimator', s6: '6. Perplexity: the seed’s line vs the correct one',
    squared: '(squared: no root is taken)',
    seedLine: 'The seed’s code',
    distCaption: 'Squared distance from every input to every code (◀ marks the smallest)',
    row: 'Input', argmin: 'nearest', position: 'position', codePosition: 'position of the code', sqDist: 'squared distance',
    point: 'x{i}',
    codeName: 'code {j}',
    forced: 'The seed’s worked example (forced indices)',
    forcedValue: 'Correct value (the seed prints 421.0)',
    steCaption: 'Forward value: x + sg(q − x) = q', steX: 'forward value', steG: '∂(Σ q_st²)/∂x = 2q',
    forwardValue: 'forward value', backward: 'backward:',
    seedPpl: 'The seed’s line', correct: 'The correct line',
    pplCaption: 'Perplexity by the two lines',
    seedNearest: 'The seed’s line, on the nearest indices', seedForced: 'The seed’s line, on the forced indices',
    correctNearest: 'Correct, on the nearest indices', correctForced: 'Correct, on the forced indices',
    axisX: 'dimension 1', axisY: 'dimension 2',
    chart: 'Scatter plot: {k} codes (squares) with their Voronoi cells, and {n} input points (circles), each linked to its nearest code. Nearest indices {idx}; {dead} code(s) unused.',
    notTwoD: 'The chart draws 2-D data only; the current dimension is D = {d}.',
    steGrad: '∂(Σ q_st²)/∂x = 2·q = {grad}; without the straight-through trick: 0 (argmin and index_select give x no gradient)',
  },
} as const;

/** The words of the cell in one language (the slot markup of VqLayerCell.astro reads them too). */
export type VqLayerWords = (typeof words)['en'];

function sqTerms(q: readonly number[][], x: readonly number[][]): string {
  const terms: string[] = [];
  x.forEach((row, i) => row.forEach((v, t) => terms.push(`(${num(q[i]![t]!)} − ${paren(v)})²`)));
  return terms.length > 6 ? `${terms.slice(0, 4).join(' + ')} + … + ${terms.at(-1)}` : terms.join(' + ');
}

export function vqLayerView(s: VqLayerState, lang: Lang): VqLayerView {
  const w = words[lang];
  const point = (i: number) => fill(w.point, { i });
  const code = (j: number) => fill(w.codeName, { j });
  const x = s.lx.map((r) => [...r]);
  const cb = s.lcb.map((r) => [...r]);
  const d = x[0]!.length;
  if (cb[0]!.length !== d) {
    throw paramRangeError('lcb', `lcb must have ${d} numbers per row, like lx; received ${cb[0]!.length}`);
  }
  const n = x.length;
  const k = cb.length;
  const beta = s.lbeta;
  const r = vectorQuantize(x.flat(), cb.flat(), d, beta);
  const nearest = Array.from(r.indices);
  const forced = s.lforce.map((v) => v);
  const fl = vqLossForIndices(x.flat(), cb.flat(), d, forced, beta);
  const q = nearest.map((j) => cb[j]!);
  const qf = forced.map((j) => cb[j]!);
  const b = num(beta);

  // Distances: ‖x‖² + ‖e‖² − 2x·e for every pair, the minimum marked.
  const xn = x.map((row) => row.reduce((a, v) => a + v * v, 0));
  const en = cb.map((row) => row.reduce((a, v) => a + v * v, 0));
  const dists = x.map((row, i) => cb.map((e, j) => xn[i]! + en[j]! - 2 * row.reduce((a, v, t) => a + v * e[t]!, 0)));
  const distRows = x.map((row, i) => {
    const cells = cb.map((e, j) => {
      const dot = row.reduce((a, v, t) => a + v * e[t]!, 0);
      return `${num(xn[i]!)} + ${num(en[j]!)} − 2·${paren(dot)} = ${num(dists[i]![j]!)}${j === nearest[i] ? ' ◀' : ''}`;
    });
    return [`${point(i)} = ${vec(row)}`, ...cells, String(nearest[i])];
  });

  const usageN = codebookUsage(nearest, k);
  const usageF = codebookUsage(forced, k);
  const pN = usageN.map((c) => c / n);
  const pF = usageF.map((c) => c / n);
  const seedAvg = (idx: number[]) => idx.reduce((a, j) => a + j / k, 0) / idx.length;
  const ppl = (p: number[], v: number) => `p = ${vec(p)} → exp(−Σ p·log p) = ${fmt(v)}`;
  const seedPpl = (idx: number[], v: number) => {
    const a = seedAvg(idx);
    return `avg_probs = mean(${vec(idx)} / ${k}) = ${fmt(a)} → exp(−${fmt(a)}·log(${fmt(a)} + 1e−10)) = ${fmt(v)}`;
  };
  const dead = usageN.filter((c) => c === 0).length;

  const mseTerm = (qq: number[][], mse: number) => `(${sqTerms(qq, x)}) / ${n * d} = ${fmt(mse)}`;
  const steRows = x.map((row, i) => [
    point(i),
    `${vec(row)} + (${vec(q[i]!)} − ${vec(row)}) = ${vec(q[i]!)}`,
    vec(q[i]!.map((v) => 2 * v)),
  ]);

  let chart: VqLayerChart | null = null;
  if (d === 2) {
    chart = {
      codes: cb.map((e, j) => ({ x: e[0]!, y: e[1]!, code: code(j) })),
      points: x.map((row, i) => ({ x: row[0]!, y: row[1]!, label: point(i), code: code(nearest[i]!) })),
      links: x.map((row, i) => ({ x1: row[0]!, y1: row[1]!, x2: q[i]![0]!, y2: q[i]![1]! })),
      description: fill(w.chart, { k, n, idx: vec(nearest), dead }),
    };
  }

  return {
    text: {
      argmin: `argmin → ${vec(nearest)} → unsqueeze(1) → [${nearest.map((j) => `[${j}]`).join(', ')}]`,
      gather: `index_select(codebook, 0, ${vec(nearest)}) = ${mat(q)}`,
      qLatent: `q_latent = mean((q − sg x)²) = ${mseTerm(q, r.qLatentLoss)}`,
      eLatent: `e_latent = mean((sg q − x)²) = ${fmt(r.eLatentLoss)}`,
      loss: `loss = q_latent + β·e_latent = ${fmt(r.qLatentLoss)} + ${b}·${fmt(r.eLatentLoss)} = ${fmt(r.loss)}`,
      lossValue: fmt(r.loss),
      forcedGather: `index_select(codebook, 0, ${vec(forced)}) = ${mat(qf)}`,
      forcedLatent: `e_latent = ${mseTerm(qf, fl.eLatentLoss)}`,
      forcedValue: fmt(fl.eLatentLoss),
      forcedLoss: `loss = ${fmt(fl.qLatentLoss)} + ${b}·${fmt(fl.eLatentLoss)} = ${fmt(fl.loss)}`,
      steGrad: fill(w.steGrad, { grad: mat(q.map((row) => row.map((v) => 2 * v))) }),
      pplNearest: ppl(pN, r.perplexity),
      seedPplNearest: seedPpl(nearest, seedPerplexity(nearest, k)),
      pplForced: ppl(pF, codebookPerplexity(forced, k)),
      seedPplForced: seedPpl(forced, seedPerplexity(forced, k)),
      chartDescription: chart ? chart.description : fill(w.notTwoD, { d }),
      summary: summary(lang, [['最近的码', 'Nearest codes', vec(nearest)], ['损失', 'loss', fmt(r.loss)], ['困惑度', 'perplexity', fmt(r.perplexity)]]),
      pytorch: vqLayerPytorch(s, nearest),
    },
    rows: { distances: distRows, ste: steRows },
    tables: {
      // The chart's text alternative: every input, the code it is drawn to, and how far.
      layer: {
        head: [w.row, w.position, w.argmin, w.codePosition, w.sqDist],
        rows: x.map((row, i) => [point(i), vec(row), code(nearest[i]!), vec(q[i]!), num(dists[i]![nearest[i]!]!)]),
      },
    },
    distanceHead: [w.row, ...cb.map((_, j) => code(j)), w.argmin],
    chart,
    nearest,
  };
}

export function vqLayerPytorch(s: VqLayerState, nearest: number[]): string {
  return [
    VECTOR_QUANTIZER_SOURCE,
    '',
    '',
    `x = torch.tensor(${pyMatrix(s.lx)}, requires_grad=True)`,
    `codebook = torch.tensor(${pyMatrix(s.lcb)})`,
    `vq = VectorQuantizer(${s.lcb.length}, ${s.lx[0]!.length}, commitment_cost=${s.lbeta})`,
    'with torch.no_grad():',
    '    vq.embedding.weight.copy_(codebook)',
    '',
    'quantized, loss, perplexity = vq(x)',
    `print("nearest:", torch.cdist(x, codebook).argmin(dim=1).tolist())  # ${JSON.stringify(nearest)}`,
    'print("quantized (forward value):", quantized.tolist())',
    'print("loss:", loss.item(), "perplexity:", perplexity.item())',
    '',
    '# The seed\'s comment forces these indices; its hand-computed e_latent_loss:',
    `forced = torch.tensor(${JSON.stringify(s.lforce)})`,
    'q_forced = codebook[forced]',
    'print("e_latent_loss (forced):", F.mse_loss(q_forced, x.detach()).item())',
    '',
    '# Straight-through: forward = q, and the gradient reaches x unchanged',
    '(quantized ** 2).sum().backward()',
    'print("d sum(q_st^2) / dx:", x.grad.tolist())  # = 2 * q',
    '',
    '# The seed\'s perplexity line, for comparison (erratum 1)',
    'idx = torch.tensor(' + JSON.stringify(nearest) + ').unsqueeze(1)',
    `avg = torch.mean(idx.float() / ${s.lcb.length}, dim=0)`,
    'print("seed perplexity:", torch.exp(-torch.sum(avg * torch.log(avg + 1e-10))).item())',
  ].join('\n');
}

/**
 * The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). The
 * `slot` blocks are the formulas (KaTeX, build time) and the seed's code lines of each step, and the
 * distance table, whose columns follow K (src/components/vq/VqLayerCell.astro, passed by the page;
 * src/components/charts/vq-layer.ts rebuilds that table's head when K changes).
 */
export const cell = defineCell({
  id: 'vq-layer',
  prefix: 'vq',
  schema: vqLayerSchema,
  normalize: normalizeVqLayer,
  paramOf: vqLayerParamOf,
  words,
  layout: [
    { fields: ['lx', 'lcb', 'lbeta', 'lforce'] },
    { chart: 'layer', caption: 'chartDescription' },
    { heading: 's1' },
    { slot: 'distances' },
    { heading: 's2' },
    { slot: 'argmin' },
    { note: 'argmin' },
    { heading: 's3' },
    { slot: 'gather' },
    { note: 'gather' },
    { heading: 's4' },
    { slot: 'loss' },
    { note: 'qLatent' },
    { note: 'eLatent' },
    { note: 'loss' },
    { slot: 'forced' },
    { note: 'forcedGather' },
    { note: 'forcedLatent' },
    { result: 'forcedValue', label: 'forcedValue', output: true },
    { note: 'forcedLoss' },
    { heading: 's5' },
    { slot: 'ste' },
    { table: 'ste', caption: 'steCaption', head: ['row', 'steX', 'steG'] },
    { note: 'steGrad' },
    { heading: 's6' },
    { slot: 'perplexity' },
    {
      pairs: [
        { label: 'seedNearest', slot: 'seedPplNearest' },
        { label: 'seedForced', slot: 'seedPplForced' },
        { label: 'correctNearest', slot: 'pplNearest' },
        { label: 'correctForced', slot: 'pplForced' },
      ],
      caption: 'pplCaption',
    },
    { code: 'pytorch' },
  ],
  view: vqLayerView,
});
