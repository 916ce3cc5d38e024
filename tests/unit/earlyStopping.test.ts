import { describe, expect, it } from 'vitest';
import { createEarlyStopping, earlyStopping } from '../../src/lib/earlyStopping';

// No Keras on these machines (TensorFlow is not packaged for Debian), so the expectations below are
// worked by hand from Keras 3's keras/src/callbacks/early_stopping.py (on_epoch_end, _is_improvement):
// wait += 1 first; improvement ⇔ current − min_delta < best with min_delta = −|min_delta| in 'min'
// mode (best starts at ±inf); stop ⇔ wait ≥ patience and epoch > 0; restore at train end.

describe('earlyStopping: the docs/reference-semantics.md example', () => {
  it('val_loss [0.2, 0.15, 0.1, 0.11, 0.12], patience 2 → stops after epoch 5, restores index 2', () => {
    const r = earlyStopping([0.2, 0.15, 0.1, 0.11, 0.12], { patience: 2, restoreBestWeights: true });
    expect(r).toEqual({ stoppedEpoch: 5, bestEpoch: 2, bestValue: 0.1, restoredEpoch: 2, waits: [0, 0, 0, 1, 2] });
  });
  it('values after the stop are not looked at', () => {
    const r = earlyStopping([0.2, 0.15, 0.1, 0.11, 0.12, 0.01], { patience: 2 });
    expect(r.stoppedEpoch).toBe(5);
    expect(r.bestValue).toBe(0.1);
    expect(r.restoredEpoch).toBeNull();
    expect(r.waits).toHaveLength(5);
  });
});

describe('earlyStopping: Keras semantics case by case', () => {
  it('patience 0 stops at the first epoch without improvement (never at epoch 1)', () => {
    expect(earlyStopping([1, 2]).stoppedEpoch).toBe(2);
    expect(earlyStopping([1, 1, 1]).stoppedEpoch).toBe(2); // equal is not an improvement
    expect(earlyStopping([3]).stoppedEpoch).toBeNull();
    expect(earlyStopping([3, 2, 1]).stoppedEpoch).toBeNull();
  });
  it('minDelta: an improvement must beat the best by more than |minDelta|', () => {
    expect(earlyStopping([1, 0.95, 0.9], { patience: 1, minDelta: 0.1 }).stoppedEpoch).toBe(2);
    expect(earlyStopping([1, 0.95, 0.9], { patience: 1, minDelta: -0.1 }).stoppedEpoch).toBe(2);
    const r = earlyStopping([1, 0.85, 0.8, 0.7], { patience: 1, minDelta: 0.1 });
    expect(r).toMatchObject({ stoppedEpoch: 3, bestEpoch: 1, bestValue: 0.85, waits: [0, 0, 1] });
    // 1 − 0.85 = 0.15 > 0.1 counts; 0.85 − 0.8 = 0.05 does not
  });
  it("mode 'max' for accuracies", () => {
    const r = earlyStopping([0.5, 0.6, 0.6, 0.55], { mode: 'max', patience: 1 });
    expect(r).toMatchObject({ stoppedEpoch: 3, bestEpoch: 1, bestValue: 0.6 });
    expect(earlyStopping([0.5, 0.55, 0.58], { mode: 'max', patience: 0, minDelta: 0.04 }).stoppedEpoch).toBe(3);
  });
  it('baseline: wait is not reset until the baseline is beaten, but improvements never stop', () => {
    const never = earlyStopping([0.9, 0.8, 0.7], { patience: 2, baseline: 0.5 });
    expect(never).toMatchObject({ stoppedEpoch: null, bestEpoch: 2, waits: [1, 2, 3] });
    expect(earlyStopping([0.9, 0.95], { patience: 1, baseline: 0.5 }).stoppedEpoch).toBe(2);
    const beaten = earlyStopping([0.9, 0.4, 0.45, 0.46], { patience: 2, baseline: 0.5 });
    expect(beaten).toMatchObject({ stoppedEpoch: 4, bestEpoch: 1, waits: [1, 0, 1, 2] });
    expect(earlyStopping([0.6, 0.7], { mode: 'max', patience: 5, baseline: 0.65 }).waits).toEqual([1, 0]);
  });
  it('startFromEpoch ignores warm-up epochs', () => {
    const r = earlyStopping([1, 2, 3, 2.5, 2.6], { patience: 1, startFromEpoch: 2 });
    expect(r).toMatchObject({ stoppedEpoch: 5, bestEpoch: 3, bestValue: 2.5, waits: [0, 0, 0, 0, 1] });
    expect(earlyStopping([1, 2], { startFromEpoch: 5, restoreBestWeights: true })).toMatchObject({
      stoppedEpoch: null, bestEpoch: null, bestValue: null, restoredEpoch: null,
    });
  });
  it('restoreBestWeights restores the best epoch even without an early stop (Keras 3 on_train_end)', () => {
    expect(earlyStopping([3, 1, 2], { patience: 5, restoreBestWeights: true })).toMatchObject({ stoppedEpoch: null, restoredEpoch: 1 });
  });
  it('an empty history has no best', () => {
    expect(earlyStopping([])).toEqual({ stoppedEpoch: null, bestEpoch: null, bestValue: null, restoredEpoch: null, waits: [] });
  });
});

describe('createEarlyStopping for live loops', () => {
  it('steps agree with the replay', () => {
    const values = [0.2, 0.15, 0.1, 0.11, 0.12];
    const es = createEarlyStopping({ patience: 2, restoreBestWeights: true });
    const steps = values.map((v) => es.update(v));
    expect(steps.map((s) => s.stop)).toEqual([false, false, false, false, true]);
    expect(steps.map((s) => s.improved)).toEqual([true, true, true, false, false]);
    expect(steps[4]).toEqual({ stop: true, improved: false, wait: 2, bestEpoch: 2, bestValue: 0.1, epoch: 4 });
    expect(es.result()).toEqual(earlyStopping(values, { patience: 2, restoreBestWeights: true }));
  });
  it('refuses updates after stopping, and reset starts over', () => {
    const es = createEarlyStopping();
    es.update(1);
    expect(es.update(2).stop).toBe(true);
    expect(() => es.update(0)).toThrow(RangeError);
    expect(() => es.update(0)).toThrow(/^update must not be called after training stopped at epoch 2/);
    es.reset();
    expect(es.update(5)).toMatchObject({ stop: false, improved: true, epoch: 0 });
  });
});

describe('earlyStopping input validation', () => {
  it('options', () => {
    expect(() => earlyStopping([1], { patience: -1 })).toThrow(RangeError);
    expect(() => earlyStopping([1], { patience: -1 })).toThrow(/^patience must be an integer ≥ 0; received -1/);
    expect(() => earlyStopping([1], { patience: 1.5 })).toThrow(TypeError);
    expect(() => earlyStopping([1], { mode: 'auto' as never })).toThrow(RangeError);
    expect(() => earlyStopping([1], { mode: 'auto' as never })).toThrow(/^mode must be "min" or "max"; received "auto"/);
    expect(() => earlyStopping([1], { minDelta: NaN })).toThrow(/^minDelta must be a finite number; received NaN/);
    expect(() => earlyStopping([1], { baseline: Infinity })).toThrow(/^baseline must be a finite number/);
    expect(() => earlyStopping([1], { restoreBestWeights: 'yes' as never })).toThrow(/^restoreBestWeights must be a boolean/);
    expect(() => earlyStopping([1], { startFromEpoch: -2 })).toThrow(/^startFromEpoch must be an integer ≥ 0/);
    expect(() => earlyStopping([1], 5 as never)).toThrow(/^opts must be an object/);
  });
  it('values', () => {
    expect(() => earlyStopping([0.2, NaN])).toThrow(TypeError);
    expect(() => earlyStopping([0.2, NaN])).toThrow(/^values\[1\] must be a finite number; received NaN/);
    expect(() => earlyStopping('abc' as never)).toThrow(/^values must be an array of numbers/);
    expect(() => createEarlyStopping().update(Infinity)).toThrow(/^value \(epoch 0\) must be a finite number/);
  });
});
