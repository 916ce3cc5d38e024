/**
 * Erratum 1's cell: the seed's perplexity line beside the correct one, on code indices the reader
 * types. The seed averages `indices / K` — one number, not a distribution — where the usage
 * distribution is the mean of the one-hot encodings (src/lib/vq: codebookUsage, codebookPerplexity,
 * seedPerplexity). Rendered by Cell.astro from `cell` (end of file) on the errata page.
 */
import { codebookPerplexity, codebookUsage, seedPerplexity } from '../lib/vq';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import { defineCell } from './define';

export const perplexitySchema = {
  codes: { kind: 'vector', minLength: 1, maxLength: 64, min: 0, max: 255, default: [0, 0, 1, 3] },
  codesK: { kind: 'integer', min: 1, max: 256, default: 4 },
} as const satisfies Schema;
export type PerplexityState = StateOf<typeof perplexitySchema>;
export const perplexityParamOf = { indices: 'codes', numEmbeddings: 'codesK' } as const;

/** Every string is a formula, the same in both languages; the words are the labels. */
export function perplexityView(s: PerplexityState) {
  const usage = codebookUsage(s.codes, s.codesK);
  const n = s.codes.length;
  const avg = s.codes.reduce((a, j) => a + j / s.codesK, 0) / n;
  const correct = codebookPerplexity(s.codes, s.codesK);
  const seed = seedPerplexity(s.codes, s.codesK);
  const used = usage.map((c, k) => [k, c] as const).filter(([, c]) => c > 0);
  return {
    text: {
      // The seed's two lines in one: its "distribution" (a single number), then its perplexity.
      seedValue: `mean(indices / ${s.codesK}) = ${fmt(avg)}; exp(−${fmt(avg)}·log ${fmt(avg)}) = ${fmt(seed)}`,
      usage: used.map(([k, c]) => `p${k} = ${c}/${n}`).join(', '),
      correctValue: `exp(−Σ p·log p) = ${fmt(correct)}`,
      summary: `${fmt(seed)} → ${fmt(correct)}`,
    },
  };
}

const words = {
  zh: {
    title: '实时单元：原文的困惑度与正确的困惑度',
    fields: {
      codes: { label: '码本索引', hint: '0 到 K−1 的整数，用逗号分隔' },
      codesK: { label: '码本大小 K' },
    },
    seedLine: '原文的写法', usage: '使用分布', correct: '正确的写法（one-hot 的平均）',
  },
  en: {
    title: 'Live cell: the seed’s perplexity and the correct one',
    fields: {
      codes: { label: 'Code indices', hint: 'integers from 0 to K−1, comma-separated' },
      codesK: { label: 'Codebook size K' },
    },
    seedLine: 'The seed’s line', usage: 'Usage distribution', correct: 'Correct (mean of one-hot encodings)',
  },
} as const;

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'errata-perplexity',
  // The errata's element ids (err-codes, err-correct-value) predate the cell objects; kept for links and specs.
  prefix: 'err',
  schema: perplexitySchema,
  paramOf: perplexityParamOf,
  words,
  layout: [
    { fields: ['codes', { param: 'codesK', slider: false }] },
    { result: 'seedValue', label: 'seedLine', output: true },
    { result: 'usage', label: 'usage' },
    { result: 'correctValue', label: 'correct', output: true },
  ],
  view: (s) => perplexityView(s),
});
