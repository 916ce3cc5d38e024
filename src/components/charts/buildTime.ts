/**
 * The build-time half of plots.ts: each figure's SVG as HTML, rendered by Plot with linkedom's
 * server-side `document` (Plot's `document` option), from the same `plots` call the browser makes.
 * Imported only by Astro components' frontmatter, never by browser code.
 */
import { parseHTML } from 'linkedom';
import * as Plot from '../plot';
import type { Lang } from '../../i18n/ui';
import { plotList, type PlotsOf } from './plots';

/** Geometry attributes whose numbers are pixel positions (never a tick label, which is text content). */
const GEOMETRY = /\s(d|x|y|x1|x2|y1|y2|cx|cy|transform|points)="([^"]*)"/g;

/**
 * Plot writes coordinates with every digit of a double ("M41.83673469387755,216.4"); a tenth of a pixel
 * is below what a screen shows, and rounding there makes the build-time SVG about a third smaller.
 */
export function compactSvg(html: string): string {
  return html.replace(GEOMETRY, (_m, name: string, value: string) =>
    ` ${name}="${value.replace(/-?\d*\.\d{2,}(?:e-?\d+)?(?![\d.a-z%])/g, (n) => String(Math.round(Number(n) * 10) / 10))}"`);
}

export function plotsHtml<V, W>(plots: PlotsOf<V, W>, view: V, words: W, lang: Lang): Record<string, string> {
  const { document } = parseHTML('<!doctype html><html><body></body></html>');
  const options = plots(view, words, lang, Plot, (_chart, max) => max);
  const html: Record<string, string> = {};
  for (const [chart, opts] of Object.entries(options)) {
    html[chart] = plotList(opts).map((o) => compactSvg((Plot.plot({ ...o, document: document as unknown as Document }) as Element).outerHTML)).join('');
  }
  return html;
}
