import { describe, expect, it } from 'vitest';
import {
  crossEntropy, lossAtMargin, optimalMargin, smoothLabels, smoothLabelsOffTarget, smoothProbabilities, softmax,
} from '../../src/lib';
import { expectAllClose, expectClose } from './close';
import smoothCases from '../fixtures/label_smoothing.json';
import ceCases from '../fixtures/cross_entropy.json';

describe('smoothLabels', () => {
  it('matches (1-ε)·onehot + ε/K computed by torch', () => {
    expect(smoothCases.length).toBeGreaterThan(50);
    for (const c of smoothCases) expectAllClose(smoothLabels(c.target, c.k, c.epsilon), c.expected, 1e-12);
  });
  it('gives the seed formula numbers and shows the seed example is the other convention (erratum 2)', () => {
    expectAllClose(smoothLabels(0, 3, 0.1), [0.9333333333333333, 0.0333333333333333, 0.0333333333333333]);
    expectAllClose(smoothLabelsOffTarget(0, 3, 0.1), [0.9, 0.05, 0.05]);
    expectAllClose(smoothLabels(1, 4, 0.4), [0.1, 0.7, 0.1, 0.1]);
  });
  it.each([
    [[0, 3, 1.5], RangeError, /epsilon must be in \[0, 1\]; received 1\.5/],
    [[0, 3, -0.1], RangeError, /epsilon/],
    [[0, 3, Number.NaN], TypeError, /epsilon must be a finite number; received NaN/],
    [[0, 0, 0.1], RangeError, /numClasses must be an integer in \[1, 1000\]; received 0/],
    [[3, 3, 0.1], RangeError, /target must be an integer in \[0, 2\]; received 3/],
    [[0.5, 3, 0.1], TypeError, /target must be an integer; received 0\.5/],
    [[0, 2.5, 0.1], TypeError, /numClasses/],
  ] as const)('rejects %j', (args, type, message) => {
    expect(() => smoothLabels(...(args as unknown as [number, number, number]))).toThrow(type);
    expect(() => smoothLabels(...(args as unknown as [number, number, number]))).toThrow(message);
  });
});

describe('crossEntropy', () => {
  it('equals torch.nn.functional.cross_entropy(label_smoothing=ε)', () => {
    expect(ceCases.length).toBeGreaterThan(100);
    for (const c of ceCases) {
      expectClose(crossEntropy(c.logits, c.target as number | number[], c.epsilon), c.expected, 1e-9, JSON.stringify(c));
    }
  });
  it('reproduces the worked numbers of docs/reference-semantics.md', () => {
    expectClose(crossEntropy([2, 1, 0], 0, 0.1), 0.507606, 1e-6);
    expectClose(crossEntropy([2, 1, 0], 0), 0.407606, 1e-6);
  });
  it('stays finite for huge logits', () => {
    expect(Number.isFinite(crossEntropy([1000, -1000, 0], 1, 0.1))).toBe(true);
    expectAllClose(softmax([1000, 1000]), [0.5, 0.5]);
  });
  it('rejects bad input with a named message', () => {
    expect(() => crossEntropy([], 0)).toThrow(/logits must have length in \[1, 1000\]; received length 0/);
    expect(() => crossEntropy([1, Number.POSITIVE_INFINITY], 0)).toThrow(/logits\[1\] must be a finite number; received Infinity/);
    expect(() => crossEntropy([1, 2], [1], 0)).toThrow(/target must have the same length as logits \(2\)/);
    expect(() => crossEntropy([1, 2], 0, 2)).toThrow(/labelSmoothing must be in \[0, 1\]; received 2/);
    expect(() => crossEntropy('ab' as never, 0)).toThrow(TypeError);
    expect(() => smoothProbabilities([0.5, Number.NaN], 0.1)).toThrow(/target\[1\]/);
  });
});

describe('optimal margin', () => {
  it('is where the loss along the margin is smallest', () => {
    for (const [k, eps] of [[3, 0.1], [10, 0.3], [2, 0.05]] as const) {
      const m = optimalMargin(k, eps);
      const f = (x: number) => lossAtMargin(x, k, eps);
      expect(f(m)).toBeLessThan(f(m - 1e-3));
      expect(f(m)).toBeLessThan(f(m + 1e-3));
    }
    expect(() => optimalMargin(3, 0)).toThrow(RangeError);
  });
});
