import { describe, expect, it } from 'vitest';
import {
  betaCdf, betaPdf, centroidLogits, classMeans, lnGamma, mixup, mixupEdgeMass, mixupLoss, mixupTarget, BETA_PARAM_MAX,
} from '../../src/lib/mixup';
import { parseDigits } from '../../src/lib/digits';
import { refusedParam } from '../../src/lib/refusal';
import digitsJson from '../../public/data/digits.json';
import fx from '../fixtures/mixup_cutout.json';

// Fixture: scripts/fixtures/mixup_cutout.py — float64 torch on load_digits() for the mixing, the
// nearest-class-mean logits and F.cross_entropy; scipy.stats.beta for the density and the distribution.

/** |a − e| ≤ 1e-12·max(1, |e|) for every value. */
function near(actual: readonly number[], expected: readonly number[], label: string): void {
  expect(actual.length, label).toBe(expected.length);
  actual.forEach((a, k) => expect(Math.abs(a - expected[k]!), `${label}[${k}]: ${a} vs ${expected[k]}`).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected[k]!))));
}

const digits = parseDigits(digitsJson);

describe('mixup against float64 torch on the digits', () => {
  it('the class means of the site\'s digits file equal load_digits()\'s', () => {
    const means = classMeans(digits.x, digits.y, 10);
    means.forEach((row, k) => near(row, fx.means[k]!, `mean of class ${k}`));
  });
  it('mixed image, soft target, logits, both sides of the identity', () => {
    const means = classMeans(digits.x, digits.y, 10);
    for (const c of fx.mixup) {
      const label = `i ${c.i}, j ${c.j}, λ ${c.lambda}`;
      expect(digits.x[c.i]).toEqual(c.xi);
      expect([digits.y[c.i], digits.y[c.j]]).toEqual([c.yi, c.yj]);
      const mixed = mixup(digits.x[c.i]!, digits.x[c.j]!, c.lambda);
      // The same two products and one sum as torch: equal to the bit.
      expect(mixed, label).toEqual(c.mixed);
      near(centroidLogits(mixed, means), c.logits, `${label} logits`);
      expect(mixupTarget(c.yi, c.yj, 10, c.lambda), label).toEqual(c.target);
      const loss = mixupLoss(c.logits, c.yi, c.yj, c.lambda);
      near([loss.soft, loss.ceI, loss.ceJ, loss.split], [c.soft, c.ceI, c.ceJ, c.split], `${label} losses`);
      expect(Math.abs(loss.soft - loss.split), `${label} identity`).toBeLessThanOrEqual(1e-12 * Math.max(1, loss.soft));
    }
  });
  it('random logits, K = 2 to 100', () => {
    for (const c of fx.logits) {
      const loss = mixupLoss(c.logits, c.yi, c.yj, c.lambda);
      expect(loss.target).toEqual(c.target);
      near([loss.soft, loss.ceI, loss.ceJ], [c.soft, c.ceI, c.ceJ], `K ${c.logits.length}`);
      near([loss.split], [c.soft], `K ${c.logits.length} identity`);
    }
  });
  it('λ = 1 is x_i with its own label; equal labels give a one-hot target', () => {
    const x = mixup([0.25, 1], [0.5, 0], 1);
    expect(x).toEqual([0.25, 1]);
    expect(mixupTarget(3, 3, 5, 0.3)).toEqual([0, 0, 0, 1, 0]);
  });
});

describe('Beta(a, b) against scipy.stats.beta', () => {
  it('ln Γ', () => {
    for (const [x, g] of fx.beta.gammaln) near([lnGamma(x!)], [g!], `lnGamma(${x})`);
  });
  it('density', () => {
    for (const [x, a, b, p] of fx.beta.pdf) near([betaPdf(x!, a!, b!)], [p!], `pdf(${x}; ${a}, ${b})`);
  });
  it('distribution function', () => {
    for (const [x, a, b, p] of fx.beta.cdf) near([betaCdf(x!, a!, b!)], [p!], `cdf(${x}; ${a}, ${b})`);
  });
  it('the probability that λ is within m of 0 or 1', () => {
    for (const [a, m, p] of fx.beta.edge) near([mixupEdgeMass(a!, m!)], [p!], `edge(${a}, ${m})`);
    expect(mixupEdgeMass(0.3, 0.5)).toBe(1);
    // Beta(1, 1) is uniform: 2 × 0.1.
    expect(Math.abs(mixupEdgeMass(1) - 0.2)).toBeLessThan(1e-15);
  });
});

describe('mixup input validation', () => {
  const refuse = (f: () => unknown, kind: typeof RangeError | typeof TypeError, message: RegExp, param: string) => {
    expect(f).toThrow(kind);
    expect(f).toThrow(message);
    try {
      f();
    } catch (e) {
      expect(refusedParam(e)).toBe(param);
    }
  };
  it('names λ, the lengths, the labels and the logits', () => {
    refuse(() => mixup([1], [2], 1.5), RangeError, /^lambda must be in \[0, 1\]; received 1.5$/, 'lambda');
    refuse(() => mixup([1, 2], [2], 0.5), RangeError, /^xj must have the same length as xi \(2\); received length 1$/, 'xj');
    refuse(() => mixup([1, NaN], [2, 3], 0.5), TypeError, /^xi\[1\] must be a finite number; received NaN$/, 'xi');
    refuse(() => mixupTarget(0, 10, 10, 0.5), RangeError, /^yj must be an integer in \[0, 9\]; received 10$/, 'yj');
    refuse(() => mixupLoss([1], 0, 0, 0.5), RangeError, /^logits must have length in \[2, 1000\]; received length 1$/, 'logits');
    refuse(() => mixupLoss([1, 2], 0, 1, -0.1), RangeError, /^lambda must be in \[0, 1\]; received -0.1$/, 'lambda');
  });
  it('names the Beta parameters, x and the margin', () => {
    refuse(() => betaPdf(0.5, 0, 1), RangeError, /^a must be in \[0.01, 100\]; received 0$/, 'a');
    refuse(() => betaCdf(0.5, 1, BETA_PARAM_MAX + 1), RangeError, /^b must be in \[0.01, 100\]; received 101$/, 'b');
    refuse(() => betaCdf(1.5, 1, 1), RangeError, /^x must be in \[0, 1\]; received 1.5$/, 'x');
    refuse(() => betaPdf(0, 0.5, 2), RangeError, /^x must be in \(0, 1\) when a < 1 \(the density is infinite at 0\); received 0$/, 'x');
    refuse(() => betaPdf(1, 2, 0.2), RangeError, /when b < 1/, 'x');
    refuse(() => mixupEdgeMass(0.2, 0), RangeError, /^margin must be in \(0, 0.5\]; received 0$/, 'margin');
    refuse(() => mixupEdgeMass(0.001), RangeError, /^alpha must be in \[0.01, 100\]; received 0.001$/, 'alpha');
  });
  it('names the class means\' inputs', () => {
    refuse(() => classMeans([[1], [2]], [0, 0], 2), RangeError, /^y must contain every class 0 to 1; received no rows of class 1$/, 'y');
    refuse(() => classMeans([[1], [2, 3]], [0, 1], 2), RangeError, /^x\[1\] must have length in \[1, 1\]; received length 2$/, 'x');
    refuse(() => centroidLogits([1, 2], [[1, 2]]), RangeError, /^means must have length in \[2, 1000\]; received length 1$/, 'means');
    refuse(() => centroidLogits([1, 2], [[1, 2], [3]]), RangeError, /^means\[1\] must have length in \[2, 2\]; received length 1$/, 'means');
  });
});
