/**
 * Mounts every cell of the page as a reader who went through it would: a cell's code loads when the
 * reader points at, touches or focuses it (src/components/cell/whenNeeded.ts), so point at each one,
 * then wait until all follow edits (as tests/browser/cells.ts's mountEveryCell does for the tests).
 */
import type { Page } from '@playwright/test';

export async function mountAll(page: Page): Promise<void> {
  for (const cell of await page.locator('[data-cell]:not([data-ready="true"])').elementHandles()) {
    if ((await cell.getAttribute('data-ready')) !== 'true') await cell.hover({ position: { x: 4, y: 4 } });
  }
  await page.waitForFunction(() => Array.from(document.querySelectorAll<HTMLElement>('[data-cell]')).every((c) => c.dataset.ready === 'true'));
  await page.evaluate(() => window.scrollTo(0, 0));
}
