/**
 * Where the trainer's float64 buffers live, and the WebAssembly-SIMD kernels that use them.
 *
 * The kernels (linearKernel.wat: the three nn.Linear products, ReLU and its backward step, the SGD
 * and Adam/AdamW steps, the batch gather and the finiteness scan) compute exactly what the
 * JavaScript in linear.ts, mlp.ts, optimizerState.ts, train.ts and network.ts computes, two lanes at
 * a time, so results are bit for bit the same (tests/unit/trainer.kernel*.test.ts); an epoch of the
 * bench's 64→128→10 network is about 4× faster. They read and write the network, its workspace and
 * the data in place, so for one call of trainMLP / evaluateMLP / predictMLP those arrays are views of
 * the module's memory: `openBuffers` reserves it, `f64`/`i32` hand out zeroed views, `release` gives
 * it back. No copies per batch; every kernel call checks that its arrays are such views.
 *
 * When the JavaScript runs instead — everything stays ordinary typed arrays:
 *  - WebAssembly or its SIMD is missing (an old engine), or compiling is refused (a Content-Security-
 *    Policy without 'wasm-unsafe-eval'; scripts/hosting.mjs grants it to the workers that compile);
 *  - the call is small (WASM_MIN_WORK): JS answers in well under a millisecond, nothing is compiled;
 *  - the memory is already in use: a trainMLP called from inside another's onEpoch (re-entrancy);
 *  - the memory cannot grow that far;
 *  - setLinearKernel('js') (tests and the benchmark compare the two).
 * The module (5 kB) is compiled synchronously on first use and kept; its memory is dropped after a
 * call that needed more than RETAIN_BYTES, so one big run does not pin its memory for the session.
 * DOM-free: only the WebAssembly global and atob, present in browsers, workers and Node.
 */
import { LINEAR_KERNEL_WASM } from './linearKernelWasm';
import { compileWasm, ensureMemory, instantiateWasm } from '../wasmModule';

export interface LinearExports {
  memory: WebAssembly.Memory;
  forward(x: number, rows: number, nin: number, w: number, b: number, nout: number, out: number, pack: number): void;
  weightGradient(d: number, x: number, rows: number, nin: number, nout: number, dW: number, dB: number): void;
  inputGradient(d: number, w: number, rows: number, nin: number, nout: number, dx: number): void;
  relu(z: number, a: number, n: number): void;
  reluBackward(z: number, d: number, n: number): void;
  sgd(theta: number, grad: number, buf: number, withBuf: number, n: number, negLr: number, wd: number, mu: number, first: number): void;
  firstNonFinite(a: number, n: number): number;
  gather(src: number, perm: number, rows: number, width: number, dst: number): void;
  adam(
    theta: number, grad: number, m: number, v: number, n: number, mode: number, decay: number,
    beta1: number, rest1: number, beta2: number, rest2: number, negStep: number, bc2: number, eps: number,
  ): void;
}

/** The kernel while a call's buffers are open: its exports, the memory's buffer, the forward pass's scratch (at the start). */
export interface ActiveKernel {
  exports: LinearExports;
  buffer: ArrayBuffer;
  packAt: number;
  packDoubles: number;
}

/** Where a call's typed arrays come from. */
export interface Storage {
  /** A zeroed Float64Array of n values (a view of the kernels' memory when the buffers are there). */
  f64(n: number): Float64Array;
  /** A zeroed Int32Array of n values, likewise. */
  i32(n: number): Int32Array;
}

/** Float64 buffers for one call. */
export interface Buffers extends Storage {
  /** Whether the buffers are in the WebAssembly memory (so the WebAssembly kernels run). */
  readonly wasm: boolean;
  /** Ends the call: the views must not be used afterwards. */
  release(): void;
}

/**
 * 'auto': WebAssembly where it can run and the call is large enough; 'js': never; 'wasm': whenever the
 * memory is free (throws where WebAssembly cannot run; a nested call still gets ordinary arrays).
 */
export type LinearKernelMode = 'auto' | 'js' | 'wasm';

/** Multiply-adds (epochs × samples × parameters) below which 'auto' keeps the JavaScript kernels. */
export const WASM_MIN_WORK = 1 << 20;
const RETAIN_BYTES = 16 << 20;
/** Extra doubles reserved past the planned total: each allocation is rounded up to 16 bytes. */
const SLACK_DOUBLES = 256;

let mode: LinearKernelMode = 'auto';
/** undefined: not tried yet; null: cannot compile here. */
let compiled: WebAssembly.Module | null | undefined;
let instance: LinearExports | null = null;
let active: ActiveKernel | null = null;

/** Chooses the kernels of the calls that follow (tests, the benchmark); returns the previous mode. */
export function setLinearKernel(next: LinearKernelMode): LinearKernelMode {
  const previous = mode;
  mode = next;
  return previous;
}

/** The kernel of the open call, or null (JavaScript kernels). */
export function activeKernel(): ActiveKernel | null {
  return active;
}

function kernelExports(): LinearExports | null {
  if (instance !== null) return instance;
  if (compiled === undefined) compiled = compileWasm(LINEAR_KERNEL_WASM);
  if (compiled === null) return null;
  instance = instantiateWasm<LinearExports>(compiled);
  return instance;
}

/** True when the WebAssembly kernels can run in this engine (compiles them on first use). */
export function linearKernelAvailable(): boolean {
  return kernelExports() !== null;
}

// Classes rather than closures: V8 then sees one call target per kind of buffers, call after call
// (a fresh closure per call makes optimized callers deoptimize with "wrong call target").

/** Ordinary arrays. */
class PlainBuffers implements Buffers {
  readonly wasm = false;
  f64(n: number): Float64Array {
    return new Float64Array(n);
  }
  i32(n: number): Int32Array {
    return new Int32Array(n);
  }
  release(): void {}
}

/** Views of the kernels' memory from `top` on, for the one open call `open`. */
class WasmBuffers implements Buffers {
  readonly wasm = true;
  constructor(private readonly open: ActiveKernel, private top: number) {}
  f64(n: number): Float64Array {
    const at = this.take(n * 8);
    if (at < 0) return new Float64Array(n);
    const view = new Float64Array(this.open.buffer, at, n);
    view.fill(0); // the previous call's values are still there
    return view;
  }
  i32(n: number): Int32Array {
    const at = this.take(n * 4);
    if (at < 0) return new Int32Array(n);
    const view = new Int32Array(this.open.buffer, at, n);
    view.fill(0);
    return view;
  }
  /** The byte offset of `bytes` more (16-aligned), or −1 past the reservation or after release. */
  private take(bytes: number): number {
    const size = align16(bytes);
    if (active !== this.open || this.top + size > this.open.buffer.byteLength) return -1;
    const at = this.top;
    this.top += size;
    return at;
  }
  release(): void {
    if (active !== this.open) return;
    active = null;
    if (this.open.buffer.byteLength > RETAIN_BYTES) instance = null; // let the big memory be collected
  }
}

/** Ordinary Float64Arrays (the JavaScript kernels). */
export const PLAIN_STORAGE: Storage = new PlainBuffers();
const PLAIN = PLAIN_STORAGE as PlainBuffers;

/**
 * Buffers for one call that allocates about `doubles` float64 (in at most a few dozen arrays; an
 * Int32Array of n counts as n float64) and runs forward passes needing `packDoubles` of scratch
 * (linear.ts `forwardScratch`); `work` is its multiply-add count for the 'auto' threshold. An
 * allocation past the plan gets an ordinary array (its kernels then run in JavaScript: slower, never
 * different).
 */
export function openBuffers(doubles: number, packDoubles: number, work: number): Buffers {
  if (mode === 'js' || active !== null || (mode === 'auto' && work < WASM_MIN_WORK)) return PLAIN;
  const k = kernelExports();
  if (k === null) {
    if (mode === 'wasm') throw new Error('the WebAssembly SIMD kernels are unavailable in this engine');
    return PLAIN;
  }
  const packBytes = align16(packDoubles * 8);
  const needed = packBytes + (doubles + SLACK_DOUBLES) * 8;
  const memory = k.memory;
  // more than this engine gives a module: the JS kernels need no extra memory
  if (!ensureMemory(memory, needed)) return PLAIN;
  const open: ActiveKernel = { exports: k, buffer: memory.buffer, packAt: 0, packDoubles };
  active = open;
  return new WasmBuffers(open, packBytes);
}

function align16(bytes: number): number {
  return Math.ceil(bytes / 16) * 16;
}
