/**
 * One batch's data objective and its gradient: plain cross-entropy, or FGSM's α-mixed objective.
 *
 * FGSM, as the PyTorch twin computes it (scripts/fixtures/train_mlp.py), all in training mode:
 *   1. clean forward pass (batch-norm statistics of the clean batch, dropout masks drawn);
 *      L = cross-entropy with label smoothing, no penalties; ∇ₓL by backpropagating that same pass;
 *   2. x_adv = clamp(x + eps·sign(∇ₓL), 0, 1) with sign(0) = 0, treated as a constant (detached);
 *   3. adversarial forward pass (its own BN statistics — the running statistics are updated twice per
 *      batch — and fresh dropout masks); L_adv;
 *   4. objective α·L + (1 − α)·L_adv; its parameter gradient is α·∇L + (1 − α)·∇L_adv.
 * The clean pass's backward serves twice (∇ₓL and ∇θL), so the gradient buffer holds ∇θL after step 1
 * and is scaled by α before the adversarial gradient is added: backpropagation is linear in ∂/∂logits.
 *
 * With a VQ bottleneck (vqLayer.ts) each pass's objective is CE + vq_loss of that pass: the clean
 * backward (weight 1, so ∇ₓ and x_adv follow CE + vq_loss) then the α scaling, the adversarial
 * backward with weight 1 − α — objective α·(CE + vq)(x) + (1 − α)·(CE + vq)(x_adv). The function
 * returns the cross-entropy part; the VQ part is left in ws.vq.objective, usage counts the clean pass.
 */
import { crossEntropyRows, emptySums, meanLoss, type LossSums } from './loss';
import { backward, forward, type PassMode, type Workspace } from './mlp';
import type { Network } from './network';
import { vqCount } from './vqLayer';

export interface ObjectiveConfig {
  labelSmoothing: number;
  fgsm: { eps: number; alpha: number } | null;
}

/** The batch's mean loss; writes weight·∂(mean loss)/∂logits into the last layer's delta. */
function lossAndGradient(net: Network, ws: Workspace, rows: number, logits: Float64Array, epsilon: number, weight: number): number {
  const k = net.sizes[net.sizes.length - 1]!;
  const sums: LossSums = emptySums();
  crossEntropyRows(logits, rows, k, ws.labels, epsilon, sums, ws.delta[net.layers.length - 1]!, weight / rows);
  return meanLoss(sums, rows, k, epsilon);
}

/**
 * Sets net.grad to the gradient of the batch's data objective at the current parameters (the batch is
 * in ws.x / ws.labels) and returns the objective. ws.x holds x_adv afterwards when FGSM is on.
 */
export function batchObjective(net: Network, ws: Workspace, rows: number, mode: PassMode, cfg: ObjectiveConfig): number {
  net.grad.fill(0);
  const smoothing = cfg.labelSmoothing;
  const clean = lossAndGradient(net, ws, rows, forward(net, ws, rows, mode), smoothing, 1);
  const vq = ws.vq;
  if (vq !== null) {
    // the clean pass's vq_loss joins its objective with the cross-entropy's weight (see vqLayer.ts)
    vqCount(net.vq!, vq, rows);
    vq.weight = 1;
    vq.objective = vq.loss;
  }
  if (cfg.fgsm === null) {
    backward(net, ws, rows, mode, false);
    return clean;
  }
  const { eps: radius, alpha } = cfg.fgsm;
  backward(net, ws, rows, mode, true);
  const grad = net.grad;
  for (let i = 0; i < grad.length; i++) grad[i] = grad[i]! * alpha;
  const x = ws.x;
  const dx = ws.dx;
  const count = rows * net.inputs; // the raw input (64 pixels with a conv front end)
  for (let i = 0; i < count; i++) {
    const v = x[i]! + radius * Math.sign(dx[i]!);
    x[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  const adversarial = lossAndGradient(net, ws, rows, forward(net, ws, rows, mode), smoothing, 1 - alpha);
  if (vq !== null) {
    vq.weight = 1 - alpha;
    vq.objective = alpha * vq.objective + (1 - alpha) * vq.loss;
  }
  backward(net, ws, rows, mode, false);
  return alpha * clean + (1 - alpha) * adversarial;
}
