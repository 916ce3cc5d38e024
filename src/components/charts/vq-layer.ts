/**
 * The vq-layer cell: the codes with their Voronoi cells and the inputs linked to their nearest code
 * (Plot options from src/components/vq/charts.ts, rendered at build time and redrawn after an edit:
 * charts/plots.ts; none when D ≠ 2, which empties the figure), and, in `draw`, the head of the
 * distance table (VqLayerCell.astro, the cell's `distances` slot): one column per code, so it follows
 * the view's `distanceHead` when K changes; the runtime refills the body.
 */
import type { cell } from '../../cells/vqLayer';
import type { DrawCell, PlotsFor } from '../cell/mountCells';
import { layerChartOptions } from '../vq/charts';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => ({
  layer: view.chart ? layerChartOptions(view.chart, { x: words.axisX, y: words.axisY }, Plot, width) : [],
});

export const draw: DrawCell<typeof cell> = (root, view) => {
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
};
