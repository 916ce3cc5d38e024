/**
 * The constrained view of L1/L2 (penalties.ts): a diagonal quadratic minimized inside an L1 or L2
 * ball. Checked by the optimality conditions, by the link to the penalized problem, by brute force
 * in 2-D, and on hand-worked examples.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  diagonalQuadratic, l1BallMinimizer, l2BallMinimizer, quadraticLevelSet, softThreshold,
} from '../../src/lib/penalties';
import { expectAllClose, expectClose } from './close';

const coord = fc.double({ min: -5, max: 5, noNaN: true });
const curv = fc.double({ min: 0.1, max: 10, noNaN: true });
const rad = fc.double({ min: 0.05, max: 4, noNaN: true });
const problem = fc.integer({ min: 1, max: 6 }).chain((n) =>
  fc.record({ c: fc.array(coord, { minLength: n, maxLength: n }), a: fc.array(curv, { minLength: n, maxLength: n }), r: rad }),
);
const l1 = (w: number[]) => w.reduce((s, x) => s + Math.abs(x), 0);
const l2 = (w: number[]) => Math.hypot(...w);

describe('diagonalQuadratic', () => {
  it('is ½Σaᵢ(wᵢ − cᵢ)²', () => {
    expect(diagonalQuadratic([1, 0], [2, 0.6], [1, 1.5])).toBeCloseTo(0.5 * (1 + 1.5 * 0.36), 15);
    expect(diagonalQuadratic([2, 0.6], [2, 0.6], [1, 1.5])).toBe(0);
  });
  it('rejects bad input with named errors', () => {
    expect(() => diagonalQuadratic([1], [1, 2], [1, 1])).toThrow(/w must have the same length as center/);
    expect(() => diagonalQuadratic([1, 2], [1, 2], [1, 0])).toThrow(/curvature\[1\] must be > 0; received 0/);
    expect(() => diagonalQuadratic([1, 2], [1, 2], [1])).toThrow(/curvature must have the same length/);
    expect(() => diagonalQuadratic([NaN], [1], [1])).toThrow(/w\[0\] must be a finite number/);
  });
});

describe('l1BallMinimizer', () => {
  it('lands on the corner of the diamond: the page default (exact zero)', () => {
    const m = l1BallMinimizer([2, 0.6], [1, 1.5], 1);
    expect(m.w).toEqual([1, 0]);
    expect(m.lambda).toBe(1);
    expect(m.onBoundary).toBe(true);
  });
  it('isotropic = Euclidean projection onto the L1 ball (Duchi et al.)', () => {
    // c = (3, 1, −0.5), r = 2: threshold θ with (3−θ) + (1−θ) = 2 → θ = 1 → (2, 0, 0).
    expect(l1BallMinimizer([3, 1, -0.5], [1, 1, 1], 2).w).toEqual([2, 0, 0]);
    // c = (1, 0.8), r = 1: (1−θ) + (0.8−θ) = 1 → θ = 0.4 → (0.6, 0.4).
    expectAllClose(l1BallMinimizer([1, 0.8], [1, 1], 1).w, [0.6, 0.4], 1e-15);
  });
  it('inside the ball the optimum is c itself, with λ = 0', () => {
    expect(l1BallMinimizer([0.3, -0.2], [2, 5], 1)).toEqual({ w: [0.3, -0.2], lambda: 0, onBoundary: false });
  });
  it('satisfies the optimality conditions and equals the penalized optimum with λ', () => {
    fc.assert(
      fc.property(problem, ({ c, a, r }) => {
        const m = l1BallMinimizer(c, a, r);
        expect(m.lambda).toBeGreaterThanOrEqual(0);
        if (m.onBoundary) expectClose(l1(m.w), r, 1e-12, 'on the boundary');
        else expect(l1(m.w)).toBeLessThanOrEqual(r);
        // Penalized form: argmin ½Σa(w−c)² + λ‖w‖₁ = S_{λ/aᵢ}(cᵢ) coordinate-wise.
        m.w.forEach((wi, i) => expectClose(wi, softThreshold([c[i]!], m.lambda / a[i]!)[0]!, 1e-12, `w[${i}]`));
      }),
      { numRuns: 500 },
    );
  });
  it('beats every feasible point of a 2-D grid on the diamond', () => {
    fc.assert(
      fc.property(coord, coord, curv, curv, rad, (c1, c2, a1, a2, r) => {
        const c = [c1, c2];
        const a = [a1, a2];
        const m = l1BallMinimizer(c, a, r);
        const best = diagonalQuadratic(m.w, c, a);
        let grid = Infinity;
        for (let k = 0; k <= 400; k++) {
          const x = -r + (2 * r * k) / 400; // walk the boundary |x| + |y| = r
          for (const y of [r - Math.abs(x), -(r - Math.abs(x))]) grid = Math.min(grid, diagonalQuadratic([x, y], c, a));
        }
        expect(best).toBeLessThanOrEqual(grid + 1e-9);
      }),
      { numRuns: 200 },
    );
  });
  it('rejects a radius ≤ 0', () => {
    expect(() => l1BallMinimizer([1], [1], 0)).toThrow('radius must be > 0; received 0');
  });
});

describe('l2BallMinimizer', () => {
  it('isotropic: w = r·c/‖c‖, λ = a(‖c‖/r − 1)/2', () => {
    const m = l2BallMinimizer([3, 4], [1, 1], 1);
    expectAllClose(m.w, [0.6, 0.8], 1e-15);
    expectClose(m.lambda, 2, 1e-15);
  });
  it('has no exact zero where c has none (the page default)', () => {
    const m = l2BallMinimizer([2, 0.6], [1, 1.5], 1);
    expectClose(l2(m.w), 1, 1e-14);
    expect(m.w.every((x) => x > 0.2)).toBe(true);
  });
  it('satisfies the optimality conditions: w = a·c/(a + 2λ) and ‖w‖ = r', () => {
    fc.assert(
      fc.property(problem, ({ c, a, r }) => {
        const m = l2BallMinimizer(c, a, r);
        if (m.onBoundary) expectClose(l2(m.w), r, 1e-12, 'norm');
        else expect(m.w).toEqual(c.map((x) => x + 0));
        m.w.forEach((wi, i) => expectClose(wi, (a[i]! * c[i]!) / (a[i]! + 2 * m.lambda), 1e-12, `w[${i}]`));
      }),
      { numRuns: 500 },
    );
  });
  it('beats every point of a 2-D grid on the circle', () => {
    fc.assert(
      fc.property(coord, coord, curv, curv, rad, (c1, c2, a1, a2, r) => {
        const c = [c1, c2];
        const a = [a1, a2];
        const best = diagonalQuadratic(l2BallMinimizer(c, a, r).w, c, a);
        let grid = Infinity;
        for (let k = 0; k < 720; k++) {
          const t = (2 * Math.PI * k) / 720;
          grid = Math.min(grid, diagonalQuadratic([r * Math.cos(t), r * Math.sin(t)], c, a));
        }
        expect(best).toBeLessThanOrEqual(grid + 1e-9);
      }),
      { numRuns: 200 },
    );
  });
});

describe('quadraticLevelSet', () => {
  it('returns closed ellipses on the level', () => {
    const pts = quadraticLevelSet([2, 0.6], [1, 1.5], 0.7, 40);
    expect(pts).toHaveLength(41);
    expect(pts[40]).toEqual(pts[0]);
    for (const p of pts) expectClose(diagonalQuadratic(p, [2, 0.6], [1, 1.5]), 0.7, 1e-12);
  });
  it('needs 2-D and a level ≥ 0', () => {
    expect(() => quadraticLevelSet([1, 2, 3], [1, 1, 1], 1)).toThrow(/length 2/);
    expect(() => quadraticLevelSet([1, 2], [1, 1], -1)).toThrow('level must be ≥ 0; received -1');
  });
});
