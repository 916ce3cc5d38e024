/**
 * scikit-learn's 8×8 digits for the "Does it help?" lab: reading public/data/digits.json (written by
 * scripts/export_digits.py) and one fixed, seeded train / validation / test split.
 *
 * Why the split is built this way: the lab compares training with and without regularization over
 * several seeds and training-set sizes. So the test set must never move when the reader changes the
 * training size, and nothing may train or select on it. One permutation of all n samples is drawn from
 * `createRng(seed)` with the site's Fisher–Yates (permutation.ts: for i = n−1 down to 1, j = rng.int(i + 1),
 * swap; n − 1 draws, nothing else drawn). Then, in permutation order:
 *
 *   test        = the LAST `test` entries      perm[n − test .. n − 1]
 *   validation  = the FIRST `validation`       perm[0 .. validation − 1]
 *   train       = the next `train`             perm[validation .. validation + train − 1]
 *
 * The test set depends only on (seed, test), the validation set only on (seed, validation), and a
 * larger training set contains every smaller one as a prefix. scripts/fixtures/lab_data.py redraws it.
 */
import { createRng } from './random';
import { shuffledRange } from './permutation';
import { describe, integer, isArrayLike, matrix } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Samples in scikit-learn's load_digits() (the UCI test set). */
export const DIGITS_SAMPLES = 1797;
/** Pixels per image (8 × 8), each a count 0–16 in the file. */
export const DIGITS_FEATURES = 64;
/** Digits 0–9. */
export const DIGITS_CLASSES = 10;
/** Default sizes of splitDigits. */
export const DIGITS_SPLIT_DEFAULTS: Readonly<{ train: number; validation: number; test: number }> = Object.freeze({
  train: 200,
  validation: 297,
  test: 500,
});
/** Accepted training-set sizes of splitDigits (inclusive). */
export const DIGITS_TRAIN_RANGE: readonly [number, number] = Object.freeze([50, 1000] as [number, number]);

const MAX_PIXEL = 16;

export interface DigitsData {
  /** x[i]: the 64 pixels of image i row by row, divided by 16 (in [0, 1]). */
  x: number[][];
  /** y[i]: the digit 0–9. */
  y: number[];
}

export interface DigitsSubset extends DigitsData {
  /** Row numbers in the full data set, in permutation order (x[k] is row indices[k]). */
  indices: number[];
}

export interface DigitsSplit {
  train: DigitsSubset;
  validation: DigitsSubset;
  test: DigitsSubset;
}

export interface DigitsSplitOptions {
  /** Training samples, integer in [50, 1000] (default 200). */
  train?: number;
  /** Validation samples (early stopping, model selection), integer ≥ 1 (default 297, so that 500 test samples leave room for 1,000 training samples). */
  validation?: number;
  /** Held-out test samples, integer ≥ 1 (default 500). */
  test?: number;
  /** Seed of the permutation, integer in [0, 2³²). */
  seed: number;
}

function rows(name: string, value: unknown, what: string): ArrayLike<unknown> {
  if (!isArrayLike(value)) throw paramTypeError(name, `${name} must be an array of ${what}; received ${describe(value)}`);
  if (value.length < 1 || value.length > DIGITS_SAMPLES) {
    throw paramRangeError(name, `${name} must have length in [1, ${DIGITS_SAMPLES}]; received length ${value.length}`);
  }
  return value;
}

/** An integer in [0, max], −0 read as 0. Names are built only for an error: a file has 115,008 values. */
function count(value: unknown, max: number, name: string, i: number, k = -1): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= max) return value + 0;
  return integer(k < 0 ? `${name}[${i}]` : `${name}[${i}][${k}]`, value, 0, max);
}

/**
 * Reads digits.json: `data` (n rows of 64 integers 0–16), `target` (n integers 0–9) and, when present,
 * `shape` = [n, 64]. Returns x = data / 16 (exact: 16 is a power of two) and y = target.
 */
export function parseDigits(json: unknown): DigitsData {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw paramTypeError('json', `json must be an object { data, target } (public/data/digits.json); received ${describe(json)}`);
  }
  const j = json as { data?: unknown; target?: unknown; shape?: unknown };
  const data = rows('json.data', j.data, `rows of ${DIGITS_FEATURES} pixel values`);
  const n = data.length;
  if (!isArrayLike(j.target)) throw paramTypeError('json.target', `json.target must be an array of digits 0–9; received ${describe(j.target)}`);
  if (j.target.length !== n) {
    throw paramRangeError('json.target', `json.target must have one digit per row of json.data (length ${n}); received length ${j.target.length}`);
  }
  if (j.shape !== undefined) {
    const s = j.shape;
    if (!isArrayLike(s) || s.length !== 2 || s[0] !== n || s[1] !== DIGITS_FEATURES) {
      throw paramRangeError('json.shape', `json.shape must be [${n}, ${DIGITS_FEATURES}] (the size of json.data); received ${isArrayLike(s) && s.length <= 4 ? `[${Array.from(s, describe).join(', ')}]` : describe(s)}`);
    }
  }
  const x = new Array<number[]>(n);
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const row = data[i];
    if (!isArrayLike(row)) throw paramTypeError(`json.data[${i}]`, `json.data[${i}] must be an array of ${DIGITS_FEATURES} pixel values; received ${describe(row)}`);
    if (row.length !== DIGITS_FEATURES) {
      throw paramRangeError(`json.data[${i}]`, `json.data[${i}] must have length ${DIGITS_FEATURES} (8 × 8 pixels); received length ${row.length}`);
    }
    const r = new Array<number>(DIGITS_FEATURES);
    for (let k = 0; k < DIGITS_FEATURES; k++) r[k] = count(row[k], MAX_PIXEL, 'json.data', i, k) / MAX_PIXEL;
    x[i] = r;
    y[i] = count(j.target[i], DIGITS_CLASSES - 1, 'json.target', i);
  }
  return { x, y };
}

/** data.x: rows of 64 finite numbers. A fast pass first; `matrix` (which names every entry) only to word an error. */
function checkRows(xs: ArrayLike<unknown>): ArrayLike<number>[] {
  const ok = (row: unknown): row is ArrayLike<number> => {
    if (!isArrayLike(row) || row.length !== DIGITS_FEATURES) return false;
    for (let k = 0; k < DIGITS_FEATURES; k++) {
      const v = row[k];
      if (typeof v !== 'number' || !Number.isFinite(v)) return false;
    }
    return true;
  };
  const out = Array.from(xs);
  if (out.every(ok)) return out as ArrayLike<number>[];
  const m = matrix('data.x', out, 1, DIGITS_FEATURES);
  throw paramRangeError('data.x', `data.x rows must have length ${DIGITS_FEATURES} (8 × 8 pixels); received length ${m[0]!.length}`);
}

function subset(x: ArrayLike<number>[], y: number[], indices: number[]): DigitsSubset {
  return { x: indices.map((i) => Array.from(x[i]!)), y: indices.map((i) => y[i]!), indices };
}

/**
 * Splits `data` (as parseDigits returns it) with one permutation from `createRng(seed)`; see the header
 * for the exact rule. Sizes must fit: validation + test ≤ n − 50 and train ≤ n − validation − test
 * (with the defaults and all 1,797 samples, train ≤ 997).
 */
export function splitDigits(data: DigitsData, opts: DigitsSplitOptions): DigitsSplit {
  if (typeof data !== 'object' || data === null) {
    throw paramTypeError('data', `data must be an object { x, y } from parseDigits; received ${describe(data)}`);
  }
  if (typeof opts !== 'object' || opts === null) {
    throw paramTypeError('opts', `opts must be an object { train, validation, test, seed }; received ${describe(opts)}`);
  }
  const x = checkRows(rows('data.x', data.x, 'rows of pixel values'));
  const n = x.length;
  if (!isArrayLike(data.y)) throw paramTypeError('data.y', `data.y must be an array of digits 0–9; received ${describe(data.y)}`);
  if (data.y.length !== n) {
    throw paramRangeError('data.y', `data.y must have one digit per row of data.x (length ${n}); received length ${data.y.length}`);
  }
  const y = Array.from(data.y, (v, i) => count(v, DIGITS_CLASSES - 1, 'data.y', i));

  const [trainMin, trainMax] = DIGITS_TRAIN_RANGE;
  if (n < trainMin + 2) {
    throw paramRangeError('data.x', `data.x must have at least ${trainMin + 2} rows (${trainMin} to train on, 1 to validate, 1 to test); received ${n} rows`);
  }
  const seed = integer('seed', opts.seed, 0, 2 ** 32 - 1);
  const train = integer('train', opts.train ?? DIGITS_SPLIT_DEFAULTS.train, trainMin, trainMax);
  const validation = integer('validation', opts.validation ?? DIGITS_SPLIT_DEFAULTS.validation, 1, n);
  const test = integer('test', opts.test ?? DIGITS_SPLIT_DEFAULTS.test, 1, n);
  if (validation + test > n - trainMin) {
    throw paramRangeError('validation', `validation + test must be ≤ ${n - trainMin} (${n} samples, at least ${trainMin} left to train on); received ${validation + test}`);
  }
  if (train > n - validation - test) {
    throw paramRangeError('train', `train must be ≤ ${n - validation - test} (${n} samples − ${validation} validation − ${test} test); received ${train}`);
  }

  const perm = shuffledRange(n, createRng(seed));
  return {
    train: subset(x, y, perm.slice(validation, validation + train)),
    validation: subset(x, y, perm.slice(0, validation)),
    test: subset(x, y, perm.slice(n - test)),
  };
}
