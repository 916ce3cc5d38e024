/**
 * Digits: the exported `digits-vq` codebook (K = 32 codes of D = 64 = 8×8 pixels, trained with the
 * seed's VectorQuantizer on scikit-learn's digits) applied to one digit — a held-out sample or one
 * the reader draws. The digit is the URL state (64 intensities 0–16, as in the data set).
 */
import { vectorQuantize } from '../lib/vq';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import digitsCodebook from '../../public/models/digits-vq.codebook.json' with { type: 'json' };
import digitsSample from '../../public/data/digits_sample.json' with { type: 'json' };
import { VECTOR_QUANTIZER_SOURCE } from './vqShared';
import { pyFloat } from './python';

export const DIGITS_CODEBOOK: number[][] = digitsCodebook;
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
  /** Input and reconstruction, 64 values in [0, 1] (clamped for drawing). */
  input: number[];
  recon: number[];
}

/** Which held-out sample the state equals, or −1 for a drawn digit. */
export function sampleIndexOf(pix: readonly number[]): number {
  return DIGITS_SAMPLE.data.findIndex((row) => row.every((v, i) => v === pix[i]));
}

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

export function vqDigitsView(s: VqDigitsState, lang: Lang): VqDigitsView {
  const zh = lang === 'zh';
  const x = s.dPix.map((v) => v / 16);
  const cb = DIGITS_CODEBOOK;
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
      summary: summary(lang, [['最近的码', 'Nearest code', String(j)], ['loss', 'loss', fmt(r.loss, { digits: 6 })]]),
      pytorch: vqDigitsPytorch(s),
    },
    rows: {
      ranking: dists.slice(0, 5).map((e, rank) => [String(rank + 1), String(e.c), fmt(e.d)]),
    },
    nearest: j,
    input: x.map(clamp01),
    recon: cb[j]!.map(clamp01),
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
