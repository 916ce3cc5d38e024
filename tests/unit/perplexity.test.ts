/**
 * The one perplexity-from-counts (src/lib/perplexity.ts) and its callers: vectorQuantize, vqAssign,
 * codebookPerplexity, vqChunks' merge and the trainer's bottleneck give exactly its value for their
 * counts; the trainer's variant answers 1 for no counts instead of refusing.
 */
import { describe, expect, it } from 'vitest';
import { perplexityFromCounts } from '../../src/lib/perplexity';
import { perplexityFromCounts as chunksPerplexity, mergeChunkStats } from '../../src/lib/vqChunks';
import { codebookPerplexity, codebookUsage, vectorQuantize } from '../../src/lib/vq';
import { vqAssign } from '../../src/lib/vqTraining';
import { usagePerplexity } from '../../src/lib/trainer/vqLayer';
import { refusalOf } from '../../src/lib/refusal';
import { createRng } from '../../src/lib/random';

describe('perplexityFromCounts', () => {
  it('is exactly 1 for one used code and K for K equal counts (to rounding)', () => {
    expect(perplexityFromCounts([0, 5, 0])).toBe(1);
    expect(perplexityFromCounts([2, 2, 2, 2, 2])).toBeCloseTo(5, 12);
  });

  it('takes the row count, or sums the counts in code order', () => {
    expect(perplexityFromCounts([3, 1], 4)).toBe(perplexityFromCounts([3, 1]));
  });

  it('refuses counts that cover no row, naming counts', () => {
    for (const [counts, n] of [[[0, 0], undefined], [[], undefined], [[1], 0]] as const) {
      let e: unknown;
      try {
        perplexityFromCounts(counts, n);
      } catch (err) {
        e = err;
      }
      expect(e).toBeInstanceOf(RangeError);
      expect(refusalOf(e)?.param).toBe('counts');
    }
  });

  it('is what every VQ module reports for its counts, bit for bit', () => {
    const rng = createRng(8);
    const x = new Float32Array(300 * 4).map(() => rng.normal());
    const cb = new Float32Array(9 * 4).map(() => rng.normal());
    const vq = vectorQuantize(x, cb, 4);
    const counts = codebookUsage(vq.indices, 9);
    const p = perplexityFromCounts(counts, 300);
    expect(vq.perplexity).toBe(p);
    expect(codebookPerplexity(vq.indices, 9)).toBe(p);
    expect(chunksPerplexity).toBe(perplexityFromCounts);
    expect(mergeChunkStats([{ rows: 300, loss: vq.loss, counts }]).perplexity).toBe(p);
    expect(usagePerplexity(counts)).toBe(perplexityFromCounts(counts));
    const a = vqAssign(Array.from(x), Array.from(cb), 4);
    expect(a.perplexity).toBe(perplexityFromCounts(a.counts, 300));
  });

  it("the trainer's usagePerplexity is 1 when nothing was counted (no training piece passed the bottleneck)", () => {
    expect(usagePerplexity([0, 0, 0])).toBe(1);
  });
});
