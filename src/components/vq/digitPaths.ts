/**
 * An 8×8 image (values in [0, 1]) as compact SVG markup for a 0 0 8 8 viewBox: one <path> per grey
 * level, the pixels of that level as unit squares, blank pixels left out. The VQ page shows 32 static
 * codebook digits; one <rect> per pixel made them 240 kB of its HTML (issue #14 §1: halve the heaviest
 * page), this about a tenth. Levels are sixteenths (the 0–16 scale of load_digits), finer than the eye
 * reads on a 48 px digit; the numbers themselves are in the page's tables and code.
 */
const LEVELS = 16;

export function digitPaths(pixels: readonly number[]): string {
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
    .map(([level, squares]) => `<path fill-opacity="${String(Math.round((level / LEVELS) * 1000) / 1000)}" d="${squares.join('')}"/>`)
    .join('');
}
