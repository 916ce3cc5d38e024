/**
 * Numbers quoted in the prose of the earlyStopping pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 *
 * The validation score of the epoch early stopping picks is optimistic (issue #13 §1.8): the page's
 * training cell at its defaults (degree 10, 15 training and 30 validation points, patience 50,
 * restore_best_weights) is run for seeds 0…SEEDS − 1, and the restored weights are scored both on the
 * validation points that chose them and on TEST_POINTS fresh points from the same distribution
 * (noisySine with seed TEST_SEED_BASE + seed: a test set that played no part in the choice).
 */
import { earlyStopping as replay } from '../../lib/earlyStopping';
import { formatNumber } from '../../lib/format';
import { legendreSeries, noisySine, weightsAt } from '../../lib/polyfit';
import { defaults } from '../../lib/query';
import { N_VAL, earlyStoppingRun, earlyStoppingSchema, trainingParams } from '../earlyStopping';
import { formatCount } from '../weightSharing';
import type { ProseNumbers } from './types';

const SEEDS = 100;
const TEST_POINTS = 1000;
const TEST_SEED_BASE = 1_000_000;

interface Optimism {
  /** Runs whose restored weights score lower on the validation set than on the test set. */
  valBelowTest: number;
  meanVal: number;
  meanTest: number;
}

let cached: Optimism | undefined;

function optimism(): Optimism {
  if (cached) return cached;
  const s = defaults(earlyStoppingSchema);
  // The prose calls the validation set "twice as many as the training points".
  if (N_VAL !== 2 * s.ntrain) throw new RangeError(`the early-stopping prose says ${N_VAL} validation points are twice the training points; received ${s.ntrain}`);
  let valBelowTest = 0;
  let sumVal = 0;
  let sumTest = 0;
  for (let seed = 0; seed < SEEDS; seed++) {
    const p = trainingParams({ ...s, seed });
    const { run } = earlyStoppingRun(p);
    const es = replay(run.valLoss, { patience: s.patience, minDelta: s.delta, restoreBestWeights: s.restore === 1 });
    const epoch = es.restoredEpoch ?? run.epochs - 1;
    const w = weightsAt(run, epoch);
    const test = noisySine({ seed: TEST_SEED_BASE + seed, nTrain: 1, nVal: TEST_POINTS, noise: p.noise });
    let sse = 0;
    test.xVal.forEach((x, i) => (sse += (legendreSeries(w, x) - test.yVal[i]!) ** 2));
    const val = run.valLoss[epoch]!;
    const mse = sse / TEST_POINTS;
    sumVal += val;
    sumTest += mse;
    if (val < mse) valBelowTest++;
  }
  cached = { valBelowTest, meanVal: sumVal / SEEDS, meanTest: sumTest / SEEDS };
  if (!(cached.meanVal < cached.meanTest && 2 * valBelowTest > SEEDS)) {
    throw new RangeError(`the early-stopping prose says the validation score is optimistic; received ${JSON.stringify(cached)}`);
  }
  return cached;
}

export const earlyStopping: ProseNumbers = {
  /** Seeds the optimism experiment runs (0 … lastSeed). */
  optimismSeeds: () => formatCount(SEEDS),
  lastSeed: () => formatCount(SEEDS - 1),
  /** Fresh points in each run's test set. */
  testPoints: () => formatCount(TEST_POINTS),
  /** Runs (of optimismSeeds) whose validation MSE at the restored epoch is below their test MSE. */
  valBelowTest: () => formatCount(optimism().valBelowTest),
  /** Mean validation MSE of the restored weights. */
  meanVal: () => formatNumber(optimism().meanVal, { digits: 4 }),
  /** Mean test MSE of the same weights. */
  meanTest: () => formatNumber(optimism().meanTest, { digits: 4 }),
};
