// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import remarkMath from 'remark-math';
import rehypeKatex from 'rehype-katex';

/**
 * BASE_PATH lets the same sources host at the root (`/`, the default) or under a sub-path such as
 * GitHub project pages (`BASE_PATH=/regularization-live/ npm run build`).
 * OUT_DIR lets the browser tests build a sub-path copy without touching `dist/`.
 */
const base = normalizeBase(process.env.BASE_PATH ?? '/');

function normalizeBase(/** @type {string} */ value) {
  const trimmed = value.trim().replace(/^\/+|\/+$/g, '');
  return trimmed === '' ? '/' : `/${trimmed}/`;
}

export default defineConfig({
  // The origin the site is served from (SITE_URL, e.g. https://owner.github.io): with it, pages get a
  // canonical URL and absolute hreflang alternates (src/components/HeadLinks.astro); without, none.
  site: process.env.SITE_URL || undefined,
  base,
  outDir: process.env.OUT_DIR ?? './dist',
  trailingSlash: 'ignore',
  build: { format: 'directory', inlineStylesheets: 'always' },
  i18n: {
    locales: ['zh', 'en'],
    defaultLocale: 'zh',
    routing: { prefixDefaultLocale: true, redirectToDefaultLocale: false },
  },
  integrations: [mdx()],
  markdown: {
    remarkPlugins: [remarkMath],
    // KaTeX renders at build time: pages ship its HTML + MathML and CSS, never its script.
    rehypePlugins: [[rehypeKatex, { output: 'htmlAndMathml', strict: 'error' }]],
    // github-dark's comments (#6a737d on #24292e, 3.0:1) fail WCAG AA; the -default variant passes.
    shikiConfig: { theme: 'github-dark-default' },
  },
  server: { host: '127.0.0.1' },
  devToolbar: { enabled: false },
  vite: {
    // Workers as ES modules (every worker is created with { type: 'module' }): the shared resource
    // worker (src/components/cell/resource.worker.ts) loads each cell's module as its own chunk,
    // which Vite's default 'iife' worker format cannot split.
    worker: { format: 'es' },
    build: {
      // Scripts always ship as files, never inlined into the HTML: the Content-Security-Policy
      // (src/csp.mjs) allows script-src 'self' only. Other assets keep Vite's default limit.
      assetsInlineLimit: (file) => (/\.(m?js|ts)$/.test(file) ? false : undefined),
    },
  },
});
