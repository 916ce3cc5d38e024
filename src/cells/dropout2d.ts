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

const words = {
  zh: {
    elem: (z: number, n: number, chans: number, ch: number) =>
      `nn.Dropout：${n} 个值中有 ${z} 个被置 0，分散在 ${chans}/${ch} 个通道里`,
    chan: (dropped: number[], ch: number, per: number) =>
      dropped.length === 0
        ? `nn.Dropout2d：${ch} 个通道都保留（这次抽样没有通道被丢弃）`
        : `nn.Dropout2d：通道 ${dropped.join('、')} 整体置 0（${dropped.length}/${ch} 个通道，${dropped.length * per} 个值）`,
    sums: (sx: string, se: string, sc: string) =>
      `输入总和 ${sx}；这次抽样的输出总和：Dropout ${se}，Dropout2d ${sc}。两者对掩码取期望都等于 ${sx}。`,
    chart: (ch: number, side: number, z: number, n: number, dropped: number[]) =>
      `两行 ${ch} 个 ${side}×${side} 网格。第一行 nn.Dropout：${n} 个值中 ${z} 个被置 0，散落在各处；` +
      `第二行 nn.Dropout2d：${dropped.length ? `通道 ${dropped.join('、')} 整个为 0` : '没有通道被丢弃'}。` +
      `填色格为保留（已乘以 1/(1−p)）的值，空格为 0。`,
    channel: '通道',
  },
  en: {
    elem: (z: number, n: number, chans: number, ch: number) =>
      `nn.Dropout: ${z} of ${n} values zeroed, scattered over ${chans} of ${ch} channels`,
    chan: (dropped: number[], ch: number, per: number) =>
      dropped.length === 0
        ? `nn.Dropout2d: all ${ch} channels kept (no channel dropped in this draw)`
        : `nn.Dropout2d: channel${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} zeroed as a whole (${dropped.length} of ${ch} channels, ${dropped.length * per} values)`,
    sums: (sx: string, se: string, sc: string) =>
      `Sum of the input ${sx}; sum of this draw's output: Dropout ${se}, Dropout2d ${sc}. Averaged over masks, both equal ${sx}.`,
    chart: (ch: number, side: number, z: number, n: number, dropped: number[]) =>
      `Two rows of ${ch} grids of ${side}×${side}. Top, nn.Dropout: ${z} of ${n} values zeroed, scattered. ` +
      `Bottom, nn.Dropout2d: ${dropped.length ? `channel${dropped.length > 1 ? 's' : ''} ${dropped.join(', ')} entirely 0` : 'no channel dropped'}. ` +
      `Filled squares are kept values (already scaled by 1/(1−p)); empty squares are 0.`,
    channel: 'channel',
  },
} as const;

const num = (x: number) => fmt(x, { digits: 4, trim: true });
const list = (xs: readonly number[]) => xs.map(num).join(' ');

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
    list(xc),
    list(elemByChannel[c]!),
    String(elemByChannel[c]!.filter((_, i) => elemMask[c * per + i] === 0).length),
    list(chanOut[c]!),
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
  const description = w.chart(s.ch, s.side, elemZeros, total, droppedChannels);

  return {
    text: {
      scale: `1/(1 − ${num(s.p2)}) = ${s.p2 === 1 ? '— (p = 1 → 0)' : fmt(scale)}`,
      elemSummary: w.elem(elemZeros, total, chansHit, s.ch),
      chanSummary: w.chan(droppedChannels, s.ch, per),
      sums: w.sums(num(sum(flat)), num(sum(elemOut)), num(sum(chanOut.flat()))),
      chartDescription: description,
      summary: summary(lang, [['nn.Dropout', 'nn.Dropout', w.elem(elemZeros, total, chansHit, s.ch)], ['nn.Dropout2d', 'nn.Dropout2d', w.chan(droppedChannels, s.ch, per)]]),
      pytorch: dropout2dPytorchCode(s, x, Array.from(elemMask), Array.from(chanMask)),
    },
    rows: { channels: rows },
    chart: { cells, side: s.side, description, methods },
  };
}

const pyFloat = (x: number) => (Number.isInteger(x) ? `${x}.0` : String(x));

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
