/**
 * summarizeLab: what a lab run says, as numbers — per-epoch mean curves with their seed-to-seed band,
 * the final accuracies (mean ± sd over seeds), the generalization gap, calibration and sparsity, and
 * whether the setting's test accuracy differs from the baseline's by more than the seeds' spread.
 *
 * The decision rule (paired, because seed s of both arms shares its initial weights, sample orders
 * and dropout seed): with d_s = test accuracy of the setting − test accuracy of the baseline on seed s,
 *
 *   Δ = mean_s d_s,   sd_d = sample standard deviation of the d_s (divisor n − 1),
 *   the difference EXCEEDS the seed spread  ⇔  |Δ| > 2·sd_d.
 *
 * So a difference counts only when it is large compared with how much the per-seed difference itself
 * varies (every seed then agrees on its sign, roughly). This is deliberately stricter than a paired
 * t-test, which divides sd_d by √n: the lab asks "would I see this again with another seed?", not
 * "is the mean difference non-zero?". It says nothing about other data sets, sizes or strengths.
 * Edge cases: all d_s equal and non-zero → exceeds (sd_d = 0 < |Δ|); all d_s = 0 → identical.
 */
import { describe, finite, integer, vector } from '../validate';
import { ECE_BINS, WEIGHT_EDGES, checkCalibrationBins, meanSd, type MeanSd } from './metrics';
import { LAB_ATTACK_EPS, checkSeeds, type LabArm, type LabResult, type LabRun } from './run';
import { LAB_LIMITS } from './setting';
import { paramRangeError, paramTypeError } from '../refusal';

/** The decision's factor: |Δ| must exceed this many standard deviations of the paired differences. */
export const LAB_SPREAD_FACTOR = 2;

/** One epoch of a curve over seeds: mean and the band (min–max and ±1 sd) of the runs that reached it. */
export interface LabBandPoint {
  /** 1-based epoch. */
  epoch: number;
  mean: number;
  sd: number;
  min: number;
  max: number;
  /** Runs that trained this epoch (fewer than the seeds after some stopped early). */
  count: number;
}

export interface LabArmSummary {
  curves: {
    trainAccuracy: LabBandPoint[];
    validationAccuracy: LabBandPoint[];
    trainLoss: LabBandPoint[];
    validationLoss: LabBandPoint[];
  };
  final: {
    trainAccuracy: MeanSd;
    validationAccuracy: MeanSd;
    testAccuracy: MeanSd;
    /** Per seed train − test accuracy (the generalization gap). */
    gap: MeanSd;
    testLoss: MeanSd;
    ece: MeanSd;
    nearZero: MeanSd;
    epochsRun: MeanSd;
    parameters: MeanSd;
    /** 0 without a VQ bottleneck. */
    codebookPerplexity: MeanSd;
  };
  probes: {
    /** Per |w| bin of WEIGHT_EDGES: the share of the Linear weights, over seeds. */
    weightShares: MeanSd[];
    /**
     * The test predictions of every seed pooled, per calibration bin: how many, their mean confidence
     * and their accuracy (null for an empty bin).
     */
    calibration: { count: number; confidence: number | null; accuracy: number | null }[];
    /** Per ε of LAB_ATTACK_EPS: test accuracy under the FGSM attack, over seeds. */
    attack: MeanSd[];
  };
}

export type LabVerdict = 'better' | 'worse' | 'within' | 'identical';

export interface LabSummary {
  seeds: number[];
  baseline: LabArmSummary;
  setting: LabArmSummary;
  difference: {
    /** d_s per seed, in the order of `seeds`. */
    perSeed: number[];
    /** Δ = mean d_s. */
    mean: number;
    /** sd_d (n − 1). */
    sd: number;
    /** 2·sd_d. */
    threshold: number;
    /** |Δ| > threshold. */
    exceeds: boolean;
    /** Seeds on which the setting's test accuracy is higher / lower / equal. */
    wins: number;
    losses: number;
    ties: number;
    verdict: LabVerdict;
  };
}

function band(runs: readonly LabRun[], pick: (r: LabRun) => readonly number[]): LabBandPoint[] {
  const length = Math.max(...runs.map((r) => pick(r).length));
  const out: LabBandPoint[] = [];
  for (let e = 0; e < length; e++) {
    const values = runs.map(pick).filter((xs) => xs.length > e).map((xs) => xs[e]!);
    const m = meanSd(values);
    out.push({ epoch: e + 1, mean: m.mean, sd: m.sd, min: m.min, max: m.max, count: m.n });
  }
  return out;
}

function armSummary(runs: readonly LabRun[]): LabArmSummary {
  const f = (pick: (r: LabRun) => number) => meanSd(runs.map(pick));
  return {
    curves: {
      trainAccuracy: band(runs, (r) => r.trainingAccuracies),
      validationAccuracy: band(runs, (r) => r.validationAccuracies),
      trainLoss: band(runs, (r) => r.trainingLosses),
      validationLoss: band(runs, (r) => r.validationLosses),
    },
    final: {
      trainAccuracy: f((r) => r.final.trainAccuracy),
      validationAccuracy: f((r) => r.final.validationAccuracy),
      testAccuracy: f((r) => r.final.testAccuracy),
      gap: f((r) => r.final.trainAccuracy - r.final.testAccuracy),
      testLoss: f((r) => r.final.testLoss),
      ece: f((r) => r.final.ece),
      nearZero: f((r) => r.final.nearZero),
      epochsRun: f((r) => r.epochsRun),
      parameters: f((r) => r.final.parameters),
      codebookPerplexity: f((r) => r.final.codebookPerplexity),
    },
    probes: probeSummary(runs),
  };
}

function probeSummary(runs: readonly LabRun[]): LabArmSummary['probes'] {
  const weightShares = WEIGHT_EDGES.concat([Infinity]).map((_, b) =>
    meanSd(runs.map((r) => r.probes.weightCounts[b]! / r.probes.weightCounts.reduce((a, c) => a + c, 0))));
  const calibration = Array.from({ length: ECE_BINS }, (_, b) => {
    let count = 0;
    let confidence = 0;
    let correct = 0;
    for (const r of runs) {
      count += r.probes.calibration.count[b]!;
      confidence += r.probes.calibration.confidence[b]!;
      correct += r.probes.calibration.correct[b]!;
    }
    return { count, confidence: count > 0 ? confidence / count : null, accuracy: count > 0 ? correct / count : null };
  });
  const attack = LAB_ATTACK_EPS.map((_, e) => meanSd(runs.map((r) => r.probes.attackAccuracies[e]!)));
  return { weightShares, calibration, attack };
}

/** The decision on paired differences d_s (see the header): exported for the unit tests' constructed cases. */
export function pairedDecision(perSeed: readonly number[]): LabSummary['difference'] {
  const m = meanSd(perSeed as number[]);
  if (m.n < 2) throw paramRangeError('perSeed', `perSeed must have at least 2 differences (one per seed); received length ${m.n}`);
  const threshold = LAB_SPREAD_FACTOR * m.sd;
  const identical = perSeed.every((d) => d === 0);
  const exceeds = !identical && Math.abs(m.mean) > threshold;
  return {
    perSeed: [...perSeed],
    mean: m.mean,
    sd: m.sd,
    threshold,
    exceeds,
    wins: perSeed.filter((d) => d > 0).length,
    losses: perSeed.filter((d) => d < 0).length,
    ties: perSeed.filter((d) => d === 0).length,
    verdict: identical ? 'identical' : !exceeds ? 'within' : m.mean > 0 ? 'better' : 'worse',
  };
}

const CURVES = ['trainingAccuracies', 'trainingLosses', 'validationAccuracies', 'validationLosses'] as const;
const FINALS = ['trainAccuracy', 'validationAccuracy', 'testAccuracy', 'testLoss', 'ece', 'nearZero', 'parameters', 'codebookPerplexity'] as const;

/** One run as runLab returns it: four curves of one common length ≥ 1 and finite final numbers (a checked copy). */
function checkRun(name: string, run: unknown): LabRun {
  if (typeof run !== 'object' || run === null) throw paramTypeError(name, `${name} must be a run of runLab's result; received ${describe(run)}`);
  const r = run as Record<string, unknown>;
  const curves = {} as Record<(typeof CURVES)[number], number[]>;
  for (const key of CURVES) {
    curves[key] = vector(`${name}.${key}`, r[key], 1, LAB_LIMITS.maxEpochs);
    if (curves[key].length !== curves.trainingAccuracies.length) {
      throw paramRangeError(`${name}.${key}`, `${name}.${key} must have one value per epoch (${curves.trainingAccuracies.length}); received length ${curves[key].length}`);
    }
  }
  const f = r.final as Record<string, unknown> | null | undefined;
  if (typeof f !== 'object' || f === null) throw paramTypeError(`${name}.final`, `${name}.final must be an object of final numbers; received ${describe(f)}`);
  const final = {} as LabRun['final'];
  for (const key of FINALS) final[key] = finite(`${name}.final.${key}`, f[key]);
  return {
    probes: checkProbes(`${name}.probes`, r.probes),
    ...curves,
    seed: integer(`${name}.seed`, r.seed, 0, 2 ** 32 - 1),
    epochsRun: curves.trainingAccuracies.length,
    stoppedEpoch: typeof r.stoppedEpoch === 'number' ? r.stoppedEpoch : null,
    restoredEpoch: typeof r.restoredEpoch === 'number' ? r.restoredEpoch : null,
    final,
  };
}

/** A run's probes: counts ≥ 0 of the expected lengths, accuracies in [0, 1] (a checked copy). */
function checkProbes(name: string, value: unknown): LabRun['probes'] {
  if (typeof value !== 'object' || value === null) throw paramTypeError(name, `${name} must be an object { weightCounts, calibration, attackAccuracies }; received ${describe(value)}`);
  const p = value as Record<string, unknown>;
  const counts = (label: string, v: unknown, length: number) => {
    const xs = vector(label, v, length, length);
    xs.forEach((x, i) => integer(`${label}[${i}]`, x, 0, Number.MAX_SAFE_INTEGER));
    return xs;
  };
  const weightCounts = counts(`${name}.weightCounts`, p.weightCounts, WEIGHT_EDGES.length + 1);
  if (weightCounts.every((c) => c === 0)) throw paramRangeError(`${name}.weightCounts`, `${name}.weightCounts must count at least 1 weight; received all 0`);
  const calibration = checkCalibrationBins(`${name}.calibration`, p.calibration);
  const attackAccuracies = vector(`${name}.attackAccuracies`, p.attackAccuracies, LAB_ATTACK_EPS.length, LAB_ATTACK_EPS.length);
  attackAccuracies.forEach((x, i) => {
    if (x < 0 || x > 1) throw paramRangeError(`${name}.attackAccuracies[${i}]`, `${name}.attackAccuracies[${i}] must be from 0 to 1; received ${x}`);
  });
  return { weightCounts, calibration, attackAccuracies };
}

function checkRuns(name: string, runs: unknown, n: number): LabRun[] {
  if (!Array.isArray(runs) || runs.length !== n) {
    throw paramRangeError(name, `${name} must have one run per seed (${n}); received ${describe(runs)}`);
  }
  return runs.map((r, i) => checkRun(`${name}[${i}]`, r));
}

/** Summarizes runLab's result (see the header for the decision rule). */
export function summarizeLab(result: LabResult): LabSummary {
  if (typeof result !== 'object' || result === null || typeof result.runs !== 'object' || result.runs === null) {
    throw paramTypeError('result', `result must be runLab's result { setting, seeds, runs }; received ${describe(result)}`);
  }
  const seeds = checkSeeds(result.seeds);
  const n = seeds.length;
  const arms = {} as Record<LabArm, LabRun[]>;
  for (const arm of ['baseline', 'setting'] as const) arms[arm] = checkRuns(`result.runs.${arm}`, result.runs[arm], n);
  const perSeed = arms.setting.map((r, i) => r.final.testAccuracy - arms.baseline[i]!.final.testAccuracy);
  return {
    seeds,
    baseline: armSummary(arms.baseline),
    setting: armSummary(arms.setting),
    difference: pairedDecision(perSeed),
  };
}
