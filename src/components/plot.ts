/**
 * The one entry point to Observable Plot for every chart of the site. Only the functions the charts
 * use are re-exported, so Rollup tree-shakes the rest of Plot (and of d3) out of the lazily loaded
 * chunk: `const Plot = await import('../plot')` in a chart file, never `import('@observablehq/plot')`
 * (the namespace import keeps the whole library, ≈ 383 kB minified). Add a mark here when a chart
 * needs it. The Voronoi mark (d3-delaunay, ≈ 19 kB) is in `plotVoronoi.ts`, loaded only by the VQ page.
 */
export { areaY, arrow, barY, cell, dot, frame, line, link, plot, ruleX, ruleY, text } from '@observablehq/plot';
