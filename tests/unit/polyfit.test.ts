import { describe, expect, it } from 'vitest';
import {
  checkLearningRate, hessianMaxEigenvalue, l2Norm, legendreFeatures, legendreSeries, maxStableLearningRate, mseHessian,
  noisySine, symmetricEigenvalues, trainPolynomialGD, trueFunction, weightsAt,
} from '../../src/lib/polyfit';
import { createRng } from '../../src/lib/random';
import { expectAllClose, expectClose } from './close';
import fx from '../fixtures/polyfit.json';

describe('against numpy / torch (tests/fixtures/polyfit.json)', () => {
  it('legendreFeatures = numpy.polynomial.legendre.legvander', () => {
    const got = legendreFeatures(fx.legendre.x, fx.legendre.degree);
    got.forEach((row, i) => expectAllClose(row, fx.legendre.values[i]!, 1e-13, `x=${fx.legendre.x[i]}`));
  });
  it('hessianMaxEigenvalue = max eigvalsh((2/n)·XᵀX)', () => {
    for (const c of fx.cases) expectClose(hessianMaxEigenvalue(c.xTrain, c.degree), c.lambdaMax, 1e-11);
  });
  it('trainPolynomialGD = torch autograd + optim.SGD, epoch by epoch', () => {
    expect(fx.cases.length).toBeGreaterThanOrEqual(20);
    for (const [k, c] of fx.cases.entries()) {
      const run = trainPolynomialGD(c, { degree: c.degree, lr: c.lr, epochs: c.epochs });
      const train = c.epochIndex.map((e) => run.trainLoss[e]!);
      const val = c.epochIndex.map((e) => run.valLoss[e]!);
      expectAllClose(train, c.trainLoss, 1e-9, `case ${k} train`);
      expectAllClose(val, c.valLoss, 1e-9, `case ${k} val`);
      c.weightsAt.forEach((e, j) => expectAllClose(weightsAt(run, e), c.weights[j]!, 1e-8, `case ${k} w@${e}`));
    }
  });
});

describe('noisySine', () => {
  it('draws x, then noises, train before validation, from createRng(seed)', () => {
    const d = noisySine({ seed: 5, nTrain: 3, nVal: 2, noise: 0.5 });
    const rng = createRng(5);
    const x = [rng.uniform(-1, 1), rng.uniform(-1, 1), rng.uniform(-1, 1)];
    const e = [rng.normal(), rng.normal(), rng.normal()];
    expect(d.xTrain).toEqual(x);
    expect(d.yTrain).toEqual(x.map((xi, i) => trueFunction(xi) + 0.5 * e[i]!));
    const xv = [rng.uniform(-1, 1), rng.uniform(-1, 1)];
    expect(d.xVal).toEqual(xv);
    expect(d.yVal.length).toBe(2);
  });
  it('is reproducible, and noise 0 gives sin(πx) exactly', () => {
    expect(noisySine({ seed: 1, nTrain: 10, nVal: 5, noise: 0.3 })).toEqual(noisySine({ seed: 1, nTrain: 10, nVal: 5, noise: 0.3 }));
    const d = noisySine({ seed: 2, nTrain: 10, nVal: 5, noise: 0 });
    d.xTrain.forEach((x, i) => expect(d.yTrain[i]).toBe(Math.sin(Math.PI * x)));
    d.xTrain.forEach((x) => expect(Math.abs(x)).toBeLessThanOrEqual(1));
  });
  it.each([
    [{ seed: -1, nTrain: 3, nVal: 3, noise: 0 }, /seed must be an integer in \[0, 4294967295\]; received -1/],
    [{ seed: 1, nTrain: 0, nVal: 3, noise: 0 }, /nTrain must be an integer in \[1, 1000\]; received 0/],
    [{ seed: 1, nTrain: 3, nVal: 3, noise: -0.1 }, /noise must be in \[0, 1000000\]; received -0\.1/],
    [{ seed: 1, nTrain: 3, nVal: Number.NaN, noise: 0 }, /nVal must be a finite number; received NaN/],
  ])('rejects %j', (opts, message) => {
    expect(() => noisySine(opts)).toThrow(message);
  });
});

describe('Legendre features and series', () => {
  it('P₀…P₃ by their closed forms', () => {
    for (const x of [-1, -0.3, 0, 0.7, 1]) {
      expectAllClose(legendreFeatures([x], 3)[0]!, [1, x, (3 * x * x - 1) / 2, (5 * x ** 3 - 3 * x) / 2], 1e-15);
    }
    expect(legendreFeatures([1], 12)[0]!.every((v) => Math.abs(v - 1) < 1e-12)).toBe(true);
  });
  it('legendreSeries(w, x) = Σ wⱼ Pⱼ(x)', () => {
    const w = [0.5, -1, 2, 0.25];
    for (const x of [-0.9, 0.1, 0.6]) {
      const row = legendreFeatures([x], 3)[0]!;
      expectClose(legendreSeries(w, x), row.reduce((s, p, j) => s + p * w[j]!, 0), 1e-15);
    }
  });
});

describe('the learning-rate limit', () => {
  it('symmetricEigenvalues matches known spectra', () => {
    expectAllClose(symmetricEigenvalues([[2, 1], [1, 2]]), [1, 3], 1e-14);
    expectAllClose(symmetricEigenvalues([[4]]), [4]);
    expectAllClose(symmetricEigenvalues([[1, 0, 0], [0, 3, 0], [0, 0, 2]]), [1, 2, 3]);
    // A random SPD matrix: eigenvalues sum to the trace, multiply to the determinant (2×2 block).
    const a = [[5, 2, 0.5], [2, 3, 1], [0.5, 1, 4]];
    const e = symmetricEigenvalues(a);
    expectClose(e.reduce((s, v) => s + v, 0), 12, 1e-13);
  });
  it('degree 0: H = [2], so 2/λ_max = 1 whatever the data', () => {
    expect(mseHessian([0.3, -0.2], 0)).toEqual([[2]]);
    expectClose(maxStableLearningRate([0.3, -0.2, 0.9], 0), 1, 1e-15);
  });
  it('below the limit the loss falls every epoch; at or above it the lr is refused', () => {
    const data = noisySine({ seed: 9, nTrain: 15, nVal: 30, noise: 0.3 });
    const limit = maxStableLearningRate(data.xTrain, 10);
    const run = trainPolynomialGD(data, { degree: 10, lr: 0.99 * limit, epochs: 300 });
    for (let e = 1; e < run.epochs; e++) expect(run.trainLoss[e]!).toBeLessThanOrEqual(run.trainLoss[e - 1]! * (1 + 1e-12));
    expect(() => trainPolynomialGD(data, { degree: 10, lr: limit, epochs: 5 })).toThrow(/lr must be < 2\/λ_max = 0\.\d{6} for gradient descent to converge on this training set; received 0\.\d+/);
    const printed = Number(/= (0\.\d+) for/.exec((() => { try { checkLearningRate(limit, limit); } catch (e) { return String(e); } return ''; })())![1]);
    expect(printed).toBeLessThan(limit);
    expect(limit - printed).toBeLessThan(1e-5);
    expect(() => checkLearningRate(0, 1)).toThrow(/lr must be > 0; received 0/);
    expect(checkLearningRate(0.5, 1)).toBe(0.5);
  });
});

describe('trainPolynomialGD', () => {
  const data = noisySine({ seed: 9, nTrain: 15, nVal: 30, noise: 0.3 });
  it('records one loss pair and one weight vector per epoch, all finite', () => {
    const run = trainPolynomialGD(data, { degree: 10, lr: 0.1, epochs: 200 });
    expect(run.trainLoss).toHaveLength(200);
    expect(run.valLoss).toHaveLength(200);
    expect(run.weights).toHaveLength(200 * 11);
    expect([...run.trainLoss, ...run.valLoss, ...run.weights].every(Number.isFinite)).toBe(true);
    // The recorded losses are those of the recorded weights.
    const w = weightsAt(run, 57);
    const mse = data.xVal.reduce((s, x, i) => s + (legendreSeries(w, x) - data.yVal[i]!) ** 2, 0) / data.xVal.length;
    expectClose(run.valLoss[57]!, mse, 1e-12);
    expect(l2Norm(weightsAt(run, 199))).toBeGreaterThan(l2Norm(weightsAt(run, 0)));
  });
  it('the first step is w₁ = lr·(2/n)·Xᵀy', () => {
    const run = trainPolynomialGD(data, { degree: 2, lr: 0.1, epochs: 1 });
    const X = legendreFeatures(data.xTrain, 2);
    const n = X.length;
    const expected = [0, 1, 2].map((j) => 0.1 * (2 / n) * X.reduce((s, row, i) => s + row[j]! * data.yTrain[i]!, 0));
    expectAllClose(weightsAt(run, 0), expected, 1e-14);
  });
  it('reports progress up to the last epoch', () => {
    const seen: number[] = [];
    trainPolynomialGD(data, { degree: 3, lr: 0.1, epochs: 120 }, (done, total) => {
      expect(total).toBe(120);
      seen.push(done);
    });
    expect(seen[seen.length - 1]).toBe(120);
    expect(seen.length).toBeLessThanOrEqual(60);
  });
  it.each([
    [{ degree: 31, lr: 0.1, epochs: 5 }, /degree must be an integer in \[0, 30\]; received 31/],
    [{ degree: 3, lr: 0.1, epochs: 0 }, /epochs must be an integer in \[1, 100000\]; received 0/],
    [{ degree: 3, lr: Number.POSITIVE_INFINITY, epochs: 5 }, /lr must be a finite number; received Infinity/],
  ])('rejects %j', (opts, message) => {
    expect(() => trainPolynomialGD(data, opts)).toThrow(message);
  });
  it('rejects data whose lengths disagree', () => {
    expect(() => trainPolynomialGD({ ...data, yTrain: [1, 2] }, { degree: 2, lr: 0.1, epochs: 2 })).toThrow(/yTrain must have length in \[15, 15\]; received length 2/);
    expect(() => weightsAt(trainPolynomialGD(data, { degree: 2, lr: 0.1, epochs: 2 }), 2)).toThrow(/epoch must be an integer in \[0, 1\]; received 2/);
  });
});

describe('symmetricEigenvalues at the ends of the float64 range', () => {
  it('huge and tiny entries: exact power-of-two scaling, no NaN, a named error past the range', () => {
    expect(symmetricEigenvalues([[1e300, 0], [0, -1e300]])).toEqual([-1e300, 1e300]);
    const tiny = symmetricEigenvalues([[0, 1e-200], [1e-200, 0]]);
    expect(Math.abs(tiny[0]! / -1e-200 - 1)).toBeLessThan(1e-15);
    expect(Math.abs(tiny[1]! / 1e-200 - 1)).toBeLessThan(1e-15);
    // ±√(1² + 0.5²)·1e308: the squares of these entries overflow without the scaling.
    const big = symmetricEigenvalues([[1e308, 5e307], [5e307, -1e308]]);
    expect(Math.abs(big[1]! / (Math.hypot(1, 0.5) * 1e308) - 1)).toBeLessThan(1e-15);
    expect(Math.abs(big[0]! / (-Math.hypot(1, 0.5) * 1e308) - 1)).toBeLessThan(1e-15);
    expect(() => symmetricEigenvalues([[1.7e308, 1.7e308], [1.7e308, 1.7e308]])).toThrow(/^a must have eigenvalues of magnitude below 1.8e308; received/);
    // The scaling is exact: a matrix times 2^600 has exactly the eigenvalues times 2^600.
    const a = [[2, 1, 0.5], [1, 3, -0.25], [0.5, -0.25, 1.5]];
    expect(symmetricEigenvalues(a.map((r) => r.map((v) => v * 2 ** 600)))).toEqual(symmetricEigenvalues(a).map((v) => v * 2 ** 600));
  });
});
