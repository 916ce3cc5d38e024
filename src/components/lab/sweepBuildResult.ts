/**
 * Build time only (imported by SweepCell.astro's frontmatter, never by a browser script): the sweep
 * cell's default sweep, run once per build with the same src/lib calls the browser's worker makes,
 * so the page shows its sentence, table and chart data without JavaScript. The JSON import puts the
 * digits into the server bundle only; the browser fetches public/data/digits.json when the reader
 * sweeps.
 */
import digitsJson from '../../../public/data/digits.json';
import { parseDigits } from '../../lib/digits';
import { labSplit, runSweep, type SweepResult } from '../../lib/lab';
import { defaults } from '../../lib/query';
import { checkSweepState, sweepSchema } from '../../cells/labSweep';

let cached: SweepResult | null = null;

/** The defaults' sweep (computed on first use, then shared by the zh and en pages of the build). */
export function defaultSweepResult(): SweepResult {
  if (cached) return cached;
  const req = checkSweepState(defaults(sweepSchema));
  cached = runSweep(labSplit(parseDigits(digitsJson), req.train), req.setting, req.param, req.values, req.seeds);
  return cached;
}
