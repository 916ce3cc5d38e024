/**
 * torch.optim.SGD (with momentum), Adam and AdamW over the flat parameter vector, with their state.
 *
 * The single-step functions in ../optimizers.ts show one update on small vectors; a training loop
 * needs the state (momentum buffer, Adam's moments and step count) kept across steps without
 * allocating, so this is the same arithmetic on Float64Array, operation by operation as torch 1.13's
 * `_single_tensor_sgd` / `_single_tensor_adam` / `_single_tensor_adamw`:
 *   SGD:   d = g + wd·θ;  buf = d (first step) else buf·μ + d;  θ = θ − lr·buf   (dampening 0, no Nesterov)
 *   Adam:  g = g + wd·θ (coupled L2);  m = m·β₁ + (1−β₁)·g;  v = v·β₂ + (1−β₂)·g²;
 *          θ = θ − (lr/(1−β₁ᵗ))·m/(√v/√(1−β₂ᵗ) + eps)
 *   AdamW: θ = θ·(1 − lr·wd) (decoupled), then Adam's update with the raw gradient.
 * Weight decay defaults to 0 for all three (torch's AdamW default is 0.01; see types.ts).
 */
import type { MLPOptimizer } from './types';

export const ADAM_BETAS: readonly [number, number] = [0.9, 0.999];
export const ADAM_EPS = 1e-8;

export interface OptimizerConfig {
  kind: MLPOptimizer;
  lr: number;
  momentum: number;
  weightDecay: number;
}

export interface Optimizer {
  /** One step: updates theta in place from grad (grad is not modified). */
  step(theta: Float64Array, grad: Float64Array): void;
}

export function createOptimizer(cfg: OptimizerConfig, size: number): Optimizer {
  return cfg.kind === 'sgd' ? sgd(cfg, size) : adam(cfg, size);
}

function sgd({ lr, momentum, weightDecay }: OptimizerConfig, size: number): Optimizer {
  const buf = momentum !== 0 ? new Float64Array(size) : null;
  let first = true;
  return {
    step(theta, grad) {
      for (let i = 0; i < theta.length; i++) {
        let d = grad[i]!;
        if (weightDecay !== 0) d = d + weightDecay * theta[i]!;
        if (buf !== null) {
          d = first ? d : buf[i]! * momentum + d;
          buf[i] = d;
        }
        theta[i] = theta[i]! + -lr * d;
      }
      first = false;
    },
  };
}

function adam({ kind, lr, weightDecay }: OptimizerConfig, size: number): Optimizer {
  const [beta1, beta2] = ADAM_BETAS;
  const m = new Float64Array(size);
  const v = new Float64Array(size);
  const decoupled = kind === 'adamw';
  const shrink = 1 - lr * weightDecay;
  let t = 0;
  return {
    step(theta, grad) {
      t += 1;
      const biasCorrection1 = 1 - beta1 ** t;
      const biasCorrection2 = 1 - beta2 ** t;
      const stepSize = lr / biasCorrection1;
      const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
      for (let i = 0; i < theta.length; i++) {
        let p = theta[i]!;
        let g = grad[i]!;
        if (decoupled) p = p * shrink;
        else if (weightDecay !== 0) g = g + weightDecay * p;
        const mi = m[i]! * beta1 + (1 - beta1) * g;
        const vi = v[i]! * beta2 + (1 - beta2) * (g * g);
        m[i] = mi;
        v[i] = vi;
        const denom = Math.sqrt(vi) / biasCorrection2Sqrt + ADAM_EPS;
        theta[i] = p + -stepSize * (mi / denom);
      }
    },
  };
}
