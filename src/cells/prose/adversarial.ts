/**
 * Numbers quoted in the prose of the adversarial pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 */
import type { ProseNumbers } from './types';

export const adversarial: ProseNumbers = {};
