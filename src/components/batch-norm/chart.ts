/**
 * Running statistics over training steps, drawn with Observable Plot (imported lazily): two small
 * charts (running_mean, running_var), each with the batches' own values as dots and the true value
 * as a dashed line. Axes and text use currentColor for light and dark mode.
 */
import type { BnRunningView } from '../../cells/batchNormRunning';

const RUNNING = '#e8710a';
const BATCH = '#8a8f99';

export async function drawRunningChart(figure: HTMLElement, chart: BnRunningView['chart']): Promise<void> {
  const Plot = await import('../plot');
  const width = Math.max(280, Math.min(640, figure.clientWidth || 640));
  const [runningLabel, batchLabel] = [chart.mean[0]!.series, chart.mean[1]!.series];
  const one = (points: BnRunningView['chart']['mean'], truth: number, label: string, legend: boolean) =>
    Plot.plot({
      width,
      height: 200,
      marginLeft: 56,
      style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
      ariaLabel: label,
      ariaDescription: chart.description,
      x: { label: chart.labels.x, grid: true },
      y: { label, grid: true },
      color: { legend, domain: [runningLabel, batchLabel], range: [RUNNING, BATCH] },
      marks: [
        Plot.ruleY([truth], { stroke: 'currentColor', strokeDasharray: '5 4' }),
        Plot.dot(points.filter((p) => p.series === batchLabel), { x: 'step', y: 'value', r: 1.8, fill: BATCH, fillOpacity: 0.7 }),
        Plot.line(points.filter((p) => p.series === runningLabel), { x: 'step', y: 'value', stroke: RUNNING, strokeWidth: 2 }),
      ],
    });
  figure.querySelector('[data-chart-mount]')?.replaceChildren(
    one(chart.mean, chart.mu, chart.labels.mean, true),
    one(chart.variance, chart.sigma2, chart.labels.variance, false),
  );
}
