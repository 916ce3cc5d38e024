/**
 * k-means (Lloyd's algorithm) with greedy k-means++ seeding, following scikit-learn's `KMeans`
 * (algorithm='lloyd') step for step so the site can show the same numbers as the colour-quantization
 * example that the VQ page builds on. This is how a VQ codebook is usually first obtained.
 *
 * What is copied from scikit-learn (1.2) and why it matters for matching:
 *  - greedy k-means++: 2 + ⌊ln k⌋ candidates per step, sampled ∝ D², keep the one that lowers the
 *    potential most;
 *  - data are centred before iterating (better conditioned ‖c‖² − 2x·c), centres shifted back after;
 *  - one iteration = assign to the old centres, then move centres to the means; an empty cluster
 *    takes the point farthest from its centre;
 *  - stop when labels do not change (strict convergence) or when Σ‖shift‖² ≤ tol·mean(per-feature
 *    variance); after a tol stop the labels are recomputed against the final centres;
 *  - `iterations` counts the iterations run, as `n_iter_`.
 * Randomness comes from the site's seeded PRNG, so seeds (not results on easy data) differ from
 * scikit-learn's; from the same `init` the iterations are the same.
 */
import { createRng, type Rng } from './random';
import { atLeast, describe, finiteResult, float64Rows, integer, isArrayLike, rowCount } from './validate';
import { nearestExpanded, squaredDistance } from './nearestCode';
import { paramRangeError, paramTypeError } from './refusal';

export interface KMeansProgress {
  /** 0-based index of the initialisation being refined (< nInit). */
  run: number;
  /** 1-based Lloyd iteration within that run. */
  iteration: number;
  /** Σ‖x − c‖² of this iteration's assignment against the centres it was made with. */
  inertia: number;
  /** Σ‖c_new − c_old‖² of this iteration's update. */
  centerShift: number;
  /** Centres after this iteration's update (a copy, k×dim row-major). */
  centroids: Float64Array;
}

export interface KMeansOptions {
  /** Seed of the k-means++ draws (integer in [0, 2³²)). */
  seed: number;
  /** Lloyd iterations per run (default 300, as scikit-learn). */
  maxIter?: number;
  /** Relative tolerance (default 1e-4), scaled by the mean per-feature variance, as scikit-learn. */
  tol?: number;
  /** Number of k-means++ initialisations; the run with the lowest inertia wins (default 1, like n_init='auto'). */
  nInit?: number;
  /** Explicit starting centres (k×dim row-major); skips k-means++ and uses one run. */
  init?: ArrayLike<number>;
  /** Called after every Lloyd iteration, e.g. to animate the centres. */
  onProgress?: (progress: KMeansProgress) => void;
}

export interface KMeansResult {
  /** Final centres, k×dim row-major. */
  centroids: Float64Array;
  /** Cluster of each point. */
  labels: Int32Array;
  /** Σ‖x − c_label‖² (scikit-learn's `inertia_`). */
  inertia: number;
  /** Lloyd iterations of the winning run (`n_iter_`). */
  iterations: number;
}

/** Bounds work driven by URL state: points × dim and k. */
export const MAX_KMEANS_VALUES = 1 << 24;
export const MAX_KMEANS_K = 1024;

/** What k-means accepts as data, centres and `opts.init`, for the message when it is not an array at all. */
const KINDS = 'a Float32Array, Float64Array or array of numbers';

interface Problem {
  x: Float64Array; // centred data, n×d
  n: number;
  d: number;
  k: number;
  mean: Float64Array;
}

function checkProblem(data: unknown, dim: unknown, k: unknown): Problem {
  const d = integer('dim', dim, 1);
  if (!isArrayLike(data)) throw paramTypeError('data', `data must be ${KINDS}; received ${describe(data)}`);
  const n = rowCount('data', data.length, d);
  if (data.length > MAX_KMEANS_VALUES) {
    throw paramRangeError('data.length', `data.length must be ≤ ${MAX_KMEANS_VALUES}; received length ${data.length}`);
  }
  const kk = integer('k', k, 1, Math.min(n, MAX_KMEANS_K));
  const x = float64Rows('data', data, d, KINDS);
  const mean = new Float64Array(d);
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) mean[t]! += x[i * d + t]!;
  for (let t = 0; t < d; t++) mean[t]! /= n;
  for (let i = 0; i < n; i++) for (let t = 0; t < d; t++) x[i * d + t]! -= mean[t]!;
  return { x, n, d, k: kk, mean };
}

/** Squared distance between point i of the problem and a row of `c`. */
function sqDist(p: Problem, i: number, c: Float64Array, j: number): number {
  return squaredDistance(p.x, i, c, j, p.d);
}

/** Greedy k-means++ (Arthur & Vassilvitskii 2007, scikit-learn's variant) on the centred data. */
function plusPlus(p: Problem, rng: Rng): { centres: Float64Array; indices: number[] } {
  const { x, n, d, k } = p;
  const centres = new Float64Array(k * d);
  const trials = 2 + Math.floor(Math.log(k));
  const first = rng.int(n);
  const indices = [first];
  centres.set(x.subarray(first * d, first * d + d), 0);
  let closest = new Float64Array(n);
  let pot = 0;
  for (let i = 0; i < n; i++) {
    closest[i] = sqDist(p, i, centres, 0);
    pot += closest[i]!;
  }
  const cumsum = new Float64Array(n);
  let candidateDist = new Float64Array(n);
  let bestDist = new Float64Array(n);
  for (let c = 1; c < k; c++) {
    let acc = 0;
    for (let i = 0; i < n; i++) cumsum[i] = acc += closest[i]!;
    let bestPot = Infinity;
    let bestId = 0;
    for (let trial = 0; trial < trials; trial++) {
      const r = rng.next() * pot;
      // First index with cumsum ≥ r (numpy searchsorted, side='left'), clipped to n − 1.
      let lo = 0;
      let hi = n - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (cumsum[mid]! >= r) hi = mid;
        else lo = mid + 1;
      }
      const id = lo;
      let candPot = 0;
      for (let i = 0; i < n; i++) {
        const m = Math.min(closest[i]!, squaredDistance(x, i, x, id, d));
        candidateDist[i] = m;
        candPot += m;
      }
      if (candPot < bestPot) {
        bestPot = candPot;
        bestId = id;
        [bestDist, candidateDist] = [candidateDist, bestDist];
      }
    }
    [closest, bestDist] = [bestDist, closest];
    pot = bestPot;
    indices.push(bestId);
    centres.set(x.subarray(bestId * d, bestId * d + d), c * d);
  }
  return { centres, indices };
}

/**
 * Assignment step: label of each point by argmin ‖c‖² − 2x·c, scikit-learn's form (nearestCode.ts's
 * expanded form, ties → lowest index, as scikit-learn), on the centred data.
 */
function assign(p: Problem, centres: Float64Array, labels: Int32Array): void {
  nearestExpanded(p.x, centres, p.d, p.n, centres.length / p.d, labels);
}

function inertiaOf(p: Problem, centres: Float64Array, labels: Int32Array): number {
  let s = 0;
  for (let i = 0; i < p.n; i++) s += sqDist(p, i, centres, labels[i]!);
  return s;
}

/** Update step into `next`, relocating empty clusters as scikit-learn does. Returns Σ‖shift‖². */
function update(p: Problem, old: Float64Array, labels: Int32Array, next: Float64Array): number {
  const { x, n, d, k } = p;
  next.fill(0);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const j = labels[i]!;
    counts[j]! += 1;
    for (let t = 0; t < d; t++) next[j * d + t]! += x[i * d + t]!;
  }
  const empty: number[] = [];
  for (let j = 0; j < k; j++) if (counts[j] === 0) empty.push(j);
  if (empty.length > 0) {
    // The points farthest from their (old) centres seed the empty clusters, farthest first.
    const far = Array.from({ length: n }, (_, i) => i)
      .map((i) => ({ i, dist: sqDist(p, i, old, labels[i]!) }))
      .sort((a, b) => b.dist - a.dist || a.i - b.i);
    empty.forEach((j, e) => {
      const i = far[e]!.i;
      const from = labels[i]!;
      for (let t = 0; t < d; t++) {
        next[from * d + t]! -= x[i * d + t]!;
        next[j * d + t] = x[i * d + t]!;
      }
      counts[from]! -= 1;
      counts[j] = 1;
    });
  }
  let shift = 0;
  for (let j = 0; j < k; j++) {
    const c = counts[j]!;
    if (c > 0) {
      // scikit-learn multiplies by the reciprocal; copying it keeps the last bits equal.
      const alpha = 1 / c;
      for (let t = 0; t < d; t++) next[j * d + t]! *= alpha;
    } else {
      for (let t = 0; t < d; t++) next[j * d + t] = old[j * d + t]!;
    }
    let s = 0;
    for (let t = 0; t < d; t++) s += (next[j * d + t]! - old[j * d + t]!) ** 2;
    shift += s;
  }
  return shift;
}

function uncentre(p: Problem, centres: Float64Array): Float64Array {
  const out = new Float64Array(centres.length);
  for (let j = 0; j < p.k; j++) for (let t = 0; t < p.d; t++) out[j * p.d + t] = centres[j * p.d + t]! + p.mean[t]!;
  return out;
}

interface Run {
  centres: Float64Array;
  labels: Int32Array;
  inertia: number;
  iterations: number;
}

function lloyd(p: Problem, start: Float64Array, maxIter: number, tolAbs: number, run: number,
  onProgress: KMeansOptions['onProgress']): Run {
  let centres = Float64Array.from(start);
  let next = new Float64Array(centres.length);
  const labels = new Int32Array(p.n);
  const labelsOld = new Int32Array(p.n).fill(-1);
  let strict = false;
  let iter = 0;
  for (; iter < maxIter; iter++) {
    assign(p, centres, labels);
    const progressInertia = onProgress ? inertiaOf(p, centres, labels) : 0;
    const shift = update(p, centres, labels, next);
    [centres, next] = [next, centres];
    onProgress?.({ run, iteration: iter + 1, inertia: progressInertia, centerShift: shift, centroids: uncentre(p, centres) });
    let same = true;
    for (let i = 0; i < p.n; i++) if (labels[i] !== labelsOld[i]) { same = false; break; }
    if (same) {
      strict = true;
      break;
    }
    if (shift <= tolAbs) break;
    labelsOld.set(labels);
  }
  if (!strict) assign(p, centres, labels);
  return { centres, labels, inertia: inertiaOf(p, centres, labels), iterations: Math.min(iter + 1, maxIter) };
}

/** Mean per-feature (population) variance × tol: scikit-learn's absolute tolerance. */
function absoluteTol(p: Problem, tol: number): number {
  let total = 0;
  for (let t = 0; t < p.d; t++) {
    let s = 0;
    for (let i = 0; i < p.n; i++) s += p.x[i * p.d + t]! ** 2; // data are centred
    total += s / p.n;
  }
  return (total / p.d) * tol;
}

/**
 * k-means clustering of `data` (n×dim row-major, flat). Deterministic given `opts.seed`.
 * Example: points {0, 1, 10, 11}, k = 2 → centres 0.5 and 10.5, inertia 1.
 */
export function kmeans(data: ArrayLike<number>, dim: number, k: number, opts: KMeansOptions): KMeansResult {
  if (typeof opts !== 'object' || opts === null) {
    throw paramTypeError('opts', `opts must be an object with a seed; received ${describe(opts)}`);
  }
  const p = checkProblem(data, dim, k);
  const seed = integer('opts.seed', opts.seed, 0, 2 ** 32 - 1);
  const maxIter = integer('opts.maxIter', opts.maxIter ?? 300, 1, 100_000);
  const tol = atLeast('opts.tol', opts.tol ?? 1e-4, 0);
  const nInit = integer('opts.nInit', opts.nInit ?? 1, 1, 1000);
  if (opts.onProgress !== undefined && typeof opts.onProgress !== 'function') {
    throw paramTypeError('opts.onProgress', `opts.onProgress must be a function; received ${describe(opts.onProgress)}`);
  }
  const tolAbs = absoluteTol(p, tol);
  let starts: Float64Array[];
  if (opts.init !== undefined) {
    const init = float64Rows('opts.init', opts.init, p.d, KINDS);
    if (init.length !== p.k * p.d) {
      throw paramRangeError('opts.init', `opts.init must have k×dim = ${p.k * p.d} values; received length ${init.length}`);
    }
    for (let j = 0; j < p.k; j++) for (let t = 0; t < p.d; t++) init[j * p.d + t]! -= p.mean[t]!;
    starts = [init];
  } else {
    const rng = createRng(seed);
    starts = Array.from({ length: nInit }, () => plusPlus(p, rng).centres);
  }
  // The first run wins ties, as scikit-learn keeps the earlier of equally good initialisations.
  let best = lloyd(p, starts[0]!, maxIter, tolAbs, 0, opts.onProgress);
  for (let run = 1; run < starts.length; run++) {
    const r = lloyd(p, starts[run]!, maxIter, tolAbs, run, opts.onProgress);
    if (r.inertia < best.inertia) best = r;
  }
  return finiteResult('kmeans', { centroids: uncentre(p, best.centres), labels: best.labels, inertia: best.inertia, iterations: best.iterations });
}

/** The k-means++ starting centres alone (k×dim row-major) and the indices of the points chosen. */
export function kmeansPlusPlus(data: ArrayLike<number>, dim: number, k: number, seed: number): {
  centroids: Float64Array;
  indices: number[];
} {
  const p = checkProblem(data, dim, k);
  const { centres, indices } = plusPlus(p, createRng(integer('seed', seed, 0, 2 ** 32 - 1)));
  return finiteResult('kmeansPlusPlus', { centroids: uncentre(p, centres), indices });
}

/** Nearest centre of each point (what a fitted k-means codebook does to new data, e.g. pixels). */
export function assignToCentroids(data: ArrayLike<number>, dim: number, centroids: ArrayLike<number>): Int32Array {
  const d = integer('dim', dim, 1);
  if (!isArrayLike(centroids)) {
    throw paramTypeError('centroids', `centroids must be a flat array of numbers; received ${describe(centroids)}`);
  }
  const k = rowCount('centroids', centroids.length, d);
  const p = checkProblem(data, d, 1);
  const c = float64Rows('centroids', centroids, d, KINDS);
  for (let j = 0; j < k; j++) for (let t = 0; t < d; t++) c[j * d + t]! -= p.mean[t]!;
  const labels = new Int32Array(p.n);
  assign(p, c, labels);
  return labels;
}
