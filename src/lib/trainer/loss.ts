/**
 * Softmax cross-entropy with label smoothing on a block of logits (rows × K, flat), as
 * F.cross_entropy(logits, y, label_smoothing=ε) with reduction 'mean':
 *   loss = (1 − ε)·mean(−log p_y) + (ε/K)·mean(−Σ_k log p_k),
 * i.e. the target (1 − ε)·onehot + ε/K (see ../labelSmoothing.ts for the convention). torch computes
 * exactly these two means (and the plain NLL for ε = 0), so we keep them as two sums.
 *
 * Sums rather than means because evaluation goes through the data in chunks: the mean is taken once at
 * the end over all rows (`meanLoss`), which is what one torch call over the whole set computes.
 * The gradient w.r.t. the logits is (softmax − target)·scale, scale = (weight of this loss)/rows.
 */

/** Running sums over rows: Σ −log p_y, Σ_rows Σ_k −log p_k, and the rows whose argmax is the label. */
export interface LossSums {
  nll: number;
  smooth: number;
  correct: number;
}

export function emptySums(): LossSums {
  return { nll: 0, smooth: 0, correct: 0 };
}

/** exp(z − max) of one row's logits, reused across calls (this runs synchronously, never re-entered). */
let expScratch = new Float64Array(16);

/**
 * Adds `rows` rows of logits to `sums`. If `grad` is given, writes ∂(scale·Σ loss)/∂logits into it.
 * Numerically stable: log p_k = z_k − max − log Σ exp(z − max).
 */
export function crossEntropyRows(
  logits: Float64Array,
  rows: number,
  k: number,
  labels: Int32Array,
  epsilon: number,
  sums: LossSums,
  grad: Float64Array | null,
  scale: number,
): void {
  const off = epsilon / k;
  const on = 1 - epsilon + off;
  if (expScratch.length < k) expScratch = new Float64Array(k);
  const ex = expScratch;
  for (let i = 0; i < rows; i++) {
    const base = i * k;
    const y = labels[i]!;
    let max = logits[base]!;
    let arg = 0;
    for (let c = 1; c < k; c++) {
      const z = logits[base + c]!;
      if (z > max) {
        max = z;
        arg = c;
      }
    }
    // exp(z − max) once per logit (Math.exp is the costliest step here); the gradient reuses it
    let sumExp = 0;
    for (let c = 0; c < k; c++) {
      const e = Math.exp(logits[base + c]! - max);
      ex[c] = e;
      sumExp += e;
    }
    const logSum = Math.log(sumExp);
    sums.nll -= logits[base + y]! - max - logSum;
    if (epsilon > 0) {
      let s = 0;
      for (let c = 0; c < k; c++) s += logits[base + c]! - max - logSum;
      sums.smooth -= s;
    }
    if (arg === y) sums.correct += 1;
    if (grad !== null) {
      for (let c = 0; c < k; c++) {
        const p = ex[c]! / sumExp;
        grad[base + c] = (p - (c === y ? on : off)) * scale;
      }
    }
  }
}

/** The mean loss of `n` rows from their sums, in torch's order of operations. */
export function meanLoss(sums: LossSums, n: number, k: number, epsilon: number): number {
  const nll = sums.nll / n;
  return epsilon > 0 ? (1 - epsilon) * nll + (sums.smooth / n) * (epsilon / k) : nll;
}
