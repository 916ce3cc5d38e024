/** Helpers shared by the browser specs of the live cells. */
import type { Locator, Page } from '@playwright/test';

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

/** Types a value and commits it with Enter (the runtime then writes the URL). */
export async function commit(page: Page, selector: string, value: string): Promise<void> {
  await page.locator(selector).fill(value);
  await page.locator(selector).press('Enter');
}
