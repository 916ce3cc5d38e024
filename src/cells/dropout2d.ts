/**
 * Dropout vs Dropout2d on a small stack of feature maps (channels × side × side): the same p, the
 * same seed, one mask per value against one mask per channel. Numbers from src/lib/dropout.ts.
 */
import { dropout, dropout2d, dropoutMask, dropoutScale } from '../lib/dropout';
import { createRng } from '../lib/random';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { MAX_SEED } from './dropout';
import { defineCell, fill } from './define';
import { pyFloat } from './python';

export const dropout2dSchema = {
  p2: { kind: 'number', min: 0, max: 1, step: 0.05, default: 0.5 },
  seed2: { kind: 'integer', min: 0, max: MAX_SEED, default: 2 },
  ch: { kind: 'integer', min: 1, max: 8, default: 4 },
  side: { kind: 'integer', min: 2, max: 6, default: 3 },
} as const satisfies Schema;

export type Dropout2dState = StateOf<typeof dropout2dSchema>;

export const dropout2dParamOf: Record<string, keyof Dropout2dState> = { p: 'p2', seed: 'seed2', opts: 'seed2' };

/** Seed of the (fixed) input feature maps: the cell's seed changes the masks only. */
export const FEATURE_MAP_SEED = 2014;

/**
 * Positive "activations" with one decimal (like a ReLU layer's output, never exactly 0 so a zero on
 * screen always means "dropped"): 0.1 + |N(0, 1)| rounded to 0.1, channel after channel.
 */
export function featureMaps(channels: number, side: number): number[][] {
  const rng = createRng(FEATURE_MAP_SEED);
  return Array.from({ length: channels }, () =>
    Array.from({ length: side * side }, () => Math.round(10 * (0.1 + Math.abs(rng.normal()))) / 10),
  );
}

export interface GridCell {
  method: string;
  channel: number;
  row: number;
  col: number;
  value: number;
  label: string;
  kept: boolean;
}

export interface Dropout2dView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  chart: { cells: GridCell[]; side: number; description: string; methods: string[] };
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：Dropout 与 Dropout2d（整通道丢弃）',
    fields: {
      p2: { label: '丢弃概率 p' },
      seed2: { label: '掩码随机种子', hint: '两种层使用同一个随机种子' },
      ch: { label: '通道数 C' },
      side: { label: '特征图边长', hint: '2 到 6（每个通道有“边长×边长”个值）' },
    },
    scale: '保留值的放大因子', elem: '逐元素', chan: '逐通道', sums: '总和',
    caption: '每个通道的输入与输出（按行展开）',
    colChannel: '通道', colInput: '输入 x', colDropout: 'nn.Dropout 输出', colZeroed: 'nn.Dropout 置 0 的个数', colDropout2d: 'nn.Dropout2d 输出',
    kept: '保留（已放大）', zero: '置 0',
    channel: '通道',
    listSep: '、',
    elemText: 'nn.Dropout：{n} 个值中有 {z} 个被置 0，分散在 {hit}/{ch} 个通道里',
    chanNone: 'nn.Dropout2d：{ch} 个通道都保留（这次抽样没有通道被丢弃）',
    chanOne: 'nn.Dropout2d：通道 {list} 整体置 0（{k}/{ch} 个通道，{values} 个值）',
    chanMany: 'nn.Dropout2d：通道 {list} 整体置 0（{k}/{ch} 个通道，{values} 个值）',
    sumsText: '输入总和 {sx}；这次抽样的输出总和：Dropout {se}，Dropout2d {sc}。两者对掩码取期望都等于 {sx}。',
    chartLead: '图分两行，每行 {ch} 个 {side}×{side} 的网格。第一行 nn.Dropout：{n} 个值中有 {z} 个被置 0，散落在各处；',
    chartNone: '第二行 nn.Dropout2d：没有通道被丢弃。',
    chartOne: '第二行 nn.Dropout2d：通道 {list} 整个为 0。',
    chartMany: '第二行 nn.Dropout2d：通道 {list} 整个为 0。',
    chartTail: '填色格为保留（已乘以 1/(1−p)）的值，空格为 0。',
  },
  en: {
    title: 'Live cell: Dropout vs Dropout2d (whole channels)',
    fields: {
      p2: { label: 'Drop probability p' },
      seed2: { label: 'Mask seed', hint: 'the same seed for both layers' },
      ch: { label: 'Channels C' },
      side: { label: 'Feature-map side', hint: '2 to 6 (side×side values per channel)' },
    },
    scale: 'Factor on kept values', elem: 'Per value', chan: 'Per channel', sums: 'Sums',
    caption: 'Input and outputs per channel (row by row)',
    colChannel: 'Channel', colInput: 'Input x', colDropout: 'nn.Dropout output', colZeroed: 'zeroed by nn.Dropout', colDropout2d: 'nn.Dropout2d output',
    kept: 'kept (scaled)', zero: 'zeroed',
    channel: 'channel',
    listSep: ', ',
    elemText: 'nn.Dropout: {z} of {n} values zeroed, scattered over {hit} of {ch} channels',
    chanNone: 'nn.Dropout2d: all {ch} channels kept (no channel dropped in this draw)',
    chanOne: 'nn.Dropout2d: channel {list} zeroed as a whole ({k} of {ch} channels, {values} values)',
    chanMany: 'nn.Dropout2d: channels {list} zeroed as a whole ({k} of {ch} channels, {values} values)',
    sumsText: 'Sum of the input {sx}; sum of this draw\'s output: Dropout {se}, Dropout2d {sc}. Averaged over masks, both equal {sx}.',
    chartLead: 'Two rows of {ch} grids of {side}×{side}. Top, nn.Dropout: {z} of {n} values zeroed, scattered. ',
    chartNone: 'Bottom, nn.Dropout2d: no channel dropped. ',
    chartOne: 'Bottom, nn.Dropout2d: channel {list} entirely 0. ',
    chartMany: 'Bottom, nn.Dropout2d: channels {list} entirely 0. ',
    chartTail: 'Filled squares are kept values (already scaled by 1/(1−p)); empty squares are 0.',
  },
} as const;

const num = (x: number) => fmt(x, { digits: 4, trim: true });
const spaced = (xs: readonly number[]) => xs.map(num).join(' ');

export function dropout2dView(s: Dropout2dState, lang: Lang): Dropout2dView {
  const w = words[lang];
  const x = featureMaps(s.ch, s.side);
  const per = s.side * s.side;
  const total = s.ch * per;
  const flat = x.flat();
  const elemOut = dropout(flat, s.p2, { seed: s.seed2 });
  const elemMask = dropoutMask(total, s.p2, s.seed2);
  const chanOut = dropout2d(x, s.p2, { seed: s.seed2 });
  const chanMask = dropoutMask(s.ch, s.p2, s.seed2);
  const scale = dropoutScale(s.p2);

  const elemByChannel = x.map((_, c) => elemOut.slice(c * per, (c + 1) * per));
  const elemZeros = Array.from(elemMask).filter((m) => m === 0).length;
  const chansHit = x.filter((_, c) => Array.from(elemMask.subarray(c * per, (c + 1) * per)).some((m) => m === 0)).length;
  const droppedChannels = Array.from(chanMask).flatMap((m, c) => (m === 0 ? [c] : []));
  const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

  const rows = x.map((xc, c) => [
    String(c),
    spaced(xc),
    spaced(elemByChannel[c]!),
    String(elemByChannel[c]!.filter((_, i) => elemMask[c * per + i] === 0).length),
    spaced(chanOut[c]!),
  ]);

  const methods = ['nn.Dropout', 'nn.Dropout2d'];
  const cells: GridCell[] = [];
  x.forEach((_, c) => {
    for (let i = 0; i < per; i++) {
      const e = elemByChannel[c]![i]!;
      const d = chanOut[c]![i]!;
      const pos = { channel: c, row: Math.floor(i / s.side), col: i % s.side };
      cells.push({ method: methods[0]!, ...pos, value: e, label: num(e), kept: elemMask[c * per + i] === 1 });
      cells.push({ method: methods[1]!, ...pos, value: d, label: num(d), kept: chanMask[c] === 1 });
    }
  });
  const list = droppedChannels.join(w.listSep);
  const k = droppedChannels.length;
  const description =
    fill(w.chartLead, { ch: s.ch, side: s.side, z: elemZeros, n: total }) +
    (k === 0 ? w.chartNone : fill(k === 1 ? w.chartOne : w.chartMany, { list })) +
    w.chartTail;
  const elemSummary = fill(w.elemText, { z: elemZeros, n: total, hit: chansHit, ch: s.ch });
  const chanSummary = k === 0 ? fill(w.chanNone, { ch: s.ch }) : fill(k === 1 ? w.chanOne : w.chanMany, { list, k, ch: s.ch, values: k * per });

  return {
    text: {
      scale: `1/(1 − ${num(s.p2)}) = ${s.p2 === 1 ? '— (p = 1 → 0)' : fmt(scale)}`,
      elemSummary,
      chanSummary,
      sums: fill(w.sumsText, { sx: num(sum(flat)), se: num(sum(elemOut)), sc: num(sum(chanOut.flat())) }),
      chartDescription: description,
      summary: summary(lang, [['nn.Dropout', 'nn.Dropout', elemSummary], ['nn.Dropout2d', 'nn.Dropout2d', chanSummary]]),
      pytorch: dropout2dPytorchCode(s, x, Array.from(elemMask), Array.from(chanMask)),
    },
    rows: { channels: rows },
    chart: { cells, side: s.side, description, methods },
  };
}


export function dropout2dPytorchCode(s: Dropout2dState, x: number[][], elemMask: number[], chanMask: number[]): string {
  const maps = x
    .map((row) => {
      const lines = Array.from({ length: s.side }, (_, r) => `[${row.slice(r * s.side, (r + 1) * s.side).map(pyFloat).join(', ')}]`);
      return `[${lines.join(', ')}]`;
    })
    .join(',\n     ');
  return [
    'import torch',
    'import torch.nn as nn',
    '',
    'torch.set_default_dtype(torch.float64)',
    `p = ${s.p2}`,
    `# ${s.ch} feature maps of ${s.side}×${s.side}, with a batch dimension: (1, C, H, W)`,
    `x = torch.tensor([[${maps}]])`,
    'scale = 0.0 if p == 1 else 1 / (1 - p)  # PyTorch\'s factor on kept values',
    '',
    `# The page's masks for seed ${s.seed2}, given explicitly (torch's RNG would draw others).`,
    `elem_mask = torch.tensor([${elemMask.map((m) => `${m}.`).join(', ')}]).reshape(1, ${s.ch}, ${s.side}, ${s.side})`,
    `chan_mask = torch.tensor([${chanMask.map((m) => `${m}.`).join(', ')}]).reshape(1, ${s.ch}, 1, 1)  # one draw per channel`,
    'print("Dropout:  ", x * elem_mask * scale)',
    'print("Dropout2d:", x * chan_mask * scale)',
    '',
    '# torch\'s own layers: Dropout2d zeroes whole channels; eval mode is the identity.',
    'y = nn.Dropout2d(p)(x)',
    'print("channels torch zeroed:", (y == 0).flatten(2).all(-1))',
    'print("eval is the identity:", torch.equal(nn.Dropout2d(p).eval()(x), x), torch.equal(nn.Dropout(p).eval()(x), x))',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'dropout2d',
  prefix: 'd2',
  schema: dropout2dSchema,
  paramOf: dropout2dParamOf,
  words,
  layout: [
    { fields: ['p2', { param: 'seed2', slider: false }, 'ch', 'side'] },
    { result: 'scale', label: 'scale' },
    { result: 'elemSummary', label: 'elem' },
    { result: 'chanSummary', label: 'chan' },
    { result: 'sums', label: 'sums' },
    { table: 'channels', caption: 'caption', head: ['colChannel', 'colInput', 'colDropout', 'colZeroed', 'colDropout2d'] },
    // The grid chart's key (src/components/dropout/ChannelLegend.astro).
    { slot: 'legend' },
    { chart: 'grid', caption: 'chartDescription', rowsTable: 'channels' },
    { code: 'pytorch' },
  ],
  view: dropout2dView,
});
