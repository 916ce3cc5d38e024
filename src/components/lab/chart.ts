/**
 * The lab's two accuracy charts (baseline, with regularization), drawn with Observable Plot (imported
 * lazily): per epoch the mean over seeds as a line — training dashed, validation solid — and the band
 * from the lowest to the highest seed. Both charts share one y domain, so they compare at a glance.
 */
import type { LabChart } from '../../cells/lab';
import { describeCharts } from '../cell/a11y';
import type { Plot, PlotOptions } from '../charts/plots';

const COLORS = ['#1a73e8', '#e8710a'];

/** The charts' widest drawing; a narrower figure draws narrower (down to 280 px). */
export const MAX_WIDTH = 680;

function width(figure: HTMLElement): number {
  return Math.max(280, Math.min(MAX_WIDTH, figure.clientWidth || MAX_WIDTH));
}

export async function drawLabChart(figure: HTMLElement, chart: LabChart, labels: { x: string; y: string }): Promise<void> {
  const Plot = await import('../plot');
  figure.querySelector('[data-chart-mount]')?.replaceChildren(Plot.plot(labPlot(chart, labels, Plot, width(figure))));
  // Name and describe the drawing now, not on the page watcher's next frame: a chart drawn late (the
  // lab cell loads when reached) must never be seen half-finished by a screen reader or axe.
  describeCharts(figure.parentElement ?? document);
}

/** The Plot options of one accuracy chart: rendered at build time (LabCell.astro) and by drawLabChart. */
export function labPlot(chart: LabChart, labels: { x: string; y: string }, Plot: Plot, width: number): PlotOptions {
  const [train, val] = chart.seriesOrder;
  const of = (series: string | undefined) => chart.points.filter((p) => p.series === series);
  return {
    width,
    height: 260,
    marginLeft: 48,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: labels.y,
    ariaDescription: chart.description,
    x: { label: labels.x, grid: true, domain: [1, Math.max(2, chart.epochs)] },
    y: { label: labels.y, grid: true, domain: chart.yDomain, tickFormat: (v: number) => String(Math.round(v * 100)) },
    color: { legend: true, domain: chart.seriesOrder, range: COLORS },
    marks: [
      Plot.areaY(chart.points, { x: 'epoch', y1: 'low', y2: 'high', fill: 'series', fillOpacity: 0.18, z: 'series' }),
      Plot.line(of(train), { x: 'epoch', y: 'mean', stroke: 'series', strokeWidth: 2, strokeDasharray: '5 3' }),
      Plot.line(of(val), { x: 'epoch', y: 'mean', stroke: 'series', strokeWidth: 2 }),
      // early stopping: each seed's best epoch, whose weights were restored
      Plot.ruleX(chart.markers, { stroke: 'currentColor', strokeOpacity: 0.45, strokeDasharray: '2 3' }),
    ],
  };
}
