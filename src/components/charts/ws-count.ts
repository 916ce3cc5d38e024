/**
 * Parameter counts of the weight-sharing page's count cell on a log axis, drawn with Observable Plot
 * (imported lazily): nn.Conv2d, the same connections without sharing, nn.Linear.
 */
import type { cell } from '../../cells/weightSharing';
import type { DrawCell } from '../cell/mountCells';

const BAR = '#1a73e8';

export const draw: DrawCell<typeof cell> = async (root, view, words) => {
  const figure = root.querySelector<HTMLElement>('[data-chart="counts"]')!;
  const { chart } = view;
  const Plot = await import('../plot');
  const width = Math.max(300, Math.min(680, figure.clientWidth || 680));
  const max = Math.max(...chart.bars.map((b) => b.params));
  const svg = Plot.plot({
    width,
    height: 170,
    marginLeft: 210,
    marginRight: 110,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: words.x,
    ariaDescription: chart.description,
    x: { type: 'log', label: words.x, grid: true, domain: [1, Math.max(10, max * 1.5)] },
    y: { label: null, domain: chart.bars.map((b) => b.layer) },
    marks: [
      Plot.ruleY(chart.bars, { y: 'layer', x1: 1, x2: 'params', stroke: BAR, strokeWidth: 10 }),
      Plot.text(chart.bars, { y: 'layer', x: 'params', text: 'label', dx: 10, textAnchor: 'start', fill: 'currentColor' }),
    ],
  });
  figure.querySelector('[data-chart-mount]')?.replaceChildren(svg);
};
