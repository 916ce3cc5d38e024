/**
 * Accessibility (#6): axe-core on every page in both colour schemes, keyboard reachability with a
 * visible focus ring, one polite live summary per live cell, a name, description and data table for
 * every chart, KaTeX's MathML and the lang attributes.
 */
import { expect, test, type Page } from '@playwright/test';
import AxeBuilder from '@axe-core/playwright';
import { commit, mountEveryCell } from './cells';

const TOPICS = ['l1-l2', 'data-augmentation', 'dropout', 'label-smoothing', 'early-stopping', 'weight-sharing', 'adversarial-training', 'batch-norm', 'vq', 'lab'];
/** All 27 pages: the root, and per language the contents, search, errata, the nine topics and the lab. */
const PAGES = ['', ...(['zh', 'en'] as const).flatMap((l) => [`${l}/`, `${l}/search/`, `${l}/errata/`, ...TOPICS.map((t) => `${l}/${t}/`)])];

/** Loads a page and waits until every cell has hydrated and every chart has drawn. */
async function settle(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await mountEveryCell(page);
  // A chart figure is drawn when its mount holds an svg or canvas.
  // (A hidden figure — a lab view of a technique the result did not use — is not drawn.)
  await expect(page.locator('figure.chart:not([hidden]) [data-chart-mount]:not(:has(svg, canvas))')).toHaveCount(0, { timeout: 30_000 });
}

for (const colorScheme of ['light', 'dark'] as const) {
  test(`axe: no violations on any page (${colorScheme})`, async ({ page }) => {
    test.setTimeout(600_000);
    await page.emulateMedia({ colorScheme });
    const report: string[] = [];
    for (const path of PAGES) {
      await settle(page, path);
      // Full default rule set (WCAG 2.0/2.1/2.2 A and AA + best practices). No rule or element is
      // excluded: the Pagefind search UI passes too.
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'])
        .analyze();
      for (const v of result.violations) {
        report.push(`/${path} ${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
      }
    }
    expect(report).toEqual([]);
  });
}

/** Tabs through the page; returns what got focus and how its focus ring looks. */
async function tabThrough(page: Page, max = 400) {
  const seen: { key: string; ring: boolean; what: string }[] = [];
  await page.locator('body').focus();
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const info = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement | null;
      if (!el || el === document.body) return null;
      if (!el.dataset.a11yKey) el.dataset.a11yKey = String(Math.random());
      const s = getComputedStyle(el);
      const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
      const shadow = s.boxShadow !== 'none' && s.boxShadow !== '';
      return { key: el.dataset.a11yKey, ring: outline || shadow, what: `${el.tagName.toLowerCase()}#${el.id}.${el.className} "${(el.textContent ?? '').trim().slice(0, 30)}"` };
    });
    if (!info) continue;
    if (seen.some((s) => s.key === info.key)) break; // wrapped around
    seen.push(info);
  }
  return seen;
}

for (const path of ['en/vq/', 'en/l1-l2/', 'zh/search/']) {
  test(`keyboard: every control on /${path} is reached by Tab and shows a focus ring`, async ({ page }) => {
    test.setTimeout(180_000);
    await settle(page, path);
    // Open every <details> so the controls inside are tabbable too.
    await page.evaluate(() => document.querySelectorAll('main details').forEach((d) => ((d as HTMLDetailsElement).open = true)));
    const controls = await page.evaluate(() => {
      // tabindex="-1" marks a roving-tabindex group member (the digit pad), and an unchecked radio
      // shares its group's one tab stop: both are reached by arrow keys, as the platform intends.
      const sel = ':is(a[href], button, input, select, textarea, summary, [tabindex="0"]):not([tabindex="-1"], input[type="radio"]:not(:checked))';
      return Array.from(document.querySelectorAll<HTMLElement>(sel))
        .filter((el) => !(el as HTMLInputElement).disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
        .map((el) => {
          if (!el.dataset.a11yKey) el.dataset.a11yKey = String(Math.random());
          return el.dataset.a11yKey;
        });
    });
    expect(controls.length).toBeGreaterThan(3);
    const seen = await tabThrough(page);
    const reached = new Set(seen.map((s) => s.key));
    const missed = controls.filter((k) => !reached.has(k));
    expect(missed, 'controls never reached by Tab').toEqual([]);
    const noRing = seen.filter((s) => !s.ring).map((s) => s.what);
    expect(noRing, 'focused without a visible focus indicator').toEqual([]);
  });
}

test('the focus ring is visible in the dark scheme too', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await settle(page, 'en/label-smoothing/');
  await page.locator('#ls-eps').focus();
  await page.keyboard.press('Shift+Tab');
  await page.keyboard.press('Tab');
  const ring = await page.locator('#ls-eps').evaluate((el) => {
    const s = getComputedStyle(el);
    return { style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor };
  });
  expect(ring.style).not.toBe('none');
  expect(ring.width).toBeGreaterThanOrEqual(2);
  expect(ring.colour).toBe('rgb(138, 180, 248)');
});

test('every live cell has exactly one polite live summary, filled from its view', async ({ page }) => {
  test.setTimeout(300_000);
  for (const path of ['en/errata/', ...TOPICS.map((t) => `en/${t}/`), 'zh/label-smoothing/']) {
    await settle(page, path);
    const cells = await page.locator('[data-cell]').evaluateAll((roots) =>
      roots.map((r) => ({
        cell: (r as HTMLElement).dataset.cell,
        regions: r.querySelectorAll('[data-live-summary][aria-live="polite"]').length,
        text: r.querySelector('[data-live-summary]')?.textContent ?? '',
        otherPolite: Array.from(r.querySelectorAll('output:not([aria-live])')).length,
      })),
    );
    expect(cells.length, path).toBeGreaterThan(0);
    for (const c of cells) {
      expect(c.regions, `${path} ${c.cell}`).toBe(1);
      expect(c.text.trim().length, `${path} ${c.cell}`).toBeGreaterThan(0);
      expect(c.text, `${path} ${c.cell}`).not.toMatch(/NaN|undefined|Infinity/);
      expect(c.otherPolite, `${path} ${c.cell}: an <output> still announces on its own`).toBe(0);
    }
  }
});

test('editing a parameter changes the live summary (label smoothing, L1/L2 penalty, weight sharing)', async ({ page }) => {
  await settle(page, 'en/label-smoothing/');
  const ls = page.locator('[data-cell="label-smoothing"] [data-live-summary]');
  await expect(ls).toHaveText('Cross-entropy with smoothing: 0.5076; without: 0.4076; optimal margin: 3.3322');
  await commit(page, '#ls-eps', '0.2');
  await expect(ls).toContainText('Cross-entropy with smoothing: 0.6076');
  await expect(ls).toContainText(`optimal margin: ${await page.locator('[data-cell="label-smoothing"] [data-slot="optimalMargin"]').evaluate((e) => e.textContent!.split(' = ').pop())}`);

  await settle(page, 'zh/l1-l2/');
  const pen = page.locator('[data-cell="l1l2-penalty"] [data-live-summary]');
  const before = await pen.textContent();
  const input = page.locator('#l12-lam');
  await input.fill('0.5');
  await input.press('Enter');
  await expect(pen).not.toHaveText(before!);
  await expect(pen).toContainText('L1 惩罚：');

  await settle(page, 'en/weight-sharing/');
  const ws = page.locator('[data-cell="ws-count"] [data-live-summary]');
  await expect(ws).toContainText('Convolution parameters: 448');
  const cout = page.locator('#ws-cout');
  await cout.fill('32');
  await cout.press('Enter');
  await expect(ws).toContainText('Convolution parameters: 896');
});

test('every chart on every page has a name, a description and a data table with rows', async ({ page }) => {
  test.setTimeout(300_000);
  let charts = 0;
  for (const path of PAGES) {
    await settle(page, path);
    const found = await page.locator('figure.chart:not([hidden]), figure.net').evaluateAll((figs) =>
      figs.map((f) => {
        const drawings = Array.from(f.querySelectorAll('svg, canvas')).filter((d) => !d.parentElement?.closest('svg') && !d.closest('[aria-hidden="true"]'));
        const problems: string[] = [];
        if (drawings.length === 0) problems.push('no drawing');
        for (const d of drawings) {
          if (d.getAttribute('role') !== 'img') problems.push(`${d.tagName} without role=img`);
          const name = d.getAttribute('aria-label') ?? (d.getAttribute('aria-labelledby') ? document.getElementById(d.getAttribute('aria-labelledby')!)?.textContent : null);
          if (!name?.trim()) problems.push(`${d.tagName} without a name`);
          const descIds = [d.getAttribute('aria-describedby'), d.getAttribute('aria-labelledby')].filter(Boolean).join(' ').split(/\s+/).filter(Boolean);
          const desc = descIds.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
          if (desc.trim().length < 20) problems.push(`${d.tagName} without a description`);
          if (d.querySelector('g[aria-label]:not([role])')) problems.push('g with aria-label');
        }
        // The data table: inside the figure, or the cell's own table linked by aria-details.
        const linked = drawings.map((d) => document.getElementById(d.getAttribute('aria-details') ?? '')).filter((t): t is HTMLElement => t !== null);
        const tables = [...Array.from(f.querySelectorAll('details table')), ...linked].filter((t) => t.tagName === 'TABLE');
        const rows = tables.reduce((n, t) => n + t.querySelectorAll('tbody tr').length, 0);
        if (rows < 1) problems.push('no data table rows');
        const cells = tables.flatMap((t) => Array.from(t.querySelectorAll('td'))).map((c) => c.textContent ?? '');
        if (cells.some((c) => /NaN|undefined/.test(c))) problems.push('NaN in the data table');
        return { where: `${f.closest('[data-cell]')?.getAttribute('data-cell')} ${f.getAttribute('data-chart') ?? f.className}`, problems };
      }),
    );
    charts += found.length;
    for (const f of found) expect(f.problems, `/${path} ${f.where}`).toEqual([]);
  }
  // 2 × (label smoothing 1, L1/L2 6 (with the bias–variance cell's decomposition and validation curve), dropout 4,
  // early stopping 2, weight sharing 3, adversarial 3 (with PGD's accuracy curves), batch norm 3 (its
  // running statistics, and the noise cell's spread and std-against-B), VQ 4,
  // lab 2 + its reliability diagram 1 + its sweep 1), plus the two charts of the "Does it help?" lab cell on each of
  // the nine topic pages and the technique view of six of them (weights, samples, reliability, attack, BN's loss;
  // early stopping's view is a table and marks on the accuracy chart).
  expect(charts).toBe(2 * (1 + 6 + 4 + 2 + 3 + 3 + 3 + 4 + 4) + 2 * (9 * 2 + 5));
});

test('a chart data table follows an edit (label smoothing)', async ({ page }) => {
  await settle(page, 'en/label-smoothing/');
  const table = page.locator('[data-cell="label-smoothing"] table[data-table="margin"]');
  await expect(table.locator('thead th').nth(1)).toHaveText('loss, ε = 0.1');
  await commit(page, '#ls-eps', '0.3');
  await expect(table.locator('thead th').nth(1)).toHaveText('loss, ε = 0.3');
  await expect(table.locator('tbody tr')).toHaveCount(21);
});

test('formulas keep their MathML; lang attributes match the path; the language switch says its language', async ({ page }) => {
  test.setTimeout(180_000);
  for (const path of PAGES) {
    await page.goto(path);
    const lang = await page.locator('html').getAttribute('lang');
    if (path.startsWith('zh/')) expect(lang, path).toBe('zh-CN');
    else expect(lang, path).toBe('en');
    if (path === '') {
      await expect(page.locator('a[hreflang="zh-CN"][lang="zh-CN"]')).toHaveCount(1);
      continue;
    }
    const other = path.startsWith('zh/') ? { hreflang: 'en', lang: 'en' } : { hreflang: 'zh-CN', lang: 'zh-CN' };
    const sw = page.locator(`header a[data-keep-query][hreflang="${other.hreflang}"][lang="${other.lang}"]`);
    await expect(sw, path).toHaveCount(1);
    // WCAG 2.5.3 (label in name): its name is the text it shows; what it does is its description.
    await expect(sw, path).toHaveAccessibleName(other.lang === 'en' ? 'English' : '中文');
    await expect(sw, path).toHaveAccessibleDescription(other.lang === 'en' ? '切换到英文版（保留当前参数）' : 'Switch to Chinese (keeps the current parameters)');
    if (TOPICS.some((t) => path.endsWith(`/${t}/`))) {
      const katex = await page.locator('.katex').count();
      expect(katex, path).toBeGreaterThan(0);
      // Every rendered formula carries its MathML (what screen readers read).
      await expect(page.locator('.katex:not(:has(.katex-mathml math))'), path).toHaveCount(0);
    }
  }
});
