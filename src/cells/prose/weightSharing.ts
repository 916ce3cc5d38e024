/**
 * Numbers quoted in the prose of the weightSharing pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 */
import type { ProseNumbers } from './types';
import { formatNumber } from '../../lib/format';
import { defaults } from '../../lib/query';
import { fullyConnectedEquivalent } from '../../lib/weightSharing';
import { weightSharingSchema } from '../weightSharing';

/** The count cell's default layers (3 × 32 × 32 in, 16 kernels of 3 × 3, padding 1, with bias). */
function defaultLayers() {
  const s = defaults(weightSharingSchema);
  return fullyConnectedEquivalent({
    height: s.height, width: s.width, inChannels: s.cin, outChannels: s.cout, kernelSize: s.ksize,
    stride: s.stride, padding: s.pad, bias: s.usebias === 1,
  });
}

export const weightSharing: ProseNumbers = {
  /** Parameters of the default cell's nn.Conv2d. */
  defaultConv: () => formatNumber(defaultLayers().convParams, { digits: 0 }),
  /** Parameters of the nn.Linear between the same shapes, in millions (English prose). */
  defaultLinearMillions: () => formatNumber(defaultLayers().linearParams / 1e6, { digits: 1 }),
  /** The same in 万 (10⁴), rounded (Chinese prose). */
  defaultLinearWan: () => formatNumber(defaultLayers().linearParams / 1e4, { digits: 0 }),
};
