import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { l1Penalty, l2Penalty, l1BallMinimizer, l2BallMinimizer, softThreshold } from '../../src/lib/penalties';
import { adamStep, adamwStep, sgdStep } from '../../src/lib/optimizers';
import { lasso, lassoPath, ridge } from '../../src/lib/linearModels';
import { mapStationarity, priorAlpha } from '../../src/lib/mapPrior';
import { biasVariance } from '../../src/lib/biasVariance';
import { sig } from '../../src/cells/l1l2Shared';
import { prepareDiabetes, type DiabetesJson } from '../../src/cells/l1l2Path';
import { exact, list, num, point } from '../../src/cells/l1l2Shared';
import { expectMessage, slotTexts as cellTexts, mounted } from './cells';

const data = prepareDiabetes(JSON.parse(readFileSync(new URL('../../public/data/diabetes.json', import.meta.url), 'utf8')) as DiabetesJson);
const CELLS = ['l1l2-penalty', 'l1l2-prox', 'l1l2-geometry', 'l1l2-path', 'l1l2-map', 'l1l2-bias-variance', 'l1l2-wd', 'l1l2-adam'] as const;

/** Text of every live slot and table row of one cell. */
async function slotTexts(page: Page, cell: string): Promise<Record<string, string>> {
  return cellTexts(page.locator(`[data-cell="${cell}"]`));
}

async function ready(page: Page): Promise<void> {
  for (const c of CELLS) await mounted(page.locator(`[data-cell="${c}"]`));
}

/** Types a value and commits it (Enter), as a reader would. */
async function set(page: Page, id: string, value: string): Promise<void> {
  await page.locator(id).fill(value);
  await page.locator(id).press('Enter');
}

for (const lang of ['en', 'zh'] as const) {
  test.describe(`L1/L2 (${lang})`, () => {
    test('penalty calculator: edits show src/lib’s numbers and the URL keeps them', async ({ page }) => {
      await page.goto(`${lang}/l1-l2/`);
      await ready(page);
      await expect(page.locator('#l12-l1-formula')).toHaveText('0.1·(|1| + |−2|) = 0.3');
      await expect(page.locator('#l12-l2-formula')).toHaveText('0.1·(1² + (−2)²) = 0.5');
      await set(page, '#l12-lam', '0.25');
      await expect(page.locator('#l12-l1-formula')).toHaveText(`0.25·(|1| + |−2|) = ${num(l1Penalty([1, -2], 0.25))}`);
      await set(page, '#l12-w', '3, -4, 0.5');
      await expect(page.locator('#l12-l2-formula')).toHaveText(`0.25·(3² + (−4)² + 0.5²) = ${num(l2Penalty([3, -4, 0.5], 0.25))}`);
      await expect(page).toHaveURL(/lam=0\.25/);
      await expect(page).toHaveURL(/w=3,-4,0\.5/);
      await expect(page.locator('[data-cell="l1l2-penalty"] input[type="range"][data-param="lam"]')).toHaveValue('0.25');
      await expect(page.locator('[data-cell="l1l2-penalty"] code[data-slot="pytorch"]')).toContainText('torch.tensor([3.0, -4.0, 0.5]');
    });

    test('gradient vs proximal step: soft-thresholding makes exact zeros', async ({ page }) => {
      await page.goto(`${lang}/l1-l2/`);
      await ready(page);
      await expect(page.locator('#l12-proximal-once')).toHaveText(list(softThreshold([3, -0.5, 1.2], 1)));
      await set(page, '#l12-plam', '3');
      const t = 0.5 * 3;
      await expect(page.locator('#l12-proximal-once')).toHaveText(list(softThreshold([3, -0.5, 1.2], t)));
      await set(page, '#l12-steps', '3');
      let w = [3, -0.5, 1.2];
      for (let k = 0; k < 3; k++) w = softThreshold(w, t);
      await expect(page.locator('#l12-proximal-last')).toHaveText(list(w));
      await expect(page).toHaveURL(/plam=3/);
      await expect(page).toHaveURL(/steps=3/);
      const fig = page.locator('[data-cell="l1l2-prox"] figure.chart svg[aria-description]');
      await expect(fig).toHaveCount(1);
      await expect(fig).toHaveAttribute('aria-description', /t = 1\.5\b/);
      // The chart's text alternative is the table of the same numbers above it.
      await expect(page.locator('[data-cell="l1l2-prox"] figure[data-chart="trajectory"]')).toHaveAttribute('data-details', 'l12-prox-table');
      await expect(page.locator('#l12-prox-table tbody tr')).toHaveCount(3);
    });

    test('2-D picture: moving c moves the constrained optima as src/lib computes', async ({ page }) => {
      await page.goto(`${lang}/l1-l2/`);
      await ready(page);
      await expect(page.locator('#l12-l1-point')).toHaveText('(1, 0)');
      await set(page, '#l12-cx', '-0.8');
      await set(page, '#l12-cy', '1.9');
      const c = [-0.8, 1.9];
      await expect(page.locator('#l12-l1-point')).toHaveText(point(l1BallMinimizer(c, [1, 1.5], 1).w));
      await expect(page.locator('#l12-l2-point')).toHaveText(point(l2BallMinimizer(c, [1, 1.5], 1).w));
      await expect(page).toHaveURL(/cx=-0\.8/);
      await expect(page).toHaveURL(/cy=1\.9/);
      // Keyboard: the slider moves with the arrow keys.
      const slider = page.locator('[data-cell="l1l2-geometry"] input[type="range"][data-param="r"]');
      await slider.focus();
      await slider.press('ArrowRight');
      await expect(page.locator('#l12-r')).toHaveValue('1.05');
      await expect(page.locator('#l12-l1-point')).toHaveText(point(l1BallMinimizer(c, [1, 1.5], 1.05).w));
      const svg = page.locator('[data-cell="l1l2-geometry"] figure.chart svg[aria-description]');
      await expect(svg).toHaveCount(1);
      await expect(svg).toHaveAttribute('aria-description', /r = 1\.05/);
    });

    test('regularization path: data fetched under the base path; the chosen α gives src/lib’s fits', async ({ page }) => {
      const fetched: string[] = [];
      page.on('response', (r) => r.url().includes('diabetes.json') && fetched.push(`${r.status()} ${new URL(r.url()).pathname}`));
      await page.goto(`${lang}/l1-l2/`);
      await ready(page);
      expect(fetched).toEqual(['200 /regularization-live/data/diabetes.json']);
      await expect(page.locator('#l12-alpha-max')).toHaveText(`α_max = max|Xᵀy|/n = ${num(lassoPath(data.X, data.y).alphaMax)}`);
      await expect(page.locator('#l12-order')).toHaveText('bmi → s5 → bp → s3 → sex → s6 → s1 → s4 → s2 → age');
      await expect(page.locator('[data-cell="l1l2-path"] figure.chart svg[aria-description]')).toHaveCount(2);

      await set(page, '#l12-llog', '-1');
      const fit = lasso(data.X, data.y, 10 ** -1);
      const rows = page.locator('tbody[data-rows="coefs"] tr');
      await expect(rows.nth(2)).toContainText(num(fit.coef[2]!));
      await expect(page.locator('#l12-lasso-alpha')).toHaveText(`10^−1 = ${num(0.1)}`);
      await set(page, '#l12-rlog', '3');
      await expect(rows.nth(8)).toContainText(num(ridge(data.X, data.y, 1000).coef[8]!));
      await expect(page).toHaveURL(/llog=-1/);
      await expect(page).toHaveURL(/rlog=3/);

      // The path grid: a coarse grid changes the chart, not α_max.
      await page.locator('[data-cell="l1l2-path"] details.field-group summary').click();
      await set(page, '#l12-pts', '12');
      await expect(page.locator('[data-cell="l1l2-path"] figure[data-chart="lasso"] svg[aria-description]')).toHaveAttribute('aria-description', /0\.0452\D+45\.16/);
      await expect(page).toHaveURL(/pts=12/);
      await expect(page.locator('[data-cell="l1l2-path"] code[data-slot="sklearn"]')).toContainText('n_alphas=12');
    });

    test('the Bayesian view: σ, τ and b give src/lib’s α, the MAP fits and their optimality check', async ({ page }) => {
      await page.goto(`${lang}/l1-l2/`);
      await ready(page);
      const n = data.X.length;
      await expect(page.locator('#l12m-ridge-alpha')).toHaveText('α = σ²/τ² = 50²/10² = 25');
      await set(page, '#l12m-msig', '60');
      await set(page, '#l12m-mtau', '4');
      await set(page, '#l12m-mlap', '0.5');
      const ra = priorAlpha('gaussian', 60, 4, n);
      const la = priorAlpha('laplace', 60, 0.5, n);
      await expect(page.locator('#l12m-ridge-alpha')).toHaveText(`α = σ²/τ² = 60²/4² = ${num(ra)}`);
      await expect(page.locator('#l12m-lasso-alpha')).toHaveText(`α = σ²/(n·b) = 60²/(${n}·0.5) = ${num(la)}`);
      const r = ridge(data.X, data.y, ra);
      const l = lasso(data.X, data.y, la);
      const rows = page.locator('tbody[data-rows="mapCoefs"] tr');
      await expect(rows).toHaveCount(10);
      for (const j of [0, 2, 9]) await expect(rows.nth(j)).toHaveText(new RegExp(`${data.names[j]}\\s*${num(r.coef[j]!)}\\s*${num(l.coef[j]!)}`));
      const zeros = l.coef.filter((c) => c === 0).length;
      await expect(page.locator('#l12m-zeros')).toContainText(lang === 'zh' ? `${zeros} 个恰好为 0` : `${zeros} of 10`);
      // The check the browser prints is the one src/lib computes in Node: the same float64 arithmetic.
      const g = mapStationarity('laplace', data.X, data.y, l.coef, l.intercept, 60, 0.5);
      await expect(page.locator('#l12m-lasso-check')).toContainText(sig(g.max));
      await expect(page).toHaveURL(/msig=60/);
      await expect(page).toHaveURL(/mlap=0\.5/);
      await expect(page.locator('[data-cell="l1l2-map"] code[data-slot="sklearn"]')).toContainText('sigma, tau, b = 60.0, 4.0, 0.5');
    });

    test('bias and variance: another seed or degree changes the picked α, its table row and the charts', async ({ page }) => {
      await page.goto(`${lang}/l1-l2/`);
      await ready(page);
      const at = (o: { degree: number; seed: number }) => biasVariance({ degree: o.degree, n: 12, sigma: 0.3, sets: 200, seed: o.seed, nTest: 1000, grid: 50 });
      const r0 = at({ degree: 9, seed: 0 });
      await expect(page.locator('#l12b-pick')).toHaveText(sig(r0.points[r0.pick]!.lambda));
      await expect(page.locator('#l12b-pick-test')).toHaveText(sig(r0.points[r0.pick]!.testError));
      const cell = page.locator('[data-cell="l1l2-bias-variance"]');
      const pickRow = cell.locator('tbody[data-rows="keyRows"] tr').nth(1);
      const figs = cell.locator('figure.chart svg[aria-description]');
      await expect(figs).toHaveCount(2);
      const before = await figs.nth(1).getAttribute('aria-description');
      await set(page, '#l12b-bvseed', '2');
      const r2 = at({ degree: 9, seed: 2 });
      const p2 = r2.points[r2.pick]!;
      expect(p2.lambda).not.toBe(r0.points[r0.pick]!.lambda);
      await expect(page.locator('#l12b-pick')).toHaveText(sig(p2.lambda));
      await expect(page.locator('#l12b-pick-val')).toHaveText(sig(p2.valError));
      await expect(page.locator('#l12b-pick-test')).toHaveText(sig(p2.testError));
      await expect(pickRow.locator('td').first()).toHaveText(sig(p2.lambda));
      await expect(pickRow.locator('td').last()).toHaveText(sig(p2.testError));
      await expect(figs.nth(1)).not.toHaveAttribute('aria-description', before!);
      await expect(page).toHaveURL(/bvseed=2/);
      await set(page, '#l12b-bvdeg', '3');
      const r3 = at({ degree: 3, seed: 2 });
      await expect(page.locator('#l12b-best')).toHaveText(`${sig(r3.points[r3.best]!.lambda)} (${sig(r3.points[r3.best]!.total)})`);
      await expect(page.locator('#l12b-pick')).toHaveText(sig(r3.points[r3.pick]!.lambda));
      await expect(page).toHaveURL(/bvdeg=3/);
      await expect(cell.locator('code[data-slot="sklearn"]')).toContainText('degree, n, sigma, R, seed = 3, 12, 0.3, 200, 2');
    });

    test('regularization path: data that cannot be fetched is said in the reader’s language; the build-time numbers stay', async ({ page, context }) => {
      await context.route(/diabetes\.json/, (route) => route.fulfill({ status: 404, body: 'gone' }));
      await page.goto(`${lang}/l1-l2/`);
      const path = page.locator('[data-cell="l1l2-path"]');
      await path.hover({ position: { x: 4, y: 4 } }); // the reader points at it: its code (and data) load
      await expect(path.locator('[data-cell-error]')).toHaveText(
        lang === 'zh' ? /^无法加载数据：HTTP 404[^。]*。保留了上一个有效状态。$/ : /^Could not load the data: HTTP 404[^.]*\. The last valid state is kept\.$/,
      );
      await expect(page.locator('#l12-order')).toHaveText('bmi → s5 → bp → s3 → sex → s6 → s1 → s4 → s2 → age');
      await expect(path).not.toHaveAttribute('data-ready', 'true');
    });

    test('SGD weight_decay and Adam vs AdamW: the worked numbers, then edits', async ({ page }) => {
      await page.goto(`${lang}/l1-l2/`);
      await ready(page);
      await expect(page.locator('#l12-torch')).toHaveText('0.949');
      const seed = page.locator('tbody[data-rows="readings"] tr').nth(1);
      await expect(seed.locator('td').nth(2)).toHaveText('1 − 0.1·(0.5 + 0.02) = 0.948');
      await expect(seed.locator('td').nth(3)).toHaveText(lang === 'en' ? 'differs from PyTorch by −0.001' : '与 PyTorch 相差 −0.001');
      await expect(page.locator('#l12-adam')).toHaveText('0.9');
      await expect(page.locator('#l12-adamw')).toHaveText('0.899');
      await set(page, '#l12-swd', '0.05');
      await expect(page.locator('#l12-torch')).toHaveText(exact(sgdStep([1], [0.5], { lr: 0.1, weightDecay: 0.05 })[0]!));
      await expect(page).toHaveURL(/swd=0\.05/);
      await set(page, '#l12-ag', '0');
      await expect(page.locator('#l12-adam')).toHaveText(exact(adamStep([1], [0], { lr: 0.1, weightDecay: 0.01 }).w[0]!));
      await expect(page.locator('#l12-adamw')).toHaveText(exact(adamwStep([1], [0], { lr: 0.1, weightDecay: 0.01 }).w[0]!));
      await expect(page.locator('#l12-adamw')).toHaveText('0.999');
      await expect(page).toHaveURL(/ag=0/);
    });

    test('a bad value gets an inline message and the last valid state stays', async ({ page }) => {
      await page.goto(`${lang}/l1-l2/`);
      await ready(page);
      const penalty = page.locator('[data-cell="l1l2-penalty"]');
      const before = await slotTexts(page, 'l1l2-penalty');
      await page.locator('#l12-lam').fill('-1');
      await expectMessage(penalty.locator('[data-cell-error]'), 'lam must be in [0, 10]; received -1');
      // The box itself explains in the reader's language, naming the field by its label.
      await expect(penalty.locator('[data-cell-error]')).toContainText(lang === 'zh' ? '正则化系数 λ（lam）须在 0 到 10 之间' : 'Regularization strength λ (lam) must be between 0 and 10');
      await expect(page.locator('#l12-lam')).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(page, 'l1l2-penalty')).toEqual(before);
      await page.locator('#l12-w').fill('1, abc');
      await expectMessage(penalty.locator('[data-cell-error]'), 'w[1] must be a number; received "abc"');
      await page.locator('#l12-lam').fill('0.2');
      await expect(penalty.locator('[data-cell-error]')).toBeEmpty();

      const geo = page.locator('[data-cell="l1l2-geometry"]');
      const g0 = await slotTexts(page, 'l1l2-geometry');
      await page.locator('#l12-r').fill('0');
      await expectMessage(geo.locator('[data-cell-error]'), 'r must be in [0.05, 3]; received 0');
      expect(await slotTexts(page, 'l1l2-geometry')).toEqual(g0);

      const path = page.locator('[data-cell="l1l2-path"]');
      await path.locator('details.field-group summary').click();
      const p0 = await slotTexts(page, 'l1l2-path');
      await page.locator('#l12-rhi').fill('-3');
      await expectMessage(path.locator('[data-cell-error]'), 'rhi must be > rlo (-2); received -3');
      await expect(page.locator('#l12-rhi')).toHaveAttribute('aria-invalid', '');
      expect(await slotTexts(page, 'l1l2-path')).toEqual(p0);

      await expect(page).not.toHaveURL(/lam=-1|r=0&|rhi=-3/);
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('a shared link reproduces the view; a hostile URL is reported, never injected', async ({ page }) => {
      await page.goto(`${lang}/l1-l2/?lam=0.5&cx=-2&cy=0.3&llog=0.5&awd=0.1`);
      await ready(page);
      await expect(page.locator('#l12-l1-formula')).toHaveText(`0.5·(|1| + |−2|) = ${num(l1Penalty([1, -2], 0.5))}`);
      await expect(page.locator('#l12-l1-point')).toHaveText(point(l1BallMinimizer([-2, 0.3], [1, 1.5], 1).w));
      await expect(page.locator('tbody[data-rows="coefs"] tr').nth(2)).toContainText(num(lasso(data.X, data.y, 10 ** 0.5).coef[2]!));
      await expect(page.locator('#l12-adamw')).toHaveText(exact(adamwStep([1], [0.5], { lr: 0.1, weightDecay: 0.1 }).w[0]!));

      await page.goto(`${lang}/l1-l2/?w=<img src=x onerror=alert(1)>&lam=1e999&cx=abc&steps=2.5`);
      await ready(page);
      await expectMessage(page.locator('[data-cell="l1l2-penalty"] [data-cell-error]'), 'w[0] must be a number');
      await expectMessage(page.locator('[data-cell="l1l2-geometry"] [data-cell-error]'), 'cx must be a number');
      await expectMessage(page.locator('[data-cell="l1l2-prox"] [data-cell-error]'), 'steps must be an integer');
      await expect(page.locator('main img')).toHaveCount(0);
      await expect(page.locator('#l12-l1-formula')).toHaveText('0.1·(|1| + |−2|) = 0.3');
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    // The declared cells' build-time HTML is checked by cells.contract.spec.ts; the path cell is not declared.
    test('build-time HTML equals what the script shows after load (the path cell)', async ({ browser }) => {
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const staticPage = await noJs.newPage();
      await staticPage.goto(`${lang}/l1-l2/`);
      const ssr = await slotTexts(staticPage, 'l1l2-path');
      await expect(staticPage.locator('.katex math').first()).toBeAttached();
      await noJs.close();
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${lang}/l1-l2/`);
      await ready(page);
      expect(await slotTexts(page, 'l1l2-path')).toEqual(ssr);
      expect(Object.keys(ssr).length).toBeGreaterThan(2);
      await ctx.close();
    });

    test('the language switch keeps the parameters; formulas are KaTeX at build time', async ({ page }) => {
      const scripts: string[] = [];
      page.on('request', (r) => r.resourceType() === 'script' && scripts.push(r.url()));
      await page.goto(`${lang}/l1-l2/?lam=0.3`);
      await ready(page);
      expect(await page.locator('.katex math').count()).toBeGreaterThan(10);
      expect(scripts.some((s) => /katex/i.test(s))).toBe(false);
      await set(page, '#l12-cx', '1.5');
      const other = lang === 'en' ? 'zh' : 'en';
      await page.locator('a[data-keep-query]').click();
      await expect(page).toHaveURL(new RegExp(`/regularization-live/${other}/l1-l2/\\?.*lam=0\\.3`));
      await expect(page).toHaveURL(/cx=1\.5/);
      await ready(page);
      await expect(page.locator('#l12-l1-formula')).toHaveText(`0.3·(|1| + |−2|) = ${num(l1Penalty([1, -2], 0.3))}`);
      await expect(page.locator('#l12-l1-point')).toHaveText(point(l1BallMinimizer([1.5, 0.6], [1, 1.5], 1).w));
    });
  });
}

test('the licence note for the shipped data is served beside it', async ({ request }) => {
  const res = await request.get('data/diabetes.LICENSE.txt');
  expect(res.status()).toBe(200);
  expect(await res.text()).toContain('Efron');
});
