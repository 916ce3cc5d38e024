/**
 * The early-stopping training cell: a degree-d polynomial fitted by full-batch gradient descent to
 * noisy samples of sin(πx), with Keras's EarlyStopping replayed on the validation loss.
 *
 * Training never depends on patience / min_delta / restore (gradient descent is deterministic, so
 * the run that early stopping would cut short is the first part of the full run): the cell trains
 * the full epoch budget once (`earlyStoppingRun`), and `earlyStoppingView` replays the callback on
 * it. The Astro component does both at build time; in the browser, large runs go to a Web Worker
 * and the view waits for them (see `trainingCost`).
 */
import {
  checkLearningRate, hessianMaxEigenvalue, l2Norm, legendreSeries, noisySine, trainPolynomialGD, trueFunction,
  weightsAt, type Dataset1D, type PolyGdRun,
} from '../lib/polyfit';
import { createEarlyStopping, type EarlyStoppingStep } from '../lib/earlyStopping';
import { formatNumber as fmt, formatTyped as param } from '../lib/format';
import { PYTHON_RNG_SOURCE } from '../lib/randomPython';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, tr, type DataTable } from './a11y';
import { pyBool, pyFloat } from './python';
import { defineCell, type Resource } from './define';

/** Validation points: fixed, so the reader's parameters are the ones the text talks about. */
export const N_VAL = 30;

export const earlyStoppingSchema = {
  seed: { kind: 'integer', min: 0, max: 4294967295, default: 9 },
  noise: { kind: 'number', min: 0, max: 2, step: 0.01, default: 0.3 },
  ntrain: { kind: 'integer', min: 3, max: 200, default: 15 },
  degree: { kind: 'integer', min: 1, max: 20, default: 10 },
  lr: { kind: 'number', min: 0.001, max: 1, step: 0.001, default: 0.1 },
  epochs: { kind: 'integer', min: 10, max: 20000, default: 2000 },
  patience: { kind: 'integer', min: 0, max: 1000, default: 50 },
  delta: { kind: 'number', min: 0, max: 1, step: 0.0001, default: 0 },
  restore: { kind: 'integer', min: 0, max: 1, default: 1 },
} as const satisfies Schema;

export type EarlyStoppingState = StateOf<typeof earlyStoppingSchema>;

/** Library parameter names → the cell's URL/input names. */
export const earlyStoppingParamOf: Record<string, keyof EarlyStoppingState> = {
  seed: 'seed', noise: 'noise', nTrain: 'ntrain', degree: 'degree', lr: 'lr', epochs: 'epochs',
  patience: 'patience', minDelta: 'delta', restoreBestWeights: 'restore',
};

/** The parameters the training run depends on (patience, delta and restore only replay it). */
export interface TrainingParams {
  seed: number;
  noise: number;
  nTrain: number;
  nVal: number;
  degree: number;
  lr: number;
  epochs: number;
}

export function trainingParams(s: EarlyStoppingState): TrainingParams {
  return { seed: s.seed, noise: s.noise, nTrain: s.ntrain, nVal: N_VAL, degree: s.degree, lr: s.lr, epochs: s.epochs };
}

/** A string that identifies a training run (a cache key). */
export function trainingKey(p: TrainingParams): string {
  return [p.seed, p.noise, p.nTrain, p.nVal, p.degree, p.lr, p.epochs].join('|');
}

/** Multiply-adds of one run, roughly: the browser trains small runs at once and larger ones in a worker. */
export function trainingCost(p: TrainingParams): number {
  return p.epochs * (2 * p.nTrain + p.nVal) * (p.degree + 1);
}

/** Runs up to this cost train on the main thread (the defaults cost about 1.3·10⁶: a few ms). */
export const MAIN_THREAD_COST = 1.5e6;

/** Data and the learning-rate check: cheap, so every edit is validated at once, worker or not. */
export function checkTraining(p: TrainingParams): { data: Dataset1D; lambdaMax: number; lrLimit: number } {
  const data = noisySine({ seed: p.seed, nTrain: p.nTrain, nVal: p.nVal, noise: p.noise });
  const lambdaMax = hessianMaxEigenvalue(data.xTrain, p.degree);
  const lrLimit = 2 / lambdaMax;
  checkLearningRate(p.lr, lrLimit);
  return { data, lambdaMax, lrLimit };
}

export interface TrainingResult {
  params: TrainingParams;
  data: Dataset1D;
  run: PolyGdRun;
}

/** The full training run (the same call at build time, on the main thread and in the worker). */
export function earlyStoppingRun(p: TrainingParams, onProgress?: (done: number, total: number) => void): TrainingResult {
  const { data } = checkTraining(p);
  const run = trainPolynomialGD(data, { degree: p.degree, lr: p.lr, epochs: p.epochs }, onProgress);
  return { params: p, data, run };
}

export interface LossPoint {
  epoch: number;
  loss: number;
  series: string;
  /** After early stopping fired: epochs that only the run without early stopping trains. */
  after: boolean;
}

export interface FitPoint {
  x: number;
  y: number;
  series: string;
}

export interface EarlyStoppingView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  /** The fit chart's data as tables: the curves by x, and the training / validation points. */
  tables: Record<'fitCurves' | 'fitPoints', DataTable>;
  lossChart: {
    points: LossPoint[];
    best: { epoch: number; loss: number };
    stop: number | null;
    returned: { epoch: number; loss: number };
    epochs: number;
    description: string;
    seriesOrder: string[];
  };
  fitChart: {
    curves: FitPoint[];
    train: { x: number; y: number }[];
    val: { x: number; y: number }[];
    yDomain: [number, number];
    description: string;
    seriesOrder: string[];
  };
}

const words = {
  zh: {
    train: '训练集 MSE',
    val: '验证集 MSE（val_loss）',
    truth: '真实函数 sin(πx)',
    fitReturned: (e: number) => `早停返回的权重（第 ${e} 轮）`,
    fitStopped: (e: number) => `停止时的权重（第 ${e} 轮）`,
    fitFull: (e: number) => `不早停：第 ${e} 轮`,
    data: (n: number, m: number, noise: string, seed: number) =>
      `${n} 个训练点、${m} 个验证点：x ~ U(−1, 1)，y = sin(πx) + ${noise}·ε，ε ~ N(0, 1)，随机种子 ${seed}`,
    lrOk: (lr: string, lim: string) => `lr = ${lr} < ${lim}，梯度下降收敛`,
    stopped: (e: number) => `第 ${e} 轮后触发早停，停止训练`,
    notStopped: (n: number) => `没有触发早停：${n} 轮全部跑完`,
    stopRule: (e: number, v: string, d: string, b: string, w: number, p: number) =>
      `第 ${e} 轮：${v} + ${d} < ${b}？否 → wait = ${w} ≥ patience = ${p} → 停止`,
    noStopRule: (w: number, p: number) => `最后一轮 wait = ${w} < patience = ${p}：预算用完时仍在等待`,
    bestRule: (e: number, v: string, d: string, prev: string) =>
      prev === '∞' ? `第 ${e} 轮：${v} + ${d} < ∞ → 改进（第一轮总是改进）` : `第 ${e} 轮：${v} + ${d} < ${prev} → 改进，wait = 0`,
    best: (v: string, e: number) => `最佳 val_loss = ${v}，在第 ${e} 轮`,
    restored: (e: number) => `恢复最佳一轮（第 ${e} 轮）结束时的权重。`,
    kept: (e: number) => `restore_best_weights=False：模型保留最后训练的第 ${e} 轮的权重`,
    weights: (e: number, tr: string, va: string, norm: string) => `第 ${e} 轮：训练集 MSE ${tr}，验证集 MSE ${va}，‖w‖ = ${norm}`,
    saved: (ran: number, total: number, pct: string) => `早停只跑了 ${ran} / ${total} 轮（${pct}%）`,
    status: (n: number) => `从 w = 0 开始，做 ${n} 轮全批量梯度下降`,
    pending: (n: number) => `正在后台（Web Worker）训练 ${n} 轮…`,
    cancelled: (n: number) => `已取消 ${n} 轮的训练：下面仍是上一次完成的结果。修改任一参数即可重新训练。`,
    decisionImproved: '改进：best 更新，wait 归零',
    decisionWait: '未改进：wait + 1',
    decisionStop: '未改进，wait ≥ patience：停止',
    decisionEnd: '预算用完（不早停时的最后一轮）',
    first: '第一轮',
    bestRow: '最佳一轮',
    stopRow: '停止的一轮',
    lastRow: '不早停的最后一轮',
    lossChart: (n: number, b: number, bv: string, stop: number | null, p: number, last: string, lastTr: string) =>
      `折线图（横轴为对数刻度）：${n} 轮训练中的训练集与验证集 MSE。验证集 MSE 在第 ${b} 轮最低（${bv}）；` +
      (stop === null ? `patience = ${p} 时没有触发早停。` : `patience = ${p} 时训练在第 ${stop} 轮后停止（竖线）。`) +
      `若一直训练到第 ${n} 轮，验证集 MSE 为 ${last}，训练集 MSE 降到 ${lastTr}。`,
    fitChart: (n: number, m: number, d: number, labels: string[]) =>
      `散点图：${n} 个训练点（实心）和 ${m} 个验证点（空心），以及 ${d} 次多项式的拟合曲线：${labels.join('；')}；虚线为真实函数 sin(πx)。`,
  },
  en: {
    train: 'training MSE',
    val: 'validation MSE (val_loss)',
    truth: 'true function sin(πx)',
    fitReturned: (e: number) => `weights early stopping returns (epoch ${e})`,
    fitStopped: (e: number) => `weights when it stopped (epoch ${e})`,
    fitFull: (e: number) => `no early stopping: epoch ${e}`,
    data: (n: number, m: number, noise: string, seed: number) =>
      `${n} training points, ${m} validation points: x ~ U(−1, 1), y = sin(πx) + ${noise}·ε, ε ~ N(0, 1), seed ${seed}`,
    lrOk: (lr: string, lim: string) => `lr = ${lr} < ${lim}: gradient descent converges`,
    stopped: (e: number) => `Epoch ${e}: early stopping`,
    notStopped: (n: number) => `No early stop: all ${n} epochs ran`,
    stopRule: (e: number, v: string, d: string, b: string, w: number, p: number) =>
      `epoch ${e}: ${v} + ${d} < ${b}? no → wait = ${w} ≥ patience = ${p} → stop`,
    noStopRule: (w: number, p: number) => `last epoch: wait = ${w} < patience = ${p}, still waiting when the budget ran out`,
    bestRule: (e: number, v: string, d: string, prev: string) =>
      prev === '∞' ? `epoch ${e}: ${v} + ${d} < ∞ → improvement (the first epoch always improves)` : `epoch ${e}: ${v} + ${d} < ${prev} → improvement, wait = 0`,
    best: (v: string, e: number) => `best val_loss = ${v} at epoch ${e}`,
    restored: (e: number) => `Restoring model weights from the end of the best epoch: ${e}.`,
    kept: (e: number) => `restore_best_weights=False: the model keeps the weights of epoch ${e}, the last one trained`,
    weights: (e: number, tr: string, va: string, norm: string) => `epoch ${e}: training MSE ${tr}, validation MSE ${va}, ‖w‖ = ${norm}`,
    saved: (ran: number, total: number, pct: string) => `early stopping ran ${ran} of ${total} epochs (${pct}%)`,
    status: (n: number) => `${n} epochs of full-batch gradient descent from w = 0`,
    pending: (n: number) => `Training ${n} epochs in a Web Worker…`,
    cancelled: (n: number) => `Training of ${n} epochs cancelled: the numbers below are still the last finished run's. Change any value to train again.`,
    decisionImproved: 'improvement: best updated, wait reset',
    decisionWait: 'no improvement: wait + 1',
    decisionStop: 'no improvement, wait ≥ patience: stop',
    decisionEnd: 'budget spent (last epoch without early stopping)',
    first: 'first',
    bestRow: 'best',
    stopRow: 'stopped',
    lastRow: 'last without early stopping',
    lossChart: (n: number, b: number, bv: string, stop: number | null, p: number, last: string, lastTr: string) =>
      `Line chart (log-scale epoch axis): training and validation MSE over ${n} epochs. Validation MSE is lowest at epoch ${b} (${bv}); ` +
      (stop === null ? `with patience ${p} early stopping never fires. ` : `with patience ${p} training stops after epoch ${stop} (vertical rule). `) +
      `Trained on to epoch ${n}, the validation MSE is ${last} while the training MSE falls to ${lastTr}.`,
    fitChart: (n: number, m: number, d: number, labels: string[]) =>
      `Scatter plot: ${n} training points (filled) and ${m} validation points (hollow) with the degree-${d} polynomial fits: ${labels.join('; ')}; the dashed curve is the true function sin(πx).`,
  },
} as const;

const num = (x: number) => fmt(x);
const pct = (x: number) => fmt(x, { digits: 1 });

/**
 * current, min_delta and best for a substituted test "current + δ < best", with enough decimals
 * (4 to 12) that the printed numbers show which way the comparison went.
 */
function distinct(current: number, delta: number, best: number): [string, string, string] {
  let digits = 4;
  while (digits < 12 && fmt(current + delta, { digits }) === fmt(best, { digits })) digits++;
  return [fmt(current, { digits }), param(delta), fmt(best, { digits })];
}

/** Epoch indices to draw: all of them up to 600, else ~600 log-spaced ones plus the marked epochs. */
function sampleEpochs(n: number, keep: number[]): number[] {
  if (n <= 600) return Array.from({ length: n }, (_, i) => i);
  const set = new Set<number>(keep);
  for (let k = 0; k < 600; k++) set.add(Math.min(n - 1, Math.round(Math.exp((k / 599) * Math.log(n))) - 1));
  return [...set].filter((i) => i >= 0 && i < n).sort((a, b) => a - b);
}

/** Replays Keras's EarlyStopping on the run's val_loss, keeping every step for the table. */
function replay(run: PolyGdRun, s: EarlyStoppingState): EarlyStoppingStep[] {
  const monitor = createEarlyStopping({ patience: s.patience, minDelta: s.delta, restoreBestWeights: s.restore === 1 });
  const steps: EarlyStoppingStep[] = [];
  for (const v of run.valLoss) {
    const step = monitor.update(v);
    steps.push(step);
    if (step.stop) break;
  }
  return steps;
}

export function earlyStoppingView(s: EarlyStoppingState, lang: Lang, result: TrainingResult): EarlyStoppingView {
  const w = words[lang];
  const { run, data } = result;
  const n = run.epochs;
  const steps = replay(run, s);
  const last = steps[steps.length - 1]!;
  const stopIdx = last.stop ? last.epoch : null; // 0-based
  const bestIdx = last.bestEpoch!; // the first epoch always improves
  const ranIdx = last.epoch; // last epoch trained with early stopping
  const returnedIdx = s.restore === 1 ? bestIdx : ranIdx;
  const d = param(s.delta);

  const stateAt = (i: number) => {
    const wt = weightsAt(run, i);
    return { w: wt, train: run.trainLoss[i]!, val: run.valLoss[i]!, norm: l2Norm(wt) };
  };
  const returned = stateAt(returnedIdx);
  const full = stateAt(n - 1);

  // The improvement test at the best epoch compares with the best before it.
  const prevBest = bestIdx === 0 ? null : steps[bestIdx - 1]!.bestValue;
  const bestRule = prevBest === null
    ? w.bestRule(bestIdx + 1, num(run.valLoss[bestIdx]!), d, '∞')
    : w.bestRule(bestIdx + 1, ...distinct(run.valLoss[bestIdx]!, s.delta, prevBest));
  const stopRule = stopIdx === null
    ? w.noStopRule(last.wait, s.patience)
    : w.stopRule(stopIdx + 1, ...distinct(run.valLoss[stopIdx]!, s.delta, last.bestValue!), last.wait, s.patience);

  const row = (label: string, i: number, decision: string): string[] => {
    const st = steps[i];
    return [
      `${i + 1} (${label})`,
      num(run.trainLoss[i]!),
      num(run.valLoss[i]!),
      st ? num(st.bestValue!) : '—',
      st ? String(st.wait) : '—',
      decision,
    ];
  };
  const keyRows: string[][] = [row(w.first, 0, w.decisionImproved)];
  if (bestIdx !== 0) keyRows.push(row(w.bestRow, bestIdx, w.decisionImproved));
  if (stopIdx !== null && stopIdx !== bestIdx) keyRows.push(row(w.stopRow, stopIdx, w.decisionStop));
  if (n - 1 !== stopIdx && n - 1 !== bestIdx && n - 1 !== 0) {
    const st = steps[n - 1];
    keyRows.push(row(w.lastRow, n - 1, st ? (st.improved ? w.decisionImproved : w.decisionWait) : w.decisionEnd));
  }

  // Loss chart.
  const marks = [bestIdx, returnedIdx, ranIdx, n - 1];
  const points: LossPoint[] = [];
  const cut = stopIdx ?? n - 1;
  for (const i of sampleEpochs(n, marks)) {
    points.push({ epoch: i + 1, loss: run.trainLoss[i]!, series: w.train, after: i > cut });
    points.push({ epoch: i + 1, loss: run.valLoss[i]!, series: w.val, after: i > cut });
  }
  // The faded part starts where the solid part ends, so the line is continuous.
  if (stopIdx !== null && stopIdx < n - 1) {
    points.push({ epoch: stopIdx + 1, loss: run.trainLoss[stopIdx]!, series: w.train, after: true });
    points.push({ epoch: stopIdx + 1, loss: run.valLoss[stopIdx]!, series: w.val, after: true });
  }
  const lossDescription = w.lossChart(n, bestIdx + 1, num(run.valLoss[bestIdx]!), stopIdx === null ? null : stopIdx + 1,
    s.patience, num(full.val), num(full.train));

  // Fit chart: the returned weights, the stopped weights if different, the full run if different.
  const fits: { label: string; w: number[] }[] = [{ label: w.fitReturned(returnedIdx + 1), w: returned.w }];
  if (ranIdx !== returnedIdx) fits.push({ label: w.fitStopped(ranIdx + 1), w: weightsAt(run, ranIdx) });
  if (n - 1 !== ranIdx && n - 1 !== returnedIdx) fits.push({ label: w.fitFull(n), w: full.w });
  const curves: FitPoint[] = [];
  for (let k = 0; k <= 200; k++) {
    const x = -1 + k / 100;
    curves.push({ x, y: trueFunction(x), series: w.truth });
    for (const f of fits) curves.push({ x, y: legendreSeries(f.w, x), series: f.label });
  }
  const ys = [...data.yTrain, ...data.yVal];
  const yDomain: [number, number] = [Math.min(...ys, -1) - 0.5, Math.max(...ys, 1) + 0.5];
  const fitDescription = w.fitChart(data.xTrain.length, data.xVal.length, run.degree, fits.map((f) => f.label));

  const ran = ranIdx + 1;
  return {
    text: {
      status: w.status(n),
      data: w.data(data.xTrain.length, data.xVal.length, param(s.noise), s.seed),
      lrLimit: `2/λ_max = 2/${num(run.lambdaMax)} = ${num(run.lrLimit)}`,
      lrCheck: w.lrOk(param(s.lr), num(run.lrLimit)),
      stop: stopIdx === null ? w.notStopped(n) : w.stopped(stopIdx + 1),
      stopRule,
      best: w.best(num(last.bestValue!), bestIdx + 1),
      bestRule,
      restoreText: s.restore === 1 ? w.restored(bestIdx + 1) : w.kept(ran),
      returnedEpoch: String(returnedIdx + 1),
      returned: w.weights(returnedIdx + 1, num(returned.train), num(returned.val), num(returned.norm)),
      full: w.weights(n, num(full.train), num(full.val), num(full.norm)),
      saved: w.saved(ran, n, pct((100 * ran) / n)),
      weightsVector: `[${returned.w.map((v) => num(v)).join(', ')}]`,
      pytorch: earlyStoppingCode(s),
      lossDescription,
      fitDescription,
      summary: summary(lang, [['停止', 'Stop', stopIdx === null ? w.notStopped(n) : w.stopped(stopIdx + 1)], ['返回的权重', 'returned weights', w.weights(returnedIdx + 1, num(returned.train), num(returned.val), num(returned.norm))]]),
    },
    rows: { keyEpochs: keyRows },
    tables: fitTables(lang, curves, [...fits.map((f) => f.label), w.truth], data),
    lossChart: {
      points,
      best: { epoch: bestIdx + 1, loss: run.valLoss[bestIdx]! },
      stop: stopIdx === null ? null : stopIdx + 1,
      returned: { epoch: returnedIdx + 1, loss: returned.val },
      epochs: n,
      description: lossDescription,
      seriesOrder: [w.train, w.val],
    },
    fitChart: {
      curves,
      train: data.xTrain.map((x, i) => ({ x, y: data.yTrain[i]! })),
      val: data.xVal.map((x, i) => ({ x, y: data.yVal[i]! })),
      yDomain,
      description: fitDescription,
      seriesOrder: [...fits.map((f) => f.label), w.truth],
    },
  };
}

/** The fit chart as two tables: one row per x (thinned) with every curve's value; the data points. */
function fitTables(lang: Lang, curves: readonly FitPoint[], series: readonly string[], data: Dataset1D): EarlyStoppingView['tables'] {
  const byX = new Map<number, Map<string, number>>();
  for (const c of curves) {
    if (!byX.has(c.x)) byX.set(c.x, new Map());
    byX.get(c.x)!.set(c.series, c.y);
  }
  const points = [
    ...data.xTrain.map((x, i) => [tr(lang, '训练', 'training'), x, data.yTrain[i]!] as const),
    ...data.xVal.map((x, i) => [tr(lang, '验证', 'validation'), x, data.yVal[i]!] as const),
  ];
  return {
    fitCurves: dataTable(['x', ...series], [...byX.entries()], ([x, ys]) => [num(x), ...series.map((n) => (ys.has(n) ? num(ys.get(n)!) : '—'))], 21),
    fitPoints: dataTable([tr(lang, '数据集', 'set'), 'x', 'y'], points, ([set, x, y]) => [set, num(x), num(y)], 500),
  };
}

/**
 * While a large run trains in the worker: only the status changes; every other slot keeps the
 * last run's numbers until the new ones arrive.
 */
export interface EarlyStoppingPendingView {
  text: Record<string, string>;
  /** Never set: the last run's rows and tables stay (declared so the layout's keys type-check). */
  rows?: EarlyStoppingView['rows'];
  tables?: EarlyStoppingView['tables'];
  pending: true;
}

export function earlyStoppingPendingView(s: EarlyStoppingState, lang: Lang): EarlyStoppingPendingView {
  return { text: { status: words[lang].pending(s.epochs) }, pending: true };
}

/** After the reader cancels a worker run: the last finished run's numbers stay, and the status says so. */
export function earlyStoppingCancelledView(s: EarlyStoppingState, lang: Lang): EarlyStoppingPendingView {
  return { text: { status: words[lang].cancelled(s.epochs) }, pending: true };
}


/**
 * Runnable PyTorch (float64) that regenerates the same data (the page's mulberry32 + Box–Muller
 * generator in Python, src/lib/randomPython.ts), trains the same polynomial with torch.optim.SGD and applies Keras's
 * EarlyStopping rules by hand. It prints the numbers the cell shows.
 */
export function earlyStoppingCode(s: EarlyStoppingState): string {
  return [
    'import math',
    'import torch',
    '',
    `seed, noise, n_train, n_val = ${s.seed}, ${pyFloat(s.noise)}, ${s.ntrain}, ${N_VAL}`,
    `degree, lr, epochs = ${s.degree}, ${pyFloat(s.lr)}, ${s.epochs}`,
    `patience, min_delta, restore_best_weights = ${s.patience}, ${pyFloat(s.delta)}, ${pyBool(s.restore === 1)}`,
    '',
    '',
    ...PYTHON_RNG_SOURCE.split('\n'),
    '',
    '',
    'rng = Mulberry32(seed)',
    '',
    '',
    'def split(n):  # n points x ~ U(-1, 1), then n noises, y = sin(pi x) + noise * eps',
    '    x = [rng.uniform(-1, 1) for _ in range(n)]',
    '    eps = [rng.normal() for _ in range(n)]',
    '    y = [math.sin(math.pi * xi) + noise * e for xi, e in zip(x, eps)]',
    '    return torch.tensor(x, dtype=torch.float64), torch.tensor(y, dtype=torch.float64)',
    '',
    '',
    'def legendre(x, degree):  # = numpy.polynomial.legendre.legvander(x, degree)',
    '    cols = [torch.ones_like(x), x]',
    '    for k in range(2, degree + 1):',
    '        cols.append(((2 * k - 1) * x * cols[k - 1] - (k - 1) * cols[k - 2]) / k)',
    '    return torch.stack(cols[: degree + 1], dim=1)',
    '',
    '',
    'x_tr, y_tr = split(n_train)',
    'x_va, y_va = split(n_val)',
    'X_tr, X_va = legendre(x_tr, degree), legendre(x_va, degree)',
    'lam_max = torch.linalg.eigvalsh(2 / n_train * X_tr.T @ X_tr).max().item()',
    'print(f"2/λ_max = 2/{lam_max:.4f} = {2 / lam_max:.4f}")',
    '',
    '',
    'def fit(early_stopping):',
    '    w = torch.zeros(degree + 1, dtype=torch.float64, requires_grad=True)',
    '    opt = torch.optim.SGD([w], lr=lr)',
    '    mse = lambda X, y: ((X @ w - y) ** 2).mean()',
    '    best, best_epoch, best_w, wait = math.inf, None, None, 0',
    '    for epoch in range(epochs):',
    '        opt.zero_grad()',
    '        mse(X_tr, y_tr).backward()',
    '        opt.step()',
    '        with torch.no_grad():',
    '            val_loss = mse(X_va, y_va).item()',
    '        if not early_stopping:',
    '            continue',
    '        # keras.callbacks.EarlyStopping(monitor="val_loss", mode="min", ...).on_epoch_end',
    '        wait += 1',
    '        if val_loss + min_delta < best:  # Keras: current - (-|min_delta|) < best',
    '            best, best_epoch, best_w, wait = val_loss, epoch, w.detach().clone(), 0',
    '        elif wait >= patience and epoch > 0:',
    '            print(f"Epoch {epoch + 1}: early stopping")',
    '            break',
    '    if early_stopping:',
    '        print(f"best val_loss = {best:.4f} at epoch {best_epoch + 1}")',
    '        if restore_best_weights:  # on_train_end (Keras 3 restores even without a stop)',
    '            print(f"Restoring model weights from the end of the best epoch: {best_epoch + 1}.")',
    '            with torch.no_grad():',
    '                w.copy_(best_w)',
    '    with torch.no_grad():',
    '        return w.detach(), mse(X_tr, y_tr).item(), mse(X_va, y_va).item()',
    '',
    '',
    'w, tr, va = fit(early_stopping=True)',
    'print(f"returned weights: training MSE {tr:.4f}, validation MSE {va:.4f}, |w| = {w.norm():.4f}")',
    'w, tr, va = fit(early_stopping=False)',
    'print(f"no early stopping, epoch {epochs}: training MSE {tr:.4f}, validation MSE {va:.4f}, |w| = {w.norm():.4f}")',
  ].join('\n');
}

/** The words of the cell's parts (the view's own sentences are in `words` above). */
const cellWords = {
  en: {
    title: 'Live cell: train a polynomial that overfits, and watch early stopping fire',
    fields: {
      seed: { label: 'Random seed' },
      noise: { label: 'Noise standard deviation' },
      ntrain: { label: 'Training points', hint: `3 to 200 (${N_VAL} validation points, fixed)` },
      degree: { label: 'Polynomial degree' },
      lr: { label: 'Learning rate lr', hint: '0.001 to 1, and below 2/λ_max' },
      epochs: { label: 'Epoch budget' },
      patience: { label: 'patience' },
      delta: { label: 'min_delta' },
      restore: { label: 'restore_best_weights', hint: 'restore the best epoch’s weights at the end' },
    },
    data: 'Data', model: 'Model and training', callback: 'Early-stopping callback (Keras semantics)',
    dataLabel: 'Data', lrLimit: 'Largest stable learning rate', stop: 'Stop', stopRule: 'The test that stopped it',
    best: 'Best', bestRule: 'The test at the best epoch', restoreLabel: 'Weights returned',
    returned: 'With early stopping', full: 'Without early stopping', saved: 'Saved', weights: 'Returned coefficients w (Legendre basis)',
    caption: 'The epochs that matter', epoch: 'Epoch', trainMse: 'training MSE', valMse: 'validation MSE', bestSoFar: 'best so far',
    wait: 'wait', decision: 'decision',
    lossX: 'epoch (log scale)', lossY: 'MSE', stopMark: 'stop', bestMark: 'best', fitX: 'x', fitY: 'y',
    progress: 'Training progress', cancel: 'Cancel training',
  },
  zh: {
    title: '实时单元：训练一个会过拟合的多项式，看早停何时触发',
    fields: {
      seed: { label: '随机种子 seed' },
      noise: { label: '噪声标准差' },
      ntrain: { label: '训练点数', hint: `3 到 200（验证点固定 ${N_VAL} 个）` },
      degree: { label: '多项式次数' },
      lr: { label: '学习率 lr', hint: '0.001 到 1，且须小于 2/λ_max' },
      epochs: { label: '最多训练轮数 epochs' },
      patience: { label: 'patience' },
      delta: { label: 'min_delta' },
      restore: { label: 'restore_best_weights', hint: '结束时恢复最佳一轮的权重' },
    },
    data: '数据', model: '模型与训练', callback: '早停回调（Keras 语义）',
    dataLabel: '数据', lrLimit: '最大稳定学习率', stop: '停止', stopRule: '停止时的判断',
    best: '最佳', bestRule: '最佳一轮的判断', restoreLabel: '返回的权重',
    returned: '早停返回', full: '不早停', saved: '节省', weights: '返回的系数 w（勒让德基）',
    caption: '关键的几轮', epoch: '轮次', trainMse: '训练集 MSE', valMse: '验证集 MSE', bestSoFar: '目前最佳',
    wait: 'wait', decision: '判断',
    lossX: '轮次（对数刻度）', lossY: 'MSE', stopMark: '停止', bestMark: '最佳', fitX: 'x', fitY: 'y',
    progress: '训练进度', cancel: '取消训练',
  },
};

/**
 * The cell as one object (src/cells/define.ts). Its resource is the full training run: patience,
 * min_delta and restore only replay it, so editing them never retrains; runs up to MAIN_THREAD_COST
 * train at once, larger ones in the worker while the status says so.
 */
export const cell = defineCell({
  id: 'early-stopping',
  prefix: 'es',
  schema: earlyStoppingSchema,
  paramOf: earlyStoppingParamOf,
  words: cellWords,
  resource: {
    input: (s: EarlyStoppingState) => {
      const p = trainingParams(s);
      checkTraining(p); // a bad value is refused at once, worker or not
      return p;
    },
    key: trainingKey,
    cost: trainingCost,
    inlineCost: MAIN_THREAD_COST,
    run: earlyStoppingRun,
  },
  layout: [
    { fields: [{ param: 'seed', slider: false }, 'noise', 'ntrain'], title: 'data' },
    { fields: ['degree', 'lr', 'epochs'], title: 'model' },
    { fields: ['patience', { param: 'delta', slider: false }, { param: 'restore', control: 'switch' }], title: 'callback' },
    { status: 'status', progress: 'progress', cancel: 'cancel' },
    {
      outputs: [
        { result: 'data', label: 'dataLabel' },
        { result: 'lrLimit', label: 'lrLimit' },
        { note: 'lrCheck' },
        { chart: 'loss', caption: 'lossDescription', rowsTable: 'keyEpochs' },
        { result: 'stop', label: 'stop', output: true },
        { result: 'stopRule', label: 'stopRule' },
        { result: 'best', label: 'best' },
        { result: 'bestRule', label: 'bestRule' },
        { result: 'restoreText', label: 'restoreLabel' },
        { table: 'keyEpochs', caption: 'caption', head: ['epoch', 'trainMse', 'valMse', 'bestSoFar', 'wait', 'decision'] },
        { result: 'returned', label: 'returned', output: true },
        { result: 'full', label: 'full', output: true },
        { result: 'saved', label: 'saved' },
        { result: 'weightsVector', label: 'weights' },
        { chart: 'fit', caption: 'fitDescription', tables: ['fitCurves', 'fitPoints'] },
      ],
    },
    { code: 'pytorch' },
  ],
  view: (s: EarlyStoppingState, lang: Lang, r: Resource<TrainingResult>): EarlyStoppingView | EarlyStoppingPendingView =>
    r.status === 'ready' ? earlyStoppingView(s, lang, r.value) : r.status === 'pending' ? earlyStoppingPendingView(s, lang) : earlyStoppingCancelledView(s, lang),
});
