/**
 * Numbers quoted in the prose of the augmentation pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 *
 * The lab numbers come from the page's own "Does it help?" run (defaultLabResult('data-augmentation'),
 * the same cached result the LabCell shows), so "the augmented network still fits its training
 * images" (issue #13 §1 item 3) is read off the curve the reader sees, not typed.
 *
 * mixup and cutout (issue #13 §2): the mixup-cutout cell's numbers at its defaults (the losses of the
 * identity, the pixels its square erases) and how often λ ~ Beta(α, α) hardly mixes at a few α.
 */
import type { ProseNumbers } from './types';
import { formatNumber } from '../../lib/format';
import { summarizeLab, type LabArm, type LabSummary } from '../../lib/lab';
import { defaultLabResult } from '../../components/lab/buildResult';
import { UPLOAD_LIMITS } from '../imageUpload';
import { mixupEdgeMass } from '../../lib/mixup';
import { cutoutBox } from '../../lib/cutout';
import { defaults } from '../../lib/query';
import { cell as mixupCutoutCell, mixupCutoutNumbers, mixupCutoutSchema, type MixupDigits } from '../mixupCutout';
import { readCellData } from '../../components/cell/readCellData';

/** The mixup-cutout cell's numbers at its defaults. */
function mixupDefaults(): ReturnType<typeof mixupCutoutNumbers> {
  return mixupCutoutNumbers(defaults(mixupCutoutSchema), readCellData(mixupCutoutCell) as MixupDigits);
}
/** P(λ within 0.1 of 0 or 1) for λ ~ Beta(α, α), as a percentage. */
const edgePercent = (alpha: number) => formatNumber(100 * mixupEdgeMass(alpha, 0.1), { digits: 0 });
/** Pixels of the cell's default square (side s) centred at (cy, cx). */
function squarePixels(cy: number, cx: number): string {
  const b = cutoutBox(8, 8, defaults(mixupCutoutSchema).cutS, cy, cx);
  return formatNumber(b.height * b.width, { digits: 0 });
}

let labSummary: LabSummary | null = null;
function lab(): LabSummary {
  labSummary ??= summarizeLab(defaultLabResult('data-augmentation'));
  return labSummary;
}

/**
 * The first epoch at which the arm's mean training-accuracy curve (over seeds, on the unaugmented
 * training images) is 100 %. Throws when it never gets there: the prose says it does.
 */
function fitEpoch(arm: LabArm): string {
  const hit = lab()[arm].curves.trainAccuracy.find((p) => p.mean >= 1 - 1e-12);
  if (hit === undefined) throw new RangeError(`the ${arm}'s mean training accuracy must reach 100 % for the prose to say so; it never does`);
  return formatNumber(hit.epoch, { digits: 0 });
}

export const augmentation: ProseNumbers = {
  /** Mean final training accuracy (%) of the augmented runs, on the training images as they are. */
  labTrainAccuracy: () => formatNumber(100 * lab().setting.final.trainAccuracy.mean, { digits: 1 }),
  /** Training images of the lab's default run. */
  labTrainImages: () => formatNumber(defaultLabResult('data-augmentation').sizes.train, { digits: 0 }),
  /** Epoch at which the augmented runs' mean training accuracy first reaches 100 %. */
  labFitEpoch: () => fitEpoch('setting'),
  /** The same for the baseline (no augmentation). */
  labFitEpochBaseline: () => fitEpoch('baseline'),
  /** Upload limits of the cell ("10 MB" is 10 MiB, as the cell's message counts it). */
  uploadMaxMB: () => formatNumber(UPLOAD_LIMITS.maxBytes / 2 ** 20, { digits: 0 }),
  uploadMaxMegapixels: () => formatNumber(UPLOAD_LIMITS.maxPixels / 1e6, { digits: 0 }),
  /** The same limit in 万 (10⁴) pixels, for the Chinese page. */
  uploadMaxWanPixels: () => formatNumber(UPLOAD_LIMITS.maxPixels / 1e4, { digits: 0 }),
  uploadMaxSide: () => formatNumber(UPLOAD_LIMITS.maxSide, { digits: 0 }),
  /** mixup-cutout at its defaults: λ, CE with the soft target and the two plain CEs (as the cell prints them). */
  mixLambda: () => formatNumber(defaults(mixupCutoutSchema).mixLam, { digits: 1 }),
  mixSoft: () => formatNumber(mixupDefaults().loss.soft, { digits: 6 }),
  mixCeI: () => formatNumber(mixupDefaults().loss.ceI, { digits: 6 }),
  mixCeJ: () => formatNumber(mixupDefaults().loss.ceJ, { digits: 6 }),
  /** How often λ ~ Beta(α, α) lies within 0.1 of 0 or 1 (%), at α = 0.2 (the cell's default), 1 and 2. */
  mixEdge02: () => edgePercent(0.2),
  mixEdge1: () => edgePercent(1),
  mixEdge2: () => edgePercent(2),
  /** Pixels the cell's default square erases, and the same square centred on the corner pixel (0, 0). */
  cutErased: () => formatNumber(mixupDefaults().cut.erased, { digits: 0 }),
  cutCorner: () => squarePixels(0, 0),
};
