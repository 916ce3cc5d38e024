/**
 * The numerical core's public contract. Every number the site shows comes from here, at build
 * time (SSR) and in the browser alike. Pure TypeScript: no DOM, no framework.
 *
 * An explicit list (issue #12 §4): adding a name here makes it public, and every public function
 * needs an entry in tests/unit/hostile.lib.property.test.ts. Helpers a module exports for its
 * siblings only (e.g. linalg.ts's Cholesky) are deliberately not listed.
 */

// Input validation: the TypeError/RangeError refusals every function below uses
export {
  describe, finite, inRange, atLeast, greaterThan, integer, vector, matrix, sameLength, isArrayLike, finiteResult,
} from './validate';

// Seeded randomness (mulberry32): every random picture is reproducible from a seed in the URL
export { createRng } from './random';
export type { Rng } from './random';

// Number formatting for the substituted formulas
export { formatNumber, formatTyped, formatVector, formatBound } from './format';
export type { FormatOptions } from './format';

// URL query parameters: parsing, refusal messages, round trip
export {
  readQuery, queryRefusal, parseParam, defaults, parseQuery, sameState, formatParam, toQuery, MAX_RAW_LENGTH,
  MAX_QUERY_LENGTH,
} from './query';
export type { ParamSpec, Schema, ParamValue, StateOf, QueryParams, ParamError } from './query';

// Label smoothing and softmax cross-entropy
export {
  smoothLabels, smoothLabelsOffTarget, smoothProbabilities, logSumExp, logSoftmax, softmax, crossEntropy,
  optimalMargin, lossAtMargin, MAX_CLASSES,
} from './labelSmoothing';

// L1/L2 penalties, proximal steps and the 2-D ball picture
export {
  l1Penalty, l2Penalty, l1Subgradient, l2Gradient, softThreshold, diagonalQuadratic, l1BallMinimizer, l2BallMinimizer,
  quadraticLevelSet,
} from './penalties';
export type { BallMinimizer } from './penalties';

// Optimizers: SGD with weight decay, Adam + L2, AdamW
export { initAdamState, sgdStep, adamStep, adamwStep, ADAMW_DEFAULT_WEIGHT_DECAY } from './optimizers';
export type { SgdOptions, AdamOptions, AdamState, AdamResult } from './optimizers';

// Dense linear algebra (Cholesky, symmetric eigenvalues); only the eigenvalues are public
export { symmetricEigenvalues } from './linalg';

// Lasso and ridge regression, paths
export { standardize, lasso, lassoPath, entryOrder, ridge, ridgePath } from './linearModels';
export type {
  LinearFit, LassoOptions, LassoFit, LassoPathOptions, PathResult, LassoPathResult, StandardizeOptions, Standardized,
} from './linearModels';

// Ridge and the lasso as MAP estimates: prior scale ↔ scikit-learn's α, and the optimality check
export { priorAlpha, priorScale, mapStationarity } from './mapPrior';
export type { MapPrior, MapStationarity } from './mapPrior';

// Dropout
export { dropoutMask, dropoutScale, dropout, dropout2d, MAX_DROPOUT_UNITS } from './dropout';
export type { DropoutOptions } from './dropout';

// Vector quantization and k-means
export {
  nearestCodeIndices, vectorQuantize, vqLossForIndices, codebookUsage, codebookPerplexity, seedPerplexity,
  MAX_VQ_WORK,
} from './vq';
export type { VectorQuantizeResult, VqKernel } from './vq';
export { kmeans, kmeansPlusPlus, assignToCentroids, MAX_KMEANS_VALUES, MAX_KMEANS_K } from './kmeans';
export type { KMeansProgress, KMeansOptions, KMeansResult } from './kmeans';

// Batch normalization
export { batchNorm, batchNormEval, MAX_BATCH_VALUES } from './batchNorm';
export type { BatchNormOptions, BatchNormResult, BatchNormEvalOptions } from './batchNorm';

// FGSM on a logistic model
export { sigmoid, bceWithLogits, inputGradient, fgsm, adversarialLoss } from './fgsm';
export type { LogisticModel } from './fgsm';

// Early stopping (Keras semantics)
export { createEarlyStopping, earlyStopping } from './earlyStopping';
export type { EarlyStoppingOptions, EarlyStoppingStep, EarlyStoppingResult, EarlyStopping } from './earlyStopping';

// Weight sharing: parameter counts and output sizes
export { conv2dParams, linearParams, convOutputSize, fullyConnectedEquivalent, MAX_LAYER_SIZE } from './weightSharing';
export type {
  Conv2dOptions, LinearOptions, ConvOutputOptions, FullyConnectedEquivalentOptions, FullyConnectedEquivalent,
} from './weightSharing';

// Data augmentation on RGBA images
export {
  flipHorizontal, flipVertical, crop, randomCropBox, randomCrop, rotate, grayscale, adjustBrightness, adjustContrast,
  adjustSaturation, sampleColorJitter, applyColorJitter, colorJitter, planAugmentSamples, applyAugmentPlan, augmentSamples, MAX_IMAGE_SIDE,
  MAX_SAMPLE_PIXELS, GRAY_WEIGHTS,
} from './augment';
export type {
  RgbaImage, CropBox, RotateOptions, JitterRange, ColorJitterOptions, ColorJitterParams, AugmentSamplesOptions,
  AugmentSample, AugmentPlan, Size,
} from './augment';

// The seed's SimpleNN (dropout page)
export { initSimpleNN, simpleNNExample, simpleNNForward, mcDropout, MAX_LAYER_WIDTH, MAX_MC_PASSES } from './simpleNN';
export type { SimpleNN, SimpleNNSizes, DropoutForwardOptions, SimpleNNForward, McDropoutResult } from './simpleNN';

// Dropout as an ensemble of thinned networks: weight scaling vs Monte-Carlo vs the exact average
export {
  dropoutEnsembleNet, weightScalingPrediction, mcDropoutEnsemble, exactDropoutEnsemble, DROPOUT_ENSEMBLE_SIZES, MAX_EXACT_HIDDEN,
  MAX_ENSEMBLE_SAMPLES,
} from './dropoutEnsemble';
export type { EnsemblePrediction, McEnsembleResult, ExactEnsembleResult } from './dropoutEnsemble';

// Batch norm running statistics over a stream of mini-batches
export { gaussianBatches, initialWeight, runningStatistics, MAX_STREAM_VALUES } from './batchNormRunning';
export type { RunningStep, RunningOptions } from './batchNormRunning';

// Batch norm's noise: one example normalized in many random batches, against the batch size
export { batchNormNoise, batchNormNoiseSweep, noiseBatchSizes, MAX_NOISE_DATA, MAX_NOISE_WORK } from './batchNormNoise';
export type { BatchNoiseOptions, BatchNoise, NoisePoint } from './batchNormNoise';

// Bias and variance of ridge on polynomial features, and α chosen on a validation set
export { biasVariance, biasVarianceData, biasVarianceLambdas, BV_MAX_WORK } from './biasVariance';
export type { BiasVarianceOptions, BiasVarianceData, BiasVariancePoint, BiasVarianceResult } from './biasVariance';

// The same PRNG written in Python, for the cells' "PyTorch" views
export { PYTHON_RNG_SOURCE } from './randomPython';

// The VQ page's ONNX model manifest: validation, codebooks, sha256 integrity
export {
  parseManifest, findModel, codebookToFloat32, sha256HexSync, sha256Hex, verifyModelBytes,
} from './modelManifest';
export type { VqModelOutputs, VqModelEntry, ModelManifest } from './modelManifest';

// Polynomial trained by gradient descent (early-stopping page)
export {
  trueFunction, noisySine, legendreFeatures, legendreSeries, mseHessian, hessianMaxEigenvalue, maxStableLearningRate,
  checkLearningRate, l2Norm, trainPolynomialGD, weightsAt, POLYFIT_MAX_POINTS, POLYFIT_MAX_DEGREE, POLYFIT_MAX_EPOCHS,
} from './polyfit';
export type { NoisySineOptions, Dataset1D, PolyGdOptions, PolyGdRun } from './polyfit';

// Single-channel convolution, one window at a time
export { conv2dSingleShape, conv2dSingle, conv2dWindow, locallyConnectedParams, CONV_MAX_SIDE } from './convolution';
export type { Conv2dSingleOptions, WindowTerm, ConvWindow, LocallyConnectedOptions } from './convolution';

// Adversarial training of a 2-D logistic classifier
export {
  twoClassSplit, trainLogistic, predict, fgsmDataset, accuracyUnderFgsm, meanLoss, flipEpsilon, boundarySegment,
  TWO_CLASS_SHAPE, MAX_POINTS_PER_CLASS, MAX_TRAIN_STEPS,
} from './adversarialTraining';
export type { Dataset, TwoClassShape, TrainOptions, TrainResult, Box } from './adversarialTraining';

// Data augmentation: the numbers behind each formula
export {
  cropSizeFor, jitterFactorRange, rotationMatrix, rotationSource, channelMeans, meanGray, grayOf,
} from './augmentPlan';

// mixup (two examples and their labels blended; λ ~ Beta(α, α)) and cutout (a square set to 0)
export {
  mixup, mixupTarget, mixupLoss, classMeans, centroidLogits, betaPdf, betaCdf, mixupEdgeMass,
  MAX_MIX_VALUES, MAX_MEAN_ROWS, BETA_PARAM_MIN, BETA_PARAM_MAX,
} from './mixup';
export type { MixupLoss } from './mixup';
export { cutoutBox, cutout, MAX_CUTOUT_PIXELS } from './cutout';
export type { CutoutBox, Cutout } from './cutout';

// The MLP trainer (PyTorch float64 trajectories)
export {
  trainMLP, evaluateMLP, predictMLP, attackMLP, augmentDigitBatch, MLP_MAX_DATA_VALUES, MLP_MAX_EPOCHS,
  MLP_MAX_LAYERS, MLP_MAX_PARAMETERS, MLP_MAX_WIDTH, MLP_MAX_WORK, MLP_VQ_MAX_CODES, MLP_VQ_MIN_CODES,
  MLP_CONV_IMAGE_SIDE, MLP_CONV_MAX_CHANNELS, MLP_CONV_MAX_KERNEL, MLP_CONV_MIN_KERNEL,
} from './trainer';
// PGD (Madry et al. 2018) beside attackMLP's FGSM
export { pgdMLP, PGD_MAX_STEPS, type MLPPgdAttack, type MLPPgdOptions } from './trainer';
export type {
  MLPAttack, AugmentedDigits, DigitAugmentDraw, MLPConv, MLPVqOptions, DigitAugmentOptions, MLPBatchNormState,
  MLPData, MLPEvaluation, MLPLayers, MLPModel, MLPOptimizer, MLPPrediction, TrainMLPOptions, TrainMLPResult,
} from './trainer';

// scikit-learn's digits data set
export {
  parseDigits, splitDigits, DIGITS_SAMPLES, DIGITS_FEATURES, DIGITS_CLASSES, DIGITS_SPLIT_DEFAULTS,
  DIGITS_TRAIN_RANGE,
} from './digits';
export type { DigitsData, DigitsSubset, DigitsSplit, DigitsSplitOptions } from './digits';

// Seeded initial layers and epoch orders for the lab's MLPs
export {
  initMLP, initConv, initCodebook, convSeed, codebookSeed, epochOrders, EPOCH_ORDERS_MAX_N, EPOCH_ORDERS_MAX_VALUES,
} from './mlpInit';

// The "Does it help?" lab and its sweeps
export {
  LAB_LIMITS, LAB_MAX_WORK, baselineOf, checkLabSetting, convFeatures, isBaseline, labParameterCount, labSizes,
  labWork, trainOptionsOf, LAB_TEST, LAB_TRAIN_RANGE, LAB_VALIDATION, labSplit, ECE_BINS, NEAR_ZERO, WEIGHT_EDGES,
  calibrationBins, calibrationError, checkCalibrationBins, expectedCalibrationError, meanSd, nearZeroShare,
  weightMagnitudeCounts, LAB_ATTACK_EPS, LAB_CODEBOOK_RANGE, LAB_SAMPLE_COUNT, checkSeeds, labInit, labSamples,
  runLab, LAB_SPREAD_FACTOR, pairedDecision, summarizeLab, SWEEP_LIMITS, SWEEP_PARAMS, runSweep, sweepWork,
} from './lab';
export type {
  LabSetting, LabSettingInput, CalibrationBins, MeanSd, LabArm, LabProbes, LabProgress, LabResult, LabRun, LabSamples,
  LabSplit, LabArmSummary, LabBandPoint, LabSummary, LabVerdict, SweepParam, SweepPoint, SweepProgress, SweepResult,
} from './lab';
