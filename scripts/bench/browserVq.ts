/**
 * VQ in headless Chromium: TS `vectorQuantize` in Web Workers (one, then one per core) against
 * onnxruntime-web's wasm backend (one thread, then one per core — threads need a cross-origin
 * isolated page, so this harness is served with COOP/COEP headers). Same seeded input and codebook
 * as the Node cases. The harness (scripts/bench/browser/) is bundled with Vite, as the site is.
 */
import { createReadStream, existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { build } from 'vite';
import { chromium } from '@playwright/test';

export interface BrowserVqCase { name: string; n: number; d: number; k: number; model: string }

export interface BrowserVqRow {
  case: string; n: number; d: number; k: number; engine: string; workers: number;
  medianMs: number; gflops: number; agreement: number;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream', '.json': 'application/json',
};

/** Static files from three roots, with the headers that make the page cross-origin isolated. */
function serve(dist: string, root: string): Promise<{ server: Server; port: number }> {
  const mounts: [string, string][] = [
    ['/ort/', path.join(root, 'node_modules/onnxruntime-web/dist/')],
    ['/models/', path.join(root, 'public/models/')],
    ['/', dist + '/'],
  ];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x').pathname;
    const [prefix, dir] = mounts.find(([p]) => url.startsWith(p))!;
    let file = path.join(dir, url.slice(prefix.length) || 'index.html');
    if (!file.startsWith(dir) || !existsSync(file) || statSync(file).isDirectory()) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'cross-origin-opener-policy': 'same-origin',
      'cross-origin-embedder-policy': 'require-corp',
    });
    createReadStream(file).pipe(res);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    resolve({ server, port: (server.address() as { port: number }).port });
  }));
}

export async function browserVq(cases: BrowserVqCase[], reps: number, executablePath: string): Promise<BrowserVqRow[]> {
  const root = process.cwd();
  const dist = mkdtempSync(path.join(os.tmpdir(), 'vq-bench-'));
  await build({
    root: path.join(root, 'scripts/bench/browser'), logLevel: 'error', configFile: false,
    build: { outDir: dist, emptyOutDir: true, target: 'es2022' },
    worker: { format: 'es' },
  });
  const { server, port } = await serve(dist, root);
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
    server.close();
    rmSync(dist, { recursive: true, force: true });
  }
  return rows;
}
