/**
 * What a regularizer changes besides test accuracy, shown where it matters (issue #11): the lab cell's
 * "views" beside its accuracy curves. Each panel belongs to a technique and appears when the result on
 * screen was trained with it:
 *   weights      L1 / L2 / weight decay: the Linear weights by magnitude decade (L1 zeroes, L2 shrinks)
 *   calibration  label smoothing: the reliability diagram of the test predictions and its ECE
 *   attack       FGSM adversarial training: test accuracy under an FGSM attack against ε
 *   samples      augmentation: the first training images as the network saw them, before and after
 *   stopping     early stopping: per seed the best epoch (whose weights are restored) and the stop
 *   loss         batch normalization: the training loss per epoch (BN's faster descent)
 * Pure: every number comes from the result's probes (src/lib/lab/run.ts) through summarizeLab, formatted
 * here; src/components/lab/probeCharts.ts draws the charts from these points, LabCell.astro renders the
 * tables and texts at build time.
 */
import { ECE_BINS, LAB_ATTACK_EPS, WEIGHT_EDGES, type LabResult, type LabSummary, type MeanSd } from '../lib/lab';
import { formatNumber as fmt } from '../lib/format';
import type { Lang } from '../i18n/ui';
import { dataTable, type DataTable } from './a11y';

export type ProbePanel = 'weights' | 'calibration' | 'attack' | 'samples' | 'stopping' | 'loss';
export const PROBE_PANELS: readonly ProbePanel[] = ['weights', 'calibration', 'attack', 'samples', 'stopping', 'loss'];

/** A band over seeds at one x: mean, lowest and highest seed. */
export interface ProbePoint { x: number; mean: number; low: number; high: number; arm: string }

export interface ProbeCharts {
  arms: [string, string];
  /** Share of weights per |w| bin (bins in `weightBins` order). */
  weights: { bin: string; arm: string; mean: number; low: number; high: number }[];
  weightBins: string[];
  /** Reliability: per non-empty bin, mean confidence → accuracy, and the bin's count. */
  calibration: { confidence: number; accuracy: number; count: number; arm: string }[];
  /** Accuracy under attack against ε. */
  attack: ProbePoint[];
  /** Mean training loss per epoch. */
  loss: ProbePoint[];
  /** The setting's 1-based best epochs (early stopping), one per seed. */
  bestEpochs: number[];
  samples: { original: number[][]; augmented: number[][] } | null;
}

/** Axis names and the samples' row names, in the page's language. */
export interface ProbeLabels {
  share: string; bin: string; confidence: string; accuracy: string; eps: string; epoch: string; loss: string;
  original: string; augmented: string;
}

export interface ProbeView {
  shown: Record<ProbePanel, boolean>;
  labels: ProbeLabels;
  text: Record<`${ProbePanel}Description`, string>;
  tables: Record<'probeWeights' | 'probeCalibration' | 'probeAttack' | 'probeSamples' | 'probeStopping' | 'probeLoss', DataTable>;
  charts: ProbeCharts;
}

const fixed = (x: number, digits: number) => fmt(Math.round(x * 10 ** digits) / 10 ** digits + 0, { digits });
const pct = (x: number) => fixed(100 * x, 1);
const band = (m: MeanSd) => `${pct(m.mean)} (${pct(m.min)}–${pct(m.max)})`;
const sup = (e: number) => `10${String(e).replace('-', '⁻').replace(/\d/g, (d) => '⁰¹²³⁴⁵⁶⁷⁸⁹'[Number(d)]!)}`;

/** "< 10⁻⁴", "10⁻⁴ – 10⁻³", …, "≥ 1": the |w| bins of WEIGHT_EDGES. */
function weightBinLabels(): string[] {
  const exp = WEIGHT_EDGES.map((e) => Math.round(Math.log10(e)));
  const name = (e: number) => (e === 0 ? '1' : sup(e));
  return [`< ${name(exp[0]!)}`, ...exp.slice(1).map((e, i) => `${name(exp[i]!)}–${name(e)}`), `≥ ${name(exp[exp.length - 1]!)}`];
}

const words = {
  zh: {
    weights: (b: string, s: string) =>
      `柱状图：两组网络的全连接层权重按 |w| 的数量级分布（各种子的均值，细线为种子间的范围）。|w| < 10⁻³ 的权重：基线 ${b}%，正则化设置 ${s}%。`,
    why: {
      l1: 'L1 惩罚不论权重大小，都以同样的步长把它拉向 0，于是数据用不上的权重最后都停在 0 附近（要得到严格的 0，需要像 lasso 那样用近端步）。',
      l2Adam: 'Adam 下的 L2 惩罚并不是按比例缩小：Adam 把每个梯度除以它自己的滑动幅度，数据从不推动的权重（例如每张图里都空白的边缘像素所连的权重）就以固定步长被拉向 0，对它们而言 L2 的作用和 L1 一样。这正是 AdamW 把权重衰减与梯度解耦的原因（Loshchilov 与 Hutter，2019）。',
      l2: 'L2 惩罚（权重衰减）按每个权重自身的大小成比例地缩小它：所有权重都变小，但很少恰好变成 0。',
    },
    calibration: (b: string, s: string) =>
      `可靠性图：把测试集预测按置信度分成 10 个区间，横轴是区间内的平均置信度，纵轴是实际准确率；落在对角线上表示校准良好，在对角线下方表示过于自信。期望校准误差 ECE：基线 ${b}，正则化设置 ${s}。`,
    attack: (e: string, b: string, s: string) =>
      `折线图：测试集在 FGSM 攻击下的准确率随攻击强度 ε 的变化（评估模式，阴影为各种子的最小值到最大值）。ε = ${e} 时：基线 ${b}%，正则化设置 ${s}%。`,
    samples: (seed: number) =>
      `种子 ${seed} 的正则化设置在第 1 轮最先见到的 8 张训练图像：上排是数据集里的原图，下排是网络实际训练时看到的增强结果（每一轮都重新随机变换）。`,
    samplesNone: '这次训练没有使用数据增强。',
    stopping: (best: string, stop: string) =>
      `早停：各种子验证集损失最低的一轮（训练结束时恢复这一轮的权重）为 ${best}；停止于 ${stop}。准确率曲线上的竖线标出了这些轮次。`,
    ranAll: '跑满全部轮数',
    loss: (e: number, b: string, s: string) =>
      `折线图：每一轮结束时的训练集损失（交叉熵，各种子的均值，阴影为最小值到最大值）。第 ${e} 轮：基线 ${b}，正则化设置 ${s}。`,
    labels: {
      share: '占比（%）', bin: '|w| 所在区间', confidence: '平均置信度', accuracy: '准确率（%）', eps: '攻击强度 ε', epoch: '轮次', loss: '训练损失',
      original: '原图', augmented: '增强后',
    },
    heads: {
      weights: ['|w| 所在区间', '基线：占比（%），最小–最大', '正则化设置：占比（%），最小–最大'],
      calibration: ['置信度区间', '基线：样本数', '基线：平均置信度', '基线：准确率', '设置：样本数', '设置：平均置信度', '设置：准确率'],
      attack: ['攻击强度 ε', '基线：准确率（%），最小–最大', '正则化设置：准确率（%），最小–最大'],
      samples: ['图像', '训练集中的序号', '旋转角（度）', '水平平移（像素，向右为正）', '竖直平移（像素，向下为正）'],
      stopping: ['种子', '最佳轮次（恢复的权重）', '停止的轮次'],
      loss: ['轮次', '基线：训练损失', '正则化设置：训练损失'],
    },
  },
  en: {
    weights: (b: string, s: string) =>
      `Bar chart: the Linear weights of both networks by order of magnitude of |w| (mean over seeds; the thin lines span the seeds). Weights with |w| < 10⁻³: baseline ${b} %, setting ${s} %.`,
    why: {
      l1: 'An L1 penalty pulls every weight toward 0 by the same step whatever its size, so the weights the data do not need end near 0 (exact zeros need a proximal step, as the lasso takes).',
      l2Adam: 'Under Adam an L2 penalty is not a proportional shrink: Adam divides each gradient by its own running size, so a weight the data never move (one fed by a pixel that is blank in every image) is pulled to 0 by a fixed step — for those weights L2 acts like L1. This is why AdamW decouples weight decay from the gradient (Loshchilov & Hutter, 2019).',
      l2: 'An L2 penalty (weight decay) shrinks every weight in proportion to its size: all get smaller, few reach exactly 0.',
    },
    calibration: (b: string, s: string) =>
      `Reliability diagram: the test predictions in 10 bins of confidence, the bin's mean confidence across and its accuracy up; on the diagonal is well calibrated, below it overconfident. Expected calibration error (ECE): baseline ${b}, setting ${s}.`,
    attack: (e: string, b: string, s: string) =>
      `Line chart: test accuracy under an FGSM attack of strength ε (eval mode; shaded from the lowest to the highest seed). At ε = ${e}: baseline ${b} %, setting ${s} %.`,
    samples: (seed: number) =>
      `The first 8 training images the setting’s run on seed ${seed} saw in epoch 1: above as stored in the data set, below as the network trained on them (drawn afresh every epoch).`,
    samplesNone: 'This run trained without augmentation.',
    stopping: (best: string, stop: string) =>
      `Early stopping: the epoch of lowest validation loss per seed (its weights are restored at the end) is ${best}; training stopped after ${stop}. The vertical lines on the accuracy chart mark these epochs.`,
    ranAll: 'ran every epoch',
    loss: (e: number, b: string, s: string) =>
      `Line chart: the training loss (cross-entropy) after every epoch, mean over seeds, shaded from the lowest to the highest seed. Epoch ${e}: baseline ${b}, setting ${s}.`,
    labels: {
      share: 'share (%)', bin: '|w| bin', confidence: 'mean confidence', accuracy: 'accuracy (%)', eps: 'attack strength ε', epoch: 'epoch', loss: 'training loss',
      original: 'stored', augmented: 'augmented',
    },
    heads: {
      weights: ['|w| bin', 'baseline: share (%), min–max', 'setting: share (%), min–max'],
      calibration: ['confidence bin', 'baseline: count', 'baseline: mean confidence', 'baseline: accuracy', 'setting: count', 'setting: mean confidence', 'setting: accuracy'],
      attack: ['attack strength ε', 'baseline: accuracy (%), min–max', 'setting: accuracy (%), min–max'],
      samples: ['image', 'index in the training set', 'rotation (degrees)', 'shift right (pixels)', 'shift down (pixels)'],
      stopping: ['seed', 'best epoch (weights restored)', 'stopped after epoch'],
      loss: ['epoch', 'baseline: training loss', 'setting: training loss'],
    },
  },
} as const;

/**
 * Which mechanism the weights' sentence explains: L1's constant pull; an L2 penalty or coupled weight
 * decay under Adam, whose per-weight normalization turns the pull on a weight without data gradient
 * into a constant step too (Loshchilov & Hutter 2019, https://arxiv.org/abs/1711.05101); or a
 * proportional shrink (L2 / weight decay with SGD, AdamW's decoupled decay).
 */
function penaltyKind(s: LabResult['setting']): 'l1' | 'l2Adam' | 'l2' {
  if (s.l1 > 0) return 'l1';
  const coupledUnderAdam = s.optimizer === 'adam' ? s.l2 > 0 || s.weightDecay > 0 : s.optimizer === 'adamw' && s.l2 > 0;
  return coupledUnderAdam ? 'l2Adam' : 'l2';
}

/** The ε whose accuracies the attack sentence quotes. */
const QUOTED_EPS = 0.1;
/** The epoch whose losses the batch-norm sentence quotes (or the last, if fewer). */
const QUOTED_EPOCH = 5;

/** Every view of the techniques' effects for `result` (summarized as `sum`), with the arms' names. */
export function probeView(result: LabResult, sum: LabSummary, lang: Lang, arms: [string, string]): ProbeView {
  const w = words[lang];
  const s = result.setting;
  const B = sum.baseline.probes;
  const S = sum.setting.probes;
  const [armB, armS] = arms;
  const shown: Record<ProbePanel, boolean> = {
    weights: s.l1 > 0 || s.l2 > 0 || s.weightDecay > 0,
    calibration: s.labelSmoothing > 0,
    attack: s.fgsm !== null,
    samples: result.samples !== null,
    stopping: s.earlyStopping !== null,
    loss: s.batchNorm,
  };

  const bins = weightBinLabels();
  const weights = bins.flatMap((bin, b) => [
    { bin, arm: armB, mean: B.weightShares[b]!.mean, low: B.weightShares[b]!.min, high: B.weightShares[b]!.max },
    { bin, arm: armS, mean: S.weightShares[b]!.mean, low: S.weightShares[b]!.min, high: S.weightShares[b]!.max },
  ]);
  // |w| < 10⁻³: the bins below NEAR_ZERO, the same share as the final table's row (mean over seeds of each seed's share).
  const below = (p: LabSummary['baseline']) => p.final.nearZero.mean;

  const calPoints = (p: typeof B, arm: string) =>
    p.calibration.flatMap((c) => (c.count > 0 ? [{ confidence: c.confidence!, accuracy: c.accuracy!, count: c.count, arm }] : []));
  const calibration = [...calPoints(B, armB), ...calPoints(S, armS)];
  const binName = (b: number) => `${fixed(b / ECE_BINS, 1)}–${fixed((b + 1) / ECE_BINS, 1)}`;
  const calCells = (c: LabSummary['baseline']['probes']['calibration'][number]) =>
    [String(c.count), c.confidence === null ? '–' : fixed(c.confidence, 3), c.accuracy === null ? '–' : fixed(c.accuracy, 3)];

  const attack = LAB_ATTACK_EPS.flatMap((eps, e) => [
    { x: eps, mean: B.attack[e]!.mean, low: B.attack[e]!.min, high: B.attack[e]!.max, arm: armB },
    { x: eps, mean: S.attack[e]!.mean, low: S.attack[e]!.min, high: S.attack[e]!.max, arm: armS },
  ]);
  const q = LAB_ATTACK_EPS.indexOf(QUOTED_EPS);

  const lossCurves = [sum.baseline.curves.trainLoss, sum.setting.curves.trainLoss] as const;
  const loss = lossCurves.flatMap((curve, a) => curve.map((p) => ({ x: p.epoch, mean: p.mean, low: p.min, high: p.max, arm: arms[a]! })));
  const lossAt = Math.min(QUOTED_EPOCH, lossCurves[0].length, lossCurves[1].length);

  const runs = result.runs.setting;
  const bestEpochs = s.earlyStopping === null ? [] : runs.map((r) => (r.restoredEpoch ?? r.epochsRun - 1) + 1);
  const stops = runs.map((r) => (r.stoppedEpoch === null ? w.ranAll : String(r.stoppedEpoch)));
  const list = (xs: readonly (string | number)[]) => xs.join(lang === 'zh' ? '、' : ', ');

  return {
    shown,
    labels: { ...w.labels },
    text: {
      weightsDescription: `${w.weights(pct(below(sum.baseline)), pct(below(sum.setting)))}${lang === 'zh' ? '' : ' '}${w.why[penaltyKind(s)]}`,
      calibrationDescription: w.calibration(fixed(sum.baseline.final.ece.mean, 4), fixed(sum.setting.final.ece.mean, 4)),
      attackDescription: w.attack(fmt(QUOTED_EPS, { digits: 2, trim: true }), pct(B.attack[q]!.mean), pct(S.attack[q]!.mean)),
      samplesDescription: result.samples === null ? w.samplesNone : w.samples(result.samples.seed),
      stoppingDescription: s.earlyStopping === null ? '' : w.stopping(list(bestEpochs), list(stops)),
      lossDescription: w.loss(lossAt, fixed(lossCurves[0][lossAt - 1]!.mean, 4), fixed(lossCurves[1][lossAt - 1]!.mean, 4)),
    },
    tables: {
      probeWeights: dataTable([...w.heads.weights], bins.map((_, b) => b), (b) => [bins[b]!, band(B.weightShares[b]!), band(S.weightShares[b]!)]),
      probeCalibration: dataTable([...w.heads.calibration], B.calibration.map((_, b) => b), (b) => [binName(b), ...calCells(B.calibration[b]!), ...calCells(S.calibration[b]!)]),
      probeAttack: dataTable([...w.heads.attack], LAB_ATTACK_EPS.map((_, e) => e), (e) => [fmt(LAB_ATTACK_EPS[e]!, { digits: 2, trim: true }), band(B.attack[e]!), band(S.attack[e]!)]),
      probeSamples: dataTable([...w.heads.samples], result.samples?.indices.map((_, i) => i) ?? [], (i) => {
        const d = result.samples!.draws[i]!;
        return [String(i + 1), String(result.samples!.indices[i]), fixed(d.angle, 1), fmt(d.dx, { digits: 0 }), fmt(d.dy, { digits: 0 })];
      }),
      probeStopping: dataTable([...w.heads.stopping], runs.map((_, i) => i), (i) => [String(result.seeds[i]), String(bestEpochs[i] ?? '–'), stops[i]!]),
      probeLoss: dataTable([...w.heads.loss], lossCurves[0].map((_, e) => e), (e) => [
        String(e + 1), lossCurves[0][e] ? fixed(lossCurves[0][e]!.mean, 4) : '–', lossCurves[1][e] ? fixed(lossCurves[1][e]!.mean, 4) : '–',
      ], 60),
    },
    charts: {
      arms,
      weights,
      weightBins: bins,
      calibration,
      attack,
      loss,
      bestEpochs,
      samples: result.samples === null ? null : { original: result.samples.original, augmented: result.samples.augmented },
    },
  };
}
