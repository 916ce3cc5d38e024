// @ts-check
/**
 * The site's Content-Security-Policy: the one source of truth for the <meta http-equiv> tag that
 * src/layouts/Page.astro and src/pages/index.astro put in every page, and for the `_headers` file
 * (Cloudflare Pages / Netlify) that scripts/hosting.mjs writes into the build output.
 *
 * Plain JavaScript (with JSDoc types) so that scripts/build.mjs can import it under Node without a
 * TypeScript loader; Astro components import it like any module.
 *
 * Why each source is there:
 *  - script-src 'self': every script is a file of the site; the build refuses inline <script>
 *    (astro.config.mjs keeps Astro from inlining small scripts; scripts/hosting.mjs checks).
 *  - 'wasm-unsafe-eval' (compiling WebAssembly; it does NOT allow eval or new Function) only where
 *    WebAssembly runs. Pages: the VQ page, which loads src/lib/vq.ts, whose WebAssembly-SIMD argmin
 *    runs on the page for inputs of N·K·D ≥ 2^20 (onnxruntime-web and the full-size run compile in
 *    the VQ worker); the search page, because Pagefind compiles its index on the page when its
 *    worker cannot start (tests/browser/csp.spec.ts makes it happen).
 *    Workers get their policy from their own response header, not from the page: in `_headers`
 *    the worker scripts that compile WebAssembly, themselves or in a module they import
 *    (onnxruntime-web's, Pagefind's, the VQ workers, the lab's and the resource worker, whose cell
 *    modules train with the WebAssembly kernels), have it, the others do not. A <meta> policy does
 *    not reach workers at all.
 *  - style-src 'unsafe-inline': KaTeX's build-time HTML positions every glyph with style="…"
 *    attributes (thousands per page), Observable Plot and Pagefind's UI add <style> elements and
 *    style attributes at run time, and Astro inlines small stylesheets. Styles cannot run code.
 *  - img-src data: blob:: the augmentation page shows the reader's own image from a blob: URL;
 *    canvases export PNG data: URLs. font-src data:: Vite inlines the smallest KaTeX font.
 *  - frame-ancestors 'none' only in the header: browsers ignore it (with a console error) in <meta>.
 */

/** Page slugs (the path after /<lang>/) whose document compiles WebAssembly. */
export const WASM_PAGE_SLUGS = Object.freeze(['vq', 'search']);

/** @typedef {'header' | 'meta'} Delivery */

/**
 * The policy as a header value (or <meta> content).
 * @param {{ wasm: boolean, delivery: Delivery }} opts
 * @returns {string}
 */
export function policy({ wasm, delivery }) {
  /** @type {Array<[string, string[]]>} */
  const directives = [
    ['default-src', ["'self'"]],
    ['script-src', wasm ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"]],
    ['style-src', ["'self'", "'unsafe-inline'"]],
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['font-src', ["'self'", 'data:']],
    ['connect-src', ["'self'"]],
    ['worker-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'none'"]],
    ['form-action', ["'self'"]],
  ];
  if (delivery === 'header') directives.push(['frame-ancestors', ["'none'"]]);
  return directives.map(([name, sources]) => `${name} ${sources.join(' ')}`).join('; ');
}

/**
 * True when the page at /<lang>/<slug>/ needs 'wasm-unsafe-eval'.
 * @param {string} slug
 */
export function pageNeedsWasm(slug) {
  return WASM_PAGE_SLUGS.includes(slug);
}

/**
 * The policy of the page /<lang>/<slug>/ ('' for a language's contents page and for the root).
 * @param {string} slug
 * @param {Delivery} delivery
 */
export function pagePolicy(slug, delivery) {
  return policy({ wasm: pageNeedsWasm(slug), delivery });
}
