/**
 * mixup and cutout on two of the site's 8×8 digits (issue #13 §2): x̃ = λ·x_i + (1 − λ)·x_j with its
 * soft target, the cross-entropy of a nearest-class-mean scorer's logits on x̃ computed both ways
 * (CE with the soft target, and λ·CE(y_i) + (1 − λ)·CE(y_j)), what Beta(α, α) says about λ, and a
 * cutout square on x_i with the pixels it erased. Numbers from src/lib/mixup.ts and src/lib/cutout.ts;
 * the digits are public/data/digits.json (scikit-learn's load_digits), the cell's data file. The
 * pictures are slots (src/components/data-augmentation/MixupDigits.astro) drawn at build time and
 * redrawn by src/components/charts/mixup-cutout.ts from `view.figures`.
 */
import { betaCdf, betaPdf, centroidLogits, classMeans, mixup, mixupEdgeMass, mixupLoss } from '../lib/mixup';
import { cutout, type CutoutBox } from '../lib/cutout';
import { DIGITS_CLASSES, DIGITS_SAMPLES, parseDigits, type DigitsData } from '../lib/digits';
import { softmax } from '../lib/labelSmoothing';
import { formatNumber, formatTyped } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary } from './a11y';
import { defineCell, fill } from './define';
import { pyFloat } from './python';

/** The digits file and what the cell computes from it once: the class means μ_k of the scorer. */
export interface MixupDigits extends DigitsData {
  means: number[][];
}

export const MIXUP_DIGITS_FILE = 'data/digits.json';
/** The side of the images. */
const SIDE = 8;

export function parseMixupDigits(json: unknown): MixupDigits {
  const d = parseDigits(json);
  return { ...d, means: classMeans(d.x, d.y, DIGITS_CLASSES) };
}

export const mixupCutoutSchema = {
  mixI: { kind: 'integer', min: 0, max: DIGITS_SAMPLES - 1, default: 0 },
  mixJ: { kind: 'integer', min: 0, max: DIGITS_SAMPLES - 1, default: 7 },
  mixLam: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.7 },
  mixAlpha: { kind: 'number', min: 0.05, max: 10, step: 0.05, default: 0.2 },
  cutS: { kind: 'integer', min: 1, max: SIDE, default: 4 },
  cutY: { kind: 'integer', min: 0, max: SIDE - 1, default: 4 },
  cutX: { kind: 'integer', min: 0, max: SIDE - 1, default: 2 },
} as const satisfies Schema;

export type MixupCutoutState = StateOf<typeof mixupCutoutSchema>;

/** Library parameter names (src/lib's messages) → the cell's. */
export const mixupCutoutParamOf: Record<string, keyof MixupCutoutState> = {
  lambda: 'mixLam', alpha: 'mixAlpha', size: 'cutS', cy: 'cutY', cx: 'cutX',
};

/** One picture of the slots: its 64 pixels in [0, 1], its accessible name, and the cutout square. */
export interface MixupFigure {
  key: 'xi' | 'xj' | 'mixed' | 'original' | 'cut';
  pixels: number[];
  label: string;
  box?: CutoutBox;
}

export interface MixupCutoutView {
  text: Record<string, string>;
  rows: Record<'classes', string[][]>;
  figures: MixupFigure[];
}

const fmt = (x: number) => formatNumber(x, { digits: 6 });
const f4 = (x: number) => formatNumber(x);

const words = {
  zh: {
    title: '实时单元：两个手写数字上的 mixup 与 cutout',
    fields: {
      mixI: { label: '数字 xᵢ 的编号', hint: '0 到 1796（load_digits 中的行号）' },
      mixJ: { label: '数字 xⱼ 的编号', hint: '0 到 1796' },
      mixLam: { label: '混合系数 λ', hint: '0 到 1；λ = 1 即原样的 xᵢ' },
      mixAlpha: { label: 'Beta(α, α) 的 α', hint: '0.05 到 10；原文在 ImageNet 上用 0.1 到 0.4' },
      cutS: { label: '正方形边长 s', hint: '1 到 8 像素' },
      cutY: { label: '中心所在行 c_y', hint: '0 到 7；中心靠近边缘时正方形被图像边界截断' },
      cutX: { label: '中心所在列 c_x', hint: '0 到 7' },
    },
    data: '数据：本站的 1797 个 8×8 手写数字（scikit-learn 的 load_digits，像素除以 16）。“分类器”是最简单的按类均值打分：logit zₖ = −‖x̃ − μₖ‖²，μₖ 是数字 k 全部样本的平均图像；它不是训练出来的网络，只是为了给出一组 logit。',
    mixHead: 'mixup',
    digitI: '数字 xᵢ', digitJ: '数字 xⱼ', mixFormula: '混合后的输入', target: '软标签',
    soft: '软标签的交叉熵', split: '两个交叉熵的加权和', gap: '两者之差（只是舍入误差）', top: '打分最高的类',
    caption: '混合图像上每一类的 logit、softmax 概率与软标签',
    colClass: '类 k', colZ: 'logit zₖ = −‖x̃ − μₖ‖²', colP: '概率 pₖ', colT: '软标签 ỹₖ',
    betaHead: 'λ 的分布 Beta(α, α)',
    edge: 'λ 离 0 或 1 不到 0.1 的概率', middle: 'λ 落在 0.4 到 0.6 之间的概率', density: '在当前 λ 处的概率密度',
    infinite: '在 λ = {lam} 处为无穷大（α < 1）',
    cutHead: 'cutout',
    box: '被遮挡的区域', erase: '等价的 torchvision 调用', erased: '被置零的像素',
    boxText: '第 {r0} 到 {r1} 行、第 {c0} 到 {c1} 列（{h} × {w}）',
    clipped: '；{s} × {s} 的正方形被图像边界截断',
    erasedText: '64 个像素中的 {n} 个（其中 {ink} 个原本有笔画）',
    figXi: 'xᵢ：第 {i} 号，数字 {y}', figXj: 'xⱼ：第 {i} 号，数字 {y}', figMixed: 'x̃ = {lam}·xᵢ + {rest}·xⱼ',
    figOriginal: 'xᵢ（原图）', figCut: 'cutout 之后：{n} 个像素被置零',
  },
  en: {
    title: 'Live cell: mixup and cutout on two handwritten digits',
    fields: {
      mixI: { label: 'Digit xᵢ (row)', hint: '0 to 1796 (the row of load_digits)' },
      mixJ: { label: 'Digit xⱼ (row)', hint: '0 to 1796' },
      mixLam: { label: 'Mixing weight λ', hint: '0 to 1; λ = 1 is xᵢ unchanged' },
      mixAlpha: { label: 'α of Beta(α, α)', hint: '0.05 to 10; the paper uses 0.1 to 0.4 on ImageNet' },
      cutS: { label: 'Square side s', hint: '1 to 8 pixels' },
      cutY: { label: 'Centre row c_y', hint: '0 to 7; near the edge the border clips the square' },
      cutX: { label: 'Centre column c_x', hint: '0 to 7' },
    },
    data: 'The data: the site’s 1,797 handwritten 8×8 digits (scikit-learn’s load_digits, pixels divided by 16). The “classifier” is the simplest there is, a nearest-class-mean scorer: logit zₖ = −‖x̃ − μₖ‖², with μₖ the mean image of all the digits k. It is not a trained network; it only provides logits.',
    mixHead: 'mixup',
    digitI: 'Digit xᵢ', digitJ: 'Digit xⱼ', mixFormula: 'Mixed input', target: 'Soft target',
    soft: 'Cross-entropy with the soft target', split: 'The two cross-entropies, weighted', gap: 'Their difference (rounding only)', top: 'Highest-scoring class',
    caption: 'Each class’s logit, softmax probability and soft target on the mixed image',
    colClass: 'Class k', colZ: 'logit zₖ = −‖x̃ − μₖ‖²', colP: 'probability pₖ', colT: 'soft target ỹₖ',
    betaHead: 'The distribution of λ: Beta(α, α)',
    edge: 'Probability that λ is within 0.1 of 0 or 1', middle: 'Probability that λ is between 0.4 and 0.6', density: 'Density at the current λ',
    infinite: 'infinite at λ = {lam} (α < 1)',
    cutHead: 'cutout',
    box: 'The square', erase: 'The same as torchvision’s', erased: 'Pixels set to 0',
    boxText: 'rows {r0} to {r1}, columns {c0} to {c1} ({h} × {w})',
    clipped: '; the border clips the {s} × {s} square',
    erasedText: '{n} of 64 ({ink} of them inked)',
    figXi: 'xᵢ: row {i}, a {y}', figXj: 'xⱼ: row {i}, a {y}', figMixed: 'x̃ = {lam}·xᵢ + {rest}·xⱼ',
    figOriginal: 'xᵢ (original)', figCut: 'after cutout: {n} pixels set to 0',
  },
} as const;

/** The cell's numbers for a state, every one from src/lib (the view formats them; the prose quotes some). */
export function mixupCutoutNumbers(s: MixupCutoutState, data: MixupDigits) {
  const xi = data.x[s.mixI]!;
  const xj = data.x[s.mixJ]!;
  const yi = data.y[s.mixI]!;
  const yj = data.y[s.mixJ]!;
  const mixed = mixup(xi, xj, s.mixLam);
  const z = centroidLogits(mixed, data.means);
  const loss = mixupLoss(z, yi, yj, s.mixLam);
  const a = s.mixAlpha;
  return {
    xi, xj, yi, yj, mixed, z, loss, p: softmax(z),
    edge: mixupEdgeMass(a, 0.1),
    middle: betaCdf(0.6, a, a) - betaCdf(0.4, a, a),
    /** The density of Beta(α, α) at λ, null where it is infinite (λ = 0 or 1 with α < 1). */
    density: (s.mixLam === 0 || s.mixLam === 1) && a < 1 ? null : betaPdf(s.mixLam, a, a),
    cut: cutout(xi, SIDE, SIDE, s.cutS, s.cutY, s.cutX),
  };
}

export function mixupCutoutView(s: MixupCutoutState, lang: Lang, data: MixupDigits): MixupCutoutView {
  const w = words[lang];
  const { xi, xj, yi, yj, mixed, z, loss, p, edge, middle, density: pdf, cut } = mixupCutoutNumbers(s, data);
  const lam = s.mixLam;
  const top = p.reduce((best, v, k) => (v > p[best]! ? k : best), 0);
  const lamText = formatTyped(lam);
  const restText = formatTyped(1 - lam);
  const density = pdf === null ? fill(w.infinite, { lam: lamText }) : f4(pdf);
  const b = cut.box;
  const clipped = b.height !== s.cutS || b.width !== s.cutS;
  const split = `${lamText}·CE(z, ${yi}) + ${restText}·CE(z, ${yj}) = ${lamText}·${fmt(loss.ceI)} + ${restText}·${fmt(loss.ceJ)} = ${fmt(loss.split)}`;
  return {
    text: {
      digitI: `#${s.mixI}, y = ${yi}`,
      digitJ: `#${s.mixJ}, y = ${yj}`,
      mixFormula: `x̃ = ${lamText}·x${sub(s.mixI)} + ${restText}·x${sub(s.mixJ)}`,
      target: `ỹ = ${lamText}·onehot(${yi}) + ${restText}·onehot(${yj}) = [${loss.target.map(formatTyped).join(', ')}]`,
      soft: `CE(z, ỹ) = −Σₖ ỹₖ·log pₖ = ${fmt(loss.soft)}`,
      split,
      gap: formatNumber(loss.soft - loss.split, { digits: 2 }),
      top: `${top} (p = ${f4(p[top]!)})`,
      edge: f4(edge),
      middle: f4(middle),
      density,
      box: fill(w.boxText, { r0: b.top, r1: b.top + b.height - 1, c0: b.left, c1: b.left + b.width - 1, h: b.height, w: b.width })
        + (clipped ? fill(w.clipped, { s: s.cutS }) : ''),
      erase: `erase(img, i=${b.top}, j=${b.left}, h=${b.height}, w=${b.width}, v=0)`,
      erased: fill(w.erasedText, { n: cut.erased, ink: cut.inked }),
      summary: summary(lang, [
        ['软标签的交叉熵', 'CE with the soft target', fmt(loss.soft)],
        ['加权和', 'weighted sum', fmt(loss.split)],
        ['被置零的像素', 'pixels erased', String(cut.erased)],
      ]),
      pytorch: mixupCutoutPytorch(s),
    },
    rows: {
      classes: z.map((v, k) => [String(k), fmt(v), f4(p[k]!), formatTyped(loss.target[k]!)]),
    },
    figures: [
      { key: 'xi', pixels: xi, label: fill(w.figXi, { i: s.mixI, y: yi }) },
      { key: 'xj', pixels: xj, label: fill(w.figXj, { i: s.mixJ, y: yj }) },
      { key: 'mixed', pixels: mixed, label: fill(w.figMixed, { lam: lamText, rest: restText }) },
      { key: 'original', pixels: xi, label: w.figOriginal, box: b },
      { key: 'cut', pixels: cut.image, label: fill(w.figCut, { n: cut.erased }), box: b },
    ],
  };
}

/** Subscript digits: 17 → ₁₇. */
function sub(n: number): string {
  return String(n).replace(/\d/g, (d) => String.fromCharCode(0x2080 + Number(d)));
}

/** Float64 PyTorch (and scipy for the Beta distribution) that prints the cell's numbers. */
export function mixupCutoutPytorch(s: MixupCutoutState): string {
  return [
    'import torch',
    'import torch.nn.functional as F',
    'import torchvision.transforms.functional as TF',
    'from scipy import stats',
    'from sklearn.datasets import load_digits',
    '',
    'torch.set_default_dtype(torch.float64)',
    'digits = load_digits()',
    'X = torch.tensor(digits.data / 16.0)  # 1797 digits, 64 pixels in [0, 1]',
    'y = torch.tensor(digits.target)',
    '# The page\'s scorer: logit z_k = -||x - mu_k||^2, mu_k the mean image of the digits k.',
    'means = torch.stack([X[y == k].mean(0) for k in range(10)])',
    '',
    `i, j, lam, alpha = ${s.mixI}, ${s.mixJ}, ${pyFloat(s.mixLam)}, ${pyFloat(s.mixAlpha)}`,
    '# mixup: in training lam = numpy.random.beta(alpha, alpha) for each batch; here it is given.',
    'x_mix = lam * X[i] + (1 - lam) * X[j]',
    'y_mix = lam * F.one_hot(y[i], 10).double() + (1 - lam) * F.one_hot(y[j], 10).double()',
    'z = -((x_mix - means) ** 2).sum(1)',
    'soft = F.cross_entropy(z[None], y_mix[None])  # a probability target',
    'ce_i = F.cross_entropy(z[None], y[i][None])',
    'ce_j = F.cross_entropy(z[None], y[j][None])',
    'print("soft target", y_mix.tolist())',
    'print("CE soft", soft.item())',
    'print("CE i", ce_i.item(), "CE j", ce_j.item())',
    'print("weighted", (lam * ce_i + (1 - lam) * ce_j).item())',
    'print("edge", stats.beta.cdf(0.1, alpha, alpha) + stats.beta.sf(0.9, alpha, alpha))',
    'print("middle", stats.beta.cdf(0.6, alpha, alpha) - stats.beta.cdf(0.4, alpha, alpha))',
    'print("density", stats.beta.pdf(lam, alpha, alpha))',
    '',
    `# cutout: a square of side s centred at (cy, cx), clipped by the border; erase takes its corner and size.`,
    `s, cy, cx = ${s.cutS}, ${s.cutY}, ${s.cutX}`,
    'img = X[i].view(1, 8, 8)',
    'top, left = max(0, cy - s // 2), max(0, cx - s // 2)',
    'h, w = min(8, cy - s // 2 + s) - top, min(8, cx - s // 2 + s) - left',
    'cut = TF.erase(img, top, left, h, w, v=torch.tensor(0.0))',
    'print("box", top, left, h, w)',
    'print("erased", h * w, "inked", int((img[0, top:top + h, left:left + w] != 0).sum()))',
    'print((cut[0] * 16).round().int())',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'mixup-cutout',
  prefix: 'mxc',
  schema: mixupCutoutSchema,
  paramOf: mixupCutoutParamOf,
  words,
  data: { file: MIXUP_DIGITS_FILE, parse: parseMixupDigits },
  layout: [
    { heading: 'mixHead' },
    { fields: [{ param: 'mixI', slider: false }, { param: 'mixJ', slider: false }, 'mixLam', 'mixAlpha'] },
    { hint: 'data' },
    // x_i, x_j and their mixture as 8×8 pictures (src/components/data-augmentation/MixupDigits.astro).
    { slot: 'mix' },
    { result: 'digitI', label: 'digitI' },
    { result: 'digitJ', label: 'digitJ' },
    { result: 'mixFormula', label: 'mixFormula' },
    { result: 'target', label: 'target', output: true },
    { result: 'soft', label: 'soft', output: true },
    { result: 'split', label: 'split', output: true },
    { result: 'gap', label: 'gap' },
    { result: 'top', label: 'top' },
    { table: 'classes', caption: 'caption', head: ['colClass', 'colZ', 'colP', 'colT'] },
    { heading: 'betaHead' },
    { result: 'edge', label: 'edge', output: true },
    { result: 'middle', label: 'middle' },
    { result: 'density', label: 'density' },
    { heading: 'cutHead' },
    { fields: ['cutS', 'cutY', 'cutX'] },
    // x_i before and after, the square outlined.
    { slot: 'cut' },
    { result: 'box', label: 'box' },
    { result: 'erase', label: 'erase' },
    { result: 'erased', label: 'erased', output: true },
    { code: 'pytorch' },
  ],
  view: (s, lang, _resource, data) => mixupCutoutView(s, lang, data),
});
