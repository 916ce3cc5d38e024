import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { adjustContrast, augmentSamples, planAugmentSamples, rotate, type RgbaImage } from '../../src/lib/augment';
import {
  channelMeans, cropSizeFor, grayOf, jitterFactorRange, meanGray, rotationMatrix, rotationSource,
} from '../../src/lib/augmentPlan';
import { createRng } from '../../src/lib/random';

function randomImage(width: number, height: number, seed: number): RgbaImage {
  const rng = createRng(seed);
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < data.length; i++) data[i] = i % 4 === 3 ? 255 : rng.int(256);
  return { width, height, data };
}

describe('planAugmentSamples replays augmentSamples’ draws exactly', () => {
  it('property: same params for any size and options', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.double({ min: 0, max: 180, noNaN: true }), fc.boolean(),
        fc.option(fc.tuple(fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true })), { nil: undefined }),
        fc.record({ brightness: fc.double({ min: 0, max: 2, noNaN: true }), contrast: fc.double({ min: 0, max: 2, noNaN: true }), saturation: fc.double({ min: 0, max: 2, noNaN: true }) }),
        (width, height, count, seed, rotation, flip, cropFrac, jitter) => {
          const crop = cropFrac === undefined ? undefined : { width: Math.max(1, Math.round(cropFrac[0] * width)), height: Math.max(1, Math.round(cropFrac[1] * height)) };
          const opts = { count, seed, rotation, flip, crop, jitter };
          const real = augmentSamples(randomImage(width, height, seed), opts).map((s) => s.params);
          expect(planAugmentSamples({ width, height }, opts)).toEqual(real);
        },
      ),
      { numRuns: 200 },
    );
  });
  it('validates like augmentSamples', () => {
    expect(() => planAugmentSamples({ width: 4, height: 4 }, { count: 0, seed: 1 })).toThrow(/^count must be an integer in \[1, 64\]/);
    expect(() => planAugmentSamples({ width: 4, height: 4 }, { count: 1, seed: 1, rotation: 200 })).toThrow(/^rotation must be in \[0, 180\]/);
    expect(() => planAugmentSamples({ width: 4, height: 4 }, { count: 1, seed: 1, crop: { width: 5, height: 1 } })).toThrow(/^crop\.width must be an integer in \[1, 4\]/);
    expect(() => planAugmentSamples({ width: 0, height: 4 }, { count: 1, seed: 1 })).toThrow(/^img\.width must be an integer/);
  });
});

describe('formula helpers', () => {
  it('cropSizeFor rounds each side and keeps at least 1 pixel', () => {
    expect(cropSizeFor({ width: 256, height: 170 }, 0.8)).toEqual({ width: 205, height: 136 });
    expect(cropSizeFor({ width: 3, height: 1 }, 0.1)).toEqual({ width: 1, height: 1 });
    expect(cropSizeFor({ width: 9, height: 7 }, 1)).toEqual({ width: 9, height: 7 });
    expect(() => cropSizeFor({ width: 9, height: 7 }, 0)).toThrow(/^fraction must be in \(0, 1\]; received 0/);
    expect(() => cropSizeFor({ width: 9, height: 7 }, 1.5)).toThrow(RangeError);
  });
  it('jitterFactorRange is [max(0, 1 − v), 1 + v] as torchvision', () => {
    expect(jitterFactorRange(0.3)).toEqual([0.7, 1.3]);
    expect(jitterFactorRange(1.5)).toEqual([0, 2.5]);
    expect(jitterFactorRange(0)).toEqual([1, 1]);
    expect(() => jitterFactorRange(-0.1)).toThrow(/^v must be ≥ 0/);
  });
  it('rotationMatrix is orthonormal with det 1', () => {
    fc.assert(
      fc.property(fc.double({ min: -720, max: 720, noNaN: true }), (d) => {
        const [[a, b], [c, e]] = rotationMatrix(d);
        return Math.abs(a * e - b * c - 1) < 1e-12 && Math.abs(a * a + c * c - 1) < 1e-12 && Math.abs(a - e) < 1e-15;
      }),
    );
    const [[c15]] = rotationMatrix(15);
    expect(c15).toBeCloseTo(0.9659258, 7);
  });
  it('rotationSource is where rotate() reads: exact at quarter turns', () => {
    const img = randomImage(6, 6, 3);
    for (const deg of [90, 180, -90]) {
      const out = rotate(img, deg);
      for (let y = 0; y < 6; y++) {
        for (let x = 0; x < 6; x++) {
          const [sx, sy] = rotationSource(img, deg, x, y).map((v) => Math.round(v));
          const o = (y * 6 + x) * 4;
          const i = (sy! * 6 + sx!) * 4;
          expect(Array.from(out.data.slice(o, o + 4))).toEqual(Array.from(img.data.slice(i, i + 4)));
        }
      }
    }
    expect(rotationSource(img, 0, 2, 3)).toEqual([2, 3]);
  });
  it('meanGray is the level adjustContrast(·, 0) fills the image with', () => {
    for (const seed of [1, 2, 3]) {
      const img = randomImage(7, 5, seed);
      const flat = adjustContrast(img, 0);
      expect(flat.data[0]).toBe(Math.trunc(meanGray(img)));
    }
  });
  it('channelMeans and grayOf', () => {
    const img: RgbaImage = { width: 2, height: 1, data: new Uint8ClampedArray([10, 20, 30, 255, 30, 40, 50, 0]) };
    expect(channelMeans(img)).toEqual([20, 30, 40]);
    expect(grayOf([200, 120, 60])).toBeCloseTo(0.2989 * 200 + 0.587 * 120 + 0.114 * 60, 12);
    expect(() => grayOf([300, 0, 0])).toThrow(/^rgb\[0\] must be in \[0, 255\]/);
  });
});
