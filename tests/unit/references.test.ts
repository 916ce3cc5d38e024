/**
 * Sources (issue #13 §3): every topic page, in both languages, ends with a References section
 * ("## References" / "## 参考文献") that links its sources (arXiv, DOI or the library's own pages).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const TOPICS = ['l1-l2', 'data-augmentation', 'dropout', 'label-smoothing', 'early-stopping', 'weight-sharing', 'adversarial-training', 'batch-norm', 'vq'];
const HEADING = { en: /^## References\s*$/m, zh: /^## 参考文献\s*$/m } as const;

describe('every topic page ends with its references', () => {
  for (const lang of ['en', 'zh'] as const) {
    for (const topic of TOPICS) {
      it(`/${lang}/${topic}/`, () => {
        const text = readFileSync(`src/pages/${lang}/${topic}.mdx`, 'utf8');
        const m = HEADING[lang].exec(text);
        expect(m, `${lang}/${topic}: no References heading`).not.toBeNull();
        const tail = text.slice(m!.index + m![0].length);
        // the last section: no heading after it
        expect(tail, `${lang}/${topic}: a section after References`).not.toMatch(/^## /m);
        const links = [...tail.matchAll(/\]\((https:\/\/[^)\s]+)\)/g)].map((x) => x[1]!);
        expect(links.length, `${lang}/${topic}: linked sources`).toBeGreaterThanOrEqual(2);
        expect(links.some((u) => /arxiv\.org|doi\.org|jmlr\.org|papers\.nips\.cc|proceedings\.mlr\.press/.test(u)), `${lang}/${topic}: a paper`).toBe(true);
      });
    }
  }
});
