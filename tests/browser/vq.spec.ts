import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { formatNumber } from '../../src/lib/format';
import { defaults } from '../../src/lib/query';
import { normalizeVqLayer, vqLayerSchema, vqLayerView } from '../../src/cells/vqLayer';
import { vqTrainSchema, vqTrainView } from '../../src/cells/vqTrain';
import { PALETTE_K16, SEED_COLORS, toRgb01 } from '../../src/cells/vqColors';
import { DIGITS_SAMPLE, parseCodebook, vqDigitsView } from '../../src/cells/vqDigits';
import codebookJson from '../../public/models/digits-vq.codebook.json' with { type: 'json' };
import { vectorQuantize } from '../../src/lib/vq';
import { decodePng } from '../../src/components/vq/png';
import { expectMessage, mounted } from './cells';

/** The digits cell's codebook, as the page fetches it. */
const CODEBOOK = parseCodebook(codebookJson);

const png = decodePng(new Uint8Array(readFileSync('public/data/chelsea.png')));
const catRgb = toRgb01(png.rgb, 3);
const mseOf = (cb: number[][]) => formatNumber(vectorQuantize(catRgb, cb.flat(), 3).eLatentLoss, { digits: 6 });

async function ready(page: Page, cell: string): Promise<void> {
  await mounted(page.locator(`[data-cell="${cell}"]`), { timeout: 20_000 });
}

async function slotTexts(page: Page, cell: string): Promise<Record<string, string>> {
  return page.locator(`[data-cell="${cell}"]`).evaluate((root) => {
    const out: Record<string, string> = {};
    root.querySelectorAll<HTMLElement>('[data-slot]').forEach((el) => (out[`slot:${el.dataset.slot}`] = el.textContent ?? ''));
    return out;
  });
}

for (const lang of ['en', 'zh'] as const) {
  test.describe(`vq (${lang})`, () => {
    test('colours: the seed codebook, the exported palette and a k-means palette trained in a worker', async ({ page }) => {
      await page.goto(`${lang}/vq/`);
      await ready(page, 'vq-colors');
      const cell = page.locator('[data-cell="vq-colors"]');
      await expect(page.locator('#vq-mse')).toHaveText(mseOf(SEED_COLORS));
      await expect(cell.locator('figure.chart svg[aria-description]')).toHaveCount(1);
      // The exported 16-colour palette.
      await cell.locator('#vq-pal input[type="radio"][value="2"]').check();
      await expect(page.locator('#vq-mse')).toHaveText(mseOf(PALETTE_K16));
      await expect(page).toHaveURL(/pal=2/);
      // K does nothing with another palette: disabled until k-means is chosen.
      await expect(page.locator('#vq-pal-k')).toBeDisabled();
      // k-means in a worker: progress, then a result; the URL keeps K and the seed.
      await cell.locator('#vq-pal input[type="radio"][value="1"]').check();
      await expect(page.locator('#vq-pal-k')).toBeEnabled();
      await page.locator('#vq-pal-k').fill('5');
      await page.locator('#vq-pal-k').press('Enter');
      await expect(page).toHaveURL(/pal=1/);
      await expect(page).toHaveURL(/palK=5/);
      // (the palette is trained when its usage table has K rows; the status line names its iterations)
      await expect(cell.locator('tbody[data-rows="usage"] tr')).toHaveCount(5, { timeout: 30_000 });
      await expect(cell.locator('[data-slot="kmStatus"]')).toContainText(/Lloyd/);
      await expect(cell.locator('[data-progress]')).toBeHidden();
      await expect(cell.locator('[data-outputs]')).toHaveAttribute('aria-busy', 'false');
      await expect(page.locator('#vq-mse')).not.toHaveText('—');
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
      // A shared link retrains and shows the same numbers.
      const mse = await page.locator('#vq-mse').textContent();
      await page.goto(page.url());
      await ready(page, 'vq-colors');
      await expect(page.locator('#vq-mse')).toHaveText(mse!, { timeout: 20_000 });
    });

    test('colours: cancel a k-means run; a bad K is reported and the last state kept', async ({ page }) => {
      await page.goto(`${lang}/vq/?pal=1`);
      await ready(page, 'vq-colors');
      // (the palette is trained when its usage table has K = 8 rows)
      await expect(page.locator('[data-cell="vq-colors"] tbody[data-rows="usage"] tr')).toHaveCount(8, { timeout: 30_000 });
      const before = await page.locator('#vq-mse').textContent();
      await page.locator('#vq-pal-k').fill('99');
      await expect(page.locator('[data-cell="vq-colors"] [data-cell-error]')).toContainText('palK');
      await expect(page.locator('#vq-mse')).toHaveText(before!);
      await page.goto(`${lang}/vq/?pal=1&palK=32&palSeed=3`);
      await ready(page, 'vq-colors');
      const cancel = page.locator('[data-cell="vq-colors"] [data-cancel]');
      const retry = page.locator('[data-cell="vq-colors"] [data-retry]');
      // The run may finish before the click lands; either way the page stays consistent.
      await cancel.click({ timeout: 5_000 }).catch(() => undefined);
      if (await retry.isVisible()) {
        await expect(page.locator('[data-cell="vq-colors"] [data-slot="kmStatus"]')).toContainText(lang === 'zh' ? '已取消' : 'Cancelled');
        await expect(cancel).toBeHidden();
        await retry.click();
      }
      await expect(page.locator('[data-cell="vq-colors"] tbody[data-rows="usage"] tr')).toHaveCount(32, { timeout: 30_000 });
    });

    test('colours: the reader’s own image is quantized locally', async ({ page }) => {
      await page.goto(`${lang}/vq/`);
      await ready(page, 'vq-colors');
      const requests: string[] = [];
      page.on('request', (r) => r.method() !== 'GET' && requests.push(r.url()));
      // A 2×1 PNG: one pure red and one pure blue pixel → both map exactly onto the seed colours.
      const red = await page.evaluate(async () => {
        const c = document.createElement('canvas');
        c.width = 2;
        c.height = 1;
        const ctx = c.getContext('2d')!;
        ctx.fillStyle = '#ff0000';
        ctx.fillRect(0, 0, 1, 1);
        ctx.fillStyle = '#0000ff';
        ctx.fillRect(1, 0, 1, 1);
        return c.toDataURL('image/png').split(',')[1]!;
      });
      await page.locator('#vq-file').setInputFiles({ name: 'two.png', mimeType: 'image/png', buffer: Buffer.from(red, 'base64') });
      await expect(page.locator('[data-cell="vq-colors"]')).toHaveAttribute('data-image', 'upload');
      await expect(page.locator('#vq-mse')).toHaveText('0.000000');
      await expect(page.locator('#vq-psnr')).toHaveText(/^∞/);
      await expect(page.locator('[data-upload-status]')).toContainText('two.png');
      await page.locator('#vq-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('hello') });
      await expect(page.locator('[data-upload-status]')).not.toContainText('two.png');
      await expect(page.locator('#vq-mse')).toHaveText('0.000000');
      await page.locator('[data-reset-image]').click();
      await expect(page.locator('#vq-mse')).toHaveText(mseOf(SEED_COLORS));
      expect(requests).toEqual([]);
    });

    test('colours: a cancelled run keeps the last numbers; “Train again” runs it', async ({ page }) => {
      // The worker's script is held until the cancel is clicked, so the run is certainly still pending.
      let release!: () => void;
      const held = new Promise<void>((r) => (release = r));
      await page.route('**/resource.worker*', async (route) => {
        await held;
        await route.continue();
      });
      await page.goto(`${lang}/vq/?pal=1&palK=4`);
      await ready(page, 'vq-colors');
      const cell = page.locator('[data-cell="vq-colors"]');
      const mse = await page.locator('#vq-mse').textContent();
      await expect(cell.locator('[data-progress]')).toBeVisible();
      await expect(cell.locator('[data-outputs]')).toHaveAttribute('aria-busy', 'true');
      await cell.locator('[data-cancel]').click();
      release();
      await expect(cell.locator('[data-slot="kmStatus"]')).toContainText(lang === 'zh' ? '已取消' : 'Cancelled');
      await expect(cell.locator('[data-cancel]')).toBeHidden();
      await expect(cell.locator('[data-progress]')).toBeHidden();
      await expect(page.locator('#vq-mse')).toHaveText(mse!);
      await cell.locator('[data-retry]').click();
      await expect(cell.locator('tbody[data-rows="usage"] tr')).toHaveCount(4, { timeout: 30_000 });
      await expect(cell.locator('[data-retry]')).toBeHidden();
      await expect(page.locator('#vq-mse')).not.toHaveText(mse!);
    });

    test('inside the layer: the seed example, edits, URL and a bad index', async ({ page }) => {
      // (Back restores parameters present in the earlier URL; a parameter missing there keeps its value.)
      await page.goto(`${lang}/vq/?lx=1,1;2,2;3,3`);
      await ready(page, 'vq-layer');
      await expect(page.locator('#vq-forced-value')).toHaveText('398.0000');
      await expect(page.locator('#vq-argmin')).toContainText('[0, 0, 0]');
      await page.locator('#vq-lx').fill('1,1; 22,19; 31,33');
      await page.locator('#vq-lx').press('Enter');
      const s = normalizeVqLayer({ ...defaults(vqLayerSchema), lx: [[1, 1], [22, 19], [31, 33]] });
      const v = vqLayerView(s, lang);
      await expect(page.locator('#vq-argmin')).toHaveText(v.text.argmin!);
      await expect(page.locator('#vq-loss')).toHaveText(v.text.loss!);
      await expect(page.locator('#vq-ppl-nearest')).toHaveText(v.text.pplNearest!);
      await expect(page).toHaveURL(/lx=1,1;22,19;31,33/);
      await expect(page.locator('[data-cell="vq-layer"] figure.chart svg[aria-description]')).toHaveCount(1);
      await page.locator('#vq-lforce').fill('9,0,1');
      await expectMessage(page.locator('[data-cell="vq-layer"] [data-cell-error]'), 'lforce[0] must be in [0, 7]');
      await page.locator('#vq-lforce').fill('5,0,1');
      await expectMessage(page.locator('[data-cell="vq-layer"] [data-cell-error]'), 'indices[0]');
      await expect(page.locator('#vq-lforce')).toHaveAttribute('aria-invalid', '');
      await expect(page.locator('#vq-forced-value')).toHaveText(v.text.forcedValue!);
      await page.goBack();
      await expect(page.locator('#vq-argmin')).toContainText('[0, 0, 0]');
      // The distance table has one column per code: its head follows K.
      const head = page.locator('#vq-distances-table thead th');
      await expect(head).toHaveCount(6);
      await page.locator('#vq-lcb').fill('10,10; 20,20; 30,30');
      await page.locator('#vq-lcb').press('Enter');
      const v3 = vqLayerView(normalizeVqLayer({ ...defaults(vqLayerSchema), lcb: [[10, 10], [20, 20], [30, 30]] }), lang);
      await expect(head).toHaveText(v3.distanceHead);
      await expect(page.locator('#vq-distances-table tbody tr').first().locator('td')).toHaveCount(4);
      await page.goBack();
      await expect(head).toHaveCount(6);
    });

    test('training: EMA, init and restart switches recompute the run; the chart is described', async ({ page }) => {
      await page.goto(`${lang}/vq/?tEma=1&tSteps=40`);
      await ready(page, 'vq-train');
      const s = { ...defaults(vqTrainSchema), tEma: 1, tSteps: 40 };
      await expect(page.locator('#vq-end-stats')).toHaveText(vqTrainView(s, lang).text.endStats!);
      // The dead-code line: EMA leaves codes dead and names the remedy, with the data-init run's numbers.
      await expect(page.locator('#vq-dead-note')).toHaveText(vqTrainView(s, lang).text.deadNote!);
      await page.locator('#vq-t-init').check();
      const v = vqTrainView({ ...s, tInit: 1 }, lang);
      await expect(page.locator('#vq-final-dead')).toHaveText(v.text.finalDead!);
      await expect(page.locator('#vq-end-stats')).toHaveText(v.text.endStats!);
      await expect(page.locator('#vq-dead-note')).toHaveText(v.text.deadNote!);
      await expect(page).toHaveURL(/tInit=1/);
      await expect(page.locator('[data-cell="vq-train"] figure.chart svg[aria-description]')).toHaveCount(2);
      // Restarting unused codes, from the seed's init: the dead codes fall to 0.
      await page.locator('#vq-t-init').uncheck();
      await page.locator('#vq-t-restart').check();
      const r = vqTrainView({ ...s, tRestart: 1 }, lang);
      expect(r.text.finalDead).toBe('0');
      await expect(page.locator('#vq-final-dead')).toHaveText(r.text.finalDead!);
      await expect(page.locator('#vq-dead-note')).toHaveText(r.text.deadNote!);
      await expect(page).toHaveURL(/tRestart=1/);
      await page.locator('#vq-t-decay').fill('1.5');
      await expect(page.locator('[data-cell="vq-train"] [data-cell-error]')).toContainText('tDecay');
      await expect(page.locator('#vq-end-stats')).toHaveText(r.text.endStats!);
    });

    test('digits: pick a sample, draw with pointer and keyboard', async ({ page }) => {
      await page.goto(`${lang}/vq/`);
      await ready(page, 'vq-digits');
      await page.locator('#vq-dsample').selectOption('3');
      const v3 = vqDigitsView({ dPix: DIGITS_SAMPLE.data[3]! }, lang, CODEBOOK);
      await expect(page.locator('#vq-d-nearest')).toHaveText(v3.text.nearest!);
      await expect(page.locator('#vq-d-loss')).toHaveText(v3.text.loss!);
      await expect(page).toHaveURL(new RegExp(`dPix=${DIGITS_SAMPLE.data[3]!.join(',')}`));
      await expect(page.locator(`[data-codes] li[data-code="${v3.nearest}"]`)).toHaveAttribute('data-nearest', '');
      await page.locator('[data-cell="vq-digits"] [data-clear]').click();
      const grid = page.locator('[data-grid] .px');
      await grid.nth(3).click();
      await grid.nth(3).press('ArrowDown');
      await expect(grid.nth(11)).toBeFocused();
      await grid.nth(11).press('Space');
      const pix = new Array(64).fill(0);
      pix[3] = 16;
      pix[11] = 16;
      const v = vqDigitsView({ dPix: pix }, lang, CODEBOOK);
      await expect(page.locator('#vq-d-loss')).toHaveText(v.text.loss!);
      await expect(page.locator('#vq-d-d-pix')).toHaveValue(pix.join(','));
      await expect(page.locator('#vq-dsample')).toHaveValue('-1');
    });

    test('build-time HTML equals what the scripts show after load', async ({ browser }) => {
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const staticPage = await noJs.newPage();
      await staticPage.goto(`${lang}/vq/`);
      // (vq-layer and vq-train are declared cells: tests/browser/cells.contract.spec.ts checks them.)
      const cells = ['vq-colors', 'vq-digits'];
      const ssr: Record<string, Record<string, string>> = {};
      for (const c of cells) ssr[c] = await slotTexts(staticPage, c);
      await expect(staticPage.locator('img[data-original-img]')).toHaveAttribute('loading', 'lazy');
      await expect(staticPage.locator('[data-codes] svg')).toHaveCount(32);
      await noJs.close();
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${lang}/vq/`);
      for (const c of cells) {
        await ready(page, c);
        expect(await slotTexts(page, c)).toEqual(ssr[c]);
      }
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
      await ctx.close();
    });
  });
}
