/**
 * The accessible alternatives a cell's view provides next to its text: a one-line spoken summary
 * (runtime.ts puts `text.summary` in the cell's polite live region) and the data table behind each
 * chart (`tables`, rendered by `ChartData.astro` at build time and refilled by runtime.ts).
 * Pure: the numbers are the view's own, already formatted by `formatNumber`.
 */
import type { Lang } from '../i18n/ui';

/** "label: value; label: value" in the page's language. */
export function summary(lang: Lang, parts: readonly (readonly [zh: string, en: string, value: string])[]): string {
  return parts
    .map(([zh, en, value]) => (lang === 'zh' ? `${zh}：${value}` : `${en}: ${value}`))
    .join(lang === 'zh' ? '；' : '; ');
}

/** A chart's data as a table: column headings and rows of formatted cells (first cell = row heading). */
export interface DataTable {
  head: string[];
  rows: string[][];
}

/** At most `max` items, evenly spaced, the first and the last always kept. */
export function sample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const out: T[] = [];
  for (let i = 0; i < max; i++) out.push(items[Math.round((i * (items.length - 1)) / (max - 1))]!);
  return out;
}

/** The table of a chart: one row per plotted item (evenly thinned to `max` rows for long series). */
export function dataTable<T>(head: string[], items: readonly T[], row: (item: T) => string[], max = 40): DataTable {
  return { head, rows: sample(items, max).map(row) };
}

/** The heading word of a table in the page's language. */
export const tr = (lang: Lang, zh: string, en: string): string => (lang === 'zh' ? zh : en);
