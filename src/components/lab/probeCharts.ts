/**
 * The lab's technique views (src/cells/labProbes.ts): the weight-magnitude bars (L1/L2), the
 * reliability diagram (label smoothing), accuracy under attack against ε (FGSM) and the training loss
 * (batch norm) as Plot options (`probePlots`: rendered at build time by LabCell.astro, redrawn here for
 * a new result with Plot loaded lazily); the augmented samples as 8×8 SVG digits (sampleRows, the same at build time and after a Train). Only the panels the
 * result on screen shows are drawn; the others stay hidden.
 */
import type { ProbePanel, ProbeView } from '../../cells/labProbes';
import { describeCharts } from '../cell/a11y';
import { digitSvg } from '../vq/digitPaths';
import type { Plot, PlotOptions, WidthOf } from '../charts/plots';

const COLORS = ['#1a73e8', '#e8710a'];

const percent = (v: number) => String(Math.round(v * 100));

/**
 * The augmented-samples panel's rows (the first training images as stored, then as the network saw
 * them), each digit an SVG named by its row and place. Through `doc` — linkedom's at build time
 * (LabCell.astro), the page's after a Train (drawProbes) — so both show the same markup.
 */
export function sampleRows(doc: Document, view: ProbeView): HTMLElement[] {
  const c = view.charts.samples;
  const rows = c === null ? [] : ([[c.original, view.labels.original], [c.augmented, view.labels.augmented]] as const);
  return rows.map(([images, label]) => {
    const row = doc.createElement('div');
    row.className = 'lab-digit-row';
    images.forEach((px, i) => row.append(digitSvg(doc, px, `${label} ${i + 1}`, 40, 'lab-digit')));
    return row;
  });
}

type Descriptions = Partial<Record<ProbePanel, string>>;

/**
 * The Plot options of the shown technique panels (weights, calibration, attack, loss), by panel; the
 * same call renders them at build time (LabCell.astro) and in the browser (drawProbes).
 * `descriptions`: each panel's figcaption, the charts' aria-description.
 */
export function probePlots(view: ProbeView, descriptions: Descriptions, Plot: Plot, width: WidthOf): Partial<Record<ProbePanel, PlotOptions>> {
  const labels = view.labels;
  const c = view.charts;
  const color = { domain: c.arms, range: COLORS, legend: true };
  const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' };
  const out: Partial<Record<ProbePanel, PlotOptions>> = {};
  if (view.shown.weights) {
    out.weights = {
      width: width('weights', 680), height: 260, marginLeft: 48, style, color,
      ariaLabel: labels.share, ariaDescription: descriptions.weights ?? '',
      fx: { label: labels.bin, domain: c.weightBins, padding: 0.15 },
      x: { axis: null, domain: c.arms },
      y: { label: labels.share, grid: true, domain: [0, 1], tickFormat: percent },
      marks: [
        Plot.barY(c.weights, { fx: 'bin', x: 'arm', y: 'mean', fill: 'arm' }),
        Plot.ruleX(c.weights, { fx: 'bin', x: 'arm', y1: 'low', y2: 'high', stroke: 'currentColor' }),
      ],
    };
  }
  if (view.shown.calibration) {
    const side = width('calibration', 420);
    out.calibration = {
      width: side, height: side, marginLeft: 48, style, color,
      ariaLabel: labels.accuracy, ariaDescription: descriptions.calibration ?? '',
      x: { label: labels.confidence, domain: [0, 1], grid: true },
      y: { label: labels.accuracy, domain: [0, 1], grid: true },
      marks: [
        Plot.line([[0, 0], [1, 1]], { stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '4 3' }),
        Plot.line(c.calibration, { x: 'confidence', y: 'accuracy', stroke: 'arm', strokeWidth: 2 }),
        Plot.dot(c.calibration, { x: 'confidence', y: 'accuracy', fill: 'arm', r: 3.5 }),
      ],
    };
  }
  if (view.shown.attack) {
    out.attack = {
      width: width('attack', 680), height: 260, marginLeft: 48, style, color,
      ariaLabel: labels.accuracy, ariaDescription: descriptions.attack ?? '',
      x: { label: labels.eps, grid: true },
      y: { label: labels.accuracy, grid: true, domain: [0, 1], tickFormat: percent },
      marks: [
        Plot.areaY(c.attack, { x: 'x', y1: 'low', y2: 'high', fill: 'arm', fillOpacity: 0.18, z: 'arm' }),
        Plot.line(c.attack, { x: 'x', y: 'mean', stroke: 'arm', strokeWidth: 2, marker: 'circle' }),
      ],
    };
  }
  if (view.shown.loss) {
    out.loss = {
      width: width('loss', 680), height: 260, marginLeft: 48, style, color,
      ariaLabel: labels.loss, ariaDescription: descriptions.loss ?? '',
      x: { label: labels.epoch, grid: true },
      y: { label: labels.loss, grid: true, zero: true },
      marks: [
        Plot.areaY(c.loss, { x: 'x', y1: 'low', y2: 'high', fill: 'arm', fillOpacity: 0.18, z: 'arm' }),
        Plot.line(c.loss, { x: 'x', y: 'mean', stroke: 'arm', strokeWidth: 2 }),
      ],
    };
  }
  return out;
}

/**
 * Shows the panels the view shows (hides the rest), draws the augmented samples and, unless
 * `charts` is false (the build-time SVGs still show this result), the panels' charts.
 */
export async function drawProbes(root: HTMLElement, view: ProbeView, charts = true): Promise<void> {
  const figureOf = (p: ProbePanel) => root.querySelector<HTMLElement>(`[data-probe="${p}"]`);
  for (const [panel, on] of Object.entries(view.shown) as [ProbePanel, boolean][]) {
    const f = figureOf(panel);
    if (f) f.hidden = !on;
  }
  if (charts && (view.shown.weights || view.shown.calibration || view.shown.attack || view.shown.loss)) {
    const Plot = await import('../plot');
    const descriptions: Descriptions = {};
    for (const p of ['weights', 'calibration', 'attack', 'loss'] as const) descriptions[p] = figureOf(p)?.querySelector('figcaption')?.textContent ?? '';
    const width: WidthOf = (panel, max, min = 280) => Math.max(min, Math.min(max, figureOf(panel as ProbePanel)?.clientWidth || max));
    for (const [panel, options] of Object.entries(probePlots(view, descriptions, Plot, width))) {
      figureOf(panel as ProbePanel)?.querySelector('[data-chart-mount]')?.replaceChildren(Plot.plot(options));
    }
  }
  figureOf('samples')?.querySelector<HTMLElement>('[data-samples-mount]')?.replaceChildren(...sampleRows(document, view));
  describeCharts(root);
}
