/**
 * The perplexity of a code usage, one code for every VQ module (vq.ts, vqTraining.ts, vqChunks.ts
 * and the trainer's bottleneck, trainer/vqLayer.ts):
 *   exp(−Σ_k p_k log p_k),  p_k = count_k / n,
 * 1 when one code takes every row, K when K codes are used equally.
 *
 * 0·log 0 = 0: unused codes are skipped. The seed (and the PyTorch references in scripts/fixtures)
 * add 1e-10 inside the log only to avoid log 0; skipping does that exactly, so one used code gives
 * exactly 1 (with the 1e-10 it would be 0.9999999999 in float64; torch's float32 rounds the
 * difference away). The terms are summed in code order, as torch's sum over a small vector is.
 */
import { describe } from './validate';
import { paramRangeError } from './refusal';

/**
 * exp(−Σ p log p) of `counts` over `n` rows (default: the sum of the counts, in code order).
 * RangeError when they cover no row: the distribution is undefined then.
 */
export function perplexityFromCounts(counts: ArrayLike<number>, n?: number): number {
  let total = n ?? 0;
  if (n === undefined) for (let j = 0; j < counts.length; j++) total += counts[j]!;
  if (!(total > 0)) throw paramRangeError('counts', `counts must cover at least one row; received ${describe(total)} rows`);
  let h = 0;
  for (let j = 0; j < counts.length; j++) {
    const p = counts[j]! / total;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.exp(h);
}
