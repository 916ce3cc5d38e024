/**
 * Numbers quoted in the prose of the dropout pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 */
import type { ProseNumbers } from './types';
import { formatNumber } from '../../lib/format';
import { defaults } from '../../lib/query';
import { labSchemaFor } from '../labPresets';
import { DROPOUT_ENSEMBLE_SIZES, dropoutEnsembleNet, exactDropoutEnsemble, mcDropoutEnsemble, weightScalingPrediction } from '../../lib/dropoutEnsemble';
import { dropoutEnsembleSchema, ENSEMBLE_NET_SEED } from '../dropoutEnsemble';

/** The dropout page's lab defaults (what its "Does it help?" cell trains at build time). */
const preset = () => defaults(labSchemaFor('dropout'));

/** The ensemble cell's defaults and its three predictions there (src/cells/dropoutEnsemble.ts). */
function ensemble() {
  const s = defaults(dropoutEnsembleSchema);
  const net = dropoutEnsembleNet(ENSEMBLE_NET_SEED);
  const ws = weightScalingPrediction(net, s.ensX);
  const exact = exactDropoutEnsemble(net, s.ensX, s.ensP);
  const mc = mcDropoutEnsemble(net, s.ensX, s.ensP, s.ensSeed, s.ensN);
  const largest = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));
  return { s, ws, exact, mc, largest };
}

export const dropout: ProseNumbers = {
  /** Width of the lab network's hidden layer (the preset has one). */
  labHidden: () => {
    const hidden = preset().labHidden;
    if (hidden.length !== 1) throw new RangeError(`the prose describes one hidden layer; the dropout preset has ${hidden.length}`);
    return formatNumber(hidden[0]!, { digits: 0 });
  },
  /** Epochs of the lab's default run. */
  labEpochs: () => formatNumber(preset().labEpochs, { digits: 0 }),
  /** Hidden units of the ensemble cell's network, and its number of thinned networks 2ⁿ. */
  ensembleHidden: () => formatNumber(DROPOUT_ENSEMBLE_SIZES.hidden, { digits: 0 }),
  ensembleMasks: () => formatNumber(ensemble().exact.masks, { digits: 0 }),
  /** The cell's default p and N. */
  ensembleP: () => formatNumber(defaults(dropoutEnsembleSchema).ensP, { trim: true }),
  ensembleN: () => formatNumber(defaults(dropoutEnsembleSchema).ensN, { digits: 0 }),
  /** Largest |weight scaling − exact mean| over the classes, at the defaults (the cell's gapWs). */
  ensembleWsGap: () => {
    const { ws, exact, largest } = ensemble();
    return formatNumber(largest(ws.probs, exact.probs));
  },
  /** Largest |Monte-Carlo mean of N − exact mean| at the defaults (the cell's gapMc). */
  ensembleMcGap: () => {
    const { mc, exact, largest } = ensemble();
    return formatNumber(largest(mc.probs, exact.probs));
  },
  /** The N beyond which the Monte-Carlo standard error sd/√N of the charted class falls below weight scaling's bias: (sd/gap)². */
  ensembleNStar: () => {
    const { s, ws, exact } = ensemble();
    const c = s.ensClass;
    return formatNumber((exact.probsStd[c]! / Math.abs(ws.probs[c]! - exact.probs[c]!)) ** 2, { digits: 0 });
  },
};
