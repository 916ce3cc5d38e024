/**
 * pgdMLP (src/lib/trainer/attack.ts) against PyTorch float64: scripts/fixtures/attack_pgd.py attacks
 * attack_mlp.py's trained networks (plain, two hidden layers, BatchNorm1d, a conv front end, a VQ
 * bottleneck) with PGD in eval mode, from x and from a seeded random start. The accuracies agree
 * exactly, the losses and the logits on x^T to 1e-9 relative, x^T itself exactly; T = 1 with α = ε is
 * attackMLP's FGSM bit for bit; more steps never make PGD weaker than its first step here; bad options
 * get named errors and the work is bounded.
 */
import { describe, expect, it } from 'vitest';
import { attackMLP, pgdMLP, predictMLP, PGD_MAX_STEPS, type MLPData, type MLPModel, type MLPPgdOptions } from '../../src/lib';
import { fgsmInputs, pgdInputs } from '../../src/lib/trainer/attack';
import { linearKernelAvailable } from '../../src/lib/trainer/linearWasm';
import mlpFixture from '../fixtures/attack_mlp.json';
import pgdFixture from '../fixtures/attack_pgd.json';
import { bits, nearTree, withKernel } from './trainerCompare';

interface Net { name: string; model: MLPModel; data: MLPData }
interface Run {
  options: MLPPgdOptions;
  accuracies: number[];
  losses: number[];
  logitsEps: number;
  logits: number[][];
  xAdv: number[][] | null;
}
interface Case { name: string; y: number[]; eps: number[]; runs: Run[] }

const NETS = (mlpFixture as unknown as { cases: Net[] }).cases;
const CASES = (pgdFixture as unknown as { cases: Case[] }).cases;
const net = (name: string) => NETS.find((n) => n.name === name)!;

describe('pgdMLP reproduces PyTorch float64 (PGD in eval mode)', () => {
  it('every case attacks attack_mlp.json\'s network of that name, on its rows', () => {
    expect(CASES.map((c) => c.name)).toEqual(NETS.map((n) => n.name));
    for (const c of CASES) expect(net(c.name).data.y, c.name).toEqual(c.y);
    expect(CASES.some((c) => c.runs.some((r) => r.options.randomStart === true))).toBe(true);
    expect(CASES.filter((c) => c.runs.some((r) => r.xAdv !== null)).length).toBeGreaterThanOrEqual(2);
  });

  for (const kernel of ['js', 'wasm'] as const) {
    for (const c of CASES) {
      it(`${c.name} (${kernel} kernels): accuracies exact, losses and logits at 1e-9, x^T exact`, () => {
        if (kernel === 'wasm' && !linearKernelAvailable()) return;
        const { model, data } = net(c.name);
        withKernel(kernel, () => {
          for (const run of c.runs) {
            const label = `${c.name} ${JSON.stringify(run.options)}`;
            const r = pgdMLP(model, data, c.eps, run.options);
            expect(r.eps).toEqual(c.eps);
            expect(r.accuracies, label).toEqual(run.accuracies);
            nearTree(r.losses, run.losses, `${label} losses`);
            const xAdv = pgdInputs(model, data, run.logitsEps, run.options);
            if (run.xAdv !== null) expect(xAdv, label).toEqual(run.xAdv);
            nearTree(predictMLP(model, xAdv).logits, run.logits, `${label} logits at ε = ${run.logitsEps}`);
          }
        });
      });
    }
  }

  it('the options come back with the result', () => {
    const { model, data } = net('mlp');
    const r = pgdMLP(model, data, [0.1], { steps: 3, stepSize: 0.04 });
    expect({ steps: r.steps, stepSize: r.stepSize, randomStart: r.randomStart, seed: r.seed }).toEqual({ steps: 3, stepSize: 0.04, randomStart: false, seed: 0 });
  });
});

describe('PGD and FGSM', () => {
  it('T = 1 with α = ε is attackMLP (FGSM), bit for bit, at every ε and for every network', () => {
    for (const n of NETS) {
      for (const e of [0, 0.02, 0.05, 0.1, 0.3]) {
        const pgd = pgdMLP(n.model, n.data, [e], { steps: 1, stepSize: e });
        const fgsm = attackMLP(n.model, n.data, [e]);
        expect(bits({ a: pgd.accuracies, l: pgd.losses }), `${n.name} ε = ${e}`).toEqual(bits({ a: fgsm.accuracies, l: fgsm.losses }));
        expect(pgdInputs(n.model, n.data, e, { steps: 1, stepSize: e })).toEqual(fgsmInputs(n.model, n.data, e));
      }
    }
  });

  it('ε = 0 leaves x where it is, whatever the steps (the projection)', () => {
    const n = net('two_hidden');
    expect(pgdInputs(n.model, n.data, 0, { steps: 5, stepSize: 0.1 })).toEqual(n.data.x);
    expect(pgdInputs(n.model, n.data, 0, { steps: 5, stepSize: 0.1, randomStart: true, seed: 3 })).toEqual(n.data.x);
  });

  it('x^T stays in the ε-box around x and in [0, 1]', () => {
    const n = net('conv');
    const e = 0.05;
    const xa = pgdInputs(n.model, n.data, e, { steps: 7, stepSize: 0.03, randomStart: true, seed: 5 });
    xa.forEach((row, i) => row.forEach((v, j) => {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(Math.abs(v - n.data.x[i]![j]!)).toBeLessThanOrEqual(e + 1e-15);
    }));
  });

  it('here, PGD\'s loss at 10 steps of ε/4 is at least FGSM\'s at every ε > 0 (the networks without the VQ bottleneck, whose loss is piecewise)', () => {
    for (const n of NETS.filter((k) => k.model.codebook === undefined)) {
      for (const e of [0.02, 0.05, 0.1]) {
        const pgd = pgdMLP(n.model, n.data, [e], { steps: 10, stepSize: e / 4 });
        const fgsm = attackMLP(n.model, n.data, [e]);
        expect(pgd.losses[0]!, `${n.name} ε = ${e}`).toBeGreaterThanOrEqual(fgsm.losses[0]!);
        expect(pgd.accuracies[0]!, `${n.name} ε = ${e}`).toBeLessThanOrEqual(fgsm.accuracies[0]!);
      }
    }
  });

  it('the random start depends on the seed and on nothing else (chunking included)', () => {
    const n = net('two_hidden');
    const o = { steps: 2, stepSize: 0.05, randomStart: true, seed: 9 };
    const a = pgdInputs(n.model, n.data, 0.1, o);
    expect(pgdInputs(n.model, n.data, 0.1, o)).toEqual(a);
    expect(pgdInputs(n.model, n.data, 0.1, { ...o, seed: 10 })).not.toEqual(a);
    // 280 rows > the 256-row chunk: draws in row order, so the first 40 rows are unchanged
    const reps = 7;
    const big = { x: Array.from({ length: reps }, () => n.data.x).flat(), y: Array.from({ length: reps }, () => n.data.y).flat() };
    expect(pgdInputs(n.model, big, 0.1, o).slice(0, 40)).toEqual(a);
    const noStart = { steps: 2, stepSize: 0.05 };
    expect(pgdInputs(n.model, big, 0.1, noStart)).toEqual(Array.from({ length: reps }, () => pgdInputs(n.model, n.data, 0.1, noStart)).flat());
  });
});

describe('pgdMLP: named errors', () => {
  const { model, data } = net('mlp');
  const bad: [string, unknown, RegExp, ErrorConstructor][] = [
    ['no options', undefined, /^opts must be an object \{ steps, stepSize, randomStart\?, seed\? \}; received undefined$/, TypeError],
    ['steps 0', { steps: 0, stepSize: 0.1 }, /^steps must be an integer in \[1, 100\]; received 0$/, RangeError],
    ['steps 101', { steps: 101, stepSize: 0.1 }, /^steps must be an integer in \[1, 100\]; received 101$/, RangeError],
    ['steps 2.5', { steps: 2.5, stepSize: 0.1 }, /^steps must be an integer; received 2\.5$/, TypeError],
    ['steps missing', { stepSize: 0.1 }, /^steps must be a finite number; received undefined$/, TypeError],
    ['stepSize NaN', { steps: 2, stepSize: Number.NaN }, /^stepSize must be a finite number in \[0, 1\]; received NaN$/, TypeError],
    ['stepSize 1.5', { steps: 2, stepSize: 1.5 }, /^stepSize must be in \[0, 1\]; received 1\.5$/, RangeError],
    ['stepSize −0.1', { steps: 2, stepSize: -0.1 }, /^stepSize must be in \[0, 1\]; received -0\.1$/, RangeError],
    ['randomStart 1', { steps: 2, stepSize: 0.1, randomStart: 1 }, /^randomStart must be true or false; received 1$/, TypeError],
    ['seed −1', { steps: 2, stepSize: 0.1, randomStart: true, seed: -1 }, /^seed must be an integer in \[0, 4294967295\]; received -1$/, RangeError],
  ];
  for (const [what, opts, message, kind] of bad) {
    it(what, () => {
      expect(() => pgdMLP(model, data, [0.1], opts as MLPPgdOptions)).toThrow(kind);
      expect(() => pgdMLP(model, data, [0.1], opts as MLPPgdOptions)).toThrow(message);
    });
  }

  it('the radii are checked as attackMLP checks them', () => {
    const o = { steps: 2, stepSize: 0.1 };
    expect(() => pgdMLP(model, data, [0, Number.NaN], o)).toThrow(/^eps\[1\] must be a finite number in \[0, 1\]; received NaN$/);
    expect(() => pgdMLP(model, data, [], o)).toThrow(/^eps must have between 1 and 16 entries/);
    expect(() => pgdInputs(model, data, 2, o)).toThrow(/^eps must be in \[0, 1\]; received 2$/);
  });

  it('model and data are checked as evaluateMLP checks them', () => {
    const o = { steps: 2, stepSize: 0.1 };
    expect(() => pgdMLP(model, { x: data.x, y: data.y.slice(1) }, [0.1], o)).toThrow(/^data\.y must have one label per row/);
    expect(() => pgdMLP({ ...model, biases: model.biases.slice(1) }, data, [0.1], o)).toThrow(/^model\.biases/);
  });

  it('the work bound counts every step of every radius', () => {
    expect(PGD_MAX_STEPS).toBe(100);
    const wide: MLPModel = {
      weights: [Array.from({ length: 1000 }, () => new Array(1000).fill(0)), [new Array(1000).fill(0), new Array(1000).fill(0)]],
      biases: [new Array(1000).fill(0), [0, 0]],
    };
    // about 1e6 multiply-adds per row and pass: 150 rows × 11 passes fit, 150 × 16 × 101 do not
    const row = new Array(1000).fill(0.5);
    const big = { x: Array.from({ length: 150 }, () => row), y: new Array(150).fill(0) };
    expect(() => pgdMLP(wide, big, [0.1], { steps: 10, stepSize: 0.01 })).not.toThrow();
    expect(() => pgdMLP(wide, big, new Array(16).fill(0.1), { steps: 100, stepSize: 0.01 })).toThrow(/^epochs × samples × \(parameters \+ units\) must be ≤ 2000000000/);
  });
});
