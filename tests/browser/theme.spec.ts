/**
 * The theme switch (issue #14 §2): light, dark or the system's, remembered, applied before the first
 * paint (public/theme.js, a blocking script in <head>), so a reload never flashes the other theme —
 * checked with every module script of the site blocked: only theme.js can have set it.
 */
import { expect, test } from '@playwright/test';

const bg = (page: import('@playwright/test').Page) => page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
const DARK = 'rgb(21, 23, 27)';
const LIGHT = 'rgb(255, 255, 255)';

for (const lang of ['en', 'zh'] as const) {
  test(`theme switch (${lang}): dark, light and the system's, remembered across pages and reloads`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(`${lang}/dropout/`);
    const select = page.getByRole('combobox', { name: lang === 'en' ? 'Theme' : '配色' });
    await expect(select).toBeVisible();
    await expect(select).toHaveValue('system');
    expect(await bg(page)).toBe(LIGHT);

    await select.selectOption('dark');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await bg(page)).toBe(DARK);

    // Another page, then a reload with the site's module scripts blocked: the choice is there at first paint.
    await page.goto(`${lang}/vq/`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const siteModule = (url: URL) => url.pathname.includes('/_astro/') && url.pathname.endsWith('.js');
    await page.route(siteModule, (r) => r.abort());
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    expect(await bg(page)).toBe(DARK);
    await page.unroute(siteModule);

    // Light wins over a dark system; "system" follows it again.
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.reload();
    await select.selectOption('light');
    expect(await bg(page)).toBe(LIGHT);
    await select.selectOption('system');
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
    expect(await bg(page)).toBe(DARK);
    await page.reload();
    await expect(select).toHaveValue('system');
  });
}

test('without JavaScript the switch is not offered (it could not work); the system’s theme holds', async ({ browser }) => {
  const ctx = await browser.newContext({ javaScriptEnabled: false, colorScheme: 'dark' });
  const page = await ctx.newPage();
  await page.goto('en/l1-l2/');
  await expect(page.locator('[data-theme-switch]')).toBeHidden();
  expect(await bg(page)).toBe(DARK);
  await ctx.close();
});
