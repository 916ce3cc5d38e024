/**
 * The L1/L2 page's charts, drawn with Observable Plot (imported lazily). Axes and text use
 * currentColor so they follow the light/dark theme; L1 is orange and L2 blue throughout the page.
 */
import type { L1l2ProxView } from '../../cells/l1l2Prox';
import type { GeometryChart } from '../../cells/l1l2Geometry';
import type { PathChart } from '../../cells/l1l2Path';

const L1_COLOUR = '#e8710a';
const L2_COLOUR = '#1a73e8';
const STYLE = { background: 'transparent', color: 'currentColor', fontSize: '12px' } as const;

function widthOf(figure: HTMLElement, max = 640): number {
  return Math.max(280, Math.min(max, figure.clientWidth || max));
}

function mount(figure: HTMLElement, svg: Element): void {
  figure.querySelector('[data-chart-mount]')?.replaceChildren(svg);
}

/** Weights over the steps: solid proximal, dashed gradient, the ±t band dotted. */
export async function drawProxChart(figure: HTMLElement, chart: L1l2ProxView['chart'], labels: { x: string; y: string }): Promise<void> {
  const Plot = await import('../plot');
  const [gradient, proximal] = chart.methods;
  const g = chart.points.filter((p) => p.method === 'gradient');
  const p = chart.points.filter((q) => q.method === 'proximal');
  const t = chart.threshold;
  const svg = Plot.plot({
    width: widthOf(figure),
    height: 260,
    marginLeft: 48,
    style: STYLE,
    ariaLabel: `${labels.y}: ${proximal} / ${gradient}`,
    ariaDescription: chart.description,
    x: { label: labels.x, ticks: Math.min(chart.steps, 10), tickFormat: 'd' },
    y: { label: labels.y, grid: true },
    color: { legend: true, scheme: 'observable10' },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor' }),
      ...(t > 0 ? [Plot.ruleY([t, -t], { stroke: 'currentColor', strokeOpacity: 0.5, strokeDasharray: '1 3' })] : []),
      Plot.line(g, { x: 'step', y: 'value', z: 'series', stroke: 'coordinate', strokeWidth: 1.5, strokeDasharray: '5 4' }),
      Plot.dot(g, { x: 'step', y: 'value', stroke: 'coordinate', r: 2.5 }),
      Plot.line(p, { x: 'step', y: 'value', z: 'series', stroke: 'coordinate', strokeWidth: 2.5 }),
      Plot.dot(p, { x: 'step', y: 'value', fill: 'coordinate', r: 3 }),
    ],
  });
  mount(figure, svg);
}

/** The 2-D picture: contour ellipses, the L1 diamond, the L2 circle and the three points. */
export async function drawGeometryChart(figure: HTMLElement, chart: GeometryChart, labels: { x: string; y: string }): Promise<void> {
  const Plot = await import('../plot');
  const e = chart.extent;
  const size = widthOf(figure, 480);
  const xy = { x: (d: [number, number]) => d[0], y: (d: [number, number]) => d[1] };
  const contourMarks = chart.contours.map((c) =>
    Plot.line(c.points, {
      ...xy,
      stroke: c.kind === 'l1' ? L1_COLOUR : c.kind === 'l2' ? L2_COLOUR : 'currentColor',
      strokeOpacity: c.kind === 'other' ? 0.35 : 0.9,
      strokeWidth: 1,
      strokeDasharray: c.kind === 'other' ? undefined : '4 3',
      clip: true,
    }),
  );
  const { l1Ball, l2Ball } = chart.labels;
  const points = [
    { at: chart.center, label: chart.labels.center, colour: 'currentColor', symbol: 'circle', fill: 'none', dy: -12 },
    { at: chart.l1, label: chart.labels.l1, colour: L1_COLOUR, symbol: 'square', fill: L1_COLOUR, dy: 14 },
    { at: chart.l2, label: chart.labels.l2, colour: L2_COLOUR, symbol: 'circle', fill: L2_COLOUR, dy: -14 },
  ];
  const svg = Plot.plot({
    width: size,
    height: size,
    marginLeft: 40,
    marginBottom: 36,
    style: STYLE,
    ariaLabel: `${labels.x}, ${labels.y}`,
    ariaDescription: chart.description,
    x: { domain: [-e, e], label: labels.x, grid: true },
    y: { domain: [-e, e], label: labels.y, grid: true },
    color: { legend: true, domain: [l1Ball, l2Ball], range: [L1_COLOUR, L2_COLOUR] },
    marks: [
      Plot.ruleX([0], { stroke: 'currentColor', strokeOpacity: 0.6 }),
      Plot.ruleY([0], { stroke: 'currentColor', strokeOpacity: 0.6 }),
      ...contourMarks,
      Plot.line(chart.diamond, { ...xy, stroke: () => l1Ball, strokeWidth: 2.5 }),
      Plot.line(chart.circle, { ...xy, stroke: () => l2Ball, strokeWidth: 2.5 }),
      ...points.map((p) =>
        Plot.dot([p.at], { ...xy, r: 5, stroke: p.colour, fill: p.fill, strokeWidth: 2, symbol: p.symbol, title: () => p.label }),
      ),
      ...points.map((p) =>
        Plot.text([p.at], {
          ...xy,
          text: () => p.label,
          fill: p.colour,
          dy: p.dy,
          dx: 8,
          textAnchor: 'start',
          fontWeight: 600,
          stroke: 'var(--cell-bg, white)',
          strokeWidth: 3,
          paintOrder: 'stroke',
        }),
      ),
    ],
  });
  mount(figure, svg);
}

const lastDrawn = new WeakMap<HTMLElement, { points: unknown; alpha: number; width: number }>();

/** Coefficients against α (log scale), one line per feature; the chosen α dashed with its dots. */
export async function drawPathChart(
  figure: HTMLElement,
  chart: PathChart,
  labels: { x: string; y: string; title: string },
): Promise<void> {
  const width = widthOf(figure);
  const last = lastDrawn.get(figure);
  // The path arrays are memoized per grid, so an unchanged chart is skipped while another input moves.
  if (last && last.points === chart.points && last.alpha === chart.alpha && last.width === width) return;
  lastDrawn.set(figure, { points: chart.points, alpha: chart.alpha, width });
  const Plot = await import('../plot');
  const svg = Plot.plot({
    width,
    height: 300,
    marginLeft: 48,
    style: STYLE,
    ariaLabel: `${labels.title}: ${labels.y} / ${labels.x}`,
    ariaDescription: chart.description,
    x: { type: 'log', label: labels.x, grid: true },
    y: { label: labels.y, grid: true },
    color: { legend: true, scheme: 'observable10', domain: chart.features },
    marks: [
      Plot.ruleY([0], { stroke: 'currentColor' }),
      Plot.line(chart.points, { x: 'alpha', y: 'coef', z: 'feature', stroke: 'feature', strokeWidth: 1.8 }),
      Plot.ruleX([chart.alpha], { stroke: 'currentColor', strokeDasharray: '4 3' }),
      Plot.dot(chart.at, { x: () => chart.alpha, y: 'coef', fill: 'feature', r: 3.5, title: (d: { feature: string; coef: number }) => d.feature }),
    ],
  });
  mount(figure, svg);
}
