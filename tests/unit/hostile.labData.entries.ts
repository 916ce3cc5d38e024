/**
 * Hostile-input entries (issue #6) for the lab's data and starting points: src/lib/digits.ts and
 * src/lib/mlpInit.ts. Same shape as the entries of TABLE in hostile.lib.property.test.ts, kept apart
 * so it can be merged there with `...LAB_DATA_ENTRIES`. Arguments mix the real digits.json (whole or
 * with one field broken) with NaN, ±Infinity, −0, huge numbers, wrong types and out-of-range sizes.
 */
import { expect } from 'vitest';
import fc from 'fast-check';
import digitsJson from '../../public/data/digits.json';
import { parseDigits } from '../../src/lib/digits';
import { hAny, hMat, hOpts, hScalar, hVec, wrongType } from './hostile';

interface Entry {
  args: fc.Arbitrary<unknown[]>;
  then?: (out: unknown, args: unknown[]) => void;
  message?: RegExp;
  rawStrings?: boolean;
  async?: boolean;
}

const args = (...a: fc.Arbitrary<unknown>[]) => fc.tuple(...a) as fc.Arbitrary<unknown[]>;
const seed = hScalar(fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(0, 2 ** 32 - 1, 2 ** 32, -1)));
const size = (min: number, max: number) =>
  hScalar(fc.oneof(fc.integer({ min, max }), fc.constantFrom(min - 1, max + 1, 0, 2 ** 31, 2 ** 53, 1e20)));

const real = digitsJson as { data: number[][]; target: number[]; shape: number[] };
const parsed = parseDigits(real);

/** digits.json as it ships, or with one pixel, digit, row or field replaced by something hostile. */
const digitsish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 3, arbitrary: fc.constant(real) },
  {
    weight: 3,
    arbitrary: fc.tuple(fc.integer({ min: 0, max: real.data.length - 1 }), fc.integer({ min: 0, max: 63 }), fc.oneof(hAny, fc.constantFrom(16, 17, 0.5, -1))).map(([i, k, v]) => {
      const row = real.data[i]!.slice() as unknown[];
      row[k] = v;
      const data = real.data.slice() as unknown[];
      data[i] = row;
      return { ...real, data };
    }),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.integer({ min: 0, max: real.target.length - 1 }), fc.oneof(hAny, fc.constantFrom(9, 10, -1))).map(([i, v]) => {
      const target = real.target.slice() as unknown[];
      target[i] = v;
      return { ...real, target };
    }),
  },
  {
    weight: 2,
    arbitrary: fc.tuple(fc.constantFrom('data', 'target', 'shape'), fc.oneof(hAny, hVec(70), hMat(3, 64), fc.constant(real.data.slice(0, 5)))).map(([key, bad]) => ({ ...real, [key]: bad })),
  },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 1, max: 40 })).map(([n]) => ({ data: real.data.slice(0, n), target: real.target.slice(0, n) })) },
  { weight: 1, arbitrary: wrongType },
);

/** parseDigits' output, a smaller slice of it, or something that only looks like it. */
const dataish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 6, arbitrary: fc.constant(parsed) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 1200 }).map((n) => ({ x: parsed.x.slice(0, n), y: parsed.y.slice(0, n) })) },
  { weight: 2, arbitrary: fc.tuple(fc.integer({ min: 0, max: 1796 }), hAny).map(([i, v]) => ({ x: parsed.x, y: Object.assign(parsed.y.slice(), { [i]: v }) })) },
  { weight: 1, arbitrary: fc.tuple(fc.integer({ min: 0, max: 1796 }), hVec(65)).map(([i, row]) => ({ x: Object.assign(parsed.x.slice(), { [i]: row }), y: parsed.y })) },
  { weight: 1, arbitrary: hOpts({ x: fc.oneof(hMat(3, 64), hAny), y: hVec(3) }) },
);

const splitOpts = hOpts({ train: size(50, 1000), validation: size(1, 600), test: size(1, 600), seed });

const sizes = fc.oneof(
  { weight: 8, arbitrary: fc.array(size(1, 12), { minLength: 0, maxLength: 10 }) },
  { weight: 1, arbitrary: fc.constantFrom([1024, 1024, 1024], [1024, 64, 10], [64, 16, 10], [1, 1024, 1024]) },
  { weight: 1, arbitrary: hVec(6) },
);

export const LAB_DATA_ENTRIES: Record<string, Entry | 'constant'> = {
  // digits.ts
  DIGITS_SAMPLES: 'constant',
  DIGITS_FEATURES: 'constant',
  DIGITS_CLASSES: 'constant',
  DIGITS_SPLIT_DEFAULTS: 'constant',
  DIGITS_TRAIN_RANGE: 'constant',
  parseDigits: {
    args: args(digitsish),
    then: (out) => {
      const d = out as { x: number[][]; y: number[] };
      expect(d.x.length).toBe(d.y.length);
      expect(d.x.every((r) => r.length === 64 && r.every((v) => v >= 0 && v <= 1))).toBe(true);
    },
  },
  splitDigits: {
    args: args(dataish, splitOpts),
    then: (out) => {
      const s = out as Record<'train' | 'validation' | 'test', { x: number[][]; y: number[]; indices: number[] }>;
      const all = [...s.train.indices, ...s.validation.indices, ...s.test.indices];
      expect(new Set(all).size).toBe(all.length);
      expect(s.train.indices.length).toBeGreaterThanOrEqual(50);
    },
  },
  // mlpInit.ts
  EPOCH_ORDERS_MAX_N: 'constant',
  EPOCH_ORDERS_MAX_VALUES: 'constant',
  initMLP: {
    args: args(sizes, seed),
    then: (out, a) => {
      const { weights, biases } = out as { weights: number[][][]; biases: number[][] };
      const s = a[0] as number[];
      weights.forEach((w, l) => {
        expect(w.length).toBe(s[l + 1]);
        expect(biases[l]!.length).toBe(s[l + 1]);
        const bound = 1 / Math.sqrt(s[l]!);
        expect(w.every((row) => row.length === s[l] && row.every((v) => Math.abs(v) <= bound))).toBe(true);
      });
    },
  },
  epochOrders: {
    args: args(
      fc.oneof({ weight: 12, arbitrary: size(1, 40) }, { weight: 1, arbitrary: fc.constantFrom(100_000, 100_001) }),
      fc.oneof({ weight: 12, arbitrary: size(0, 6) }, { weight: 1, arbitrary: fc.constantFrom(10_000, 10_001) }),
      seed,
    ),
    then: (out, a) => {
      const orders = out as number[][];
      const n = a[0] as number;
      expect(orders.length === a[1]).toBe(true); // === so that epochs = −0 gives []
      for (const o of orders) {
        const seen = new Uint8Array(n);
        for (const i of o) seen[i] = 1;
        expect(o.length === n && seen.every((v) => v === 1)).toBe(true);
      }
    },
  },
};
