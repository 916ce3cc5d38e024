/**
 * The one entry point to Observable Plot for every chart of the site. Only the functions the charts
 * use are re-exported, so Rollup tree-shakes the rest of Plot (and of d3) out of the lazily loaded
 * chunk: `const Plot = await import('../plot')` in a chart file, never `import('../plot')`
 * (the namespace import keeps the whole library, ≈ 383 kB). Add a mark here when a chart needs it.
 */
export { areaY, arrow, barY, cell, dot, frame, line, link, plot, ruleX, ruleY, text, voronoi } from '@observablehq/plot';
