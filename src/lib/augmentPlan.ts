/**
 * What the data-augmentation page needs besides the pixel operations of `augment.ts` (where the
 * random draws are planned, `planAugmentSamples`, and applied, `applyAugmentPlan`): the numbers
 * behind each transform's formula, and small image statistics.
 */
import { GRAY_WEIGHTS, checkSize, grayscale, type RgbaImage, type Size } from './augment';
import { atLeast, describe, finite, finiteResult, inRange, integer, isArrayLike } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Crop size as a fraction of each side: max(1, round(fraction·side)). `fraction` in (0, 1]. */
export function cropSizeFor(size: Size, fraction: number): Size {
  const s = checkSize('size', size);
  const f = finite('fraction', fraction);
  if (!(f > 0 && f <= 1)) throw paramRangeError('fraction', `fraction must be in (0, 1]; received ${describe(f)}`);
  return { width: Math.max(1, Math.round(f * s.width)), height: Math.max(1, Math.round(f * s.height)) };
}

/** The range torchvision's ColorJitter draws a factor from for strength v: [max(0, 1 − v), 1 + v]. */
export function jitterFactorRange(v: number): [number, number] {
  const x = atLeast('v', v, 0);
  return [Math.max(0, 1 - x), 1 + x];
}

/** [[cos θ, −sin θ], [sin θ, cos θ]] for θ in degrees. */
export function rotationMatrix(degrees: number): [[number, number], [number, number]] {
  // Reduced to (−360, 360) first: exact, and keeps θ finite for huge angles.
  const t = ((finite('degrees', degrees) % 360) * Math.PI) / 180;
  const c = Math.cos(t);
  const s = Math.sin(t);
  return [[c, -s], [s, c]];
}

/**
 * Where `rotate(img, degrees)` reads output pixel (x, y) from, in input pixel coordinates (pixel i
 * has its centre at i; x to the right, y down): c + R(θ)·(p − c), with p the pixel centre and c the
 * image centre. A source outside [−0.5, side − 0.5] comes (partly) from the fill colour.
 */
export function rotationSource(size: Size, degrees: number, x: number, y: number): [number, number] {
  const s = checkSize('size', size);
  const [[c, ms], [sn]] = rotationMatrix(degrees);
  const xo = finite('x', x) + 0.5 - s.width / 2;
  const yo = finite('y', y) + 0.5 - s.height / 2;
  return finiteResult('rotationSource', [c * xo + ms * yo + s.width / 2 - 0.5, sn * xo + c * yo + s.height / 2 - 0.5]);
}


function checkImage(img: unknown): RgbaImage {
  if (typeof img !== 'object' || img === null) throw paramTypeError('img', `img must be an image { width, height, data }; received ${describe(img)}`);
  const o = img as Partial<RgbaImage>;
  const { width, height } = checkSize('img', o);
  if (!(o.data instanceof Uint8ClampedArray) || o.data.length !== width * height * 4) {
    throw paramTypeError('img.data', `img.data must be a Uint8ClampedArray of width×height×4 = ${width * height * 4} bytes; received ${describe(o.data)}`);
  }
  return o as RgbaImage;
}

/** Mean of R, G and B over all pixels (alpha ignored, as torchvision's 3-channel tensors). */
export function channelMeans(img: RgbaImage): [number, number, number] {
  const { width, height, data } = checkImage(img);
  const sum = [0, 0, 0];
  for (let o = 0; o < data.length; o += 4) {
    sum[0]! += data[o]!;
    sum[1]! += data[o + 1]!;
    sum[2]! += data[o + 2]!;
  }
  const n = width * height;
  return [sum[0]! / n, sum[1]! / n, sum[2]! / n];
}

/**
 * The mean gray level m that `adjustContrast` blends towards: the mean of torchvision's truncated
 * grayscale L = 0.2989 R + 0.587 G + 0.114 B over all pixels.
 */
export function meanGray(img: RgbaImage): number {
  const g = grayscale(checkImage(img));
  let sum = 0;
  for (let o = 0; o < g.data.length; o += 4) sum += g.data[o]!;
  return sum / (g.width * g.height);
}

/** torchvision's grayscale of one RGB colour, before truncation (for a substituted formula). */
export function grayOf(rgb: readonly number[]): number {
  if (!isArrayLike(rgb) || rgb.length !== 3) throw paramTypeError('rgb', `rgb must be an array of 3 numbers in [0, 255]; received ${describe(rgb)}`);
  const r = inRange('rgb[0]', rgb[0], 0, 255);
  const g = inRange('rgb[1]', rgb[1], 0, 255);
  const b = inRange('rgb[2]', rgb[2], 0, 255);
  return GRAY_WEIGHTS[0] * r + GRAY_WEIGHTS[1] * g + GRAY_WEIGHTS[2] * b;
}
