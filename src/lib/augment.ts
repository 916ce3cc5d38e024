/**
 * Data augmentation on RGBA images, DOM-free: `{ width, height, data }` with `data` laid out like
 * `ImageData.data` (row-major, 4 bytes per pixel), so pages can pass canvas pixels straight in and
 * Node tests can pass plain arrays.
 *
 * Semantics follow `torchvision.transforms.functional` on uint8 tensors, where that is a
 * well-defined reference:
 *  - `rotate`: bilinear, about the image centre, same size, positive = counter-clockwise; pixels
 *    sampled from outside the image take the fill colour (default transparent black = torchvision's
 *    zero padding with `fill=None`); results are rounded half to even.
 *  - `adjustBrightness/Contrast/Saturation`: torchvision's `_blend(img, other, factor)` =
 *    clamp(factor·img + (1 − factor)·other, 0, 255) truncated to uint8, computed in float32 (we
 *    emulate float32 with Math.fround so results agree exactly). `other` is black for brightness,
 *    the mean of the grayscale image for contrast and the grayscale image for saturation.
 *    Grayscale is torchvision's tensor formula L = 0.2989 R + 0.587 G + 0.114 B truncated to uint8
 *    (its docstring says 0.299; the code uses 0.2989, and we follow the code).
 *  - `colorJitter`: factors uniform in [max(0, 1 − v), 1 + v] (or a given [lo, hi]), applied in a
 *    random order, as `torchvision.transforms.ColorJitter` (without hue).
 * Alpha is carried through unchanged by colour operations (torchvision's accept 1 or 3 channels).
 *
 * Sizes are bounded (MAX_IMAGE_SIDE per side, MAX_SAMPLE_PIXELS for a whole augmentation grid) so a
 * URL cannot make a page allocate without limit.
 */
import { createRng, type Rng } from './random';
import { atLeast, describe, finite, integer } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8ClampedArray;
}

/** Largest width or height accepted. */
export const MAX_IMAGE_SIDE = 4096;
/** Largest total number of pixels `augmentSamples` may produce in one call (32 MB of RGBA). */
export const MAX_SAMPLE_PIXELS = 1 << 23;
/** torchvision's grayscale weights (tensor implementation). */
export const GRAY_WEIGHTS: readonly [number, number, number] = [0.2989, 0.587, 0.114];

const f32 = Math.fround;

function checkImage(name: string, img: unknown): RgbaImage {
  if (typeof img !== 'object' || img === null) {
    throw paramTypeError(name, `${name} must be an image { width, height, data }; received ${describe(img)}`);
  }
  const o = img as Partial<RgbaImage>;
  const width = integer(`${name}.width`, o.width, 1, MAX_IMAGE_SIDE);
  const height = integer(`${name}.height`, o.height, 1, MAX_IMAGE_SIDE);
  const data: unknown = o.data;
  if (!(data instanceof Uint8ClampedArray) && !(data instanceof Uint8Array)) {
    throw paramTypeError(`${name}.data`, `${name}.data must be a Uint8ClampedArray (RGBA bytes); received ${describe(data)}`);
  }
  if (data.length !== width * height * 4) {
    throw paramRangeError(
      `${name}.data`,
      `${name}.data must have width×height×4 = ${width * height * 4} bytes; received length ${data.length}`,
    );
  }
  return { width, height, data: data instanceof Uint8ClampedArray ? data : new Uint8ClampedArray(data.buffer, data.byteOffset, data.length) };
}

function blank(width: number, height: number): RgbaImage {
  return { width, height, data: new Uint8ClampedArray(width * height * 4) };
}

function toRng(name: string, value: unknown): Rng {
  if (typeof value === 'number') return createRng(integer(name, value, 0, 2 ** 32 - 1));
  if (typeof value === 'object' && value !== null && typeof (value as Rng).next === 'function') return value as Rng;
  throw paramTypeError(name, `${name} must be a seed (integer in [0, 2^32)) or an Rng from createRng; received ${describe(value)}`);
}

/** Mirror left–right. */
export function flipHorizontal(img: RgbaImage): RgbaImage {
  const { width, height, data } = checkImage('img', img);
  const out = blank(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const s = (y * width + (width - 1 - x)) * 4;
      out.data.set(data.subarray(s, s + 4), (y * width + x) * 4);
    }
  }
  return out;
}

/** Mirror top–bottom. */
export function flipVertical(img: RgbaImage): RgbaImage {
  const { width, height, data } = checkImage('img', img);
  const out = blank(width, height);
  const row = width * 4;
  for (let y = 0; y < height; y++) out.data.set(data.subarray((height - 1 - y) * row, (height - y) * row), y * row);
  return out;
}

export interface CropBox {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The sub-image with top-left corner (x, y). The box must lie inside the image (torchvision pads
 * with zeros instead; an out-of-range box on this site is a mistake worth reporting).
 */
export function crop(img: RgbaImage, box: CropBox): RgbaImage {
  const im = checkImage('img', img);
  if (typeof box !== 'object' || box === null) {
    throw paramTypeError('box', `box must be an object { x, y, width, height }; received ${describe(box)}`);
  }
  const w = integer('box.width', box.width, 1, im.width);
  const h = integer('box.height', box.height, 1, im.height);
  const x = integer('box.x', box.x, 0, im.width - w);
  const y = integer('box.y', box.y, 0, im.height - h);
  const out = blank(w, h);
  for (let r = 0; r < h; r++) {
    const s = ((y + r) * im.width + x) * 4;
    out.data.set(im.data.subarray(s, s + w * 4), r * w * 4);
  }
  return out;
}

/** Where a random crop of the given size lands: uniform over valid corners, as torchvision's RandomCrop. */
export function randomCropBox(img: RgbaImage, size: { width: number; height: number }, rng: Rng | number): CropBox {
  const im = checkImage('img', img);
  if (typeof size !== 'object' || size === null) {
    throw paramTypeError('size', `size must be an object { width, height }; received ${describe(size)}`);
  }
  const w = integer('size.width', size.width, 1, im.width);
  const h = integer('size.height', size.height, 1, im.height);
  const r = toRng('rng', rng);
  // torchvision draws the row first: i = randint(0, h − th + 1), j = randint(0, w − tw + 1).
  const y = r.int(im.height - h + 1);
  const x = r.int(im.width - w + 1);
  return { x, y, width: w, height: h };
}

/** A random crop of the given size (seeded). */
export function randomCrop(img: RgbaImage, size: { width: number; height: number }, rng: Rng | number): RgbaImage {
  return crop(img, randomCropBox(img, size, rng));
}

export interface RotateOptions {
  /** RGBA colour of pixels that come from outside the image (default [0, 0, 0, 0]). */
  fill?: readonly [number, number, number, number] | readonly number[];
}

/**
 * Rotation by `degrees` counter-clockwise about the centre, same size, bilinear interpolation.
 * Each output pixel centre is mapped back into the input (inverse rotation) and the four nearest
 * input pixels are blended; neighbours outside the image contribute the fill colour.
 */
export function rotate(img: RgbaImage, degrees: number, opts: RotateOptions = {}): RgbaImage {
  const { width, height, data } = checkImage('img', img);
  const deg = finite('degrees', degrees);
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  const fillIn: unknown = opts.fill ?? [0, 0, 0, 0];
  if (!Array.isArray(fillIn) || fillIn.length !== 4) {
    throw paramTypeError('opts.fill', `opts.fill must be an RGBA array of 4 numbers in [0, 255]; received ${describe(fillIn)}`);
  }
  const fill = fillIn.map((v, i) => atLeast(`opts.fill[${i}]`, v, 0)).map((v, i) => {
    if (v > 255) throw paramRangeError(`opts.fill[${i}]`, `opts.fill[${i}] must be in [0, 255]; received ${describe(v)}`);
    return v;
  });
  const theta = (deg * Math.PI) / 180;
  const cos = Math.cos(theta);
  const sin = Math.sin(theta);
  const out = blank(width, height);
  const acc = [0, 0, 0, 0];
  const add = (px: number, py: number, wgt: number): void => {
    if (wgt === 0) return;
    if (px < 0 || py < 0 || px >= width || py >= height) {
      for (let c = 0; c < 4; c++) acc[c]! += wgt * fill[c]!;
    } else {
      const o = (py * width + px) * 4;
      for (let c = 0; c < 4; c++) acc[c]! += wgt * data[o + c]!;
    }
  };
  for (let y = 0; y < height; y++) {
    const yo = y + 0.5 - height / 2;
    for (let x = 0; x < width; x++) {
      const xo = x + 0.5 - width / 2;
      // Input position in pixel-index coordinates (pixel i has its centre at i).
      const ix = cos * xo - sin * yo + width / 2 - 0.5;
      const iy = sin * xo + cos * yo + height / 2 - 0.5;
      const x0 = Math.floor(ix);
      const y0 = Math.floor(iy);
      const fx = ix - x0;
      const fy = iy - y0;
      acc[0] = acc[1] = acc[2] = acc[3] = 0;
      add(x0, y0, (1 - fx) * (1 - fy));
      add(x0 + 1, y0, fx * (1 - fy));
      add(x0, y0 + 1, (1 - fx) * fy);
      add(x0 + 1, y0 + 1, fx * fy);
      const o = (y * width + x) * 4;
      // Uint8ClampedArray stores round-half-to-even and clamps, like torch.round + uint8 cast.
      for (let c = 0; c < 4; c++) out.data[o + c] = acc[c]!;
    }
  }
  return out;
}

function checkFactor(name: string, factor: unknown): number {
  return atLeast(name, factor, 0);
}

/** torchvision's `_blend` in float32: trunc(clamp(f·a + (1 − f)·b, 0, 255)). */
function blendChannel(a: number, b: number, r32: number, s32: number): number {
  const v = f32(f32(r32 * a) + f32(s32 * b));
  return v <= 0 ? 0 : v >= 255 ? 255 : Math.trunc(v);
}

/** torchvision's uint8 grayscale of one pixel (float32 sum, truncated). */
function grayAt(data: ArrayLike<number>, o: number): number {
  const g = f32(f32(f32(f32(GRAY_WEIGHTS[0]) * data[o]!) + f32(f32(GRAY_WEIGHTS[1]) * data[o + 1]!)) + f32(f32(GRAY_WEIGHTS[2]) * data[o + 2]!));
  return Math.trunc(g);
}

/** Grayscale version (L in R, G and B; alpha kept), torchvision's `rgb_to_grayscale`. */
export function grayscale(img: RgbaImage): RgbaImage {
  const { width, height, data } = checkImage('img', img);
  const out = blank(width, height);
  for (let o = 0; o < data.length; o += 4) {
    const g = grayAt(data, o);
    out.data[o] = out.data[o + 1] = out.data[o + 2] = g;
    out.data[o + 3] = data[o + 3]!;
  }
  return out;
}

function blendImage(img: RgbaImage, factor: number, other: (o: number) => number): RgbaImage {
  const { width, height, data } = img;
  const out = blank(width, height);
  const r32 = f32(factor);
  const s32 = f32(1 - factor);
  for (let o = 0; o < data.length; o += 4) {
    const b = other(o);
    for (let c = 0; c < 3; c++) out.data[o + c] = blendChannel(data[o + c]!, b, r32, s32);
    out.data[o + 3] = data[o + 3]!;
  }
  return out;
}

/** Multiplies colours by `factor` (0 gives black, 1 the original), as torchvision's adjust_brightness. */
export function adjustBrightness(img: RgbaImage, factor: number): RgbaImage {
  const im = checkImage('img', img);
  return blendImage(im, checkFactor('factor', factor), () => 0);
}

/**
 * Blends with the mean gray level of the image (0 gives uniform gray, 1 the original), as
 * torchvision's adjust_contrast. The mean is over all pixels' truncated grayscale values, in float32.
 */
export function adjustContrast(img: RgbaImage, factor: number): RgbaImage {
  const im = checkImage('img', img);
  const f = checkFactor('factor', factor);
  let sum = 0;
  for (let o = 0; o < im.data.length; o += 4) sum += grayAt(im.data, o);
  const mean = f32(sum / (im.width * im.height));
  return blendImage(im, f, () => mean);
}

/** Blends with the pixel's own gray level (0 gives grayscale, 1 the original), as adjust_saturation. */
export function adjustSaturation(img: RgbaImage, factor: number): RgbaImage {
  const im = checkImage('img', img);
  const f = checkFactor('factor', factor);
  return blendImage(im, f, (o) => grayAt(im.data, o));
}

export type JitterRange = number | readonly [number, number];

export interface ColorJitterOptions {
  brightness?: JitterRange;
  contrast?: JitterRange;
  saturation?: JitterRange;
}

export interface ColorJitterParams {
  /** Order in which the adjustments are applied. */
  order: ('brightness' | 'contrast' | 'saturation')[];
  brightness: number;
  contrast: number;
  saturation: number;
}

function jitterRange(name: string, value: unknown): [number, number] {
  if (value === undefined) return [1, 1];
  if (Array.isArray(value)) {
    if (value.length !== 2) throw paramTypeError(name, `${name} must be a number or a pair [min, max]; received ${describe(value)}`);
    const lo = atLeast(`${name}[0]`, value[0], 0);
    const hi = atLeast(`${name}[1]`, value[1], lo);
    return [lo, hi];
  }
  const v = atLeast(name, value, 0);
  return [Math.max(0, 1 - v), 1 + v];
}

/** Draws jitter factors and an order; the same Rng state gives the same draw. */
export function sampleColorJitter(opts: ColorJitterOptions, rng: Rng | number): ColorJitterParams {
  if (typeof opts !== 'object' || opts === null) throw paramTypeError('opts', `opts must be an object; received ${describe(opts)}`);
  const b = jitterRange('brightness', opts.brightness);
  const c = jitterRange('contrast', opts.contrast);
  const s = jitterRange('saturation', opts.saturation);
  const r = toRng('rng', rng);
  const order: ColorJitterParams['order'] = ['brightness', 'contrast', 'saturation'];
  for (let i = order.length - 1; i > 0; i--) {
    const j = r.int(i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return { order, brightness: r.uniform(b[0], b[1]), contrast: r.uniform(c[0], c[1]), saturation: r.uniform(s[0], s[1]) };
}

/** Applies drawn jitter parameters (what colorJitter does after sampling them). */
export function applyColorJitter(img: RgbaImage, params: ColorJitterParams): RgbaImage {
  let out = checkImage('img', img);
  if (typeof params !== 'object' || params === null || !Array.isArray(params.order)) {
    throw paramTypeError('params', `params must be { order, brightness, contrast, saturation } from sampleColorJitter; received ${describe(params)}`);
  }
  for (const name of params.order) {
    if (name === 'brightness') out = adjustBrightness(out, params.brightness);
    else if (name === 'contrast') out = adjustContrast(out, params.contrast);
    else if (name === 'saturation') out = adjustSaturation(out, params.saturation);
    else throw paramRangeError('params.order', `params.order must list "brightness", "contrast", "saturation"; received ${describe(name)}`);
  }
  return out;
}

/** Random brightness, contrast and saturation changes in a random order (torchvision's ColorJitter). */
export function colorJitter(img: RgbaImage, opts: ColorJitterOptions, seed: Rng | number): RgbaImage {
  checkImage('img', img);
  return applyColorJitter(img, sampleColorJitter(opts, seed));
}

export interface AugmentSamplesOptions {
  /** Number of samples (1–64). */
  count: number;
  seed: number;
  /** Maximum absolute rotation in degrees (default 15; 0 disables). */
  rotation?: number;
  /** Flip left–right with probability 1/2 (default true). */
  flip?: boolean;
  /** Random crop size (default: no crop). */
  crop?: { width: number; height: number };
  /** Colour jitter ranges (default 0.2 each; {} disables). */
  jitter?: ColorJitterOptions;
}

export interface AugmentSample {
  image: RgbaImage;
  params: { crop: CropBox | null; flipped: boolean; degrees: number; jitter: ColorJitterParams };
}

export interface Size {
  width: number;
  height: number;
}

export function checkSize(name: string, size: unknown): Size {
  if (typeof size !== 'object' || size === null) {
    throw paramTypeError(name, `${name} must be an object { width, height }; received ${describe(size)}`);
  }
  const s = size as Partial<Size>;
  return {
    width: integer(`${name}.width`, s.width, 1, MAX_IMAGE_SIDE),
    height: integer(`${name}.height`, s.height, 1, MAX_IMAGE_SIDE),
  };
}

/** What one augmented sample drew: the crop box, the flip, the angle and the colour jitter. */
export type AugmentPlan = AugmentSample['params'];

/**
 * The random draws of `augmentSamples` for an image of this size, without touching a pixel (so the
 * build-time page can list them): per sample, the crop corner (row, then column, as torchvision's
 * RandomCrop), the flip, the angle and the colour-jitter order and factors, in that order from one
 * seeded stream. Validates every option.
 */
export function planAugmentSamples(size: Size, opts: AugmentSamplesOptions): AugmentPlan[] {
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
  sampleColorJitter(jitter, 0); // validates the ranges before any draw
  const plans: AugmentPlan[] = [];
  for (let i = 0; i < count; i++) {
    let box: CropBox | null = null;
    if (opts.crop !== undefined) {
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

/** One planned sample's pixels: crop → horizontal flip → rotation → colour jitter (always a new image). */
export function applyAugmentPlan(img: RgbaImage, plan: AugmentPlan): RgbaImage {
  const im = checkImage('img', img);
  if (typeof plan !== 'object' || plan === null) throw paramTypeError('plan', `plan must be an object { crop, flipped, degrees, jitter }; received ${describe(plan)}`);
  if (typeof plan.flipped !== 'boolean') throw paramTypeError('plan.flipped', `plan.flipped must be a boolean; received ${describe(plan.flipped)}`);
  const degrees = finite('plan.degrees', plan.degrees);
  let out = plan.crop === null ? im : crop(im, plan.crop);
  if (plan.flipped) out = flipHorizontal(out);
  if (degrees !== 0) out = rotate(out, degrees);
  out = applyColorJitter(out, plan.jitter);
  return out === im ? { width: im.width, height: im.height, data: im.data.slice() } : out;
}

/**
 * A seeded grid of augmented copies, each with the parameters that made it, so a page can show
 * "what the network sees" and let the reader re-roll by changing the seed: the plan, then its pixels.
 */
export function augmentSamples(img: RgbaImage, opts: AugmentSamplesOptions): AugmentSample[] {
  const im = checkImage('img', img);
  return planAugmentSamples(im, opts).map((params) => ({ image: applyAugmentPlan(im, params), params }));
}
