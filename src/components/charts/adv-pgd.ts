/**
 * PGD beside FGSM: test accuracy against ε for the standard and the FGSM-trained model (one colour
 * each), under FGSM (solid, circles) and under PGD (dashed, triangles); a dotted rule at the training
 * ε. A pending view draws nothing. Axes and text in currentColor for light and dark mode. Rendered at build time, redrawn after an
 * edit (charts/plots.ts).
 */
import type { cell } from '../../cells/adversarialPgd';
import type { PlotsFor } from '../cell/mountCells';
import type { PlotOptions } from './plots';

// standard: blue (FGSM darker, PGD lighter); FGSM-trained: orange (the same)
const COLOURS = ['#1a73e8', '#5e9cf0', '#e8710a', '#f29d4b'];

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  // A pending view (a run still in the worker) draws nothing: the last figure stays.
  if ('pending' in view) return {} as Record<string, PlotOptions>;
  const { chart } = view;
  const fgsm = chart.points.filter((p) => p.attack === 'fgsm');
  const pgd = chart.points.filter((p) => p.attack === 'pgd');
  const hi = Math.max(...chart.points.map((p) => p.eps));
  const curves = {
    width: width('curves', 720),
    height: 300,
    marginLeft: 48,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: words.caption,
    ariaDescription: chart.description,
    x: { domain: [0, hi], label: words.eps, grid: true },
    y: { domain: [0, 100], label: words.accuracy, grid: true },
    color: { domain: chart.series, range: COLOURS, legend: true },
    marks: [
      Plot.ruleY([0]),
      ...(chart.trainEps > 0 && chart.trainEps <= hi ? [Plot.ruleX([chart.trainEps], { stroke: COLOURS[2], strokeDasharray: '1 3', strokeWidth: 1.5 })] : []),
      Plot.line(fgsm, { x: 'eps', y: 'acc', z: 'series', stroke: 'series', strokeWidth: 2 }),
      Plot.line(pgd, { x: 'eps', y: 'acc', z: 'series', stroke: 'series', strokeWidth: 2, strokeDasharray: '6 3' }),
      Plot.dot(fgsm, { x: 'eps', y: 'acc', fill: 'series', symbol: 'circle', r: 2.8 }),
      Plot.dot(pgd, { x: 'eps', y: 'acc', fill: 'series', symbol: 'triangle', r: 3.2 }),
    ],
  };
  return { curves };
};
