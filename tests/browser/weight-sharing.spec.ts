import { expect, test } from '@playwright/test';
import { conv2dSingle, conv2dWindow } from '../../src/lib/convolution';
import { formatNumber } from '../../src/lib/format';
import { conv2dParams, fullyConnectedEquivalent } from '../../src/lib/weightSharing';
import { commit, expectMessage, slotTexts, mounted } from './cells';

const group = (n: number) => n.toLocaleString('en-US');
const val = (x: number) => formatNumber(x, { digits: 4, trim: true });

const SEVEN = [
  [0, 0, 0, 0, 0, 0, 0, 0],
  [0, 1, 1, 1, 1, 1, 1, 0],
  [0, 0, 0, 0, 0, 1, 1, 0],
  [0, 0, 0, 0, 1, 1, 0, 0],
  [0, 0, 0, 1, 1, 0, 0, 0],
  [0, 0, 1, 1, 0, 0, 0, 0],
  [0, 0, 1, 1, 0, 0, 0, 0],
  [0, 0, 0, 0, 0, 0, 0, 0],
];
const EDGE = [[1, 0, -1], [1, 0, -1], [1, 0, -1]];

for (const lang of ['en', 'zh'] as const) {
  test.describe(`weight sharing (${lang})`, () => {
    test('parameter counts equal src/lib (= nn.Conv2d / nn.Linear) with formulas substituted; the URL keeps them', async ({ page }) => {
      await page.goto(`${lang}/weight-sharing/`);
      const cell = page.locator('[data-cell="ws-count"]');
      await mounted(cell);
      await expect(page.locator('#ws-conv-formula')).toHaveText('16·(3·3·3) + 16 = 448');
      await expect(page.locator('#ws-linear-formula')).toHaveText('3,072·16,384 + 16,384 = 50,348,032');

      await commit(page, '#ws-cin', '1');
      await commit(page, '#ws-ksize', '5');
      await commit(page, '#ws-pad', '0');
      const conv = conv2dParams({ inChannels: 1, outChannels: 16, kernelSize: 5 });
      const fc = fullyConnectedEquivalent({ height: 32, width: 32, inChannels: 1, outChannels: 16, kernelSize: 5, padding: 0 });
      await expect(page.locator('#ws-conv-formula')).toHaveText(`16·(1·5·5) + 16 = ${group(conv)}`);
      await expect(page.locator('#ws-linear-formula')).toHaveText(
        `${group(fc.inFeatures)}·${group(fc.outFeatures)} + ${group(fc.outFeatures)} = ${group(fc.linearParams)}`,
      );
      await expect(page.locator('#ws-local-formula')).toHaveText(`${fc.outHeight}·${fc.outWidth}·${group(conv)} = ${group(fc.outHeight * fc.outWidth * conv)}`);
      await expect(page).toHaveURL(/cin=1&.*ksize=5&.*pad=0/);
      // The bias checkbox, from the keyboard.
      await page.locator('#ws-usebias').focus();
      await page.keyboard.press('Space');
      await expect(page.locator('#ws-conv-formula')).toHaveText(`16·(1·5·5) = ${group(conv2dParams({ inChannels: 1, outChannels: 16, kernelSize: 5, bias: false }))}`);
      await expect(page).toHaveURL(/usebias=0/);
      await expect(cell.locator('figure.chart svg[aria-description]')).toHaveCount(1);
      await page.reload();
      await mounted(cell);
      await expect(page.locator('#ws-usebias')).not.toBeChecked();
      await expect(page.locator('#ws-ksize')).toHaveValue('5');
    });

    test('count cell: a bad value gets an inline message and the last valid state stays', async ({ page }) => {
      await page.goto(`${lang}/weight-sharing/?height=4&width=4&pad=0`);
      const cell = page.locator('[data-cell="ws-count"]');
      await mounted(cell);
      const before = await slotTexts(cell);
      await page.locator('#ws-ksize').fill('7');
      await expectMessage(cell.locator('[data-cell-error]'), 'kernelSize[0] must span at most height + 2·padding = 4');
      await expect(page.locator('#ws-ksize')).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(cell)).toEqual(before);
      await page.locator('#ws-cout').fill('2.5');
      await expectMessage(cell.locator('[data-cell-error]'), 'cout must be an integer; received 2.5');
      expect(await slotTexts(cell)).toEqual(before);
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('sliding kernel: the slider moves the window by keyboard and the value is conv2d’s', async ({ page }) => {
      await page.goto(`${lang}/weight-sharing/`);
      const cell = page.locator('[data-cell="ws-slide"]');
      await mounted(cell);
      const out = conv2dSingle(SEVEN, EDGE);
      await expect(page.locator('#wss-value')).toHaveText(val(out[4]![3]!));
      const slider = cell.locator('input[type="range"][data-param="pos"]');
      await expect(slider).toHaveAttribute('max', '35');
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await expect(page.locator('#wss-value')).toHaveText(val(out[4]![4]!));
      await expect(page.locator('#wss-pos')).toHaveValue('28');
      const w = conv2dWindow(SEVEN, EDGE, 4, 4);
      await expect(page.locator('#wss-formula')).toHaveText(
        `${w.terms.map((t) => `${t.k < 0 ? `(${val(t.k)})` : val(t.k)}·${val(t.x)}`).join(' + ')} = ${val(w.value)}`,
      );
      await expect(page).toHaveURL(/pos=28/);
      await expect(cell.locator('figure.chart svg[aria-description]')).toHaveCount(2);

      // A horizontal-edge kernel and a bias.
      await commit(page, '#wss-kernel', '1,1,1; 0,0,0; -1,-1,-1');
      await commit(page, '#wss-b', '0.5');
      const k2 = [[1, 1, 1], [0, 0, 0], [-1, -1, -1]];
      await expect(page.locator('#wss-value')).toHaveText(val(conv2dSingle(SEVEN, k2, { bias: 0.5 })[4]![4]!));
      await expect(page).toHaveURL(/kernel=1,1,1;0,0,0;-1,-1,-1/);
      // A bigger kernel: the grid shrinks and the position is kept on it.
      await commit(page, '#wss-kernel', '1,1,1,1,1; 1,1,1,1,1; 1,1,1,1,1; 1,1,1,1,1; 1,1,1,1,1');
      await expect(page.locator('#wss-pos')).toHaveValue('15');
      await expect(slider).toHaveAttribute('max', '15');
      await expect(page.locator('#wss-value')).toHaveText(val(conv2dSingle(SEVEN, Array.from({ length: 5 }, () => [1, 1, 1, 1, 1]), { bias: 0.5 })[3]![3]!));
    });

    test('sliding kernel: a bad matrix gets an inline message and the last state stays', async ({ page }) => {
      await page.goto(`${lang}/weight-sharing/`);
      const cell = page.locator('[data-cell="ws-slide"]');
      await mounted(cell);
      const before = await slotTexts(cell);
      await page.locator('#wss-kernel').fill('1,2;3');
      await expectMessage(cell.locator('[data-cell-error]'), 'kernel[1] must have 2 numbers like row 0; received 1');
      expect(await slotTexts(cell)).toEqual(before);
      await page.locator('#wss-image').fill('1,2,3;4,5,6;7,8,9');
      await page.locator('#wss-kernel').fill('1,1,1,1;1,1,1,1;1,1,1,1;1,1,1,1');
      await expectMessage(cell.locator('[data-cell-error]'), 'kernel must fit in the image (3×3); received 4×4');
      await page.locator('#wss-kernel').fill('1,0;0,-1');
      await expect(cell.locator('[data-cell-error]')).toBeEmpty();
      await expect(page.locator('#wss-value')).toHaveText(val(conv2dSingle([[1, 2, 3], [4, 5, 6], [7, 8, 9]], [[1, 0], [0, -1]])[0]![0]!));
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });
  });
}
