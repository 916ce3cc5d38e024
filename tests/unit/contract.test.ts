/**
 * The public contract of src/lib/index.ts, exercised through exactly the names external checks
 * import, with the worked numbers of docs/reference-semantics.md ("Reference semantics").
 */
import { describe, expect, it } from 'vitest';
import {
  batchNorm, crossEntropy, dropout, evaluateMLP, fgsm, l1Penalty, l2Penalty, lasso, predictMLP, sgdStep, smoothLabels,
  softThreshold, trainMLP, vectorQuantize,
} from '../../src/lib';
import { expectAllClose, expectClose } from './close';

describe('src/lib contract', () => {
  it('label smoothing and cross-entropy', () => {
    expectAllClose(smoothLabels(0, 3, 0.1), [1 - 0.1 + 0.1 / 3, 0.1 / 3, 0.1 / 3]);
    expectClose(crossEntropy([2, 1, 0], 0, 0.1), 0.507606, 1e-6);
    expectClose(crossEntropy([2, 1, 0], [1, 0, 0]), 0.407606, 1e-6);
  });
  it('penalties, soft-thresholding and SGD weight decay', () => {
    expect(l1Penalty([1, -2], 0.1)).toBeCloseTo(0.3, 12);
    expect(l2Penalty([1, -2], 0.1)).toBeCloseTo(0.5, 12);
    expectAllClose(softThreshold([3, -0.5, 1.2], 1), [2, 0, 0.2]);
    expectAllClose(sgdStep([1], [0.5], { lr: 0.1, weightDecay: 0.01 }), [0.949]);
  });
  it('lasso with intercept', () => {
    const fit = lasso([[0], [1], [2], [3]], [1, 3, 5, 7], 0);
    expectAllClose(fit.coef, [2], 1e-9);
    expectClose(fit.intercept, 1, 1e-9);
  });
  it('dropout', () => {
    const y = dropout([1, 2, 3, 4], 0.5, { seed: 7 });
    expect(y.every((v, i) => v === 0 || v === 2 * (i + 1))).toBe(true);
    expect(dropout([1, 2], 0.5, { seed: 7, training: false })).toEqual([1, 2]);
    expect(dropout([1, 2], 1, { seed: 7 })).toEqual([0, 0]);
    expect(() => dropout([1], 1.5, { seed: 1 })).toThrow(RangeError);
  });
  it('vector quantization', () => {
    const r = vectorQuantize(new Float32Array([1, 2]), new Float32Array([1.5, 1.5]), 2);
    expectClose(r.loss, 0.3125, 1e-6);
    expect(Array.from(r.indices)).toEqual([0]);
    const four = vectorQuantize(new Float32Array([0, 0, 1, 3]), new Float32Array([0, 1, 2, 3]), 1);
    expectClose(four.perplexity, 2.828427, 1e-6);
    expect(() => vectorQuantize(new Float32Array(3), new Float32Array(4), 2)).toThrow(/dim/);
    expect(() => vectorQuantize(new Float32Array(2), new Float32Array(0), 2)).toThrow(RangeError);
  });
  it('batch norm', () => {
    const r = batchNorm([[1], [2], [3], [4]], { gamma: [1], beta: [0] });
    expectAllClose(r.y.map((row) => row[0]!), [-1.341635, -0.447212, 0.447212, 1.341635], 1e-6);
    expectClose(r.runningMean[0]!, 0.25);
    expectClose(r.runningVar[0]!, 1.0666667, 1e-7);
  });
  it('FGSM', () => {
    expectAllClose(fgsm([0.5, 0.5], { w: [1, -2], b: 0 }, 1, 0.1), [0.4, 0.6]);
  });
  it('trainMLP / evaluateMLP / predictMLP: one SGD step by hand', () => {
    // logits (0, 0) → softmax (½, ½); ∂L/∂logits = p − onehot(0) = (−½, ½); x = 1, lr = 1
    const r = trainMLP({ weights: [[[0], [0]]], biases: [[0, 0]] }, { x: [[1]], y: [0] }, { epochs: 1, batchSize: 1, lr: 1 });
    expectClose(r.epochLosses[0]!, Math.log(2));
    expect(r.weights).toEqual([[[0.5], [-0.5]]]);
    expect(r.biases).toEqual([[0.5, -0.5]]);
    expectClose(evaluateMLP(r, { x: [[1]], y: [0] }).loss, Math.log(1 + Math.exp(-2)));
    expect(predictMLP(r, [[1], [-3]]).classes).toEqual([0, 1]); // logits (1, −1) and (−1, 1)
    expect(() => trainMLP(r, { x: [[1]], y: [0] }, { epochs: 1, batchSize: 1, lr: -1 })).toThrow(/^lr must be ≥ 0; received -1$/);
  });
});
