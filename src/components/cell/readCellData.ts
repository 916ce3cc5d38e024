/**
 * Build and test time only (Node): a declared cell's data file (src/cells/define.ts `DataFile`),
 * read from public/ and parsed by the cell — the same file the browser fetches under the site's base
 * URL, so the build-time numbers are the browser's.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFile } from '../../cells/define';

/** Parsed once per build, per data file declaration (a file may be parsed differently by two cells). */
const cache = new Map<object, unknown>();

/** The cell's parsed data, or undefined for a cell without a data file. */
export function readCellData(cell: { data?: DataFile<unknown> }): unknown {
  if (!cell.data) return undefined;
  const def = cell.data;
  if (!cache.has(def)) cache.set(def, def.parse(JSON.parse(readFileSync(join(process.cwd(), 'public', def.file), 'utf8'))));
  return cache.get(def);
}
