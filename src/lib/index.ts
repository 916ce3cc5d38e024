/**
 * The numerical core's public contract. Every number the site shows comes from here, at build
 * time (SSR) and in the browser alike. Pure TypeScript: no DOM, no framework.
 */
export * from './validate';
export * from './random';
export * from './format';
export * from './query';
export * from './labelSmoothing';
export * from './penalties';
export * from './optimizers';
export * from './linearModels';
export * from './dropout';
export * from './vq';
export * from './kmeans';
export * from './batchNorm';
export * from './fgsm';
export * from './earlyStopping';
export * from './weightSharing';
export * from './augment';
export * from './simpleNN';
export * from './batchNormRunning';
export * from './randomPython';
export * from './modelManifest';
export * from './polyfit';
export * from './convolution';
export * from './adversarialTraining';
export * from './augmentPlan';
export * from './trainer';
export * from './digits';
export * from './mlpInit';
export * from './lab';
