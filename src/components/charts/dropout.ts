/**
 * The dropout cell in the browser: the network diagram (NetDiagram.astro, the cell's `net` slot)
 * follows the mask by each hidden unit's data-state (`draw`); the Monte-Carlo chart (running mean of
 * N dropout passes against N, converging to the eval output) is Plot options, rendered at build time
 * and redrawn after an edit (charts/plots.ts); "draw another mask" moves the mask seed on by one
 * through the cell's handle (`mount`).
 */
import { cell, MAX_SEED } from '../../cells/dropout';
import type { DrawCell, MountCell, PlotsFor } from '../cell/mountCells';

const MEAN = '#e8710a';
const SINGLE = '#8a8f99';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  // The first few bands are wide: clip the y range to what the singles and the mean need.
  const values = [...chart.singles.map((d) => d.value), ...chart.mean.map((d) => d.value), chart.evalOutput];
  const lo = Math.min(...values);
  const hi = Math.max(...values);
  const pad = Math.max(1e-3, (hi - lo) * 0.05);
  const log = chart.passes > 1;
  return {
    mc: {
      width: width('mc', 640),
      height: 300,
      marginLeft: 56,
      style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
      ariaLabel: words.y,
      ariaDescription: chart.description,
      x: { type: log ? 'log' : 'linear', label: words.x, domain: log ? [1, chart.passes] : [0.5, 1.5], grid: true },
      y: { label: words.y, grid: true, domain: [lo - pad, hi + pad] },
      color: { legend: true, domain: [words.mean, words.evalLabel, words.single], range: [MEAN, 'currentColor', SINGLE] },
      marks: [
        Plot.areaY(chart.band, { x: 'n', y1: 'lo', y2: 'hi', fill: 'currentColor', fillOpacity: 0.08, clip: true }),
        Plot.dot(chart.singles, { x: 'n', y: 'value', r: 1.6, fill: SINGLE, fillOpacity: 0.6 }),
        Plot.ruleY([chart.evalOutput], { stroke: 'currentColor', strokeDasharray: '5 4' }),
        Plot.line(chart.mean, { x: 'n', y: 'value', stroke: MEAN, strokeWidth: 2 }),
      ],
    },
  };
};

export const draw: DrawCell<typeof cell> = (root, view) => {
  root.querySelectorAll<SVGGElement>('[data-unit]').forEach((g) => {
    const state = view.net.states[Number(g.dataset.unit)];
    if (state && g.dataset.state !== state) g.dataset.state = state;
  });
};

/** "Draw another mask": the next seed (0 after the largest), one history entry like a typed value. */
export const mount: MountCell<typeof cell> = (root, handle) => {
  root.querySelector<HTMLButtonElement>('[data-redraw]')?.addEventListener('click', () => {
    const { seed } = handle.state();
    handle.set({ seed: seed < MAX_SEED ? seed + 1 : 0 });
  });
};
