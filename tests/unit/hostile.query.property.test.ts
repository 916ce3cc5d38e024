/**
 * Hostile input against the parsers (issue #6): src/lib/query.ts (the one parser of URL and input
 * values), the VQ comparison panel's query parser and the diabetes JSON loader. Garbage, NaN, 1e999,
 * HTML/script text, NUL bytes, 100 kB values, thousands of parameters and repeated parameters:
 * the result is always within the spec, or a named RangeError/TypeError that quotes at most a short
 * excerpt of what was received. 1000 runs per property.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  MAX_QUERY_LENGTH, MAX_RAW_LENGTH, defaults, formatParam, parseParam, parseQuery, queryRefusal, readQuery, sameState, toQuery, type ParamSpec, type ParamValue, type Schema,
} from '../../src/lib/query';
import { CMP_MAX_N, parseCompareQuery } from '../../src/components/vq/compare';
import { prepareDiabetes, type DiabetesJson } from '../../src/cells/l1l2Path';
import { RUNS, expectNamedError, hAny, obeys } from './hostile';

const HOSTILE = [
  'NaN', '-NaN', 'nan', '1e999', '-1e999', '1e308', '-1e308', '1e-400', 'Infinity', '-Infinity', '+Infinity',
  '<img src=x onerror=window.__pwned=1>', '"><script>window.__pwned=1</script>', '99999999', '', ' ', '\u0000', '%00',
  '0x10', '0b1', '1px', '1,', ',1', '1;;2', '1,2;3', ';', '\n', '1e', '.', '-', '+', '--1', '1.2.3', '١٢', '１', '½',
  'undefined', 'null', 'true', '[]', '{}', '1_000', '1 2', String(2 ** 53 + 1), '-0', '0.0000000000000000000001',
];

const rawText: fc.Arbitrary<string> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...HOSTILE) },
  { weight: 2, arbitrary: fc.string({ maxLength: 30 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 30 }) },
  { weight: 3, arbitrary: fc.array(fc.oneof(fc.double(), fc.integer()).map(String), { maxLength: 6 }).chain((xs) => fc.constantFrom(',', ' ', ';', ', ').map((sep) => xs.join(sep))) },
  { weight: 1, arbitrary: fc.constantFrom(MAX_RAW_LENGTH, MAX_RAW_LENGTH + 1, 100_000).map((n) => '1,'.repeat(n).slice(0, n)) },
);

/** A spec with random (sane) bounds. */
const specArb: fc.Arbitrary<ParamSpec> = fc.oneof(
  fc.tuple(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }))
    .map(([min, w]) => ({ kind: 'number' as const, min, max: min + w, default: min })),
  fc.tuple(fc.integer({ min: -1000, max: 1000 }), fc.integer({ min: 0, max: 2 ** 32 }))
    .map(([min, w]) => ({ kind: 'integer' as const, min, max: min + w, default: min })),
  fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 8 }), fc.double({ min: -100, max: 0, noNaN: true }), fc.double({ min: 0, max: 100, noNaN: true }))
    .map(([minLength, w, min, max]) => ({ kind: 'vector' as const, minLength, maxLength: minLength + w, min, max, default: [] })),
  fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 0, max: 4 }))
    .map(([minRows, wr, minCols, wc]) => ({ kind: 'matrix' as const, minRows, maxRows: minRows + wr, minCols, maxCols: minCols + wc, min: -50, max: 50, default: [] })),
  fc.uniqueArray(fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/), { minLength: 1, maxLength: 5 })
    .map((values) => ({ kind: 'enum' as const, values, default: values[0]! })),
);

/** Asserts a parsed value satisfies its spec. */
function expectWithin(spec: ParamSpec, v: ParamValue): void {
  if (spec.kind === 'enum') {
    expect(spec.values).toContain(v);
    return;
  }
  const inBounds = (x: number) => {
    expect(Number.isFinite(x)).toBe(true);
    expect(x).toBeGreaterThanOrEqual(spec.min);
    expect(x).toBeLessThanOrEqual(spec.max);
  };
  if (spec.kind === 'number' || spec.kind === 'integer') {
    expect(typeof v).toBe('number');
    inBounds(v as number);
    if (spec.kind === 'integer') expect(Number.isInteger(v)).toBe(true);
  } else if (spec.kind === 'vector') {
    const xs = v as number[];
    expect(xs.length).toBeGreaterThanOrEqual(spec.minLength);
    expect(xs.length).toBeLessThanOrEqual(spec.maxLength);
    xs.forEach(inBounds);
  } else {
    const rows = v as number[][];
    expect(rows.length).toBeGreaterThanOrEqual(spec.minRows);
    expect(rows.length).toBeLessThanOrEqual(spec.maxRows);
    for (const row of rows) {
      expect(row.length).toBe(rows[0]!.length);
      expect(row.length).toBeGreaterThanOrEqual(spec.minCols);
      expect(row.length).toBeLessThanOrEqual(spec.maxCols);
      row.forEach(inBounds);
    }
  }
}

/** A value that satisfies the spec (bounds included). */
function valueIn(spec: ParamSpec): fc.Arbitrary<ParamValue> {
  const num = (min: number, max: number) => fc.oneof(fc.constantFrom(min, max), fc.double({ min, max, noNaN: true }));
  switch (spec.kind) {
    case 'enum': return fc.constantFrom(...spec.values);
    case 'number': return num(spec.min, spec.max);
    case 'integer': return fc.oneof(fc.constantFrom(spec.min, spec.max), fc.integer({ min: spec.min, max: spec.max }));
    case 'vector': return fc.array(num(spec.min, spec.max), { minLength: spec.minLength, maxLength: spec.maxLength });
    case 'matrix':
      return fc.tuple(fc.integer({ min: spec.minRows, max: spec.maxRows }), fc.integer({ min: spec.minCols, max: spec.maxCols }))
        .chain(([r, c]) => fc.array(fc.array(num(spec.min, spec.max), { minLength: c, maxLength: c }), { minLength: r, maxLength: r }));
  }
}

const plusZero = (v: ParamValue): unknown => (typeof v === 'string' ? v : typeof v === 'number' ? v + 0 : (v as readonly unknown[]).map((x) => plusZero(x as ParamValue)));

const SCHEMA = {
  a: { kind: 'number', min: -1, max: 1, default: 0.5 },
  k: { kind: 'integer', min: 2, max: 10, default: 3 },
  v: { kind: 'vector', minLength: 1, maxLength: 5, min: -50, max: 50, default: [1, 2] },
  m: { kind: 'matrix', minRows: 1, maxRows: 3, minCols: 1, maxCols: 3, min: 0, max: 9, default: [[1, 2], [3, 4]] },
} as const satisfies Schema;

describe('parseParam', () => {
  it('returns a value within the spec or throws a named RangeError/TypeError quoting ≤ 40 characters', () => {
    fc.assert(
      fc.property(specArb, rawText, (spec, raw) => {
        let v: ParamValue;
        try {
          v = parseParam('p', spec, raw);
        } catch (e) {
          expectNamedError('parseParam', e);
          expect((e as Error).message.startsWith('p')).toBe(true);
          // The message names the accepted range or size, never the raw text beyond a short excerpt.
          expect((e as Error).message).toMatch(/must (be|have)/);
          expect((e as Error).message.length).toBeLessThan(200);
          return;
        }
        expectWithin(spec, v);
      }),
      RUNS,
    );
  });
  it('round-trips every value in the spec through formatParam (what the URL and the inputs hold)', () => {
    fc.assert(
      fc.property(specArb.chain((spec) => fc.tuple(fc.constant(spec), valueIn(spec))), ([spec, v]) => {
        const text = formatParam(v);
        expect(text).not.toMatch(/NaN|Infinity|undefined|null|e\+/);
        expect(plusZero(parseParam('p', spec, text))).toEqual(plusZero(v));
      }),
      RUNS,
    );
  });
  it('refuses NaN, ±1e999 and HTML/script text with a message that shows the range', () => {
    const number: ParamSpec = { kind: 'number', min: 0, max: 1, default: 0 };
    for (const raw of ['NaN', '1e999', '-1e999', '<img src=x onerror=window.__pwned=1>', '"><script>window.__pwned=1</script>', '%00', '']) {
      expect(() => parseParam('eps', number, raw)).toThrow(/^eps must be (a number|a number of magnitude below 1e308); received /);
    }
    expect(() => parseParam('eps', number, '99999999')).toThrow('eps must be in [0, 1]; received 99999999');
    expect(() => parseParam('eps', number, 'x'.repeat(100_000))).toThrow(`eps must be at most ${MAX_RAW_LENGTH} characters; received 100000`);
  });
  it('refuses wrong types with a TypeError naming the parameter', () => {
    fc.assert(
      fc.property(specArb, hAny, (spec, raw) => {
        obeys('parseParam', () => parseParam('p', spec, raw as string));
      }),
      RUNS,
    );
  });
});

describe('parseQuery / toQuery', () => {
  const queryArb: fc.Arbitrary<string> = fc.oneof(
    fc.string({ maxLength: 60 }),
    fc.array(fc.tuple(fc.constantFrom('a', 'k', 'v', 'm', 'x', 'A', 'a[]', '', '__proto__', 'constructor'), rawText), { maxLength: 8 })
      .map((pairs) => `?${pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&')}`),
    fc.array(fc.tuple(fc.constantFrom('a', 'k', 'v', 'm'), rawText), { maxLength: 8 })
      .map((pairs) => `?${pairs.map(([k, v]) => `${k}=${v}`).join('&')}`), // not encoded: % & = # as they come
  );

  it('never throws; every state value is within its spec; bad values keep the fallback and are reported by name', () => {
    fc.assert(
      fc.property(queryArb, (q) => {
        const { state, errors } = parseQuery(SCHEMA, q);
        for (const [name, spec] of Object.entries(SCHEMA)) expectWithin(spec, state[name as keyof typeof SCHEMA] as ParamValue);
        const params = new URLSearchParams(q);
        if (q.length > MAX_QUERY_LENGTH) {
          // Refused whole: one message, the whole fallback.
          expect(errors).toEqual([queryRefusal(q.length)]);
          expect(state).toEqual(defaults(SCHEMA));
          return;
        }
        for (const e of errors) {
          expect(Object.keys(SCHEMA)).toContain(e.param);
          expect(e.message.startsWith(e.param)).toBe(true);
          expect(state[e.param as keyof typeof SCHEMA]).toEqual(defaults(SCHEMA)[e.param as keyof typeof SCHEMA]);
          expect(params.get(e.param)).not.toBeNull();
        }
        // Only the schema's own keys, no prototype pollution from "__proto__" / "constructor".
        expect(Object.keys(state).sort()).toEqual(Object.keys(SCHEMA).sort());
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      RUNS,
    );
  });
  it('toQuery → parseQuery is the identity on valid states', () => {
    const stateArb = fc.record(Object.fromEntries(Object.entries(SCHEMA).map(([k, s]) => [k, valueIn(s)])));
    fc.assert(
      fc.property(stateArb, (s) => {
        const q = toQuery(SCHEMA, s as never);
        expect(q).not.toMatch(/NaN|Infinity|undefined|null/);
        const back = parseQuery(SCHEMA, q);
        expect(back.errors).toEqual([]);
        expect(plusZero(Object.values(back.state) as never)).toEqual(plusZero(Object.values(s) as never));
      }),
      RUNS,
    );
  });
  it('a query over MAX_QUERY_LENGTH is refused whole, with one message and the fallback state', () => {
    for (const q of [
      `?${Array.from({ length: 5000 }, (_, i) => `p${i}=${i}`).join('&')}&a=0.25`,
      `?v=${'1,'.repeat(50_000)}&k=${'9'.repeat(100_000)}`,
      `?a=0.25&x=${'y'.repeat(MAX_QUERY_LENGTH)}`,
    ]) {
      const fallback = { ...defaults(SCHEMA), a: -0.5 };
      const r = parseQuery(SCHEMA, q, fallback);
      expect(r.state).toEqual(fallback);
      expect(r.errors).toMatchObject([{ param: 'query', message: `query must be at most ${MAX_QUERY_LENGTH} characters; received ${q.length}` }]);
      expect(readQuery(q).refused).toEqual(r.errors[0]);
      expect([...readQuery(q).params]).toEqual([]);
    }
  });
  it('up to MAX_QUERY_LENGTH: 1,500 unknown parameters are ignored, long values refused by name, the first of repeated values wins', () => {
    const many = `?${Array.from({ length: 1500 }, (_, i) => `p${i}=${i}`).join('&')}&a=0.25`;
    expect(many.length).toBeLessThanOrEqual(MAX_QUERY_LENGTH);
    const r1 = parseQuery(SCHEMA, many);
    expect(r1.state.a).toBe(0.25);
    expect(r1.errors).toEqual([]);
    const r2 = parseQuery(SCHEMA, `?v=${'1,'.repeat(3000)}&k=${'9'.repeat(10_000)}`);
    expect(r2.errors.map((e) => e.param)).toEqual(['k', 'v']);
    for (const e of r2.errors) expect(e.message.length).toBeLessThan(120);
    const r3 = parseQuery(SCHEMA, '?k=4&k=NaN&k=5');
    expect(r3.state.k).toBe(4);
    // A query split once (as a page does for all its cells) reads the same as the string.
    expect(parseQuery(SCHEMA, readQuery(many))).toEqual(r1);
  });
  it('sameState: equal exactly when the two states write the same query', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 1, noNaN: true }), fc.double({ min: -1, max: 1, noNaN: true }), (x, y) => {
        const a = { ...defaults(SCHEMA), a: x };
        const b = { ...defaults(SCHEMA), a: y };
        expect(sameState(SCHEMA, a, b)).toBe(toQuery(SCHEMA, a) === toQuery(SCHEMA, b));
      }),
      RUNS,
    );
    expect(sameState(SCHEMA, defaults(SCHEMA), { ...defaults(SCHEMA), m: [[1, 2], [3, 5]] })).toBe(false);
  });
});

describe('other parsers', () => {
  const ids = ['seed-colors', 'digits-vq'];
  it('parseCompareQuery: state within the schema, errors name the parameter', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('cmpModel', 'cmpN', 'cmpSeed'), fc.oneof(rawText, fc.constantFrom(...ids))), { maxLength: 5 }), (pairs) => {
        const q = new URLSearchParams(pairs).toString();
        const { state, errors } = parseCompareQuery(q, ids);
        expect(ids).toContain(state.cmpModel);
        expect(Number.isInteger(state.cmpN) && state.cmpN >= 1 && state.cmpN <= CMP_MAX_N).toBe(true);
        expect(Number.isInteger(state.cmpSeed) && state.cmpSeed >= 0 && state.cmpSeed < 2 ** 32).toBe(true);
        if (q.length > MAX_QUERY_LENGTH) expect(errors).toEqual([queryRefusal(q.length).message]);
        for (const e of errors) {
          expect(e).toMatch(/^(cmpModel|cmpN|cmpSeed|query) must /);
          expect(e.length).toBeLessThan(200);
        }
      }),
      RUNS,
    );
  });
  it('prepareDiabetes: hostile JSON gives a named RangeError/TypeError or finite data', () => {
    const row = fc.array(fc.oneof(fc.double({ min: -1, max: 1, noNaN: true }), hAny), { minLength: 2, maxLength: 2 });
    fc.assert(
      fc.property(fc.oneof(hAny, fc.record({ feature_names: fc.oneof(fc.constant(['a', 'b']), hAny), X: fc.oneof(fc.array(row, { maxLength: 4 }), hAny), y: fc.oneof(fc.array(fc.double({ noNaN: true, min: -5, max: 5 }), { maxLength: 4 }), hAny) })), (json) => {
        obeys('prepareDiabetes', () => prepareDiabetes(json as DiabetesJson), { checkStrings: false });
      }),
      RUNS,
    );
  });
});
