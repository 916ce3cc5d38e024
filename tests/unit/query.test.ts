import { describe, expect, it } from 'vitest';
import { formatNumber, formatVector } from '../../src/lib/format';
import { defaults, formatParam, parseParam, parseQuery, toQuery, type Schema } from '../../src/lib/query';

const schema = {
  eps: { kind: 'number', min: 0, max: 1, default: 0.1 },
  k: { kind: 'integer', min: 2, max: 10, default: 3 },
  logits: { kind: 'vector', minLength: 2, maxLength: 4, min: -50, max: 50, default: [2, 1, 0] },
} as const satisfies Schema;

describe('parseParam', () => {
  it('accepts plain decimal syntax', () => {
    expect(parseParam('eps', schema.eps, ' 0.25 ')).toBe(0.25);
    expect(parseParam('eps', schema.eps, '.5')).toBe(0.5);
    expect(parseParam('eps', schema.eps, '1e-1')).toBe(0.1);
    expect(parseParam('logits', schema.logits, '1, -2 ;3')).toEqual([1, -2, 3]);
  });
  it.each([
    ['eps', '', TypeError, /eps must be a number; received ""/],
    ['eps', '1.5', RangeError, /eps must be in \[0, 1\]; received 1\.5/],
    ['eps', '0x1', TypeError, /eps must be a number/],
    ['eps', '1e999', RangeError, /eps must be a number of magnitude below 1e308; received "1e999"/],
    ['eps', 'NaN', TypeError, /eps must be a number; received "NaN"/],
    ['eps', '<script>', TypeError, /eps must be a number; received "<script>"/],
    ['k', '2.5', TypeError, /k must be an integer; received 2\.5/],
    ['k', '11', RangeError, /k must be an integer in \[2, 10\]; received 11/],
    ['logits', '1', RangeError, /logits must have 2 to 4 numbers; received 1/],
    ['logits', '1,2,3,4,5', RangeError, /logits must have 2 to 4 numbers; received 5/],
    ['logits', '1,x', TypeError, /logits\[1\] must be a number; received "x"/],
    ['logits', '1,99', RangeError, /logits\[1\] must be in \[-50, 50\]; received 99/],
    ['eps', '1'.repeat(5000), RangeError, /eps must be at most 2000 characters; received 5000/],
  ] as const)('%s=%j is refused with a named message', (name, raw, type, message) => {
    const spec = schema[name];
    expect(() => parseParam(name, spec, raw)).toThrow(type);
    expect(() => parseParam(name, spec, raw)).toThrow(message);
  });
});

describe('parseQuery / toQuery', () => {
  it('round-trips a state through the URL', () => {
    const state = { eps: 0.35, k: 4, logits: [0.5, -1, 3] };
    const q = toQuery(schema, state);
    expect(q).toBe('?eps=0.35&k=4&logits=0.5,-1,3');
    expect(parseQuery(schema, q)).toEqual({ state, errors: [] });
  });
  it('keeps the fallback for bad or missing values and reports each bad one', () => {
    const { state, errors } = parseQuery(schema, '?eps=2&k=5&logits=a,b&junk=1');
    expect(state).toEqual({ ...defaults(schema), k: 5 });
    expect(errors.map((e) => e.param)).toEqual(['eps', 'logits']);
  });
  it('formats params as ASCII that parses back', () => {
    expect(formatParam([-1, 0.5])).toBe('-1,0.5');
    expect(formatParam(1e-7)).toBe('1e-7');
    expect(parseParam('eps', schema.eps, formatParam(1e-7))).toBe(1e-7);
  });
});

describe('formatNumber', () => {
  it('prints fixed decimals, typographic minus, no negative zero', () => {
    expect(formatNumber(0.507606)).toBe('0.5076');
    expect(formatNumber(-0.25)).toBe('−0.2500');
    expect(formatNumber(-0.00001)).toBe('−1.000e-5');
    expect(formatNumber(-0)).toBe('0.0000');
    expect(formatNumber(0.1, { trim: true })).toBe('0.1');
    expect(formatNumber(10, { trim: true })).toBe('10');
    expect(formatNumber(2.5e7)).toBe('2.500e7');
    expect(formatVector([1, -1], { digits: 1 })).toBe('[1.0, −1.0]');
  });
  it('refuses to print NaN or Infinity', () => {
    expect(() => formatNumber(Number.NaN)).toThrow(TypeError);
    expect(() => formatNumber(Number.POSITIVE_INFINITY)).toThrow(/finite number; received Infinity/);
  });
});

describe('matrix parameters', () => {
  const spec = { kind: 'matrix', minRows: 2, maxRows: 4, minCols: 1, maxCols: 3, min: -100, max: 100, default: [[1], [2]] } as const;
  const mschema = { x: spec } as const satisfies Schema;
  it('parses rows separated by ";" or line breaks, numbers by commas or spaces', () => {
    expect(parseParam('x', spec, '1,2; 3,4')).toEqual([[1, 2], [3, 4]]);
    expect(parseParam('x', spec, '1 2\n3 4\n')).toEqual([[1, 2], [3, 4]]);
    expect(parseParam('x', spec, '1;2;3;')).toEqual([[1], [2], [3]]);
    expect(parseParam('x', spec, ' -1.5 , 2e1 ; .5,0 ')).toEqual([[-1.5, 20], [0.5, 0]]);
  });
  it.each([
    ['1,2', RangeError, /x must have 2 to 4 rows; received 1/],
    ['1;2;3;4;5', RangeError, /x must have 2 to 4 rows; received 5/],
    ['1,2,3,4;1,2,3,4', RangeError, /x must have 1 to 3 numbers per row; received 4/],
    ['; ', RangeError, /x must have 2 to 4 rows; received 1/],
    [' , ; 1', RangeError, /x must have 1 to 3 numbers per row; received 0/],
    ['1,2;3', RangeError, /x\[1\] must have 2 numbers like row 0; received 1/],
    ['1;;2', RangeError, /x\[1\] must have 1 numbers like row 0; received 0/],
    ['1,2;3,abc', TypeError, /x\[1\]\[1\] must be a number; received "abc"/],
    ['1,2;3,1e999', RangeError, /x\[1\]\[1\] must be a number of magnitude below 1e308; received "1e999"/],
    ['1,2;3,101', RangeError, /x\[1\]\[1\] must be in \[-100, 100\]; received 101/],
  ] as const)('x=%j is refused with a named message', (raw, type, message) => {
    expect(() => parseParam('x', spec, raw)).toThrow(type);
    expect(() => parseParam('x', spec, raw)).toThrow(message);
  });
  it('round-trips through the URL with readable separators', () => {
    const state = { x: [[1, -2.5], [3, 4]] };
    const q = toQuery(mschema, state);
    expect(q).toBe('?x=1,-2.5;3,4');
    expect(parseQuery(mschema, q)).toEqual({ state, errors: [] });
    expect(formatParam([[1], [2]])).toBe('1;2');
    expect(defaults(mschema)).toEqual({ x: [[1], [2]] });
  });
});
