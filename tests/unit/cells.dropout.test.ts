import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { defaults, parseQuery, toQuery } from '../../src/lib/query';
import { formatNumber as fmt } from '../../src/lib/format';
import { dropout, dropout2d, dropoutMask } from '../../src/lib/dropout';
import { mcDropout, simpleNNExample, simpleNNForward } from '../../src/lib/simpleNN';
import { dropoutSchema, dropoutView, type DropoutState } from '../../src/cells/dropout';
import { dropout2dSchema, dropout2dView, featureMaps, type Dropout2dState } from '../../src/cells/dropout2d';

const bad = /NaN|undefined|Infinity|null/;

function allStrings(v: { text: Record<string, string>; rows: Record<string, string[][]> }): string[] {
  return [...Object.values(v.text), ...Object.values(v.rows).flat(2)];
}

/** Runs Python source with Debian's interpreter (python3-torch); null when it is not installed. */
const PY = '/usr/bin/python3';
const hasTorch = existsSync(PY) && (() => {
  try {
    execFileSync(PY, ['-c', 'import torch'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const runPython = (code: string) => execFileSync(PY, ['-'], { input: code, encoding: 'utf8' });
const grab = (out: string, label: string) => Number(new RegExp(`${label}\\s*(-?[\\d.e+-]+)`).exec(out)![1]);

describe('dropout cell (SimpleNN)', () => {
  const base = defaults(dropoutSchema);
  it('shows what src/lib computes at the defaults', () => {
    const v = dropoutView(base, 'en');
    const { net, x } = simpleNNExample(818);
    const tr = simpleNNForward(net, x, { p: 0.5, seed: 1 });
    const ev = simpleNNForward(net, x, { p: 0.5, seed: 1, training: false });
    expect(v.text.output).toBe(fmt(tr.output[0]!));
    expect(v.text.trainFormula).toMatch(new RegExp(`= ${fmt(tr.output[0]!)}$`));
    expect(v.text.evalFormula).toMatch(new RegExp(`= ${fmt(ev.output[0]!)}$`));
    expect(v.text.scale).toBe('1/(1 − 0.5) = 2.0000');
    expect(v.text.mcMean).toBe(`(1/200)·Σₖ yₖ = ${fmt(mcDropout(net, x, 0.5, 1, 200).runningMean[199]!)}`);
    expect(v.rows.units).toHaveLength(50);
    expect(v.rows.units!.map((r) => r[2])).toEqual(Array.from(dropoutMask(50, 0.5, 1), String));
    expect(v.net.states.filter((s) => s === 'dropped')).toHaveLength(50 - tr.mask.reduce((a, b) => a + b, 0));
    expect(v.chart.mean.at(-1)).toMatchObject({ n: 200 });
    for (const lang of ['en', 'zh'] as const) for (const s of allStrings(dropoutView(base, lang))) expect(s).not.toMatch(bad);
  });
  it('eval mode shows the identity: no dropped unit, output = eval output', () => {
    const v = dropoutView({ ...base, train: 0 }, 'zh');
    expect(v.net.states).not.toContain('dropped');
    expect(v.text.output).toBe(v.text.evalFormula!.split(' = ').at(-1));
    expect(v.rows.units!.every((r) => r[2] === '1' && r[1] === r[3])).toBe(true);
  });
  it.each<[string, Partial<DropoutState>]>([
    ['p = 0', { p: 0 }],
    ['p = 1', { p: 1 }],
    ['p = 0.95, one pass', { p: 0.95, passes: 1 }],
    ['largest seeds, 2000 passes', { seed: 2 ** 32 - 1, net: 2 ** 32 - 1, passes: 2000 }],
    ['seed 0, eval', { seed: 0, net: 0, train: 0 }],
  ])('edge values print finite numbers only: %s', (_, patch) => {
    for (const lang of ['en', 'zh'] as const) {
      const v = dropoutView({ ...base, ...patch }, lang);
      for (const s of allStrings(v)) expect(s).not.toMatch(bad);
      expect(v.chart.mean.every((p) => Number.isFinite(p.value))).toBe(true);
      expect(v.chart.band.every((p) => Number.isFinite(p.lo) && Number.isFinite(p.hi))).toBe(true);
    }
  });
  it('p = 1 keeps nothing and says why the mean cannot converge', () => {
    const v = dropoutView({ ...base, p: 1 }, 'en');
    expect(v.net.states.every((s) => s === 'dropped')).toBe(true);
    expect(v.text.mcSpread).toMatch(/p = 1/);
  });
  it('the diagram\'s description names the dropped units, in each language\'s list style', () => {
    const dropped = Array.from(dropoutMask(50, 0.5, 1)).flatMap((m, j) => (m === 0 ? [j] : []));
    expect(dropoutView(base, 'en').text.netDescription).toContain(`${dropped.length} hidden units dropped (×): ${dropped.join(', ')}.`);
    expect(dropoutView(base, 'zh').text.netDescription).toContain(`${dropped.length} 个：${dropped.join('、')}。`);
    expect(dropoutView({ ...base, train: 0 }, 'en').text.netDescription).toContain('Eval mode: no unit is dropped.');
  });
  it('round-trips its state through the URL', () => {
    const s = { p: 0.3, train: 0, seed: 12, net: 5, passes: 77 };
    expect(parseQuery(dropoutSchema, toQuery(dropoutSchema, s)).state).toEqual(s);
    expect(parseQuery(dropoutSchema, '?train=2&p=-1').errors.map((e) => e.param)).toEqual(['p', 'train']);
  });
  it.skipIf(!hasTorch)('its PyTorch code runs as is and prints the cell\'s numbers', () => {
    for (const s of [base, { ...base, p: 0.2, seed: 9, net: 3, passes: 50 }, { ...base, p: 1, passes: 3 }]) {
      const v = dropoutView(s, 'en');
      const out = runPython(v.text.pytorch!);
      const { net, x } = simpleNNExample(s.net);
      const mc = mcDropout(net, x, s.p, s.seed, s.passes);
      expect(grab(out, 'eval output:')).toBeCloseTo(mc.evalOutput, 12);
      expect(grab(out, 'train output:')).toBeCloseTo(simpleNNForward(net, x, { p: s.p, seed: s.seed }).output[0]!, 12);
      expect(grab(out, 'passes:')).toBeCloseTo(mc.runningMean.at(-1)!, 12);
    }
  }, 60_000);
});

describe('Dropout vs Dropout2d cell', () => {
  const base = defaults(dropout2dSchema);
  it('shows what src/lib computes', () => {
    const v = dropout2dView(base, 'en');
    const x = featureMaps(4, 3);
    const elem = dropout(x.flat(), 0.5, { seed: 2 });
    const chan = dropout2d(x, 0.5, { seed: 2 });
    const mask = dropoutMask(4, 0.5, 2);
    expect(v.rows.channels!.map((r) => r[4])).toEqual(chan.map((row) => row.map((y) => fmt(y, { trim: true })).join(' ')));
    expect(v.rows.channels![0]![2]).toBe(elem.slice(0, 9).map((y) => fmt(y, { trim: true })).join(' '));
    const dropped = Array.from(mask).flatMap((m, c) => (m === 0 ? [c] : []));
    expect(v.text.chanSummary).toContain(dropped.join(', '));
    // every dropped channel is zero as a whole, every kept one is scaled by 2
    chan.forEach((row, c) => expect(row.every((y, i) => y === (mask[c] ? x[c]![i]! * 2 : 0))).toBe(true));
    expect(v.chart.cells).toHaveLength(2 * 36);
  });
  it('names one dropped channel, several, or none', () => {
    const count = (seed2: number, ch: number) => Array.from(dropoutMask(ch, 0.5, seed2)).filter((m) => m === 0).length;
    const find = (k: (n: number) => boolean) => Array.from({ length: 200 }, (_, i) => i).find((seed) => k(count(seed, 4)))!;
    expect(dropout2dView({ ...base, seed2: find((n) => n === 1) }, 'en').text.chanSummary).toMatch(/^nn\.Dropout2d: channel \d zeroed as a whole \(1 of 4 channels, 9 values\)$/);
    expect(dropout2dView({ ...base, seed2: find((n) => n === 2) }, 'en').text.chanSummary).toMatch(/channels \d, \d zeroed as a whole \(2 of 4 channels, 18 values\)/);
    expect(dropout2dView({ ...base, seed2: find((n) => n === 2) }, 'zh').text.chanSummary).toMatch(/通道 \d、\d 整体置 0（2\/4 个通道，18 个值）/);
    expect(dropout2dView({ ...base, p2: 0 }, 'en').text.chanSummary).toBe('nn.Dropout2d: all 4 channels kept (no channel dropped in this draw)');
    expect(dropout2dView({ ...base, p2: 0 }, 'en').text.chartDescription).toContain('no channel dropped');
  });
  it('feature maps are positive with one decimal, so a 0 on screen means dropped', () => {
    const x = featureMaps(8, 6).flat();
    expect(x.every((v) => v >= 0.1 && Math.round(v * 10) / 10 === v)).toBe(true);
  });
  it.each<[string, Partial<Dropout2dState>]>([
    ['p = 0', { p2: 0 }],
    ['p = 1', { p2: 1 }],
    ['1 channel, side 2', { ch: 1, side: 2 }],
    ['8 channels, side 6', { ch: 8, side: 6, seed2: 2 ** 32 - 1 }],
  ])('edge values print finite numbers only: %s', (_, patch) => {
    for (const lang of ['en', 'zh'] as const) for (const s of allStrings(dropout2dView({ ...base, ...patch }, lang))) expect(s).not.toMatch(bad);
  });
  it.skipIf(!hasTorch)('its PyTorch code runs as is', () => {
    const v = dropout2dView(base, 'en');
    const out = runPython(v.text.pytorch!);
    expect(out).toContain('eval is the identity: True True');
    // Dropout2d output of channel 0 (kept, ×2) appears in torch's print
    expect(out).toContain('[[[[1.2000, 3.0000, 5.2000]');
  }, 60_000);
});
