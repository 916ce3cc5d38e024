/**
 * "Does it help?" on the topic pages: each embeds the lab preset to its technique. Without
 * JavaScript a page shows exactly what src/lib/lab computes here for the preset's defaults; the
 * technique's controls come first and the rest fold into "More settings"; "Open in the lab" carries
 * the state, and after an edit it carries the edit; Train runs in the worker on a topic page too.
 * No wall-clock assertion.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { parseDigits } from '../../src/lib/digits';
import { labSplit, runLab, type LabResult } from '../../src/lib/lab';
import { defaults, parseQuery } from '../../src/lib/query';
import { checkLabState, labSchema, labView, statusText, type LabState } from '../../src/cells/lab';
import { LAB_PRESETS, labLinkQuery, labSchemaFor, presetFocus, type LabPreset } from '../../src/cells/labPresets';
import { PROBE_PANELS, type ProbePanel, type ProbeView } from '../../src/cells/labProbes';
import { commit, mounted } from './cells';

const data = parseDigits(JSON.parse(readFileSync(new URL('../../public/data/digits.json', import.meta.url), 'utf8')));
const TOPICS = LAB_PRESETS.filter((p): p is Exclude<LabPreset, 'lab'> => p !== 'lab');
const ids: Record<string, string> = {
  labL2: 'lab-l2', labL1: 'lab-l1', labWd: 'lab-wd', labDrop: 'lab-drop', labLs: 'lab-ls', labEs: 'lab-es', labPat: 'lab-pat',
  labEpochs: 'lab-epochs', labFgsm: 'lab-fgsm', labEps: 'lab-eps', labAlpha: 'lab-alpha', labBn: 'lab-bn', labLr: 'lab-lr',
  labAug: 'lab-aug', labShift: 'lab-shift', labRot: 'lab-rot', labNoise: 'lab-noise', labConv: 'lab-conv', labCh: 'lab-ch', labK: 'lab-k',
  labVq: 'lab-vq', labVqD: 'lab-vqd', labVqK: 'lab-vqk', labVqBeta: 'lab-vqbeta',
};

/** The technique view each topic page's preset shows (none where accuracy and the table's rows say it all). */
const VIEW_OF: Record<Exclude<LabPreset, 'lab'>, ProbePanel[]> = {
  'l1-l2': ['weights'], 'data-augmentation': ['samples'], dropout: [], 'label-smoothing': ['calibration'], 'early-stopping': ['stopping'],
  'weight-sharing': [], 'adversarial-training': ['attack'], 'batch-norm': ['loss'], vq: [],
};
const TABLE_OF: Record<ProbePanel, keyof ProbeView['tables']> = {
  weights: 'probeWeights', calibration: 'probeCalibration', attack: 'probeAttack', samples: 'probeSamples', stopping: 'probeStopping', loss: 'probeLoss',
};

function expected(preset: LabPreset, query = ''): { state: LabState; result: LabResult } {
  const state = parseQuery(labSchemaFor(preset), query).state;
  const req = checkLabState(state);
  return { state, result: runLab(labSplit(data, req.train), req.setting, req.seeds) };
}

for (const lang of ['en', 'zh'] as const) {
  test.describe(`lab presets (${lang})`, () => {
    test('every topic page shows its preset\'s build-time result without JavaScript', async ({ browser }) => {
      test.setTimeout(300_000);
      const ctx = await browser.newContext({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      for (const preset of TOPICS) {
        const { state, result } = expected(preset);
        const v = labView(state, lang, result);
        await page.goto(`${lang}/${preset}/`);
        const cell = page.locator('[data-cell="lab"]');
        await expect(cell, preset).toHaveCount(1);
        await expect(cell).toHaveAttribute('data-preset', preset);
        // The section that holds it says what it asks (one heading of the page's own, on every topic page).
        await expect(page.locator('h2:not(#cell-lab-title)').filter({ hasText: lang === 'en' ? /^Does it help\? / : /^有没有用？/ }), preset).toHaveCount(1);
        await expect(page.locator('#lab-sentence'), preset).toHaveText(v.text.sentence!);
        await expect(page.locator('#lab-trained'), preset).toHaveText(v.text.trained!);
        await expect(page.locator('#lab-stale')).toHaveText('');
        // The technique's controls are open, first; everything else is folded but present.
        const details = cell.locator('details.lab-more');
        await expect(details).not.toHaveAttribute('open', /.*/);
        for (const p of presetFocus(preset)) {
          const input = page.locator(`#${ids[p]}`);
          await expect(input, `${preset} ${p}`).toBeVisible();
          expect(await input.evaluate((el) => el.closest('details') === null), `${preset} ${p} outside the fold`).toBe(true);
        }
        await expect(page.locator('#lab-n')).toBeHidden();
        const params = await cell.locator('input[data-param]').evaluateAll((els) => [...new Set(els.map((e) => e.getAttribute('data-param')))].sort());
        expect(params).toEqual(Object.keys(labSchema).sort());
        // The technique's own view (src/cells/labProbes.ts): its panel only, with the table and text of src/lib.
        expect(PROBE_PANELS.filter((p) => v.probes.shown[p]), preset).toEqual(VIEW_OF[preset]);
        for (const panel of PROBE_PANELS) {
          const fig = cell.locator(`[data-probe="${panel}"]`);
          if (!v.probes.shown[panel]) {
            await expect(fig, `${preset}: ${panel} hidden`).toBeHidden();
            continue;
          }
          await expect(fig, `${preset}: ${panel}`).toBeVisible();
          await expect(fig.locator('figcaption')).toHaveText(v.text[`${panel}Description`]!);
          const table = TABLE_OF[panel];
          expect(await fig.locator('table[data-table] tbody tr').evaluateAll((trs) => trs.map((tr) => Array.from(tr.children, (c) => c.textContent)))).toEqual(v.tables[table].rows);
          if (panel === 'samples') {
            // The 8 stored and 8 augmented images, drawn at build time (svg digits), named by row and place.
            const digits = fig.locator('svg.lab-digit');
            await expect(digits, `${preset}: build-time samples`).toHaveCount(2 * v.probes.charts.samples!.original.length);
            await expect(digits.first()).toHaveAttribute('aria-label', `${v.probes.labels.original} 1`);
            expect(await digits.first().locator('path').count(), 'an inked digit').toBeGreaterThan(0);
          }
        }
        const href = await page.locator('#lab-open').getAttribute('href');
        const labPath = new URL(page.url()).pathname.replace(new RegExp(`/${preset}/$`), '/lab/');
        expect(href, preset).toBe(`${labPath}${labLinkQuery(state)}`);
      }
      await ctx.close();
    });

    test('each technique view is drawn once the cell loads: a chart, the 16 sample images, the best-epoch lines', async ({ page }) => {
      test.setTimeout(180_000);
      for (const preset of TOPICS.filter((t) => VIEW_OF[t].length > 0)) {
        await page.goto(`${lang}/${preset}/`);
        const cell = page.locator('[data-cell="lab"]');
        await cell.scrollIntoViewIfNeeded();
        await mounted(cell);
        const panel = VIEW_OF[preset][0]!;
        const fig = cell.locator(`[data-probe="${panel}"]`);
        if (panel === 'samples') {
          await expect(fig.locator('svg.lab-digit'), preset).toHaveCount(16);
          await expect(fig.locator('svg.lab-digit').first()).toHaveAttribute('aria-label', /\S+ 1$/);
        } else if (panel === 'stopping') {
          // one dotted line per seed on the setting's accuracy chart, at its best epoch
          const { result } = expected(preset);
          await expect(cell.locator('[data-chart="setting"] svg g[stroke-dasharray="2 3"] line'), preset).toHaveCount(result.seeds.length);
        } else {
          await expect(fig.locator('svg[role="img"]').first(), preset).toBeVisible();
          await expect(fig.locator('svg[role="img"]').first()).toHaveAttribute('aria-describedby', /\S/);
        }
      }
    });

    test('a topic page loads the lab\'s script only when the reader reaches the cell; a Train pressed first still trains', async ({ page }) => {
      test.setTimeout(120_000);
      const requested: string[] = [];
      page.on('request', (r) => requested.push(r.url()));
      await page.goto(`${lang}/dropout/`);
      await page.waitForLoadState('networkidle');
      const cell = page.locator('[data-cell="lab"]');
      await expect(cell).not.toHaveAttribute('data-ready', 'true');
      expect(requested.filter((u) => /labMount/.test(u))).toEqual([]);
      // Keyboard: focus Train and press Enter before anything has loaded; the run happens once it has.
      await page.locator('#lab-train').focus();
      await page.keyboard.press('Enter');
      await mounted(cell);
      expect(requested.some((u) => /labMount/.test(u))).toBe(true);
      // The default setting (5 seeds × 2 runs) trained in the browser: the status says so.
      await expect(page.locator('#lab-status')).toHaveText(statusText({ kind: 'idle', origin: 'browser' }, lang, 5), { timeout: 60_000 });
    });

    test('an edit updates the URL and "Open in the lab"; the lab page reads the same state; Train works on a topic page', async ({ page }) => {
      test.setTimeout(120_000);
      const small = '?labSeeds=2&labEpochs=3&labHidden=16';
      await page.goto(`${lang}/dropout/${small}`);
      const cell = page.locator('[data-cell="lab"]');
      await mounted(cell);
      await expect(page.locator('#lab-drop')).toHaveValue('0.3');
      await commit(page, '#lab-drop', '0.5');
      await expect(page).toHaveURL(/labDrop=0.5/);
      await expect(page.locator('#lab-stale')).not.toHaveText('');
      const { state, result } = expected('dropout', `${small}&labDrop=0.5`);
      await expect(page.locator('#lab-open')).toHaveAttribute('href', new RegExp(`/${lang}/lab/\\${labLinkQuery(state).replace(/\./g, '\\.')}$`));
      await page.locator('#lab-train').click();
      const v = labView(state, lang, result, { kind: 'idle', origin: 'browser' });
      await expect(page.locator('#lab-sentence')).toHaveText(v.text.sentence!, { timeout: 60_000 });
      await expect(page.locator('#lab-stale')).toHaveText('');

      await page.locator('#lab-open').click();
      await expect(page).toHaveURL(new RegExp(`/${lang}/lab/\\?`));
      await mounted(page.locator('[data-cell="lab"]'));
      for (const [sel, value] of [['#lab-drop', '0.5'], ['#lab-ls', '0'], ['#lab-epochs', '3'], ['#lab-seeds', '2'], ['#lab-hidden', '16']] as const) {
        await expect(page.locator(sel), sel).toHaveValue(value);
      }
      expect(parseQuery(labSchema, new URL(page.url()).search).state).toEqual(state);
      expect(defaults(labSchema).labLs).toBeGreaterThan(0);
    });
  });
}
