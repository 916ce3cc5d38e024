/**
 * The adversarial-training charts as Plot options, rendered at build time and redrawn after an edit
 * (charts/plots.ts):
 *  - scatter: test points, FGSM arrows to their adversarial positions and each model's decision
 *    boundary, one panel per model;
 *  - curve: accuracy under FGSM against ε for both models, exact over the whole distribution (lines)
 *    and on the test points (dots).
 * Axes and text use currentColor, so both read on light and dark backgrounds.
 */
import type { cell } from '../../cells/adversarialTraining';
import type { PlotsFor } from '../cell/mountCells';

/** Class colours (scatter) and model colours (curve): distinct hues, readable on light and dark. */
const CLASS_COLOURS = ['#1a73e8', '#e8710a'];
const MODEL_COLOURS = ['#9334e6', '#12a150'];
const FLIPPED = '#d93025';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  const moved = chart.points.filter((p) => p.x1 !== p.ax1 || p.x2 !== p.ax2);
  const [standard, adversarial] = chart.models;
  return {
    scatter: {
      width: width('scatter', 720),
      height: 480,
      marginLeft: 48,
      marginRight: 16,
      style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
      ariaLabel: words.scatter,
      ariaDescription: chart.scatterDescription,
      x: { domain: [chart.box.xMin, chart.box.xMax], label: words.x1, grid: true },
      y: { domain: [chart.box.yMin, chart.box.yMax], label: words.x2, grid: true },
      fy: { domain: chart.models, axis: null, padding: 0.12 },
      color: { domain: chart.classes, range: CLASS_COLOURS, legend: true },
      symbol: { domain: chart.classes, range: ['circle', 'triangle'] },
      marks: [
        Plot.frame({ stroke: 'currentColor', strokeOpacity: 0.25 }),
        Plot.link(chart.boundaries, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', fy: 'model', stroke: 'currentColor', strokeWidth: 2 }),
        Plot.arrow(moved.filter((p) => !p.flipped), {
          x1: 'x1', y1: 'x2', x2: 'ax1', y2: 'ax2', fy: 'model', stroke: 'currentColor', strokeOpacity: 0.45, headLength: 5, strokeWidth: 1,
        }),
        Plot.arrow(moved.filter((p) => p.flipped), {
          x1: 'x1', y1: 'x2', x2: 'ax1', y2: 'ax2', fy: 'model', stroke: FLIPPED, headLength: 5, strokeWidth: 1.5,
        }),
        Plot.dot(chart.points, { x: 'x1', y: 'x2', fy: 'model', fill: 'cls', symbol: 'cls', r: 3.2, stroke: 'currentColor', strokeWidth: 0.4 }),
        // Panel titles inside each frame (facet axis labels would be cut on narrow screens).
        Plot.text(chart.models, {
          fy: (d: string) => d, text: (d: string) => d, frameAnchor: 'top-left', dx: 6, dy: 6,
          fill: 'currentColor', fontWeight: 'bold', stroke: 'var(--cell-bg, white)', strokeWidth: 3, paintOrder: 'stroke',
        }),
      ],
    },
    curve: {
      width: width('curve', 720),
      height: 300,
      marginLeft: 48,
      style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
      ariaLabel: words.curve,
      ariaDescription: chart.curveDescription,
      x: { domain: [0, 1], label: words.eps, grid: true },
      y: { domain: [0, 100], label: words.accuracy, grid: true, percent: true },
      color: { domain: chart.models, range: MODEL_COLOURS, legend: true },
      marks: [
        Plot.ruleY([0]),
        Plot.ruleX([chart.attackEps], { stroke: 'currentColor', strokeDasharray: '4 3' }),
        Plot.ruleX([chart.trainEps], { stroke: MODEL_COLOURS[1], strokeDasharray: '1 3', strokeWidth: 1.5 }),
        // Lines: the exact accuracy over the whole distribution; dots: the n + n test points.
        Plot.line(chart.expected.filter((p) => p.model === standard), { x: 'eps', y: 'acc', stroke: 'model', strokeWidth: 2 }),
        Plot.line(chart.expected.filter((p) => p.model === adversarial), { x: 'eps', y: 'acc', stroke: 'model', strokeWidth: 2, strokeDasharray: '6 3' }),
        Plot.dot(chart.curve.filter((p) => p.model === standard), { x: 'eps', y: 'acc', fill: 'model', symbol: 'circle', r: 2.8 }),
        Plot.dot(chart.curve.filter((p) => p.model === adversarial), { x: 'eps', y: 'acc', fill: 'model', symbol: 'triangle', r: 3.2 }),
      ],
    },
  };
};
