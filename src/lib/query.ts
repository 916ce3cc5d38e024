/**
 * Cell state <-> URL query. Parsing and validation live here, in one place, for every cell:
 * a parameter from the URL and a value typed in an input go through the same `parseParam`.
 *
 * Values never become HTML: callers put them into text nodes and input values only.
 */
import { describe, finite, inRange, integer } from './validate';

export type ParamSpec =
  | { kind: 'number'; min: number; max: number; default: number; step?: number }
  | { kind: 'integer'; min: number; max: number; default: number }
  | { kind: 'vector'; minLength: number; maxLength: number; min: number; max: number; default: readonly number[] };

export type Schema = Record<string, ParamSpec>;
export type ParamValue = number | readonly number[];
export type StateOf<S extends Schema> = {
  [K in keyof S]: S[K] extends { kind: 'vector' } ? readonly number[] : number;
};

/** Longest raw text accepted for one parameter; longer input is refused before parsing. */
export const MAX_RAW_LENGTH = 2000;

/** Parses one raw string (from the URL or an input) into a value, or throws a named error. */
export function parseParam(name: string, spec: ParamSpec, raw: string): ParamValue {
  if (typeof raw !== 'string') throw new TypeError(`${name} must be text; received ${describe(raw)}`);
  if (raw.length > MAX_RAW_LENGTH) {
    throw new RangeError(`${name} must be at most ${MAX_RAW_LENGTH} characters; received ${raw.length}`);
  }
  if (spec.kind === 'vector') {
    const parts = raw.split(/[\s,;]+/).filter((p) => p !== '');
    if (parts.length < spec.minLength || parts.length > spec.maxLength) {
      throw new RangeError(
        `${name} must have ${spec.minLength} to ${spec.maxLength} numbers; received ${parts.length}`,
      );
    }
    return parts.map((p, i) => inRange(`${name}[${i}]`, toNumber(`${name}[${i}]`, p), spec.min, spec.max));
  }
  const x = toNumber(name, raw.trim());
  return spec.kind === 'integer' ? integer(name, x, spec.min, spec.max) : inRange(name, x, spec.min, spec.max);
}

/** Strict number syntax: rejects "", "0x10", "1e999" (→ Infinity) and trailing junk like "1px". */
function toNumber(name: string, text: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    throw new TypeError(`${name} must be a number; received ${describe(text)}`);
  }
  return finite(name, Number(text));
}

export function defaults<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, ParamValue> = {};
  for (const [k, spec] of Object.entries(schema)) out[k] = spec.default;
  return out as StateOf<S>;
}

export interface ParamError {
  param: string;
  message: string;
}

/**
 * Reads every schema parameter from a query string. A missing parameter takes `fallback`'s value;
 * a bad one also keeps `fallback`'s value and is reported, so one typo never blanks a page.
 * Unknown parameters are ignored.
 */
export function parseQuery<S extends Schema>(
  schema: S,
  search: string,
  fallback: StateOf<S> = defaults(schema),
): { state: StateOf<S>; errors: ParamError[] } {
  const params = new URLSearchParams(search);
  const state: Record<string, ParamValue> = { ...fallback };
  const errors: ParamError[] = [];
  for (const [name, spec] of Object.entries(schema)) {
    const raw = params.get(name);
    if (raw === null) continue;
    try {
      state[name] = parseParam(name, spec, raw);
    } catch (e) {
      errors.push({ param: name, message: e instanceof Error ? e.message : String(e) });
    }
  }
  return { state: state as StateOf<S>, errors };
}

/** Formats one value as it appears in the URL and in an input (plain ASCII, round-trips). */
export function formatParam(value: ParamValue): string {
  return typeof value === 'number' ? String(value) : value.map(String).join(',');
}

/** Serializes the whole state, in schema order, as "?a=1&b=2,3". */
export function toQuery<S extends Schema>(schema: S, state: StateOf<S>): string {
  const params = new URLSearchParams();
  for (const name of Object.keys(schema)) params.set(name, formatParam(state[name] as ParamValue));
  // Commas are safe in a query; keep them readable instead of %2C.
  return `?${params.toString().replace(/%2C/g, ',')}`;
}
