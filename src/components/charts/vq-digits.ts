/**
 * The digits cell in the browser (src/cells/vqDigits.ts): the sample menu, the 8×8 pad and the clear
 * button are widgets of its one parameter, dPix, and change it through the cell's handle (checked
 * and shown like a typed value; a paint stroke is a live edit, committed to the URL when the pointer
 * lifts) — `mount`. After each change the pad, the reconstruction and the codebook's mark follow the
 * view — `draw`.
 */
import { cell, DIGITS_SAMPLE, sampleIndexOf } from '../../cells/vqDigits';
import type { DrawCell, MountCell } from '../cell/mountCells';

export const draw: DrawCell<typeof cell> = (root, v) => {
  root.querySelectorAll<HTMLButtonElement>('[data-grid] .px').forEach((c, i) => {
    (c.firstElementChild as HTMLElement).style.opacity = v.input[i]!;
    c.setAttribute('aria-label', `${c.dataset.label}: ${v.pixels[i]}`);
  });
  Array.from(root.querySelectorAll<SVGRectElement>('[data-recon] rect')).slice(1)
    .forEach((r, i) => r.setAttribute('fill-opacity', v.recon[i]!));
  root.querySelectorAll<HTMLElement>('[data-codes] li').forEach((li, j) => li.toggleAttribute('data-nearest', j === v.nearest));
  const select = root.querySelector<HTMLSelectElement>('[data-sample]');
  if (select) select.value = String(sampleIndexOf(v.pixels));
};

export const mount: MountCell<typeof cell> = (root, handle) => {
  const cells = Array.from(root.querySelectorAll<HTMLButtonElement>('[data-grid] .px'));
  const select = root.querySelector<HTMLSelectElement>('[data-sample]')!;
  const pix = () => [...handle.state().dPix];
  const commit = (next: number[], done = true) => handle.set({ dPix: next }, done);

  select.addEventListener('change', () => {
    const i = Number(select.value);
    if (i >= 0) commit([...DIGITS_SAMPLE.data[i]!]);
  });
  root.querySelector('[data-clear]')!.addEventListener('click', () => commit(new Array(64).fill(0)));

  // A stroke inks (or, started on an inked pixel, erases) every pixel it crosses: live edits, one
  // history entry when the pointer lifts.
  let painting: number | null = null;
  const paint = (i: number) => {
    const next = pix();
    if (painting === null || next[i] === painting) return;
    next[i] = painting;
    commit(next, false);
  };
  cells.forEach((c, i) => {
    c.addEventListener('pointerdown', (e) => {
      e.preventDefault();
      c.releasePointerCapture?.(e.pointerId);
      painting = pix()[i]! >= 8 ? 0 : 16;
      paint(i);
    });
    c.addEventListener('pointerenter', () => paint(i));
    c.addEventListener('keydown', (e) => {
      const r = Math.floor(i / 8);
      const col = i % 8;
      let next = -1;
      if (e.key === 'ArrowRight') next = r * 8 + Math.min(7, col + 1);
      else if (e.key === 'ArrowLeft') next = r * 8 + Math.max(0, col - 1);
      else if (e.key === 'ArrowDown') next = Math.min(7, r + 1) * 8 + col;
      else if (e.key === 'ArrowUp') next = Math.max(0, r - 1) * 8 + col;
      else if (e.key === ' ' || e.key === 'Enter' || e.key === '+' || e.key === '-') {
        e.preventDefault();
        const p = pix();
        p[i] = e.key === '+' || e.key === '-' ? Math.min(16, Math.max(0, p[i]! + (e.key === '+' ? 4 : -4))) : p[i]! >= 8 ? 0 : 16;
        commit(p);
        return;
      } else return;
      e.preventDefault();
      cells.forEach((b, j) => (b.tabIndex = j === next ? 0 : -1));
      cells[next]!.focus();
    });
    // A click from the keyboard is handled by keydown; a pointer click by pointerdown.
    c.addEventListener('click', (e) => e.preventDefault());
  });
  window.addEventListener('pointerup', () => {
    if (painting === null) return;
    painting = null;
    commit(pix());
  });
};
