/**
 * Build time only (imported by LabCell.astro's frontmatter, never by a browser script): the default
 * result of each lab preset, trained once per build with the same src/lib calls the browser's worker
 * makes, so the page shows its sentence, tables and curves without JavaScript. The JSON import puts
 * the digits into the server bundle only; the browser fetches public/data/digits.json when the
 * reader trains.
 */
import digitsJson from '../../../public/data/digits.json';
import { parseDigits } from '../../lib/digits';
import { labSplit, runLab, type LabResult } from '../../lib/lab';
import { defaults } from '../../lib/query';
import { checkLabState } from '../../cells/lab';
import { labSchemaFor, type LabPreset } from '../../cells/labPresets';

const cached = new Map<LabPreset, LabResult>();

/** The preset's default result (computed on first use, then shared by the zh and en pages of the build). */
export function defaultLabResult(preset: LabPreset = 'lab'): LabResult {
  const hit = cached.get(preset);
  if (hit) return hit;
  const req = checkLabState(defaults(labSchemaFor(preset)));
  const result = runLab(labSplit(parseDigits(digitsJson), req.train), req.setting, req.seeds);
  cached.set(preset, result);
  return result;
}
