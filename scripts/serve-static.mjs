// @ts-check
/**
 * A small static server for the build output that applies its `_headers` file the way Cloudflare
 * Pages does (exact paths, `*` splats, `:placeholders`; values of several matching rules joined
 * with ", "), so the site can be tried — and is tested, tests/browser/csp.spec.ts — with its
 * Content-Security-Policy as a real HTTP header. Node built-ins only.
 *
 *   OUT_DIR=dist BASE_PATH=/regularization-live/ node scripts/serve-static.mjs [--port 4330]
 */
import { createServer } from 'node:http';
import { existsSync, readFileSync, statSync, createReadStream } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TYPES = /** @type {Record<string, string>} */ ({
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
});

/**
 * @typedef {{ pattern: RegExp, source: string, headers: Array<[string, string]> }} HeaderRule
 */

/**
 * Parses a `_headers` file: an unindented URL pattern, then indented `Name: value` lines.
 * @param {string} text
 * @returns {HeaderRule[]}
 */
export function parseHeaders(text) {
  /** @type {HeaderRule[]} */
  const rules = [];
  for (const line of text.split(/\r?\n/)) {
    if (line.trim() === '' || line.trim().startsWith('#')) continue;
    if (/^\s/.test(line)) {
      const rule = rules.at(-1);
      const m = /^\s+([^:\s]+)\s*:\s*(.*)$/.exec(line);
      if (!rule || !m) throw new Error(`_headers: a header line outside a rule or without "Name: value": ${line}`);
      rule.headers.push([m[1] ?? '', (m[2] ?? '').trim()]);
    } else {
      const source = line.trim();
      const re = source
        .split(/(\*|:[A-Za-z]\w*)/)
        .map((part) => (part === '*' ? '.*' : part.startsWith(':') ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
        .join('');
      rules.push({ source, pattern: new RegExp(`^${re}$`), headers: [] });
    }
  }
  return rules;
}

/**
 * The headers for a request path: every matching rule, values of one name joined with ", ".
 * @param {HeaderRule[]} rules
 * @param {string} pathname
 * @returns {Map<string, string>}
 */
export function headersFor(rules, pathname) {
  /** @type {Map<string, string>} */
  const out = new Map();
  for (const rule of rules) {
    if (!rule.pattern.test(pathname)) continue;
    for (const [name, value] of rule.headers) {
      const key = name.toLowerCase();
      out.set(key, out.has(key) ? `${out.get(key)}, ${value}` : value);
    }
  }
  return out;
}

/**
 * Serves `root` at `base` ('/' or '/sub/path/') with its `_headers`.
 * @param {{ root: string, base?: string, port?: number, host?: string }} opts
 * @returns {Promise<{ url: string, port: number, close: () => Promise<void> }>}
 */
export function startStaticServer({ root, base = '/', port = 0, host = '127.0.0.1' }) {
  const dir = path.resolve(root);
  const headersFile = path.join(dir, '_headers');
  const rules = existsSync(headersFile) ? parseHeaders(readFileSync(headersFile, 'utf8')) : [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const send = (/** @type {number} */ status, /** @type {string} */ body, /** @type {Record<string, string>} */ extra = {}) => {
      res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...extra });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'method not allowed');
    if (!url.pathname.startsWith(base)) return send(404, 'not found');
    let rel;
    try {
      rel = decodeURIComponent(url.pathname.slice(base.length));
    } catch {
      return send(400, 'bad path');
    }
    let file = path.join(dir, rel);
    if (!file.startsWith(dir + path.sep) && file !== dir) return send(404, 'not found');
    if (existsSync(file) && statSync(file).isDirectory()) {
      if (!url.pathname.endsWith('/')) return send(301, 'moved', { location: `${url.pathname}/${url.search}` });
      file = path.join(file, 'index.html');
    }
    if (!existsSync(file) || !statSync(file).isFile()) return send(404, 'not found');
    /** @type {Record<string, string | number>} */
    const headers = {
      'content-type': TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-cache',
    };
    for (const [name, value] of headersFor(rules, url.pathname)) headers[name] = value;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(file).pipe(res);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const addr = server.address();
      const p = typeof addr === 'object' && addr ? addr.port : port;
      resolve({
        url: `http://${host}:${p}${base}`,
        port: p,
        close: () => new Promise((done) => server.close(() => done())),
      });
    });
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { normalizeBase } = await import('./hosting.mjs');
  const i = process.argv.indexOf('--port');
  const port = i > 0 ? Number(process.argv[i + 1]) : Number(process.env.PORT ?? 4330);
  const s = await startStaticServer({ root: process.env.OUT_DIR ?? 'dist', base: normalizeBase(process.env.BASE_PATH), port });
  console.log(`\n  Serving ${process.env.OUT_DIR ?? 'dist'} with its _headers at ${s.url}\n  (Ctrl+C to stop)\n`);
}
