/**
 * The bias–variance cell (src/cells/l1l2BiasVariance.ts): its view prints src/lib's numbers at the
 * defaults and at the corners of its ranges, the prose quotes the same numbers, and its scikit-learn
 * program runs as is and prints them.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { biasVariance } from '../../src/lib/biasVariance';
import { defaults } from '../../src/lib/query';
import { l1l2BiasVarianceSchema, l1l2BiasVarianceView, sklearnCode, type L1l2BiasVarianceState } from '../../src/cells/l1l2BiasVariance';
import { sig } from '../../src/cells/l1l2Shared';
import { proseNumber } from '../../src/cells/prose';

const bad = /NaN|undefined|Infinity|null/;
const d = defaults(l1l2BiasVarianceSchema);
const PY = '/usr/bin/python3';
const hasSklearn = existsSync(PY) && (() => {
  try {
    execFileSync(PY, ['-c', 'import sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const libOf = (s: L1l2BiasVarianceState) => biasVariance({ degree: s.bvdeg, n: s.bvn, sigma: s.bvsig, sets: s.bvsets, seed: s.bvseed, nTest: 1000, grid: 50 });

function allStrings(v: ReturnType<typeof l1l2BiasVarianceView>): string[] {
  return [...Object.values(v.text), ...Object.values(v.rows).flat(2), ...Object.values(v.tables).flatMap((t) => [...t.head, ...t.rows.flat()])];
}

describe('the bias–variance cell', () => {
  it('defaults: degree 9, 12 points, σ = 0.3, 200 training sets, seed 0', () => {
    expect(d).toEqual({ bvdeg: 9, bvn: 12, bvsig: 0.3, bvsets: 200, bvseed: 0 });
  });
  it('prints what src/lib computes', () => {
    const v = l1l2BiasVarianceView(d, 'en');
    const r = libOf(d);
    const pick = r.points[r.pick]!;
    const best = r.points[r.best]!;
    expect(v.text.pick).toBe(sig(pick.lambda));
    expect(v.text.pickVal).toBe(sig(pick.valError));
    expect(v.text.pickTest).toBe(sig(pick.testError));
    expect(v.text.best).toBe(`${sig(best.lambda)} (${sig(best.total)})`);
    const first = r.points[0]!;
    expect(v.rows.keyRows![0]).toEqual(['smallest α', sig(first.lambda), sig(first.df), sig(first.bias2), sig(first.variance), sig(first.total), sig(first.valError), sig(first.testError)]);
    expect(v.rows.keyRows!.map((row) => row[0])).toEqual(['smallest α', 'validation pick', 'best α', 'largest α']);
    expect(v.tables.decomposition.rows.length).toBe(37);
    expect(v.tables.validation.rows[r.pick]).toEqual([sig(pick.lambda), sig(pick.valError), sig(pick.testError)]);
    expect(v.chart.decomposition.length).toBe(4 * 37);
    expect(v.chart.validation.length).toBe(2 * 37);
    expect(v.chart.pick).toEqual({ alpha: pick.lambda, value: pick.valError });
    expect(v.chart.noise).toBeCloseTo(0.09, 15);
    expect(v.text.optimism).toContain(`the test error of the same fit ${sig(pick.testError)}`);
    expect(l1l2BiasVarianceView(d, 'zh').text.optimism).toContain(`同一个模型的测试误差为 ${sig(pick.testError)}`);
  });
  it('another seed changes the pick and the table', () => {
    const a = l1l2BiasVarianceView(d, 'en');
    const b = l1l2BiasVarianceView({ ...d, bvseed: 2 }, 'en');
    expect(b.text.pick).not.toBe(a.text.pick);
    expect(b.rows.keyRows![1]).not.toEqual(a.rows.keyRows![1]);
  });
  it.each<[string, Partial<L1l2BiasVarianceState>]>([
    ['degree 1, two sets', { bvdeg: 1, bvsets: 2 }],
    ['degree 12 on 10 points (rank-deficient design)', { bvdeg: 12, bvn: 10 }],
    ['the largest work: degree 12, 100 points, 300 sets', { bvdeg: 12, bvn: 100, bvsets: 300 }],
    ['the smallest and largest σ, the last seed', { bvsig: 0.01, bvseed: 2 ** 32 - 1 }],
    ['σ = 2', { bvsig: 2 }],
  ])('edge values print finite numbers only: %s', (_, patch) => {
    for (const lang of ['en', 'zh'] as const) {
      const v = l1l2BiasVarianceView({ ...d, ...patch }, lang);
      for (const s of allStrings(v)) expect(s).not.toMatch(bad);
      // The charts' log axes need positive values.
      for (const p of [...v.chart.decomposition, ...v.chart.validation]) expect(p.value).toBeGreaterThan(0);
    }
  });
  it('the prose quotes the cell’s defaults and numbers', () => {
    const r = libOf(d);
    expect(proseNumber('l1l2.bvDegree')).toBe('9');
    expect(proseNumber('l1l2.bvSets')).toBe('200');
    expect(proseNumber('l1l2.bvPickAlpha')).toBe(sig(r.points[r.pick]!.lambda));
    expect(proseNumber('l1l2.bvPickTest')).toBe(sig(r.points[r.pick]!.testError));
    expect(proseNumber('l1l2.bvBestTotal')).toBe(sig(r.points[r.best]!.total));
    expect(proseNumber('l1l2.bvVarSmall')).toBe(sig(r.points[0]!.variance));
    const alt = libOf({ ...d, bvseed: 2 });
    expect(proseNumber('l1l2.bvAltPick')).toBe(sig(alt.points[alt.pick]!.lambda));
    expect(proseNumber('l1l2.bvAltTest')).toBe(sig(alt.points[alt.pick]!.testError));
  });
  it.skipIf(!hasSklearn)('its scikit-learn program runs as is and prints the cell’s numbers', () => {
    const s = { ...d, bvdeg: 7, bvn: 15, bvsig: 0.5, bvsets: 6, bvseed: 3 };
    const out = execFileSync(PY, ['-'], { input: sklearnCode(s), encoding: 'utf8' });
    const r = libOf(s);
    const lines = [...out.matchAll(/^alpha (\S+): bias2 (\S+), variance (\S+), sum \+ sigma\^2 (\S+), train (\S+), validation (\S+), test (\S+)$/gm)];
    expect(lines.length).toBe(37);
    lines.forEach((m, l) => {
      const p = r.points[l]!;
      // Printed to 4 significant digits (%.4g): compare at that precision.
      [p.lambda, p.bias2, p.variance, p.total, p.trainError, p.valError, p.testError].forEach((x, k) => {
        expect(Number(m[k + 1])).toBeCloseTo(Number(x.toPrecision(4)), 12);
      });
    });
    const pick = /validation picks alpha (\S+) validation error (\S+) test error (\S+)/.exec(out)!;
    expect(Number(pick[1])).toBe(Number(r.points[r.pick]!.lambda.toPrecision(4)));
    expect(Number(pick[3])).toBe(Number(r.points[r.pick]!.testError.toPrecision(4)));
  }, 120_000);
});
