/**
 * The sweep cell's script (SweepCell.astro): the runtime over its schema, the worker job behind Run and
 * the chart. Loaded when the reader needs the cell (cell/whenNeeded.ts), not with the page; until then
 * the build-time HTML (the shipped sweep's table and chart) is the cell.
 */
import { mountCell, type CellHandle } from '../cell/runtime';
import { trainJob } from './trainJob';
import {
  checkSweepState, sweepParamOf, sweepSchema, sweepStatusText, sweepView, switchSweepParam,
  type SweepState, type SweepStatus, type SweepView,
} from '../../cells/labSweep';
import type { SweepParam, SweepResult } from '../../lib/lab';
import { labWorker } from './labWorker';
import { drawSweepChart } from './sweepChart';
import { hasDrawnCharts } from '../charts/plots';
import { isLang } from '../../i18n/ui';

/** Mounts one sweep cell (SweepCell.astro) on its build-time HTML. */
export function mountSweep(root: HTMLElement): void {
  const lang = isLang(root.dataset.lang) ? root.dataset.lang : 'en';
  const q = <T extends Element>(sel: string) => root.querySelector<T>(sel)!;
  let shown = JSON.parse(root.dataset.result ?? 'null') as SweepResult;
  let status: SweepStatus = { kind: 'idle', origin: 'build' };
  let current: SweepState | null = null;
  // The build-time SVG shows the build-time result: drawn until another result arrives.
  let drawn: SweepResult | null = hasDrawnCharts(root) ? shown : null;
  let handle: CellHandle | null = null;
  /** The parameter index the select is switching to (normalize then brings its default values). */
  let switching: number | null = null;
  const statusEl = q<HTMLElement>('[data-slot="status"]');
  const select = q<HTMLSelectElement>('[data-param-select]');
  const job = labWorker('sweep');

  /** The parameter of the sweep in progress (its status line names it). */
  let sweeping: SweepParam | null = null;
  trainJob(root, job, {
    request() {
      if (current === null) return null;
      try {
        const req = checkSweepState(current);
        sweeping = req.param;
        return { task: 'sweep' as const, url: root.dataset.url ?? '', ...req };
      } catch {
        return null; // mountCell already shows why
      }
    },
    onStatus(next) {
      status = next.kind === 'training' ? { ...next, param: sweeping! } : next;
      // Only the status line: a progress tick never re-renders the table or the chart.
      const text = sweepStatusText(status, lang, shown);
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
    switching = Number(select.value);
    handle?.set({ swParam: Number(select.value) });
    switching = null;
    if (current !== null) select.value = String(current.swParam); // a refused switch leaves the select as it was
  });

  function view(s: SweepState): SweepView {
    const v = sweepView(s, lang, shown, status);
    current = s;
    return v;
  }

  handle = mountCell(root, {
    schema: sweepSchema,
    normalize: (s) => (switching !== null && s.swParam === switching ? switchSweepParam(s, switching) : s),
    paramOf: sweepParamOf,
    view,
    draw: async (r, v) => {
      if (select.value !== String(v.paramIndex)) select.value = String(v.paramIndex);
      if (drawn === shown) return;
      drawn = shown;
      await drawSweepChart(r.querySelector<HTMLElement>('[data-chart="sweep"]')!, v.chart, root.dataset.labelY ?? '');
    },
  });
  // A parameter the reader switched while this script was on its way.
  const picked = select.options[select.selectedIndex];
  if (picked && !picked.defaultSelected) select.dispatchEvent(new Event('change'));
}
