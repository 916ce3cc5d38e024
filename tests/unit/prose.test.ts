/**
 * Numbers in prose come from src/lib (issue #13 §5): every `<Num k="…" />` in a page names a key of
 * src/cells/prose, every key formats to a clean finite number, and every key is quoted somewhere.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { proseKeys, proseNumber } from '../../src/cells/prose';

const pages = ['en', 'zh'].flatMap((lang) =>
  readdirSync(join('src/pages', lang)).filter((f) => f.endsWith('.mdx')).map((f) => join('src/pages', lang, f)));
const quoted = pages.flatMap((p) => [...readFileSync(p, 'utf8').matchAll(/<Num\s+k="([^"]+)"\s*\/>/g)].map((m) => ({ page: p, key: m[1]! })));

describe('prose numbers', () => {
  it('every key formats to a finite number', () => {
    for (const k of proseKeys()) expect(proseNumber(k), k).toMatch(/^[−-]?[\d.,]+(e[−-]?\d+)?\s?%?$|^[−-]?\d/);
  });
  it('every <Num> in a page names an existing key, and every key is quoted', () => {
    const keys = new Set(proseKeys());
    for (const q of quoted) expect(keys.has(q.key), `${q.page}: ${q.key}`).toBe(true);
    const used = new Set(quoted.map((q) => q.key));
    for (const k of keys) expect(used.has(k), `${k} is quoted by no page`).toBe(true);
  });
  it('an unknown key is refused with the known ones', () => {
    expect(() => proseNumber('nope.x')).toThrow(/prose number key must be one of/);
  });
});
