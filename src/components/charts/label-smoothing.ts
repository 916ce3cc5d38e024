/**
 * Loss against logit margin: the Plot options of the cell's one figure, rendered at build time and
 * redrawn after an edit (charts/plots.ts).
 */
import type { cell } from '../../cells/labelSmoothing';
import type { PlotsFor } from '../cell/mountCells';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  const shown = chart.points.filter((p) => p.loss < 10);
  return {
    margin: {
      width: width('margin', 640),
      height: 280,
      marginLeft: 48,
      style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
      ariaLabel: words.y,
      ariaDescription: chart.description,
      x: { label: words.x, grid: true },
      y: { label: words.y, grid: true, domain: [0, Math.max(...shown.map((p) => p.loss), 1)] },
      color: { legend: true, range: ['#1a73e8', '#e8710a'] },
      marks: [
        Plot.ruleY([0]),
        Plot.line(shown, { x: 'margin', y: 'loss', stroke: 'series', strokeWidth: 2 }),
        ...(chart.optimal
          ? [
              Plot.ruleX([chart.optimal.margin], { stroke: 'currentColor', strokeDasharray: '4 3' }),
              Plot.dot([chart.optimal], { x: 'margin', y: 'loss', r: 4, fill: 'currentColor' }),
            ]
          : []),
      ],
    },
  };
};
