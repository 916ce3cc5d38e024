import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAIN_THREAD_COST, checkTraining, earlyStoppingPendingView, earlyStoppingRun, earlyStoppingSchema, earlyStoppingView,
  trainingCost, trainingKey, trainingParams, type EarlyStoppingState,
} from '../../src/cells/earlyStopping';
import { replaySchema, replayView, type ReplayState } from '../../src/cells/earlyStoppingReplay';
import { earlyStopping } from '../../src/lib/earlyStopping';
import { formatNumber } from '../../src/lib/format';
import { l2Norm, weightsAt } from '../../src/lib/polyfit';
import { defaults, parseQuery, toQuery } from '../../src/lib/query';

const fmt = (x: number) => formatNumber(x);
const BAD = /NaN|undefined|Infinity|null/;
const base = defaults(earlyStoppingSchema);
const replayBase = defaults(replaySchema);

function allStrings(v: { text: Record<string, string>; rows?: Record<string, string[][]> }): string[] {
  return [...Object.values(v.text), ...Object.values(v.rows ?? {}).flat(2)];
}

function viewOf(s: EarlyStoppingState, lang: 'en' | 'zh' = 'en') {
  return earlyStoppingView(s, lang, earlyStoppingRun(trainingParams(s)));
}

describe('early-stopping training cell', () => {
  it('defaults: every number is what src/lib computes', () => {
    const r = earlyStoppingRun(trainingParams(base));
    const es = earlyStopping(r.run.valLoss, { patience: base.patience, minDelta: base.delta, restoreBestWeights: true });
    const v = earlyStoppingView(base, 'en', r);
    expect(es.stoppedEpoch).not.toBeNull();
    expect(v.text.stop).toBe(`Epoch ${es.stoppedEpoch}: early stopping`);
    expect(v.text.best).toBe(`best val_loss = ${fmt(es.bestValue!)} at epoch ${es.bestEpoch! + 1}`);
    expect(v.text.restoreText).toBe(`Restoring model weights from the end of the best epoch: ${es.bestEpoch! + 1}.`);
    expect(v.text.returnedEpoch).toBe(String(es.restoredEpoch! + 1));
    const w = weightsAt(r.run, es.restoredEpoch!);
    expect(v.text.returned).toBe(
      `epoch ${es.bestEpoch! + 1}: training MSE ${fmt(r.run.trainLoss[es.bestEpoch!]!)}, validation MSE ${fmt(r.run.valLoss[es.bestEpoch!]!)}, ‖w‖ = ${fmt(l2Norm(w))}`,
    );
    expect(v.text.full).toContain(`epoch ${base.epochs}: training MSE ${fmt(r.run.trainLoss[base.epochs - 1]!)}`);
    expect(v.text.lrLimit).toBe(`2/λ_max = 2/${fmt(r.run.lambdaMax)} = ${fmt(r.run.lrLimit)}`);
    // The default run overfits: the validation loss at the end is well above its minimum.
    expect(r.run.valLoss[base.epochs - 1]!).toBeGreaterThan(2 * es.bestValue!);
    expect(v.lossChart.stop).toBe(es.stoppedEpoch);
    expect(v.lossChart.best.epoch).toBe(es.bestEpoch! + 1);
    for (const s of allStrings(v)) expect(s).not.toMatch(BAD);
    expect(v.text.lossDescription).toContain(`epoch ${es.bestEpoch! + 1}`);
  });

  it('the default run is cheap enough for the main thread; big runs go to the worker', () => {
    expect(trainingCost(trainingParams(base))).toBeLessThanOrEqual(MAIN_THREAD_COST);
    expect(trainingCost(trainingParams({ ...base, epochs: 20000 }))).toBeGreaterThan(MAIN_THREAD_COST);
    expect(trainingKey(trainingParams(base))).not.toBe(trainingKey(trainingParams({ ...base, lr: 0.2 })));
    expect(trainingKey(trainingParams(base))).toBe(trainingKey(trainingParams({ ...base, patience: 3, delta: 0.1, restore: 0 })));
    expect(earlyStoppingPendingView({ ...base, epochs: 20000 }, 'en').text).toEqual({ status: 'Training 20000 epochs in a Web Worker…' });
  });

  it('restore off returns the stopped epoch’s weights', () => {
    const s = { ...base, restore: 0 };
    const v = viewOf(s);
    const stop = v.lossChart.stop!;
    expect(v.text.restoreText).toBe(`restore_best_weights=False: the model keeps the weights of epoch ${stop}, the last one trained`);
    expect(v.text.returnedEpoch).toBe(String(stop));
    expect(v.fitChart.seriesOrder[0]).toBe(`weights early stopping returns (epoch ${stop})`);
  });

  it('a patience longer than the budget never stops; Keras 3 still restores the best epoch', () => {
    const s = { ...base, patience: 1000, epochs: 500 };
    const v = viewOf(s);
    expect(v.lossChart.stop).toBeNull();
    expect(v.text.stop).toBe('No early stop: all 500 epochs ran');
    expect(v.text.saved).toBe('early stopping ran 500 of 500 epochs (100.0%)');
    expect(v.text.restoreText).toMatch(/^Restoring model weights from the end of the best epoch: \d+\.$/);
    for (const str of allStrings(v)) expect(str).not.toMatch(BAD);
  });

  it('patience 0 and a large min_delta stop at epoch 2', () => {
    const v = viewOf({ ...base, patience: 0, delta: 1 });
    expect(v.text.stop).toBe('Epoch 2: early stopping');
    expect(v.text.best).toContain('at epoch 1');
    expect(v.text.bestRule).toContain('< ∞ → improvement');
    expect(v.rows.keyEpochs!.length).toBe(3);
  });

  it.each([
    { degree: 1 }, { degree: 20, lr: 0.01 }, { noise: 0 }, { noise: 2 }, { ntrain: 3 }, { ntrain: 200, epochs: 50 },
    { epochs: 10 }, { seed: 4294967295 }, { lr: 0.001, epochs: 30 },
  ])('edge values %j: finite, formatted, both languages', (patch) => {
    for (const lang of ['en', 'zh'] as const) {
      const v = viewOf({ ...base, ...patch }, lang);
      for (const s of allStrings(v)) expect(s).not.toMatch(BAD);
      expect(v.lossChart.points.every((p) => Number.isFinite(p.loss))).toBe(true);
      expect(v.fitChart.curves.every((p) => Number.isFinite(p.y))).toBe(true);
    }
  });

  it('a learning rate above 2/λ_max is refused with a message naming lr', () => {
    const { lrLimit } = checkTraining(trainingParams(base));
    expect(() => viewOf({ ...base, lr: 1 })).toThrow(/^lr must be < 2\/λ_max = 0\.\d+ for gradient descent to converge/);
    expect(() => checkTraining(trainingParams({ ...base, lr: Math.min(1, lrLimit * 1.01) }))).toThrow(RangeError);
  });

  it('Chinese view', () => {
    const v = viewOf(base, 'zh');
    expect(v.text.stop).toMatch(/^第 \d+ 轮后触发早停，停止训练$/);
    expect(v.text.data).toContain('15 个训练点、30 个验证点');
  });

  it('the URL round-trips the state', () => {
    const s = { ...base, seed: 3, lr: 0.25, restore: 0 };
    expect(parseQuery(earlyStoppingSchema, toQuery(earlyStoppingSchema, s)).state).toEqual(s);
  });

  it('thins long runs for the chart but keeps the marked epochs', () => {
    const v = viewOf({ ...base, epochs: 5000 });
    const epochs = new Set(v.lossChart.points.map((p) => p.epoch));
    expect(epochs.size).toBeLessThan(700);
    expect(epochs.has(v.lossChart.best.epoch)).toBe(true);
    expect(epochs.has(v.lossChart.stop!)).toBe(true);
    expect(epochs.has(5000)).toBe(true);
  });
});

describe('early-stopping replay cell', () => {
  it('the worked example of docs/reference-semantics.md: stops after epoch 5, restores epoch 3 (index 2)', () => {
    const v = replayView(replayBase, 'en');
    expect(v.text.stop).toBe('Epoch 5: early stopping');
    expect(v.text.best).toBe('best value 0.1 at epoch 3 (index 2)');
    expect(v.text.restore).toBe('restore_best_weights=True restores the weights from the end of epoch 3 (index 2)');
    expect(v.rows.epochs!.map((r) => r[3])).toEqual(['0', '0', '0', '1', '2']);
    expect(v.rows.epochs![3]![2]).toBe('0.11 + 0 < 0.1? no');
    expect(v.rows.epochs![0]![2]).toBe('0.2 + 0 < ∞? yes');
  });
  it('values after the stop are shown as never run', () => {
    const v = replayView({ ...replayBase, vals: [1, 2, 3, 0.5] as readonly number[], vpatience: 1 } as ReplayState, 'zh');
    expect(v.text.stop).toBe('第 2 轮后触发早停，停止训练');
    expect(v.rows.epochs![2]![5]).toBe('（已停止，这一轮不会训练）');
  });
  it('min_delta: a small improvement does not count', () => {
    const v = replayView({ vals: [1, 0.99, 0.98], vpatience: 5, vdelta: 0.05 }, 'en');
    expect(v.text.stop).toBe('All 3 epochs ran: early stopping never fired');
    expect(v.text.best).toBe('best value 1 at epoch 1 (index 0)');
  });
  it('no NaN anywhere for extreme values', () => {
    const v = replayView({ vals: [1e9, -1e9, 0], vpatience: 0, vdelta: 1e6 }, 'en');
    for (const s of allStrings(v)) expect(s).not.toMatch(BAD);
  });
});

// The "PyTorch" panels must run as they are and print the cell's numbers. Needs Debian's python3
// with python3-torch (docs/reference-semantics.md); skipped where it is missing.
const PY = '/usr/bin/python3';
const hasTorch = (() => {
  if (!existsSync(PY)) return false;
  try {
    execFileSync(PY, ['-c', 'import torch'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

function runPython(code: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'es-py-'));
  const file = join(dir, 'cell.py');
  writeFileSync(file, code);
  return execFileSync(PY, [file], { encoding: 'utf8', timeout: 120_000 });
}

describe.skipIf(!hasTorch)('the PyTorch panels reproduce the cells', () => {
  it.each([
    base,
    { ...base, seed: 2, noise: 0.5, ntrain: 20, degree: 12, lr: 0.3, epochs: 800, patience: 20, delta: 0.001, restore: 0 },
    { ...base, patience: 1000, epochs: 300 },
  ])('training cell %j', (s) => {
    const v = viewOf(s);
    const out = runPython(v.text.pytorch!).split('\n');
    expect(out[0]).toBe(v.text.lrLimit);
    if (v.lossChart.stop !== null) expect(out).toContain(v.text.stop);
    else expect(out.some((l) => /^Epoch \d+: early stopping$/.test(l))).toBe(false);
    expect(out).toContain(v.text.best);
    if (s.restore === 1) expect(out).toContain(v.text.restoreText);
    expect(out).toContain(`returned weights: training MSE ${v.text.returned!.split('training MSE ')[1]!.replace(/, validation MSE /, ', validation MSE ').replace('‖w‖', '|w|')}`);
    expect(out).toContain(`no early stopping, epoch ${s.epochs}: training MSE ${v.text.full!.split('training MSE ')[1]!.replace('‖w‖', '|w|')}`);
  });
  it('replay cell', () => {
    const out = runPython(replayView(replayBase, 'en').text.pytorch!);
    expect(out).toContain('Epoch 5: early stopping');
    expect(out).toContain('best 0.1 at epoch 3 (index 2)');
  });
});
