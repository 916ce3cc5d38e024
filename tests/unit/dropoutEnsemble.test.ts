import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DROPOUT_ENSEMBLE_SIZES, dropoutEnsembleNet, exactDropoutEnsemble, mcDropoutEnsemble, weightScalingPrediction,
} from '../../src/lib/dropoutEnsemble';
import { dropoutMask } from '../../src/lib/dropout';
import { refusalOf } from '../../src/lib/refusal';
import { formatNumber as fmt } from '../../src/lib/format';
import { defaults } from '../../src/lib/query';
import { dropoutEnsembleSchema, dropoutEnsembleView, ENSEMBLE_NET_SEED } from '../../src/cells/dropoutEnsemble';
import { expectAllClose } from './close';
import cases from '../fixtures/dropout_ensemble.json';

// Fixture: scripts/fixtures/dropout_ensemble.py builds the same 4 → 8 → 3 network with torch.nn.Linear
// (float64, weights from the Python twin of the site's RNG) and applies the same masks.
const TOL = 1e-12;

describe('dropout as an ensemble of thinned networks, against torch', () => {
  it('weight scaling is torch\'s eval-mode output (nn.Dropout the identity)', () => {
    for (const c of cases) {
      const ws = weightScalingPrediction(dropoutEnsembleNet(c.netSeed), c.x);
      expectAllClose(ws.hidden, c.hidden, TOL, `hidden ${c.netSeed}`);
      expectAllClose(ws.logits, c.evalLogits, TOL, `eval logits ${c.netSeed}`);
      expectAllClose(ws.probs, c.evalProbs, TOL, `eval probs ${c.netSeed}`);
    }
  });

  it('Monte-Carlo: the same masks, the same mean and running mean', () => {
    for (const c of cases) {
      const net = dropoutEnsembleNet(c.netSeed);
      const mc = mcDropoutEnsemble(net, c.x, c.p, c.seed, c.samples);
      expect(mc.firstMask).toEqual(c.firstMask);
      expect(mc.firstMask).toEqual(Array.from(dropoutMask(DROPOUT_ENSEMBLE_SIZES.hidden, c.p, c.seed)));
      expectAllClose(mc.probs, c.mcProbs, TOL, `mc probs p=${c.p}`);
      expectAllClose(mc.logits, c.mcLogits, TOL, `mc logits p=${c.p}`);
      expect(mc.running.length).toBe(c.samples);
      mc.running.forEach((r, n) => expectAllClose(r, c.running[n]!, TOL, `running[${n}] p=${c.p}`));
    }
  });

  it('exact average over all 2^8 masks, mean logits and geometric mean', () => {
    for (const c of cases) {
      const ex = exactDropoutEnsemble(dropoutEnsembleNet(c.netSeed), c.x, c.p);
      expect(ex.masks).toBe(256);
      expectAllClose(ex.probs, c.exactProbs, TOL, `exact probs p=${c.p}`);
      expectAllClose(ex.logits, c.exactLogits, TOL, `exact logits p=${c.p}`);
      expectAllClose(ex.geometric, c.geometric, TOL, `geometric p=${c.p}`);
      expectAllClose(ex.probsStd, c.probsStd, 1e-9, `probsStd p=${c.p}`);
    }
  });

  it('logits are linear in the mask: their exact mean is the eval logits; weight scaling is the geometric mean', () => {
    const net = dropoutEnsembleNet(2012);
    const x = [1, -1, 0.5, 2];
    for (const p of [0.1, 0.5, 0.8]) {
      const ws = weightScalingPrediction(net, x);
      const ex = exactDropoutEnsemble(net, x, p);
      expectAllClose(ex.logits, ws.logits, 1e-13, `logits p=${p}`);
      expectAllClose(ex.geometric, ws.probs, 1e-13, `geometric p=${p}`);
      // …but the arithmetic mean of the probabilities is not the weight-scaling prediction.
      expect(Math.max(...ex.probs.map((v, i) => Math.abs(v - ws.probs[i]!)))).toBeGreaterThan(1e-4);
      expect(ex.probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 14);
    }
    // p = 0: one network, the full one.
    expectAllClose(exactDropoutEnsemble(net, x, 0).probs, weightScalingPrediction(net, x).probs, 1e-15, 'p=0');
  });

  it('refuses bad input naming the parameter, its range and the value', () => {
    const net = dropoutEnsembleNet(1);
    const x = [0, 0, 0, 0];
    expect(() => mcDropoutEnsemble(net, x, 1.5, 0, 10)).toThrow('p must be in [0, 1]; received 1.5');
    expect(() => mcDropoutEnsemble(net, x, 0.5, 0, 0)).toThrow(RangeError);
    expect(() => mcDropoutEnsemble(net, x, 0.5, -1, 10)).toThrow('seed must be an integer in [0, 4294967295]; received -1');
    expect(() => exactDropoutEnsemble(net, [1, 2], 0.5)).toThrow(/x must have length 4/);
    try {
      mcDropoutEnsemble(net, x, 0.5, 0, 100_001);
      expect.fail('accepted 100001 samples');
    } catch (e) {
      expect(refusalOf(e)).toMatchObject({ param: 'samples', rule: 'range', min: 1, max: 100_000 });
    }
    const wide = { w1: Array.from({ length: 17 }, () => [1]), b1: new Array(17).fill(0), w2: [new Array(17).fill(1)], b2: [0] };
    expect(() => exactDropoutEnsemble(wide, [1], 0.5)).toThrow(/at most 16 hidden units/);
  });
});

/** Runs Python source with Debian's interpreter (python3-torch); skipped when it is not installed. */
const PY = '/usr/bin/python3';
const hasTorch = existsSync(PY) && (() => {
  try {
    execFileSync(PY, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const grabList = (out: string, label: string): number[] => JSON.parse(new RegExp(`${label}\\s*(\\[[^\\]]*\\])`).exec(out)![1]!) as number[];

describe('the ensemble cell (src/cells/dropoutEnsemble.ts)', () => {
  const base = defaults(dropoutEnsembleSchema);
  const states = [base, { ...base, ensP: 0.2, ensN: 37, ensSeed: 9, ensX: [2, 1, -1, 0.5], ensClass: 2 }, { ...base, ensP: 1, ensN: 3 }, { ...base, ensP: 0, ensN: 1 }];

  it('shows what src/lib computes, in both languages', () => {
    for (const s of states) {
      const net = dropoutEnsembleNet(ENSEMBLE_NET_SEED);
      const ws = weightScalingPrediction(net, s.ensX);
      const mc = mcDropoutEnsemble(net, s.ensX, s.ensP, s.ensSeed, s.ensN);
      const ex = exactDropoutEnsemble(net, s.ensX, s.ensP);
      for (const lang of ['en', 'zh'] as const) {
        const v = dropoutEnsembleView(s, lang);
        expect(v.rows.probs).toEqual(ws.probs.map((q, k) => [String(k), fmt(q), fmt(mc.probs[k]!), fmt(ex.probs[k]!), fmt(ex.geometric[k]!)]));
        expect(v.chart.mean.at(-1)!.value).toBe(mc.probs[s.ensClass]);
        expect(v.chart.exact).toBe(ex.probs[s.ensClass]);
        expect(v.chart.weightScaling).toBe(ws.probs[s.ensClass]);
        expect(JSON.stringify(v)).not.toMatch(/NaN|undefined|Infinity/);
      }
    }
    // One network only (p = 0 or 1): the reading says so instead of dividing by a zero gap.
    expect(dropoutEnsembleView(states[2]!, 'en').text.reading).toMatch(/single network/);
    expect(dropoutEnsembleView(states[3]!, 'zh').text.reading).toMatch(/只有一个子网络/);
  });

  it.skipIf(!hasTorch)('its PyTorch code runs as is and prints the cell\'s numbers', () => {
    for (const s of states.slice(0, 3)) {
      const out = execFileSync(PY, ['-'], { input: dropoutEnsembleView(s, 'en').text.pytorch!, encoding: 'utf8' });
      const net = dropoutEnsembleNet(ENSEMBLE_NET_SEED);
      expectAllClose(grabList(out, 'weight scaling:'), weightScalingPrediction(net, s.ensX).probs, TOL, 'ws');
      expectAllClose(grabList(out, 'networks:'), mcDropoutEnsemble(net, s.ensX, s.ensP, s.ensSeed, s.ensN).probs, TOL, 'mc');
      const ex = exactDropoutEnsemble(net, s.ensX, s.ensP);
      expectAllClose(grabList(out, 'all networks:'), ex.probs, TOL, 'exact');
      expectAllClose(grabList(out, 'renormalized:'), ex.geometric, TOL, 'geometric');
    }
  }, 60_000);
});
