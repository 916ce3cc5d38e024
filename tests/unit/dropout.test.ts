import { describe, expect, it } from 'vitest';
import { dropout, dropout2d, dropoutMask, dropoutScale } from '../../src/lib/dropout';
import { expectClose, F64 } from './close';
import fx from '../fixtures/dropout_props.json';

// PyTorch's random stream cannot be reproduced, so the fixtures pin the deterministic facts:
// eval and p = 0 are the identity, p = 1 gives zeros, and every kept unit is x·(1/(1 − p)) with the
// same factor torch applied (compared at F64 = 1e-9 relative; it is one multiplication).

describe('dropout against torch.nn.Dropout facts', () => {
  it('has enough cases', () => {
    expect(fx.cases.length).toBeGreaterThanOrEqual(50);
    expect(fx.dropout2d.length).toBeGreaterThanOrEqual(20);
  });
  it('eval mode is the identity, like torch', () => {
    for (const [i, c] of fx.cases.entries()) {
      expect(dropout(c.x, c.p, { seed: i, training: false }), `case ${i}`).toEqual(c.eval);
    }
  });
  it('kept units are scaled by the factor torch used; dropped units are 0', () => {
    for (const [i, c] of fx.cases.entries()) {
      const y = dropout(c.x, c.p, { seed: i });
      const s = dropoutScale(c.p);
      for (const ts of c.scales) expectClose(s, ts, F64, `case ${i} torch scale`);
      y.forEach((v, j) => {
        if (v !== 0) expectClose(v, c.x[j]! * s, F64, `case ${i}[${j}]`);
      });
      // torch's own output has the same structure
      c.train.forEach((v, j) => {
        if (v !== 0) expectClose(v, c.x[j]! * s, F64, `torch case ${i}[${j}]`);
      });
    }
  });
  it('p = 0 is the identity and p = 1 gives zeros in training, as torch', () => {
    const p0 = fx.cases[0]!;
    const p1 = fx.cases[1]!;
    expect(p0.p).toBe(0);
    expect(p1.p).toBe(1);
    expect(dropout(p0.x, 0, { seed: 3 })).toEqual(p0.train);
    expect(dropout(p1.x, 1, { seed: 3 })).toEqual(p1.train.map(() => 0));
    expect(p1.train.every((v) => v === 0)).toBe(true);
    expect(dropoutScale(1)).toBe(0);
  });
  it('Dropout2d zeroes or scales whole channels (torch facts)', () => {
    for (const [i, c] of fx.dropout2d.entries()) {
      c.zeroChannel.forEach((z, k) => expect(z || c.scaledChannel[k], `torch case ${i} ch ${k}`).toBe(true));
      const y = dropout2d(c.x, c.p, { seed: i });
      const mask = dropoutMask(c.x.length, c.p, i);
      y.forEach((row, k) => {
        if (mask[k] === 1) row.forEach((v, j) => expectClose(v, c.x[k]![j]! * dropoutScale(c.p), F64));
        else expect(row.every((v) => v === 0)).toBe(true);
      });
      expect(dropout2d(c.x, c.p, { seed: i, training: false })).toEqual(c.x);
    }
  });
});

describe('dropout semantics', () => {
  it('uses exactly the mask dropoutMask draws', () => {
    const x = Array.from({ length: 200 }, (_, i) => i + 1);
    const y = dropout(x, 0.3, { seed: 42 });
    const m = dropoutMask(200, 0.3, 42);
    y.forEach((v, i) => expect(v === 0).toBe(m[i] === 0));
  });
  it('is deterministic per seed and differs across seeds', () => {
    const x = new Array(64).fill(1);
    expect(dropout(x, 0.5, { seed: 7 })).toEqual(dropout(x, 0.5, { seed: 7 }));
    expect(dropout(x, 0.5, { seed: 7 })).not.toEqual(dropout(x, 0.5, { seed: 8 }));
  });
  it('keeps about 1 − p of the units', () => {
    const m = dropoutMask(100_000, 0.2, 1);
    const kept = m.reduce((s, v) => s + v, 0) / m.length;
    expect(Math.abs(kept - 0.8)).toBeLessThan(0.01);
  });
  it('worked: p = 0.5 doubles kept units', () => {
    const y = dropout([1, 2, 3, 4], 0.5, { seed: 0 });
    y.forEach((v, i) => expect([0, 2 * (i + 1)]).toContain(v));
    expect(dropout([], 0.5, { seed: 0 })).toEqual([]);
    expect(dropout2d([], 0.5, { seed: 0 })).toEqual([]);
  });
  it('accepts typed arrays', () => {
    expect(dropout(new Float64Array([1, 2]), 0, { seed: 0 })).toEqual([1, 2]);
  });
});

describe('dropout input validation', () => {
  it('p outside [0, 1] is a RangeError naming p', () => {
    for (const p of [-0.1, 1.5, 2]) {
      expect(() => dropout([1], p, { seed: 0 })).toThrow(RangeError);
      expect(() => dropout([1], p, { seed: 0 })).toThrow(/^p must be in \[0, 1\]; received/);
      expect(() => dropoutMask(3, p, 0)).toThrow(/p must be in \[0, 1\]/);
      expect(() => dropout2d([[1]], p, { seed: 0 })).toThrow(RangeError);
    }
  });
  it('NaN p, NaN x, bad seed, bad opts are TypeErrors naming the parameter', () => {
    expect(() => dropout([1], NaN, { seed: 0 })).toThrow(TypeError);
    expect(() => dropout([1], NaN, { seed: 0 })).toThrow(/^p must be a finite number; received NaN/);
    expect(() => dropout([1, NaN], 0.5, { seed: 0 })).toThrow(/^x\[1\] must be a finite number/);
    expect(() => dropout('abc' as never, 0.5, { seed: 0 })).toThrow(/^x must be an array/);
    expect(() => dropout([1], 0.5, { seed: 1.5 })).toThrow(/opts\.seed must be an integer/);
    expect(() => dropout([1], 0.5, { seed: -1 })).toThrow(RangeError);
    expect(() => dropout([1], 0.5, { seed: -1 })).toThrow(/opts\.seed must be an integer in \[0, 4294967295\]/);
    expect(() => dropout([1], 0.5, null as never)).toThrow(/^opts must be an object/);
    expect(() => dropout([1], 0.5, { seed: 0, training: 1 as never })).toThrow(/^opts\.training must be a boolean/);
    expect(() => dropoutMask(-1, 0.5, 0)).toThrow(/^n must be an integer/);
    expect(() => dropoutMask(2.5, 0.5, 0)).toThrow(TypeError);
    expect(() => dropout2d([[1, 2], [3]], 0.5, { seed: 0 })).toThrow(/x\[1\] must have length 2/);
    expect(() => dropout2d([1, 2] as never, 0.5, { seed: 0 })).toThrow(/^x must be an array of channels/);
  });
});
