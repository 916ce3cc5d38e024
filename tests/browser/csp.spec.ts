/**
 * Self-contained static hosting (issue #6): the built site under its Content-Security-Policy sent
 * as a real HTTP header (scripts/serve-static.mjs applies the build's `_headers`, as Cloudflare
 * Pages and Netlify do), no file over 25 MiB, no broken internal link in the files, and a root
 * build (no BASE_PATH) that works as well as the sub-path build the other specs use.
 *
 * Every page is opened with a recorder of `securitypolicyviolation` events installed before any
 * of its scripts; the VQ page runs onnxruntime-web and the search page runs Pagefind under the
 * policy; a page without 'wasm-unsafe-eval' is shown to refuse WebAssembly (the policy is live).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { pagePolicy, policy } from '../../src/csp.mjs';
import { checkFileSizes, checkLinks, listFiles, mib, slugOf } from '../../scripts/hosting.mjs';
import { startStaticServer } from '../../scripts/serve-static.mjs';
import { BASE_PATH } from '../../playwright.config';
import { mountEveryCell } from './cells';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// The folder the config's webServer builds into (the sub-path build every browser spec uses).
const OUT_DIR = path.resolve(ROOT, process.env.PW_OUT_DIR ?? './dist-test');

type Violation = { directive: string; blocked: string; source: string; sample: string };

/** Records CSP violations and console errors of a page from before its first script runs. */
async function watch(page: Page): Promise<{ violations: () => Promise<Violation[]>; errors: string[] }> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: Violation[] };
    w.__csp = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__csp.push({ directive: e.effectiveDirective, blocked: e.blockedURI, source: `${e.sourceFile}:${e.lineNumber}`, sample: e.sample });
    });
  });
  const errors: string[] = [];
  page.on('console', (m) => {
    // Chromium asks the host's root for /favicon.ico (the site has none); a 404 there is the host's.
    if (new URL(m.location().url || 'about:blank').pathname === '/favicon.ico') return;
    // Worker messages come here too; a refused script, style or WebAssembly compile is an error.
    if (m.type() === 'error' || /Content.Security.Policy|Refused to/i.test(m.text())) errors.push(`${page.url()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => errors.push(`${page.url()}: ${e.message}`));
  page.on('response', (r) => r.status() >= 400 && errors.push(`${r.url()}: HTTP ${r.status()}`));
  return {
    violations: () => page.evaluate(() => (window as unknown as { __csp: Violation[] }).__csp),
    errors,
  };
}

/** The pages of a build folder as paths under its base: '', 'zh/', 'zh/vq/', … */
function pagesOf(dir: string): string[] {
  return listFiles(dir)
    .filter((r) => r.endsWith('index.html'))
    .map((r) => r.slice(0, -'index.html'.length));
}

/** Mounts every cell (their scripts, workers and fetches run under the policy too). */
async function scrollThrough(page: Page): Promise<void> {
  await mountEveryCell(page);
  await page.waitForLoadState('networkidle');
}

/** The smallest valid WebAssembly module: compiling it needs 'wasm-unsafe-eval'. */
async function compileWasm(page: Page): Promise<string> {
  return page.evaluate(async () => {
    try {
      await WebAssembly.compile(new Uint8Array([0, 97, 115, 109, 1, 0, 0, 0]));
      return 'compiled';
    } catch (e) {
      return `refused: ${e instanceof Error ? e.message : String(e)}`;
    }
  });
}

test.describe('under the Content-Security-Policy header (sub-path build)', () => {
  let site: Awaited<ReturnType<typeof startStaticServer>>;
  test.beforeAll(async () => {
    site = await startStaticServer({ root: OUT_DIR, base: BASE_PATH });
  });
  test.afterAll(async () => {
    await site?.close();
  });

  test('every page loads with its policy header and no violation; WebAssembly only where allowed', async ({ page }) => {
    test.setTimeout(240_000);
    const w = await watch(page);
    const pages = pagesOf(OUT_DIR);
    expect(pages.length).toBe(27);
    const wasmPages: string[] = [];
    for (const p of pages) {
      const res = await page.goto(site.url + p);
      const slug = slugOf(`${p}index.html`);
      // The header is really there, and it is src/csp.mjs's policy for this page.
      expect(res?.headers()['content-security-policy'], p).toBe(pagePolicy(slug, 'header'));
      await page.waitForLoadState('networkidle');
      await scrollThrough(page);
      expect(await w.violations(), `violations on ${p}`).toEqual([]);
      // The policy is enforced: WebAssembly compiles only on the pages whose policy allows it.
      const wasm = await compileWasm(page);
      if (wasm === 'compiled') wasmPages.push(p);
      else expect(wasm, p).toMatch(/refused: .*(Content Security Policy|wasm-unsafe-eval)/i);
    }
    expect(w.errors).toEqual([]);
    expect(wasmPages.sort()).toEqual(pages.filter((p) => pagePolicy(slugOf(`${p}index.html`), 'header').includes("'wasm-unsafe-eval'")).sort());
    expect(wasmPages.length).toBeGreaterThan(0);
  });

  for (const lang of ['en', 'zh'] as const) {
    test(`VQ (${lang}): onnxruntime-web runs in its worker under the policy, 100 % agreement`, async ({ page }) => {
      test.setTimeout(180_000);
      const w = await watch(page);
      const workerPolicies: string[] = [];
      page.on('response', (r) => {
        if (/ort\.worker[^/]*\.js$/.test(r.url())) workerPolicies.push(r.headers()['content-security-policy'] ?? '');
      });
      await page.goto(`${site.url}${lang}/vq/`);
      await expect(page.locator('[data-vq-compare]')).toHaveAttribute('data-ready', 'true');
      await page.locator('#cmp-run').click();
      await expect(page.locator('#cmp-agree')).toContainText('100 %', { timeout: 90_000 });
      await expect(page.locator('#cmp-message')).toHaveText('');
      expect(workerPolicies).toEqual([policy({ wasm: true, delivery: 'header' })]);
      await scrollThrough(page);
      expect(await w.violations()).toEqual([]);
      expect(w.errors).toEqual([]);
    });
  }

  test('search (zh, en): Pagefind finds pages under the policy', async ({ page }) => {
    const w = await watch(page);
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.goto(`${site.url}zh/search/`);
    await page.locator('#search input').first().fill('平滑');
    await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /\/zh\/label-smoothing\//, { timeout: 15_000 });
    await page.goto(`${site.url}en/search/?q=smoothing`);
    await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /\/en\/label-smoothing\//, { timeout: 15_000 });
    expect(await w.violations()).toEqual([]);
    expect(w.errors).toEqual([]);
    // Pagefind ran in its worker (it says so when it has to fall back to the page).
    expect(warnings.filter((t) => /pagefind|worker/i.test(t))).toEqual([]);
  });

  test('search: when the Pagefind worker cannot start, Pagefind searches on the page (why the search page allows WebAssembly)', async ({ page }) => {
    const w = await watch(page);
    const warnings: string[] = [];
    page.on('console', (m) => m.type() === 'warning' && warnings.push(m.text()));
    await page.route('**/pagefind/pagefind-worker.js', (route) => route.fulfill({ status: 404, body: 'not found' }));
    await page.goto(`${site.url}en/search/?q=smoothing`);
    await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /\/en\/label-smoothing\//, { timeout: 15_000 });
    expect(warnings.some((t) => /falling back to main thread/.test(t)), warnings.join('\n')).toBe(true);
    expect(await w.violations()).toEqual([]);
  });

  test('a violation is seen: an inline script is refused and reported (the recorder works)', async ({ page }) => {
    const w = await watch(page);
    await page.goto(`${site.url}en/label-smoothing/`);
    await page.evaluate(() => {
      const s = document.createElement('script');
      s.textContent = 'window.__ran = true';
      document.body.append(s);
    });
    await expect.poll(async () => (await w.violations()).map((v) => v.directive)).toContain('script-src-elem');
    expect(await page.evaluate(() => (window as unknown as { __ran?: boolean }).__ran)).toBeUndefined();
  });
});

test('no file of the build is larger than 25 MiB; no broken internal link or anchor in its files', () => {
  const largest = checkFileSizes(OUT_DIR);
  console.log(`largest file: ${largest.rel} (${mib(largest.bytes)})`);
  const { broken, checked } = checkLinks(OUT_DIR, BASE_PATH);
  expect(broken).toEqual([]);
  expect(checked).toBeGreaterThan(500);
});

test('a root build (no BASE_PATH) has no broken link and works under its policy', async ({ page }) => {
  test.setTimeout(420_000);
  const dir = mkdtempSync(path.join(tmpdir(), 'regularization-root-'));
  try {
    const env: NodeJS.ProcessEnv = { ...process.env, OUT_DIR: dir, ASTRO_TELEMETRY_DISABLED: '1' };
    delete env.BASE_PATH;
    const code = await new Promise<number | null>((resolve) => {
      const child = spawn(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, env, stdio: ['ignore', 'ignore', 'inherit'] });
      child.on('close', resolve);
    });
    expect(code, 'root build').toBe(0);
    expect(readFileSync(path.join(dir, 'en/index.html'), 'utf8')).toContain('href="/en/label-smoothing/"');
    const { broken, checked } = checkLinks(dir, '/');
    expect(broken).toEqual([]);
    expect(checked).toBeGreaterThan(500);

    const site = await startStaticServer({ root: dir, base: '/' });
    try {
      const w = await watch(page);
      for (const p of ['', 'en/', 'zh/label-smoothing/', 'en/vq/']) {
        const res = await page.goto(site.url + p);
        expect(res?.status()).toBe(200);
        expect(res?.headers()['content-security-policy']).toBeTruthy();
        await page.waitForLoadState('networkidle');
      }
      await expect(page.locator('[data-vq-compare]')).toHaveAttribute('data-ready', 'true');
      await page.locator('#cmp-run').click();
      await expect(page.locator('#cmp-agree')).toContainText('100 %', { timeout: 90_000 });
      await page.goto(`${site.url}zh/search/?q=${encodeURIComponent('平滑')}`);
      await expect(page.locator('.pagefind-ui__result-link').first()).toHaveAttribute('href', /^\/zh\/label-smoothing\//, { timeout: 15_000 });
      expect(await w.violations()).toEqual([]);
      expect(w.errors).toEqual([]);
    } finally {
      await site.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
