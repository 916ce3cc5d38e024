/**
 * What the data-augmentation page needs besides the pixel operations of `augment.ts`: the random
 * parameters `augmentSamples` will draw (without touching pixels, so the build-time page can list
 * them), the numbers behind each transform's formula, and small image statistics.
 *
 * `planAugmentSamples` replays `augmentSamples`' draws from the same seed in the same order
 * (crop corner: row then column; flip; angle; colour-jitter order and factors); a unit test checks
 * it against `augmentSamples(...).params` so the two cannot drift apart.
 */
import { GRAY_WEIGHTS, MAX_IMAGE_SIDE, MAX_SAMPLE_PIXELS, grayscale, sampleColorJitter, type AugmentSample, type AugmentSamplesOptions, type CropBox, type RgbaImage } from './augment';
import { createRng } from './random';
import { atLeast, describe, finite, finiteResult, inRange, integer, isArrayLike } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

export interface Size {
  width: number;
  height: number;
}

function checkSize(name: string, size: unknown): Size {
  if (typeof size !== 'object' || size === null) {
    throw paramTypeError(name, `${name} must be an object { width, height }; received ${describe(size)}`);
  }
  const s = size as Partial<Size>;
  return {
    width: integer(`${name}.width`, s.width, 1, MAX_IMAGE_SIDE),
    height: integer(`${name}.height`, s.height, 1, MAX_IMAGE_SIDE),
  };
}

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

/**
 * The parameters `augmentSamples(img, opts)` draws for an image of this size, in the same order
 * from the same seed, without computing any pixels. Validates like `augmentSamples`.
 */
export function planAugmentSamples(size: Size, opts: AugmentSamplesOptions): AugmentSample['params'][] {
  const im = checkSize('img', size);
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  const count = integer('count', opts.count, 1, 64);
  const rng = createRng(integer('seed', opts.seed, 0, 2 ** 32 - 1));
  const maxDeg = atLeast('rotation', opts.rotation ?? 15, 0);
  if (maxDeg > 180) throw paramRangeError('rotation', `rotation must be in [0, 180]; received ${describe(maxDeg)}`);
  const flip = opts.flip ?? true;
  if (typeof flip !== 'boolean') throw paramTypeError('flip', `flip must be a boolean; received ${describe(flip)}`);
  const jitter = opts.jitter ?? { brightness: 0.2, contrast: 0.2, saturation: 0.2 };
  if (opts.crop !== undefined && (typeof opts.crop !== 'object' || opts.crop === null)) {
    throw paramTypeError('crop', `crop must be an object { width, height }; received ${describe(opts.crop)}`);
  }
  const outW = opts.crop === undefined ? im.width : integer('crop.width', opts.crop.width, 1, im.width);
  const outH = opts.crop === undefined ? im.height : integer('crop.height', opts.crop.height, 1, im.height);
  if (count * outW * outH > MAX_SAMPLE_PIXELS) {
    throw paramRangeError('count', `count × output pixels must be ≤ ${MAX_SAMPLE_PIXELS}; received ${count}×${outW}×${outH}`);
  }
  sampleColorJitter(jitter, 0);
  const plans: AugmentSample['params'][] = [];
  for (let i = 0; i < count; i++) {
    let box: CropBox | null = null;
    if (opts.crop !== undefined) {
      // randomCropBox: row first, then column.
      const y = rng.int(im.height - outH + 1);
      const x = rng.int(im.width - outW + 1);
      box = { x, y, width: outW, height: outH };
    }
    const flipped = flip && rng.next() < 0.5;
    const degrees = maxDeg === 0 ? 0 : rng.uniform(-maxDeg, maxDeg);
    plans.push({ crop: box, flipped, degrees, jitter: sampleColorJitter(jitter, rng) });
  }
  return plans;
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
