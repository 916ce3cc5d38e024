/**
 * Numbers quoted in the prose of the labelSmoothing pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 *
 * The lab numbers come from the page's own "Does it help?" run (defaultLabResult('label-smoothing'), the
 * cached result its LabCell shows), printed as the lab prints them (ECE with four decimals).
 */
import type { ProseNumbers } from './types';
import { formatNumber, formatTyped } from '../../lib/format';
import { smoothLabels } from '../../lib/labelSmoothing';
import { summarizeLab, type LabArm, type LabSummary } from '../../lib/lab';
import { defaultLabResult } from '../../components/lab/buildResult';

/** The seed's 3-class example (ε = 0.1, true class 0) under the seed's own formula (ε/K). */
const seedExample = () => smoothLabels(0, 3, 0.1);

let labSummary: LabSummary | null = null;
function lab(): LabSummary {
  labSummary ??= summarizeLab(defaultLabResult('label-smoothing'));
  return labSummary;
}

/** The arm's test predictions of every seed pooled: mean confidence and accuracy (the reliability diagram's). */
function pooled(arm: LabArm): { confidence: number; accuracy: number } {
  let n = 0;
  let confidence = 0;
  let correct = 0;
  for (const b of lab()[arm].probes.calibration) {
    if (b.count === 0) continue;
    n += b.count;
    confidence += b.count * b.confidence!;
    correct += b.count * b.accuracy!;
  }
  return { confidence: confidence / n, accuracy: correct / n };
}

/** The prose says the smoothed network is under-confident and its ECE higher than the baseline's: checked here. */
function smoothedUnderConfident(): { confidence: number; accuracy: number } {
  const s = pooled('setting');
  if (!(s.confidence < s.accuracy)) throw new RangeError(`the prose says the smoothed network is under-confident; mean confidence ${s.confidence} ≥ accuracy ${s.accuracy}`);
  const { baseline, setting } = lab();
  if (!(setting.final.ece.mean > baseline.final.ece.mean)) throw new RangeError('the prose says smoothing raises the ECE here; it does not');
  return s;
}

export const labelSmoothing: ProseNumbers = {
  /** (1 − 0.1) + 0.1/3: the true class's target. */
  seedExampleTrue: () => formatNumber(seedExample()[0]!),
  /** 0.1/3: every other class's target. */
  seedExampleOther: () => formatNumber(seedExample()[1]!),
  /** ε of the page's lab run. */
  labEpsilon: () => formatTyped(defaultLabResult('label-smoothing').setting.labelSmoothing),
  /** Test ECE, mean over seeds, without and with smoothing (as the lab's table prints it). */
  labEceBaseline: () => formatNumber(lab().baseline.final.ece.mean, { digits: 4 }),
  labEceSmoothed: () => {
    smoothedUnderConfident();
    return formatNumber(lab().setting.final.ece.mean, { digits: 4 });
  },
  /** Mean confidence and accuracy (%) of the smoothed network's pooled test predictions. */
  labConfidenceSmoothed: () => formatNumber(100 * smoothedUnderConfident().confidence, { digits: 1 }),
  labAccuracySmoothed: () => formatNumber(100 * smoothedUnderConfident().accuracy, { digits: 1 }),
};
