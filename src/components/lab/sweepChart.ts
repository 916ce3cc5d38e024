/**
 * The sweep's chart (`sweepPlot`: Plot options, rendered at build time by SweepCell.astro and redrawn
 * by drawSweepChart with Plot imported lazily): accuracy against the swept value —
 * the mean over seeds as a line (validation solid, test dashed) with the band from the lowest to the
 * highest seed — and a vertical rule with dots at the value validation picks. The values sit evenly
 * spaced (x = their position, labelled with the values), since a sweep often spans several decades.
 * Colours: the lab charts' series colours, axes and the rule in the page's text and accent colours
 * (currentColor, var(--accent)), so the chart reads in light and dark mode.
 */
import type { SweepChart } from '../../cells/labSweep';
import { describeCharts } from '../cell/a11y';
import type { Plot, PlotOptions } from '../charts/plots';

const COLORS = ['#1a73e8', '#e8710a'];

/** The chart's widest drawing; a narrower figure draws narrower (down to 280 px). */
export const MAX_WIDTH = 680;

function width(figure: HTMLElement): number {
  return Math.max(280, Math.min(MAX_WIDTH, figure.clientWidth || MAX_WIDTH));
}

export async function drawSweepChart(figure: HTMLElement, chart: SweepChart, yLabel: string): Promise<void> {
  const Plot = await import('../plot');
  figure.querySelector('[data-chart-mount]')?.replaceChildren(Plot.plot(sweepPlot(chart, yLabel, Plot, width(figure))));
  // Name and describe the drawing now, not on the page watcher's next frame: a chart drawn late (the
  // lab cell loads when reached) must never be seen half-finished by a screen reader or axe.
  describeCharts(figure.parentElement ?? document);
}

export function sweepPlot(chart: SweepChart, yLabel: string, Plot: Plot, width: number): PlotOptions {
  const [val, test] = chart.seriesOrder;
  const of = (series: string) => chart.points.filter((p) => p.series === series);
  const last = Math.max(1, chart.ticks.length - 1);
  return {
    width,
    height: 280,
    marginLeft: 48,
    marginBottom: 40,
    style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
    ariaLabel: yLabel,
    ariaDescription: chart.description,
    x: {
      label: chart.xLabel,
      labelAnchor: 'center',
      grid: true,
      domain: [-0.25, last + 0.25],
      ticks: chart.ticks,
      tickFormat: (i: number) => chart.tickLabels[i] ?? '',
    },
    y: { label: yLabel, grid: true, domain: chart.yDomain, tickFormat: (v: number) => String(Math.round(v * 100)) },
    color: { legend: true, domain: chart.seriesOrder, range: COLORS },
    marks: [
      Plot.ruleX([chart.picked.x], { stroke: 'var(--accent)', strokeWidth: 1.5, strokeDasharray: '2 3' }),
      Plot.areaY(chart.points, { x: 'x', y1: 'low', y2: 'high', fill: 'series', fillOpacity: 0.18, z: 'series' }),
      Plot.line(of(val), { x: 'x', y: 'mean', stroke: 'series', strokeWidth: 2, marker: 'circle' }),
      Plot.line(of(test), { x: 'x', y: 'mean', stroke: 'series', strokeWidth: 2, strokeDasharray: '5 3', marker: 'circle' }),
      Plot.dot([chart.picked], { x: 'x', y: 'validation', r: 6, stroke: 'var(--accent)', strokeWidth: 2, fill: 'var(--bg)' }),
      Plot.dot([chart.picked], { x: 'x', y: 'test', r: 6, stroke: 'var(--accent)', strokeWidth: 2, fill: 'var(--bg)' }),
    ],
  };
}
