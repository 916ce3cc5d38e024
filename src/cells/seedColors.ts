/**
 * The seed's six-colour codebook (public/models/seed-colors.codebook.json) and its colours' names: what
 * the colour cell quantizes with by default and what erratum 8's nearest-colour cell measures against.
 * A module of its own so the errata page loads these 18 numbers, not the colour cell and its k-means.
 */
import seedColors from '../../public/models/seed-colors.codebook.json' with { type: 'json' };

export const SEED_COLORS: number[][] = seedColors;
export const SEED_COLOR_NAMES = {
  zh: ['红', '蓝', '绿', '黄', '黑', '白'],
  en: ['red', 'blue', 'green', 'yellow', 'black', 'white'],
} as const;
