/**
 * The 2-D picture of the geometry cell (src/cells/l1l2Geometry.ts) as Plot options, rendered at build
 * time and redrawn after an edit (charts/plots.ts): contour ellipses, the L1 diamond, the L2 circle
 * and the three points. L1 is orange and L2 blue throughout the page; axes and text use currentColor
 * (light/dark theme).
 */
import type { cell } from '../../cells/l1l2Geometry';
import type { PlotsFor } from '../cell/mountCells';

const L1_COLOUR = '#e8710a';
const L2_COLOUR = '#1a73e8';

export const plots: PlotsFor<typeof cell> = (view, words, _lang, Plot, width) => {
  const { chart } = view;
  const e = chart.extent;
  const size = width('points', 480);
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
  return {
    points: {
      width: size,
      height: size,
      marginLeft: 40,
      marginBottom: 36,
      style: { background: 'transparent', color: 'currentColor', fontSize: '12px' },
      ariaLabel: `${words.x}, ${words.y}`,
      ariaDescription: chart.description,
      x: { domain: [-e, e], label: words.x, grid: true },
      y: { domain: [-e, e], label: words.y, grid: true },
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
    },
  };
};
