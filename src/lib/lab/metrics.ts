/**
 * The small statistics the lab reports: mean and sample standard deviation over seeds, the
 * calibration bins and expected calibration error of a set of predictions, and the weights' magnitudes
 * (by decade, and the share of near-zero weights).
 *
 * Why these extras: accuracy alone hides what label smoothing and L1 change. Label smoothing makes
 * the network less confident, which shows in the reliability diagram and its calibration error (how
 * far the predicted confidence is from the accuracy actually reached); L1 drives weights to zero,
 * which shows in the magnitude histogram and the share of |w| < 1e-3. Both are cheap: one pass over
 * the test logits, one over the weights.
 */
import { describe, finite, finiteResult, integer, isArrayLike, vector } from '../validate';
import { paramRangeError, paramTypeError } from '../refusal';

export interface MeanSd {
  mean: number;
  /** Sample standard deviation (divisor n − 1); 0 for a single value. */
  sd: number;
  min: number;
  max: number;
  n: number;
}

/** Mean, sample sd (n − 1), min and max of 1 or more finite numbers. */
export function meanSd(values: readonly number[]): MeanSd {
  const xs = vector('values', values, 1);
  const n = xs.length;
  let sum = 0;
  let min = xs[0]!;
  let max = xs[0]!;
  for (const x of xs) {
    sum += x;
    if (x < min) min = x;
    if (x > max) max = x;
  }
  const mean = sum / n;
  let ss = 0;
  for (const x of xs) ss += (x - mean) ** 2;
  return finiteResult('meanSd', { mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min, max, n });
}

/** Bins of the calibration error: 10 equal widths on [0, 1], as Guo et al. (2017). */
export const ECE_BINS = 10;

/** Per calibration bin (10 equal widths of the top-class confidence): how many, Σ confidence, how many correct. */
export interface CalibrationBins {
  count: number[];
  confidence: number[];
  correct: number[];
}

/**
 * The reliability diagram's numbers for predictions given as logits (one row per sample) and labels:
 * confidence c_i = max softmax(logits_i), prediction = argmax (first on ties), bin
 * B_m = {i : c_i ∈ ((m − 1)/10, m/10]}, m = 1…10; per bin |B_m|, Σ c_i and the correct predictions.
 * Sums, not means, so that the bins of several runs (seeds) add up before they are divided.
 */
export function calibrationBins(logits: readonly (readonly number[])[], labels: readonly number[]): CalibrationBins {
  if (!isArrayLike(logits)) throw paramTypeError('logits', `logits must be an array of rows; received ${describe(logits)}`);
  if (!isArrayLike(labels)) throw paramTypeError('labels', `labels must be an array of class indices; received ${describe(labels)}`);
  const n = logits.length;
  if (n < 1) throw paramRangeError('logits', `logits must have at least 1 row; received ${n}`);
  if (labels.length !== n) throw paramRangeError('labels', `labels must have one entry per row of logits (${n}); received length ${labels.length}`);
  const count = new Array<number>(ECE_BINS).fill(0);
  const confidence = new Array<number>(ECE_BINS).fill(0);
  const correct = new Array<number>(ECE_BINS).fill(0);
  let k = -1;
  for (let i = 0; i < n; i++) {
    const row = logits[i];
    if (!isArrayLike(row)) throw paramTypeError(`logits[${i}]`, `logits[${i}] must be an array of numbers; received ${describe(row)}`);
    if (k < 0) k = integer('logits[0].length', row.length, 1, 1e6);
    if (row.length !== k) throw paramRangeError(`logits[${i}]`, `logits[${i}] must have length ${k} like row 0; received length ${row.length}`);
    let arg = 0;
    let top = finite(`logits[${i}][0]`, row[0]);
    for (let c = 1; c < k; c++) {
      const v = finite(`logits[${i}][${c}]`, row[c]);
      if (v > top) {
        top = v;
        arg = c;
      }
    }
    let z = 0;
    for (let c = 0; c < k; c++) z += Math.exp(row[c]! - top);
    const p = 1 / z; // the top class's probability, in [1/k, 1]
    const b = Math.min(ECE_BINS - 1, Math.max(0, Math.ceil(p * ECE_BINS) - 1));
    count[b]! += 1;
    confidence[b]! += p;
    if (arg === integer(`labels[${i}]`, labels[i], 0, k - 1)) correct[b]! += 1;
  }
  return { count, confidence, correct };
}

/**
 * Calibration bins as calibrationBins returns them, checked (a copy): ECE_BINS counts, sums of
 * confidence from count/10-ish up to count, correct predictions from 0 to count, at least 1 sample.
 */
export function checkCalibrationBins(name: string, value: unknown): CalibrationBins {
  if (typeof value !== 'object' || value === null) throw paramTypeError(name, `${name} must be an object { count, confidence, correct }; received ${describe(value)}`);
  const v = value as Record<string, unknown>;
  const counts = (key: string) => vector(`${name}.${key}`, v[key], ECE_BINS, ECE_BINS).map((x, i) => integer(`${name}.${key}[${i}]`, x, 0, Number.MAX_SAFE_INTEGER));
  const count = counts('count');
  const correct = counts('correct');
  const confidence = vector(`${name}.confidence`, v.confidence, ECE_BINS, ECE_BINS);
  for (let i = 0; i < ECE_BINS; i++) {
    if (correct[i]! > count[i]!) throw paramRangeError(`${name}.correct[${i}]`, `${name}.correct[${i}] must be from 0 to count[${i}] (${count[i]}); received ${correct[i]}`);
    if (!(confidence[i]! >= 0 && confidence[i]! <= count[i]!)) {
      throw paramRangeError(`${name}.confidence[${i}]`, `${name}.confidence[${i}] must be from 0 to count[${i}] (${count[i]}); received ${confidence[i]}`);
    }
  }
  if (count.every((c) => c === 0)) throw paramRangeError(`${name}.count`, `${name}.count must hold at least 1 sample; received all 0`);
  return { count, confidence, correct };
}

/** ECE = Σ_m |B_m|/n · |acc(B_m) − conf(B_m)| of calibration bins (acc, conf: the bin's means). */
export function calibrationError(bins: CalibrationBins): number {
  bins = checkCalibrationBins('bins', bins);
  const n = bins.count.reduce((a, b) => a + b, 0);
  let ece = 0;
  for (let b = 0; b < bins.count.length; b++) {
    const m = bins.count[b]!;
    if (m === 0) continue;
    ece += (m / n) * Math.abs(bins.correct[b]! / m - bins.confidence[b]! / m);
  }
  return ece;
}

/**
 * Expected calibration error of predictions given as logits and labels (Guo et al. 2017, 10 bins; see
 * calibrationBins): 0 = perfectly calibrated.
 */
export function expectedCalibrationError(logits: readonly (readonly number[])[], labels: readonly number[]): number {
  return calibrationError(calibrationBins(logits, labels));
}

/** |w| below this counts as a zero weight (L1's effect). */
export const NEAR_ZERO = 1e-3;

/**
 * Upper edges of the weight-magnitude bins: |w| < 10⁻⁴, < 10⁻³, < 10⁻², < 10⁻¹, < 1, and ≥ 1. Decades,
 * because L1 and L2 differ in kind, not only in size: L1 (its subgradient a constant pull toward 0)
 * piles weights into the lowest bins, L2 (a pull proportional to w) shrinks them all without zeroing.
 */
export const WEIGHT_EDGES: readonly number[] = Object.freeze([1e-4, 1e-3, 1e-2, 1e-1, 1]);

/** How many Linear weights (not biases) fall in each |w| bin of WEIGHT_EDGES (6 counts). */
export function weightMagnitudeCounts(weights: readonly (readonly (readonly number[])[])[]): number[] {
  if (!isArrayLike(weights)) throw paramTypeError('weights', `weights must be an array of layers (out × in); received ${describe(weights)}`);
  const counts = new Array<number>(WEIGHT_EDGES.length + 1).fill(0);
  let total = 0;
  for (let l = 0; l < weights.length; l++) {
    const layer = weights[l];
    if (!isArrayLike(layer)) throw paramTypeError(`weights[${l}]`, `weights[${l}] must be an array of rows; received ${describe(layer)}`);
    for (let o = 0; o < layer.length; o++) {
      const row = layer[o];
      if (!isArrayLike(row)) throw paramTypeError(`weights[${l}][${o}]`, `weights[${l}][${o}] must be an array of numbers; received ${describe(row)}`);
      for (let i = 0; i < row.length; i++) {
        const w = row[i];
        if (typeof w !== 'number' || !Number.isFinite(w)) finite(`weights[${l}][${o}][${i}]`, w);
        const a = Math.abs(w as number);
        let b = 0;
        while (b < WEIGHT_EDGES.length && a >= WEIGHT_EDGES[b]!) b++;
        counts[b]! += 1;
        total++;
      }
    }
  }
  if (total === 0) throw paramRangeError('weights', `weights must hold at least 1 weight; received ${describe(weights)} with none`);
  return counts;
}

/** Share of the Linear weights (not biases) with |w| < 1e-3 (NEAR_ZERO, the second edge), in [0, 1]. */
export function nearZeroShare(weights: readonly (readonly (readonly number[])[])[]): number {
  const counts = weightMagnitudeCounts(weights);
  const below = WEIGHT_EDGES.indexOf(NEAR_ZERO) + 1;
  let small = 0;
  for (let b = 0; b < below; b++) small += counts[b]!;
  return small / counts.reduce((a, c) => a + c, 0);
}
