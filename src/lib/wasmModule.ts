/**
 * Compiling a WebAssembly module carried as base64, instantiating it and growing its memory: the
 * steps the VQ argmin kernel (vqWasm.ts) and the trainer's kernels (trainer/linearWasm.ts) share.
 * Each answers null/false where WebAssembly cannot be used — an old engine, no SIMD, a Content-
 * Security-Policy without 'wasm-unsafe-eval', an engine that gives a module no more memory — and
 * the callers then run their JavaScript kernels, which compute the same numbers. DOM-free: only the
 * WebAssembly global and atob, present in browsers, workers and Node.
 */

/** WebAssembly's page: memory grows in steps of 64 KiB. */
const PAGE = 65_536;

/** The module whose bytes `base64` holds, compiled synchronously; null where it cannot be here. */
export function compileWasm(base64: string): WebAssembly.Module | null {
  try {
    if (typeof WebAssembly !== 'object') return null;
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    if (!WebAssembly.validate(bytes)) return null; // no SIMD in this engine
    return new WebAssembly.Module(bytes);
  } catch {
    return null; // e.g. CSP without 'wasm-unsafe-eval'
  }
}

/** The exports of a fresh instance of `module` (it imports nothing), or null when instantiating fails. */
export function instantiateWasm<Exports>(module: WebAssembly.Module): Exports | null {
  try {
    return new WebAssembly.Instance(module, {}).exports as unknown as Exports;
  } catch {
    return null;
  }
}

/** Grows `memory` to at least `bytes`; false when the engine refuses (the memory is then unchanged). */
export function ensureMemory(memory: WebAssembly.Memory, bytes: number): boolean {
  if (bytes <= memory.buffer.byteLength) return true;
  try {
    memory.grow(Math.ceil((bytes - memory.buffer.byteLength) / PAGE));
    return true;
  } catch {
    return false;
  }
}
