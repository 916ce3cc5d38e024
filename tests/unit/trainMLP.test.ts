/**
 * trainMLP against PyTorch float64, whole trajectories (issue #11). Fixtures: scripts/fixtures/train_mlp.py
 * trains the same networks with nn.Linear / nn.BatchNorm1d / F.cross_entropy / torch.optim from the same
 * initial weights and orders, with dropout masks and default shuffles redrawn through the Python twin of
 * createRng in the order src/lib/trainer/randomStreams.ts documents.
 * Every epoch's loss, every final parameter, the BN running statistics, the validation curve and the
 * early-stopping epochs must agree to 1e-9 relative (absolute floor 1e-12 near 0).
 */
import { describe, expect, it } from 'vitest';
import { evaluateMLP, predictMLP, trainMLP, type TrainMLPOptions, type TrainMLPResult } from '../../src/lib';
import cases from '../fixtures/train_mlp.json';
import { ABS, REL, near, nearTree } from './trainerCompare';

interface Case {
  name: string;
  init: { weights: number[][][]; biases: number[][] };
  data: { x: number[][]; y: number[] };
  opts: TrainMLPOptions;
  expected: Record<string, unknown> & { epochLosses: number[]; weights: number[][][]; biases: number[][] };
}
const CASES = cases as unknown as Case[];

/**
 * A Linear bias that feeds BatchNorm1d has no effect in training: BN subtracts the batch mean, so its
 * exact gradient is 0 and both torch and we compute rounding noise (~1e-17). SGD moves it by lr·noise,
 * invisible; Adam divides by √v + eps (eps = 1e-8) and turns the noise into steps up to lr·1e-17/1e-8,
 * and the two noise streams differ. Those biases, and the running means of the BN layers they feed (an
 * average of batch means of W·x + b), agree to this bound — only those, and only with Adam/AdamW.
 */
const PRE_BN_BIAS_ABS = 1e-7;

const noisyPreBnBiases = (c: Case): boolean => c.opts.batchNorm === true && (c.opts.optimizer === 'adam' || c.opts.optimizer === 'adamw');

describe('trainMLP reproduces PyTorch float64 trajectories', () => {
  it('covers every feature the issue lists', () => {
    const names = CASES.map((c) => c.name);
    for (const n of ['sgd', 'sgd_momentum_weight_decay', 'adam_weight_decay', 'adamw', 'l1_l2_sgd', 'label_smoothing', 'batch_norm', 'fgsm', 'dropout', 'early_stopping_restore']) {
      expect(names).toContain(n);
    }
    // every case leaves a short last batch, the case the last-batch arithmetic must get right
    for (const c of CASES) expect(c.data.y.length % c.opts.batchSize, c.name).not.toBe(0);
  });

  for (const c of CASES) {
    it(c.name, () => {
      const r = trainMLP(c.init, c.data, c.opts);
      const e = c.expected;
      nearTree(r.epochLosses, e.epochLosses, 'epochLosses');
      nearTree(r.weights, e.weights, 'weights');
      const last = c.init.weights.length - 1;
      r.biases.forEach((b, l) => nearTree(b, e.biases[l], `biases[${l}]`, noisyPreBnBiases(c) && l < last ? PRE_BN_BIAS_ABS : ABS));
      if (e.batchNorm !== undefined) {
        const bn = e.batchNorm as Record<string, number[]>[];
        expect(r.batchNorm).toHaveLength(bn.length);
        bn.forEach((s, l) => {
          for (const key of ['gamma', 'beta', 'runningMean', 'runningVar'] as const) {
            const abs = key === 'runningMean' && noisyPreBnBiases(c) ? PRE_BN_BIAS_ABS : ABS;
            nearTree(r.batchNorm![l]![key], s[key], `batchNorm[${l}].${key}`, abs);
          }
        });
      } else {
        expect(r.batchNorm).toBeUndefined();
      }
      for (const key of ['validationLosses', 'validationAccuracies'] as const) {
        if (e[key] === undefined) expect(r[key]).toBeUndefined();
        else nearTree(r[key], e[key], key);
      }
      for (const key of ['stoppedEpoch', 'bestEpoch', 'restoredEpoch'] as const) {
        if (e[key] === undefined) expect(r[key]).toBeUndefined();
        else expect(r[key], key).toBe(e[key]);
      }
    });
  }
});

describe('early stopping (Keras EarlyStopping(monitor="val_loss"))', () => {
  const restoreCase = CASES.find((c) => c.name === 'early_stopping_restore')!;
  const deltaCase = CASES.find((c) => c.name === 'early_stopping_min_delta')!;

  it('the fixtures stop early, before the last epoch, and after the best one', () => {
    for (const c of [restoreCase, deltaCase]) {
      const r = trainMLP(c.init, c.data, c.opts);
      expect(r.stoppedEpoch).toBe(r.epochLosses.length);
      expect(r.stoppedEpoch!).toBeLessThan(c.opts.epochs);
      expect(r.bestEpoch!).toBeLessThan(r.stoppedEpoch! - 1);
      expect(r.validationLosses![r.bestEpoch!]).toBe(Math.min(...r.validationLosses!));
    }
  });

  it('restoreBest returns exactly the weights training would have after bestEpoch + 1 epochs', () => {
    const c = restoreCase;
    const r = trainMLP(c.init, c.data, c.opts);
    const epochs = r.bestEpoch! + 1;
    const shorter = trainMLP(c.init, c.data, { ...c.opts, epochs, order: c.opts.order!.slice(0, epochs), earlyStopping: undefined });
    expect(r.restoredEpoch).toBe(r.bestEpoch);
    expect(r.weights).toEqual(shorter.weights);
    expect(r.biases).toEqual(shorter.biases);
    // …and evaluating them reproduces the best validation loss
    expect(evaluateMLP(r, c.opts.validation!).loss).toBe(r.validationLosses![r.bestEpoch!]);
  });

  it('without restoreBest the last epoch’s weights are returned', () => {
    const c = deltaCase;
    const r = trainMLP(c.init, c.data, c.opts);
    expect(r.restoredEpoch).toBeNull();
    expect(evaluateMLP(r, c.opts.validation!).loss).toBe(r.validationLosses!.at(-1));
  });

  it('minDelta: an improvement smaller than minDelta does not count', () => {
    const c = deltaCase;
    const r = trainMLP(c.init, c.data, { ...c.opts, earlyStopping: { patience: 3, minDelta: 1e6 } });
    // nothing beats the first epoch by 1e6: stop as soon as patience runs out
    expect(r.bestEpoch).toBe(0);
    expect(r.stoppedEpoch).toBe(4);
  });
});

describe('evaluateMLP / predictMLP (eval mode)', () => {
  it('report the validation numbers of the last epoch', () => {
    for (const c of CASES.filter((k) => k.opts.validation && !k.opts.earlyStopping)) {
      const r: TrainMLPResult = trainMLP(c.init, c.data, c.opts);
      const v = evaluateMLP(r, c.opts.validation!, { labelSmoothing: c.opts.labelSmoothing ?? 0 });
      expect(v.loss, c.name).toBe(r.validationLosses!.at(-1));
      expect(v.accuracy, c.name).toBe(r.validationAccuracies!.at(-1));
      const p = predictMLP(r, c.opts.validation!.x);
      const correct = p.classes.filter((k, i) => k === c.opts.validation!.y[i]).length;
      expect(correct / p.classes.length).toBe(v.accuracy);
      expect(p.logits[0]).toHaveLength(c.init.weights.at(-1)!.length);
    }
  });
  it('argmax takes the first index on ties (torch.argmax)', () => {
    const model = { weights: [[[0], [0], [0]]], biases: [[1, 3, 3]] };
    expect(predictMLP(model, [[5]]).classes).toEqual([1]);
    expect(evaluateMLP(model, { x: [[5]], y: [1] }).accuracy).toBe(1);
  });
  it('a plain linear model: cross-entropy by hand', () => {
    const model = { weights: [[[1, 0], [0, 1]]], biases: [[0, 0]] };
    const v = evaluateMLP(model, { x: [[2, 0]], y: [0] });
    expect(v.loss).toBeCloseTo(Math.log(1 + Math.exp(-2)), 15);
    expect(evaluateMLP(model, { x: [[2, 0]], y: [0] }, { labelSmoothing: 0.2 }).loss).toBeCloseTo(
      0.9 * Math.log(1 + Math.exp(-2)) + 0.1 * (2 + Math.log(1 + Math.exp(-2))), 15);
  });
});
