/**
 * Charts at build time (issue #14 §1): every declared cell whose chart module gives `plots` renders,
 * for both languages and its defaults, one SVG per figure of its layout, with the figure's text
 * alternative as the SVG's aria-description; the same call with a browser width gives the same marks.
 * And every `{ chart }` block of a declared cell has a chart module that draws it.
 */
import { describe, expect, it } from 'vitest';
import { declaredCells } from '../../src/cells/registry';
import { initialView, type CellView } from '../../src/cells/define';
import type { ChartModule } from '../../src/components/cell/mountCells';
import { plotsHtml } from '../../src/components/charts/buildTime';
import { readCellData } from '../../src/components/cell/readCellData';

const chartModules = import.meta.glob<ChartModule>('../../src/components/charts/*.ts', { eager: true });
const moduleOf = (id: string) => chartModules[`../../src/components/charts/${id}.ts`];

const withCharts = declaredCells.filter(([, cell]) => (cell.layout as readonly object[]).some((b) => 'chart' in b));

describe('build-time charts', () => {
  it('cover every declared cell with a chart block', () => {
    expect(withCharts.length).toBeGreaterThan(0);
    const missing = withCharts.filter(([, cell]) => !moduleOf(cell.id)?.plots).map(([, cell]) => cell.id);
    expect(missing, 'chart modules without plots').toEqual([]);
  });

  for (const [, cell] of withCharts) {
    for (const lang of ['zh', 'en'] as const) {
      it(`${cell.id} (${lang}): one SVG per figure, described`, () => {
        const plots = moduleOf(cell.id)?.plots;
        if (!plots) return;
        const view = initialView(cell, lang, readCellData(cell)) as CellView;
        const words = cell.words[lang];
        const html = plotsHtml(plots, view, words, lang);
        const charts = (cell.layout as readonly { chart?: string }[]).flatMap((b) => (b.chart ? [b.chart] : []));
        expect(Object.keys(html).sort()).toEqual([...charts].sort());
        for (const chart of charts) {
          expect(html[chart], chart).toMatch(/<svg[^>]*class="plot-/);
          expect(html[chart]).not.toMatch(/NaN|undefined|Infinity/);
          expect(html[chart]).toMatch(/aria-description="[^"]+"/);
        }
      });
    }
  }
});

describe('compactSvg', () => {
  it('rounds geometry to a tenth of a pixel and leaves text alone', async () => {
    const { compactSvg } = await import('../../src/components/charts/buildTime');
    expect(compactSvg('<path d="M41.83673469387755,216.4L-3.06,1e-7"></path>')).toBe('<path d="M41.8,216.4L-3.1,1e-7"></path>');
    expect(compactSvg('<g transform="translate(0.5,12.3456)"><text y="0.71em">0.0452</text></g>')).toBe('<g transform="translate(0.5,12.3)"><text y="0.71em">0.0452</text></g>');
  });
});
