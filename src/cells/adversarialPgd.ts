/**
 * PGD beside FGSM on the lab's digits (issue #13 §2, Madry et al. 2018): a small MLP trained twice
 * from the same starting point — on clean images, and with the FGSM objective α·L(x) + (1 − α)·L(x_adv)
 * (trainMLP's `fgsm`) — then the test accuracy of each under FGSM (attackMLP) and under PGD with an L∞
 * ball (pgdMLP) against ε. The training and the attacks are the cell's resource: the page ships the
 * defaults' result (`ship`), and every other setting runs in the worker — never on the page, whose
 * policy does not let the trainer compile its WebAssembly kernels (src/csp.mjs). The data are public/data/digits.json in the
 * lab's fixed split (src/lib/lab/data.ts): the first PGD_TRAIN training images and the 500 test images.
 */
import { attackMLP, pgdMLP, trainMLP, type MLPModel } from '../lib/trainer';
import { epochOrders, initMLP } from '../lib/mlpInit';
import { parseDigits, DIGITS_CLASSES, DIGITS_FEATURES, type DigitsData } from '../lib/digits';
import { labSplit, LAB_SPLIT_SEED, LAB_TEST, LAB_VALIDATION } from '../lib/lab/data';
import { formatNumber, formatTyped } from '../lib/format';
import { PYTHON_RNG_SOURCE } from '../lib/randomPython';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell, fill, type Resource } from './define';
import { MAX_SEED } from './dropout';
import { pyBool, pyFloat } from './python';

/** The training set: the first PGD_TRAIN images of the lab's training pool. */
export const PGD_TRAIN = 300;
/** The network 64 → PGD_HIDDEN → 10 (ReLU), trained with Adam as the lab trains it. */
export const PGD_HIDDEN = 32;
export const PGD_EPOCHS = 30;
export const PGD_BATCH = 32;
export const PGD_LR = 0.01;
/** α of the FGSM objective (Goodfellow et al.'s 0.5). */
export const PGD_MIX = 0.5;
/** The radii of the curves. */
export const PGD_EPS: readonly number[] = Object.freeze([0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.3]);
export const PGD_DIGITS_FILE = 'data/digits.json';

export const advPgdSchema = {
  pgdSeed: { kind: 'integer', min: 0, max: MAX_SEED, default: 0 },
  pgdTeps: { kind: 'number', min: 0, max: 0.5, step: 0.01, default: 0.3 },
  pgdSteps: { kind: 'integer', min: 1, max: 50, default: 10 },
  pgdStep: { kind: 'number', min: 0.01, max: 2, step: 0.01, default: 0.25 },
  pgdStart: { kind: 'integer', min: 0, max: 1, default: 0 },
} as const satisfies Schema;

export type AdvPgdState = StateOf<typeof advPgdSchema>;

/** Library parameter names (src/lib's messages) → the cell's. */
export const advPgdParamOf: Record<string, keyof AdvPgdState> = {
  seed: 'pgdSeed', steps: 'pgdSteps', stepSize: 'pgdStep',
};

/** The data the cell computes on: the lab's split, training and test sets only. */
export interface PgdDigits {
  train: DigitsData;
  test: DigitsData;
}

export function parsePgdDigits(json: unknown): PgdDigits {
  const split = labSplit(parseDigits(json), PGD_TRAIN);
  return { train: { x: split.train.x, y: split.train.y }, test: { x: split.test.x, y: split.test.y } };
}

/** What the resource depends on. */
export interface PgdInput {
  seed: number;
  trainEps: number;
  steps: number;
  ratio: number;
  randomStart: boolean;
}

/** Test accuracy (and loss) of one model, per ε of PGD_EPS, under each attack. */
export interface PgdCurves {
  fgsm: number[];
  pgd: number[];
  fgsmLoss: number[];
  pgdLoss: number[];
}

export interface PgdResult {
  input: PgdInput;
  standard: PgdCurves;
  adversarial: PgdCurves;
  testSize: number;
}

export function pgdInput(s: AdvPgdState): PgdInput {
  return { seed: s.pgdSeed, trainEps: s.pgdTeps, steps: s.pgdSteps, ratio: s.pgdStep, randomStart: s.pgdStart === 1 };
}

export const pgdKey = (p: PgdInput): string => [p.seed, p.trainEps, p.steps, p.ratio, p.randomStart ? 1 : 0].join('|');

const PARAMS = DIGITS_FEATURES * PGD_HIDDEN + PGD_HIDDEN + PGD_HIDDEN * DIGITS_CLASSES + DIGITS_CLASSES;
/** Row passes × parameters, roughly: two trainings (the FGSM one twice the passes) and the attacks on LAB_TEST images. */
export function pgdCost(p: PgdInput): number {
  const train = PGD_EPOCHS * PGD_TRAIN * 3;
  const radii = PGD_EPS.length - 1; // PGD at ε = 0 is the clean accuracy: not run
  const attack = 2 * LAB_TEST * (PGD_EPS.length + 1 + radii * (p.steps + 1));
  return (train + attack) * PARAMS;
}

/** No run goes inline: the defaults' result is shipped, and the others take the worker (see above). */
export const PGD_INLINE_COST = 0;

function curves(model: MLPModel, data: PgdDigits, p: PgdInput): PgdCurves {
  const f = attackMLP(model, data.test, PGD_EPS);
  const pgd = PGD_EPS.map((e, i) => (e === 0
    // x^T = x at ε = 0 (the projection), so PGD's numbers are the clean ones, bit for bit: not run
    ? { accuracy: f.accuracies[i]!, loss: f.losses[i]! }
    : (() => {
        const r = pgdMLP(model, data.test, [e], { steps: p.steps, stepSize: p.ratio * e, randomStart: p.randomStart, seed: p.seed });
        return { accuracy: r.accuracies[0]!, loss: r.losses[0]! };
      })()));
  return { fgsm: f.accuracies, pgd: pgd.map((r) => r.accuracy), fgsmLoss: f.losses, pgdLoss: pgd.map((r) => r.loss) };
}

const memo = new WeakMap<PgdDigits, Map<string, PgdResult>>();

/** Both trainings and all the attacks (the same call at build time, inline and in the worker). */
export function pgdRun(p: PgdInput, onProgress: ((done: number, total: number) => void) | undefined, data: PgdDigits): PgdResult {
  let m = memo.get(data);
  if (!m) memo.set(data, (m = new Map()));
  const key = pgdKey(p);
  const hit = m.get(key);
  if (hit) return hit;
  const total = 2 * PGD_EPOCHS + 2;
  const init = initMLP([DIGITS_FEATURES, PGD_HIDDEN, DIGITS_CLASSES], p.seed);
  const opts = {
    epochs: PGD_EPOCHS, batchSize: PGD_BATCH, lr: PGD_LR, optimizer: 'adam' as const, seed: p.seed,
    order: epochOrders(PGD_TRAIN, PGD_EPOCHS, p.seed),
  };
  const std = trainMLP(init, data.train, { ...opts, onEpoch: (d) => onProgress?.(d, total) });
  const adv = trainMLP(init, data.train, { ...opts, fgsm: { eps: p.trainEps, alpha: PGD_MIX }, onEpoch: (d) => onProgress?.(PGD_EPOCHS + d, total) });
  const standard = curves(std, data, p);
  onProgress?.(total - 1, total);
  const adversarial = curves(adv, data, p);
  const result = { input: p, standard, adversarial, testSize: data.test.y.length };
  if (m.size >= 4) m.delete(m.keys().next().value!);
  m.set(key, result);
  return result;
}

export interface PgdPoint {
  eps: number;
  acc: number;
  series: string;
  attack: 'fgsm' | 'pgd';
}

export interface AdvPgdView {
  text: Record<string, string>;
  rows: Record<'accuracy', string[][]>;
  chart: { points: PgdPoint[]; series: string[]; trainEps: number; description: string };
}

export interface AdvPgdPendingView {
  text: Record<string, string>;
  rows?: AdvPgdView['rows'];
  pending: true;
}

const pct = (v: number) => `${formatNumber(100 * v, { digits: 1 })}%`;
const pts = (v: number) => formatNumber(100 * v, { digits: 1 });

const words = {
  en: {
    title: 'Live cell: PGD finds what FGSM misses',
    fields: {
      pgdSeed: { label: 'Random seed', hint: 'the initial weights, the epoch orders and PGD’s random start' },
      pgdTeps: { label: 'Training ε of the FGSM-trained model' },
      pgdSteps: { label: 'PGD steps T' },
      pgdStep: { label: 'PGD step α as a multiple of ε', hint: '0.01 to 2: α = this × ε at every ε of the curve' },
      pgdStart: { label: 'Random start', hint: 'x⁰ uniform in the ε-box around x (Madry et al.), else x⁰ = x' },
    },
    training: 'Training', attack: 'The PGD attack',
    data: `The data: the lab’s digits split (scikit-learn’s load_digits, pixels divided by 16), the first ${PGD_TRAIN} training images and the ${LAB_TEST} test images. The network: 64 → ${PGD_HIDDEN} → 10 with ReLU, trained ${PGD_EPOCHS} epochs with Adam (lr ${PGD_LR}, batches of ${PGD_BATCH}) twice from the same starting point — on clean images, and on the FGSM objective with α = ${PGD_MIX}. Every attack runs in eval mode on the test images and keeps pixels in [0, 1].`,
    progress: 'Training progress', cancel: 'Cancel',
    modelsLabel: 'The two models',
    cleanLabel: 'Clean test accuracy',
    stepsLabel: 'The PGD attack',
    gapStdLabel: 'Standard model: where PGD gains most on FGSM',
    gapAdvLabel: 'FGSM-trained model: where PGD gains most on FGSM',
    caption: 'Test accuracy under FGSM and under PGD, per ε',
    colEps: 'ε', colStdFgsm: 'standard, FGSM', colStdPgd: 'standard, PGD', colAdvFgsm: 'FGSM-trained, FGSM', colAdvPgd: 'FGSM-trained, PGD',
    eps: 'attack ε (L∞ radius)', accuracy: 'test accuracy (%)',
    standard: 'standard', adversarial: 'FGSM-trained',
    seriesName: '{model}, {attack}',
    models: 'standard (clean images only) and FGSM-trained (training ε = {teps}, α = {mix}), both from seed {seed}',
    clean: 'standard {std}, FGSM-trained {adv} ({n} test images)',
    steps: 'T = {t} steps of α = {r}·ε{start}; FGSM is one step of α = ε',
    fromStart: ', from a random point of the ε-box',
    fromX: ', from x',
    gap: 'at ε = {e}: FGSM leaves {f}, PGD {p}, {d} points (PGD misclassifies {k} more of the {n} images)',
    noGap: 'PGD is never below FGSM here: at every ε its accuracy is at least FGSM’s',
    status: 'Two trainings of {e} epochs and the attacks at {r} radii',
    pending: 'Training and attacking in a Web Worker…',
    cancelled: 'Cancelled: the numbers below are still the last finished run’s. Change any value to run again.',
    chart: 'Line chart: test accuracy against the attack’s ε from 0 to {hi}, four lines — the standard and the FGSM-trained model, each under FGSM (solid) and under PGD with {t} steps (dashed). At ε = {hi}: {last}.',
  },
  zh: {
    title: '实时单元：PGD 能找到 FGSM 漏掉的错误',
    fields: {
      pgdSeed: { label: '随机种子', hint: '决定初始权重、每轮的样本顺序和 PGD 的随机起点' },
      pgdTeps: { label: 'FGSM 对抗训练所用的 ε' },
      pgdSteps: { label: 'PGD 步数 T' },
      pgdStep: { label: 'PGD 步长 α（ε 的倍数）', hint: '0.01 到 2：曲线上每个 ε 处 α = 该值 × ε' },
      pgdStart: { label: '随机起点', hint: '在 x 周围的 ε 盒子里均匀取 x⁰（Madry 等人的做法），否则 x⁰ = x' },
    },
    training: '训练', attack: 'PGD 攻击',
    data: `数据：实验室所用的手写数字划分（scikit-learn 的 load_digits，像素除以 16），取前 ${PGD_TRAIN} 张训练图像和全部 ${LAB_TEST} 张测试图像。网络为 64 → ${PGD_HIDDEN} → 10，激活函数 ReLU，用 Adam（学习率 ${PGD_LR}，批大小 ${PGD_BATCH}）训练 ${PGD_EPOCHS} 轮；从同一初始点训练两次：一次只用干净图像，一次用 α = ${PGD_MIX} 的 FGSM 目标函数。所有攻击都在评估模式下作用于测试图像，像素保持在 [0, 1] 内。`,
    progress: '训练进度', cancel: '取消',
    modelsLabel: '两个模型',
    cleanLabel: '干净测试集上的准确率',
    stepsLabel: 'PGD 攻击',
    gapStdLabel: '标准模型：PGD 比 FGSM 多找到错误最多之处',
    gapAdvLabel: 'FGSM 训练的模型：PGD 比 FGSM 多找到错误最多之处',
    caption: '每个 ε 下 FGSM 与 PGD 攻击后的测试集准确率',
    colEps: 'ε', colStdFgsm: '标准模型，FGSM', colStdPgd: '标准模型，PGD', colAdvFgsm: 'FGSM 训练，FGSM', colAdvPgd: 'FGSM 训练，PGD',
    eps: '攻击的 ε（L∞ 半径）', accuracy: '测试集准确率（%）',
    standard: '标准模型', adversarial: 'FGSM 训练',
    seriesName: '{model}，{attack}',
    models: '标准模型（只用干净图像）与 FGSM 对抗训练的模型（训练 ε = {teps}，α = {mix}），随机种子都是 {seed}',
    clean: '标准模型 {std}，FGSM 训练 {adv}（{n} 张测试图像）',
    steps: 'T = {t} 步，每步 α = {r}·ε{start}；FGSM 相当于一步 α = ε',
    fromStart: '，从 ε 盒子里的随机点出发',
    fromX: '，从 x 出发',
    gap: 'ε = {e} 时：FGSM 攻击后 {f}，PGD 攻击后 {p}，相差 {d} 个百分点（{n} 张图像中 PGD 多错 {k} 张）',
    noGap: '这里 PGD 从不低于 FGSM：每个 ε 下它的准确率都不低于 FGSM 的',
    status: '两次训练各 {e} 轮，并在 {r} 个半径上攻击',
    pending: '正在后台（Web Worker）训练并攻击…',
    cancelled: '已取消：下面仍是上一次完成的结果。修改任一参数即可重新运行。',
    chart: '折线图：测试集准确率随攻击的 ε（0 到 {hi}）的变化，共四条线——标准模型与 FGSM 训练的模型，各自在 FGSM（实线）和 {t} 步 PGD（虚线）攻击下。ε = {hi} 时：{last}。',
  },
} as const;

/** The ε (of PGD_EPS) where PGD's accuracy is furthest below FGSM's; null when it never is. */
export function largestGap(c: PgdCurves): { index: number; gap: number } | null {
  let best: { index: number; gap: number } | null = null;
  c.fgsm.forEach((f, i) => {
    const gap = f - c.pgd[i]!;
    if (gap > 0 && (best === null || gap > best.gap)) best = { index: i, gap };
  });
  return best;
}

export function advPgdView(s: AdvPgdState, lang: Lang, r: PgdResult): AdvPgdView {
  const w = words[lang];
  const name = (model: 'standard' | 'adversarial', attack: 'fgsm' | 'pgd') =>
    fill(w.seriesName, { model: w[model], attack: attack === 'fgsm' ? 'FGSM' : 'PGD' });
  const series = [name('standard', 'fgsm'), name('standard', 'pgd'), name('adversarial', 'fgsm'), name('adversarial', 'pgd')];
  const cols: [PgdCurves, 'fgsm' | 'pgd'][] = [[r.standard, 'fgsm'], [r.standard, 'pgd'], [r.adversarial, 'fgsm'], [r.adversarial, 'pgd']];
  const points: PgdPoint[] = [];
  PGD_EPS.forEach((eps, i) => cols.forEach(([c, attack], k) => points.push({ eps, acc: 100 * c[attack][i]!, series: series[k]!, attack })));
  const rows = PGD_EPS.map((eps, i) => [formatTyped(eps), ...cols.map(([c, attack]) => pct(c[attack][i]!))]);
  const n = r.testSize;
  const gapText = (c: PgdCurves) => {
    const g = largestGap(c);
    if (g === null) return w.noGap;
    return fill(w.gap, {
      e: formatTyped(PGD_EPS[g.index]!), f: pct(c.fgsm[g.index]!), p: pct(c.pgd[g.index]!), d: pts(g.gap),
      k: Math.round(g.gap * n), n,
    });
  };
  const last = PGD_EPS.length - 1;
  const description = fill(w.chart, {
    hi: formatTyped(PGD_EPS[last]!), t: s.pgdSteps,
    last: cols.map(([c, attack], k) => `${series[k]} ${pct(c[attack][last]!)}`).join(lang === 'zh' ? '；' : '; '),
  });
  const gapStd = gapText(r.standard);
  const gapAdv = gapText(r.adversarial);
  return {
    text: {
      status: fill(w.status, { e: PGD_EPOCHS, r: PGD_EPS.length }),
      models: fill(w.models, { teps: formatTyped(s.pgdTeps), mix: formatTyped(PGD_MIX), seed: s.pgdSeed }),
      clean: fill(w.clean, { std: pct(r.standard.fgsm[0]!), adv: pct(r.adversarial.fgsm[0]!), n }),
      steps: fill(w.steps, { t: s.pgdSteps, r: formatTyped(s.pgdStep), start: s.pgdStart === 1 ? w.fromStart : w.fromX }),
      gapStd,
      gapAdv,
      description,
      pytorch: advPgdCode(s),
      summary: summary(lang, [['标准模型', 'standard model', gapStd], ['FGSM 训练的模型', 'FGSM-trained model', gapAdv]]),
    },
    rows: { accuracy: rows },
    chart: { points, series, trainEps: s.pgdTeps, description },
  };
}

/**
 * Runnable PyTorch (float64): the lab's split and starting point from the page's generator, both
 * trainings as src/lib/trainer runs them, FGSM and PGD as attack.ts; it prints the cell's table.
 */
export function advPgdCode(s: AdvPgdState): string {
  return [
    'import math',
    '',
    'import torch',
    'import torch.nn as nn',
    'import torch.nn.functional as F',
    'from sklearn.datasets import load_digits',
    '',
    'torch.set_default_dtype(torch.float64)',
    `seed, train_eps, steps, step_ratio, random_start = ${s.pgdSeed}, ${pyFloat(s.pgdTeps)}, ${s.pgdSteps}, ${pyFloat(s.pgdStep)}, ${pyBool(s.pgdStart === 1)}`,
    `n_train, hidden, epochs, batch_size, lr, mix = ${PGD_TRAIN}, ${PGD_HIDDEN}, ${PGD_EPOCHS}, ${PGD_BATCH}, ${pyFloat(PGD_LR)}, ${pyFloat(PGD_MIX)}`,
    `EPS = [${PGD_EPS.map(pyFloat).join(', ')}]`,
    '',
    '',
    ...PYTHON_RNG_SOURCE.split('\n'),
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
    '# The lab\'s fixed split: one permutation from seed 0; validation first, then training, test last.',
    'digits = load_digits()',
    'X_all = torch.tensor(digits.data / 16)',
    'Y_all = torch.tensor(digits.target)',
    `perm = permutation(Mulberry32(${LAB_SPLIT_SEED}), len(Y_all))`,
    `X, Y = X_all[perm[${LAB_VALIDATION}:${LAB_VALIDATION} + n_train]], Y_all[perm[${LAB_VALIDATION}:${LAB_VALIDATION} + n_train]]`,
    `XT, YT = X_all[perm[-${LAB_TEST}:]], Y_all[perm[-${LAB_TEST}:]]`,
    '',
    '',
    'def network():  # nn.Linear\'s U(-1/sqrt(fan_in), 1/sqrt(fan_in)) from Mulberry32(seed): weight row-major, then bias',
    '    model = nn.Sequential(nn.Linear(64, hidden), nn.ReLU(), nn.Linear(hidden, 10))',
    '    rng = Mulberry32(seed)',
    '    with torch.no_grad():',
    '        for lin in (model[0], model[2]):',
    '            b = 1 / math.sqrt(lin.in_features)',
    '            lin.weight.copy_(torch.tensor([[rng.uniform(-b, b) for _ in range(lin.in_features)] for _ in range(lin.out_features)]))',
    '            lin.bias.copy_(torch.tensor([rng.uniform(-b, b) for _ in range(lin.out_features)]))',
    '    return model',
    '',
    '',
    'def input_grad(model, x, y):  # the gradient of the mean cross-entropy with respect to the input',
    '    x = x.clone().requires_grad_(True)',
    '    (g,) = torch.autograd.grad(F.cross_entropy(model(x), y), x)',
    '    return g',
    '',
    '',
    'def train(fgsm_eps):',
    '    model = network()',
    '    opt = torch.optim.Adam(model.parameters(), lr=lr)',
    '    orders = Mulberry32(seed)  # one stream, one permutation per epoch',
    '    for epoch in range(epochs):',
    '        order = permutation(orders, n_train)',
    '        for start in range(0, n_train, batch_size):',
    '            idx = torch.tensor(order[start:start + batch_size])',
    '            xb, yb = X[idx], Y[idx]',
    '            opt.zero_grad()',
    '            if fgsm_eps is None:',
    '                loss = F.cross_entropy(model(xb), yb)',
    '            else:  # alpha * L(x) + (1 - alpha) * L(x_adv), x_adv from the current weights, treated as a constant',
    '                x_adv = torch.clamp(xb + fgsm_eps * input_grad(model, xb, yb).sign(), 0, 1)',
    '                loss = mix * F.cross_entropy(model(xb), yb) + (1 - mix) * F.cross_entropy(model(x_adv), yb)',
    '            loss.backward()',
    '            opt.step()',
    '    return model.eval()',
    '',
    '',
    'def fgsm(model, x, y, eps):',
    '    return torch.clamp(x + eps * input_grad(model, x, y).sign(), 0, 1)',
    '',
    '',
    'def pgd(model, x, y, eps, steps, alpha):  # Madry et al. (2018): projected steps in the L-inf ball',
    '    xt = x.clone()',
    '    if random_start:  # u uniform in [-eps, eps) per pixel, row by row, a fresh generator per eps',
    '        rng = Mulberry32(seed)',
    '        xt = torch.clamp(x + torch.tensor([[rng.uniform(-eps, eps) for _ in range(x.shape[1])] for _ in range(x.shape[0])]), 0, 1)',
    '    for _ in range(steps):',
    '        xt = xt + alpha * input_grad(model, xt, y).sign()',
    '        xt = torch.clamp(torch.min(torch.max(xt, x - eps), x + eps), 0, 1)  # project, then keep pixels in [0, 1]',
    '    return xt',
    '',
    '',
    'def accuracy(model, x):',
    '    with torch.no_grad():',
    '        return 100 * (model(x).argmax(1) == YT).double().mean().item()',
    '',
    '',
    'standard, adversarial = train(None), train(train_eps)',
    'print("eps    standard FGSM  standard PGD  FGSM-trained FGSM  FGSM-trained PGD")',
    'for eps in EPS:',
    '    row = []',
    '    for model in (standard, adversarial):',
    '        row.append(accuracy(model, fgsm(model, XT, YT, eps)))',
    '        row.append(accuracy(model, pgd(model, XT, YT, eps, steps, step_ratio * eps)))',
    '    print(f"{eps:<6} " + "  ".join(f"{a:.1f}%" for a in row))',
  ].join('\n');
}

export const cell = defineCell({
  id: 'adv-pgd',
  prefix: 'apgd',
  schema: advPgdSchema,
  paramOf: advPgdParamOf,
  words,
  data: { file: PGD_DIGITS_FILE, parse: parsePgdDigits },
  resource: {
    input: (s: AdvPgdState) => pgdInput(s),
    key: pgdKey,
    cost: pgdCost,
    inlineCost: PGD_INLINE_COST,
    ship: true,
    run: pgdRun,
  },
  layout: [
    { fields: [{ param: 'pgdSeed', slider: false }, 'pgdTeps'], title: 'training' },
    { fields: ['pgdSteps', 'pgdStep', { param: 'pgdStart', control: 'switch' }], title: 'attack' },
    { hint: 'data' },
    { status: 'status', progress: 'progress', cancel: 'cancel' },
    {
      outputs: [
        { result: 'models', label: 'modelsLabel' },
        { result: 'clean', label: 'cleanLabel', output: true },
        { result: 'steps', label: 'stepsLabel' },
        { chart: 'curves', caption: 'description', rowsTable: 'accuracy' },
        { table: 'accuracy', caption: 'caption', head: ['colEps', 'colStdFgsm', 'colStdPgd', 'colAdvFgsm', 'colAdvPgd'] },
        { result: 'gapStd', label: 'gapStdLabel', output: true },
        { result: 'gapAdv', label: 'gapAdvLabel', output: true },
      ],
    },
    { code: 'pytorch' },
  ],
  view: (s: AdvPgdState, lang: Lang, r: Resource<PgdResult>): AdvPgdView | AdvPgdPendingView => {
    const w = words[lang];
    if (r.status === 'ready') return advPgdView(s, lang, r.value);
    return { text: { status: r.status === 'pending' ? w.pending : w.cancelled }, pending: true };
  },
});
