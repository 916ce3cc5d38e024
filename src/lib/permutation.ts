/**
 * The site's one seeded shuffle (Fisher–Yates), shared by the digits split (digits.ts) and the
 * per-epoch visiting orders (mlpInit.ts), so that "a permutation from the seed" means the same draws
 * everywhere and the Python twins (scripts/fixtures/lab_data.py, train_mlp.py) redraw it exactly.
 *
 * Draw order: start from 0, 1, …, n−1; for i = n−1 down to 1, j = rng.int(i + 1) (= ⌊next()·(i + 1)⌋,
 * one `next()` per step, n − 1 in all), then swap positions i and j. The trainer's default shuffle
 * (src/lib/trainer/randomStreams.ts) is this code, into its Int32Array. Internal: callers validate n.
 */
import type { Rng } from './random';

/** Writes a permutation of 0..n−1 drawn from `rng` into `perm` (n = perm.length; n − 1 draws). */
export function shuffleInto(perm: number[] | Int32Array, rng: Rng): void {
  const n = perm.length;
  for (let i = 0; i < n; i++) perm[i] = i;
  for (let i = n - 1; i >= 1; i--) {
    const j = rng.int(i + 1);
    const t = perm[i]!;
    perm[i] = perm[j]!;
    perm[j] = t;
  }
}

/** A permutation of 0..n−1 drawn from `rng` (n − 1 draws; none for n ≤ 1). */
export function shuffledRange(n: number, rng: Rng): number[] {
  const perm = new Array<number>(n);
  shuffleInto(perm, rng);
  return perm;
}
