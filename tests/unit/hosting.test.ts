/**
 * The hosting checks of scripts/hosting.mjs and the `_headers` matching of scripts/serve-static.mjs,
 * on small real folders: a file one byte over 25 MiB fails, an inline script fails, a broken link
 * or anchor is found; and the policies of src/csp.mjs say what the README says.
 */
import { mkdtempSync, mkdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pageNeedsWasm, pagePolicy, policy } from '../../src/csp.mjs';
import {
  MAX_FILE_BYTES, checkFileSizes, checkLinks, checkPagesForPolicy, headersText, normalizeBase, slugOf,
} from '../../scripts/hosting.mjs';
import { headersFor, parseHeaders } from '../../scripts/serve-static.mjs';

const dirs: string[] = [];
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'hosting-'));
  dirs.push(dir);
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const page = (slug: string, body = '') =>
  `<!doctype html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${pagePolicy(slug, 'meta').replace(/'/g, '&#39;')}"><link rel="stylesheet" href="/s.css"></head><body>${body}</body></html>`;

describe('policies', () => {
  it('allow script files only, never eval; WebAssembly only on the VQ and search pages', () => {
    for (const slug of ['', 'label-smoothing', 'errata', 'vq', 'search']) {
      const p = pagePolicy(slug, 'header');
      const script = /script-src ([^;]*)/.exec(p)![1]!;
      expect(script.split(' ')).toEqual(pageNeedsWasm(slug) ? ["'self'", "'wasm-unsafe-eval'"] : ["'self'"]);
      expect(p).not.toMatch(/'unsafe-eval'|\*/);
      expect(p).toContain("object-src 'none'");
      expect(p).toContain("frame-ancestors 'none'");
    }
    expect(['vq', 'search'].every(pageNeedsWasm)).toBe(true);
    expect(['', 'l1-l2', 'dropout'].some(pageNeedsWasm)).toBe(false);
  });
  it('leave frame-ancestors out of <meta>, where browsers ignore it with an error', () => {
    expect(pagePolicy('vq', 'meta')).not.toContain('frame-ancestors');
    expect(`${pagePolicy('vq', 'meta')}; frame-ancestors 'none'`).toBe(pagePolicy('vq', 'header'));
    expect(policy({ wasm: false, delivery: 'meta' })).toBe(pagePolicy('dropout', 'meta'));
  });
});

describe('file sizes', () => {
  it('a file of exactly 25 MiB passes and is reported as the largest; one byte more fails', () => {
    const dir = folder({ 'a/small.txt': 'x', 'big.bin': '' });
    truncateSync(path.join(dir, 'big.bin'), MAX_FILE_BYTES); // sparse: no 25 MiB written
    expect(checkFileSizes(dir)).toEqual({ rel: 'big.bin', bytes: MAX_FILE_BYTES });
    truncateSync(path.join(dir, 'big.bin'), MAX_FILE_BYTES + 1);
    expect(() => checkFileSizes(dir)).toThrow(/big\.bin \(25\.0 MiB\)/);
  });
});

describe('pages and policy', () => {
  it('accepts script files and refuses an inline script or a missing or different <meta> policy', () => {
    expect(() => checkPagesForPolicy(folder({ 'zh/vq/index.html': page('vq', '<script type="module" src="/a.js"></script>') }))).not.toThrow();
    expect(() => checkPagesForPolicy(folder({ 'en/index.html': page('', '<script>alert(1)</script>') }))).toThrow(/inline <script>/);
    expect(() => checkPagesForPolicy(folder({ 'en/index.html': '<html><head></head></html>' }))).toThrow(/no <meta/);
    expect(() => checkPagesForPolicy(folder({ 'en/dropout/index.html': page('vq') }))).toThrow(/is not src\/csp\.mjs's/);
  });
  it('slugs and base paths', () => {
    expect(slugOf('zh/vq/index.html')).toBe('vq');
    expect(slugOf('zh/index.html')).toBe('');
    expect(slugOf('index.html')).toBe('');
    expect(normalizeBase(undefined)).toBe('/');
    expect(normalizeBase('regularization-live')).toBe('/regularization-live/');
    expect(normalizeBase('/a/b//')).toBe('/a/b/');
  });
});

describe('_headers', () => {
  it('gives every page its policy and WebAssembly to the workers that compile it, without overlapping rules', () => {
    const dir = folder({
      'index.html': page(''),
      'en/vq/index.html': page('vq'),
      'en/dropout/index.html': page('dropout'),
      '_astro/ort.worker-X1.js': 'await WebAssembly.instantiateStreaming(fetch(u))',
      '_astro/kmeans.worker-X2.js': 'postMessage(1)',
      'pagefind/pagefind-worker.js': 'new WebAssembly.Module(b)',
      // A worker whose WebAssembly is two imports away (the resource worker → a cell → the trainer).
      '_astro/resource.worker-X3.js': 'const m={a:()=>import("./cellA-X4.js")}',
      '_astro/cellA-X4.js': 'import{k}from"./kernel-X5.js";import"./plain-X6.js"',
      '_astro/kernel-X5.js': 'export const k=()=>new WebAssembly.Module(b)',
      '_astro/plain-X6.js': 'import"./cellA-X4.js"',
      '_astro/plain.worker-X7.js': 'import("./plain-X6.js")',
      '_astro/quiet.worker-X8.js': 'import("./quiet-X9.js")',
      '_astro/quiet-X9.js': 'postMessage(2)',
    });
    const rules = parseHeaders(headersText(dir, '/sub/'));
    const csp = (p: string) => headersFor(rules, p).get('content-security-policy');
    expect(csp('/sub/')).toBe(pagePolicy('', 'header'));
    expect(csp('/sub/en/vq/')).toBe(pagePolicy('vq', 'header'));
    expect(csp('/sub/en/vq/index.html')).toBe(pagePolicy('vq', 'header'));
    expect(csp('/sub/en/dropout/')).toBe(pagePolicy('dropout', 'header'));
    expect(csp('/sub/_astro/ort.worker-X1.js')).toContain("'wasm-unsafe-eval'");
    expect(csp('/sub/pagefind/pagefind-worker.js')).toContain("'wasm-unsafe-eval'");
    expect(csp('/sub/_astro/kmeans.worker-X2.js')).not.toContain("'wasm-unsafe-eval'");
    expect(csp('/sub/_astro/resource.worker-X3.js')).toContain("'wasm-unsafe-eval'");
    expect(csp('/sub/_astro/plain.worker-X7.js')).toContain("'wasm-unsafe-eval'"); // plain-X6 → cellA-X4 → kernel-X5
    expect(csp('/sub/_astro/quiet.worker-X8.js')).not.toContain("'wasm-unsafe-eval'");
    expect(csp('/sub/_astro/other.js')).toBeUndefined();
    // One rule per path: no request gets two policies joined by a comma.
    expect(rules.map((r) => r.source).length).toBe(new Set(rules.map((r) => r.source)).size);
  });
  it('matches like Cloudflare Pages: splats, placeholders, values of several rules joined', () => {
    const rules = parseHeaders('# c\n/a/*\n  X-A: 1\n/a/:id/b\n  X-A: 2\n  X-B: 3\n');
    expect(Object.fromEntries(headersFor(rules, '/a/q/b'))).toEqual({ 'x-a': '1, 2', 'x-b': '3' });
    expect(Object.fromEntries(headersFor(rules, '/a/'))).toEqual({ 'x-a': '1' });
    expect(headersFor(rules, '/b').size).toBe(0);
    expect(() => parseHeaders('  X-A: 1\n')).toThrow(/outside a rule/);
  });
});

describe('link checker', () => {
  it('finds a missing page, a missing anchor, a missing asset in CSS and a base-less link', () => {
    const dir = folder({
      'sub/index.html': '<a href="/sub/en/">ok</a><a href="/sub/en/#top">ok</a><a href="#here" id="here">ok</a>'
        + '<a href="/sub/en/missing/">x</a><a href="/sub/en/#nowhere">x</a><a href="/en/">x</a>'
        + '<a href="https://example.org/">another host</a><img src="data:image/png;base64,AA">',
      'sub/en/index.html': '<h1 id="top">t</h1><script type="module" src="../_astro/a.js"></script>',
      'sub/_astro/a.js': 'import("/sub/_astro/b.js")',
      'sub/_astro/s.css': '@font-face{src:url(./f.woff2)}',
    });
    const { broken } = checkLinks(path.join(dir, 'sub'), '/sub/');
    expect(broken.sort()).toEqual([
      '_astro/a.js → /sub/_astro/b.js',
      '_astro/s.css → ./f.woff2',
      'index.html → /en/',
      'index.html → /sub/en/#nowhere (no #nowhere)',
      'index.html → /sub/en/missing/',
    ]);
  });
});
