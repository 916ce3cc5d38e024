/**
 * Erratum 2's cell: the seed's label-smoothing formula, (1−ε)·onehot + ε/K, against the convention
 * its 3-class example follows, ε/(K−1) off the target (src/lib/labelSmoothing). The label-smoothing
 * page explains both; this cell only shows that they disagree. Rendered by Cell.astro from `cell`.
 */
import { smoothLabels, smoothLabelsOffTarget } from '../lib/labelSmoothing';
import { formatNumber as fmt } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import { defineCell } from './define';

// Parameter names unique on the errata page (its cells share one query string).
export const smoothingSchema = {
  errEps: { kind: 'number', min: 0, max: 1, step: 0.01, default: 0.1 },
  errK: { kind: 'integer', min: 2, max: 10, default: 3 },
} as const satisfies Schema;
export type SmoothingState = StateOf<typeof smoothingSchema>;
export const smoothingParamOf = { epsilon: 'errEps', numClasses: 'errK' } as const;

/** The smoothed target of class 0 both ways; vectors, the same in both languages. */
export function smoothingView(s: SmoothingState) {
  const vec = (xs: number[]) => `[${xs.map((x) => fmt(x)).join(', ')}]`;
  const formula = vec(smoothLabels(0, s.errK, s.errEps));
  const example = vec(smoothLabelsOffTarget(0, s.errK, s.errEps));
  return { text: { formula, example, summary: `${formula} / ${example}` } };
}

const words = {
  zh: {
    title: '实时单元：按公式计算与按例子的约定计算',
    fields: { errEps: { label: 'ε' }, errK: { label: '类别数 K' } },
    formula: '按公式 (1−ε)·onehot + ε/K', example: '按例子的约定（ε/(K−1)）',
  },
  en: {
    title: 'Live cell: by the formula and by the example’s convention',
    fields: { errEps: { label: 'ε' }, errK: { label: 'Classes K' } },
    formula: 'By the formula (1−ε)·onehot + ε/K', example: 'By the example’s convention (ε/(K−1))',
  },
} as const;

/** The cell as one object: Cell.astro renders it, mountCells.ts mounts it (src/cells/define.ts). */
export const cell = defineCell({
  id: 'errata-smoothing',
  // The errata's element ids (err-formula, err-example) predate the cell objects.
  prefix: 'err',
  schema: smoothingSchema,
  paramOf: smoothingParamOf,
  words,
  layout: [
    { fields: ['errEps', 'errK'] },
    { result: 'formula', label: 'formula', output: true },
    { result: 'example', label: 'example', output: true },
  ],
  view: (s) => smoothingView(s),
});
