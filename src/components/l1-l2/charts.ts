/**
 * The regularization-path chart of the L1/L2 page (PathCell.astro): `pathPlot` gives its Plot options,
 * rendered at build time by PathCell.astro (charts/buildTime.ts) and redrawn in the browser by
 * `drawPathChart` (Plot imported lazily). Axes and text use currentColor so they follow the light/dark
 * theme. The page's declared cells draw from src/components/charts/l1l2-*.ts.
 */
import type { PathChart } from '../../cells/l1l2Path';
import type { Plot, PlotOptions } from '../charts/plots';

const STYLE = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

function widthOf(figure: HTMLElement, max = 640): number {
  return Math.max(280, Math.min(max, figure.clientWidth || max));
}

function mount(figure: HTMLElement, svg: Element): void {
  figure.querySelector('[data-chart-mount]')?.replaceChildren(svg);
}

const lastDrawn = new WeakMap<HTMLElement, { points: unknown; alpha: number; width: number }>();

/** Draws `pathPlot` into the figure, unless it shows this chart at this width already. */
export async function drawPathChart(
  figure: HTMLElement,
  chart: PathChart,
  labels: { x: string; y: string; title: string },
): Promise<void> {
  const width = widthOf(figure);
  const last = lastDrawn.get(figure);
  // The path arrays are memoized per grid, so an unchanged chart is skipped while another input moves.
  if (last && last.points === chart.points && last.alpha === chart.alpha && last.width === width) return;
  lastDrawn.set(figure, { points: chart.points, alpha: chart.alpha, width });
  const Plot = await import('../plot');
  mount(figure, Plot.plot(pathPlot(chart, labels, Plot, width)));
}

/** Coefficients against α (log scale), one line per feature; the chosen α dashed with its dots. */
export function pathPlot(chart: PathChart, labels: { x: string; y: string; title: string }, Plot: Plot, width: number): PlotOptions {
  return {
    width,
    height: 300,
    marginLeft: 48,
    style: STYLE,
    ariaLabel: `${labels.title}: ${labels.y} / ${labels.x}`,
    ariaDescription: chart.description,
    x: { type: 'log', label: labels.x, grid: true },
    y: { label: labels.y, grid: true },
    color: { legend: true, scheme: 'observable10', domain: chart.features },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor' }),
      Plot.line(chart.points, { x: 'alpha', y: 'coef', z: 'feature', stroke: 'feature', strokeWidth: 1.8 }),
      Plot.ruleX([chart.alpha], { stroke: 'currentColor', strokeDasharray: '4 3' }),
      Plot.dot(chart.at, { x: () => chart.alpha, y: 'coef', fill: 'feature', r: 3.5, title: (d: { feature: string; coef: number }) => d.feature }),
    ],
  };
}
