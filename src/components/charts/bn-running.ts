/**
 * Running statistics over training steps, drawn with Observable Plot (imported lazily): two small
 * charts (running_mean, running_var), each with the batches' own values as dots and the true value
 * as a dashed line. Axes and text use currentColor for light and dark mode.
 */
import type { cell, RunningPoint } from '../../cells/batchNormRunning';
import type { DrawCell } from '../cell/mountCells';

const RUNNING = '#e8710a';
const BATCH = '#8a8f99';

export const draw: DrawCell<typeof cell> = async (root, view, words) => {
  const figure = root.querySelector<HTMLElement>('[data-chart="running"]')!;
  const { chart } = view;
  const Plot = await import('../plot');
  const width = Math.max(280, Math.min(640, figure.clientWidth || 640));
  const one = (points: RunningPoint[], truth: number, label: string, legend: boolean) =>
    Plot.plot({
      width,
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
  figure.querySelector('[data-chart-mount]')?.replaceChildren(
    one(chart.mean, chart.mu, words.mean, true),
    one(chart.variance, chart.sigma2, words.variance, false),
  );
};
