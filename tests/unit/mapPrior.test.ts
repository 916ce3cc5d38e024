/**
 * src/lib/mapPrior.ts against scikit-learn (tests/fixtures/map_prior.json, scripts/fixtures/map_prior.py):
 * the α the prior scales imply, and sklearn's Ridge/Lasso fitted at that α on the page's diabetes data,
 * which our solvers reproduce, and which satisfy the MAP optimality condition.
 */
import { describe, expect, it } from 'vitest';
import { lasso, ridge } from '../../src/lib/linearModels';
import { mapStationarity, priorAlpha, priorScale } from '../../src/lib/mapPrior';
import { refusedParam } from '../../src/lib/refusal';
import { prepareDiabetes, type DiabetesJson } from '../../src/cells/l1l2Path';
import diabetesJson from '../../public/data/diabetes.json';
import fixture from '../fixtures/map_prior.json';
import { expectAllClose, expectClose, F64 } from './close';

const data = prepareDiabetes(diabetesJson as DiabetesJson);

// Tolerances: α is a product and a quotient (≤ 2 roundings apart from Python's formula): 1e-15
// relative. Coefficients: F64 as in linearModels.test.ts (sklearn's lasso at tol=1e-14 is within
// ~1e-12 of the exact optimum; ridge solves the same SPD system).
describe('prior scale ↔ scikit-learn α', () => {
  it('gives sklearn’s α: Ridge σ²/τ², Lasso σ²/(n·b)', () => {
    expect(fixture.cases.length).toBeGreaterThanOrEqual(6);
    for (const c of fixture.cases) {
      expect(c.n).toBe(data.X.length);
      expectClose(priorAlpha('gaussian', c.sigma, c.tau, c.n), c.ridge_alpha, 1e-15, 'ridge α');
      expectClose(priorAlpha('laplace', c.sigma, c.b, c.n), c.lasso_alpha, 1e-15, 'lasso α');
    }
  });
  it('priorScale inverts priorAlpha', () => {
    for (const c of fixture.cases) {
      expectClose(priorScale('gaussian', c.sigma, priorAlpha('gaussian', c.sigma, c.tau, c.n), c.n), c.tau, 1e-14, 'τ');
      expectClose(priorScale('laplace', c.sigma, priorAlpha('laplace', c.sigma, c.b, c.n), c.n), c.b, 1e-14, 'b');
    }
  });
  it('ridge’s α does not depend on n; the lasso’s falls as 1/n', () => {
    expect(priorAlpha('gaussian', 3, 2, 1)).toBe(priorAlpha('gaussian', 3, 2, 1000));
    expect(priorAlpha('laplace', 3, 2, 10)).toBeCloseTo(priorAlpha('laplace', 3, 2, 1) / 10, 15);
  });
  it('refuses bad values naming the parameter', () => {
    const refused = (f: () => unknown) => { try { f(); } catch (e) { return { param: refusedParam(e), range: e instanceof RangeError }; } return null; };
    expect(refused(() => priorAlpha('gaussian', 0, 1, 1))).toEqual({ param: 'sigma', range: true });
    expect(refused(() => priorAlpha('laplace', 1, -1, 1))).toEqual({ param: 'scale', range: true });
    expect(refused(() => priorAlpha('laplace', 1, 1, 0))).toEqual({ param: 'n', range: true });
    expect(refused(() => priorScale('gaussian', 1, 0, 1))).toEqual({ param: 'alpha', range: true });
    expect(() => priorAlpha('cauchy' as 'gaussian', 1, 1, 1)).toThrow(TypeError);
    expect(() => priorAlpha('cauchy' as 'gaussian', 1, 1, 1)).toThrow(/prior must be 'gaussian' or 'laplace'; received "cauchy"/);
    // overflow and underflow are refused, not printed as Infinity or a silent α = 0
    expect(refused(() => priorAlpha('gaussian', 1e300, 1e-300, 1))).toEqual({ param: 'scale', range: true });
    expect(refused(() => priorAlpha('gaussian', 1e-300, 1e300, 1))).toEqual({ param: 'scale', range: true });
    expect(() => priorAlpha('gaussian', 1e-300, 1e300, 1)).toThrow(/scale must give a positive finite alpha/);
  });
});

describe('the MAP fits on the diabetes data', () => {
  it('our ridge and lasso at priorAlpha’s α equal sklearn’s', () => {
    for (const [i, c] of fixture.cases.entries()) {
      const r = ridge(data.X, data.y, priorAlpha('gaussian', c.sigma, c.tau, c.n));
      const l = lasso(data.X, data.y, priorAlpha('laplace', c.sigma, c.b, c.n));
      expectAllClose(r.coef, c.ridge_coef, F64, `case ${i} ridge`);
      expectClose(r.intercept, c.ridge_intercept, F64, `case ${i} ridge intercept`);
      expectAllClose(l.coef, c.lasso_coef, F64, `case ${i} lasso`);
      expectClose(l.intercept, c.lasso_intercept, F64, `case ${i} lasso intercept`);
      c.lasso_coef.forEach((v, j) => { if (v === 0) expect(l.coef[j], `case ${i} zero ${j}`).toBe(0); });
    }
  });
  it('satisfy the MAP condition: the (sub)gradient of −log p(w | y) vanishes to rounding', () => {
    for (const c of fixture.cases) {
      const r = ridge(data.X, data.y, priorAlpha('gaussian', c.sigma, c.tau, c.n));
      const l = lasso(data.X, data.y, priorAlpha('laplace', c.sigma, c.b, c.n));
      const gr = mapStationarity('gaussian', data.X, data.y, r.coef, r.intercept, c.sigma, c.tau);
      const gl = mapStationarity('laplace', data.X, data.y, l.coef, l.intercept, c.sigma, c.b);
      // Relative to the size of the terms that cancel: the data's pull Σ|x_ij r_i|/σ² is ≲ 1e3·n/σ².
      const scale = (1e3 * c.n) / c.sigma ** 2;
      expect(gr.max).toBeLessThan(1e-12 * Math.max(1, scale));
      expect(gl.max).toBeLessThan(1e-12 * Math.max(1, scale));
      // sklearn's own coefficients pass too (to its tolerance), so the check is about the optimum, not our solver
      const gs = mapStationarity('laplace', data.X, data.y, c.lasso_coef, c.lasso_intercept, c.sigma, c.b);
      expect(gs.max).toBeLessThan(1e-6 * Math.max(1, scale));
    }
  });
  it('the check is not trivially 0: another α fails it, by the prior’s pull', () => {
    const [c] = fixture.cases;
    const wrong = ridge(data.X, data.y, 2 * c!.ridge_alpha);
    expect(mapStationarity('gaussian', data.X, data.y, wrong.coef, wrong.intercept, c!.sigma, c!.tau).max).toBeGreaterThan(1e-3);
    const off = lasso(data.X, data.y, 2 * c!.lasso_alpha);
    expect(mapStationarity('laplace', data.X, data.y, off.coef, off.intercept, c!.sigma, c!.b).max).toBeGreaterThan(1e-3);
  });
  it('works on a hand-made problem: one coefficient at zero inside its subdifferential', () => {
    // X = [[1], [−1]], y = [1, −1]: x̄ = ȳ = 0, xᵀy = 2. With σ = 1, b = 1: at w = 0, |xᵀr|/σ² = 2 > 1/b = 1 → 1.
    expect(mapStationarity('laplace', [[1], [-1]], [1, -1], [0], 0, 1, 1).coef).toEqual([1]);
    // with b = 0.5 the prior's pull 1/b = 2 balances it: 0 is the MAP.
    expect(mapStationarity('laplace', [[1], [-1]], [1, -1], [0], 0, 1, 0.5).max).toBe(0);
    // Gaussian: gradient −xᵀr/σ² + w/τ² at w = 0.5, τ = 1: −(2 − 2·0.5) + 0.5 = −0.5.
    expect(mapStationarity('gaussian', [[1], [-1]], [1, -1], [0.5], 0, 1, 1).coef).toEqual([-0.5]);
    expect(() => mapStationarity('gaussian', [[1], [-1]], [1, -1], [0.5, 1], 0, 1, 1)).toThrow(/coef/);
  });
});
