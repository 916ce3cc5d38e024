import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import {
  fgsmParamOf, fgsmSchema, fgsmView, normalizeFgsm, type FgsmState,
} from '../../src/cells/adversarialFgsm';
import {
  advTrainParamOf, advTrainSchema, advTrainView, CURVE_EPS, type AdvTrainState,
} from '../../src/cells/adversarialTraining';
import { accuracyUnderFgsm, trainLogistic, twoClassSplit } from '../../src/lib/adversarialTraining';
import { expectedAccuracyUnderFgsm, testAccuracyStd } from '../../src/lib/adversarialExpected';
import { formatNumber } from '../../src/lib/format';
import { defaults, parseParam } from '../../src/lib/query';

const BAD = /NaN|undefined|Infinity|null/;

function allStrings(v: { text: Record<string, string>; rows?: Record<string, string[][]> }): string[] {
  return [...Object.values(v.text), ...Object.values(v.rows ?? {}).flat(2)];
}

/** Runs Python code with Debian's interpreter (python3-torch); null when it is not installed. */
function runPython(code: string): string | null {
  if (!existsSync('/usr/bin/python3')) return null;
  try {
    execFileSync('/usr/bin/python3', ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    return null;
  }
  return execFileSync('/usr/bin/python3', ['-c', code], { encoding: 'utf8', timeout: 120_000 });
}
const hasTorch = runPython('print(1)') !== null;

describe('FGSM cell: the worked check (docs/reference-semantics.md)', () => {
  for (const lang of ['en', 'zh'] as const) {
    const v = fgsmView(defaults(fgsmSchema), lang);
    it(`${lang}: w = [1, −2], b = 0, x = [0.5, 0.5], y = 1, ε = 0.1 → [0.4, 0.6], loss 0.974077 → 1.171101`, () => {
      expect(v.text.xAdvShort).toBe('[0.4, 0.6]');
      expect(v.text.loss).toBe('0.974077');
      expect(v.text.lossAdv).toBe('1.171101');
      expect(v.text.z).toBe('z = w·x + b = 1·0.5 + (−2)·0.5 + 0 = −0.5000');
      expect(v.text.grad).toBe('∇ₓJ = (σ(z) − y)·w = (0.3775 − 1)·[1, −2] = [−0.6225, 1.2449]');
      expect(v.text.sign).toBe('sign(∇ₓJ) = [−1, 1]');
      expect(v.text.xAdv).toBe('x_adv = x + ε·sign(∇ₓJ) = [0.5, 0.5] + 0.1·[−1, 1] = [0.4, 0.6]');
      expect(v.text.lossFormula).toBe('J(x) = −log σ(z) = −log 0.3775 = 0.974077');
      expect(v.text.objective).toBe('α·J(x) + (1 − α)·J(x_adv) = 0.5·0.974077 + 0.5·1.171101 = 1.072589');
      expect(allStrings(v).join('\n')).not.toMatch(BAD);
    });
  }
  it('normalize: x follows the length of w', () => {
    const s = defaults(fgsmSchema);
    expect(normalizeFgsm({ ...s, w: [1, 2, 3] }).x).toEqual([0.5, 0.5, 0]);
    expect(normalizeFgsm({ ...s, w: [1] }).x).toEqual([0.5]);
  });
  it('paramOf points library names at inputs', () => {
    for (const p of Object.values(fgsmParamOf)) expect(Object.keys(fgsmSchema)).toContain(p);
  });
});

const fgsmState = fc.record({
  w: fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 8 }),
  b: fc.double({ min: -50, max: 50, noNaN: true }),
  x: fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: 1, maxLength: 8 }),
  y: fc.constantFrom(0, 1),
  eps: fc.double({ min: 0, max: 2, noNaN: true }),
  alpha: fc.double({ min: 0, max: 1, noNaN: true }),
});

describe('FGSM cell: never NaN/undefined/Infinity over the whole parameter range', () => {
  it('property', () => {
    fc.assert(
      fc.property(fgsmState, fc.constantFrom('en' as const, 'zh' as const), (raw, lang) => {
        const s = normalizeFgsm(raw as FgsmState);
        const strings = allStrings(fgsmView(s, lang));
        return strings.every((t) => typeof t === 'string' && !BAD.test(t));
      }),
      { numRuns: 300 },
    );
  });
  it('edge values: saturated logits, w = 0, ε = 0', () => {
    const s = defaults(fgsmSchema);
    for (const edit of [{ w: [50, 50], x: [50, 50], y: 0 }, { w: [0, 0] }, { eps: 0 }, { w: [-50], x: [-50], b: 50 }]) {
      const v = fgsmView(normalizeFgsm({ ...s, ...edit } as FgsmState), 'en');
      expect(allStrings(v).join('\n')).not.toMatch(BAD);
    }
    expect(fgsmView({ ...s, w: [0, 0] }, 'en').text.flip).toMatch(/no perturbation/);
    expect(fgsmView({ ...s, w: [1, 2] }, 'en').text.flip).toMatch(/flips the prediction once ε > s·z\/‖w‖₁ = 0\.5000/);
  });
  it('the schema refuses out-of-range values with the parameter name', () => {
    expect(() => parseParam('eps', fgsmSchema.eps, '-1')).toThrow(/^eps must be in \[0, 2\]/);
    expect(() => parseParam('y', fgsmSchema.y, '2')).toThrow(/^y must be an integer in \[0, 1\]/);
    expect(() => parseParam('w', fgsmSchema.w, '1,x')).toThrow(/^w\[1\] must be a number/);
  });
});

describe('FGSM cell: the PyTorch code reproduces the numbers', () => {
  it.skipIf(!hasTorch)('default and an edited state', () => {
    for (const s of [defaults(fgsmSchema), normalizeFgsm({ ...defaults(fgsmSchema), w: [0.3, 1.5, -2], b: 0.25, x: [1, -1, 0.5], y: 0, eps: 0.35, alpha: 0.2 })]) {
      const v = fgsmView(s, 'en');
      const out = runPython(v.text.pytorch!)!;
      const xAdv = JSON.parse(/x_adv: (\[.*\])/.exec(out)![1]!) as number[];
      expect(`[${xAdv.map((x) => formatNumber(x, { digits: 6, trim: true })).join(', ')}]`).toBe(v.text.xAdvShort);
      const [, l, la] = /loss: ([\d.]+) -> ([\d.]+)/.exec(out)!;
      expect(l).toBe(v.text.loss);
      expect(la).toBe(v.text.lossAdv);
      expect(v.text.objective!.endsWith(`= ${/objective: ([\d.]+)/.exec(out)![1]}`)).toBe(true);
    }
  });
});

describe('adversarial training cell', () => {
  const s = defaults(advTrainSchema);
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: defaults show what src/lib computes`, () => {
      const v = advTrainView(s, lang);
      const { train, test } = twoClassSplit(s.seed, s.n, s.n);
      const std = trainLogistic(train, { steps: s.steps, lr: s.lr, eps: 0, alpha: 1 }).model;
      const adv = trainLogistic(train, { steps: s.steps, lr: s.lr, eps: s.teps, alpha: s.talpha }).model;
      expect(v.text.stdModel).toBe(`w = [${std.w.map((x) => formatNumber(x)).join(', ')}], b = ${formatNumber(std.b)}`);
      expect(v.text.advModel).toBe(`w = [${adv.w.map((x) => formatNumber(x)).join(', ')}], b = ${formatNumber(adv.b)}`);
      expect(v.text.stdAttack).toBe(`${formatNumber(100 * accuracyUnderFgsm(std, test, s.aeps), { digits: 1 })}%`);
      expect(v.text.advAttack).toBe(`${formatNumber(100 * accuracyUnderFgsm(adv, test, s.aeps), { digits: 1 })}%`);
      const pct = (x: number) => `${formatNumber(100 * x, { digits: 1 })}%`;
      expect(v.text.stdExpClean).toBe(pct(expectedAccuracyUnderFgsm(std, 0)));
      expect(v.text.advExpClean).toBe(pct(expectedAccuracyUnderFgsm(adv, 0)));
      expect(v.text.stdExpAttack).toBe(pct(expectedAccuracyUnderFgsm(std, s.aeps)));
      expect(v.text.advExpAttack).toBe(pct(expectedAccuracyUnderFgsm(adv, s.aeps)));
      const sd = testAccuracyStd((expectedAccuracyUnderFgsm(std, s.aeps) + expectedAccuracyUnderFgsm(adv, s.aeps)) / 2, test.y.length);
      expect(v.text.verdict).toContain(formatNumber(100 * sd, { digits: 1 }));
      expect(v.text.verdict).toContain(v.text.advExpAttack!);
      expect(v.text.curveDescription).toContain(v.text.stdExpClean!);
      expect(v.rows.curve).toHaveLength(CURVE_EPS.length);
      v.rows.curve!.forEach((row, j) => {
        expect(row).toHaveLength(5);
        expect(row[3]).toBe(pct(expectedAccuracyUnderFgsm(std, CURVE_EPS[j]!)));
        expect(row[4]).toBe(pct(expectedAccuracyUnderFgsm(adv, CURVE_EPS[j]!)));
      });
      expect(v.chart.expected).toHaveLength(2 * CURVE_EPS.length);
      expect(v.chart.points).toHaveLength(2 * test.y.length);
      expect(v.chart.boundaries).toHaveLength(2);
      expect(v.chart.curve.every((p) => p.acc >= 0 && p.acc <= 1)).toBe(true);
      expect(allStrings(v).join('\n')).not.toMatch(BAD);
      expect(v.text.scatterDescription).toContain(v.text.stdBoundary!);
    });
  }
  it('the point of the page: the adversarial model is more accurate under attack at the training ε', () => {
    const v = advTrainView(s, 'en');
    const at = (model: string, e: number) => v.chart.curve.find((p) => p.model === model && Math.abs(p.eps - e) < 1e-12)!.acc;
    const exact = (model: string, e: number) => v.chart.expected.find((p) => p.model === model && Math.abs(p.eps - e) < 1e-12)!.acc;
    expect(at('adversarial training', 0.5)).toBeGreaterThan(at('standard training', 0.5));
    expect(at('standard training', 0)).toBeGreaterThanOrEqual(at('adversarial training', 0));
    // Issue #13: the defaults show a real effect. At the attack ε the exact gain is larger than the
    // standard deviation of a test accuracy on the cell's n + n points; at ε = 0.2 it would not be.
    expect(s.aeps).toBe(0.3);
    expect(s.aeps).toBe(s.teps);
    const gain = (e: number) => exact('adversarial training', e) - exact('standard training', e);
    const sd = (e: number) => testAccuracyStd((exact('adversarial training', e) + exact('standard training', e)) / 2, 2 * s.n);
    expect(gain(0.3)).toBeGreaterThan(sd(0.3));
    expect(Math.abs(gain(0.2))).toBeLessThan(sd(0.2) / 4);
    // … and the clean accuracy it costs (exact).
    expect(exact('standard training', 0)).toBeGreaterThan(exact('adversarial training', 0));
    expect(v.text.stdExpAttack).toBe('80.5%');
    expect(v.text.advExpAttack).toBe('86.9%');
  });
  it('edge values stay finite', () => {
    for (const edit of [{ steps: 0 }, { n: 5, seed: 4294967295 }, { teps: 0, talpha: 0 }, { talpha: 1 }, { aeps: 0 }, { aeps: 1, teps: 1, talpha: 0 }, { lr: 10, steps: 1000 }, { lr: 0.01, steps: 1 }]) {
      const v = advTrainView({ ...s, ...edit } as AdvTrainState, 'zh');
      expect(allStrings(v).join('\n')).not.toMatch(BAD);
      const nums = [...v.chart.points.flatMap((p) => [p.x1, p.x2, p.ax1, p.ax2]), ...v.chart.boundaries.flatMap((b) => [b.x1, b.y1, b.x2, b.y2])];
      expect(nums.every(Number.isFinite)).toBe(true);
    }
  });
  it('the models table lists both models side by side, with the attack ε in its row headings', () => {
    for (const lang of ['en', 'zh'] as const) {
      const v = advTrainView({ ...s, aeps: 0.4 }, lang);
      expect(v.rows.models).toHaveLength(8);
      expect(v.rows.models.every((r) => r.length === 3)).toBe(true);
      expect(v.rows.models[1]!.slice(1)).toEqual([v.text.stdModel, v.text.advModel]);
      expect(v.rows.models[4]!.slice(1)).toEqual([v.text.stdAttack, v.text.advAttack]);
      expect(v.rows.models[4]![0]).toContain('ε = 0.4');
      expect(v.rows.models[6]!.slice(1)).toEqual([v.text.stdExpAttack, v.text.advExpAttack]);
      expect(v.text.scatterCaption).toContain(v.text.scatterDescription!);
      expect(v.text.curveCaption).toContain(v.text.curveDescription!);
    }
  });
  it('paramOf points library names at inputs', () => {
    for (const p of Object.values(advTrainParamOf)) expect(Object.keys(advTrainSchema)).toContain(p);
  });
  it.skipIf(!hasTorch)('the PyTorch code reproduces the weights and accuracies', () => {
    for (const st of [s, { ...s, seed: 818, n: 20, teps: 0.15, talpha: 0.3, steps: 120, lr: 1.5, aeps: 0.35 }]) {
      const v = advTrainView(st, 'en');
      const out = runPython(v.text.pytorch!)!;
      const lines = out.trim().split('\n');
      const parse = (name: string) => {
        const i = lines.findIndex((l) => l.startsWith(`${name}:`));
        const m = /w = \[(\S+), (\S+)\], b = (\S+), objective = (\S+)/.exec(lines[i]!)!;
        const acc = /clean (\S+)%, at eps=\S+ (\S+)%/.exec(lines[i + 1]!)!;
        const exact = /whole distribution: clean (\S+)%, at eps=\S+ (\S+)%/.exec(lines[i + 2]!)!;
        return {
          w: [Number(m[1]), Number(m[2])], b: Number(m[3]), objective: Number(m[4]), clean: Number(acc[1]), attack: Number(acc[2]),
          exactClean: Number(exact[1]), exactAttack: Number(exact[2]),
        };
      };
      const num = (t: string) => Number(t.replace(/−/g, '-').replace('%', ''));
      for (const [name, model, loss, clean, attack, exactClean, exactAttack] of [
        ['standard', v.text.stdModel!, v.text.stdLoss!, v.text.stdClean!, v.text.stdAttack!, v.text.stdExpClean!, v.text.stdExpAttack!],
        ['adversarial', v.text.advModel!, v.text.advLoss!, v.text.advClean!, v.text.advAttack!, v.text.advExpClean!, v.text.advExpAttack!],
      ] as const) {
        const py = parse(name);
        const [w1, w2, b] = /w = \[(\S+), (\S+)\], b = (\S+)/.exec(model)!.slice(1).map(num);
        expect(Math.abs(py.w[0]! - w1!)).toBeLessThan(1.5e-4);
        expect(Math.abs(py.w[1]! - w2!)).toBeLessThan(1.5e-4);
        expect(Math.abs(py.b - b!)).toBeLessThan(1.5e-4);
        expect(Math.abs(py.objective - num(loss))).toBeLessThan(1.5e-4);
        expect(py.clean).toBeCloseTo(num(clean), 6);
        expect(py.attack).toBeCloseTo(num(attack), 6);
        // Printed to 0.1 %: the weights agree to 1.5e-4, so the last digit may differ by one.
        expect(Math.abs(py.exactClean - num(exactClean))).toBeLessThanOrEqual(0.1 + 1e-9);
        expect(Math.abs(py.exactAttack - num(exactAttack))).toBeLessThanOrEqual(0.1 + 1e-9);
      }
    }
  });
});
