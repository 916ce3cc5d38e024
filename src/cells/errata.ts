/**
 * The errata page's fixed numbers: the ones that prove corrections 3, 4 and 6, computed by src/lib at
 * build time. The page's live cells are one object each: errata 1 and 2 in errataPerplexity.ts and
 * errataSmoothing.ts, erratum 8 in nearestColour.ts; errata 8 and 9 quote the VQ page's numbers
 * (src/cells/prose/vq.ts).
 */
import { vqLossForIndices, vectorQuantize } from '../lib/vq';
import { sgdStep } from '../lib/optimizers';
import { l2Gradient } from '../lib/penalties';
import { formatNumber as fmt, formatTyped } from '../lib/format';
import { smoothLabels } from '../lib/labelSmoothing';

/** The seed's 4-class example of erratum 2, as it prints it (true class 1). */
const SEED_FOUR_CLASS = [0.1, 0.7, 0.1, 0.1];

/** The ε at which the formula gives the seed's 4-class example: every other class gets ε/K. Checked, not assumed. */
function fourClassEpsilon(): number {
  const eps = SEED_FOUR_CLASS[0]! * SEED_FOUR_CLASS.length;
  const formula = smoothLabels(1, SEED_FOUR_CLASS.length, eps);
  if (formula.some((v, i) => Math.abs(v - SEED_FOUR_CLASS[i]!) > 1e-12)) throw new RangeError(`the seed's 4-class example does not fit the formula at ε = ${eps}`);
  return eps;
}

/** The fixed numbers behind errata 2 (its prose), 3, 4 and 6. */
export function fixedNumbers() {
  const x = [1, 1, 2, 2, 3, 3];
  const codebook = [10, 10, 20, 20, 30, 30, 40, 40];
  const forced = vqLossForIndices(x, codebook, 2, [2, 0, 1]);
  const nearest = vectorQuantize(Float32Array.from(x), Float32Array.from(codebook), 2);
  const sq = (1 - 10) ** 2 + (1 - 10) ** 2;
  const w = [1];
  const g = [0.5];
  const sgd = sgdStep(w, g, { lr: 0.1, weightDecay: 0.01 })[0]!;
  // The seed's reading: λΣw² with λ = weight_decay, whose gradient is 2λw.
  const seedReading = 1 - 0.1 * (0.5 + l2Gradient(w, 0.01)[0]!);
  const halfPenalty = 1 - 0.1 * (0.5 + l2Gradient(w, 0.005)[0]!);
  return {
    /** The formula's targets for the seed's 3-class example (ε = 0.1, true class 0). */
    smoothedThree: `[${smoothLabels(0, 3, 0.1).map((v) => fmt(v)).join(', ')}]`,
    fourClass: `[${SEED_FOUR_CLASS.join(', ')}]`,
    fourClassEps: formatTyped(fourClassEpsilon()),
    commitment: fmt(forced.eLatentLoss, { digits: 1 }),
    commitmentNearest: fmt(nearest.eLatentLoss, { digits: 1 }),
    nearestIndices: `[${Array.from(nearest.indices).join(', ')}]`,
    squared: fmt(sq, { digits: 0 }),
    root: fmt(Math.sqrt(sq)),
    sgd: formatTyped(sgd),
    seedReading: formatTyped(seedReading),
    halfPenalty: formatTyped(halfPenalty),
  };
}
