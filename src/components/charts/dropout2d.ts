/**
 * Dropout vs Dropout2d: each channel as a small grid, one row per layer, kept values filled (the key
 * is ChannelLegend.astro), zeros empty. Axes and text use currentColor so both read in light and dark
 * mode. Rendered at build time, redrawn after an edit (charts/plots.ts).
 */
import type { cell } from '../../cells/dropout2d';
import type { PlotsFor } from '../cell/mountCells';

/** Kept values; the same colour as the key's swatch in ChannelLegend.astro. */
const KEPT = '#4c8df6';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  const channels = new Set(chart.cells.map((c) => c.channel)).size;
  const w = width('grid', 720);
  const cellSize = Math.max(14, Math.min(40, (w - 120) / (channels * (chart.side + 0.6))));
  const height = 2 * chart.side * cellSize + 90;
  const range = Array.from({ length: chart.side }, (_, i) => i);
  return {
    grid: {
      width: w,
      height,
      marginLeft: 100,
      marginTop: 30,
      style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
      ariaLabel: chart.methods.join(' / '),
      ariaDescription: chart.description,
      fx: { label: null, tickFormat: (c: number) => `${words.channel} ${c}` },
      fy: { label: null, domain: chart.methods },
      x: { axis: null, domain: range, padding: 0.08 },
      y: { axis: null, domain: range, padding: 0.08 },
      marks: [
        Plot.cell(chart.cells, {
          fx: 'channel', fy: 'method', x: 'col', y: 'row',
          fill: (d: { kept: boolean }) => (d.kept ? KEPT : 'none'),
          fillOpacity: 0.45, stroke: 'currentColor', strokeOpacity: 0.35,
        }),
        Plot.text(chart.cells, {
          fx: 'channel', fy: 'method', x: 'col', y: 'row', text: 'label', fill: 'currentColor',
          fontSize: cellSize < 24 ? 8 : 10,
        }),
      ],
    },
  };
};
