/**
 * Lasso and ridge regression with an intercept, following scikit-learn's objectives exactly so a
 * page can put the same numbers beside `sklearn.linear_model.Lasso` / `Ridge`:
 *
 * - Lasso:  minimize (1/(2n))·‖y − Xw − b‖² + α·‖w‖₁            (α ≥ 0)
 * - Ridge:  minimize ‖y − Xw − b‖² + α·‖w‖²   — no 1/(2n) factor  (α ≥ 0)
 *
 * The intercept b is never penalized. Both are solved on centred data (X − x̄, y − ȳ), which is
 * what scikit-learn does with `fit_intercept=True`; then b = ȳ − x̄ᵀw.
 *
 * Path convention (`lassoPath`): scikit-learn's `lasso_path` does not centre by itself (it acts
 * as if fit_intercept=False); `Lasso(fit_intercept=True)` and `LassoCV` do. We always centre, so
 * every point of the path equals `Lasso(alpha, fit_intercept=True)` and
 * α_max = max|X_cᵀy_c|/n with centred X_c, y_c. This is the convention that reproduces
 * docs/reference-semantics.md's diabetes fact (X divided by X.std(0) — sklearn's default `load_diabetes()` data are
 * already centred, so "X/X.std(0)" there means centred-and-scaled): α_max ≈ 45.16 and features
 * entering in the order bmi, s5, bp, s3, sex, s6, s1, s4, s2, age. Applied to the *uncentred*
 * raw data, sklearn's `lasso_path` would instead give α_max ≈ 1396.8 and a different order.
 */
import { choleskySolveOrNull } from './linalg';
import { atLeast, describe, finiteResult, greaterThan, integer, isArrayLike, matrix, sameLength, vector } from './validate';
import { paramRangeError, paramTypeError } from './refusal';

/** Most α values one path computes (the page asks for ≤ 200). */
const MAX_PATH_ALPHAS = 10_000;

export interface LinearFit {
  coef: number[];
  intercept: number;
}

export interface LassoOptions {
  /**
   * Stop coordinate descent when the largest coefficient change in a sweep is ≤ tol·max|wⱼ|.
   * Default 1e-12: the reader compares our numbers with scikit-learn's to many digits.
   */
  tol?: number;
  /** Maximum number of coordinate-descent sweeps (default 100000). */
  maxIter?: number;
}

export interface LassoFit extends LinearFit {
  /** Coordinate-descent sweeps used. */
  nIter: number;
  /** Duality gap of the returned solution, in units of the objective (≥ 0 up to rounding). */
  dualGap: number;
  /**
   * True if coordinate descent met `tol`, or if the exact active-set solution passed the
   * optimality check. False means maxIter ran out (sklearn would warn) and the iterate is returned.
   */
  converged: boolean;
}

export interface LassoPathOptions extends LassoOptions {
  /** Explicit α grid; sorted into decreasing order like scikit-learn does. */
  alphas?: ArrayLike<number>;
  /** Number of α on the automatic grid (default 100). */
  nAlphas?: number;
  /** α_min / α_max on the automatic grid (default 1e-3), in (0, 1]. */
  eps?: number;
}

export interface PathResult {
  /** The α values, in the order the coefficients are given (decreasing for lassoPath). */
  alphas: number[];
  /** coefs[k] is the coefficient vector at alphas[k] (scikit-learn returns the transpose). */
  coefs: number[][];
  /** intercepts[k] = ȳ − x̄ᵀcoefs[k]. */
  intercepts: number[];
}

export interface LassoPathResult extends PathResult {
  /** max|X_cᵀy_c|/n: the smallest α at which every coefficient is zero. */
  alphaMax: number;
}

export interface StandardizeOptions {
  /** Subtract column means (default true). */
  center?: boolean;
  /** Divide by the population standard deviation, ddof = 0 like numpy's X.std(0) (default true). */
  scale?: boolean;
}

export interface Standardized {
  X: number[][];
  mean: number[];
  /** Column scales used; a constant column keeps scale 1 (as sklearn's StandardScaler does). */
  std: number[];
}

/**
 * Column-wise standardization. A constant column is left unscaled (scale 1) rather than turned
 * into 0/0, following scikit-learn's StandardScaler.
 */
export function standardize(X: number[][], opts: StandardizeOptions = {}): Standardized {
  const rows = matrix('X', X);
  if (typeof opts !== 'object' || opts === null) {
    throw paramTypeError('opts', `opts must be an options object; received ${describe(opts)}`);
  }
  const center = opts.center ?? true;
  const scale = opts.scale ?? true;
  const { mean } = columnMeans(rows);
  const n = rows.length;
  const p = mean.length;
  const std = new Array<number>(p).fill(1);
  if (scale) {
    for (let j = 0; j < p; j++) {
      let ss = 0;
      for (const row of rows) ss += (row[j]! - mean[j]!) ** 2;
      const sd = Math.sqrt(ss / n);
      std[j] = sd > 0 && Number.isFinite(sd) ? sd : 1;
    }
  }
  const out = rows.map((row) => row.map((x, j) => ((center ? x - mean[j]! : x) / std[j]!)));
  return finiteResult('standardize', { X: out, mean: center ? mean : new Array<number>(p).fill(0), std });
}

/**
 * scikit-learn `Lasso(alpha, fit_intercept=True)` by cyclic coordinate descent on centred data.
 *
 * Each coordinate update is the soft-thresholding step wⱼ ← S_{nα}(ρⱼ)/‖x_j‖², so exact zeros
 * appear (the same sweep as sklearn's `cd_fast`, computed through the Gram matrix). After
 * convergence the active set is "polished": with the support S and signs s fixed, the optimum
 * solves (X_Sᵀ X_S) w_S = X_Sᵀ y − nα·s exactly; if that solution satisfies the optimality (KKT)
 * conditions we return it. This removes the last bit of coordinate-descent error, so results
 * match scikit-learn run with a tiny tol to ~1e-12 instead of to the slow tail of a linear
 * convergence rate.
 */
export function lasso(X: number[][], y: ArrayLike<number>, alpha: number, opts: LassoOptions = {}): LassoFit {
  const rows = matrix('X', X);
  const ys = vector('y', y);
  sameLength('X', rows, 'y', ys);
  const a = atLeast('alpha', alpha, 0);
  const { tol, maxIter } = lassoOptions(opts);
  const prob = centred(rows, ys);
  const fit = lassoCentred(prob, a, new Array<number>(prob.p).fill(0), tol, maxIter);
  return finiteResult('lasso', { ...fit, intercept: interceptOf(prob, fit.coef) });
}

/**
 * The lasso regularization path, with warm starts from large α to small α (as scikit-learn).
 *
 * Automatic grid: α_max = max|X_cᵀy_c|/n on centred data, then nAlphas values geometrically
 * spaced from α_max down to eps·α_max (numpy.logspace, as sklearn's `_alpha_grid`). If α_max is
 * 0 (y constant, or every column constant) the grid is filled with 1e-15 like sklearn does.
 * See the module comment for why we centre.
 */
export function lassoPath(X: number[][], y: ArrayLike<number>, opts: LassoPathOptions = {}): LassoPathResult {
  const rows = matrix('X', X);
  const ys = vector('y', y);
  sameLength('X', rows, 'y', ys);
  const { tol, maxIter } = lassoOptions(opts);
  const prob = centred(rows, ys);
  const alphaMax = alphaMaxOf(prob);

  let alphas: number[];
  if (opts.alphas !== undefined) {
    alphas = vector('alphas', opts.alphas, 1, MAX_PATH_ALPHAS);
    alphas.forEach((x, i) => atLeast(`alphas[${i}]`, x, 0));
    alphas.sort((u, v) => v - u);
  } else {
    const nAlphas = integer('nAlphas', opts.nAlphas ?? 100, 1, MAX_PATH_ALPHAS);
    const eps = greaterThan('eps', opts.eps ?? 1e-3, 0);
    if (eps > 1) throw paramRangeError('eps', `eps must be in (0, 1]; received ${describe(eps)}`);
    alphas = alphaGrid(alphaMax, eps, nAlphas);
  }

  let w = new Array<number>(prob.p).fill(0);
  const coefs: number[][] = [];
  const intercepts: number[] = [];
  for (const a of alphas) {
    w = lassoCentred(prob, a, w, tol, maxIter).coef;
    coefs.push(w);
    intercepts.push(interceptOf(prob, w));
  }
  return finiteResult('lassoPath', { alphas, coefs, intercepts, alphaMax });
}

/**
 * The order in which features first become non-zero along a path (coefs[k] in path order).
 * Features entering at the same α are ordered by decreasing |coef|; features that never enter
 * are left out.
 */
export function entryOrder(coefs: ArrayLike<ArrayLike<number>>): number[] {
  if (!isArrayLike(coefs)) throw paramTypeError('coefs', `coefs must be an array of coefficient vectors; received ${describe(coefs)}`);
  const order: number[] = [];
  const seen = new Set<number>();
  for (let k = 0; k < coefs.length; k++) {
    const c = vector(`coefs[${k}]`, coefs[k]);
    const entering = c
      .map((x, j) => [j, Math.abs(x)] as const)
      .filter(([j, ax]) => ax > 0 && !seen.has(j))
      .sort((u, v) => v[1] - u[1] || u[0] - v[0]);
    for (const [j] of entering) {
      seen.add(j);
      order.push(j);
    }
  }
  return order;
}

/**
 * scikit-learn `Ridge(alpha, fit_intercept=True)`: minimizes ‖y − Xw − b‖² + α‖w‖² (no 1/(2n)),
 * solved in closed form w = (X_cᵀX_c + αI)⁻¹X_cᵀy_c by Cholesky. α = 0 is ordinary least squares
 * and needs linearly independent centred columns; otherwise a RangeError asks for α > 0.
 */
export function ridge(X: number[][], y: ArrayLike<number>, alpha: number): LinearFit {
  const rows = matrix('X', X);
  const ys = vector('y', y);
  sameLength('X', rows, 'y', ys);
  const a = atLeast('alpha', alpha, 0);
  const prob = centred(rows, ys);
  const coef = ridgeCentred(prob, a);
  return finiteResult('ridge', { coef, intercept: interceptOf(prob, coef) });
}

/** Ridge at each α in `opts.alphas` (kept in the given order; each fit is independent). */
export function ridgePath(X: number[][], y: ArrayLike<number>, opts: { alphas: ArrayLike<number> }): PathResult {
  const rows = matrix('X', X);
  const ys = vector('y', y);
  sameLength('X', rows, 'y', ys);
  if (typeof opts !== 'object' || opts === null) {
    throw paramTypeError('opts', `opts must be an options object {alphas}; received ${describe(opts)}`);
  }
  const alphas = vector('alphas', opts.alphas, 1, MAX_PATH_ALPHAS);
  alphas.forEach((x, i) => atLeast(`alphas[${i}]`, x, 0));
  const prob = centred(rows, ys);
  const coefs = alphas.map((a) => ridgeCentred(prob, a));
  return finiteResult('ridgePath', { alphas, coefs, intercepts: coefs.map((c) => interceptOf(prob, c)) });
}

/* ------------------------------------------------------------------------------------------ */
/* Internals                                                                                   */
/* ------------------------------------------------------------------------------------------ */

/** Centred problem: Gram matrix G = X_cᵀX_c and Xy = X_cᵀy_c are all coordinate descent needs. */
interface Centred {
  n: number;
  p: number;
  Xc: number[][];
  yc: number[];
  xMean: number[];
  yMean: number;
  G: number[][];
  Xy: number[];
}

function columnMeans(rows: number[][]): { mean: number[] } {
  const n = rows.length;
  const p = rows[0]!.length;
  const mean = new Array<number>(p).fill(0);
  for (const row of rows) for (let j = 0; j < p; j++) mean[j]! += row[j]!;
  for (let j = 0; j < p; j++) mean[j] = mean[j]! / n;
  return { mean };
}

function centred(rows: number[][], ys: number[]): Centred {
  const n = rows.length;
  const { mean: xMean } = columnMeans(rows);
  const p = xMean.length;
  let yMean = 0;
  for (const v of ys) yMean += v;
  yMean /= n;
  const Xc = rows.map((row) => row.map((x, j) => x - xMean[j]!));
  const yc = ys.map((v) => v - yMean);
  const G: number[][] = Array.from({ length: p }, () => new Array<number>(p).fill(0));
  const Xy = new Array<number>(p).fill(0);
  for (let i = 0; i < n; i++) {
    const r = Xc[i]!;
    for (let j = 0; j < p; j++) {
      const rj = r[j]!;
      Xy[j]! += rj * yc[i]!;
      const Gj = G[j]!;
      for (let k = j; k < p; k++) Gj[k]! += rj * r[k]!;
    }
  }
  for (let j = 0; j < p; j++) for (let k = 0; k < j; k++) G[j]![k] = G[k]![j]!;
  for (const v of [...Xy, ...G.flat()]) {
    if (!Number.isFinite(v)) throw paramRangeError('X', `X and y are too large: X·y overflows float64; received ${v}`);
  }
  return { n, p, Xc, yc, xMean, yMean, G, Xy };
}

function interceptOf(prob: Centred, coef: number[]): number {
  let s = prob.yMean;
  for (let j = 0; j < prob.p; j++) s -= prob.xMean[j]! * coef[j]!;
  return s;
}

function alphaMaxOf(prob: Centred): number {
  let m = 0;
  for (const v of prob.Xy) m = Math.max(m, Math.abs(v));
  return m / prob.n;
}

/** numpy.logspace(log10(α_max·eps), log10(α_max), nAlphas)[::-1], as sklearn's `_alpha_grid`. */
function alphaGrid(alphaMax: number, eps: number, nAlphas: number): number[] {
  // sklearn: if alpha_max <= np.finfo(float).resolution, every alpha is that resolution (1e-15).
  if (alphaMax <= 1e-15) return new Array<number>(nAlphas).fill(1e-15);
  const hi = Math.log10(alphaMax);
  const lo = Math.log10(alphaMax * eps);
  if (nAlphas === 1) return [10 ** lo];
  const step = (hi - lo) / (nAlphas - 1);
  const out: number[] = [];
  for (let k = nAlphas - 1; k >= 0; k--) out.push(10 ** (k === nAlphas - 1 ? hi : lo + k * step));
  return out;
}

function lassoOptions(opts: LassoOptions): { tol: number; maxIter: number } {
  if (typeof opts !== 'object' || opts === null) {
    throw paramTypeError('opts', `opts must be an options object; received ${describe(opts)}`);
  }
  return {
    tol: atLeast('tol', opts.tol ?? 1e-12, 0),
    maxIter: integer('maxIter', opts.maxIter ?? 100_000, 1, 1_000_000),
  };
}

/**
 * Coordinate descent for (1/(2n))‖y_c − X_c w‖² + α‖w‖₁ from the starting point `w0`.
 *
 * Nearly collinear columns make cyclic coordinate descent crawl (each sweep moves the pair only a
 * little); sklearn then needs 10⁵+ sweeps too. So at sweeps 256, 512, 1024, … we also try the
 * exact active-set solution; if it passes the optimality check it *is* the minimizer (the problem
 * is convex), and we stop early.
 */
function lassoCentred(prob: Centred, alpha: number, w0: number[], tol: number, maxIter: number): Omit<LassoFit, 'intercept'> {
  const { n, p, G, Xy } = prob;
  const na = n * alpha;
  const w = w0.slice();
  let nIter = 0;
  let converged = false;
  let polished: number[] | null = null;
  while (nIter < maxIter) {
    nIter++;
    // q = G·w, recomputed every sweep so rounding does not accumulate across sweeps.
    const q = matVec(G, w);
    let maxDelta = 0;
    let maxW = 0;
    for (let j = 0; j < p; j++) {
      const Gj = G[j]!;
      const gjj = Gj[j]!;
      const old = w[j]!;
      let next = 0;
      if (gjj > 0) {
        const rho = Xy[j]! - q[j]! + gjj * old;
        // Soft-thresholding S_{nα}(ρ) (penalties.softThreshold), inlined: this is the hot loop.
        next = (rho > na ? rho - na : rho < -na ? rho + na : 0) / gjj;
      }
      const delta = next - old;
      if (delta !== 0) {
        w[j] = next;
        for (let k = 0; k < p; k++) q[k]! += delta * Gj[k]!;
      }
      maxDelta = Math.max(maxDelta, Math.abs(delta));
      maxW = Math.max(maxW, Math.abs(next));
    }
    if (maxDelta <= tol * maxW) {
      converged = true;
      break;
    }
    if (nIter >= 256 && (nIter & (nIter - 1)) === 0) {
      polished = polish(prob, alpha, w);
      if (polished !== null) break;
    }
  }
  if (polished === null) polished = polish(prob, alpha, w);
  const coef = (polished ?? w).map((x) => x + 0);
  return { coef, nIter, dualGap: dualGap(prob, alpha, coef), converged: converged || polished !== null };
}

/**
 * Solves the lasso's optimality (KKT) conditions exactly, starting from the support and signs of
 * the coordinate-descent iterate `w`: on the support S with signs s, X_Sᵀ(y − X_S w_S) = nα·s,
 * i.e. (X_Sᵀ X_S) w_S = X_Sᵀ y − nα·s, and off the support |x_jᵀr| ≤ nα. Coordinates whose exact
 * value changes sign leave S; the most violating zero coordinate joins S; repeat (a small
 * active-set method seeded by coordinate descent, at most 2p + 2 rounds).
 *
 * If X_Sᵀ X_S is numerically singular (dependent columns), the smallest coordinate leaves S.
 * Returns null (keep the iterate) if the rounds run out or the result fails the KKT check to
 * within a rounding-scale slack (1e-11 relative to the terms summed).
 */
function polish(prob: Centred, alpha: number, w: number[]): number[] | null {
  const { p, G, Xy } = prob;
  const na = prob.n * alpha;
  const signs = new Map<number, number>();
  for (let j = 0; j < p; j++) if (w[j] !== 0) signs.set(j, Math.sign(w[j]!));
  for (let round = 0; round < 2 * p + 2; round++) {
    const S = [...signs.keys()].sort((a, b) => a - b);
    const out = new Array<number>(p).fill(0);
    if (S.length > 0) {
      const sol = choleskySolveOrNull(S.map((j) => S.map((k) => G[j]![k]!)), S.map((j) => Xy[j]! - na * signs.get(j)!));
      if (sol === null) {
        // Dependent active columns: the minimizer cannot use all of them (for exactly dependent
        // columns the ℓ1 term prefers fewer). Drop the smallest in the iterate and retry; the KKT
        // check below brings a coordinate back if it was needed.
        let drop = S[0]!;
        for (const j of S) if (Math.abs(w[j]!) < Math.abs(w[drop]!)) drop = j;
        signs.delete(drop);
        continue;
      }
      const flipped = S.filter((j, t) => Math.sign(sol[t]!) !== signs.get(j));
      if (flipped.length > 0) {
        for (const j of flipped) signs.delete(j);
        continue;
      }
      S.forEach((j, t) => (out[j] = sol[t]!));
    }
    // c_j = x_jᵀr = Xy_j − (G·out)_j, with a slack at the scale of the rounding in that sum.
    let worst = -1;
    let worstExcess = 0;
    for (let j = 0; j < p; j++) {
      let gw = 0;
      let mag = Math.abs(Xy[j]!);
      for (let k = 0; k < p; k++) {
        gw += G[j]![k]! * out[k]!;
        mag += Math.abs(G[j]![k]! * out[k]!);
      }
      const c = Xy[j]! - gw;
      const slack = 1e-11 * (mag + na);
      if (signs.has(j)) {
        if (Math.abs(c - na * signs.get(j)!) > slack) return null; // inaccurate solve
      } else if (Math.abs(c) - na - slack > worstExcess) {
        worst = j;
        worstExcess = Math.abs(c) - na - slack;
      }
    }
    if (worst < 0) {
      // Optimal; the objective comparison only guards against rounding surprises.
      return objective(prob, alpha, out) <= objective(prob, alpha, w) * (1 + 1e-12) + 1e-300 ? out : null;
    }
    const c = Xy[worst]! - dot(G[worst]!, out);
    signs.set(worst, Math.sign(c));
  }
  return null;
}

function objective(prob: Centred, alpha: number, w: number[]): number {
  let rss = 0;
  for (let i = 0; i < prob.n; i++) {
    const r = prob.yc[i]! - dot(prob.Xc[i]!, w);
    rss += r * r;
  }
  let l1 = 0;
  for (const x of w) l1 += Math.abs(x);
  return rss / (2 * prob.n) + alpha * l1;
}

/** sklearn's duality gap (cd_fast.enet_coordinate_descent with beta = 0), divided by n; see α = 0 below. */
function dualGap(prob: Centred, alpha: number, w: number[]): number {
  const { n, p, Xc, yc } = prob;
  const na = n * alpha;
  const r = yc.map((v, i) => v - dot(Xc[i]!, w));
  let dualNorm = 0;
  for (let j = 0; j < p; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += Xc[i]![j]! * r[i]!;
    dualNorm = Math.max(dualNorm, Math.abs(s));
  }
  const rNorm2 = dot(r, r);
  let gap: number;
  let constant = 1;
  // At α = 0 (least squares) the dual feasible set is {θ : X_cᵀθ = 0}; sklearn's rescaling
  // would multiply r by 0 and report ½‖r‖² as the gap. We use r itself (X_cᵀr = 0 up to rounding
  // at the optimum), so the gap becomes −(X_cᵀr)ᵀw → 0 as it should.
  if (dualNorm > na && na > 0) {
    constant = na / dualNorm;
    gap = 0.5 * (rNorm2 + rNorm2 * constant * constant);
  } else {
    gap = rNorm2;
  }
  let l1 = 0;
  for (const x of w) l1 += Math.abs(x);
  gap += na * l1 - constant * dot(r, yc);
  return gap / n;
}

function ridgeCentred(prob: Centred, alpha: number): number[] {
  const A = prob.G.map((row, j) => row.map((v, k) => (j === k ? v + alpha : v)));
  const sol = choleskySolveOrNull(A, prob.Xy);
  if (sol === null) {
    throw paramRangeError(
      'alpha',
      `alpha must be > 0 when the centred columns of X are linearly dependent (X_cᵀX_c + αI is singular); received ${describe(alpha)}`,
    );
  }
  return sol.map((x) => x + 0);
}

function matVec(A: number[][], x: number[]): number[] {
  return A.map((row) => dot(row, x));
}

function dot(a: number[], b: number[]): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i]! * b[i]!;
  return s;
}
