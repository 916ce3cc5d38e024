/**
 * The lab's one fixed split of scikit-learn's digits: 297 validation and 500 test images, always the
 * same (permutation seed 0), and the first `train` of the remaining 1,000 images to train on.
 *
 * Why fixed: the lab compares runs across seeds and training sizes, so the held-out sets must never
 * move — the test set is drawn once, nothing trains or selects on it, and a larger training set
 * contains every smaller one (splitDigits' prefix rule, src/lib/digits.ts). 297 + 500 leaves exactly
 * 1,000 images for training (1,797 in all), so the reader's training size goes from 50 to 1,000.
 */
import { splitDigits, DIGITS_TRAIN_RANGE, type DigitsData, type DigitsSplit } from '../digits';

/** Validation images (early stopping and the validation curves). */
export const LAB_VALIDATION = 297;
/** Held-out test images (evaluated once per run, at the end). */
export const LAB_TEST = 500;
/** Seed of the split's permutation (never the reader's). */
export const LAB_SPLIT_SEED = 0;
/** Training sizes the lab accepts, [50, 1000]. */
export const LAB_TRAIN_RANGE: readonly [number, number] = DIGITS_TRAIN_RANGE;

/** The lab's split of `data` (parseDigits' output) with `train` training images. */
export function labSplit(data: DigitsData, train: number): DigitsSplit {
  return splitDigits(data, { train, validation: LAB_VALIDATION, test: LAB_TEST, seed: LAB_SPLIT_SEED });
}
