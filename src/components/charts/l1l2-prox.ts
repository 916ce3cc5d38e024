/**
 * The proximal-step cell's chart (src/cells/l1l2Prox.ts): the weights over the steps, solid proximal,
 * dashed gradient, the ±t band dotted. Axes and text use currentColor so they follow the light/dark
 * theme. Rendered at build time, redrawn after an edit (charts/plots.ts).
 */
import type { cell } from '../../cells/l1l2Prox';
import type { PlotsFor } from '../cell/mountCells';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  const [gradient, proximal] = chart.methods;
  const g = chart.points.filter((p) => p.method === 'gradient');
  const p = chart.points.filter((q) => q.method === 'proximal');
  const t = chart.threshold;
  return {
    trajectory: {
      width: width('trajectory', 640),
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
    },
  };
};
