import { describe, expect, it } from 'vitest';
import { initSimpleNN, mcDropout, simpleNNExample, simpleNNForward } from '../../src/lib/simpleNN';
import { gaussianBatches, runningStatistics } from '../../src/lib/batchNormRunning';
import { createRng } from '../../src/lib/random';
import { dropoutMask } from '../../src/lib/dropout';
import { expectAllClose, expectClose, F64 } from './close';
import streams from '../fixtures/rng_stream.json';
import nets from '../fixtures/simple_nn.json';
import running from '../fixtures/bn_running.json';

// Fixtures: scripts/fixtures/simple_nn.py executes the Python twin shipped in src/lib/randomPython.ts
// and builds the seed's SimpleNN with torch.nn.Linear / nn.BatchNorm1d (float64).

describe('the Python twin of createRng (randomPython.ts)', () => {
  it('next() is bit-identical; normal() agrees to ~1 ulp', () => {
    for (const s of streams) {
      const r = createRng(s.seed);
      expect(s.next.map(() => r.next()), `seed ${s.seed}`).toEqual(s.next);
      const q = createRng(s.seed);
      expectAllClose(s.normal.map(() => q.normal()), s.normal, 1e-14, `normal seed ${s.seed}`);
    }
  });
});

describe('SimpleNN (10 → 50 → 1) against torch', () => {
  it('draws the same initial weights and input', () => {
    for (const c of nets) {
      const { net, x } = simpleNNExample(c.seed);
      expect(net.w1[0]!.slice(0, 5)).toEqual(c.w1Head);
      expect(net.w2[0]!.slice(0, 5)).toEqual(c.w2Head);
      expectAllClose(x, c.x, 1e-14, 'x');
      expect(initSimpleNN(c.seed)).toEqual(net);
    }
  });
  it('eval output, hidden units, mask and train output equal torch', () => {
    for (const c of nets) {
      const { net, x } = simpleNNExample(c.seed);
      const ev = simpleNNForward(net, c.x, { p: c.p, seed: c.maskSeed, training: false });
      expectAllClose(ev.hidden, c.hidden, F64, 'hidden');
      expectClose(ev.output[0]!, c.eval, F64, 'eval');
      expect(ev.mask.every((m) => m === 1)).toBe(true);
      const tr = simpleNNForward(net, x, { p: c.p, seed: c.maskSeed });
      expect(tr.mask).toEqual(c.mask);
      expectClose(tr.output[0]!, c.train, 1e-12, `train seed ${c.seed}`);
      const mc = mcDropout(net, x, c.p, c.maskSeed, 20);
      expectAllClose(mc.outputs, c.passes, 1e-12, 'passes');
      // pass 1 is exactly the forward pass with the drawn mask
      expect(mc.outputs[0]).toBe(tr.output[0]);
      expect(mc.runningMean[19]).toBeCloseTo(c.passes.reduce((a, b) => a + b, 0) / 20, 12);
    }
  });
  it('the mean of many passes converges to the eval output, within the exact spread', () => {
    const { net, x } = simpleNNExample(818);
    for (const p of [0.1, 0.5, 0.8]) {
      const mc = mcDropout(net, x, p, 4, 20000);
      const ev = simpleNNForward(net, x, { p, seed: 0, training: false }).output[0]!;
      expect(mc.evalOutput).toBe(ev);
      expect(Math.abs(mc.runningMean.at(-1)! - ev)).toBeLessThan((4 * mc.passStd) / Math.sqrt(20000));
      const m = mc.runningMean.at(-1)!;
      const sd = Math.sqrt(mc.outputs.reduce((a, y) => a + (y - m) ** 2, 0) / 19999);
      expect(Math.abs(sd - mc.passStd) / mc.passStd).toBeLessThan(0.05);
    }
  });
  it('p = 0 and eval are the identity; p = 1 leaves only the bias', () => {
    const { net, x } = simpleNNExample(3);
    const ev = simpleNNForward(net, x, { p: 0.5, seed: 1, training: false });
    expect(simpleNNForward(net, x, { p: 0, seed: 1 }).output).toEqual(ev.output);
    const all = simpleNNForward(net, x, { p: 1, seed: 1 });
    expect(all.mask.every((m) => m === 0)).toBe(true);
    expect(all.output[0]).toBe(net.b2[0]);
    expect(mcDropout(net, x, 1, 1, 5)).toMatchObject({ passStd: 0, outputs: [net.b2[0], net.b2[0], net.b2[0], net.b2[0], net.b2[0]] });
    expect(simpleNNForward(net, x, { p: 0.3, seed: 9 }).mask).toEqual(Array.from(dropoutMask(50, 0.3, 9)));
  });
  it('refuses bad input with named messages', () => {
    const { net, x } = simpleNNExample(3);
    expect(() => simpleNNForward(net, [1, 2], { p: 0.5, seed: 1 })).toThrow(/x must have length 10/);
    expect(() => simpleNNForward(net, x, { p: 1.5, seed: 1 })).toThrow(/p must be in \[0, 1\]/);
    expect(() => mcDropout(net, x, 0.5, 1, 0)).toThrow(/passes must be an integer in/);
    expect(() => initSimpleNN(-1)).toThrow(/seed must be an integer/);
    expect(() => initSimpleNN(1, { hidden: 0 })).toThrow(/hidden must be an integer/);
  });
});

describe('BatchNorm1d running statistics against torch', () => {
  it('matches running_mean / running_var step by step', () => {
    for (const c of running) {
      const batches = gaussianBatches(c.seed, c.steps, c.size, c.mean, c.std);
      const steps = runningStatistics(batches, { momentum: c.momentum });
      expectAllClose(steps.map((s) => s.runningMean), c.runningMean, 1e-12, 'running_mean');
      expectAllClose(steps.map((s) => s.runningVar), c.runningVar, 1e-12, 'running_var');
    }
  });
  it('the worked example: x = [1, 2, 3, 4] → running_mean 0.25, running_var 1.0666667', () => {
    const [s] = runningStatistics([[1, 2, 3, 4]]);
    expectClose(s!.runningMean, 0.25);
    expectClose(s!.runningVar, 1.0666666666666667);
    expectClose(s!.var, 1.25);
    expectClose(s!.unbiasedVar, 5 / 3);
  });
  it('refuses bad input', () => {
    expect(() => gaussianBatches(1, 2000, 1000, 0, 1)).toThrow(/count × size must be at most/);
    expect(() => gaussianBatches(1, 2, 2, 0, -1)).toThrow(/std must be ≥ 0/);
    expect(() => runningStatistics([[1]])).toThrow(/batches\[0\] must have length ≥ 2/);
    expect(() => runningStatistics([])).toThrow(/non-empty/);
  });
});

describe('runningStatistics is batchNorm, step by step', () => {
  it('bit-identical to chaining batchNorm on rows × 1 batches', async () => {
    const { batchNorm } = await import('../../src/lib/batchNorm');
    for (const [seed, size, m] of [[1, 2, 0.1], [2, 7, 0.5], [3, 33, 1], [4, 5, 0]] as const) {
      const batches = gaussianBatches(seed, 12, size, seed - 2, seed);
      const steps = runningStatistics(batches, { momentum: m, runningMean: 0.5, runningVar: 2 });
      let rm = [0.5];
      let rv = [2];
      batches.forEach((b, t) => {
        const r = batchNorm(b.map((v) => [v]), { momentum: m, runningMean: rm, runningVar: rv });
        rm = r.runningMean;
        rv = r.runningVar;
        expect(steps[t]).toEqual({ mean: r.mean[0], var: r.var[0], unbiasedVar: (r.var[0]! * size) / (size - 1), runningMean: rm[0], runningVar: rv[0] });
      });
    }
  });
});
