/**
 * The lab's default Train in headless Chromium (issue #11: ≤ 2 s here, and the page answering every
 * input within a frame while it trains), beside the same runLab in Node in the same run.
 *
 * In the page: the time from the click on Train to the end of the job (the outputs' aria-busy back to
 * false), first press (worker start and the digits download included) and then `reps` more presses;
 * while each run trains, an input event on a lab field every 50 ms, timed to the next animation
 * frame (the value goes back to the default before the next press, so every press trains the same
 * default request). Node: runLab on the same split, setting and seeds, timed the same number of times.
 */
import { readFileSync } from 'node:fs';
import type { Browser } from '@playwright/test';
import { parseDigits } from '../../src/lib/digits';
import { labSplit, runLab } from '../../src/lib/lab';
import { defaults } from '../../src/lib/query';
import { checkLabState, labSchema } from '../../src/cells/lab';
import { mountAll } from './mountAll';

export interface LabTrainRow {
  /** Click → results, first press (worker start + data download included). */
  firstMs: number;
  /** Median of the later presses. */
  medianMs: number;
  /** runLab in Node on the same request, median. */
  nodeMs: number;
  /** Inputs sent while training, and their slowest input → next frame time. */
  inputs: number;
  worstInputMs: number;
  medianInputMs: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** One press in the page: returns the click → done time and the input latencies seen meanwhile. */
async function press(): Promise<{ ms: number; inputs: number[] }> {
  const root = document.querySelector<HTMLElement>('[data-cell="lab"]')!;
  const outputs = root.querySelector<HTMLElement>('[data-outputs]')!;
  const field = root.querySelector<HTMLInputElement>('input[data-param="labAlpha"]')!;
  const original = field.value;
  const inputs: number[] = [];
  let running = true;
  const poke = async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, 50));
      if (!running) break;
      field.value = field.value === original ? '0.25' : original;
      const t = performance.now();
      field.dispatchEvent(new Event('input', { bubbles: true }));
      await new Promise((r) => requestAnimationFrame(() => r(null)));
      inputs.push(performance.now() - t);
    }
  };
  const done = new Promise<number>((resolve) => {
    let started = false;
    new MutationObserver((_, obs) => {
      const busy = outputs.getAttribute('aria-busy') === 'true';
      if (busy) started = true;
      else if (started) {
        obs.disconnect();
        resolve(performance.now());
      }
    }).observe(outputs, { attributes: true, attributeFilter: ['aria-busy'] });
  });
  const t0 = performance.now();
  root.querySelector<HTMLButtonElement>('[data-train]')!.click();
  const poking = poke();
  const t1 = await done;
  running = false;
  await poking;
  field.value = original;
  field.dispatchEvent(new Event('input', { bubbles: true }));
  return { ms: t1 - t0, inputs };
}

export async function labTrainBench(browser: Browser, origin: string, reps: number): Promise<LabTrainRow> {
  const req = checkLabState(defaults(labSchema));
  const split = labSplit(parseDigits(JSON.parse(readFileSync('public/data/digits.json', 'utf8'))), req.train);
  runLab(split, req.setting, req.seeds); // warm-up, as the page's later presses are
  const node: number[] = [];
  for (let i = 0; i < reps; i++) {
    const t = performance.now();
    runLab(split, req.setting, req.seeds);
    node.push(performance.now() - t);
  }
  const page = await browser.newPage();
  try {
    await page.goto(`${origin}/en/lab/`);
    await mountAll(page);
    const first = await page.evaluate(press);
    const later: number[] = [];
    const inputs = [...first.inputs];
    for (let i = 0; i < reps; i++) {
      const r = await page.evaluate(press);
      later.push(r.ms);
      inputs.push(...r.inputs);
    }
    return {
      firstMs: first.ms, medianMs: median(later), nodeMs: median(node),
      inputs: inputs.length, worstInputMs: inputs.length ? Math.max(...inputs) : 0, medianInputMs: inputs.length ? median(inputs) : 0,
    };
  } finally {
    await page.close();
  }
}

export function labTrainMarkdown(r: LabTrainRow | null): string[] {
  if (r === null) return ['## The lab\'s default Train in Chromium', '', 'Skipped: no Chromium.'];
  const f = (x: number) => x.toFixed(0);
  return [
    '## The lab\'s default Train in Chromium (2 settings × 5 seeds, 40 epochs, 50 images)',
    '',
    '| first press ms | later presses, median ms | same runLab in Node, median ms | Chromium / Node | inputs while training | input → next frame, median ms | worst ms |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    `| ${f(r.firstMs)} | ${f(r.medianMs)} | ${f(r.nodeMs)} | ${(r.medianMs / r.nodeMs).toFixed(2)} | ${r.inputs} | ${r.medianInputMs.toFixed(1)} | ${r.worstInputMs.toFixed(1)} |`,
    '',
    'Click on Train → the results on screen (the worker trains; the first press also starts the worker and',
    'downloads the digits). Target: ≤ 2,000 ms, and every input answered within a frame (≈ 16.7 ms) while training.',
  ];
}

export function labTrainSummary(r: LabTrainRow | null): string {
  if (r === null) return 'Lab Train: not measured (no Chromium).';
  return `Lab default Train in Chromium: first press ${r.firstMs.toFixed(0)} ms, then ${r.medianMs.toFixed(0)} ms (Node runLab ${r.nodeMs.toFixed(0)} ms); ${r.inputs} inputs during training answered in ≤ ${r.worstInputMs.toFixed(1)} ms.`;
}
