import { expect, test, type Locator, type Page } from '@playwright/test';
import { formatNumber } from '../../src/lib/format';
import { dropout2d, dropoutMask } from '../../src/lib/dropout';
import { mcDropout, simpleNNExample, simpleNNForward } from '../../src/lib/simpleNN';
import { featureMaps } from '../../src/cells/dropout2d';
import { dropoutEnsembleNet, exactDropoutEnsemble, mcDropoutEnsemble, weightScalingPrediction } from '../../src/lib/dropoutEnsemble';
import { dropoutEnsembleSchema, ENSEMBLE_NET_SEED } from '../../src/cells/dropoutEnsemble';
import { expectMessage, mounted } from './cells';

const fmt = (x: number) => formatNumber(x);
const nn = (netSeed = 818) => simpleNNExample(netSeed);
const trainOut = (p: number, seed: number, netSeed = 818) => {
  const { net, x } = nn(netSeed);
  return simpleNNForward(net, x, { p, seed }).output[0]!;
};
const evalOut = (netSeed = 818) => {
  const { net, x } = nn(netSeed);
  return simpleNNForward(net, x, { p: 0.5, seed: 0, training: false }).output[0]!;
};
const droppedUnits = (p: number, seed: number) => Array.from(dropoutMask(50, p, seed)).flatMap((m, j) => (m === 0 ? [String(j)] : []));

async function slotTexts(cell: Locator): Promise<Record<string, string>> {
  return cell.evaluate((root) => {
    const out: Record<string, string> = {};
    root.querySelectorAll<HTMLElement>('[data-slot]').forEach((el) => (out[`slot:${el.dataset.slot}`] = el.textContent ?? ''));
    root.querySelectorAll<HTMLElement>('[data-rows]').forEach((el) => (out[`rows:${el.dataset.rows}`] = el.innerText));
    root.querySelectorAll<SVGElement>('[data-unit]').forEach((el) => (out[`unit:${el.dataset.unit}`] = el.dataset.state ?? ''));
    return out;
  });
}

async function dropped(cell: Locator): Promise<string[]> {
  return cell.locator('[data-unit][data-state="dropped"]').evaluateAll((gs) => gs.map((g) => (g as SVGElement).dataset.unit ?? ''));
}

async function ready(page: Page, name: string): Promise<Locator> {
  const cell = page.locator(`[data-cell="${name}"]`);
  await mounted(cell);
  return cell;
}

for (const lang of ['en', 'zh'] as const) {
  test.describe(`dropout (${lang})`, () => {
    test('editing p redraws the mask and shows what src/lib computes; the URL keeps it', async ({ page }) => {
      await page.goto(`${lang}/dropout/`);
      const cell = await ready(page, 'dropout');
      await expect(page.locator('#do-output')).toHaveText(fmt(trainOut(0.5, 1)));
      expect(await dropped(cell)).toEqual(droppedUnits(0.5, 1));

      await page.locator('#do-p').fill('0.2');
      await page.locator('#do-p').press('Enter');
      await expect(page.locator('#do-output')).toHaveText(fmt(trainOut(0.2, 1)));
      await expect(page.locator('#do-scale')).toHaveText('1/(1 − 0.2) = 1.2500');
      expect(await dropped(cell)).toEqual(droppedUnits(0.2, 1));
      await expect(page).toHaveURL(/[?&]p=0\.2(&|$)/);
      await expect(cell.locator('input[type="range"][data-param="p"]')).toHaveValue('0.2');
      // The unit table follows: unit 0's mask and scaled value.
      const { net, x } = nn();
      const f = simpleNNForward(net, x, { p: 0.2, seed: 1 });
      await expect(cell.locator('tbody[data-rows="units"] tr').first()).toContainText(fmt(f.dropped[0]!));
      // Monte-Carlo chart with an accessible description.
      const mc = mcDropout(net, x, 0.2, 1, 200);
      await expect(page.locator('#do-mc-mean')).toHaveText(`(1/200)·Σₖ yₖ = ${fmt(mc.runningMean[199]!)}`);
      await expect(cell.locator('figure.chart svg[aria-description]')).toHaveCount(1);
      await expect(cell.locator('figure.chart svg[aria-description]')).toHaveAttribute('aria-description', new RegExp(fmt(mc.evalOutput)));
    });

    test('the slider is keyboard-operable', async ({ page }) => {
      await page.goto(`${lang}/dropout/`);
      await ready(page, 'dropout');
      const slider = page.locator('[data-cell="dropout"] input[type="range"][data-param="p"]');
      await slider.focus();
      await page.keyboard.press('ArrowRight');
      await expect(page.locator('#do-p')).toHaveValue('0.55');
      await expect(page.locator('#do-output')).toHaveText(fmt(trainOut(0.55, 1)));
      await expect(page).toHaveURL(/p=0\.55/);
    });

    test('eval mode is the identity: no dropped unit, the eval output', async ({ page }) => {
      await page.goto(`${lang}/dropout/`);
      const cell = await ready(page, 'dropout');
      // A switch, as the parameter is on/off: Space toggles it from the keyboard.
      await expect(page.locator('#do-train')).toHaveAttribute('type', 'checkbox');
      await expect(page.locator('#do-train')).toBeChecked();
      await page.locator('#do-train').focus();
      await page.keyboard.press('Space');
      await expect(page.locator('#do-train')).not.toBeChecked();
      await expect(page.locator('#do-output')).toHaveText(fmt(evalOut()));
      expect(await dropped(cell)).toEqual([]);
      await expect(page).toHaveURL(/train=0/);
      await expect(page.locator('#do-eval-formula')).toContainText(`= ${fmt(evalOut())}`);
    });

    test('a link reproduces the mask; "draw another mask" moves to the next seed; back restores', async ({ page }) => {
      await page.goto(`${lang}/dropout/?p=0.3&seed=7&net=5&passes=50`);
      const cell = await ready(page, 'dropout');
      expect(await dropped(cell)).toEqual(droppedUnits(0.3, 7));
      await expect(page.locator('#do-output')).toHaveText(fmt(trainOut(0.3, 7, 5)));
      await cell.locator('button[data-redraw]').click();
      await expect(page.locator('#do-seed')).toHaveValue('8');
      await expect(page).toHaveURL(/seed=8/);
      await expect(page.locator('#do-output')).toHaveText(fmt(trainOut(0.3, 8, 5)));
      expect(await dropped(cell)).toEqual(droppedUnits(0.3, 8));
      await page.goBack();
      await expect(page.locator('#do-seed')).toHaveValue('7');
      await expect(page.locator('#do-output')).toHaveText(fmt(trainOut(0.3, 7, 5)));
    });

    test('a bad value gets an inline message and the last valid state stays', async ({ page }) => {
      await page.goto(`${lang}/dropout/`);
      const cell = await ready(page, 'dropout');
      const before = await slotTexts(cell);
      await page.locator('#do-p').fill('1.5');
      await expectMessage(cell.locator('[data-cell-error]'), 'p must be in [0, 1]; received 1.5');
      await expect(page.locator('#do-p')).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(cell)).toEqual(before);
      await page.locator('#do-seed').fill('-3');
      await expectMessage(cell.locator('[data-cell-error]'), 'seed must be an integer in [0, 4294967295]; received -3');
      await page.locator('#do-passes').fill('2.5');
      await expectMessage(cell.locator('[data-cell-error]'), 'passes must be an integer; received 2.5');
      expect(await slotTexts(cell)).toEqual(before);
      await page.locator('#do-passes').fill('300');
      await expect(cell.locator('[data-cell-error]')).toBeEmpty();
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('a hostile URL is reported, never injected', async ({ page }) => {
      await page.goto(`${lang}/dropout/?p=<img src=x onerror=alert(1)>&seed=1e999&seed2=0x10`);
      await ready(page, 'dropout');
      await expectMessage(page.locator('[data-cell="dropout"] [data-cell-error]'), 'p must be a number');
      await expectMessage(page.locator('[data-cell="dropout2d"] [data-cell-error]'), 'seed2 must be a number');
      await expect(page.locator('main img')).toHaveCount(0);
      await expect(page.locator('#do-output')).toHaveText(fmt(trainOut(0.5, 1)));
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('Dropout vs Dropout2d: whole channels, as src/lib computes', async ({ page }) => {
      await page.goto(`${lang}/dropout/?p2=0.4&seed2=5`);
      const cell = await ready(page, 'dropout2d');
      const check = async (p: number, seed: number, ch: number, side: number) => {
        const out = dropout2d(featureMaps(ch, side), p, { seed });
        const rows = cell.locator('tbody[data-rows="channels"] tr');
        await expect(rows).toHaveCount(ch);
        for (let c = 0; c < ch; c++) {
          await expect(rows.nth(c).locator('td').last()).toHaveText(out[c]!.map((v) => formatNumber(v, { trim: true })).join(' '));
        }
      };
      await check(0.4, 5, 4, 3);
      await page.locator('#d2-ch').fill('6');
      await page.locator('#d2-ch').press('Enter');
      await check(0.4, 5, 6, 3);
      await expect(page).toHaveURL(/ch=6/);
      const dropped = Array.from(dropoutMask(6, 0.4, 5)).flatMap((m, c) => (m === 0 ? [c] : []));
      await expect(page.locator('#d2-chan-summary')).toContainText(dropped.join(lang === 'en' ? ', ' : '、'));
      await expect(cell.locator('figure.chart svg[aria-description]')).toHaveCount(1);
      await page.locator('#d2-side').fill('9');
      await expectMessage(cell.locator('[data-cell-error]'), 'side must be an integer in [2, 6]; received 9');
      await check(0.4, 5, 6, 3);
    });

    test('the ensemble of thinned networks: weight scaling, Monte-Carlo and the exact mean follow N and p', async ({ page }) => {
      await page.goto(`${lang}/dropout/`);
      const cell = await ready(page, 'dropout-ensemble');
      const net = dropoutEnsembleNet(ENSEMBLE_NET_SEED);
      const x = [...dropoutEnsembleSchema.ensX.default];
      const largest = (a: number[], b: number[]) => fmt(Math.max(...a.map((v, i) => Math.abs(v - b[i]!))));
      const check = async (p: number, n: number) => {
        const ws = weightScalingPrediction(net, x);
        const mc = mcDropoutEnsemble(net, x, p, dropoutEnsembleSchema.ensSeed.default, n);
        const ex = exactDropoutEnsemble(net, x, p);
        const rows = cell.locator('tbody[data-rows="probs"] tr');
        await expect(rows).toHaveCount(3);
        for (let k = 0; k < 3; k++) {
          await expect(rows.nth(k).locator('td')).toHaveText([fmt(ws.probs[k]!), fmt(mc.probs[k]!), fmt(ex.probs[k]!), fmt(ex.geometric[k]!)]);
        }
        await expect(page.locator('#de-gap-ws')).toContainText(largest(ws.probs, ex.probs));
        await expect(page.locator('#de-gap-mc')).toContainText(largest(mc.probs, ex.probs));
        await expect(cell.locator('figure.chart svg[aria-description]')).toHaveAttribute('aria-description', new RegExp(fmt(mc.probs[0]!)));
      };
      await check(0.5, 500);
      await page.locator('#de-ens-n').fill('50');
      await page.locator('#de-ens-n').press('Enter');
      await check(0.5, 50);
      await page.locator('#de-ens-p').fill('0.2');
      await page.locator('#de-ens-p').press('Enter');
      await check(0.2, 50);
      await expect(page).toHaveURL(/ensN=50/);
      await expect(page).toHaveURL(/ensP=0\.2(&|$)/);
      await page.locator('#de-ens-n').fill('2001');
      await expectMessage(cell.locator('[data-cell-error]'), 'ensN must be an integer in [1, 2000]; received 2001');
      await check(0.2, 50);
    });

    test('the build-time diagram shows the mask of the defaults, before any script', async ({ browser }) => {
      // Build-time slots = after load is the contract spec's; the diagram's unit states are this cell's own.
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const page = await noJs.newPage();
      await page.goto(`${lang}/dropout/`);
      expect(await dropped(page.locator('[data-cell="dropout"]'))).toEqual(droppedUnits(0.5, 1));
      await expect(page.locator('#do-net-description')).toContainText(droppedUnits(0.5, 1).join(lang === 'en' ? ', ' : '、'));
      await noJs.close();
    });

    test('the language switch keeps the parameters; formulas are KaTeX at build time', async ({ page }) => {
      await page.goto(`${lang}/dropout/?p=0.25&seed=4`);
      await ready(page, 'dropout');
      expect(await page.locator('.katex math').count()).toBeGreaterThan(5);
      const other = lang === 'en' ? 'zh' : 'en';
      await page.locator('a[data-keep-query]').click();
      await expect(page).toHaveURL(new RegExp(`/regularization-live/${other}/dropout/\\?p=0\\.25&seed=4`));
      await expect(page.locator('#do-output')).toHaveText(fmt(trainOut(0.25, 4)));
    });
  });
}
