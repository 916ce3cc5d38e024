/**
 * The mixup-cutout cell's pictures (src/cells/mixupCutout.ts): x_i, x_j and their mixture, and x_i
 * before and after cutout with the square outlined, as 8×8 SVG digits (digitSvg: one path per grey
 * level, ink in currentColor). `mixupFigures` builds them through a given document — linkedom's at
 * build time (MixupDigits.astro), the page's after an edit (`draw`) — so both show the same markup.
 */
import type { CutoutBox } from '../../lib/cutout';
import { cell, type MixupCutoutView, type MixupFigure } from '../../cells/mixupCutout';
import { digitSvg } from '../vq/digitPaths';
import type { DrawCell } from '../cell/mountCells';

const SVG_NS = 'http://www.w3.org/2000/svg';
/** The figures of each slot, in order. */
export const MIXUP_PARTS = { mix: ['xi', 'xj', 'mixed'], cut: ['original', 'cut'] } as const;
export type MixupPart = keyof typeof MIXUP_PARTS;

/** The square's outline, dashed, in the accent colour (on top of the digit). */
function outline(doc: Document, box: CutoutBox): SVGRectElement {
  const r = doc.createElementNS(SVG_NS, 'rect') as SVGRectElement;
  for (const [k, v] of [['x', box.left], ['y', box.top], ['width', box.width], ['height', box.height], ['fill', 'none'],
    ['stroke', '#e8710a'], ['stroke-width', '0.15'], ['stroke-dasharray', '0.4 0.25'], ['data-box', '']] as const) r.setAttribute(k, String(v));
  return r;
}

/** One slot's figures: each an SVG digit named by its label, the label again as the caption. */
export function mixupFigures(doc: Document, view: MixupCutoutView, part: MixupPart): HTMLElement[] {
  const keys: readonly string[] = MIXUP_PARTS[part];
  return view.figures.filter((f) => keys.includes(f.key)).map((f: MixupFigure) => {
    const fig = doc.createElement('figure');
    fig.className = 'mixup-digit';
    fig.setAttribute('data-digit', f.key);
    const svg = digitSvg(doc, f.pixels, f.label, 112, 'mixup-svg');
    if (f.box) svg.append(outline(doc, f.box));
    const cap = doc.createElement('figcaption');
    cap.textContent = f.label;
    fig.append(svg, cap);
    return fig;
  });
}

export const draw: DrawCell<typeof cell> = (root, view) => {
  for (const part of Object.keys(MIXUP_PARTS) as MixupPart[]) {
    root.querySelector<HTMLElement>(`[data-mixup-part="${part}"]`)?.replaceChildren(...mixupFigures(document, view, part));
  }
};
