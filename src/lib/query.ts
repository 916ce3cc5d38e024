/**
 * Cell state <-> URL query. Parsing and validation live here, in one place, for every cell:
 * a parameter from the URL and a value typed in an input go through the same `parseParam`.
 *
 * Values never become HTML: callers put them into text nodes and input values only.
 */
import { describe, finite, inRange, integer, isArrayLike, vector } from './validate';
import { paramTypeError, rangeRefusal, refusalOf, typeRefusal, type Refusal } from './refusal';

export type ParamSpec =
  | { kind: 'number'; min: number; max: number; default: number; step?: number }
  | { kind: 'integer'; min: number; max: number; default: number }
  | { kind: 'vector'; minLength: number; maxLength: number; min: number; max: number; default: readonly number[] }
  /** One of a few named choices, written in the URL by its name ("mode=eval"). */
  | { kind: 'enum'; values: readonly string[]; default: string }
  /** Rows separated by ';' (or a line break), numbers in a row by commas or spaces: "1,2; 3,4". */
  | {
      kind: 'matrix';
      minRows: number;
      maxRows: number;
      minCols: number;
      maxCols: number;
      min: number;
      max: number;
      default: readonly (readonly number[])[];
    };

export type Schema = Record<string, ParamSpec>;
export type ParamValue = number | string | readonly number[] | readonly (readonly number[])[];
export type StateOf<S extends Schema> = {
  [K in keyof S]: S[K] extends { kind: 'matrix' }
    ? readonly (readonly number[])[]
    : S[K] extends { kind: 'vector' }
      ? readonly number[]
      : S[K] extends { kind: 'enum'; values: readonly (infer V extends string)[] }
        ? V
        : number;
};

/** What an enum's values look like: lower-case identifiers, so they read well in a URL. */
const ENUM_NAME = /^[a-z][a-z0-9-]{0,39}$/;

/** Longest raw text accepted for one parameter; longer input is refused before parsing. */
export const MAX_RAW_LENGTH = 2000;

/**
 * Longest query string a page reads. Every valid state of every page fits with room to spare (a
 * page's parameters are each at most MAX_RAW_LENGTH, and no page has more than a few long ones);
 * a longer query is refused as a whole, before anything splits or decodes it, so a hostile link of
 * megabytes costs one length check instead of a parse per cell (issue #10).
 */
export const MAX_QUERY_LENGTH = 16_384;

/** A query string split once, shared by every cell of a page (see `readQuery`). */
export interface QueryParams {
  /** The parameters, or none when the query was refused. */
  params: URLSearchParams;
  /** Why the whole query was refused (too long), or null. */
  refused: ParamError | null;
}

/** Splits a query string once, or refuses it whole when it is longer than MAX_QUERY_LENGTH. */
export function readQuery(search: string): QueryParams {
  if (typeof search !== 'string') throw paramTypeError('search', `search must be text; received ${describe(search)}`);
  if (search.length > MAX_QUERY_LENGTH) {
    return { params: new URLSearchParams(), refused: queryRefusal(search.length) };
  }
  return { params: new URLSearchParams(search), refused: null };
}

/** The one message for a query refused as a whole. */
export function queryRefusal(length: number): ParamError {
  return {
    param: 'query',
    message: `query must be at most ${MAX_QUERY_LENGTH} characters; received ${length}`,
    refusal: { param: 'query', rule: 'chars', min: 0, max: MAX_QUERY_LENGTH, received: String(length) },
  };
}

/** Parses one raw string (from the URL or an input) into a value, or throws a named error. */
export function parseParam(name: string, spec: ParamSpec, raw: string): ParamValue {
  if (typeof raw !== 'string') throw paramTypeError(name, `${name} must be text; received ${describe(raw)}`);
  if (raw.length > MAX_RAW_LENGTH) {
    throw rangeRefusal(`${name} must be at most ${MAX_RAW_LENGTH} characters; received ${raw.length}`, {
      param: name, rule: 'chars', min: 0, max: MAX_RAW_LENGTH, received: String(raw.length),
    });
  }
  // What a Chinese keyboard types: full-width digits, signs, spaces, ，and ；(NFKC makes them ASCII),
  // the enumeration comma 、 and the true minus − the hints print.
  raw = raw.normalize('NFKC').replace(/、/g, ',').replace(/\u2212/g, '-');
  if (spec.kind === 'enum') {
    const choice = raw.trim();
    if (!spec.values.includes(choice)) {
      throw rangeRefusal(`${name} must be one of ${spec.values.join(', ')}; received ${describe(raw)}`, {
        param: name, rule: 'choice', values: spec.values, received: describe(raw),
      });
    }
    return choice;
  }
  if (spec.kind === 'vector') {
    const parts = raw.split(/[\s,;]+/).filter((p) => p !== '');
    if (parts.length < spec.minLength || parts.length > spec.maxLength) {
      throw rangeRefusal(`${name} must have ${spec.minLength} to ${spec.maxLength} numbers; received ${parts.length}`, {
        param: name, rule: 'count', min: spec.minLength, max: spec.maxLength, received: String(parts.length),
      });
    }
    return parts.map((p, i) => inRange(`${name}[${i}]`, toNumber(`${name}[${i}]`, p), spec.min, spec.max));
  }
  if (spec.kind === 'matrix') return parseMatrix(name, spec, raw);
  const x = toNumber(name, raw.trim());
  return spec.kind === 'integer' ? integer(name, x, spec.min, spec.max) : inRange(name, x, spec.min, spec.max);
}

/** "1,2; 3,4" → [[1, 2], [3, 4]]: every row as long as the first, sizes and values within the spec. */
function parseMatrix(name: string, spec: Extract<ParamSpec, { kind: 'matrix' }>, raw: string): number[][] {
  const lines = raw.split(/[;\n]/).map((l) => l.trim());
  // One trailing separator ("1,2;3,4;") is forgiven; an empty row in the middle is not.
  if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  if (lines.length < spec.minRows || lines.length > spec.maxRows) {
    throw rangeRefusal(`${name} must have ${spec.minRows} to ${spec.maxRows} rows; received ${lines.length}`, {
      param: name, rule: 'rows', min: spec.minRows, max: spec.maxRows, received: String(lines.length),
    });
  }
  const rows = lines.map((line) => line.split(/[\s,]+/).filter((p) => p !== ''));
  const cols = rows[0]!.length;
  if (cols < spec.minCols || cols > spec.maxCols) {
    throw rangeRefusal(`${name} must have ${spec.minCols} to ${spec.maxCols} numbers per row; received ${cols}`, {
      param: name, rule: 'cols', min: spec.minCols, max: spec.maxCols, received: String(cols),
    });
  }
  return rows.map((parts, i) => {
    if (parts.length !== cols) {
      throw rangeRefusal(`${name}[${i}] must have ${cols} numbers like row 0; received ${parts.length}`, {
        param: `${name}[${i}]`, rule: 'sameCount', count: cols, received: String(parts.length),
      });
    }
    return parts.map((p, j) => inRange(`${name}[${i}][${j}]`, toNumber(`${name}[${i}][${j}]`, p), spec.min, spec.max));
  });
}

/** Strict number syntax: rejects "", "0x10", "1e999" (→ Infinity) and trailing junk like "1px". */
function toNumber(name: string, text: string): number {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text)) {
    throw typeRefusal(`${name} must be a number; received ${describe(text)}`, { param: name, rule: 'number', received: describe(text) });
  }
  const x = Number(text);
  // Report overflow ("1e999") with the reader's own text: "Infinity" must never reach the screen.
  if (!Number.isFinite(x)) {
    throw rangeRefusal(`${name} must be a number of magnitude below 1e308; received ${describe(text)}`, {
      param: name, rule: 'range', min: -1e308, max: 1e308, received: describe(text),
    });
  }
  return x;
}

export function defaults<S extends Schema>(schema: S): StateOf<S> {
  const out: Record<string, ParamValue> = {};
  for (const [k, spec] of Object.entries(schema)) out[k] = spec.default;
  return out as StateOf<S>;
}

export interface ParamError {
  param: string;
  message: string;
  /** What was refused, as data (for a message in the reader's language). */
  refusal?: Refusal;
}

/**
 * Reads every schema parameter from a query string (or one already split by `readQuery`). A missing
 * parameter takes `fallback`'s value; a bad one also keeps `fallback`'s value and is reported, so one
 * typo never blanks a page. Unknown parameters are ignored; a query refused as a whole (too long)
 * leaves the whole fallback and reports that one refusal.
 */
export function parseQuery<S extends Schema>(
  schema: S,
  search: string | QueryParams,
  fallback: StateOf<S> = defaults(schema),
): { state: StateOf<S>; errors: ParamError[] } {
  const { params, refused } = typeof search === 'string' ? readQuery(search) : search;
  const state: Record<string, ParamValue> = { ...fallback };
  const errors: ParamError[] = refused ? [refused] : [];
  for (const [name, spec] of Object.entries(schema)) {
    const raw = params.get(name);
    if (raw === null) continue;
    try {
      state[name] = parseParam(name, spec, raw);
    } catch (e) {
      const refusal = refusalOf(e);
      errors.push({ param: name, message: e instanceof Error ? e.message : String(e), ...(refusal ? { refusal } : {}) });
    }
  }
  return { state: state as StateOf<S>, errors };
}

/** True when two states of `schema` would write the same query (every parameter formats alike). */
export function sameState<S extends Schema>(schema: S, a: StateOf<S>, b: StateOf<S>): boolean {
  for (const [name, s] of [['a', a], ['b', b]] as const) {
    if (typeof s !== 'object' || s === null) throw paramTypeError(name, `${name} must be a state object; received ${describe(s)}`);
  }
  return Object.keys(schema).every((k) => a[k] === b[k] || formatParam(a[k] as ParamValue) === formatParam(b[k] as ParamValue));
}

/** Formats one value as it appears in the URL and in an input (plain ASCII, round-trips). */
export function formatParam(value: ParamValue): string {
  return formatNamed('value', value);
}

/** formatParam, with the parameter's name in the error for a value that is not finite numbers. */
function formatNamed(name: string, value: unknown): string {
  if (typeof value === 'number') return String(finite(name, value));
  // An enum's value: one of its schema's names, lower-case identifiers ("train", "k-means").
  if (typeof value === 'string') {
    if (!ENUM_NAME.test(value)) throw paramTypeError(name, `${name} must be a lower-case name such as "eval"; received ${describe(value)}`);
    return value;
  }
  if (!isArrayLike(value)) throw paramTypeError(name, `${name} must be a number, a name, a list or a matrix; received ${describe(value)}`);
  // A matrix: rows joined by ';'.
  if (value.length > 0 && typeof value[0] !== 'number') {
    return Array.from(value, (row, i) => vector(`${name}[${i}]`, row, 0).map(String).join(',')).join(';');
  }
  return vector(name, value, 0).map(String).join(',');
}

/** Serializes the whole state, in schema order, as "?a=1&b=2,3". */
export function toQuery<S extends Schema>(schema: S, state: StateOf<S>): string {
  if (typeof state !== 'object' || state === null) throw paramTypeError('state', `state must be an object; received ${describe(state)}`);
  const params = new URLSearchParams();
  for (const name of Object.keys(schema)) params.set(name, formatNamed(name, state[name]));
  // Commas and semicolons are safe in a query; keep them readable instead of %2C / %3B.
  return `?${params.toString().replace(/%2C/g, ',').replace(/%3B/g, ';')}`;
}
