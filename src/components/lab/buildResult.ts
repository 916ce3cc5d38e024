/**
 * Build time only (imported by LabCell.astro's frontmatter, never by a browser script): the lab's
 * default result, trained once per build with the same src/lib calls the browser's worker makes, so
 * the page shows its sentence, tables and curves without JavaScript. The JSON import puts the digits
 * into the server bundle only; the browser fetches public/data/digits.json when the reader trains.
 */
import digitsJson from '../../../public/data/digits.json';
import { parseDigits } from '../../lib/digits';
import { labSplit, runLab, type LabResult } from '../../lib/lab';
import { defaults } from '../../lib/query';
import { checkLabState, labSchema } from '../../cells/lab';

let cached: LabResult | null = null;

/** The defaults' result (computed on first use, then shared by the zh and en pages of the build). */
export function defaultLabResult(): LabResult {
  if (cached) return cached;
  const req = checkLabState(defaults(labSchema));
  const split = labSplit(parseDigits(digitsJson), req.train);
  cached = runLab(split, req.setting, req.seeds);
  return cached;
}
