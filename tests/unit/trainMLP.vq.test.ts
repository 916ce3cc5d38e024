/**
 * trainMLP's VQ bottleneck (src/lib/trainer/vqLayer.ts) against PyTorch float64, whole trajectories.
 * Fixtures: scripts/fixtures/train_vq.py (run by hand: /usr/bin/python3 scripts/fixtures/train_vq.py)
 * trains the same networks with the codebook as an nn.Embedding weight, the straight-through value
 * z + (e − z).detach() and vq_loss = F.mse_loss(e, z.detach()) + β·F.mse_loss(z, e.detach()).
 * Every epoch's cross-entropy and VQ loss, every final parameter (codebook included), the BN statistics,
 * the validation curve, the last epoch's code usage and its perplexity agree to 1e-9 relative; the
 * eval-mode outputs (evaluateMLP / predictMLP) of the trained model too; WebAssembly = JavaScript bit
 * for bit; the option's checks name what is wrong.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { evaluateMLP, initMLP, predictMLP, trainMLP, type MLPModel, type TrainMLPOptions, type TrainMLPResult } from '../../src/lib';
import { activeKernel, setLinearKernel, type LinearKernelMode } from '../../src/lib/trainer/linearWasm';
import { createNetwork, parameterCount } from '../../src/lib/trainer/network';
import fixture from '../fixtures/train_vq.json';
import { ABS, REL, bits, near, nearTree, withKernel } from './trainerCompare';

interface Case {
  name: string;
  init: { weights: number[][][]; biases: number[][]; codebook: number[][] };
  data: { x: number[][]; y: number[] };
  evalData: { x: number[][]; y: number[] };
  opts: TrainMLPOptions;
  expected: Record<string, unknown> & {
    epochLosses: number[]; vqLosses: number[]; weights: number[][][]; biases: number[][]; codebook: number[][];
    vqLayer: number; codebookUsage: number[]; codebookPerplexity: number;
    evaluation: { loss: number; accuracy: number; logits: number[][]; classes: number[] };
  };
}
const CASES = (fixture as unknown as { cases: Case[] }).cases;


afterEach(() => {
  setLinearKernel('auto');
});

describe('trainMLP with a VQ bottleneck reproduces PyTorch float64', () => {
  it('covers the options the bottleneck must work with', () => {
    const names = CASES.map((c) => c.name);
    for (const n of ['sgd', 'adam', 'dropout_seeded_shuffle', 'batch_norm', 'fgsm', 'weight_decay_l1_l2', 'two_hidden_layer0']) {
      expect(names).toContain(n);
    }
    for (const c of CASES) {
      expect(c.data.y.length % c.opts.batchSize, c.name).not.toBe(0); // a short last batch
      // several codes in use (the codebook gradient of more than one code is exercised)
      expect(c.expected.codebookUsage.filter((u) => u > 0).length, c.name).toBeGreaterThan(1);
    }
    expect(CASES.find((c) => c.name === 'two_hidden_layer0')!.expected.vqLayer).toBe(0);
    const es = CASES.find((c) => c.opts.earlyStopping)!;
    expect(es.expected.restoredEpoch).not.toBeNull();
    expect(es.expected.stoppedEpoch).toBeLessThan(es.opts.epochs);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const r = trainMLP(c.init, c.data, c.opts);
      const e = c.expected;
      nearTree(r.epochLosses, e.epochLosses, 'epochLosses');
      nearTree(r.vqLosses, e.vqLosses, 'vqLosses');
      nearTree(r.weights, e.weights, 'weights');
      nearTree(r.biases, e.biases, 'biases');
      nearTree(r.codebook, e.codebook, 'codebook');
      expect(r.vqLayer).toBe(e.vqLayer);
      expect(r.codebookUsage).toEqual(e.codebookUsage);
      near(r.codebookPerplexity, e.codebookPerplexity, 'codebookPerplexity');
      if (e.batchNorm !== undefined) {
        const bn = e.batchNorm as Record<string, number[]>[];
        bn.forEach((s, l) => {
          for (const key of ['gamma', 'beta', 'runningMean', 'runningVar'] as const) nearTree(r.batchNorm![l]![key], s[key], `batchNorm[${l}].${key}`);
        });
      } else {
        expect(r.batchNorm).toBeUndefined();
      }
      for (const key of ['validationLosses', 'validationAccuracies'] as const) {
        if (e[key] === undefined) expect(r[key]).toBeUndefined();
        else nearTree(r[key], e[key], key);
      }
      for (const key of ['stoppedEpoch', 'bestEpoch', 'restoredEpoch'] as const) {
        if (e[key] === undefined) expect(r[key]).toBeUndefined();
        else expect(r[key], key).toBe(e[key]);
      }
      // usage counts every piece of the last epoch's clean passes
      const pieces = c.data.y.length * c.init.weights[e.vqLayer]!.length / c.opts.vq!.dim;
      expect(r.codebookUsage!.reduce((a, b) => a + b, 0)).toBe(pieces);
    });

    it(`${c.name}: evaluateMLP / predictMLP of the trained model = PyTorch eval mode`, () => {
      const r = trainMLP(c.init, c.data, c.opts);
      const ev = c.expected.evaluation;
      const v = evaluateMLP(r, c.evalData);
      near(v.loss, ev.loss, 'evaluation.loss');
      expect(v.accuracy).toBe(ev.accuracy);
      const p = predictMLP(r, c.evalData.x);
      nearTree(p.logits, ev.logits, 'logits');
      expect(p.classes).toEqual(ev.classes);
      if (c.opts.validation && !c.opts.earlyStopping) {
        const val = evaluateMLP(r, c.opts.validation, { labelSmoothing: c.opts.labelSmoothing ?? 0 });
        expect(val.loss).toBe(r.validationLosses!.at(-1));
      }
    });
  }
});

describe('the VQ bottleneck: WebAssembly kernels = JavaScript kernels, bit for bit', () => {
  for (const c of CASES) {
    it(c.name, () => {
      const run = (mode: LinearKernelMode) => withKernel(mode, () => {
        let sawWasm = false;
        const r = trainMLP(c.init, c.data, { ...c.opts, onEpoch: () => { sawWasm ||= activeKernel() !== null; } });
        return { r, evaluation: evaluateMLP(r, c.evalData), prediction: predictMLP(r, c.evalData.x), sawWasm };
      });
      const wasm = run('wasm');
      const js = run('js');
      expect(wasm.sawWasm).toBe(true);
      expect(js.sawWasm).toBe(false);
      expect(bits(wasm.r)).toEqual(bits(js.r));
      expect(bits(wasm.evaluation)).toEqual(bits(js.evaluation));
      expect(bits(wasm.prediction)).toEqual(bits(js.prediction));
    });
  }
});

describe('the VQ bottleneck: layout and semantics', () => {
  it('the codebook is the last K·D entries of theta', () => {
    const sizes = [5, 6, 4, 3];
    const net = createNetwork(sizes, true, undefined, { layer: 1, dim: 2, codes: 3, width: 4, beta: 0.25 });
    const base = parameterCount(sizes, true);
    expect(net.theta.length).toBe(base + 6);
    expect(net.vq!.codebook.byteOffset).toBe(net.theta.byteOffset + 8 * base);
    expect(net.vq!.dCodebook.byteOffset).toBe(net.grad.byteOffset + 8 * base);
    expect(net.vq!.codebook.length).toBe(6);
  });

  it('the next layer sees the nearest code: a 1-code-per-piece identity network', () => {
    // layer 0 = identity on 2 inputs (ReLU keeps the non-negative inputs), D = 2, codes at (0,0) and (1,1)
    const model: MLPModel = {
      weights: [[[1, 0], [0, 1]], [[1, 0], [0, 1]]], biases: [[0, 0], [0, 0]], codebook: [[0, 0], [1, 1]],
    };
    const p = predictMLP(model, [[0.2, 0.3], [0.9, 0.6], [0.5, 0.5]]);
    // (0.5, 0.5) is a tie: the first code wins (torch.argmin)
    expect(p.logits).toEqual([[0, 0], [1, 1], [0, 0]]);
  });

  it('epochs 0: nothing counted, perplexity 1, the codebook back unchanged', () => {
    const c = CASES[0]!;
    const r = trainMLP(c.init, c.data, { ...c.opts, epochs: 0, order: [] });
    expect(r.vqLosses).toEqual([]);
    expect(r.codebookUsage).toEqual(c.init.codebook.map(() => 0));
    expect(r.codebookPerplexity).toBe(1);
    expect(r.codebook).toEqual(c.init.codebook);
  });

  it('without vq the result has no VQ fields', () => {
    const c = CASES[0]!;
    const { codebook: _, ...layers } = c.init;
    const { vq: __, ...opts } = c.opts;
    const r: TrainMLPResult = trainMLP(layers, c.data, opts);
    for (const key of ['codebook', 'vqLayer', 'vqLosses', 'codebookUsage', 'codebookPerplexity'] as const) expect(r[key]).toBeUndefined();
  });

  it('lr 0 leaves the codebook exactly where it was; β changes only the network (not the codebook) after one step', () => {
    const c = CASES[0]!;
    const frozen = trainMLP(c.init, c.data, { ...c.opts, lr: 0 });
    expect(frozen.codebook).toEqual(c.init.codebook);
    const one = { ...c.opts, epochs: 1, order: c.opts.order!.slice(0, 1), batchSize: c.data.y.length };
    const a = trainMLP(c.init, c.data, { ...one, vq: { dim: 3, beta: 0 } });
    const b = trainMLP(c.init, c.data, { ...one, vq: { dim: 3, beta: 2 } });
    expect(a.codebook).toEqual(b.codebook);
    expect(a.weights).not.toEqual(b.weights);
  });
});

describe('the VQ bottleneck: checks', () => {
  const init = { ...initMLP([4, 6, 3], 1), codebook: [[0, 0, 0], [1, 1, 1], [0.5, 0, 0.5]] };
  const data = { x: [[0, 0.5, 1, 0.2], [1, 0.1, 0, 0.3], [0.3, 0.3, 0.3, 0.3]], y: [0, 1, 2] };
  const opts: TrainMLPOptions = { epochs: 1, batchSize: 2, lr: 0.1, vq: { dim: 3, beta: 0.25 } };
  const train = (i: unknown, o: unknown) => () => trainMLP(i as MLPModel, data, o as TrainMLPOptions);

  it('names the option at fault', () => {
    expect(train(init, { ...opts, vq: 3 })).toThrow(new TypeError('vq must be an object { layer?, dim, beta }; received 3'));
    expect(train(init, { ...opts, vq: { dim: 4, beta: 0.25 } })).toThrow(new RangeError('vq.dim must divide the width 6 of hidden layer 0; received 4'));
    expect(train(init, { ...opts, vq: { dim: 0, beta: 0.25 } })).toThrow(new RangeError('vq.dim must be an integer ≥ 1; received 0'));
    expect(train(init, { ...opts, vq: { dim: 1.5, beta: 0.25 } })).toThrow(new TypeError('vq.dim must be an integer; received 1.5'));
    expect(train(init, { ...opts, vq: { dim: 3, beta: -0.1 } })).toThrow(new RangeError('vq.beta must be ≥ 0; received -0.1'));
    expect(train(init, { ...opts, vq: { dim: 3, beta: NaN } })).toThrow(new TypeError('vq.beta must be a finite number; received NaN'));
    expect(train(init, { ...opts, vq: { layer: 1, dim: 3, beta: 0.25 } })).toThrow(new RangeError('vq.layer must be an integer in [0, 0]; received 1'));
    expect(train(init, { ...opts, vq: { layer: -1, dim: 3, beta: 0.25 } })).toThrow(new RangeError('vq.layer must be an integer ≥ 0; received -1'));
    const linear = { ...initMLP([4, 3], 1), codebook: [[0], [1]] };
    expect(train(linear, { ...opts, vq: { dim: 1, beta: 0 } })).toThrow(
      new RangeError('vq must quantize a hidden layer, and the network has none; received a network of 1 layer'));
  });

  it('names the codebook at fault', () => {
    const { codebook: _, ...plain } = init;
    expect(train(plain, opts)).toThrow(new TypeError('init.codebook must be an array of K codes (K × 3, 2 ≤ K ≤ 256) with vq; received undefined'));
    expect(train(init, { ...opts, vq: undefined })).toThrow(
      new TypeError('vq must be given with init.codebook (it says which layer to quantize, D and β); received undefined'));
    expect(train({ ...init, codebook: [[0, 0, 0]] }, opts)).toThrow(new RangeError('init.codebook must have between 2 and 256 codes; received 1'));
    const many = Array.from({ length: 257 }, () => [0, 0, 0]);
    expect(train({ ...init, codebook: many }, opts)).toThrow(new RangeError('init.codebook must have between 2 and 256 codes; received 257'));
    expect(train({ ...init, codebook: [[0, 0, 0], [1, 1]] }, opts)).toThrow(
      new RangeError('init.codebook[1] must have length 3 (the code dimension D); received length 2'));
    expect(train({ ...init, codebook: [[0, 0, 0], 'x'] }, opts)).toThrow(new TypeError('init.codebook[1] must be an array of 3 numbers; received "x"'));
    expect(train({ ...init, codebook: [[0, 0, 0], [1, NaN, 1]] }, opts)).toThrow(new TypeError('init.codebook[1][1] must be a finite number; received NaN'));
  });

  it('evaluateMLP / predictMLP check a model’s codebook', () => {
    const model = { ...init, vqLayer: 0 };
    expect(() => predictMLP({ ...model, codebook: [[0, 0, 0, 0], [1, 1, 1, 1]] }, data.x)).toThrow(
      new RangeError('the length of model.codebook[0] (D) must divide the width 6 of hidden layer 0; received 4'));
    expect(() => predictMLP({ ...model, vqLayer: 1 }, data.x)).toThrow(new RangeError('model.vqLayer must be an integer in [0, 0]; received 1'));
    expect(() => evaluateMLP({ ...model, codebook: [[0, 0, 0], [0, 0]] }, data)).toThrow(
      new RangeError('model.codebook[1] must have length 3 (the code dimension D); received length 2'));
    expect(() => evaluateMLP({ ...model, codebook: 'abc' as unknown as number[][] }, data)).toThrow(
      new TypeError('model.codebook must be an array of K codes (K × D, 2 ≤ K ≤ 256); received "abc"'));
    const { codebook: _, ...noCodebook } = model;
    expect(() => predictMLP(noCodebook, data.x)).toThrow(new TypeError('model.codebook must be given with model.vqLayer; received undefined'));
    expect(() => predictMLP({ ...model, codebook: [[0, Infinity, 0], [1, 1, 1]] }, data.x)).toThrow(
      new TypeError('model.codebook[0][1] must be a finite number; received Infinity'));
  });
});
