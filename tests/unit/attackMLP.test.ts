/**
 * attackMLP (src/lib/trainer/attack.ts) against PyTorch float64: scripts/fixtures/attack_mlp.py trains
 * small networks (plain, two hidden layers, BatchNorm1d, a conv front end, a VQ bottleneck), then
 * attacks them with FGSM in eval mode. The accuracies agree exactly, the losses and the logits on x_adv
 * to 1e-9 relative; x_adv itself (fgsmInputs) equals clamp(x + ε·sign(g), 0, 1) with torch's signs of g,
 * exactly; ε = 0 is evaluateMLP bit for bit; the WebAssembly and JavaScript kernels give the same bits;
 * bad radii get named errors.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { attackMLP, evaluateMLP, predictMLP, type MLPData, type MLPModel } from '../../src/lib';
import { fgsmInputs } from '../../src/lib/trainer/attack';
import { linearKernelAvailable, setLinearKernel } from '../../src/lib/trainer/linearWasm';
import fixture from '../fixtures/attack_mlp.json';
import { bits, nearTree, withKernel } from './trainerCompare';

interface Case {
  name: string;
  model: MLPModel;
  data: MLPData;
  eps: number[];
  expected: { accuracies: number[]; losses: number[]; logitsEps: number; logits: number[][]; gradientSigns: number[][] };
}
const CASES = (fixture as unknown as { cases: Case[] }).cases;

afterEach(() => {
  setLinearKernel('auto');
});

/** x_adv from torch's signs of g: the same arithmetic as attack.ts, so exact. */
function expectedAdversarial(c: Case, eps: number): number[][] {
  return c.data.x.map((row, i) => row.map((v, j) => Math.min(1, Math.max(0, v + eps * c.expected.gradientSigns[i]![j]!))));
}

describe('attackMLP reproduces PyTorch float64 (FGSM in eval mode)', () => {
  it('the fixtures cover BN, conv, VQ, two hidden layers, exact-zero gradients and clamped pixels', () => {
    const has = (f: (c: Case) => boolean) => expect(CASES.some(f)).toBe(true);
    has((c) => c.model.batchNorm !== undefined);
    has((c) => c.model.conv !== undefined);
    has((c) => c.model.codebook !== undefined);
    has((c) => c.model.weights.length >= 3);
    has((c) => c.expected.gradientSigns.some((row) => row.includes(0)));
    has((c) => c.data.x.some((row) => row.includes(0) && row.includes(1)));
  });

  for (const kernel of ['js', 'wasm'] as const) {
    for (const c of CASES) {
      it(`${c.name} (${kernel} kernels): accuracies exact, losses and logits at 1e-9, x_adv exact`, () => {
        if (kernel === 'wasm' && !linearKernelAvailable()) return;
        withKernel(kernel, () => {
          const r = attackMLP(c.model, c.data, c.eps);
          expect(r.eps).toEqual(c.eps);
          expect(r.accuracies).toEqual(c.expected.accuracies);
          nearTree(r.losses, c.expected.losses, 'losses');
          const e = c.expected.logitsEps;
          const xAdv = fgsmInputs(c.model, c.data, e);
          expect(xAdv).toEqual(expectedAdversarial(c, e));
          nearTree(predictMLP(c.model, xAdv).logits, c.expected.logits, `logits at ε = ${e}`);
        });
      });
    }
  }

  it('ε = 0 is evaluateMLP, bit for bit (the pixels are in [0, 1])', () => {
    for (const c of CASES) {
      const r = attackMLP(c.model, c.data, [0]);
      const v = evaluateMLP(c.model, c.data);
      expect(bits({ loss: r.losses[0], accuracy: r.accuracies[0] }), c.name).toEqual(bits(v));
      expect(fgsmInputs(c.model, c.data, 0)).toEqual(c.data.x);
    }
  });

  it('the WebAssembly and JavaScript kernels give the same bits', () => {
    if (!linearKernelAvailable()) return;
    for (const c of CASES) {
      const run = (mode: 'js' | 'wasm') => withKernel(mode, () => ({
        attack: attackMLP(c.model, c.data, c.eps),
        xAdv: fgsmInputs(c.model, c.data, c.expected.logitsEps),
      }));
      expect(bits(run('wasm')), c.name).toEqual(bits(run('js')));
    }
  });

  it('the radii come back in their order, repeats included, and the curve is per radius', () => {
    const c = CASES[0]!;
    const r = attackMLP(c.model, c.data, [0.3, 0, 0.3]);
    expect(r.eps).toEqual([0.3, 0, 0.3]);
    expect(r.losses[0]).toBe(r.losses[2]);
    expect(r.accuracies[1]).toBe(c.expected.accuracies[0]);
  });

  it('chunking is exact: more rows than one workspace chunk give each row the same x_adv', () => {
    const c = CASES[1]!;
    const reps = 7; // 280 rows > the 256-row chunk
    const data = { x: Array.from({ length: reps }, () => c.data.x).flat(), y: Array.from({ length: reps }, () => c.data.y).flat() };
    const e = c.expected.logitsEps;
    expect(fgsmInputs(c.model, data, e)).toEqual(Array.from({ length: reps }, () => expectedAdversarial(c, e)).flat());
    const r = attackMLP(c.model, data, c.eps);
    expect(r.accuracies).toEqual(c.expected.accuracies);
    nearTree(r.losses, c.expected.losses, 'losses');
  });
});

describe('attackMLP: named errors', () => {
  const c = CASES[0]!;
  const bad: [string, unknown, RegExp, ErrorConstructor][] = [
    ['NaN', [0, Number.NaN], /^eps\[1\] must be a finite number in \[0, 1\]; received NaN$/, TypeError],
    ['−0.1', [-0.1], /^eps\[0\] must be in \[0, 1\]; received -0\.1$/, RangeError],
    ['1.5', [0.1, 0.2, 1.5], /^eps\[2\] must be in \[0, 1\]; received 1\.5$/, RangeError],
    ['Infinity', [Infinity], /^eps\[0\] must be a finite number in \[0, 1\]; received Infinity$/, TypeError],
    ['a string', ['0.1'], /^eps\[0\] must be a finite number in \[0, 1\]; received "0\.1"$/, TypeError],
    ['17 entries', new Array(17).fill(0.1), /^eps must have between 1 and 16 entries \(numbers in \[0, 1\]\); received length 17$/, RangeError],
    ['no entries', [], /^eps must have between 1 and 16 entries \(numbers in \[0, 1\]\); received length 0$/, RangeError],
    ['not an array', 0.1, /^eps must be an array of 1 to 16 numbers in \[0, 1\]; received 0\.1$/, TypeError],
    ['undefined', undefined, /^eps must be an array of 1 to 16 numbers in \[0, 1\]; received undefined$/, TypeError],
  ];
  for (const [what, eps, message, kind] of bad) {
    it(`eps ${what}`, () => {
      expect(() => attackMLP(c.model, c.data, eps as number[])).toThrow(kind);
      expect(() => attackMLP(c.model, c.data, eps as number[])).toThrow(message);
    });
  }

  it('fgsmInputs checks its one radius', () => {
    expect(() => fgsmInputs(c.model, c.data, Number.NaN)).toThrow(/^eps must be a finite number in \[0, 1\]; received NaN$/);
    expect(() => fgsmInputs(c.model, c.data, 2)).toThrow(/^eps must be in \[0, 1\]; received 2$/);
  });

  it('model and data are checked as evaluateMLP checks them', () => {
    expect(() => attackMLP(c.model, { x: c.data.x, y: c.data.y.slice(1) }, [0.1])).toThrow(/^data\.y must have one label per row/);
    expect(() => attackMLP({ ...c.model, biases: c.model.biases.slice(1) }, c.data, [0.1])).toThrow(/^model\.biases/);
    const conv = CASES.find((k) => k.model.conv !== undefined)!;
    expect(() => attackMLP(conv.model, { x: [conv.data.x[0]!.slice(1)], y: [0] }, [0.1])).toThrow(/^data\.x\[0\] must have length 64/);
  });

  it('the work bound counts the gradient pass and every radius', () => {
    const wide: MLPModel = {
      weights: [Array.from({ length: 1000 }, () => new Array(1000).fill(0)), [new Array(1000).fill(0), new Array(1000).fill(0)]],
      biases: [new Array(1000).fill(0), [0, 0]],
    };
    // about 1e6 multiply-adds per row: 150 rows are one evaluation's 1.5e8, but 17 passes make 2.6e9
    const row = new Array(1000).fill(0.5);
    const data = { x: Array.from({ length: 150 }, () => row), y: new Array(150).fill(0) };
    expect(() => evaluateMLP(wide, data)).not.toThrow();
    expect(() => attackMLP(wide, data, new Array(16).fill(0.1))).toThrow(/^epochs × samples × \(parameters \+ units\) must be ≤ 2000000000/);
  });
});
