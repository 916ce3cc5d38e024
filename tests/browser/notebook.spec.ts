/**
 * "Download as notebook" on every topic page and the lab (issue #14 §4): the downloaded notebook
 * (nbformat 4) carries the page's prose in the page's language (formulas as TeX) and every live cell's
 * PyTorch / scikit-learn code with the reader's current parameters; Debian's jupyter-nbconvert runs it
 * top to bottom on the python3 kernel (any cell that raises fails the test), and the numbers it prints
 * equal the page's:
 *  - on every page, the lab cell's program prints seed 0's two test accuracies, which must equal the
 *    first row of the page's per-seed table (the page trains with src/lib/trainer, the notebook with
 *    torch.nn / torch.optim);
 *  - on each page, one number of its own cells (CHECKS), after an edit where the check says so, so the
 *    notebook is shown to carry the current parameters and not the defaults.
 * Without Jupyter the spec skips, unless REQUIRE_TORCH=1 (CI), where a missing Jupyter fails.
 */
import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { commit, mounted } from './cells';
import { TOPICS } from './pages';

interface Nb {
  nbformat: number;
  metadata: { language?: string };
  cells: { cell_type: string; source: string[]; outputs?: { output_type: string; text?: string[] }[] }[];
}

function jupyterAvailable(): boolean {
  try {
    execFileSync('jupyter', ['nbconvert', '--version'], { stdio: 'ignore', timeout: 60_000 });
    execFileSync('/usr/bin/python3', ['-c', 'import ipykernel, torch, torchvision, sklearn, skimage'], { stdio: 'ignore', timeout: 120_000 });
    return true;
  } catch {
    return false;
  }
}
const HAVE_JUPYTER = jupyterAvailable();

async function download(page: Page, lang: string, slug: string, dir: string): Promise<string> {
  const label = lang === 'zh' ? '下载为 Jupyter 笔记本' : 'Download as notebook';
  const button = page.getByRole('button', { name: label });
  await button.focus();
  const [dl] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(dl.suggestedFilename()).toBe(`${slug}-${lang}.ipynb`);
  const file = join(dir, dl.suggestedFilename());
  await dl.saveAs(file);
  return file;
}

/** Executes the notebook; throws (failing the test, with the cell's traceback) when any cell raises. */
function execute(dir: string, file: string): Nb {
  try {
    execFileSync('jupyter', ['nbconvert', '--to', 'notebook', '--execute', '--ExecutePreprocessor.timeout=600', '--ExecutePreprocessor.kernel_name=python3', '--output', 'out.ipynb', file], { cwd: dir, stdio: 'pipe', timeout: 900_000 });
  } catch (e) {
    const err = e as { stderr?: Buffer };
    throw new Error(`the notebook did not run top to bottom:\n${err.stderr?.toString().slice(-3000) ?? String(e)}`);
  }
  return JSON.parse(readFileSync(join(dir, 'out.ipynb'), 'utf8')) as Nb;
}

const printed = (nb: Nb) => nb.cells.flatMap((c) => c.outputs ?? []).filter((o) => o.output_type === 'stream').map((o) => (o.text ?? []).join('')).join('');
const markdown = (nb: Nb) => nb.cells.filter((c) => c.cell_type === 'markdown').map((c) => c.source.join('')).join('\n');
const code = (nb: Nb) => nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n');

/** The number captured by `label` in the outputs, rounded as the page shows `shown` (as many decimals). */
function expectPrinted(out: string, label: RegExp, shown: string): void {
  const m = out.match(label);
  expect(m, `outputs contain ${label}`).not.toBeNull();
  const decimals = (shown.split('.')[1] ?? '').length;
  expect(Number(m![1]).toFixed(decimals), `${label} printed ${m![1]}, the page shows ${shown}`).toBe(Number(shown).toFixed(decimals));
}

interface Check {
  /** An edit made before the download: [selector, value, what the URL then contains]. */
  edit?: [string, string, RegExp];
  /** What the edited code must contain (the current parameter, not the default). */
  codeContains?: string;
  /** The page's number (a selector; its text, or the first number in it) and the printed line that must equal it. */
  shown: string;
  printed: RegExp;
  /** A formula of the page, as TeX, that the markdown keeps. */
  tex: string;
}

const CHECKS: Record<(typeof TOPICS)[number] | 'lab', Check> = {
  'l1-l2': { edit: ['#l12-swd', '0.2', /[?&]swd=0\.2/], codeContains: '0.2', shown: '#l12-torch', printed: /^SGD\(weight_decay=wd\): ([-\d.e]+)$/m, tex: '\\operatorname{sign}' },
  'data-augmentation': { shown: '#lab-seeds-table tbody tr:first-child td:nth-of-type(1)', printed: /test accuracy ([\d.]+) % \(baseline\)/, tex: 'p = (R, G, B)' },
  dropout: { edit: ['#do-p', '0.4', /[?&]p=0\.4/], codeContains: '0.4', shown: '#do-output', printed: /^train output: ([-\d.e]+)$/m, tex: '\\text{Bernoulli}(1 - p)' },
  'label-smoothing': { edit: ['#ls-eps', '0.3', /[?&]eps=0\.3/], codeContains: 'num_classes, epsilon = 3, 0.3', shown: '#ls-loss', printed: /^loss: ([-\d.e]+)$/m, tex: '\\frac{\\epsilon}{K}' },
  'early-stopping': { shown: '#es-stop', printed: /^Epoch (\d+): early stopping\nbest val_loss/m, tex: 'b_{t-1}' },
  'weight-sharing': { shown: '#wss-value', printed: /^out\[\d+, \d+\] = ([-\d.e]+)/m, tex: 'C_{\\text{in}}' },
  'adversarial-training': { edit: ['#fg-eps', '0.3', /[?&]eps=0\.3/], codeContains: '0.3', shown: '#fg-loss-adv', printed: /^loss: [-\d.e]+ -> ([-\d.e]+)$/m, tex: 'J(\\theta, x, y)' },
  'batch-norm': { edit: ['#bn-mom', '0.3', /[?&]mom=0\.3/], codeContains: 'momentum=0.3', shown: '#bnr-final-mean', printed: /[\s\S]*running_mean ([-\d.e]+) running_var/, tex: 'x_1, \\dots, x_n' },
  vq: { shown: '#vq-ppl', printed: /^VQ loss: [-\d.e]+ perplexity: ([-\d.e]+)$/m, tex: '\\log_2 K' },
  lab: { shown: '#lab-seeds-table tbody tr:first-child td:nth-of-type(2)', printed: /test accuracy [\d.]+ % \(baseline\), ([\d.]+) % \(setting\)/, tex: 'd_s' },
};

test.describe.configure({ timeout: 1_200_000 });

const RUNS: [string, 'zh' | 'en'][] = [...[...TOPICS, 'lab'].map((s) => [s, 'en'] as [string, 'en']), ['label-smoothing', 'zh'], ['batch-norm', 'zh']];

for (const [slug, lang] of RUNS) {
  test(`${lang}/${slug}/: the notebook runs top to bottom and prints the page's numbers`, async ({ page }) => {
    test.skip(!HAVE_JUPYTER && process.env.REQUIRE_TORCH !== '1', 'needs jupyter-nbconvert, python3-ipykernel, python3-torch, -torchvision, -sklearn, -skimage');
    const check = CHECKS[slug as keyof typeof CHECKS];
    const dir = mkdtempSync(join(tmpdir(), 'nb-'));
    try {
      await page.goto(`${lang}/${slug}/`);
      // The topic pages mount their lab cell when it scrolls into view; its code panel is in the HTML.
      if (check.edit) {
        const [selector, value, url] = check.edit;
        await mounted(page.locator(selector).locator('xpath=ancestor::*[@data-cell][1]'));
        await commit(page, selector, value);
        await expect(page).toHaveURL(url);
      }
      const shown = (await page.locator(check.shown).first().textContent())!.trim();
      const labRow = await page.locator('#lab-seeds-table tbody tr:first-child').locator('th, td').allTextContents();
      const file = await download(page, lang, slug, dir);
      const nb = JSON.parse(readFileSync(file, 'utf8')) as Nb;
      expect(nb.nbformat).toBe(4);
      expect(nb.metadata.language).toBe(lang);
      const md = markdown(nb);
      expect(md).toContain(`# ${(await page.locator('main h1').first().textContent())!.trim()}`);
      if (check.tex) expect(md).toContain(check.tex);
      expect(md, 'controls and error boxes stay out of the notebook').not.toMatch(/Download as notebook|下载为 Jupyter 笔记本/);
      if (check.codeContains) expect(code(nb)).toContain(check.codeContains);

      const out = printed(execute(dir, file));
      expectPrinted(out, check.printed, shown.match(/-?[\d.]+(e-?\d+)?/)?.[0] ?? shown);
      // The lab cell, on every page: seed 0's baseline and setting accuracies equal the page's first row.
      const [seed, base, reg] = labRow.map((t) => t.trim());
      const lab = out.match(new RegExp(`seed ${seed}: test accuracy ([\\d.]+) % \\(baseline\\), ([\\d.]+) % \\(setting\\)`));
      expect(lab, 'the lab program prints seed 0').not.toBeNull();
      expect([lab![1], lab![2]]).toEqual([base, reg]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
