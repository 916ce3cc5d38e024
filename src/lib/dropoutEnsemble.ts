/**
 * Dropout as an ensemble of thinned networks (Srivastava et al. 2014, §2 and §7.5; Hinton et al. 2012):
 * a network with n droppable hidden units shares its weights among 2ⁿ thinned networks, one per mask,
 * and training samples one of them per step. At test time PyTorch runs the full network
 * (`model.eval()`; with inverted dropout the kept units were scaled by 1/(1 − p) in training, so
 * nothing is rescaled here) — the "weight scaling" approximation of the average over the 2ⁿ networks.
 * This module computes, for one input:
 *
 *  (a) `weightScalingPrediction`: the eval-mode softmax;
 *  (b) `mcDropoutEnsemble`: the Monte-Carlo average of N sampled thinned networks' softmax outputs,
 *      with its running average after every sample;
 *  (c) `exactDropoutEnsemble`: the exact average over all 2ⁿ masks weighted by their probabilities
 *      (1 − p)^kept · p^dropped, and their weighted geometric mean, renormalized.
 *
 * Why these three: the logits fc2(dropout(h)) are linear in the mask, so their average over masks
 * equals the eval logits exactly; the softmax is not, so the average of probabilities differs from
 * the weight-scaling prediction a little. What weight scaling gives exactly is the renormalized
 * geometric mean (Hinton et al. 2012, for one hidden layer and a softmax output).
 *
 * The network is the dropout page's `SimpleNN` shape (fc1, ReLU, dropout, fc2) from simpleNN.ts with
 * nn.Linear's seeded default initialisation; masks are consecutive draws of `createRng(seed)` with
 * dropout's rule (keep unit j when u ≥ p), hidden unit after hidden unit, sample after sample, so the
 * first sample's mask is `dropoutMask(hidden, p, seed)`. float64 throughout.
 */
import { createRng } from './random';
import { dropoutScale } from './dropout';
import { logSoftmax, softmax } from './labelSmoothing';
import { initSimpleNN, simpleNNForward, type SimpleNN } from './simpleNN';
import { finiteResult, inRange, integer } from './validate';
import { paramRangeError } from './refusal';

/** The ensemble example's shape: 4 inputs → 8 hidden ReLU units (dropped) → 3 softmax outputs. */
export const DROPOUT_ENSEMBLE_SIZES = { inputs: 4, hidden: 8, outputs: 3 } as const;
/** Widest hidden layer `exactDropoutEnsemble` enumerates (2¹⁶ masks). */
export const MAX_EXACT_HIDDEN = 16;
/** Most thinned networks `mcDropoutEnsemble` samples. */
export const MAX_ENSEMBLE_SAMPLES = 100_000;

/** The example network, weights from `createRng(seed)` as `initSimpleNN` draws them. */
export function dropoutEnsembleNet(seed: number): SimpleNN {
  return initSimpleNN(seed, DROPOUT_ENSEMBLE_SIZES);
}

export interface EnsemblePrediction {
  /** relu(fc1(x)): the hidden units dropout acts on. */
  hidden: number[];
  /** fc2(h): the logits of the full network. */
  logits: number[];
  /** softmax(logits). */
  probs: number[];
}

/** Logits of the thinned network of `keep` (kept units h·scale, dropped 0): fc2 as nn.Linear. */
function thinnedLogits(net: SimpleNN, h: readonly number[], keep: (j: number) => boolean, scale: number): number[] {
  return net.w2.map((row, i) => {
    let s = 0;
    for (let j = 0; j < h.length; j++) if (keep(j)) s += row[j]! * (h[j]! * scale);
    return s + net.b2[i]!;
  });
}

/** (a) The eval-mode prediction (`model.eval()`: dropout is the identity), the weight-scaling rule. */
export function weightScalingPrediction(net: SimpleNN, x: ArrayLike<number>): EnsemblePrediction {
  // simpleNNForward checks the net's shapes and x; p and seed do not matter in eval mode.
  const ev = simpleNNForward(net, x, { p: 0, seed: 0, training: false });
  return finiteResult('weightScalingPrediction', { hidden: ev.hidden, logits: ev.output, probs: softmax(ev.output) });
}

export interface McEnsembleResult {
  /** Mean of the N sampled networks' softmax outputs. */
  probs: number[];
  /** Mean of their logits. */
  logits: number[];
  /** running[k][c]: mean of class c's probability over the first k + 1 samples. */
  running: number[][];
  /** The first sample's keep-mask (1 kept, 0 dropped). */
  firstMask: number[];
}

/** (b) Monte-Carlo model averaging over `samples` thinned networks (inverted dropout, seeded masks). */
export function mcDropoutEnsemble(net: SimpleNN, x: ArrayLike<number>, p: number, seed: number, samples: number): McEnsembleResult {
  const base = weightScalingPrediction(net, x);
  const prob = inRange('p', p, 0, 1);
  const count = integer('samples', samples, 1, MAX_ENSEMBLE_SAMPLES);
  const rng = createRng(integer('seed', seed, 0, 2 ** 32 - 1));
  const scale = dropoutScale(prob);
  const h = base.hidden;
  const k = base.logits.length;
  const sumP = new Array<number>(k).fill(0);
  const sumZ = new Array<number>(k).fill(0);
  const running: number[][] = new Array(count);
  let firstMask: number[] = [];
  const mask = new Array<number>(h.length);
  for (let n = 0; n < count; n++) {
    for (let j = 0; j < h.length; j++) mask[j] = rng.next() >= prob ? 1 : 0;
    if (n === 0) firstMask = [...mask];
    const z = thinnedLogits(net, h, (j) => mask[j] === 1, scale);
    const q = softmax(z);
    for (let c = 0; c < k; c++) {
      sumP[c]! += q[c]!;
      sumZ[c]! += z[c]!;
    }
    running[n] = sumP.map((v) => v / (n + 1));
  }
  return finiteResult('mcDropoutEnsemble', {
    probs: sumP.map((v) => v / count),
    logits: sumZ.map((v) => v / count),
    running,
    firstMask,
  });
}

export interface ExactEnsembleResult {
  /** Σ_m P(m)·softmax(z(m)): the true average over the 2ⁿ thinned networks. */
  probs: number[];
  /** Σ_m P(m)·z(m): the average logits (equal to the eval logits, z being linear in m). */
  logits: number[];
  /** softmax(Σ_m P(m)·log softmax(z(m))): the weighted geometric mean, renormalized. */
  geometric: number[];
  /** Standard deviation of one sampled network's probabilities over the masks (a Monte-Carlo mean of
   * N samples has standard error probsStd/√N). */
  probsStd: number[];
  /** Number of masks enumerated, 2ⁿ. */
  masks: number;
}

/** (c) The exact average over all 2ⁿ masks, each weighted by (1 − p)^kept · p^dropped. */
export function exactDropoutEnsemble(net: SimpleNN, x: ArrayLike<number>, p: number): ExactEnsembleResult {
  const base = weightScalingPrediction(net, x);
  const prob = inRange('p', p, 0, 1);
  const h = base.hidden;
  if (h.length > MAX_EXACT_HIDDEN) {
    throw paramRangeError('net', `net must have at most ${MAX_EXACT_HIDDEN} hidden units to enumerate every mask; received ${h.length}`);
  }
  const scale = dropoutScale(prob);
  const k = base.logits.length;
  const masks = 2 ** h.length;
  const probs = new Array<number>(k).fill(0);
  const logits = new Array<number>(k).fill(0);
  const logGeo = new Array<number>(k).fill(0);
  const squares = new Array<number>(k).fill(0);
  for (let m = 0; m < masks; m++) {
    // Bit j of m set = unit j kept. 0⁰ = 1, so p = 0 and p = 1 weigh only the full / the empty mask.
    let kept = 0;
    for (let j = 0; j < h.length; j++) kept += (m >> j) & 1;
    const weight = (1 - prob) ** kept * prob ** (h.length - kept);
    if (weight === 0) continue;
    const z = thinnedLogits(net, h, (j) => ((m >> j) & 1) === 1, scale);
    const lq = logSoftmax(z);
    for (let c = 0; c < k; c++) {
      const q = Math.exp(lq[c]!);
      probs[c]! += weight * q;
      squares[c]! += weight * q * q;
      logits[c]! += weight * z[c]!;
      logGeo[c]! += weight * lq[c]!;
    }
  }
  // Var = E[q²] − E[q]², clipped at 0 against rounding (one network: p = 0 or 1).
  const probsStd = probs.map((m, c) => Math.sqrt(Math.max(0, squares[c]! - m * m)));
  return finiteResult('exactDropoutEnsemble', { probs, logits, geometric: softmax(logGeo), probsStd, masks });
}
