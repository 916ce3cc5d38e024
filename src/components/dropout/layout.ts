/**
 * Geometry of the SimpleNN diagram (10 → 50 → 1). Pure numbers: the Astro component renders the SVG
 * at build time from these; the browser only switches each hidden unit's `data-state`.
 */
export const NET = {
  width: 640,
  height: 548,
  inputX: 90,
  hiddenX: 330,
  outputX: 560,
  top: 38,
  hiddenGap: 10,
  inputs: 10,
  hidden: 50,
} as const;

export const hiddenY = (j: number) => NET.top + j * NET.hiddenGap;
const span = (NET.hidden - 1) * NET.hiddenGap;
export const inputY = (i: number) => NET.top + (span * (i + 0.5)) / NET.inputs;
export const outputY = NET.top + span / 2;

/** All ten edges into hidden unit j, as one path. */
export function incomingPath(j: number): string {
  const y = hiddenY(j);
  return Array.from({ length: NET.inputs }, (_, i) => `M${NET.inputX},${inputY(i)}L${NET.hiddenX},${y}`).join('');
}

/** An × over hidden unit j. */
export function crossPath(j: number): string {
  const y = hiddenY(j);
  const x = NET.hiddenX;
  const r = 5;
  return `M${x - r},${y - r}L${x + r},${y + r}M${x - r},${y + r}L${x + r},${y - r}`;
}
