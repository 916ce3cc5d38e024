/**
 * Dropout vs Dropout2d, drawn with Observable Plot (imported lazily): each channel as a small grid,
 * one row per layer, kept values filled (the key is ChannelLegend.astro), zeros empty. Axes and text
 * use currentColor so both read in light and dark mode.
 */
import type { cell } from '../../cells/dropout2d';
import type { DrawCell } from '../cell/mountCells';

/** Kept values; the same colour as the key's swatch in ChannelLegend.astro. */
const KEPT = '#4c8df6';

export const draw: DrawCell<typeof cell> = async (root, view, words) => {
  const figure = root.querySelector<HTMLElement>('[data-chart="grid"]')!;
  const { chart } = view;
  const Plot = await import('../plot');
  const channels = new Set(chart.cells.map((c) => c.channel)).size;
  const width = Math.max(280, Math.min(720, figure.clientWidth || 720));
  const cellSize = Math.max(14, Math.min(40, (width - 120) / (channels * (chart.side + 0.6))));
  const height = 2 * chart.side * cellSize + 90;
  const range = Array.from({ length: chart.side }, (_, i) => i);
  const svg = Plot.plot({
    width,
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
  });
  figure.querySelector('[data-chart-mount]')?.replaceChildren(svg);
};
