/**
 * Shared pieces of the hostile-input properties (issue #6): arbitraries that mix well-formed values
 * with NaN, ±Infinity, −0, huge numbers and values of the wrong type, and the one contract every
 * parser, library function and cell view must keep:
 *
 *   it returns finite, well-formed output (no NaN/±Infinity anywhere, no "NaN"/"undefined"/"Infinity"/
 *   "null" in a string), or it throws a RangeError/TypeError whose message names the parameter
 *   ("<name> must …"), the accepted range and the value received ("…; received …").
 */
import { expect } from 'vitest';
import fc from 'fast-check';

export const RUNS = { numRuns: 1000 };

/** Numbers a URL or a careless caller can produce. */
export const EXTREME_NUMBERS: readonly number[] = [
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 0, 1, -1, 0.5, 2, 3,
  1e308, -1e308, Number.MAX_VALUE, -Number.MAX_VALUE, Number.MIN_VALUE, -Number.MIN_VALUE,
  2 ** 31, 2 ** 32, 2 ** 53, 2 ** 53 + 2, 1e20, -1e20, 99_999_999, 1e-300, 255, 256, 1000,
];

/** A number: mostly small and ordinary, often extreme, sometimes any double (NaN and ±Infinity included). */
export const hNum: fc.Arbitrary<number> = fc.oneof(
  { weight: 4, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
  { weight: 3, arbitrary: fc.integer({ min: -2, max: 12 }) },
  { weight: 3, arbitrary: fc.constantFrom(...EXTREME_NUMBERS) },
  { weight: 1, arbitrary: fc.double() },
);

/** Values of the wrong kind (what a typo in the code or a JSON file can hand a function). */
export const wrongType: fc.Arbitrary<unknown> = fc.constantFrom<unknown>(
  null, undefined, '1', '', 'NaN', '<img src=x onerror=alert(1)>', true, false, {}, [], [Number.NaN],
  { length: 3 }, () => 1, new Map(), new Date(0), new DataView(new ArrayBuffer(8)),
);

/** Any value: usually a number, sometimes the wrong kind. */
export const hAny: fc.Arbitrary<unknown> = fc.oneof({ weight: 8, arbitrary: hNum }, { weight: 1, arbitrary: wrongType });

/** A number, or (rarely) anything. */
export const hScalar = (ok: fc.Arbitrary<number> = hNum): fc.Arbitrary<unknown> =>
  fc.oneof({ weight: 12, arbitrary: ok }, { weight: 1, arbitrary: hAny });

/** An array of numbers (plain or typed) of length ≤ max, with hostile entries; sometimes not an array. */
export const hVec = (max = 8, item: fc.Arbitrary<number> = hNum, min = 0): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 8, arbitrary: fc.array(item, { minLength: min, maxLength: max }) },
    { weight: 1, arbitrary: fc.array(item, { minLength: min, maxLength: max }).map((a) => Float64Array.from(a)) },
    { weight: 1, arbitrary: fc.array(item, { minLength: min, maxLength: max }).map((a) => Float32Array.from(a)) },
    { weight: 1, arbitrary: fc.array(hAny, { maxLength: max }) },
    { weight: 1, arbitrary: wrongType },
  );

/** A rectangular matrix (sometimes ragged, sometimes not a matrix). */
export const hMat = (maxRows = 6, maxCols = 6, item: fc.Arbitrary<number> = hNum): fc.Arbitrary<unknown> =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc
        .tuple(fc.integer({ min: 0, max: maxRows }), fc.integer({ min: 0, max: maxCols }))
        .chain(([r, c]) => fc.array(fc.array(item, { minLength: c, maxLength: c }), { minLength: r, maxLength: r })),
    },
    { weight: 1, arbitrary: fc.array(hVec(maxCols, item), { maxLength: maxRows }) },
    { weight: 1, arbitrary: wrongType },
  );

/** An options object whose listed fields may be missing, hostile or of the wrong kind; sometimes not an object. */
export const hOpts = (fields: Record<string, fc.Arbitrary<unknown>>): fc.Arbitrary<unknown> =>
  fc.oneof(
    { weight: 10, arbitrary: fc.record(fields, { requiredKeys: [] }) },
    { weight: 1, arbitrary: wrongType },
  );

/** A boolean, or (rarely) something that is not. */
export const hBool: fc.Arbitrary<unknown> = fc.oneof({ weight: 6, arbitrary: fc.boolean() }, { weight: 1, arbitrary: hAny });

/** Words that must never reach the screen. */
export const BAD_WORDS = /NaN|undefined|Infinity|null/;

/** The first non-finite number or bad string inside a returned value (arrays, typed arrays, objects), or null. */
export function firstBadLeaf(value: unknown, checkStrings = true): string | null {
  const seen = new Set<unknown>();
  const walk = (v: unknown, path: string): string | null => {
    if (typeof v === 'number') return Number.isFinite(v) ? null : `a non-finite number at ${path}: ${v}`;
    if (typeof v === 'string') return checkStrings && BAD_WORDS.test(v) ? `${JSON.stringify(v.slice(0, 200))} at ${path}` : null;
    if (v === null || typeof v !== 'object' || seen.has(v)) return null;
    seen.add(v);
    if (ArrayBuffer.isView(v) && !(v instanceof DataView)) {
      const a = v as unknown as ArrayLike<number>;
      for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return `a non-finite number at ${path}[${i}]: ${a[i]}`;
      return null;
    }
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const x: unknown = v[i];
        if (typeof x === 'number' && Number.isFinite(x)) continue;
        const bad = walk(x, `${path}[${i}]`);
        if (bad) return bad;
      }
      return null;
    }
    const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
    for (const [k, x] of entries) {
      const bad = walk(x, `${path}.${String(k)}`);
      if (bad) return bad;
    }
    return null;
  };
  return walk(value, '$');
}

/** A returned value: every number finite, no bad word in any string. */
export function expectWellFormed(label: string, value: unknown, { checkStrings = true } = {}): void {
  const bad = firstBadLeaf(value, checkStrings);
  if (bad) expect.fail(`${label} returned ${bad}`);
}

/** A thrown error: RangeError/TypeError, "<name> must …; received …", short enough to show inline. */
export function expectNamedError(label: string, e: unknown, allowed?: RegExp): void {
  if (!(e instanceof RangeError || e instanceof TypeError)) {
    expect.fail(`${label} threw ${(e as Error)?.constructor?.name ?? typeof e}: ${String((e as Error)?.message ?? e)}`);
  }
  const msg = (e as Error).message;
  if (allowed?.test(msg)) return;
  // The parameter: the message starts with a name (or "the <what>"), then says what it must be.
  if (!/^[\w.[\]'"×·:()=+/, −-]+? (must|overflows)\b/.test(msg)) expect.fail(`${label}: message does not name the parameter: ${msg}`);
  if (!/\breceived\b/.test(msg)) expect.fail(`${label}: message does not show the received value: ${msg}`);
  if (msg.length > 400) expect.fail(`${label}: message is ${msg.length} characters long: ${msg.slice(0, 100)}…`);
}

/**
 * Runs `f`: either it throws a named RangeError/TypeError, or what it returns is well formed.
 * Returns the result (or undefined after an error) for further checks.
 */
export function obeys<T>(label: string, f: () => T, opts?: { checkStrings?: boolean; message?: RegExp }): T | undefined {
  let out: T;
  try {
    out = f();
  } catch (e) {
    expectNamedError(label, e, opts?.message);
    return undefined;
  }
  expectWellFormed(label, out, opts);
  return out;
}

/** The same contract for an async function: a rejection counts as a throw. */
export async function obeysAsync<T>(label: string, f: () => Promise<T>, opts?: { checkStrings?: boolean; message?: RegExp }): Promise<T | undefined> {
  let out: T;
  try {
    out = await f();
  } catch (e) {
    expectNamedError(label, e, opts?.message);
    return undefined;
  }
  expectWellFormed(label, out, opts);
  return out;
}
