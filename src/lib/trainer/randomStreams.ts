/**
 * The trainer's three random streams, in an order written down so the Python twin
 * (src/lib/randomPython.ts, used by scripts/fixtures/train_mlp.py) can redraw every number.
 *
 * Dropout masks: `createRng(seed)`. For every batch, for every forward pass of that batch in training
 * mode (one; two with FGSM: the clean pass, then the adversarial pass), for every hidden layer in order,
 * the mask of rows × units is drawn row-major (sample by sample, unit by unit within a sample): unit kept
 * iff rng.next() ≥ p. Kept units are multiplied by 1/(1 − p) (0 for p = 1), as torch's dropout: h·mask·scale.
 * Nothing is drawn when p = 0, nor in evaluation.
 *
 * Shuffles (only when no `order` is given): `createRng(seed XOR 0x9E3779B9)`, a separate stream so that
 * passing an explicit order never changes the masks. Each epoch starts from 0, 1, …, n−1 and runs
 * Fisher–Yates from the end: for i = n−1 down to 1, j = rng.int(i + 1) (= ⌊next()·(i + 1)⌋), swap i and j.
 *
 * Augmentation (only with `augment` and a strength > 0): `createRng(seed XOR 0x85EBCA6B)`, a third
 * stream, so that turning augmentation on never changes the masks or the shuffles. For every training
 * batch, for every sample in the batch's row order: the angle (rotate > 0), then dx, dy (shift > 0),
 * then 64 normals row-major (noise > 0) — augmentDigits.ts defines the draws and the operations.
 * Nothing is drawn for validation, evaluateTraining, nor FGSM's adversarial pass.
 */
import { createRng, type Rng } from '../random';

/** The seed of the shuffle stream derived from the trainer's seed. */
export function shuffleSeed(seed: number): number {
  return (seed ^ 0x9e3779b9) >>> 0;
}

/** The seed of the augmentation stream derived from the trainer's seed. */
export function augmentSeed(seed: number): number {
  return (seed ^ 0x85ebca6b) >>> 0;
}

export function dropoutStream(seed: number): Rng {
  return createRng(seed);
}

export function shuffleStream(seed: number): Rng {
  return createRng(shuffleSeed(seed));
}

/** Writes this epoch's permutation of 0..n−1 into `perm` (Fisher–Yates, see above: the site's one shuffle, permutation.ts). */
export { shuffleInto } from '../permutation';

/** Draws one layer's keep-mask for `count` = rows × units values, row-major (1 keeps, 0 drops). */
export function drawMask(mask: Uint8Array, count: number, p: number, rng: Rng): void {
  for (let k = 0; k < count; k++) mask[k] = rng.next() >= p ? 1 : 0;
}
