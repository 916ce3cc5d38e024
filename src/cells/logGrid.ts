/**
 * The sample counts a convergence chart plots: n = 1..total on a logarithmic grid of about `points`
 * values (rounded, duplicates dropped), always including `total`, so a chart of 10⁵ passes stays light
 * and its first few passes, where the curve moves most, are all there.
 */
export function logGrid(total: number, points: number): number[] {
  const out = new Set<number>();
  for (let i = 0; i <= points; i++) out.add(Math.max(1, Math.round(Math.exp((Math.log(total) * i) / points))));
  out.add(total);
  return [...out].sort((a, b) => a - b);
}
