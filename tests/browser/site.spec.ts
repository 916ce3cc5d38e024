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

for (const lang of ['zh', 'en'] as const) {
  test(`errata (${lang}): the perplexity cell recomputes both lines; a bad index is refused`, async ({ page }) => {
    await page.goto(`${lang}/errata/`);
    await expect(page.locator('#err-commitment')).toHaveText('398.0');
    const cell = page.locator('[data-cell="errata-perplexity"]');
    await expect(cell).toHaveAttribute('data-ready', 'true');
    await expect(page.locator('#err-correct-value')).toHaveText('exp(−Σ p·log p) = 2.8284');
    await page.locator('#err-codes').fill('0,1,2,3');
    await page.locator('#err-codes').press('Enter');
    await expect(page.locator('#err-correct-value')).toHaveText('exp(−Σ p·log p) = 4.0000');
    await expect(page).toHaveURL(/codes=0,1,2,3/);
    await page.locator('#err-codes').fill('0,9');
    await expect(cell.locator('[data-cell-error]')).toContainText('indices[1] must be an integer in [0, 3]; received 9');
    await expect(page.locator('#err-correct-value')).toHaveText('exp(−Σ p·log p) = 4.0000');
  });
}
