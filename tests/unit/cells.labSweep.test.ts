/**
 * The sweep cell's view: every string comes from the result through formatNumber (no NaN,
 * undefined, Infinity or null, in both languages and every status), the sentence follows the pick,
 * the curve's shape and the oracle as the result says, edits mark the result stale, bad states are
 * refused with named errors, and the state round-trips through the URL.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { obeys } from './hostile';
import digitsJson from '../../public/data/digits.json';
import { parseDigits } from '../../src/lib/digits';
import { SWEEP_PARAMS, labSplit, meanSd, runSweep, type SweepResult } from '../../src/lib/lab';
import { defaults, parseQuery, toQuery } from '../../src/lib/query';
import { formatNumber } from '../../src/lib/format';
import {
  SWEEP_DEFAULT_VALUES, SWEEP_SETTING, checkSweepState, sweepHeadings, sweepKey, sweepParamNames, sweepParamOf,
  sweepRequest, sweepResultKey, sweepSchema, sweepStatusText, sweepView, switchSweepParam, type SweepState, type SweepStatus,
} from '../../src/cells/labSweep';

const BAD = /NaN|undefined|Infinity|null/;
const data = parseDigits(digitsJson);
const base = defaults(sweepSchema);
/** Two values, two seeds: four runs of the lab's network (well under a second). */
const tiny: SweepState = { ...base, swValues: [0, 0.2], swSeeds: 2 };

function sweep(s: SweepState): SweepResult {
  const req = checkSweepState(s);
  return runSweep(labSplit(data, req.train), req.setting, req.param, req.values, req.seeds);
}

function strings(v: ReturnType<typeof sweepView>): string[] {
  return [
    ...Object.values(v.text),
    ...v.rows.sweep.flat(),
    ...v.tables.sweepChart.head, ...v.tables.sweepChart.rows.flat(),
    v.chart.description, v.chart.xLabel, ...v.chart.seriesOrder, ...v.chart.tickLabels,
  ];
}

function expectClean(v: ReturnType<typeof sweepView>): void {
  for (const s of strings(v)) expect(s).not.toMatch(BAD);
  for (const p of v.chart.points) for (const x of [p.x, p.mean, p.low, p.high]) expect(Number.isFinite(x)).toBe(true);
  expect(v.chart.yDomain[0]).toBeLessThan(v.chart.yDomain[1]);
  expect(v.chart.yDomain[0]).toBeGreaterThanOrEqual(0);
  expect(v.chart.yDomain[1]).toBeLessThanOrEqual(1);
}

const pct = (x: number) => formatNumber(Math.round(1000 * x) / 10, { digits: 1 });
const ms = (m: { mean: number; sd: number }) => `${pct(m.mean)} ± ${pct(m.sd)}`;

/** A result with the given mean validation and test accuracies per value (two seeds, ±0.01 around each). */
function construct(r: SweepResult, values: number[], val: number[], test: number[]): SweepResult {
  const around = (m: number) => [m - 0.01, m + 0.01];
  const points = values.map((value, i) => {
    const v = around(val[i]!);
    const t = around(test[i]!);
    return {
      ...r.points[0]!, value, validationAccuracies: v, testAccuracies: t,
      validationAccuracy: meanSd(v), testAccuracy: meanSd(t), trainAccuracies: [1, 1], trainAccuracy: meanSd([1, 1]),
    };
  });
  const first = (xs: number[]) => xs.indexOf(Math.max(...xs));
  const pi = first(points.map((p) => p.validationAccuracy.mean));
  const ti = first(points.map((p) => p.testAccuracy.mean));
  return {
    ...r, values, points,
    picked: { index: pi, value: values[pi]!, validationAccuracy: points[pi]!.validationAccuracy, testAccuracy: points[pi]!.testAccuracy },
    bestTest: { index: ti, value: values[ti]!, testAccuracy: points[ti]!.testAccuracy },
  };
}

describe('sweep cell', () => {
  const result = sweep(tiny);

  it('the view prints the result’s numbers and a computed sentence, in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const v = sweepView(tiny, lang, result);
      expectClean(v);
      expect(v.text.stale).toBe('');
      expect(v.rows.sweep).toHaveLength(2);
      result.points.forEach((q, i) => {
        expect(v.rows.sweep[i]!.slice(0, 4)).toEqual([i === 0 ? '0' : '0.2', pct(q.trainAccuracy.mean), ms(q.validationAccuracy), ms(q.testAccuracy)]);
      });
      const pick = result.points[result.picked.index]!;
      expect(v.text.sentence).toContain(ms(pick.testAccuracy));
      expect(v.text.sentence).toContain(pct(pick.validationAccuracy.mean));
      expect(v.rows.sweep[result.picked.index]![4]).toMatch(lang === 'en' ? /validation’s pick/ : /验证集选出的取值/);
      expect(v.tables.sweepChart.rows).toHaveLength(2);
      expect(v.tables.sweepChart.rows[0]).toEqual(['0', pct(result.points[0]!.validationAccuracy.mean),
        `${pct(result.points[0]!.validationAccuracy.min)}–${pct(result.points[0]!.validationAccuracy.max)}`,
        pct(result.points[0]!.testAccuracy.mean), `${pct(result.points[0]!.testAccuracy.min)}–${pct(result.points[0]!.testAccuracy.max)}`]);
      expect(v.chart.points).toHaveLength(4);
      expect(v.chart.ticks).toEqual([0, 1]);
      expect(v.chart.tickLabels).toEqual(['0', '0.2']);
      expect(v.chart.picked).toEqual({ x: result.picked.index, validation: pick.validationAccuracy.mean, test: pick.testAccuracy.mean });
      expect(v.text.description).toBe(v.chart.description);
      expect(v.paramIndex).toBe(SWEEP_PARAMS.indexOf('labelSmoothing'));
      expect(sweepHeadings(lang)).toHaveLength(5);
    }
    const en = sweepView(tiny, 'en', result).text;
    expect(en.trained).toBe('network 64 → 128 → 10, Adam, learning rate 0.003, batch size 32, 40 epochs, no regularizer but the one swept; 50 training images, 297 validation and 500 test images (fixed); seeds 0, 1 (2 in all); 2 values × 2 seeds = 4 runs.');
    expect(en.caption).toBe('Accuracy at each value of label smoothing ε, over 2 seeds (training accuracy: the mean)');
    expect(en.sentence).toMatch(/^Validation picks label smoothing ε = (0|0\.2) \(validation accuracy [\d.]+ %\): its test accuracy is [\d.]+ ± [\d.]+ %/);
    expect(sweepView(tiny, 'zh', result).text.sentence).toMatch(/^按验证集选择，取标签平滑 ε = (0|0\.2)（验证集准确率 [\d.]+%），它的测试集准确率为 [\d.]+ ± [\d.]+%/);
    expect(sweepParamNames('zh')).toEqual(['L2 惩罚系数 λ', 'L1 惩罚系数 λ', '权重衰减 weight_decay', 'Dropout 概率 p', '标签平滑 ε', 'FGSM 对抗训练 ε']);
    expect(sweepParamNames('en')[4]).toBe('label smoothing ε');
  });

  it('the sentence follows the pick, the shape of the curve and the oracle (constructed results)', () => {
    const en = (r: SweepResult) => sweepView({ ...tiny, swValues: r.values }, 'en', r).text.sentence!;
    const zh = (r: SweepResult) => sweepView({ ...tiny, swValues: r.values }, 'zh', r).text.sentence!;
    const vs = [0, 0.1, 0.2, 0.5];
    // The U: validation rises to 0.2 and falls; the test set agrees.
    const u = construct(result, vs, [0.8, 0.82, 0.84, 0.78], [0.81, 0.83, 0.85, 0.8]);
    expect(en(u)).toBe('Validation picks label smoothing ε = 0.2 (validation accuracy 84.0 %): its test accuracy is 85.0 ± 1.4 %, against 81.0 ± 1.4 % at ε = 0. Validation accuracy rises from 80.0 % at ε = 0 to the pick and falls to 78.0 % at ε = 0.5: too little regularization overfits, too much underfits, and the best value lies in between. Here it is also the value with the highest test accuracy.');
    expect(zh(u)).toBe('按验证集选择，取标签平滑 ε = 0.2（验证集准确率 84.0%），它的测试集准确率为 85.0 ± 1.4%，而 ε = 0 时为 81.0 ± 1.4%。验证集准确率从 ε = 0 时的 80.0% 升到所选的取值，再降到 ε = 0.5 时的 78.0%：正则化太弱会过拟合，太强又会欠拟合，中间的取值最好。它恰好也是测试集准确率最高的取值。');
    // The oracle disagrees with validation: reported, with the distance in points.
    const o = construct(result, vs, [0.8, 0.82, 0.84, 0.78], [0.81, 0.86, 0.85, 0.8]);
    expect(en(o)).toMatch(/The highest test accuracy, 86.0 %, is at ε = 0.1, 1.0 points more than validation’s pick — but choosing by it would use the test set/);
    expect(zh(o)).toMatch(/测试集准确率最高的是 ε = 0.1（86.0%），比按验证集选出的高 1.0 个百分点/);
    const near = construct(result, vs, [0.8, 0.82, 0.84, 0.78], [0.81, 0.8504, 0.85, 0.8]);
    expect(en(near)).toMatch(/0.04 points more than validation’s pick/);
    // No regularization is best on validation.
    const none = construct(result, vs, [0.85, 0.82, 0.84, 0.78], [0.85, 0.83, 0.84, 0.8]);
    expect(en(none)).toBe('Validation picks label smoothing ε = 0 (validation accuracy 85.0 %): its test accuracy is 85.0 ± 1.4 %. No regularization is best on validation: in this sweep, no larger value raised the validation accuracy (78.0 % at ε = 0.5). Here it is also the value with the highest test accuracy.');
    expect(zh(none)).toContain('不加正则化在验证集上最好');
    const smallest = construct(result, [0.05, 0.1], [0.85, 0.82], [0.85, 0.83]);
    expect(en(smallest)).toContain('The smallest value is best on validation');
    // The largest value is best: the sweep may stop too early.
    const last = construct(result, vs, [0.8, 0.82, 0.84, 0.86], [0.81, 0.83, 0.85, 0.86]);
    expect(en(last)).toContain('The largest value is best on validation: the sweep may stop too early — try larger values.');
    expect(zh(last)).toContain('最大的取值在验证集上最好：扫描的范围可能还不够大');
    // A tie between the pick and the largest value: the rule takes the smaller.
    const flat = construct(result, vs, [0.8, 0.84, 0.82, 0.84], [0.81, 0.83, 0.85, 0.86]);
    expect(flat.picked.index).toBe(1);
    expect(en(flat)).toContain('The validation accuracy at ε = 0.5 equals the pick’s; the rule takes the smaller value.');
    for (const r of [u, o, near, none, smallest, last, flat]) {
      for (const lang of ['en', 'zh'] as const) expectClean(sweepView({ ...tiny, swValues: r.values }, lang, r));
    }
    // The chart's description names the first, the picked and the last value.
    expect(sweepView({ ...tiny, swValues: vs }, 'en', u).text.description).toContain('Validation accuracy is 80.0 % at ε = 0, 84.0 % at ε = 0.2 (the highest), 78.0 % at ε = 0.5; the vertical line marks validation’s pick, where the test accuracy is 85.0 %.');
    expect(sweepView({ ...tiny, swValues: vs }, 'zh', u).text.description).toContain('验证集准确率在 ε = 0 时为 80.0%，在 ε = 0.2 时最高，为 84.0%，在 ε = 0.5 时为 78.0%');
  });

  it('values print as plain decimals, with as many digits as keep them apart', () => {
    const r = construct(result, [0, 0.00001, 0.0001, 0.0000012, 0.0000013].sort((a, b) => a - b), [0.8, 0.81, 0.82, 0.83, 0.8], [0.8, 0.8, 0.8, 0.8, 0.8]);
    const v = sweepView({ ...tiny, swValues: r.values }, 'en', r);
    expect(v.chart.tickLabels).toEqual(['0', '0.0000012', '0.0000013', '0.00001', '0.0001']);
    expectClean(v);
  });

  it('editing marks the result stale (it stays); switching the parameter brings its default values', () => {
    expect(sweepKey(sweepRequest(tiny))).toBe(sweepResultKey(result));
    for (const edit of [{ swN: 60 }, { swSeeds: 3 }, { swValues: [0, 0.3] }, switchSweepParam(tiny, 3)] as Partial<SweepState>[]) {
      const v = sweepView({ ...tiny, ...edit }, 'en', result);
      expect(v.text.stale).toMatch(/^You changed the sweep/);
      expect(v.text.sentence).toBe(sweepView(tiny, 'en', result).text.sentence);
    }
    expect(sweepView({ ...tiny, swN: 60 }, 'zh', result).text.stale).toMatch(/^你修改了扫描设置/);
    for (const [i, p] of SWEEP_PARAMS.entries()) {
      const s = switchSweepParam(base, i);
      expect(s.swParam).toBe(i);
      expect(s.swValues).toEqual(SWEEP_DEFAULT_VALUES[p]);
      // Every parameter's default sweep is one Sweep would run.
      expect(checkSweepState(s).param).toBe(p);
    }
    expect(() => switchSweepParam(base, 6)).toThrow(/^swParam must be an integer in \[0, 5\]; received 6/);
    expect(sweepRequest(base)).toEqual({ setting: SWEEP_SETTING, param: 'labelSmoothing', values: [0, 0.1, 0.3, 0.5, 0.7, 0.9], train: 50, seeds: [0, 1, 2, 3, 4] });
    expect(SWEEP_SETTING).toMatchObject({ hidden: [128], epochs: 40, batchSize: 32, lr: 0.003, optimizer: 'adam' });
  });

  it('bad states are refused with named errors (mapped to the cell’s inputs)', () => {
    const cases: [Partial<SweepState>, RegExp][] = [
      [{ swParam: 0, swValues: [0, 0.5] }, /^values\[1\] must be in \[0, 0.1\]; received 0.5/],
      [{ swParam: 3, swValues: [0, 0.95] }, /^values\[1\] must be in \[0, 0.9\]; received 0.95/],
      [{ swValues: [0.2, 0.1] }, /^values must be distinct and ascending/],
      [{ swValues: [0.1, 0.1] }, /^values must be distinct and ascending/],
      [{ swParam: 6 }, /^swParam must be an integer in \[0, 5\]; received 6/],
      [{ swN: 1000, swSeeds: 10, swValues: Array.from({ length: 12 }, (_, i) => i / 20) }, /^the sweep's work .* must be ≤ 20000000000/],
    ];
    for (const [edit, message] of cases) {
      expect(() => sweepView({ ...tiny, ...edit }, 'en', result), String(message)).toThrow(message);
    }
    const name = (m: RegExp) => /^(\w+)/.exec(m.source.replace(/^\^/, ''))![1]!;
    expect(sweepParamOf[name(cases[0]![1])]).toBe('swValues');
    expect(() => sweepView(tiny, 'en', null as never)).toThrow(TypeError);
    expect(() => sweepView(tiny, 'en', { ...result, points: result.points.slice(1) })).toThrow(/^result must be runSweep's result/);
    expect(() => sweepRequest(null as never)).toThrow(/^state must be an object/);
  });

  it('status lines for every state of the browser, in both languages', () => {
    const statuses: SweepStatus[] = [
      { kind: 'idle', origin: 'build' }, { kind: 'idle', origin: 'browser' }, { kind: 'loading' },
      { kind: 'training', param: 'l1', progress: null },
      { kind: 'training', param: 'l1', progress: { done: 13, total: 480, point: 2, points: 6, value: 0.00001, run: 7, runs: 30, seed: 1, epoch: 13, epochs: 40 } },
      { kind: 'cancelled' }, { kind: 'failed', message: 'boom' }, { kind: 'timeout', seconds: 60 }, { kind: 'crashed' }, { kind: 'noWorker' },
    ];
    for (const lang of ['en', 'zh'] as const) {
      const seen = new Set<string>();
      for (const st of statuses) {
        const text = sweepStatusText(st, lang, result);
        expect(text).not.toMatch(BAD);
        expect(text.length).toBeGreaterThan(0);
        seen.add(text);
        expectClean(sweepView(tiny, lang, result, st));
      }
      expect(seen.size).toBe(statuses.length);
    }
    const p = statuses[4]!;
    expect(sweepStatusText(p, 'en', result)).toBe('Sweeping value 2 of 6 (λ = 0.00001), seed 1, epoch 13 of 40; 3 % done');
    expect(sweepStatusText(p, 'zh', result)).toBe('扫描中：第 2 / 6 个取值（λ = 0.00001），种子 1，第 13 / 40 轮，共完成 3%');
    expect(sweepStatusText({ kind: 'idle', origin: 'build' }, 'en', result)).toBe('Below: the default sweep, run when the site was built (2 values × 2 seeds = 4 runs). Press Sweep to run it again in your browser.');
  });

  it('the state round-trips through the URL (parseQuery ∘ toQuery)', () => {
    for (const s of [base, tiny, { ...switchSweepParam(base, 1), swN: 300, swSeeds: 10 }, { ...base, swValues: [0, 0.0000012, 0.5, 1] }]) {
      const q = toQuery(sweepSchema, s);
      expect(q).toMatch(/^\?swParam=\d&swValues=[\d.,e-]+&swN=\d+&swSeeds=\d+$/);
      const back = parseQuery(sweepSchema, q);
      expect(back.errors).toEqual([]);
      expect(back.state).toEqual(s);
    }
    expect(toQuery(sweepSchema, base)).toBe('?swParam=4&swValues=0,0.1,0.3,0.5,0.7,0.9&swN=50&swSeeds=5');
    const bad = parseQuery(sweepSchema, '?swParam=9&swValues=0,x&swN=20&swSeeds=1');
    expect(bad.errors.map((e) => e.param)).toEqual(['swParam', 'swValues', 'swN', 'swSeeds']);
    expect(bad.state).toEqual(base);
    expect(parseQuery(sweepSchema, '?swValues=0').errors[0]!.message).toMatch(/^swValues must have 2 to 12 numbers; received 1/);
  });

  it('the page’s default sweep: label smoothing over six values, every string clean', () => {
    const r = sweep(base);
    expect(r.values).toEqual([0, 0.1, 0.3, 0.5, 0.7, 0.9]);
    for (const lang of ['en', 'zh'] as const) {
      const v = sweepView(base, lang, r);
      expectClean(v);
      expect(v.rows.sweep).toHaveLength(6);
      expect(v.text.stale).toBe('');
    }
    // On this data every smoothed value beats none on validation and on test (what the sentence then says).
    expect(r.picked.index).toBeGreaterThan(0);
    expect(r.picked.testAccuracy.mean).toBeGreaterThan(r.points[0]!.testAccuracy.mean);
  });

  it('any query: the view either shows clean strings or refuses with a named error (hostile.ts contract)', () => {
    const num = fc.oneof(fc.constantFrom('0', '0.1', '0.5', '1', '-1', '1e-7', '2', 'NaN', 'x', '', '1e999', '0x10'), fc.double({ noNaN: true }).map(String));
    const raw = {
      swParam: fc.oneof(fc.integer({ min: -1, max: 7 }).map(String), num),
      swValues: fc.array(num, { minLength: 0, maxLength: 14 }).map((xs) => xs.join(',')),
      swN: fc.oneof(fc.constantFrom('50', '60', '1000', '49'), num),
      swSeeds: fc.oneof(fc.integer({ min: 1, max: 11 }).map(String), num),
    };
    fc.assert(
      fc.property(fc.record(raw, { requiredKeys: [] }), fc.constantFrom('en', 'zh'), (q, lang) => {
        const { state } = parseQuery(sweepSchema, `?${new URLSearchParams(q as Record<string, string>).toString()}`);
        obeys('sweepView', () => sweepView(state, lang as 'en' | 'zh', result));
      }),
      { numRuns: 300 },
    );
  });
});
