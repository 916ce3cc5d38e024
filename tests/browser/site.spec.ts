import { expect, test } from '@playwright/test';

test.describe('search', () => {
  test('finds Chinese text on the Chinese pages', async ({ page }) => {
    await page.goto('zh/search/');
    const input = page.getByRole('searchbox').or(page.locator('#search input')).first();
    await input.fill('平滑');
    const first = page.locator('.pagefind-ui__result-link').first();
    await expect(first).toBeVisible({ timeout: 15_000 });
    await expect(first).toHaveAttribute('href', /\/regularization-live\/zh\/label-smoothing\//);
  });
  test('finds English text on the English pages, from a ?q= link', async ({ page }) => {
    await page.goto('en/search/?q=smoothing');
    const first = page.locator('.pagefind-ui__result-link').first();
    await expect(first).toBeVisible({ timeout: 15_000 });
    await expect(first).toHaveAttribute('href', /\/regularization-live\/en\/label-smoothing\//);
  });
});

test('pages load no script or asset from another host', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (!r.url().startsWith('http://127.0.0.1:') && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  for (const path of ['', 'zh/', 'en/', 'zh/label-smoothing/', 'en/label-smoothing/', 'en/search/']) {
    await page.goto(path);
    await page.waitForLoadState('networkidle');
  }
  expect(foreign).toEqual([]);
});
