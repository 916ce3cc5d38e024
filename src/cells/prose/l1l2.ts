/**
 * Numbers quoted in the prose of the l1l2 pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 *
 * The lasso path on the diabetes data is not monotone (issue #13 §1.6): s3 leaves the active set and
 * comes back with the opposite sign. The chart's grid (the path cell's defaults: 100 α from α_max down to
 * 0.001·α_max) brackets both events; each is then located by bisection on single lasso fits, which
 * are exact zeros (soft-thresholding plus the active-set polish), so the α printed is where the
 * coefficient is exactly 0, to the digits shown. The computation refuses, instead of printing, a path
 * on which the prose would be wrong (another feature leaving, or s3 not flipping sign).
 */
import { lasso } from '../../lib/linearModels';
import { formatNumber } from '../../lib/format';
import { defaults } from '../../lib/query';
import { diabetesLassoPath, l1l2PathSchema, prepareDiabetes, type DiabetesData, type DiabetesJson } from '../l1l2Path';
import diabetesJson from '../../../public/data/diabetes.json';
import type { ProseNumbers } from './types';
import { l1l2MapSchema, mapFits } from '../l1l2Map';
import { biasVarianceOf, l1l2BiasVarianceSchema } from '../l1l2BiasVariance';
import { sig } from '../l1l2Shared';

interface Excursion {
  /** α at which the feature's coefficient reaches 0 (leaves the active set), from above. */
  leaves: number;
  /** α below which it is non-zero again (re-enters). */
  returns: number;
  /** Non-zero coefficients while it is out. */
  activeWhileOut: number;
}

let cached: Excursion | undefined;

/** Bisection (in log α) of the boundary between `hi` (state `atHi`) and `lo`; returns the boundary α. */
function boundary(data: DiabetesData, j: number, lo: number, hi: number): number {
  const nonzero = (a: number) => lasso(data.X, data.y, a).coef[j] !== 0;
  const atHi = nonzero(hi);
  if (nonzero(lo) === atHi) throw new RangeError(`s3 must change state between α = ${lo} and ${hi}`);
  for (let i = 0; i < 60 && hi / lo > 1 + 1e-12; i++) {
    const mid = Math.sqrt(lo * hi);
    if (nonzero(mid) === atHi) hi = mid;
    else lo = mid;
  }
  return Math.sqrt(lo * hi);
}

function s3Excursion(): Excursion {
  if (cached) return cached;
  const data = prepareDiabetes(diabetesJson as DiabetesJson);
  const s = defaults(l1l2PathSchema);
  const path = diabetesLassoPath(data, s.pts, s.eps);
  const j = data.names.indexOf('s3');
  // Every change of the active set along the grid, in path order (α decreasing).
  const leaving: Array<{ feature: number; k: number }> = [];
  const entering: Array<{ feature: number; k: number }> = [];
  for (let k = 1; k < path.alphas.length; k++) {
    data.names.forEach((_, f) => {
      const was = path.coefs[k - 1]![f] !== 0;
      const is = path.coefs[k]![f] !== 0;
      if (was && !is) leaving.push({ feature: f, k });
      if (!was && is && path.coefs.slice(0, k).some((c) => c[f] !== 0)) entering.push({ feature: f, k });
    });
  }
  if (leaving.length !== 1 || leaving[0]!.feature !== j || entering.length !== 1 || entering[0]!.feature !== j) {
    throw new RangeError(`the l1-l2 prose says only s3 leaves and re-enters the lasso path; the path has ${leaving.length} exits and ${entering.length} re-entries`);
  }
  const out = leaving[0]!.k;
  const back = entering[0]!.k;
  const leaves = boundary(data, j, path.alphas[out]!, path.alphas[out - 1]!);
  const returns = boundary(data, j, path.alphas[back]!, path.alphas[back - 1]!);
  const before = lasso(data.X, data.y, leaves * 1.01).coef[j]!;
  const after = lasso(data.X, data.y, returns / 1.01).coef[j]!;
  if (!(before < 0 && after > 0)) {
    throw new RangeError(`the l1-l2 prose says s3 leaves negative and returns positive; received ${before} and ${after}`);
  }
  const activeWhileOut = lasso(data.X, data.y, Math.sqrt(leaves * returns)).coef.filter((c) => c !== 0).length;
  cached = { leaves, returns, activeWhileOut };
  return cached;
}

/** The Bayesian view's numbers at the MAP cell's defaults (its σ, τ, b and the fits they imply). */
function mapDefaults() {
  const s = defaults(l1l2MapSchema);
  const fits = mapFits(s, prepareDiabetes(diabetesJson as DiabetesJson));
  // The prose says every ridge coefficient stays non-zero while the lasso's mode has zeros.
  if (fits.ridge.coef.some((c) => c === 0) || !fits.lasso.coef.some((c) => c === 0)) {
    throw new RangeError('the l1-l2 prose says the ridge MAP has no zero and the lasso MAP has zeros at the MAP cell’s defaults');
  }
  return { s, fits };
}
let mapCached: ReturnType<typeof mapDefaults> | undefined;
const map = () => (mapCached ??= mapDefaults());
const typed = (x: number) => formatNumber(x, { digits: 6, trim: true });

/**
 * The bias–variance cell's numbers at its defaults. The prose says: the variance falls and the bias²
 * rises with α, their sum is smallest strictly inside the grid, the mean training error at the
 * smallest α is below σ², the validation error at its own minimum is below the test error of the
 * same fit, and the pick is where that test error is smallest; a default that broke any of these is
 * refused instead of printed.
 */
function bvDefaults() {
  const s = defaults(l1l2BiasVarianceSchema);
  const r = biasVarianceOf(s);
  const p = r.points;
  const first = p[0]!;
  const last = p[p.length - 1]!;
  const pick = p[r.pick]!;
  const ok = p.every((q, l) => l === 0 || q.variance < p[l - 1]!.variance)
    && last.bias2 > first.bias2 && r.best > 0 && r.best < p.length - 1
    && first.trainError < first.noise && pick.valError < pick.testError && r.pick === r.testBest;
  if (!ok) throw new RangeError('the l1-l2 prose on bias and variance no longer describes the cell’s defaults');
  return { s, r, first, last, pick, best: p[r.best]!, testBest: p[r.testBest]! };
}
let bvCached: ReturnType<typeof bvDefaults> | undefined;
const bv = () => (bvCached ??= bvDefaults());

/** The seed the prose points to, where the small validation set picks far from the best α. */
const BV_ALT_SEED = 2;
function bvAlternative() {
  const r = biasVarianceOf({ ...defaults(l1l2BiasVarianceSchema), bvseed: BV_ALT_SEED });
  const pick = r.points[r.pick]!;
  // The prose says this pick is smaller than the best α and its test error well above the best expected error.
  if (!(r.pick < r.best && pick.testError > 2 * r.points[r.best]!.total)) {
    throw new RangeError(`the l1-l2 prose says seed ${BV_ALT_SEED} picks a too small α with a much larger test error`);
  }
  return pick;
}
let bvAltCached: ReturnType<typeof bvAlternative> | undefined;
const bvAlt = () => (bvAltCached ??= bvAlternative());

export const l1l2: ProseNumbers = {
  /** The MAP cell's default noise sd σ, Gaussian prior sd τ and Laplace scale b. */
  mapSigma: () => typed(map().s.msig),
  mapTau: () => typed(map().s.mtau),
  mapB: () => typed(map().s.mlap),
  /** Ridge α = σ²/τ² and Lasso α = σ²/(n·b) at those defaults (src/lib/mapPrior.ts). */
  mapRidgeAlpha: () => formatNumber(map().fits.ridgeAlpha, { digits: 4, trim: true }),
  mapLassoAlpha: () => formatNumber(map().fits.lassoAlpha, { digits: 4, trim: true }),
  /** Lasso coefficients exactly 0 at the posterior mode (Laplace prior), at the defaults. */
  mapLassoZeros: () => formatNumber(map().fits.lasso.coef.filter((c) => c === 0).length, { digits: 0 }),
  /** The bias–variance cell's defaults: degree, training points, noise sd, training sets, σ². */
  bvDegree: () => String(bv().s.bvdeg),
  bvN: () => String(bv().s.bvn),
  bvSigma: () => typed(bv().s.bvsig),
  bvSets: () => String(bv().s.bvsets),
  bvNoise: () => sig(bv().first.noise),
  /** Bias², variance and mean training error at the grid's smallest α (10⁻⁶) and largest (10³). */
  bvBiasSmall: () => sig(bv().first.bias2),
  bvVarSmall: () => sig(bv().first.variance),
  /** variance/R at the smallest α: the part of the measured bias² that is the average's own noise. */
  bvVarOverR: () => sig(bv().first.variance / bv().s.bvsets),
  bvTrainSmall: () => sig(bv().first.trainError),
  bvDfSmall: () => sig(bv().first.df),
  bvBiasLarge: () => sig(bv().last.bias2),
  bvVarLarge: () => sig(bv().last.variance),
  /** The α of the smallest bias² + variance + σ², that sum, and tr(H) there. */
  bvBestAlpha: () => sig(bv().best.lambda),
  bvBestTotal: () => sig(bv().best.total),
  bvBestDf: () => sig(bv().best.df),
  /** The validation set's pick (first training set): α, validation error, test error, expected error there. */
  bvPickAlpha: () => sig(bv().pick.lambda),
  bvPickVal: () => sig(bv().pick.valError),
  bvPickTest: () => sig(bv().pick.testError),
  bvPickTotal: () => sig(bv().pick.total),
  /** The α with the smallest test error of that fit (hindsight). */
  bvTestBestAlpha: () => sig(bv().testBest.lambda),
  /** Another seed: its pick, that fit's test error. */
  bvAltSeed: () => String(BV_ALT_SEED),
  bvAltPick: () => sig(bvAlt().lambda),
  bvAltTest: () => sig(bvAlt().testError),
  /** α at which s3's (negative) lasso coefficient reaches 0. */
  s3Leaves: () => formatNumber(s3Excursion().leaves, { digits: 4 }),
  /** α below which s3 is non-zero again, now positive. */
  s3Returns: () => formatNumber(s3Excursion().returns, { digits: 4 }),
  /** Non-zero lasso coefficients between the two. */
  activeWhileS3Out: () => formatNumber(s3Excursion().activeWhileOut, { digits: 0 }),
};
