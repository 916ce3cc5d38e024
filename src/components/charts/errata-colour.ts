/**
 * Erratum 8's cell in the browser (src/cells/nearestColour.ts): the colour picker is a widget of the
 * three parameters colR, colG, colB, not a parameter of its own — `mount` wires it to the cell's
 * handle (checked and shown as typed values are; a drag is a live edit, the final change one history
 * entry). After each change the picker and the two swatches follow the view — `draw`.
 */
import { cell, hexBytes } from '../../cells/nearestColour';
import type { DrawCell, MountCell } from '../cell/mountCells';

/** Cells whose picker is setting R, G and B right now: its own value is the target then, not to be written back. */
const picking = new WeakSet<HTMLElement>();

const picker = (root: HTMLElement) => root.querySelector<HTMLInputElement>('[data-colour-pick]');

export const draw: DrawCell<typeof cell> = (root, v) => {
  const pick = picker(root);
  if (pick && !picking.has(root) && pick.value !== v.hex) pick.value = v.hex;
  root.querySelector<HTMLElement>('[data-swatch="colour"]')?.style.setProperty('background', v.hex);
  root.querySelector<HTMLElement>('[data-swatch="nearest"]')?.style.setProperty('background', v.nearestHex);
};

export const mount: MountCell<typeof cell> = (root, handle) => {
  const pick = picker(root);
  if (!pick) return;
  const fromPicker = (commit: boolean) => {
    let bytes: [number, number, number];
    try {
      bytes = hexBytes(pick.value);
    } catch {
      return; // not #rrggbb (a browser without a colour input gives text): R, G and B stay
    }
    picking.add(root);
    try {
      handle.set({ colR: bytes[0], colG: bytes[1], colB: bytes[2] }, commit);
    } finally {
      picking.delete(root);
    }
  };
  pick.addEventListener('input', () => fromPicker(false));
  pick.addEventListener('change', () => fromPicker(true));
};
