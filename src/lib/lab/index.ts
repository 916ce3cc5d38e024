/**
 * The "Does it help?" lab (issue #11): train a baseline and a regularized setting side by side over
 * several seeds on scikit-learn's digits, and summarize what the regularizers changed on held-out data.
 * Pure TypeScript, DOM-free: the same calls at build time, in the Web Worker and in the tests.
 */
export {
  LAB_LIMITS, LAB_MAX_WORK, baselineOf, checkLabSetting, convFeatures, isBaseline, labParameterCount, labSizes, labWork, trainOptionsOf,
  type LabSetting, type LabSettingInput,
} from './setting';
export { LAB_TEST, LAB_TRAIN_RANGE, LAB_VALIDATION, labSplit } from './data';
export {
  ECE_BINS, NEAR_ZERO, WEIGHT_EDGES, calibrationBins, calibrationError, checkCalibrationBins, expectedCalibrationError, meanSd, nearZeroShare, weightMagnitudeCounts,
  type CalibrationBins, type MeanSd,
} from './metrics';
export {
  LAB_ATTACK_EPS, LAB_CODEBOOK_RANGE, LAB_SAMPLE_COUNT, checkSeeds, labInit, labSamples, runLab,
  type LabArm, type LabProbes, type LabProgress, type LabResult, type LabRun, type LabSamples, type LabSplit,
} from './run';
export {
  LAB_SPREAD_FACTOR, pairedDecision, summarizeLab, type LabArmSummary, type LabBandPoint, type LabSummary, type LabVerdict,
} from './summary';
export { SWEEP_LIMITS, SWEEP_PARAMS, runSweep, sweepWork, type SweepParam, type SweepPoint, type SweepProgress, type SweepResult } from './sweep';
