import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatNumber } from '../../src/lib/format';
import { batchNorm, batchNormEval } from '../../src/lib/batchNorm';
import { gaussianBatches, runningStatistics } from '../../src/lib/batchNormRunning';
import { batchNormNoise } from '../../src/lib/batchNormNoise';
import { expectMessage, slotTexts, mounted } from './cells';

const fmt6 = (x: number) => formatNumber(x, { digits: 6 });
const fmt = (x: number) => formatNumber(x);
const vec = (xs: number[]) => `[${xs.map(fmt6).join(', ')}]`;

async function ready(page: Page, name: string): Promise<Locator> {
  const cell = page.locator(`[data-cell="${name}"]`);
  await mounted(cell);
  return cell;
}

for (const lang of ['en', 'zh'] as const) {
  test.describe(`batch norm (${lang})`, () => {
    test('the worked example: typing 1;2;3;4 gives nn.BatchNorm1d\'s numbers; the URL keeps it', async ({ page }) => {
      await page.goto(`${lang}/batch-norm/`);
      const cell = await ready(page, 'batch-norm');
      await page.locator('#bn-x').fill('1;2;3;4');
      await page.locator('#bn-x').press('Enter');
      const rows = cell.locator('tbody[data-rows="outputs"] tr');
      await expect(rows).toHaveCount(4);
      await expect(rows.nth(0).locator('td').nth(1)).toHaveText('[−1.341635]');
      await expect(rows.nth(1).locator('td').nth(1)).toHaveText('[−0.447212]');
      await expect(rows.nth(2).locator('td').nth(1)).toHaveText('[0.447212]');
      await expect(rows.nth(3).locator('td').nth(1)).toHaveText('[1.341635]');
      await expect(page.locator('#bn-running-mean')).toHaveText('[0.250000]');
      await expect(page.locator('#bn-running-var')).toHaveText('[1.066667]');
      await expect(page).toHaveURL(/x=1;2;3;4(&|$)/);
      // γ and β follow the number of features.
      await expect(page.locator('#bn-gamma')).toHaveValue('1');
      await expect(page.locator('#bn-beta')).toHaveValue('0');
    });

    test('editing γ, β and momentum shows what src/lib computes (train and eval)', async ({ page }) => {
      await page.goto(`${lang}/batch-norm/?x=1,0.5;2,-1;7,2`);
      const cell = await ready(page, 'batch-norm');
      await page.locator('#bn-gamma').fill('2, 0.5');
      await page.locator('#bn-gamma').press('Enter');
      await page.locator('#bn-beta').fill('1,-1');
      await page.locator('#bn-beta').press('Enter');
      await page.locator('#bn-mom').fill('0.3');
      await page.locator('#bn-mom').press('Enter');
      const x = [[1, 0.5], [2, -1], [7, 2]];
      const opts = { gamma: [2, 0.5], beta: [1, -1] };
      const r = batchNorm(x, { ...opts, momentum: 0.3 });
      const e = batchNormEval(x, { ...opts, runningMean: r.runningMean, runningVar: r.runningVar });
      const rows = cell.locator('tbody[data-rows="outputs"] tr');
      for (let i = 0; i < 3; i++) {
        await expect(rows.nth(i).locator('td').nth(1)).toHaveText(vec(r.y[i]!));
        await expect(rows.nth(i).locator('td').nth(2)).toHaveText(vec(e[i]!));
      }
      await expect(page.locator('#bn-running-mean')).toHaveText(vec(r.runningMean));
      await expect(page.locator('#bn-running-var')).toHaveText(vec(r.runningVar));
      await expect(page).toHaveURL(/gamma=2,0\.5&beta=1,-1&mom=0\.3/);
      await expect(page.locator('#bn-train-formula')).toContainText(`= ${fmt6(r.y[0]![0]!)}`);
    });

    test('a bad value gets an inline message and the last valid state stays', async ({ page }) => {
      await page.goto(`${lang}/batch-norm/`);
      const cell = await ready(page, 'batch-norm');
      const before = await slotTexts(cell);
      await page.locator('#bn-x').fill('1,2;3');
      await expectMessage(cell.locator('[data-cell-error]'), 'x[1] must have 2 numbers like row 0; received 1');
      // The line itself is in the reader's language and names the matrix by its label.
      await expect(cell.locator('[data-cell-error]')).toContainText(lang === 'zh' ? '小批量 x' : 'Mini-batch x');
      await expect(page.locator('#bn-x')).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(cell)).toEqual(before);
      await page.locator('#bn-x').fill('5');
      await expectMessage(cell.locator('[data-cell-error]'), 'x must have 2 to 32 rows; received 1');
      await page.locator('#bn-x').fill('1,2;3,abc');
      await expectMessage(cell.locator('[data-cell-error]'), 'x[1][1] must be a number; received "abc"');
      await page.locator('#bn-eps').fill('0');
      await expectMessage(cell.locator('[data-cell-error]'), 'eps must be in');
      expect(await slotTexts(cell)).toEqual(before);
      await page.locator('#bn-eps').fill('0.001');
      await expect(cell.locator('[data-cell-error]')).toBeEmpty();
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('a constant feature gets an explanation, never NaN', async ({ page }) => {
      await page.goto(`${lang}/batch-norm/?x=3,1;3,2`);
      const cell = await ready(page, 'batch-norm');
      await expect(cell.locator('[data-slot="warning"]')).not.toBeEmpty();
      await expect(cell.locator('tbody[data-rows="outputs"] tr').first().locator('td').nth(1)).toHaveText('[0.000000, −0.999980]');
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('running statistics over many batches: the numbers src/lib computes', async ({ page }) => {
      await page.goto(`${lang}/batch-norm/`);
      const cell = await ready(page, 'bn-running');
      await page.locator('#bnr-steps').fill('40');
      await page.locator('#bnr-steps').press('Enter');
      await page.locator('#bnr-mom2').fill('0.2');
      await page.locator('#bnr-mom2').press('Enter');
      const steps = runningStatistics(gaussianBatches(1, 40, 16, 5, 2), { momentum: 0.2 });
      await expect(page.locator('#bnr-final-mean')).toHaveText(fmt(steps[39]!.runningMean));
      await expect(page.locator('#bnr-final-var')).toHaveText(fmt(steps[39]!.runningVar));
      await expect(page).toHaveURL(/steps=40&mom2=0\.2/);
      await expect(cell.locator('figure.chart svg[aria-description]')).toHaveCount(2);
      await page.locator('#bnr-bs').fill('1');
      await expectMessage(cell.locator('[data-cell-error]'), 'bs must be an integer in [2, 128]; received 1');
      await expect(page.locator('#bnr-final-mean')).toHaveText(fmt(steps[39]!.runningMean));
    });

    test('noise against the batch size: editing B changes the numbers and both charts; B = 1 is refused', async ({ page }) => {
      await page.goto(`${lang}/batch-norm/`);
      const cell = await ready(page, 'bn-noise');
      const data = gaussianBatches(0, 1, 256, 0, 1)[0]!;
      const at = (b: number) => batchNormNoise(data, { index: 0, batchSize: b, draws: 500, seed: 1 });
      await expect(page.locator('#bnn-spread')).toHaveText(fmt(at(16).std));
      const spreadChart = cell.locator('[data-chart="spread"] svg[aria-description]');
      const sweepChart = cell.locator('[data-chart="sweep"] svg[aria-description]');
      const before = [await spreadChart.getAttribute('aria-description'), await sweepChart.getAttribute('aria-description')];
      await page.locator('#bnn-nbs').fill('4');
      await page.locator('#bnn-nbs').press('Enter');
      await expect(page.locator('#bnn-spread')).toHaveText(fmt(at(4).std));
      await expect(page.locator('#bnn-mean-out')).toHaveText(fmt(at(4).mean));
      await expect(page).toHaveURL(/nbs=4(&|$)/);
      await expect(spreadChart).not.toHaveAttribute('aria-description', before[0]!);
      await expect(spreadChart).toHaveAttribute('aria-description', new RegExp(`standard deviation ${fmt(at(4).std)}|标准差 ${fmt(at(4).std)}`));
      await expect(sweepChart).not.toHaveAttribute('aria-description', before[1]!);
      await page.locator('#bnn-nbs').fill('1');
      await expectMessage(cell.locator('[data-cell-error]'), 'nbs must be an integer in [2, 256]; received 1');
      await expect(cell.locator('[data-cell-error]')).toContainText(lang === 'zh' ? '批大小 B' : 'Batch size B');
      await expect(page.locator('#bnn-spread')).toHaveText(fmt(at(4).std));
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('the language switch keeps the parameters; formulas are KaTeX at build time', async ({ page }) => {
      await page.goto(`${lang}/batch-norm/?x=1;2;3;4&gamma=1&beta=0`);
      await ready(page, 'batch-norm');
      expect(await page.locator('.katex math').count()).toBeGreaterThan(5);
      const other = lang === 'en' ? 'zh' : 'en';
      await page.locator('a[data-keep-query]').click();
      await expect(page).toHaveURL(new RegExp(`/regularization-live/${other}/batch-norm/\\?x=1;2;3;4`));
      await ready(page, 'batch-norm');
      await expect(page.locator('#bn-running-var')).toHaveText('[1.066667]');
    });
  });
}
