/**
 * Cutout (DeVries & Taylor 2017, arXiv:1708.04552): a square of side s, centred at pixel (cy, cx), set
 * to 0 in the input. The centre may be any pixel of the image, so the square may hang over the border
 * and be clipped by it, as in the paper's code (its centre is drawn uniformly over the whole image, and
 * the rows y1 = clip(cy − s//2, 0, H) to y2 = clip(cy + s//2, 0, H) are masked, the columns alike).
 *
 * The square here covers rows cy − ⌊s/2⌋ … cy − ⌊s/2⌋ + s − 1 (the columns alike), clipped to the
 * image. For an even s that is exactly the paper's mask; for an odd s the paper's `s // 2` on both
 * sides masks a side of s − 1, while this square, centred on the pixel, keeps the side s.
 *
 * The clipped square is torchvision.transforms.functional.erase's (i, j, h, w) — erase itself takes a
 * top-left corner and a size inside the image, so the clipping is this module's (`cutoutBox`); the
 * fixture (scripts/fixtures/mixup_cutout.py) erases with it and compares.
 */
import { describe, finite, finiteResult, integer, isArrayLike } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Most pixels an image may have (a 2048×2048 grey image). */
export const MAX_CUTOUT_PIXELS = 1 << 22;

/** The clipped square, as torchvision's erase(img, i, j, h, w) takes it. */
export interface CutoutBox {
  /** i: the first row. */
  top: number;
  /** j: the first column. */
  left: number;
  /** h: rows covered (≥ 1: the centre is always inside). */
  height: number;
  /** w: columns covered. */
  width: number;
}

export interface Cutout {
  /** The image with the square set to `value` (row-major, a copy). */
  image: number[];
  box: CutoutBox;
  /** Pixels erased: box.height × box.width. */
  erased: number;
  /** Of those, how many were not 0 before (ink the square hid). */
  inked: number;
}

function size2(height: unknown, width: unknown): [number, number] {
  const h = integer('height', height, 1, MAX_CUTOUT_PIXELS);
  const w = integer('width', width, 1, MAX_CUTOUT_PIXELS);
  if (h * w > MAX_CUTOUT_PIXELS) throw paramRangeError('width', `height × width must be at most ${MAX_CUTOUT_PIXELS} pixels; received ${h}×${w}`);
  return [h, w];
}

/**
 * The square of side `size` centred at (cy, cx), clipped to an image of height × width: its first row
 * and column and its clipped size. size in [1, 2·max(height, width)] (a larger square erases no more).
 */
export function cutoutBox(height: number, width: number, size: number, cy: number, cx: number): CutoutBox {
  const [h, w] = size2(height, width);
  const s = integer('size', size, 1, 2 * Math.max(h, w));
  const y = integer('cy', cy, 0, h - 1);
  const x = integer('cx', cx, 0, w - 1);
  const half = Math.floor(s / 2);
  const top = Math.max(0, y - half);
  const left = Math.max(0, x - half);
  const bottom = Math.min(h, y - half + s);
  const right = Math.min(w, x - half + s);
  return { top, left, height: bottom - top, width: right - left };
}

/** The image (row-major, height × width values) with the clipped square set to `value` (default 0). */
export function cutout(image: ArrayLike<number>, height: number, width: number, size: number, cy: number, cx: number, value = 0): Cutout {
  const [h, w] = size2(height, width);
  if (!isArrayLike(image)) throw paramTypeError('image', `image must be an array of numbers; received ${describe(image)}`);
  if (image.length !== h * w) throw paramRangeError('image', `image must have height × width = ${h * w} values; received length ${image.length}`);
  const box = cutoutBox(h, w, size, cy, cx);
  const fillValue = finite('value', value);
  const out = new Array<number>(image.length);
  for (let i = 0; i < image.length; i++) out[i] = finite(`image[${i}]`, image[i]);
  let inked = 0;
  for (let r = box.top; r < box.top + box.height; r++) {
    for (let c = box.left; c < box.left + box.width; c++) {
      const k = r * w + c;
      if (out[k] !== 0) inked++;
      out[k] = fillValue;
    }
  }
  return finiteResult('cutout', { image: out, box, erased: box.height * box.width, inked });
}
