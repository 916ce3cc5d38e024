/**
 * Erratum 8's cell on the errata pages: the reader picks a colour (R, G, B or the colour picker) and
 * sees its squared distance to each of the seed's six colours with the nearest marked. The numbers
 * are the view's (src/cells/nearestColour), at build time and after every edit; a bad byte is refused
 * inline and the last valid state stays; the state is in the URL.
 */
import { expect, test, type Page } from '@playwright/test';
import { nearestColourView } from '../../src/cells/nearestColour';
import { slotTexts, commit, expectMessage, mounted } from './cells';

const CELL = '[data-cell="errata-colour"]';

async function ready(page: Page): Promise<void> {
  await mounted(page.locator(CELL), { timeout: 20_000 });
}

for (const lang of ['en', 'zh'] as const) {
  test.describe(`errata colour cell (${lang})`, () => {
    test('lavender is nearest white by default; R, G, B edits recompute the table; a bad byte is refused', async ({ page }) => {
      await page.goto(`${lang}/errata/`);
      await ready(page);
      const cell = page.locator(CELL);
      const lavender = nearestColourView({ colR: 230, colG: 230, colB: 250 }, lang);
      await expect(page.locator('#err-col-nearest')).toHaveText(lavender.text.colNearest);
      await expect(page.locator('#err-col-blue')).toHaveText(lavender.text.colBlue);
      await expect(page.locator('#err-col-pick')).toHaveValue('#e6e6fa');
      const rows = cell.locator('tbody[data-rows="dist"] tr');
      await expect(rows).toHaveCount(6);
      await expect(rows.nth(5).locator('td').last()).toHaveText(lavender.rows.dist[5]![4]!);
      await expect(rows.nth(1).locator('td').last()).toHaveText('');

      // A saturated blue-violet, typed channel by channel: blue is nearest.
      await commit(page, '#err-col-r', '138');
      await commit(page, '#err-col-g', '43');
      await commit(page, '#err-col-b', '226');
      const violet = nearestColourView({ colR: 138, colG: 43, colB: 226 }, lang);
      await expect(page.locator('#err-col-nearest')).toHaveText(violet.text.colNearest);
      await expect(rows.nth(1).locator('td').last()).toHaveText(violet.rows.dist[1]![4]!);
      await expect(rows.nth(5).locator('td').last()).toHaveText('');
      await expect(page.locator('#err-col-pick')).toHaveValue('#8a2be2');
      await expect(page).toHaveURL(/colR=138/);
      await expect(page).toHaveURL(/colG=43/);
      await expect(page).toHaveURL(/colB=226/);

      // Out of range: an inline message naming the parameter; every number stays as it was.
      const before = await slotTexts(cell);
      await page.locator('#err-col-g').fill('300');
      await expectMessage(cell.locator('[data-cell-error]'), 'colG must be an integer in [0, 255]; received 300');
      await expect(page.locator('#err-col-g')).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(cell)).toEqual(before);

      // Back returns to the previous committed state: B was still lavender's 250.
      await page.goBack();
      await expect(page.locator('#err-col-x')).toHaveText(nearestColourView({ colR: 138, colG: 43, colB: 250 }, lang).text.colX);
      await expect(page.locator('#err-col-pick')).toHaveValue('#8a2bfa');
    });

    test('the colour picker writes R, G and B through the runtime, one history entry', async ({ page }) => {
      await page.goto(`${lang}/errata/`);
      await ready(page);
      const length = await page.evaluate(() => history.length);
      // Playwright's fill() on <input type="color"> sets the value and fires input and change.
      await page.locator('#err-col-pick').fill('#8a2be2');
      await expect(page.locator('#err-col-r')).toHaveValue('138');
      await expect(page.locator('#err-col-g')).toHaveValue('43');
      await expect(page.locator('#err-col-b')).toHaveValue('226');
      await expect(page.locator('#err-col-nearest')).toHaveText(nearestColourView({ colR: 138, colG: 43, colB: 226 }, lang).text.colNearest);
      await expect(page).toHaveURL(/colR=138&colG=43&colB=226/);
      expect(await page.evaluate(() => history.length)).toBe(length + 1);
    });

    test('a shared link shows its colour; a bad one is reported and the rest is read', async ({ page }) => {
      await page.goto(`${lang}/errata/?colR=200&colG=50&colB=200`);
      await ready(page);
      const tie = nearestColourView({ colR: 200, colG: 50, colB: 200 }, lang);
      await expect(page.locator('#err-col-tie')).toHaveText(tie.text.colTie);
      await expect(page.locator('#err-col-nearest')).toHaveText(tie.text.colNearest);
      await page.goto(`${lang}/errata/?colR=138&colG=43&colB=9999`);
      await ready(page);
      await expectMessage(page.locator(`${CELL} [data-cell-error]`), 'colB must be an integer in [0, 255]; received 9999');
      await expect(page.locator('#err-col-x')).toHaveText(nearestColourView({ colR: 138, colG: 43, colB: 250 }, lang).text.colX);
    });

    test('build-time HTML equals what the script shows after load', async ({ browser }) => {
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const staticPage = await noJs.newPage();
      await staticPage.goto(`${lang}/errata/`);
      const ssr = await slotTexts(staticPage.locator(CELL));
      await expect(staticPage.locator('#err-col-pick')).toHaveValue('#e6e6fa');
      await noJs.close();
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${lang}/errata/`);
      await ready(page);
      expect(await slotTexts(page.locator(CELL))).toEqual(ssr);
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
      await ctx.close();
    });
  });
}
