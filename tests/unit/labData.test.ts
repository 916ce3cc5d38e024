import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  DIGITS_SAMPLES, DIGITS_SPLIT_DEFAULTS, parseDigits, splitDigits, type DigitsData,
} from '../../src/lib/digits';
import { epochOrders, initMLP } from '../../src/lib/mlpInit';
import { shuffledRange } from '../../src/lib/permutation';
import { createRng } from '../../src/lib/random';
import { expectNamedError, obeys } from './hostile';
import { LAB_DATA_ENTRIES } from './hostile.labData.entries';
import digitsJson from '../../public/data/digits.json';
import sample from '../fixtures/digits_sample.json';
import lab from '../fixtures/lab_data.json';

// Fixtures: scripts/fixtures/lab_data.py redraws the split, the init and the orders with the Python
// twin of createRng (src/lib/randomPython.ts) and copies the init into float64 torch.nn.Linear layers.

const data: DigitsData = parseDigits(digitsJson);

function expectRelClose(actual: readonly number[], expected: readonly number[], rtol: number, label: string): void {
  expect(actual.length, `${label} length`).toBe(expected.length);
  expected.forEach((e, i) => {
    const a = actual[i]!;
    if (!(Math.abs(a - e) <= rtol * Math.abs(e))) expect.fail(`${label}[${i}]: expected ${e}, got ${a}`);
  });
}

function throwsNamed(f: () => unknown, pattern: RegExp, kind: typeof RangeError | typeof TypeError = RangeError): void {
  let err: unknown;
  try {
    f();
  } catch (e) {
    err = e;
  }
  expect(err, String(pattern)).toBeInstanceOf(kind);
  expectNamedError(String(pattern), err);
  expect((err as Error).message).toMatch(pattern);
}

const isPermutation = (p: readonly number[], n: number) => p.length === n && new Set(p).size === n && p.every((i) => Number.isInteger(i) && i >= 0 && i < n);

describe('public/data/digits.json', () => {
  it("holds all of sklearn's load_digits(), raw 0–16, with its licence", () => {
    expect(data.x.length).toBe(DIGITS_SAMPLES);
    expect(lab.digits.n).toBe(DIGITS_SAMPLES);
    const counts = Array.from({ length: 10 }, (_, k) => data.y.filter((v) => v === k).length);
    expect(counts).toEqual(lab.digits.classCounts);
    expect(data.x.reduce((s, r) => s + r.reduce((a, v) => a + v * 16, 0), 0)).toBe(lab.digits.pixelSum);
    for (const [i, row] of Object.entries(lab.digits.rows)) {
      expect([...data.x[Number(i)]!.map((v) => v * 16), data.y[Number(i)]], `row ${i}`).toEqual(row);
    }
    expect(digitsJson.licence).toMatch(/CC BY 4\.0/);
    expect(digitsJson.licence).toMatch(/10\.24432\/C50P49/);
    expect(readFileSync('public/data/digits.LICENSE.txt', 'utf8')).toMatch(/Creative Commons Attribution 4\.0/);
  });
  it('agrees with the 50 rows of tests/fixtures/digits_sample.json (written by export_models.py)', () => {
    sample.indices.forEach((i, k) => {
      expect(data.x[i]!.map((v) => v * 16)).toEqual(sample.data[k]);
      expect(data.y[i]).toBe(sample.target[k]);
    });
  });
  it('parses to values / 16 in [0, 1], integers 0–9 as labels', () => {
    expect(data.x.every((r) => r.length === 64 && r.every((v) => v >= 0 && v <= 1 && Number.isInteger(v * 16)))).toBe(true);
    expect(data.y.every((v) => Number.isInteger(v) && v >= 0 && v <= 9)).toBe(true);
    const negZero = parseDigits({ data: [[-0, ...digitsJson.data[0]!.slice(1)]], target: [-0] });
    expect(Object.is(negZero.x[0]![0], 0) && Object.is(negZero.y[0], 0)).toBe(true);
  });
});

describe('splitDigits against the Python twin', () => {
  it('gives exactly the fixture indices, with x and y of those rows', () => {
    for (const c of lab.splits) {
      const s = splitDigits(data, { train: c.train, validation: c.validation, test: c.test, seed: c.seed });
      const label = `seed ${c.seed}, ${c.train}/${c.validation}/${c.test}`;
      expect(s.train.indices, label).toEqual(c.indices.train);
      expect(s.validation.indices, label).toEqual(c.indices.validation);
      expect(s.test.indices, label).toEqual(c.indices.test);
      for (const part of [s.train, s.validation, s.test]) {
        part.indices.forEach((i, k) => {
          expect(part.x[k]).toEqual(data.x[i]);
          expect(part.y[k]).toBe(data.y[i]);
        });
      }
    }
  });
  it('uses the defaults 200 / 297 / 500 (room for 1,000 training samples)', () => {
    const s = splitDigits(data, { seed: 0 });
    expect([s.train.x.length, s.validation.x.length, s.test.x.length]).toEqual([200, 297, 500]);
    expect(DIGITS_SPLIT_DEFAULTS).toEqual({ train: 200, validation: 297, test: 500 });
    const c = lab.splits.find((k) => k.seed === 0 && k.train === 200)!;
    expect(s.test.indices).toEqual(c.indices.test);
  });
  it('returns copies: editing a split never changes the data', () => {
    const s = splitDigits(data, { seed: 3 });
    const i = s.train.indices[0]!;
    const before = data.x[i]![10];
    s.train.x[0]![10] = 99;
    expect(data.x[i]![10]).toBe(before);
  });
});

describe('splitDigits properties', () => {
  const seed = fc.integer({ min: 0, max: 2 ** 32 - 1 });
  it('the three sets are disjoint, inside 0..n−1 and have their sizes', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 50, max: 1000 }), fc.integer({ min: 1, max: 600 }), fc.integer({ min: 1, max: 600 }), (s, train, validation, test) => {
        fc.pre(train + validation + test <= DIGITS_SAMPLES);
        const r = splitDigits(data, { train, validation, test, seed: s });
        expect([r.train.indices.length, r.validation.indices.length, r.test.indices.length]).toEqual([train, validation, test]);
        const all = [...r.train.indices, ...r.validation.indices, ...r.test.indices];
        expect(new Set(all).size).toBe(all.length);
        expect(all.every((i) => Number.isInteger(i) && i >= 0 && i < DIGITS_SAMPLES)).toBe(true);
      }),
      { numRuns: 60 },
    );
  });
  it('the test set (and the validation set) is the same for every training size; training sets nest', () => {
    fc.assert(
      fc.property(seed, fc.integer({ min: 50, max: 997 }), fc.integer({ min: 50, max: 997 }), (s, a, b) => {
        const p = splitDigits(data, { train: a, seed: s });
        const q = splitDigits(data, { train: b, seed: s });
        expect(p.test.indices).toEqual(q.test.indices);
        expect(p.validation.indices).toEqual(q.validation.indices);
        const [small, big] = a <= b ? [p, q] : [q, p];
        expect(big.train.indices.slice(0, small.train.indices.length)).toEqual(small.train.indices);
      }),
      { numRuns: 40 },
    );
  });
  it('follows the documented rule on one Fisher–Yates permutation', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const perm = shuffledRange(DIGITS_SAMPLES, createRng(s));
        const r = splitDigits(data, { train: 100, validation: 50, test: 70, seed: s });
        expect(r.validation.indices).toEqual(perm.slice(0, 50));
        expect(r.train.indices).toEqual(perm.slice(50, 150));
        expect(r.test.indices).toEqual(perm.slice(DIGITS_SAMPLES - 70));
      }),
      { numRuns: 20 },
    );
  });
});

describe('initMLP against the Python twin and torch.nn.Linear', () => {
  it('draws the fixture weights and biases (1e-15 relative), in nn.Linear layout out × in', () => {
    for (const c of lab.inits) {
      const net = initMLP(c.sizes, c.seed);
      expect(net.weights.length).toBe(c.sizes.length - 1);
      net.weights.forEach((w, l) => {
        expect(w.length).toBe(c.sizes[l + 1]);
        w.forEach((row, o) => expectRelClose(row, c.weights[l]![o]!, 1e-15, `sizes ${c.sizes} seed ${c.seed} w${l}[${o}]`));
        expectRelClose(net.biases[l]!, c.biases[l]!, 1e-15, `b${l}`);
      });
    }
  });
  it('computes the same layer outputs as torch with those weights (y = W x + b, ReLU between)', () => {
    for (const c of lab.inits) {
      const { weights, biases } = initMLP(c.sizes, c.seed);
      let h = c.x;
      weights.forEach((w, l) => {
        const y = w.map((row, o) => row.reduce((s, v, i) => s + v * h[i]!, 0) + biases[l]![o]!);
        y.forEach((v, o) => expect(Math.abs(v - c.layerOutputs[l]![o]!)).toBeLessThan(1e-13));
        h = y.map((v) => Math.max(v, 0));
      });
    }
  });
  it('every value lies in ±1/√fan_in and the draw order is layer by layer, weight row-major then bias', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 20 }), { minLength: 2, maxLength: 5 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (sizes, s) => {
        const { weights, biases } = initMLP(sizes, s);
        const rng = createRng(s);
        weights.forEach((w, l) => {
          const b = 1 / Math.sqrt(sizes[l]!);
          expect(w.length).toBe(sizes[l + 1]);
          for (const row of w) {
            expect(row.length).toBe(sizes[l]);
            for (const v of row) {
              expect(Math.abs(v)).toBeLessThanOrEqual(b);
              expect(v).toBe(rng.uniform(-b, b));
            }
          }
          for (const v of biases[l]!) expect(v).toBe(rng.uniform(-b, b));
        });
      }),
      { numRuns: 100 },
    );
  });
});

describe('epochOrders', () => {
  it('equals the Python twin exactly', () => {
    for (const c of lab.orders) expect(epochOrders(c.n, c.epochs, c.seed), `n ${c.n} seed ${c.seed}`).toEqual(c.orders);
  });
  it('every order is a permutation of 0..n−1, and epochs continue one stream', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 ** 32 - 1 }), (n, epochs, s) => {
        const orders = epochOrders(n, epochs, s);
        expect(orders.length).toBe(epochs);
        for (const o of orders) expect(isPermutation(o, n)).toBe(true);
        const rng = createRng(s);
        for (const o of orders) expect(o).toEqual(shuffledRange(n, rng));
      }),
      { numRuns: 200 },
    );
  });
  it('epochs = 0 gives no orders; the same seed gives the same orders', () => {
    expect(epochOrders(5, 0, 1)).toEqual([]);
    expect(epochOrders(30, 3, 9)).toEqual(epochOrders(30, 3, 9));
  });
});

describe('named errors', () => {
  const rows = digitsJson.data;
  const target = digitsJson.target;
  it('parseDigits', () => {
    throwsNamed(() => parseDigits(null), /^json must be an object .*received null/, TypeError);
    throwsNamed(() => parseDigits({ data: rows }), /^json\.target must be an array .*received undefined/, TypeError);
    throwsNamed(() => parseDigits({ data: [], target: [] }), /^json\.data must have length in \[1, 1797\]; received length 0/);
    throwsNamed(() => parseDigits({ data: rows, target: target.slice(1) }), /^json\.target must have one digit per row .*received length 1796/);
    throwsNamed(() => parseDigits({ ...digitsJson, shape: [1796, 64] }), /^json\.shape must be \[1797, 64\].*received \[1796, 64\]/);
    const bad = (i: number, k: number, v: unknown) => {
      const d = rows.map((r) => r.slice()) as unknown[][];
      d[i]![k] = v;
      return { data: d, target };
    };
    throwsNamed(() => parseDigits(bad(3, 5, 17)), /^json\.data\[3\]\[5\] must be an integer in \[0, 16\]; received 17/);
    throwsNamed(() => parseDigits(bad(0, 0, 0.5)), /^json\.data\[0\]\[0\] must be an integer; received 0\.5/, TypeError);
    throwsNamed(() => parseDigits(bad(0, 1, 'x')), /^json\.data\[0\]\[1\] must be a finite number; received "x"/, TypeError);
    throwsNamed(() => parseDigits({ data: [rows[0]!.slice(1)], target: [0] }), /^json\.data\[0\] must have length 64 .*received length 63/);
    throwsNamed(() => parseDigits({ data: [rows[0]], target: [10] }), /^json\.target\[0\] must be an integer in \[0, 9\]; received 10/);
  });
  it('splitDigits', () => {
    throwsNamed(() => splitDigits(data, { seed: 0, train: 49 }), /^train must be an integer in \[50, 1000\]; received 49/);
    throwsNamed(() => splitDigits(data, { seed: 0, train: 1001 }), /^train must be an integer in \[50, 1000\]; received 1001/);
    throwsNamed(() => splitDigits(data, { seed: 0, train: 1000, validation: 298 }), /^train must be ≤ 999 \(1797 samples − 298 validation − 500 test\); received 1000/);
    expect(splitDigits(data, { seed: 0, train: 1000 }).train.x).toHaveLength(1000);
    throwsNamed(() => splitDigits(data, { seed: 0, validation: 1000, test: 748 }), /^validation \+ test must be ≤ 1747 .*received 1748/);
    throwsNamed(() => splitDigits(data, { seed: -1 }), /^seed must be an integer in \[0, 4294967295\]; received -1/);
    throwsNamed(() => splitDigits(data, { seed: 0, test: 0 }), /^test must be an integer in \[1, 1797\]; received 0/);
    throwsNamed(() => splitDigits(data, {} as never), /^seed must be a finite number; received undefined/, TypeError);
    throwsNamed(() => splitDigits({ x: data.x, y: data.y.slice(1) }, { seed: 0 }), /^data\.y must have one digit per row .*received length 1796/);
    throwsNamed(() => splitDigits({ x: data.x.map((r) => r.slice(0, 8)), y: data.y }, { seed: 0 }), /^data\.x\[0\] must have length ≥ 64; received length 8/);
    throwsNamed(() => splitDigits(null as never, { seed: 0 }), /^data must be an object/, TypeError);
    throwsNamed(() => splitDigits({ x: data.x.slice(0, 51), y: data.y.slice(0, 51) }, { seed: 0 }), /^data\.x must have at least 52 rows .*received 51 rows/);
  });
  it('initMLP', () => {
    throwsNamed(() => initMLP([64], 0), /^sizes must have length in \[2, 9\] .*received length 1/);
    throwsNamed(() => initMLP(Array(10).fill(4), 0), /^sizes must have length in \[2, 9\] .*received length 10/);
    throwsNamed(() => initMLP([64, 0, 10], 0), /^sizes\[1\] must be an integer in \[1, 1024\]; received 0/);
    throwsNamed(() => initMLP([1025, 10], 0), /^sizes\[0\] must be an integer in \[1, 1024\]; received 1025/);
    throwsNamed(() => initMLP([1024, 1024, 1024], 0), /^sizes must give at most 1048576 weights and biases .*received 2099200/);
    throwsNamed(() => initMLP([1024, 1024], 0), /^sizes must give at most 1048576 .*received 1049600/);
    expect(initMLP([1024, 1023], 0).weights[0]!.length).toBe(1023); // 1,048,575 parameters: just inside
    throwsNamed(() => initMLP([64, 10], Number.NaN), /^seed must be a finite number; received NaN/, TypeError);
    throwsNamed(() => initMLP('64,10' as never, 0), /^sizes must be an array/, TypeError);
  });
  it('epochOrders', () => {
    throwsNamed(() => epochOrders(0, 3, 0), /^n must be an integer in \[1, 100000\]; received 0/);
    throwsNamed(() => epochOrders(100_001, 1, 0), /^n must be an integer in \[1, 100000\]; received 100001/);
    throwsNamed(() => epochOrders(10, 10_001, 0), /^epochs must be an integer in \[0, 10000\]; received 10001/);
    throwsNamed(() => epochOrders(2000, 10_000, 0), /^n × epochs must be ≤ 10000000; received 2000 × 10000 = 20000000/);
    throwsNamed(() => epochOrders(10, 3, 2 ** 32), /^seed must be an integer in \[0, 4294967295\]; received 4294967296/);
  });
});

describe('the hostile-input entries (hostile.labData.entries.ts, to be merged into the TABLE) hold', () => {
  const fns: Record<string, (...a: unknown[]) => unknown> = {
    parseDigits: parseDigits as never, splitDigits: splitDigits as never, initMLP: initMLP as never, epochOrders: epochOrders as never,
  };
  for (const [name, entry] of Object.entries(LAB_DATA_ENTRIES)) {
    if (entry === 'constant') continue;
    it(name, () => {
      const f = fns[name]!;
      fc.assert(
        fc.property(entry.args, (a) => {
          const out = obeys(name, () => f(...a));
          if (out !== undefined) entry.then?.(out, a);
        }),
        { numRuns: 200 },
      );
    });
  }
});
