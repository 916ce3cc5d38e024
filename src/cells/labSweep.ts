/**
 * The lab's strength sweep cell: one regularizer's strength over a list of values, every value
 * trained on every seed with src/lib/lab's runSweep, and `sweepView`, which turns the last finished
 * sweep into every string, table row and chart point the cell shows — in Chinese or English, every
 * number from the result through formatNumber.
 *
 * The network and optimizer are the lab's defaults, fixed here (not URL parameters), with every
 * other regularizer off, so the sweep answers one question: at which strength is the validation
 * accuracy highest, and what does that choice score on the test set? Its URL parameters (`sw…`) are
 * the parameter swept, its values, the training size and the number of seeds (seeds 0, 1, …).
 *
 * Like the lab cell, the view never trains: the component sweeps the defaults at build time and the
 * browser's Sweep button sends the request to a Web Worker; an edit marks the result stale.
 */
import {
  LAB_LIMITS, LAB_TEST, LAB_VALIDATION, SWEEP_LIMITS, SWEEP_PARAMS, checkLabSetting, sweepWork,
  type LabSetting, type MeanSd, type SweepParam, type SweepProgress, type SweepResult,
} from '../lib/lab';
import { formatNumber as fmt } from '../lib/format';
import { describe } from '../lib/validate';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import type { TrainStatus } from './trainStatus';
import { dataTable, summary, type DataTable } from './a11y';
import { paramRangeError } from '../lib/refusal';

/**
 * The network every sweep trains (the lab's defaults): 64 → 128 → 10, Adam, learning rate 0.003,
 * batch 32, 40 epochs, every regularizer off except the one swept.
 */
export const SWEEP_SETTING: Readonly<LabSetting> = Object.freeze(checkLabSetting({
  hidden: [128], epochs: 40, batchSize: 32, lr: 0.003, optimizer: 'adam', momentum: 0,
  l2: 0, l1: 0, weightDecay: 0, dropout: 0, labelSmoothing: 0, batchNorm: false, earlyStopping: null, fgsm: null,
  augment: null, conv: null, vq: null,
}));

/** Each parameter's default values (the select switches to them; ascending, within the bound). */
export const SWEEP_DEFAULT_VALUES: Readonly<Record<SweepParam, readonly number[]>> = Object.freeze({
  l2: [0, 0.0001, 0.0003, 0.001, 0.003, 0.01],
  l1: [0, 0.00001, 0.0001, 0.0003, 0.001, 0.003],
  weightDecay: [0, 0.001, 0.003, 0.01, 0.03, 0.1],
  dropout: [0, 0.1, 0.2, 0.3, 0.5, 0.7],
  labelSmoothing: [0, 0.1, 0.3, 0.5, 0.7, 0.9],
  fgsmEps: [0, 0.02, 0.05, 0.1, 0.2, 0.3],
});

/** Index of label smoothing in SWEEP_PARAMS: the default sweep. */
const DEFAULT_PARAM = SWEEP_PARAMS.indexOf('labelSmoothing');

export const sweepSchema = {
  swParam: { kind: 'integer', min: 0, max: SWEEP_PARAMS.length - 1, default: DEFAULT_PARAM },
  swValues: {
    kind: 'vector', minLength: SWEEP_LIMITS.minValues, maxLength: SWEEP_LIMITS.maxValues, min: 0,
    max: Math.max(...Object.values(SWEEP_LIMITS.max)), default: SWEEP_DEFAULT_VALUES.labelSmoothing,
  },
  swN: { kind: 'integer', min: 50, max: 1000, default: 50 },
  swSeeds: { kind: 'integer', min: LAB_LIMITS.minSeeds, max: LAB_LIMITS.maxSeeds, default: 5 },
} as const satisfies Schema;

export type SweepState = StateOf<typeof sweepSchema>;

/** Library parameter names (as in src/lib/lab's messages) → the cell's inputs. */
export const sweepParamOf: Record<string, keyof SweepState> = { param: 'swParam', values: 'swValues', seeds: 'swSeeds', train: 'swN' };

/** What one press of Sweep runs. */
export interface SweepRequest {
  setting: LabSetting;
  param: SweepParam;
  values: number[];
  train: number;
  seeds: number[];
}

/** The request the state describes (seeds 0 … swSeeds − 1). */
export function sweepRequest(s: SweepState): SweepRequest {
  if (typeof s !== 'object' || s === null) throw new TypeError(`state must be an object of the sweep's parameters; received ${describe(s)}`);
  const param = SWEEP_PARAMS[s.swParam];
  if (param === undefined) throw paramRangeError('swParam', `swParam must be an integer in [0, ${SWEEP_PARAMS.length - 1}]; received ${describe(s.swParam)}`);
  return {
    setting: { ...SWEEP_SETTING, hidden: [...SWEEP_SETTING.hidden] },
    param,
    values: Array.from(s.swValues),
    train: s.swN,
    seeds: Array.from({ length: s.swSeeds }, (_, i) => i),
  };
}

/** Validates a state as Sweep would run it (values within the parameter's bound, ascending; the work limit). */
export function checkSweepState(s: SweepState): SweepRequest {
  const req = sweepRequest(s);
  sweepWork(req.setting, req.param, req.values, { train: req.train, validation: LAB_VALIDATION, seeds: req.seeds.length });
  return req;
}

/** The state after the reader picks parameter `index` in the select: its default values come with it. */
export function switchSweepParam(s: SweepState, index: number): SweepState {
  const param = SWEEP_PARAMS[index];
  if (param === undefined) throw paramRangeError('swParam', `swParam must be an integer in [0, ${SWEEP_PARAMS.length - 1}]; received ${describe(index)}`);
  return { ...s, swParam: index, swValues: [...SWEEP_DEFAULT_VALUES[param]] };
}

/** A string that identifies a request (is the sweep on screen the one the state asks for?). */
export function sweepKey(r: SweepRequest): string {
  return JSON.stringify([r.setting, r.param, r.values, r.train, r.seeds]);
}

export function sweepResultKey(r: SweepResult): string {
  return sweepKey({ setting: r.setting, param: r.param, values: r.values, train: r.sizes.train, seeds: r.seeds });
}

/** What the browser is doing, for the status line. */
export type SweepStatus =
  | Exclude<TrainStatus<SweepProgress>, { kind: 'training' }>
  | { kind: 'training'; param: SweepParam; progress: SweepProgress | null };

export interface SweepChart {
  /** x = the value's position (0, 1, …: the values are evenly spaced on the axis, labelled by `tickLabels`). */
  points: { x: number; mean: number; low: number; high: number; series: string }[];
  seriesOrder: [validation: string, test: string];
  ticks: number[];
  tickLabels: string[];
  /** Validation's pick: its position and the two means there. */
  picked: { x: number; validation: number; test: number };
  yDomain: [number, number];
  /** The axis title: the parameter's name. */
  xLabel: string;
  description: string;
}

export interface SweepView {
  text: Record<string, string>;
  rows: { sweep: string[][] };
  tables: { sweepChart: DataTable };
  chart: SweepChart;
  /** The parameter index the state names (the select outside mountCell's inputs follows it). */
  paramIndex: number;
}

/** x rounded to `digits` decimals, always in fixed notation ("0.0", never "5e−2"). */
const fixed = (x: number, digits: number) => fmt(Math.round(x * 10 ** digits) / 10 ** digits + 0, { digits });
const pct = (x: number) => fixed(100 * x, 1);
const ms = (m: MeanSd) => `${pct(m.mean)} ± ${pct(m.sd)}`;

/** A value formatter for one list of values: plain decimals, as many as the list needs to stay distinct. */
function valueFormat(values: readonly number[]): (x: number) => string {
  let digits = 6;
  const one = (x: number, d: number) => (x !== 0 && Math.abs(x) < 10 ** -d ? fmt(x, { digits: 3 }) : fmt(x, { digits: d, trim: true }));
  while (digits < 12 && new Set(values.map((x) => one(x, digits))).size < values.length) digits++;
  return (x) => one(x, digits);
}

/** Points of a positive difference, with as many decimals (1 to 3) as it takes not to print 0. */
function points(d: number): string {
  let digits = 1;
  while (digits < 3 && Math.round(100 * d * 10 ** digits) === 0) digits++;
  return fixed(100 * d, digits);
}

interface ParamWords {
  /** The select's option and the table's first heading. */
  name: string;
  /** "label smoothing ε = 0.2": the strength, named, at a value. */
  full: (v: string) => string;
  /** "ε = 0.2": the same, short. */
  at: (v: string) => string;
}

const words = {
  zh: {
    params: {
      l2: { name: 'L2 惩罚系数 λ', full: (v: string) => `L2 惩罚 λ = ${v}`, at: (v: string) => `λ = ${v}` },
      l1: { name: 'L1 惩罚系数 λ', full: (v: string) => `L1 惩罚 λ = ${v}`, at: (v: string) => `λ = ${v}` },
      weightDecay: { name: '权重衰减 weight_decay', full: (v: string) => `权重衰减 ${v}`, at: (v: string) => `权重衰减 ${v}` },
      dropout: { name: 'Dropout 概率 p', full: (v: string) => `Dropout p = ${v}`, at: (v: string) => `p = ${v}` },
      labelSmoothing: { name: '标签平滑 ε', full: (v: string) => `标签平滑 ε = ${v}`, at: (v: string) => `ε = ${v}` },
      fgsmEps: { name: 'FGSM 对抗训练 ε', full: (v: string) => `FGSM ε = ${v}`, at: (v: string) => `ε = ${v}` },
    } satisfies Record<SweepParam, ParamWords>,
    val: '验证集准确率',
    test: '测试集准确率',
    trained: (n: number, seeds: string, k: number, v: number) =>
      `网络 64 → 128 → 10，Adam，学习率 0.003，批大小 32，训练 40 轮，除被扫描的这一项外不加任何正则化；${n} 张训练图像，${LAB_VALIDATION} 张验证、${LAB_TEST} 张测试（固定不变）；种子 ${seeds}（共 ${k} 个）；${v} 个取值 × ${k} 个种子，共 ${v * k} 次训练。`,
    idleBuild: (v: number, k: number) => `下面是构建网站时完成的默认扫描（${v} 个取值 × ${k} 个种子，共 ${v * k} 次训练）。按“扫描”即可在你的浏览器里重新运行。`,
    idleBrowser: (v: number, k: number) => `下面是刚才在你的浏览器里完成的扫描（${v} 个取值 × ${k} 个种子，共 ${v * k} 次训练）。`,
    loading: '正在下载 digits 数据（约 0.3 MB）…',
    starting: '扫描即将开始…',
    training: (p: SweepProgress, at: string, done: string) =>
      `扫描中：第 ${p.point} / ${p.points} 个取值（${at}），种子 ${p.seed}，第 ${p.epoch} / ${p.epochs} 轮，共完成 ${done}%`,
    cancelled: '已取消扫描：下面仍是上一次完成的结果。',
    failed: (m: string) => `扫描失败：${m}。下面仍是上一次完成的结果。`,
    timeout: (n: number) => `后台训练 ${n} 秒没有任何回应，已停止。下面仍是上一次完成的结果。`,
    crashed: '后台训练意外中止（可能是内存不足）。下面仍是上一次完成的结果。',
    noWorker: '这个浏览器无法启动 Web Worker，无法在后台训练。下面是构建网站时完成的扫描。',
    stale: '你修改了扫描设置：下面的数字仍属于上一次扫描。按“扫描”以新设置重新运行。',
    fresh: '',
    pick: (full: string, val: string, test: string) => `按验证集选择，取${full}（验证集准确率 ${val}%），它的测试集准确率为 ${test}%`,
    against: (test: string, at: string) => `，而 ${at} 时为 ${test}%`,
    end: '。',
    interior: (first: string, atFirst: string, last: string, atLast: string) =>
      `验证集准确率从 ${atFirst} 时的 ${first}% 升到所选的取值，再降到 ${atLast} 时的 ${last}%：正则化太弱会过拟合，太强又会欠拟合，中间的取值最好。`,
    interiorFlat: (atLast: string) => `在 ${atLast} 处验证集准确率与所选取值相同，按规则取较小的那个。`,
    first: (zero: boolean, last: string, atLast: string) =>
      `${zero ? '不加正则化' : '最小的取值'}在验证集上最好：在这组取值里，加大强度没有提高验证集准确率（${atLast} 时为 ${last}%）。`,
    last: '最大的取值在验证集上最好：扫描的范围可能还不够大，不妨再试试更大的取值。',
    same: '它恰好也是测试集准确率最高的取值。',
    oracle: (at: string, test: string, d: string) =>
      `测试集准确率最高的是 ${at}（${test}%），比按验证集选出的高 ${d} 个百分点；但按测试集挑选，就等于用测试集做了选择，测试集准确率也就不再是对新数据的诚实估计了。`,
    chart: (name: string, v: number, k: number, parts: string, test: string) =>
      `折线图：横轴是${name} 的 ${v} 个取值（等间距排列），纵轴是 ${k} 个种子的平均验证集准确率（实线）和测试集准确率（虚线），阴影为各种子的最小值到最大值。验证集准确率${parts}；竖线标出验证集选出的取值，那里的测试集准确率为 ${test}%。`,
    chartPart: (at: string, val: string, picked: boolean) => `在 ${at} 时${picked ? '最高，为' : '为'} ${val}%`,
    chartJoin: '，',
    heads: ['取值', '训练集准确率（%）', '验证集准确率（%）：均值 ± 标准差', '测试集准确率（%）：均值 ± 标准差', '说明'],
    caption: (name: string, k: number) => `${name} 的每个取值：${k} 个种子的准确率（训练集为均值）`,
    notePick: '验证集选出的取值',
    noteBest: '测试集最高（仅作对照）',
    noteJoin: '；',
    tableHeads: (name: string) => [name, '验证集：均值（%）', '验证集：最小–最大（%）', '测试集：均值（%）', '测试集：最小–最大（%）'],
  },
  en: {
    params: {
      l2: { name: 'L2 penalty λ', full: (v: string) => `the L2 penalty λ = ${v}`, at: (v: string) => `λ = ${v}` },
      l1: { name: 'L1 penalty λ', full: (v: string) => `the L1 penalty λ = ${v}`, at: (v: string) => `λ = ${v}` },
      weightDecay: { name: 'weight decay', full: (v: string) => `weight decay ${v}`, at: (v: string) => `weight decay ${v}` },
      dropout: { name: 'dropout p', full: (v: string) => `dropout p = ${v}`, at: (v: string) => `p = ${v}` },
      labelSmoothing: { name: 'label smoothing ε', full: (v: string) => `label smoothing ε = ${v}`, at: (v: string) => `ε = ${v}` },
      fgsmEps: { name: 'FGSM adversarial training ε', full: (v: string) => `FGSM ε = ${v}`, at: (v: string) => `ε = ${v}` },
    } satisfies Record<SweepParam, ParamWords>,
    val: 'validation accuracy',
    test: 'test accuracy',
    trained: (n: number, seeds: string, k: number, v: number) =>
      `network 64 → 128 → 10, Adam, learning rate 0.003, batch size 32, 40 epochs, no regularizer but the one swept; ${n} training images, ${LAB_VALIDATION} validation and ${LAB_TEST} test images (fixed); seeds ${seeds} (${k} in all); ${v} values × ${k} seeds = ${v * k} runs.`,
    idleBuild: (v: number, k: number) => `Below: the default sweep, run when the site was built (${v} values × ${k} seeds = ${v * k} runs). Press Sweep to run it again in your browser.`,
    idleBrowser: (v: number, k: number) => `Below: the sweep just run in your browser (${v} values × ${k} seeds = ${v * k} runs).`,
    loading: 'Downloading the digits data (about 0.3 MB)…',
    starting: 'The sweep is about to start…',
    training: (p: SweepProgress, at: string, done: string) =>
      `Sweeping value ${p.point} of ${p.points} (${at}), seed ${p.seed}, epoch ${p.epoch} of ${p.epochs}; ${done} % done`,
    cancelled: 'Sweep cancelled: the numbers below are still the last finished sweep’s.',
    failed: (m: string) => `The sweep failed: ${m}. The numbers below are still the last finished sweep’s.`,
    timeout: (n: number) => `The background training sent nothing for ${n} s and was stopped. The numbers below are still the last finished sweep’s.`,
    crashed: 'The background training stopped unexpectedly (out of memory?). The numbers below are still the last finished sweep’s.',
    noWorker: 'This browser cannot start a Web Worker, so the sweep cannot run here. The numbers below were computed when the site was built.',
    stale: 'You changed the sweep: the numbers below still belong to the last one. Press Sweep to run the new one.',
    fresh: '',
    pick: (full: string, val: string, test: string) => `Validation picks ${full} (validation accuracy ${val} %): its test accuracy is ${test} %`,
    against: (test: string, at: string) => `, against ${test} % at ${at}`,
    end: '.',
    interior: (first: string, atFirst: string, last: string, atLast: string) =>
      ` Validation accuracy rises from ${first} % at ${atFirst} to the pick and falls to ${last} % at ${atLast}: too little regularization overfits, too much underfits, and the best value lies in between.`,
    interiorFlat: (atLast: string) => ` The validation accuracy at ${atLast} equals the pick’s; the rule takes the smaller value.`,
    first: (zero: boolean, last: string, atLast: string) =>
      ` ${zero ? 'No regularization' : 'The smallest value'} is best on validation: in this sweep, no larger value raised the validation accuracy (${last} % at ${atLast}).`,
    last: ' The largest value is best on validation: the sweep may stop too early — try larger values.',
    same: ' Here it is also the value with the highest test accuracy.',
    oracle: (at: string, test: string, d: string) =>
      ` The highest test accuracy, ${test} %, is at ${at}, ${d} points more than validation’s pick — but choosing by it would use the test set, and its accuracy would no longer be an honest estimate for new data.`,
    chart: (name: string, v: number, k: number, parts: string, test: string) =>
      `Line chart over the ${v} values of ${name} (evenly spaced): the mean validation accuracy (solid) and test accuracy (dashed) over ${k} seeds, each with a band from the lowest to the highest seed. Validation accuracy is ${parts}; the vertical line marks validation’s pick, where the test accuracy is ${test} %.`,
    chartPart: (at: string, val: string, picked: boolean) => `${val} % at ${at}${picked ? ' (the highest)' : ''}`,
    chartJoin: ', ',
    heads: ['value', 'training accuracy (%)', 'validation accuracy (%): mean ± sd', 'test accuracy (%): mean ± sd', 'note'],
    caption: (name: string, k: number) => `Accuracy at each value of ${name}, over ${k} seeds (training accuracy: the mean)`,
    notePick: 'validation’s pick',
    noteBest: 'highest test accuracy (for comparison only)',
    noteJoin: '; ',
    tableHeads: (name: string) => [name, 'validation: mean (%)', 'validation: min–max (%)', 'test: mean (%)', 'test: min–max (%)'],
  },
};

/** The parameters' names in the select's order (SWEEP_PARAMS). */
export function sweepParamNames(lang: Lang): string[] {
  return SWEEP_PARAMS.map((p) => words[lang].params[p].name);
}

/** Column headings of the sweep's table (the parameter's name is in the caption, `text.caption`). */
export function sweepHeadings(lang: Lang): string[] {
  return [...words[lang].heads];
}

function seedsText(seeds: readonly number[]): string {
  const consecutive = seeds.every((s, i) => i === 0 || s === seeds[i - 1]! + 1);
  return consecutive && seeds.length > 2 ? `${seeds[0]}–${seeds[seeds.length - 1]}` : seeds.join(', ');
}

export function sweepStatusText(status: SweepStatus, lang: Lang, result: SweepResult): string {
  const w = words[lang];
  const v = result.values.length;
  const k = result.seeds.length;
  switch (status.kind) {
    case 'idle': return status.origin === 'build' ? w.idleBuild(v, k) : w.idleBrowser(v, k);
    case 'loading': return w.loading;
    case 'training': {
      const p = status.progress;
      if (p === null) return w.starting;
      const at = w.params[status.param].at(valueFormat([p.value])(p.value));
      return w.training(p, at, fixed(p.total > 0 ? (100 * p.done) / p.total : 0, 0));
    }
    case 'cancelled': return w.cancelled;
    case 'failed': return w.failed(status.message);
    case 'timeout': return w.timeout(status.seconds);
    case 'crashed': return w.crashed;
    case 'noWorker': return w.noWorker;
  }
}

/** The computed sentence: the value validation picks, its test accuracy, the shape of the curve, the oracle. */
export function sweepSentence(r: SweepResult, lang: Lang): string {
  const w = words[lang];
  const pw = w.params[r.param];
  const f = valueFormat(r.values);
  const pts = r.points;
  const p = r.picked.index;
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  const pick = pts[p]!;
  let s = w.pick(pw.full(f(pick.value)), pct(pick.validationAccuracy.mean), ms(pick.testAccuracy));
  if (p !== 0) s += w.against(ms(first.testAccuracy), pw.at(f(first.value)));
  s += w.end;
  if (p === 0) s += w.first(first.value === 0, pct(last.validationAccuracy.mean), pw.at(f(last.value)));
  else if (p === pts.length - 1) s += w.last;
  else if (last.validationAccuracy.mean < pick.validationAccuracy.mean) {
    s += w.interior(pct(first.validationAccuracy.mean), pw.at(f(first.value)), pct(last.validationAccuracy.mean), pw.at(f(last.value)));
  } else s += w.interiorFlat(pw.at(f(last.value)));
  const b = r.bestTest.index;
  if (b === p) s += w.same;
  else s += w.oracle(pw.at(f(pts[b]!.value)), pct(pts[b]!.testAccuracy.mean), points(pts[b]!.testAccuracy.mean - pick.testAccuracy.mean));
  return s;
}

function chartOf(r: SweepResult, lang: Lang): SweepChart {
  const w = words[lang];
  const pw = w.params[r.param];
  const f = valueFormat(r.values);
  const points: SweepChart['points'] = [];
  r.points.forEach((q, x) => points.push({ x, mean: q.validationAccuracy.mean, low: q.validationAccuracy.min, high: q.validationAccuracy.max, series: w.val }));
  r.points.forEach((q, x) => points.push({ x, mean: q.testAccuracy.mean, low: q.testAccuracy.min, high: q.testAccuracy.max, series: w.test }));
  const lo = Math.min(...points.map((q) => q.low));
  const hi = Math.max(...points.map((q) => q.high));
  let y0 = Math.max(0, Math.floor(lo * 20) / 20);
  let y1 = Math.min(1, Math.ceil(hi * 20) / 20);
  if (y1 - y0 < 0.05) [y0, y1] = y1 >= 0.05 ? [y1 - 0.05, y1] : [0, 0.05];
  const p = r.picked.index;
  const shown = [...new Set([0, p, r.points.length - 1])];
  const parts = shown.map((i) => w.chartPart(pw.at(f(r.points[i]!.value)), pct(r.points[i]!.validationAccuracy.mean), i === p)).join(w.chartJoin);
  return {
    points,
    seriesOrder: [w.val, w.test],
    ticks: r.values.map((_, i) => i),
    tickLabels: r.values.map(f),
    picked: { x: p, validation: r.points[p]!.validationAccuracy.mean, test: r.points[p]!.testAccuracy.mean },
    yDomain: [y0, y1],
    xLabel: pw.name,
    description: w.chart(pw.name, r.values.length, r.seeds.length, parts, pct(r.points[p]!.testAccuracy.mean)),
  };
}

/**
 * Everything the cell shows for `result` (the last finished sweep), the reader's `state` (stale or
 * not) and the browser's `status`. Throws a named error for a state Sweep would refuse (mountCell
 * then shows the inline message and keeps the last valid state).
 */
export function sweepView(state: SweepState, lang: Lang, result: SweepResult, status: SweepStatus = { kind: 'idle', origin: 'build' }): SweepView {
  const req = checkSweepState(state);
  if (typeof result !== 'object' || result === null || !Array.isArray(result.points) || result.points.length !== result.values?.length) {
    throw new TypeError(`result must be runSweep's result { param, values, points, … }; received ${describe(result)}`);
  }
  const w = words[lang];
  const pw = w.params[result.param];
  const f = valueFormat(result.values);
  const rows = result.points.map((q, i) => {
    const notes = [...(i === result.picked.index ? [w.notePick] : []), ...(i === result.bestTest.index ? [w.noteBest] : [])];
    return [f(q.value), pct(q.trainAccuracy.mean), ms(q.validationAccuracy), ms(q.testAccuracy), notes.join(w.noteJoin)];
  });
  const chart = chartOf(result, lang);
  const table = dataTable(w.tableHeads(pw.name), result.points, (q) => [
    f(q.value), pct(q.validationAccuracy.mean), `${pct(q.validationAccuracy.min)}–${pct(q.validationAccuracy.max)}`,
    pct(q.testAccuracy.mean), `${pct(q.testAccuracy.min)}–${pct(q.testAccuracy.max)}`,
  ]);
  const pick = result.points[result.picked.index]!;
  return {
    text: {
      status: sweepStatusText(status, lang, result),
      stale: sweepKey(req) === sweepResultKey(result) ? w.fresh : w.stale,
      trained: w.trained(result.sizes.train, seedsText(result.seeds), result.seeds.length, result.values.length),
      sentence: sweepSentence(result, lang),
      caption: w.caption(pw.name, result.seeds.length),
      picked: pw.at(f(pick.value)),
      pickedTest: ms(pick.testAccuracy),
      description: chart.description,
      summary: summary(lang, [
        ['验证集选出的取值', 'Validation’s pick', pw.full(f(pick.value))],
        ['它的测试集准确率', 'test accuracy of the pick', lang === 'zh' ? `${ms(pick.testAccuracy)}%` : `${ms(pick.testAccuracy)} %`],
      ]),
    },
    rows: { sweep: rows },
    tables: { sweepChart: table },
    chart,
    paramIndex: SWEEP_PARAMS.indexOf(req.param),
  };
}
