/**
 * Numbers quoted in the prose of the vq pages (both languages), computed by src/lib at build time
 * and printed by src/components/Num.astro: the prose can never disagree with the cells.
 * (The errata page quotes some of them too, through proseNumber.)
 */
import type { ProseNumbers } from './types';
import { formatNumber as fmt } from '../../lib/format';
import { defaults } from '../../lib/query';
import { nearestSeedColour } from '../nearestColour';
import { SEED_COLOR_NAMES } from '../seedColors';
import { labSchemaFor } from '../labPresets';
import { vqDeadCodes, vqTrainSchema } from '../vqTrain';

const WHITE = SEED_COLOR_NAMES.en.indexOf('white');
const BLUE = SEED_COLOR_NAMES.en.indexOf('blue');
/** CSS lavender #E6E6FA and CSS blueviolet #8A2BE2 against the seed's six colours. */
const lavender = () => nearestSeedColour(0xe6, 0xe6, 0xfa);
const blueViolet = () => nearestSeedColour(0x8a, 0x2b, 0xe2);

/** The "Does it help?" cell: the lab's VQ preset (its last hidden layer cut into pieces of D values). */
const lab = () => {
  const s = defaults(labSchemaFor('vq'));
  const width = s.labHidden.at(-1)!;
  const pieces = width / s.labVqD;
  const bits = Math.log2(s.labVqK);
  return { codes: s.labVqK, pieces, bits, layerBits: pieces * bits };
};

/** The training cell's default run, and the same run with EMA updates. */
const train = defaults(vqTrainSchema);
const dead = (ema: 0 | 1) => vqDeadCodes({ ...train, tEma: ema });

const int = (x: number) => fmt(x, { digits: 0 });
const bits = (x: number) => fmt(x, { digits: 2, trim: true });

export const vq: ProseNumbers = {
  lavenderToWhite: () => fmt(lavender().d2[WHITE]!),
  lavenderToBlue: () => fmt(lavender().d2[BLUE]!),
  blueVioletToBlue: () => fmt(blueViolet().d2[BLUE]!),
  blueVioletToWhite: () => fmt(blueViolet().d2[WHITE]!),
  labCodes: () => int(lab().codes),
  labBits: () => bits(lab().bits),
  labPieces: () => int(lab().pieces),
  labLayerBits: () => bits(lab().layerBits),
  trainK: () => int(train.tK),
  trainSteps: () => int(train.tSteps),
  trainSeed: () => int(train.tSeed),
  deadStart: () => int(dead(0).run.start),
  deadGradient: () => int(dead(0).run.end),
  deadEma: () => int(dead(1).run.end),
  deadEmaMoved: () => fmt(dead(1).run.stillDeadMoved),
  revivedEma: () => int(dead(1).run.revived.length),
  deadData: () => int(dead(0).other.end),
  deadDataEma: () => int(dead(1).other.end),
  /** Dead codes at the end of the default run with restarts on (gradient steps). */
  deadRestart: () => int(vqDeadCodes({ ...train, tRestart: 1 }).run.end),
};
