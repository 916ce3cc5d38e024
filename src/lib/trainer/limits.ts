/**
 * Size limits of the trainer. Why: every size arrives from URL state or a page's sliders, and a
 * network that is too big does not fail — it freezes the tab. So each limit is checked before any
 * buffer is allocated or any loop starts, and the error says which limit and why.
 */

/** Most Linear layers a network may have. */
export const MLP_MAX_LAYERS = 8;
/** Widest layer (inputs, hidden units or classes). */
export const MLP_MAX_WIDTH = 1024;
/** Most trainable parameters (weights, biases, BN γ/β): four Float64Array of this size are allocated (θ, ∇, Adam's m and v). */
export const MLP_MAX_PARAMETERS = 1 << 20;
/** Most feature values (rows × features) in one data set. */
export const MLP_MAX_DATA_VALUES = 1 << 22;
/** Most epochs per call. */
export const MLP_MAX_EPOCHS = 10_000;
/**
 * Most work per call: epochs × samples × (parameters + units) ≤ 2e9, roughly the multiply-adds of the
 * forward passes (the backward pass costs about twice that), a few seconds of JavaScript. Samples count
 * the training rows (twice with FGSM, whose adversarial batch is a second pass) plus the validation rows.
 */
export const MLP_MAX_WORK = 2e9;
