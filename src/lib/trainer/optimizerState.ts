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
 * Each step runs in WebAssembly (linearKernel.wat: the same operations per element, two elements at a
 * time) when θ, ∇ and the state are in the kernels' memory; the state comes from the call's allocator.
 */
import { activeKernel, PLAIN_STORAGE, type Storage } from './linearWasm';
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

/** The float64 values of the optimizer's state, to plan the buffers of a call. */
export function optimizerDoubles(cfg: OptimizerConfig, size: number): number {
  return cfg.kind === 'sgd' ? (cfg.momentum !== 0 ? size : 0) : 2 * size;
}

export function createOptimizer(cfg: OptimizerConfig, size: number, alloc: Storage = PLAIN_STORAGE): Optimizer {
  return cfg.kind === 'sgd' ? sgd(cfg, size, alloc) : adam(cfg, size, alloc);
}

function sgd({ lr, momentum, weightDecay }: OptimizerConfig, size: number, alloc: Storage): Optimizer {
  const buf = momentum !== 0 ? alloc.f64(size) : null;
  let first = true;
  return {
    step(theta, grad) {
      const k = activeKernel();
      if (k !== null && theta.buffer === k.buffer && grad.buffer === k.buffer && (buf === null || buf.buffer === k.buffer)) {
        k.exports.sgd(theta.byteOffset, grad.byteOffset, buf === null ? 0 : buf.byteOffset, buf === null ? 0 : 1, theta.length, -lr, weightDecay, momentum, first ? 1 : 0);
        first = false;
        return;
      }
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

function adam({ kind, lr, weightDecay }: OptimizerConfig, size: number, alloc: Storage): Optimizer {
  const [beta1, beta2] = ADAM_BETAS;
  const m = alloc.f64(size);
  const v = alloc.f64(size);
  const decoupled = kind === 'adamw';
  const shrink = 1 - lr * weightDecay;
  // the WebAssembly step's mode: 2 decoupled decay, 1 coupled L2, 0 none (the branches below)
  const mode = decoupled ? 2 : weightDecay !== 0 ? 1 : 0;
  let t = 0;
  return {
    step(theta, grad) {
      t += 1;
      const biasCorrection1 = 1 - beta1 ** t;
      const biasCorrection2 = 1 - beta2 ** t;
      const stepSize = lr / biasCorrection1;
      const biasCorrection2Sqrt = Math.sqrt(biasCorrection2);
      const k = activeKernel();
      if (k !== null && theta.buffer === k.buffer && grad.buffer === k.buffer && m.buffer === k.buffer && v.buffer === k.buffer) {
        k.exports.adam(
          theta.byteOffset, grad.byteOffset, m.byteOffset, v.byteOffset, theta.length, mode, decoupled ? shrink : weightDecay,
          beta1, 1 - beta1, beta2, 1 - beta2, -stepSize, biasCorrection2Sqrt, ADAM_EPS,
        );
        return;
      }
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
