/**
 * The panels' Python literals (src/cells/python.ts) read back in Python as the same float64: checked
 * against Debian's python3 where it is installed (float(repr) round trip), and by their form everywhere.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pyBool, pyFloat, pyList, pyMatrix } from '../../src/cells/python';

const SAMPLES = [0, -0, 1, -2, 0.1, 1 / 3, -1e-7, 1e21, 2 ** 53 + 2, 5e-324, Number.MAX_VALUE, 0.30000000000000004];

describe('pyFloat', () => {
  it('keeps integers floating point and −0 signed', () => {
    expect(pyFloat(1)).toBe('1.0');
    expect(pyFloat(-2)).toBe('-2.0');
    expect(pyFloat(-0)).toBe('-0.0');
    expect(pyFloat(0.1)).toBe('0.1');
    expect(pyFloat(1e21)).toBe('1e+21');
  });

  it('refuses a non-finite number, naming it', () => {
    for (const bad of [NaN, Infinity, -Infinity]) expect(() => pyFloat(bad)).toThrow(/pyFloat: x must be a finite number; received/);
    expect(() => pyFloat('1' as unknown as number)).toThrow(TypeError);
  });

  it('lists, matrices and booleans', () => {
    expect(pyList([1, 0.5])).toBe('[1.0, 0.5]');
    expect(pyList(new Float64Array([2]))).toBe('[2.0]');
    expect(pyMatrix([[1, 2], [3, 4]])).toBe('[[1.0, 2.0], [3.0, 4.0]]');
    expect(pyMatrix([])).toBe('[]');
    expect([pyBool(true), pyBool(false)]).toEqual(['True', 'False']);
  });

  it.runIf(existsSync('/usr/bin/python3'))('Python parses every literal to the same double (float64 round trip)', () => {
    const program = `import struct\nfor v in ${pyList(SAMPLES)}:\n    print(struct.pack('>d', v).hex())`;
    const out = execFileSync('/usr/bin/python3', ['-c', program], { encoding: 'utf8' }).trim().split('\n');
    const hex = SAMPLES.map((x) => {
      const b = new DataView(new ArrayBuffer(8));
      b.setFloat64(0, x);
      return Array.from(new Uint8Array(b.buffer), (v) => v.toString(16).padStart(2, '0')).join('');
    });
    expect(out).toEqual(hex);
  });
});
