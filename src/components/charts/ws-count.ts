/**
 * Parameter counts of the weight-sharing page's count cell on a log axis: nn.Conv2d, the same
 * connections without sharing, nn.Linear. Rendered at build time, redrawn after an edit (charts/plots.ts).
 */
import type { cell } from '../../cells/weightSharing';
import type { PlotsFor } from '../cell/mountCells';

const BAR = '#1a73e8';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  const max = Math.max(...chart.bars.map((b) => b.params));
  return {
    counts: {
      width: width('counts', 680, 300),
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
    },
  };
};
