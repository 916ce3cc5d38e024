/**
 * The lab page, both languages: the build-time default results without JavaScript; Train runs a
 * small setting in the worker with progress, and the page then shows exactly what src/lib/lab
 * computes here in the test process; Cancel keeps the previous results; the URL keeps the state; a
 * bad value shows the inline message and keeps the last state. No wall-clock assertion.
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseDigits } from '../../src/lib/digits';
import { labSplit, runLab, type LabResult } from '../../src/lib/lab';
import { defaults, parseQuery } from '../../src/lib/query';
import { checkLabState, labSchema, labView, type LabState } from '../../src/cells/lab';
import { commit, slotTexts, expectMessage, mounted } from './cells';

const data = parseDigits(JSON.parse(readFileSync(new URL('../../public/data/digits.json', import.meta.url), 'utf8')));

const cache = new Map<string, LabResult>();
/** What src/lib/lab computes for the state a query describes (the defaults overridden by it). */
function expected(query: string): { state: LabState; result: LabResult } {
  const state = parseQuery(labSchema, query).state;
  if (!cache.has(query)) {
    const req = checkLabState(state);
    cache.set(query, runLab(labSplit(data, req.train), req.setting, req.seeds));
  }
  return { state, result: cache.get(query)! };
}

/** Every status text the cell shows from now on (recorded in the page, so a quick run cannot be missed). */
async function recordStatus(page: Page): Promise<void> {
  await page.evaluate(() => {
    const el = document.querySelector('#lab-status')!;
    const w = window as unknown as { __status: string[] };
    w.__status = [el.textContent ?? ''];
    new MutationObserver(() => w.__status.push(el.textContent ?? '')).observe(el, { childList: true, characterData: true, subtree: true });
  });
}

const rowsText = (page: Page, sel: string) => page.locator(`${sel} tbody tr`).evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent ?? '')));

const SMALL = '?labSeeds=2&labEpochs=3&labHidden=16';

for (const lang of ['en', 'zh'] as const) {
  test.describe(`lab (${lang})`, () => {
    test('without JavaScript the build-time default results are all there', async ({ browser }) => {
      test.setTimeout(120_000);
      const { state, result } = expected('');
      const v = labView(state, lang, result);
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      await page.goto(`${lang}/lab/`);
      await expect(page.locator('#lab-sentence')).toHaveText(v.text.sentence!);
      await expect(page.locator('#lab-trained')).toHaveText(v.text.trained!);
      expect(await rowsText(page, '#lab-final')).toEqual(v.rows.final);
      expect(await rowsText(page, '#lab-seeds-table')).toEqual(v.rows.seeds);
      for (const [name, table] of Object.entries(v.tables)) {
        expect(await rowsText(page, `table[data-table="${name}"]`), name).toEqual(table.rows);
      }
      await expect(page.locator('[data-chart="baseline"] figcaption')).toHaveText(v.text.baselineDescription!);
      await expect(page.locator('#lab-stale')).toHaveText('');
      // The defaults' claim the page makes: label smoothing wins beyond the seed spread.
      expect(v.summary.difference.verdict).toBe('better');
      await ctx.close();
    });

    test('Train runs the setting in the worker with progress, then shows what src/lib computes; the URL keeps it', async ({ page }) => {
      test.setTimeout(120_000);
      const def = expected('');
      await page.goto(`${lang}/lab/${SMALL}`);
      const cell = page.locator('[data-cell="lab"]');
      await mounted(cell);
      // The URL's setting is not the one trained at build time: the results are marked stale, not hidden.
      await expect(page.locator('#lab-stale')).toHaveText(lang === 'en' ? /^You changed the setting/ : /^你修改了设置/);
      await expect(page.locator('#lab-sentence')).toHaveText(labView(def.state, lang, def.result).text.sentence!);
      await expect(page.locator('#lab-epochs')).toHaveValue('3');

      await recordStatus(page);
      await page.locator('#lab-train').click();
      const { state, result } = expected(SMALL);
      const v = labView(state, lang, result, { kind: 'idle', origin: 'browser' });
      await expect(page.locator('#lab-sentence')).toHaveText(v.text.sentence!, { timeout: 60_000 });
      await expect(page.locator('#lab-status')).toHaveText(v.text.status!);
      await expect(page.locator('#lab-stale')).toHaveText('');
      expect(await rowsText(page, '#lab-final')).toEqual(v.rows.final);
      expect(await rowsText(page, '#lab-seeds-table')).toEqual(v.rows.seeds);
      expect(await rowsText(page, 'table[data-table="curveSetting"]')).toEqual(v.tables.curveSetting.rows);
      await expect(page.locator('#lab-progress')).toBeHidden();
      await expect(page.locator('#lab-cancel')).toBeHidden();
      const seen = await page.evaluate(() => (window as unknown as { __status: string[] }).__status);
      expect(seen.some((t) => (lang === 'en' ? /^Training run \d+ of 4 \(seed [01]/ : /^训练中：第 \d+ \/ 4 次/).test(t)), seen.join('\n')).toBe(true);
      // Charts redrawn from the new result, with their descriptions.
      await expect(cell.locator('figure[data-chart] svg[aria-description]')).toHaveCount(2);
      await expect(cell.locator('[data-chart="setting"] svg[role="img"]')).toHaveAttribute('aria-description', v.text.settingDescription!);
      // The technique's view (label smoothing: the reliability diagram) redrawn from the new result too.
      expect(v.probes.shown.calibration).toBe(true);
      await expect(cell.locator('[data-probe="calibration"] svg[role="img"]')).toHaveAttribute('aria-description', v.text.calibrationDescription!);
      expect(await rowsText(page, 'table[data-table="probeCalibration"]')).toEqual(v.tables.probeCalibration.rows);

      // An edit marks them stale; the URL keeps the edit and a reload shows it.
      await commit(page, '#lab-ls', '0.1');
      await expect(page).toHaveURL(/labLs=0.1/);
      await expect(page.locator('#lab-stale')).not.toHaveText('');
      await expect(page.locator('#lab-sentence')).toHaveText(v.text.sentence!);
      await page.locator('#lab-opt').selectOption({ label: 'SGD' });
      await expect(page).toHaveURL(/labOpt=0/);
      await page.reload();
      await mounted(cell);
      await expect(page.locator('#lab-ls')).toHaveValue('0.1');
      await expect(page.locator('#lab-opt')).toHaveValue('0');
      await expect(page.locator('#lab-hidden')).toHaveValue('16');
      await expect(page.locator('#lab-stale')).not.toHaveText('');
      await page.goBack();
      await expect(page.locator('#lab-opt')).toHaveValue('1');
    });

    test('Cancel stops a run and keeps the previous results', async ({ page }) => {
      test.setTimeout(120_000);
      const def = expected('');
      const before = labView(def.state, lang, def.result).text.sentence!;
      await page.goto(`${lang}/lab/?labN=1000&labEpochs=80&labSeeds=5`);
      await mounted(page.locator('[data-cell="lab"]'));
      await page.locator('#lab-train').click();
      await expect(page.locator('#lab-status')).toHaveText(lang === 'en' ? /^Training run 1 of 10/ : /^训练中：第 1 \/ 10 次/, { timeout: 60_000 });
      await expect(page.locator('#lab-progress')).toBeVisible();
      const cancel = page.locator('#lab-cancel');
      await cancel.focus();
      await page.keyboard.press('Enter');
      await expect(page.locator('#lab-status')).toHaveText(lang === 'en' ? /^Training cancelled/ : /^已取消训练/);
      await expect(page.locator('#lab-sentence')).toHaveText(before);
      await expect(cancel).toBeHidden();
      await expect(page.locator('#lab-progress')).toBeHidden();
      // Keyboard focus stays in the cell, on Train.
      await expect(page.locator('#lab-train')).toBeFocused();
      await expect(page.locator('#lab-stale')).not.toHaveText('');
    });

    test('Train during a run restarts it with the current state (bar and Cancel stay up for the new run)', async ({ page }) => {
      test.setTimeout(120_000);
      await page.goto(`${lang}/lab/?labN=1000&labEpochs=80&labSeeds=5`);
      await mounted(page.locator('[data-cell="lab"]'));
      await page.locator('#lab-train').click();
      await expect(page.locator('#lab-status')).toHaveText(lang === 'en' ? /^Training run 1 of 10/ : /^训练中：第 1 \/ 10 次/, { timeout: 60_000 });
      for (const [sel, value] of [['#lab-n', '50'], ['#lab-epochs', '3'], ['#lab-seeds', '2'], ['#lab-hidden', '16']]) await commit(page, sel!, value!);
      await page.evaluate(() => {
        const el = document.querySelector('#lab-status')!;
        const bar = document.querySelector<HTMLProgressElement>('#lab-progress')!;
        const w = window as unknown as { __seen: string[] };
        new MutationObserver(() => w.__seen.push(`${bar.hidden ? 'hidden' : 'shown'}|${el.textContent}`)).observe(el, { childList: true, characterData: true, subtree: true });
        // Recording starts with the press (the old run's last messages are not the new run's).
        w.__seen = [];
        document.querySelector<HTMLButtonElement>('#lab-train')!.click();
      });
      const { state, result } = expected(SMALL);
      const v = labView(state, lang, result, { kind: 'idle', origin: 'browser' });
      await expect(page.locator('#lab-sentence')).toHaveText(v.text.sentence!, { timeout: 60_000 });
      expect(await rowsText(page, '#lab-seeds-table')).toEqual(v.rows.seeds);
      await expect(page.locator('#lab-stale')).toHaveText('');
      const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen);
      const during = seen.filter((t) => (lang === 'en' ? /\|Training run/ : /\|训练中/).test(t));
      expect(during.length, seen.join('\n')).toBeGreaterThan(0);
      expect(during.every((t) => t.startsWith('shown|')), seen.join('\n')).toBe(true);
      expect(during.every((t) => (lang === 'en' ? / of 4 / : / \/ 4 次/).test(t)), seen.join('\n')).toBe(true);
    });

    test('a bad typed value shows the inline message and keeps the last state', async ({ page }) => {
      await page.goto(`${lang}/lab/`);
      const cell = page.locator('[data-cell="lab"]');
      await mounted(cell);
      const before = await slotTexts(cell);
      const url = page.url();
      await page.locator('#lab-epochs').fill('0');
      await page.locator('#lab-epochs').press('Enter');
      await expectMessage(cell.locator('[data-cell-error]'), 'labEpochs must be an integer in [1, 300]; received 0');
      await expect(page.locator('#lab-epochs')).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(cell)).toEqual(before);
      expect(page.url()).toBe(url);
      // Values that are each fine but too much work together are refused before anything trains.
      await commit(page, '#lab-epochs', '300');
      await expect(page).toHaveURL(/labEpochs=300/);
      await commit(page, '#lab-n', '1000');
      await expectMessage(cell.locator('[data-cell-error]'), /the work of one run .* must be ≤ 2000000000/);
      await expect(page).not.toHaveURL(/labN=1000/);
      await expect(page.locator('#lab-n')).toHaveAttribute('aria-invalid', '');
      // The hidden optimizer parameter from the URL is checked like any other.
      await page.goto(`${lang}/lab/?labOpt=7`);
      await expectMessage(cell.locator('[data-cell-error]'), 'labOpt must be an integer in [0, 2]; received 7');
      await expect(page.locator('#lab-opt')).toHaveValue('1');
      expect(defaults(labSchema).labOpt).toBe(1);
    });
  });
}
