/**
 * The bias–variance cell's two charts (src/cells/l1l2BiasVariance.ts), both against α on a log scale:
 * bias², variance, their sum plus σ² (the U) and the mean training error, with σ² dotted; and the
 * first training set's validation and test errors, the α the validation set picks marked by a rule
 * and a dot. Axes and text use currentColor for light and dark mode. Rendered at build time, redrawn
 * after an edit (charts/plots.ts).
 */
import type { cell } from '../../cells/l1l2BiasVariance';
import type { PlotsFor } from '../cell/mountCells';

const STYLE = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;
/** bias², variance, total, training error; validation, test. */
const DECOMPOSITION_COLOURS = ['#1a73e8', '#e8710a', '#888888', '#12a150'];
const VALIDATION_COLOURS = ['#9334e6', '#d01884'];

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  const decomposition = {
    width: width('decomposition', 640),
    height: 300,
    marginLeft: 56,
    style: STYLE,
    ariaLabel: `${words.yDecomposition} / ${words.xLabel}`,
    ariaDescription: chart.decompositionDescription,
    x: { type: 'log' as const, label: words.xLabel, grid: true, tickFormat: '~g' },
    y: { type: 'log' as const, label: words.yDecomposition, grid: true, tickFormat: '~g' },
    color: { legend: true, domain: chart.decompositionSeries, range: DECOMPOSITION_COLOURS },
    marks: [
      Plot.ruleY([chart.noise], { stroke: 'currentColor', strokeDasharray: '2 3' }),
      Plot.ruleX([chart.best], { stroke: 'currentColor', strokeDasharray: '4 3', strokeOpacity: 0.6 }),
      ...chart.decompositionSeries.map((name, k) => Plot.line(chart.decomposition.filter((p) => p.series === name), {
        x: 'alpha', y: 'value', stroke: 'series', strokeWidth: k === 2 ? 3 : 1.8, ...(k === 3 ? { strokeDasharray: '5 3' } : {}),
      })),
    ],
  };
  const validation = {
    width: width('validation', 640),
    height: 260,
    marginLeft: 56,
    style: STYLE,
    ariaLabel: `${words.yValidation} / ${words.xLabel}`,
    ariaDescription: chart.validationDescription,
    x: { type: 'log' as const, label: words.xLabel, grid: true, tickFormat: '~g' },
    y: { type: 'log' as const, label: words.yValidation, grid: true, tickFormat: '~g' },
    color: { legend: true, domain: chart.validationSeries, range: VALIDATION_COLOURS },
    marks: [
      Plot.ruleX([chart.pick.alpha], { stroke: 'currentColor', strokeDasharray: '4 3' }),
      Plot.line(chart.validation, { x: 'alpha', y: 'value', z: 'series', stroke: 'series', strokeWidth: 2 }),
      Plot.dot([chart.pick], { x: 'alpha', y: 'value', r: 5, stroke: 'currentColor', strokeWidth: 2 }),
    ],
  };
  return { decomposition, validation };
};
