/**
 * src/lib/adversarialExpected: erfc and Φ against Python's math.erfc, the exact accuracy under FGSM
 * over the whole distribution against the same formula in Python (math.erfc) and against large
 * seeded test sets, and the hostile-input contract (the module is not in src/lib/index.ts, so
 * hostile.lib.property.test.ts does not see it).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { erfc, expectedAccuracyUnderFgsm, normalCdf, testAccuracyStd } from '../../src/lib/adversarialExpected';
import { accuracyUnderFgsm, TWO_CLASS_SHAPE, twoClassSplit } from '../../src/lib/adversarialTraining';
import { RUNS, hAny, hNum, hOpts, hScalar, hVec, obeys } from './hostile';
import fx from '../fixtures/adversarial_training.json';

// Python 3: repr(math.erfc(x)).
const ERFC: [number, number][] = [
  [0, 1.0], [1e-8, 0.9999999887162083], [0.1, 0.8875370839817152], [0.5, 0.4795001221869535],
  [1, 0.15729920705028513], [1.5, 0.033894853524689274], [2, 0.004677734981047265],
  [2.4999, 0.0004071699003334514], [2.5, 0.0004069520174449589], [3, 2.2090496998585438e-05],
  [4, 1.541725790028002e-08], [5, 1.5374597944280351e-12], [6, 2.1519736712498916e-17],
  [10, 2.088487583762545e-45], [26, 5.663192408856143e-296], [27.5, 0],
  [-0.3, 1.3286267594591274], [-2, 1.9953222650189528], [-3.7, 1.9999998328489421],
];

describe('erfc and Φ', () => {
  it('erfc equals math.erfc to 1e-15 absolute (and 1e-11 relative where 0 < erfc < 1)', () => {
    for (const [x, ref] of ERFC) {
      const v = erfc(x);
      expect(Math.abs(v - ref), `erfc(${x})`).toBeLessThan(1e-15);
      if (ref > 0 && ref < 1) expect(Math.abs(v - ref) / ref, `erfc(${x}) relative`).toBeLessThan(1e-11);
    }
  });
  it('Φ(0) = ½, Φ(−t) = 1 − Φ(t), monotone, in [0, 1]', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(normalCdf(1.959963984540054)).toBeCloseTo(0.975, 15);
    fc.assert(fc.property(fc.double({ min: -40, max: 40, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (t, d) => {
      const p = normalCdf(t);
      expect(p).toBeGreaterThanOrEqual(0);
      expect(p).toBeLessThanOrEqual(1);
      expect(Math.abs(p + normalCdf(-t) - 1)).toBeLessThan(1e-15);
      expect(normalCdf(t + d)).toBeGreaterThanOrEqual(p - 1e-15);
    }), RUNS);
  });
});

describe('expectedAccuracyUnderFgsm', () => {
  // Python: the module's formula with math.erfc, on the fixture's default-cell models.
  const PY = {
    standard: [0.9810600707080421, 0.8968797773189081, 0.8045978091582529, 0.023722026338281542],
    adversarial: [0.9464205797277483, 0.9003657406648202, 0.8686557455936821, 0.490734855625389],
  };
  const EPS = [0, 0.2, 0.3, 1];
  it('equals the formula in Python on the default cell models (ε = 0, 0.2, 0.3, 1)', () => {
    for (const name of ['standard', 'adversarial'] as const) {
      const m = fx.cell[name];
      EPS.forEach((e, j) => expect(Math.abs(expectedAccuracyUnderFgsm(m, e) - PY[name][j]!), `${name} ε=${e}`).toBeLessThan(1e-14));
    }
  });
  it('is what large seeded test sets measure (within 4 standard deviations)', () => {
    const models = [fx.cell.standard, fx.cell.adversarial, { w: [3, -1], b: 0.4 }, { w: [0.2, 8], b: -0.1 }];
    for (const [seed, eps] of [[11, 0], [12, 0.2], [13, 0.3], [14, 0.6]] as const) {
      const { test } = twoClassSplit(seed, 1, 1000);
      for (const m of models) {
        const p = expectedAccuracyUnderFgsm(m, eps);
        const sd = testAccuracyStd(p, test.y.length);
        expect(Math.abs(accuracyUnderFgsm(m, test, eps) - p), `seed ${seed}, ε ${eps}, w ${m.w}`).toBeLessThanOrEqual(4 * sd + 1e-12);
      }
    }
  });
  it('falls as ε grows, and is ½ for w = 0 (a constant prediction)', () => {
    const m = fx.cell.standard;
    let last = 1;
    for (let k = 0; k <= 20; k++) {
      const p = expectedAccuracyUnderFgsm(m, k / 20);
      expect(p).toBeLessThanOrEqual(last);
      last = p;
    }
    expect(expectedAccuracyUnderFgsm({ w: [0, 0], b: 0 }, 0.3)).toBe(0.5);
    expect(expectedAccuracyUnderFgsm({ w: [0, 0], b: 2 }, 0)).toBe(0.5);
  });
  it('without noise the classes are right or wrong as a whole (z = 0 is class 0, as predict)', () => {
    const shape = { mean: [1, 1], std: [0, 0] };
    expect(expectedAccuracyUnderFgsm({ w: [1, 1], b: 0 }, 0, shape)).toBe(1);
    expect(expectedAccuracyUnderFgsm({ w: [1, 1], b: 0 }, 1, shape)).toBe(0.5); // margin 0: class 0 right, class 1 not
    expect(expectedAccuracyUnderFgsm({ w: [1, 1], b: 0 }, 1.5, shape)).toBe(0);
  });
  it('uses the shape it is given (default: TWO_CLASS_SHAPE)', () => {
    const m = { w: [2, 3], b: 0.1 };
    expect(expectedAccuracyUnderFgsm(m, 0.1)).toBe(expectedAccuracyUnderFgsm(m, 0.1, TWO_CLASS_SHAPE));
    expect(expectedAccuracyUnderFgsm({ w: [1], b: 0 }, 0, { mean: [1], std: [1] })).toBeCloseTo(normalCdf(1), 15);
  });
  it('testAccuracyStd: √(p(1 − p)/N)', () => {
    expect(testAccuracyStd(0.9, 100)).toBeCloseTo(0.03, 15);
    expect(testAccuracyStd(1, 7)).toBe(0);
  });
  it('names the parameter and the value received', () => {
    const m = { w: [1, 1], b: 0 };
    expect(() => expectedAccuracyUnderFgsm(m, -0.1)).toThrow(/^eps must be ≥ 0; received -0.1/);
    expect(() => expectedAccuracyUnderFgsm({ w: [1], b: 0 }, 0)).toThrow(/^model\.w must have length in \[2, 2\]; received length 1/);
    expect(() => expectedAccuracyUnderFgsm({ w: [1, NaN], b: 0 }, 0)).toThrow(/^model\.w\[1\] must be a finite number; received NaN/);
    expect(() => expectedAccuracyUnderFgsm(m, 0, { mean: [1, 0], std: [1, -1] })).toThrow(/^shape\.std\[1\] must be ≥ 0; received -1/);
    expect(() => testAccuracyStd(1.5, 10)).toThrow(/^p must be in \[0, 1\]; received 1.5/);
    expect(() => testAccuracyStd(0.5, 0)).toThrow(/^points must be an integer ≥ 1; received 0/);
    expect(() => normalCdf(Infinity)).toThrow(/^t must be a finite number; received Infinity/);
  });
});

describe('hostile input: finite output in range, or a named RangeError/TypeError', () => {
  const model = hOpts({ w: hVec(3, hNum, 2), b: hScalar() });
  const shape = fc.oneof(fc.constant(undefined), hOpts({ mean: hVec(3), std: hVec(3) }));
  it('expectedAccuracyUnderFgsm', () => {
    fc.assert(fc.property(model, hScalar(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), hNum)), shape, (m, e, s) => {
      const p = obeys('expectedAccuracyUnderFgsm', () => expectedAccuracyUnderFgsm(m as never, e as number, s as never));
      if (p !== undefined) expect(p >= 0 && p <= 1).toBe(true);
    }), RUNS);
  });
  it('erfc, normalCdf, testAccuracyStd', () => {
    fc.assert(fc.property(hAny, hAny, (a, b) => {
      const e = obeys('erfc', () => erfc(a as number));
      if (e !== undefined) expect(e >= 0 && e <= 2).toBe(true);
      const p = obeys('normalCdf', () => normalCdf(a as number));
      if (p !== undefined) expect(p >= 0 && p <= 1).toBe(true);
      obeys('testAccuracyStd', () => testAccuracyStd(a as number, b as number));
    }), RUNS);
  });
});
