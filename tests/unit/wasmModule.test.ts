/** Loading WebAssembly (src/lib/wasmModule.ts): null/false where it cannot run, never an exception. */
import { describe, expect, it } from 'vitest';
import { compileWasm, ensureMemory, instantiateWasm } from '../../src/lib/wasmModule';

/** The smallest valid module: the magic number and version 1. */
const EMPTY_MODULE = 'AGFzbQEAAAA=';

describe('compileWasm / instantiateWasm / ensureMemory', () => {
  it('compiles and instantiates a valid module', () => {
    const m = compileWasm(EMPTY_MODULE);
    expect(m).toBeInstanceOf(WebAssembly.Module);
    expect(instantiateWasm<Record<string, never>>(m!)).toEqual({});
  });

  it('answers null for bytes that are not a module, or not base64', () => {
    expect(compileWasm('AAAAAAAA')).toBeNull();
    expect(compileWasm('not base64!')).toBeNull();
  });

  it('grows memory to at least the bytes asked for, and says false past its maximum', () => {
    const memory = new WebAssembly.Memory({ initial: 1, maximum: 2 });
    expect(ensureMemory(memory, 65_536)).toBe(true);
    expect(memory.buffer.byteLength).toBe(65_536);
    expect(ensureMemory(memory, 65_537)).toBe(true);
    expect(memory.buffer.byteLength).toBe(131_072);
    expect(ensureMemory(memory, 131_073)).toBe(false);
    expect(memory.buffer.byteLength).toBe(131_072);
  });
});
