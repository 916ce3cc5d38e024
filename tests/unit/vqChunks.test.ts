import { describe, expect, it } from 'vitest';
import {
  ChunkAccumulator, chunkCounts, chunkRanges, compareIndices, float32Ulp, formatBytes, maxAbsDiff, mergeChunkStats,
  ortGraphBytes, perplexityFromCounts, tsBytes,
} from '../../src/lib/vqChunks';
import { codebookPerplexity, vectorQuantize } from '../../src/lib/vq';
import { createRng } from '../../src/lib/random';
import { fmtPercent, fmtSig, digitsRows, makeCompareInput, parseCompareQuery, isNearTie } from '../../src/components/vq/compare';
import { memoryTable, FULL_N } from '../../src/components/vq/fullsize';

function randomData(n: number, k: number, d: number, seed: number) {
  const rng = createRng(seed);
  const x = Float32Array.from({ length: n * d }, () => rng.normal());
  const cb = Float32Array.from({ length: k * d }, () => rng.uniform(-1, 1));
  return { x, cb };
}

describe('chunkRanges', () => {
  it('covers 0..n with chunks of at most chunkRows', () => {
    expect(chunkRanges(10, 4)).toEqual([[0, 4], [4, 8], [8, 10]]);
    expect(chunkRanges(8, 4)).toEqual([[0, 4], [4, 8]]);
    expect(chunkRanges(0, 4)).toEqual([]);
    expect(chunkRanges(524_288, 65_536)).toHaveLength(8);
  });
  it('rejects bad sizes', () => {
    expect(() => chunkRanges(10, 0)).toThrow(/chunkRows/);
    expect(() => chunkRanges(1.5, 2)).toThrow(/n/);
  });
});

describe('perplexityFromCounts', () => {
  it('matches the worked example of docs/reference-semantics.md: indices [0,0,1,3], K=4 → 2√2', () => {
    expect(perplexityFromCounts([2, 1, 0, 1])).toBeCloseTo(2.828427, 6);
    expect(perplexityFromCounts([2, 1, 0, 1], 4)).toBeCloseTo(codebookPerplexity([0, 0, 1, 3], 4), 12);
  });
  it('is 1 for one used code and K for uniform use', () => {
    expect(perplexityFromCounts([0, 7, 0])).toBe(1);
    expect(perplexityFromCounts([3, 3, 3, 3])).toBeCloseTo(4, 12);
  });
  it('refuses empty counts', () => {
    expect(() => perplexityFromCounts([0, 0])).toThrow(RangeError);
  });
});

describe('merging chunks equals one pass over all rows', () => {
  const n = 1000;
  const k = 16;
  const d = 8;
  const { x, cb } = randomData(n, k, d, 7);
  const whole = vectorQuantize(x, cb, d, 0.25);

  for (const size of [1, 64, 333, 1000, 4096]) {
    it(`chunks of ${size} rows`, () => {
      const chunks = chunkRanges(n, size).map(([s, e]) => {
        const r = vectorQuantize(x.subarray(s * d, e * d), cb, d, 0.25);
        return { rows: e - s, loss: r.loss, counts: chunkCounts(r.indices, k) };
      });
      const merged = mergeChunkStats(chunks);
      expect(merged.rows).toBe(n);
      expect(merged.loss).toBeCloseTo(whole.loss, 12);
      expect(merged.perplexity).toBeCloseTo(whole.perplexity, 12);
      // Averaging the per-chunk perplexities would be wrong (exp of entropy is not linear).
      const acc = new ChunkAccumulator(k);
      for (const [s, e] of chunkRanges(n, size)) {
        const r = vectorQuantize(x.subarray(s * d, e * d), cb, d, 0.25);
        acc.add(r.indices, r.loss);
      }
      const inc = acc.result();
      expect(inc.loss).toBeCloseTo(whole.loss, 12);
      expect(inc.perplexity).toBeCloseTo(whole.perplexity, 12);
      expect(inc.codesUsed).toBe(new Set(whole.indices).size);
    });
  }

  it('weights chunks by rows, not equally', () => {
    const m = mergeChunkStats([
      { rows: 3, loss: 1, counts: [3, 0] },
      { rows: 1, loss: 5, counts: [0, 1] },
    ]);
    expect(m.loss).toBe(2);
    expect(m.perplexity).toBeCloseTo(Math.exp(-(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25))), 12);
    expect(Array.from(m.counts)).toEqual([3, 1]);
  });

  it('rejects inconsistent chunks', () => {
    expect(() => mergeChunkStats([])).toThrow(RangeError);
    expect(() => mergeChunkStats([{ rows: 2, loss: 1, counts: [1, 0] }])).toThrow(/sum to rows/);
    expect(() => mergeChunkStats([{ rows: 1, loss: NaN, counts: [1] }])).toThrow(/finite/);
    expect(() => mergeChunkStats([{ rows: 1, loss: 0, counts: [1] }, { rows: 1, loss: 0, counts: [1, 0] }])).toThrow(/length K/);
    expect(() => new ChunkAccumulator(2).add([0, 2], 0)).toThrow(/indices/);
    expect(() => new ChunkAccumulator(2).result()).toThrow(/no rows/);
  });
});

describe('compareIndices', () => {
  it('counts agreement and reports both distances of a disagreeing row', () => {
    const x = [0, 0, 1, 1];
    const cb = [0, 0, 1, 1, 1, 0];
    const ag = compareIndices([0, 1], [0, 2], x, cb, 2);
    expect(ag).toMatchObject({ rows: 2, agree: 1, percent: 50 });
    expect(ag.examples).toEqual([{ row: 1, a: 1, b: 2, distA: 0, distB: 1 }]);
    expect(ag.maxGap).toBe(1);
    expect(compareIndices([0, 1], [0, 1], x, cb, 2)).toMatchObject({ agree: 2, percent: 100, examples: [], maxGap: 0 });
  });
  it('keeps at most `keep` examples', () => {
    const ag = compareIndices([0, 0, 0], [1, 1, 1], [0, 0, 0], [0, 1], 1, 2);
    expect(ag.examples).toHaveLength(2);
    expect(ag.agree).toBe(0);
  });
  it('checks shapes', () => {
    expect(() => compareIndices([0], [0, 1], [0, 0], [0], 1)).toThrow(/same length/);
    expect(() => compareIndices([0], [0], [0, 0], [0], 1)).toThrow(/rows × dim/);
  });
});

describe('maxAbsDiff and float32Ulp', () => {
  it('max |Δ| over all entries or masked rows', () => {
    expect(maxAbsDiff([1, 2, 3, 4], [1, 2.5, 3, 0])).toBe(4);
    expect(maxAbsDiff([1, 2, 3, 4], [1, 2.5, 3, 0], 2, (r) => r === 0)).toBe(0.5);
    expect(() => maxAbsDiff([1], [1, 2])).toThrow(RangeError);
  });
  it('ulp of float32', () => {
    expect(float32Ulp(1)).toBe(2 ** -23);
    expect(float32Ulp(64)).toBe(2 ** -17);
    expect(float32Ulp(0)).toBeGreaterThan(0);
  });
});

describe('memory from shapes', () => {
  it('the full-size distance matrix is 512 MiB; TS holds no N×K buffer', () => {
    const o = ortGraphBytes(FULL_N, 256, 64);
    expect(o.distances).toBe(512 * 2 ** 20);
    expect(o.total).toBeGreaterThan(4 * o.distances);
    const t = tsBytes(FULL_N, 256, 64, 16_384);
    expect(t.items.find((i) => i.key === 'input')!.bytes).toBe(128 * 2 ** 20);
    expect(t.items.find((i) => i.key === 'tsIndices')!.bytes).toBe(2 * 2 ** 20);
    expect(t.items.find((i) => i.key === 'kernelRows')!.bytes).toBe(2048 * (64 * 8 + 4));
    expect(t.total).toBeLessThan(o.distances);
  });
  it('formats bytes in binary units', () => {
    expect(formatBytes(512 * 2 ** 20)).toBe('512 MiB');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(12)).toBe('12 B');
    expect(formatBytes(2.625 * 2 ** 30)).toBe('2.6 GiB');
    expect(() => formatBytes(NaN)).toThrow(TypeError);
  });
  it('memoryTable strings in both languages, no NaN', () => {
    for (const lang of ['en', 'zh'] as const) {
      const m = memoryTable(FULL_N, lang);
      expect(m.ortDistances).toBe('512 MiB');
      expect(m.ortChunkDistances).toBe('64 MiB');
      expect(JSON.stringify(m)).not.toMatch(/NaN|undefined|Infinity/);
    }
  });
});

describe('comparison panel helpers', () => {
  it('parses cmp parameters and keeps defaults for bad ones', () => {
    const ids = ['seed-colors', 'digits-vq'];
    expect(parseCompareQuery('?cmpModel=digits-vq&cmpN=10&cmpSeed=3', ids)).toEqual({
      state: { cmpModel: 'digits-vq', cmpN: 10, cmpSeed: 3 }, errors: [],
    });
    const bad = parseCompareQuery('?cmpModel=<b>&cmpN=70000&cmpSeed=-1', ids);
    expect(bad.state).toEqual({ cmpModel: 'seed-colors', cmpN: 1024, cmpSeed: 0 });
    expect(bad.errors).toHaveLength(3);
  });
  it('draws the same seeded input every time, per model kind', () => {
    const a = makeCompareInput({ id: 'seed-colors', dim: 3 }, 5, 1, null);
    expect(Array.from(a)).toEqual(Array.from(makeCompareInput({ id: 'seed-colors', dim: 3 }, 5, 1, null)));
    expect(a.every((v) => v >= 0 && v < 1)).toBe(true);
    const rows = [[0, 1], [1, 0]];
    const dg = makeCompareInput({ id: 'digits-vq', dim: 2 }, 6, 0, rows);
    for (let i = 0; i < 6; i++) expect([[0, 1], [1, 0]]).toContainEqual([dg[2 * i], dg[2 * i + 1]]);
    const nrm = makeCompareInput({ id: 'seed-vq-d64-k256', dim: 2 }, 500, 0, null);
    expect(nrm.some((v) => v < 0)).toBe(true);
  });
  it('reads the digits sample (raw 0–16 → /16) and refuses malformed files', () => {
    expect(digitsRows({ data: [[0, 16], [8, 4]] }, 2)).toEqual([[0, 1], [0.5, 0.25]]);
    expect(digitsRows({ data: [[0, 0.5]] }, 2)).toEqual([[0, 0.5]]);
    expect(digitsRows({ data: [[0]] }, 2)).toBeNull();
    expect(digitsRows({ data: [[0, NaN]] }, 2)).toBeNull();
    expect(digitsRows(null, 2)).toBeNull();
  });
  it('formats numbers to 6 significant digits and percentages honestly', () => {
    expect(fmtSig(0.130871767)).toBe('0.130872');
    expect(fmtSig(19.08761695)).toBe('19.0876');
    expect(fmtSig(234.5716)).toBe('234.572');
    expect(fmtSig(0)).toBe('0.00000');
    expect(fmtPercent(10, 10)).toBe('100');
    expect(fmtPercent(65_535, 65_536)).toBe('99.99');
    expect(fmtPercent(1, 3)).toBe('33.33');
  });
  it('calls a gap a near-tie only at float32 rounding scale', () => {
    expect(isNearTie(55.6737842, 55.6737846, 60)).toBe(true);
    expect(isNearTie(55.6, 55.7, 60)).toBe(false);
  });
});
