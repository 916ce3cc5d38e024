/**
 * The build-time pictures of painted canvases (src/components/cell/builtImages.ts): PNG files that
 * decode to exactly the pixels the painters put on the canvases for the defaults.
 */
import { describe, expect, it } from 'vitest';
import { inflateSync } from 'node:zlib';
import { decodePng, encodePng } from '../../src/components/vq/png';
import { builtImages, builtImageUrl } from '../../src/components/cell/builtImages';
import { cell as augmentation } from '../../src/cells/augmentation';
import { cell as vqColors, indexRgba, quantizedRgba } from '../../src/cells/vqColors';
import { initialView } from '../../src/cells/define';
import { applyAugmentPlan } from '../../src/lib/augment';
import { readCellData } from '../../src/components/cell/readCellData';

/** The RGBA bytes of an encoded PNG (filter 0 rows, as encodePng writes them). */
function rgbaOf(png: Uint8Array, width: number, height: number): Uint8Array {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const idatLength = view.getUint32(33);
  const raw = inflateSync(png.subarray(41, 41 + idatLength));
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (1 + width * 4)]).toBe(0);
    out.set(raw.subarray(y * (1 + width * 4) + 1, (y + 1) * (1 + width * 4)), y * width * 4);
  }
  return out;
}

describe('encodePng', () => {
  it('writes a PNG that decodes to the same pixels, alpha included', () => {
    const rgba = new Uint8ClampedArray([255, 0, 0, 255, 0, 128, 0, 255, 0, 0, 255, 0, 12, 34, 56, 200, 1, 2, 3, 255, 250, 251, 252, 255]);
    const png = encodePng(3, 2, rgba);
    expect([...png.subarray(0, 8)]).toEqual([137, 80, 78, 71, 13, 10, 26, 10]);
    const back = decodePng(png);
    expect([back.width, back.height]).toEqual([3, 2]);
    expect([...back.rgb]).toEqual([...rgba].filter((_, i) => i % 4 !== 3));
    expect([...rgbaOf(png, 3, 2)]).toEqual([...rgba]);
  });
  it('refuses sizes and byte counts that do not agree', () => {
    expect(() => encodePng(0, 2, new Uint8Array(0))).toThrow(RangeError);
    expect(() => encodePng(2, 2, new Uint8Array(15))).toThrow(/rgba must have width × height × 4 = 16 bytes; received 15/);
  });
});

describe('builtImages', () => {
  it('the augmentation samples are the painter\'s: applyAugmentPlan of each plan at the defaults', () => {
    const v = initialView(augmentation, 'en', readCellData(augmentation));
    expect(v.samples.plans.length).toBeGreaterThan(0);
    v.samples.plans.forEach((plan, i) => {
      const img = builtImages().get(`augmentation-sample-${i}`)!;
      const painted = applyAugmentPlan(v.image, plan);
      expect([img.width, img.height]).toEqual([painted.width, painted.height]);
      expect(rgbaOf(encodePng(img.width, img.height, img.data), img.width, img.height)).toEqual(new Uint8Array(painted.data));
    });
  });
  it('the colour cell\'s quantized image and index map are the painter\'s at the defaults', () => {
    const v = initialView(vqColors, 'en', readCellData(vqColors));
    expect(v.result).not.toBeNull();
    expect(builtImages().get('vq-colors-quantized')!.data).toEqual(quantizedRgba(v.result!.quantized));
    expect(builtImages().get('vq-colors-indices')!.data).toEqual(indexRgba(v.result!.indices, v.result!.codebook.length));
  });
  it('names a picture under the base URL, and refuses one it does not have', () => {
    expect(builtImageUrl('vq-colors-indices')).toMatch(/images\/vq-colors-indices\.png$/);
    expect(() => builtImageUrl('nope')).toThrow(/no build-time picture "nope"/);
  });
});
