/**
 * The site's pages, for the browser specs. The topic slugs equal src/i18n/pages.ts's `topics` (a unit
 * test checks: tests/unit/cells.contract.test.ts); that module lists them with import.meta.glob,
 * which Playwright's loader does not run, hence this plain copy.
 */
export const TOPICS = ['l1-l2', 'data-augmentation', 'dropout', 'label-smoothing', 'early-stopping', 'weight-sharing', 'adversarial-training', 'batch-norm', 'vq'] as const;
export const LANGS = ['zh', 'en'] as const;
/** Every topic page and the lab, both languages. */
export const TOPIC_PAGES = LANGS.flatMap((l) => [...TOPICS, 'lab'].map((t) => `${l}/${t}/`));
