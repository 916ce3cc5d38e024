import { describe, expect, it } from 'vitest';
import { fixedNumbers } from '../../src/cells/errata';
import { cell as perplexity, perplexityView } from '../../src/cells/errataPerplexity';
import { cell as smoothing, smoothingView } from '../../src/cells/errataSmoothing';
import { initialView, kebab } from '../../src/cells/define';

describe('errata numbers', () => {
  it('prove each correction', () => {
    const n = fixedNumbers();
    expect(n.commitment).toBe('398.0');
    expect(n.squared).toBe('162');
    expect(n.sgd).toBe('0.949');
    expect(n.halfPenalty).toBe('0.949');
    expect(n.seedReading).toBe('0.948');
    // Erratum 2's prose: (1 − 0.1) + 0.1/3 and 0.1/3 (smoothLabels, equal to F.cross_entropy's targets), and
    // the seed's 4-class example read as the formula at ε = K·0.1.
    expect(n.smoothedThree).toBe('[0.9333, 0.0333, 0.0333]');
    expect(n.fourClass).toBe('[0.1, 0.7, 0.1, 0.1]');
    expect(n.fourClassEps).toBe('0.4');
  });
  it('perplexity: the seed line vs the correct one on [0,0,1,3], K=4', () => {
    const v = perplexityView({ codes: [0, 0, 1, 3], codesK: 4 });
    expect(v.text.correctValue).toBe('exp(−Σ p·log p) = 2.8284');
    expect(v.text.seedValue).toBe('mean(indices / 4) = 0.2500; exp(−0.2500·log 0.2500) = 1.4142'); // 4^(1/4) = √2
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
  it('the cells: the page’s defaults, and the element ids its links and specs use', () => {
    expect(initialView(perplexity, 'zh')).toEqual(perplexityView({ codes: [0, 0, 1, 3], codesK: 4 }));
    expect(initialView(smoothing, 'en').text.formula).toBe('[0.9333, 0.0333, 0.0333]');
    const ids = (c: { prefix: string; schema: object }) => Object.keys(c.schema).map((p) => `${c.prefix}-${kebab(p)}`);
    expect(ids(perplexity)).toEqual(['err-codes', 'err-codes-k']);
    expect(ids(smoothing)).toEqual(['err-err-eps', 'err-err-k']);
    // the codes' hint says more than the schema's range (0 to 255): it is kept
    expect(perplexity.words.en.fields.codes.hint).toBe('integers from 0 to K−1, comma-separated');
  });
});
