/**
 * An 8×8 image (values in [0, 1]) as compact SVG for a 0 0 8 8 viewBox: one <path> per grey level, the
 * pixels of that level as unit squares, blank pixels left out, ink in `currentColor` (readable on the
 * light and the dark theme). The VQ page shows 32 static codebook digits; one <rect> per pixel made them
 * 240 kB of its HTML (issue #14 §1: halve the heaviest page), this about a tenth. Levels are sixteenths
 * (the 0–16 scale of load_digits), finer than the eye reads on a 48 px digit; the numbers themselves are
 * in the page's tables and code.
 *
 * Two renderers of one tree (as KaTeX's): `digitPaths` is the markup string a build-time component
 * inserts; `digitSvg` builds the same element through a given `document` — linkedom's at build time,
 * the page's in the browser — so the lab's augmented samples look the same before and after a Train.
 */
const LEVELS = 16;
const SVG_NS = 'http://www.w3.org/2000/svg';

export interface DigitLevel {
  /** The level's fill-opacity, level/16 to three decimals. */
  opacity: string;
  /** The level's pixels as unit squares, in reading order. */
  d: string;
}

/** The inked grey levels of an 8×8 image, darkest last (so it paints over lighter neighbours' edges). */
export function digitLevels(pixels: readonly number[]): DigitLevel[] {
  if (pixels.length !== 64) throw new RangeError(`pixels must have 64 values (8×8); received ${pixels.length}`);
  const byLevel = new Map<number, string[]>();
  pixels.forEach((v, i) => {
    const level = Math.round(Math.min(1, Math.max(0, Number.isFinite(v) ? v : 0)) * LEVELS);
    if (level === 0) return;
    const squares = byLevel.get(level) ?? [];
    squares.push(`M${i % 8} ${Math.floor(i / 8)}h1v1h-1z`);
    byLevel.set(level, squares);
  });
  return [...byLevel]
    .sort((a, b) => a[0] - b[0])
    .map(([level, squares]) => ({ opacity: String(Math.round((level / LEVELS) * 1000) / 1000), d: squares.join('') }));
}

export function digitPaths(pixels: readonly number[]): string {
  return digitLevels(pixels).map(({ opacity, d }) => `<path fill-opacity="${opacity}" d="${d}"/>`).join('');
}

/**
 * The digit as an <svg role="img"> named `label`, framed by a thin square, `size` CSS pixels wide.
 * Only attributes and text are set (no markup parsed), so a label can never become HTML.
 */
export function digitSvg(doc: Document, pixels: readonly number[], label: string, size: number, className = 'digit'): SVGSVGElement {
  const svg = doc.createElementNS(SVG_NS, 'svg') as SVGSVGElement;
  for (const [k, v] of [['class', className], ['viewBox', '0 0 8 8'], ['width', String(size)], ['height', String(size)],
    ['role', 'img'], ['aria-label', label], ['fill', 'currentColor']]) svg.setAttribute(k!, v!);
  const frame = doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of [['width', '8'], ['height', '8'], ['fill', 'none'], ['stroke', 'currentColor'], ['stroke-width', '0.08']]) frame.setAttribute(k!, v!);
  svg.append(frame);
  for (const { opacity, d } of digitLevels(pixels)) {
    const path = doc.createElementNS(SVG_NS, 'path');
    path.setAttribute('fill-opacity', opacity);
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}
