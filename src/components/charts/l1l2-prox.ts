/**
 * The proximal-step cell's chart (src/cells/l1l2Prox.ts), drawn with Observable Plot (imported
 * lazily): the weights over the steps, solid proximal, dashed gradient, the ±t band dotted. Axes and
 * text use currentColor so they follow the light/dark theme.
 */
import type { cell } from '../../cells/l1l2Prox';
import type { DrawCell } from '../cell/mountCells';

export const draw: DrawCell<typeof cell> = async (root, view, words) => {
  const figure = root.querySelector<HTMLElement>('[data-chart="trajectory"]')!;
  const { chart } = view;
  const Plot = await import('../plot');
  const [gradient, proximal] = chart.methods;
  const g = chart.points.filter((p) => p.method === 'gradient');
  const p = chart.points.filter((q) => q.method === 'proximal');
  const t = chart.threshold;
  const svg = Plot.plot({
    width: Math.max(280, Math.min(640, figure.clientWidth || 640)),
    height: 260,
    marginLeft: 48,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: `${words.y}: ${proximal} / ${gradient}`,
    ariaDescription: chart.description,
    x: { label: words.x, ticks: Math.min(chart.steps, 10), tickFormat: 'd' },
    y: { label: words.y, grid: true },
    color: { legend: true, scheme: 'observable10' },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor' }),
      ...(t > 0 ? [Plot.ruleY([t, -t], { stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '1 3' })] : []),
      Plot.line(g, { x: 'step', y: 'value', z: 'series', stroke: 'coordinate', strokeWidth: 1.5, strokeDasharray: '5 4' }),
      Plot.dot(g, { x: 'step', y: 'value', stroke: 'coordinate', r: 2.5 }),
      Plot.line(p, { x: 'step', y: 'value', z: 'series', stroke: 'coordinate', strokeWidth: 2.5 }),
      Plot.dot(p, { x: 'step', y: 'value', fill: 'coordinate', r: 3 }),
    ],
  });
  figure.querySelector('[data-chart-mount]')?.replaceChildren(svg);
};
