/**
 * Numbers quoted in the prose of the batchNorm pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 *
 * "Why it regularizes" (issue #13 §1.7): the same example, the value 2, normalized in two batches
 * (nn.BatchNorm1d(1) in training mode, γ = 1, β = 0, ε = 1e-5): the statistics include the example
 * itself, and the output still changes because its batch-mates do.
 */
import { batchNorm as batchNormLib } from '../../lib/batchNorm';
import { formatNumber } from '../../lib/format';
import type { ProseNumbers } from './types';

/** y of the value 2 in `batch` (one feature). */
function normalizedTwo(batch: number[]): number {
  const i = batch.indexOf(2);
  if (i < 0) throw new RangeError(`the batch must contain the value 2; received [${batch.join(', ')}]`);
  return batchNormLib(batch.map((x) => [x])).y[i]![0]!;
}

export const batchNorm: ProseNumbers = {
  /** The value 2 in the batch [1, 2, 3, 4]. */
  twoIn1234: () => formatNumber(normalizedTwo([1, 2, 3, 4]), { digits: 4 }),
  /** The same value in the batch [2, 3, 4, 5]. */
  twoIn2345: () => formatNumber(normalizedTwo([2, 3, 4, 5]), { digits: 4 }),
};
