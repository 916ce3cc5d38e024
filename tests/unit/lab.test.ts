/**
 * src/lib/lab: runLab trains both arms of a seed from the same start (a setting with every
 * regularizer off equals its baseline exactly; each arm equals a direct trainMLP call), records what
 * the lab shows, and summarizeLab's bands and paired decision rule behave as documented.
 */
import { describe, expect, it } from 'vitest';
import digitsJson from '../../public/data/digits.json';
import { parseDigits } from '../../src/lib/digits';
import { epochOrders, initMLP } from '../../src/lib/mlpInit';
import { evaluateMLP, predictMLP, trainMLP } from '../../src/lib/trainer';
import {
  LAB_MAX_WORK, LAB_TEST, LAB_VALIDATION, baselineOf, checkLabSetting, checkSeeds, expectedCalibrationError, isBaseline,
  labSplit, labWork, meanSd, nearZeroShare, pairedDecision, runLab, summarizeLab, type LabProgress, type LabSetting,
} from '../../src/lib/lab';
import { defaults } from '../../src/lib/query';
import { checkLabState, labSchema } from '../../src/cells/lab';

const data = parseDigits(digitsJson);
const split = labSplit(data, 50);

/** A small, fast setting (64 → 8 → 10, 3 epochs). */
const small = (over: Partial<LabSetting> = {}): LabSetting => ({
  hidden: [8], epochs: 3, batchSize: 16, lr: 0.01, optimizer: 'adam', momentum: 0,
  l2: 0, l1: 0, weightDecay: 0, dropout: 0, labelSmoothing: 0, batchNorm: false, earlyStopping: null, fgsm: null,
  augment: null, conv: null, vq: null,
  ...over,
});

describe('the split', () => {
  it('is fixed: 297 validation and 500 test images whatever the training size, the training sets nested', () => {
    const big = labSplit(data, 1000);
    expect(split.validation.indices).toEqual(big.validation.indices);
    expect(split.test.indices).toEqual(big.test.indices);
    expect(split.validation.x.length).toBe(LAB_VALIDATION);
    expect(split.test.x.length).toBe(LAB_TEST);
    expect(big.train.indices.slice(0, 50)).toEqual(split.train.indices);
    const all = new Set([...big.train.indices, ...big.validation.indices, ...big.test.indices]);
    expect(all.size).toBe(1797);
  });
});

describe('runLab', () => {
  it('a setting with every regularizer off equals its baseline exactly, seed by seed (shared init and orders)', () => {
    const s = small({ optimizer: 'sgd', lr: 0.1, momentum: 0.5 });
    expect(isBaseline(s)).toBe(true);
    const r = runLab(split, s, [3, 4]);
    expect(r.runs.setting).toEqual(r.runs.baseline);
    const sum = summarizeLab(r);
    expect(sum.difference.verdict).toBe('identical');
    expect(sum.difference.exceeds).toBe(false);
    expect(sum.difference.perSeed).toEqual([0, 0]);
  });

  it('each arm is a direct trainMLP call from initMLP(sizes, s) and epochOrders(n, epochs, s); the test set is evaluated at the end', () => {
    const s = small({ dropout: 0.3, labelSmoothing: 0.1 });
    const r = runLab(split, s, [7, 8]);
    for (const [i, seed] of [7, 8].entries()) {
      const init = initMLP([64, 8, 10], seed);
      const order = epochOrders(50, 3, seed);
      const common = { epochs: 3, batchSize: 16, lr: 0.01, optimizer: 'adam' as const, seed, order, validation: split.validation, evaluateTraining: true };
      const base = trainMLP(init, split.train, common);
      const reg = trainMLP(init, split.train, { ...common, dropout: 0.3, labelSmoothing: 0.1 });
      for (const [run, direct] of [[r.runs.baseline[i]!, base], [r.runs.setting[i]!, reg]] as const) {
        expect(run.seed).toBe(seed);
        expect(run.validationAccuracies).toEqual(direct.validationAccuracies);
        expect(run.validationLosses).toEqual(direct.validationLosses);
        expect(run.trainingAccuracies).toEqual(direct.trainingAccuracies);
        expect(run.trainingLosses).toEqual(direct.trainingLosses);
        const test = evaluateMLP(direct, split.test);
        expect(run.final.testAccuracy).toBe(test.accuracy);
        expect(run.final.testLoss).toBe(test.loss);
        expect(run.final.trainAccuracy).toBe(evaluateMLP(direct, split.train).accuracy);
        expect(run.final.trainAccuracy).toBe(direct.trainingAccuracies!.at(-1));
        expect(run.final.validationAccuracy).toBe(direct.validationAccuracies!.at(-1));
        expect(run.final.ece).toBe(expectedCalibrationError(predictMLP(direct, split.test.x).logits, split.test.y));
        expect(run.final.nearZero).toBe(nearZeroShare(direct.weights));
        expect(run.epochsRun).toBe(3);
        expect(run.stoppedEpoch).toBeNull();
      }
    }
    expect(r.baseline).toEqual(baselineOf(s));
    expect(r.sizes).toEqual({ train: 50, validation: 297, test: 500 });
  });

  it('with early stopping the test set is evaluated on the restored weights; curves stop where training stopped', () => {
    const s = small({ epochs: 40, lr: 0.05, earlyStopping: { patience: 0 } });
    const r = runLab(split, s, [1, 2]);
    for (const [i, seed] of [1, 2].entries()) {
      const run = r.runs.setting[i]!;
      const direct = trainMLP(initMLP([64, 8, 10], seed), split.train, {
        epochs: 40, batchSize: 16, lr: 0.05, optimizer: 'adam', seed, order: epochOrders(50, 40, seed), validation: split.validation,
        evaluateTraining: true, earlyStopping: { patience: 0, minDelta: 0, restoreBest: true },
      });
      expect(run.epochsRun).toBe(direct.epochLosses.length);
      expect(run.epochsRun).toBeLessThan(40);
      expect(run.stoppedEpoch).toBe(direct.stoppedEpoch);
      expect(run.restoredEpoch).toBe(direct.restoredEpoch);
      expect(run.validationAccuracies.length).toBe(run.epochsRun);
      expect(run.final.testAccuracy).toBe(evaluateMLP(direct, split.test).accuracy);
      expect(run.final.validationAccuracy).toBe(direct.validationAccuracies![direct.restoredEpoch!]);
      expect(r.runs.baseline[i]!.epochsRun).toBe(40);
    }
    const sum = summarizeLab(r);
    expect(sum.baseline.curves.validationAccuracy.length).toBe(40);
    const longest = Math.max(...r.runs.setting.map((x) => x.epochsRun));
    expect(sum.setting.curves.validationAccuracy.length).toBe(longest);
    expect(sum.setting.curves.validationAccuracy.at(-1)!.count).toBeLessThanOrEqual(2);
    expect(sum.setting.final.epochsRun.mean).toBe((r.runs.setting[0]!.epochsRun + r.runs.setting[1]!.epochsRun) / 2);
  });

  it('reports progress after every epoch, in order, up to the total', () => {
    const seen: LabProgress[] = [];
    runLab(split, small({ epochs: 2, fgsm: { eps: 0.1, alpha: 0.5 }, batchNorm: true }), [0, 1], (p) => seen.push({ ...p }));
    expect(seen[0]).toMatchObject({ done: 0, total: 8, run: 1, runs: 4, seed: 0, arm: 'baseline', epoch: 0 });
    expect(seen.at(-1)).toMatchObject({ done: 8, total: 8 });
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.done).toBeGreaterThanOrEqual(seen[i - 1]!.done);
    expect(seen.filter((p) => p.arm === 'setting' && p.seed === 1).map((p) => p.epoch)).toEqual([0, 1, 2, 2]);
  });

  it('bounds everything with named errors', () => {
    expect(() => runLab(split, small(), [1])).toThrow(/^seeds must have 2 to 10 entries; received length 1$/);
    expect(() => runLab(split, small(), [1, 1])).toThrow(/seeds must be distinct; received 1 twice/);
    expect(() => checkSeeds([0, -1])).toThrow(RangeError);
    expect(() => runLab(split, small({ dropout: 1 }), [1, 2])).toThrow(/^dropout must be in \[0, 0.9\]; received 1$/);
    expect(() => runLab(split, { ...small(), optimizer: 'rmsprop' as never }, [1, 2])).toThrow(TypeError);
    expect(() => checkLabSetting(small({ momentum: 0.9 }))).toThrow(/^momentum must be 0 with adam/);
    expect(() => checkLabSetting(small({ hidden: [] }))).toThrow(/^hidden must have 1 to 3 widths/);
    expect(() => checkLabSetting(small({ hidden: [8, 3000] }))).toThrow(/^hidden\[1\] must be an integer in \[1, 1024\]; received 3000$/);
    expect(() => checkLabSetting(small({ epochs: 0 }))).toThrow(RangeError);
    expect(() => checkLabSetting(small({ lr: Number.NaN }))).toThrow(TypeError);
    expect(() => checkLabSetting(small({ earlyStopping: { patience: -1 } }))).toThrow(/^patience must be an integer/);
    expect(() => checkLabSetting(small({ fgsm: { eps: 2, alpha: 0.5 } }))).toThrow(/^eps must be in \[0, 1\]/);
    expect(() => checkLabSetting(null as never)).toThrow(TypeError);
    expect(() => runLab(null as never, small(), [1, 2])).toThrow(/^split must be an object/);
    expect(() => runLab({ ...split, test: { x: [], y: [] } }, small(), [1, 2])).toThrow(/^test.x must have at least 1 row/);
    expect(() => runLab(split, small(), [1, 2], 'x' as never)).toThrow(/^onProgress must be a function/);
    // Each run within the trainer's limit, all twenty together over the lab's.
    expect(() => labWork(small({ hidden: [128], epochs: 80 }), { train: 1000, validation: 297, seeds: 10 })).toThrow(/^the lab's work .* must be ≤ 20000000000 .*received 3.61e\+10/);
    expect(labWork(small({ hidden: [128], epochs: 80 }), { train: 1000, validation: 297, seeds: 5 })).toBeLessThan(LAB_MAX_WORK);
    expect(labWork(small(), { train: 50, validation: 297, seeds: 2 })).toBeLessThan(LAB_MAX_WORK);
    // One run over the trainer's own limit is refused here, before the first epoch.
    expect(() => labWork(small({ hidden: [128], epochs: 100 }), { train: 1000, validation: 297, seeds: 2 })).toThrow(/^the work of one run .* must be ≤ 2000000000 .*received 2.25e\+9/);
    expect(() => runLab(labSplit(data, 1000), small({ hidden: [128], epochs: 100 }), [0, 1])).toThrow(/^the work of one run/);
  });
});

describe('summaries and metrics', () => {
  it('the decision rule: |Δ| > 2·sd of the paired differences', () => {
    // Same gain on every seed: sd = 0, so any non-zero Δ exceeds it.
    expect(pairedDecision([0.01, 0.01, 0.01])).toMatchObject({ verdict: 'better', exceeds: true, wins: 3, losses: 0, sd: 0 });
    expect(pairedDecision([-0.02, -0.022, -0.018])).toMatchObject({ verdict: 'worse', exceeds: true, losses: 3 });
    // Mixed signs: Δ = 0.0067, sd = 0.0153 → within.
    const mixed = pairedDecision([0.02, -0.01, 0.01]);
    expect(mixed.verdict).toBe('within');
    expect(mixed.mean).toBeCloseTo(0.02 / 3, 12);
    expect(mixed.sd).toBeCloseTo(Math.sqrt(((0.02 - 0.02 / 3) ** 2 + (-0.01 - 0.02 / 3) ** 2 + (0.01 - 0.02 / 3) ** 2) / 2), 12);
    expect(mixed.threshold).toBe(2 * mixed.sd);
    // Both seeds gain, but unevenly: Δ = 0.02 < 2·sd = 2·0.0141 → within (a consistent sign is not enough).
    expect(pairedDecision([0.01, 0.03])).toMatchObject({ verdict: 'within', wins: 2 });
    expect(pairedDecision([0.02, 0.024, 0.022, 0.018])).toMatchObject({ verdict: 'better' });
    expect(pairedDecision([0, 0])).toMatchObject({ verdict: 'identical', exceeds: false, ties: 2 });
    expect(() => pairedDecision([0.1])).toThrow(/perSeed must have at least 2/);
    expect(() => pairedDecision([0.1, Number.NaN])).toThrow(TypeError);
  });

  it('meanSd, ECE and the near-zero share on constructed cases', () => {
    expect(meanSd([1, 2, 3])).toEqual({ mean: 2, sd: 1, min: 1, max: 3, n: 3 });
    expect(meanSd([5])).toEqual({ mean: 5, sd: 0, min: 5, max: 5, n: 1 });
    // Two predictions at confidence 0.9 (bin 9), one right, one wrong: |0.5 − 0.9| = 0.4.
    const l9 = Math.log(9);
    expect(expectedCalibrationError([[l9, 0], [l9, 0]], [0, 1])).toBeCloseTo(0.4, 12);
    // Confidence exactly 0.5 falls in the bin (0.4, 0.5]; perfectly calibrated there.
    expect(expectedCalibrationError([[0, 0], [0, 0]], [0, 1])).toBeCloseTo(0, 12);
    expect(expectedCalibrationError([[100, 0]], [0])).toBeCloseTo(0, 12);
    expect(() => expectedCalibrationError([[0, 1]], [0, 1])).toThrow(/labels must have one entry per row/);
    expect(() => expectedCalibrationError([[0, 1], [0]], [0, 1])).toThrow(/logits\[1\] must have length 2/);
    expect(() => expectedCalibrationError([[0, Number.NaN]], [0])).toThrow(TypeError);
    expect(() => expectedCalibrationError([[0, 1]], [2])).toThrow(/labels\[0\] must be an integer in \[0, 1\]/);
    expect(nearZeroShare([[[0, 0.0005, 0.5, -0.002]], [[-0.0009]]])).toBe(3 / 5);
    expect(() => nearZeroShare([[[0, Number.POSITIVE_INFINITY]]])).toThrow(TypeError);
    expect(() => nearZeroShare([])).toThrow(/weights must hold at least 1 weight/);
  });

  it('bands: mean, sd and min–max over the seeds, per epoch', () => {
    const r = runLab(split, small({ dropout: 0.5 }), [0, 1, 2]);
    const sum = summarizeLab(r);
    for (const arm of ['baseline', 'setting'] as const) {
      sum[arm].curves.validationAccuracy.forEach((p, e) => {
        const xs = r.runs[arm].map((x) => x.validationAccuracies[e]!);
        expect(p).toEqual({ epoch: e + 1, ...(({ mean, sd, min, max, n }) => ({ mean, sd, min, max, count: n }))(meanSd(xs)) });
      });
      const gaps = r.runs[arm].map((x) => x.final.trainAccuracy - x.final.testAccuracy);
      expect(sum[arm].final.gap.mean).toBeCloseTo(gaps.reduce((a, b) => a + b, 0) / 3, 14);
    }
    expect(sum.difference.perSeed).toEqual(r.runs.setting.map((x, i) => x.final.testAccuracy - r.runs.baseline[i]!.final.testAccuracy));
    expect(() => summarizeLab({ ...r, runs: { ...r.runs, setting: r.runs.setting.slice(1) } })).toThrow(/result.runs.setting must have one run per seed/);
    expect(() => summarizeLab(null as never)).toThrow(TypeError);
  });

  it('the page’s defaults: label smoothing beats the baseline by more than the seed spread (the numbers the page shows)', () => {
    const req = checkLabState(defaults(labSchema));
    const sum = summarizeLab(runLab(labSplit(data, req.train), req.setting, req.seeds));
    expect(req.setting.labelSmoothing).toBeGreaterThan(0);
    expect(sum.difference.verdict).toBe('better');
    expect(sum.difference.wins).toBe(req.seeds.length);
  });
});
