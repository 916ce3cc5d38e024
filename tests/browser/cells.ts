/** Helpers shared by the browser specs of the live cells. */
import { expect, type Locator, type Page } from '@playwright/test';

/**
 * Text of every `[data-slot]` and `[data-rows]` of a cell: what the reader sees of its numbers.
 * Compares build-time HTML with the live update, and "before vs after" a refused edit.
 */
export async function slotTexts(cell: Locator): Promise<Record<string, string>> {
  return cell.evaluate((root) => {
    const out: Record<string, string> = {};
    root.querySelectorAll<HTMLElement>('[data-slot]').forEach((el) => (out[`slot:${el.dataset.slot}`] = el.textContent ?? ''));
    root.querySelectorAll<HTMLElement>('[data-rows]').forEach((el) => (out[`rows:${el.dataset.rows}`] = el.innerText));
    return out;
  });
}

/**
 * Waits until a cell follows edits. A cell's code loads when the reader needs it (src/components/cell/
 * whenNeeded.ts): here, as a reader with a mouse would, by pointing at its heading.
 */
export async function mounted(cell: Locator, options?: { timeout?: number }): Promise<void> {
  if ((await cell.getAttribute('data-ready')) !== 'true') await cell.hover({ position: { x: 4, y: 4 } });
  await expect(cell).toHaveAttribute('data-ready', 'true', options);
}

/** Types a value and commits it with Enter (the runtime then writes the URL). */
export async function commit(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).fill(value);
  await page.locator(selector).press('Enter');
}

/**
 * The library's sentence behind a cell's refusal (`data-message` on its error box; the box itself shows
 * the reader's-language explanation, src/i18n/refusal.ts): contains `text`, or matches it.
 */
export async function expectMessage(box: Locator, text: string | RegExp): Promise<void> {
  const pattern = typeof text === 'string' ? new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : text;
  await expect(box).toHaveAttribute('data-message', pattern);
}

/**
 * Scrolls through the page so every chart that waits for the reader comes up (a cell that paints a
 * canvas mounts when it nears the viewport), then points at each cell still not mounted (the others
 * mount when the reader points at, touches or focuses them), and waits until every cell has mounted.
 */
export async function mountEveryCell(page: Page, timeout = 30_000): Promise<void> {
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 600) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 40));
    }
    window.scrollTo(0, 0);
  });
  await page.waitForLoadState('networkidle');
  // Handles, not a locator: the set of cells not yet mounted shrinks while the loop points at them.
  for (const cell of await page.locator('[data-cell]:not([data-ready="true"])').elementHandles()) {
    if ((await cell.getAttribute('data-ready')) !== 'true') await cell.hover({ position: { x: 4, y: 4 } });
  }
  await expect(page.locator('[data-cell]:not([data-ready="true"])')).toHaveCount(0, { timeout });
  await page.evaluate(() => window.scrollTo(0, 0));
}
