import { describe, expect, it } from 'vitest';
import { batchNorm, batchNormEval } from '../../src/lib/batchNorm';
import { expectAllClose, F64 } from './close';
import fx from '../fixtures/batchnorm.json';

// Tolerance F64 (1e-9 relative, absolute near 0): torch.nn.BatchNorm1d in float64; differences are
// only the order of operations (torch folds γ·invstd into one factor), ~1e-15.

describe('batchNorm against torch.nn.BatchNorm1d (training, consecutive batches, then eval)', () => {
  it('has enough cases', () => expect(fx.cases.length).toBeGreaterThanOrEqual(50));
  for (const [i, c] of fx.cases.entries()) {
    it(`case ${i}: ${c.features} features, ${c.batches.length} batches, momentum ${c.momentum.toFixed(3)}`, () => {
      let runningMean = c.start.runningMean;
      let runningVar = c.start.runningVar;
      for (const [b, batch] of c.batches.entries()) {
        const r = batchNorm(batch.x, { gamma: c.gamma, beta: c.beta, runningMean, runningVar, momentum: c.momentum, eps: c.eps });
        batch.y.forEach((row, j) => expectAllClose(r.y[j]!, row, F64, `batch ${b} y[${j}]`));
        expectAllClose(r.mean, batch.mean, F64, `batch ${b} mean`);
        expectAllClose(r.var, batch.var, F64, `batch ${b} var`);
        expectAllClose(r.runningMean, batch.runningMean, F64, `batch ${b} running_mean`);
        expectAllClose(r.runningVar, batch.runningVar, F64, `batch ${b} running_var`);
        runningMean = r.runningMean;
        runningVar = r.runningVar;
      }
      const ye = batchNormEval(c.evalX, { gamma: c.gamma, beta: c.beta, runningMean, runningVar, eps: c.eps });
      c.evalY.forEach((row, j) => expectAllClose(ye[j]!, row, F64, `eval y[${j}]`));
    });
  }
});

describe('batchNorm worked example (docs/reference-semantics.md)', () => {
  it('x = [1, 2, 3, 4] → [−1.341635, −0.447212, 0.447212, 1.341635], running 0.25 / 1.0666667', () => {
    const r = batchNorm([[1], [2], [3], [4]], { gamma: [1], beta: [0] });
    expectAllClose(r.y.map((row) => row[0]!), fx.worked.y, F64);
    expect(r.y.map((row) => Number(row[0]!.toFixed(6)))).toEqual([-1.341635, -0.447212, 0.447212, 1.341635]);
    expect(r.runningMean[0]).toBeCloseTo(0.25, 15);
    expect(r.runningVar[0]).toBeCloseTo(1.0666667, 7);
    expectAllClose([r.runningMean[0]!, r.runningVar[0]!], [fx.worked.runningMean, fx.worked.runningVar], F64);
    expect(r.var[0]).toBe(1.25); // biased, used to normalize
  });
  it('gamma and beta default to the identity affine map', () => {
    const a = batchNorm([[1, 5], [3, 9]]);
    const b = batchNorm([[1, 5], [3, 9]], { gamma: [1, 1], beta: [0, 0] });
    expect(a).toEqual(b);
  });
  it('a constant feature normalizes to β (no NaN, thanks to eps)', () => {
    const r = batchNorm([[2], [2], [2]], { gamma: [3], beta: [0.5] });
    expect(r.y.map((row) => row[0])).toEqual([0.5, 0.5, 0.5]);
  });
});

describe('batchNorm input validation', () => {
  it('a batch of one row in training is a RangeError, like torch', () => {
    expect(fx.batchOfOneError).toMatch(/Expected more than 1 value per channel when training/);
    expect(() => batchNorm([[1, 2, 3]])).toThrow(RangeError);
    expect(() => batchNorm([[1, 2, 3]])).toThrow(/^x must have more than 1 row \(batch size > 1\) per feature in training mode; received 1 row/);
    expect(batchNormEval([[1, 2, 3]], { runningMean: [0, 0, 0], runningVar: [1, 1, 1], eps: 0.5 })).toHaveLength(1);
  });
  it('shapes and values', () => {
    expect(() => batchNorm([] as never)).toThrow(/^x must have ≥ 1 rows; received 0/);
    expect(() => batchNorm([[1, 2], [3]])).toThrow(/^x\[1\] must have length 2 like row 0; received length 1/);
    expect(() => batchNorm([[1], [NaN]])).toThrow(TypeError);
    expect(() => batchNorm([[1], [NaN]])).toThrow(/^x\[1\]\[0\] must be a finite number; received NaN/);
    expect(() => batchNorm('x' as never)).toThrow(/^x must be an array of rows/);
    expect(() => batchNorm([[1], [2]], { gamma: [1, 2] })).toThrow(RangeError);
    expect(() => batchNorm([[1], [2]], { gamma: [1, 2] })).toThrow(/^gamma must have the same length as features of x \(1\); received length 2/);
    expect(() => batchNorm([[1], [2]], { beta: [] })).toThrow(/^beta must have the same length/);
    expect(() => batchNorm([[1], [2]], { runningVar: [-1] })).toThrow(/^runningVar\[0\] must be ≥ 0; received -1/);
    expect(() => batchNorm([[1], [2]], { runningMean: [Infinity] })).toThrow(/^runningMean\[0\] must be a finite number/);
  });
  it('momentum in [0, 1], eps > 0', () => {
    expect(() => batchNorm([[1], [2]], { momentum: 1.5 })).toThrow(RangeError);
    expect(() => batchNorm([[1], [2]], { momentum: 1.5 })).toThrow(/^momentum must be in \[0, 1\]; received 1.5/);
    expect(() => batchNorm([[1], [2]], { eps: 0 })).toThrow(/^eps must be > 0; received 0/);
    expect(() => batchNorm([[1], [2]], { eps: NaN })).toThrow(TypeError);
    expect(() => batchNorm([[1], [2]], null as never)).toThrow(/^opts must be an object/);
  });
  it('eval needs the running statistics', () => {
    expect(() => batchNormEval([[1]], { runningVar: [1] } as never)).toThrow(/^runningMean must be an array/);
    expect(() => batchNormEval([[1]], { runningMean: [0] } as never)).toThrow(/^runningVar must be an array/);
    expect(() => batchNormEval([[1]], { runningMean: [0], runningVar: [1], eps: -1 })).toThrow(/^eps must be > 0/);
  });
});
