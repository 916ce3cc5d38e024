/**
 * The explicit L1/L2 penalty l1·Σ|θ| + l2·Σθ² over every parameter (model.parameters(): weights,
 * biases, BN γ and β), added to the loss before backward — so its gradient enters the optimizer like
 * the data gradient does, and with Adam it passes through the moments (unlike AdamW's decay).
 *
 * Gradient: l1·sign(θ) + 2·l2·θ, with sign(0) = 0 as torch.sign (abs's subgradient at 0 in autograd).
 * Note l2 here has no ½: SGD's weight_decay = wd equals l2 = wd/2 (erratum 6 in docs/reference-semantics.md).
 */

/** Adds the penalty's gradient to grad. */
export function addPenaltyGradient(theta: Float64Array, grad: Float64Array, l1: number, l2: number): void {
  if (l1 === 0 && l2 === 0) return;
  const twoL2 = 2 * l2;
  for (let i = 0; i < theta.length; i++) {
    const p = theta[i]!;
    grad[i] = grad[i]! + l1 * Math.sign(p) + twoL2 * p;
  }
}
