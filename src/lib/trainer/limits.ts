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
/** Fewest and most codes of a VQ bottleneck's codebook (trainMLP's `vq`; vqLayer.ts). */
export const MLP_VQ_MIN_CODES = 2;
export const MLP_VQ_MAX_CODES = 256;
/** Most epochs per call. */
export const MLP_MAX_EPOCHS = 10_000;
/**
 * Most work per call: epochs × samples × (parameters + units) ≤ 2e9, roughly the multiply-adds of the
 * forward passes (the backward pass costs about twice that), a few seconds of JavaScript. Samples count
 * the training rows (twice with FGSM, whose adversarial batch is a second pass) plus the validation rows.
 * With `conv`, its weight sharing makes parameters undercount it: its multiply-adds (C·S²·k², S = 9 − k)
 * and the 64 input pixels are added to the per-sample term (convLayer.ts `convWork`), its C·k² + C
 * parameters are among the parameters.
 */
export const MLP_MAX_WORK = 2e9;
/** The conv front end (`opts.conv`): one 1-channel image of this side (8×8 = 64 features per row). */
export const MLP_CONV_IMAGE_SIDE = 8;
/** Most conv output channels C. */
export const MLP_CONV_MAX_CHANNELS = 16;
/** Kernel sizes k accepted (stride 1, no padding: the output is (9 − k)×(9 − k) per channel). */
export const MLP_CONV_MIN_KERNEL = 2;
export const MLP_CONV_MAX_KERNEL = 5;
