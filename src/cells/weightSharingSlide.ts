/**
 * The sliding-kernel cell: one kernel (and one bias) applied at every position of a small image.
 * The reader edits the image, the kernel, the bias and the output position; the cell shows the
 * receptive field, the products, their sum and the whole output map, all from src/lib/convolution.
 */
import { conv2dSingle, conv2dSingleShape, conv2dWindow, locallyConnectedParams } from '../lib/convolution';
import { conv2dParams, linearParams } from '../lib/weightSharing';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { formatCount } from './weightSharing';
import { defineCell, fill } from './define';
import { paramRangeError } from '../lib/refusal';

/** An 8×8 "7": a horizontal bar, a diagonal stroke and a vertical one. */
const SEVEN = [
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0, 1, 1, 1, 1, 1, 1, 0],
  [0, 0, 0, 0, 0, 1, 1, 0],
  [0, 0, 0, 0, 1, 1, 0, 0],
  [0, 0, 0, 1, 1, 0, 0, 0],
  [0, 0, 1, 1, 0, 0, 0, 0],
  [0, 0, 1, 1, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0],
] as const;

export const slideSchema = {
  image: { kind: 'matrix', minRows: 3, maxRows: 12, minCols: 3, maxCols: 12, min: -99, max: 99, default: SEVEN },
  kernel: { kind: 'matrix', minRows: 1, maxRows: 5, minCols: 1, maxCols: 5, min: -99, max: 99, default: [[1, 0, -1], [1, 0, -1], [1, 0, -1]] },
  b: { kind: 'number', min: -99, max: 99, step: 0.5, default: 0 },
  pos: { kind: 'integer', min: 0, max: 143, default: 27 },
} as const satisfies Schema;

export type SlideState = StateOf<typeof slideSchema>;

export const slideParamOf: Record<string, keyof SlideState> = { image: 'image', kernel: 'kernel', bias: 'b', i: 'pos', j: 'pos' };

/** Output positions for the current image and kernel, or null when the kernel does not fit. */
export function slidePositions(s: SlideState): { rows: number; cols: number } | null {
  try {
    const [rows, cols] = conv2dSingleShape(s.image, s.kernel);
    return { rows, cols };
  } catch {
    return null;
  }
}

/** Keeps the position on the output grid when the image shrinks or the kernel grows. */
export function normalizeSlide(s: SlideState): SlideState {
  const p = slidePositions(s);
  if (p === null) return s;
  return { ...s, pos: Math.min(s.pos, p.rows * p.cols - 1) };
}

export interface GridCell {
  row: number;
  col: number;
  value: number;
  label: string;
  /** In the receptive field (input grid) / the current output (output grid). */
  on: boolean;
}

export interface SlideView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  grids: {
    input: GridCell[];
    output: GridCell[];
    inputSize: [number, number];
    outputSize: [number, number];
    inputDescription: string;
    outputDescription: string;
  };
  positions: number;
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：一个卷积核滑过整张图像',
    fields: {
      pos: { label: '输出位置（按行展开的序号）', hint: '0 到输出位置数减 1；拖动滑块即可让卷积核滑动' },
      b: { label: '偏置 b' },
      kernel: { label: '卷积核 K（所有位置共享）' },
      image: { label: '输入图像' },
    },
    position: '位置', formula: '代入数字', value: '输出值', params: '卷积层参数量', sharing: '共享',
    windowCaption: '当前窗口：每一行是卷积核第 u 行的权重 × 对应的图像值',
    outCaption: '整张输出特征图（当前位置加方括号）',
    inputLabel: '输入图像', outputLabel: '输出特征图',
    positionText: '输出 ({i}, {j})（共 {r} × {c}）：读取图像第 {t}–{b} 行、第 {l}–{rt} 列',
    row: '第 {i} 行',
    sharingText: '同一个卷积核的 {k} 个参数（含偏置）用在全部 {pos} 个位置上。不共享时每个位置各有一份：{local} 个；从 {px} 个像素到 {out} 个输出的全连接层：{lin} 个。',
    inputDesc: '{h} × {w} 输入图像的热图，当前感受野（第 {t} 行第 {l} 列起的 {kh} × {kw} 窗口）用橙色框出。',
    outputDesc: '{h} × {w} 输出特征图的热图，当前位置 ({i}, {j}) 用橙色框出，值为 {v}。',
  },
  en: {
    title: 'Live cell: one kernel sliding over the whole image',
    fields: {
      pos: { label: 'Output position (row-major index)', hint: '0 to the number of output positions minus 1; drag the slider to slide the kernel' },
      b: { label: 'Bias b' },
      kernel: { label: 'Kernel K (shared by every position)' },
      image: { label: 'Input image' },
    },
    position: 'Position', formula: 'Numbers substituted', value: 'Output value', params: 'Parameters of the convolution', sharing: 'Sharing',
    windowCaption: 'The current window: each row is kernel row u, weight × image value',
    outCaption: 'The whole output feature map (current position in brackets)',
    inputLabel: 'input image', outputLabel: 'output feature map',
    positionText: 'output ({i}, {j}) of {r} × {c}: reads image rows {t}–{b}, columns {l}–{rt}',
    row: 'row {i}',
    sharingText: 'The same {k} kernel parameters (bias included) serve all {pos} positions. Without sharing each position would have its own: {local}; a fully connected layer from {px} pixels to {out} outputs: {lin}.',
    inputDesc: 'Heat map of the {h} × {w} input image; the current receptive field (the {kh} × {kw} window from row {t}, column {l}) is outlined in orange.',
    outputDesc: 'Heat map of the {h} × {w} output feature map; the current position ({i}, {j}) is outlined in orange; its value is {v}.',
  },
} as const;

/** Values as typed: up to 4 decimals, no padding zeros. */
const v = (x: number) => fmt(x, { digits: 4, trim: true });
const paren = (x: number) => (x < 0 ? `(${v(x)})` : v(x));

export function slideView(s: SlideState, lang: Lang): SlideView {
  const w = words[lang];
  const out = conv2dSingle(s.image, s.kernel, { bias: s.b });
  const rows = out.length;
  const cols = out[0]!.length;
  const positions = rows * cols;
  if (s.pos > positions - 1) {
    throw paramRangeError('pos', `pos must be an integer in [0, ${positions - 1}]; received ${s.pos}`);
  }
  const i = Math.floor(s.pos / cols);
  const j = s.pos % cols;
  const win = conv2dWindow(s.image, s.kernel, i, j, { bias: s.b });
  const kh = s.kernel.length;
  const kw = s.kernel[0]!.length;
  const h = s.image.length;
  const wd = s.image[0]!.length;

  const products = win.terms.map((t) => `${paren(t.k)}·${paren(t.x)}`).join(' + ');
  const formula = `${products}${s.b !== 0 ? ` + ${paren(s.b)}` : ''} = ${v(win.value)}`;
  const windowRows = Array.from({ length: kh }, (_, u) => [
    `K[${u}]·x`,
    ...win.terms.filter((t) => t.u === u).map((t) => `${paren(t.k)}·${paren(t.x)} = ${v(t.k * t.x)}`),
  ]);
  const outRows = out.map((r, a) => [fill(w.row, { i: a }), ...r.map((x, c) => (a === i && c === j ? `[${v(x)}]` : v(x)))]);

  const params = conv2dParams({ inChannels: 1, outChannels: 1, kernelSize: [kh, kw] });
  const local = locallyConnectedParams({ outHeight: rows, outWidth: cols, inChannels: 1, outChannels: 1, kernelSize: [kh, kw] });
  const lin = linearParams({ inFeatures: h * wd, outFeatures: positions });

  const input: GridCell[] = s.image.flatMap((r, a) =>
    r.map((x, c) => ({ row: a, col: c, value: x, label: v(x), on: a >= win.top && a <= win.bottom && c >= win.left && c <= win.right })),
  );
  const output: GridCell[] = out.flatMap((r, a) => r.map((x, c) => ({ row: a, col: c, value: x, label: v(x), on: a === i && c === j })));

  const inputDescription = fill(w.inputDesc, { h, w: wd, t: win.top, l: win.left, kh, kw });
  const outputDescription = fill(w.outputDesc, { h: rows, w: cols, i, j, v: v(win.value) });

  return {
    text: {
      position: fill(w.positionText, { i, j, r: rows, c: cols, t: win.top, l: win.left, b: win.bottom, rt: win.right }),
      formula,
      value: v(win.value),
      summary: summary(lang, [['位置', 'Position', `(${i}, ${j})`], ['输出值', 'output value', v(win.value)]]),
      sharing: fill(w.sharingText, { k: formatCount(params), pos: formatCount(positions), local: formatCount(local), lin: formatCount(lin), px: h * wd, out: positions }),
      convParams: `1·(1·${kh}·${kw}) + 1 = ${formatCount(params)}`,
      pytorch: slideCode(s, i, j),
      inputDescription,
      outputDescription,
    },
    rows: { window: windowRows, output: outRows },
    grids: {
      input,
      output,
      inputSize: [h, wd],
      outputSize: [rows, cols],
      inputDescription,
      outputDescription,
    },
    positions,
  };
}

const pyMatrix = (m: readonly (readonly number[])[]) => `[\n${m.map((r) => `    [${r.join(', ')}],`).join('\n')}\n]`;

/** Runnable PyTorch: F.conv2d with the same image, kernel and bias, and the window behind (i, j). */
export function slideCode(s: SlideState, i: number, j: number): string {
  const kh = s.kernel.length;
  const kw = s.kernel[0]!.length;
  return [
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    `x = torch.tensor(${pyMatrix(s.image)}, dtype=torch.float64)`,
    `k = torch.tensor(${pyMatrix(s.kernel)}, dtype=torch.float64)  # the one shared kernel`,
    `b = ${Number.isInteger(s.b) ? `${s.b}.0` : String(s.b)}`,
    '',
    '# F.conv2d is a cross-correlation (no kernel flip); shapes (batch, channels, H, W)',
    'out = F.conv2d(x[None, None], k[None, None], bias=torch.tensor([b], dtype=torch.float64))[0, 0]',
    'print(out)',
    '',
    `i, j = ${i}, ${j}`,
    `window = x[i:i + ${kh}, j:j + ${kw}]  # the receptive field of out[i, j]`,
    'print(f"out[{i:d}, {j:d}] = {out[i, j].item():g}  =  sum(k * window) + b = {(k * window).sum().item() + b:g}")',
    '',
    '# Parameters: one kernel and one bias, whatever the image size',
    `print(sum(p.numel() for p in nn.Conv2d(1, 1, (${kh}, ${kw})).parameters()))`,
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'ws-slide',
  prefix: 'wss',
  schema: slideSchema,
  normalize: normalizeSlide,
  paramOf: slideParamOf,
  words,
  layout: [
    { fields: ['pos', 'b', 'kernel', 'image'] },
    { chart: 'input', caption: 'inputDescription', rowsTable: 'window' },
    { chart: 'output', caption: 'outputDescription', rowsTable: 'output' },
    { result: 'position', label: 'position' },
    { result: 'formula', label: 'formula' },
    { result: 'value', label: 'value', output: true },
    { table: 'window', caption: 'windowCaption', head: [] },
    { table: 'output', caption: 'outCaption', head: [] },
    { result: 'convParams', label: 'params' },
    { result: 'sharing', label: 'sharing' },
    { code: 'pytorch' },
  ],
  view: slideView,
});
