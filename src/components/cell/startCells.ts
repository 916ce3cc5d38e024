/**
 * The one script every page with declared cells (Cell.astro) runs at load: it only decides, per cell,
 * when the cell's code is needed (whenNeeded.ts), and then loads the mount (mountCells.ts) with the
 * cell's module and chart. So a page's first load carries none of its cells' code (issue #14 §1).
 */
import { urlSets, watchEarlyEdits, whenNeeded } from './whenNeeded';

export function startCells(): void {
  document.querySelectorAll<HTMLElement>('[data-cell][data-declared]').forEach((root) => {
    const params = (root.dataset.params ?? '').split(' ').filter(Boolean);
    const early = watchEarlyEdits(root);
    whenNeeded(root, () => void import('./mountCells').then((m) => m.mountDeclared(root, early)), urlSets(params));
  });
}
