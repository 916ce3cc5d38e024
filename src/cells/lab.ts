/**
 * The "Does it help?" lab cell: its URL parameters, the request they describe (a setting, a training
 * size and seeds for src/lib/lab's runLab), and `labView`, which turns the last finished result into
 * every string, table row and chart point the cell shows — in Chinese or English, every number from
 * the result through formatNumber.
 *
 * Training is heavy, so the view never trains: the Astro component trains the defaults at build time,
 * and in the browser the Train button sends the request to a Web Worker. The view takes the state
 * (what the reader has typed) and the result on screen; when they differ it says the result is stale
 * instead of hiding it, so the last numbers stay until new ones come. At the end of the file: the
 * PyTorch program that reproduces one seed of the current setting (`labCode`).
 */
import {
  LAB_LIMITS, LAB_TEST, LAB_VALIDATION, baselineOf, checkLabSetting, convFeatures, isBaseline, labWork, summarizeLab,
  type LabArmSummary, type LabBandPoint, type LabProgress, type LabResult, type LabSetting, type LabSummary,
} from '../lib/lab';
import type { MeanSd } from '../lib/lab';
import { formatNumber as fmt, formatTyped as param } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { MLPOptimizer } from '../lib/trainer/types';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, tr, type DataTable } from './a11y';
import { PYTHON_RNG_SOURCE } from '../lib/randomPython';
import { probeView, type ProbeView } from './labProbes';
import type { TrainStatus } from './trainStatus';
import { pyBool, pyFloat } from './python';

/** Optimizers in the order of the `labOpt` parameter (0, 1, 2). */
export const LAB_OPTIMIZERS: readonly MLPOptimizer[] = ['sgd', 'adam', 'adamw'];

export const labSchema = {
  labN: { kind: 'integer', min: 50, max: 1000, default: 50 },
  labSeeds: { kind: 'integer', min: LAB_LIMITS.minSeeds, max: LAB_LIMITS.maxSeeds, default: 5 },
  labSeed: { kind: 'integer', min: 0, max: 2 ** 32 - LAB_LIMITS.maxSeeds, default: 0 },
  labHidden: { kind: 'vector', minLength: 1, maxLength: LAB_LIMITS.maxHiddenLayers, min: 1, max: LAB_LIMITS.maxWidth, default: [128] },
  labEpochs: { kind: 'integer', min: 1, max: LAB_LIMITS.maxEpochs, default: 40 },
  labBatch: { kind: 'integer', min: 1, max: LAB_LIMITS.maxBatchSize, default: 32 },
  labLr: { kind: 'number', min: LAB_LIMITS.minLr, max: LAB_LIMITS.maxLr, step: 0.0001, default: 0.003 },
  labOpt: { kind: 'integer', min: 0, max: 2, default: 1 },
  labMom: { kind: 'number', min: 0, max: 0.99, step: 0.01, default: 0.9 },
  labL2: { kind: 'number', min: 0, max: LAB_LIMITS.maxPenalty, step: 0.0001, default: 0 },
  labL1: { kind: 'number', min: 0, max: LAB_LIMITS.maxPenalty, step: 0.0001, default: 0 },
  labWd: { kind: 'number', min: 0, max: LAB_LIMITS.maxWeightDecay, step: 0.001, default: 0 },
  labDrop: { kind: 'number', min: 0, max: LAB_LIMITS.maxDropout, step: 0.05, default: 0 },
  labLs: { kind: 'number', min: 0, max: 1, step: 0.05, default: 0.2 },
  labBn: { kind: 'integer', min: 0, max: 1, default: 0 },
  labEs: { kind: 'integer', min: 0, max: 1, default: 0 },
  labPat: { kind: 'integer', min: 0, max: LAB_LIMITS.maxPatience, default: 5 },
  labFgsm: { kind: 'integer', min: 0, max: 1, default: 0 },
  labEps: { kind: 'number', min: 0, max: LAB_LIMITS.maxFgsmEps, step: 0.01, default: 0.1 },
  labAlpha: { kind: 'number', min: 0, max: 1, step: 0.05, default: 0.5 },
  labAug: { kind: 'integer', min: 0, max: 1, default: 0 },
  labShift: { kind: 'integer', min: 0, max: LAB_LIMITS.maxShift, default: 0 },
  labRot: { kind: 'number', min: 0, max: LAB_LIMITS.maxRotate, step: 1, default: 10 },
  labNoise: { kind: 'number', min: 0, max: LAB_LIMITS.maxNoise, step: 0.01, default: 0 },
  labConv: { kind: 'integer', min: 0, max: 1, default: 0 },
  labCh: { kind: 'integer', min: 1, max: LAB_LIMITS.maxChannels, default: 16 },
  labK: { kind: 'integer', min: LAB_LIMITS.minKernel, max: LAB_LIMITS.maxKernel, default: 3 },
  labVq: { kind: 'integer', min: 0, max: 1, default: 0 },
  labVqD: { kind: 'integer', min: 1, max: LAB_LIMITS.maxWidth, default: 4 },
  labVqK: { kind: 'integer', min: LAB_LIMITS.minCodes, max: LAB_LIMITS.maxCodes, default: 32 },
  labVqBeta: { kind: 'number', min: 0, max: LAB_LIMITS.maxBeta, step: 0.05, default: 0.25 },
} as const satisfies Schema;

export type LabState = StateOf<typeof labSchema>;

/** Library parameter names (as in src/lib/lab's messages) → the cell's inputs. */
export const labParamOf: Record<string, keyof LabState> = {
  hidden: 'labHidden', epochs: 'labEpochs', batchSize: 'labBatch', lr: 'labLr', optimizer: 'labOpt', momentum: 'labMom',
  l2: 'labL2', l1: 'labL1', weightDecay: 'labWd', dropout: 'labDrop', labelSmoothing: 'labLs', batchNorm: 'labBn',
  patience: 'labPat', eps: 'labEps', alpha: 'labAlpha', seeds: 'labSeeds', train: 'labN',
  shift: 'labShift', rotate: 'labRot', noise: 'labNoise', channels: 'labCh', kernel: 'labK',
  vqDim: 'labVqD', vqCodes: 'labVqK', vqBeta: 'labVqBeta',
};

/** What one press of Train runs: a setting, the training size and the seeds. */
export interface LabRequest {
  setting: LabSetting;
  train: number;
  seeds: number[];
}

/** The request the state describes (momentum only for SGD; a switch's own values only when it is on). */
export function labRequest(s: LabState): LabRequest {
  const optimizer = LAB_OPTIMIZERS[s.labOpt]!;
  const setting = checkLabSetting({
    hidden: [...s.labHidden],
    epochs: s.labEpochs,
    batchSize: s.labBatch,
    lr: s.labLr,
    optimizer,
    momentum: optimizer === 'sgd' ? s.labMom : 0,
    l2: s.labL2,
    l1: s.labL1,
    weightDecay: s.labWd,
    dropout: s.labDrop,
    labelSmoothing: s.labLs,
    batchNorm: s.labBn === 1,
    earlyStopping: s.labEs === 1 ? { patience: s.labPat } : null,
    fgsm: s.labFgsm === 1 ? { eps: s.labEps, alpha: s.labAlpha } : null,
    augment: s.labAug === 1 ? { shift: s.labShift, rotate: s.labRot, noise: s.labNoise } : null,
    conv: s.labConv === 1 ? { channels: s.labCh, kernel: s.labK } : null,
    vq: s.labVq === 1 ? { dim: s.labVqD, codes: s.labVqK, beta: s.labVqBeta } : null,
  });
  return { setting, train: s.labN, seeds: Array.from({ length: s.labSeeds }, (_, i) => s.labSeed + i) };
}

/** Validates a state as Train would run it (bounds and the work limit): throws a named error. */
export function checkLabState(s: LabState): LabRequest {
  const req = labRequest(s);
  labWork(req.setting, { train: req.train, validation: LAB_VALIDATION, seeds: req.seeds.length });
  return req;
}

/** A string that identifies a request (is the result on screen the one the state asks for?). */
export function labKey(r: LabRequest): string {
  return JSON.stringify([r.setting, r.train, r.seeds]);
}

export function resultKey(r: LabResult): string {
  return labKey({ setting: r.setting, train: r.sizes.train, seeds: r.seeds });
}

/** What the browser is doing, for the status line. */
export type LabStatus = TrainStatus<LabProgress>;

export interface LabChart {
  /** One point per epoch and series: mean and band. */
  points: { epoch: number; mean: number; low: number; high: number; series: string }[];
  seriesOrder: string[];
  yDomain: [number, number];
  epochs: number;
  /** 1-based epochs marked by a vertical line (early stopping: each seed's best epoch). */
  markers: number[];
  description: string;
}

export interface LabView {
  text: Record<string, string>;
  rows: Record<'final' | 'seeds', string[][]>;
  tables: Record<'curveBaseline' | 'curveSetting', DataTable> & ProbeView['tables'];
  charts: { baseline: LabChart; setting: LabChart };
  /** The optimizer the state names (the select outside mountCell's inputs follows it). */
  optimizer: MLPOptimizer;
  /** The summary behind the view (for tests and the page). */
  summary: LabSummary;
  /** What the techniques change besides accuracy (labProbes.ts); its texts and tables are in `text` and `tables` too. */
  probes: ProbeView;
}

const OPT_NAME: Record<MLPOptimizer, string> = { sgd: 'SGD', adam: 'Adam', adamw: 'AdamW' };

/** x rounded to `digits` decimals, always in fixed notation ("0.0", never "5e−2"). */
const fixed = (x: number, digits: number) => fmt(Math.round(x * 10 ** digits) / 10 ** digits + 0, { digits });
const pct = (x: number) => fixed(100 * x, 1);
const pp = (x: number, digits = 2) => fixed(100 * x, digits);
const signed = (x: number, digits = 2) => (Math.round(100 * x * 10 ** digits) > 0 ? `+${pp(x, digits)}` : pp(x, digits));
const ms = (m: MeanSd) => `${pct(m.mean)} ± ${pct(m.sd)}`;

/** |Δ| and 2·sd_d printed with enough decimals (2 to 6) that the printed numbers show the comparison's outcome. */
function distinctPair(a: number, b: number): [string, number] {
  let digits = 2;
  while (digits < 6 && pp(a, digits) === pp(b, digits)) digits++;
  return [pp(a, digits), digits];
}

const words = {
  zh: {
    baseline: '基线（不加正则化）',
    setting: '正则化设置',
    chartBaseline: '基线（不加正则化）',
    chartSetting: '正则化设置',
    train: '训练集准确率',
    val: '验证集准确率',
    none: '不加任何正则化（与基线完全相同）',
    techniques: {
      l2: (v: string) => `L2 惩罚（λ = ${v}）`,
      l1: (v: string) => `L1 惩罚（λ = ${v}）`,
      wd: (v: string, opt: MLPOptimizer) => `权重衰减（${v}，${opt === 'adamw' ? '解耦' : '耦合'}）`,
      dropout: (v: string) => `Dropout（p = ${v}）`,
      ls: (v: string) => `标签平滑（ε = ${v}）`,
      bn: '批归一化',
      es: (p: number) => `早停（patience = ${p}，恢复最佳权重）`,
      fgsm: (e: string, a: string) => `FGSM 对抗训练（ε = ${e}，α = ${a}）`,
      aug: (parts: string[]) => `数据增强（${parts.join('、')}）`,
      augShift: (sh: number) => `平移至多 ${sh} 像素`, augRot: (r: string) => `旋转至多 ${r}°`, augNoise: (n: string) => `高斯噪声 σ = ${n}`,
      augNone: '强度全为 0，图像不变',
      conv: (c: number, k: number) => `权重共享（${c} 个 ${k}×${k} 卷积核；基线在同一位置用同样宽的全连接层）`,
      vq: (k: number, d: number, b: string) => `VQ 瓶颈（${k} 个码向量，每段 ${d} 维，β = ${b}）`,
    },
    join: '、',
    network: (sizes: string, opt: string, lr: string, mom: string | null, batch: number, epochs: number) =>
      `网络 ${sizes}，${opt}${mom === null ? '' : `（动量 ${mom}）`}，学习率 ${lr}，批大小 ${batch}，最多 ${epochs} 轮`,
    data: (n: number, seeds: string, k: number) => `${n} 张训练图像，${LAB_VALIDATION} 张验证、${LAB_TEST} 张测试（固定不变）；种子 ${seeds}（共 ${k} 个）`,
    trained: (net: string, data: string, tech: string) => `${net}；${data}；正则化：${tech}。`,
    idleBuild: (k: number) => `下面是构建网站时用默认设置训练的结果（${k} 个种子 × 2 次训练）。按“训练”即可在你的浏览器里重新训练。`,
    idleBrowser: (k: number) => `下面是刚才在你的浏览器里训练的结果（${k} 个种子 × 2 次训练）。`,
    loading: '正在下载 digits 数据（约 0.3 MB）…',
    training: (p: LabProgress, pctDone: string) =>
      `训练中：第 ${p.run} / ${p.runs} 次（种子 ${p.seed}，${p.arm === 'baseline' ? '基线' : '正则化设置'}），第 ${p.epoch} / ${p.epochs} 轮，共完成 ${pctDone}%`,
    starting: '训练即将开始…',
    cancelled: '已取消训练：下面仍是上一次完成的结果。',
    failed: (m: string) => `训练失败：${m}。下面仍是上一次完成的结果。`,
    timeout: (n: number) => `后台训练 ${n} 秒没有任何回应，已停止。下面仍是上一次完成的结果。`,
    crashed: '后台训练意外中止（可能是内存不足）。下面仍是上一次完成的结果。',
    noWorker: '这个浏览器无法启动 Web Worker，无法在后台训练。下面是构建网站时训练的结果。',
    stale: '你修改了设置：下面的数字仍属于上一次训练。按“训练”以新设置重新训练。',
    fresh: '',
    sentence: {
      better: (tech: string, a: string, b: string, d: string, thr: string, w: number, k: number) =>
        `使用${tech}后，测试集平均准确率为 ${a}%，基线为 ${b}%：差值 Δ = ${d} 个百分点，超过了种子间波动（配对差标准差的两倍，${thr} 个百分点）；${k} 个种子中有 ${w} 个更好。在这份数据和这些种子上，这个提升是可以信赖的。`,
      worse: (tech: string, a: string, b: string, d: string, thr: string, w: number, k: number) =>
        `使用${tech}后，测试集平均准确率为 ${a}%，基线为 ${b}%：差值 Δ = ${d} 个百分点，超过了种子间波动（配对差标准差的两倍，${thr} 个百分点）；${k} 个种子中只有 ${w} 个更好。这个设置在这里反而有害。`,
      within: (tech: string, a: string, b: string, d: string, thr: string, w: number, k: number) =>
        `使用${tech}后，测试集平均准确率为 ${a}%，基线为 ${b}%：差值 Δ = ${d} 个百分点，没有超过种子间波动（配对差标准差的两倍，${thr} 个百分点；${k} 个种子中有 ${w} 个更好）。换一组种子，结论可能就反过来——不能说它有帮助。`,
      identical: (a: string, k: number) => `设置与基线在全部 ${k} 个种子上的测试集准确率完全相同（${a}%）：没有差别。`,
    },
    rowsFinal: {
      train: '训练集准确率（%）', val: '验证集准确率（%）', test: '测试集准确率（%）', gap: '泛化差距：训练 − 测试（百分点）',
      loss: '测试集交叉熵', ece: '测试集期望校准误差 ECE（10 个区间）', zero: '接近 0 的权重 |w| < 10⁻³（%）', epochs: '实际训练轮数',
      params: '可训练参数个数', perplexity: '码本困惑度（相当于平均用到的码向量个数）',
    },
    chart: (who: string, k: number, e: number, tr: string, va: string, low: string, high: string) =>
      `折线图：${who}每一轮结束时的训练集准确率（虚线）和验证集准确率（实线），${k} 个种子的均值，阴影为各种子的最小值到最大值。第 ${e} 轮：训练集 ${tr}%，验证集 ${va}%（种子间 ${low}%–${high}%）。`,
    verdict: { better: '提升超过种子间波动', worse: '下降超过种子间波动', within: '差别在种子间波动之内', identical: '没有差别' },
    epoch: '轮次', meanCol: (w: string) => `${w}：均值`, bandCol: (w: string) => `${w}：最小–最大`,
  },
  en: {
    baseline: 'baseline (no regularization)',
    setting: 'with regularization',
    chartBaseline: 'baseline (no regularization)',
    chartSetting: 'regularized setting',
    train: 'training accuracy',
    val: 'validation accuracy',
    none: 'no regularizer at all (identical to the baseline)',
    techniques: {
      l2: (v: string) => `an L2 penalty λ = ${v}`,
      l1: (v: string) => `an L1 penalty λ = ${v}`,
      wd: (v: string, opt: MLPOptimizer) => `weight decay ${v} (${opt === 'adamw' ? 'decoupled' : 'coupled'})`,
      dropout: (v: string) => `dropout p = ${v}`,
      ls: (v: string) => `label smoothing ε = ${v}`,
      bn: 'batch normalization',
      es: (p: number) => `early stopping (patience ${p}, best weights restored)`,
      fgsm: (e: string, a: string) => `FGSM adversarial training (ε = ${e}, α = ${a})`,
      aug: (parts: string[]) => `augmentation (${parts.join(', ')})`,
      augShift: (sh: number) => `shifts of up to ${sh} px`, augRot: (r: string) => `rotations of up to ${r}°`, augNoise: (n: string) => `Gaussian noise σ = ${n}`,
      augNone: 'every strength 0: images unchanged',
      conv: (c: number, k: number) => `weight sharing (${c} conv filters of ${k}×${k}; the baseline has a dense layer of the same width in their place)`,
      vq: (k: number, d: number, b: string) => `a VQ bottleneck (${k} codes of ${d} values, β = ${b})`,
    },
    join: ', ',
    network: (sizes: string, opt: string, lr: string, mom: string | null, batch: number, epochs: number) =>
      `network ${sizes}, ${opt}${mom === null ? '' : ` (momentum ${mom})`}, learning rate ${lr}, batch size ${batch}, at most ${epochs} epochs`,
    data: (n: number, seeds: string, k: number) => `${n} training images, ${LAB_VALIDATION} validation and ${LAB_TEST} test images (fixed); seeds ${seeds} (${k} in all)`,
    trained: (net: string, data: string, tech: string) => `${net}; ${data}; regularization: ${tech}.`,
    idleBuild: (k: number) => `Below: the default setting, trained when the site was built (${k} seeds × 2 runs). Press Train to train again in your browser.`,
    idleBrowser: (k: number) => `Below: the runs just trained in your browser (${k} seeds × 2 runs).`,
    loading: 'Downloading the digits data (about 0.3 MB)…',
    training: (p: LabProgress, pctDone: string) =>
      `Training run ${p.run} of ${p.runs} (seed ${p.seed}, ${p.arm === 'baseline' ? 'baseline' : 'with regularization'}), epoch ${p.epoch} of ${p.epochs}; ${pctDone} % done`,
    starting: 'Training is about to start…',
    cancelled: 'Training cancelled: the numbers below are still the last finished run’s.',
    failed: (m: string) => `Training failed: ${m}. The numbers below are still the last finished run’s.`,
    timeout: (n: number) => `The background training sent nothing for ${n} s and was stopped. The numbers below are still the last finished run’s.`,
    crashed: 'The background training stopped unexpectedly (out of memory?). The numbers below are still the last finished run’s.',
    noWorker: 'This browser cannot start a Web Worker, so the lab cannot train here. The numbers below were trained when the site was built.',
    stale: 'You changed the setting: the numbers below still belong to the last run. Press Train to train the new one.',
    fresh: '',
    sentence: {
      better: (tech: string, a: string, b: string, d: string, thr: string, w: number, k: number) =>
        `With ${tech}, the mean test accuracy is ${a} % against ${b} % for the baseline: Δ = ${d} points, more than the seed-to-seed spread (twice the standard deviation of the paired differences, ${thr} points); it won on ${w} of ${k} seeds. On this data and these seeds, the gain is one you can count on.`,
      worse: (tech: string, a: string, b: string, d: string, thr: string, w: number, k: number) =>
        `With ${tech}, the mean test accuracy is ${a} % against ${b} % for the baseline: Δ = ${d} points, more than the seed-to-seed spread (twice the standard deviation of the paired differences, ${thr} points); it won on only ${w} of ${k} seeds. Here this setting hurts.`,
      within: (tech: string, a: string, b: string, d: string, thr: string, w: number, k: number) =>
        `With ${tech}, the mean test accuracy is ${a} % against ${b} % for the baseline: Δ = ${d} points, within the seed-to-seed spread (twice the standard deviation of the paired differences, ${thr} points; it won on ${w} of ${k} seeds). Other seeds could reverse it: no help you could count on.`,
      identical: (a: string, k: number) => `The setting and the baseline reach exactly the same test accuracy on all ${k} seeds (${a} %): no difference.`,
    },
    rowsFinal: {
      train: 'training accuracy (%)', val: 'validation accuracy (%)', test: 'test accuracy (%)', gap: 'generalization gap: train − test (points)',
      loss: 'test cross-entropy', ece: 'test expected calibration error (ECE, 10 bins)', zero: 'near-zero weights |w| < 10⁻³ (%)', epochs: 'epochs trained',
      params: 'trainable parameters', perplexity: 'codebook perplexity (the number of codes in effective use)',
    },
    chart: (who: string, k: number, e: number, tr: string, va: string, low: string, high: string) =>
      `Line chart: training (dashed) and validation (solid) accuracy of the ${who} after every epoch, mean of ${k} seeds, shaded from the lowest to the highest seed. Epoch ${e}: training ${tr} %, validation ${va} % (seeds from ${low} % to ${high} %).`,
    verdict: { better: 'a gain beyond the seed spread', worse: 'a loss beyond the seed spread', within: 'within the seed spread', identical: 'no difference' },
    epoch: 'epoch', meanCol: (w: string) => `${w}: mean`, bandCol: (w: string) => `${w}: min–max`,
  },
} as const;

/** The regularizers a setting turns on, in words ("label smoothing ε = 0.2, dropout p = 0.5"). */
export function techniqueText(s: LabSetting, lang: Lang): string {
  const w = words[lang];
  const t = w.techniques;
  const parts: string[] = [];
  if (s.l2 > 0) parts.push(t.l2(param(s.l2)));
  if (s.l1 > 0) parts.push(t.l1(param(s.l1)));
  if (s.weightDecay > 0) parts.push(t.wd(param(s.weightDecay), s.optimizer));
  if (s.dropout > 0) parts.push(t.dropout(param(s.dropout)));
  if (s.labelSmoothing > 0) parts.push(t.ls(param(s.labelSmoothing)));
  if (s.batchNorm) parts.push(t.bn);
  if (s.earlyStopping) parts.push(t.es(s.earlyStopping.patience));
  if (s.fgsm) parts.push(t.fgsm(param(s.fgsm.eps), param(s.fgsm.alpha)));
  if (s.augment) {
    const a = s.augment;
    const what = [
      ...(a.shift > 0 ? [t.augShift(a.shift)] : []), ...(a.rotate > 0 ? [t.augRot(param(a.rotate))] : []), ...(a.noise > 0 ? [t.augNoise(param(a.noise))] : []),
    ];
    parts.push(t.aug(what.length > 0 ? what : [t.augNone]));
  }
  if (s.conv) parts.push(t.conv(s.conv.channels, s.conv.kernel));
  if (s.vq) parts.push(t.vq(s.vq.codes, s.vq.dim, param(s.vq.beta)));
  return parts.length === 0 ? w.none : parts.join(w.join);
}

function seedsText(seeds: readonly number[]): string {
  const consecutive = seeds.every((s, i) => i === 0 || s === seeds[i - 1]! + 1);
  return consecutive && seeds.length > 2 ? `${seeds[0]}–${seeds[seeds.length - 1]}` : seeds.join(', ');
}

/** The setting a result was trained with, in words. */
export function trainedText(r: LabResult, lang: Lang): string {
  const w = words[lang];
  const s = r.setting;
  const sizes = [64, ...(s.conv ? [`conv ${s.conv.channels}×${s.conv.kernel}×${s.conv.kernel} (${convFeatures(s.conv)})`] : []), ...s.hidden, 10].join(' → ');
  const net = w.network(sizes, OPT_NAME[s.optimizer], param(s.lr), s.optimizer === 'sgd' ? param(s.momentum) : null, s.batchSize, s.epochs);
  return w.trained(net, w.data(r.sizes.train, seedsText(r.seeds), r.seeds.length), techniqueText(s, lang));
}

export function statusText(status: LabStatus, lang: Lang, seeds: number): string {
  const w = words[lang];
  switch (status.kind) {
    case 'idle': return status.origin === 'build' ? w.idleBuild(seeds) : w.idleBrowser(seeds);
    case 'loading': return w.loading;
    case 'training': return status.progress === null ? w.starting : w.training(status.progress, fixed((100 * status.progress.done) / status.progress.total, 0));
    case 'cancelled': return w.cancelled;
    case 'failed': return w.failed(status.message);
    case 'timeout': return w.timeout(status.seconds);
    case 'crashed': return w.crashed;
    case 'noWorker': return w.noWorker;
  }
}

/** The computed sentence: what the difference in mean test accuracy is, and whether it exceeds the seed spread. */
export function verdictSentence(r: LabResult, sum: LabSummary, lang: Lang): string {
  const w = words[lang].sentence;
  const d = sum.difference;
  const k = r.seeds.length;
  const a = pct(sum.setting.final.testAccuracy.mean);
  const b = pct(sum.baseline.final.testAccuracy.mean);
  if (d.verdict === 'identical') return w.identical(a, k);
  const [, digits] = distinctPair(Math.abs(d.mean), d.threshold);
  const delta = signed(d.mean, digits);
  const thr = pp(d.threshold, digits);
  const tech = techniqueText(r.setting, lang);
  return w[d.verdict](tech, a, b, delta, thr, d.wins, k);
}

function chartOf(arm: LabArmSummary, who: string, lang: Lang, yDomain: [number, number], k: number, markers: number[] = []): LabChart {
  const w = words[lang];
  const points: LabChart['points'] = [];
  const push = (curve: readonly LabBandPoint[], series: string) => {
    for (const p of curve) points.push({ epoch: p.epoch, mean: p.mean, low: p.min, high: p.max, series });
  };
  push(arm.curves.trainAccuracy, w.train);
  push(arm.curves.validationAccuracy, w.val);
  const lastTrain = arm.curves.trainAccuracy[arm.curves.trainAccuracy.length - 1]!;
  const lastVal = arm.curves.validationAccuracy[arm.curves.validationAccuracy.length - 1]!;
  return {
    points,
    seriesOrder: [w.train, w.val],
    yDomain,
    epochs: arm.curves.trainAccuracy.length,
    markers,
    description: w.chart(who, k, lastVal.epoch, pct(lastTrain.mean), pct(lastVal.mean), pct(lastVal.min), pct(lastVal.max)),
  };
}

function curveTable(arm: LabArmSummary, lang: Lang): DataTable {
  const w = words[lang];
  const rows = arm.curves.trainAccuracy.map((t, i) => [t, arm.curves.validationAccuracy[i]!] as const);
  return dataTable(
    [w.epoch, w.meanCol(w.train), w.bandCol(w.train), w.meanCol(w.val), w.bandCol(w.val)],
    rows,
    ([t, v]) => [String(t.epoch), pct(t.mean), `${pct(t.min)}–${pct(t.max)}`, pct(v.mean), `${pct(v.min)}–${pct(v.max)}`],
    60,
  );
}

/** What the cell shows that depends on the result alone (not on the state or the status). */
type ResultPart = Omit<LabView, 'optimizer'> & { text: Record<string, string> };

/**
 * The result's part of the view, computed once per result and language: while a run trains, every
 * input event re-renders the view, and summarizing ten runs and formatting their tables would then
 * cost more than a frame (the bench's input → frame latency). Results are never mutated: the browser
 * replaces `shown` by a new object when a run ends, so the cache is keyed by the object.
 */
const resultParts = new WeakMap<LabResult, Partial<Record<Lang, ResultPart>>>();

function resultPart(result: LabResult, lang: Lang): ResultPart {
  const cached = resultParts.get(result)?.[lang];
  if (cached !== undefined) return cached;
  const part = computeResultPart(result, lang);
  resultParts.set(result, { ...resultParts.get(result), [lang]: part });
  return part;
}

function computeResultPart(result: LabResult, lang: Lang): ResultPart {
  const w = words[lang];
  const sum = summarizeLab(result);
  const k = result.seeds.length;
  const B = sum.baseline.final;
  const S = sum.setting.final;
  const diffRow = (label: string, b: MeanSd, s: MeanSd, f: (x: number) => string, fd: (x: number) => string): string[] => [
    label, `${f(b.mean)} ± ${f(b.sd)}`, `${f(s.mean)} ± ${f(s.sd)}`, fd(s.mean - b.mean),
  ];
  const acc = (x: number) => pct(x);
  const accD = (x: number) => signed(x, 1);
  const four = (x: number) => fixed(x, 4);
  const fourD = (x: number) => (Math.round(x * 1e4) > 0 ? `+${four(x)}` : four(x));
  const one = (x: number) => fixed(x, 1);
  const oneD = (x: number) => (Math.round(x * 10) > 0 ? `+${one(x)}` : one(x));
  const count = (x: number) => fmt(x, { digits: 0 });
  const countD = (x: number) => (x > 0 ? `+${count(x)}` : count(x));
  const rf = w.rowsFinal;
  const final: string[][] = [
    diffRow(rf.train, B.trainAccuracy, S.trainAccuracy, acc, accD),
    diffRow(rf.val, B.validationAccuracy, S.validationAccuracy, acc, accD),
    diffRow(rf.test, B.testAccuracy, S.testAccuracy, acc, accD),
    diffRow(rf.gap, B.gap, S.gap, acc, accD),
    diffRow(rf.loss, B.testLoss, S.testLoss, four, fourD),
    diffRow(rf.ece, B.ece, S.ece, four, fourD),
    diffRow(rf.zero, B.nearZero, S.nearZero, acc, accD),
    diffRow(rf.epochs, B.epochsRun, S.epochsRun, one, oneD),
    [rf.params, count(B.parameters.mean), count(S.parameters.mean), countD(S.parameters.mean - B.parameters.mean)],
  ];
  if (result.setting.vq !== null) final.push(diffRow(rf.perplexity, B.codebookPerplexity, S.codebookPerplexity, one, oneD));
  const seedRows = result.seeds.map((seed, i) => [
    String(seed),
    pct(result.runs.baseline[i]!.final.testAccuracy),
    pct(result.runs.setting[i]!.final.testAccuracy),
    signed(sum.difference.perSeed[i]!, 1),
  ]);
  const lows = [sum.baseline, sum.setting].flatMap((a) => [...a.curves.trainAccuracy, ...a.curves.validationAccuracy].map((p) => p.min));
  const yDomain: [number, number] = [Math.max(0, Math.floor(Math.min(...lows) * 20) / 20), 1];
  const sentence = verdictSentence(result, sum, lang);
  const probes = probeView(result, sum, lang, [w.chartBaseline, w.chartSetting]);
  const charts = {
    baseline: chartOf(sum.baseline, w.chartBaseline, lang, yDomain, k),
    setting: chartOf(sum.setting, w.chartSetting, lang, yDomain, k, probes.charts.bestEpochs),
  };
  const d = sum.difference;
  return {
    text: {
      ...probes.text,
      trained: trainedText(result, lang),
      sentence,
      delta: signed(d.mean, 2),
      spread: pp(d.threshold, 2),
      baselineTest: ms(B.testAccuracy),
      settingTest: ms(S.testAccuracy),
      baselineDescription: charts.baseline.description,
      settingDescription: charts.setting.description,
      summary: summary(lang, [
        ['测试集准确率（基线 → 设置）', 'Test accuracy (baseline → setting)', `${pct(B.testAccuracy.mean)} % → ${pct(S.testAccuracy.mean)} %`],
        ['结论', 'Verdict', w.verdict[d.verdict]],
      ]),
    },
    rows: { final, seeds: seedRows },
    tables: { curveBaseline: curveTable(sum.baseline, lang), curveSetting: curveTable(sum.setting, lang), ...probes.tables },
    charts,
    summary: sum,
    probes,
  };
}

/**
 * Everything the cell shows for `result` (the last finished run), the reader's `state` (stale or not)
 * and the browser's `status`. Throws a named error for a state Train would refuse (mountCell then
 * shows the inline message and keeps the last valid state).
 */
export function labView(state: LabState, lang: Lang, result: LabResult, status: LabStatus = { kind: 'idle', origin: 'build' }): LabView {
  const req = checkLabState(state);
  const w = words[lang];
  const part = resultPart(result, lang);
  return {
    ...part,
    text: {
      ...part.text,
      status: statusText(status, lang, result.seeds.length),
      stale: labKey(req) === resultKey(result) ? w.fresh : w.stale,
      pytorch: labCode(req.setting, req.train, req.seeds[0]!),
    },
    optimizer: req.setting.optimizer,
  };
}

/** True when the setting the state asks for has no regularizer on (Train would compare a setting with itself). */
export function stateIsBaseline(s: LabState): boolean {
  return isBaseline(labRequest(s).setting);
}

/** Column headings of the two tables (the component and the tests use them). */
export function labHeadings(lang: Lang): { final: string[]; seeds: string[] } {
  const w = words[lang];
  return {
    final: [tr(lang, '指标', 'measure'), tr(lang, '基线：均值 ± 标准差', 'baseline: mean ± sd'), tr(lang, '正则化设置：均值 ± 标准差', 'with regularization: mean ± sd'), tr(lang, '差（设置 − 基线）', 'difference (setting − baseline)')],
    seeds: [tr(lang, '种子', 'seed'), tr(lang, `${w.baseline}：测试集准确率（%）`, `${w.baseline}: test accuracy (%)`), tr(lang, `${w.setting}：测试集准确率（%）`, `${w.setting}: test accuracy (%)`), tr(lang, '配对差 d（百分点）', 'paired difference d (points)')],
  };
}

// ---- the "PyTorch" panel -------------------------------------------------------------------------
//
// A complete float64 program that redraws one seed of a lab run — the split, nn.Linear's initial
// weights, the epoch orders and the dropout masks, all from the site's generator ported to Python
// (src/lib/randomPython.ts) — trains the baseline and the setting with torch.nn / torch.optim as
// src/lib/trainer does (scripts/fixtures/train_mlp.py checks the trainer against the same loop), and
// prints both test accuracies: the first row of the per-seed table after Train.


function cfg(s: LabSetting): string {
  const parts = [
    `hidden=[${s.hidden.join(', ')}]`,
    `l2=${pyFloat(s.l2)}`, `l1=${pyFloat(s.l1)}`, `weight_decay=${pyFloat(s.weightDecay)}`, `dropout=${pyFloat(s.dropout)}`,
    `label_smoothing=${pyFloat(s.labelSmoothing)}`, `batch_norm=${pyBool(s.batchNorm)}`,
    `patience=${s.earlyStopping ? String(s.earlyStopping.patience) : 'None'}`,
    `fgsm=${s.fgsm ? `(${pyFloat(s.fgsm.eps)}, ${pyFloat(s.fgsm.alpha)})` : 'None'}`,
    `augment=${s.augment ? `(${s.augment.shift}, ${pyFloat(s.augment.rotate)}, ${pyFloat(s.augment.noise)})` : 'None'}`,
    `conv=${s.conv ? `(${s.conv.channels}, ${s.conv.kernel})` : 'None'}`,
    `vq=${s.vq ? `(${s.vq.dim}, ${s.vq.codes}, ${pyFloat(s.vq.beta)})` : 'None'}`,
  ];
  return `dict(${parts.join(', ')})`;
}

/** The program for the first seed of a request (setting, training size, seeds). */
export function labCode(setting: LabSetting, train: number, seed: number): string {
  const s = setting;
  return [
    'import copy',
    'import math',
    '',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'from sklearn.datasets import load_digits',
    '',
    `n_train, seed = ${train}, ${seed}`,
    `epochs, batch_size, lr = ${s.epochs}, ${s.batchSize}, ${pyFloat(s.lr)}`,
    `optimizer, momentum = "${s.optimizer}", ${pyFloat(s.momentum)}`,
    `SETTING = ${cfg(s)}`,
    `BASELINE = ${cfg(baselineOf(s))}`,
    '',
    '',
    ...PYTHON_RNG_SOURCE.split('\n'),
    '',
    '',
    'def augment(x, rng, shift, rotate, noise):  # per image: rotate, then shift, then noise (src/lib/trainer/augmentDigits.ts)',
    '    out = torch.empty_like(x)',
    '    for i in range(x.shape[0]):',
    '        s = x[i].tolist()',
    '        angle = rng.uniform(-rotate, rotate) if rotate > 0 else 0.0',
    '        dx = dy = 0',
    '        if shift > 0:',
    '            dx = int(rng.next() * (2 * shift + 1)) - shift',
    '            dy = int(rng.next() * (2 * shift + 1)) - shift',
    '        z = [rng.normal() for _ in range(64)] if noise > 0 else None',
    '        cs, sn = math.cos(angle * math.pi / 180), math.sin(angle * math.pi / 180)',
    '        row = []',
    '        for r in range(8):',
    '            for c in range(8):',
    '                rr, cc = r - dy, c - dx  # whole-pixel shift, zero fill',
    '                v = 0.0',
    '                if 0 <= rr < 8 and 0 <= cc < 8 and rotate > 0:  # bilinear, about the centre (3.5, 3.5)',
    '                    X = cs * (cc - 3.5) - sn * (rr - 3.5) + 3.5',
    '                    Y = sn * (cc - 3.5) + cs * (rr - 3.5) + 3.5',
    '                    x0, y0 = math.floor(X), math.floor(Y)',
    '                    fx, fy = X - x0, Y - y0',
    '                    for yy, xx, w in ((y0, x0, (1 - fx) * (1 - fy)), (y0, x0 + 1, fx * (1 - fy)), (y0 + 1, x0, (1 - fx) * fy), (y0 + 1, x0 + 1, fx * fy)):',
    '                        if 0 <= yy < 8 and 0 <= xx < 8:',
    '                            v += w * s[8 * yy + xx]',
    '                elif 0 <= rr < 8 and 0 <= cc < 8:',
    '                    v = s[8 * rr + cc]',
    '                if noise > 0:',
    '                    v = min(1.0, max(0.0, v + noise * z[8 * r + c]))',
    '                row.append(v)',
    '        out[i] = torch.tensor(row)',
    '    return out',
    '',
    '',
    'def permutation(rng, n):  # Fisher-Yates from the end, as src/lib/permutation.ts',
    '    perm = list(range(n))',
    '    for i in range(n - 1, 0, -1):',
    '        j = int(rng.next() * (i + 1))',
    '        perm[i], perm[j] = perm[j], perm[i]',
    '    return perm',
    '',
    '',
    '# The lab\'s fixed split: one permutation from seed 0; validation first, test last.',
    'digits = load_digits()',
    'X_all = torch.tensor(digits.data / 16, dtype=torch.float64)',
    'Y_all = torch.tensor(digits.target)',
    'perm = permutation(Mulberry32(0), len(Y_all))',
    `val_idx, train_idx, test_idx = perm[:${LAB_VALIDATION}], perm[${LAB_VALIDATION}:${LAB_VALIDATION} + n_train], perm[len(perm) - ${LAB_TEST}:]`,
    'X, Y = X_all[train_idx], Y_all[train_idx]',
    'XV, YV = X_all[val_idx], Y_all[val_idx]',
    'XT, YT = X_all[test_idx], Y_all[test_idx]',
    '',
    '',
    'class MLP(nn.Module):',
    '    def __init__(self, cfg):',
    '        super().__init__()',
    '        self.conv = None',
    '        if cfg["conv"] is not None:  # weight sharing: nn.Conv2d(1, C, k) + ReLU in front of the Linear layers',
    '            c, k = cfg["conv"]',
    '            self.conv = nn.Conv2d(1, c, k, dtype=torch.float64)',
    '            rng = Mulberry32(seed ^ 0x27D4EB2F)  # its own stream: weight (channel, row, column), then bias',
    '            with torch.no_grad():',
    '                self.conv.weight.copy_(torch.tensor([[[[rng.uniform(-1 / k, 1 / k) for _ in range(k)] for _ in range(k)]] for _ in range(c)]))',
    '                self.conv.bias.copy_(torch.tensor([rng.uniform(-1 / k, 1 / k) for _ in range(c)]))',
    '        sizes = [64 if self.conv is None else c * (9 - k) ** 2, *cfg["hidden"], 10]',
    '        self.linears = nn.ModuleList(nn.Linear(a, b, dtype=torch.float64) for a, b in zip(sizes, sizes[1:]))',
    '        self.bns = nn.ModuleList(nn.BatchNorm1d(b, dtype=torch.float64) for b in sizes[1:-1]) if cfg["batch_norm"] else None',
    '        rng = Mulberry32(seed)  # nn.Linear\'s U(-1/sqrt(fan_in), 1/sqrt(fan_in)): weight row-major, then bias',
    '        with torch.no_grad():',
    '            for lin in self.linears:',
    '                b = 1 / math.sqrt(lin.in_features)',
    '                lin.weight.copy_(torch.tensor([[rng.uniform(-b, b) for _ in range(lin.in_features)] for _ in range(lin.out_features)]))',
    '                lin.bias.copy_(torch.tensor([rng.uniform(-b, b) for _ in range(lin.out_features)]))',
    '        self.vq, self.vq_loss = cfg["vq"], 0.0',
    '        if self.vq is not None:  # codes start U(0, 1), the range of the ReLU pieces; its own stream',
    '            d, kk, _ = self.vq',
    '            rng = Mulberry32(seed ^ 0x165667B1)',
    '            self.codebook = nn.Parameter(torch.tensor([[rng.uniform(0.0, 1.0) for _ in range(d)] for _ in range(kk)], dtype=torch.float64))',
    '        self.p, self.masks = cfg["dropout"], Mulberry32(seed)  # dropout masks: keep iff next() >= p',
    '',
    '    def forward(self, h):',
    '        if self.conv is not None:',
    '            h = torch.relu(self.conv(h.view(-1, 1, 8, 8))).flatten(1)',
    '        for l, lin in enumerate(self.linears):',
    '            h = lin(h)',
    '            if l < len(self.linears) - 1:',
    '                if self.bns is not None:',
    '                    h = self.bns[l](h)',
    '                h = torch.relu(h)',
    '                if self.p > 0 and self.training:',
    '                    mask = torch.tensor([[1.0 if self.masks.next() >= self.p else 0.0 for _ in range(h.shape[1])] for _ in range(h.shape[0])])',
    '                    h = h * mask / (1 - self.p)',
    '                if self.vq is not None and l == len(self.linears) - 2:  # the last hidden layer, in pieces of d',
    '                    d, _, beta = self.vq',
    '                    z = h.reshape(-1, d)',
    '                    e = self.codebook[((z.detach()[:, None, :] - self.codebook.detach()[None]) ** 2).sum(-1).argmin(1)]',
    '                    self.vq_loss = F.mse_loss(e, z.detach()) + beta * F.mse_loss(z, e.detach())',
    '                    h = (z + (e - z).detach()).reshape(h.shape)  # straight-through',
    '        return h',
    '',
    '',
    'def run(cfg):',
    '    model = MLP(cfg)',
    '    wd = cfg["weight_decay"]',
    '    if optimizer == "sgd":',
    '        opt = torch.optim.SGD(model.parameters(), lr=lr, momentum=momentum, weight_decay=wd)',
    '    elif optimizer == "adam":',
    '        opt = torch.optim.Adam(model.parameters(), lr=lr, weight_decay=wd)',
    '    else:',
    '        opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=wd)',
    '    ls, orders, augments = cfg["label_smoothing"], Mulberry32(seed), Mulberry32(seed ^ 0x85EBCA6B)',
    '    best, wait, best_state = math.inf, 0, None',
    '    for epoch in range(epochs):',
    '        order = permutation(orders, n_train)  # one stream, one permutation per epoch',
    '        model.train()',
    '        for start in range(0, n_train, batch_size):',
    '            idx = torch.tensor(order[start:start + batch_size])',
    '            xb, yb = X[idx], Y[idx]',
    '            if cfg["augment"] is not None:',
    '                xb = augment(xb, augments, *cfg["augment"])',
    '            opt.zero_grad()',
    '            if cfg["fgsm"] is None:',
    '                loss = F.cross_entropy(model(xb), yb, label_smoothing=ls)',
    '                loss = loss + model.vq_loss',
    '            else:',
    '                eps, alpha = cfg["fgsm"]',
    '                xr = xb.clone().requires_grad_(True)',
    '                clean = F.cross_entropy(model(xr), yb, label_smoothing=ls) + model.vq_loss',
    '                (gx,) = torch.autograd.grad(clean, xr, retain_graph=True)',
    '                x_adv = torch.clamp(xb + eps * gx.sign(), 0, 1).detach()',
    '                loss = alpha * clean + (1 - alpha) * (F.cross_entropy(model(x_adv), yb, label_smoothing=ls) + model.vq_loss)',
    '            if cfg["l1"]:',
    '                loss = loss + cfg["l1"] * sum(q.abs().sum() for q in model.parameters())',
    '            if cfg["l2"]:',
    '                loss = loss + cfg["l2"] * sum((q ** 2).sum() for q in model.parameters())',
    '            loss.backward()',
    '            opt.step()',
    '        if cfg["patience"] is None:',
    '            continue',
    '        model.eval()  # keras.callbacks.EarlyStopping(monitor="val_loss", restore_best_weights=True)',
    '        with torch.no_grad():',
    '            v = F.cross_entropy(model(XV), YV, label_smoothing=ls).item()',
    '        wait += 1',
    '        if v < best:',
    '            best, wait, best_state = v, 0, copy.deepcopy(model.state_dict())',
    '        elif wait >= cfg["patience"] and epoch > 0:',
    '            break',
    '    if best_state is not None:',
    '        model.load_state_dict(best_state)',
    '    model.eval()',
    '    with torch.no_grad():',
    '        return (model(XT).argmax(1) == YT).double().mean().item()',
    '',
    '',
    'base, reg = run(BASELINE), run(SETTING)',
    'print(f"seed {seed}: test accuracy {100 * base:.1f} % (baseline), {100 * reg:.1f} % (setting), d = {100 * (reg - base):+.1f} points")',
  ].join('\n');
}
