/**
 * The lab page's strength sweep, both languages: the build-time default sweep without JavaScript;
 * Sweep runs a small sweep in the worker with progress, and the page then shows exactly what
 * src/lib/lab computes here in the test process; the parameter select writes its index and its
 * default values into the URL; Cancel keeps the previous results; a bad value shows the inline
 * message and keeps the last state. No wall-clock assertion.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseDigits } from '../../src/lib/digits';
import { labSplit, runSweep, type SweepResult } from '../../src/lib/lab';
import { parseQuery } from '../../src/lib/query';
import { SWEEP_DEFAULT_VALUES, checkSweepState, sweepSchema, sweepView, type SweepState } from '../../src/cells/labSweep';
import { commit, slotTexts, expectMessage, mounted } from './cells';

const data = parseDigits(JSON.parse(readFileSync(new URL('../../public/data/digits.json', import.meta.url), 'utf8')));

const cache = new Map<string, SweepResult>();
/** What src/lib/lab computes for the state a query describes (the defaults overridden by it). */
function expected(query: string): { state: SweepState; result: SweepResult } {
  const state = parseQuery(sweepSchema, query).state;
  if (!cache.has(query)) {
    const req = checkSweepState(state);
    cache.set(query, runSweep(labSplit(data, req.train), req.setting, req.param, req.values, req.seeds));
  }
  return { state, result: cache.get(query)! };
}

/** Every status text the cell shows from now on (recorded in the page, so a quick run cannot be missed). */
async function recordStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('#sweep-status')!;
    const w = window as unknown as { __status: string[] };
    w.__status = [el.textContent ?? ''];
    new MutationObserver(() => w.__status.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });
}

const rowsText = (page: Page, sel: string) => page.locator(`${sel} tbody tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? '')));

const SMALL = '?swValues=0,0.2&swSeeds=2';
const HEAVY = '?swN=1000&swSeeds=5&swValues=0,0.1,0.2';

for (const lang of ['en', 'zh'] as const) {
  test.describe(`lab sweep (${lang})`, () => {
    test('without JavaScript the build-time default sweep is all there', async ({ browser }) => {
      test.setTimeout(120_000);
      const { state, result } = expected('');
      const v = sweepView(state, lang, result);
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      await page.goto(`${lang}/lab/`);
      await expect(page.locator('#sweep-sentence')).toHaveText(v.text.sentence!);
      await expect(page.locator('#sweep-trained')).toHaveText(v.text.trained!);
      await expect(page.locator('#sweep-status')).toHaveText(v.text.status!);
      expect(await rowsText(page, '#sweep-table')).toEqual(v.rows.sweep);
      expect(await rowsText(page, 'table[data-table="sweepChart"]')).toEqual(v.tables.sweepChart.rows);
      await expect(page.locator('#sweep-description')).toHaveText(v.text.description!);
      await expect(page.locator('#sweep-stale')).toHaveText('');
      // The parameter is named in the select, never shown as its index.
      await expect(page.locator('#sweep-param option:checked')).toHaveText(lang === 'en' ? 'label smoothing ε' : '标签平滑 ε');
      await ctx.close();
    });

    test('Sweep runs the small sweep in the worker with progress, then shows what src/lib computes; the URL keeps the state', async ({ page }) => {
      test.setTimeout(120_000);
      const def = expected('');
      await page.goto(`${lang}/lab/${SMALL}`);
      const cell = page.locator('[data-cell="labSweep"]');
      await mounted(cell);
      // The URL's sweep is not the one run at build time: the results are marked stale, not hidden.
      await expect(page.locator('#sweep-stale')).toHaveText(lang === 'en' ? /^You changed the sweep/ : /^你修改了扫描设置/);
      await expect(page.locator('#sweep-sentence')).toHaveText(sweepView(def.state, lang, def.result).text.sentence!);
      await expect(page.locator('#sweep-values')).toHaveValue('0,0.2');

      await recordStatus(page);
      await page.locator('#sweep-run').click();
      const { state, result } = expected(SMALL);
      const v = sweepView(state, lang, result, { kind: 'idle', origin: 'browser' });
      await expect(page.locator('#sweep-sentence')).toHaveText(v.text.sentence!, { timeout: 60_000 });
      await expect(page.locator('#sweep-status')).toHaveText(v.text.status!);
      await expect(page.locator('#sweep-stale')).toHaveText('');
      expect(await rowsText(page, '#sweep-table')).toEqual(v.rows.sweep);
      expect(await rowsText(page, 'table[data-table="sweepChart"]')).toEqual(v.tables.sweepChart.rows);
      await expect(page.locator('#sweep-progress')).toBeHidden();
      await expect(page.locator('#sweep-cancel')).toBeHidden();
      const seen = await page.evaluate(() => (window as unknown as { __status: string[] }).__status);
      expect(seen.some((t) => (lang === 'en' ? /^Sweeping value [12] of 2 \(ε = 0(\.2)?\), seed [01]/ : /^扫描中：第 [12] \/ 2 个取值/).test(t)), seen.join('\n')).toBe(true);
      // The chart is redrawn from the new result, with its description.
      await expect(cell.locator('figure.chart svg[role="img"]')).toHaveAttribute('aria-description', v.text.description!);

      // An edit marks the results stale; the URL keeps it.
      await commit(page, '#sweep-values', '0, 0.1');
      await expect(page).toHaveURL(/swValues=0,0.1(&|$)/);
      await expect(page.locator('#sweep-stale')).not.toHaveText('');
      await expect(page.locator('#sweep-sentence')).toHaveText(v.text.sentence!);
      // Choosing another parameter by name writes its index and brings its default values.
      await page.locator('#sweep-param').selectOption({ label: lang === 'en' ? 'L1 penalty λ' : 'L1 惩罚系数 λ' });
      await expect(page).toHaveURL(/swParam=1/);
      await expect(page.locator('#sweep-values')).toHaveValue(SWEEP_DEFAULT_VALUES.l1.join(','));
      await expect(page.locator('#sweep-values')).not.toHaveAttribute('aria-invalid', '');
      await page.reload();
      await mounted(cell);
      await expect(page.locator('#sweep-param')).toHaveValue('1');
      await expect(page.locator('#sweep-values')).toHaveValue(SWEEP_DEFAULT_VALUES.l1.join(','));
      await expect(page.locator('#sweep-seeds')).toHaveValue('2');
      await page.goBack();
      await expect(page.locator('#sweep-param')).toHaveValue('4');
      await expect(page.locator('#sweep-values')).toHaveValue('0,0.1');
    });

    test('Cancel stops a sweep and keeps the previous results', async ({ page }) => {
      test.setTimeout(120_000);
      const def = expected('');
      const before = sweepView(def.state, lang, def.result).text.sentence!;
      await page.goto(`${lang}/lab/${HEAVY}`);
      await mounted(page.locator('[data-cell="labSweep"]'));
      await page.locator('#sweep-run').click();
      await expect(page.locator('#sweep-status')).toHaveText(lang === 'en' ? /^Sweeping value 1 of 3/ : /^扫描中：第 1 \/ 3 个取值/, { timeout: 60_000 });
      await expect(page.locator('#sweep-progress')).toBeVisible();
      const cancel = page.locator('#sweep-cancel');
      await cancel.focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('#sweep-status')).toHaveText(lang === 'en' ? /^Sweep cancelled/ : /^已取消扫描/);
      await expect(page.locator('#sweep-sentence')).toHaveText(before);
      await expect(cancel).toBeHidden();
      await expect(page.locator('#sweep-progress')).toBeHidden();
      await expect(page.locator('#sweep-run')).toBeFocused();
      await expect(page.locator('#sweep-stale')).not.toHaveText('');
    });

    test('a bad typed value shows the inline message and keeps the last state', async ({ page }) => {
      await page.goto(`${lang}/lab/`);
      const cell = page.locator('[data-cell="labSweep"]');
      await mounted(cell);
      const before = await slotTexts(cell);
      const url = page.url();
      await commit(page, '#sweep-values', '0.2, 0.1');
      await expectMessage(cell.locator('[data-cell-error]'), 'values must be distinct and ascending; received values[1] = 0.1 after values[0] = 0.2');
      await expect(page.locator('#sweep-values')).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(cell)).toEqual(before);
      expect(page.url()).toBe(url);
      await commit(page, '#sweep-values', '0, x');
      await expectMessage(cell.locator('[data-cell-error]'), 'swValues[1] must be a number; received "x"');
      // Values fine for one parameter can be out of another's range.
      await commit(page, '#sweep-values', '0, 0.5');
      await expect(page).toHaveURL(/swValues=0,0.5/);
      await page.goto(`${lang}/lab/?swParam=0&swValues=0,0.5`);
      await expectMessage(cell.locator('[data-cell-error]'), 'values[1] must be in [0, 0.1]; received 0.5');
      // Values that are each fine but too much work together are refused before anything trains.
      await page.goto(`${lang}/lab/`);
      await mounted(cell);
      await commit(page, '#sweep-seeds', '10');
      await commit(page, '#sweep-n', '1000');
      await expectMessage(cell.locator('[data-cell-error]'), /the sweep's work .* must be ≤ 20000000000/);
      await expect(page).not.toHaveURL(/swN=1000/);
      await expect(page.locator('#sweep-n')).toHaveAttribute('aria-invalid', '');
      // The hidden parameter index from the URL is checked like any other.
      await page.goto(`${lang}/lab/?swParam=9`);
      await expectMessage(cell.locator('[data-cell-error]'), 'swParam must be an integer in [0, 5]; received 9');
      await expect(page.locator('#sweep-param')).toHaveValue('4');
    });
  });
}
