/**
 * Every declared cell (src/cells/define.ts), for code that walks them all at build or test time: the
 * contract tests, the hostile property test, the README's Limits table. Found by file, so a new cell
 * needs no line here. Not for the browser: it imports every cell; pages load theirs through
 * src/components/cell/mountCells.ts.
 */
import type { AnyCell } from './define';

const modules = import.meta.glob<{ cell?: AnyCell }>(['./*.ts', '!./registry.ts', '!./define.ts'], { eager: true });

/** [file, cell] for every module of src/cells that exports `cell`, in file order. */
export const declaredCells: readonly (readonly [file: string, cell: AnyCell])[] = Object.entries(modules).flatMap(([path, m]) =>
  m.cell ? [[path.replace(/^\.\//, '').replace(/\.ts$/, ''), m.cell] as const] : []);
