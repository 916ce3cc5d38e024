/**
 * The single-point FGSM cell: one logistic model z = w·x + b, one point x with label y, one step ε.
 * Every number comes from src/lib/fgsm (and flipEpsilon from src/lib/adversarialTraining); the
 * substituted formulas are plain text built here, so build time and browser print the same
 * characters. Defaults are docs/reference-semantics.md's worked check: w = [1, −2], b = 0, x = [0.5, 0.5], y = 1,
 * ε = 0.1 → x_adv = [0.4, 0.6], loss 0.974077 → 1.171101.
 */
import { adversarialLoss, inputGradient, sigmoid } from '../lib/fgsm';
import { flipEpsilon, predict } from '../lib/adversarialTraining';
import { formatNumber as fmt, formatTyped as typed } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell, fill } from './define';
import { pyFloat, pyList } from './python';

export const fgsmSchema = {
  w: { kind: 'vector', minLength: 1, maxLength: 8, min: -50, max: 50, default: [1, -2] },
  b: { kind: 'number', min: -50, max: 50, step: 0.1, default: 0 },
  x: { kind: 'vector', minLength: 1, maxLength: 8, min: -50, max: 50, default: [0.5, 0.5] },
  y: { kind: 'integer', min: 0, max: 1, default: 1 },
  eps: { kind: 'number', min: 0, max: 2, step: 0.01, default: 0.1 },
  alpha: { kind: 'number', min: 0, max: 1, step: 0.05, default: 0.5 },
} as const satisfies Schema;

export type FgsmState = StateOf<typeof fgsmSchema>;

/** Library parameter names (as in src/lib error messages) → the cell's inputs. */
export const fgsmParamOf: Record<string, keyof FgsmState> = {
  model: 'w', eps: 'eps', alpha: 'alpha', x: 'x', y: 'y',
};

/** The weights set the dimension: x is padded with 0 or cut to w's length. */
export function normalizeFgsm(s: FgsmState): FgsmState {
  const x = Array.from({ length: s.w.length }, (_, i) => s.x[i] ?? 0);
  return { ...s, x };
}

export interface FgsmView {
  text: Record<string, string>;
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：对一个点做 FGSM',
    fields: {
      w: { label: '权重 w', hint: '用逗号分隔；x 的长度跟随 w' },
      b: { label: '偏置 b' },
      x: { label: '输入 x', hint: '每个权重一个数；多余的截掉，不足补 0' },
      y: { label: '真实标签 y', options: { '0': 'y = 0（负类）', '1': 'y = 1（正类）' } },
      eps: { label: '扰动大小 ε' },
      alpha: { label: '干净损失的权重 α' },
    },
    steps: '逐步代入', z: 'logit', sigma: '概率', grad: '输入梯度', sign: '梯度符号', xAdv: '对抗样本',
    zAdv: '对抗样本的 logit', loss: '损失', lossAdv: '对抗损失', linear: '一阶近似（线性化预测的损失）', objective: '对抗训练目标',
    results: '结果', xAdvResult: '对抗样本 x_adv', lossResult: '损失 J(x)', lossAdvResult: '对抗损失 J(x_adv)',
    cleanPred: '干净输入的预测', advPred: '对抗输入的预测', flip: '何时翻转',
    wrongAlready: '这个点本来就被分错了（s·z/‖w‖₁ = {e} ≤ 0），任何 ε 都不会让它变对。',
    flipsAt: '当 ε > s·z/‖w‖₁ = {e} 时，FGSM 会让预测翻转（对线性模型，这正是 L∞ 球内的最坏情况）。',
    noBoundary: 'w = 0（或小到可以忽略）：没有决策边界，任何扰动都不改变预测。',
    correct: '{c}（正确）',
    wrong: '{c}（错误）',
  },
  en: {
    title: 'Live cell: FGSM on one point',
    fields: {
      w: { label: 'Weights w', hint: 'Comma-separated; x follows its length' },
      b: { label: 'Bias b' },
      x: { label: 'Input x', hint: 'One number per weight; extra ones cut, missing ones 0' },
      y: { label: 'True label y', options: { '0': 'y = 0 (negative)', '1': 'y = 1 (positive)' } },
      eps: { label: 'Step size ε' },
      alpha: { label: 'Weight of the clean loss α' },
    },
    steps: 'Step by step, numbers substituted', z: 'logit', sigma: 'probability', grad: 'input gradient', sign: 'its sign', xAdv: 'adversarial example',
    zAdv: 'logit of the adversarial example', loss: 'loss', lossAdv: 'adversarial loss', linear: 'first-order estimate (linearized loss)', objective: 'adversarial training objective',
    results: 'Results', xAdvResult: 'Adversarial example x_adv', lossResult: 'Loss J(x)', lossAdvResult: 'Adversarial loss J(x_adv)',
    cleanPred: 'Prediction on x', advPred: 'Prediction on x_adv', flip: 'When it flips',
    wrongAlready: 'This point is already misclassified (s·z/‖w‖₁ = {e} ≤ 0); no ε makes it right.',
    flipsAt: 'FGSM flips the prediction once ε > s·z/‖w‖₁ = {e} (for a linear model that is exactly the worst case in the L∞ ball).',
    noBoundary: 'w = 0 (or vanishingly small): there is no decision boundary, so no perturbation changes the prediction.',
    correct: '{c} (correct)',
    wrong: '{c} (wrong)',
  },
} as const;

/** Negative numbers in parentheses, for products in substituted formulas. */
const paren = (s: string) => (s.startsWith('−') ? `(${s})` : s);
const vec = (xs: readonly number[], f: (v: number) => string = (v) => fmt(v)) => `[${xs.map(f).join(', ')}]`;
const loss6 = (v: number) => fmt(v, { digits: 6 });

export function fgsmView(s: FgsmState, lang: Lang): FgsmView {
  const w = words[lang];
  const model = { w: s.w, b: s.b };
  const y = s.y as 0 | 1;
  const a = adversarialLoss(s.x, model, y, s.eps, s.alpha);
  const grad = inputGradient(s.x, model, y);
  const signs = grad.map((g) => Math.sign(g));
  const z = s.x.reduce((acc, xi, i) => acc + s.w[i]! * xi, s.b);
  const zAdv = a.xAdv.reduce((acc, xi, i) => acc + s.w[i]! * xi, s.b);
  const p = sigmoid(z);
  const pAdv = sigmoid(zAdv);
  const gradL1 = grad.reduce((acc, g) => acc + Math.abs(g), 0);
  const flip = flipEpsilon(s.x, model, y);
  const zTerms = (xs: readonly number[]) =>
    xs.map((xi, i) => `${paren(typed(s.w[i]!))}·${paren(typed(xi))}`).join(' + ') + ` + ${paren(typed(s.b))}`;
  const predicted = (c: number) => fill(c === y ? w.correct : w.wrong, { c });
  const lossFormula = (pz: number, zn: string) =>
    y === 1 ? `−log σ(${zn}) = −log ${fmt(pz)}` : `−log(1 − σ(${zn})) = −log ${fmt(1 - pz)}`;

  return {
    text: {
      z: `z = w·x + b = ${zTerms(s.x)} = ${fmt(z)}`,
      sigma: `σ(z) = 1 / (1 + e^(${fmt(-z)})) = ${fmt(p)}`,
      grad: `∇ₓJ = (σ(z) − y)·w = (${fmt(p)} − ${y})·${vec(s.w, typed)} = ${vec(grad)}`,
      sign: `sign(∇ₓJ) = ${vec(signs, (v) => fmt(v, { digits: 0 }))}`,
      xAdv: `x_adv = x + ε·sign(∇ₓJ) = ${vec(s.x, typed)} + ${typed(s.eps)}·${vec(signs, (v) => fmt(v, { digits: 0 }))} = ${vec(a.xAdv, typed)}`,
      xAdvShort: vec(a.xAdv, typed),
      zAdv: `z_adv = ${zTerms(a.xAdv)} = ${fmt(zAdv)}`,
      loss: loss6(a.clean),
      lossFormula: `J(x) = ${lossFormula(p, 'z')} = ${loss6(a.clean)}`,
      lossAdv: loss6(a.adversarial),
      lossAdvFormula: `J(x_adv) = ${lossFormula(pAdv, 'z_adv')} = ${loss6(a.adversarial)}`,
      linear: `J(x) + ε·‖∇ₓJ‖₁ = ${loss6(a.clean)} + ${typed(s.eps)}·${fmt(gradL1)} = ${loss6(a.clean + s.eps * gradL1)}`,
      objective: `α·J(x) + (1 − α)·J(x_adv) = ${typed(s.alpha)}·${loss6(a.clean)} + ${typed(1 - s.alpha)}·${loss6(a.adversarial)} = ${loss6(a.total)}`,
      predClean: predicted(predict(model, s.x)),
      predAdv: predicted(predict(model, a.xAdv)),
      flip: flip === null ? w.noBoundary : fill(flip <= 0 ? w.wrongAlready : w.flipsAt, { e: fmt(flip) }),
      summary: summary(lang, [['损失', 'Loss', loss6(a.clean)], ['攻击后', 'after FGSM', loss6(a.adversarial)], ['预测', 'prediction', `${predicted(predict(model, s.x))} → ${predicted(predict(model, a.xAdv))}`]]),
      pytorch: fgsmPytorch(s),
    },
  };
}


/** Runnable PyTorch that prints the cell's numbers for the current parameters. */
export function fgsmPytorch(s: FgsmState): string {
  const list = (xs: readonly number[]) => `${pyList(xs)}`;
  return [
    'import torch',
    'import torch.nn.functional as F',
    '',
    'torch.set_default_dtype(torch.float64)',
    `w = torch.tensor(${list(s.w)})`,
    `b = ${pyFloat(s.b)}`,
    `x = torch.tensor(${list(s.x)}, requires_grad=True)`,
    `y = torch.tensor(${pyFloat(s.y)})`,
    `epsilon, alpha = ${pyFloat(s.eps)}, ${pyFloat(s.alpha)}`,
    '',
    '# J(x): binary cross-entropy on the logit z = w·x + b',
    'loss = F.binary_cross_entropy_with_logits(x @ w + b, y)',
    'loss.backward()  # x.grad = (sigmoid(z) - y) * w',
    '',
    '# FGSM: one step of size epsilon along the sign of the input gradient',
    'x_adv = (x + epsilon * x.grad.sign()).detach()',
    'loss_adv = F.binary_cross_entropy_with_logits(x_adv @ w + b, y)',
    '',
    'print("grad:", x.grad.tolist())',
    'print("x_adv:", x_adv.tolist())',
    'print(f"loss: {loss.item():.6f} -> {loss_adv.item():.6f}")',
    'print(f"objective: {alpha * loss.item() + (1 - alpha) * loss_adv.item():.6f}")',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'fgsm',
  prefix: 'fg',
  schema: fgsmSchema,
  normalize: normalizeFgsm,
  paramOf: fgsmParamOf,
  words,
  layout: [
    { fields: ['w', { param: 'b', slider: false }, 'x', { param: 'y', control: 'radio' }, 'eps', 'alpha'] },
    { heading: 'steps' },
    {
      list: [
        { label: 'z', slot: 'z' },
        { label: 'sigma', slot: 'sigma' },
        { label: 'grad', slot: 'grad' },
        { label: 'sign', slot: 'sign' },
        { label: 'xAdv', slot: 'xAdv' },
        { label: 'zAdv', slot: 'zAdv' },
        { label: 'loss', slot: 'lossFormula' },
        { label: 'lossAdv', slot: 'lossAdvFormula' },
        { label: 'linear', slot: 'linear' },
        { label: 'objective', slot: 'objective' },
      ],
    },
    { heading: 'results' },
    { result: 'xAdvShort', label: 'xAdvResult', output: true },
    { result: 'loss', label: 'lossResult', output: true },
    { result: 'lossAdv', label: 'lossAdvResult', output: true },
    { result: 'predClean', label: 'cleanPred' },
    { result: 'predAdv', label: 'advPred' },
    { result: 'flip', label: 'flip' },
    { code: 'pytorch' },
  ],
  view: fgsmView,
});
