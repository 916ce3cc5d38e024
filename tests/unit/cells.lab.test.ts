/**
 * The lab cell's view: every string comes from the result through formatNumber (no NaN, undefined,
 * Infinity or null for the defaults and edge states, in both languages), the sentence follows the
 * decision rule, edits mark the results stale, and bad states are refused with named errors.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import digitsJson from '../../public/data/digits.json';
import { parseDigits } from '../../src/lib/digits';
import { labSplit, runLab, summarizeLab, type LabResult } from '../../src/lib/lab';
import { defaults, parseQuery, toQuery } from '../../src/lib/query';
import { formatNumber } from '../../src/lib/format';
import {
  checkLabState, labKey, labParamOf, labRequest, labSchema, labView, resultKey, stateIsBaseline, statusText,
  techniqueText, type LabState, type LabStatus,
} from '../../src/cells/lab';

const BAD = /NaN|undefined|Infinity|null/;
const data = parseDigits(digitsJson);
const base = defaults(labSchema);
/** A small state (64 → 8 → 10, 3 epochs, 2 seeds) so the views of edge states train in milliseconds. */
const tiny: LabState = { ...base, labHidden: [8], labEpochs: 3, labSeeds: 2 };

function train(s: LabState): LabResult {
  const req = checkLabState(s);
  return runLab(labSplit(data, req.train), req.setting, req.seeds);
}

function strings(v: ReturnType<typeof labView>): string[] {
  return [
    ...Object.values(v.text),
    ...Object.values(v.rows).flat(2),
    ...Object.values(v.tables).flatMap((t) => [...t.head, ...t.rows.flat()]),
    ...[v.charts.baseline, v.charts.setting].flatMap((c) => [c.description, ...c.seriesOrder]),
  ];
}

function expectClean(v: ReturnType<typeof labView>): void {
  for (const s of strings(v)) expect(s).not.toMatch(BAD);
  for (const c of [v.charts.baseline, v.charts.setting]) {
    for (const p of c.points) for (const x of [p.epoch, p.mean, p.low, p.high]) expect(Number.isFinite(x)).toBe(true);
    expect(c.yDomain[0]).toBeLessThan(c.yDomain[1]);
  }
}

const pct = (x: number) => formatNumber(Math.round(1000 * x) / 10, { digits: 1 });

describe('lab cell', () => {
  const result = train(tiny);
  const sum = summarizeLab(result);

  it('edits over one result share its tables (computed once: the runtime then skips them); the state’s parts follow the edit', () => {
    const a = labView(tiny, 'en', result);
    const b = labView({ ...tiny, labLs: 0.3 }, 'en', result);
    expect(b.rows.final).toBe(a.rows.final);
    expect(b.tables.curveSetting).toBe(a.tables.curveSetting);
    expect(b.text.sentence).toBe(a.text.sentence);
    expect(a.text.stale).toBe('');
    expect(b.text.stale).not.toBe('');
    expect(b.text.pytorch).toContain('label_smoothing=0.3');
    expect(labView(tiny, 'zh', result).rows.final).not.toBe(a.rows.final);
    const again = structuredClone(result);
    expect(labView(tiny, 'en', again).rows.final).not.toBe(a.rows.final);
    expect(labView(tiny, 'en', again).rows.final).toEqual(a.rows.final);
  });

  it('the view prints the result’s numbers and a computed sentence, in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const v = labView(tiny, lang, result);
      expectClean(v);
      expect(v.text.stale).toBe('');
      expect(v.rows.final).toHaveLength(9); // …, epochs trained, trainable parameters (+ codebook perplexity with VQ)
      expect(v.rows.seeds).toHaveLength(2);
      expect(v.rows.seeds[0]![0]).toBe('0');
      expect(v.rows.seeds[0]![1]).toBe(pct(result.runs.baseline[0]!.final.testAccuracy));
      expect(v.rows.final[2]![1]).toBe(`${pct(sum.baseline.final.testAccuracy.mean)} ± ${pct(sum.baseline.final.testAccuracy.sd)}`);
      expect(v.text.sentence).toContain(pct(sum.setting.final.testAccuracy.mean));
      expect(v.text.sentence).toContain(pct(sum.baseline.final.testAccuracy.mean));
      expect(v.tables.curveBaseline.rows).toHaveLength(3);
      expect(v.charts.setting.points).toHaveLength(6);
      expect(v.optimizer).toBe('adam');
    }
    const en = labView(tiny, 'en', result).text;
    expect(en.trained).toBe('network 64 → 8 → 10, Adam, learning rate 0.003, batch size 32, at most 3 epochs; 50 training images, 297 validation and 500 test images (fixed); seeds 0, 1 (2 in all); regularization: label smoothing ε = 0.2.');
    const verdict = sum.difference.verdict;
    expect(en.sentence).toMatch(verdict === 'within' ? /within the seed-to-seed spread/ : verdict === 'identical' ? /no difference/ : /more than the seed-to-seed spread/);
    expect(labView(tiny, 'zh', result).text.trained).toContain('正则化：标签平滑（ε = 0.2）');
    // The PyTorch panel follows the state (what Train would run), both arms spelled out.
    expect(en.pytorch).toContain('n_train, seed = 50, 0');
    expect(en.pytorch).toContain('epochs, batch_size, lr = 3, 32, 0.003');
    expect(en.pytorch).toContain('SETTING = dict(hidden=[8], l2=0.0, l1=0.0, weight_decay=0.0, dropout=0.0, label_smoothing=0.2, batch_norm=False, patience=None, fgsm=None, augment=None, conv=None, vq=None)');
    expect(en.pytorch).toContain('BASELINE = dict(hidden=[8], l2=0.0, l1=0.0, weight_decay=0.0, dropout=0.0, label_smoothing=0.0, batch_norm=False, patience=None, fgsm=None, augment=None, conv=None, vq=None)');
    expect(labView({ ...tiny, labEpochs: 4, labEs: 1 }, 'en', result).text.pytorch).toContain('epochs, batch_size, lr = 4, 32, 0.003');
    // A conv setting's baseline has a dense layer of the conv's width in its place.
    const conv = labView({ ...tiny, labConv: 1, labCh: 2, labK: 3 }, 'en', result).text.pytorch!;
    expect(conv).toContain('SETTING = dict(hidden=[8], ');
    expect(conv).toContain('conv=(2, 3), vq=None)');
    expect(conv).toContain('BASELINE = dict(hidden=[72, 8], ');
  });

  it('says whether the difference exceeds the spread, as summarizeLab decides (constructed results)', () => {
    // Rewrite the test accuracies: a clear gain, a clear loss, a mixed one, and none.
    const withTests = (b: number[], s: number[]): LabResult => ({
      ...result,
      runs: {
        baseline: result.runs.baseline.map((r, i) => ({ ...r, final: { ...r.final, testAccuracy: b[i]! } })),
        setting: result.runs.setting.map((r, i) => ({ ...r, final: { ...r.final, testAccuracy: s[i]! } })),
      },
    });
    const en = (r: LabResult) => labView(tiny, 'en', r).text.sentence!;
    const zh = (r: LabResult) => labView(tiny, 'zh', r).text.sentence!;
    expect(en(withTests([0.8, 0.82], [0.83, 0.85]))).toMatch(/^With label smoothing ε = 0.2, the mean test accuracy is 84.0 % against 81.0 % for the baseline: Δ = \+3.00 points, more than the seed-to-seed spread .*, 0.00 points\); it won on 2 of 2 seeds\./);
    expect(en(withTests([0.8, 0.82], [0.78, 0.79]))).toMatch(/Δ = −2.50 points, more than the seed-to-seed spread .*won on only 0 of 2 seeds\. Here this setting hurts\./);
    expect(en(withTests([0.8, 0.82], [0.81, 0.81]))).toMatch(/Δ = 0.00 points, within the seed-to-seed spread .*2.83 points; it won on 1 of 2 seeds/);
    expect(en(withTests([0.8, 0.82], [0.8, 0.82]))).toBe('The setting and the baseline reach exactly the same test accuracy on all 2 seeds (81.0 %): no difference.');
    expect(zh(withTests([0.8, 0.82], [0.83, 0.85]))).toMatch(/^使用标签平滑（ε = 0.2）后，测试集平均准确率为 84.0%，基线为 81.0%：差值 Δ = \+3.00 个百分点，超过了种子间波动/);
    expect(zh(withTests([0.8, 0.82], [0.81, 0.81]))).toContain('没有超过种子间波动');
    // Δ and 2·sd that agree to two decimals get more decimals, so the printed numbers show the outcome.
    // d = [0.01, 0.02093]: Δ = 1.5465 points, 2·sd = √2 · 1.093 = 1.5457 points (equal to two decimals).
    const close = en(withTests([0.8, 0.8], [0.81, 0.82093]));
    const m = /Δ = \+([\d.]+) points, more than .*?, ([\d.]+) points/.exec(close)!;
    expect(m[1]!.length).toBeGreaterThan(4);
    expect(Number(m[1]!)).toBeGreaterThan(Number(m[2]!));
  });

  it('editing a parameter marks the results stale (they stay); switched-off techniques’ strengths do not count', () => {
    const key = resultKey(result);
    expect(labKey(labRequest(tiny))).toBe(key);
    for (const edit of [{ labEpochs: 4 }, { labLs: 0.1 }, { labN: 60 }, { labSeed: 3 }, { labBn: 1 }, { labOpt: 0 }] as Partial<LabState>[]) {
      const v = labView({ ...tiny, ...edit }, 'en', result);
      expect(v.text.stale).toMatch(/^You changed the setting/);
      expect(v.text.sentence).toBe(labView(tiny, 'en', result).text.sentence);
    }
    expect(labView({ ...tiny, labOpt: 0 }, 'zh', result).text.stale).toMatch(/^你修改了设置/);
    // Patience without early stopping, FGSM's ε without FGSM, momentum with Adam: the same request.
    for (const edit of [{ labPat: 9 }, { labEps: 0.3 }, { labAlpha: 0.9 }, { labMom: 0.5 }] as Partial<LabState>[]) {
      expect(labView({ ...tiny, ...edit }, 'en', result).text.stale).toBe('');
    }
    expect(labRequest({ ...tiny, labOpt: 0 }).setting.momentum).toBe(tiny.labMom);
    expect(labRequest({ ...tiny, labOpt: 0 }).setting.optimizer).toBe('sgd');
    expect(labRequest({ ...tiny, labSeed: 7, labSeeds: 3 }).seeds).toEqual([7, 8, 9]);
  });

  it('edge states: every technique on, a baseline-only setting, SGD, the smallest network', () => {
    const everything: LabState = {
      ...tiny, labHidden: [4, 3], labOpt: 0, labMom: 0.9, labLr: 0.05, labL2: 0.001, labL1: 0.001, labWd: 0.01, labDrop: 0.2,
      labLs: 0.1, labBn: 1, labEs: 1, labPat: 0, labFgsm: 1, labEps: 0.05, labAlpha: 0.5, labEpochs: 6,
    };
    const off: LabState = { ...tiny, labLs: 0, labHidden: [1] };
    expect(stateIsBaseline(off)).toBe(true);
    expect(stateIsBaseline(tiny)).toBe(false);
    for (const s of [everything, off, { ...tiny, labOpt: 2, labWd: 0.5 }]) {
      const r = train(s);
      for (const lang of ['en', 'zh'] as const) expectClean(labView(s, lang, r));
    }
    const offView = labView(off, 'en', train(off));
    expect(offView.text.sentence).toMatch(/exactly the same test accuracy/);
    expect(offView.text.trained).toContain('regularization: no regularizer at all (identical to the baseline)');
    const all = techniqueText(labRequest(everything).setting, 'en');
    expect(all).toBe('an L2 penalty λ = 0.001, an L1 penalty λ = 0.001, weight decay 0.01 (coupled), dropout p = 0.2, label smoothing ε = 0.1, batch normalization, early stopping (patience 0, best weights restored), FGSM adversarial training (ε = 0.05, α = 0.5)');
    expect(techniqueText(labRequest(everything).setting, 'zh')).toContain('早停（patience = 0，恢复最佳权重）');
  });

  it('status lines for every state of the browser, in both languages', () => {
    const statuses: LabStatus[] = [
      { kind: 'idle', origin: 'build' }, { kind: 'idle', origin: 'browser' }, { kind: 'loading' }, { kind: 'training', progress: null },
      { kind: 'training', progress: { done: 13, total: 400, run: 2, runs: 10, seed: 0, arm: 'setting', epoch: 13, epochs: 40 } },
      { kind: 'cancelled' }, { kind: 'failed', message: 'lr = 1 may be too large' }, { kind: 'timeout', seconds: 60 }, { kind: 'crashed' }, { kind: 'noWorker' },
    ];
    for (const lang of ['en', 'zh'] as const) {
      for (const st of statuses) {
        const text = statusText(st, lang, result.seeds.length);
        expect(text.length).toBeGreaterThan(5);
        expect(text).not.toMatch(BAD);
        expect(labView(tiny, lang, result, st).text.status).toBe(text);
      }
    }
    expect(statusText(statuses[4]!, 'en', 5)).toBe('Training run 2 of 10 (seed 0, with regularization), epoch 13 of 40; 3 % done');
    expect(statusText(statuses[4]!, 'zh', 5)).toBe('训练中：第 2 / 10 次（种子 0，正则化设置），第 13 / 40 轮，共完成 3%');
  });

  it('refuses states Train would refuse, with messages that point at an input', () => {
    const heavy: LabState = { ...base, labN: 1000, labEpochs: 80, labSeeds: 10 };
    expect(() => labView(heavy, 'en', result)).toThrow(/^the lab's work .* must be ≤ .*received/);
    expect(() => labView({ ...heavy, labEpochs: 300 }, 'en', result)).toThrow(/^the work of one run .* must be ≤ .*received/);
    // The schema refuses what checkLabSetting would (the URL never reaches the library with a bad value).
    const { state, errors } = parseQuery(labSchema, '?labDrop=1&labHidden=8,3000&labOpt=3&labN=49&labLr=0');
    expect(errors.map((e) => e.param)).toEqual(['labHidden', 'labLr', 'labOpt', 'labDrop', 'labN'].sort((a, b) => Object.keys(labSchema).indexOf(a) - Object.keys(labSchema).indexOf(b)));
    expect(state).toEqual(base);
    for (const [name, param] of Object.entries(labParamOf)) expect(param in labSchema, name).toBe(true);
    expect(labParamOf.dropout).toBe('labDrop');
    expect(labParamOf.labelSmoothing).toBe('labLs');
    // A VQ piece size that does not divide the last hidden width, and a conv with three hidden layers.
    expect(() => labView({ ...tiny, labVq: 1, labVqD: 3 }, 'en', result)).toThrow(/^vqDim must divide the last hidden width 8 .*; received 3$/);
    expect(labParamOf.vqDim).toBe('labVqD');
    expect(() => labView({ ...tiny, labConv: 1, labHidden: [8, 8, 8] }, 'en', result)).toThrow(/^hidden must have 1 to 2 widths with a conv front end/);
  });

  it('the state round-trips through the URL', () => {
    const s: LabState = { ...base, labHidden: [64, 32], labLs: 0.15, labEs: 1, labPat: 3, labOpt: 2 };
    expect(parseQuery(labSchema, toQuery(labSchema, s)).state).toEqual(s);
    expect(toQuery(labSchema, s)).toContain('labHidden=64,32');
  });

  it('the defaults’ view (the page at build time) is clean in both languages', () => {
    const r = train(base);
    for (const lang of ['en', 'zh'] as const) {
      const v = labView(base, lang, r);
      expectClean(v);
      expect(v.text.stale).toBe('');
      expect(v.rows.seeds).toHaveLength(5);
      expect(v.tables.curveSetting.rows).toHaveLength(40);
    }
  });
});

// The "PyTorch" panel must run as it is and print the first row of the per-seed table. Needs Debian's
// python3 with python3-torch and python3-sklearn; skipped where it is missing.
const PY = '/usr/bin/python3';
const hasTorch = (() => {
  if (!existsSync(PY)) return false;
  try {
    execFileSync(PY, ['-c', 'import torch, sklearn'], { stdio: 'ignore', timeout: 60_000 });
    return true;
  } catch {
    return false;
  }
})();

describe.skipIf(!hasTorch)('the PyTorch panel reproduces the first seed', () => {
  const everything: LabState = {
    ...tiny, labHidden: [12, 7], labSeed: 3, labN: 60, labOpt: 0, labMom: 0.9, labLr: 0.05, labL2: 0.001, labL1: 0.0005, labWd: 0.01,
    labDrop: 0.3, labLs: 0.1, labBn: 1, labEs: 1, labPat: 1, labFgsm: 1, labEps: 0.1, labAlpha: 0.5, labEpochs: 8,
  };
  it.each([
    ['label smoothing (the defaults, 3 epochs)', tiny],
    ['every technique, SGD with momentum', everything],
    ['AdamW with decoupled decay and dropout', { ...tiny, labOpt: 2, labWd: 0.1, labLs: 0, labDrop: 0.5, labN: 100, labSeed: 7 } as LabState],
    ['augmentation (shift, rotation, noise) with FGSM', { ...tiny, labLs: 0, labAug: 1, labShift: 1, labRot: 15, labNoise: 0.1, labFgsm: 1, labEps: 0.05, labSeed: 2 } as LabState],
    ['weight sharing: a conv front end against its dense twin, with batch norm', { ...tiny, labLs: 0, labConv: 1, labCh: 3, labK: 3, labBn: 1, labSeed: 4 } as LabState],
    ['a VQ bottleneck with dropout and early stopping', { ...tiny, labLs: 0.1, labVq: 1, labVqD: 2, labVqK: 8, labVqBeta: 0.25, labDrop: 0.2, labEs: 1, labPat: 1, labEpochs: 5 } as LabState],
  ])('%s', (_, s) => {
    const v = labView(s, 'en', train(s));
    const dir = mkdtempSync(join(tmpdir(), 'lab-py-'));
    writeFileSync(join(dir, 'lab.py'), v.text.pytorch!);
    const out = execFileSync(PY, [join(dir, 'lab.py')], { encoding: 'utf8', timeout: 240_000 }).trim();
    const [seed, base, reg] = v.rows.seeds[0]!;
    expect(out).toMatch(new RegExp(`^seed ${seed}: test accuracy ${base!.replace('.', '\\.')} % \\(baseline\\), ${reg!.replace('.', '\\.')} % \\(setting\\), d = `));
  }, 300_000);
});
