/**
 * Loss against logit margin, drawn with Observable Plot. Plot is imported lazily so pages without
 * a chart in view never download it.
 */
import type { cell } from '../../cells/labelSmoothing';
import type { DrawCell } from '../cell/mountCells';

export const draw: DrawCell<typeof cell> = async (root, view, words) => {
  const labels = { x: words.x, y: words.y };
  const figure = root.querySelector<HTMLElement>('[data-chart="margin"]')!;
  const { chart } = view;
  const Plot = await import('../plot');
  const width = Math.max(280, Math.min(640, figure.clientWidth || 640));
  const svg = Plot.plot({
    width,
    height: 280,
    marginLeft: 48,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: labels.y,
    ariaDescription: chart.description,
    x: { label: labels.x, grid: true },
    y: { label: labels.y, grid: true, domain: [0, Math.max(...chart.points.map((p) => p.loss).filter((l) => l < 10), 1)] },
    color: { legend: true, range: ['#1a73e8', '#e8710a'] },
    marks: [
      Plot.ruleY([0]),
      Plot.line(chart.points.filter((p) => p.loss < 10), { x: 'margin', y: 'loss', stroke: 'series', strokeWidth: 2 }),
      ...(chart.optimal
        ? [
            Plot.ruleX([chart.optimal.margin], { stroke: 'currentColor', strokeDasharray: '4 3' }),
            Plot.dot([chart.optimal], { x: 'margin', y: 'loss', r: 4, fill: 'currentColor' }),
          ]
        : []),
    ],
  });
  const target = figure.querySelector('[data-chart-mount]');
  target?.replaceChildren(svg);
};
