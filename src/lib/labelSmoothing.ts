/**
 * Label smoothing and the cross-entropy it feeds.
 *
 * Convention: PyTorch `CrossEntropyLoss(label_smoothing=ε)`, Keras, Optax and Inception-v3 all use
 * target = (1−ε)·onehot + ε/K — every class, the true one included, gets ε/K. The seed's formula is
 * this one; its 3-class example ([0.9, 0.05, 0.05]) uses the other convention (ε/(K−1) off-target,
 * fairseq-style), which `smoothLabelsOffTarget` provides so the page can show both.
 */
import { finite, finiteResult, inRange, integer, vector } from './validate';
import { paramRangeError } from './refusal';

/** Largest class count a page may ask for; keeps every vector small enough to draw. */
export const MAX_CLASSES = 1000;

/** (1−ε)·onehot(target) + ε/K. */
export function smoothLabels(target: number, numClasses: number, epsilon: number): number[] {
  const k = integer('numClasses', numClasses, 1, MAX_CLASSES);
  const t = integer('target', target, 0, k - 1);
  const eps = inRange('epsilon', epsilon, 0, 1);
  const off = eps / k;
  return Array.from({ length: k }, (_, i) => (i === t ? 1 - eps + off : off));
}

/** The other convention: 1−ε on the target, ε/(K−1) on every other class (needs K ≥ 2). */
export function smoothLabelsOffTarget(target: number, numClasses: number, epsilon: number): number[] {
  const k = integer('numClasses', numClasses, 2, MAX_CLASSES);
  const t = integer('target', target, 0, k - 1);
  const eps = inRange('epsilon', epsilon, 0, 1);
  return Array.from({ length: k }, (_, i) => (i === t ? 1 - eps : eps / (k - 1)));
}

/** Smooths a probability target: target·(1−ε) + ε/K (PyTorch's rule for soft targets). */
export function smoothProbabilities(target: ArrayLike<number>, epsilon: number): number[] {
  const p = vector('target', target, 1, MAX_CLASSES);
  const eps = inRange('epsilon', epsilon, 0, 1);
  return p.map((v) => v * (1 - eps) + eps / p.length);
}

/** log Σ exp(z), shifted by the max so large logits do not overflow. */
export function logSumExp(logits: readonly number[]): number {
  const z = vector('logits', logits, 1, MAX_CLASSES);
  let m = -Infinity;
  for (const v of z) if (v > m) m = v;
  let s = 0;
  for (const v of z) s += Math.exp(v - m);
  return m + Math.log(s);
}

/** log softmax(z), numerically stable. */
export function logSoftmax(logits: ArrayLike<number>): number[] {
  const z = vector('logits', logits, 1, MAX_CLASSES);
  const lse = logSumExp(z);
  return finiteResult('logSoftmax', z.map((v) => v - lse));
}

/** softmax(z), numerically stable. */
export function softmax(logits: ArrayLike<number>): number[] {
  return logSoftmax(logits).map(Math.exp);
}

/**
 * torch.nn.functional.cross_entropy for one sample.
 * `target` is a class index or a probability vector (length K); `labelSmoothing` is ε ∈ [0, 1].
 * Loss = −Σ_k q_k · log softmax(z)_k with q the (smoothed) target.
 */
export function crossEntropy(
  logits: ArrayLike<number>,
  target: number | ArrayLike<number>,
  labelSmoothing = 0,
): number {
  const logp = logSoftmax(logits);
  const k = logp.length;
  const eps = inRange('labelSmoothing', labelSmoothing, 0, 1);
  let q: number[];
  if (typeof target === 'number') {
    q = smoothLabels(integer('target', target, 0, k - 1), k, eps);
  } else {
    const p = vector('target', target, 1, MAX_CLASSES);
    if (p.length !== k) {
      throw paramRangeError('target', `target must have the same length as logits (${k}); received length ${p.length}`);
    }
    q = smoothProbabilities(p, eps);
  }
  let loss = 0;
  for (let i = 0; i < k; i++) loss -= q[i]! * logp[i]!;
  return finite('loss', loss);
}

/**
 * The logit margin (true logit minus each other logit, all others equal) that minimizes the smoothed
 * loss: log((1−ε+ε/K)/(ε/K)). Infinite for ε = 0 — unsmoothed targets push logits apart forever —
 * so this throws there instead of returning Infinity.
 */
export function optimalMargin(numClasses: number, epsilon: number): number {
  const k = integer('numClasses', numClasses, 2, MAX_CLASSES);
  const eps = inRange('epsilon', epsilon, 0, 1);
  if (eps === 0) throw paramRangeError('epsilon', 'epsilon must be in (0, 1] for a finite optimal margin; received 0');
  return finiteResult('optimalMargin', Math.log((1 - eps + eps / k) / (eps / k)));
}

/** Cross-entropy when the true class leads every other class by `margin` (others equal). */
export function lossAtMargin(margin: number, numClasses: number, epsilon: number): number {
  const k = integer('numClasses', numClasses, 2, MAX_CLASSES);
  const m = finite('margin', margin);
  const logits = Array.from({ length: k }, (_, i) => (i === 0 ? m : 0));
  return crossEntropy(logits, 0, epsilon);
}
