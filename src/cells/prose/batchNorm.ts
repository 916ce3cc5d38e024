/**
 * Numbers quoted in the prose of the batchNorm pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 *
 * "Why it regularizes" (issue #13 §1.7): the same example, the value 2, normalized in two batches
 * (nn.BatchNorm1d(1) in training mode, γ = 1, β = 0, ε = 1e-5): the statistics include the example
 * itself, and the output still changes because its batch-mates do.
 *
 * "The noise against the batch size" (issue #13 §2): the bn-noise cell's spread at its defaults
 * (example 0 of its 256 values, R batches, its seed) for B = 4, 16 and 64 — each four times the last.
 */
import { batchNorm as batchNormLib } from '../../lib/batchNorm';
import { batchNormNoiseSweep } from '../../lib/batchNormNoise';
import { formatNumber } from '../../lib/format';
import { defaults } from '../../lib/query';
import { bnNoiseData, bnNoiseSchema } from '../bnNoise';
import type { ProseNumbers } from './types';

/** y of the value 2 in `batch` (one feature). */
function normalizedTwo(batch: number[]): number {
  const i = batch.indexOf(2);
  if (i < 0) throw new RangeError(`the batch must contain the value 2; received [${batch.join(', ')}]`);
  return batchNormLib(batch.map((x) => [x])).y[i]![0]!;
}

/** The standard deviation of the example's normalized value at batch size `b` (the cell's defaults). */
function noiseAt(b: number): string {
  const s = defaults(bnNoiseSchema);
  const point = batchNormNoiseSweep(bnNoiseData(), { index: s.nidx, draws: s.ndraws, seed: s.nseed }, [b])[0]!;
  return formatNumber(point.std, { digits: 2 });
}

export const batchNorm: ProseNumbers = {
  /** The value 2 in the batch [1, 2, 3, 4]. */
  twoIn1234: () => formatNumber(normalizedTwo([1, 2, 3, 4]), { digits: 4 }),
  /** The same value in the batch [2, 3, 4, 5]. */
  twoIn2345: () => formatNumber(normalizedTwo([2, 3, 4, 5]), { digits: 4 }),
  /** bn-noise at its defaults: the spread at B = 4, 16, 64. */
  noiseB4: () => noiseAt(4),
  noiseB16: () => noiseAt(16),
  noiseB64: () => noiseAt(64),
};
