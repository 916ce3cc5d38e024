// `npm run build`: the Astro static build, then a Pagefind full-text index of the built pages.
// Pagefind's extended binary (shipped in its npm package) segments Chinese text, so 中文 words are
// found too. OUT_DIR/BASE_PATH are read by astro.config.mjs; the index goes into <outDir>/pagefind/.
import { build } from 'astro';
import * as pagefind from 'pagefind';
import path from 'node:path';
import { finishHosting, mib, normalizeBase } from './hosting.mjs';

process.env.ASTRO_TELEMETRY_DISABLED = '1';
const outDir = path.resolve(process.env.OUT_DIR ?? 'dist');

await build({ root: process.cwd(), logLevel: process.env.CI ? 'warn' : 'info' });

const { index, errors } = await pagefind.createIndex({});
if (!index) throw new Error(`pagefind could not start: ${errors.join('; ')}`);
const added = await index.addDirectory({ path: outDir });
if (added.errors.length > 0) throw new Error(`pagefind: ${added.errors.join('; ')}`);
const written = await index.writeFiles({ outputPath: path.join(outDir, 'pagefind') });
if (written.errors.length > 0) throw new Error(`pagefind: ${written.errors.join('; ')}`);
await pagefind.close();
console.log(`pagefind: indexed ${added.page_count} pages into ${path.relative(process.cwd(), outDir)}/pagefind/`);

// _headers (the Content-Security-Policy per page and worker) and the checks that fail the build:
// no inline script, the <meta> policy on every page, no file over 25 MiB.
const largest = finishHosting(outDir, normalizeBase(process.env.BASE_PATH));
console.log(`hosting: wrote _headers; largest file ${largest.rel} (${mib(largest.bytes)}, limit 25 MiB)`);
