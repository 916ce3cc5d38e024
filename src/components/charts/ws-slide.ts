/**
 * The sliding-kernel cell: the input and output grids as heat maps (Plot options, rendered at build
 * time and redrawn after an edit: charts/plots.ts) with the receptive field and the current output
 * outlined; and, in `draw`, the position slider's end kept on the current output grid (it moves with
 * the image and kernel sizes).
 */
import type { cell, GridCell } from '../../cells/weightSharingSlide';
import type { DrawCell, PlotsFor } from '../cell/mountCells';
import type { Plot, PlotOptions } from './plots';

const HIGHLIGHT = '#e8710a';

function grid(
  Plot: Plot,
  cells: GridCell[],
  size: [number, number],
  description: string,
  label: string,
  scheme: 'greys' | 'diverging',
): PlotOptions {
  const [rows, cols] = size;
  const cell = 30;
  const extent = Math.max(1, ...cells.map((c) => Math.abs(c.value)));
  const min = Math.min(...cells.map((c) => c.value));
  const max = Math.max(...cells.map((c) => c.value));
  const color = scheme === 'greys'
    ? { type: 'linear' as const, scheme: 'greys' as const, domain: [Math.min(0, min), Math.max(1, max)] }
    : { type: 'linear' as const, scheme: 'rdbu' as const, domain: [-extent, extent], reverse: true };
  // Text colour from the cell's own fill (not the page's), so it reads in light and dark mode alike.
  const dark = (v: number) => (scheme === 'greys' ? v > (Math.min(0, min) + Math.max(1, max)) / 2 : Math.abs(v) > extent * 0.6);
  return {
    width: 36 + cols * cell,
    height: 30 + rows * cell,
    marginLeft: 28,
    marginTop: 24,
    marginBottom: 6,
    style: { background: 'transparent', color: 'currentColor', fontSize: '11px' },
    ariaLabel: label,
    ariaDescription: description,
    x: { axis: 'top', label: null, domain: Array.from({ length: cols }, (_, i) => i), tickSize: 0 },
    y: { label: null, domain: Array.from({ length: rows }, (_, i) => i), tickSize: 0 },
    color,
    marks: [
      Plot.cell(cells, { x: 'col', y: 'row', fill: 'value', inset: 0.5 }),
      Plot.text(cells, { x: 'col', y: 'row', text: 'label', fill: (d: GridCell) => (dark(d.value) ? 'white' : 'black') }),
      Plot.cell(cells.filter((c) => c.on), { x: 'col', y: 'row', fill: 'none', stroke: HIGHLIGHT, strokeWidth: 3, inset: 1.5 }),
    ],
  };
}

/** The grids are as wide as their cells (30 px each), not as the figure. */
export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot) => {
  const { grids } = view;
  return {
    input: grid(Plot, grids.input, grids.inputSize, grids.inputDescription, words.inputLabel, 'greys'),
    output: grid(Plot, grids.output, grids.outputSize, grids.outputDescription, words.outputLabel, 'diverging'),
  };
};

export const draw: DrawCell<typeof cell> = (root, view) => {
  // Only the slider follows the grid: the number box keeps the schema's bounds, so a value past the
  // schema's end is refused with a message while one past the grid's end is moved onto it.
  const last = String(view.positions - 1);
  root.querySelectorAll<HTMLInputElement>('input[type="range"][data-param="pos"]').forEach((input) => {
    if (input.max !== last) input.max = last;
  });
};
