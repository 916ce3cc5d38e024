/** The codebook digits' compact SVG (src/components/vq/digitPaths.ts): every inked pixel drawn once, at its level. */
import { describe, expect, it } from 'vitest';
import { digitPaths } from '../../src/components/vq/digitPaths';

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
});
