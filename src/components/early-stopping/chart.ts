/**
 * The early-stopping charts' Plot options: the loss curves with the stop and the best epoch marked,
 * and the data with the fitted polynomials (the cell's figures, charts/early-stopping.ts).
 */
import type { EarlyStoppingView, LossPoint } from '../../cells/earlyStopping';
import type { Plot, PlotOptions } from '../charts/plots';

const COLORS = ['#1a73e8', '#e8710a', '#0b8043', '#9334e6'];

/** The charts' widest drawing; a narrower figure draws narrower (down to 280 px). */
export const MAX_WIDTH = 680;

export type LossLabels = { x: string; y: string; stop: string; best: string };
export type FitLabels = { x: string; y: string };

const byEpoch = (a: LossPoint, b: LossPoint) => a.epoch - b.epoch;

export function lossPlot(chart: EarlyStoppingView['lossChart'], labels: LossLabels, Plot: Plot, width: number): PlotOptions {
  const solid = chart.points.filter((p) => !p.after).sort(byEpoch);
  const faded = chart.points.filter((p) => p.after).sort(byEpoch);
  const losses = chart.points.map((p) => p.loss);
  return {
    width,
    height: 300,
    marginLeft: 52,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: labels.y,
    ariaDescription: chart.description,
    x: { type: 'log', label: labels.x, grid: true, domain: [1, Math.max(2, chart.epochs)] },
    y: { label: labels.y, grid: true, domain: [0, Math.max(...losses) * 1.05] },
    color: { legend: true, domain: chart.seriesOrder, range: COLORS },
    marks: [
      Plot.ruleY([0]),
      Plot.line(solid, { x: 'epoch', y: 'loss', stroke: 'series', strokeWidth: 2 }),
      Plot.line(faded, { x: 'epoch', y: 'loss', stroke: 'series', strokeWidth: 1.5, strokeOpacity: 0.35 }),
      ...(chart.stop === null
        ? []
        : [
            Plot.ruleX([chart.stop], { stroke: 'currentColor', strokeDasharray: '4 3' }),
            Plot.text([chart.stop], { x: (d: number) => d, frameAnchor: 'top', dy: 4, dx: 4, textAnchor: 'start', text: () => labels.stop, fill: 'currentColor' }),
          ]),
      Plot.dot([chart.best], { x: 'epoch', y: 'loss', r: 5, fill: 'currentColor' }),
      Plot.text([chart.best], { x: 'epoch', y: 'loss', text: () => labels.best, dy: 14, fill: 'currentColor' }),
    ],
  };
}

export function fitPlot(chart: EarlyStoppingView['fitChart'], labels: FitLabels, Plot: Plot, width: number): PlotOptions {
  const truth = chart.seriesOrder[chart.seriesOrder.length - 1]!;
  const fits = chart.curves.filter((c) => c.series !== truth);
  const range = [...COLORS.slice(0, chart.seriesOrder.length - 1), '#888888'];
  return {
    width,
    height: 320,
    marginLeft: 44,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: labels.y,
    ariaDescription: chart.description,
    x: { label: labels.x, domain: [-1, 1], grid: true },
    y: { label: labels.y, domain: chart.yDomain, grid: true },
    color: { legend: true, domain: chart.seriesOrder, range },
    marks: [
      Plot.line(chart.curves.filter((c) => c.series === truth), { x: 'x', y: 'y', stroke: 'series', strokeDasharray: '5 4', clip: true }),
      Plot.line(fits, { x: 'x', y: 'y', stroke: 'series', strokeWidth: 2, clip: true }),
      Plot.dot(chart.val, { x: 'x', y: 'y', r: 3.5, stroke: 'currentColor', fill: 'none', clip: true }),
      Plot.dot(chart.train, { x: 'x', y: 'y', r: 3.5, fill: 'currentColor', clip: true }),
    ],
  };
}
