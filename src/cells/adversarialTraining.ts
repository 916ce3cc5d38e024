/**
 * The adversarial-training cell: seeded 2-D two-class data, a logistic regression trained twice in
 * the page (standard: α = 1; adversarial: α·J(x) + (1 − α)·J(x_adv) with FGSM step ε_train), and
 * each model attacked with FGSM on a held-out test set of n + n points, and its exact accuracy over
 * the whole data distribution (what the test set estimates, without its sampling noise). Every
 * number comes from src/lib/adversarialTraining (which builds on src/lib/fgsm) and
 * src/lib/adversarialExpected.
 *
 * Defaults: attack ε 0.3 = training ε. At ε 0.2 the two models are almost equally accurate over the
 * whole distribution (89.7 % vs 90.0 % for seed 1), closer than the ±3 points of a 100-point test
 * set; at 0.3 the gain is 80.5 % → 86.9 % (src/cells/prose/adversarial.ts computes these for the page).
 */
import {
  accuracyUnderFgsm, boundarySegment, fgsmDataset, predict, trainLogistic, twoClassSplit, TWO_CLASS_SHAPE,
  type Box, type Dataset,
} from '../lib/adversarialTraining';
import { expectedAccuracyUnderFgsm, testAccuracyStd } from '../lib/adversarialExpected';
import { formatNumber as fmt, formatTyped as typed } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { dataTable, summary, type DataTable } from './a11y';
import { defineCell, fill } from './define';
import { PYTHON_RNG_SOURCE } from '../lib/randomPython';

import { pyFloat } from './python';

export const advTrainSchema = {
  seed: { kind: 'integer', min: 0, max: 4294967295, default: 1 },
  n: { kind: 'integer', min: 5, max: 200, default: 50 },
  teps: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.3 },
  talpha: { kind: 'number', min: 0, max: 1, step: 0.05, default: 0.5 },
  steps: { kind: 'integer', min: 0, max: 1000, default: 500 },
  lr: { kind: 'number', min: 0.01, max: 10, step: 0.01, default: 4 },
  aeps: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.3 },
} as const satisfies Schema;

export type AdvTrainState = StateOf<typeof advTrainSchema>;

/** Library parameter names (as in src/lib error messages) → the cell's inputs. */
export const advTrainParamOf: Record<string, keyof AdvTrainState> = {
  seed: 'seed', trainPerClass: 'n', testPerClass: 'n', eps: 'teps', alpha: 'talpha', steps: 'steps', lr: 'lr',
};

/** ε values of the accuracy curve (and its data table). */
export const CURVE_EPS: readonly number[] = Array.from({ length: 21 }, (_, i) => i / 20);

export interface ScatterPoint {
  model: string;
  cls: string;
  x1: number;
  x2: number;
  ax1: number;
  ax2: number;
  flipped: boolean;
}

/** One point of an accuracy-against-ε curve. */
export interface CurvePoint {
  eps: number;
  acc: number;
  model: string;
}

export interface AdvTrainView {
  text: Record<string, string>;
  rows: Record<'models' | 'curve', string[][]>;
  tables: Record<'scatter', DataTable>;
  chart: {
    points: ScatterPoint[];
    boundaries: { model: string; x1: number; y1: number; x2: number; y2: number }[];
    box: Box;
    /** Accuracy on the n + n test points. */
    curve: CurvePoint[];
    /** Exact accuracy over the whole data distribution. */
    expected: CurvePoint[];
    attackEps: number;
    trainEps: number;
    models: [string, string];
    classes: [string, string];
    scatterDescription: string;
    curveDescription: string;
  };
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：标准训练与对抗训练',
    fields: {
      seed: { label: '随机种子', hint: '0 到 4294967295；同一种子给出同样的数据' },
      n: { label: '每类点数 n', hint: '训练集和测试集各 n + n 个点' },
      teps: { label: '训练用的 ε', hint: '生成对抗样本的步长' },
      talpha: { label: 'α（干净损失的权重）', hint: '1 = 标准训练' },
      steps: { label: '梯度下降步数', hint: '全批量，从 w = 0 开始' },
      lr: { label: '学习率' },
      aeps: { label: '攻击用的 ε', hint: '散点图中箭头的长度；测试时的攻击强度' },
    },
    caption: '两个模型对照',
    model: '模型', standard: '标准训练', adversarial: '对抗训练',
    objective: '训练目标', weights: '学到的参数', final: '最终目标值',
    clean: '干净准确率（测试集）', attack: 'ε = {e} 攻击下的准确率（测试集）',
    expClean: '干净准确率（整个分布，精确值）', expAttack: 'ε = {e} 攻击下的准确率（整个分布，精确值）',
    flips: '被攻击改变的预测',
    x1: 'x₁（宽而嘈杂的间隔）', x2: 'x₂（窄而干净的间隔）', eps: 'ε（FGSM 步长）', accuracy: '准确率（%）',
    scatter: '测试点、FGSM 箭头与决策边界', curve: 'FGSM 攻击下的准确率随 ε 变化',
    chartTable: '图表数据（表格）',
    curveTableCaption: '每个 ε 下的准确率：测试集与整个分布', epsCol: 'ε',
    stdTest: '标准训练（测试集）', advTest: '对抗训练（测试集）', stdExact: '标准训练（整个分布）', advExact: '对抗训练（整个分布）',
    legend: '红色箭头：被攻击改变了预测的点。黑线：决策边界。',
    curveLegend: '线：整个分布上的精确准确率；点：测试集上的准确率。',
    seriesStandard: '标准训练',
    seriesAdversarial: '对抗训练',
    cls: '类别 {c}',
    colModel: '模型', colClass: '类别', colChanged: '预测被改变', yes: '是', no: '否',
    flipped: '{n} 个测试点中有 {k} 个被 FGSM 改变了预测',
    scatterText: '散点图，上下两栏：{n} 个测试点（两类），上栏是标准训练的模型，下栏是对抗训练的模型。每个箭头把一个点在每个坐标上沿损失梯度的符号移动 ε = {e}。标准模型的决策边界 {sb}，{ks} 个点的预测被改变；对抗训练模型的决策边界 {ab}，{ka} 个点的预测被改变。',
    curveText: '折线图：FGSM 攻击下的准确率随 ε（0 到 1）的变化，线是整个分布上的精确值，点是测试集上的值。干净数据上标准模型 {xcs}、对抗训练模型 {xca}（测试集：{cs}、{ca}）；ε = {e} 时分别为 {xes} 和 {xea}（测试集：{es}、{ea}）；ε = {t}（训练用的 ε）时分别为 {xts} 和 {xta}（测试集：{ts}、{ta}）。',
    verdict: '在整个分布上，ε = {e} 时对抗训练模型的准确率是 {ea}，标准模型是 {es}，相差 {d} 个百分点。{n} 个测试点上的值（{ta} 对 {ts}）带有抽样噪声：这样大小的测试集，单个准确率的标准差约为 {sd} 个百分点。',
    noLine: '不与绘图区相交',
  },
  en: {
    title: 'Live cell: standard vs adversarial training',
    fields: {
      seed: { label: 'Seed', hint: '0 to 4294967295; the same seed gives the same data' },
      n: { label: 'Points per class n', hint: 'n + n training and n + n test points' },
      teps: { label: 'Training ε', hint: 'FGSM step used to make the adversarial examples' },
      talpha: { label: 'α (weight of the clean loss)', hint: '1 = standard training' },
      steps: { label: 'Gradient steps', hint: 'Full batch, from w = 0' },
      lr: { label: 'Learning rate' },
      aeps: { label: 'Attack ε', hint: 'Length of the arrows in the scatter plot; strength of the test-time attack' },
    },
    caption: 'The two models side by side',
    model: 'Model', standard: 'Standard training', adversarial: 'Adversarial training',
    objective: 'Training objective', weights: 'Learned parameters', final: 'Final objective',
    clean: 'Clean accuracy (test points)', attack: 'Accuracy under attack, ε = {e} (test points)',
    expClean: 'Clean accuracy (whole distribution, exact)', expAttack: 'Accuracy under attack, ε = {e} (whole distribution, exact)',
    flips: 'Predictions the attack changes',
    x1: 'x₁ (wide, noisy gap)', x2: 'x₂ (narrow, clean gap)', eps: 'ε (FGSM step)', accuracy: 'accuracy (%)',
    scatter: 'Test points, FGSM arrows and decision boundaries', curve: 'Accuracy under FGSM against ε',
    chartTable: 'Chart data (table)',
    curveTableCaption: 'Accuracy at each ε: test points and whole distribution', epsCol: 'ε',
    stdTest: 'Standard training (test points)', advTest: 'Adversarial training (test points)',
    stdExact: 'Standard training (whole distribution)', advExact: 'Adversarial training (whole distribution)',
    legend: 'Red arrows: points whose prediction the attack changes. Line: the decision boundary.',
    curveLegend: 'Lines: the exact accuracy over the whole distribution; dots: the accuracy on the test points.',
    seriesStandard: 'standard training',
    seriesAdversarial: 'adversarial training',
    cls: 'class {c}',
    colModel: 'model', colClass: 'class', colChanged: 'prediction changed', yes: 'yes', no: 'no',
    flipped: 'FGSM changes the prediction of {k} of {n} test points',
    scatterText: 'Scatter plots, one above the other: {n} test points of two classes; top: the standard model, bottom: the adversarially trained one. Each arrow moves a point by ε = {e} in every coordinate, along the sign of the loss gradient. The standard model\'s boundary is {sb} and {ks} points change class; the adversarial model\'s boundary is {ab} and {ka} points change class.',
    curveText: 'Line chart: accuracy under FGSM against ε from 0 to 1; lines: exact, over the whole distribution; dots: on the test points. On clean data the standard model scores {xcs}, the adversarial one {xca} (test points: {cs}, {ca}); at ε = {e}, {xes} and {xea} (test points: {es}, {ea}); at ε = {t} (the training ε), {xts} and {xta} (test points: {ts}, {ta}).',
    verdict: 'Over the whole distribution, at ε = {e} the adversarial model is {ea} accurate and the standard one {es}: a difference of {d} points. The {n} test points ({ta} vs {ts}) add sampling noise: on a test set of this size one accuracy has a standard deviation of about {sd} points.',
    noLine: 'outside the plotted area',
  },
} as const;

/** Exact accuracies (formatted) of [standard, adversarial]: clean, at the attack ε, at the training ε. */
interface Exact {
  clean: [string, string];
  attack: [string, string];
  train: [string, string];
}

const pct = (v: number) => `${fmt(100 * v, { digits: 1 })}%`;
const signed = (v: number) => (v < 0 ? `− ${fmt(-v)}` : `+ ${fmt(v)}`);
/** A difference in percentage points, with its sign: "+6.4", "−0.3", "0.0". */
const pointDiff = (v: number) => {
  const t = fmt(100 * v, { digits: 1 });
  return v > 0 && t !== '0.0' ? `+${t}` : t;
};

/** "6.1900·x₁ + 9.7100·x₂ − 0.7800 = 0" */
function boundaryText(m: { w: number[]; b: number }): string {
  return `${fmt(m.w[0]!)}·x₁ ${signed(m.w[1]!)}·x₂ ${signed(m.b)} = 0`;
}

function flippedCount(model: { w: number[]; b: number }, data: Dataset, moved: number[][]): number {
  let k = 0;
  moved.forEach((xa, i) => {
    if (predict(model, xa) !== predict(model, data.x[i]!)) k++;
  });
  return k;
}

export function advTrainView(s: AdvTrainState, lang: Lang): AdvTrainView {
  const w = words[lang];
  const { train, test } = twoClassSplit(s.seed, s.n, s.n);
  const std = trainLogistic(train, { steps: s.steps, lr: s.lr, eps: 0, alpha: 1 });
  const adv = trainLogistic(train, { steps: s.steps, lr: s.lr, eps: s.teps, alpha: s.talpha });
  const models: [string, string] = [w.seriesStandard, w.seriesAdversarial];
  const trained = [std, adv] as const;

  const moved = trained.map((r) => fgsmDataset(r.model, test, s.aeps));
  const points: ScatterPoint[] = [];
  trained.forEach((r, k) => {
    test.x.forEach((xi, i) => {
      const xa = moved[k]![i]!;
      points.push({
        model: models[k]!, cls: fill(w.cls, { c: test.y[i]! }), x1: xi[0]!, x2: xi[1]!, ax1: xa[0]!, ax2: xa[1]!,
        flipped: predict(r.model, xa) !== predict(r.model, xi),
      });
    });
  });
  const xs = points.flatMap((p) => [p.x1, p.ax1]);
  const ys = points.flatMap((p) => [p.x2, p.ax2]);
  const pad = (lo: number, hi: number) => {
    const d = Math.max(hi - lo, 1e-6) * 0.05;
    return [lo - d, hi + d] as const;
  };
  const [xMin, xMax] = pad(Math.min(...xs), Math.max(...xs));
  const [yMin, yMax] = pad(Math.min(...ys), Math.max(...ys));
  const box: Box = { xMin, xMax, yMin, yMax };
  const boundaries = trained.flatMap((r, k) => {
    const seg = boundarySegment(r.model, box);
    return seg ? [{ model: models[k]!, x1: seg[0][0], y1: seg[0][1], x2: seg[1][0], y2: seg[1][1] }] : [];
  });

  const acc = trained.map((r) => CURVE_EPS.map((e) => accuracyUnderFgsm(r.model, test, e)));
  const curve = trained.flatMap((_, k) => CURVE_EPS.map((e, j) => ({ eps: e, acc: acc[k]![j]!, model: models[k]! })));
  const clean = trained.map((r) => accuracyUnderFgsm(r.model, test, 0));
  const atAttack = trained.map((r) => accuracyUnderFgsm(r.model, test, s.aeps));
  const atTrain = trained.map((r) => accuracyUnderFgsm(r.model, test, s.teps));
  const flips = trained.map((r, k) => flippedCount(r.model, test, moved[k]!));
  const nTest = test.y.length;
  const exactAcc = trained.map((r) => CURVE_EPS.map((e) => expectedAccuracyUnderFgsm(r.model, e)));
  const expected = trained.flatMap((_, k) => CURVE_EPS.map((e, j) => ({ eps: e, acc: exactAcc[k]![j]!, model: models[k]! })));
  const exClean = trained.map((r) => expectedAccuracyUnderFgsm(r.model, 0));
  const exAttack = trained.map((r) => expectedAccuracyUnderFgsm(r.model, s.aeps));
  const exTrain = trained.map((r) => expectedAccuracyUnderFgsm(r.model, s.teps));
  const pair = (v: number[]): [string, string] => [pct(v[0]!), pct(v[1]!)];
  const exact: Exact = { clean: pair(exClean), attack: pair(exAttack), train: pair(exTrain) };
  const testStd = testAccuracyStd((exAttack[0]! + exAttack[1]!) / 2, nTest);

  const scatterDescription = fill(w.scatterText, {
    n: nTest,
    e: typed(s.aeps),
    sb: boundaries.some((b) => b.model === models[0]) ? boundaryText(std.model) : w.noLine,
    ab: boundaries.some((b) => b.model === models[1]) ? boundaryText(adv.model) : w.noLine,
    ks: flips[0]!,
    ka: flips[1]!,
  });
  const curveDescription = fill(w.curveText, {
    cs: pct(clean[0]!), ca: pct(clean[1]!), e: typed(s.aeps), es: pct(atAttack[0]!), ea: pct(atAttack[1]!),
    t: typed(s.teps), ts: pct(atTrain[0]!), ta: pct(atTrain[1]!),
    xcs: exact.clean[0], xca: exact.clean[1], xes: exact.attack[0], xea: exact.attack[1], xts: exact.train[0], xta: exact.train[1],
  });
  const verdict = fill(w.verdict, {
    e: typed(s.aeps), ea: exact.attack[1], es: exact.attack[0], d: pointDiff(exAttack[1]! - exAttack[0]!),
    n: nTest, ta: pct(atAttack[1]!), ts: pct(atAttack[0]!), sd: fmt(100 * testStd, { digits: 1 }),
  });
  const a = typed(s.talpha);
  const oneMinus = typed(1 - s.talpha);

  const text = {
    objective: `${a}·J(x) + ${oneMinus}·J(x_adv),  x_adv = x + ${typed(s.teps)}·sign(∇ₓJ)`,
    stdModel: `w = [${std.model.w.map((v) => fmt(v)).join(', ')}], b = ${fmt(std.model.b)}`,
    advModel: `w = [${adv.model.w.map((v) => fmt(v)).join(', ')}], b = ${fmt(adv.model.b)}`,
    stdLoss: fmt(std.objective[std.objective.length - 1]!),
    advLoss: fmt(adv.objective[adv.objective.length - 1]!),
    stdClean: pct(clean[0]!),
    advClean: pct(clean[1]!),
    stdAttack: pct(atAttack[0]!),
    advAttack: pct(atAttack[1]!),
    stdExpClean: exact.clean[0],
    advExpClean: exact.clean[1],
    stdExpAttack: exact.attack[0],
    advExpAttack: exact.attack[1],
    verdict,
    stdFlips: fill(w.flipped, { k: flips[0]!, n: nTest }),
    advFlips: fill(w.flipped, { k: flips[1]!, n: nTest }),
    stdBoundary: boundaryText(std.model),
    advBoundary: boundaryText(adv.model),
    attackEps: typed(s.aeps),
    scatterDescription,
    curveDescription,
    scatterCaption: `${w.legend} ${scatterDescription}`,
    curveCaption: `${w.curveLegend} ${curveDescription}`,
    pytorch: advTrainPytorch(s),
    summary: summary(lang, [
      [`FGSM ε = ${typed(s.aeps)} 下整个分布上的准确率：标准模型`, `Accuracy under FGSM at ε = ${typed(s.aeps)} over the whole distribution: standard`, exact.attack[0]],
      ['对抗训练模型', 'adversarially trained', exact.attack[1]],
      [`${nTest} 个测试点上：标准模型`, `on the ${nTest} test points: standard`, pct(atAttack[0]!)],
      ['对抗训练模型', 'adversarially trained', pct(atAttack[1]!)],
    ]),
  };
  const epsText = typed(s.aeps);

  return {
    text,
    rows: {
      // The two models side by side: a row heading, the standard model, the adversarial one.
      models: [
        [w.objective, 'J(x)', text.objective],
        [w.weights, text.stdModel, text.advModel],
        [w.final, text.stdLoss, text.advLoss],
        [w.clean, text.stdClean, text.advClean],
        [fill(w.attack, { e: epsText }), text.stdAttack, text.advAttack],
        [w.expClean, text.stdExpClean, text.advExpClean],
        [fill(w.expAttack, { e: epsText }), text.stdExpAttack, text.advExpAttack],
        [w.flips, text.stdFlips, text.advFlips],
      ],
      curve: CURVE_EPS.map((e, j) => [fmt(e, { digits: 2 }), pct(acc[0]![j]!), pct(acc[1]![j]!), pct(exactAcc[0]![j]!), pct(exactAcc[1]![j]!)]),
    },
    tables: {
      scatter: dataTable(
        [w.colModel, w.colClass, 'x₁', 'x₂', 'x_adv', w.colChanged],
        points,
        (p) => [p.model, p.cls, fmt(p.x1), fmt(p.x2), `(${fmt(p.ax1)}, ${fmt(p.ax2)})`, p.flipped ? w.yes : w.no],
      ),
    },
    chart: {
      points, boundaries, box, curve, expected, attackEps: s.aeps, trainEps: s.teps, models,
      classes: [fill(w.cls, { c: 0 }), fill(w.cls, { c: 1 })], scatterDescription, curveDescription,
    },
  };
}


/** Runnable PyTorch that trains both models and prints the cell's numbers for the current parameters. */
export function advTrainPytorch(s: AdvTrainState): string {
  const [m1, m2] = TWO_CLASS_SHAPE.mean;
  const [s1, s2] = TWO_CLASS_SHAPE.std;
  return [
    'import math',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    '',
    'torch.set_default_dtype(torch.float64)',
    `seed, n = ${s.seed}, ${s.n}  # n points per class, for training and for testing`,
    `train_eps, alpha = ${pyFloat(s.teps)}, ${pyFloat(s.talpha)}`,
    `steps, lr = ${s.steps}, ${pyFloat(s.lr)}`,
    `attack_eps = ${pyFloat(s.aeps)}`,
    '',
    "# The page's seeded generator (src/lib/random.ts) in Python, so the data are the same points.",
    PYTHON_RNG_SOURCE,
    '',
    'rng = Mulberry32(seed)',
    `mean, std = (${pyFloat(m1!)}, ${pyFloat(m2!)}), (${pyFloat(s1!)}, ${pyFloat(s2!)})`,
    '',
    'def draw(count):',
    '    X, y = [], []',
    '    for _ in range(count):',
    '        for label in (0, 1):',
    '            s = 2 * label - 1',
    '            X.append([s * m + sd * rng.normal() for m, sd in zip(mean, std)])',
    '            y.append(float(label))',
    '    return torch.tensor(X), torch.tensor(y)',
    '',
    'X_train, y_train = draw(n)',
    'X_test, y_test = draw(n)',
    '',
    'def fgsm(model, X, y, eps):',
    '    x = X.clone().requires_grad_(True)',
    '    loss = F.binary_cross_entropy_with_logits(model(x).squeeze(1), y)',
    '    grad_x, = torch.autograd.grad(loss, x)',
    '    return (X + eps * grad_x.sign()).detach()',
    '',
    'def train(eps, alpha):',
    '    model = nn.Linear(2, 1)',
    '    nn.init.zeros_(model.weight)',
    '    nn.init.zeros_(model.bias)',
    '    opt = torch.optim.SGD(model.parameters(), lr=lr)',
    '    for step in range(steps + 1):',
    '        x_adv = fgsm(model, X_train, y_train, eps)  # recomputed from the current model',
    '        loss = alpha * F.binary_cross_entropy_with_logits(model(X_train).squeeze(1), y_train) \\',
    '            + (1 - alpha) * F.binary_cross_entropy_with_logits(model(x_adv).squeeze(1), y_train)',
    '        if step == steps:',
    '            return model, loss.item()',
    '        opt.zero_grad()',
    '        loss.backward()',
    '        opt.step()',
    '',
    'def accuracy(model, eps):',
    '    x_adv = fgsm(model, X_test, y_test, eps)',
    '    with torch.no_grad():',
    '        pred = (model(x_adv).squeeze(1) > 0).double()',
    '    return (pred == y_test).double().mean().item()',
    '',
    'def expected_accuracy(model, eps):',
    '    # Exact accuracy over the whole distribution: for class s = 2y - 1, s*z_adv = s*z - eps*|w|_1 and',
    '    # s*z ~ Normal(w.mean + s*b, |std * w|_2), so P(correct) = Phi((w.mean + s*b - eps*|w|_1) / |std * w|_2).',
    '    w, b = model.weight[0].tolist(), model.bias.item()',
    '    w_mean = sum(wi * m for wi, m in zip(w, mean))',
    '    l1 = sum(abs(wi) for wi in w)',
    '    sd = math.hypot(*(wi * si for wi, si in zip(w, std)))',
    '    def correct(s):',
    '        margin = w_mean + s * b - eps * l1',
    '        if sd == 0:',
    '            return float(margin > 0 or (s == -1 and margin == 0))',
    '        return 0.5 * math.erfc(-margin / sd / math.sqrt(2))  # Phi(margin / sd)',
    '    return (correct(-1) + correct(1)) / 2',
    '',
    'for name, (model, objective) in {',
    '    "standard": train(0.0, 1.0),',
    '    "adversarial": train(train_eps, alpha),',
    '}.items():',
    '    w, b = model.weight[0].tolist(), model.bias.item()',
    '    print(f"{name:s}: w = [{w[0]:.4f}, {w[1]:.4f}], b = {b:.4f}, objective = {objective:.4f}")',
    '    print(f"  accuracy: clean {accuracy(model, 0.0):.1%}, at eps={attack_eps:g} {accuracy(model, attack_eps):.1%}")',
    '    print(f"  whole distribution: clean {expected_accuracy(model, 0.0):.1%}, at eps={attack_eps:g} {expected_accuracy(model, attack_eps):.1%}")',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'adversarial-training',
  prefix: 'at',
  schema: advTrainSchema,
  paramOf: advTrainParamOf,
  words,
  layout: [
    { fields: [{ param: 'seed', slider: false }, 'n', 'teps', 'talpha', 'steps', 'lr', 'aeps'] },
    { table: 'models', caption: 'caption', head: ['model', 'standard', 'adversarial'] },
    { note: 'verdict' },
    { chart: 'scatter', caption: 'scatterCaption' },
    { chart: 'curve', caption: 'curveCaption', rowsTable: 'curve' },
    { table: 'curve', caption: 'curveTableCaption', head: ['epsCol', 'stdTest', 'advTest', 'stdExact', 'advExact'], details: 'chartTable' },
    { code: 'pytorch' },
  ],
  view: advTrainView,
});
