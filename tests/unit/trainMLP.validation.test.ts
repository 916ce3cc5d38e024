/**
 * trainMLP / evaluateMLP / predictMLP refuse bad input with a RangeError or TypeError whose message names
 * the parameter, the accepted range and the value received (src/lib/validate.ts's wording).
 */
import { describe, expect, it } from 'vitest';
import { evaluateMLP, MLP_MAX_WORK, predictMLP, trainMLP, type TrainMLPOptions } from '../../src/lib';

const init = { weights: [[[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]], [[0.1, 0.2, 0.3], [-0.1, 0.2, -0.3]]], biases: [[0, 0.1, -0.1], [0.05, -0.05]] };
const data = { x: [[0.1, 0.2], [0.3, 0.4], [0.5, 0.6], [0.7, 0.8], [0.9, 1]], y: [0, 1, 0, 1, 1] };
const opts: TrainMLPOptions = { epochs: 2, batchSize: 2, lr: 0.1 };

function refuses(f: () => unknown, kind: typeof RangeError | typeof TypeError, message: RegExp): void {
  let error: unknown;
  try {
    f();
  } catch (e) {
    error = e;
  }
  expect(error, `expected a ${kind.name} matching ${message}`).toBeInstanceOf(kind);
  expect((error as Error).message).toMatch(message);
  expect((error as Error).message).toMatch(/ must .*received /);
}

describe('trainMLP refuses bad options', () => {
  it('learning rate, epochs, batch size', () => {
    refuses(() => trainMLP(init, data, { ...opts, lr: -1 }), RangeError, /^lr must be ≥ 0; received -1$/);
    refuses(() => trainMLP(init, data, { ...opts, lr: Number.NaN }), TypeError, /^lr must be a finite number; received NaN$/);
    refuses(() => trainMLP(init, data, { ...opts, batchSize: 0 }), RangeError, /^batchSize must be an integer ≥ 1; received 0$/);
    refuses(() => trainMLP(init, data, { ...opts, batchSize: 1.5 }), TypeError, /^batchSize must be an integer; received 1.5$/);
    refuses(() => trainMLP(init, data, { ...opts, epochs: -1 }), RangeError, /^epochs must be an integer in \[0, 10000\]; received -1$/);
    refuses(() => trainMLP(init, data, null as unknown as TrainMLPOptions), TypeError, /^opts must be an object .*; received null$/);
  });
  it('optimizer and its hyper-parameters', () => {
    refuses(() => trainMLP(init, data, { ...opts, optimizer: 'rmsprop' as 'sgd' }), RangeError, /^optimizer must be "sgd", "adam" or "adamw"; received "rmsprop"$/);
    refuses(() => trainMLP(init, data, { ...opts, momentum: 1.5 }), RangeError, /^momentum must be in \[0, 1\]; received 1.5$/);
    refuses(() => trainMLP(init, data, { ...opts, optimizer: 'adam', momentum: 0.9 }), RangeError, /^momentum must be 0 with optimizer "adam".*; received 0.9$/);
    refuses(() => trainMLP(init, data, { ...opts, weightDecay: -0.1 }), RangeError, /^weightDecay must be ≥ 0; received -0.1$/);
    refuses(() => trainMLP(init, data, { ...opts, l1: -1 }), RangeError, /^l1 must be ≥ 0; received -1$/);
    refuses(() => trainMLP(init, data, { ...opts, l2: Infinity }), TypeError, /^l2 must be a finite number; received Infinity$/);
    refuses(() => trainMLP(init, data, { ...opts, labelSmoothing: 2 }), RangeError, /^labelSmoothing must be in \[0, 1\]; received 2$/);
    refuses(() => trainMLP(init, data, { ...opts, dropout: -0.5 }), RangeError, /^dropout must be in \[0, 1\]; received -0.5$/);
    refuses(() => trainMLP(init, data, { ...opts, seed: -1 }), RangeError, /^seed must be an integer in \[0, 4294967295\]; received -1$/);
    refuses(() => trainMLP(init, data, { ...opts, batchNorm: 'yes' as unknown as boolean }), TypeError, /^batchNorm must be a boolean; received "yes"$/);
    refuses(() => trainMLP(init, data, { ...opts, fgsm: { eps: -0.1, alpha: 0.5 } }), RangeError, /^fgsm.eps must be ≥ 0; received -0.1$/);
    refuses(() => trainMLP(init, data, { ...opts, fgsm: { eps: 0.1, alpha: 2 } }), RangeError, /^fgsm.alpha must be in \[0, 1\]; received 2$/);
  });
  it('order must be one permutation of 0..n−1 per epoch', () => {
    const perm = [4, 3, 2, 1, 0];
    refuses(() => trainMLP(init, data, { ...opts, order: [perm] }), RangeError, /^order must have one permutation per epoch \(length 2\); received length 1$/);
    refuses(() => trainMLP(init, data, { ...opts, order: [perm, [0, 1, 2, 3]] }), RangeError, /^order\[1\] must have length 5 \(a permutation of 0..4\); received length 4$/);
    refuses(() => trainMLP(init, data, { ...opts, order: [perm, [0, 1, 2, 3, 3]] }), RangeError, /^order\[1\] must be a permutation of 0..4 \(each index once\); received 3 twice$/);
    refuses(() => trainMLP(init, data, { ...opts, order: [perm, [0, 1, 2, 3, 5]] }), RangeError, /^order\[1\]\[4\] must be an integer in \[0, 4\]; received 5$/);
  });
  it('early stopping needs validation data and a patience', () => {
    refuses(() => trainMLP(init, data, { ...opts, earlyStopping: { patience: 1 } }), TypeError, /^validation must be given with earlyStopping .*; received undefined$/);
    refuses(() => trainMLP(init, data, { ...opts, validation: data, earlyStopping: { patience: -1 } }), RangeError, /^earlyStopping.patience must be an integer ≥ 0; received -1$/);
    refuses(() => trainMLP(init, data, { ...opts, validation: data, earlyStopping: { patience: 1, restoreBest: 1 as unknown as boolean } }), TypeError, /^earlyStopping.restoreBest must be a boolean; received 1$/);
  });
  it('a batch of one row with batchNorm (torch raises too)', () => {
    // 5 rows in batches of 2: the last batch has one row
    refuses(() => trainMLP(init, data, { ...opts, batchNorm: true }), RangeError, /^batchSize must leave no batch of 1 row with batchNorm .*; received batchSize 2 for 5 rows$/);
    refuses(() => trainMLP(init, { x: [[1, 2]], y: [0] }, { ...opts, batchNorm: true }), RangeError, /received batchSize 2 for 1 rows$/);
    refuses(() => trainMLP(init, data, { ...opts, batchSize: 1, batchNorm: true }), RangeError, /received batchSize 1 for 5 rows$/);
    expect(trainMLP(init, data, { ...opts, batchSize: 3, batchNorm: true }).batchNorm).toHaveLength(1);
    // without a hidden layer there is no BatchNorm1d and nothing to refuse
    expect(trainMLP({ weights: [init.weights[0]!], biases: [init.biases[0]!] }, { x: data.x, y: [0, 1, 2, 0, 1] }, { ...opts, batchNorm: true }).batchNorm).toEqual([]);
  });
});

describe('trainMLP refuses bad networks and data', () => {
  it('layer shapes', () => {
    refuses(() => trainMLP({ weights: [], biases: [] }, data, opts), RangeError, /^init.weights must have between 1 and 8 layers; received length 0$/);
    refuses(() => trainMLP({ ...init, biases: [init.biases[0]!] }, data, opts), RangeError, /^init.biases must have one vector per layer \(length 2\); received length 1$/);
    refuses(() => trainMLP({ ...init, weights: [init.weights[0]!, [[1, 2], [3, 4]]] }, data, opts), RangeError, /^init.weights\[1\]\[0\] must have length 3 \(the outputs of layer 0\); received length 2$/);
    refuses(() => trainMLP({ ...init, biases: [[0, 0], init.biases[1]!] }, data, opts), RangeError, /^init.biases\[0\] must have length 3 \(the rows of weights\[0\]\); received length 2$/);
    refuses(() => trainMLP({ ...init, weights: [[[0.1, 0.2], [0.3], [0.5, 0.6]], init.weights[1]!] }, data, opts), RangeError, /^init.weights\[0\]\[1\] must have length 2 \(like row 0\); received length 1$/);
    refuses(() => trainMLP({ ...init, weights: [[[0.1, 0.2], [0.3, Number.NaN], [0.5, 0.6]], init.weights[1]!] }, data, opts), TypeError, /^init.weights\[0\]\[1\]\[1\] must be a finite number; received NaN$/);
    refuses(() => trainMLP(undefined as never, data, opts), TypeError, /^init must be an object \{ weights, biases \}; received undefined$/);
  });
  it('rows, labels and sizes', () => {
    refuses(() => trainMLP(init, { x: [[0.1, 0.2], [0.3]], y: [0, 1] }, opts), RangeError, /^data.x\[1\] must have length 2 \(the input width of weights\[0\]\); received length 1$/);
    refuses(() => trainMLP(init, { x: [[0.1, 0.2], [0.3, Number.NaN]], y: [0, 1] }, opts), TypeError, /^data.x\[1\]\[1\] must be a finite number; received NaN$/);
    refuses(() => trainMLP(init, { x: [[0.1, 0.2], [0.3, 0.4]], y: [0, 2] }, opts), RangeError, /^data.y\[1\] must be an integer in \[0, 1\]; received 2$/);
    refuses(() => trainMLP(init, { x: [[0.1, 0.2], [0.3, 0.4]], y: [0] }, opts), RangeError, /^data.y must have one label per row of data.x \(length 2\); received length 1$/);
    refuses(() => trainMLP(init, { x: [], y: [] }, opts), RangeError, /^data.x must have at least 1 row; received 0 rows$/);
    refuses(() => trainMLP(init, data, { ...opts, validation: { x: [[1, 2, 3]], y: [0] } }), RangeError, /^validation.x\[0\] must have length 2 .*; received length 3$/);
    refuses(() => trainMLP(init, data, { ...opts, validation: { x: [[1, 2]], y: [-1] } }), RangeError, /^validation.y\[0\] must be an integer in \[0, 1\]; received -1$/);
  });
  it('work that would freeze the tab is refused before it starts', () => {
    const wide = { weights: [Array.from({ length: 1000 }, () => new Array(1000).fill(0))], biases: [new Array(1000).fill(0)] };
    const rows = { x: Array.from({ length: 200 }, () => new Array(1000).fill(0)), y: new Array(200).fill(0) };
    // Before it starts, not by timing it: a NaN in the last row would be reported if any value were read first.
    rows.x[199]![999] = NaN;
    refuses(() => trainMLP(wide, rows, { epochs: 10, batchSize: 32, lr: 0.1 }), RangeError,
      /^epochs × samples × \(parameters \+ units\) must be ≤ 2000000000 \(.*freeze the tab\); received 10 × 200 × 1003000 = 2.01e\+9$/);
    expect(MLP_MAX_WORK).toBe(2e9);
    refuses(() => trainMLP({ weights: [Array.from({ length: 1025 }, () => [0])], biases: [new Array(1025).fill(0)] }, { x: [[0]], y: [0] }, opts), RangeError,
      /^init.weights\[0\] must have between 1 and 1024 rows \(output units\); received 1025$/);
  });
  it('a diverging run is reported, not returned as NaN', () => {
    refuses(() => trainMLP(init, data, { ...opts, lr: 1e300, epochs: 5 }), RangeError, /must be finite \(the training diverged; lr = 1e\+300 may be too large\); received /);
  });
});

describe('evaluateMLP / predictMLP refuse bad input', () => {
  it('models, data and options', () => {
    refuses(() => evaluateMLP(init, { x: [[1, 2]], y: [5] }), RangeError, /^data.y\[0\] must be an integer in \[0, 1\]; received 5$/);
    refuses(() => evaluateMLP(init, data, { labelSmoothing: -1 }), RangeError, /^labelSmoothing must be in \[0, 1\]; received -1$/);
    refuses(() => predictMLP(init, [[1, 2, 3]]), RangeError, /^x\[0\] must have length 2 .*; received length 3$/);
    refuses(() => predictMLP({ ...init, batchNorm: [] }, [[1, 2]]), RangeError, /^model.batchNorm must have one state per hidden layer \(length 1\); received length 0$/);
    const bn = { gamma: [1, 1, 1], beta: [0, 0, 0], runningMean: [0, 0, 0], runningVar: [1, -1, 1] };
    refuses(() => predictMLP({ ...init, batchNorm: [bn] }, [[1, 2]]), RangeError, /^model.batchNorm\[0\].runningVar\[1\] must be ≥ 0; received -1$/);
    refuses(() => predictMLP({ ...init, batchNorm: [{ ...bn, runningVar: [1, 1] }] }, [[1, 2]]), RangeError, /^model.batchNorm\[0\].runningVar must have length 3 \(the units of layer 0\); received length 2$/);
    refuses(() => predictMLP({ weights: [[[1e308]]], biases: [[0]] }, [[1e308]]), RangeError, /^predictMLP.logits\[0\]\[0\] must be finite/);
  });
});
