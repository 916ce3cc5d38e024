/**
 * Input validation shared by every module of the numerical core.
 *
 * Why one place: the pages show these messages to readers, so every function must name the
 * parameter, the accepted range and the value it received, in the same words.
 * Errors: `TypeError` for the wrong kind of value (not a number, not an array, NaN),
 * `RangeError` for a number outside its accepted range.
 */

import { paramRangeError, paramTypeError, rangeRefusal, typeRefusal } from './refusal';

/** Formats a received value for an error message without ever throwing itself. */
export function describe(value: unknown): string {
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? value.slice(0, 40) + '…' : value);
  if (value === null) return 'null';
  if (value === undefined) return 'undefined';
  if (Array.isArray(value)) return `an array of length ${value.length}`;
  if (ArrayBuffer.isView(value)) return `a ${value.constructor.name} of length ${(value as unknown as ArrayLike<number>).length}`;
  return `a ${typeof value}`;
}

/** A finite number, else TypeError (NaN, ±Infinity and non-numbers all count as the wrong kind). */
export function finite(name: string, value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw typeRefusal(`${name} must be a finite number; received ${describe(value)}`, { param: name, rule: 'finite', received: describe(value) });
  }
  return value;
}

/** A finite number in [min, max] (inclusive). */
export function inRange(name: string, value: unknown, min: number, max: number): number {
  const v = finite(name, value);
  if (v < min || v > max) {
    throw rangeRefusal(`${name} must be in [${min}, ${max}]; received ${describe(v)}`, { param: name, rule: 'range', min, max, received: describe(v) });
  }
  return v;
}

/** A finite number ≥ min. */
export function atLeast(name: string, value: unknown, min: number): number {
  const v = finite(name, value);
  if (v < min) throw rangeRefusal(`${name} must be ≥ ${min}; received ${describe(v)}`, { param: name, rule: 'atLeast', min, received: describe(v) });
  return v;
}

/** A finite number > min. */
export function greaterThan(name: string, value: unknown, min: number): number {
  const v = finite(name, value);
  if (!(v > min)) throw rangeRefusal(`${name} must be > ${min}; received ${describe(v)}`, { param: name, rule: 'greaterThan', min, received: describe(v) });
  return v;
}

/** An integer in [min, max]. */
export function integer(name: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const v = finite(name, value);
  if (!Number.isInteger(v)) throw typeRefusal(`${name} must be an integer; received ${describe(v)}`, { param: name, rule: 'integer', received: describe(v) });
  if (v < min || v > max) {
    const unbounded = max === Number.MAX_SAFE_INTEGER;
    const range = unbounded ? `≥ ${min}` : `in [${min}, ${max}]`;
    throw rangeRefusal(
      `${name} must be an integer ${range}; received ${describe(v)}`,
      unbounded ? { param: name, rule: 'atLeast', min, received: describe(v) } : { param: name, rule: 'range', min, max, received: describe(v) },
    );
  }
  return v;
}

/**
 * An array-like of finite numbers with length in [minLength, maxLength]; returns a plain copy.
 * Each element is checked so that a NaN deep inside a vector is reported with its index.
 */
export function vector(name: string, value: unknown, minLength = 1, maxLength = Number.MAX_SAFE_INTEGER): number[] {
  if (!isArrayLike(value)) {
    throw paramTypeError(name, `${name} must be an array of numbers; received ${describe(value)}`);
  }
  const n = value.length;
  if (n < minLength || n > maxLength) {
    const range = maxLength === Number.MAX_SAFE_INTEGER ? `≥ ${minLength}` : `in [${minLength}, ${maxLength}]`;
    throw rangeRefusal(`${name} must have length ${range}; received length ${n}`, { param: name, rule: 'count', min: minLength, max: maxLength, received: String(n) });
  }
  const out = new Array<number>(n);
  for (let i = 0; i < n; i++) out[i] = finite(`${name}[${i}]`, value[i]);
  return out;
}

/** A rectangular matrix (array of rows) of finite numbers; returns a copy. */
export function matrix(name: string, value: unknown, minRows = 1, minCols = 1): number[][] {
  if (!Array.isArray(value)) {
    throw paramTypeError(name, `${name} must be an array of rows; received ${describe(value)}`);
  }
  if (value.length < minRows) {
    throw paramRangeError(name, `${name} must have ≥ ${minRows} rows; received ${value.length}`);
  }
  const rows = value.map((row, i) => vector(`${name}[${i}]`, row, minCols));
  const cols = rows[0]?.length ?? 0;
  rows.forEach((row, i) => {
    if (row.length !== cols) {
      throw paramRangeError(`${name}[${i}]`, `${name}[${i}] must have length ${cols} like row 0; received length ${row.length}`);
    }
  });
  return rows;
}

/** Two lengths that must agree (e.g. weights and gradients). */
export function sameLength(nameA: string, a: ArrayLike<unknown>, nameB: string, b: ArrayLike<unknown>): void {
  if (a.length !== b.length) {
    throw paramRangeError(nameB, `${nameB} must have the same length as ${nameA} (${a.length}); received length ${b.length}`);
  }
}

/**
 * The refusal of entry `i` of a flat row-major array of `dim`-wide rows, named by row and column
 * ("x[2][1] must be a finite number; received NaN"): one wording for vq.ts, kmeans.ts, vqTraining.ts.
 */
export function rowEntryError(name: string, i: number, dim: number, value: unknown): TypeError {
  const at = `${name}[${Math.floor(i / dim)}][${i % dim}]`;
  return paramTypeError(at, `${at} must be a finite number; received ${describe(value)}`);
}

/**
 * A flat row-major array of `dim`-wide rows of finite numbers, copied to float64 (the first entry
 * that is not a finite number is refused by `rowEntryError`). `kinds` says what the caller accepts,
 * for the message when `value` is not an array at all. Its length is the caller's to check
 * (`rowCount`).
 */
export function float64Rows(name: string, value: unknown, dim: number, kinds = 'an array of numbers'): Float64Array {
  if (!isArrayLike(value)) throw paramTypeError(name, `${name} must be ${kinds}; received ${describe(value)}`);
  const out = new Float64Array(value.length);
  for (let i = 0; i < value.length; i++) {
    const v = value[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) throw rowEntryError(name, i, dim, v);
    out[i] = v;
  }
  return out;
}

/** The rows of a flat array of `length` entries: length must be a positive multiple of `dim`. */
export function rowCount(name: string, length: number, dim: number): number {
  if (length === 0 || length % dim !== 0) {
    throw paramRangeError(`${name}.length`, `${name}.length must be a positive multiple of dim=${dim}; received length ${length}`);
  }
  return length / dim;
}

export function isArrayLike(value: unknown): value is ArrayLike<unknown> {
  return (
    Array.isArray(value) ||
    (ArrayBuffer.isView(value) && !(value instanceof DataView))
  );
}

/**
 * A computed result that must be finite. Inputs that are each finite can still overflow float64 on
 * the way (1e308 · 10, ∞ − ∞); that becomes a RangeError naming the result instead of a NaN or an
 * Infinity reaching the screen. Checks numbers, arrays, typed arrays and the fields of plain objects.
 * Returns `value` unchanged.
 */
export function finiteResult<T>(name: string, value: T): T {
  const where = nonFiniteAt(value, '', 0);
  if (where !== null) {
    throw paramRangeError(
      `${name}${where}`,
      `${name}${where} must be finite (|x| ≤ 1.8e308): the inputs are too large for float64; received an overflow`,
    );
  }
  return value;
}

function nonFiniteAt(v: unknown, path: string, depth: number): string | null {
  if (typeof v === 'number') return Number.isFinite(v) ? null : path;
  if (typeof v !== 'object' || v === null || depth > 4) return null;
  if (isArrayLike(v)) {
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (typeof x === 'number' ? !Number.isFinite(x) : nonFiniteAt(x, '', depth + 1) !== null) {
        return `${path}[${i}]${typeof x === 'number' ? '' : nonFiniteAt(x, '', depth + 1)}`;
      }
    }
    return null;
  }
  for (const [k, x] of Object.entries(v)) {
    const at = nonFiniteAt(x, `${path}.${k}`, depth + 1);
    if (at !== null) return at;
  }
  return null;
}
