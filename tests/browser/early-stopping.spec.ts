import { expect, test } from '@playwright/test';
import { earlyStopping } from '../../src/lib/earlyStopping';
import { formatNumber } from '../../src/lib/format';
import { l2Norm, noisySine, trainPolynomialGD, weightsAt } from '../../src/lib/polyfit';
import { slotTexts, commit, expectMessage, mounted } from './cells';

const fmt = (x: number) => formatNumber(x);

/** What src/lib computes for the training cell (the cell's defaults, overridden by `p`). */
function expected(p: Partial<{ seed: number; noise: number; ntrain: number; degree: number; lr: number; epochs: number; patience: number; delta: number; restore: boolean }> = {}) {
  const o = { seed: 9, noise: 0.3, ntrain: 15, degree: 10, lr: 0.1, epochs: 2000, patience: 50, delta: 0, restore: true, ...p };
  const data = noisySine({ seed: o.seed, nTrain: o.ntrain, nVal: 30, noise: o.noise });
  const run = trainPolynomialGD(data, { degree: o.degree, lr: o.lr, epochs: o.epochs });
  const es = earlyStopping(run.valLoss, { patience: o.patience, minDelta: o.delta, restoreBestWeights: o.restore });
  const ran = (es.stoppedEpoch ?? o.epochs) - 1;
  const ret = o.restore ? es.bestEpoch! : ran;
  const norm = (e: number) => fmt(l2Norm(weightsAt(run, e)));
  const last = o.epochs - 1;
  return {
    stop: es.stoppedEpoch === null ? `No early stop: all ${o.epochs} epochs ran` : `Epoch ${es.stoppedEpoch}: early stopping`,
    best: `best val_loss = ${fmt(es.bestValue!)} at epoch ${es.bestEpoch! + 1}`,
    returned: `epoch ${ret + 1}: training MSE ${fmt(run.trainLoss[ret]!)}, validation MSE ${fmt(run.valLoss[ret]!)}, ‖w‖ = ${norm(ret)}`,
    full: `epoch ${o.epochs}: training MSE ${fmt(run.trainLoss[last]!)}, validation MSE ${fmt(run.valLoss[last]!)}, ‖w‖ = ${norm(last)}`,
    lrLimit: `2/λ_max = 2/${fmt(run.lambdaMax)} = ${fmt(run.lrLimit)}`,
    stopZh: es.stoppedEpoch === null ? `没有触发早停：${o.epochs} 轮全部跑完` : `第 ${es.stoppedEpoch} 轮后触发早停，停止训练`,
  };
}

for (const lang of ['en', 'zh'] as const) {
  test.describe(`early stopping (${lang})`, () => {
    test('the training cell shows what src/lib computes; editing patience and the seed updates it; the URL keeps it', async ({ page }) => {
      await page.goto(`${lang}/early-stopping/`);
      const cell = page.locator('[data-cell="early-stopping"]');
      await mounted(cell);
      const d = expected();
      await expect(page.locator('#es-stop')).toHaveText(lang === 'en' ? d.stop : d.stopZh);
      await expect(page.locator('#es-lr-limit')).toHaveText(d.lrLimit);
      // Both charts are drawn with accessible descriptions.
      await expect(cell.locator('figure.chart svg[aria-description]')).toHaveCount(2);

      await commit(page, '#es-patience', '10');
      const p10 = expected({ patience: 10 });
      await expect(page.locator('#es-stop')).toHaveText(lang === 'en' ? p10.stop : p10.stopZh);
      if (lang === 'en') {
        await expect(page.locator('#es-best')).toHaveText(p10.best);
        await expect(page.locator('#es-returned')).toHaveText(p10.returned);
      }
      await expect(page).toHaveURL(/patience=10/);
      await expect(cell.locator('input[type="range"][data-param="patience"]')).toHaveValue('10');

      await commit(page, '#es-seed', '2');
      const s2 = expected({ patience: 10, seed: 2 });
      await expect(page.locator('#es-stop')).toHaveText(lang === 'en' ? s2.stop : s2.stopZh);
      await expect(page.locator('#es-lr-limit')).toHaveText(s2.lrLimit);
      await expect(page).toHaveURL(/seed=2/);

      await page.reload();
      await mounted(cell);
      await expect(page.locator('#es-seed')).toHaveValue('2');
      await expect(page.locator('#es-stop')).toHaveText(lang === 'en' ? s2.stop : s2.stopZh);
    });

    test('restore_best_weights is a keyboard checkbox; off returns the stopped epoch', async ({ page }) => {
      await page.goto(`${lang}/early-stopping/?restore=1`);
      await mounted(page.locator('[data-cell="early-stopping"]'));
      const box = page.locator('#es-restore');
      await expect(box).toBeChecked();
      await box.focus();
      await page.keyboard.press('Space');
      await expect(box).not.toBeChecked();
      await expect(page).toHaveURL(/restore=0/);
      const d = expected({ restore: false });
      if (lang === 'en') {
        await expect(page.locator('#es-returned')).toHaveText(d.returned);
        await expect(page.locator('#es-restore-text')).toContainText('restore_best_weights=False');
      } else {
        await expect(page.locator('#es-restore-text')).toContainText('restore_best_weights=False：模型保留');
      }
      await page.goBack();
      await expect(box).toBeChecked();
    });

    test('a large run trains in a Web Worker and then shows the src/lib numbers', async ({ page }) => {
      const worker = page.waitForEvent('worker');
      await page.goto(`${lang}/early-stopping/?epochs=20000&patience=1000`);
      expect((await worker).url()).toMatch(/resource\.worker/);
      await mounted(page.locator('[data-cell="early-stopping"]'));
      const d = expected({ epochs: 20000, patience: 1000 });
      await expect(page.locator('#es-full')).toContainText(lang === 'en' ? d.full : `第 20000 轮`, { timeout: 30_000 });
      if (lang === 'en') await expect(page.locator('#es-stop')).toHaveText(d.stop);
      await expect(page.locator('[data-cell="early-stopping"] [data-outputs]')).toHaveAttribute('aria-busy', 'false');
      await expect(page.locator('#es-status')).toHaveText(lang === 'en' ? '20000 epochs of full-batch gradient descent from w = 0' : '从 w = 0 开始，做 20000 轮全批量梯度下降');
      await expect(page.locator('[data-cell="early-stopping"] figure.chart svg[aria-description]')).toHaveCount(2);
    });

    test('a worker run can be cancelled: the last finished numbers stay, and an edit trains again', async ({ page, context }) => {
      await page.goto(`${lang}/early-stopping/`);
      const cell = page.locator('[data-cell="early-stopping"]');
      await mounted(cell);
      const before = await slotTexts(cell);
      // Hold the worker's script until the reader has cancelled, so the run cannot finish first.
      let release!: () => void;
      const held = new Promise<void>((r) => { release = r; });
      await context.route(/resource\.worker/, async (route) => { await held; await route.continue(); });
      await commit(page, '#es-epochs', '20000');
      const cancel = cell.locator('button[data-cancel]');
      await expect(cancel).toBeVisible();
      await expect(cell.locator('[data-progress]')).toBeVisible();
      await cancel.press('Enter');
      await expect(page.locator('#es-status')).toContainText(lang === 'en' ? 'Training of 20000 epochs cancelled' : '已取消 20000 轮的训练');
      await expect(cancel).toBeHidden();
      await expect(cell.locator('[data-progress]')).toBeHidden();
      await expect(cell.locator('[data-outputs]')).toHaveAttribute('aria-busy', 'false');
      await expect(page.locator('#es-epochs')).toBeFocused();
      release();
      await page.waitForTimeout(500);
      const after = await slotTexts(cell);
      expect({ ...after, 'slot:status': '' }).toEqual({ ...before, 'slot:status': '' });
      // A new value trains again, in the worker, to the src/lib numbers.
      await commit(page, '#es-epochs', '19990');
      const d = expected({ epochs: 19990 });
      await expect(page.locator('#es-full')).toContainText(lang === 'en' ? d.full : '第 19990 轮', { timeout: 30_000 });
    });

    test('a worker that cannot load: the run falls back to the main thread, with the same numbers', async ({ page, context }) => {
      await context.route(/resource\.worker/, (route) => route.abort());
      await page.goto(`${lang}/early-stopping/?epochs=20000&patience=1000`);
      const cell = page.locator('[data-cell="early-stopping"]');
      await mounted(cell);
      const d = expected({ epochs: 20000, patience: 1000 });
      await expect(page.locator('#es-full')).toContainText(lang === 'en' ? d.full : '第 20000 轮', { timeout: 30_000 });
      await expect(cell.locator('[data-outputs]')).toHaveAttribute('aria-busy', 'false');
      await expect(cell.locator('button[data-cancel]')).toBeHidden();
    });

    test('a bad value gets an inline message and the last valid state stays', async ({ page }) => {
      await page.goto(`${lang}/early-stopping/`);
      const cell = page.locator('[data-cell="early-stopping"]');
      await mounted(cell);
      const before = await slotTexts(cell);
      // Above 2/λ_max gradient descent diverges: refused, with the bound.
      await page.locator('#es-lr').fill('0.99');
      await expectMessage(cell.locator('[data-cell-error]'), 'lr must be < 2/λ_max = 0.94');
      await expect(page.locator('#es-lr')).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(cell)).toEqual(before);
      await page.locator('#es-patience').fill('-1');
      await expectMessage(cell.locator('[data-cell-error]'), 'patience must be an integer in [0, 1000]; received -1');
      expect(await slotTexts(cell)).toEqual(before);
      await page.locator('#es-patience').fill('50');
      await expect(cell.locator('[data-cell-error]')).toBeEmpty();
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('the replay cell: the example stops after epoch 5; editing values and patience follows Keras', async ({ page }) => {
      await page.goto(`${lang}/early-stopping/`);
      const cell = page.locator('[data-cell="es-replay"]');
      await mounted(cell);
      await expect(page.locator('#esr-stop')).toContainText(lang === 'en' ? 'Epoch 5: early stopping' : '第 5 轮后触发早停');
      await commit(page, '#esr-vpatience', '3');
      const r3 = earlyStopping([0.2, 0.15, 0.1, 0.11, 0.12], { patience: 3 });
      expect(r3.stoppedEpoch).toBeNull();
      await expect(page.locator('#esr-stop')).toHaveText(lang === 'en' ? 'All 5 epochs ran: early stopping never fired' : '5 轮全部跑完，没有触发早停');
      await commit(page, '#esr-vals', '1, 0.9, 0.95, 0.97, 0.96, 0.99');
      const r = earlyStopping([1, 0.9, 0.95, 0.97, 0.96, 0.99], { patience: 3 });
      await expect(page.locator('#esr-stop')).toContainText(lang === 'en' ? `Epoch ${r.stoppedEpoch}: early stopping` : `第 ${r.stoppedEpoch} 轮后触发早停`);
      await expect(page.locator('#esr-best')).toContainText(`0.9`);
      await expect(page).toHaveURL(/vals=1,0\.9,0\.95,0\.97,0\.96,0\.99/);
      await page.locator('#esr-vals').fill('1, x');
      await expectMessage(cell.locator('[data-cell-error]'), 'vals[1] must be a number; received "x"');
      await expect(page.locator('#esr-stop')).toContainText(lang === 'en' ? `Epoch ${r.stoppedEpoch}: early stopping` : `第 ${r.stoppedEpoch} 轮后触发早停`);
    });

    test('the training cell: build-time HTML equals what the script shows after load', async ({ browser }) => {
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const staticPage = await noJs.newPage();
      await staticPage.goto(`${lang}/early-stopping/`);
      const ssr = await slotTexts(staticPage.locator('[data-cell="early-stopping"]'));
      await noJs.close();
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${lang}/early-stopping/`);
      await mounted(page.locator('[data-cell="early-stopping"]'));
      expect(await slotTexts(page.locator('[data-cell="early-stopping"]'))).toEqual(ssr);
      expect(Object.keys(ssr).length).toBeGreaterThan(10);
      expect(ssr['slot:stop']).toBe(lang === 'en' ? expected().stop : expected().stopZh);
      await ctx.close();
    });

    test('formulas are rendered at build time', async ({ page }) => {
      await page.goto(`${lang}/early-stopping/`);
      expect(await page.locator('.katex math').count()).toBeGreaterThan(5);
    });
  });
}
