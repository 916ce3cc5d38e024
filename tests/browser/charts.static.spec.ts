/**
 * Charts at build time (issue #14 §1): with JavaScript off, every figure of a declared cell shows its
 * chart (the SVG Plot rendered at build time from the cell's defaults) and every painted canvas its
 * build-time picture; with JavaScript on, the page does
 * not fetch Observable Plot until the reader changes something a chart shows, and then redraws it.
 */
import { expect, test } from '@playwright/test';
import { commit, mounted } from './cells';
import { TOPIC_PAGES } from './pages';

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('every figure shows its chart on every topic page (the declared cells’ and the others’)', async ({ page }) => {
    test.setTimeout(180_000);
    const report: string[] = [];
    let declared = 0;
    for (const path of TOPIC_PAGES) {
      await page.goto(path);
      const figures = page.locator('[data-cell][data-declared] figure.chart [data-chart-mount]');
      const empty = page.locator('[data-cell][data-declared] figure.chart [data-chart-mount]:not(:has(svg[aria-description]))');
      await expect(empty, `${path}: declared cells' figures without a build-time chart`).toHaveCount(0);
      declared += await figures.count();
      // The other cells' charts too (the path, early-stopping, lab, sweep and VQ-colour charts), and the
      // lab's augmented samples (8×8 SVG digits, drawn at build time like the rest).
      const missing = page.locator('figure.chart:not([hidden]) [data-chart-mount]:not(:has(svg))');
      await expect(missing, `${path}: visible figures without a build-time chart`).toHaveCount(0);
      // A canvas its script paints shows the defaults' build-time picture instead (cell/builtImages.ts).
      await expect(page.locator('canvas:not([hidden])'), `${path}: canvases left blank without JavaScript`).toHaveCount(0);
      for (const img of await page.locator('img[data-built]').all()) {
        await img.scrollIntoViewIfNeeded();
        await expect.poll(() => img.evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0), `${path}: a build-time picture did not load`).toBe(true);
      }
      const all = await page.locator('figure.chart:not([hidden]) [data-chart-mount]').count();
      const drawn = await page.locator('figure.chart:not([hidden]) [data-chart-mount]:has(svg, img)').count();
      report.push(`${path} ${drawn}/${all}`);
    }
    expect(declared, "figures of declared cells on the topic pages, both languages").toBeGreaterThanOrEqual(28);
    console.log(`visible figures drawn without JavaScript: ${report.join(', ')}`);
  });
});

test('Plot loads on the first edit, not on load, and the edit redraws the chart', async ({ page }) => {
  const plotRequests: string[] = [];
  page.on('request', (r) => {
    if (/\/_astro\/plot\.[\w-]+\.js$/.test(new URL(r.url()).pathname)) plotRequests.push(r.url());
  });
  await page.goto('en/label-smoothing/');
  const cell = page.locator('[data-cell="label-smoothing"]');
  await mounted(cell);
  const svg = cell.locator('figure.chart svg[aria-description]');
  await expect(svg).toHaveCount(1);
  const before = await svg.getAttribute('aria-description');
  await page.waitForLoadState('networkidle');
  expect(plotRequests, 'Plot fetched before any edit').toEqual([]);
  await commit(page, '#ls-eps', '0.35');
  await expect(svg).not.toHaveAttribute('aria-description', before!);
  await expect(svg).toHaveAttribute('aria-description', /0\.35\b/);
  expect(plotRequests.length).toBe(1);
});
