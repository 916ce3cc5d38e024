import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  accuracyUnderFgsm, boundarySegment, fgsmDataset, flipEpsilon, meanLoss, predict, trainLogistic, twoClassSplit,
  type Dataset,
} from '../../src/lib/adversarialTraining';
import { fgsm } from '../../src/lib/fgsm';
import { createRng } from '../../src/lib/random';
import { expectAllClose, expectClose, F64 } from './close';
import fx from '../fixtures/adversarial_training.json';

// References (scripts/fixtures/adversarial.py): a Python port of src/lib/random.ts for the seeded
// data, and PyTorch float64 autograd + torch.optim.SGD for training and FGSM.
// Tolerances: the generator's uniforms are exact; normals go through libm's log/sin/cos, which may
// differ from V8's in the last bit, so they and the data use 1e-12. Training runs up to 150 steps
// of gradient descent, summing in a different order than torch: F64 (1e-9) relative, with the
// weights compared at 1e-8. Accuracies are counts / n and must agree exactly.

describe('the seeded generator and data agree with the Python port', () => {
  for (const s of fx.streams) {
    it(`seed ${s.seed}`, () => {
      const u = createRng(s.seed);
      expect(s.uniforms.map(() => u.next())).toEqual(s.uniforms);
      const g = createRng(s.seed);
      expectAllClose(s.normals.map(() => g.normal()), s.normals, 1e-12, 'normals');
    });
  }
  for (const d of fx.datasets) {
    it(`twoClassSplit(${d.seed}, ${d.trainPerClass}, ${d.testPerClass})`, () => {
      const { train, test } = twoClassSplit(d.seed, d.trainPerClass, d.testPerClass);
      expect(train.y).toEqual(d.train.y);
      expect(test.y).toEqual(d.test.y);
      expectAllClose(train.x.flat(), d.train.x.flat(), 1e-12, 'train.x');
      expectAllClose(test.x.flat(), d.test.x.flat(), 1e-12, 'test.x');
    });
  }
});

describe('trainLogistic and accuracyUnderFgsm against torch autograd + SGD', () => {
  it('has enough cases', () => expect(fx.training.length).toBeGreaterThanOrEqual(40));
  for (const [i, c] of fx.training.entries()) {
    it(`case ${i}: dim ${c.train.x[0]!.length}, ${c.train.y.length} points, ${c.steps} steps, lr ${c.lr.toFixed(2)}, ε ${c.eps.toFixed(2)}, α ${c.alpha.toFixed(2)}`, () => {
      const train = c.train as Dataset;
      const test = c.test as Dataset;
      const r = trainLogistic(train, { steps: c.steps, lr: c.lr, eps: c.eps, alpha: c.alpha });
      expectAllClose(r.model.w, c.model.w, 1e-8, 'w');
      expectClose(r.model.b, c.model.b, 1e-8, 'b');
      expect(r.objective).toHaveLength(c.steps + 1);
      expectAllClose(c.objectiveSteps.map((t) => r.objective[t]!), c.objective, F64, 'objective');
      c.testEps.forEach((e, j) => expect(accuracyUnderFgsm(r.model, test, e), `accuracy at ε=${e}`).toBe(c.accuracy[j]));
    });
  }
  it("the page's default cell (seed 1, 50 per class, ε 0.3, α 0.5, 500 steps, lr 4)", () => {
    const c = fx.cell;
    const { train, test } = twoClassSplit(c.seed, c.n, c.n);
    for (const [name, eps, alpha] of [['standard', 0, 1], ['adversarial', c.teps, c.talpha]] as const) {
      const ref = c[name];
      const r = trainLogistic(train, { steps: c.steps, lr: c.lr, eps, alpha });
      expectAllClose(r.model.w, ref.w, 1e-8, `${name} w`);
      expectClose(r.model.b, ref.b, 1e-8, `${name} b`);
      expectClose(r.objective.at(-1)!, ref.objective, 1e-9, `${name} objective`);
      expect(c.curveEps.map((e) => accuracyUnderFgsm(r.model, test, e))).toEqual(ref.accuracy);
    }
  });
});

describe('properties', () => {
  const { train, test } = twoClassSplit(7, 30, 30);
  it('α = 1 or ε = 0 is ordinary training (identical results)', () => {
    const plain = trainLogistic(train, { steps: 50, lr: 1, eps: 0, alpha: 1 });
    expect(trainLogistic(train, { steps: 50, lr: 1, eps: 0.4, alpha: 1 })).toEqual(plain);
    const zeroEps = trainLogistic(train, { steps: 50, lr: 1, eps: 0, alpha: 0.3 });
    expectAllClose(zeroEps.model.w, plain.model.w, 1e-12);
  });
  it('0 steps leaves w = 0, b = 0 and the objective log 2', () => {
    const r = trainLogistic(train, { steps: 0, lr: 1, eps: 0.2, alpha: 0.5 });
    expect(r.model).toEqual({ w: [0, 0], b: 0 });
    expectClose(r.objective[0]!, Math.LN2, 1e-15);
  });
  it('the plain objective falls under gradient descent and equals meanLoss', () => {
    const r = trainLogistic(train, { steps: 100, lr: 0.5, eps: 0, alpha: 1 });
    for (let t = 1; t < r.objective.length; t++) expect(r.objective[t]!).toBeLessThanOrEqual(r.objective[t - 1]! + 1e-15);
    expectClose(r.objective.at(-1)!, meanLoss(r.model, train), 1e-12);
  });
  it('accuracy under FGSM never rises with ε for a linear model (FGSM is the exact L∞ worst case)', () => {
    const model = trainLogistic(train, { steps: 200, lr: 2, eps: 0, alpha: 1 }).model;
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 2, noNaN: true }), (a, b) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        return accuracyUnderFgsm(model, test, hi) <= accuracyUnderFgsm(model, test, lo);
      }),
    );
  });
  it('flipEpsilon is where the prediction of a correct point changes', () => {
    const model = { w: [1.5, -0.5], b: 0.25 };
    fc.assert(
      fc.property(fc.double({ min: -3, max: 3, noNaN: true }), fc.double({ min: -3, max: 3, noNaN: true }), fc.constantFrom(0 as const, 1 as const), (u, v, y) => {
        const e = flipEpsilon([u, v], model, y)!;
        if (!(e > 1e-9)) return true;
        const before = predict(model, fgsm([u, v], model, y, e * (1 - 1e-6)));
        const after = predict(model, fgsm([u, v], model, y, e * (1 + 1e-6)));
        return before === y && after !== y;
      }),
    );
    expect(flipEpsilon([1, 1], { w: [0, 0], b: 1 }, 1)).toBeNull();
    expect(flipEpsilon([0], { w: [5e-324], b: 1e-15 }, 1)).toBeNull(); // the ratio would overflow
    // The worked check's point is already on the wrong side: z = −0.5 for y = 1.
    expectClose(flipEpsilon([0.5, 0.5], { w: [1, -2], b: 0 }, 1)!, -0.5 / 3, 1e-15);
  });
  it('fgsmDataset moves every coordinate by exactly ε (or 0 where the gradient is 0)', () => {
    const model = { w: [2, -1], b: 0.1 };
    const moved = fgsmDataset(model, test, 0.25);
    moved.forEach((xa, i) => xa.forEach((v, j) => expect([0.25, 0]).toContainEqual(Math.abs(Math.round((v - test.x[i]![j]!) * 1e9) / 1e9))));
  });
  it('classes are interleaved and balanced; the split is a prefix-stable stream', () => {
    const a = twoClassSplit(3, 4, 2);
    expect(a.train.y).toEqual([0, 1, 0, 1, 0, 1, 0, 1]);
    expect(a.test.y).toEqual([0, 1, 0, 1]);
    expect(twoClassSplit(3, 4, 0).train).toEqual(a.train);
  });
});

describe('boundarySegment', () => {
  const box = { xMin: -1, xMax: 1, yMin: -1, yMax: 1 };
  it('clips w·x + b = 0 to the box', () => {
    expect(boundarySegment({ w: [1, -1], b: 0 }, box)).toEqual([[-1, -1], [1, 1]]);
    expect(boundarySegment({ w: [1, 0], b: -0.5 }, box)).toEqual([[0.5, -1], [0.5, 1]]);
    expect(boundarySegment({ w: [0, 2], b: 1 }, box)).toEqual([[-1, -0.5], [1, -0.5]]);
  });
  it('is null when the line misses the box or w = 0', () => {
    expect(boundarySegment({ w: [1, 0], b: -5 }, box)).toBeNull();
    expect(boundarySegment({ w: [0, 0], b: 1 }, box)).toBeNull();
  });
  it('end points satisfy the equation and lie in the box', () => {
    fc.assert(
      fc.property(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -2, max: 2, noNaN: true }), (w1, w2, b) => {
        const seg = boundarySegment({ w: [w1, w2], b }, box);
        if (seg === null) return true;
        return seg.every(([u, v]) => Math.abs(w1 * u + w2 * v + b) < 1e-9 && Math.abs(u) <= 1 + 1e-9 && Math.abs(v) <= 1 + 1e-9);
      }),
    );
  });
});

describe('input validation names the parameter', () => {
  const { train } = twoClassSplit(1, 5, 0);
  it.each([
    [() => twoClassSplit(-1, 5, 5), /^seed must be an integer in \[0, 4294967295\]; received -1/],
    [() => twoClassSplit(1, 0, 5), /^trainPerClass must be an integer in \[1, 1000\]; received 0/],
    [() => twoClassSplit(1, 5, 1.5), /^testPerClass must be an integer/],
    [() => trainLogistic(train, { steps: -1, lr: 1, eps: 0, alpha: 1 }), /^steps must be an integer in \[0, 5000\]/],
    [() => trainLogistic(train, { steps: 1, lr: 0, eps: 0, alpha: 1 }), /^lr must be > 0; received 0/],
    [() => trainLogistic(train, { steps: 1, lr: 1, eps: -0.1, alpha: 1 }), /^eps must be ≥ 0; received -0.1/],
    [() => trainLogistic(train, { steps: 1, lr: 1, eps: 0, alpha: 2 }), /^alpha must be in \[0, 1\]; received 2/],
    [() => trainLogistic({ x: [[1, 2]], y: [2 as 0] }, { steps: 1, lr: 1, eps: 0, alpha: 1 }), /^data\.y\[0\] must be 0 or 1; received 2/],
    [() => trainLogistic({ x: [[1, 2], [1]], y: [0, 1] }, { steps: 1, lr: 1, eps: 0, alpha: 1 }), /^data\.x\[1\] must have length in \[2, 2\]/],
    [() => accuracyUnderFgsm({ w: [1], b: 0 }, train, 0.1), /must have the same length|model\.w/],
    [() => boundarySegment({ w: [1, 1], b: 0 }, { xMin: 1, xMax: 0, yMin: 0, yMax: 1 }), /^box\.xMax must be > box\.xMin/],
  ])('%#', (fn, message) => {
    expect(fn).toThrow(message);
  });
  it('a diverging learning rate is reported, never returned as NaN', () => {
    const far: Dataset = { x: [[1e154, -1e154], [-1e154, 1e154]], y: [0, 1] };
    expect(() => trainLogistic(far, { steps: 5, lr: 10, eps: 0, alpha: 1 })).toThrow(/^lr must be small enough/);
  });
});
