import { describe, expect, it } from 'vitest';
import {
  adjustBrightness,
  adjustContrast,
  adjustSaturation,
  applyColorJitter,
  augmentSamples,
  colorJitter,
  crop,
  flipHorizontal,
  flipVertical,
  grayscale,
  randomCrop,
  randomCropBox,
  rotate,
  sampleColorJitter,
  type RgbaImage,
} from '../../src/lib/augment';
import { createRng } from '../../src/lib/random';
import fx from '../fixtures/augment.json';

// References: torchvision 0.14 `transforms.functional` on uint8 tensors (the fixture script runs it
// with float32 default dtype, as torchvision normally runs).
//  - flips and crop: exact.
//  - adjust_brightness / adjust_contrast / adjust_saturation / rgb_to_grayscale: exact, because the
//    TS code emulates torchvision's float32 arithmetic and truncating uint8 cast with Math.fround.
//  - rotate (bilinear, fill=None): torchvision interpolates in float32, we in float64; results may
//    differ by 1 where a value lands within float32 rounding of k + 0.5. Checked: max |Δ| ≤ 1 and
//    at least 99% of bytes equal.

const bytes = (s: string): Uint8ClampedArray => new Uint8ClampedArray(Buffer.from(s, 'base64'));
const image = (width: number, height: number, s: string): RgbaImage => ({ width, height, data: bytes(s) });

describe('against torchvision.transforms.functional (uint8)', () => {
  it('has enough cases', () => expect(fx.cases.length).toBeGreaterThanOrEqual(50));
  for (const [i, c] of fx.cases.entries()) {
    it(`case ${i}: ${c.width}×${c.height}, factor ${c.factor.toFixed(3)}, angle ${c.angle.toFixed(1)}`, () => {
      const img = image(c.width, c.height, c.img_b64);
      expect(flipHorizontal(img).data).toEqual(bytes(c.hflip_b64));
      expect(flipVertical(img).data).toEqual(bytes(c.vflip_b64));
      const cr = crop(img, c.crop);
      expect([cr.width, cr.height]).toEqual([c.crop.width, c.crop.height]);
      expect(cr.data).toEqual(bytes(c.crop_b64));
      expect(adjustBrightness(img, c.factor).data).toEqual(bytes(c.brightness_b64));
      expect(adjustContrast(img, c.factor).data).toEqual(bytes(c.contrast_b64));
      expect(adjustSaturation(img, c.factor).data).toEqual(bytes(c.saturation_b64));
      expect(grayscale(img).data).toEqual(bytes(c.grayscale_b64));
      const rot = rotate(img, c.angle).data;
      const ref = bytes(c.rotate_b64);
      let maxDiff = 0;
      let equal = 0;
      rot.forEach((v, j) => {
        maxDiff = Math.max(maxDiff, Math.abs(v - ref[j]!));
        if (v === ref[j]) equal++;
      });
      expect(maxDiff).toBeLessThanOrEqual(1);
      expect(equal / rot.length).toBeGreaterThanOrEqual(0.99);
    });
  }
});

describe('geometry', () => {
  const img: RgbaImage = { width: 3, height: 2, data: new Uint8ClampedArray(Array.from({ length: 24 }, (_, i) => i)) };
  it('flips are involutions and exact', () => {
    expect(flipHorizontal(flipHorizontal(img)).data).toEqual(img.data);
    expect(flipVertical(flipVertical(img)).data).toEqual(img.data);
    expect(Array.from(flipHorizontal(img).data.slice(0, 4))).toEqual([8, 9, 10, 11]);
    expect(Array.from(flipVertical(img).data.slice(0, 4))).toEqual([12, 13, 14, 15]);
  });
  it('rotate by 0 is the identity; by 90° is exact on square images (counter-clockwise)', () => {
    expect(rotate(img, 0).data).toEqual(img.data);
    const sq: RgbaImage = { width: 2, height: 2, data: new Uint8ClampedArray([1, 1, 1, 255, 2, 2, 2, 255, 3, 3, 3, 255, 4, 4, 4, 255]) };
    // [[1, 2], [3, 4]] turned counter-clockwise is [[2, 4], [1, 3]]
    expect(Array.from(rotate(sq, 90).data).filter((_, j) => j % 4 === 0)).toEqual([2, 4, 1, 3]);
    expect(rotate(rotate(sq, 90), -90).data).toEqual(sq.data);
  });
  it('rotate fills what comes from outside the image', () => {
    const white: RgbaImage = { width: 8, height: 8, data: new Uint8ClampedArray(256).fill(255) };
    const r = rotate(white, 45, { fill: [10, 20, 30, 40] });
    expect(Array.from(r.data.slice(0, 4))).toEqual([10, 20, 30, 40]); // corner comes from outside
    // an edge pixel blends fill and image by the share of its bilinear neighbours outside
    const edge = rotate({ width: 4, height: 4, data: new Uint8ClampedArray(64).fill(255) }, 45, { fill: [10, 20, 30, 40] });
    expect(Array.from(edge.data.slice(0, 4))).toEqual([103, 109, 115, 121]);
    const centre = (3 * 8 + 3) * 4;
    expect(Array.from(r.data.slice(centre, centre + 4))).toEqual([255, 255, 255, 255]);
  });
  it('randomCrop is seeded and lands inside the image', () => {
    const big: RgbaImage = { width: 10, height: 8, data: new Uint8ClampedArray(320).map((_, i) => i) };
    const a = randomCrop(big, { width: 4, height: 3 }, 5);
    const b = randomCrop(big, { width: 4, height: 3 }, 5);
    expect(a).toEqual(b);
    for (let s = 0; s < 50; s++) {
      const box = randomCropBox(big, { width: 4, height: 3 }, s);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x).toBeLessThanOrEqual(6);
      expect(box.y).toBeLessThanOrEqual(5);
      expect(randomCrop(big, { width: 4, height: 3 }, s).data).toEqual(crop(big, box).data);
    }
    expect(randomCrop(big, { width: 10, height: 8 }, 1).data).toEqual(big.data);
  });
});

describe('colour', () => {
  const px = (r: number, g: number, b: number, a = 200): RgbaImage => ({ width: 1, height: 1, data: new Uint8ClampedArray([r, g, b, a]) });
  it('factor semantics (torchvision): 1 = identity, 0 = black / mean gray / grayscale', () => {
    const img = px(200, 100, 50);
    for (const f of [adjustBrightness, adjustContrast, adjustSaturation]) expect(f(img, 1).data).toEqual(img.data);
    expect(Array.from(adjustBrightness(img, 0).data)).toEqual([0, 0, 0, 200]);
    expect(Array.from(adjustBrightness(img, 2).data)).toEqual([255, 200, 100, 200]);
    // gray = trunc(0.2989·200 + 0.587·100 + 0.114·50) = trunc(124.18) = 124
    expect(Array.from(adjustSaturation(img, 0).data)).toEqual([124, 124, 124, 200]);
    expect(Array.from(adjustContrast(img, 0).data)).toEqual([124, 124, 124, 200]);
  });
  it('colorJitter draws factors within torchvision ranges, in a random order, deterministically', () => {
    const orders = new Set<string>();
    for (let s = 0; s < 200; s++) {
      const p = sampleColorJitter({ brightness: 0.4, contrast: [0.5, 0.7], saturation: 2 }, s);
      expect(p.brightness).toBeGreaterThanOrEqual(0.6);
      expect(p.brightness).toBeLessThanOrEqual(1.4);
      expect(p.contrast).toBeGreaterThanOrEqual(0.5);
      expect(p.contrast).toBeLessThanOrEqual(0.7);
      expect(p.saturation).toBeGreaterThanOrEqual(0); // max(0, 1 − 2)
      expect([...p.order].sort()).toEqual(['brightness', 'contrast', 'saturation']);
      orders.add(p.order.join());
    }
    expect(orders.size).toBe(6);
    const img = image(fx.cases[5]!.width, fx.cases[5]!.height, fx.cases[5]!.img_b64);
    const a = colorJitter(img, { brightness: 0.5, contrast: 0.5, saturation: 0.5 }, 9);
    expect(a).toEqual(colorJitter(img, { brightness: 0.5, contrast: 0.5, saturation: 0.5 }, 9));
    expect(a).toEqual(applyColorJitter(img, sampleColorJitter({ brightness: 0.5, contrast: 0.5, saturation: 0.5 }, 9)));
    expect(colorJitter(img, {}, 3).data).toEqual(img.data); // no jitter requested
    expect(colorJitter(img, { brightness: 0.5 }, createRng(4)).data).toHaveLength(img.data.length);
  });
});

describe('augmentSamples', () => {
  const img = image(fx.cases[7]!.width, fx.cases[7]!.height, fx.cases[7]!.img_b64);
  it('produces a seeded grid with the parameters used', () => {
    const a = augmentSamples(img, { count: 6, seed: 11 });
    expect(a).toHaveLength(6);
    expect(a).toEqual(augmentSamples(img, { count: 6, seed: 11 }));
    expect(a).not.toEqual(augmentSamples(img, { count: 6, seed: 12 }));
    for (const s of a) {
      expect(Math.abs(s.params.degrees)).toBeLessThanOrEqual(15);
      expect(s.image.data).toHaveLength(img.data.length);
      expect(s.image.data).not.toBe(img.data);
    }
  });
  it('honours crop, flip and rotation options and reproduces each sample from its parameters', () => {
    const a = augmentSamples(img, { count: 4, seed: 3, crop: { width: 2, height: 2 }, rotation: 0, flip: false, jitter: {} });
    for (const s of a) {
      expect(s.params.crop).not.toBeNull();
      expect(s.params.flipped).toBe(false);
      expect(s.params.degrees).toBe(0);
      expect(s.image.data).toEqual(crop(img, s.params.crop!).data);
    }
  });
  it('validates count, bounds and options', () => {
    expect(() => augmentSamples(img, { count: 0, seed: 1 })).toThrow(/^count must be an integer in \[1, 64\]; received 0/);
    expect(() => augmentSamples(img, { count: 2, seed: 1, rotation: 200 })).toThrow(/^rotation must be in \[0, 180\]/);
    expect(() => augmentSamples(img, { count: 2, seed: 1, flip: 'no' as never })).toThrow(/^flip must be a boolean/);
    expect(() => augmentSamples(img, { count: 2, seed: 1, jitter: { brightness: -1 } })).toThrow(/^brightness must be ≥ 0/);
    expect(() => augmentSamples(img, { count: 2, seed: 1, crop: { width: 99, height: 1 } })).toThrow(/^crop\.width must be an integer/);
    const big: RgbaImage = { width: 4096, height: 4096, data: new Uint8ClampedArray(4096 * 4096 * 4) };
    expect(() => augmentSamples(big, { count: 2, seed: 1 })).toThrow(/^count × output pixels must be ≤ 8388608/);
  });
});

describe('augment input validation', () => {
  const ok: RgbaImage = { width: 2, height: 1, data: new Uint8ClampedArray(8) };
  it('image shape: width×height×4 bytes, sides in [1, 4096]', () => {
    expect(() => flipHorizontal({ width: 2, height: 2, data: new Uint8ClampedArray(8) })).toThrow(RangeError);
    expect(() => flipHorizontal({ width: 2, height: 2, data: new Uint8ClampedArray(8) })).toThrow(/^img\.data must have width×height×4 = 16 bytes; received length 8/);
    expect(() => flipVertical({ width: 0, height: 2, data: new Uint8ClampedArray(0) })).toThrow(/^img\.width must be an integer in \[1, 4096\]; received 0/);
    expect(() => rotate({ width: 5000, height: 1, data: new Uint8ClampedArray(20000) }, 3)).toThrow(/^img\.width must be an integer in \[1, 4096\]/);
    expect(() => grayscale({ width: 1, height: 1, data: [1, 2, 3, 4] as never })).toThrow(TypeError);
    expect(() => grayscale({ width: 1, height: 1, data: [1, 2, 3, 4] as never })).toThrow(/^img\.data must be a Uint8ClampedArray/);
    expect(() => grayscale(null as never)).toThrow(/^img must be an image/);
    expect(grayscale({ width: 1, height: 1, data: new Uint8Array([9, 9, 9, 9]) as never }).data).toHaveLength(4);
  });
  it('crop boxes inside the image', () => {
    expect(() => crop(ok, { x: 1, y: 0, width: 2, height: 1 })).toThrow(RangeError);
    expect(() => crop(ok, { x: 1, y: 0, width: 2, height: 1 })).toThrow(/^box\.x must be an integer in \[0, 0\]; received 1/);
    expect(() => crop(ok, { x: 0, y: 0, width: 3, height: 1 })).toThrow(/^box\.width must be an integer in \[1, 2\]; received 3/);
    expect(() => randomCrop(ok, { width: 1, height: 2 }, 0)).toThrow(/^size\.height must be an integer in \[1, 1\]/);
    expect(() => randomCrop(ok, { width: 1, height: 1 }, 'x' as never)).toThrow(/^rng must be a seed/);
  });
  it('factors ≥ 0, angles finite, fill in [0, 255]', () => {
    expect(() => adjustBrightness(ok, -0.5)).toThrow(RangeError);
    expect(() => adjustBrightness(ok, -0.5)).toThrow(/^factor must be ≥ 0; received -0.5/);
    expect(() => adjustContrast(ok, NaN)).toThrow(TypeError);
    expect(() => adjustSaturation(ok, Infinity)).toThrow(/^factor must be a finite number/);
    expect(() => rotate(ok, NaN)).toThrow(/^degrees must be a finite number/);
    expect(() => rotate(ok, 10, { fill: [0, 0, 0] })).toThrow(/^opts\.fill must be an RGBA array/);
    expect(() => rotate(ok, 10, { fill: [0, 0, 0, 300] })).toThrow(/^opts\.fill\[3\] must be in \[0, 255\]/);
    expect(() => sampleColorJitter({ contrast: [2, 1] }, 0)).toThrow(/^contrast\[1\] must be ≥ 2; received 1/);
  });
});
