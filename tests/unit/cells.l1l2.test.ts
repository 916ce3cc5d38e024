/**
 * The L1/L2 page's cells: views over the defaults (docs/reference-semantics.md's worked numbers), edge values and
 * random states; no NaN/undefined/Infinity in any string; the code views carry the parameters.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import diabetesJson from '../../public/data/diabetes.json';
import { defaults, parseParam, type Schema, type StateOf } from '../../src/lib/query';
import { l1Penalty, l2Penalty, l1BallMinimizer, l2BallMinimizer, softThreshold } from '../../src/lib/penalties';
import { adamStep, adamwStep, sgdStep } from '../../src/lib/optimizers';
import { entryOrder, lasso, lassoPath, ridge } from '../../src/lib/linearModels';
import { formatNumber } from '../../src/lib/format';
import { l1l2PenaltySchema, l1l2PenaltyView } from '../../src/cells/l1l2Penalty';
import { l1l2ProxSchema, l1l2ProxView, proxTrajectories } from '../../src/cells/l1l2Prox';
import { l1l2GeometrySchema, l1l2GeometryView } from '../../src/cells/l1l2Geometry';
import {
  diabetesLassoPath, l1l2PathSchema, l1l2PathView, prepareDiabetes, ridgeGrid, type DiabetesJson,
} from '../../src/cells/l1l2Path';
import { l1l2WeightDecaySchema, l1l2WeightDecayView } from '../../src/cells/l1l2WeightDecay';
import { l1l2AdamSchema, l1l2AdamView } from '../../src/cells/l1l2Adam';
import { exact, num, sig } from '../../src/cells/l1l2Shared';

const langs = ['en', 'zh'] as const;
const data = prepareDiabetes(diabetesJson as DiabetesJson);

/** Every string a view can put on screen (text slots, table cells, chart descriptions). */
function strings(view: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown) => {
    if (typeof v === 'string') out.push(v);
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v && typeof v === 'object') Object.values(v).forEach(walk);
  };
  const v = view as { text?: unknown; rows?: unknown };
  walk(v.text);
  walk(v.rows);
  return out;
}

function expectClean(view: unknown): void {
  for (const s of strings(view)) expect(s).not.toMatch(/NaN|undefined|Infinity|null/);
}

/** Arbitrary valid states of a schema (every value inside its bounds). */
function stateOf<S extends Schema>(schema: S): fc.Arbitrary<StateOf<S>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [k, spec] of Object.entries(schema)) {
    if (spec.kind === 'matrix') throw new Error(`no matrix parameters on this page (${k})`);
    if (spec.kind === 'integer') fields[k] = fc.integer({ min: spec.min, max: spec.max });
    else if (spec.kind === 'number') fields[k] = fc.double({ min: spec.min, max: spec.max, noNaN: true }).map((x) => x + 0);
    else if (spec.kind === 'vector') fields[k] = fc.array(fc.double({ min: spec.min, max: spec.max, noNaN: true }).map((x) => x + 0), { minLength: spec.minLength, maxLength: spec.maxLength });
  }
  return fc.record(fields) as unknown as fc.Arbitrary<StateOf<S>>;
}

describe('penalty calculator', () => {
  it('fills in the formulas (the issue’s example)', () => {
    const v = l1l2PenaltyView(defaults(l1l2PenaltySchema), 'en');
    expect(v.text.l1Formula).toBe('0.1·(|1| + |−2|) = 0.3');
    expect(v.text.l2Formula).toBe('0.1·(1² + (−2)²) = 0.5');
    expect(v.rows.weights).toEqual([
      ['w₁ = 1', '1', '1', '0.1', '0.2'],
      ['w₂ = −2', '2', '4', '−0.1', '−0.4'],
    ]);
    expect(v.text.pytorch).toContain('torch.tensor([1.0, -2.0]');
  });
  it('prints what src/lib computes for any valid state, in both languages', () => {
    fc.assert(
      fc.property(stateOf(l1l2PenaltySchema), fc.constantFrom(...langs), (s, lang) => {
        const v = l1l2PenaltyView(s, lang);
        expect(v.text.l1).toBe(num(l1Penalty(s.w, s.lam)));
        expect(v.text.l2).toBe(num(l2Penalty(s.w, s.lam)));
        expect(v.rows.weights).toHaveLength(s.w.length);
        expectClean(v);
      }),
      { numRuns: 200 },
    );
  });
  it('handles λ = 0, a zero weight and the largest weights', () => {
    const v = l1l2PenaltyView({ w: [0, -1000, 1000, 0.001], lam: 10 }, 'en');
    expect(v.text.l2).toBe(num(2e7));
    expect(v.rows.weights![0]).toEqual(['w₁ = 0', '0', '0', '0', '0']);
    expectClean(l1l2PenaltyView({ w: [5], lam: 0 }, 'zh'));
  });
});

describe('gradient step vs proximal step', () => {
  it('defaults: one proximal step is softshrink([3, −0.5, 1.2], 1) = [2, 0, 0.2]', () => {
    const v = l1l2ProxView(defaults(l1l2ProxSchema), 'en');
    expect(v.text.proximalOnce).toBe('[2, 0, 0.2]');
    expect(v.text.gradientOnce).toBe('[2, 0.5, 0.2]');
    expect(v.text.threshold).toBe('t = η·λ = 0.5·2 = 1');
    // After two steps the proximal step has two exact zeros, the gradient step none.
    expect(v.text.proximalLast).toBe('[1, 0, 0]');
    expect(v.text.gradientLast).toBe('[1, −0.5, −0.8]');
    expect(v.text.zeros).toBe('After 2 steps, exact zeros among the 3 weights: 0 from the gradient step, 2 from the proximal step.');
    expect(l1l2ProxView({ ...defaults(l1l2ProxSchema), steps: 1 }, 'en').text.zeros).toMatch(/^After one step, /);
    expect(l1l2ProxView(defaults(l1l2ProxSchema), 'zh').text.zeros).toBe('2 步之后：梯度步得到 0 个精确的 0，近端步得到 2 个（共 3 个权重）。');
    expect(v.rows.prox![1]).toEqual(['w₂ = −0.5', '−0.5 − 0.5·2·(−1) = 0.5', 'sign(−0.5)·max(|−0.5| − 1, 0) = 0', '−0.5', '0']);
  });
  it('the proximal iterate equals softThreshold applied k times; zeros stay zero', () => {
    fc.assert(
      fc.property(stateOf(l1l2ProxSchema), (s) => {
        const { proximal, gradient } = proxTrajectories(s);
        expect(gradient).toHaveLength(s.steps + 1);
        let w = [...s.pw];
        for (let k = 1; k <= s.steps; k++) {
          w = softThreshold(w, s.lr * s.plam);
          expect(proximal[k]).toEqual(w);
          proximal[k - 1]!.forEach((x, i) => x === 0 && expect(proximal[k]![i]).toBe(0));
        }
        expectClean(l1l2ProxView(s, 'zh'));
      }),
      { numRuns: 200 },
    );
  });
  it('the chart has one point per coordinate, step and method', () => {
    const s = { ...defaults(l1l2ProxSchema), steps: 5 };
    const v = l1l2ProxView(s, 'en');
    expect(v.chart.points).toHaveLength(3 * 6 * 2);
    expect(v.chart.description).toMatch(/t = 1\b/);
  });
});

describe('the 2-D picture', () => {
  it('defaults: the L1 optimum is the corner (1, 0); the L2 optimum has no zero', () => {
    const v = l1l2GeometryView(defaults(l1l2GeometrySchema), 'en');
    expect(v.text.l1Point).toBe('(1, 0)');
    const m2 = l2BallMinimizer([2, 0.6], [1, 1.5], 1);
    expect(v.text.l2Point).toBe(`(${num(m2.w[0]!)}, ${num(m2.w[1]!)})`);
    expect(v.text.l1Zeros).toBe('one coordinate is exactly 0 (a corner of the diamond).');
    expect(v.text.l1Substituted).toBe('λ = 1: (sign(2)·max(|2| − 1/1, 0), sign(0.6)·max(|0.6| − 1/1.5, 0)) = (1, 0)');
    expect(v.chart.diamond).toHaveLength(5);
    expect(v.chart.contours.some((c) => c.kind === 'l1')).toBe(true);
  });
  it('c inside both balls: w* = c and λ = 0', () => {
    const v = l1l2GeometryView({ cx: 0.2, cy: -0.3, ax: 1, ay: 1, r: 2 }, 'zh');
    expect(v.text.l1Point).toBe('(0.2, −0.3)');
    expect(v.text.l2Point).toBe('(0.2, −0.3)');
    expect(v.text.l1Substituted).toContain('λ = 0');
    expect(v.text.l1Zeros).toBe('c 在菱形内部：约束不起作用，w* = c，λ = 0。');
    expectClean(v);
  });
  it('prints src/lib’s minimizers for any valid state', () => {
    fc.assert(
      fc.property(stateOf(l1l2GeometrySchema), fc.constantFrom(...langs), (s, lang) => {
        const v = l1l2GeometryView(s, lang);
        const m1 = l1BallMinimizer([s.cx, s.cy], [s.ax, s.ay], s.r);
        expect(v.text.l1Point).toBe(`(${num(m1.w[0]!)}, ${num(m1.w[1]!)})`);
        for (const c of v.chart.contours) for (const [x, y] of c.points) expect(Number.isFinite(x) && Number.isFinite(y)).toBe(true);
        expectClean(v);
      }),
      { numRuns: 300 },
    );
  });
});

describe('regularization paths on the diabetes data', () => {
  it('ships the 442 × 10 data set', () => {
    expect(data.X).toHaveLength(442);
    expect(data.names).toEqual(['age', 'sex', 'bmi', 'bp', 's1', 's2', 's3', 's4', 's5', 's6']);
  });
  it('defaults: α_max ≈ 45.16 and docs/reference-semantics.md’s entry order', () => {
    const v = l1l2PathView(defaults(l1l2PathSchema), data, 'en');
    expect(v.text.alphaMax).toBe('α_max = max|Xᵀy|/n = 45.16');
    expect(v.text.order).toBe('bmi → s5 → bp → s3 → sex → s6 → s1 → s4 → s2 → age');
    const fit = lasso(data.X, data.y, 1);
    const rfit = ridge(data.X, data.y, 100);
    expect(v.rows.coefs!.map((r) => r[1])).toEqual(fit.coef.map(num));
    expect(v.rows.coefs!.map((r) => r[2])).toEqual(rfit.coef.map(num));
    expect(v.text.lassoNonzero).toBe(`${fit.coef.filter((x) => x !== 0).length} of 10 coefficients non-zero`);
    expect(v.text.ridgeNonzero).toBe('10 of 10 coefficients non-zero');
    expect(v.lassoChart.points).toHaveLength(100 * 10);
    expect(v.text.sklearn).toContain('n_alphas=100, eps=0.001');
    expectClean(v);
    expectClean(l1l2PathView(defaults(l1l2PathSchema), data, 'zh'));
  });
  it('memoizes the path: moving the chosen α reuses the same chart rows', () => {
    const s = defaults(l1l2PathSchema);
    const a = l1l2PathView(s, data, 'en');
    const b = l1l2PathView({ ...s, llog: -1 }, data, 'en');
    expect(b.lassoChart.points).toBe(a.lassoChart.points);
    expect(b.ridgeChart.points).toBe(a.ridgeChart.points);
    expect(diabetesLassoPath(data, 100, 0.001).alphas).toEqual(lassoPath(data.X, data.y).alphas);
  });
  it('edges: a coarse grid, tiny eps, α beyond α_max, the widest ridge range', () => {
    const v = l1l2PathView({ pts: 5, eps: 0.5, llog: 3, rlo: -4, rhi: 8, rlog: 8 }, data, 'zh');
    expect(v.text.lassoNonzero).toBe('0 / 10 个系数非零');
    expectClean(v);
    const w = l1l2PathView({ pts: 200, eps: 0.0001, llog: -4, rlo: 7.5, rhi: 8, rlog: -4 }, data, 'en');
    expect(entryOrder(diabetesLassoPath(data, 200, 0.0001).coefs)).toHaveLength(10);
    expectClean(w);
  });
  it('rlo ≥ rhi is refused with a named message', () => {
    expect(() => l1l2PathView({ ...defaults(l1l2PathSchema), rlo: 3, rhi: 3 }, data, 'en')).toThrow('rhi must be > rlo (3); received 3');
    expect(ridgeGrid(-2, 5, 8)).toHaveLength(8);
  });
  it('refuses data of the wrong shape', () => {
    expect(() => prepareDiabetes(null as unknown as DiabetesJson)).toThrow(/diabetes data must be an object/);
  });
});

describe('SGD weight_decay (erratum 6)', () => {
  it('worked numbers: 0.949, and 0.948 under the seed’s reading', () => {
    const v = l1l2WeightDecayView(defaults(l1l2WeightDecaySchema), 'en');
    expect(v.text.torch).toBe('0.949');
    expect(v.text.torchFormula).toBe('w − lr·(g + wd·w) = 1 − 0.1·(0.5 + 0.01·1) = 0.949');
    expect(v.text.halfStep).toBe('1 − 0.1·(0.5 + 0.01) = 0.949');
    expect(v.text.seedStep).toBe('1 − 0.1·(0.5 + 0.02) = 0.948');
    expect(v.text.halfVerdict).toBe('the same as PyTorch');
    expect(v.text.seedVerdict).toBe('differs from PyTorch by −0.001');
    // The table shows the same strings, one row per reading.
    expect(v.rows.readings.map((r) => r.slice(1))).toEqual([
      [v.text.halfPenalty, v.text.halfGrad, v.text.halfStep, v.text.halfVerdict],
      [v.text.seedPenalty, v.text.seedGrad, v.text.seedStep, v.text.seedVerdict],
    ]);
    expect(l1l2WeightDecayView(defaults(l1l2WeightDecaySchema), 'zh').text.seedVerdict).toBe('与 PyTorch 相差 −0.001');
  });
  it('the (wd/2)·w² step always equals PyTorch’s step', () => {
    fc.assert(
      fc.property(stateOf(l1l2WeightDecaySchema), fc.constantFrom(...langs), (s, lang) => {
        const v = l1l2WeightDecayView(s, lang);
        expect(v.text.torch).toBe(exact(sgdStep([s.sw], [s.sg], { lr: s.slr, weightDecay: s.swd })[0]!));
        expect(v.text.halfStep!.endsWith(`= ${v.text.torch}`)).toBe(true);
        expectClean(v);
      }),
      { numRuns: 300 },
    );
  });
});

describe('Adam + L2 vs AdamW', () => {
  it('worked numbers: Adam 0.9, AdamW 0.899', () => {
    const v = l1l2AdamView(defaults(l1l2AdamSchema), 'en');
    expect(v.text.adam).toBe('0.9');
    expect(v.text.adamw).toBe('0.899');
    expect(v.text.adamwDecay).toBe('w·(1 − lr·wd) = 1·(1 − 0.1·0.01) = 0.999');
    expect(v.text.adamMoments).toBe('m = (1 − 0.9)·0.51 = 0.051,  v = (1 − 0.999)·0.51² = 0.0002601');
    expect(v.text.gap).toBe('−0.001');
  });
  it('g = 0: Adam + L2 still takes a full step, AdamW only decays', () => {
    const v = l1l2AdamView({ ...defaults(l1l2AdamSchema), ag: 0 }, 'en');
    expect(v.text.adam).toBe('0.9');
    expect(v.text.adamw).toBe('0.999');
  });
  it('prints src/lib’s steps for any valid state', () => {
    fc.assert(
      fc.property(stateOf(l1l2AdamSchema), fc.constantFrom(...langs), (s, lang) => {
        const v = l1l2AdamView(s, lang);
        const o = { lr: s.alr, weightDecay: s.awd };
        expect(v.text.adam).toBe(exact(adamStep([s.aw], [s.ag], o).w[0]!));
        expect(v.text.adamw).toBe(exact(adamwStep([s.aw], [s.ag], o).w[0]!));
        expectClean(v);
      }),
      { numRuns: 300 },
    );
  });
});

describe('schemas and printing', () => {
  it('parameter names are unique across the page', () => {
    const names = [l1l2PenaltySchema, l1l2ProxSchema, l1l2GeometrySchema, l1l2PathSchema, l1l2WeightDecaySchema, l1l2AdamSchema].flatMap(Object.keys);
    expect(new Set(names).size).toBe(names.length);
  });
  it('bad values are refused by the schema with the parameter’s name', () => {
    expect(() => parseParam('lam', l1l2PenaltySchema.lam, '-1')).toThrow('lam must be in [0, 10]; received -1');
    expect(() => parseParam('r', l1l2GeometrySchema.r, '0')).toThrow('r must be in [0.05, 3]; received 0');
    expect(() => parseParam('pw', l1l2ProxSchema.pw, '1, x')).toThrow('pw[1] must be a number; received "x"');
  });
  it('sig keeps small moments readable', () => {
    expect(sig(0.0002601)).toBe('0.0002601');
    expect(sig(0.051)).toBe('0.051');
    expect(sig(-3.92e-11)).toBe(formatNumber(-3.92e-11, { digits: 3 }));
    expect(sig(0)).toBe('0');
  });
});
