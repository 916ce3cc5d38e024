/**
 * Dropout as an ensemble: the Monte-Carlo mean of one class's probability over the first n sampled
 * thinned networks against n, with the exact mean over all 2⁸ networks (solid rule, its ±2·sd/√n band)
 * and the weight-scaling prediction (dashed rule). Plot options, rendered at build time and redrawn
 * after an edit (charts/plots.ts); axes and rules in currentColor for light and dark mode.
 */
import type { cell } from '../../cells/dropoutEnsemble';
import type { PlotsFor } from '../cell/mountCells';
import { fill } from '../../cells/define';

const MEAN = '#1a73e8';
const EXACT = '#e8710a';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  // The first samples' band is wide: clip the y range to what the mean and the two rules need.
  const values = [...chart.mean.map((d) => d.value), chart.exact, chart.weightScaling];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(1e-3, (hi - lo) * 0.05);
  const log = chart.samples > 1;
  const y = fill(words.y, { c: chart.cls });
  return {
    ens: {
      width: width('ens', 640),
      height: 300,
      marginLeft: 56,
      style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
      ariaLabel: y,
      ariaDescription: chart.description,
      x: { type: log ? 'log' : 'linear', label: words.x, domain: log ? [1, chart.samples] : [0.5, 1.5], grid: true },
      y: { label: y, grid: true, domain: [Math.max(0, lo - pad), Math.min(1, hi + pad)] },
      color: { legend: true, domain: [words.mean, words.exactLabel, words.wsLabel], range: [MEAN, EXACT, 'currentColor'] },
      marks: [
        Plot.areaY(chart.band, { x: 'n', y1: 'lo', y2: 'hi', fill: EXACT, fillOpacity: 0.1, clip: true }),
        Plot.ruleY([chart.exact], { stroke: EXACT, strokeWidth: 1.5 }),
        Plot.ruleY([chart.weightScaling], { stroke: 'currentColor', strokeDasharray: '5 4' }),
        Plot.line(chart.mean, { x: 'n', y: 'value', stroke: MEAN, strokeWidth: 2 }),
      ],
    },
  };
};
