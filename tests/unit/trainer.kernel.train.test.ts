/**
 * trainMLP / evaluateMLP / predictMLP give the same bits whichever kernels run (linearWasm.ts):
 * WebAssembly SIMD or JavaScript, on the PyTorch fixtures and on random networks with every option;
 * and the buffers' life cycle is safe — 'auto' picks WebAssembly only for large calls, a trainMLP
 * inside another's onEpoch runs on its own arrays, a throw releases the memory, a big call's memory
 * is dropped, and an engine without WebAssembly (or a CSP that refuses to compile it) falls back.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  createRng, epochOrders, evaluateMLP, initMLP, parseDigits, predictMLP, splitDigits, trainMLP,
  type MLPLayers, type MLPOptimizer, type TrainMLPOptions,
} from '../../src/lib';
import { activeKernel, setLinearKernel, type LinearKernelMode } from '../../src/lib/trainer/linearWasm';
import cases from '../fixtures/train_mlp.json';
import { bits, withKernel } from './trainerCompare';

/** Every number as its 16 hex digits of float64 (so −0, NaN and the last bit count), recursively. */
/** trainMLP, then evaluateMLP and predictMLP of its model on the training rows, under `mode`. */
function run(mode: LinearKernelMode, init: MLPLayers, data: { x: number[][]; y: number[] }, opts: TrainMLPOptions) {
  return withKernel(mode, () => {
    let sawWasm = false;
    const r = trainMLP(init, data, { ...opts, onEpoch: () => { sawWasm ||= activeKernel() !== null; } });
    return { r, evaluation: evaluateMLP(r, data), prediction: predictMLP(r, data.x), sawWasm };
  });
}

afterEach(() => {
  setLinearKernel('auto');
});

describe('trainMLP: WebAssembly kernels = JavaScript kernels, bit for bit', () => {
  for (const c of cases as unknown as { name: string; init: MLPLayers; data: { x: number[][]; y: number[] }; opts: TrainMLPOptions }[]) {
    it(`fixture ${c.name}`, () => {
      const wasm = run('wasm', c.init, c.data, c.opts);
      const js = run('js', c.init, c.data, c.opts);
      expect(wasm.sawWasm).toBe(true);
      expect(js.sawWasm).toBe(false);
      expect(bits(wasm.r)).toEqual(bits(js.r));
      expect(bits(wasm.evaluation)).toEqual(bits(js.evaluation));
      expect(bits(wasm.prediction)).toEqual(bits(js.prediction));
    });
  }

  it('random networks and every option (200 runs)', () => {
    const arb = fc.record({
      seed: fc.nat(),
      inputs: fc.integer({ min: 1, max: 11 }),
      hidden: fc.array(fc.integer({ min: 1, max: 19 }), { maxLength: 2 }),
      classes: fc.integer({ min: 2, max: 7 }),
      n: fc.integer({ min: 2, max: 30 }),
      epochs: fc.integer({ min: 1, max: 3 }),
      batchSize: fc.integer({ min: 2, max: 9 }),
      optimizer: fc.constantFrom<MLPOptimizer>('sgd', 'adam', 'adamw'),
      momentum: fc.constantFrom(0, 0.9),
      weightDecay: fc.constantFrom(0, 0.01),
      l1: fc.constantFrom(0, 0.01),
      l2: fc.constantFrom(0, 0.01),
      labelSmoothing: fc.constantFrom(0, 0.1),
      batchNorm: fc.boolean(),
      dropout: fc.constantFrom(0, 0.3),
      fgsm: fc.boolean(),
      validation: fc.boolean(),
      evaluateTraining: fc.boolean(),
      zeros: fc.boolean(),
    });
    fc.assert(
      fc.property(arb, (p) => {
        const rng = createRng(p.seed);
        const sizes = [p.inputs, ...p.hidden, p.classes];
        const init: MLPLayers = { weights: [], biases: [] };
        for (let l = 1; l < sizes.length; l++) {
          const b = 1 / Math.sqrt(sizes[l - 1]!);
          init.weights.push(Array.from({ length: sizes[l]! }, () => Array.from({ length: sizes[l - 1]! }, () => rng.uniform(-b, b))));
          init.biases.push(Array.from({ length: sizes[l]! }, () => rng.uniform(-b, b)));
        }
        // sparse inputs make whole blocks of zero gradients (the blocks the kernels skip) common
        const x = Array.from({ length: p.n }, () => Array.from({ length: p.inputs }, () => (p.zeros && rng.next() < 0.6 ? 0 : rng.next())));
        const data = { x, y: x.map(() => rng.int(p.classes)) };
        let batchSize = p.batchSize;
        while (p.batchNorm && sizes.length > 2 && (p.n % batchSize === 1 || Math.min(batchSize, p.n) === 1)) batchSize++;
        const opts: TrainMLPOptions = {
          epochs: p.epochs, batchSize, lr: 0.1, seed: p.seed, optimizer: p.optimizer, momentum: p.optimizer === 'sgd' ? p.momentum : 0,
          weightDecay: p.weightDecay, l1: p.l1, l2: p.l2, labelSmoothing: p.labelSmoothing, batchNorm: p.batchNorm, dropout: p.dropout,
          evaluateTraining: p.evaluateTraining,
          ...(p.fgsm ? { fgsm: { eps: 0.1, alpha: 0.5 } } : {}),
          ...(p.validation ? { validation: { x: x.slice(0, 5), y: data.y.slice(0, 5) }, earlyStopping: { patience: 1, restoreBest: true } } : {}),
        };
        const wasm = run('wasm', init, data, opts);
        const js = run('js', init, data, opts);
        expect(bits(wasm.r)).toEqual(bits(js.r));
        expect(bits(wasm.evaluation)).toEqual(bits(js.evaluation));
        expect(bits(wasm.prediction)).toEqual(bits(js.prediction));
      }),
      { numRuns: 200 },
    );
  });
});

describe('choosing the kernels', () => {
  const digits = parseDigits(JSON.parse(readFileSync('public/data/digits.json', 'utf8')));
  const { train } = splitDigits(digits, { train: 200, validation: 297, test: 500, seed: 0 });
  const bench = { ...initMLP([64, 128, 10], 1), order: epochOrders(200, 1, 1) };

  it("'auto' runs the bench's epoch (64→128→10, 200 digits) in WebAssembly, with the JavaScript result", () => {
    const opts = { epochs: 1, batchSize: 32, lr: 0.1, order: bench.order };
    let auto = false;
    const r = trainMLP(bench, train, { ...opts, onEpoch: () => { auto = activeKernel() !== null; } });
    expect(auto).toBe(true);
    expect(bits(r)).toEqual(bits(withKernel('js', () => trainMLP(bench, train, opts))));
  });

  it("'auto' keeps small calls in JavaScript (nothing to compile for a few multiply-adds)", () => {
    let wasm = true;
    trainMLP({ weights: [[[1], [2]]], biases: [[0, 0]] }, { x: [[1], [2]], y: [0, 1] }, { epochs: 1, batchSize: 2, lr: 0.1, onEpoch: () => { wasm = activeKernel() !== null; } });
    expect(wasm).toBe(false);
  });

  it('a trainMLP inside another one\'s onEpoch runs on its own arrays and both results are unchanged', () => {
    const small = { weights: [[[0.5, -0.2], [0.1, 0.3], [-0.4, 0.2]], [[0.2, -0.1, 0.3], [0.1, 0.4, -0.2]]], biases: [[0, 0.1, 0], [0, 0]] };
    const smallData = { x: [[1, 0], [0, 1], [1, 1], [0.5, 0.2], [0.3, 0.9]], y: [0, 1, 1, 0, 1] };
    const inner = () => trainMLP(small, smallData, { epochs: 3, batchSize: 2, lr: 0.2, optimizer: 'adam' });
    const alone = withKernel('js', inner);
    const opts = { epochs: 2, batchSize: 32, lr: 0.1, order: [bench.order[0]!, bench.order[0]!] };
    const nested: unknown[] = [];
    const outer = withKernel('wasm', () => trainMLP(bench, train, { ...opts, onEpoch: () => { nested.push(inner()); } }));
    expect(nested.map(bits)).toEqual([bits(alone), bits(alone)]);
    expect(bits(outer)).toEqual(bits(withKernel('js', () => trainMLP(bench, train, opts))));
  });

  it('a throw from onEpoch releases the memory: the next call runs in WebAssembly again', () => {
    const opts = { epochs: 2, batchSize: 32, lr: 0.1, order: [bench.order[0]!, bench.order[0]!] };
    expect(() => withKernel('wasm', () => trainMLP(bench, train, { ...opts, onEpoch: () => { throw new Error('stop'); } }))).toThrow('stop');
    expect(activeKernel()).toBeNull();
    let wasm = false;
    withKernel('wasm', () => trainMLP(bench, train, { ...opts, onEpoch: () => { wasm = activeKernel() !== null; } }));
    expect(wasm).toBe(true);
  });

  it('a network larger than the memory kept between calls, then a small one: both as in JavaScript', () => {
    // 1000 → 1000 → 10 with Adam: θ, ∇, m, v ≈ 32 MB, more than linearWasm keeps after the call
    const rng = createRng(5);
    const big: MLPLayers = {
      weights: [Array.from({ length: 1000 }, () => Array.from({ length: 1000 }, () => rng.uniform(-0.03, 0.03))), Array.from({ length: 10 }, () => Array.from({ length: 1000 }, () => rng.uniform(-0.03, 0.03)))],
      biases: [Array.from({ length: 1000 }, () => 0), Array.from({ length: 10 }, () => 0)],
    };
    const data = { x: Array.from({ length: 3 }, () => Array.from({ length: 1000 }, () => rng.next())), y: [1, 2, 3] };
    const opts: TrainMLPOptions = { epochs: 1, batchSize: 3, lr: 0.01, optimizer: 'adam' };
    let wasm = false;
    const a = withKernel('wasm', () => trainMLP(big, data, { ...opts, onEpoch: () => { wasm = activeKernel() !== null; } }));
    expect(wasm).toBe(true);
    const b = withKernel('js', () => trainMLP(big, data, opts));
    expect(a.epochLosses).toEqual(b.epochLosses);
    for (let l = 0; l < 2; l++) {
      a.weights[l]!.forEach((row, o) => row.forEach((w, i) => { if (!Object.is(w, b.weights[l]![o]![i])) expect(`${l} ${o} ${i} ${w}`).toBe(`${b.weights[l]![o]![i]}`); }));
    }
    const opts2 = { epochs: 1, batchSize: 32, lr: 0.1, order: bench.order };
    expect(bits(withKernel('wasm', () => trainMLP(bench, train, opts2)))).toEqual(bits(withKernel('js', () => trainMLP(bench, train, opts2))));
  });
});

describe('engines where the WebAssembly kernels cannot run', () => {
  const init = { weights: [[[0.5, -0.2], [0.1, 0.3]], [[0.2, -0.1], [0.1, 0.4]]], biases: [[0, 0.1], [0, 0]] };
  const data = { x: [[1, 0], [0, 1], [1, 1]], y: [0, 1, 1] };
  const opts: TrainMLPOptions = { epochs: 2, batchSize: 2, lr: 0.1 };

  /** A fresh copy of the trainer modules with `WebAssembly` replaced while they load and run. */
  async function freshTrainer(webAssembly: unknown) {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', webAssembly);
    try {
      const wasm = await import('../../src/lib/trainer/linearWasm');
      const { trainMLP: train } = await import('../../src/lib/trainer/train');
      return { wasm, result: (mode: LinearKernelMode) => { wasm.setLinearKernel(mode); return train(init, data, opts); } };
    } catch (e) {
      vi.unstubAllGlobals();
      throw e;
    }
  }

  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  const expected = () => bits(withKernel('js', () => trainMLP(init, data, opts)));

  it('no WebAssembly at all: JavaScript, same result; forcing WebAssembly throws', async () => {
    const t = await freshTrainer(undefined);
    expect(t.wasm.linearKernelAvailable()).toBe(false);
    expect(bits(t.result('auto'))).toEqual(expected());
    expect(() => t.result('wasm')).toThrow('the WebAssembly SIMD kernels are unavailable in this engine');
  });

  it("compiling refused (a CSP without 'wasm-unsafe-eval'): JavaScript, same result", async () => {
    const refusing = { ...WebAssembly, validate: () => true, Module: function Module() { throw new WebAssembly.CompileError('refused by CSP'); } };
    const t = await freshTrainer(refusing);
    expect(t.wasm.linearKernelAvailable()).toBe(false);
    expect(bits(t.result('auto'))).toEqual(expected());
  });

  it('no SIMD (the module does not validate): JavaScript, same result', async () => {
    const t = await freshTrainer({ ...WebAssembly, validate: () => false });
    expect(t.wasm.linearKernelAvailable()).toBe(false);
    expect(bits(t.result('auto'))).toEqual(expected());
  });
});
