/** The codebook digits' compact SVG (src/components/vq/digitPaths.ts): every inked pixel drawn once, at its level. */
import { describe, expect, it } from 'vitest';
import { parseHTML } from 'linkedom';
import { digitPaths, digitSvg } from '../../src/components/vq/digitPaths';

describe('digitPaths', () => {
  it('draws each non-blank pixel once, grouped by sixteenths, blanks left out', () => {
    const px = Array.from({ length: 64 }, (_, i) => (i === 0 ? 1 : i === 9 ? 0.5 : i === 63 ? 0.52 : 0));
    expect(digitPaths(px)).toBe('<path fill-opacity="0.5" d="M1 1h1v1h-1zM7 7h1v1h-1z"/><path fill-opacity="1" d="M0 0h1v1h-1z"/>');
    expect(digitPaths(new Array(64).fill(0))).toBe('');
  });

  it('clamps out-of-range values and refuses a wrong size', () => {
    const px = new Array(64).fill(0);
    px[2] = 7;
    px[3] = -1;
    px[4] = NaN;
    expect(digitPaths(px)).toBe('<path fill-opacity="1" d="M2 0h1v1h-1z"/>');
    expect(() => digitPaths([1, 2])).toThrow(/pixels must have 64 values/);
  });

  it('digitSvg builds the same paths as an element (the lab samples at build time and after a Train), the label as an attribute only', () => {
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const px = Array.from({ length: 64 }, (_, i) => (i % 7) / 6);
    const svg = digitSvg(document as unknown as Document, px, 'a <b>label</b> & 1', 40, 'lab-digit');
    expect(svg.getAttribute('aria-label')).toBe('a <b>label</b> & 1');
    expect(svg.getAttribute('class')).toBe('lab-digit');
    expect(svg.getAttribute('width')).toBe('40');
    expect(svg.querySelector('b')).toBeNull();
    const paths = Array.from(svg.querySelectorAll('path'), (p) => `<path fill-opacity="${p.getAttribute('fill-opacity')}" d="${p.getAttribute('d')}"/>`).join('');
    expect(paths).toBe(digitPaths(px));
    expect(svg.querySelectorAll('rect')).toHaveLength(1);
  });
});
