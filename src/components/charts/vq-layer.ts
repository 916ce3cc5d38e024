/**
 * The vq-layer cell in the browser: the codes with their Voronoi cells and the inputs linked to their
 * nearest code (Observable Plot, imported lazily, drawn by src/components/vq/charts.ts), and the head
 * of the distance table (VqLayerCell.astro, the cell's `distances` slot): one column per code, so it
 * follows the view's `distanceHead` when K changes; the runtime refills the body.
 */
import type { cell } from '../../cells/vqLayer';
import type { DrawCell } from '../cell/mountCells';
import { drawLayerChart } from '../vq/charts';

export const draw: DrawCell<typeof cell> = (root, view, words) => {
  const head = root.querySelector<HTMLTableRowElement>('[data-distance-head]');
  const shown = head ? Array.from(head.children, (th) => th.textContent ?? '') : [];
  if (head && shown.join('\n') !== view.distanceHead.join('\n')) {
    head.replaceChildren(
      ...view.distanceHead.map((text) => {
        const th = document.createElement('th');
        th.scope = 'col';
        th.textContent = text;
        return th;
      }),
    );
  }
  const figure = root.querySelector<HTMLElement>('[data-chart="layer"]')!;
  return drawLayerChart(figure, view.chart, { x: words.axisX, y: words.axisY });
};
