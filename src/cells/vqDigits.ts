/**
 * Digits: the exported `digits-vq` codebook (K = 32 codes of D = 64 = 8×8 pixels, trained with the
 * seed's VectorQuantizer on scikit-learn's digits) applied to one digit — a held-out sample or one
 * the reader draws. The digit is the URL state (64 intensities 0–16, as in the data set). A declared
 * cell (`cell`): the drawing pad and the codebook are page markup in its slots (DigitPad.astro,
 * DigitCodebook.astro) that src/components/charts/vq-digits.ts keeps in step with the view.
 */
import { vectorQuantize } from '../lib/vq';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import digitsSample from '../../public/data/digits_sample.json' with { type: 'json' };
import { VECTOR_QUANTIZER_SOURCE } from './vqShared';
import { pyFloat } from './python';
import { defineCell } from './define';
import { describe, vector } from '../lib/validate';
import { paramTypeError } from '../lib/refusal';

/** The exported codebook, public/models/digits-vq.codebook.json: K = 32 codes of 64 values. */
export type DigitsCodebook = number[][];
export const CODEBOOK_FILE = 'models/digits-vq.codebook.json';

/** Checks the codebook file: 32 rows of 64 finite numbers (a broken file gets a named error, not NaN). */
export function parseCodebook(json: unknown): DigitsCodebook {
  if (!Array.isArray(json) || json.length !== 32) {
    throw paramTypeError('codebook', `codebook must be an array of 32 codes; received ${describe(json)}`);
  }
  return json.map((row, j) => vector(`codebook[${j}]`, row, 64, 64));
}
export const DIGITS_SAMPLE: { data: number[][]; target: number[]; indices: number[] } = digitsSample;

export const vqDigitsSchema = {
  dPix: { kind: 'vector', minLength: 64, maxLength: 64, min: 0, max: 16, default: DIGITS_SAMPLE.data[0]! },
} as const satisfies Schema;

export type VqDigitsState = StateOf<typeof vqDigitsSchema>;
export const vqDigitsParamOf: Record<string, keyof VqDigitsState> = { x: 'dPix' };

export interface VqDigitsView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  nearest: number;
  /** The pad's 64 pixels as stored, 0–16 (what each pixel's label reads). */
  pixels: readonly number[];
  /** Input and reconstruction as CSS opacities (pixelOpacity), for the pad and the reconstruction. */
  input: string[];
  recon: string[];
}

/**
 * A pixel value in [0, 1] as the opacity the pad and the reconstruction draw it with: clamped (a
 * code's entries may leave [0, 1]) and rounded to 3 decimals, the same text at build and in the browser.
 */
export function pixelOpacity(v: number): string {
  return String(Math.round(Math.min(1, Math.max(0, v)) * 1000) / 1000);
}

/** Which held-out sample the state equals, or −1 for a drawn digit. */
export function sampleIndexOf(pix: readonly number[]): number {
  return DIGITS_SAMPLE.data.findIndex((row) => row.every((v, i) => v === pix[i]));
}

export function vqDigitsView(s: VqDigitsState, lang: Lang, codebook: DigitsCodebook): VqDigitsView {
  const zh = lang === 'zh';
  const x = s.dPix.map((v) => v / 16);
  const cb = codebook;
  const r = vectorQuantize(x, cb.flat(), 64, 0.25);
  const j = r.indices[0]!;
  const dists = cb.map((e, c) => ({ c, d: e.reduce((a, v, t) => a + (v - x[t]!) ** 2, 0) })).sort((a, b) => a.d - b.d || a.c - b.c);
  const idx = sampleIndexOf(s.dPix);
  const ink = s.dPix.reduce((a, v) => a + v, 0);
  return {
    text: {
      source: idx >= 0
        ? (zh ? `留出样本 #${idx}（真实标签 ${DIGITS_SAMPLE.target[idx]}）` : `held-out sample #${idx} (true label ${DIGITS_SAMPLE.target[idx]})`)
        : (zh ? `你画的数字（笔画总量 ${ink}）` : `your drawing (total ink ${ink})`),
      nearest: String(j),
      distance: `‖x − e_${j}‖² = ${fmt(dists[0]!.d)}`,
      mse: `mean((e_${j} − x)²) = ${fmt(dists[0]!.d)} / 64 = ${fmt(r.eLatentLoss, { digits: 6 })}`,
      loss: `loss = (1 + 0.25)·${fmt(r.eLatentLoss, { digits: 6 })} = ${fmt(r.loss, { digits: 6 })}`,
      summary: summary(lang, [['最近的码', 'Nearest code', String(j)], ['损失', 'loss', fmt(r.loss, { digits: 6 })]]),
      pytorch: vqDigitsPytorch(s),
    },
    rows: {
      ranking: dists.slice(0, 5).map((e, rank) => [String(rank + 1), String(e.c), fmt(e.d)]),
    },
    nearest: j,
    pixels: s.dPix,
    input: x.map(pixelOpacity),
    recon: cb[j]!.map(pixelOpacity),
  };
}

export function vqDigitsPytorch(s: VqDigitsState): string {
  const rows: string[] = [];
  for (let r = 0; r < 8; r++) rows.push(`    ${s.dPix.slice(r * 8, r * 8 + 8).map(pyFloat).join(', ')},`);
  return [
    VECTOR_QUANTIZER_SOURCE,
    '',
    '',
    'import json',
    '# the page\'s codebook (or open public/models/digits-vq.codebook.json from the site\'s repository)',
    'codebook = torch.tensor(json.load(open("digits-vq.codebook.json")))  # 32 × 64',
    'vq = VectorQuantizer(32, 64, commitment_cost=0.25)',
    'with torch.no_grad():',
    '    vq.embedding.weight.copy_(codebook)',
    '',
    'digit = torch.tensor([[',
    ...rows,
    ']]) / 16  # 8×8 pixels, 0–16 as in load_digits()',
    'with torch.no_grad():',
    '    quantized, loss, perplexity = vq(digit)',
    'print("nearest code:", torch.cdist(digit, codebook).argmin().item())',
    'print("squared distances, 5 nearest:", torch.cdist(digit, codebook).pow(2).topk(5, largest=False))',
    'print("loss:", loss.item())',
    'print(quantized.view(8, 8))',
  ].join('\n');
}

const words = {
  en: {
    title: 'Live cell: an 8×8 digit and its nearest code',
    fields: { dPix: { label: '64 pixel values (0–16)', hint: 'row by row, comma-separated' } },
    pick: 'Pick a held-out sample', drawn: '(your drawing)', label: 'true label',
    grid: 'Draw a digit on the 8×8 grid',
    gridHint: 'click or drag to ink (click again to erase); keyboard: arrows move, Space/Enter toggles, + / − change intensity',
    cell: 'row {r}, column {c}', clear: 'Clear', input: 'Input', recon: 'Reconstruction (the nearest code)',
    source: 'Digit', nearest: 'Nearest code', dist: 'Squared distance', mse: 'Mean squared error', loss: 'VQ loss (β = 0.25)',
    caption: 'The 5 nearest codes', rank: 'Rank', code: 'Code', sq: '‖x − e‖²',
    codebook: 'Codebook: 32 codes, each an 8×8 image', codeLabel: 'code {j}',
  },
  zh: {
    title: '实时单元：8×8 手写数字与它最近的码向量',
    fields: { dPix: { label: '64 个像素值（0–16）', hint: '逐行，用逗号分隔' } },
    pick: '选一个留出样本', drawn: '（自己画）', label: '真实标签',
    grid: '在 8×8 网格上画数字',
    gridHint: '点击或拖动涂黑（再点一次擦除）；键盘：方向键移动，空格/回车切换，+ / − 调亮度',
    cell: '第 {r} 行第 {c} 列', clear: '清空', input: '输入', recon: '重建（最近的码向量）',
    source: '数字', nearest: '最近的码', dist: '平方距离', mse: '均方误差', loss: 'VQ 损失（β = 0.25）',
    caption: '最近的 5 个码', rank: '名次', code: '码', sq: '‖x − e‖²',
    codebook: '码本：32 个码向量，每个是 8×8 图像', codeLabel: '码 {j}',
  },
} as const;

export const cell = defineCell({
  id: 'vq-digits',
  prefix: 'vq-d',
  schema: vqDigitsSchema,
  paramOf: vqDigitsParamOf,
  words,
  // The codebook is fetched with the page's data (not bundled: 19 kB of the page's first script).
  data: { file: CODEBOOK_FILE, parse: parseCodebook },
  layout: [
    // The sample menu, the 8×8 pad and the reconstruction (src/components/vq/DigitPad.astro).
    { slot: 'pad' },
    { fields: ['dPix'] },
    { result: 'source', label: 'source' },
    { result: 'nearest', label: 'nearest', output: true },
    { result: 'distance', label: 'dist' },
    { result: 'mse', label: 'mse' },
    { result: 'loss', label: 'loss', output: true },
    { table: 'ranking', caption: 'caption', head: ['rank', 'code', 'sq'] },
    // The 32 codes as 8×8 images, the nearest marked (src/components/vq/DigitCodebook.astro).
    { slot: 'codebook' },
    { code: 'pytorch', file: { name: 'digits-vq.codebook.json', path: CODEBOOK_FILE } },
  ],
  view: (s, lang, _resource, codebook) => vqDigitsView(s, lang, codebook),
});
