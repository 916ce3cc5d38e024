/**
 * Training a VQ codebook, one step at a time, in float64 (pure, DOM-free).
 *
 * Two ways, both on the seed's `VectorQuantizer` loss
 *   loss = q_latent + β·e_latent, q_latent = mean((q − sg x)²), e_latent = mean((sg q − x)²):
 *
 *  - `vqCodebookGradientStep`: one plain SGD step on the codebook with the gradient PyTorch's
 *    autograd computes for that loss. Only q_latent reaches the codebook:
 *      ∂loss/∂e_k = 2/(N·D) · Σ_{i: k(i)=k} (e_k − x_i),
 *    so β never changes the codebook update; it scales the gradient sent to the encoder output x:
 *      ∂loss/∂x_i = 2β/(N·D) · (x_i − q_i)   (the straight-through output adds nothing of its own:
 *    with no downstream loss its gradient is zero). Codes that receive no row get zero gradient
 *    and never move: "dead codes".
 *  - `vqEmaStep`: the exponential-moving-average codebook update of VQ-VAE (van den Oord et al. 2017,
 *    appendix) as written in the common PyTorch `VectorQuantizerEMA`:
 *      N_k ← γ·N_k + (1 − γ)·n_k,   m_k ← γ·m_k + (1 − γ)·Σ_{i: k(i)=k} x_i,
 *      Ñ_k = (N_k + ε) / (ΣN + K·ε) · ΣN   (Laplace smoothing),   e_k = m_k / Ñ_k.
 *    The state starts at N_k = 1, m_k = e_k (see `vqEmaInit`) so the first step does not rescale
 *    the codebook.
 *
 * Assignment is the seed's argmin of squared distances Σ(x − e)², ties to the lowest index (torch.argmin):
 * nearestCode.ts's exact form, as the PyTorch reference (scripts/fixtures/vq_training.py) computes it.
 *
 * `trainVqCodebook` can restart unused codes, the remedy for dead codes of Jukebox (Dhariwal et al.
 * 2020, https://arxiv.org/abs/2005.00341: a code whose usage falls below a threshold is reset to a
 * random encoder output of the batch) and Łańcucki et al. 2020 (https://arxiv.org/abs/2005.08520:
 * codewords re-initialized from the data). The rule here, with `restartEvery` = r > 0: after update
 * s (0-based) with (s + 1) mod r = 0, every code that no row chose in that update's assignment (the
 * statistics the history records for step s) is moved onto a data row. The dead codes, in increasing
 * index order, take rows perm[0], perm[1], … of a partial Fisher–Yates shuffle of 0..N−1
 * (perm[i] ↔ perm[i + rng.int(N − i)], a fresh identity perm each time) drawn from one
 * createRng(restartSeed) stream for the whole run; with more dead codes than rows, code i takes
 * perm[i mod N]. Distinct rows, so a restarted code is the nearest code of its own row at the next
 * assignment (unless rows coincide). Under EMA its state restarts as `vqEmaInit` starts one:
 * N_k = 1, m_k = e_k = the row. (Jukebox's test is a usage below a threshold; here it is simply
 * "no row in this step", which needs no extra parameter.) restartEvery = 0, the default, draws
 * nothing and changes nothing.
 */
import { atLeast, float64Rows, inRange, integer, rowCount } from './validate';
import { nearestExact } from './nearestCode';
import { perplexityFromCounts } from './perplexity';
import { paramRangeError } from './refusal';
import { createRng } from './random';

export interface VqAssignment {
  indices: Int32Array;
  /** Rows per code (length K). */
  counts: Float64Array;
  /** mean((q − x)²) over all N·D entries: the forward value of both q_latent and e_latent. */
  mse: number;
  /** exp(entropy of counts / N). */
  perplexity: number;
  /** Codes that received no row. */
  deadCodes: number;
}

export interface VqGradientStepResult extends VqAssignment {
  /** The codebook after the step, K×D row-major. */
  codebook: Float64Array;
  /** ∂loss/∂codebook at the old codebook, K×D. */
  gradCodebook: Float64Array;
  /** ∂loss/∂x (the commitment term's gradient to the encoder output), N×D. */
  gradX: Float64Array;
  /** q_latent + β·e_latent at the old codebook. */
  loss: number;
}

export interface VqEmaState {
  codebook: Float64Array;
  /** N_k: EMA of the rows per code. */
  clusterSize: Float64Array;
  /** m_k: EMA of the sum of the rows per code, K×D. */
  embedSum: Float64Array;
}

export interface VqEmaStepResult extends VqAssignment {
  state: VqEmaState;
  /** (1 + β)·mse at the old codebook (the EMA variant keeps only β·e_latent as a loss; shown for comparison). */
  loss: number;
}

/** Nearest code of every row (float64), with usage statistics. */
export function vqAssign(x: ArrayLike<number>, codebook: ArrayLike<number>, dim: number): VqAssignment {
  const d = integer('dim', dim, 1);
  const xs = float64Rows('x', x, d);
  const cb = float64Rows('codebook', codebook, d);
  return assignF64(xs, cb, d);
}

/**
 * The assignment every update starts from: nearestCode.ts's exact form (Σ(x − e)², what the PyTorch
 * reference computes), its squared error, the counts and their perplexity (perplexity.ts).
 */
function assignF64(xs: Float64Array, cb: Float64Array, d: number): VqAssignment {
  const n = rowCount('x', xs.length, d);
  const k = rowCount('codebook', cb.length, d);
  const indices = new Int32Array(n);
  const sse = nearestExact(xs, cb, d, k, indices, 0, n);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) counts[indices[i]!]! += 1;
  let dead = 0;
  for (let j = 0; j < k; j++) if (counts[j] === 0) dead++;
  return { indices, counts, mse: sse / (n * d), perplexity: perplexityFromCounts(counts, n), deadCodes: dead };
}

/** One SGD step on the codebook: codebook − lr·∂loss/∂codebook (see the module comment). */
export function vqCodebookGradientStep(
  x: ArrayLike<number>,
  codebook: ArrayLike<number>,
  dim: number,
  opts: { lr: number; commitmentCost?: number },
): VqGradientStepResult {
  const d = integer('dim', dim, 1);
  const lr = atLeast('lr', opts.lr, 0);
  const beta = atLeast('commitmentCost', opts.commitmentCost ?? 0.25, 0);
  const xs = float64Rows('x', x, d);
  const cb = float64Rows('codebook', codebook, d);
  const a = assignF64(xs, cb, d);
  const n = xs.length / d;
  const scale = 2 / (n * d);
  const gradCodebook = new Float64Array(cb.length);
  const gradX = new Float64Array(xs.length);
  for (let i = 0; i < n; i++) {
    const j = a.indices[i]!;
    for (let t = 0; t < d; t++) {
      const diff = cb[j * d + t]! - xs[i * d + t]!;
      gradCodebook[j * d + t]! += scale * diff;
      gradX[i * d + t] = -beta * scale * diff;
    }
  }
  const next = new Float64Array(cb.length);
  for (let i = 0; i < cb.length; i++) next[i] = cb[i]! - lr * gradCodebook[i]!;
  return { ...a, codebook: next, gradCodebook, gradX, loss: a.mse + beta * a.mse };
}

/** EMA state whose codebook equals `codebook`: N_k = 1, m_k = e_k. */
export function vqEmaInit(codebook: ArrayLike<number>, dim: number): VqEmaState {
  const d = integer('dim', dim, 1);
  const cb = float64Rows('codebook', codebook, d);
  const k = rowCount('codebook', cb.length, d);
  return { codebook: cb, clusterSize: new Float64Array(k).fill(1), embedSum: Float64Array.from(cb) };
}

/** One EMA codebook update (see the module comment). The input state is not modified. */
export function vqEmaStep(
  x: ArrayLike<number>,
  state: VqEmaState,
  dim: number,
  opts: { decay: number; epsilon?: number; commitmentCost?: number },
): VqEmaStepResult {
  const d = integer('dim', dim, 1);
  const decay = inRange('decay', opts.decay, 0, 1);
  const eps = atLeast('epsilon', opts.epsilon ?? 1e-5, 0);
  const beta = atLeast('commitmentCost', opts.commitmentCost ?? 0.25, 0);
  const xs = float64Rows('x', x, d);
  const cb = float64Rows('codebook', state.codebook, d);
  const k = rowCount('codebook', cb.length, d);
  if (state.clusterSize.length !== k || state.embedSum.length !== cb.length) {
    throw paramRangeError('state', `state must have K=${k} cluster sizes and K×D=${cb.length} sums; received ${state.clusterSize.length} and ${state.embedSum.length}`);
  }
  const a = assignF64(xs, cb, d);
  const n = xs.length / d;
  const sums = new Float64Array(cb.length);
  for (let i = 0; i < n; i++) {
    const j = a.indices[i]!;
    for (let t = 0; t < d; t++) sums[j * d + t]! += xs[i * d + t]!;
  }
  const clusterSize = new Float64Array(k);
  let total = 0;
  for (let j = 0; j < k; j++) {
    clusterSize[j] = decay * state.clusterSize[j]! + (1 - decay) * a.counts[j]!;
    total += clusterSize[j]!;
  }
  const embedSum = new Float64Array(cb.length);
  for (let i = 0; i < cb.length; i++) embedSum[i] = decay * state.embedSum[i]! + (1 - decay) * sums[i]!;
  const next = new Float64Array(cb.length);
  for (let j = 0; j < k; j++) {
    const smoothed = ((clusterSize[j]! + eps) / (total + k * eps)) * total;
    for (let t = 0; t < d; t++) next[j * d + t] = embedSum[j * d + t]! / smoothed;
  }
  return { ...a, state: { codebook: next, clusterSize, embedSum }, loss: a.mse + beta * a.mse };
}

export interface VqTrainingStep {
  /** 0 = the starting codebook's statistics; step s = after s updates. */
  step: number;
  loss: number;
  perplexity: number;
  deadCodes: number;
}

export interface VqTrainingRun {
  history: VqTrainingStep[];
  /** Codebook after every update, starting with the initial one (steps + 1 entries). */
  codebooks: Float64Array[];
  /** Assignment against the final codebook. */
  final: VqAssignment;
  /** Every restart of an unused code, in order (empty unless restartEvery > 0). */
  restarts: VqRestart[];
}

export interface VqRestart {
  /** Updates done when the code was moved (the history's step convention: the move shows from this step on). */
  step: number;
  code: number;
  /** The data row it was moved onto. */
  row: number;
}

/** Largest steps × N × K × D a training run may ask for (keeps a cell edit well under 16 ms). */
export const MAX_VQ_TRAINING_WORK = 4_000_000;

/**
 * Runs `steps` updates (gradient or EMA) from `codebook`, recording loss, perplexity and dead codes;
 * with `restartEvery` > 0 it restarts unused codes (see the module comment).
 */
export function trainVqCodebook(
  x: ArrayLike<number>,
  codebook: ArrayLike<number>,
  dim: number,
  opts: {
    steps: number; mode: 'gradient' | 'ema'; lr?: number; decay?: number; commitmentCost?: number;
    restartEvery?: number; restartSeed?: number;
  },
): VqTrainingRun {
  const d = integer('dim', dim, 1);
  const steps = integer('steps', opts.steps, 0);
  const restartEvery = integer('restartEvery', opts.restartEvery ?? 0, 0);
  const restartSeed = integer('restartSeed', opts.restartSeed ?? 0, 0, 2 ** 32 - 1);
  const beta = opts.commitmentCost ?? 0.25;
  const n = rowCount('x', x.length, d);
  const k = rowCount('codebook', codebook.length, d);
  if (steps * n * k * d > MAX_VQ_TRAINING_WORK) {
    throw paramRangeError('steps', `steps × rows × codes × dim must be ≤ ${MAX_VQ_TRAINING_WORK}; received ${steps}×${n}×${k}×${d}`);
  }
  const xs = float64Rows('x', x, d);
  let cb = float64Rows('codebook', codebook, d);
  let ema = opts.mode === 'ema' ? vqEmaInit(cb, d) : null;
  const history: VqTrainingStep[] = [];
  const codebooks: Float64Array[] = [cb];
  const restarts: VqRestart[] = [];
  const rng = restartEvery > 0 ? createRng(restartSeed) : null;
  for (let s = 0; s < steps; s++) {
    let counts: Float64Array;
    if (ema) {
      const r = vqEmaStep(xs, ema, d, { decay: opts.decay ?? 0.99, commitmentCost: beta });
      history.push({ step: s, loss: r.loss, perplexity: r.perplexity, deadCodes: r.deadCodes });
      ema = r.state;
      cb = r.state.codebook;
      counts = r.counts;
    } else {
      const r = vqCodebookGradientStep(xs, cb, d, { lr: opts.lr ?? 1, commitmentCost: beta });
      history.push({ step: s, loss: r.loss, perplexity: r.perplexity, deadCodes: r.deadCodes });
      cb = r.codebook;
      counts = r.counts;
    }
    // The step's arrays are fresh, so the restart may overwrite them in place.
    if (rng && (s + 1) % restartEvery === 0) {
      const dead: number[] = [];
      for (let j = 0; j < k; j++) if (counts[j] === 0) dead.push(j);
      const perm = Int32Array.from({ length: n }, (_, i) => i);
      for (let i = 0; i < dead.length; i++) {
        if (i < n) {
          const j = i + rng.int(n - i);
          const t = perm[i]!;
          perm[i] = perm[j]!;
          perm[j] = t;
        }
        const code = dead[i]!;
        const row = perm[i % n]!;
        for (let t = 0; t < d; t++) cb[code * d + t] = xs[row * d + t]!;
        if (ema) {
          ema.clusterSize[code] = 1;
          for (let t = 0; t < d; t++) ema.embedSum[code * d + t] = xs[row * d + t]!;
        }
        restarts.push({ step: s + 1, code, row });
      }
    }
    codebooks.push(cb);
  }
  const final = assignF64(xs, cb, d);
  history.push({ step: steps, loss: final.mse * (1 + beta), perplexity: final.perplexity, deadCodes: final.deadCodes });
  return { history, codebooks, final, restarts };
}
