/**
 * The sliding-kernel cell in the browser: the input and output grids as heat maps (Observable Plot,
 * imported lazily) with the receptive field and the current output outlined, and the position
 * slider's end kept on the current output grid (it moves with the image and kernel sizes).
 */
import type { cell, GridCell } from '../../cells/weightSharingSlide';
import type { DrawCell } from '../cell/mountCells';

const HIGHLIGHT = '#e8710a';

async function grid(
  cells: GridCell[],
  size: [number, number],
  description: string,
  label: string,
  scheme: 'greys' | 'diverging',
): Promise<SVGSVGElement | HTMLElement> {
  const Plot = await import('../plot');
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
  return Plot.plot({
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
  });
}

export const draw: DrawCell<typeof cell> = async (root, view, words) => {
  // Only the slider follows the grid: the number box keeps the schema's bounds, so a value past the
  // schema's end is refused with a message while one past the grid's end is moved onto it.
  const last = String(view.positions - 1);
  root.querySelectorAll<HTMLInputElement>('input[type="range"][data-param="pos"]').forEach((input) => {
    if (input.max !== last) input.max = last;
  });
  const { grids } = view;
  const [input, output] = await Promise.all([
    grid(grids.input, grids.inputSize, grids.inputDescription, words.inputLabel, 'greys'),
    grid(grids.output, grids.outputSize, grids.outputDescription, words.outputLabel, 'diverging'),
  ]);
  root.querySelector('[data-chart="input"] [data-chart-mount]')?.replaceChildren(input);
  root.querySelector('[data-chart="output"] [data-chart-mount]')?.replaceChildren(output);
};
