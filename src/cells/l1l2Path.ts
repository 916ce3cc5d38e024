/**
 * L1/L2 page, cell 4: regularization paths on scikit-learn's diabetes data (442 patients, 10
 * standardized features). Lasso (scikit-learn's objective (1/(2n))‖y − Xw − b‖² + α‖w‖₁) and
 * Ridge (‖y − Xw − b‖² + α‖w‖², no 1/(2n)) on log-spaced α grids, plus the two fits at a chosen α.
 *
 * A declared cell (`cell`, rendered by Cell.astro) with a data file, public/data/diabetes.json: read
 * at build time, fetched once in the browser before the cell mounts, so the view stays a pure
 * function of the state and the data. The paths depend only on their grid parameters and are
 * memoized, so moving the chosen α costs one fit, not a path.
 */
import { entryOrder, lasso, lassoPath, ridge, ridgePath, standardize, type LassoPathResult, type PathResult } from '../lib/linearModels';
import { describe as describeValue, vector } from '../lib/validate';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, type DataTable } from './a11y';
import { exact, num } from './l1l2Shared';
import { pyFloat } from './python';
import { paramRangeError } from '../lib/refusal';
import { defineCell, fill } from './define';

export const l1l2PathSchema = {
  pts: { kind: 'integer', min: 5, max: 200, default: 100 },
  eps: { kind: 'number', min: 0.0001, max: 0.5, default: 0.001 },
  llog: { kind: 'number', min: -4, max: 3, step: 0.05, default: 0 },
  rlo: { kind: 'number', min: -4, max: 8, step: 0.5, default: -2 },
  rhi: { kind: 'number', min: -4, max: 8, step: 0.5, default: 5 },
  rlog: { kind: 'number', min: -4, max: 8, step: 0.05, default: 2 },
} as const satisfies Schema;

export type L1l2PathState = StateOf<typeof l1l2PathSchema>;

export const l1l2PathParamOf: Record<string, keyof L1l2PathState> = { nAlphas: 'pts', eps: 'eps', alpha: 'llog' };

/** The shipped file public/data/diabetes.json (written by scripts/export_diabetes.py). */
export interface DiabetesJson {
  feature_names: string[];
  X: number[][];
  y: number[];
}

/** Standardized features (centred, divided by X.std(0) — docs/reference-semantics.md's convention) and the target. */
export interface DiabetesData {
  names: string[];
  X: number[][];
  y: number[];
}

export function prepareDiabetes(json: DiabetesJson): DiabetesData {
  if (typeof json !== 'object' || json === null || !Array.isArray(json.feature_names)) {
    throw new TypeError(`diabetes data must be an object {feature_names, X, y}; received ${describeValue(json)}`);
  }
  const { X } = standardize(json.X);
  // y must be finite and one per row like X: a hostile JSON file gives a named error, not NaN on screen.
  return { names: json.feature_names.map(String), X, y: vector('y', json.y, X.length, X.length) };
}

export interface PathPoint {
  alpha: number;
  coef: number;
  feature: string;
}

export interface PathChart {
  points: PathPoint[];
  /** Feature names in data order (the colour domain, the same on both charts). */
  features: string[];
  /** The chosen α (vertical rule). */
  alpha: number;
  /** Coefficients at the chosen α, for labels at the rule. */
  at: Array<{ feature: string; coef: number }>;
  description: string;
}

export interface L1l2PathView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  lassoChart: PathChart;
  ridgeChart: PathChart;
  /** Each path chart's data: one row per α (thinned to 21), one column per feature. */
  tables: Record<'lassoPath' | 'ridgePath', DataTable>;
}

const cellWords = {
  en: {
    title: 'Live cell: regularization paths on the diabetes data (Lasso and Ridge)',
    fields: {
      llog: { label: 'Lasso: chosen log₁₀ α', hint: 'marked by the dashed line' },
      rlog: { label: 'Ridge: chosen log₁₀ α', hint: 'marked by the dashed line' },
      pts: { label: 'Grid points' },
      eps: { label: 'Lasso: α_min / α_max', hint: '0.0001 to 0.5 (scikit-learn’s eps)' },
      rlo: { label: 'Ridge: lowest log₁₀ α' },
      rhi: { label: 'Ridge: highest log₁₀ α' },
    },
    data: 'Data: scikit-learn’s diabetes data set (Efron et al., 2004): 442 patients, 10 features, each column centred and divided by its standard deviation.',
    licence: 'source and licence',
    grid: 'Path grid',
    alphaMax: 'Smallest α with every coefficient 0',
    order: 'Order in which features first enter the lasso path',
    lassoAt: 'Lasso, chosen α',
    ridgeAt: 'Ridge, chosen α',
    caption: 'Coefficients at the chosen α (standardized features)',
    feature: 'Feature', lasso: 'Lasso', ridge: 'Ridge',
    nonzero: 'Non-zero coefficients',
    x: 'α (log scale)', y: 'coefficient',
    code: 'scikit-learn: reproduce these numbers with the current parameters',
    noEntry: '(no feature enters on this grid)',
    nonzeroCount: '{k} of {n} coefficients non-zero',
    lassoChart:
      'Line chart: lasso coefficients of the diabetes data ({n} standardized features) against α on a log scale from {lo} to {hi}. ' +
      'Every coefficient is 0 for α ≥ α_max = {amax}; as α falls the features first enter in the order {order} (a feature may leave and enter again). The dashed line marks α = {a}, where {k} coefficients are non-zero.',
    ridgeChart:
      'Line chart: ridge coefficients of the same data against α on a log scale from {lo} to {hi}. They shrink smoothly toward 0 as α grows, and none is exactly 0. ' +
      'The dashed line marks α = {a}: {k} of {n} coefficients are non-zero; the largest in size is {big}.',
  },
  zh: {
    title: '实时单元：糖尿病数据上的正则化路径（Lasso 与 Ridge）',
    fields: {
      llog: { label: 'Lasso：选定的 log₁₀ α', hint: '在图中以虚线标出' },
      rlog: { label: 'Ridge：选定的 log₁₀ α', hint: '在图中以虚线标出' },
      pts: { label: '网格点数' },
      eps: { label: 'Lasso：α_min / α_max', hint: '0.0001 到 0.5（scikit-learn 的 eps）' },
      rlo: { label: 'Ridge：log₁₀ α 下限' },
      rhi: { label: 'Ridge：log₁₀ α 上限' },
    },
    data: '数据：scikit-learn 自带的糖尿病数据集（Efron 等，2004），442 名患者、10 个特征，按列中心化并除以标准差。',
    licence: '来源与许可',
    grid: '路径网格',
    alphaMax: '所有系数为 0 的最小 α',
    order: '特征首次进入 Lasso 路径的顺序',
    lassoAt: 'Lasso，选定的 α',
    ridgeAt: 'Ridge，选定的 α',
    caption: '选定 α 处的系数（标准化特征）',
    feature: '特征', lasso: 'Lasso', ridge: 'Ridge',
    nonzero: '非零系数个数',
    x: 'α（对数坐标）', y: '系数',
    code: 'scikit-learn：用当前参数复现这些数字',
    noEntry: '（网格上没有特征进入）',
    nonzeroCount: '{k} / {n} 个系数非零',
    lassoChart:
      '折线图：糖尿病数据（{n} 个标准化特征）的 Lasso 系数随 α 变化，α 取对数坐标，从 {lo} 到 {hi}。' +
      'α ≥ α_max = {amax} 时全部系数为 0；α 变小时特征首次进入的顺序是：{order}（特征也可能离开后再进入）。虚线标出 α = {a}：此处 {k} 个系数非零。',
    ridgeChart:
      '折线图：同一数据的 Ridge 系数随 α 变化，α 取对数坐标，从 {lo} 到 {hi}。系数随 α 增大平滑地缩向 0，但没有一个恰好为 0。' +
      '虚线标出 α = {a}：{k} / {n} 个系数非零，绝对值最大的是 {big}。',
  },
} as const;

const lassoCache = new WeakMap<DiabetesData, Map<string, LassoPathResult>>();
const ridgeCache = new WeakMap<DiabetesData, Map<string, PathResult>>();

function memo<T>(cache: WeakMap<DiabetesData, Map<string, T>>, data: DiabetesData, key: string, make: () => T): T {
  let m = cache.get(data);
  if (!m) cache.set(data, (m = new Map()));
  let v = m.get(key);
  if (v === undefined) {
    v = make();
    if (m.size >= 8) m.delete(m.keys().next().value!);
    m.set(key, v);
  }
  return v;
}

/** The lasso path on scikit-learn's automatic grid (α_max down to eps·α_max), memoized. */
export function diabetesLassoPath(data: DiabetesData, pts: number, eps: number): LassoPathResult {
  return memo(lassoCache, data, `${pts}|${eps}`, () => lassoPath(data.X, data.y, { nAlphas: pts, eps }));
}

/** The ridge α grid: `pts` values from 10^lo to 10^hi, evenly spaced in log10 (numpy.logspace). */
export function ridgeGrid(lo: number, hi: number, pts: number): number[] {
  if (!(hi > lo)) throw paramRangeError('rhi', `rhi must be > rlo (${lo}); received ${describeValue(hi)}`);
  return Array.from({ length: pts }, (_, k) => 10 ** (lo + ((hi - lo) * k) / (pts - 1)));
}

export function diabetesRidgePath(data: DiabetesData, lo: number, hi: number, pts: number): PathResult {
  return memo(ridgeCache, data, `${pts}|${lo}|${hi}`, () => ridgePath(data.X, data.y, { alphas: ridgeGrid(lo, hi, pts) }));
}

const pointsCache = new WeakMap<PathResult, PathPoint[]>();

/** Chart rows of a path; the same array for the same (memoized) path, so a chart can skip a redraw. */
function chartPoints(path: PathResult, names: string[]): PathPoint[] {
  let out = pointsCache.get(path);
  if (!out) {
    out = [];
    for (let k = 0; k < path.alphas.length; k++) {
      const alpha = path.alphas[k]!;
      names.forEach((feature, j) => out!.push({ alpha, coef: path.coefs[k]![j]!, feature }));
    }
    pointsCache.set(path, out);
  }
  return out;
}

/** A path as a table: α, then every coefficient at that α. */
function pathTable(path: PathResult, names: string[]): DataTable {
  return dataTable(['α', ...names], path.alphas.map((alpha, k) => [alpha, path.coefs[k]!] as const), ([alpha, coefs]) => [num(alpha), ...names.map((_, j) => num(coefs[j]!))], 21);
}

/** "10^0.5 = 3.1623": the chosen α, written from its log10. */
const alphaText = (log: number, alpha: number) => `10^${exact(log)} = ${num(alpha)}`;

export function l1l2PathView(s: L1l2PathState, data: DiabetesData, lang: Lang): L1l2PathView {
  const w = cellWords[lang];
  const n = data.names.length;
  const nonzero = (k: number) => fill(w.nonzeroCount, { k, n });
  const orderText = (names: string[]) => (names.length === 0 ? w.noEntry : names.join(' → '));
  const lp = diabetesLassoPath(data, s.pts, s.eps);
  const rp = diabetesRidgePath(data, s.rlo, s.rhi, s.pts);
  const la = 10 ** s.llog;
  const ra = 10 ** s.rlog;
  const lfit = lasso(data.X, data.y, la);
  const rfit = ridge(data.X, data.y, ra);
  const order = entryOrder(lp.coefs).map((j) => data.names[j]!);
  const lNonzero = lfit.coef.filter((x) => x !== 0).length;
  const rNonzero = rfit.coef.filter((x) => x !== 0).length;
  let big = 0;
  rfit.coef.forEach((x, j) => (Math.abs(x) > Math.abs(rfit.coef[big]!) ? (big = j) : 0));
  const bigText = `${data.names[big]} = ${num(rfit.coef[big]!)}`;

  const lAlphas = [Math.min(...lp.alphas), Math.max(...lp.alphas)];
  const lassoDescription = fill(w.lassoChart, { lo: num(lAlphas[0]!), hi: num(lAlphas[1]!), amax: num(lp.alphaMax), order: orderText(order), a: num(la), k: lNonzero, n });
  const ridgeDescription = fill(w.ridgeChart, { lo: num(rp.alphas[0]!), hi: num(rp.alphas[rp.alphas.length - 1]!), a: num(ra), k: rNonzero, n, big: bigText });

  return {
    text: {
      alphaMax: `α_max = max|Xᵀy|/n = ${num(lp.alphaMax)}`,
      order: orderText(order),
      lassoAlpha: alphaText(s.llog, la),
      ridgeAlpha: alphaText(s.rlog, ra),
      lassoNonzero: nonzero(lNonzero),
      ridgeNonzero: nonzero(rNonzero),
      lassoDescription,
      ridgeDescription,
      summary: summary(lang, [['Lasso 非零系数', 'Lasso non-zero coefficients', nonzero(lNonzero)], ['Ridge', 'Ridge', nonzero(rNonzero)]]),
      sklearn: sklearnCode(s),
    },
    rows: {
      coefs: data.names.map((name, j) => [name, num(lfit.coef[j]!), num(rfit.coef[j]!)]),
    },
    tables: { lassoPath: pathTable(lp, data.names), ridgePath: pathTable(rp, data.names) },
    lassoChart: {
      points: chartPoints(lp, data.names),
      features: data.names,
      alpha: la,
      at: data.names.map((feature, j) => ({ feature, coef: lfit.coef[j]! })),
      description: lassoDescription,
    },
    ridgeChart: {
      points: chartPoints(rp, data.names),
      features: data.names,
      alpha: ra,
      at: data.names.map((feature, j) => ({ feature, coef: rfit.coef[j]! })),
      description: ridgeDescription,
    },
  };
}

/** scikit-learn code that prints the cell's numbers (sklearn has no torch counterpart for paths). */
export function sklearnCode(s: L1l2PathState): string {
  return [
    'import numpy as np',
    'from sklearn.datasets import load_diabetes',
    'from sklearn.linear_model import Lasso, Ridge, lasso_path',
    '',
    'd = load_diabetes(scaled=False)',
    'X = (d.data - d.data.mean(0)) / d.data.std(0)  # standardized: centred, divided by X.std(0)',
    'y = d.target',
    'names = d.feature_names',
    '',
    '# Lasso: (1/(2n))·‖y − Xw − b‖² + α·‖w‖₁. lasso_path fits no intercept, so centre y.',
    `alphas, coefs, _ = lasso_path(X, y - y.mean(), n_alphas=${s.pts}, eps=${pyFloat(s.eps)}, tol=1e-12, max_iter=100000)`,
    'print("alpha_max:", round(alphas[0], 4))',
    'order = []',
    'for k in range(len(alphas)):',
    '    for j in np.argsort(-np.abs(coefs[:, k]), kind="stable"):',
    '        if coefs[j, k] != 0 and names[j] not in order:',
    '            order.append(names[j])',
    'print("entry order:", " -> ".join(order))',
    '',
    `lasso = Lasso(alpha=10 ** ${pyFloat(s.llog)}, tol=1e-12, max_iter=100000).fit(X, y)`,
    'print("lasso:", dict(zip(names, lasso.coef_.round(4))), "intercept:", round(lasso.intercept_, 4))',
    'print("non-zero:", np.count_nonzero(lasso.coef_))',
    '',
    '# Ridge: ‖y − Xw − b‖² + α·‖w‖² (no 1/(2n)), on its own log grid',
    `ridge_alphas = np.logspace(${pyFloat(s.rlo)}, ${pyFloat(s.rhi)}, ${s.pts})`,
    'ridge_coefs = np.array([Ridge(alpha=a).fit(X, y).coef_ for a in ridge_alphas])',
    `ridge = Ridge(alpha=10 ** ${pyFloat(s.rlog)}).fit(X, y)`,
    'print("ridge:", dict(zip(names, ridge.coef_.round(4))), "intercept:", round(ridge.intercept_, 4))',
  ].join('\n');
}

/** The cell: the paths and the two fits on the shipped diabetes data. */
export const cell = defineCell({
  id: 'l1l2-path',
  prefix: 'l12',
  schema: l1l2PathSchema,
  paramOf: l1l2PathParamOf,
  words: cellWords,
  data: { file: 'data/diabetes.json', parse: (json: unknown) => prepareDiabetes(json as DiabetesJson) },
  layout: [
    { hint: 'data', link: { file: 'data/diabetes.LICENSE.txt', text: 'licence' } },
    { fields: ['llog', 'rlog'] },
    { fields: [{ param: 'pts', slider: false }, { param: 'eps', slider: false }, { param: 'rlo', slider: false }, { param: 'rhi', slider: false }], details: 'grid' },
    { result: 'alphaMax', label: 'alphaMax', output: true },
    { result: 'order', label: 'order', output: true },
    { heading: 'lassoAt', result: 'lassoAlpha' },
    { chart: 'lasso', caption: 'lassoDescription', tables: ['lassoPath'] },
    { heading: 'ridgeAt', result: 'ridgeAlpha' },
    { chart: 'ridge', caption: 'ridgeDescription', tables: ['ridgePath'] },
    { table: 'coefs', caption: 'caption', head: ['feature', 'lasso', 'ridge'] },
    { list: [{ label: 'lasso', slot: 'lassoNonzero' }, { label: 'ridge', slot: 'ridgeNonzero' }], title: 'nonzero' },
    { code: 'sklearn', summary: 'code' },
  ],
  view: (s, lang, _resource, data) => l1l2PathView(s, data, lang),
});
