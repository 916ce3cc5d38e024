/**
 * Every number quoted in the topic pages' prose, by key ("adversarial.epsW2Zero"): each topic's file
 * computes its numbers with src/lib and formats them with formatNumber; `<Num k="…" />`
 * (src/components/Num.astro) prints one at build time. A key that does not exist, or a number that is
 * not finite, fails the build (and tests/unit/prose.test.ts), so a page can never quote a number the
 * library does not compute.
 */
import type { ProseNumbers } from './types';
import { adversarial } from './adversarial';
import { augmentation } from './augmentation';
import { batchNorm } from './batchNorm';
import { dropout } from './dropout';
import { earlyStopping } from './earlyStopping';
import { l1l2 } from './l1l2';
import { labelSmoothing } from './labelSmoothing';
import { vq } from './vq';
import { weightSharing } from './weightSharing';

const TOPICS: Record<string, ProseNumbers> = { adversarial, augmentation, batchNorm, dropout, earlyStopping, l1l2, labelSmoothing, vq, weightSharing };

const cache = new Map<string, string>();

/** Every key, "topic.name". */
export function proseKeys(): string[] {
  return Object.entries(TOPICS).flatMap(([topic, numbers]) => Object.keys(numbers).map((k) => `${topic}.${k}`));
}

/** The formatted number of `key` ("topic.name"); throws for an unknown key or a non-finite result. */
export function proseNumber(key: string): string {
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  const dot = key.indexOf('.');
  const compute = dot > 0 ? TOPICS[key.slice(0, dot)]?.[key.slice(dot + 1)] : undefined;
  if (compute === undefined) throw new RangeError(`prose number key must be one of ${proseKeys().join(', ') || '(none yet)'}; received ${JSON.stringify(key)}`);
  const text = compute();
  if (typeof text !== 'string' || text === '' || /NaN|undefined|Infinity/.test(text)) {
    throw new RangeError(`prose number ${key} must format to a finite number; received ${JSON.stringify(text)}`);
  }
  cache.set(key, text);
  return text;
}
