/**
 * The augmentation cell in the browser (src/cells/augmentation.ts): after each change, the sample
 * canvases are painted from the view — the picture's pixels and each sample's plan, applied by
 * src/lib (`applyAugmentPlan`), with its mean colour under it — and the reader's own picture is shown
 * in place of the photo. Dragging a slider makes many views: only the latest is painted, once per
 * animation frame. `data-painted` on the root counts the paints (the browser spec waits on it).
 */
import { cell } from '../../cells/augmentation';
import { fill } from '../../cells/define';
import { applyAugmentPlan } from '../../lib/augment';
import { channelMeans } from '../../lib/augmentPlan';
import { formatNumber } from '../../lib/format';
import { paintRgba } from '../cell/imageSource';
import type { DrawCell } from '../cell/mountCells';

type Draw = DrawCell<typeof cell>;
type View = Parameters<Draw>[1];
type Words = Parameters<Draw>[2];

interface Painter {
  view: View;
  words: Words;
  /** The pending animation frame, 0 when none. */
  frame: number;
  painted: number;
  /** The id of the reader's picture on its canvas (painted once per picture, not per edit). */
  shown: string | null;
}

const painters = new WeakMap<HTMLElement, Painter>();

export const draw: Draw = (root, view, words) => {
  let p = painters.get(root);
  if (!p) {
    p = { view, words, frame: 0, painted: 0, shown: null };
    painters.set(root, p);
  }
  p.view = view;
  p.words = words;
  const painter = p;
  if (painter.frame === 0) painter.frame = requestAnimationFrame(() => paint(root, painter));
};

function paint(root: HTMLElement, p: Painter): void {
  p.frame = 0;
  const { view: v, words: w } = p;
  showPicture(root, p);
  const grid = root.querySelector<HTMLElement>('[data-grid]');
  if (!grid) return;
  const plans = v.samples.plans;
  while (grid.children.length > plans.length) grid.lastElementChild!.remove();
  while (grid.children.length < plans.length) {
    const fig = document.createElement('figure');
    fig.className = 'sample';
    fig.append(document.createElement('canvas'), document.createElement('figcaption'));
    grid.append(fig);
  }
  plans.forEach((plan, i) => {
    const sample = applyAugmentPlan(v.image, plan);
    const fig = grid.children[i]!;
    const canvas = fig.querySelector('canvas')!;
    fig.querySelector('img[data-built]')?.remove(); // the build-time picture of the defaults
    canvas.hidden = false;
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', v.samples.labels[i] ?? '');
    paintRgba(canvas, sample);
    const rgb = channelMeans(sample).map((x) => formatNumber(x, { digits: 1 })).join(', ');
    fig.querySelector('figcaption')!.textContent = fill(w.sampleMean, { i: i + 1, rgb });
  });
  root.dataset.painted = String(++p.painted);
}

/** The photo, or the reader's picture on the canvas beside it. */
function showPicture(root: HTMLElement, p: Painter): void {
  const img = root.querySelector<HTMLImageElement>('img[data-photo]');
  const canvas = root.querySelector<HTMLCanvasElement>('canvas[data-upload-canvas]');
  if (!img || !canvas) return;
  const own = p.view.image.kind === 'upload';
  if (own && p.shown !== p.view.image.id) paintRgba(canvas, p.view.image);
  p.shown = own ? p.view.image.id : null;
  img.hidden = own;
  canvas.hidden = !own;
}
