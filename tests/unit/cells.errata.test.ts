import { describe, expect, it } from 'vitest';
import { fixedNumbers, perplexityView, smoothingView } from '../../src/cells/errata';

describe('errata numbers', () => {
  it('prove each correction', () => {
    const n = fixedNumbers();
    expect(n.commitment).toBe('398.0');
    expect(n.squared).toBe('162');
    expect(n.sgd).toBe('0.949');
    expect(n.halfPenalty).toBe('0.949');
    expect(n.seedReading).toBe('0.948');
  });
  it('perplexity: the seed line vs the correct one on [0,0,1,3], K=4', () => {
    const v = perplexityView({ codes: [0, 0, 1, 3], codesK: 4 });
    expect(v.text.correctValue).toBe('exp(−Σ p·log p) = 2.8284');
    expect(v.text.seedAvg).toBe('mean(indices / 4) = 0.2500');
    expect(v.text.usage).toBe('p0 = 2/4, p1 = 1/4, p3 = 1/4');
  });
  it('label smoothing: formula vs example', () => {
    const v = smoothingView({ errEps: 0.1, errK: 3 });
    expect(v.text.formula).toBe('[0.9333, 0.0333, 0.0333]');
    expect(v.text.example).toBe('[0.9000, 0.0500, 0.0500]');
  });
  it('rejects a code index outside [0, K−1]', () => {
    expect(() => perplexityView({ codes: [0, 5], codesK: 4 })).toThrow(/indices\[1\] must be an integer in \[0, 3\]; received 5/);
  });
});
