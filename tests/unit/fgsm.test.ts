import { describe, expect, it } from 'vitest';
import { adversarialLoss, bceWithLogits, fgsm, inputGradient, sigmoid } from '../../src/lib/fgsm';
import { expectAllClose, expectClose, F64 } from './close';
import cases from '../fixtures/fgsm.json';

// Tolerance F64 (1e-9 relative, 1e-9 absolute near 0): torch float64 with autograd. The perturbed
// point x + ε·sign(g) is compared at F64 too: the signs must agree exactly for that to pass.

describe('fgsm against torch (BCEWithLogits, autograd)', () => {
  it('has enough cases', () => expect(cases.length).toBeGreaterThanOrEqual(60));
  for (const [i, c] of cases.entries()) {
    it(`case ${i}: n=${c.x.length} y=${c.y} ε=${c.eps.toFixed(3)}`, () => {
      const model = { w: c.w, b: c.b };
      const y = c.y as 0 | 1;
      expectAllClose(inputGradient(c.x, model, y), c.grad, F64, 'grad');
      expectAllClose(fgsm(c.x, model, y, c.eps), c.xAdv, F64, 'x_adv');
      expectClose(bceWithLogits(c.x, model, y), c.loss, F64, 'loss');
      const a = adversarialLoss(c.x, model, y, c.eps, c.alpha);
      expectClose(a.clean, c.loss, F64, 'clean');
      expectClose(a.adversarial, c.lossAdv, F64, 'adversarial');
      expectClose(a.total, c.total, F64, 'total');
      expectAllClose(a.xAdv, c.xAdv, F64, 'xAdv');
    });
  }
});

describe('fgsm worked example (docs/reference-semantics.md)', () => {
  const model = { w: [1, -2], b: 0 };
  it('w = [1, −2], b = 0, x = [0.5, 0.5], y = 1, ε = 0.1 → [0.4, 0.6]; loss 0.974077 → 1.171101', () => {
    const xAdv = fgsm([0.5, 0.5], model, 1, 0.1);
    expectAllClose(xAdv, [0.4, 0.6], 1e-15);
    expect(bceWithLogits([0.5, 0.5], model, 1)).toBeCloseTo(0.974077, 6);
    expect(bceWithLogits(xAdv, model, 1)).toBeCloseTo(1.171101, 6);
    const a = adversarialLoss([0.5, 0.5], model, 1, 0.1, 0.5);
    expect(a.total).toBeCloseTo((0.974077 + 1.171101) / 2, 6);
  });
  it('ε = 0 leaves x unchanged; α = 1 is the clean loss', () => {
    expect(fgsm([0.5, 0.5], model, 1, 0)).toEqual([0.5, 0.5]);
    expect(adversarialLoss([0.5, 0.5], model, 1, 0.3, 1).total).toBe(bceWithLogits([0.5, 0.5], model, 1));
  });
  it('a saturated model has a zero gradient and sign(0) = 0, as torch.sign', () => {
    expect(fgsm([10, 10], { w: [2, 3], b: 0 }, 1, 0.3)).toEqual([10, 10]);
  });
  it('sigmoid and the loss are stable for huge logits', () => {
    expect(sigmoid(-1000)).toBe(0);
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(0)).toBe(0.5);
    expect(bceWithLogits([1000], { w: [1], b: 0 }, 0)).toBe(1000);
    expect(bceWithLogits([-1000], { w: [1], b: 0 }, 1)).toBe(1000);
    expect(bceWithLogits([1000], { w: [1], b: 0 }, 1)).toBe(0);
  });
});

describe('fgsm input validation', () => {
  const model = { w: [1, -2], b: 0 };
  it('eps ≥ 0 and alpha ∈ [0, 1]', () => {
    expect(() => fgsm([0, 0], model, 1, -0.1)).toThrow(RangeError);
    expect(() => fgsm([0, 0], model, 1, -0.1)).toThrow(/^eps must be ≥ 0; received -0.1/);
    expect(() => fgsm([0, 0], model, 1, NaN)).toThrow(TypeError);
    expect(() => adversarialLoss([0, 0], model, 1, 0.1, 1.5)).toThrow(RangeError);
    expect(() => adversarialLoss([0, 0], model, 1, 0.1, 1.5)).toThrow(/^alpha must be in \[0, 1\]; received 1.5/);
  });
  it('y must be 0 or 1', () => {
    expect(() => bceWithLogits([0, 0], model, 2 as never)).toThrow(RangeError);
    expect(() => bceWithLogits([0, 0], model, 2 as never)).toThrow(/^y must be 0 or 1; received 2/);
    expect(() => inputGradient([0, 0], model, '1' as never)).toThrow(/^y must be 0 or 1; received "1"/);
  });
  it('shapes and values', () => {
    expect(() => fgsm([0], model, 1, 0.1)).toThrow(RangeError);
    expect(() => fgsm([0], model, 1, 0.1)).toThrow(/^model\.w must have the same length as x \(1\); received length 2/);
    expect(() => fgsm([], model, 1, 0.1)).toThrow(/^x must have length ≥ 1; received length 0/);
    expect(() => fgsm([0, NaN], model, 1, 0.1)).toThrow(/^x\[1\] must be a finite number; received NaN/);
    expect(() => fgsm([0, 0], { w: [1, 2], b: NaN }, 1, 0.1)).toThrow(/^model\.b must be a finite number/);
    expect(() => fgsm([0, 0], null as never, 1, 0.1)).toThrow(/^model must be an object/);
    expect(() => sigmoid(NaN)).toThrow(/^z must be a finite number/);
  });
});
