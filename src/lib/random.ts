/**
 * A small seeded PRNG so every random picture on the site (dropout masks, initialisations,
 * data sets, augmentations) is reproducible from a seed in the URL.
 *
 * mulberry32: 32-bit state, fast, good enough statistically for teaching visualisations
 * (not for cryptography). The same seed gives the same stream in Node and every browser.
 */
import { integer } from './validate';

export interface Rng {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform integer in [0, n). */
  int(n: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Uniform in [a, b). */
  uniform(a: number, b: number): number;
}

/** Creates a PRNG from an integer seed in [0, 2³²). */
export function createRng(seed: number): Rng {
  let state = integer('seed', seed, 0, 2 ** 32 - 1) >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let spare: number | null = null;
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    uniform: (a: number, b: number) => a + (b - a) * next(),
    normal: () => {
      if (spare !== null) {
        const s = spare;
        spare = null;
        return s;
      }
      // 1 - next() lies in (0, 1], so the log is finite.
      const r = Math.sqrt(-2 * Math.log(1 - next()));
      const theta = 2 * Math.PI * next();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
  };
}
