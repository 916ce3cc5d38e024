/**
 * The Bayesian-view cell (src/cells/l1l2Map.ts): its view prints src/lib's α, fits and MAP check, at the
 * defaults and at the corners of its ranges, and the prose quotes the same numbers.
 */
import { describe, expect, it } from 'vitest';
import diabetesJson from '../../public/data/diabetes.json';
import { lasso, ridge } from '../../src/lib/linearModels';
import { mapStationarity, priorAlpha } from '../../src/lib/mapPrior';
import { defaults } from '../../src/lib/query';
import { prepareDiabetes, type DiabetesJson } from '../../src/cells/l1l2Path';
import { l1l2MapSchema, l1l2MapView, mapFits, sklearnCode } from '../../src/cells/l1l2Map';
import { num } from '../../src/cells/l1l2Shared';
import { proseNumber } from '../../src/cells/prose';

const data = prepareDiabetes(diabetesJson as DiabetesJson);
const d = defaults(l1l2MapSchema);

describe('the MAP cell', () => {
  it('prints the α of each prior as a substituted formula', () => {
    const v = l1l2MapView(d, data, 'en');
    expect(v.text.ridgeAlpha).toBe(`α = σ²/τ² = 50²/10² = ${num(priorAlpha('gaussian', 50, 10, 442))}`);
    expect(v.text.lassoAlpha).toBe(`α = σ²/(n·b) = 50²/(442·2) = ${num(priorAlpha('laplace', 50, 2, 442))}`);
    expect(v.text.ridgeAlpha).toBe('α = σ²/τ² = 50²/10² = 25');
  });
  it('its table is ridge and lasso at those α, from src/lib', () => {
    const v = l1l2MapView(d, data, 'zh');
    const r = ridge(data.X, data.y, priorAlpha('gaussian', d.msig, d.mtau, 442));
    const l = lasso(data.X, data.y, priorAlpha('laplace', d.msig, d.mlap, 442));
    expect(v.rows.mapCoefs).toEqual(data.names.map((n, j) => [n, num(r.coef[j]!), num(l.coef[j]!)]));
    const zeros = l.coef.filter((c) => c === 0).length;
    expect(zeros).toBeGreaterThan(0);
    expect(v.text.zeros).toContain(`${zeros} 个恰好为 0`);
  });
  it('the MAP check is at rounding level at every corner of the ranges', () => {
    for (const msig of [1, 50, 200]) {
      for (const mtau of [0.1, 10, 1000]) {
        for (const mlap of [0.01, 2, 1000]) {
          const f = mapFits({ msig, mtau, mlap }, data);
          const scale = Math.max(1, (1e3 * 442) / msig ** 2);
          expect(f.ridgeCheck.max, `${msig} ${mtau}`).toBeLessThan(1e-12 * scale);
          expect(f.lassoCheck.max, `${msig} ${mlap}`).toBeLessThan(1e-12 * scale);
          expect(f.lasso.converged).toBe(true);
          const v = l1l2MapView({ msig, mtau, mlap }, data, 'en');
          expect(Object.values(v.text).join(' ')).not.toMatch(/NaN|Infinity|undefined/);
        }
      }
    }
  });
  it('the check line quotes mapStationarity', () => {
    const f = mapFits(d, data);
    const g = mapStationarity('laplace', data.X, data.y, f.lasso.coef, f.lasso.intercept, d.msig, d.mlap);
    expect(g.max).toBe(f.lassoCheck.max);
    expect(l1l2MapView(d, data, 'en').text.lassoCheck).toContain(`up to ${num(1 / d.mlap)}`);
  });
  it('the prose quotes the cell’s defaults and numbers', () => {
    const f = mapFits(d, data);
    expect(proseNumber('l1l2.mapSigma')).toBe('50');
    expect(proseNumber('l1l2.mapRidgeAlpha')).toBe(num(f.ridgeAlpha));
    expect(proseNumber('l1l2.mapLassoAlpha')).toBe(num(f.lassoAlpha));
    expect(proseNumber('l1l2.mapLassoZeros')).toBe(String(f.lasso.coef.filter((c) => c === 0).length));
  });
  it('the scikit-learn program uses the reader’s values', () => {
    expect(sklearnCode({ msig: 30, mtau: 2.5, mlap: 0.5 })).toContain('sigma, tau, b = 30.0, 2.5, 0.5');
  });
});
