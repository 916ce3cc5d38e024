/**
 * The contract of every declared cell (src/cells/define.ts, rendered by Cell.astro), walked page by
 * page and found by `[data-cell][data-declared]`, in both languages: the build-time HTML equals what
 * the script shows after load; a value out of range gets the inline message in the page's language,
 * naming the field by its label, and keeps the last valid state; a committed edit goes into the URL and a reload restores it; the
 * language switch keeps it. A cell's own spec then tests only what is particular to it.
 */
import { expect, test, type Locator, type Page } from '@playwright/test';
import { mounted, slotTexts } from './cells';
import { LANGS, TOPIC_PAGES } from './pages';

/** The topic pages, the lab and the errata (whose three cells are declared too). */
const CELL_PAGES = [...TOPIC_PAGES, ...LANGS.map((l) => `${l}/errata/`)];

/** The ids of the declared cells of a page, read from its build-time HTML. */
async function declaredCells(page: Page, path: string): Promise<string[]> {
  const html = await (await page.request.get(path)).text();
  return [...html.matchAll(/data-cell="([\w-]+)"[^>]*\sdata-declared="/g)].map((m) => m[1]!);
}

/** The first enabled number box of a cell, with its bounds: the field every contract check edits. */
async function numberBox(cell: Locator): Promise<{ box: Locator; param: string; min: number; max: number; value: number }> {
  const box = cell.locator('input[type="number"][data-param]:not(:disabled)').first();
  const [param, min, max, value] = await box.evaluate((i: HTMLInputElement) => [i.dataset.param!, i.min, i.max, i.value]);
  return { box, param, min: Number(min), max: Number(max), value: Number(value) };
}

const ready = (cell: Locator) => mounted(cell);

for (const path of CELL_PAGES) {
  test(`declared cells keep the contract: ${path}`, async ({ page, browser }) => {
    // Six cells on the l1-l2 page, each edited, reloaded and switched: about a minute on a busy machine.
    test.setTimeout(240_000);
    const ids = await declaredCells(page, path);
    test.skip(ids.length === 0, 'no declared cell on this page yet');
    const lang = path.slice(0, 2);

    // Build time = after load, for every declared cell of the page.
    const noJs = await browser.newContext({ javaScriptEnabled: false });
    const staticPage = await noJs.newPage();
    await staticPage.goto(path);
    const built = await Promise.all(ids.map((id) => slotTexts(staticPage.locator(`[data-cell="${id}"]`))));
    await noJs.close();
    await page.goto(path);
    for (const [i, id] of ids.entries()) {
      const cell = page.locator(`[data-cell="${id}"]`);
      await ready(cell);
      const after = await slotTexts(cell);
      expect(Object.keys(after).length, id).toBeGreaterThan(0);
      expect(after, `${id}: build-time HTML equals the script's`).toEqual(built[i]);
    }

    for (const id of ids) {
      const cell = page.locator(`[data-cell="${id}"]`);
      // After the previous cell's round trip the page is fresh: an edit before the cell mounts is lost.
      await cell.scrollIntoViewIfNeeded();
      await ready(cell);
      // A cell whose only input is a list (the digits pad's 64 pixels) is edited by its own spec.
      if ((await cell.locator('input[type="number"][data-param]:not(:disabled)').count()) === 0) continue;
      const { box, param, min, max, value } = await numberBox(cell);

      // Out of range: the message names the parameter and its range; nothing else moves.
      const before = await slotTexts(cell);
      await box.fill(String(max + 1));
      // In the reader's language, naming the field by its label; the library's sentence on the box.
      const label = (await cell.locator(`label[for="${await box.getAttribute('id')}"]`).innerText()).trim();
      const range = `${min < 0 ? `−${-min}` : min}`;
      await expect(cell.locator('[data-cell-error]'), id).toContainText(
        lang === 'zh' ? `无效的值：${label}（${param}）须在 ${range} 到` : `Invalid value: ${label} (${param}) must be between ${range} and`,
      );
      await expect(cell.locator('[data-cell-error]')).toHaveAttribute('data-message', new RegExp(`^${param} must be`));
      await expect(box).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(cell)).toEqual(before);

      // A committed edit: in the URL, and back after a reload.
      let next = value === min ? max : min;
      await box.fill(String(next));
      await box.press('Enter');
      // A bound refused for another parameter's sake (the errata's K below a typed code index): the other one.
      const refused = await cell.locator('[data-cell-error]').getAttribute('data-message');
      if (refused !== null && !refused.startsWith(`${param} `)) {
        next = next === min ? max : min;
        await box.fill(String(next));
        await box.press('Enter');
      }
      await expect(cell.locator('[data-cell-error]')).toBeEmpty();
      await expect(page).toHaveURL(new RegExp(`[?&]${param}=${String(next).replace('.', '\\.')}(&|$)`));
      const edited = await slotTexts(cell);
      expect(edited, `${id}: editing ${param} changes what the cell shows`).not.toEqual(before);
      await page.reload();
      await ready(cell);
      await expect(cell.locator(`#${await box.getAttribute('id')}`)).toHaveValue(String(next));
      expect(await slotTexts(cell)).toEqual(edited);

      // The language switch keeps the edit.
      await page.locator('a[data-keep-query]').click();
      const other = lang === 'zh' ? 'en' : 'zh';
      await expect(page).toHaveURL(new RegExp(`/${other}/`));
      const there = page.locator(`[data-cell="${id}"]`);
      await ready(there);
      await expect(there.locator(`input[type="number"][data-param="${param}"]`).first()).toHaveValue(String(next));
      await expect(there.locator('[data-cell-error]')).toBeEmpty();
      await page.goto(path);
    }
    expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
  });
}
