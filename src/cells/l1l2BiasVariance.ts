/**
 * L1/L2 page, bias and variance (issue #13 §2): ridge regression on degree-d polynomial features of
 * sin(2πx) + noise, fitted to R training sets drawn at the same inputs. For each α on a log grid
 * (10⁻⁶ to 10³), bias², variance, σ² and their sum against α — the U — with the mean training error;
 * and, for one training set, the error on a validation set against α, the α it picks and the error
 * of that fit on a separate test set. Numbers from src/lib/biasVariance.ts (equal to scikit-learn's
 * Ridge, fixture bias_variance); the whole computation is a few milliseconds at the defaults and
 * under about 0.1 s at the largest values, so it runs inline on every edit.
 */
import { biasVariance, biasVarianceLambdas, type BiasVariancePoint, type BiasVarianceResult } from '../lib/biasVariance';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, type DataTable } from './a11y';
import { MAX_SEED } from './dropout';
import { defineCell, fill } from './define';
import { sig } from './l1l2Shared';
import { pyFloat } from './python';
import { PYTHON_RNG_SOURCE } from '../lib/randomPython';

/** Test points of the one training set's fit (the library's default). */
export const BV_TEST_POINTS = 1000;
/** Evaluation-grid points (the library's default). */
export const BV_GRID_POINTS = 50;

export const l1l2BiasVarianceSchema = {
  bvdeg: { kind: 'integer', min: 1, max: 12, default: 9 },
  bvn: { kind: 'integer', min: 10, max: 100, default: 12 },
  // σ ≥ 0.01 keeps the variance positive on the chart's log axis.
  bvsig: { kind: 'number', min: 0.01, max: 2, step: 0.01, default: 0.3 },
  // R · (37 α) · ((3n + 50)·d) multiply-adds: 300 sets of 100 points at degree 12 stay near 0.1 s.
  bvsets: { kind: 'integer', min: 2, max: 300, default: 200 },
  bvseed: { kind: 'integer', min: 0, max: MAX_SEED, default: 0 },
} as const satisfies Schema;

export type L1l2BiasVarianceState = StateOf<typeof l1l2BiasVarianceSchema>;

export const l1l2BiasVarianceParamOf: Record<string, keyof L1l2BiasVarianceState> = {
  degree: 'bvdeg', n: 'bvn', sigma: 'bvsig', sets: 'bvsets', seed: 'bvseed',
};

/** The library's result at the cell's state (the validation set has n points, as the training set). */
export function biasVarianceOf(s: L1l2BiasVarianceState): BiasVarianceResult {
  return biasVariance({ degree: s.bvdeg, n: s.bvn, sigma: s.bvsig, sets: s.bvsets, seed: s.bvseed, nTest: BV_TEST_POINTS, grid: BV_GRID_POINTS });
}

export interface SeriesPoint {
  alpha: number;
  value: number;
  series: string;
}

export interface L1l2BiasVarianceView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  tables: Record<'decomposition' | 'validation', DataTable>;
  chart: {
    decomposition: SeriesPoint[];
    decompositionSeries: string[];
    noise: number;
    validation: SeriesPoint[];
    validationSeries: string[];
    pick: { alpha: number; value: number };
    best: number;
    decompositionDescription: string;
    validationDescription: string;
  };
}

const words = {
  en: {
    title: 'Live cell: bias², variance and choosing α on held-out data',
    fields: {
      bvdeg: { label: 'Polynomial degree d', hint: '1 to 12: features u, u², …, u^d of u = 2x − 1' },
      bvn: { label: 'Training points n', hint: '10 to 100, evenly spaced in [0, 1]; the validation set has n points too' },
      bvsig: { label: 'Noise sd σ', hint: '0.01 to 2' },
      bvsets: { label: 'Training sets R', hint: '2 to 300, each the same inputs with fresh noise' },
      bvseed: { label: 'Seed', hint: 'same seed → same noise, validation and test sets' },
    },
    data: 'The data: y = sin(2πx) + σ·ε, ε ~ N(0, 1), drawn with the page’s generator. Each of the R training sets has the same n inputs xᵢ = (i + ½)/n and fresh noise; the model is scikit-learn’s Ridge (intercept unpenalized) on the d standardized features, at 37 values of α from 10⁻⁶ to 10³. Bias² and variance are averaged over 50 evenly spaced x (with R sets the measured bias² also holds variance/R, most of it at the smallest α); the validation set (n points) and the test set (1000 points) have inputs drawn uniformly in [0, 1].',
    pick: 'α the validation set picks (smallest validation error, first training set)',
    pickVal: 'Validation error at that α',
    pickTest: 'Test error of the same fit (the honest estimate)',
    best: 'α with the smallest bias² + variance + σ² (the target of the choice)',
    caption: 'Bias², variance and errors at four values of α (best: the smallest bias² + variance + σ²)',
    role: 'which α', alpha: 'α', df: 'df = tr(H)', bias2: 'bias²', variance: 'variance', total: 'bias²+var+σ²', train: 'training error', val: 'validation error', test: 'test error',
    rowSmall: 'smallest α', rowPick: 'validation pick', rowBest: 'best α', rowLarge: 'largest α',
    seriesBias: 'bias²', seriesVariance: 'variance', seriesTotal: 'bias² + variance + σ²', seriesTrain: 'training error (mean over the R sets)',
    seriesVal: 'validation error', seriesTest: 'test error',
    xLabel: 'α (log scale)', yDecomposition: 'squared error (log scale)', yValidation: 'mean squared error (log scale)',
    decompositionChart: 'Line chart, α from {lo} to {hi} on a log scale: variance falls from {v0} to {v1} and bias² rises from {b0} to {b1}; their sum plus σ² = {noise} is smallest, {tmin}, at α = {best}; the mean training error rises from {t0} to {t1}.',
    validationChart: 'Line chart, α from {lo} to {hi}: the first training set’s validation error is smallest, {val}, at α = {pick} (marked); the test error of that fit is {test}; the test error is smallest, {tbest}, at α = {tpick}.',
    optimism: 'At its own minimum the validation error is {val}, the test error of the same fit {test} ({diff} {dir}). The validation set chose α by that very score, so its minimum is biased low (and, with few points, noisy); the test set, untouched by the choice, gives the estimate to report. Over the R training sets, the expected error at the picked α is {totalPick}, against {totalBest} at the best α.',
    higher: 'higher', lower: 'lower',
    code: 'scikit-learn: the same data (the page’s generator), fits and numbers',
  },
  zh: {
    title: '实时单元：偏差²、方差，以及在留出数据上选择 α',
    fields: {
      bvdeg: { label: '多项式次数 d', hint: '1 到 12：特征为 u, u², …, u^d，其中 u = 2x − 1' },
      bvn: { label: '训练点数 n', hint: '10 到 100，在 [0, 1] 上等距分布；验证集同样有 n 个点' },
      bvsig: { label: '噪声标准差 σ', hint: '0.01 到 2' },
      bvsets: { label: '训练集个数 R', hint: '2 到 300，输入相同、噪声各自重新抽取' },
      bvseed: { label: '随机种子', hint: '同一随机种子 → 同样的噪声、验证集与测试集' },
    },
    data: '数据：y = sin(2πx) + σ·ε，ε ~ N(0, 1)，用本站的随机数生成器抽取。R 个训练集的输入都是同样的 n 个点 xᵢ = (i + ½)/n，噪声各自重新抽取；模型是 d 个标准化特征上的 scikit-learn Ridge（截距不加惩罚），α 取 10⁻⁶ 到 10³ 之间的 37 个值。偏差² 和方差在 50 个等距的 x 上取平均（只有 R 个训练集时，测得的偏差² 里还含有 方差/R，在最小的 α 处它占了大部分）；验证集（n 个点）和测试集（1000 个点）的输入在 [0, 1] 上均匀抽取。',
    pick: '验证集选出的 α（第一个训练集上验证误差最小）',
    pickVal: '该 α 下的验证误差',
    pickTest: '同一个模型的测试误差（诚实的估计）',
    best: '使偏差² + 方差 + σ² 最小的 α（选择想要找到的目标）',
    caption: '四个 α 下的偏差²、方差与各项误差（最优：偏差² + 方差 + σ² 最小）',
    role: '哪个 α', alpha: 'α', df: 'df = tr(H)', bias2: '偏差²', variance: '方差', total: '偏差²+方差+σ²', train: '训练误差', val: '验证误差', test: '测试误差',
    rowSmall: '最小的 α', rowPick: '验证集的选择', rowBest: '最优 α', rowLarge: '最大的 α',
    seriesBias: '偏差²', seriesVariance: '方差', seriesTotal: '偏差² + 方差 + σ²', seriesTrain: '训练误差（R 个训练集的平均）',
    seriesVal: '验证误差', seriesTest: '测试误差',
    xLabel: 'α（对数坐标）', yDecomposition: '平方误差（对数坐标）', yValidation: '均方误差（对数坐标）',
    decompositionChart: '折线图，α 从 {lo} 到 {hi}（对数坐标）：方差从 {v0} 降到 {v1}，偏差² 从 {b0} 升到 {b1}；二者之和加上 σ² = {noise} 在 α = {best} 处最小，为 {tmin}；平均训练误差从 {t0} 升到 {t1}。',
    validationChart: '折线图，α 从 {lo} 到 {hi}：第一个训练集的验证误差在 α = {pick} 处最小（已标出），为 {val}；该模型的测试误差为 {test}；测试误差在 α = {tpick} 处最小，为 {tbest}。',
    optimism: '验证误差在它自己的最小值处为 {val}，同一个模型的测试误差为 {test}（{dir} {diff}）。α 正是按这个分数选出来的，所以它的最小值偏低（点数少时还很不稳定）；测试集没有参与选择，报告时应当用它给出的估计。在 R 个训练集上平均，选出的 α 处的期望误差为 {totalPick}，最优 α 处为 {totalBest}。',
    higher: '高出', lower: '低了',
    code: 'scikit-learn：同样的数据（本站的随机数生成器）、同样的拟合与数字',
  },
} as const;

/** α in four significant digits. */
const alphaText = (a: number) => sig(a);

export function l1l2BiasVarianceView(s: L1l2BiasVarianceState, lang: Lang): L1l2BiasVarianceView {
  const w = words[lang];
  const r = biasVarianceOf(s);
  const pts = r.points;
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  const pick = pts[r.pick]!;
  const best = pts[r.best]!;
  const testBest = pts[r.testBest]!;
  const row = (label: string, p: BiasVariancePoint) => [label, alphaText(p.lambda), sig(p.df), sig(p.bias2), sig(p.variance), sig(p.total), sig(p.valError), sig(p.testError)];
  const decompositionDescription = fill(w.decompositionChart, {
    lo: alphaText(first.lambda), hi: alphaText(last.lambda), v0: sig(first.variance), v1: sig(last.variance), b0: sig(first.bias2), b1: sig(last.bias2),
    noise: sig(first.noise), tmin: sig(best.total), best: alphaText(best.lambda), t0: sig(first.trainError), t1: sig(last.trainError),
  });
  const validationDescription = fill(w.validationChart, {
    lo: alphaText(first.lambda), hi: alphaText(last.lambda), pick: alphaText(pick.lambda), val: sig(pick.valError), test: sig(pick.testError),
    tbest: sig(testBest.testError), tpick: alphaText(testBest.lambda),
  });
  const gap = pick.testError - pick.valError;
  const decompositionSeries = [w.seriesBias, w.seriesVariance, w.seriesTotal, w.seriesTrain];
  const validationSeries = [w.seriesVal, w.seriesTest];
  const series = (name: string, get: (p: BiasVariancePoint) => number) => pts.map((p) => ({ alpha: p.lambda, value: get(p), series: name }));
  return {
    text: {
      pick: alphaText(pick.lambda),
      pickVal: sig(pick.valError),
      pickTest: sig(pick.testError),
      best: `${alphaText(best.lambda)} (${sig(best.total)})`,
      optimism: fill(w.optimism, {
        val: sig(pick.valError), test: sig(pick.testError), diff: sig(Math.abs(gap)), dir: gap >= 0 ? w.higher : w.lower,
        totalPick: sig(pick.total), totalBest: sig(best.total),
      }),
      decompositionDescription,
      validationDescription,
      summary: summary(lang, [['验证集选出的 α', 'α picked by validation', alphaText(pick.lambda)], ['测试误差', 'test error', sig(pick.testError)], ['最优 α', 'best α', alphaText(best.lambda)]]),
      sklearn: sklearnCode(s),
    },
    rows: {
      keyRows: [row(w.rowSmall, first), row(w.rowPick, pick), row(w.rowBest, best), row(w.rowLarge, last)],
    },
    tables: {
      decomposition: dataTable([w.alpha, w.bias2, w.variance, w.total, w.train], pts, (p) => [alphaText(p.lambda), sig(p.bias2), sig(p.variance), sig(p.total), sig(p.trainError)]),
      validation: dataTable([w.alpha, w.val, w.test], pts, (p) => [alphaText(p.lambda), sig(p.valError), sig(p.testError)]),
    },
    chart: {
      decomposition: [
        ...series(w.seriesBias, (p) => p.bias2), ...series(w.seriesVariance, (p) => p.variance),
        ...series(w.seriesTotal, (p) => p.total), ...series(w.seriesTrain, (p) => p.trainError),
      ],
      decompositionSeries,
      noise: first.noise,
      validation: [...series(w.seriesVal, (p) => p.valError), ...series(w.seriesTest, (p) => p.testError)],
      validationSeries,
      pick: { alpha: pick.lambda, value: pick.valError },
      best: best.lambda,
      decompositionDescription,
      validationDescription,
    },
  };
}

/** A scikit-learn program that draws the same data with the page's generator and prints the cell's numbers. */
export function sklearnCode(s: L1l2BiasVarianceState): string {
  const grid = biasVarianceLambdas();
  return [
    'import math',
    '',
    'import numpy as np',
    'from sklearn.linear_model import Ridge',
    'from sklearn.pipeline import make_pipeline',
    'from sklearn.preprocessing import PolynomialFeatures, StandardScaler',
    '',
    '',
    PYTHON_RNG_SOURCE,
    '',
    '',
    `degree, n, sigma, R, seed = ${s.bvdeg}, ${s.bvn}, ${pyFloat(s.bvsig)}, ${s.bvsets}, ${s.bvseed}`,
    `alphas = [10 ** (-6 + k / 4) for k in range(${grid.length})]  # 1e-6 to 1e3`,
    'f = lambda x: math.sin(2 * math.pi * x)',
    '',
    '# The page\'s draws, in its order: R sets of n noises at x_i = (i + 1/2)/n, then the validation',
    `# set (n inputs, then n noises) and the test set (${BV_TEST_POINTS} inputs, then ${BV_TEST_POINTS} noises).`,
    'rng = Mulberry32(seed)',
    'x_train = np.array([(i + 0.5) / n for i in range(n)])',
    'y_sets = [np.array([f(x) + sigma * rng.normal() for x in x_train]) for _ in range(R)]',
    '',
    '',
    'def split(m):',
    '    x = [rng.next() for _ in range(m)]',
    '    eps = [rng.normal() for _ in range(m)]',
    '    return np.array(x), np.array([f(xi) + sigma * e for xi, e in zip(x, eps)])',
    '',
    '',
    'x_val, y_val = split(n)',
    `x_test, y_test = split(${BV_TEST_POINTS})`,
    `grid = (np.arange(${BV_GRID_POINTS}) + 0.5) / ${BV_GRID_POINTS}`,
    'u = lambda x: (2 * np.asarray(x) - 1)[:, None]  # features of u = 2x - 1: u, u^2, ..., u^degree',
    'model = lambda a: make_pipeline(PolynomialFeatures(degree, include_bias=False), StandardScaler(), Ridge(alpha=a))',
    '',
    'rows = []',
    'for a in alphas:',
    '    fits = [model(a).fit(u(x_train), y) for y in y_sets]',
    '    P = np.array([m.predict(u(grid)) for m in fits])  # R x 50 predictions',
    '    bias2 = np.mean((P.mean(0) - np.sin(2 * np.pi * grid)) ** 2)',
    '    variance = np.mean(P.var(0))',
    '    train = np.mean([np.mean((m.predict(u(x_train)) - y) ** 2) for m, y in zip(fits, y_sets)])',
    '    val = np.mean((fits[0].predict(u(x_val)) - y_val) ** 2)  # one training set: the first',
    '    test = np.mean((fits[0].predict(u(x_test)) - y_test) ** 2)',
    '    rows.append((a, bias2, variance, bias2 + variance + sigma**2, train, val, test))',
    '    print(f"alpha {a:.4g}: bias2 {bias2:.4g}, variance {variance:.4g}, sum + sigma^2 {rows[-1][3]:.4g}, "',
    '          f"train {train:.4g}, validation {val:.4g}, test {test:.4g}")',
    '',
    'pick = min(range(len(rows)), key=lambda k: (rows[k][5], k))  # smallest validation error, first if tied',
    'best = min(range(len(rows)), key=lambda k: (rows[k][3], k))',
    'print("validation picks alpha", f"{rows[pick][0]:.4g}", "validation error", f"{rows[pick][5]:.4g}", "test error", f"{rows[pick][6]:.4g}")',
    'print("smallest bias2 + variance + sigma^2 at alpha", f"{rows[best][0]:.4g}", f"{rows[best][3]:.4g}")',
  ].join('\n');
}

export const cell = defineCell({
  id: 'l1l2-bias-variance',
  prefix: 'l12b',
  schema: l1l2BiasVarianceSchema,
  paramOf: l1l2BiasVarianceParamOf,
  words,
  layout: [
    { hint: 'data' },
    { fields: ['bvdeg', 'bvn', 'bvsig', 'bvsets', { param: 'bvseed', slider: false }] },
    { chart: 'decomposition', caption: 'decompositionDescription', tables: ['decomposition'] },
    { result: 'best', label: 'best', output: true },
    { chart: 'validation', caption: 'validationDescription', tables: ['validation'] },
    { result: 'pick', label: 'pick', output: true },
    { result: 'pickVal', label: 'pickVal', output: true },
    { result: 'pickTest', label: 'pickTest', output: true },
    { note: 'optimism' },
    { table: 'keyRows', caption: 'caption', head: ['role', 'alpha', 'df', 'bias2', 'variance', 'total', 'val', 'test'] },
    { code: 'sklearn', summary: 'code' },
  ],
  view: (s, lang) => l1l2BiasVarianceView(s, lang),
});
