/**
 * Batch norm's noise against the batch size (issue #13 §2): one example x_i of a fixed data set,
 * normalized in R random mini-batches of size B that contain it (training-mode BatchNorm1d, γ = 1,
 * β = 0, ε = 1e-5). The spread of its output over the batches, and that spread for B = 2, 4, …, N.
 * Numbers from src/lib/batchNormNoise.ts; the data are 256 draws of N(0, 1) from the page's generator.
 */
import { batchNormNoise, batchNormNoiseSweep, noiseBatchSizes, type BatchNoise, type NoisePoint } from '../lib/batchNormNoise';
import { gaussianBatches } from '../lib/batchNormRunning';
import { formatNumber } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, type DataTable } from './a11y';
import { MAX_SEED } from './dropout';
import { defineCell, fill } from './define';
import { torchWithPageRng } from './python';

/** The data set: N values of N(0, 1), `createRng(BNN_DATA_SEED)` (gaussianBatches' order). */
export const BNN_DATA_SIZE = 256;
export const BNN_DATA_SEED = 0;
/** ε of nn.BatchNorm1d's default. */
const EPS = 1e-5;

let cachedData: number[] | null = null;
/** The cell's fixed data set (drawn once). */
export function bnNoiseData(): number[] {
  cachedData ??= gaussianBatches(BNN_DATA_SEED, 1, BNN_DATA_SIZE, 0, 1)[0]!;
  return cachedData;
}

export const bnNoiseSchema = {
  nbs: { kind: 'integer', min: 2, max: BNN_DATA_SIZE, default: 16 },
  nidx: { kind: 'integer', min: 0, max: BNN_DATA_SIZE - 1, default: 0 },
  // R × (2 + 4 + … + 256) values per edit: 1000 keeps the sweep near 10 ms.
  ndraws: { kind: 'integer', min: 2, max: 1000, default: 500 },
  nseed: { kind: 'integer', min: 0, max: MAX_SEED, default: 1 },
} as const satisfies Schema;

export type BnNoiseState = StateOf<typeof bnNoiseSchema>;

export const bnNoiseParamOf: Record<string, keyof BnNoiseState> = {
  batchSize: 'nbs', index: 'nidx', draws: 'ndraws', seed: 'nseed',
};

export interface HistogramBin {
  x0: number;
  x1: number;
  count: number;
}

export interface BnNoiseView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  tables: Record<'spread', DataTable>;
  chart: {
    bins: HistogramBin[];
    mean: number;
    full: number;
    sweep: NoisePoint[];
    batchSize: number;
    std: number;
    spreadDescription: string;
    sweepDescription: string;
  };
}

const fmt = (x: number) => formatNumber(x);

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：批大小与批归一化的噪声',
    fields: {
      nbs: { label: '批大小 B', hint: '2 到 256（整个数据集）；训练模式拒绝 B = 1' },
      nidx: { label: '样本编号 i', hint: '0 到 255' },
      ndraws: { label: '随机小批量的个数 R' },
      nseed: { label: '批次的随机种子', hint: '同一随机种子 → 同样的小批量' },
    },
    data: '数据：用本站的随机数生成器（随机种子 0）从 N(0, 1) 抽取的 256 个数，只有一个特征。每个小批量包含样本 xᵢ，另外 B − 1 个样本从其余 255 个中无放回地抽取；xᵢ 在其中被归一化为 x̂ᵢ = (xᵢ − μ_B)/√(σ²_B + 10⁻⁵)。',
    example: '样本 xᵢ',
    full: '用整个数据集的统计量归一化（B = 256）',
    meanOut: 'x̂ᵢ 在 R 个小批量上的均值',
    spread: 'x̂ᵢ 在 R 个小批量上的标准差',
    law: '标准差 × √B（若噪声按 1/√B 减小，它应大致不变）',
    caption: '不同批大小下同一样本的噪声（每个批大小各 R 个小批量，同一随机种子）',
    colB: '批大小 B', colStd: 'x̂ᵢ 的标准差', colLaw: '标准差 × √B', colMean: 'x̂ᵢ 的均值',
    value: 'x̂ᵢ',
    count: '小批量个数',
    std: 'x̂ᵢ 的标准差',
    batch: '批大小 B（对数刻度）',
    binHead: 'x̂ᵢ 的区间',
    countHead: '小批量个数',
    spreadChart: '直方图：x{i} = {x} 在 {r} 个大小为 {b} 的小批量中被归一化后的值 x̂，从 {lo} 到 {hi}；均值 {m}（实线），标准差 {s}；用整个数据集归一化得到 {full}（虚线）。',
    sweepChart: '折线图：x̂ 的标准差随批大小的变化，B = {sizes}；标准差从 {first} 降到 {last}。虚线是经过 B = {b} 这一点的 1/√B 曲线。',
  },
  en: {
    title: 'Live cell: batch norm’s noise against the batch size',
    fields: {
      nbs: { label: 'Batch size B', hint: '2 to 256 (the whole data set); training mode refuses B = 1' },
      nidx: { label: 'Example i', hint: '0 to 255' },
      ndraws: { label: 'Random batches R' },
      nseed: { label: 'Batch seed', hint: 'same seed → same batches' },
    },
    data: 'The data: 256 values drawn from N(0, 1) with the page’s generator (seed 0), one feature. Each mini-batch holds the example xᵢ and B − 1 others drawn without replacement from the remaining 255; in it xᵢ is normalized to x̂ᵢ = (xᵢ − μ_B)/√(σ²_B + 10⁻⁵).',
    example: 'The example xᵢ',
    full: 'Normalized with the whole data set’s statistics (B = 256)',
    meanOut: 'Mean of x̂ᵢ over the R batches',
    spread: 'Standard deviation of x̂ᵢ over the R batches',
    law: 'Standard deviation × √B (roughly constant if the noise shrinks as 1/√B)',
    caption: 'The same example’s noise at each batch size (R batches each, the same seed)',
    colB: 'Batch size B', colStd: 'std of x̂ᵢ', colLaw: 'std × √B', colMean: 'mean of x̂ᵢ',
    value: 'x̂ᵢ',
    count: 'batches',
    std: 'std of x̂ᵢ',
    batch: 'batch size B (log scale)',
    binHead: 'x̂ᵢ interval',
    countHead: 'batches',
    spreadChart: 'Histogram: x{i} = {x} normalized in {r} batches of size {b} gives x̂ from {lo} to {hi}; mean {m} (solid line), standard deviation {s}; normalized with the whole data set it is {full} (dashed line).',
    sweepChart: 'Line chart: the standard deviation of x̂ against the batch size, B = {sizes}; it falls from {first} to {last}. The dashed curve is 1/√B through the point at B = {b}.',
  },
} as const;

/** Equal-width bins over the values' range (one narrow bin when they are all equal, as at B = N). */
export function histogram(values: readonly number[], count = 30): HistogramBin[] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (hi - lo < 1e-9) return [{ x0: lo - 0.01, x1: hi + 0.01, count: values.length }];
  const width = (hi - lo) / count;
  const bins = Array.from({ length: count }, (_, k) => ({ x0: lo + k * width, x1: k === count - 1 ? hi : lo + (k + 1) * width, count: 0 }));
  for (const v of values) bins[Math.min(count - 1, Math.floor((v - lo) / width))]!.count++;
  return bins;
}

function spreadOf(s: BnNoiseState): { noise: BatchNoise; sweep: NoisePoint[] } {
  const data = bnNoiseData();
  const opts = { index: s.nidx, draws: s.ndraws, seed: s.nseed, eps: EPS };
  const sweep = batchNormNoiseSweep(data, opts);
  const noise = batchNormNoise(data, { ...opts, batchSize: s.nbs });
  return { noise, sweep };
}

export function bnNoiseView(s: BnNoiseState, lang: Lang): BnNoiseView {
  const w = words[lang];
  const data = bnNoiseData();
  const { noise, sweep } = spreadOf(s);
  const full = sweep[sweep.length - 1]!.mean;
  const xi = data[s.nidx]!;
  const lo = Math.min(...noise.values);
  const hi = Math.max(...noise.values);
  const bins = histogram(noise.values);
  const spreadDescription = fill(w.spreadChart, {
    i: s.nidx, x: fmt(xi), r: s.ndraws, b: s.nbs, lo: fmt(lo), hi: fmt(hi), m: fmt(noise.mean), s: fmt(noise.std), full: fmt(full),
  });
  const sweepDescription = fill(w.sweepChart, {
    sizes: sweep.map((p) => p.batchSize).join(', '), first: fmt(sweep[0]!.std), last: fmt(sweep[sweep.length - 1]!.std), b: s.nbs,
  });
  const binText = (b: HistogramBin) => `[${fmt(b.x0)}, ${fmt(b.x1)}]`;
  return {
    text: {
      example: `x${s.nidx} = ${fmt(xi)}`,
      full: fmt(full),
      meanOut: fmt(noise.mean),
      spread: fmt(noise.std),
      law: `${fmt(noise.std)} × √${s.nbs} = ${fmt(noise.std * Math.sqrt(s.nbs))}`,
      spreadDescription,
      sweepDescription,
      summary: summary(lang, [[`B = ${s.nbs} 时 x̂ 的标准差`, `std of x̂ at B = ${s.nbs}`, fmt(noise.std)], ['均值', 'mean', fmt(noise.mean)]]),
      pytorch: bnNoisePytorchCode(s),
    },
    rows: {
      sweep: sweep.map((p) => [String(p.batchSize), fmt(p.std), fmt(p.std * Math.sqrt(p.batchSize)), fmt(p.mean)]),
    },
    tables: { spread: dataTable([w.binHead, w.countHead], bins, (b) => [binText(b), String(b.count)]) },
    chart: { bins, mean: noise.mean, full, sweep, batchSize: s.nbs, std: noise.std, spreadDescription, sweepDescription },
  };
}

/** Float64 PyTorch that draws the same data and batches (the page's generator) and prints the cell's numbers. */
export function bnNoisePytorchCode(s: BnNoiseState): string {
  return [
    ...torchWithPageRng(),
    `data_rng = Mulberry32(${BNN_DATA_SEED})  # the page's data: ${BNN_DATA_SIZE} draws of N(0, 1), one feature`,
    `data = [data_rng.normal() for _ in range(${BNN_DATA_SIZE})]`,
    `i, B, R, seed = ${s.nidx}, ${s.nbs}, ${s.ndraws}, ${s.nseed}`,
    '',
    '',
    'def normalized_in_batches(batch_size):',
    '    """x_i normalized in R random batches of batch_size that contain it (the page\'s draws)."""',
    '    rng = Mulberry32(seed)',
    '    others = [j for j in range(len(data)) if j != i]',
    '    batches = []',
    '    for _ in range(R):',
    '        # A partial Fisher-Yates shuffle: batch_size - 1 others without replacement.',
    '        if batch_size < len(data):',
    '            for k in range(batch_size - 1):',
    '                j = k + math.floor(rng.next() * (len(data) - 1 - k))',
    '                others[k], others[j] = others[j], others[k]',
    '        batches.append([data[i]] + [data[j] for j in others[:batch_size - 1]])',
    '    # One column per batch: BatchNorm1d(R) normalizes each column with its own mean and biased variance.',
    '    bn = nn.BatchNorm1d(R, eps=1e-5).train()',
    '    with torch.no_grad():',
    '        return bn(torch.tensor(batches).T)[0]  # row 0: x_i in every batch',
    '',
    '',
    'x_hat = normalized_in_batches(B)',
    'print("B =", B, "mean", x_hat.mean().item(), "std", x_hat.std().item())',
    `for b in ${JSON.stringify(noiseBatchSizes(BNN_DATA_SIZE))}:`,
    '    print("sweep B =", b, "std", normalized_in_batches(b).std().item())',
    '# B = 1 has no batch statistics: nn.BatchNorm1d(1).train()(torch.tensor([[0.5]])) raises',
    '# "Expected more than 1 value per channel when training".',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'bn-noise',
  prefix: 'bnn',
  schema: bnNoiseSchema,
  paramOf: bnNoiseParamOf,
  words,
  layout: [
    { fields: ['nbs', { param: 'nidx', slider: false }, 'ndraws', { param: 'nseed', slider: false }] },
    { hint: 'data' },
    { result: 'example', label: 'example' },
    { result: 'spread', label: 'spread', output: true },
    { result: 'meanOut', label: 'meanOut', output: true },
    { result: 'full', label: 'full' },
    { result: 'law', label: 'law' },
    { chart: 'spread', caption: 'spreadDescription', tables: ['spread'] },
    { table: 'sweep', caption: 'caption', head: ['colB', 'colStd', 'colLaw', 'colMean'] },
    { chart: 'sweep', caption: 'sweepDescription', rowsTable: 'sweep' },
    { code: 'pytorch' },
  ],
  view: bnNoiseView,
});
