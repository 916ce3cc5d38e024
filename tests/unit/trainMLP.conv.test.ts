/**
 * trainMLP's conv front end (opts.conv, init.conv: src/lib/trainer/convLayer.ts) against PyTorch
 * float64: scripts/fixtures/train_conv.py trains nn.Conv2d(1, C, k) → ReLU → flatten → nn.Linear stacks
 * with torch.optim from the same initial weights and orders. Every epoch's loss, every final parameter
 * (the conv's included), the BN state and the validation curve agree to 1e-9 relative; evaluateMLP /
 * predictMLP of the torch model equal torch's eval-mode outputs; the WebAssembly and JavaScript kernels
 * give the same bits; bad conv inputs get named errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  evaluateMLP, initConv, predictMLP, trainMLP, type MLPModel, type TrainMLPOptions, type TrainMLPResult,
} from '../../src/lib';
import { activeKernel, setLinearKernel, type LinearKernelMode } from '../../src/lib/trainer/linearWasm';
import fixture from '../fixtures/train_conv.json';
import { ABS, REL, bits, near, nearTree, withKernel } from './trainerCompare';

interface Conv {
  weight: number[][][][];
  bias: number[];
}
interface Case {
  name: string;
  convSeed: number;
  init: { weights: number[][][]; biases: number[][]; conv: Conv };
  data: { x: number[][]; y: number[] };
  opts: TrainMLPOptions & { conv: { channels: number; kernel: number } };
  expected: Record<string, unknown> & { epochLosses: number[]; weights: number[][][]; biases: number[][]; conv: Conv };
  eval: { data: { x: number[][]; y: number[] }; labelSmoothing: number; loss: number; accuracy: number; logits: number[][]; classes: number[] };
}
const CASES = (fixture as unknown as { cases: Case[] }).cases;

/** As in trainMLP.test.ts: Linear biases feeding BatchNorm1d under Adam carry amplified rounding noise. */
const PRE_BN_BIAS_ABS = 1e-7;

afterEach(() => {
  setLinearKernel('auto');
});

const noisyPreBnBiases = (c: Case): boolean => c.opts.batchNorm === true && (c.opts.optimizer === 'adam' || c.opts.optimizer === 'adamw');

/** The model torch ended with, as evaluateMLP takes it. */
function torchModel(c: Case): MLPModel {
  const e = c.expected;
  const model: MLPModel = { weights: e.weights, biases: e.biases, conv: e.conv };
  if (e.batchNorm !== undefined) model.batchNorm = e.batchNorm as MLPModel['batchNorm'];
  return model;
}

describe('trainMLP with a conv front end reproduces PyTorch float64 (nn.Conv2d → ReLU → flatten → MLP)', () => {
  it('the fixtures cover SGD, momentum + weight decay, Adam + L1/L2, BN + dropout, FGSM, label smoothing, k = 2 and 5', () => {
    const has = (f: (c: Case) => boolean) => expect(CASES.some(f)).toBe(true);
    has((c) => (c.opts.optimizer ?? 'sgd') === 'sgd' && !c.opts.momentum && !c.opts.fgsm && !c.opts.batchNorm);
    has((c) => (c.opts.momentum ?? 0) > 0 && (c.opts.weightDecay ?? 0) > 0);
    has((c) => c.opts.optimizer === 'adam' && (c.opts.l1 ?? 0) > 0 && (c.opts.l2 ?? 0) > 0);
    has((c) => c.opts.batchNorm === true && (c.opts.dropout ?? 0) > 0);
    has((c) => c.opts.fgsm !== undefined);
    has((c) => (c.opts.labelSmoothing ?? 0) > 0);
    has((c) => c.opts.conv.kernel === 2);
    has((c) => c.opts.conv.kernel === 5);
    has((c) => c.opts.order === undefined);
    for (const c of CASES) expect(c.data.y.length % c.opts.batchSize, c.name).not.toBe(0);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const r = trainMLP(c.init, c.data, c.opts);
      const e = c.expected;
      nearTree(r.epochLosses, e.epochLosses, 'epochLosses');
      nearTree(r.conv!.weight, e.conv.weight, 'conv.weight');
      nearTree(r.conv!.bias, e.conv.bias, 'conv.bias');
      nearTree(r.weights, e.weights, 'weights');
      const last = c.init.weights.length - 1;
      r.biases.forEach((b, l) => nearTree(b, e.biases[l], `biases[${l}]`, noisyPreBnBiases(c) && l < last ? PRE_BN_BIAS_ABS : ABS));
      if (e.batchNorm !== undefined) {
        const bn = e.batchNorm as Record<string, number[]>[];
        expect(r.batchNorm).toHaveLength(bn.length);
        bn.forEach((s, l) => {
          for (const key of ['gamma', 'beta', 'runningMean', 'runningVar'] as const) {
            const abs = key === 'runningMean' && noisyPreBnBiases(c) ? PRE_BN_BIAS_ABS : ABS;
            nearTree(r.batchNorm![l]![key], s[key], `batchNorm[${l}].${key}`, abs);
          }
        });
      } else {
        expect(r.batchNorm).toBeUndefined();
      }
      for (const key of ['validationLosses', 'validationAccuracies'] as const) {
        if (e[key] === undefined) expect(r[key]).toBeUndefined();
        else nearTree(r[key], e[key], key);
      }
    });
  }

  it('returns the conv in nn.Conv2d layout (C×1×k×k, C) and leaves init untouched', () => {
    const c = CASES[0]!;
    const before = JSON.stringify(c.init);
    const r = trainMLP(c.init, c.data, c.opts);
    const { channels, kernel } = c.opts.conv;
    expect(r.conv!.weight).toHaveLength(channels);
    for (const ch of r.conv!.weight) {
      expect(ch).toHaveLength(1);
      expect(ch[0]).toHaveLength(kernel);
      for (const row of ch[0]!) expect(row).toHaveLength(kernel);
    }
    expect(r.conv!.bias).toHaveLength(channels);
    expect(JSON.stringify(c.init)).toBe(before);
    // epochs 0: the initial parameters come back exactly
    const r0 = trainMLP(c.init, c.data, { ...c.opts, epochs: 0, order: [] });
    expect(r0.conv).toEqual(c.init.conv);
  });

  it('initConv draws the fixtures’ initial conv (nn.Conv2d default U(−1/k, 1/k) through the site’s PRNG)', () => {
    for (const c of CASES) expect(initConv(c.opts.conv.channels, c.opts.conv.kernel, c.convSeed), c.name).toEqual(c.init.conv);
    expect(() => initConv(0, 3, 1)).toThrow(/^channels must be an integer in \[1, 16\]; received 0$/);
    expect(() => initConv(2, 9, 1)).toThrow(/^kernel must be an integer in \[2, 5\]; received 9$/);
  });
});

describe('evaluateMLP / predictMLP with a conv (eval mode)', () => {
  for (const c of CASES) {
    it(`equal torch's eval outputs: ${c.name}`, () => {
      const model = torchModel(c);
      const v = evaluateMLP(model, c.eval.data, { labelSmoothing: c.eval.labelSmoothing });
      near(v.loss, c.eval.loss, 'loss');
      expect(v.accuracy).toBe(c.eval.accuracy);
      const p = predictMLP(model, c.eval.data.x);
      nearTree(p.logits, c.eval.logits, 'logits');
      expect(p.classes).toEqual(c.eval.classes);
    });
  }

  it('report the last epoch’s validation numbers of a trained model', () => {
    for (const c of CASES.filter((k) => k.opts.validation)) {
      const r: TrainMLPResult = trainMLP(c.init, c.data, c.opts);
      const v = evaluateMLP(r, c.opts.validation!, { labelSmoothing: c.opts.labelSmoothing ?? 0 });
      expect(v.loss, c.name).toBe(r.validationLosses!.at(-1));
      expect(v.accuracy, c.name).toBe(r.validationAccuracies!.at(-1));
    }
  });

  it('a check by hand: one channel, k = 2, all-ones kernel sums each 2×2 window', () => {
    const weight = [[[[1, 1], [1, 1]]]];
    // 7×7 outputs → one logit reading output (i, j) = (2, 3) (feature 2·7 + 3) and a constant logit 0
    const w0 = Array.from({ length: 49 }, (_, i) => (i === 17 ? 1 : 0));
    const model: MLPModel = { conv: { weight, bias: [0.25] }, weights: [[w0, Array(49).fill(0)]], biases: [[0, 0]] };
    const x = Array.from({ length: 64 }, (_, i) => i / 64);
    // pixels (2, 3), (2, 4), (3, 3), (3, 4) of the row-major image, then the bias
    const expected = x[19]! + x[20]! + x[27]! + x[28]! + 0.25;
    expect(predictMLP(model, [x]).logits[0]).toEqual([expected, 0]);
    // negative pre-activation → ReLU → 0
    expect(predictMLP({ ...model, conv: { weight, bias: [-5] } }, [x]).logits[0]).toEqual([0, 0]);
  });
});

describe('conv: WebAssembly kernels = JavaScript kernels, bit for bit', () => {
  function run(mode: LinearKernelMode, c: Case) {
    return withKernel(mode, () => {
      let sawWasm = false;
      const r = trainMLP(c.init, c.data, { ...c.opts, onEpoch: () => { sawWasm ||= activeKernel() !== null; } });
      return { r, evaluation: evaluateMLP(r, c.eval.data), prediction: predictMLP(r, c.eval.data.x), sawWasm };
    });
  }
  for (const c of CASES) {
    it(c.name, () => {
      const wasm = run('wasm', c);
      const js = run('js', c);
      expect(wasm.sawWasm).toBe(true);
      expect(js.sawWasm).toBe(false);
      expect(bits(wasm.r)).toEqual(bits(js.r));
      expect(bits(wasm.evaluation)).toEqual(bits(js.evaluation));
      expect(bits(wasm.prediction)).toEqual(bits(js.prediction));
    });
  }
});

describe('conv: named errors', () => {
  const c = CASES[0]!;
  const { init, data, opts } = c;

  function refuses(f: () => unknown, kind: typeof RangeError | typeof TypeError, message: RegExp): void {
    let error: unknown;
    try {
      f();
    } catch (e) {
      error = e;
    }
    expect(error, `expected a ${kind.name} matching ${message}`).toBeInstanceOf(kind);
    expect((error as Error).message).toMatch(message);
    expect((error as Error).message).toMatch(/ must .*received /);
  }

  it('opts.conv: channels in [1, 16], kernel in [2, 5], integers, an object', () => {
    refuses(() => trainMLP(init, data, { ...opts, conv: { channels: 0, kernel: 3 } }), RangeError, /^conv.channels must be an integer in \[1, 16\]; received 0$/);
    refuses(() => trainMLP(init, data, { ...opts, conv: { channels: 17, kernel: 3 } }), RangeError, /^conv.channels must be an integer in \[1, 16\]; received 17$/);
    refuses(() => trainMLP(init, data, { ...opts, conv: { channels: 2, kernel: 9 } }), RangeError, /^conv.kernel must be an integer in \[2, 5\]; received 9$/);
    refuses(() => trainMLP(init, data, { ...opts, conv: { channels: 2, kernel: 1 } }), RangeError, /^conv.kernel must be an integer in \[2, 5\]; received 1$/);
    refuses(() => trainMLP(init, data, { ...opts, conv: { channels: 2.5, kernel: 3 } }), TypeError, /^conv.channels must be an integer; received 2.5$/);
    refuses(() => trainMLP(init, data, { ...opts, conv: 3 as never }), TypeError, /^conv must be an object \{ channels, kernel \}; received 3$/);
  });

  it('init.conv must be given with opts.conv, only with it, and match its shape', () => {
    const { conv: _drop, ...noConv } = init;
    refuses(() => trainMLP(noConv, data, opts), TypeError, /^init.conv must be an object \{ weight, bias \}.*; received undefined$/);
    const { conv: _o, ...noOpt } = opts;
    refuses(() => trainMLP(init, data, noOpt), TypeError, /^conv must be an object \{ channels, kernel \} when init.conv is given.*; received undefined$/);
    refuses(() => trainMLP(init, data, { ...opts, conv: { channels: 3, kernel: 3 } }), RangeError, /^init.conv.weight must have 3 output channels \(conv.channels\); received length 2$/);
    refuses(() => trainMLP(init, data, { ...opts, conv: { channels: 2, kernel: 4 } }), RangeError, /^init.conv.weight\[0\]\[0\] must have 4 rows \(conv.kernel\); received length 3$/);
    const badRow = structuredClone(init.conv);
    badRow.weight[1]![0]![2] = [0.1, 0.2];
    refuses(() => trainMLP({ ...init, conv: badRow }, data, opts), RangeError, /^init.conv.weight\[1\]\[0\]\[2\] must have length 3 \(a 3×3 kernel\); received length 2$/);
    const twoIn = structuredClone(init.conv);
    twoIn.weight[1]!.push(twoIn.weight[1]![0]!);
    refuses(() => trainMLP({ ...init, conv: twoIn }, data, opts), RangeError, /^init.conv.weight\[1\] must have 1 input channel \(shape 1×3×3\); received length 2$/);
    refuses(() => trainMLP({ ...init, conv: { ...init.conv, bias: [0] } }, data, opts), RangeError, /^init.conv.bias must have length 2 \(one per output channel\); received length 1$/);
    const nan = structuredClone(init.conv);
    nan.weight[0]![0]![1]![2] = Number.NaN;
    refuses(() => trainMLP({ ...init, conv: nan }, data, opts), TypeError, /^init.conv.weight\[0\]\[0\]\[1\]\[2\] must be a finite number; received NaN$/);
  });

  it('weights[0] must read the conv’s C·(9−k)² outputs; rows must be 8×8 images (64 values)', () => {
    const wide = { ...init, weights: [init.weights[0]!.map((row) => row.slice(1)), ...init.weights.slice(1)] };
    refuses(() => trainMLP(wide, data, opts), RangeError, /^init.weights\[0\]\[0\] must have length 72 \(the conv's 2×6×6 outputs, flattened\); received length 71$/);
    const short = { x: data.x.map((row, i) => (i === 3 ? row.slice(0, 63) : row)), y: data.y };
    refuses(() => trainMLP(init, short, opts), RangeError, /^data.x\[3\] must have length 64 \(one 1×8×8 image, row-major, the input of conv\); received length 63$/);
    const val = { x: [data.x[0]!.slice(0, 10)], y: [0] };
    refuses(() => trainMLP(init, data, { ...opts, validation: val }), RangeError, /^validation.x\[0\] must have length 64 .*; received length 10$/);
    const model = torchModel(c);
    refuses(() => predictMLP(model, [data.x[0]!.concat([0])]), RangeError, /^x\[0\] must have length 64 .*; received length 65$/);
    refuses(() => evaluateMLP(model, { x: [data.x[0]!.slice(1)], y: [0] }), RangeError, /^data.x\[0\] must have length 64 .*; received length 63$/);
    refuses(() => predictMLP({ ...model, conv: { weight: [], bias: [] } }, [data.x[0]!]), RangeError, /^model.conv.weight must have between 1 and 16 output channels; received length 0$/);
  });

  it('the work bound counts the conv’s multiply-adds', () => {
    // C = 16, k = 2: 16·49 = 784 features, 784·4 MACs + 64 pixels + 80 parameters per sample beyond the MLP's
    const big = { weights: [[Array(784).fill(0)]], biases: [[0]], conv: { weight: Array.from({ length: 16 }, () => [[[0, 0], [0, 0]]]), bias: Array(16).fill(0) } };
    const rows = { x: [Array(64).fill(0)], y: [0] };
    const o: TrainMLPOptions = { epochs: 10_000, batchSize: 1, lr: 0.1, conv: { channels: 16, kernel: 2 } };
    // the MLP alone (785 parameters + 785 units) fits 2e9 / 1e4 = 2e5 samples; the conv adds 3136 + 64 + 80 per sample
    const samples = Math.floor(2e9 / 10_000 / (785 + 785 + 3136 + 64 + 80)) + 1;
    const many = { x: Array.from({ length: samples }, () => rows.x[0]!), y: Array(samples).fill(0) };
    refuses(() => trainMLP(big, many, o), RangeError, /^epochs × samples × \(parameters \+ units\) must be ≤ 2000000000 .*received 10000 × \d+ × 4850 = /);
  });
});
