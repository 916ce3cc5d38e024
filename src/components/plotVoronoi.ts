/** Plot's Voronoi mark on its own, so d3-delaunay loads only with the charts that draw one (see plot.ts). */
export { voronoi } from '@observablehq/plot';
