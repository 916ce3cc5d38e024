/**
 * The VQ page's Observable Plot charts. Axes and text use currentColor so they read on light and dark
 * backgrounds; every chart carries an aria-description equal to its figcaption.
 * The `…Options` functions are pure (Plot options from the view: charts/plots.ts), used by the chart
 * modules of the declared cells (charts/vq-layer.ts, charts/vq-train.ts) at build time and after an
 * edit (charts/vq-colors.ts for the colour cell's usage chart).
 */
import type { VqLayerChart } from '../../cells/vqLayer';
import type { VqTrainView } from '../../cells/vqTrain';
import { indexColor } from '../../cells/vqShared';
import type { Plot, PlotOptions, WidthOf } from '../charts/plots';

type Labels = { x: string; y: string };

const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;
const rgb = (c: [number, number, number]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;

/** Share of pixels per code: bars in the index-map colour, a dot in the code's own colour on top. */
export function usageChartOptions(
  usage: { code: number; share: number; color: string }[],
  description: string,
  labels: Labels,
  Plot: Plot,
  width: number,
): PlotOptions {
  return {
    width,
    height: 220,
    marginLeft: 48,
    style,
    ariaLabel: labels.y,
    ariaDescription: description,
    x: { label: labels.x, type: 'band' },
    y: { label: labels.y, grid: true, percent: true },
    marks: [
      Plot.barY(usage, { x: 'code', y: 'share', fill: (d: { code: number }) => rgb(indexColor(d.code)) }),
      Plot.dot(usage, { x: 'code', y: 'share', fill: 'color', stroke: 'currentColor', r: 5, dy: -8 }),
      Plot.ruleY([0]),
    ],
  };
}

/** Codes with their Voronoi cells, input points linked to their nearest code. */
export function layerChartOptions(chart: VqLayerChart, labels: Labels, Plot: Plot, width: WidthOf, name = 'layer'): PlotOptions {
  const all = [...chart.codes, ...chart.points];
  const xs = all.map((p) => p.x);
  const ys = all.map((p) => p.y);
  const pad = (lo: number, hi: number) => {
    const m = Math.max(1, (hi - lo) * 0.12);
    return [lo - m, hi + m];
  };
  return {
    width: width(name, 640),
    height: 320,
    style,
    ariaLabel: labels.y,
    ariaDescription: chart.description,
    x: { label: labels.x, domain: pad(Math.min(...xs), Math.max(...xs)) },
    y: { label: labels.y, domain: pad(Math.min(...ys), Math.max(...ys)) },
    marks: [
      Plot.voronoi(chart.codes, { x: 'x', y: 'y', fill: (_d: unknown, i: number) => rgb(indexColor(i)), fillOpacity: 0.12, stroke: 'currentColor', strokeOpacity: 0.4 }),
      Plot.link(chart.links, { x1: 'x1', y1: 'y1', x2: 'x2', y2: 'y2', stroke: 'currentColor', strokeDasharray: '3 3', markerEnd: 'arrow' }),
      Plot.dot(chart.codes, { x: 'x', y: 'y', symbol: 'square', r: 6, fill: (_d: unknown, i: number) => rgb(indexColor(i)), stroke: 'currentColor' }),
      Plot.text(chart.codes, { x: 'x', y: 'y', text: 'code', dy: -14, fill: 'currentColor' }),
      Plot.dot(chart.points, { x: 'x', y: 'y', r: 4, fill: 'currentColor' }),
      Plot.text(chart.points, { x: 'x', y: 'y', text: 'label', dx: 10, textAnchor: 'start', fill: 'currentColor' }),
    ],
  };
}

/** Perplexity and dead codes per training step. */
export function trainCurveOptions(v: VqTrainView, labels: Labels, Plot: Plot, width: WidthOf, name = 'curve'): PlotOptions {
  return {
    width: width(name, 640),
    height: 240,
    marginLeft: 40,
    style,
    ariaLabel: labels.y,
    ariaDescription: v.curveDescription,
    x: { label: labels.x, grid: true },
    y: { label: labels.y, grid: true, domain: [0, Math.max(1, ...v.curve.map((p) => p.value))] },
    color: { legend: true, range: ['#1a73e8', '#e8710a'] },
    marks: [Plot.ruleY([0]), Plot.line(v.curve, { x: 'step', y: 'value', stroke: 'series', strokeWidth: 2, curve: 'step-after' })],
  };
}

/** The data coloured by the final nearest code, with the codes' training paths and Voronoi cells. */
export function trainScatterOptions(v: VqTrainView, labels: Labels, Plot: Plot, width: WidthOf, name = 'scatter'): PlotOptions {
  const { points, codes, paths } = v.scatter;
  const colour = (d: { code: number }) => rgb(indexColor(d.code));
  return {
    width: width(name, 640),
    height: 340,
    style,
    ariaLabel: labels.y,
    ariaDescription: v.scatterDescription,
    x: { label: labels.x },
    y: { label: labels.y },
    marks: [
      Plot.voronoi(codes, { x: 'x', y: 'y', stroke: 'currentColor', strokeOpacity: 0.35, fill: 'none' }),
      Plot.dot(points, { x: 'x', y: 'y', r: 2.5, fill: colour, fillOpacity: 0.8 }),
      Plot.line(paths, { x: 'x', y: 'y', z: 'code', stroke: 'currentColor', strokeOpacity: 0.6 }),
      Plot.dot(codes, { x: 'x', y: 'y', symbol: 'square', r: 6, stroke: 'currentColor', strokeWidth: 1.5, fill: (d: { code: number; dead: boolean }) => (d.dead ? 'none' : colour(d)) }),
    ],
  };
}
