/**
 * A vector-quantization bottleneck inside the MLP (trainMLP's `vq` option), the seed's VectorQuantizer
 * (VQ-VAE, van den Oord et al. 2017; Sonnet) as ../vq.ts and ../vqTraining.ts describe it, in float64,
 * trained with the network. scripts/fixtures/train_vq.py computes exactly this in PyTorch.
 *
 * Where: the output of hidden layer `layer` (0-based; default the last hidden layer) after its ReLU and
 * dropout — rows × H, with D dividing H — is cut into H/D consecutive D-dimensional pieces (piece p of
 * row i is units p·D … p·D + D − 1; the flat rows × H buffer is just (rows·H/D) × D pieces in a row).
 *
 * Forward (training and eval mode alike): each piece z gets its nearest code e_k, k = argmin_k ‖z − e_k‖²
 * (the distance summed over the D dims in order, as vqTraining.ts; ties to the lowest index, as
 * torch.argmin), and the next layer sees the straight-through value z + sg(e − z) — computed as written,
 * so it is e to rounding, bit for bit what torch computes.
 * Loss (training): vq_loss = mean((e − sg z)²) + β·mean((z − sg e)²) over all pieces and dims, i.e.
 * F.mse_loss(e, z.detach()) + beta * F.mse_loss(z, e.detach()); the two means are equal in value.
 * Backward: the gradient arriving at the layer's output passes to z unchanged (straight-through), plus
 * the commitment gradient w·2β/N·(z − e); the codebook gets w·2/N·Σ_{pieces of k}(e_k − z) and nothing
 * from the data loss (sg in the straight-through value); N = rows·H, w the weight of the pass's
 * cross-entropy in the backward that runs (batchObjective.ts): 1 for the clean pass (with FGSM the
 * whole clean gradient, VQ included, is then scaled by α), 1 − α for FGSM's adversarial pass. So each
 * pass's objective is CE + vq_loss and FGSM trains α·(CE + vq)(x) + (1 − α)·(CE + vq)(x_adv), its
 * x_adv following ∇ₓ of the clean pass's CE + vq_loss. trainMLP reports the CE part in epochLosses
 * and the VQ part in vqLosses (same Σ batch value × rows / n); validation/eval losses are CE only.
 *
 * The codebook (K × D, 2 ≤ K ≤ MLP_VQ_MAX_CODES) is a parameter: the last K·D entries of theta
 * (network.ts), so the optimizer, weight decay and the L1/L2 penalty treat it as torch does an
 * nn.Parameter in model.parameters(); it is the caller's (`init.codebook`; the fixtures draw VQ-VAE's
 * embedding init uniform(−1/K, 1/K) through the site's PRNG, some cases a wider range). Usage counts
 * every training piece of the clean pass (not FGSM's adversarial pass) of the last epoch run; perplexity = exp(−Σ p_k log p_k), p_k = count_k / Σ count
 * (0·log 0 = 0; 1 when nothing was counted). The search is nearestCode.ts's exact form, as
 * vqTraining.ts's, run on the workspace's buffers so a batch allocates nothing.
 *
 * Also here: the checks of the option and of the codebook, with ../validate.ts's messages.
 */
import { atLeast, describe, finite, integer, isArrayLike } from '../validate';
import { MLP_MAX_PARAMETERS, MLP_VQ_MAX_CODES, MLP_VQ_MIN_CODES } from './limits';
import type { Storage } from './linearWasm';
import { nearestExact } from '../nearestCode';
import { perplexityFromCounts } from '../perplexity';
import { paramRangeError, paramTypeError } from '../refusal';

/** The checked scalars of `opts.vq` (the layer is resolved once the widths are known). */
export interface VqOption {
  layer: number | null;
  dim: number;
  beta: number;
}

/** A VQ bottleneck of a network of known widths. */
export interface VqShape {
  /** The hidden layer (0-based) whose output is quantized. */
  layer: number;
  /** D: the dims of a piece (and of a code). */
  dim: number;
  /** K: the codes. */
  codes: number;
  /** H: the width of that hidden layer (a multiple of D). */
  width: number;
  /** β of the commitment term (0 in evaluation, where no loss is taken). */
  beta: number;
}

/** The bottleneck's parameters: views into the network's theta and grad. */
export interface VqParams extends VqShape {
  /** K × D row-major. */
  codebook: Float64Array;
  dCodebook: Float64Array;
}

/** Per workspace: what backward and the bookkeeping need from the last forward pass. */
export interface VqState {
  /** capacity × H: the layer's output before quantization (z). */
  z: Float64Array;
  /** capacity × H/D: the code of each piece. */
  index: Int32Array;
  /** vq_loss of the last forward pass. */
  loss: number;
  /** The weight of the last pass in the batch objective, set before its backward. */
  weight: number;
  /** The batch's VQ objective (the weighted vq_loss of its passes), set by batchObjective. */
  objective: number;
  /** Pieces per code, counted by `vqCount` since the last `counts.fill(0)`. */
  counts: Float64Array;
}

type Obj = Record<string, unknown>;

// ---- checks ------------------------------------------------------------------------------------

/** opts.vq's scalars: { layer?, dim, beta }, or null without the option. */
export function checkVqOption(value: unknown): VqOption | null {
  if (value === undefined) return null;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw paramTypeError('vq', `vq must be an object { layer?, dim, beta }; received ${describe(value)}`);
  }
  const v = value as Obj;
  return {
    layer: v.layer === undefined ? null : integer('vq.layer', v.layer, 0),
    dim: integer('vq.dim', v.dim, 1),
    beta: atLeast('vq.beta', v.beta, 0),
  };
}

/** The layer (given or the last hidden one) and that D divides its width. */
function resolveLayer(layerName: string, layer: number | null, dimName: string, dim: number, sizes: readonly number[]): { layer: number; width: number } {
  const hidden = sizes.length - 2;
  if (hidden < 1) {
    throw paramRangeError('vq', `vq must quantize a hidden layer, and the network has none; received a network of ${sizes.length - 1} layer`);
  }
  const l = layer === null ? hidden - 1 : integer(layerName, layer, 0, hidden - 1);
  const width = sizes[l + 1]!;
  if (width % dim !== 0) {
    throw paramRangeError(dimName, `${dimName} must divide the width ${width} of hidden layer ${l}; received ${dim}`);
  }
  return { layer: l, width };
}

/** The rows of a codebook from lengths alone: 2 ≤ K ≤ 256 rows of exactly `dim` entries each. */
function codebookRows(name: string, value: unknown, dim: number, what: string): number {
  if (!Array.isArray(value)) {
    throw paramTypeError(name, `${name} must be an array of K codes (K × ${dim}, ${MLP_VQ_MIN_CODES} ≤ K ≤ ${MLP_VQ_MAX_CODES}) ${what}; received ${describe(value)}`);
  }
  const k = value.length;
  if (k < MLP_VQ_MIN_CODES || k > MLP_VQ_MAX_CODES) {
    throw paramRangeError(name, `${name} must have between ${MLP_VQ_MIN_CODES} and ${MLP_VQ_MAX_CODES} codes; received ${k}`);
  }
  value.forEach((row, i) => {
    if (!isArrayLike(row)) throw paramTypeError(`${name}[${i}]`, `${name}[${i}] must be an array of ${dim} numbers; received ${describe(row)}`);
    if (row.length !== dim) throw paramRangeError(`${name}[${i}]`, `${name}[${i}] must have length ${dim} (the code dimension D); received length ${row.length}`);
  });
  return k;
}

function checkParameters(params: number, shape: VqShape): void {
  const total = params + shape.codes * shape.dim;
  if (total > MLP_MAX_PARAMETERS) {
    throw paramRangeError('the network', `the network must have at most ${MLP_MAX_PARAMETERS} parameters (codebook included); received ${total}`);
  }
}

/**
 * trainMLP's bottleneck from `opts.vq` (checked) and `init.codebook` (lengths only); null when neither
 * is given. `params` is the network's parameter count without the codebook.
 */
export function trainingVqShape(option: VqOption | null, init: unknown, sizes: readonly number[], params: number): VqShape | null {
  const codebook = (init as Obj).codebook;
  if (option === null) {
    if (codebook !== undefined) {
      throw paramTypeError('vq', 'vq must be given with init.codebook (it says which layer to quantize, D and β); received undefined');
    }
    return null;
  }
  const { layer, width } = resolveLayer('vq.layer', option.layer, 'vq.dim', option.dim, sizes);
  const codes = codebookRows('init.codebook', codebook, option.dim, 'with vq');
  const shape = { layer, dim: option.dim, codes, width, beta: option.beta };
  checkParameters(params, shape);
  return shape;
}

/**
 * The bottleneck of a trained model (evaluateMLP / predictMLP): `model.codebook` (D = its rows'
 * length) at `model.vqLayer` (default the last hidden layer); null without a codebook.
 */
export function modelVqShape(name: string, model: unknown, sizes: readonly number[], params: number): VqShape | null {
  const m = model as Obj;
  if (m.codebook === undefined) {
    if (m.vqLayer !== undefined) throw paramTypeError(`${name}.codebook`, `${name}.codebook must be given with ${name}.vqLayer; received undefined`);
    return null;
  }
  if (!Array.isArray(m.codebook)) {
    throw paramTypeError(`${name}.codebook`, `${name}.codebook must be an array of K codes (K × D, ${MLP_VQ_MIN_CODES} ≤ K ≤ ${MLP_VQ_MAX_CODES}); received ${describe(m.codebook)}`);
  }
  const first = m.codebook[0];
  if (!isArrayLike(first)) throw paramTypeError(`${name}.codebook[0]`, `${name}.codebook[0] must be an array of numbers; received ${describe(first)}`);
  const dim = first.length;
  if (dim < 1) throw paramRangeError(`${name}.codebook[0]`, `${name}.codebook[0] must have at least 1 entry; received length 0`);
  const layer = m.vqLayer === undefined ? null : integer(`${name}.vqLayer`, m.vqLayer, 0);
  const resolved = resolveLayer(`${name}.vqLayer`, layer, `the length of ${name}.codebook[0] (D)`, dim, sizes);
  const codes = codebookRows(`${name}.codebook`, m.codebook, dim, '');
  const shape = { layer: resolved.layer, dim, codes, width: resolved.width, beta: 0 };
  checkParameters(params, shape);
  return shape;
}

/** Copies the checked codebook's values (each finite) into the network. */
export function loadCodebook(name: string, codebook: unknown, vq: VqParams): void {
  const rows = codebook as ArrayLike<unknown>[];
  const d = vq.dim;
  for (let k = 0; k < vq.codes; k++) {
    const row = rows[k]!;
    for (let t = 0; t < d; t++) {
      const v = row[t];
      vq.codebook[k * d + t] = typeof v === 'number' && Number.isFinite(v) ? v : finite(`${name}[${k}][${t}]`, v);
    }
  }
}

// ---- sizes and buffers ---------------------------------------------------------------------------

/** The codebook's parameters (K·D), 0 without a bottleneck. */
export function vqParameterCount(shape: VqShape | null): number {
  return shape === null ? 0 : shape.codes * shape.dim;
}

/** Extra work per sample for the work bound: the codebook's parameters and the distances (H·K). */
export function vqWorkPerSample(shape: VqShape | null): number {
  return shape === null ? 0 : shape.codes * shape.dim + shape.width * shape.codes;
}

/** The float64 values createVqState takes from its allocator. */
export function vqStateDoubles(shape: VqShape | null, capacity: number): number {
  return shape === null ? 0 : capacity * shape.width;
}

export function createVqState(shape: VqShape, capacity: number, alloc: Storage): VqState {
  return {
    z: alloc.f64(capacity * shape.width),
    index: new Int32Array((capacity * shape.width) / shape.dim),
    loss: 0,
    weight: 1,
    objective: 0,
    counts: new Float64Array(shape.codes),
  };
}

// ---- the passes --------------------------------------------------------------------------------

/**
 * Quantizes the layer's output `a` (rows × H, after ReLU and dropout) in place: a ← z + (e − z) with
 * z kept in state.z; state.index gets the codes, state.loss the batch's vq_loss.
 */
export function vqForward(vq: VqParams, state: VqState, a: Float64Array, rows: number): void {
  const d = vq.dim;
  const k = vq.codes;
  const cb = vq.codebook;
  const count = rows * vq.width;
  const pieces = count / d;
  const z = state.z;
  const index = state.index;
  z.set(a.subarray(0, count));
  let sse = 0;
  for (let p = 0; p < pieces; p++) {
    const base = p * d;
    nearestExact(z, cb, d, k, index, p, p + 1);
    const at = index[p]! * d;
    for (let t = 0; t < d; t++) {
      const zt = z[base + t]!;
      const diff = cb[at + t]! - zt;
      a[base + t] = zt + diff;
      sse += diff * diff;
    }
  }
  const mse = sse / count;
  state.loss = mse + vq.beta * mse;
}

/**
 * Backward through the bottleneck of the last forward pass: `d` (rows × H) holds ∂/∂(the quantized
 * output) and becomes ∂/∂z (straight-through plus the commitment term, weight state.weight); the
 * codebook's gradient is added to vq.dCodebook.
 */
export function vqBackward(vq: VqParams, state: VqState, d: Float64Array, rows: number): void {
  const dim = vq.dim;
  const cb = vq.codebook;
  const g = vq.dCodebook;
  const count = rows * vq.width;
  const pieces = count / dim;
  const z = state.z;
  const index = state.index;
  const scale = (2 * state.weight) / count;
  const commit = scale * vq.beta;
  for (let p = 0; p < pieces; p++) {
    const base = p * dim;
    const at = index[p]! * dim;
    for (let t = 0; t < dim; t++) {
      const diff = cb[at + t]! - z[base + t]!;
      d[base + t] = d[base + t]! - commit * diff;
      g[at + t] = g[at + t]! + scale * diff;
    }
  }
}

/** Adds the last forward pass's pieces (of `rows` rows) to state.counts. */
export function vqCount(vq: VqParams, state: VqState, rows: number): void {
  const pieces = (rows * vq.width) / vq.dim;
  for (let p = 0; p < pieces; p++) state.counts[state.index[p]!]! += 1;
}

// ---- results -----------------------------------------------------------------------------------

/** The codebook as K rows of D plain numbers. */
export function codebookRowsOf(vq: VqParams): number[][] {
  const out: number[][] = [];
  for (let k = 0; k < vq.codes; k++) {
    const row: number[] = [];
    for (let t = 0; t < vq.dim; t++) row.push(vq.codebook[k * vq.dim + t]!);
    out.push(row);
  }
  return out;
}

/**
 * exp(−Σ p log p) of the counts (perplexity.ts), and 1 when all counts are 0: a model that counted
 * nothing (no training piece passed the bottleneck) reports one code's perplexity, not an error.
 */
export function usagePerplexity(counts: ArrayLike<number>): number {
  let total = 0;
  for (let k = 0; k < counts.length; k++) total += counts[k]!;
  return total === 0 ? 1 : perplexityFromCounts(counts, total);
}
