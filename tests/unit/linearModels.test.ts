import { describe, expect, it } from 'vitest';
import { entryOrder, lasso, lassoPath, ridge, ridgePath, standardize } from '../../src/lib/linearModels';
import { expectAllClose, expectClose, F64 } from './close';
import lassoCases from '../fixtures/lasso.json';
import ridgeCases from '../fixtures/ridge.json';
import ridgePathCases from '../fixtures/ridge_path.json';
import pathCases from '../fixtures/lasso_path.json';
import diabetes from '../fixtures/lasso_path_diabetes.json';

// Tolerances.
// - Ridge: F64 (1e-9 relative). Closed form; both sides solve the same SPD system by Cholesky, the
//   fixtures' systems are well conditioned (cond ≲ 1e4), so agreement is ~1e-13.
// - Lasso: also F64 (1e-9 relative to max(1, |value|)). The reference is sklearn's coordinate
//   descent run with tol=1e-14 (duality gap ≤ 1e-14·‖y‖²): checked against the exact active-set
//   solution in Python it is within ~1e-12. Our solver converges to max|Δw| ≤ 1e-12·max|w| and then
//   solves the active set exactly ("polish"), so a looser iterative tolerance is not needed.
//   Path points use F64 too (measured: ≤ 1e-12 on the random paths, ≤ 9e-11 on diabetes, where a
//   few of the 100 warm-started α sit just before a feature enters: there sklearn's iterate is
//   itself 9e-11 from the exact active-set solution, and ours is at the exact solution).
// Measured agreement when this was written: lasso ≤ 6.3e-13, ridge ≤ 6.3e-14, random paths ≤ 5.9e-13.
// The fixture's random cases depend on the module order in scripts/fixtures (see make_fixtures.py).

describe('lasso (sklearn Lasso, fit_intercept=True)', () => {
  it('matches sklearn on random problems (incl. p > n, α ≥ α_max, α = 0)', () => {
    expect(lassoCases.length).toBeGreaterThanOrEqual(50);
    for (const [i, c] of lassoCases.entries()) {
      const fit = lasso(c.X, c.y, c.alpha);
      expectAllClose(fit.coef, c.coef, F64, `case ${i} coef`);
      expectClose(fit.intercept, c.intercept, F64, `case ${i} intercept`);
      expect(fit.converged, `case ${i} converged`).toBe(true);
      expect(fit.dualGap, `case ${i} gap`).toBeLessThan(1e-9 * Math.max(1, c.y.reduce((s, v) => s + v * v, 0)));
      // exact zeros where sklearn has exact zeros
      c.coef.forEach((v, j) => { if (v === 0) expect(fit.coef[j], `case ${i} zero ${j}`).toBe(0); });
    }
  });
  it('is all zeros (intercept ȳ) at α ≥ α_max and OLS at α = 0', () => {
    const X = [[1, 0], [0, 1], [1, 1], [2, 1]];
    const y = [1, 2, 3, 5];
    const big = lasso(X, y, 1e3);
    expect(big.coef).toEqual([0, 0]);
    expectClose(big.intercept, 2.75);
    const ols = lasso(X, y, 0);
    const r = ridge(X, y, 0);
    expectAllClose(ols.coef, r.coef, 1e-10);
    expectClose(ols.intercept, r.intercept, 1e-10);
  });
  it('a constant column gets coefficient 0 (like sklearn)', () => {
    const fit = lasso([[1, 5], [2, 5], [3, 5]], [1, 2, 4], 0.01);
    expect(fit.coef[1]).toBe(0);
  });
});

describe('ridge (sklearn Ridge, fit_intercept=True)', () => {
  it('matches sklearn (incl. p > n and α = 0)', () => {
    expect(ridgeCases.length).toBeGreaterThanOrEqual(50);
    for (const [i, c] of ridgeCases.entries()) {
      const fit = ridge(c.X, c.y, c.alpha);
      expectAllClose(fit.coef, c.coef, F64, `case ${i} coef`);
      expectClose(fit.intercept, c.intercept, F64, `case ${i} intercept`);
    }
  });
  it('ridgePath equals sklearn Ridge at each α, in the given order', () => {
    for (const [i, c] of ridgePathCases.entries()) {
      const path = ridgePath(c.X, c.y, { alphas: c.alphas });
      expect(path.alphas).toEqual(c.alphas);
      c.coefs.forEach((coef, k) => expectAllClose(path.coefs[k]!, coef, F64, `case ${i} α${k}`));
      expectAllClose(path.intercepts, c.intercepts, F64, `case ${i} intercepts`);
    }
  });
  it('needs α > 0 when the centred columns are dependent', () => {
    const X = [[1, 2], [2, 4], [3, 6]];
    expect(() => ridge(X, [1, 2, 3], 0)).toThrow(RangeError);
    expect(() => ridge(X, [1, 2, 3], 0)).toThrow(/alpha must be > 0 when the centred columns of X are linearly dependent.*received 0/);
    expect(ridge(X, [1, 2, 3], 0.1).coef.every(Number.isFinite)).toBe(true);
  });
});

describe('lassoPath (sklearn lasso_path on centred data)', () => {
  it('matches sklearn on random problems, automatic grids and given α', () => {
    for (const [i, c] of pathCases.entries()) {
      const path = lassoPath(c.X, c.y, c.opts);
      expectClose(path.alphaMax, c.alpha_max, F64, `case ${i} α_max`);
      expectAllClose(path.alphas, c.alphas, 1e-12, `case ${i} alphas`);
      c.coefs.forEach((coef, k) => expectAllClose(path.coefs[k]!, coef, F64, `case ${i} α${k}`));
      expectAllClose(path.intercepts, c.intercepts, F64, `case ${i} intercepts`);
    }
  });
  it('diabetes with X/X.std(0): α_max ≈ 45.16 and the entry order of docs/reference-semantics.md', () => {
    const path = lassoPath(diabetes.X, diabetes.y);
    expectClose(path.alphaMax, 45.16, 1e-4);
    expectClose(path.alphaMax, diabetes.alpha_max, F64);
    expect(path.alphas).toHaveLength(100);
    expectAllClose(path.alphas, diabetes.alphas, 1e-12, 'alphas');
    diabetes.coefs.forEach((coef, k) => expectAllClose(path.coefs[k]!, coef, F64, `α${k}`));
    expectAllClose(path.intercepts, diabetes.intercepts, F64, 'intercepts');
    const names = entryOrder(path.coefs).map((j) => diabetes.feature_names[j]);
    expect(names).toEqual(['bmi', 's5', 'bp', 's3', 'sex', 's6', 's1', 's4', 's2', 'age']);
    expect(names).toEqual(diabetes.entry_order);
  });
  it('each path point equals lasso() at that α', () => {
    const c = pathCases[1]!;
    const path = lassoPath(c.X, c.y, c.opts);
    path.alphas.forEach((a, k) => expectAllClose(path.coefs[k]!, lasso(c.X, c.y, a).coef, F64, `α${k}`));
  });
  it('sorts given α into decreasing order; constant y gives the 1e-15 grid like sklearn', () => {
    const X = [[1, 0], [0, 1], [1, 1], [2, 3]];
    expect(lassoPath(X, [1, 2, 3, 4], { alphas: [0.1, 1, 0.5] }).alphas).toEqual([1, 0.5, 0.1]);
    const flat = lassoPath(X, [2, 2, 2, 2], { nAlphas: 3 });
    expect(flat.alphaMax).toBe(0);
    expect(flat.alphas).toEqual([1e-15, 1e-15, 1e-15]);
    expect(flat.coefs).toEqual([[0, 0], [0, 0], [0, 0]]);
  });
});

describe('standardize', () => {
  it('centres and divides by the population std; constant columns keep scale 1', () => {
    const s = standardize([[1, 5], [3, 5]]);
    expect(s.X).toEqual([[-1, 0], [1, 0]]);
    expect(s.mean).toEqual([2, 5]);
    expect(s.std).toEqual([1, 1]);
    const onlyScale = standardize([[2], [4]], { center: false });
    expect(onlyScale.X).toEqual([[2], [4]]);
    expect(onlyScale.mean).toEqual([0]);
  });
});

describe('bad inputs', () => {
  const X = [[1, 2], [3, 4], [5, 7]];
  const y = [1, 2, 3];
  type Fit = (X: unknown, y: unknown, a: unknown) => unknown;
  const fits: Record<string, Fit> = {
    lasso: (X, y, a) => lasso(X as number[][], y as number[], a as number),
    ridge: (X, y, a) => ridge(X as number[][], y as number[], a as number),
    lassoPath: (X, y, a) => lassoPath(X as number[][], y as number[], { alphas: [a as number] }),
    ridgePath: (X, y, a) => ridgePath(X as number[][], y as number[], { alphas: [a as number] }),
  };
  for (const [name, f] of Object.entries(fits)) {
    const alphaName = name.endsWith('Path') ? 'alphas\\[0\\]' : 'alpha';
    it.each([
      [X, y, -1, RangeError, new RegExp(`${alphaName} must be ≥ 0; received -1`)],
      [X, y, Number.NaN, TypeError, new RegExp(`${alphaName} must be a finite number; received NaN`)],
      [X, y, Number.POSITIVE_INFINITY, TypeError, new RegExp(`${alphaName} must be a finite number; received Infinity`)],
      [X, [1, 2], 0.1, RangeError, /y must have the same length as X \(3\); received length 2/],
      [[[1, 2], [3]], [1, 2], 0.1, RangeError, /X\[1\] must have length 2 like row 0; received length 1/],
      [[[1, Number.NaN]], [1], 0.1, TypeError, /X\[0\]\[1\] must be a finite number; received NaN/],
      [X, [1, Number.POSITIVE_INFINITY, 2], 0.1, TypeError, /y\[1\] must be a finite number; received Infinity/],
      ['X', y, 0.1, TypeError, /X must be an array of rows; received "X"/],
      [[], [], 0.1, RangeError, /X must have ≥ 1 rows; received 0/],
      [X, null, 0.1, TypeError, /y must be an array of numbers; received null/],
    ] as const)(`${name} rejects X=%j y=%j alpha=%j`, (Xb, yb, a, type, message) => {
      expect(() => f(Xb, yb, a)).toThrow(type);
      expect(() => f(Xb, yb, a)).toThrow(message);
    });
  }
  it.each([
    [{ tol: -1 }, RangeError, /tol must be ≥ 0; received -1/],
    [{ maxIter: 0 }, RangeError, /maxIter must be an integer in \[1, 1000000\]; received 0/],
    [{ maxIter: 1e7 }, RangeError, /maxIter must be an integer in \[1, 1000000\]; received 10000000/],
    [{ maxIter: 2.5 }, TypeError, /maxIter must be an integer; received 2\.5/],
  ] as const)('lasso options %j', (o, type, message) => {
    expect(() => lasso(X, y, 0.1, o)).toThrow(type);
    expect(() => lasso(X, y, 0.1, o)).toThrow(message);
  });
  it.each([
    [{ nAlphas: 0 }, RangeError, /nAlphas must be an integer in \[1, 10000\]; received 0/],
    [{ nAlphas: 1e9 }, RangeError, /nAlphas must be an integer in \[1, 10000\]; received 1000000000/],
    [{ eps: 0 }, RangeError, /eps must be > 0; received 0/],
    [{ eps: 2 }, RangeError, /eps must be in \(0, 1\]; received 2/],
    [{ alphas: [] }, RangeError, /alphas must have length in \[1, 10000\]; received length 0/],
    [{ alphas: 'a' }, TypeError, /alphas must be an array of numbers; received "a"/],
  ] as const)('lassoPath options %j', (o, type, message) => {
    expect(() => lassoPath(X, y, o as never)).toThrow(type);
    expect(() => lassoPath(X, y, o as never)).toThrow(message);
  });
  it('reports non-convergence instead of hiding it', () => {
    // Third column = first + second: the active set is singular, so only coordinate descent can
    // get there, and one sweep is not enough (sklearn needs ~10⁶ sweeps at tol 1e-14 here).
    const X = [[1, 0, 1], [0, 1, 1], [1, 1, 2], [2, 1, 3]];
    const fit = lasso(X, [1, 2, 3, 5], 1e-6, { maxIter: 1 });
    expect(fit.converged).toBe(false);
    expect(fit.nIter).toBe(1);
    expect(fit.dualGap).toBeGreaterThan(1e-7);
    expect(fit.coef.every(Number.isFinite)).toBe(true);
    // A well-posed problem stopped after one sweep is still solved exactly by the active-set step.
    const ok = lasso([[1, 2], [2, 3.9], [3, 6.2], [4, 7.8]], [1, 2, 3, 4], 0.01, { maxIter: 1 });
    expect(ok.converged).toBe(true);
    expect(ok.dualGap).toBeLessThan(1e-12);
  });
});
