/**
 * The lab's technique views (src/cells/labProbes.ts) drawn in the browser: the weight-magnitude bars
 * (L1/L2), the reliability diagram (label smoothing), accuracy under attack against ε (FGSM), the
 * training loss (batch norm) with Observable Plot, loaded lazily like the accuracy charts; and the
 * augmented samples as 8×8 canvases. Only the panels the result on screen shows are drawn; the others
 * stay hidden. The build-time HTML has each panel's table and description already.
 */
import type { ProbePanel, ProbeView } from '../../cells/labProbes';
import { describeCharts } from '../cell/a11y';

const COLORS = ['#1a73e8', '#e8710a'];

function width(figure: HTMLElement): number {
  return Math.max(280, Math.min(680, figure.clientWidth || 680));
}

const percent = (v: number) => String(Math.round(v * 100));

/** An 8×8 image (values in [0, 1], ink dark on white, like the printed digits) on a canvas. */
function digitCanvas(pixels: readonly number[], label: string): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = 8;
  canvas.height = 8;
  canvas.className = 'lab-digit';
  canvas.setAttribute('role', 'img');
  canvas.setAttribute('aria-label', label);
  const ctx = canvas.getContext('2d');
  if (ctx) {
    const img = ctx.createImageData(8, 8);
    pixels.forEach((v, i) => {
      const g = Math.round(255 * (1 - Math.min(1, Math.max(0, v))));
      img.data.set([g, g, g, 255], 4 * i);
    });
    ctx.putImageData(img, 0, 0);
  }
  return canvas;
}

/** Shows the panels the view shows (hides the rest) and draws their charts. */
export async function drawProbes(root: HTMLElement, view: ProbeView): Promise<void> {
  const labels = view.labels;
  const figureOf = (p: ProbePanel) => root.querySelector<HTMLElement>(`[data-probe="${p}"]`);
  for (const [panel, on] of Object.entries(view.shown) as [ProbePanel, boolean][]) {
    const f = figureOf(panel);
    if (f) f.hidden = !on;
  }
  const c = view.charts;
  const color = { domain: c.arms, range: COLORS, legend: true };
  const style = { background: 'transparent', color: 'currentColor', fontSize: '12px' };
  const Plot = view.shown.weights || view.shown.calibration || view.shown.attack || view.shown.loss ? await import('../plot') : null;
  const mount = (panel: ProbePanel, svg: Element) => {
    figureOf(panel)?.querySelector('[data-chart-mount]')?.replaceChildren(svg);
  };
  const describe = (panel: ProbePanel) => figureOf(panel)?.querySelector('figcaption')?.textContent ?? '';

  if (Plot && view.shown.weights) {
    const f = figureOf('weights')!;
    mount('weights', Plot.plot({
      width: width(f), height: 260, marginLeft: 48, style, color,
      ariaLabel: labels.share, ariaDescription: describe('weights'),
      fx: { label: labels.bin, domain: c.weightBins, padding: 0.15 },
      x: { axis: null, domain: c.arms },
      y: { label: labels.share, grid: true, domain: [0, 1], tickFormat: percent },
      marks: [
        Plot.barY(c.weights, { fx: 'bin', x: 'arm', y: 'mean', fill: 'arm' }),
        Plot.ruleX(c.weights, { fx: 'bin', x: 'arm', y1: 'low', y2: 'high', stroke: 'currentColor' }),
      ],
    }));
  }
  if (Plot && view.shown.calibration) {
    const f = figureOf('calibration')!;
    mount('calibration', Plot.plot({
      width: Math.min(420, width(f)), height: Math.min(420, width(f)), marginLeft: 48, style, color,
      ariaLabel: labels.accuracy, ariaDescription: describe('calibration'),
      x: { label: labels.confidence, domain: [0, 1], grid: true },
      y: { label: labels.accuracy, domain: [0, 1], grid: true },
      marks: [
        Plot.line([[0, 0], [1, 1]], { stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '4 3' }),
        Plot.line(c.calibration, { x: 'confidence', y: 'accuracy', stroke: 'arm', strokeWidth: 2 }),
        Plot.dot(c.calibration, { x: 'confidence', y: 'accuracy', fill: 'arm', r: 3.5 }),
      ],
    }));
  }
  if (Plot && view.shown.attack) {
    const f = figureOf('attack')!;
    mount('attack', Plot.plot({
      width: width(f), height: 260, marginLeft: 48, style, color,
      ariaLabel: labels.accuracy, ariaDescription: describe('attack'),
      x: { label: labels.eps, grid: true },
      y: { label: labels.accuracy, grid: true, domain: [0, 1], tickFormat: percent },
      marks: [
        Plot.areaY(c.attack, { x: 'x', y1: 'low', y2: 'high', fill: 'arm', fillOpacity: 0.18, z: 'arm' }),
        Plot.line(c.attack, { x: 'x', y: 'mean', stroke: 'arm', strokeWidth: 2, marker: 'circle' }),
      ],
    }));
  }
  if (Plot && view.shown.loss) {
    const f = figureOf('loss')!;
    mount('loss', Plot.plot({
      width: width(f), height: 260, marginLeft: 48, style, color,
      ariaLabel: labels.loss, ariaDescription: describe('loss'),
      x: { label: labels.epoch, grid: true },
      y: { label: labels.loss, grid: true, zero: true },
      marks: [
        Plot.areaY(c.loss, { x: 'x', y1: 'low', y2: 'high', fill: 'arm', fillOpacity: 0.18, z: 'arm' }),
        Plot.line(c.loss, { x: 'x', y: 'mean', stroke: 'arm', strokeWidth: 2 }),
      ],
    }));
  }
  const grid = figureOf('samples')?.querySelector<HTMLElement>('[data-samples-mount]');
  if (grid) {
    const rows = c.samples === null ? [] : ([[c.samples.original, labels.original], [c.samples.augmented, labels.augmented]] as const);
    grid.replaceChildren(...rows.map(([images, label]) => {
      const row = document.createElement('div');
      row.className = 'lab-digit-row';
      images.forEach((px, i) => row.append(digitCanvas(px, `${label} ${i + 1}`)));
      return row;
    }));
  }
  describeCharts(root);
}
