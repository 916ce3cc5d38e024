/**
 * The lab cell's browser side (LabCell.astro), loaded when the reader needs it (see the component's
 * script): mountCell over the preset's schema, Train/Cancel through a WorkerJob with progress, the
 * optimizer's select, the "open in the lab" link, and the charts drawn from the result on screen.
 */
import { mountCell, type CellHandle } from '../cell/runtime';
import { WorkerJob } from '../cell/workerJob';
import {
  checkLabState, labParamOf, labView, statusText, type LabState, type LabStatus, type LabView,
} from '../../cells/lab';
import { isLabPreset, labLinkQuery, labSchemaFor } from '../../cells/labPresets';
import type { LabResult } from '../../lib/lab';
import type { LabWorkerReply, LabWorkerRequest } from './lab.worker';
import { drawLabChart } from './chart';
import { drawProbes } from './probeCharts';
import { isLang } from '../../i18n/ui';

/** Mounts one lab cell; `train` presses Train once mounted (the click that caused the load). */
export function mountLab(root: HTMLElement, train = false): void {
  const lang = isLang(root.dataset.lang) ? root.dataset.lang : 'en';
  const d = root.dataset;
  const schema = labSchemaFor(isLabPreset(d.preset) ? d.preset : 'lab');
  const url = d.url ?? '';
  const labLink = root.querySelector<HTMLAnchorElement>('[data-lab-link]');
  let shown = JSON.parse(d.result ?? 'null') as LabResult;
  let status: LabStatus = { kind: 'idle', origin: 'build' };
  /** The state the cell last showed (mountCell's state: view succeeded on it). */
  let current: LabState | null = null;
  let drawn: LabResult | null = null;
  let handle: CellHandle | null = null;
  const trainButton = root.querySelector<HTMLButtonElement>('[data-train]')!;
  const cancelButton = root.querySelector<HTMLButtonElement>('[data-cancel]')!;
  const progress = root.querySelector<HTMLProgressElement>('[data-progress]')!;
  const statusEl = root.querySelector<HTMLElement>('[data-slot="status"]')!;
  const outputs = root.querySelector<HTMLElement>('[data-outputs]')!;
  const select = root.querySelector<HTMLSelectElement>('[data-opt-select]')!;
  const optInput = root.querySelector<HTMLInputElement>('input[data-param="labOpt"]')!;
  const job = new WorkerJob<LabWorkerRequest, LabWorkerReply>(
    () => new Worker(new URL('./lab.worker.ts', import.meta.url), { type: 'module' }),
    60_000,
  );

  function busy(on: boolean): void {
    outputs.setAttribute('aria-busy', String(on));
    progress.hidden = !on;
    const hadFocus = document.activeElement === cancelButton;
    cancelButton.hidden = !on;
    if (!on) {
      progress.value = 0;
      if (hadFocus) trainButton.focus(); // the button hides itself: keep keyboard focus in the cell
    }
  }

  /** Only the status line and the bar: a progress tick never re-renders the tables or charts. */
  function showStatus(): void {
    const text = statusText(status, lang, shown.seeds.length);
    if (statusEl.textContent !== text) statusEl.textContent = text;
  }

  function end(next: LabStatus): void {
    status = next;
    busy(false);
    handle?.refresh();
  }

  trainButton.addEventListener('click', () => {
    if (current === null) return;
    let req: ReturnType<typeof checkLabState>;
    try {
      req = checkLabState(current);
    } catch {
      return; // mountCell already shows why
    }
    // Train during a run restarts with the current state: end the old job first (its onEnd hides the bar).
    if (job.busy) job.cancel();
    status = { kind: 'loading' };
    busy(true);
    showStatus();
    job.run({ url, setting: req.setting, train: req.train, seeds: req.seeds }, {
      onMessage(msg) {
        if (msg.type === 'loaded') {
          status = { kind: 'training', progress: null };
          showStatus();
        } else if (msg.type === 'progress') {
          status = { kind: 'training', progress: msg.progress };
          progress.value = msg.progress.total > 0 ? msg.progress.done / msg.progress.total : 0;
          showStatus();
        } else if (msg.type === 'result') {
          shown = msg.result;
          status = { kind: 'idle', origin: 'browser' };
        } else if (msg.type === 'error') {
          status = { kind: 'failed', message: msg.message };
        }
      },
      onEnd(how, detail) {
        if (how === 'done') end(status.kind === 'failed' ? status : { kind: 'idle', origin: 'browser' });
        else if (how === 'cancelled') end({ kind: 'cancelled' });
        else if (how === 'unavailable') end({ kind: 'noWorker' });
        else if (how === 'timeout') end({ kind: 'timeout', seconds: Number(detail) || 60 });
        else end({ kind: 'crashed' });
      },
    });
  });

  cancelButton.addEventListener('click', () => job.cancel());

  select.addEventListener('change', () => {
    optInput.value = select.value;
    optInput.dispatchEvent(new Event('change'));
  });

  function view(s: LabState): LabView {
    const v = labView(s, lang, shown, status);
    current = s;
    // "Open in the lab": the same state, written against the lab page's defaults (an attribute, never HTML).
    if (labLink !== null) labLink.href = `${labLink.dataset.labPage ?? ''}${labLinkQuery(s)}`;
    return v;
  }

  handle = mountCell(root, {
    schema,
    paramOf: labParamOf,
    view,
    draw: async (r, v) => {
      const index = String(['sgd', 'adam', 'adamw'].indexOf(v.optimizer));
      if (select.value !== index) select.value = index;
      if (drawn === shown) return;
      drawn = shown;
      const labels = { x: d.labelX ?? '', y: d.labelY ?? '' };
      await Promise.all([
        drawLabChart(r.querySelector<HTMLElement>('[data-chart="baseline"]')!, v.charts.baseline, labels),
        drawLabChart(r.querySelector<HTMLElement>('[data-chart="setting"]')!, v.charts.setting, labels),
        drawProbes(r, v.probes),
      ]);
    },
  });
  if (train) trainButton.click();
}
