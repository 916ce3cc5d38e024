/**
 * Hostile query strings and inputs on every page, both languages (issue #6). Each page's parameter
 * names are read from its own inputs (`input[data-param]`). For each page: every parameter set to
 * NaN, 1e999, −1e999, HTML/script text, 99999999, empty and %00 (rotated so each parameter meets
 * each value), then — through history + popstate, as the Back button does, since a static server
 * refuses such long request lines — a 5,000-parameter query, 100 kB values, 30,001-number lists and
 * repeated parameters (tests/browser/hostileQueries.ts, the cases the bench times).
 * Checks: no page error, no console error, nothing injected (window.__pwned unset, no <img>/<script>
 * made from the query), no NaN/undefined/Infinity in any cell, an inline message naming the
 * parameter and what was received, inputs showing the last valid state; and a bad value typed into
 * an input keeps every number on screen.
 */
import { expect, test, type Page } from '@playwright/test';
import { mountEveryCell, slotTexts } from './cells';
import { deliverByPopstate, hostileQueries } from './hostileQueries';
import { MAX_QUERY_LENGTH } from '../../src/lib/query';

const TOPICS = ['l1-l2', 'data-augmentation', 'dropout', 'label-smoothing', 'early-stopping', 'weight-sharing', 'adversarial-training', 'batch-norm', 'vq', 'errata', 'lab'];
const PAGES = ['', ...(['zh', 'en'] as const).flatMap((l) => [`${l}/`, `${l}/search/`, ...TOPICS.map((t) => `${l}/${t}/`)])];

const HOSTILE = ['NaN', '1e999', '-1e999', '<img src=x onerror=window.__pwned=1>', '"><script>window.__pwned=1</script>', '99999999', '', '%00'];

interface Probe {
  pwned: unknown;
  injected: string[];
  bad: string[];
  cells: { cell: string; params: string[]; error: string; inputs: Record<string, string> }[];
}

/** Everything checked after a navigation, read in one round trip (runs in the page: no module scope). */
function probeSource(): Probe {
  const BAD_IN_INPUT = /NaN|undefined|Infinity|<|>/;
  const injected = [
    ...Array.from(document.querySelectorAll('img')).filter((i) => i.getAttribute('src') === 'x' || i.hasAttribute('onerror')).map((i) => i.outerHTML),
    ...Array.from(document.querySelectorAll('script')).filter((s) => (s.textContent ?? '').includes('__pwned')).map((s) => s.outerHTML.slice(0, 80)),
  ];
  const bad: string[] = [];
  const cells = Array.from(document.querySelectorAll<HTMLElement>('[data-cell]')).map((root) => {
    const clone = root.cloneNode(true) as HTMLElement;
    clone.querySelectorAll('[data-cell-error]').forEach((e) => e.remove());
    const text = clone.textContent ?? '';
    const m = /.{0,40}\b(NaN|undefined|Infinity)\b.{0,40}/.exec(text);
    if (m) bad.push(`${root.dataset.cell}: …${m[0]}…`);
    const inputs: Record<string, string> = {};
    root.querySelectorAll<HTMLInputElement>('input[data-param]').forEach((i, n) => {
      const v = i.type === 'checkbox' ? (i.checked ? '1' : '0') : i.value;
      if (BAD_IN_INPUT.test(v)) bad.push(`${root.dataset.cell}: input ${i.dataset.param} = ${v.slice(0, 40)}`);
      inputs[`${i.dataset.param}:${i.type}:${n}`] = v;
    });
    return {
      cell: root.dataset.cell ?? '',
      params: [...new Set(Array.from(root.querySelectorAll<HTMLInputElement>('input[data-param]'), (i) => i.dataset.param!))],
      // The library's sentence (data-message) where the page shows the reader's-language one.
      error: (() => {
        const box = root.querySelector<HTMLElement>('[data-cell-error]');
        return box?.dataset.message ?? box?.textContent ?? '';
      })(),
      inputs,
    };
  });
  return { pwned: (window as unknown as { __pwned?: unknown }).__pwned, injected, bad, cells };
}

async function ready(page: Page): Promise<void> {
  // Cells load their script when the reader needs them (the URL sets one of their parameters, or they
  // come into view): scroll through the page, as a reader would, until every one has mounted.
  await mountEveryCell(page, 60_000);
}

function expectClean(where: string, p: Probe, errors: string[]): void {
  expect(errors, `${where}: page errors / console errors`).toEqual([]);
  expect(p.pwned, `${where}: script from the query ran`).toBeUndefined();
  expect(p.injected, `${where}: elements built from the query`).toEqual([]);
  expect(p.bad, `${where}: NaN/undefined/Infinity on screen`).toEqual([]);
}

test.describe.configure({ mode: 'parallel' });

for (const path of PAGES) {
  test(`hostile query strings: /${path}`, async ({ page }) => {
    test.setTimeout(120_000);
    const lang = path.startsWith('zh') ? 'zh' : 'en';
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && errors.push(`console: ${m.text()}`));

    await page.goto(path);
    await ready(page);
    const clean = await page.evaluate(probeSource);
    expectClean(`/${path}`, clean, errors);
    const params = [...new Set(clean.cells.flatMap((c) => c.params))];
    const owner = new Map(clean.cells.flatMap((c) => c.params.map((p) => [p, c.cell] as const)));

    // 1. Every parameter meets every hostile value (rotated: one URL per value).
    const rounds = params.length > 0 ? HOSTILE.length : 1;
    for (let r = 0; r < rounds; r++) {
      const assigned = new Map(params.map((p, j) => [p, HOSTILE[(r + j) % HOSTILE.length]!]));
      const q = [...assigned].map(([p, v]) => `${encodeURIComponent(p)}=${v === '%00' ? v : encodeURIComponent(v)}`).join('&');
      await page.goto(`${path}?${q || 'x=%3Cimg%20src%3Dx%20onerror%3Dwindow.__pwned%3D1%3E'}`);
      await ready(page);
      const p = await page.evaluate(probeSource);
      const where = `/${path}?${q.slice(0, 120)}`;
      expectClean(where, p, errors);
      for (const c of p.cells) {
        if (c.params.length === 0) continue;
        const before = clean.cells.find((x) => x.cell === c.cell)!;
        // The last valid state (here the defaults) stays in every input refused; 99999999 is a valid seed.
        const kept = (inputs: Record<string, string>) =>
          Object.fromEntries(Object.entries(inputs).filter(([k]) => assigned.get(k.split(':')[0]!) !== '99999999'));
        expect(kept(c.inputs), `${where}: ${c.cell} inputs`).toEqual(kept(before.inputs));
        const allAccepted = c.params.every((n) => assigned.get(n) === '99999999');
        if (allAccepted) continue;
        // An inline message names a parameter of this cell, what it must be and what was received.
        expect(c.error, `${where}: ${c.cell} shows no message`).toMatch(new RegExp(`(${c.params.join('|')})\\S* must .*received`));
      }
    }

    // 2. Through history + popstate (as Back/Forward): 5,000 parameters, 100 kB values, repeated parameters.
    if (params.length > 0) {
      await page.goto(path);
      await ready(page);
      for (const { name, query: q } of hostileQueries(params)) {
        // The page's own handling, timed inside the page (not Chromium's digestion of a megabyte URL, nor the
        // test driver): a guard against a frozen tab, 10× the 100 ms the bench holds every case to. One
        // delivery can be stretched by what is not the page's work (a garbage collection after megabytes
        // of URL, the other worker's browser on a 2-core machine: 1.0–1.5 s seen in CI for a case the quiet
        // machine handles in 20–45 ms); a page whose own handling is slow is slow every time. So the bound
        // holds for the fastest of up to three deliveries of the same query.
        let ms = Infinity;
        for (let attempt = 0; attempt < 3 && ms >= 1000; attempt++) ms = Math.min(ms, await page.evaluate(deliverByPopstate, q));
        expect(ms, `/${path}: ${name}: the page's popstate handling must not freeze the tab`).toBeLessThan(1000);
        const p = await page.evaluate(probeSource);
        // An oversized query is refused whole and the URL replaced by the clean one, never written back.
        if (q.length > MAX_QUERY_LENGTH) {
          await expect.poll(() => page.evaluate(() => location.search.length), { message: `/${path}: ${name}: the URL after refusal` }).toBe(0);
        }
        const where = `/${path} (popstate ${q.slice(0, 60)}…)`;
        expectClean(where, p, errors);
        for (const c of p.cells) {
          if (c.params.length === 0 || !q.includes(`${c.params[0]}=`)) continue;
          const before = clean.cells.find((x) => x.cell === c.cell)!;
          expect(c.inputs, `${where}: ${c.cell} inputs`).toEqual(before.inputs);
          // Every case gives each parameter a bad first value: NaN, 100 kB, 30,001 numbers.
          expect(c.error, `${where}: ${c.cell}`).toMatch(/ must .*received/);
          expect(c.error.length, `${where}: ${c.cell} message echoes the value`).toBeLessThan(600);
        }
      }
    }

    // 3. Typing a bad value keeps every number on screen and the URL.
    if (params.length > 0) {
      await page.goto(path);
      await ready(page);
      for (const c of clean.cells.filter((x) => x.params.length > 0)) {
        const root = page.locator(`[data-cell="${c.cell}"]`).first();
        const input = root.locator('input[data-param]:is([type="text"], [type="number"]):visible:not(:disabled)').first();
        if ((await input.count()) === 0) continue;
        const name = (await input.getAttribute('data-param'))!;
        const type = await input.getAttribute('type');
        const before = await slotTexts(root);
        const url = page.url();
        const bad = type === 'number' ? '-99999999' : '<img src=x onerror=window.__pwned=1>';
        await input.fill(bad);
        await input.press('Enter');
        await expect(root.locator('[data-cell-error]'), `/${path} ${c.cell}: typed ${bad} into ${name}`).toHaveAttribute(
          'data-message',
          // (A size check may come first: "x must have 2 to 32 rows; received 1".)
          new RegExp(`${name}\\S* must .*received ${type === 'number' ? '−?-?99999999' : '("<img|\\d)'}`),
        );
        await expect(root.locator('[data-cell-error]')).toContainText(lang === 'zh' ? '无效的值：' : 'Invalid value: ');
        expect(await slotTexts(root), `/${path} ${c.cell}: the last valid numbers stay`).toEqual(before);
        expect(page.url(), `/${path} ${c.cell}: the URL keeps the last valid state`).toBe(url);
        const p = await page.evaluate(probeSource);
        expect(p.pwned).toBeUndefined();
        expect(p.injected).toEqual([]);
      }
      expect(errors, `/${path}: errors while typing`).toEqual([]);
    }
  });
}
