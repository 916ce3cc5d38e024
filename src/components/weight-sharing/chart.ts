/**
 * Weight-sharing charts (Observable Plot, imported lazily): parameter counts on a log axis, and the
 * input / output grids of the sliding kernel with the receptive field outlined.
 */
import type { WeightSharingView } from '../../cells/weightSharing';
import type { GridCell, SlideView } from '../../cells/weightSharingSlide';

const HIGHLIGHT = '#e8710a';

export async function drawCountChart(figure: HTMLElement, chart: WeightSharingView['chart'], labels: { x: string }): Promise<void> {
  const Plot = await import('../plot');
  const width = Math.max(300, Math.min(680, figure.clientWidth || 680));
  const max = Math.max(...chart.bars.map((b) => b.params));
  const svg = Plot.plot({
    width,
    height: 170,
    marginLeft: 210,
    marginRight: 110,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: labels.x,
    ariaDescription: chart.description,
    x: { type: 'log', label: labels.x, grid: true, domain: [1, Math.max(10, max * 1.5)] },
    y: { label: null, domain: chart.bars.map((b) => b.layer) },
    marks: [
      Plot.ruleY(chart.bars, { y: 'layer', x1: 1, x2: 'params', stroke: '#1a73e8', strokeWidth: 10 }),
      Plot.text(chart.bars, { y: 'layer', x: 'params', text: 'label', dx: 10, textAnchor: 'start', fill: 'currentColor' }),
    ],
  });
  figure.querySelector('[data-chart-mount]')?.replaceChildren(svg);
}

async function grid(
  cells: GridCell[],
  size: [number, number],
  description: string,
  label: string,
  scheme: 'greys' | 'diverging',
): Promise<SVGSVGElement | HTMLElement> {
  const Plot = await import('../plot');
  const [rows, cols] = size;
  const cell = 30;
  const extent = Math.max(1, ...cells.map((c) => Math.abs(c.value)));
  const min = Math.min(...cells.map((c) => c.value));
  const max = Math.max(...cells.map((c) => c.value));
  const color = scheme === 'greys'
    ? { type: 'linear' as const, scheme: 'greys' as const, domain: [Math.min(0, min), Math.max(1, max)] }
    : { type: 'linear' as const, scheme: 'rdbu' as const, domain: [-extent, extent], reverse: true };
  // Text colour from the cell's own fill (not the page's), so it reads in light and dark mode alike.
  const dark = (v: number) => (scheme === 'greys' ? v > (Math.min(0, min) + Math.max(1, max)) / 2 : Math.abs(v) > extent * 0.6);
  return Plot.plot({
    width: 36 + cols * cell,
    height: 30 + rows * cell,
    marginLeft: 28,
    marginTop: 24,
    marginBottom: 6,
    style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
    ariaLabel: label,
    ariaDescription: description,
    x: { axis: 'top', label: null, domain: Array.from({ length: cols }, (_, i) => i), tickSize: 0 },
    y: { label: null, domain: Array.from({ length: rows }, (_, i) => i), tickSize: 0 },
    color,
    marks: [
      Plot.cell(cells, { x: 'col', y: 'row', fill: 'value', inset: 0.5 }),
      Plot.text(cells, { x: 'col', y: 'row', text: 'label', fill: (d: GridCell) => (dark(d.value) ? 'white' : 'black') }),
      Plot.cell(cells.filter((c) => c.on), { x: 'col', y: 'row', fill: 'none', stroke: HIGHLIGHT, strokeWidth: 3, inset: 1.5 }),
    ],
  });
}

export async function drawSlideGrids(root: HTMLElement, view: SlideView, labels: { input: string; output: string }): Promise<void> {
  const [input, output] = await Promise.all([
    grid(view.grids.input, view.grids.inputSize, view.grids.inputDescription, labels.input, 'greys'),
    grid(view.grids.output, view.grids.outputSize, view.grids.outputDescription, labels.output, 'diverging'),
  ]);
  root.querySelector('[data-chart="input"] [data-chart-mount]')?.replaceChildren(input);
  root.querySelector('[data-chart="output"] [data-chart-mount]')?.replaceChildren(output);
}
