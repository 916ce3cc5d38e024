/**
 * Seeded data augmentation of 8×8 digit images inside trainMLP (`opts.augment`): every training
 * sample of every batch is rotated, shifted and made noisy afresh, so the network never sees the same
 * picture twice — the regularizer the lab can then compare with L2, dropout and the rest. The PyTorch
 * twin (scripts/fixtures/train_augment.py) redraws the same numbers through the Python Mulberry32 and
 * applies the same formulas in float64, so training with augmentation still equals torch to rounding.
 *
 * Images: 64 values row-major, pixel (r, c) at index 8r + c — r the row (y, downwards), c the column
 * (x, to the right) — pixel centres at integer coordinates, the image centre at (3.5, 3.5), values
 * meant to lie in [0, 1] (src/lib/digits.ts divides the counts by 16).
 *
 * Draws, per sample, in the batch's row order (the visit order), from the augmentation stream
 * (randomStreams.ts: createRng(augmentSeed(seed))), each only when its strength is > 0:
 *   1. angle (degrees) = rng.uniform(−rotate, rotate) = −rotate + 2·rotate·next()       (rotate > 0)
 *   2. dx = rng.int(2·shift + 1) − shift, then dy the same way (⌊next()·(2·shift + 1)⌋)   (shift > 0)
 *   3. z[0..63] = 64 × rng.normal() (Box–Muller, createRng's spare kept), row-major      (noise > 0)
 * 64 is even, so a sample's normals never leave a spare for the next sample's next().
 * Nothing is drawn for an option left at 0, and with every strength 0 nothing is drawn at all.
 *
 * Operations, in this order, from the gathered row s (a copy) into the batch row o:
 *   rotate (rotate > 0; else R = s): θ = (angle·π)/180, cs = cos θ, sn = sin θ; for output pixel
 *     (r, c), u = c − 3.5, v = r − 3.5, the source point is X = cs·u − sn·v + 3.5, Y = sn·u + cs·v + 3.5
 *     (pixel coordinates; on screen, y downwards, a positive angle turns the digit counter-clockwise,
 *     as torchvision's rotate and ../augment.ts's rotate). Bilinear sampling: x0 = ⌊X⌋, y0 = ⌊Y⌋,
 *     fx = X − x0, fy = Y − y0, and R(r, c) = Σ w·s(y, x) over the four neighbours in the order
 *     (y0, x0) w = (1 − fx)·(1 − fy), (y0, x0+1) w = fx·(1 − fy), (y0+1, x0) w = (1 − fx)·fy,
 *     (y0+1, x0+1) w = fx·fy, summed left to right from 0; a neighbour outside the 8×8 grid is zero
 *     (skipped).
 *   shift (shift > 0): S(r, c) = R(r − dy, c − dx), 0 when (r − dy, c − dx) is outside the grid —
 *     whole pixels, zero fill; dx > 0 moves the digit right, dy > 0 down.
 *   noise (noise > 0): o(r, c) = min(1, max(0, S(r, c) + noise·z[8r + c])) — Gaussian noise of standard
 *     deviation `noise`, then clamped to [0, 1]. Without noise there is no clamp (rotation and shift
 *     keep values of [0, 1] in [0, 1]).
 *
 * In trainMLP only the training batches are augmented, right after they are gathered into ws.x and
 * before the data objective: FGSM, when on, attacks the augmented batch; validation and
 * `evaluateTraining` see the data as given. ws.x may be a view of the WebAssembly kernels' memory;
 * the augmenter writes it through that view like any Float64Array, with no allocation per batch.
 *
 * `augmentDigitBatch` is the same transformation for pages ("the samples the network trained on"):
 * the draws continue per image, so images in epoch 0's visit order give epoch 0's augmented inputs
 * (and the concatenated visit orders of several epochs give those epochs'), with the trainer's seed.
 */
import { createRng, type Rng } from '../random';
import { describe, inRange, integer, isArrayLike } from '../validate';
import { augmentSeed } from './randomStreams';
import { paramRangeError, paramTypeError } from '../refusal';

/** Pixels per side and per image. */
const SIDE = 8;
const PIXELS = SIDE * SIDE;
const CENTRE = 3.5;
/** Largest accepted strengths: whole-pixel shift, rotation in degrees, noise standard deviation. */
const MAX_SHIFT = 2;
const MAX_ROTATE = 30;
const MAX_NOISE = 0.5;
/** Most images one `augmentDigitBatch` call takes (16,384 × 64 float64 = 8 MB). */
const MAX_IMAGES = 16_384;

/** Checked strengths of `opts.augment`. */
export interface DigitAugment {
  shift: number;
  rotate: number;
  noise: number;
}

/** One sample's drawn parameters (0 for a disabled transform). */
export interface DigitAugmentDraw {
  angle: number;
  dx: number;
  dy: number;
}

/**
 * `opts.augment` (absent: null): each field optional, default 0 — shift an integer in [0, 2], rotate
 * in [0, 30] degrees, noise in [0, 0.5].
 */
export function checkDigitAugment(name: string, value: unknown): DigitAugment | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw paramTypeError(name, `${name} must be an object { shift?, rotate?, noise? }; received ${describe(value)}`);
  }
  const o = value as Record<string, unknown>;
  return {
    shift: integer(`${name}.shift`, o.shift ?? 0, 0, MAX_SHIFT),
    rotate: inRange(`${name}.rotate`, o.rotate ?? 0, 0, MAX_ROTATE),
    noise: inRange(`${name}.noise`, o.noise ?? 0, 0, MAX_NOISE),
  };
}

/** Whether anything is drawn or changed (false: the batch is left exactly as gathered). */
export function augmentActive(aug: DigitAugment | null): aug is DigitAugment {
  return aug !== null && (aug.shift > 0 || aug.rotate > 0 || aug.noise > 0);
}

/** augment works on 8×8 images only: the network's input width must be 64. */
export function checkDigitAugmentWidth(inputs: number): void {
  if (inputs !== PIXELS) {
    throw paramRangeError(
      'opts.augment',
      `opts.augment must be used with 8×8 images (inputs of width ${PIXELS}, row-major); received width ${inputs}`,
    );
  }
}

/** Draws one sample's angle, shift and (into z) noise, in the order of the header. */
export function drawDigitAugment(aug: DigitAugment, rng: Rng, draw: DigitAugmentDraw, z: Float64Array): void {
  draw.angle = aug.rotate > 0 ? rng.uniform(-aug.rotate, aug.rotate) : 0;
  if (aug.shift > 0) {
    const span = 2 * aug.shift + 1;
    draw.dx = rng.int(span) - aug.shift;
    draw.dy = rng.int(span) - aug.shift;
  } else {
    draw.dx = 0;
    draw.dy = 0;
  }
  if (aug.noise > 0) for (let k = 0; k < PIXELS; k++) z[k] = rng.normal();
}

/** s(y, x) of the 8×8 image src, 0 outside. */
function pixel(src: Float64Array, y: number, x: number): number {
  return y < 0 || y >= SIDE || x < 0 || x >= SIDE ? 0 : src[y * SIDE + x]!;
}

/**
 * The bilinear sample of src at the point the rotation maps output pixel (r, c) to (the header's
 * formulas, in its order of operations).
 */
function rotatedAt(src: Float64Array, cs: number, sn: number, r: number, c: number): number {
  const u = c - CENTRE;
  const v = r - CENTRE;
  const X = cs * u - sn * v + CENTRE;
  const Y = sn * u + cs * v + CENTRE;
  const x0 = Math.floor(X);
  const y0 = Math.floor(Y);
  const fx = X - x0;
  const fy = Y - y0;
  let acc = 0;
  if (y0 >= 0 && y0 < SIDE) {
    if (x0 >= 0 && x0 < SIDE) acc += (1 - fx) * (1 - fy) * src[y0 * SIDE + x0]!;
    if (x0 + 1 >= 0 && x0 + 1 < SIDE) acc += fx * (1 - fy) * src[y0 * SIDE + x0 + 1]!;
  }
  if (y0 + 1 >= 0 && y0 + 1 < SIDE) {
    if (x0 >= 0 && x0 < SIDE) acc += (1 - fx) * fy * src[(y0 + 1) * SIDE + x0]!;
    if (x0 + 1 >= 0 && x0 + 1 < SIDE) acc += fx * fy * src[(y0 + 1) * SIDE + x0 + 1]!;
  }
  return acc;
}

/**
 * Writes the augmented image into out[at … at + 64) from src (64 values, not aliasing out there):
 * rotate, then shift, then noise and clamp, as the header defines them.
 */
export function applyDigitAugment(
  src: Float64Array, out: Float64Array, at: number, aug: DigitAugment, draw: DigitAugmentDraw, z: Float64Array,
): void {
  const rotating = aug.rotate > 0;
  const theta = (draw.angle * Math.PI) / 180;
  const cs = Math.cos(theta);
  const sn = Math.sin(theta);
  const { dx, dy } = draw;
  const noise = aug.noise;
  for (let r = 0; r < SIDE; r++) {
    for (let c = 0; c < SIDE; c++) {
      const rr = r - dy;
      const cc = c - dx;
      let v = rr < 0 || rr >= SIDE || cc < 0 || cc >= SIDE ? 0 : rotating ? rotatedAt(src, cs, sn, rr, cc) : pixel(src, rr, cc);
      if (noise > 0) {
        v += noise * z[r * SIDE + c]!;
        v = Math.min(1, Math.max(0, v));
      }
      out[at + r * SIDE + c] = v;
    }
  }
}

/** The trainer's augmenter: its stream and scratch, allocated once per call. */
export interface DigitAugmenter {
  /** Augments the first `rows` images of x (rows × 64, row-major) in place. */
  apply(x: Float64Array, rows: number): void;
}

/** An augmenter drawing from createRng(augmentSeed(seed)); null when nothing would be drawn. */
export function createDigitAugmenter(aug: DigitAugment | null, seed: number): DigitAugmenter | null {
  if (!augmentActive(aug)) return null;
  return digitAugmenter(aug, createRng(augmentSeed(seed)));
}

function digitAugmenter(aug: DigitAugment, rng: Rng): DigitAugmenter & { draw: DigitAugmentDraw } {
  const src = new Float64Array(PIXELS);
  const z = new Float64Array(PIXELS);
  const draw: DigitAugmentDraw = { angle: 0, dx: 0, dy: 0 };
  return {
    draw,
    apply(x: Float64Array, rows: number): void {
      for (let i = 0; i < rows; i++) {
        const at = i * PIXELS;
        src.set(x.subarray(at, at + PIXELS));
        drawDigitAugment(aug, rng, draw, z);
        applyDigitAugment(src, x, at, aug, draw, z);
      }
    },
  };
}

export interface AugmentedDigits {
  /** The augmented images, 64 values each, row-major. */
  images: number[][];
  /** What was drawn for each image. */
  draws: DigitAugmentDraw[];
}

/**
 * Augments `images` (rows of 64 values in [0, 1]) as trainMLP with `{ augment, seed }` would: the draws
 * of image k are the trainer's for the k-th training sample it visits (its first batch first). A new
 * array is returned; the input is not changed. With every strength 0 the images come back as given.
 */
export function augmentDigitBatch(images: unknown, augment: unknown, seed: unknown): AugmentedDigits {
  if (!Array.isArray(images)) throw paramTypeError('images', `images must be an array of 8×8 images (rows of ${PIXELS} numbers); received ${describe(images)}`);
  if (images.length > MAX_IMAGES) throw paramRangeError('images', `images must have at most ${MAX_IMAGES} images; received ${images.length}`);
  const flat = new Float64Array(images.length * PIXELS);
  images.forEach((row, i) => {
    if (!isArrayLike(row)) throw paramTypeError(`images[${i}]`, `images[${i}] must be an array of ${PIXELS} numbers; received ${describe(row)}`);
    if (row.length !== PIXELS) throw paramRangeError(`images[${i}]`, `images[${i}] must have length ${PIXELS} (an 8×8 image, row-major); received length ${row.length}`);
    for (let j = 0; j < PIXELS; j++) flat[i * PIXELS + j] = inRange(`images[${i}][${j}]`, row[j], 0, 1);
  });
  const aug = checkDigitAugment('augment', augment === undefined ? {} : augment)!;
  const s = integer('seed', seed, 0, 2 ** 32 - 1);
  const draws: DigitAugmentDraw[] = [];
  if (augmentActive(aug)) {
    const a = digitAugmenter(aug, createRng(augmentSeed(s)));
    for (let i = 0; i < images.length; i++) {
      a.apply(flat.subarray(i * PIXELS, (i + 1) * PIXELS), 1);
      draws.push({ ...a.draw });
    }
  } else {
    for (let i = 0; i < images.length; i++) draws.push({ angle: 0, dx: 0, dy: 0 });
  }
  const out: number[][] = [];
  for (let i = 0; i < images.length; i++) out.push(Array.from(flat.subarray(i * PIXELS, (i + 1) * PIXELS)));
  return { images: out, draws };
}
