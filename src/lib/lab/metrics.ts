/**
 * The small statistics the lab reports: mean and sample standard deviation over seeds, the expected
 * calibration error of a set of predictions, and the share of near-zero weights.
 *
 * Why these two extras: accuracy alone hides what label smoothing and L1 change. Label smoothing makes
 * the network less confident, which shows in the calibration error (how far the predicted confidence
 * is from the accuracy actually reached); L1 drives weights to zero, which shows in the share of
 * |w| < 1e-3. Both are cheap: one pass over the test logits, one over the weights.
 */
import { describe, finite, finiteResult, integer, isArrayLike, vector } from '../validate';

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

/**
 * Expected calibration error of predictions given as logits (one row per sample) and labels:
 * confidence c_i = max softmax(logits_i), prediction = argmax (first on ties), bins
 * B_m = {i : c_i ∈ ((m − 1)/10, m/10]}, m = 1…10, and
 *
 *   ECE = Σ_m |B_m|/n · |acc(B_m) − conf(B_m)|,
 *
 * acc = share of correct predictions in the bin, conf = mean confidence in it. 0 = perfectly calibrated.
 */
export function expectedCalibrationError(logits: readonly (readonly number[])[], labels: readonly number[]): number {
  if (!isArrayLike(logits)) throw new TypeError(`logits must be an array of rows; received ${describe(logits)}`);
  if (!isArrayLike(labels)) throw new TypeError(`labels must be an array of class indices; received ${describe(labels)}`);
  const n = logits.length;
  if (n < 1) throw new RangeError(`logits must have at least 1 row; received ${n}`);
  if (labels.length !== n) throw new RangeError(`labels must have one entry per row of logits (${n}); received length ${labels.length}`);
  const count = new Array<number>(ECE_BINS).fill(0);
  const conf = new Array<number>(ECE_BINS).fill(0);
  const correct = new Array<number>(ECE_BINS).fill(0);
  let k = -1;
  for (let i = 0; i < n; i++) {
    const row = logits[i];
    if (!isArrayLike(row)) throw new TypeError(`logits[${i}] must be an array of numbers; received ${describe(row)}`);
    if (k < 0) k = integer('logits[0].length', row.length, 1, 1e6);
    if (row.length !== k) throw new RangeError(`logits[${i}] must have length ${k} like row 0; received length ${row.length}`);
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
    conf[b]! += p;
    if (arg === integer(`labels[${i}]`, labels[i], 0, k - 1)) correct[b]! += 1;
  }
  let ece = 0;
  for (let b = 0; b < ECE_BINS; b++) {
    if (count[b] === 0) continue;
    ece += (count[b]! / n) * Math.abs(correct[b]! / count[b]! - conf[b]! / count[b]!);
  }
  return ece;
}

/** |w| below this counts as a zero weight (L1's effect). */
export const NEAR_ZERO = 1e-3;

/** Share of the Linear weights (not biases) with |w| < 1e-3, in [0, 1]. */
export function nearZeroShare(weights: readonly (readonly (readonly number[])[])[]): number {
  if (!isArrayLike(weights)) throw new TypeError(`weights must be an array of layers (out × in); received ${describe(weights)}`);
  let total = 0;
  let small = 0;
  for (let l = 0; l < weights.length; l++) {
    const layer = weights[l];
    if (!isArrayLike(layer)) throw new TypeError(`weights[${l}] must be an array of rows; received ${describe(layer)}`);
    for (let o = 0; o < layer.length; o++) {
      const row = layer[o];
      if (!isArrayLike(row)) throw new TypeError(`weights[${l}][${o}] must be an array of numbers; received ${describe(row)}`);
      for (let i = 0; i < row.length; i++) {
        const w = row[i];
        if (typeof w !== 'number' || !Number.isFinite(w)) finite(`weights[${l}][${o}][${i}]`, w);
        total++;
        if (Math.abs(w as number) < NEAR_ZERO) small++;
      }
    }
  }
  if (total === 0) throw new RangeError(`weights must hold at least 1 weight; received ${describe(weights)} with none`);
  return small / total;
}
