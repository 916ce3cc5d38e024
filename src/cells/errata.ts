/**
 * The errata page's numbers. Two live cells (perplexity, label smoothing) and the fixed numbers
 * that prove the other corrections — all computed by src/lib, at build time and in the browser.
 * Erratum 8's live cell (the nearest of the seed's six colours) is src/cells/nearestColour.ts;
 * errata 8 and 9 quote the VQ page's numbers (src/cells/prose/vq.ts).
 */
import { codebookPerplexity, codebookUsage, seedPerplexity, vqLossForIndices, vectorQuantize } from '../lib/vq';
import { smoothLabels, smoothLabelsOffTarget } from '../lib/labelSmoothing';
import { sgdStep } from '../lib/optimizers';
import { l2Gradient } from '../lib/penalties';
import { formatNumber as fmt, formatTyped } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';

export const perplexitySchema = {
  codes: { kind: 'vector', minLength: 1, maxLength: 64, min: 0, max: 255, default: [0, 0, 1, 3] },
  codesK: { kind: 'integer', min: 1, max: 256, default: 4 },
} as const satisfies Schema;
export type PerplexityState = StateOf<typeof perplexitySchema>;
export const perplexityParamOf = { indices: 'codes', numEmbeddings: 'codesK' } as const;

export function perplexityView(s: PerplexityState) {
  const usage = codebookUsage(s.codes, s.codesK);
  const n = s.codes.length;
  const avg = s.codes.reduce((a, j) => a + j / s.codesK, 0) / n;
  const correct = codebookPerplexity(s.codes, s.codesK);
  const seed = seedPerplexity(s.codes, s.codesK);
  const used = usage.map((c, k) => [k, c] as const).filter(([, c]) => c > 0);
  return {
    text: {
      seedAvg: `mean(indices / ${s.codesK}) = ${fmt(avg)}`,
      seedValue: `exp(−${fmt(avg)}·log ${fmt(avg)}) = ${fmt(seed)}`,
      usage: used.map(([k, c]) => `p${k} = ${c}/${n}`).join(', '),
      correctValue: `exp(−Σ p·log p) = ${fmt(correct)}`,
      summary: `${fmt(seed)} → ${fmt(correct)}`,
    },
  };
}

export const smoothingSchema = {
  errEps: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.1 },
  errK: { kind: 'integer', min: 2, max: 10, default: 3 },
} as const satisfies Schema;
export type SmoothingState = StateOf<typeof smoothingSchema>;
export const smoothingParamOf = { epsilon: 'errEps', numClasses: 'errK' } as const;

export function smoothingView(s: SmoothingState) {
  const vec = (xs: number[]) => `[${xs.map((x) => fmt(x)).join(', ')}]`;
  return {
    text: {
      formula: vec(smoothLabels(0, s.errK, s.errEps)),
      example: vec(smoothLabelsOffTarget(0, s.errK, s.errEps)),
      summary: `${vec(smoothLabels(0, s.errK, s.errEps))} / ${vec(smoothLabelsOffTarget(0, s.errK, s.errEps))}`,
    },
  };
}

/** The fixed numbers behind errata 3, 4 and 6. */
export function fixedNumbers() {
  const x = [1, 1, 2, 2, 3, 3];
  const codebook = [10, 10, 20, 20, 30, 30, 40, 40];
  const forced = vqLossForIndices(x, codebook, 2, [2, 0, 1]);
  const nearest = vectorQuantize(Float32Array.from(x), Float32Array.from(codebook), 2);
  const sq = (1 - 10) ** 2 + (1 - 10) ** 2;
  const w = [1];
  const g = [0.5];
  const sgd = sgdStep(w, g, { lr: 0.1, weightDecay: 0.01 })[0]!;
  // The seed's reading: λΣw² with λ = weight_decay, whose gradient is 2λw.
  const seedReading = 1 - 0.1 * (0.5 + l2Gradient(w, 0.01)[0]!);
  const halfPenalty = 1 - 0.1 * (0.5 + l2Gradient(w, 0.005)[0]!);
  return {
    commitment: fmt(forced.eLatentLoss, { digits: 1 }),
    commitmentNearest: fmt(nearest.eLatentLoss, { digits: 1 }),
    nearestIndices: `[${Array.from(nearest.indices).join(', ')}]`,
    squared: fmt(sq, { digits: 0 }),
    root: fmt(Math.sqrt(sq)),
    sgd: formatTyped(sgd),
    seedReading: formatTyped(seedReading),
    halfPenalty: formatTyped(halfPenalty),
  };
}
