/**
 * The early-stopping cell's two figures — the loss curves with the stop and the best epoch marked,
 * and the data with the fitted polynomials — rendered at build time and redrawn after an edit
 * (charts/plots.ts). A pending view (a run still training) draws nothing: the last figures stay.
 */
import type { cell } from '../../cells/earlyStopping';
import type { PlotsFor } from '../cell/mountCells';
import type { PlotOptions } from './plots';
import { fitPlot, lossPlot, MAX_WIDTH } from '../early-stopping/chart';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  if ('pending' in view) return {} as Record<string, PlotOptions>;
  return {
    loss: lossPlot(view.lossChart, { x: words.lossX, y: words.lossY, stop: words.stopMark, best: words.bestMark }, Plot, width('loss', MAX_WIDTH)),
    fit: fitPlot(view.fitChart, { x: words.fitX, y: words.fitY }, Plot, width('fit', MAX_WIDTH)),
  };
};
