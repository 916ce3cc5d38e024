/**
 * Running statistics over training steps: two small charts in one figure (running_mean, running_var),
 * each with the batches' own values as dots and the true value as a dashed line. Axes and text use
 * currentColor for light and dark mode. Rendered at build time, redrawn after an edit (charts/plots.ts).
 */
import type { cell, RunningPoint } from '../../cells/batchNormRunning';
import type { PlotsFor } from '../cell/mountCells';

const RUNNING = '#e8710a';
const BATCH = '#8a8f99';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  const w = width('running', 640);
  const one = (points: RunningPoint[], truth: number, label: string, legend: boolean) => ({
    width: w,
    height: 200,
    marginLeft: 56,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: label,
    ariaDescription: chart.description,
    x: { label: words.x, grid: true },
    y: { label, grid: true },
    color: { legend, domain: [words.running, words.batch], range: [RUNNING, BATCH] },
    marks: [
      Plot.ruleY([truth], { stroke: 'currentColor', strokeDasharray: '5 4' }),
      Plot.dot(points.filter((p) => p.series === words.batch), { x: 'step', y: 'value', r: 1.8, fill: BATCH, fillOpacity: 0.7 }),
      Plot.line(points.filter((p) => p.series === words.running), { x: 'step', y: 'value', stroke: RUNNING, strokeWidth: 2 }),
    ],
  });
  return { running: [one(chart.mean, chart.mu, words.mean, true), one(chart.variance, chart.sigma2, words.variance, false)] };
};
