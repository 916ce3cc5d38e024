/**
 * The vq-train cell's two charts (Observable Plot, imported lazily, drawn by
 * src/components/vq/charts.ts): perplexity and dead codes per training step, and the data coloured
 * by the final nearest code with the codes' training paths and Voronoi cells.
 */
import type { cell } from '../../cells/vqTrain';
import type { DrawCell } from '../cell/mountCells';
import { drawTrainCurve, drawTrainScatter } from '../vq/charts';

export const draw: DrawCell<typeof cell> = async (root, view, words) => {
  await Promise.all([
    drawTrainCurve(root.querySelector<HTMLElement>('[data-chart="curve"]')!, view, { x: words.sx, y: words.sy }),
    drawTrainScatter(root.querySelector<HTMLElement>('[data-chart="scatter"]')!, view, { x: words.px, y: words.py }),
  ]);
};
