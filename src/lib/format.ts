/**
 * Number formatting for everything a page prints. One function so the build-time HTML and the
 * live update print the same characters, and so a non-finite value can never reach the screen.
 */
import { describe, integer, isArrayLike } from './validate';
import { paramTypeError } from './refusal';

export interface FormatOptions {
  /** Decimal places in fixed notation (default 4). */
  digits?: number;
  /** Use the typographic minus sign (U+2212) instead of a hyphen (default true). */
  typographicMinus?: boolean;
  /** Drop trailing zeros after the decimal point ("0.1000" → "0.1"), for parameters the reader typed. */
  trim?: boolean;
}

/** Formats a finite number; throws TypeError for NaN/±Infinity instead of printing them. */
export function formatNumber(x: number, options: FormatOptions = {}): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) {
    throw paramTypeError('value', `value to display must be a finite number; received ${describe(x)}`);
  }
  if (typeof options !== 'object' || options === null) {
    throw paramTypeError('options', `options must be an object; received ${describe(options)}`);
  }
  const { typographicMinus = true, trim = false } = options;
  const digits = integer('digits', options.digits ?? 4, 0, 20);
  const abs = Math.abs(x);
  let s: string;
  if (abs !== 0 && (abs >= 1e6 || abs < 10 ** -digits)) {
    s = x.toExponential(Math.max(0, digits - 1)).replace('e+', 'e');
  } else {
    s = x.toFixed(digits);
    // "-0.0000" for tiny negatives is noise: show 0.
    if (/^-0\.?0*$/.test(s)) s = s.slice(1);
    if (trim && s.includes('.')) s = s.replace(/0+$/, '').replace(/\.$/, '');
  }
  return typographicMinus ? s.replace('-', '−') : s;
}

/**
 * A parameter as the reader typed it, beside computed numbers: up to 6 decimals, no padding zeros
 * ("0.25", not "0.2500"), so a formula reads back the value in the box.
 */
export function formatTyped(x: number): string {
  return formatNumber(x, { digits: 6, trim: true });
}

/** Formats a list as "[a, b, c]". */
export function formatVector(xs: ArrayLike<number>, options?: FormatOptions): string {
  if (!isArrayLike(xs)) throw paramTypeError('values', `values to display must be an array of numbers; received ${describe(xs)}`);
  return `[${Array.from(xs, (x) => formatNumber(x, options)).join(', ')}]`;
}

/**
 * A schema bound as the prose prints it (hints, refusals): the shortest decimal JavaScript gives,
 * with a true minus sign for a negative bound ("−1000", "0.05", "1e+308").
 */
export function formatBound(x: number): string {
  if (typeof x !== 'number' || !Number.isFinite(x)) throw paramTypeError('bound', `bound to display must be a finite number; received ${describe(x)}`);
  return x < 0 ? `−${-x}` : String(x);
}
