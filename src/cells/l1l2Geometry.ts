/**
 * L1/L2 page, cell 3: the 2-D picture. A quadratic loss f(w) = ½(a₁(w₁ − c₁)² + a₂(w₂ − c₂)²)
 * with its optimum c, minimized inside the L1 diamond |w₁| + |w₂| ≤ r and inside the L2 disc
 * w₁² + w₂² ≤ r². The L1 optimum often lands on a corner (a coordinate exactly 0); the L2 optimum
 * slides along the circle and zeroes nothing. Both minimizers and the contours come from src/lib.
 */
import { diagonalQuadratic, l1BallMinimizer, l2BallMinimizer, quadraticLevelSet } from '../lib/penalties';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { summary, type DataTable } from './a11y';
import { defineCell, fill } from './define';
import { exact, num, paren, point } from './l1l2Shared';
import { pyFloat } from './python';

export const l1l2GeometrySchema = {
  cx: { kind: 'number', min: -3, max: 3, step: 0.05, default: 2 },
  cy: { kind: 'number', min: -3, max: 3, step: 0.05, default: 0.6 },
  ax: { kind: 'number', min: 0.1, max: 10, step: 0.1, default: 1 },
  ay: { kind: 'number', min: 0.1, max: 10, step: 0.1, default: 1.5 },
  r: { kind: 'number', min: 0.05, max: 3, step: 0.05, default: 1 },
} as const satisfies Schema;

export type L1l2GeometryState = StateOf<typeof l1l2GeometrySchema>;

export const l1l2GeometryParamOf: Record<string, keyof L1l2GeometryState> = {
  radius: 'r', curvature: 'ax', center: 'cx',
};

export interface GeometryChart {
  /** Plot extent: the square [−extent, extent]². */
  extent: number;
  diamond: Array<[number, number]>;
  circle: Array<[number, number]>;
  /** Contour lines of f; `kind` says which optimum the line touches (or neither). */
  contours: Array<{ points: Array<[number, number]>; kind: 'l1' | 'l2' | 'other'; level: number }>;
  center: [number, number];
  l1: [number, number];
  l2: [number, number];
  /** Short point labels drawn beside the points, and legend names of the two regions. */
  labels: { center: string; l1: string; l2: string; l1Ball: string; l2Ball: string };
  description: string;
}

export interface L1l2GeometryView {
  text: Record<string, string>;
  tables: Record<'points', DataTable>;
  chart: GeometryChart;
}

/** Every word the cell shows; `{name}` marks a value the view fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：二维图像——菱形、圆与约束最优点',
    fields: {
      cx: { label: '无约束最优点 c₁' },
      cy: { label: '无约束最优点 c₂' },
      r: { label: '约束半径 r' },
      ax: { label: '曲率 a₁', hint: '0.1 到 10（不相等时等高线是椭圆）' },
      ay: { label: '曲率 a₂', hint: '0.1 到 10（不相等时等高线是椭圆）' },
    },
    l1: 'L1：|w₁| + |w₂| ≤ r 内的最优点', l2: 'L2：w₁² + w₂² ≤ r² 内的最优点', formula: '代入数字', loss: '损失',
    x: 'w₁', y: 'w₂',
    inside: 'c 在{ball}内部：约束不起作用，w* = c，λ = 0。',
    diamond: '菱形', disc: '圆',
    zerosNone: '没有坐标为 0（落在菱形的边上）。',
    zerosOne: '1 个坐标恰好为 0（落在菱形的角上）。',
    zerosMany: '{n} 个坐标恰好为 0（落在菱形的角上）。',
    l2ZerosNone: '没有坐标为 0（L2 只是收缩）。',
    l2ZerosOne: '1 个坐标为 0（因为 c 的对应坐标本来就是 0）。',
    l2ZerosMany: '{n} 个坐标为 0（因为 c 的对应坐标本来就是 0）。',
    chart:
      '等高线图：损失 f 的椭圆等高线，中心为无约束最优点 c = {c}；半径 r = {r} 的 L1 菱形与 L2 圆。' +
      'L1 约束最优点 {l1}：{z1} L2 约束最优点 {l2}：{z2}',
    pointCol: '点', centreRow: 'c（无约束最优）', corner: 'L1 菱形顶点',
  },
  en: {
    title: 'Live cell: the 2-D picture — diamond, circle and the constrained optima',
    fields: {
      cx: { label: 'Unconstrained optimum c₁' },
      cy: { label: 'Unconstrained optimum c₂' },
      r: { label: 'Constraint radius r' },
      ax: { label: 'Curvature a₁', hint: '0.1 to 10 (unequal: elliptic contours)' },
      ay: { label: 'Curvature a₂', hint: '0.1 to 10 (unequal: elliptic contours)' },
    },
    l1: 'L1: optimum inside |w₁| + |w₂| ≤ r', l2: 'L2: optimum inside w₁² + w₂² ≤ r²', formula: 'Numbers filled in', loss: 'Loss',
    x: 'w₁', y: 'w₂',
    inside: 'c lies inside the {ball}: the constraint is inactive, w* = c, λ = 0.',
    diamond: 'diamond', disc: 'disc',
    zerosNone: 'no coordinate is 0 (it lies on an edge of the diamond).',
    zerosOne: 'one coordinate is exactly 0 (a corner of the diamond).',
    zerosMany: '{n} coordinates are exactly 0 (a corner of the diamond).',
    l2ZerosNone: 'no coordinate is 0 (L2 only shrinks).',
    l2ZerosOne: 'one coordinate is 0 (because c\'s is).',
    l2ZerosMany: '{n} coordinates are 0 (because c\'s are).',
    chart:
      'Contour plot: ellipses of equal loss f around the unconstrained optimum c = {c}; the L1 diamond and the L2 circle of radius r = {r}. ' +
      'L1-constrained optimum {l1}: {z1} L2-constrained optimum {l2}: {z2}',
    pointCol: 'point', centreRow: 'c (unconstrained optimum)', corner: 'L1 diamond corner',
  },
} as const;

type Words = (typeof words)[Lang];

/** What the zeros of an optimum say: none, one, or several coordinates exactly 0. */
function zerosText(w: Words, ball: 'l1' | 'l2', n: number): string {
  if (ball === 'l1') return n === 0 ? w.zerosNone : n === 1 ? w.zerosOne : fill(w.zerosMany, { n });
  return n === 0 ? w.l2ZerosNone : n === 1 ? w.l2ZerosOne : fill(w.l2ZerosMany, { n });
}

export function l1l2GeometryView(s: L1l2GeometryState, lang: Lang): L1l2GeometryView {
  const w = words[lang];
  const c = [s.cx, s.cy];
  const a = [s.ax, s.ay];
  const m1 = l1BallMinimizer(c, a, s.r);
  const m2 = l2BallMinimizer(c, a, s.r);
  const f1 = diagonalQuadratic(m1.w, c, a);
  const f2 = diagonalQuadratic(m2.w, c, a);
  const [cx, cy, ax, ay, r] = [s.cx, s.cy, s.ax, s.ay, s.r].map(exact) as [string, string, string, string, string];
  const z1 = m1.w.filter((x) => x === 0).length;
  const z2 = m2.w.filter((x) => x === 0).length;
  const lam1 = num(m1.lambda);
  const lam2 = num(m2.lambda);

  const l1Formula = m1.onBoundary
    ? `λ = ${lam1}: (sign(${cx})·max(|${cx}| − ${lam1}/${ax}, 0), sign(${cy})·max(|${cy}| − ${lam1}/${ay}, 0)) = ${point(m1.w)}`
    : fill(w.inside, { ball: w.diamond });
  const l2Formula = m2.onBoundary
    ? `λ = ${lam2}: (${ax}·${paren(cx)}/(${ax} + 2·${lam2}), ${ay}·${paren(cy)}/(${ay} + 2·${lam2})) = ${point(m2.w)}`
    : fill(w.inside, { ball: w.disc });

  // Contours: the two that touch the optima, plus two more for context.
  const levels: Array<{ level: number; kind: 'l1' | 'l2' | 'other' }> = [];
  if (f1 > 0) levels.push({ level: f1, kind: 'l1' });
  if (f2 > 0 && Math.abs(f2 - f1) > 1e-9 * Math.max(f1, 1)) levels.push({ level: f2, kind: 'l2' });
  const top = Math.max(f1, f2);
  const extra = top > 0 ? [top / 4, top * 2.25] : [0.125, 0.5, 1.125];
  for (const level of extra) levels.push({ level, kind: 'other' });
  levels.push({ level: top > 0 ? top / 25 : 0.02, kind: 'other' });
  const contours = levels.map(({ level, kind }) => ({ level, kind, points: quadraticLevelSet(c, a, level, 120) }));
  const extent = Math.max(3.2, Math.abs(s.cx) + 0.4, Math.abs(s.cy) + 0.4, s.r * 1.2);
  const l1Zeros = m1.onBoundary ? zerosText(w, 'l1', z1) : fill(w.inside, { ball: w.diamond });
  const l2Zeros = m2.onBoundary ? zerosText(w, 'l2', z2) : fill(w.inside, { ball: w.disc });
  const description = fill(w.chart, { c: point(c, exact), r, l1: point(m1.w), l2: point(m2.w), z1: l1Zeros, z2: l2Zeros });

  return {
    text: {
      l1Point: point(m1.w),
      l2Point: point(m2.w),
      l1Substituted: l1Formula,
      l2Substituted: l2Formula,
      l1Loss: `f(w*) = ½·(${ax}·(${num(m1.w[0]!)} − ${paren(cx)})² + ${ay}·(${num(m1.w[1]!)} − ${paren(cy)})²) = ${num(f1)}`,
      l2Loss: `f(w*) = ½·(${ax}·(${num(m2.w[0]!)} − ${paren(cx)})² + ${ay}·(${num(m2.w[1]!)} − ${paren(cy)})²) = ${num(f2)}`,
      l1Zeros,
      l2Zeros,
      chartDescription: description,
      summary: summary(lang, [['L1 解', 'L1 solution', point(m1.w)], ['L2 解', 'L2 solution', point(m2.w)]]),
      pytorch: pytorchCode(s),
    },
    tables: {
      points: {
        head: [w.pointCol, 'w₁', 'w₂', 'f(w)'],
        rows: [
          [w.centreRow, num(s.cx), num(s.cy), num(0)],
          ['w* (L1)', num(m1.w[0]!), num(m1.w[1]!), num(f1)],
          ['w* (L2)', num(m2.w[0]!), num(m2.w[1]!), num(f2)],
          ...[[s.r, 0], [0, s.r], [-s.r, 0], [0, -s.r]].map(([x, y]) => [w.corner, num(x!), num(y!), num(diagonalQuadratic([x!, y!], c, a))]),
        ],
      },
    },
    chart: {
      extent,
      diamond: [[s.r, 0], [0, s.r], [-s.r, 0], [0, -s.r], [s.r, 0]],
      circle: quadraticLevelSet([0, 0], [1, 1], (s.r * s.r) / 2, 120),
      contours,
      center: [s.cx, s.cy],
      l1: [m1.w[0]!, m1.w[1]!],
      l2: [m2.w[0]!, m2.w[1]!],
      labels: { center: 'c', l1: 'w* (L1)', l2: 'w* (L2)', l1Ball: `L1: |w₁| + |w₂| ≤ ${r}`, l2Ball: `L2: w₁² + w₂² ≤ ${r}²` },
      description,
    },
  };
}

/** PyTorch check by a different method: projected gradient descent onto each ball. */
export function pytorchCode(s: L1l2GeometryState): string {
  return [
    'import torch',
    '',
    `c = torch.tensor([${pyFloat(s.cx)}, ${pyFloat(s.cy)}], dtype=torch.float64)  # unconstrained optimum`,
    `a = torch.tensor([${pyFloat(s.ax)}, ${pyFloat(s.ay)}], dtype=torch.float64)  # curvatures`,
    `r = ${pyFloat(s.r)}`,
    '',
    'def f(w):',
    '    return 0.5 * (a * (w - c) ** 2).sum()',
    '',
    'def project_l2(w):',
    '    n = w.norm()',
    '    return w if n <= r else w * (r / n)',
    '',
    'def project_l1(w):  # Euclidean projection onto |w1| + |w2| <= r (Duchi et al. 2008)',
    '    if w.abs().sum() <= r:',
    '        return w',
    '    u, _ = w.abs().sort(descending=True)',
    '    css = u.cumsum(0)',
    '    k = torch.arange(1, len(u) + 1, dtype=w.dtype)',
    '    rho = int((u - (css - r) / k > 0).nonzero().max())',
    '    theta = (css[rho] - r) / (rho + 1)',
    '    return torch.sign(w) * torch.clamp(w.abs() - theta, min=0)',
    '',
    'for name, project in [("L1", project_l1), ("L2", project_l2)]:',
    '    w = torch.zeros(2, dtype=torch.float64, requires_grad=True)',
    '    for _ in range(5000):  # projected gradient descent, step 1/max(a)',
    '        g, = torch.autograd.grad(f(w), w)',
    '        w = project(w.detach() - g / a.max()).requires_grad_(True)',
    '    print(name, "optimum:", [round(x, 4) for x in w.tolist()], "f:", round(f(w).item(), 4))',
  ].join('\n');
}

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'l1l2-geometry',
  prefix: 'l12',
  schema: l1l2GeometrySchema,
  paramOf: l1l2GeometryParamOf,
  words,
  layout: [
    { fields: ['cx', 'cy', 'r', 'ax', 'ay'] },
    { chart: 'points', caption: 'chartDescription' },
    { heading: 'l1', result: 'l1Point' },
    { result: 'l1Substituted', label: 'formula' },
    { result: 'l1Loss', label: 'loss' },
    { note: 'l1Zeros' },
    { heading: 'l2', result: 'l2Point' },
    { result: 'l2Substituted', label: 'formula' },
    { result: 'l2Loss', label: 'loss' },
    { note: 'l2Zeros' },
    { code: 'pytorch' },
  ],
  view: l1l2GeometryView,
});
