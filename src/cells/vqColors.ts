/**
 * Colour quantization, the seed's example: every pixel of a photo is replaced by its nearest
 * colour in a codebook — the seed's six colours, a k-means palette trained live, or the exported
 * 16-colour palette. One declared cell (src/cells/define.ts): the photo is its image data file
 * (public/data/chelsea.png, decoded to the same bytes at build and in the browser; the reader may
 * use their own, read locally), the k-means palette its resource (trained in the shared worker,
 * with progress and cancel), and the view a pure function of the parameters, the pixels and the
 * palette, so the build and the browser print the same numbers. The pictures are drawn by
 * src/components/charts/vq-colors.ts into the `images` slot (VqColorsImages.astro).
 */
import { codebookUsage, seedPerplexity, vectorQuantize } from '../lib/vq';
import { kmeans } from '../lib/kmeans';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell, fill, type DecodedImage, type Resource } from './define';
import { SEED_COLORS, SEED_COLOR_NAMES } from './seedColors';
import paletteK16 from '../../public/models/palette-k16.codebook.json' with { type: 'json' };
import { VECTOR_QUANTIZER_SOURCE, hexColor, indexColor } from './vqShared';
import { pyMatrix } from './python';

export const vqColorsSchema = {
  /** 0 = the seed's six colours, 1 = k-means trained here, 2 = the exported 16-colour palette. */
  pal: { kind: 'integer', min: 0, max: 2, default: 0 },
  palK: { kind: 'integer', min: 2, max: 32, default: 8 },
  palSeed: { kind: 'integer', min: 0, max: 9999, default: 0 },
} as const satisfies Schema;

export type VqColorsState = StateOf<typeof vqColorsSchema>;
export const vqColorsParamOf: Record<string, keyof VqColorsState> = { k: 'palK', seed: 'palSeed' };

export { SEED_COLORS, SEED_COLOR_NAMES };
export const PALETTE_K16: number[][] = paletteK16;

/** The page's photo, under public/. */
export const PHOTO_FILE = 'data/chelsea.png';

/** Pixels as RGB in [0, 1], n×3 row-major, with the image's size. */
export interface ColorImage {
  width: number;
  height: number;
  rgb: Float32Array;
  /** The decoded bytes, RGBA, for drawing the reader's picture. */
  rgba: Uint8ClampedArray;
  /** 'chelsea' for the page's photo; otherwise the reader's file. */
  source: 'chelsea' | 'upload';
  /** Tells one picture from another (the k-means run's key). */
  id: string;
}

/** The image data file's parse: the decoded bytes as the quantizer reads them. */
export function colorImage(img: DecodedImage): ColorImage {
  return {
    width: img.width, height: img.height, rgb: toRgb01(img.data, 4), rgba: img.data,
    source: img.source === 'file' ? 'chelsea' : 'upload', id: img.id,
  };
}

export interface TrainedPalette {
  centroids: number[][];
  inertia: number;
  iterations: number;
}

/** Lloyd iterations at most: every run here converges well before (sklearn's default is 300). */
export const KMEANS_MAX_ITER = 300;

/** What a k-means run depends on: the pixels (with their picture's id), K and the seed. */
export interface KmeansInput {
  pixels: Float32Array;
  imageId: string;
  k: number;
  seed: number;
}

/** The k-means palette: k-means++ then Lloyd (src/lib/kmeans.ts), sorted dark → light. */
export function trainPalette(input: KmeansInput, onProgress?: (done: number, total: number) => void): TrainedPalette {
  const r = kmeans(input.pixels, 3, input.k, {
    seed: input.seed,
    maxIter: KMEANS_MAX_ITER,
    onProgress: onProgress && ((p) => onProgress(p.iteration, KMEANS_MAX_ITER)),
  });
  const centroids: number[][] = [];
  for (let j = 0; j < input.k; j++) centroids.push([r.centroids[j * 3]!, r.centroids[j * 3 + 1]!, r.centroids[j * 3 + 2]!]);
  return { centroids: sortPalette(centroids), inertia: r.inertia, iterations: r.iterations };
}

/** RGB (0–255 bytes, RGBA or RGB layout) → [0, 1] floats, exactly as the build and the canvas read them. */
export function toRgb01(bytes: ArrayLike<number>, channels: 3 | 4): Float32Array {
  const n = bytes.length / channels;
  const out = new Float32Array(n * 3);
  for (let i = 0; i < n; i++) {
    out[i * 3] = bytes[i * channels]! / 255;
    out[i * 3 + 1] = bytes[i * channels + 1]! / 255;
    out[i * 3 + 2] = bytes[i * channels + 2]! / 255;
  }
  return out;
}

/** Sorts a palette dark → light (luma), like the exported one, so indices read in order. */
export function sortPalette(rows: number[][]): number[][] {
  const luma = (c: number[]) => 0.299 * c[0]! + 0.587 * c[1]! + 0.114 * c[2]!;
  return [...rows].sort((a, b) => luma(a) - luma(b));
}

export interface VqColorsView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  /** While the k-means palette trains or after a cancel: only the status line changes. */
  pending?: true;
  image: ColorImage;
  /** null while the k-means palette is being trained. */
  result: { indices: Int32Array; quantized: Float32Array; codebook: number[][] } | null;
  usage: { code: number; share: number; color: string }[];
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：用码本量化一张照片的颜色',
    fields: {
      pal: { label: '码本', options: { 0: '原文的 6 种颜色（红、蓝、绿、黄、黑、白）', 1: '在本页训练 k-means 调色板', 2: '导出的 16 色调色板（palette-k16）' } },
      palK: { label: 'k-means 的颜色数 K', hint: '2 到 32；只用于 k-means 调色板，选中它后才能修改' },
      palSeed: { label: 'k-means++ 随机种子', hint: '0 到 9999；只用于 k-means 调色板' },
    },
    progress: 'k-means 训练进度', cancel: '取消', retry: '重新训练',
    file: '用你自己的图片', reset: '换回猫的照片',
    original: '原图', quantized: '量化后', indexMap: '索引图（每个码索引一种颜色）',
    imgAlt: '猫 Chelsea 的照片（scikit-image 示例图片，CC0）',
    image: '图片', palette: '码本',
    mse: '均方误差 MSE（RGB 在 [0, 1]）', psnr: 'PSNR', loss: 'VQ 损失（β = 0.25）', ppl: '困惑度（正确：one-hot 的平均）', pplFormula: '代入数字', seedPpl: '原文那一行算出的“困惑度”（勘误 1）',
    caption: '每个码向量的使用情况', code: '码', colour: '颜色', count: '像素数', share: '占比',
    x: '码索引', y: '像素占比',
    palSeedText: '原文的 6 种颜色（红、蓝、绿、黄、黑、白）',
    palKmeans: '在本页训练的 k-means 调色板（K = {k}，随机种子 {seed}）',
    palExported: '导出的 16 色 k-means 调色板（palette-k16）',
    starting: '正在训练 k-means 调色板…',
    running: '正在训练 k-means 调色板：Lloyd 迭代 {i}（最多 {m}）',
    cancelled: '已取消：下面仍是上一个调色板的结果。按“重新训练”再开始。',
    trained: 'k-means：Lloyd 迭代 {n} 次，簇内平方和（inertia）{inertia}',
    photo: '猫 Chelsea（{w}×{h}，CC0）',
    upload: '你的图片（{w}×{h}）',
    chart: '柱状图：{k} 个码向量各自被多少比例的像素使用；{used} 个被使用，最常用的是 {top}。',
    psnrInf: '∞（与原图相同）',
  },
  en: {
    title: 'Live cell: quantize a photo’s colours with a codebook',
    fields: {
      pal: { label: 'Codebook', options: { 0: 'the seed’s six colours (red, blue, green, yellow, black, white)', 1: 'a k-means palette trained on this page', 2: 'the exported 16-colour palette (palette-k16)' } },
      palK: { label: 'k-means colours K', hint: '2 to 32; only for the k-means palette: choose it above to change K' },
      palSeed: { label: 'k-means++ seed', hint: '0 to 9999; only for the k-means palette' },
    },
    progress: 'k-means training progress', cancel: 'Cancel', retry: 'Train again',
    file: 'Use your own image', reset: 'Back to the cat',
    original: 'Original', quantized: 'Quantized', indexMap: 'Index map (one colour per code index)',
    imgAlt: 'Photo of Chelsea the cat (scikit-image sample image, CC0)',
    image: 'Image', palette: 'Codebook',
    mse: 'Mean squared error (RGB in [0, 1])', psnr: 'PSNR', loss: 'VQ loss (β = 0.25)', ppl: 'Perplexity (correct: mean of one-hot encodings)', pplFormula: 'Numbers substituted', seedPpl: 'The seed’s line’s “perplexity” (erratum 1)',
    caption: 'Usage of each code', code: 'Code', colour: 'Colour', count: 'Pixels', share: 'Share',
    x: 'code index', y: 'share of pixels',
    palSeedText: 'the seed’s six colours (red, blue, green, yellow, black, white)',
    palKmeans: 'a k-means palette trained on this page (K = {k}, seed {seed})',
    palExported: 'the exported 16-colour k-means palette (palette-k16)',
    starting: 'Training the k-means palette…',
    running: 'Training the k-means palette: Lloyd iteration {i} (at most {m})',
    cancelled: 'Cancelled: the numbers below are still the last palette’s. Press “Train again” to start again.',
    trained: 'k-means: {n} Lloyd iterations, inertia {inertia}',
    photo: 'Chelsea the cat ({w}×{h}, CC0)',
    upload: 'your image ({w}×{h})',
    chart: 'Bar chart: the share of pixels that use each of the {k} codes; {used} are used, the most used is {top}.',
    psnrInf: '∞ (identical to the original)',
  },
} as const;

type Words = (typeof words)[Lang];

export function codebookFor(s: VqColorsState, kmeansPalette: TrainedPalette | null): number[][] | null {
  if (s.pal === 0) return SEED_COLORS;
  if (s.pal === 2) return PALETTE_K16;
  return kmeansPalette?.centroids ?? null;
}

function paletteText(s: VqColorsState, w: Words): string {
  return s.pal === 0 ? w.palSeedText : s.pal === 1 ? fill(w.palKmeans, { k: s.palK, seed: s.palSeed }) : w.palExported;
}

/** The status line while the palette trains, or once the run was cancelled. */
function waitingText(r: Resource<TrainedPalette>, w: Words): string {
  if (r.status === 'cancelled') return w.cancelled;
  if (r.status === 'pending' && r.total > 0) return fill(w.running, { i: r.done, m: r.total });
  return w.starting;
}

export function vqColorsView(s: VqColorsState, lang: Lang, palette: Resource<TrainedPalette>, img: ColorImage): VqColorsView {
  const w = words[lang];
  const n = img.rgb.length / 3;
  const trained = s.pal === 1 && palette.status === 'ready' ? palette.value : null;
  const cb = codebookFor(s, trained);
  if (!cb) return { text: { kmStatus: waitingText(palette, w) }, rows: {}, pending: true, image: img, result: null, usage: [] };
  const k = cb.length;
  const r = vectorQuantize(img.rgb, cb.flat(), 3, 0.25);
  const mse = r.eLatentLoss;
  const counts = codebookUsage(r.indices, k);
  const names = s.pal === 0 ? SEED_COLOR_NAMES[lang] : null;
  const label = (j: number) => (names ? `${j} (${names[j]})` : String(j));
  const usage = counts.map((c, j) => ({ code: j, share: c / n, color: hexColor(cb[j]![0]!, cb[j]![1]!, cb[j]![2]!) }));
  const used = counts.filter((c) => c > 0).length;
  const top = counts.indexOf(Math.max(...counts));
  const description = fill(w.chart, { k, used, top: `${label(top)} ${fmt(usage[top]!.share * 100, { digits: 1 })} %` });
  const entropyTerms = usage.filter((u) => u.share > 0);
  const shown = entropyTerms.slice(0, 4).map((u) => `${fmt(u.share)}·log ${fmt(u.share)}`).join(' + ');
  return {
    text: {
      palette: paletteText(s, w),
      image: fill(img.source === 'chelsea' ? w.photo : w.upload, { w: img.width, h: img.height }),
      kmStatus: trained ? fill(w.trained, { n: trained.iterations, inertia: fmt(trained.inertia) }) : '',
      mse: `${fmt(mse, { digits: 6 })}`,
      psnr: mse > 0 ? `10·log10(1 / ${fmt(mse, { digits: 6 })}) = ${fmt(10 * Math.log10(1 / mse), { digits: 2 })} dB` : w.psnrInf,
      colorLoss: `(1 + 0.25)·${fmt(mse, { digits: 6 })} = ${fmt(r.loss, { digits: 6 })}`,
      ppl: fmt(r.perplexity),
      pplFormula: `exp(−(${shown}${entropyTerms.length > 4 ? ' + …' : ''})) = ${fmt(r.perplexity)}`,
      seedPpl: fmt(seedPerplexity(r.indices, k)),
      description,
      summary: summary(lang, [['MSE', 'MSE', fmt(mse, { digits: 6 })], ['困惑度', 'perplexity', fmt(r.perplexity)]]),
      pytorch: vqColorsPytorch(s, cb, img.source),
    },
    rows: {
      usage: counts.map((c, j) => [label(j), usage[j]!.color, String(c), `${fmt((c / n) * 100, { digits: 2 })} %`]),
    },
    image: img,
    result: { indices: r.indices, quantized: r.quantized, codebook: cb },
    usage,
  };
}

/** A palette small enough to train between two frames (a tiny picture of the reader's) runs inline. */
const INLINE_KMEANS_WORK = 2_000_000;

export const cell = defineCell({
  id: 'vq-colors',
  prefix: 'vq',
  schema: vqColorsSchema,
  paramOf: vqColorsParamOf,
  words,
  data: { file: PHOTO_FILE, image: true, parse: colorImage },
  resource: {
    // Only the k-means palette is trained; the other two are files.
    input: (s: VqColorsState, img: ColorImage): KmeansInput | null =>
      s.pal === 1 ? { pixels: img.rgb, imageId: img.id, k: s.palK, seed: s.palSeed } : null,
    key: (i: KmeansInput) => `${i.k}:${i.seed}:${i.imageId}`,
    // Every pixel against every centroid, for as many Lloyd iterations as a run may take.
    cost: (i: KmeansInput) => (i.pixels.length / 3) * i.k * KMEANS_MAX_ITER,
    inlineCost: INLINE_KMEANS_WORK,
    run: (i: KmeansInput, onProgress) => trainPalette(i, onProgress),
  },
  layout: [
    { fields: [{ param: 'pal', control: 'radio' }, { param: 'palK', enabled: (s: VqColorsState) => s.pal === 1 }, { param: 'palSeed', slider: false, enabled: (s: VqColorsState) => s.pal === 1 }] },
    { status: 'kmStatus', progress: 'progress', cancel: 'cancel', retry: 'retry' },
    { upload: 'file', reset: 'reset' },
    {
      outputs: [
        { result: 'image', label: 'image' },
        { result: 'palette', label: 'palette' },
        { slot: 'images' },
        { result: 'mse', label: 'mse', output: true },
        { result: 'psnr', label: 'psnr' },
        { result: 'colorLoss', label: 'loss' },
        { result: 'ppl', label: 'ppl', output: true },
        { result: 'pplFormula', label: 'pplFormula' },
        { result: 'seedPpl', label: 'seedPpl', output: true },
        { chart: 'usage', caption: 'description', rowsTable: 'usage' },
        { table: 'usage', caption: 'caption', head: ['code', 'colour', 'count', 'share'] },
        { code: 'pytorch' },
      ],
    },
  ],
  view: vqColorsView,
});

export function vqColorsPytorch(s: VqColorsState, cb: number[][], source: ColorImage['source']): string {
  const load = source === 'chelsea'
    ? [
        '# The page\'s photo: scikit-image\'s chelsea.png (CC0) downscaled to 256 px wide',
        'import numpy as np',
        'from skimage import data, transform',
        'img = data.chelsea()',
        'img = transform.resize(img, (round(img.shape[0] * 256 / img.shape[1]), 256), order=1, anti_aliasing=True)',
        'img = np.round(img * 255).astype(np.uint8)  # = public/data/chelsea.png',
      ]
    : [
        '# Your image, downscaled as on the page (replace the file name)',
        'import numpy as np',
        'from PIL import Image',
        'img = np.asarray(Image.open("your-image.png").convert("RGB"))',
      ];
  return [
    VECTOR_QUANTIZER_SOURCE,
    '',
    '',
    ...load,
    'x = torch.tensor(img.reshape(-1, 3) / 255.0, dtype=torch.float32)',
    '',
    s.pal === 0 ? '# The seed\'s codebook: red, blue, green, yellow, black, white' : s.pal === 1 ? `# The k-means palette trained on the page (K = ${s.palK}, seed ${s.palSeed});\n# sklearn.cluster.KMeans(n_clusters=${s.palK}) finds a similar one` : '# public/models/palette-k16.codebook.json',
    `codebook = torch.tensor(${pyMatrix(cb)})`,
    `vq = VectorQuantizer(${cb.length}, 3, commitment_cost=0.25)`,
    'with torch.no_grad():',
    '    vq.embedding.weight.copy_(codebook)',
    '    quantized, loss, perplexity = vq(x)',
    'mse = ((quantized - x) ** 2).mean().item()',
    'print("MSE:", mse, "PSNR (dB):", 10 * np.log10(1 / mse))',
    'print("VQ loss:", loss.item(), "perplexity:", perplexity.item())',
    `print("usage:", torch.bincount(torch.cdist(x, codebook).argmin(1), minlength=${cb.length}).tolist())`,
  ].join('\n');
}

/** Pixels of the quantized image as RGBA bytes (for a canvas). */
/** One colour per code index, so the index map shows which code each pixel took. */
export function indexRgba(indices: Int32Array, k: number): Uint8ClampedArray {
  const colours = Array.from({ length: k }, (_, j) => indexColor(j));
  const rgba = new Uint8ClampedArray(indices.length * 4);
  for (let i = 0; i < indices.length; i++) {
    const c = colours[indices[i]!]!;
    rgba.set([c[0], c[1], c[2], 255], i * 4);
  }
  return rgba;
}

export function quantizedRgba(quantized: Float32Array): Uint8ClampedArray {
  const n = quantized.length / 3;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) {
    out[i * 4] = Math.round(quantized[i * 3]! * 255);
    out[i * 4 + 1] = Math.round(quantized[i * 3 + 1]! * 255);
    out[i * 4 + 2] = Math.round(quantized[i * 3 + 2]! * 255);
    out[i * 4 + 3] = 255;
  }
  return out;
}

