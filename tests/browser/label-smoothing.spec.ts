import { expect, test, type Page } from '@playwright/test';
import { crossEntropy, smoothLabels } from '../../src/lib/labelSmoothing';
import { formatNumber } from '../../src/lib/format';
import { slotTexts as cellTexts, expectMessage, mounted } from './cells';

const fmt = (x: number) => formatNumber(x);

/** Text of every live slot and table row, to compare build-time HTML with the live update. */
async function slotTexts(page: Page): Promise<Record<string, string>> {
  return cellTexts(page.locator('[data-cell="label-smoothing"]'));
}

for (const lang of ['en', 'zh'] as const) {
  test.describe(`label smoothing (${lang})`, () => {
    test('editing ε shows the numbers src/lib computes, and the URL keeps them', async ({ page }) => {
      await page.goto(`${lang}/label-smoothing/`);
      const cell = page.locator('[data-cell="label-smoothing"]');
      await mounted(cell);
      await expect(page.locator('#ls-loss')).toHaveText(fmt(crossEntropy([2, 1, 0], 0, 0.1)));

      await page.locator('#ls-eps').fill('0.3');
      await page.locator('#ls-eps').press('Enter');
      await expect(page.locator('#ls-loss')).toHaveText(fmt(crossEntropy([2, 1, 0], 0, 0.3)));
      const q = smoothLabels(0, 3, 0.3);
      await expect(cell.locator('tbody[data-rows="targets"] tr').first()).toContainText(fmt(q[0]!));
      await expect(page).toHaveURL(/eps=0\.3/);
      // The slider follows the number box.
      await expect(cell.locator('input[type="range"][data-param="eps"]')).toHaveValue('0.3');
      // A chart with an accessible description is drawn.
      await expect(cell.locator('figure.chart svg[aria-description]')).toHaveCount(1);
      await expect(cell.locator('figure.chart svg[aria-description]')).toHaveAttribute('aria-description', /0\.3\b/);
    });

    test('a shared link reproduces the view; back/forward restore edits', async ({ page }) => {
      await page.goto(`${lang}/label-smoothing/?eps=0.4&k=4&target=1&logits=0,3,0,0`);
      await mounted(page.locator('[data-cell="label-smoothing"]'));
      await expect(page.locator('#ls-loss')).toHaveText(fmt(crossEntropy([0, 3, 0, 0], 1, 0.4)));
      // The seed's 4-class example: [0.1, 0.7, 0.1, 0.1].
      await expect(page.locator('tbody[data-rows="targets"]')).toContainText('= 0.7000');
      await page.locator('#ls-k').fill('5');
      await page.locator('#ls-k').press('Enter');
      await expect(page.locator('#ls-logits')).toHaveValue('0,3,0,0,0');
      await expect(page).toHaveURL(/k=5/);
      await page.goBack();
      await expect(page.locator('#ls-k')).toHaveValue('4');
      await expect(page.locator('#ls-loss')).toHaveText(fmt(crossEntropy([0, 3, 0, 0], 1, 0.4)));
    });

    test('a bad value gets an inline message and the last valid state stays', async ({ page }) => {
      await page.goto(`${lang}/label-smoothing/`);
      await mounted(page.locator('[data-cell="label-smoothing"]'));
      const before = await slotTexts(page);
      await page.locator('#ls-eps').fill('1.5');
      await expectMessage(page.locator('[data-cell="label-smoothing"] [data-cell-error]'), 'epsilon must be in [0, 1]'.replace('epsilon', 'eps'));
      await expect(page.locator('#ls-eps')).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(page)).toEqual(before);
      await page.locator('#ls-logits').fill('1, abc, 2');
      await expectMessage(page.locator('[data-cell="label-smoothing"] [data-cell-error]'), 'logits[1] must be a number; received "abc"');
      await page.locator('#ls-eps').fill('0.1');
      await expect(page.locator('[data-cell="label-smoothing"] [data-cell-error]')).toBeEmpty();
      const body = await page.locator('main').innerText();
      expect(body).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('a hostile URL is reported, never injected', async ({ page }) => {
      await page.goto(`${lang}/label-smoothing/?eps=<img src=x onerror=alert(1)>&k=1e999&logits=NaN`);
      await mounted(page.locator('[data-cell="label-smoothing"]'));
      await expectMessage(page.locator('[data-cell="label-smoothing"] [data-cell-error]'), 'eps must be a number');
      await expect(page.locator('main img')).toHaveCount(0);
      await expect(page.locator('#ls-loss')).toHaveText(fmt(crossEntropy([2, 1, 0], 0, 0.1)));
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('the language switch keeps the parameters', async ({ page }) => {
      await page.goto(`${lang}/label-smoothing/?eps=0.25`);
      await mounted(page.locator('[data-cell="label-smoothing"]'));
      await page.locator('#ls-k').fill('4');
      await page.locator('#ls-k').press('Enter');
      const other = lang === 'en' ? 'zh' : 'en';
      await page.locator('a[data-keep-query]').click();
      await expect(page).toHaveURL(new RegExp(`/regularization-live/${other}/label-smoothing/\\?eps=0\\.25&k=4`));
      await expect(page.locator('#ls-loss')).toHaveText(fmt(crossEntropy([2, 1, 0, 0], 0, 0.25)));
      await expect(page.locator('html')).toHaveAttribute('lang', other === 'zh' ? 'zh-CN' : 'en');
    });

    test('formulas are rendered at build time with MathML, and no KaTeX script ships', async ({ page }) => {
      const scripts: string[] = [];
      page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
      await page.goto(`${lang}/label-smoothing/`);
      expect(await page.locator('.katex math').count()).toBeGreaterThan(3);
      expect(scripts.some((s) => /katex/i.test(s))).toBe(false);
    });
  });
}

test('the root page offers both languages without JavaScript', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false });
  const page = await ctx.newPage();
  await page.goto('');
  await page.getByRole('link', { name: 'English' }).click();
  await expect(page).toHaveURL(/\/regularization-live\/en\/$/);
  await page.getByRole('link', { name: 'Label smoothing' }).click();
  await expect(page.locator('h1')).toHaveText('Label smoothing');
  await ctx.close();
});

test('README screenshot', async ({ page }) => {
  await page.setViewportSize({ width: 1100, height: 1400 });
  await page.goto('en/label-smoothing/?eps=0.2&k=4&target=1&logits=0.5,3,0,-1');
  await expect(page.locator('[data-cell="label-smoothing"] figure.chart svg[aria-description]')).toHaveCount(1);
  await page.locator('[data-cell="label-smoothing"]').screenshot({ path: 'docs/screenshot.png' });
});
