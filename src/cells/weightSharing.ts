/**
 * The weight-sharing count cell: parameters of nn.Conv2d against a layer with the same connections
 * but no sharing (locally connected) and against nn.Linear between the same flattened shapes.
 * Every count comes from src/lib (weightSharing.ts, convolution.ts) and is printed with the
 * formula it came from, numbers substituted.
 */
import { conv2dParams, convOutputSize, fullyConnectedEquivalent } from '../lib/weightSharing';
import { locallyConnectedParams } from '../lib/convolution';
import { formatNumber as fmt } from '../lib/format';
import { describe } from '../lib/validate';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell, fill } from './define';

export const weightSharingSchema = {
  height: { kind: 'integer', min: 1, max: 512, default: 32 },
  width: { kind: 'integer', min: 1, max: 512, default: 32 },
  cin: { kind: 'integer', min: 1, max: 256, default: 3 },
  cout: { kind: 'integer', min: 1, max: 256, default: 16 },
  ksize: { kind: 'integer', min: 1, max: 11, default: 3 },
  stride: { kind: 'integer', min: 1, max: 4, default: 1 },
  pad: { kind: 'integer', min: 0, max: 5, default: 1 },
  usebias: { kind: 'integer', min: 0, max: 1, default: 1 },
} as const satisfies Schema;

export type WeightSharingState = StateOf<typeof weightSharingSchema>;

/** Library parameter names (as in src/lib messages) → the cell's inputs. */
export const weightSharingParamOf: Record<string, keyof WeightSharingState> = {
  height: 'height', width: 'width', inputSize: 'height', inChannels: 'cin', outChannels: 'cout',
  kernelSize: 'ksize', stride: 'stride', padding: 'pad', bias: 'usebias',
};

/** An exact integer with thousands separators: 50348032 → "50,348,032". Refuses anything else. */
export function formatCount(n: number): string {
  if (!Number.isSafeInteger(n)) throw new TypeError(`count to display must be a safe integer; received ${describe(n)}`);
  const s = String(Math.abs(n)).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return n < 0 ? `−${s}` : s;
}

/** Bytes of float32 storage in the largest unit that keeps the number below 1000. */
export function formatBytes(params: number): string {
  const units = ['B', 'kB', 'MB', 'GB', 'TB', 'PB', 'EB'];
  let v = params * 4;
  let u = 0;
  while (v >= 1000 && u < units.length - 1) {
    v /= 1000;
    u++;
  }
  return `${fmt(v, { digits: u === 0 ? 0 : 1 })} ${units[u]}`;
}

/** linear/conv as "×112,384" (exact) or "≈ ×1.5" (fractional). */
function formatRatio(r: number): string {
  if (Number.isInteger(r)) return `×${formatCount(r)}`;
  return r >= 1000 ? `≈ ×${formatCount(Math.round(r))}` : `≈ ×${fmt(r, { digits: 1 })}`;
}

export interface CountBar {
  layer: string;
  params: number;
  label: string;
}

export interface WeightSharingView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  chart: { bars: CountBar[]; description: string };
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：卷积层与全连接层的参数量',
    fields: {
      height: { label: '图像高 H' },
      width: { label: '图像宽 W' },
      cin: { label: '输入通道数 C_in' },
      cout: { label: '输出通道数 C_out' },
      ksize: { label: '卷积核边长 k' },
      stride: { label: '步长 stride' },
      pad: { label: '填充 padding' },
      usebias: { label: 'bias=True', hint: '每个输出通道一个偏置' },
    },
    conv: 'nn.Conv2d 参数量', outH: '输出高 H′', outW: '输出宽 W′', outShape: '输出形状 C_out × H′ × W′',
    inF: '展平后的输入', outF: '展平后的输出', linear: 'nn.Linear 参数量', local: '同样连接、不共享', ratio: '全连接 / 卷积', sharing: '共享',
    caption: '三种层的参数量（float32 存储）', layer: '层', formula: '公式', size: 'float32 存储大小',
    x: '参数个数（对数刻度）',
    convBar: 'nn.Conv2d（共享）',
    localBar: '局部连接（不共享）',
    linearBar: 'nn.Linear（全连接）',
    shape: '{c} × {h} × {w}',
    chart: '横向条形图（对数刻度）：卷积层 {conv} 个参数，同样连接但不共享权重的局部连接层 {local} 个，全连接层 {lin} 个。',
    perPosition: '同一组 {n} 个参数在 {pos} 个输出位置上重复使用',
  },
  en: {
    title: 'Live cell: parameters of a convolution vs a fully connected layer',
    fields: {
      height: { label: 'Image height H' },
      width: { label: 'Image width W' },
      cin: { label: 'Input channels C_in' },
      cout: { label: 'Output channels C_out' },
      ksize: { label: 'Kernel size k' },
      stride: { label: 'stride' },
      pad: { label: 'padding' },
      usebias: { label: 'bias=True', hint: 'one bias per output channel' },
    },
    conv: 'nn.Conv2d parameters', outH: 'Output height H′', outW: 'Output width W′', outShape: 'Output shape C_out × H′ × W′',
    inF: 'Flattened input', outF: 'Flattened output', linear: 'nn.Linear parameters', local: 'Same connections, no sharing', ratio: 'Linear / Conv2d', sharing: 'Sharing',
    caption: 'Parameters of the three layers (float32 storage)', layer: 'Layer', formula: 'Formula', size: 'float32 size',
    x: 'parameters (log scale)',
    convBar: 'nn.Conv2d (shared)',
    localBar: 'locally connected (not shared)',
    linearBar: 'nn.Linear (fully connected)',
    shape: '{c} × {h} × {w}',
    chart: 'Horizontal bar chart (log scale): the convolution has {conv} parameters, a locally connected layer with the same connections but no sharing {local}, the fully connected layer {lin}.',
    perPosition: 'the same {n} parameters are reused at {pos} output positions',
  },
} as const;

export function weightSharingView(s: WeightSharingState, lang: Lang): WeightSharingView {
  const w = words[lang];
  const bias = s.usebias === 1;
  const { height: H, width: W, cin, cout, ksize: k, stride, pad } = s;
  const fc = fullyConnectedEquivalent({
    height: H, width: W, inChannels: cin, outChannels: cout, kernelSize: k, stride, padding: pad, bias,
  });
  const conv = conv2dParams({ inChannels: cin, outChannels: cout, kernelSize: k, bias });
  const local = locallyConnectedParams({ outHeight: fc.outHeight, outWidth: fc.outWidth, inChannels: cin, outChannels: cout, kernelSize: k, bias });
  const c = formatCount;
  const outH = convOutputSize({ inputSize: H, kernelSize: k, stride, padding: pad });
  const outW = convOutputSize({ inputSize: W, kernelSize: k, stride, padding: pad });
  const sizeFormula = (n: number, out: number) => `⌊(${n} + 2·${pad} − ${k})/${stride}⌋ + 1 = ${out}`;
  const convFormula = `${cout}·(${cin}·${k}·${k})${bias ? ` + ${cout}` : ''} = ${c(conv)}`;
  const linFormula = `${c(fc.inFeatures)}·${c(fc.outFeatures)}${bias ? ` + ${c(fc.outFeatures)}` : ''} = ${c(fc.linearParams)}`;
  const localFormula = `${outH}·${outW}·${c(conv)} = ${c(local)}`;
  const positions = outH * outW;
  const description = fill(w.chart, { conv: c(conv), local: c(local), lin: c(fc.linearParams) });
  return {
    text: {
      convParams: c(conv),
      convFormula,
      outHeight: sizeFormula(H, outH),
      outWidth: sizeFormula(W, outW),
      outShape: fill(w.shape, { c: cout, h: outH, w: outW }),
      inFeatures: `${cin}·${H}·${W} = ${c(fc.inFeatures)}`,
      outFeatures: `${cout}·${outH}·${outW} = ${c(fc.outFeatures)}`,
      linearParams: c(fc.linearParams),
      linearFormula: linFormula,
      localFormula,
      ratio: `${c(fc.linearParams)} / ${c(conv)} = ${formatRatio(fc.ratio)}`,
      sharing: fill(w.perPosition, { n: c(conv), pos: c(positions) }),
      pytorch: weightSharingCode(s),
      chartDescription: description,
      summary: summary(lang, [['卷积层参数量', 'Convolution parameters', c(conv)], ['全连接层参数量', 'linear parameters', c(fc.linearParams)]]),
    },
    rows: {
      layers: [
        [`nn.Conv2d(${cin}, ${cout}, ${k}${stride !== 1 ? `, stride=${stride}` : ''}${pad !== 0 ? `, padding=${pad}` : ''}${bias ? '' : ', bias=False'})`,
          convFormula, formatBytes(conv)],
        [w.localBar, localFormula, formatBytes(local)],
        [`nn.Linear(${fc.inFeatures}, ${fc.outFeatures}${bias ? '' : ', bias=False'})`, linFormula, formatBytes(fc.linearParams)],
      ],
    },
    chart: {
      bars: [
        { layer: w.convBar, params: conv, label: c(conv) },
        { layer: w.localBar, params: local, label: c(local) },
        { layer: w.linearBar, params: fc.linearParams, label: c(fc.linearParams) },
      ],
      description,
    },
  };
}

/** Runnable PyTorch that counts the same parameters (the Linear layer on the meta device: never allocated). */
export function weightSharingCode(s: WeightSharingState): string {
  const bias = s.usebias === 1 ? 'True' : 'False';
  return [
    'import torch',
    'import torch.nn as nn',
    '',
    `H, W, C_in, C_out, k, stride, padding, bias = ${s.height}, ${s.width}, ${s.cin}, ${s.cout}, ${s.ksize}, ${s.stride}, ${s.pad}, ${bias}`,
    'count = lambda m: sum(p.numel() for p in m.parameters())',
    '',
    '# device="meta": shapes and parameter counts only, no memory allocated',
    'conv = nn.Conv2d(C_in, C_out, k, stride=stride, padding=padding, bias=bias, device="meta")',
    'out = conv(torch.zeros(1, C_in, H, W, device="meta"))',
    '_, _, H_out, W_out = out.shape',
    'print(f"Conv2d: {count(conv):,} parameters, output {C_out:d} x {H_out:d} x {W_out:d}")',
    '',
    '# A layer with the same connections but its own kernel at every output position (no sharing)',
    'print(f"locally connected: {H_out * W_out * count(conv):,}")',
    '',
    '# The fully connected layer between the same flattened input and output',
    'fc = nn.Linear(C_in * H * W, C_out * H_out * W_out, bias=bias, device="meta")',
    'print(f"Linear({C_in * H * W:,}, {C_out * H_out * W_out:,}): {count(fc):,} parameters")',
    'print(f"ratio: {count(fc) / count(conv):,.1f}")',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'ws-count',
  prefix: 'ws',
  schema: weightSharingSchema,
  paramOf: weightSharingParamOf,
  words,
  layout: [
    { fields: ['height', 'width', 'cin', 'cout', 'ksize', 'stride', 'pad', { param: 'usebias', control: 'switch' }] },
    { result: 'convFormula', label: 'conv', output: true },
    { result: 'outHeight', label: 'outH' },
    { result: 'outWidth', label: 'outW' },
    { result: 'outShape', label: 'outShape' },
    { result: 'inFeatures', label: 'inF' },
    { result: 'outFeatures', label: 'outF' },
    { result: 'linearFormula', label: 'linear', output: true },
    { result: 'localFormula', label: 'local', output: true },
    { result: 'ratio', label: 'ratio' },
    { result: 'sharing', label: 'sharing' },
    { table: 'layers', caption: 'caption', head: ['layer', 'formula', 'size'] },
    { chart: 'counts', caption: 'chartDescription', rowsTable: 'layers' },
    { code: 'pytorch' },
  ],
  view: weightSharingView,
});
