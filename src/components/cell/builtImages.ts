/**
 * The pictures a cell's script paints on canvases, rendered at build time for the defaults (issue #14
 * §1: "canvases that show images get a build-time image for their default state"). Each is a PNG the
 * build writes to images/<name>.png (src/pages/images/[name].png.ts), computed by the same calls the
 * painters make (charts/augmentation.ts, charts/vq-colors.ts). A page shows it in an <img> until the
 * script has painted the canvas beside it, so the page is complete without JavaScript — and a cell
 * with nothing left to paint loads its script only when the reader needs it (cell/whenNeeded.ts).
 * The pictures do not depend on the language: one file serves both pages.
 */
import { cell as augmentation } from '../../cells/augmentation';
import { cell as vqColors, indexRgba, quantizedRgba } from '../../cells/vqColors';
import { initialView } from '../../cells/define';
import { applyAugmentPlan, type RgbaImage } from '../../lib/augment';
import { readCellData } from './readCellData';
import { rootUrl } from '../paths';

/** The augmentation cell's samples at the defaults: `augmentation-sample-<i>`. */
function augmentationSamples(): [string, RgbaImage][] {
  const v = initialView(augmentation, 'en', readCellData(augmentation));
  return v.samples.plans.map((plan, i) => [`augmentation-sample-${i}`, applyAugmentPlan(v.image, plan)]);
}

/** The colour cell's quantized image and index map at the defaults: `vq-colors-<canvas>`. */
function vqColorPictures(): [string, RgbaImage][] {
  const v = initialView(vqColors, 'en', readCellData(vqColors));
  if (!v.result) throw new Error('vq-colors: the defaults must quantize at build time (no pending palette)');
  const { width, height } = v.image;
  return [
    ['vq-colors-quantized', { width, height, data: quantizedRgba(v.result.quantized) }],
    ['vq-colors-indices', { width, height, data: indexRgba(v.result.indices, v.result.codebook.length) }],
  ];
}

let images: Map<string, RgbaImage> | null = null;

/** Every build-time picture by name (computed once per build). */
export function builtImages(): ReadonlyMap<string, RgbaImage> {
  images ??= new Map([...augmentationSamples(), ...vqColorPictures()]);
  return images;
}

/** Where the page finds the picture `name`, under the site's base URL. */
export function builtImageUrl(name: string): string {
  if (!builtImages().has(name)) throw new Error(`no build-time picture "${name}" (src/components/cell/builtImages.ts)`);
  return `${rootUrl()}images/${name}.png`;
}
