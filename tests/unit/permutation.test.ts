/** The site's one shuffle (src/lib/permutation.ts): the digits split, the epoch orders and the trainer draw alike. */
import { describe, expect, it } from 'vitest';
import { shuffleInto, shuffledRange } from '../../src/lib/permutation';
import { shuffleInto as trainerShuffle, shuffleStream } from '../../src/lib/trainer/randomStreams';
import { createRng } from '../../src/lib/random';

describe('shuffleInto / shuffledRange', () => {
  it('the trainer shuffles with this code', () => {
    expect(trainerShuffle).toBe(shuffleInto);
  });

  it('an Int32Array and a plain array get the same permutation from the same draws', () => {
    for (const n of [0, 1, 2, 7, 100]) {
      const typed = new Int32Array(n);
      shuffleInto(typed, createRng(5));
      expect(Array.from(typed)).toEqual(shuffledRange(n, createRng(5)));
      expect([...typed].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    }
  });

  it('draws n − 1 numbers (the next draw of the stream is the n-th)', () => {
    const rng = shuffleStream(9);
    const perm = new Int32Array(10);
    shuffleInto(perm, rng);
    const after = rng.next();
    const fresh = shuffleStream(9);
    for (let i = 0; i < 9; i++) fresh.next();
    expect(fresh.next()).toBe(after);
  });
});
