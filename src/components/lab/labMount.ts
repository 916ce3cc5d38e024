/**
 * The lab cell's browser side (LabCell.astro), loaded when the reader needs it (see the component's
 * script): mountCell over the preset's schema, Train/Cancel through a WorkerJob with progress, the
 * optimizer's select, the "open in the lab" link, and the charts drawn from the result on screen.
 */
import { mountCell, type CellHandle } from '../cell/runtime';
import { trainJob } from './trainJob';
import {
  checkLabState, labParamOf, labView, statusText, type LabState, type LabStatus, type LabView,
} from '../../cells/lab';
import { isLabPreset, labLinkQuery, labSchemaFor } from '../../cells/labPresets';
import type { LabResult } from '../../lib/lab';
import { labWorker } from './labWorker';
import { drawLabChart } from './chart';
import { hasDrawnCharts } from '../charts/plots';
import { drawProbes } from './probeCharts';
import { isLang } from '../../i18n/ui';

/** Mounts one lab cell (LabCell.astro) on its build-time HTML. */
export function mountLab(root: HTMLElement): void {
  const lang = isLang(root.dataset.lang) ? root.dataset.lang : 'en';
  const d = root.dataset;
  const schema = labSchemaFor(isLabPreset(d.preset) ? d.preset : 'lab');
  const url = d.url ?? '';
  const labLink = root.querySelector<HTMLAnchorElement>('[data-lab-link]');
  let shown = JSON.parse(d.result ?? 'null') as LabResult;
  let status: LabStatus = { kind: 'idle', origin: 'build' };
  /** The state the cell last showed (mountCell's state: view succeeded on it). */
  let current: LabState | null = null;
  // The build-time SVGs show the build-time result: drawn until another result (or state) is shown.
  let drawn: LabResult | null = hasDrawnCharts(root.querySelector<HTMLElement>('.lab-charts') ?? root) ? shown : null;
  let first = true;
  let handle: CellHandle | null = null;
  const statusEl = root.querySelector<HTMLElement>('[data-slot="status"]')!;
  const select = root.querySelector<HTMLSelectElement>('[data-opt-select]')!;
  const job = labWorker('lab');

  trainJob(root, job, {
    request() {
      if (current === null) return null;
      try {
        const req = checkLabState(current);
        return { task: 'lab' as const, url, setting: req.setting, train: req.train, seeds: req.seeds };
      } catch {
        return null; // mountCell already shows why
      }
    },
    onStatus(next) {
      status = next;
      // Only the status line: a progress tick never re-renders the tables or charts.
      const text = statusText(status, lang, shown.seeds.length);
      if (statusEl.textContent !== text) statusEl.textContent = text;
    },
    onResult(result) {
      shown = result;
    },
    onEnd() {
      handle?.refresh();
    },
  });

  select.addEventListener('change', () => {
    handle?.set({ labOpt: Number(select.value) });
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
      const atMount = first;
      first = false;
      if (drawn === shown) {
        // At mount: the build-time charts stand; the panels' visibility and the samples' canvases are the script's.
        if (atMount) await drawProbes(r, v.probes, false);
        return;
      }
      drawn = shown;
      const labels = { x: d.labelX ?? '', y: d.labelY ?? '' };
      await Promise.all([
        drawLabChart(r.querySelector<HTMLElement>('[data-chart="baseline"]')!, v.charts.baseline, labels),
        drawLabChart(r.querySelector<HTMLElement>('[data-chart="setting"]')!, v.charts.setting, labels),
        drawProbes(r, v.probes),
      ]);
    },
  });
}
