/**
 * Charts of the dropout page, drawn with Observable Plot (imported lazily):
 * - the Monte-Carlo chart: running mean of N dropout passes against N, converging to the eval output;
 * - Dropout vs Dropout2d: each channel as a small grid, kept values filled, zeros empty.
 * Axes and text use currentColor so both read in light and dark mode.
 */
import type { DropoutView } from '../../cells/dropout';
import type { Dropout2dView } from '../../cells/dropout2d';

const MEAN = '#e8710a';
const SINGLE = '#8a8f99';
/** Kept values; the same colour as the legend swatch in Dropout2dCell.astro. */
export const KEPT = '#4c8df6';

export async function drawMcChart(figure: HTMLElement, chart: DropoutView['chart']): Promise<void> {
  const Plot = await import('../plot');
  const width = Math.max(280, Math.min(640, figure.clientWidth || 640));
  const { labels } = chart;
  // The first few bands are wide: clip the y range to what the singles and the mean need.
  const lo = Math.min(...chart.singles.map((d) => d.value), ...chart.mean.map((d) => d.value), chart.evalOutput);
  const hi = Math.max(...chart.singles.map((d) => d.value), ...chart.mean.map((d) => d.value), chart.evalOutput);
  const pad = Math.max(1e-3, (hi - lo) * 0.05);
  const log = chart.passes > 1;
  const svg = Plot.plot({
    width,
    height: 300,
    marginLeft: 56,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: labels.y,
    ariaDescription: chart.description,
    x: { type: log ? 'log' : 'linear', label: labels.x, domain: log ? [1, chart.passes] : [0.5, 1.5], grid: true },
    y: { label: labels.y, grid: true, domain: [lo - pad, hi + pad] },
    color: { legend: true, domain: [labels.mean, labels.eval, labels.single], range: [MEAN, 'currentColor', SINGLE] },
    marks: [
      Plot.areaY(chart.band, { x: 'n', y1: 'lo', y2: 'hi', fill: 'currentColor', fillOpacity: 0.08, clip: true }),
      Plot.dot(chart.singles, { x: 'n', y: 'value', r: 1.6, fill: SINGLE, fillOpacity: 0.6 }),
      Plot.ruleY([chart.evalOutput], { stroke: 'currentColor', strokeDasharray: '5 4' }),
      Plot.line(chart.mean, { x: 'n', y: 'value', stroke: MEAN, strokeWidth: 2 }),
    ],
  });
  figure.querySelector('[data-chart-mount]')?.replaceChildren(svg);
}

export async function drawChannelChart(
  figure: HTMLElement,
  chart: Dropout2dView['chart'],
  labels: { channel: string },
): Promise<void> {
  const Plot = await import('../plot');
  const channels = new Set(chart.cells.map((c) => c.channel)).size;
  const width = Math.max(280, Math.min(720, figure.clientWidth || 720));
  const cellSize = Math.max(14, Math.min(40, (width - 120) / (channels * (chart.side + 0.6))));
  const height = 2 * chart.side * cellSize + 90;
  const range = Array.from({ length: chart.side }, (_, i) => i);
  const svg = Plot.plot({
    width,
    height,
    marginLeft: 100,
    marginTop: 30,
    style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
    ariaLabel: chart.methods.join(' / '),
    ariaDescription: chart.description,
    fx: { label: null, tickFormat: (c: number) => `${labels.channel} ${c}` },
    fy: { label: null, domain: chart.methods },
    x: { axis: null, domain: range, padding: 0.08 },
    y: { axis: null, domain: range, padding: 0.08 },
    marks: [
      Plot.cell(chart.cells, {
        fx: 'channel', fy: 'method', x: 'col', y: 'row',
        fill: (d: { kept: boolean }) => (d.kept ? KEPT : 'none'),
        fillOpacity: 0.45, stroke: 'currentColor', strokeOpacity: 0.35,
      }),
      Plot.text(chart.cells, {
        fx: 'channel', fy: 'method', x: 'col', y: 'row', text: 'label', fill: 'currentColor',
        fontSize: cellSize < 24 ? 8 : 10,
      }),
    ],
  });
  figure.querySelector('[data-chart-mount]')?.replaceChildren(svg);
}
