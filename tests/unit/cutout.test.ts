import { describe, expect, it } from 'vitest';
import { cutout, cutoutBox, MAX_CUTOUT_PIXELS } from '../../src/lib/cutout';
import { refusedParam } from '../../src/lib/refusal';
import fx from '../fixtures/mixup_cutout.json';

// Fixture: scripts/fixtures/mixup_cutout.py erases the clipped square with
// torchvision.transforms.functional.erase (and checks the paper's own mask for even sides).

describe('cutout against torchvision erase', () => {
  it('box, erased image and counts', () => {
    for (const c of fx.cutout) {
      const label = `${c.height}×${c.width}, s ${c.size} at (${c.cy}, ${c.cx})`;
      expect(cutoutBox(c.height, c.width, c.size, c.cy, c.cx), label).toEqual(c.box);
      const r = cutout(c.image, c.height, c.width, c.size, c.cy, c.cx);
      expect(r.image, label).toEqual(c.out);
      expect([r.erased, r.inked], label).toEqual([c.erased, c.inked]);
      // The paper's `s // 2` on both sides: the same square for an even side, one row and column less for an odd one.
      if (c.size % 2 === 0) expect(c.paperErased, label).toBe(c.erased);
    }
  });
  it('a centre on the border clips the square; an odd side is centred on the pixel', () => {
    expect(cutoutBox(8, 8, 4, 0, 0)).toEqual({ top: 0, left: 0, height: 2, width: 2 });
    expect(cutoutBox(8, 8, 3, 4, 4)).toEqual({ top: 3, left: 3, height: 3, width: 3 });
    expect(cutoutBox(8, 8, 16, 7, 7)).toEqual({ top: 0, left: 0, height: 8, width: 8 });
    const r = cutout([1, 2, 3, 4], 2, 2, 1, 1, 0, -1);
    expect(r.image).toEqual([1, 2, -1, 4]);
  });
});

describe('cutout input validation', () => {
  const refuse = (f: () => unknown, kind: typeof RangeError | typeof TypeError, message: RegExp, param: string) => {
    expect(f).toThrow(kind);
    expect(f).toThrow(message);
    try {
      f();
    } catch (e) {
      expect(refusedParam(e)).toBe(param);
    }
  };
  it('names the size, the centre, the image and its shape', () => {
    refuse(() => cutoutBox(8, 8, 0, 0, 0), RangeError, /^size must be an integer in \[1, 16\]; received 0$/, 'size');
    refuse(() => cutoutBox(8, 8, 2, 8, 0), RangeError, /^cy must be an integer in \[0, 7\]; received 8$/, 'cy');
    refuse(() => cutoutBox(8, 8, 2, 0, 1.5), TypeError, /^cx must be an integer; received 1.5$/, 'cx');
    refuse(() => cutout([1, 2, 3], 2, 2, 1, 0, 0), RangeError, /^image must have height × width = 4 values; received length 3$/, 'image');
    refuse(() => cutout([1, 2, NaN, 4], 2, 2, 1, 0, 0), TypeError, /^image\[2\] must be a finite number; received NaN$/, 'image');
    refuse(() => cutout([1, 2, 3, 4], 2, 2, 1, 0, 0, Infinity), TypeError, /^value must be a finite number; received Infinity$/, 'value');
    refuse(() => cutoutBox(MAX_CUTOUT_PIXELS, 2, 1, 0, 0), RangeError, /^height × width must be at most 4194304 pixels; received 4194304×2$/, 'width');
    refuse(() => cutout('abc' as never, 1, 3, 1, 0, 0), TypeError, /^image must be an array of numbers; received "abc"$/, 'image');
  });
});
