/**
 * The colour cell in the browser (src/cells/vqColors.ts): the usage chart's Plot options (drawn at
 * build time too) — `plots`; and after each finished view, the quantized image and the index map
 * painted from the view's result, and the reader's own picture shown in place of the photo — `draw`.
 */
import { cell, indexRgba, quantizedRgba } from '../../cells/vqColors';
import { usageChartOptions } from '../vq/charts';
import { paintRgba } from '../cell/imageSource';
import type { DrawCell, PlotsFor } from '../cell/mountCells';

// (Only a finished view is drawn: a pending one keeps the last chart.)
export const plots: PlotsFor<typeof cell> = (v, w, _lang, Plot, width) => ({
  usage: usageChartOptions(v.usage, v.text.description ?? '', { x: w.x, y: w.y }, Plot, width('usage', 640)),
});


export const draw: DrawCell<typeof cell> = (root, v) => {
  const canvas = (name: string) => root.querySelector<HTMLCanvasElement>(`canvas[data-canvas="${name}"]`)!;
  const img = v.image;
  const own = img.source === 'upload';
  root.querySelector<HTMLImageElement>('[data-original-img]')!.hidden = own;
  canvas('original').hidden = !own;
  if (own) paintRgba(canvas('original'), { width: img.width, height: img.height, data: img.rgba });
  if (!v.result) return;
  paintRgba(canvas('quantized'), { width: img.width, height: img.height, data: quantizedRgba(v.result.quantized) });
  paintRgba(canvas('indices'), { width: img.width, height: img.height, data: indexRgba(v.result.indices, v.result.codebook.length) });
  // The canvases take the place of the build-time pictures of the defaults (cell/builtImages.ts).
  for (const name of ['quantized', 'indices']) {
    root.querySelector(`img[data-built="${name}"]`)?.remove();
    canvas(name).hidden = false;
  }
};
