/**
 * The regularization-path cell's two charts (src/cells/l1l2Path.ts): coefficients against α on a log
 * scale, one line per feature, the chosen α dashed with its dots. Axes and text use currentColor so
 * they follow the light/dark theme. Rendered at build time, redrawn after an edit (charts/plots.ts).
 */
import type { cell, PathChart } from '../../cells/l1l2Path';
import type { PlotsFor } from '../cell/mountCells';
import type { Plot, PlotOptions } from './plots';

const STYLE = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => ({
  lasso: pathPlot(view.lassoChart, { x: words.x, y: words.y, title: words.lasso }, Plot, width('lasso', 640)),
  ridge: pathPlot(view.ridgeChart, { x: words.x, y: words.y, title: words.ridge }, Plot, width('ridge', 640)),
});

/** Coefficients against α (log scale), one line per feature; the chosen α dashed with its dots. */
function pathPlot(chart: PathChart, labels: { x: string; y: string; title: string }, Plot: Plot, width: number): PlotOptions {
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
