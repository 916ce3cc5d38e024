/**
 * The one entry point to Observable Plot for every chart of the site. Only the functions the charts
 * use are re-exported, so Rollup tree-shakes the rest of Plot (and of d3) out of the lazily loaded
 * chunk: `const Plot = await import('../plot')` in a chart file, never `import('@observablehq/plot')`
 * (the namespace import keeps the whole library, ≈ 383 kB minified). Add a mark here when a chart
 * needs it. The charts are rendered at build time and this chunk loads only when a chart must change
 * (charts/plots.ts), so the Voronoi mark (d3-delaunay, ≈ 19 kB, the VQ charts) is here too rather than in
 * a chunk of its own that the VQ page would fetch on load.
 */
export { areaY, arrow, barY, cell, dot, frame, line, link, plot, ruleX, ruleY, text, voronoi } from '@observablehq/plot';
