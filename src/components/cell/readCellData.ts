/**
 * Build and test time only (Node): a declared cell's data file (src/cells/define.ts `DataFile`),
 * read from public/ and parsed by the cell — the same file the browser fetches under the site's base
 * URL, so the build-time numbers are the browser's. A picture is decoded to RGBA by png.ts (the
 * site's pictures carry no colour profile, so a canvas reads the same bytes).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DataFile, DecodedImage } from '../../cells/define';
import { readPng } from '../vq/png';

/** Parsed once per build, per data file declaration (a file may be parsed differently by two cells). */
const cache = new Map<object, unknown>();

/** The page's picture as the browser decodes it: RGBA bytes, opaque. */
export function readImage(file: string): DecodedImage {
  const png = readPng(join(process.cwd(), 'public', file));
  const data = new Uint8ClampedArray(png.width * png.height * 4);
  for (let i = 0; i < png.width * png.height; i++) {
    data[i * 4] = png.rgb[i * 3]!;
    data[i * 4 + 1] = png.rgb[i * 3 + 1]!;
    data[i * 4 + 2] = png.rgb[i * 3 + 2]!;
    data[i * 4 + 3] = 255;
  }
  return { width: png.width, height: png.height, data, source: 'file', id: file };
}

/** The cell's parsed data, or undefined for a cell without a data file. */
export function readCellData(cell: { data?: DataFile<unknown> }): unknown {
  if (!cell.data) return undefined;
  const def = cell.data;
  if (!cache.has(def)) {
    const path = join(process.cwd(), 'public', def.file);
    cache.set(def, 'image' in def ? def.parse(readImage(def.file)) : def.parse(JSON.parse(readFileSync(path, 'utf8'))));
  }
  return cache.get(def);
}
