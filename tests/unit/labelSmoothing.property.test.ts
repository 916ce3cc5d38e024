import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { crossEntropy, smoothLabels, smoothLabelsOffTarget } from '../../src/lib/labelSmoothing';
import { labelSmoothingSchema, labelSmoothingView, normalizeLabelSmoothing } from '../../src/cells/labelSmoothing';
import { parseQuery } from '../../src/lib/query';

const RUNS = { numRuns: 1000 };
const classes = fc.integer({ min: 1, max: 50 }).chain((k) => fc.tuple(fc.constant(k), fc.integer({ min: 0, max: k - 1 })));
const eps = fc.double({ min: 0, max: 1, noNaN: true });

describe('label smoothing properties', () => {
  it('smoothed labels sum to 1 and are ≥ 0; the target keeps the most mass', () => {
    fc.assert(
      fc.property(classes, eps, ([k, t], e) => {
        const q = smoothLabels(t, k, e);
        expect(q.every((x) => x >= 0)).toBe(true);
        expect(Math.abs(q.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
        expect(q[t]).toBe(Math.max(...q));
      }),
      RUNS,
    );
  });
  it('the off-target convention also sums to 1', () => {
    fc.assert(
      fc.property(classes.filter(([k]) => k >= 2), eps, ([k, t], e) => {
        const q = smoothLabelsOffTarget(t, k, e);
        expect(Math.abs(q.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      }),
      RUNS,
    );
  });
  it('cross-entropy is finite and ≥ the entropy of the smoothed target', () => {
    fc.assert(
      fc.property(
        classes.chain(([k, t]) => fc.tuple(fc.constant(t), fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: k, maxLength: k }))),
        eps,
        ([t, logits], e) => {
          const loss = crossEntropy(logits, t, e);
          const q = smoothLabels(t, logits.length, e);
          const entropy = -q.reduce((s, x) => s + (x > 0 ? x * Math.log(x) : 0), 0);
          expect(Number.isFinite(loss)).toBe(true);
          expect(loss).toBeGreaterThanOrEqual(entropy - 1e-9);
        },
      ),
      RUNS,
    );
  });
  it('every bad-input class throws a RangeError or TypeError naming the parameter', () => {
    const bad = fc.oneof(
      fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
      fc.double({ min: 1.000001, max: 1e9, noNaN: true }),
      fc.double({ min: -1e9, max: -1e-9, noNaN: true }),
    );
    fc.assert(
      fc.property(bad, (e) => {
        expect(() => smoothLabels(0, 3, e)).toThrow(/^epsilon must/);
        expect(() => crossEntropy([1, 2], 0, e)).toThrow(/^labelSmoothing must/);
        try {
          smoothLabels(0, 3, e);
        } catch (err) {
          expect(err instanceof RangeError || err instanceof TypeError).toBe(true);
        }
      }),
      RUNS,
    );
    fc.assert(
      fc.property(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 1, max: 20 }), (t, k) => {
        fc.pre(t < 0 || t >= k);
        expect(() => smoothLabels(t, k, 0.1)).toThrow(RangeError);
      }),
      RUNS,
    );
  });
});

describe('label smoothing cell', () => {
  it('never prints NaN, undefined or Infinity for any URL', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('eps', 'k', 'target', 'logits'), fc.string({ maxLength: 30 })), (params) => {
        const { state } = parseQuery(labelSmoothingSchema, new URLSearchParams(params).toString());
        let view;
        try {
          view = labelSmoothingView(normalizeLabelSmoothing(state), 'en');
        } catch (e) {
          expect(e instanceof RangeError || e instanceof TypeError).toBe(true);
          return;
        }
        const all = JSON.stringify([view.text, view.rows]);
        expect(all).not.toMatch(/NaN|undefined|Infinity/);
      }),
      RUNS,
    );
  });
});
