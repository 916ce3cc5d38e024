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

/** Every page reachable from the two contents pages, plus the contents and errata pages. */
async function allPages(page: import('@playwright/test').Page): Promise<string[]> {
  const paths = new Set<string>(['', 'zh/', 'en/', 'zh/errata/', 'en/errata/']);
  for (const lang of ['zh', 'en']) {
    await page.goto(`${lang}/`);
    for (const href of await page.locator('ol.topics a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''))) {
      paths.add(href.replace(/^\/regularization-live\//, ''));
    }
  }
  return [...paths];
}

test('every page fits a 360 px phone without sideways scrolling, in light and dark', async ({ browser }) => {
  test.setTimeout(180_000);
  for (const colorScheme of ['light', 'dark'] as const) {
    const ctx = await browser.newContext({ viewport: { width: 360, height: 740 }, colorScheme });
    const page = await ctx.newPage();
    for (const path of await allPages(page)) {
      await page.goto(path);
      await page.waitForLoadState('networkidle');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${path} overflows by ${overflow}px (${colorScheme})`).toBeLessThanOrEqual(0);
      const bg = await page.evaluate(() => getComputedStyle(document.documentElement).backgroundColor);
      expect(bg, path).toBe(colorScheme === 'dark' ? 'rgb(21, 23, 27)' : 'rgb(255, 255, 255)');
    }
    await ctx.close();
  }
});

test('the contents page links every live topic and shows a computed preview for each', async ({ page }) => {
  await page.goto('en/');
  const previews = page.locator('ol.topics code.preview');
  await expect(previews).toHaveCount(9);
  await expect(previews.nth(3)).toContainText('[0.9333, 0.0333, 0.0333]');
});
