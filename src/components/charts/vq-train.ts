/**
 * The vq-train cell's two charts (Plot options from src/components/vq/charts.ts, rendered at build
 * time and redrawn after an edit: charts/plots.ts): perplexity and dead codes per training step, and
 * the data coloured by the final nearest code with the codes' training paths and Voronoi cells.
 */
import type { cell } from '../../cells/vqTrain';
import type { PlotsFor } from '../cell/mountCells';
import { trainCurveOptions, trainScatterOptions } from '../vq/charts';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => ({
  curve: trainCurveOptions(view, { x: words.sx, y: words.sy }, Plot, width),
  scatter: trainScatterOptions(view, { x: words.px, y: words.py }, Plot, width),
});
