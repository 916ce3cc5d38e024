/**
 * Numbers quoted in the prose of the dropout pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 */
import type { ProseNumbers } from './types';
import { formatNumber } from '../../lib/format';
import { defaults } from '../../lib/query';
import { labSchemaFor } from '../labPresets';

/** The dropout page's lab defaults (what its "Does it help?" cell trains at build time). */
const preset = () => defaults(labSchemaFor('dropout'));

export const dropout: ProseNumbers = {
  /** Width of the lab network's hidden layer (the preset has one). */
  labHidden: () => {
    const hidden = preset().labHidden;
    if (hidden.length !== 1) throw new RangeError(`the prose describes one hidden layer; the dropout preset has ${hidden.length}`);
    return formatNumber(hidden[0]!, { digits: 0 });
  },
  /** Epochs of the lab's default run. */
  labEpochs: () => formatNumber(preset().labEpochs, { digits: 0 }),
};
