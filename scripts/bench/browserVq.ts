/**
 * VQ in headless Chromium: TS `vectorQuantize` in Web Workers (one, then one per core) against
 * onnxruntime-web's wasm backend (one thread, then one per core — threads need a cross-origin
 * isolated page, so this harness is served with COOP/COEP headers). Same seeded input and codebook
 * as the Node cases. The harness (scripts/bench/browser/) is bundled with Vite, as the site is.
 */
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { chromium } from '@playwright/test';
// @ts-ignore: a plain .mjs helper
import { startStaticServer } from '../serve-static.mjs';

export interface BrowserVqCase { name: string; n: number; d: number; k: number; model: string }

export interface BrowserVqRow {
  case: string; n: number; d: number; k: number; engine: string; workers: number;
  medianMs: number; gflops: number; agreement: number;
}

/**
 * Serves the harness with the site's static server (scripts/serve-static.mjs): onnxruntime-web's
 * files and the models are linked in, and a `_headers` rule makes the page cross-origin isolated.
 */
async function serve(dist: string, root: string): Promise<{ port: number; close: () => Promise<void> }> {
  symlinkSync(path.join(root, 'node_modules/onnxruntime-web/dist'), path.join(dist, 'ort'));
  symlinkSync(path.join(root, 'public/models'), path.join(dist, 'models'));
  writeFileSync(path.join(dist, '_headers'), '/*\n  Cross-Origin-Opener-Policy: same-origin\n  Cross-Origin-Embedder-Policy: require-corp\n');
  return startStaticServer({ root: dist });
}

export async function browserVq(cases: BrowserVqCase[], reps: number, executablePath: string): Promise<BrowserVqRow[]> {
  const root = process.cwd();
  const dist = mkdtempSync(path.join(os.tmpdir(), 'vq-bench-'));
  await build({
    root: path.join(root, 'scripts/bench/browser'), logLevel: 'error', configFile: false,
    build: { outDir: dist, emptyOutDir: true, target: 'es2022' },
    worker: { format: 'es' },
  });
  const server = await serve(dist, root);
  const port = server.port;
  const browser = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  const rows: BrowserVqRow[] = [];
  try {
    const open = async () => {
      const page = await browser.newPage();
      page.on('pageerror', (e) => process.stderr.write(`harness error: ${e.message}\n`));
      await page.goto(`http://127.0.0.1:${port}/index.html`);
      await page.waitForFunction(() => 'vqBench' in window);
      return page;
    };
    const first = await open();
    const info = await first.evaluate(() => (window as any).vqBench.info()) as { crossOriginIsolated: boolean; cores: number };
    await first.close();
    const cores = Math.max(1, info.cores);
    const counts = [...new Set([1, cores])];
    for (const c of cases) {
      const cb = JSON.parse(readFileSync(path.join(root, 'public/models', c.model.replace('.onnx', '.codebook.json')), 'utf8')) as number[][];
      const page = await open();
      const reference = await page.evaluate(([n, d, cbRows]) => (window as any).vqBench.reference(n, d, cbRows), [c.n, c.d, cb] as const) as number[];
      await page.close();
      const add = (engine: string, workers: number, r: { medianMs: number; indices: number[] }) => {
        const same = r.indices.filter((v, i) => v === reference[i]).length;
        rows.push({
          case: c.name, n: c.n, d: c.d, k: c.k, engine, workers, medianMs: r.medianMs,
          gflops: (2 * c.n * c.d * c.k) / (r.medianMs / 1000) / 1e9, agreement: same / reference.length,
        });
        process.stderr.write(` ${engine}×${workers} ${r.medianMs.toFixed(0)} ms`);
      };
      process.stderr.write(`browser VQ ${c.name}:`);
      for (const w of counts) {
        const p = await open();
        add('TS (Web Workers)', w, await p.evaluate(([n, d, cbRows, w, reps]) => (window as any).vqBench.ts(n, d, cbRows, w, reps), [c.n, c.d, cb, w, reps] as const));
        await p.close();
      }
      for (const t of info.crossOriginIsolated ? counts : [1]) {
        // onnxruntime-web reads its thread count once per page: a fresh page per setting
        const p = await open();
        add('onnxruntime-web (wasm threads)', t, await p.evaluate(([n, d, url, t, reps]) => (window as any).vqBench.ort(n, d, url, t, 65_536, reps), [c.n, c.d, `/models/${c.model}`, t, reps] as const));
        await p.close();
      }
      process.stderr.write('\n');
    }
  } finally {
    await browser.close();
    await server.close();
    rmSync(dist, { recursive: true, force: true });
  }
  return rows;
}
