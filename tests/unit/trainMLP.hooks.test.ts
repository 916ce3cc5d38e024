/**
 * The lab's two trainer options: `evaluateTraining` (eval-mode training curves) and `onEpoch`
 * (progress). Neither may change the trajectory.
 */
import { describe, expect, it } from 'vitest';
import { epochOrders, evaluateMLP, initMLP, trainMLP } from '../../src/lib';

const rows = Array.from({ length: 23 }, (_, i) => Array.from({ length: 6 }, (_, j) => ((i * 7 + j * 3) % 11) / 10));
const data = { x: rows, y: rows.map((_, i) => i % 3) };
const init = initMLP([6, 5, 3], 4);
const base = { epochs: 4, batchSize: 5, lr: 0.3, order: epochOrders(23, 4, 2), dropout: 0.2, seed: 3, batchNorm: true };

describe('trainMLP: evaluateTraining and onEpoch', () => {
  it('the last training-set evaluation is evaluateMLP of the returned model, and the trajectory is unchanged', () => {
    const plain = trainMLP(init, data, base);
    const seen: [number, number][] = [];
    const r = trainMLP(init, data, { ...base, evaluateTraining: true, onEpoch: (d, e) => void seen.push([d, e]) });
    expect(r.epochLosses).toEqual(plain.epochLosses);
    expect(r.weights).toEqual(plain.weights);
    expect(r.trainingLosses).toHaveLength(4);
    const last = evaluateMLP(r, data);
    expect(r.trainingLosses!.at(-1)).toBeCloseTo(last.loss, 12);
    expect(r.trainingAccuracies!.at(-1)).toBe(last.accuracy);
    expect(seen).toEqual([[1, 4], [2, 4], [3, 4], [4, 4]]);
    expect(plain.trainingLosses).toBeUndefined();
  });
  it('onEpoch stops being called when early stopping fires', () => {
    const seen: number[] = [];
    const r = trainMLP(init, data, { ...base, epochs: 30, order: epochOrders(23, 30, 2), validation: data, earlyStopping: { patience: 0 }, onEpoch: (d) => void seen.push(d) });
    expect(seen.length).toBe(r.epochLosses.length);
  });
  it('bad options are named', () => {
    expect(() => trainMLP(init, data, { ...base, onEpoch: 3 as never })).toThrow(/^onEpoch must be a function.*received 3/);
    expect(() => trainMLP(init, data, { ...base, evaluateTraining: 'yes' as never })).toThrow(/^evaluateTraining must be/);
  });
});
