/**
 * How long each page's own handling of a hostile query takes (issue #10): for every page with live
 * cells, every case of tests/browser/hostileQueries.ts delivered through history + popstate, timed
 * inside the page around the popstate handlers (not Chromium's digestion of a megabyte URL). Median
 * of a few deliveries per case; the target is ≤ 100 ms for every page and case.
 */
import type { Browser } from '@playwright/test';
import { deliverByPopstate, hostileQueries } from '../../tests/browser/hostileQueries';
import { mountAll } from './mountAll';

export interface HostileRow { page: string; case: string; queryKiB: number; medianMs: number }

export async function hostileQueryBench(browser: Browser, origin: string, paths: string[], reps: number): Promise<HostileRow[]> {
  const rows: HostileRow[] = [];
  const page = await browser.newPage();
  try {
    for (const p of paths) {
      await page.goto(`${origin}${p}`);
      await page.waitForLoadState('networkidle');
      // Every cell mounted, as a reader who went through the page has it (a cell loads its script when
      // the reader needs it, and then handles popstate too), as tests/browser/hostile.spec.ts does.
      await mountAll(page);
      const params = await page.evaluate(() => [...new Set(Array.from(document.querySelectorAll<HTMLInputElement>('input[data-param]'), (i) => i.dataset.param!))]);
      if (params.length === 0) continue;
      for (const c of hostileQueries(params)) {
        const samples: number[] = [];
        for (let i = 0; i < reps; i++) {
          samples.push(await page.evaluate(deliverByPopstate, c.query));
          // Back to the clean page between deliveries, so each one changes the state.
          await page.evaluate(() => {
            history.pushState(null, '', location.pathname);
            window.dispatchEvent(new PopStateEvent('popstate'));
          });
        }
        samples.sort((a, b) => a - b);
        rows.push({ page: p, case: c.name, queryKiB: c.query.length / 1024, medianMs: samples[Math.floor(samples.length / 2)]! });
      }
    }
  } finally {
    await page.close();
  }
  return rows;
}
