/**
 * Lighthouse 12.2.3 on every page of the built site: performance, accessibility, best practices and
 * SEO, each of which the performance issue wants ≥ 95. Called by run.ts (one section of
 * bench/results.md and a `lighthouse` key in bench/results.json); `npm run bench -- --only=lighthouse`
 * runs this part alone and rewrites just that section and key.
 *
 * The site is built into its own dist-lighthouse/ (root base path, SITE_URL set so the pages carry
 * their canonical and hreflang links as deployed) and served by Astro's static preview server on its
 * own port. One headless
 * Chromium (Debian's, via chrome-launcher) serves every run, Lighthouse opening a fresh tab per page.
 *
 * Preset: Lighthouse's desktop configuration by default (`--lighthouse-preset=mobile` for the mobile
 * one). Mobile scores here are simulated 4× CPU slowdown on a shared 2-core box that other jobs load
 * too: they say more about the box than the site; the desktop preset still applies Lantern's
 * simulated throttling (40 ms RTT, 10 Mbit/s) and keeps the scores comparable run to run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import lighthouse from 'lighthouse';
import desktopConfig from 'lighthouse/core/config/desktop-config.js';
import { launch } from 'chrome-launcher';
import { preview } from 'astro';
// @ts-ignore: a plain .mjs helper
import { findChromium } from '../chromium.mjs';

export const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];
/** The issue's bar, on Lighthouse's 0–100 scale. */
export const LIGHTHOUSE_MIN = 95;

export interface LighthouseRow {
  page: string;
  preset: 'desktop' | 'mobile';
  scores: Record<Category, number | null>;
  /** Audits that cost points (score < 1, weighted in their category), by category, with their display value. */
  failing: Partial<Record<Category, string[]>>;
  error?: string;
}

const OUT_DIR = './dist-lighthouse';
const PORT = 4399;

/** Every HTML page of the build, as a path under the root ("/", "/en/", "/en/vq/", …). */
function pagesOf(outDir: string): string[] {
  const out: string[] = [];
  const walk = (dir: string, rel: string) => {
    for (const name of readdirSync(dir)) {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) {
        if (!['_astro', 'pagefind', 'data', 'models'].includes(name)) walk(full, `${rel}${name}/`);
      } else if (name === 'index.html') out.push(rel);
    }
  };
  walk(outDir, '/');
  return out.sort();
}

export async function lighthouseBench(opts: { quick?: boolean; preset?: 'desktop' | 'mobile' } = {}): Promise<LighthouseRow[]> {
  const chromePath = findChromium();
  if (!chromePath) return [];
  const preset = opts.preset ?? 'desktop';
  // SITE_URL: the pages carry their canonical and hreflang links, as on the deployed site.
  const env = { OUT_DIR, BASE_PATH: '/', SITE_URL: `http://127.0.0.1:${PORT}`, ASTRO_TELEMETRY_DISABLED: '1' };
  process.stderr.write('Lighthouse: building the site… ');
  execFileSync('node', ['scripts/build.mjs'], { env: { ...process.env, ...env }, stdio: 'ignore' });
  process.stderr.write('done\n');
  // astro.config.mjs reads OUT_DIR / BASE_PATH / SITE_URL when the preview server loads it.
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  const server = await preview({ root: process.cwd(), logLevel: 'warn', server: { port: PORT, host: '127.0.0.1' } });
  for (const [k, v] of Object.entries(saved)) {
    if (v === undefined) delete process.env[k];
    else process.env[k] = v;
  }
  const pages = pagesOf(OUT_DIR).filter((p) => !opts.quick || !p.startsWith('/zh/'));
  const chrome = await launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
  const rows: LighthouseRow[] = [];
  try {
    for (const page of pages) {
      process.stderr.write(`Lighthouse ${preset} ${page}… `);
      const row: LighthouseRow = { page, preset, scores: { performance: null, accessibility: null, 'best-practices': null, seo: null }, failing: {} };
      try {
        const result = await lighthouse(
          `http://127.0.0.1:${server.port}${page}`,
          { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: [...CATEGORIES] },
          preset === 'desktop' ? desktopConfig : undefined,
        );
        if (!result) throw new Error('no result');
        const { lhr } = result;
        if (lhr.runtimeError) row.error = `${lhr.runtimeError.code}: ${lhr.runtimeError.message}`;
        for (const c of CATEGORIES) {
          const cat = lhr.categories[c];
          row.scores[c] = cat?.score == null ? null : Math.round(cat.score * 100);
          const lost = (cat?.auditRefs ?? [])
            .filter((r) => r.weight > 0)
            .map((r) => lhr.audits[r.id]!)
            .filter((a) => a.score !== null && a.score < 1 && a.scoreDisplayMode !== 'informative' && a.scoreDisplayMode !== 'notApplicable' && a.scoreDisplayMode !== 'manual')
            .map((a) => `${a.id}${a.displayValue ? ` (${a.displayValue})` : ''}`);
          if (lost.length > 0) row.failing[c] = lost;
        }
      } catch (e) {
        row.error = e instanceof Error ? e.message : String(e);
      }
      rows.push(row);
      process.stderr.write(`${CATEGORIES.map((c) => row.scores[c] ?? '–').join('/')}${row.error ? ` (${row.error})` : ''}\n`);
    }
  } finally {
    chrome.kill();
    await server.stop();
  }
  return rows;
}

const heading = (preset: string) => `## Lighthouse 12.2.3, ${preset} preset: every page`;

/** The results.md section: a page × category table, scores below 95 in bold, and what cost them. */
export function lighthouseMarkdown(rows: LighthouseRow[]): string[] {
  if (rows.length === 0) return [heading('desktop'), '', 'Not run (no Chromium found).', ''];
  const cell = (s: number | null) => (s === null ? '–' : s < LIGHTHOUSE_MIN ? `**${s}**` : String(s));
  const below = rows.filter((r) => r.error || CATEGORIES.some((c) => (r.scores[c] ?? 0) < LIGHTHOUSE_MIN));
  const preset = rows[0]!.preset;
  const lines = [
    heading(preset),
    '',
    `Lighthouse's ${preset} configuration (simulated throttling${preset === 'mobile' ? ', 4× CPU slowdown of a shared, loaded 2-core box' : ''}), ` +
      `headless Chromium, a fresh build served by \`astro preview\`. Scores below ${LIGHTHOUSE_MIN} are in bold.`,
    '',
    '| page | performance | accessibility | best practices | SEO |',
    '|---|---:|---:|---:|---:|',
    ...rows.map((r) => `| ${r.page} | ${CATEGORIES.map((c) => cell(r.scores[c])).join(' | ')} |`),
    '',
    below.length === 0
      ? `Every page scores ≥ ${LIGHTHOUSE_MIN} in all four categories.`
      : `**Below ${LIGHTHOUSE_MIN}:** ${below.map((r) => r.page).join(', ')}.`,
    '',
  ];
  for (const r of below) {
    const why = [
      ...(r.error ? [`error: ${r.error}`] : []),
      ...CATEGORIES.filter((c) => (r.scores[c] ?? 0) < LIGHTHOUSE_MIN).map((c) => `${c}: ${(r.failing[c] ?? []).join(', ') || '?'}`),
    ];
    lines.push(`- ${r.page}: ${why.join('; ')}`);
  }
  if (below.length > 0) lines.push('');
  return lines;
}

/** The README's one line about Lighthouse (between the bench markers). */
export function lighthouseSummary(rows: LighthouseRow[]): string {
  if (rows.length === 0) return 'Lighthouse: not run.';
  const scores = rows.flatMap((r) => Object.values(r.scores).filter((v): v is number => typeof v === 'number'));
  return `Lighthouse (${rows[0]!.preset}, ${new Date().toISOString().slice(0, 10)}): ${rows.length} pages, lowest of the four scores ${Math.min(...scores)} (target ≥ 95)${scores.length < 4 * rows.length ? '; some audits failed to run' : ''}.`;
}

/**
 * `--only=lighthouse`: run this part and replace its section of results.md and its key of
 * results.json (`lighthouse`, or `lighthouseMobile` with `--lighthouse-preset=mobile`).
 */
export async function lighthouseOnly(argv: string[]): Promise<void> {
  const preset = argv.includes('--lighthouse-preset=mobile') ? 'mobile' : 'desktop';
  const rows = await lighthouseBench({ quick: argv.includes('--quick'), preset });
  const section = lighthouseMarkdown(rows);
  const mdPath = 'bench/results.md';
  const jsonPath = 'bench/results.json';
  const md = existsSync(mdPath) ? readFileSync(mdPath, 'utf8') : '# Benchmark results\n\n';
  const start = md.indexOf(heading(preset));
  const next = start < 0 ? -1 : md.indexOf('\n## ', start + 1);
  const updated = start < 0 ? `${md.trimEnd()}\n\n${section.join('\n')}` : `${md.slice(0, start)}${section.join('\n')}${next < 0 ? '' : md.slice(next)}`;
  writeFileSync(mdPath, updated.endsWith('\n') ? updated : `${updated}\n`);
  const json = existsSync(jsonPath) ? (JSON.parse(readFileSync(jsonPath, 'utf8')) as Record<string, unknown>) : {};
  json[preset === 'mobile' ? 'lighthouseMobile' : 'lighthouse'] = rows;
  json[preset === 'mobile' ? 'lighthouseMobileDate' : 'lighthouseDate'] = new Date().toISOString();
  writeFileSync(jsonPath, JSON.stringify(json, null, 2) + '\n');
  if (preset === 'desktop') {
    // the README's Lighthouse line, inside the bench markers
    const readme = readFileSync('README.md', 'utf8');
    const end = readme.indexOf('<!-- bench:end -->');
    const line = readme.lastIndexOf('\nLighthouse', end);
    if (end >= 0 && line >= 0 && line > readme.indexOf('<!-- bench:begin -->')) {
      writeFileSync('README.md', `${readme.slice(0, line + 1)}${lighthouseSummary(rows)}\n${readme.slice(end)}`);
    }
  }
  console.log(section.join('\n'));
}
