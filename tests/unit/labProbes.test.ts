/**
 * The lab's technique views (issue #11): the probes runLab records on the returned weights
 * (src/lib/lab/run.ts, metrics.ts) and the view that shows them (src/cells/labProbes.ts). The probes
 * are checked against the calls they summarize: calibration bins against the logits, the attack's
 * ε = 0 against the clean test accuracy, the weight counts against the weights, the samples against
 * augmentDigitBatch over epoch 0's visit order.
 */
import { describe, expect, it } from 'vitest';
import digitsJson from '../../public/data/digits.json';
import { parseDigits } from '../../src/lib/digits';
import { epochOrders } from '../../src/lib/mlpInit';
import { augmentDigitBatch } from '../../src/lib/trainer';
import {
  ECE_BINS, LAB_ATTACK_EPS, LAB_SAMPLE_COUNT, LAB_TEST, WEIGHT_EDGES, calibrationBins, calibrationError, expectedCalibrationError,
  labSplit, nearZeroShare, runLab, summarizeLab, weightMagnitudeCounts, type LabSetting,
} from '../../src/lib/lab';
import { probeView, PROBE_PANELS } from '../../src/cells/labProbes';
import { labSchema, labView } from '../../src/cells/lab';
import { defaults } from '../../src/lib/query';

const data = parseDigits(digitsJson);
const split = labSplit(data, 50);

const small = (over: Partial<LabSetting> = {}): LabSetting => ({
  hidden: [8], epochs: 4, batchSize: 16, lr: 0.01, optimizer: 'adam', momentum: 0,
  l2: 0, l1: 0, weightDecay: 0, dropout: 0, labelSmoothing: 0, batchNorm: false, earlyStopping: null, fgsm: null,
  augment: null, conv: null, vq: null,
  ...over,
});

describe('metrics behind the views', () => {
  it('calibration bins sum to the samples, and ECE from the bins is the ECE of the logits', () => {
    const logits = [[2, 0, 0], [0, 1, 0], [0, 0, 5], [1, 1, 1], [3, 2, 0]];
    const labels = [0, 2, 2, 1, 1];
    const b = calibrationBins(logits, labels);
    expect(b.count.reduce((a, c) => a + c, 0)).toBe(5);
    expect(b.correct.reduce((a, c) => a + c, 0)).toBe(2); // rows 0 and 2; the tie [1, 1, 1] predicts class 0
    // [1, 1, 1]: confidence 1/3, in the bin (0.3, 0.4]
    expect(b.count[3]).toBe(1);
    expect(b.confidence[3]).toBeCloseTo(1 / 3, 15);
    expect(calibrationError(b)).toBe(expectedCalibrationError(logits, labels));
    expect(() => calibrationBins([[0, Number.NaN]], [0])).toThrow(/logits\[0\]\[1\].*NaN/);
  });

  it('weight magnitudes are counted per decade, an edge in the upper bin; the near-zero share is the bins below 1e-3', () => {
    const w = [[[0, 1e-4, -5e-4, 1e-3], [0.05, -0.5, 1, -3]]];
    expect(WEIGHT_EDGES).toEqual([1e-4, 1e-3, 1e-2, 1e-1, 1]);
    expect(weightMagnitudeCounts(w)).toEqual([1, 2, 1, 1, 1, 2]);
    expect(nearZeroShare(w)).toBe(3 / 8);
    expect(() => weightMagnitudeCounts([[[Number.POSITIVE_INFINITY]]])).toThrow(/weights\[0\]\[0\]\[0\]/);
  });
});

describe('runLab records the probes on the returned weights', () => {
  const setting = small({
    l1: 1e-3, labelSmoothing: 0.2, fgsm: { eps: 0.1, alpha: 0.5 }, augment: { shift: 1, rotate: 10, noise: 0.05 },
    earlyStopping: { patience: 1 }, batchNorm: true,
  });
  const r = runLab(split, setting, [3, 4]);

  it('the attack at ε = 0 is the clean test accuracy; accuracies are in [0, 1] per ε', () => {
    for (const run of [...r.runs.baseline, ...r.runs.setting]) {
      expect(run.probes.attackAccuracies).toHaveLength(LAB_ATTACK_EPS.length);
      expect(run.probes.attackAccuracies[0]).toBe(run.final.testAccuracy);
      for (const a of run.probes.attackAccuracies) expect(a >= 0 && a <= 1).toBe(true);
    }
  });

  it('the calibration bins cover the test set and give the run’s ECE; the weight counts give its near-zero share', () => {
    for (const run of [...r.runs.baseline, ...r.runs.setting]) {
      expect(run.probes.calibration.count.reduce((a, c) => a + c, 0)).toBe(LAB_TEST);
      expect(calibrationError(run.probes.calibration)).toBe(run.final.ece);
      const total = run.probes.weightCounts.reduce((a, c) => a + c, 0);
      expect(total).toBe(64 * 8 + 8 * 10);
      expect((run.probes.weightCounts[0]! + run.probes.weightCounts[1]!) / total).toBe(run.final.nearZero);
    }
  });

  it('the samples are the first training images of seed 3’s epoch 0, augmented as the trainer draws them', () => {
    const s = r.samples!;
    expect(s.seed).toBe(3);
    expect(s.indices).toEqual(epochOrders(50, 1, 3)[0]!.slice(0, LAB_SAMPLE_COUNT));
    expect(s.original).toEqual(s.indices.map((i) => [...split.train.x[i]!]));
    expect(s.augmented).toEqual(augmentDigitBatch(s.original, setting.augment, 3).images);
    expect(s.augmented).not.toEqual(s.original);
    expect(runLab(split, small({ l2: 1e-3, epochs: 1 }), [0, 1]).samples).toBeNull();
  });

  it('the view shows every panel of a setting that uses every technique, with finite numbers only', () => {
    const sum = summarizeLab(r);
    for (const lang of ['zh', 'en'] as const) {
      const v = probeView(r, sum, lang, ['base', 'set']);
      for (const p of PROBE_PANELS) expect(v.shown[p], p).toBe(true);
      const all = JSON.stringify([v.text, v.tables]);
      expect(all).not.toMatch(/NaN|undefined|Infinity/);
      expect(v.tables.probeCalibration.rows).toHaveLength(ECE_BINS);
      expect(v.tables.probeAttack.rows).toHaveLength(LAB_ATTACK_EPS.length);
      expect(v.tables.probeWeights.rows).toHaveLength(WEIGHT_EDGES.length + 1);
      expect(v.charts.bestEpochs).toEqual(r.runs.setting.map((x) => (x.restoredEpoch ?? x.epochsRun - 1) + 1));
      expect(v.charts.calibration.every((p) => p.count > 0 && p.confidence >= 0.1 && p.confidence <= 1)).toBe(true);
      // the sentence quotes the table: ε = 0.1 is LAB_ATTACK_EPS[2]
      expect(v.text.attackDescription).toContain(v.tables.probeAttack.rows[2]![2]!.split(' ')[0]!);
    }
  });

  it('a setting shows only its technique’s panel', () => {
    const only = runLab(split, small({ l2: 1e-3, epochs: 1 }), [0, 1]);
    const v = probeView(only, summarizeLab(only), 'en', ['a', 'b']);
    expect(PROBE_PANELS.filter((p) => v.shown[p])).toEqual(['weights']);
  });

  it('summarizeLab refuses a run whose probes are malformed, naming the field', () => {
    const bad = structuredClone(r);
    bad.runs.setting[0]!.probes.attackAccuracies = [0.5];
    expect(() => summarizeLab(bad)).toThrow(/result\.runs\.setting\[0\]\.probes\.attackAccuracies must have length/);
    const bad2 = structuredClone(r);
    bad2.runs.baseline[1]!.probes.calibration.count[0] = -1;
    expect(() => summarizeLab(bad2)).toThrow(/probes\.calibration\.count\[0\]/);
  });
});

describe('the lab page’s default view', () => {
  it('its label-smoothing default shows the reliability diagram only, and the view carries its texts and tables', () => {
    // labView over a tiny result of the lab's default techniques (label smoothing only)
    const state = defaults(labSchema);
    const r = runLab(split, small({ labelSmoothing: 0.2, epochs: 2 }), [0, 1]);
    const v = labView(state, 'en', r);
    expect(PROBE_PANELS.filter((p) => v.probes.shown[p])).toEqual(['calibration']);
    expect(v.text.calibrationDescription).toMatch(/ECE\): baseline 0\.\d{4}, setting 0\.\d{4}/);
    expect(v.tables.probeCalibration.head[0]).toBe('confidence bin');
  });
});

describe('the weights sentence’s claim about L2 under Adam', () => {
  it('Adam pulls the weights of pixels blank in every training image to 0 under an L2 penalty; SGD does not', () => {
    const blank = Array.from({ length: 64 }, (_, j) => split.train.x.every((r) => r[j] === 0));
    expect(blank.filter(Boolean).length).toBeGreaterThan(0);
    const nearZeroOfBlank = (optimizer: 'adam' | 'sgd') => {
      const r = runLab(split, small({ hidden: [32], epochs: 40, batchSize: 32, optimizer, lr: optimizer === 'adam' ? 0.003 : 0.1, momentum: optimizer === 'sgd' ? 0.9 : 0, l2: 1e-3 }), [0, 1]);
      // the setting's near-zero share is at least the blank-pixel weights' share when they are all near 0
      return r.runs.setting.map((x) => x.final.nearZero);
    };
    const share = (blank.filter(Boolean).length * 32) / (64 * 32 + 32 * 10);
    for (const z of nearZeroOfBlank('adam')) expect(z).toBeGreaterThan(0.5 * share);
    for (const z of nearZeroOfBlank('sgd')) expect(z).toBeLessThan(0.1 * share);
  });
});
