/**
 * L1/L2 page, the Bayesian view: ridge and the lasso as MAP estimates on the diabetes data.
 *
 * The reader sets the noise sd σ, a Gaussian prior's sd τ and a Laplace prior's scale b; the cell
 * shows the scikit-learn α each implies (src/lib/mapPrior.ts: Ridge α = σ²/τ², Lasso α = σ²/(n·b)),
 * the two fits at those α (the same solvers and data as the path cell, src/cells/l1l2Path.ts), and the
 * MAP optimality check: the (sub)gradient of −log p(w, intercept | y) at each fit, as its largest
 * component, which is at rounding level because the fit *is* the posterior mode.
 */
import { lasso, ridge, type LassoFit, type LinearFit } from '../lib/linearModels';
import { mapStationarity, priorAlpha, type MapStationarity } from '../lib/mapPrior';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell, fill } from './define';
import { exact, num, sig } from './l1l2Shared';
import { cell as pathCell, type DiabetesData } from './l1l2Path';
import { pyFloat } from './python';

export const l1l2MapSchema = {
  msig: { kind: 'number', min: 1, max: 200, step: 1, default: 50 },
  mtau: { kind: 'number', min: 0.1, max: 1000, step: 0.1, default: 10 },
  mlap: { kind: 'number', min: 0.01, max: 1000, step: 0.01, default: 2 },
} as const satisfies Schema;

export type L1l2MapState = StateOf<typeof l1l2MapSchema>;

export const l1l2MapParamOf: Record<string, keyof L1l2MapState> = { sigma: 'msig' };

export interface MapFits {
  n: number;
  ridgeAlpha: number;
  lassoAlpha: number;
  ridge: LinearFit;
  lasso: LassoFit;
  ridgeCheck: MapStationarity;
  lassoCheck: MapStationarity;
}

/** The two MAP fits at the reader's σ, τ and b: src/lib's α, solvers and optimality check. */
export function mapFits(s: L1l2MapState, data: DiabetesData): MapFits {
  const n = data.X.length;
  const ridgeAlpha = priorAlpha('gaussian', s.msig, s.mtau, n);
  const lassoAlpha = priorAlpha('laplace', s.msig, s.mlap, n);
  const r = ridge(data.X, data.y, ridgeAlpha);
  const l = lasso(data.X, data.y, lassoAlpha);
  return {
    n,
    ridgeAlpha,
    lassoAlpha,
    ridge: r,
    lasso: l,
    ridgeCheck: mapStationarity('gaussian', data.X, data.y, r.coef, r.intercept, s.msig, s.mtau),
    lassoCheck: mapStationarity('laplace', data.X, data.y, l.coef, l.intercept, s.msig, s.mlap),
  };
}

const words = {
  en: {
    title: 'Live cell: ridge and the lasso as MAP estimates (Gaussian and Laplace priors)',
    fields: {
      msig: { label: 'Noise sd σ', hint: '1 to 200, in units of y (disease progression)' },
      mtau: { label: 'Gaussian prior sd τ', hint: '0.1 to 1000: wⱼ ~ N(0, τ²)' },
      mlap: { label: 'Laplace prior scale b', hint: '0.01 to 1000: p(wⱼ) ∝ exp(−|wⱼ|/b)' },
    },
    data: 'Data: the diabetes data of the path cell above (442 patients, 10 standardized features), with an unpenalized intercept (flat prior), as scikit-learn’s fit_intercept=True.',
    licence: 'source and licence',
    ridgeAlpha: 'Gaussian prior → Ridge',
    lassoAlpha: 'Laplace prior → Lasso',
    caption: 'MAP coefficients at these α (standardized features)',
    feature: 'Feature', ridge: 'Ridge (Gaussian prior)', lasso: 'Lasso (Laplace prior)',
    check: 'MAP condition: largest component of the (sub)gradient of −log p(w | y) at the fit',
    ridgeCheck: 'Ridge', lassoCheck: 'Lasso',
    checkText: '{g} (the prior’s pull on a coefficient is up to {pull})',
    zeros: 'At the posterior mode the Laplace prior sets {k} of {p} coefficients exactly to 0; the Gaussian prior sets {r}.',
    code: 'scikit-learn: the same fits and the same check',
  },
  zh: {
    title: '实时单元：把 Ridge 和 Lasso 看作最大后验估计（高斯先验与拉普拉斯先验）',
    fields: {
      msig: { label: '噪声标准差 σ', hint: '1 到 200，与 y（病情进展指标）同单位' },
      mtau: { label: '高斯先验标准差 τ', hint: '0.1 到 1000：wⱼ ~ N(0, τ²)' },
      mlap: { label: '拉普拉斯先验尺度 b', hint: '0.01 到 1000：p(wⱼ) ∝ exp(−|wⱼ|/b)' },
    },
    data: '数据：与上面路径单元相同的糖尿病数据（442 名患者、10 个标准化特征）；截距不加惩罚（取均匀先验），与 scikit-learn 的 fit_intercept=True 一致。',
    licence: '来源与许可',
    ridgeAlpha: '高斯先验 → Ridge',
    lassoAlpha: '拉普拉斯先验 → Lasso',
    caption: '这两个 α 下的最大后验系数（标准化特征）',
    feature: '特征', ridge: 'Ridge（高斯先验）', lasso: 'Lasso（拉普拉斯先验）',
    check: '最大后验的最优性条件：−log p(w | y) 在解处的（次）梯度的最大分量',
    ridgeCheck: 'Ridge', lassoCheck: 'Lasso',
    checkText: '{g}（作为对照，先验对单个系数的拉力最大为 {pull}）',
    zeros: '在后验众数处，拉普拉斯先验让 {p} 个系数中的 {k} 个恰好为 0；高斯先验让 {r} 个为 0。',
    code: 'scikit-learn：同样的拟合与同样的检验',
  },
} as const;

export interface L1l2MapView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
}

export function l1l2MapView(s: L1l2MapState, data: DiabetesData, lang: Lang): L1l2MapView {
  const w = words[lang];
  const f = mapFits(s, data);
  const [sg, tau, b] = [exact(s.msig), exact(s.mtau), exact(s.mlap)];
  const zeros = (c: number[]) => c.filter((x) => x === 0).length;
  const k = zeros(f.lasso.coef);
  const check = (c: MapStationarity) => fill(w.checkText, { g: sig(c.max), pull: num(c.priorPull) });
  return {
    text: {
      ridgeAlpha: `α = σ²/τ² = ${sg}²/${tau}² = ${num(f.ridgeAlpha)}`,
      lassoAlpha: `α = σ²/(n·b) = ${sg}²/(${f.n}·${b}) = ${num(f.lassoAlpha)}`,
      ridgeCheck: check(f.ridgeCheck),
      lassoCheck: check(f.lassoCheck),
      zeros: fill(w.zeros, { k, p: data.names.length, r: zeros(f.ridge.coef) }),
      summary: summary(lang, [['Ridge α', 'Ridge α', num(f.ridgeAlpha)], ['Lasso α', 'Lasso α', num(f.lassoAlpha)], ['Lasso 中为 0 的系数', 'Lasso zero coefficients', String(k)]]),
      sklearn: sklearnCode(s),
    },
    rows: { mapCoefs: data.names.map((name, j) => [name, num(f.ridge.coef[j]!), num(f.lasso.coef[j]!)]) },
  };
}

/** scikit-learn code that fits both MAP estimates and prints the optimality check. */
export function sklearnCode(s: L1l2MapState): string {
  return [
    'import numpy as np',
    'from sklearn.datasets import load_diabetes',
    'from sklearn.linear_model import Lasso, Ridge',
    '',
    'd = load_diabetes(scaled=False)',
    'X = (d.data - d.data.mean(0)) / d.data.std(0)  # standardized: centred, divided by X.std(0)',
    'y = d.target',
    'n = len(y)',
    `sigma, tau, b = ${pyFloat(s.msig)}, ${pyFloat(s.mtau)}, ${pyFloat(s.mlap)}`,
    '',
    '# -log p(w | y) = ||y - Xw - c||^2 / (2 sigma^2) - log p(w) + const (c: the intercept, flat prior)',
    'ridge = Ridge(alpha=(sigma / tau) ** 2).fit(X, y)  # Gaussian prior N(0, tau^2): alpha = sigma^2 / tau^2',
    'lasso = Lasso(alpha=(sigma / b) * (sigma / n), tol=1e-12, max_iter=100000).fit(X, y)  # Laplace(0, b): sigma^2 / (n b)',
    'print("ridge alpha:", round((sigma / tau) ** 2, 4), "lasso alpha:", round((sigma / b) * (sigma / n), 4))',
    'print("ridge:", dict(zip(d.feature_names, ridge.coef_.round(4))))',
    'print("lasso:", dict(zip(d.feature_names, lasso.coef_.round(4))))',
    '',
    '# MAP condition: 0 is in the (sub)gradient of -log p(w, c | y) at the fit',
    'r = y - ridge.predict(X)',
    'g = np.append(-X.T @ r / sigma**2 + ridge.coef_ / tau**2, -r.sum() / sigma**2)',
    'print("ridge: largest component", np.abs(g).max())',
    'r = y - lasso.predict(X)',
    'c = -X.T @ r / sigma**2',
    'g = np.where(lasso.coef_ != 0, c + np.sign(lasso.coef_) / b, np.maximum(np.abs(c) - 1 / b, 0))',
    'print("lasso: largest component", np.abs(np.append(g, -r.sum() / sigma**2)).max())',
  ].join('\n');
}

export const cell = defineCell({
  id: 'l1l2-map',
  prefix: 'l12m',
  schema: l1l2MapSchema,
  paramOf: l1l2MapParamOf,
  words,
  // The path cell's DataFile object itself: the browser fetches a data file once per object, so
  // both cells share one fetch of diabetes.json (src/components/cell/mountCells.ts, loadData).
  data: pathCell.data,
  layout: [
    { hint: 'data', link: { file: 'data/diabetes.LICENSE.txt', text: 'licence' } },
    { fields: ['msig', 'mtau', 'mlap'] },
    { result: 'ridgeAlpha', label: 'ridgeAlpha', output: true },
    { result: 'lassoAlpha', label: 'lassoAlpha', output: true },
    { table: 'mapCoefs', caption: 'caption', head: ['feature', 'ridge', 'lasso'] },
    { note: 'zeros' },
    { list: [{ label: 'ridgeCheck', slot: 'ridgeCheck' }, { label: 'lassoCheck', slot: 'lassoCheck' }], title: 'check' },
    { code: 'sklearn', summary: 'code' },
  ],
  view: (s, lang, _resource, data) => l1l2MapView(s, data, lang),
});
