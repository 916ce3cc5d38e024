/**
 * A small network trainer whose trajectory equals PyTorch float64 (issue #11): `trainMLP` trains a
 * ReLU MLP with SGD/Adam/AdamW, L1/L2, label smoothing, batch norm, dropout, FGSM and early stopping;
 * `evaluateMLP` / `predictMLP` run a model in eval mode (`vq`: a VQ bottleneck, vqLayer.ts). Internals (flat buffers, the passes, the
 * optimizer state) stay private to this folder.
 */
export { trainMLP } from './train';
export { evaluateMLP, predictMLP } from './evaluate';
export { attackMLP, pgdMLP, PGD_MAX_STEPS, type MLPAttack, type MLPPgdAttack, type MLPPgdOptions } from './attack';
export { augmentDigitBatch, type AugmentedDigits, type DigitAugmentDraw } from './augmentDigits';
export {
  MLP_MAX_DATA_VALUES, MLP_MAX_EPOCHS, MLP_MAX_LAYERS, MLP_MAX_PARAMETERS, MLP_MAX_WIDTH, MLP_MAX_WORK,
} from './limits';
export { MLP_VQ_MAX_CODES, MLP_VQ_MIN_CODES } from './limits';
export { MLP_CONV_IMAGE_SIDE, MLP_CONV_MAX_CHANNELS, MLP_CONV_MAX_KERNEL, MLP_CONV_MIN_KERNEL } from './limits';
export type { MLPConv } from './types';
export type { MLPVqOptions } from './types';
export type {
  DigitAugmentOptions, MLPBatchNormState, MLPData, MLPEvaluation, MLPLayers, MLPModel, MLPOptimizer, MLPPrediction, TrainMLPOptions,
  TrainMLPResult,
} from './types';
