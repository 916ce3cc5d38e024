/**
 * Batch norm's noise: the histogram of one example's normalized value over R random batches (its mean
 * solid, the whole-data-set value dashed), and the standard deviation against the batch size on a
 * log₂ axis with a 1/√B curve through the chosen B. Axes and text use currentColor for light and dark
 * mode. Rendered at build time, redrawn after an edit (charts/plots.ts).
 */
import type { cell } from '../../cells/bnNoise';
import type { PlotsFor } from '../cell/mountCells';

const BARS = '#1a73e8';
const SWEEP = '#e8710a';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' };
  // A step outline of the bins: each bin's count from x0 to x1, closed at the last edge.
  const last = chart.bins[chart.bins.length - 1]!;
  const steps = [...chart.bins.map((b) => ({ x: b.x0, count: b.count })), { x: last.x1, count: last.count }];
  const spread = {
    width: width('spread', 640),
    height: 220,
    marginLeft: 56,
    style,
    ariaLabel: words.value,
    ariaDescription: chart.spreadDescription,
    x: { label: words.value, grid: true },
    y: { label: words.count, grid: true },
    marks: [
      Plot.areaY(steps, { x: 'x', y: 'count', curve: 'step-after', fill: BARS, fillOpacity: 0.35 }),
      Plot.line(steps, { x: 'x', y: 'count', curve: 'step-after', stroke: BARS }),
      Plot.ruleX([chart.mean], { stroke: 'currentColor', strokeWidth: 2 }),
      Plot.ruleX([chart.full], { stroke: 'currentColor', strokeDasharray: '5 4' }),
    ],
  };
  const reference = chart.sweep.map((p) => ({ batchSize: p.batchSize, std: chart.std * Math.sqrt(chart.batchSize / p.batchSize) }));
  const sweep = {
    width: width('sweep', 640),
    height: 220,
    marginLeft: 56,
    style,
    ariaLabel: words.std,
    ariaDescription: chart.sweepDescription,
    x: { label: words.batch, type: 'log' as const, base: 2, grid: true },
    y: { label: words.std, grid: true, zero: true },
    marks: [
      Plot.line(reference, { x: 'batchSize', y: 'std', stroke: 'currentColor', strokeDasharray: '5 4' }),
      Plot.line(chart.sweep, { x: 'batchSize', y: 'std', stroke: SWEEP, strokeWidth: 2 }),
      Plot.dot(chart.sweep, { x: 'batchSize', y: 'std', r: 3, fill: SWEEP }),
      Plot.dot([{ batchSize: chart.batchSize, std: chart.std }], { x: 'batchSize', y: 'std', r: 5, stroke: 'currentColor', strokeWidth: 2 }),
    ],
  };
  return { spread, sweep };
};
