/**
 * Colour quantization, the seed's example: every pixel of a photo is replaced by its nearest
 * colour in a codebook — the seed's six colours, a k-means palette trained live (in a worker), or
 * the exported 16-colour palette. The view is a pure function of the parameters, the pixels and
 * (for k-means) the trained palette, so the build and the browser print the same numbers.
 */
import { codebookUsage, seedPerplexity, vectorQuantize } from '../lib/vq';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import seedColors from '../../public/models/seed-colors.codebook.json' with { type: 'json' };
import paletteK16 from '../../public/models/palette-k16.codebook.json' with { type: 'json' };
import { VECTOR_QUANTIZER_SOURCE, hexColor, rowsOf } from './vqShared';
import { pyMatrix } from './python';

export const vqColorsSchema = {
  /** 0 = the seed's six colours, 1 = k-means trained here, 2 = the exported 16-colour palette. */
  pal: { kind: 'integer', min: 0, max: 2, default: 0 },
  palK: { kind: 'integer', min: 2, max: 32, default: 8 },
  palSeed: { kind: 'integer', min: 0, max: 9999, default: 0 },
} as const satisfies Schema;

export type VqColorsState = StateOf<typeof vqColorsSchema>;
export const vqColorsParamOf: Record<string, keyof VqColorsState> = { k: 'palK', seed: 'palSeed' };

export const SEED_COLORS: number[][] = seedColors;
export const PALETTE_K16: number[][] = paletteK16;
export const SEED_COLOR_NAMES = {
  zh: ['红', '蓝', '绿', '黄', '黑', '白'],
  en: ['red', 'blue', 'green', 'yellow', 'black', 'white'],
} as const;

/** Pixels as RGB in [0, 1], n×3 row-major, with the image's size. */
export interface ColorImage {
  width: number;
  height: number;
  rgb: Float32Array;
  /** 'chelsea' for the page's photo; otherwise the reader's file. */
  source: 'chelsea' | 'upload';
}

export interface TrainedPalette {
  /** `kmeansKey(state, imageId)` of the run. */
  key: string;
  centroids: number[][];
  inertia: number;
  iterations: number;
}

export interface VqColorsData {
  image: ColorImage;
  kmeans: TrainedPalette | null;
}

/** Identifies a k-means run: palette size, seed and the image. */
export function kmeansKey(s: VqColorsState, imageId: string): string {
  return `${s.palK}:${s.palSeed}:${imageId}`;
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
  /** null while the k-means palette is being trained. */
  result: { indices: Int32Array; quantized: Float32Array; codebook: number[][] } | null;
  usage: { code: number; share: number; color: string }[];
  description: string;
}

const words = {
  zh: {
    pal: (p: number, k: number, seed: number) =>
      p === 0 ? '种子的 6 种颜色（红、蓝、绿、黄、黑、白）' : p === 1 ? `在本页训练的 k-means 调色板（K = ${k}，种子 ${seed}）` : '导出的 16 色 k-means 调色板（palette-k16）',
    pending: '正在训练 k-means 调色板…',
    trained: (n: number, inertia: string) => `k-means：Lloyd 迭代 ${n} 次，簇内平方和（inertia）${inertia}`,
    image: (img: ColorImage) => (img.source === 'chelsea' ? `猫 Chelsea（${img.width}×${img.height}，CC0）` : `你的图片（${img.width}×${img.height}）`),
    chart: (k: number, used: number, top: string) => `柱状图：${k} 个码向量各自被多少比例的像素使用；${used} 个被使用，最常用的是 ${top}。`,
    none: '—',
    psnrInf: '∞（与原图相同）',
  },
  en: {
    pal: (p: number, k: number, seed: number) =>
      p === 0 ? 'the seed’s six colours (red, blue, green, yellow, black, white)' : p === 1 ? `a k-means palette trained on this page (K = ${k}, seed ${seed})` : 'the exported 16-colour k-means palette (palette-k16)',
    pending: 'Training the k-means palette…',
    trained: (n: number, inertia: string) => `k-means: ${n} Lloyd iterations, inertia ${inertia}`,
    image: (img: ColorImage) => (img.source === 'chelsea' ? `Chelsea the cat (${img.width}×${img.height}, CC0)` : `your image (${img.width}×${img.height})`),
    chart: (k: number, used: number, top: string) => `Bar chart: the share of pixels that use each of the ${k} codes; ${used} are used, the most used is ${top}.`,
    none: '—',
    psnrInf: '∞ (identical to the original)',
  },
} as const;

export function codebookFor(s: VqColorsState, data: VqColorsData): number[][] | null {
  if (s.pal === 0) return SEED_COLORS;
  if (s.pal === 2) return PALETTE_K16;
  return data.kmeans?.centroids ?? null;
}

export function vqColorsView(s: VqColorsState, lang: Lang, data: VqColorsData): VqColorsView {
  const w = words[lang];
  const img = data.image;
  const n = img.rgb.length / 3;
  const cb = codebookFor(s, data);
  const base = { palette: w.pal(s.pal, s.palK, s.palSeed), image: w.image(img) };
  if (!cb) {
    const none = w.none;
    return {
      text: {
        ...base, status: w.pending, mse: none, psnr: none, loss: none, perplexity: none, seedPerplexity: none,
        perplexityFormula: none, description: w.pending, pytorch: '# ' + w.pending,
      },
      rows: { usage: [] },
      result: null,
      usage: [],
      description: w.pending,
    };
  }
  const k = cb.length;
  const r = vectorQuantize(img.rgb, cb.flat(), 3, 0.25);
  const mse = r.eLatentLoss;
  const counts = codebookUsage(r.indices, k);
  const names = s.pal === 0 ? SEED_COLOR_NAMES[lang] : null;
  const label = (j: number) => (names ? `${j} (${names[j]})` : String(j));
  const usage = counts.map((c, j) => ({ code: j, share: c / n, color: hexColor(cb[j]![0]!, cb[j]![1]!, cb[j]![2]!) }));
  const used = counts.filter((c) => c > 0).length;
  const top = counts.indexOf(Math.max(...counts));
  const description = w.chart(k, used, `${label(top)} ${fmt(usage[top]!.share * 100, { digits: 1 })} %`);
  const entropyTerms = usage.filter((u) => u.share > 0);
  const shown = entropyTerms.slice(0, 4).map((u) => `${fmt(u.share)}·log ${fmt(u.share)}`).join(' + ');
  return {
    text: {
      ...base,
      status: s.pal === 1 && data.kmeans ? w.trained(data.kmeans.iterations, fmt(data.kmeans.inertia)) : '',
      mse: `${fmt(mse, { digits: 6 })}`,
      psnr: mse > 0 ? `10·log10(1 / ${fmt(mse, { digits: 6 })}) = ${fmt(10 * Math.log10(1 / mse), { digits: 2 })} dB` : w.psnrInf,
      loss: `(1 + 0.25)·${fmt(mse, { digits: 6 })} = ${fmt(r.loss, { digits: 6 })}`,
      perplexity: fmt(r.perplexity),
      perplexityFormula: `exp(−(${shown}${entropyTerms.length > 4 ? ' + …' : ''})) = ${fmt(r.perplexity)}`,
      seedPerplexity: fmt(seedPerplexity(r.indices, k)),
      description,
      summary: summary(lang, [['MSE', 'MSE', fmt(mse, { digits: 6 })], ['困惑度', 'perplexity', fmt(r.perplexity)]]),
      pytorch: vqColorsPytorch(s, cb, img.source),
    },
    rows: {
      usage: counts.map((c, j) => [label(j), usage[j]!.color, String(c), `${fmt((c / n) * 100, { digits: 2 })} %`]),
    },
    result: { indices: r.indices, quantized: r.quantized, codebook: cb },
    usage,
    description,
  };
}

export function vqColorsPytorch(s: VqColorsState, cb: number[][], source: 'chelsea' | 'upload'): string {
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

export { rowsOf };
