/**
 * Small printing helpers shared by the L1/L2 page's cells (src/cells/l1l2*.ts). Numbers still come
 * from src/lib; these only decide how they are written.
 */
import { formatNumber, formatTyped } from '../lib/format';

/** A result: 4 decimals, trailing zeros dropped (0.3, 0.9578, 1). */
export const num = (x: number): string => formatNumber(x, { digits: 4, trim: true });

/** A parameter the reader typed, or a result that must keep more digits (0.949 vs 0.948). */
export const exact = formatTyped;

/** Wraps a negative in parentheses so substituted formulas read unambiguously: (−2). */
export const paren = (s: string): string => (s.startsWith('−') ? `(${s})` : s);

/** "[a, b, c]" with `f` for each entry. */
export const list = (xs: readonly number[], f: (x: number) => string = num): string => `[${xs.map(f).join(', ')}]`;

/** "(a, b)" — a point in the plane. */
export const point = (xs: readonly number[], f: (x: number) => string = num): string => `(${xs.map(f).join(', ')})`;



/** About 4 significant digits for small magnitudes (0.0002601, not 0.0003), trailing zeros dropped. */
export function sig(x: number): string {
  if (x !== 0 && Math.abs(x) < 1e-6) return formatNumber(x, { digits: 3 });
  const mag = x === 0 || !Number.isFinite(x) ? 0 : Math.floor(Math.log10(Math.abs(x)));
  const digits = Math.min(12, Math.max(4, 3 - mag));
  return formatNumber(x, { digits, trim: true });
}
