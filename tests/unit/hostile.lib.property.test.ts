/**
 * Hostile input against every export of the numerical core (issue #6): each exported function gets
 * a property of ≥ 1000 runs over arguments that mix well-formed values with NaN, ±Infinity, −0,
 * huge numbers, wrong types and over-long arrays. The function either returns finite, well-formed
 * output or throws a RangeError/TypeError naming the parameter, the accepted range and the value
 * received (see ./hostile.ts). A new export without an entry in TABLE fails the first test.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import * as lib from '../../src/lib/index';
import { refusalOf, refusedParam } from '../../src/lib/refusal';
import manifestJson from '../../public/models/manifest.json';
import {
  RUNS, hAny, hBool, hMat, hNum, hOpts, hScalar, hVec, obeys, obeysAsync, wrongType,
} from './hostile';
import { LAB_DATA_ENTRIES } from './hostile.labData.entries';
import { LAB_ENTRIES } from './hostile.lab.entries';
import { LAB_MODEL_ENTRIES } from './hostile.labModels.entries';

type Fn = (...args: never[]) => unknown;
interface Entry {
  /** Argument tuples; most are well formed with hostile numbers inside, some are plain wrong. */
  args: fc.Arbitrary<unknown[]>;
  /** Extra checks on a successful result (beyond "finite and well formed"). */
  then?: (out: unknown, args: unknown[]) => void;
  /** A documented refusal that is not about one parameter (still a RangeError/TypeError). */
  message?: RegExp;
  /** Returned strings are messages or hashes, not screen text. */
  rawStrings?: boolean;
  async?: boolean;
}

const small = fc.integer({ min: -1, max: 6 });
const seed = hScalar(fc.oneof(fc.integer({ min: 0, max: 2 ** 32 - 1 }), fc.constantFrom(0, 2 ** 32 - 1, 2 ** 32, -1)));
const unit = hScalar(fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(0, 1, -0, 1 + 1e-12, -1e-300)));
const nonNeg = hScalar(fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), hNum));
const pair = (a: fc.Arbitrary<unknown>) => fc.oneof({ weight: 4, arbitrary: a }, { weight: 1, arbitrary: fc.tuple(a, a) }, { weight: 1, arbitrary: hVec(3) });
const pos = hScalar(fc.oneof(fc.integer({ min: 1, max: 8 }), fc.constantFrom(0, 2 ** 24 + 1, 2 ** 31, 2 ** 53, 1e20)));

/** A small RGBA image, well formed most of the time. */
const image: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.tuple(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).chain(([w, h]) =>
      fc.uint8Array({ minLength: w * h * 4, maxLength: w * h * 4 }).map((d) => ({ width: w, height: h, data: new Uint8ClampedArray(d) }))),
  },
  { weight: 1, arbitrary: fc.record({ width: hAny, height: hAny, data: fc.oneof(hVec(8), fc.constant(new Uint8ClampedArray(16))) }) },
  { weight: 1, arbitrary: fc.record({ width: fc.constantFrom(4096, 4097, 1e9), height: fc.constant(1), data: fc.constant(new Uint8ClampedArray(16)) }) },
  { weight: 1, arbitrary: wrongType },
);
const size = hOpts({ width: pos, height: pos });
const jitter = hOpts({ brightness: pair(nonNeg), contrast: pair(nonNeg), saturation: pair(nonNeg) });

/** A logistic model and data set of matching dimension d (usually 2). */
const model = (d: number) => hOpts({ w: hVec(d + 1, hNum, d), b: hScalar() });
const dataset = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.integer({ min: 0, max: 6 }).chain((n) => fc.record({
      x: fc.array(hVec(3, hNum, 2), { minLength: n, maxLength: n }),
      y: fc.array(fc.oneof(fc.constantFrom(0, 1, 0, 1, 0, 1), hAny), { minLength: n, maxLength: n }),
    })),
  },
  { weight: 1, arbitrary: hOpts({ x: hAny, y: hAny }) },
);

/** x (n×d), codebook (k×d) and d for the VQ functions. */
const vqArgs = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 })).chain(([d, n, k]) =>
  fc.tuple(
    fc.oneof({ weight: 6, arbitrary: hVec(n * d, hNum, n * d) }, { weight: 1, arbitrary: hVec(12) }),
    fc.oneof({ weight: 6, arbitrary: hVec(k * d, hNum, k * d) }, { weight: 1, arbitrary: hVec(12) }),
    fc.oneof({ weight: 6, arbitrary: fc.constant(d) }, { weight: 1, arbitrary: hAny }),
    fc.array(fc.oneof(fc.integer({ min: 0, max: k - 1 }), hNum), { minLength: n, maxLength: n }),
  ));

/** Flat data (n×d) for k-means. */
const kmData = fc.tuple(fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 8 })).chain(([d, n]) =>
  fc.tuple(fc.oneof({ weight: 6, arbitrary: hVec(n * d, hNum, n * d) }, { weight: 1, arbitrary: hVec(9) }), fc.oneof({ weight: 6, arbitrary: fc.constant(d) }, { weight: 1, arbitrary: hAny })));

/** The bias–variance options: small sets and grids so a run stays cheap; sometimes a huge count. */
const bvOpts = hOpts({
  degree: hScalar(fc.integer({ min: 0, max: 13 })),
  n: hScalar(fc.oneof(fc.integer({ min: 1, max: 12 }), fc.constant(2001))),
  sigma: nonNeg,
  sets: hScalar(fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constant(2001))),
  seed,
  lambdas: fc.oneof(fc.constant(undefined), hVec(4)),
  nVal: fc.oneof(fc.constant(undefined), hScalar(fc.integer({ min: 0, max: 5 }))),
  nTest: fc.oneof(fc.constant(undefined), hScalar(fc.integer({ min: 0, max: 5 }))),
  grid: fc.oneof(fc.constant(undefined), hScalar(fc.integer({ min: 0, max: 5 }))),
});

/** The MAP page's two priors, or something else. */
const mapPrior = fc.oneof({ weight: 6, arbitrary: fc.constantFrom('gaussian', 'laplace') }, { weight: 1, arbitrary: hAny });

/** A design matrix X (n×p) and y for the linear models. */
const xy = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 3 })).chain(([n, p]) =>
  fc.tuple(
    fc.oneof({ weight: 8, arbitrary: fc.array(fc.array(hNum, { minLength: p, maxLength: p }), { minLength: n, maxLength: n }) }, { weight: 1, arbitrary: hMat(4, 3) }),
    fc.oneof({ weight: 8, arbitrary: hVec(n, hNum, n) }, { weight: 1, arbitrary: hVec(6) })));

const net = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((s) => lib.initSimpleNN(s, { inputs: 3, hidden: 4, outputs: 2 })) },
  { weight: 1, arbitrary: hOpts({ w1: hMat(3, 3), b1: hVec(3), w2: hMat(3, 3), b2: hVec(3) }) },
);

const manifest = lib.parseManifest(manifestJson);
const manifestish: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constant(manifestJson) },
  {
    weight: 8,
    arbitrary: fc.tuple(fc.constantFrom(...Object.keys(manifestJson.models[0]!)), fc.oneof(hAny, fc.string({ maxLength: 70 }), fc.constant('x'.repeat(100_000)))).map(([key, bad]) => ({
      ...manifestJson,
      models: [{ ...manifestJson.models[0]!, [key]: bad }, ...manifestJson.models.slice(1)],
    })),
  },
  { weight: 1, arbitrary: hOpts({ models: hAny }) },
);
const bytes = fc.oneof(fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 64 }).map((a) => a.buffer), hAny);
const hex = fc.oneof(fc.constantFrom('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855', 'E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855'), fc.string({ maxLength: 70 }), hAny);

const polyData = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0, max: 2 ** 32 - 1 }).map((s) => lib.noisySine({ nTrain: 6, nVal: 4, noise: 0.3, seed: s })) },
  { weight: 2, arbitrary: fc.integer({ min: 1, max: 6 }).chain((n) => fc.record({ xTrain: hVec(n, hNum, n), yTrain: hVec(n, hNum, n), xVal: hVec(n, hNum, n), yVal: hVec(n, hNum, n) })) },
  { weight: 1, arbitrary: hOpts({ xTrain: hAny, yTrain: hAny, xVal: hAny, yVal: hAny }) },
);
const polyRun = lib.trainPolynomialGD(lib.noisySine({ nTrain: 6, nVal: 4, noise: 0.3, seed: 1 }), { degree: 3, lr: 0.01, epochs: 20 });

const image2d = hMat(6, 6);
const kernel2d = hMat(3, 3);
const convOpts = hOpts({ stride: pos, padding: hScalar(small), bias: hScalar() });

const args = (...a: fc.Arbitrary<unknown>[]) => fc.tuple(...a) as fc.Arbitrary<unknown[]>;

/**
 * A small MLP (d → [h →] k) with data of width d for the trainer: mostly well formed with ordinary values,
 * sometimes hostile numbers inside (which may overflow: then a named RangeError), sometimes not a network.
 */
const mlpNum = fc.oneof({ weight: 30, arbitrary: fc.double({ min: -1, max: 1, noNaN: true }) }, { weight: 1, arbitrary: hNum });
const mlpFeature = fc.oneof({ weight: 30, arbitrary: fc.double({ min: 0, max: 1, noNaN: true }) }, { weight: 1, arbitrary: hNum });
const mlpCase = fc
  .record({ d: fc.integer({ min: 1, max: 3 }), h: fc.integer({ min: 0, max: 3 }), k: fc.integer({ min: 1, max: 3 }), n: fc.oneof({ weight: 1, arbitrary: fc.constant(0) }, { weight: 8, arbitrary: fc.integer({ min: 2, max: 6 }) }) })
  .chain(({ d, h, k, n }) => {
    const sizes = h === 0 ? [d, k] : [d, h, k];
    const layers = sizes.slice(1).map((out, l) => fc.array(fc.array(mlpNum, { minLength: sizes[l]!, maxLength: sizes[l]! }), { minLength: out, maxLength: out }));
    const biases = sizes.slice(1).map((out) => fc.array(mlpNum, { minLength: out, maxLength: out }));
    const init = fc.record({ weights: fc.tuple(...layers), biases: fc.tuple(...biases) });
    const data = (m: number) => fc.record({
      x: fc.array(fc.oneof({ weight: 40, arbitrary: fc.array(mlpFeature, { minLength: d, maxLength: d }) }, { weight: 1, arbitrary: hVec(4) }), { minLength: m, maxLength: m }),
      y: fc.array(fc.oneof({ weight: 40, arbitrary: fc.integer({ min: 0, max: k - 1 }) }, { weight: 1, arbitrary: hAny }), { minLength: m, maxLength: m }),
    });
    const perm = fc.shuffledSubarray([...Array(n).keys()], { minLength: n, maxLength: n });
    return fc.record({
      init: fc.oneof({ weight: 10, arbitrary: init }, { weight: 1, arbitrary: hOpts({ weights: fc.oneof(hAny, fc.constant([[[1]]]), hMat(2, 2)), biases: fc.oneof(hAny, hMat(2, 2)) }) }),
      data: fc.oneof({ weight: 10, arbitrary: data(n) }, { weight: 1, arbitrary: hOpts({ x: hMat(3, 3), y: hVec(3) }) }),
      validation: fc.oneof({ weight: 12, arbitrary: data(Math.max(1, n - 1)) }, { weight: 1, arbitrary: hAny }),
      perm: fc.constant(perm),
    });
  });
/** Well-formed options (so training runs), then, often, one field replaced by a hostile value. */
const mlpOpts = (c: { validation: unknown; perm: fc.Arbitrary<number[]> }) =>
  fc.record({
    epochs: fc.integer({ min: 0, max: 3 }),
    batchSize: fc.integer({ min: 1, max: 4 }),
    lr: fc.oneof(fc.double({ min: 0, max: 0.5, noNaN: true }), fc.constantFrom(0, 1e300)),
    optimizer: fc.constantFrom('sgd', 'adam', 'adamw'),
    weightDecay: fc.constantFrom(0, 0.01, 1),
    l1: fc.constantFrom(0, 0.01),
    l2: fc.constantFrom(0, 0.01),
    labelSmoothing: fc.double({ min: 0, max: 1, noNaN: true }),
    batchNorm: fc.boolean(),
    dropout: fc.double({ min: 0, max: 1, noNaN: true }),
    seed: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    fgsm: fc.record({ eps: fc.double({ min: 0, max: 0.5, noNaN: true }), alpha: fc.double({ min: 0, max: 1, noNaN: true }) }),
    validation: fc.constant(c.validation),
    earlyStopping: fc.record({ patience: fc.integer({ min: 0, max: 2 }), minDelta: fc.double({ min: 0, max: 0.1, noNaN: true }), restoreBest: fc.boolean() }),
  }, { requiredKeys: ['epochs', 'batchSize', 'lr'] })
    .chain((o) => fc.record({
      o: fc.constant(o),
      order: fc.oneof(fc.constant(undefined), fc.array(c.perm, { minLength: o.epochs, maxLength: o.epochs })),
      momentum: fc.option(o.optimizer === undefined || o.optimizer === 'sgd' ? fc.double({ min: 0, max: 1, noNaN: true }) : fc.constant(0), { nil: undefined }),
      hostile: fc.option(fc.tuple(
        fc.constantFrom('epochs', 'batchSize', 'lr', 'optimizer', 'momentum', 'weightDecay', 'l1', 'l2', 'labelSmoothing', 'order', 'batchNorm', 'fgsm', 'seed', 'dropout', 'validation', 'earlyStopping'),
        fc.oneof(hAny, fc.constantFrom('sgd', 'SGD', ''), hOpts({ eps: nonNeg, alpha: unit, patience: hScalar(small), minDelta: hScalar(), restoreBest: hBool }), fc.array(hVec(5), { maxLength: 3 })),
      ), { freq: 2, nil: null }),
    }))
    .map(({ o, order, momentum, hostile }) => {
      const opts: Record<string, unknown> = { ...o };
      if (order !== undefined) opts.order = order;
      if (momentum !== undefined) opts.momentum = momentum;
      if (opts.validation === undefined) delete opts.earlyStopping;
      if (hostile) opts[hostile[0]] = hostile[1];
      return opts;
    });
const mlpAnyOpts = (c: { validation: unknown; perm: fc.Arbitrary<number[]> }) =>
  fc.oneof({ weight: 12, arbitrary: mlpOpts(c) }, { weight: 1, arbitrary: wrongType });
const trainArgs = mlpCase.chain((c) => fc.tuple(fc.constant(c.init), fc.constant(c.data), mlpAnyOpts(c))) as fc.Arbitrary<unknown[]>;
const trainedModel = (c: { init: unknown; data: unknown }) => {
  // A trained model with batch-norm state, or the init itself, or a hostile state.
  try {
    return fc.oneof(
      { weight: 3, arbitrary: fc.constant(c.init) },
      { weight: 3, arbitrary: fc.constant(lib.trainMLP(c.init as lib.MLPLayers, c.data as lib.MLPData, { epochs: 1, batchSize: 2, lr: 0.1, batchNorm: true })) },
      { weight: 1, arbitrary: fc.record({ weights: fc.constant((c.init as lib.MLPLayers).weights), biases: fc.constant((c.init as lib.MLPLayers).biases), batchNorm: fc.oneof(hAny, fc.array(hOpts({ gamma: hVec(3), beta: hVec(3), runningMean: hVec(3), runningVar: hVec(3) }), { maxLength: 2 })) }) },
    );
  } catch {
    return fc.constant(c.init);
  }
};
const evaluateArgs = mlpCase.chain((c) => fc.tuple(trainedModel(c), fc.constant(c.data), fc.oneof(fc.constant(undefined), hOpts({ labelSmoothing: unit })))) as fc.Arbitrary<unknown[]>;
const attackArgs = mlpCase.chain((c) => fc.tuple(trainedModel(c), fc.constant(c.data), fc.oneof(
  { weight: 4, arbitrary: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 1, maxLength: 5 }) },
  { weight: 2, arbitrary: hVec(18) },
  { weight: 1, arbitrary: hAny },
))) as fc.Arbitrary<unknown[]>;
const pgdArgs = attackArgs.chain((a) => fc.tuple(fc.constant(a[0]), fc.constant(a[1]), fc.constant(a[2]), hOpts({
  steps: hScalar(fc.oneof(fc.integer({ min: 1, max: 4 }), fc.constantFrom(0, 101, 2.5))), stepSize: unit, randomStart: hBool, seed,
}))) as fc.Arbitrary<unknown[]>;
const predictArgs = mlpCase.chain((c) => fc.tuple(trainedModel(c), fc.oneof({ weight: 6, arbitrary: fc.constant((c.data as { x?: unknown } | null | undefined)?.x) }, { weight: 1, arbitrary: hMat(3, 3) }))) as fc.Arbitrary<unknown[]>;

const TABLE: Record<string, Entry | 'constant'> = {
  // validate.ts
  describe: { args: args(fc.oneof(hAny, fc.string(), fc.constant('x'.repeat(100_000)), hVec(4))), rawStrings: true, then: (out) => expect(typeof out).toBe('string') },
  finite: { args: args(fc.constantFrom('x', 'w[0]'), hAny) },
  inRange: { args: args(fc.constant('x'), hAny, fc.constant(0), fc.constant(1)) },
  atLeast: { args: args(fc.constant('x'), hAny, fc.constant(0)) },
  greaterThan: { args: args(fc.constant('x'), hAny, fc.constant(0)) },
  integer: { args: args(fc.constant('n'), hAny, fc.constant(0), fc.constantFrom(10, undefined)) },
  vector: { args: args(fc.constant('v'), hVec(8), fc.constantFrom(0, 1), fc.constantFrom(4, undefined)) },
  matrix: { args: args(fc.constant('m'), hMat(4, 4), fc.constantFrom(0, 1), fc.constantFrom(0, 1)) },
  sameLength: { args: args(fc.constant('a'), fc.array(fc.integer(), { maxLength: 3 }), fc.constant('b'), fc.array(fc.integer(), { maxLength: 3 })) },
  finiteResult: { args: args(fc.constant('result'), fc.oneof(hNum, hVec(4), hMat(3, 3), hOpts({ a: hNum, b: hVec(3) }))), rawStrings: true },
  isArrayLike: { args: args(fc.oneof(hAny, hVec(3))), then: (out) => expect(typeof out).toBe('boolean') },
  // random.ts
  createRng: {
    args: args(seed),
    then: (rng) => {
      const r = rng as lib.Rng;
      for (let i = 0; i < 4; i++) {
        const u = r.next();
        expect(u >= 0 && u < 1).toBe(true);
        expect(Number.isFinite(r.normal())).toBe(true);
      }
    },
  },
  // format.ts
  formatNumber: { args: args(hAny, hOpts({ digits: fc.integer({ min: 0, max: 12 }), typographicMinus: fc.boolean(), trim: fc.boolean() })) },
  formatBound: { args: args(hAny) },
  formatTyped: { args: args(hAny) },
  formatVector: { args: args(hVec(6), hOpts({ digits: fc.integer({ min: 0, max: 12 }), trim: fc.boolean() })) },
  // query.ts: the parsers have their own file (hostile.query.property.test.ts); here they get hostile raw values too.
  MAX_RAW_LENGTH: 'constant',
  parseParam: {
    args: args(fc.constant('x'), fc.constantFrom<lib.ParamSpec>(
      { kind: 'number', min: -1, max: 1, default: 0 },
      { kind: 'integer', min: 0, max: 9, default: 0 },
      { kind: 'vector', minLength: 1, maxLength: 4, min: -5, max: 5, default: [0] },
      { kind: 'matrix', minRows: 1, maxRows: 3, minCols: 1, maxCols: 3, min: -5, max: 5, default: [[0]] },
    ), fc.oneof(fc.string(), fc.constantFrom('NaN', '1e999', '-1e999', '<img src=x>', '99999999', '', '\0', '1,2;3,4', 'x'.repeat(5000)), hAny)),
  },
  defaults: { args: args(fc.constant({ a: { kind: 'number', min: 0, max: 1, default: 0.5 }, v: { kind: 'vector', minLength: 1, maxLength: 2, min: 0, max: 1, default: [0] } })) },
  parseQuery: { args: args(fc.constant({ a: { kind: 'number', min: 0, max: 1, default: 0.5 } }), fc.oneof(fc.string(), fc.constantFrom('?a=NaN', '?a=1e999', '?a=%00', '?a=1&a=2'))), rawStrings: true },
  formatParam: { args: args(fc.oneof(hNum, hVec(4), hMat(3, 3))) },
  toQuery: { args: args(fc.constant({ a: { kind: 'number', min: 0, max: 1, default: 0.5 }, m: { kind: 'matrix', minRows: 1, maxRows: 2, minCols: 1, maxCols: 2, min: 0, max: 1, default: [[0]] } }), hOpts({ a: fc.oneof(hNum, hVec(3)), m: hMat(2, 2) })) },
  MAX_QUERY_LENGTH: 'constant',
  readQuery: {
    args: args(fc.oneof(fc.string(), fc.constantFrom('?a=NaN&a=1', 'x'.repeat(20_000), `?${'p=1&'.repeat(5000)}`), hAny)),
    rawStrings: true,
    then: (out, [q]) => {
      const r = out as lib.QueryParams;
      expect(r.params).toBeInstanceOf(URLSearchParams);
      expect(r.refused === null).toBe((q as string).length <= lib.MAX_QUERY_LENGTH);
    },
  },
  queryRefusal: { args: args(pos), rawStrings: true, message: /query must be at most/ },
  sameState: {
    args: args(fc.constant({ a: { kind: 'number', min: 0, max: 1, default: 0.5 } }), hOpts({ a: fc.oneof(hNum, hVec(2)) }), hOpts({ a: fc.oneof(hNum, hVec(2)) })),
    then: (out) => expect(typeof out).toBe('boolean'),
  },
  // labelSmoothing.ts
  MAX_CLASSES: 'constant',
  smoothLabels: { args: args(hScalar(small), pos, unit) },
  smoothLabelsOffTarget: { args: args(hScalar(small), pos, unit) },
  smoothProbabilities: { args: args(hVec(6), unit) },
  logSumExp: { args: args(hVec(6)) },
  logSoftmax: { args: args(hVec(6)) },
  softmax: { args: args(hVec(6)) },
  crossEntropy: { args: args(hVec(5), fc.oneof(hScalar(small), hVec(5)), unit) },
  optimalMargin: { args: args(pos, unit) },
  lossAtMargin: { args: args(hScalar(), pos, unit) },
  // penalties.ts
  l1Penalty: { args: args(hVec(6), nonNeg) },
  l2Penalty: { args: args(hVec(6), nonNeg) },
  l1Subgradient: { args: args(hVec(6), nonNeg) },
  l2Gradient: { args: args(hVec(6), nonNeg) },
  softThreshold: { args: args(hVec(6), nonNeg) },
  diagonalQuadratic: { args: args(hVec(3), hVec(3), hVec(3)) },
  l1BallMinimizer: { args: args(hVec(3), hVec(3), nonNeg) },
  l2BallMinimizer: { args: args(hVec(3), hVec(3), nonNeg) },
  quadraticLevelSet: { args: args(hVec(2, hNum, 2), hVec(2, hNum, 2), nonNeg, fc.oneof(fc.constant(undefined), pos)) },
  // optimizers.ts
  ADAMW_DEFAULT_WEIGHT_DECAY: 'constant',
  initAdamState: { args: args(pos) },
  sgdStep: { args: args(hVec(4), hVec(4), hOpts({ lr: nonNeg, weightDecay: nonNeg })) },
  adamStep: { args: args(hVec(3), hVec(3), hOpts({ lr: nonNeg, betas: hVec(2), eps: nonNeg, weightDecay: nonNeg }), fc.oneof(fc.constant(undefined), hOpts({ step: pos, m: hVec(3), v: hVec(3) }))) },
  adamwStep: { args: args(hVec(3), hVec(3), hOpts({ lr: nonNeg, betas: hVec(2), eps: nonNeg, weightDecay: nonNeg }), fc.oneof(fc.constant(undefined), hOpts({ step: pos, m: hVec(3), v: hVec(3) }))) },
  // linearModels.ts
  standardize: { args: args(hMat(5, 3), hOpts({ center: hBool, scale: hBool })) },
  lasso: { args: xy.chain(([X, y]) => args(fc.constant(X), fc.constant(y), nonNeg, hOpts({ tol: nonNeg, maxIter: hScalar(fc.integer({ min: 1, max: 200 })) }))) },
  lassoPath: { args: xy.chain(([X, y]) => args(fc.constant(X), fc.constant(y), hOpts({ nAlphas: hScalar(fc.integer({ min: 1, max: 5 })), eps: unit, alphas: hVec(4), maxIter: hScalar(fc.integer({ min: 1, max: 200 })) }))) },
  entryOrder: { args: args(fc.oneof(fc.array(hVec(3, hNum, 3), { maxLength: 4 }), hMat(4, 3))) },
  ridge: { args: xy.chain(([X, y]) => args(fc.constant(X), fc.constant(y), nonNeg)) },
  ridgePath: { args: xy.chain(([X, y]) => args(fc.constant(X), fc.constant(y), hOpts({ alphas: hVec(4) }))) },
  // mapPrior.ts
  priorAlpha: { args: args(mapPrior, nonNeg, nonNeg, pos), then: (out) => expect(out as number).toBeGreaterThan(0) },
  priorScale: { args: args(mapPrior, nonNeg, nonNeg, pos), then: (out) => expect(out as number).toBeGreaterThan(0) },
  mapStationarity: {
    args: xy.chain(([X, y]) => {
      const p = Array.isArray(X) && Array.isArray(X[0]) ? (X[0] as unknown[]).length : 3;
      return args(mapPrior, fc.constant(X), fc.constant(y), hVec(p, hNum, p), hScalar(), nonNeg, nonNeg);
    }),
  },
  // dropout.ts
  MAX_DROPOUT_UNITS: 'constant',
  dropoutMask: { args: args(pos, unit, seed) },
  dropoutScale: { args: args(unit) },
  dropout: { args: args(hVec(6), unit, hOpts({ seed, training: hBool })) },
  dropout2d: { args: args(hMat(4, 4), unit, hOpts({ seed, training: hBool })) },
  // vq.ts
  MAX_VQ_WORK: 'constant',
  vectorQuantize: { args: vqArgs.chain(([x, cb, d]) => args(fc.constant(x), fc.constant(cb), fc.constant(d), fc.oneof(fc.constant(undefined), nonNeg))) },
  vqLossForIndices: { args: vqArgs.chain(([x, cb, d, idx]) => args(fc.constant(x), fc.constant(cb), fc.constant(d), fc.oneof({ weight: 4, arbitrary: fc.constant(idx) }, { weight: 1, arbitrary: hVec(5) }), fc.oneof(fc.constant(undefined), nonNeg))) },
  nearestCodeIndices: { args: vqArgs.chain(([x, cb, d]) => args(fc.constant(x), fc.constant(cb), fc.constant(d), fc.oneof(fc.constant(undefined), fc.constantFrom('js', 'auto'), hAny))) },
  codebookUsage: { args: args(hVec(6, fc.oneof(fc.integer({ min: 0, max: 5 }), hNum)), pos) },
  codebookPerplexity: { args: args(hVec(6, fc.oneof(fc.integer({ min: 0, max: 5 }), hNum)), pos) },
  seedPerplexity: { args: args(hVec(6, fc.oneof(fc.integer({ min: 0, max: 5 }), hNum)), pos) },
  // kmeans.ts
  MAX_KMEANS_VALUES: 'constant',
  MAX_KMEANS_K: 'constant',
  kmeans: { args: kmData.chain(([data, d]) => args(fc.constant(data), fc.constant(d), pos, hOpts({ seed, maxIter: hScalar(fc.integer({ min: 1, max: 50 })), tol: nonNeg, nInit: hScalar(fc.integer({ min: 1, max: 3 })), init: hVec(6) }))) },
  kmeansPlusPlus: { args: kmData.chain(([data, d]) => args(fc.constant(data), fc.constant(d), pos, seed)) },
  assignToCentroids: { args: kmData.chain(([data, d]) => args(fc.constant(data), fc.constant(d), hVec(6))) },
  // batchNorm.ts
  MAX_BATCH_VALUES: 'constant',
  batchNorm: { args: args(hMat(5, 3), hOpts({ gamma: hVec(3), beta: hVec(3), runningMean: hVec(3), runningVar: hVec(3), momentum: unit, eps: nonNeg })) },
  batchNormEval: { args: args(hMat(5, 3), hOpts({ gamma: hVec(3), beta: hVec(3), runningMean: hVec(3), runningVar: hVec(3), eps: nonNeg })) },
  // fgsm.ts
  sigmoid: { args: args(hAny) },
  bceWithLogits: { args: args(hVec(3, hNum, 1), model(2), hScalar(fc.constantFrom(0, 1))) },
  inputGradient: { args: args(hVec(3, hNum, 1), model(2), hScalar(fc.constantFrom(0, 1))) },
  fgsm: { args: args(hVec(3, hNum, 1), model(2), hScalar(fc.constantFrom(0, 1)), nonNeg) },
  adversarialLoss: { args: args(hVec(3, hNum, 1), model(2), hScalar(fc.constantFrom(0, 1)), nonNeg, unit) },
  // earlyStopping.ts
  createEarlyStopping: {
    args: args(hOpts({ patience: pos, minDelta: hScalar(), mode: fc.oneof(fc.constantFrom('min', 'max'), hAny), restoreBestWeights: hBool, baseline: hScalar(), startFromEpoch: pos }), fc.array(hAny, { maxLength: 8 })),
    // The second argument is the stream of values fed to update().
    then: () => {},
  },
  earlyStopping: { args: args(hVec(10), hOpts({ patience: pos, minDelta: hScalar(), mode: fc.oneof(fc.constantFrom('min', 'max'), hAny), restoreBestWeights: hBool, baseline: hScalar(), startFromEpoch: pos })) },
  // weightSharing.ts
  MAX_LAYER_SIZE: 'constant',
  conv2dParams: { args: args(hOpts({ inChannels: pos, outChannels: pos, kernelSize: pair(pos), groups: pos, bias: hBool })) },
  linearParams: { args: args(hOpts({ inFeatures: pos, outFeatures: pos, bias: hBool })) },
  convOutputSize: { args: args(hOpts({ inputSize: pos, kernelSize: pos, stride: pos, padding: hScalar(small), dilation: pos })) },
  fullyConnectedEquivalent: { args: args(hOpts({ height: pos, width: pos, inChannels: pos, outChannels: pos, kernelSize: pair(pos), stride: pair(pos), padding: pair(hScalar(small)), dilation: pair(pos), groups: pos, bias: hBool })) },
  // augment.ts
  MAX_IMAGE_SIDE: 'constant',
  MAX_SAMPLE_PIXELS: 'constant',
  GRAY_WEIGHTS: 'constant',
  flipHorizontal: { args: args(image) },
  flipVertical: { args: args(image) },
  crop: { args: args(image, hOpts({ x: hScalar(small), y: hScalar(small), width: pos, height: pos })) },
  randomCropBox: { args: args(image, size, seed) },
  randomCrop: { args: args(image, size, seed) },
  rotate: { args: args(image, hAny, hOpts({ fill: hVec(5, fc.integer({ min: -1, max: 256 })) })) },
  grayscale: { args: args(image) },
  adjustBrightness: { args: args(image, nonNeg) },
  adjustContrast: { args: args(image, nonNeg) },
  adjustSaturation: { args: args(image, nonNeg) },
  sampleColorJitter: { args: args(jitter, seed) },
  applyColorJitter: { args: args(image, hOpts({ order: fc.oneof(fc.shuffledSubarray(['brightness', 'contrast', 'saturation']), hAny), brightness: nonNeg, contrast: nonNeg, saturation: nonNeg })) },
  colorJitter: { args: args(image, jitter, seed) },
  augmentSamples: { args: args(image, hOpts({ count: hScalar(fc.integer({ min: 0, max: 4 })), seed, rotation: hScalar(), flip: hBool, crop: size, jitter })) },
  // augmentPlan.ts
  cropSizeFor: { args: args(size, unit) },
  jitterFactorRange: { args: args(nonNeg) },
  rotationMatrix: { args: args(hAny) },
  rotationSource: { args: args(size, hAny, hAny, hAny) },
  planAugmentSamples: { args: args(size, hOpts({ count: hScalar(fc.integer({ min: 0, max: 4 })), seed, rotation: hScalar(), flip: hBool, crop: size, jitter })) },
  applyAugmentPlan: { args: args(image, hOpts({ crop: fc.oneof(fc.constant(null), hOpts({ x: hScalar(small), y: hScalar(small), width: pos, height: pos })), flipped: hBool, degrees: hScalar(), jitter: hOpts({ order: fc.oneof(fc.shuffledSubarray(['brightness', 'contrast', 'saturation']), hAny), brightness: nonNeg, contrast: nonNeg, saturation: nonNeg }) })) },
  channelMeans: { args: args(image) },
  meanGray: { args: args(image) },
  grayOf: { args: args(hVec(4, fc.integer({ min: -1, max: 256 }))) },
  // mixup.ts
  MAX_MIX_VALUES: 'constant',
  MAX_MEAN_ROWS: 'constant',
  BETA_PARAM_MIN: 'constant',
  BETA_PARAM_MAX: 'constant',
  mixup: { args: fc.integer({ min: 1, max: 6 }).chain((n) => args(hVec(n, hNum, n), hVec(n, hNum, n), unit)) },
  mixupTarget: {
    args: args(hScalar(small), hScalar(small), pos, unit),
    then: (out) => expect(Math.abs((out as number[]).reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12),
  },
  mixupLoss: {
    args: args(hVec(5, hNum, 5), hScalar(small), hScalar(small), unit),
    then: (out) => {
      const r = out as lib.MixupLoss;
      expect(Math.abs(r.soft - r.split)).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(r.soft)));
    },
  },
  classMeans: {
    args: fc.integer({ min: 1, max: 5 }).chain((n) => args(
      fc.oneof({ weight: 6, arbitrary: fc.array(hVec(3, hNum, 3), { minLength: n, maxLength: n }) }, { weight: 1, arbitrary: hAny }),
      fc.oneof({ weight: 6, arbitrary: fc.array(fc.oneof(fc.constantFrom(0, 1), hScalar(small)), { minLength: n, maxLength: n }) }, { weight: 1, arbitrary: hAny }),
      fc.oneof(fc.constantFrom(1, 2), pos),
    )),
  },
  centroidLogits: { args: args(hVec(3, hNum, 3), fc.oneof({ weight: 6, arbitrary: fc.array(hVec(3, hNum, 3), { minLength: 2, maxLength: 4 }) }, { weight: 1, arbitrary: hMat(4, 3) })) },
  betaPdf: { args: args(unit, hScalar(fc.double({ min: 0, max: 120, noNaN: true })), hScalar(fc.double({ min: 0, max: 120, noNaN: true }))), then: (out) => expect(out as number).toBeGreaterThanOrEqual(0) },
  betaCdf: {
    args: args(unit, hScalar(fc.double({ min: 0, max: 120, noNaN: true })), hScalar(fc.double({ min: 0, max: 120, noNaN: true }))),
    then: (out) => {
      expect(out as number).toBeGreaterThanOrEqual(0);
      expect(out as number).toBeLessThanOrEqual(1);
    },
  },
  mixupEdgeMass: {
    args: args(hScalar(fc.double({ min: 0, max: 120, noNaN: true })), fc.oneof(fc.constant(undefined), hScalar(fc.double({ min: -0.1, max: 0.6, noNaN: true })))),
    then: (out) => {
      expect(out as number).toBeGreaterThanOrEqual(0);
      expect(out as number).toBeLessThanOrEqual(1);
    },
  },
  // cutout.ts
  MAX_CUTOUT_PIXELS: 'constant',
  cutoutBox: { args: args(pos, pos, pos, hScalar(small), hScalar(small)) },
  cutout: {
    args: fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })).chain(([h, w]) => args(
      fc.oneof({ weight: 6, arbitrary: hVec(h * w, hNum, h * w) }, { weight: 1, arbitrary: hAny }),
      fc.oneof({ weight: 6, arbitrary: fc.constant(h) }, { weight: 1, arbitrary: pos }),
      fc.oneof({ weight: 6, arbitrary: fc.constant(w) }, { weight: 1, arbitrary: pos }),
      hScalar(fc.integer({ min: 0, max: 9 })), hScalar(fc.integer({ min: -1, max: 4 })), hScalar(fc.integer({ min: -1, max: 4 })),
      fc.oneof(fc.constant(undefined), hScalar()),
    )),
    then: (out) => {
      const r = out as lib.Cutout;
      expect(r.erased).toBe(r.box.height * r.box.width);
      expect(r.erased).toBeGreaterThan(0);
    },
  },
  // simpleNN.ts
  MAX_LAYER_WIDTH: 'constant',
  MAX_MC_PASSES: 'constant',
  initSimpleNN: { args: args(seed, hOpts({ inputs: hScalar(fc.integer({ min: 0, max: 6 })), hidden: hScalar(fc.integer({ min: 0, max: 6 })), outputs: hScalar(fc.integer({ min: 0, max: 3 })) })) },
  simpleNNExample: { args: args(seed, hOpts({ inputs: hScalar(fc.integer({ min: 0, max: 6 })), hidden: hScalar(fc.integer({ min: 0, max: 6 })), outputs: hScalar(fc.integer({ min: 0, max: 3 })) })) },
  simpleNNForward: { args: args(net, hVec(4), hOpts({ p: unit, seed, training: hBool })) },
  mcDropout: { args: args(net, hVec(4), unit, seed, hScalar(fc.integer({ min: 0, max: 20 }))) },
  // dropoutEnsemble.ts
  DROPOUT_ENSEMBLE_SIZES: 'constant',
  MAX_EXACT_HIDDEN: 'constant',
  MAX_ENSEMBLE_SAMPLES: 'constant',
  dropoutEnsembleNet: { args: args(seed) },
  weightScalingPrediction: { args: args(net, hVec(4)) },
  mcDropoutEnsemble: { args: args(net, hVec(4), unit, seed, hScalar(fc.integer({ min: 0, max: 20 }))) },
  exactDropoutEnsemble: { args: args(net, hVec(4), unit) },
  // batchNormRunning.ts
  MAX_STREAM_VALUES: 'constant',
  gaussianBatches: { args: args(seed, hScalar(fc.integer({ min: 0, max: 5 })), hScalar(fc.integer({ min: 0, max: 5 })), hScalar(), nonNeg) },
  initialWeight: { args: args(unit, pos) },
  runningStatistics: { args: args(fc.oneof(fc.array(hVec(4), { maxLength: 4 }), hAny), hOpts({ momentum: unit, eps: nonNeg, runningMean: hScalar(), runningVar: hScalar() })) },
  // batchNormNoise.ts
  MAX_NOISE_DATA: 'constant',
  MAX_NOISE_WORK: 'constant',
  batchNormNoise: { args: args(hVec(8, hNum, 1), hOpts({ index: hScalar(small), batchSize: hScalar(small), draws: hScalar(fc.integer({ min: 0, max: 20 })), seed, eps: nonNeg })) },
  batchNormNoiseSweep: { args: args(hVec(8, hNum, 1), hOpts({ index: hScalar(small), draws: hScalar(fc.integer({ min: 0, max: 20 })), seed, eps: nonNeg }), fc.oneof(fc.constant(undefined), hVec(4, fc.integer({ min: 0, max: 9 })))) },
  noiseBatchSizes: { args: args(pos) },
  // biasVariance.ts
  BV_MAX_WORK: 'constant',
  biasVariance: { args: args(bvOpts) },
  biasVarianceData: { args: args(bvOpts) },
  biasVarianceLambdas: { args: args() },
  // randomPython.ts
  PYTHON_RNG_SOURCE: 'constant',
  // modelManifest.ts
  parseManifest: { args: args(manifestish), rawStrings: true },
  findModel: { args: args(fc.oneof({ weight: 6, arbitrary: fc.constant(manifest) }, { weight: 1, arbitrary: hAny }), fc.oneof(fc.constantFrom(...manifest.models.map((m) => m.id)), fc.string(), hAny)), rawStrings: true },
  codebookToFloat32: { args: args(fc.oneof(hMat(4, 3), fc.array(hVec(3), { maxLength: 3 })), fc.oneof(fc.constant(3), hScalar(small))) },
  sha256HexSync: { args: args(bytes), rawStrings: true },
  sha256Hex: { args: args(bytes), rawStrings: true, async: true },
  verifyModelBytes: { args: args(bytes, hex, fc.oneof(fc.constant(undefined), fc.string({ maxLength: 20 }))), rawStrings: true, async: true, message: /^model .* failed its integrity check: expected [0-9a-f]{64}, got [0-9a-f]{64}$/s },
  // polyfit.ts
  POLYFIT_MAX_POINTS: 'constant',
  POLYFIT_MAX_DEGREE: 'constant',
  POLYFIT_MAX_EPOCHS: 'constant',
  trueFunction: { args: args(hAny) },
  noisySine: { args: args(hOpts({ nTrain: hScalar(fc.integer({ min: 0, max: 8 })), nVal: hScalar(fc.integer({ min: 0, max: 8 })), noise: nonNeg, seed })) },
  legendreFeatures: { args: args(hVec(5), hScalar(fc.integer({ min: -1, max: 31 }))) },
  legendreSeries: { args: args(hVec(5), hAny) },
  symmetricEigenvalues: { args: args(fc.oneof(fc.integer({ min: 0, max: 4 }).chain((n) => fc.array(fc.array(fc.double({ min: -100, max: 100, noNaN: true }), { minLength: n, maxLength: n }), { minLength: n, maxLength: n }).map((a) => a.map((row, i) => row.map((v, j) => (j < i ? a[j]![i]! : v))))), hMat(3, 3))) },
  mseHessian: { args: args(hVec(6), hScalar(fc.integer({ min: -1, max: 31 }))) },
  hessianMaxEigenvalue: { args: args(hVec(6), hScalar(fc.integer({ min: -1, max: 31 }))) },
  maxStableLearningRate: { args: args(hVec(6), hScalar(fc.integer({ min: -1, max: 31 }))) },
  checkLearningRate: { args: args(nonNeg, nonNeg) },
  l2Norm: { args: args(hVec(6)) },
  trainPolynomialGD: { args: args(polyData, hOpts({ degree: hScalar(fc.integer({ min: 0, max: 5 })), lr: hScalar(fc.double({ min: 0, max: 0.5, noNaN: true })), epochs: hScalar(fc.integer({ min: 0, max: 30 })) })) },
  weightsAt: { args: args(fc.oneof({ weight: 6, arbitrary: fc.constant(polyRun) }, { weight: 1, arbitrary: hOpts({ epochs: pos, degree: pos, weights: hVec(4) }) }), hScalar(fc.integer({ min: -1, max: 21 }))) },
  // convolution.ts
  CONV_MAX_SIDE: 'constant',
  conv2dSingleShape: { args: args(image2d, kernel2d, fc.oneof(fc.constant(undefined), convOpts)) },
  conv2dSingle: { args: args(image2d, kernel2d, fc.oneof(fc.constant(undefined), convOpts)) },
  conv2dWindow: { args: args(image2d, kernel2d, hScalar(small), hScalar(small), fc.oneof(fc.constant(undefined), convOpts)) },
  locallyConnectedParams: { args: args(hOpts({ outHeight: pos, outWidth: pos, inChannels: pos, outChannels: pos, kernelSize: pair(pos), bias: hBool })) },
  // adversarialTraining.ts
  TWO_CLASS_SHAPE: 'constant',
  MAX_POINTS_PER_CLASS: 'constant',
  MAX_TRAIN_STEPS: 'constant',
  twoClassSplit: { args: args(seed, hScalar(fc.integer({ min: 0, max: 5 })), hScalar(fc.integer({ min: 0, max: 5 })), fc.oneof(fc.constant(undefined), hOpts({ mean: hVec(3), std: hVec(3) }))) },
  trainLogistic: { args: args(dataset, hOpts({ steps: hScalar(fc.integer({ min: 0, max: 20 })), lr: nonNeg, eps: nonNeg, alpha: unit, init: model(2) })) },
  predict: { args: args(model(2), hVec(3, hNum, 1)) },
  fgsmDataset: { args: args(model(2), dataset, nonNeg) },
  accuracyUnderFgsm: { args: args(model(2), dataset, nonNeg) },
  meanLoss: { args: args(model(2), dataset) },
  flipEpsilon: { args: args(hVec(3, hNum, 1), model(2), hScalar(fc.constantFrom(0, 1))) },
  boundarySegment: { args: args(model(2), hOpts({ xMin: hScalar(), xMax: hScalar(), yMin: hScalar(), yMax: hScalar() })) },
  // trainer/
  MLP_MAX_LAYERS: 'constant',
  MLP_MAX_WIDTH: 'constant',
  MLP_MAX_PARAMETERS: 'constant',
  MLP_MAX_DATA_VALUES: 'constant',
  MLP_MAX_EPOCHS: 'constant',
  MLP_MAX_WORK: 'constant',
  trainMLP: {
    args: trainArgs,
    then: (out, a) => {
      const r = out as lib.TrainMLPResult;
      const opts = a[2] as { epochs: number };
      expect(r.epochLosses.length).toBeLessThanOrEqual(opts.epochs);
      expect(r.weights.length).toBe((a[0] as lib.MLPLayers).weights.length);
    },
  },
  evaluateMLP: { args: evaluateArgs, then: (out) => expect((out as lib.MLPEvaluation).accuracy).toBeGreaterThanOrEqual(0) },
  predictMLP: { args: predictArgs },
  attackMLP: {
    args: attackArgs,
    then: (out, a) => {
      const r = out as lib.MLPAttack;
      expect(r.accuracies.length).toBe((a[2] as number[]).length);
      r.accuracies.forEach((x) => expect(x >= 0 && x <= 1).toBe(true));
    },
  },
  PGD_MAX_STEPS: 'constant',
  pgdMLP: {
    args: pgdArgs,
    then: (out, a) => {
      const r = out as lib.MLPPgdAttack;
      expect(r.accuracies.length).toBe((a[2] as number[]).length);
      r.accuracies.forEach((x) => expect(x >= 0 && x <= 1).toBe(true));
      expect(r.steps).toBeLessThanOrEqual(lib.PGD_MAX_STEPS);
    },
  },
  // digits.ts, mlpInit.ts (the lab's data and starting points)
  ...LAB_DATA_ENTRIES,
  // lab/ (the "Does it help?" experiment)
  ...LAB_ENTRIES,
  // trainer conv/VQ limits and digit augmentation, the conv and codebook starting points, lab/sweep.ts
  ...LAB_MODEL_ENTRIES,
};

const exported = Object.entries(lib) as [string, unknown][];

/**
 * Issue #12 §4: a refusal carries, as data, the parameter its message names (src/lib/refusal.ts), so
 * no page guesses it from the English sentence. Checked on every RangeError/TypeError thrown below.
 */
function expectParam(label: string, e: unknown): void {
  if (!(e instanceof RangeError || e instanceof TypeError)) return; // obeys reports the wrong class
  const r = refusalOf(e);
  if (r === null) expect.fail(`${label} threw a ${e.constructor.name} without its parameter: ${e.message}`);
  if (!e.message.includes(r.param)) expect.fail(`${label}: refusal param ${JSON.stringify(r.param)} is not in its message: ${e.message}`);
  // The name a cell looks up (runtime.ts): a parameter's, or none for a computed quantity ("the …").
  if ((refusedParam(e) === null) !== /^the\s/.test(r.param)) expect.fail(`${label}: no bare parameter name in ${JSON.stringify(r.param)}`);
}
const carrying = <T,>(label: string, f: () => T) => (): T => {
  try {
    return f();
  } catch (e) {
    expectParam(label, e);
    throw e;
  }
};
const carryingAsync = <T,>(label: string, f: () => Promise<T>) => async (): Promise<T> => {
  try {
    return await f();
  } catch (e) {
    expectParam(label, e);
    throw e;
  }
};

describe('every export of src/lib/index.ts has a hostile-input property', () => {
  it('the table lists exactly the exports', () => {
    expect(Object.keys(TABLE).sort()).toEqual(exported.map(([k]) => k).sort());
  });
  it('constants are finite, positive sizes (or frozen data)', () => {
    for (const [name, value] of exported) {
      if (TABLE[name] !== 'constant') continue;
      if (typeof value === 'number') expect(Number.isFinite(value) && value > 0, name).toBe(true);
      else expect(['object', 'string'], name).toContain(typeof value);
    }
  });
});

describe('hostile input: return finite output or throw a named RangeError/TypeError carrying its parameter (1000 runs each)', () => {
  for (const [name, value] of exported) {
    const entry = TABLE[name];
    if (entry === undefined || entry === 'constant' || typeof value !== 'function') continue;
    const f = value as Fn;
    const opts = { checkStrings: !entry.rawStrings, message: entry.message };
    if (entry.async) {
      it(name, async () => {
        await fc.assert(
          fc.asyncProperty(entry.args, async (a) => {
            const out = await obeysAsync(name, carryingAsync(name, () => (f as (...x: unknown[]) => Promise<unknown>)(...a)), opts);
            if (out !== undefined) entry.then?.(out, a);
          }),
          RUNS,
        );
      });
      continue;
    }
    it(name, () => {
      fc.assert(
        fc.property(entry.args, (a) => {
          if (name === 'createEarlyStopping') {
            // Feed the hostile stream to update(): every call obeys the contract too.
            const es = obeys(name, carrying(name, () => lib.createEarlyStopping(a[0] as lib.EarlyStoppingOptions)));
            if (!es) return;
            for (const v of a[1] as unknown[]) obeys('update', carrying('update', () => es.update(v as number)));
            obeys('result', carrying('result', () => es.result()));
            return;
          }
          const out = obeys(name, carrying(name, () => (f as (...x: unknown[]) => unknown)(...a)), opts);
          if (out !== undefined) entry.then?.(out, a);
        }),
        RUNS,
      );
    });
  }
});
