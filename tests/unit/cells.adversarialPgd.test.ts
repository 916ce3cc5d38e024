/**
 * The adv-pgd cell (src/cells/adversarialPgd.ts): its data are the lab's split, its table is what
 * trainMLP, attackMLP and pgdMLP compute (recomputed here from scratch), one PGD step of α = ε gives
 * the FGSM columns, edge values print finite numbers, the prose's claims hold at the defaults, and its
 * PyTorch code prints the same table.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { attackMLP, pgdMLP, trainMLP } from '../../src/lib';
import { epochOrders, initMLP } from '../../src/lib/mlpInit';
import { formatNumber } from '../../src/lib/format';
import { labSplit } from '../../src/lib/lab/data';
import { parseDigits } from '../../src/lib/digits';
import { defaults } from '../../src/lib/query';
import { initialView, resourceNow } from '../../src/cells/define';
import { readCellData } from '../../src/components/cell/readCellData';
import digitsJson from '../../public/data/digits.json';
import {
  advPgdSchema, advPgdView, cell, largestGap, pgdCost, pgdInput, pgdRun, PGD_EPS, PGD_INLINE_COST, PGD_MIX,
  type AdvPgdState, type AdvPgdView, type PgdDigits, type PgdResult,
} from '../../src/cells/adversarialPgd';
import { proseNumber } from '../../src/cells/prose';

const bad = /NaN|undefined|Infinity|null/;
const pct = (v: number) => `${formatNumber(100 * v, { digits: 1 })}%`;
const PY = '/usr/bin/python3';
const hasTorch = existsSync(PY) && (() => {
  try {
    execFileSync(PY, ['-c', 'import torch, sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const data = readCellData(cell) as PgdDigits;
const base = defaults(advPgdSchema);
const run = (s: AdvPgdState): PgdResult => pgdRun(pgdInput(s), undefined, data);
const view = (s: AdvPgdState, lang: 'en' | 'zh' = 'en') => advPgdView(s, lang, run(s));
const allStrings = (v: AdvPgdView) => [...Object.values(v.text), ...v.rows.accuracy.flat(), ...v.chart.series];

describe('adv-pgd cell', () => {
  it('its data are the lab\'s split: the first 300 training images and the 500 test images', () => {
    const split = labSplit(parseDigits(digitsJson), 300);
    expect(data.train.x).toEqual(split.train.x);
    expect(data.train.y).toEqual(split.train.y);
    expect(data.test.x).toEqual(split.test.x);
    expect(data.test.y).toEqual(split.test.y);
  });

  it('shows what trainMLP, attackMLP and pgdMLP compute (from scratch)', () => {
    const init = initMLP([64, 32, 10], 0);
    const opts = { epochs: 30, batchSize: 32, lr: 0.01, optimizer: 'adam' as const, seed: 0, order: epochOrders(300, 30, 0) };
    const models = [trainMLP(init, data.train, opts), trainMLP(init, data.train, { ...opts, fgsm: { eps: 0.3, alpha: PGD_MIX } })];
    const rows = PGD_EPS.map((e) => [String(e)]);
    for (const m of models) {
      const f = attackMLP(m, data.test, PGD_EPS).accuracies;
      const p = PGD_EPS.map((e) => pgdMLP(m, data.test, [e], { steps: 10, stepSize: 0.25 * e }).accuracies[0]!);
      PGD_EPS.forEach((_, i) => rows[i]!.push(pct(f[i]!), pct(p[i]!)));
    }
    const v = initialView(cell, 'en', data) as AdvPgdView;
    expect(v.rows.accuracy).toEqual(rows);
    expect(v.text.clean).toBe(`standard ${rows[0]![1]}, FGSM-trained ${rows[0]![3]} (500 test images)`);
    expect(v.chart.points).toHaveLength(4 * PGD_EPS.length);
    expect(v.chart.series).toHaveLength(4);
  });

  it('at ε = 0 PGD is the clean accuracy; one step of α = ε is FGSM', () => {
    const r = run(base);
    expect(r.standard.pgd[0]).toBe(r.standard.fgsm[0]);
    expect(r.adversarial.pgdLoss[0]).toBe(r.adversarial.fgsmLoss[0]);
    const one = run({ ...base, pgdSteps: 1, pgdStep: 1 });
    expect(one.standard.pgd).toEqual(one.standard.fgsm);
    expect(one.adversarial.pgd).toEqual(one.adversarial.fgsm);
    expect(one.adversarial.pgdLoss).toEqual(one.adversarial.fgsmLoss);
    expect(advPgdView({ ...base, pgdSteps: 1, pgdStep: 1 }, 'en', one).text.gapStd).toBe('PGD is never below FGSM here: at every ε its accuracy is at least FGSM’s');
  });

  it('no run goes inline (the page ships the defaults\' result); the resource at the defaults is the view\'s', () => {
    expect(cell.resource!.ship).toBe(true);
    expect(pgdCost(pgdInput(base))).toBeGreaterThan(PGD_INLINE_COST);
    expect(pgdCost(pgdInput({ ...base, pgdSteps: 1 }))).toBeGreaterThan(PGD_INLINE_COST);
    expect(pgdCost(pgdInput({ ...base, pgdSteps: 11 }))).toBeGreaterThan(pgdCost(pgdInput(base)));
    const r = resourceNow(cell, base, data);
    expect(r.status === 'ready' && r.value).toBe(run(base));
  });

  it.each<[string, Partial<AdvPgdState>]>([
    ['one step, the smallest α', { pgdSteps: 1, pgdStep: 0.01 }],
    ['training ε 0, the largest α, random start', { pgdTeps: 0, pgdStep: 2, pgdStart: 1 }],
    ['the largest training ε, the last seed', { pgdTeps: 0.5, pgdSeed: 2 ** 32 - 1 }],
  ])('edge values print finite numbers only: %s', (_, patch) => {
    for (const lang of ['en', 'zh'] as const) for (const s of allStrings(view({ ...base, ...patch }, lang))) expect(s).not.toMatch(bad);
  });

  it('the pending and cancelled views change only the status line', () => {
    const p = cell.view(base, 'zh', { status: 'pending', done: 3, total: 62 }, data);
    expect(p).toEqual({ text: { status: '正在后台（Web Worker）训练并攻击…' }, pending: true });
    expect(cell.view(base, 'en', { status: 'cancelled' }, data).text.status).toMatch(/^Cancelled/);
  });

  it('what the prose says holds at the defaults', () => {
    const r = run(base);
    // PGD is never above FGSM, on either model
    for (const c of [r.standard, r.adversarial]) c.pgd.forEach((p, i) => expect(p).toBeLessThanOrEqual(c.fgsm[i]!));
    const gs = largestGap(r.standard)!;
    const ga = largestGap(r.adversarial)!;
    // small on the standard model, much larger on the FGSM-trained one
    expect(gs.gap).toBeLessThan(ga.gap / 2);
    const t = PGD_EPS.indexOf(base.pgdTeps);
    // at the training ε: robust-looking under FGSM (well above the standard model), much less under PGD
    expect(r.adversarial.fgsm[t]!).toBeGreaterThan(r.standard.fgsm[t]! + 0.1);
    expect(r.adversarial.pgd[t]!).toBeLessThan(r.adversarial.fgsm[t]! / 2);
    // at the small ε the FGSM-trained model keeps more under PGD; it costs clean accuracy
    const small = PGD_EPS.indexOf(Number(proseNumber('adversarial.pgdSmallEps')));
    expect(r.adversarial.pgd[small]!).toBeGreaterThan(r.standard.pgd[small]!);
    expect(r.adversarial.fgsm[0]!).toBeLessThan(r.standard.fgsm[0]!);
    expect(proseNumber('adversarial.pgdAdvGapPgd')).toBe(pct(r.adversarial.pgd[ga.index]!));
    expect(proseNumber('adversarial.pgdAdvGapImages')).toBe(String(Math.round(ga.gap * 500)));
    expect(proseNumber('adversarial.pgdStdGapEps')).toBe(String(PGD_EPS[gs.index]));
  });

  it.skipIf(!hasTorch)('its PyTorch code runs as is and prints the cell\'s table', () => {
    const s = { ...base, pgdSeed: 3, pgdSteps: 3, pgdStep: 0.5, pgdStart: 1 };
    const v = view(s);
    const out = execFileSync(PY, ['-'], { input: v.text.pytorch!, encoding: 'utf8' });
    const printed = out.trim().split('\n').slice(1).map((line) => line.trim().split(/\s+/));
    expect(printed.map((row) => Number(row[0]))).toEqual([...PGD_EPS]);
    expect(printed.map((row) => row.slice(1))).toEqual(v.rows.accuracy.map((row) => row.slice(1)));
  }, 180_000);
});
