import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  formatBytes, formatCount, weightSharingSchema, weightSharingView, type WeightSharingState,
} from '../../src/cells/weightSharing';
import { normalizeSlide, slidePositions, slideSchema, slideView, type SlideState } from '../../src/cells/weightSharingSlide';
import { conv2dSingle, conv2dWindow } from '../../src/lib/convolution';
import { formatNumber } from '../../src/lib/format';
import { conv2dParams, fullyConnectedEquivalent } from '../../src/lib/weightSharing';
import { defaults, parseQuery, toQuery } from '../../src/lib/query';

const BAD = /NaN|undefined|Infinity|null/;
const base = defaults(weightSharingSchema);
const slideBase = defaults(slideSchema);
const strings = (v: { text: Record<string, string>; rows?: Record<string, string[][]> }) => [
  ...Object.values(v.text), ...Object.values(v.rows ?? {}).flat(2),
];

describe('weight-sharing count cell', () => {
  it('the task’s worked numbers: 16·(3·3·3) + 16 = 448 against a 50,348,032-parameter Linear', () => {
    const v = weightSharingView(base, 'en');
    expect(v.text.convFormula).toBe('16·(3·3·3) + 16 = 448');
    expect(v.text.outHeight).toBe('⌊(32 + 2·1 − 3)/1⌋ + 1 = 32');
    expect(v.text.inFeatures).toBe('3·32·32 = 3,072');
    expect(v.text.outFeatures).toBe('16·32·32 = 16,384');
    expect(v.text.linearFormula).toBe('3,072·16,384 + 16,384 = 50,348,032');
    expect(v.text.localFormula).toBe('32·32·448 = 458,752');
    expect(v.text.ratio).toBe('50,348,032 / 448 = ×112,384');
    expect(v.rows.layers![2]).toEqual(['nn.Linear(3072, 16384)', '3,072·16,384 + 16,384 = 50,348,032', '201.4 MB']);
    for (const s of strings(v)) expect(s).not.toMatch(BAD);
  });
  it('bias off drops the + C_out terms', () => {
    const v = weightSharingView({ ...base, usebias: 0 }, 'zh');
    expect(v.text.convFormula).toBe('16·(3·3·3) = 432');
    expect(v.text.linearFormula).toBe('3,072·16,384 = 50,331,648');
    expect(v.rows.layers![0]![0]).toBe('nn.Conv2d(3, 16, 3, padding=1, bias=False)');
  });
  it.each([
    { height: 1, width: 1, ksize: 1, pad: 0 }, { height: 512, width: 512, cin: 256, cout: 256, ksize: 1, pad: 0 },
    { height: 7, width: 9, ksize: 11, pad: 5, stride: 4 }, { height: 28, width: 28, cin: 1, cout: 6, ksize: 5, pad: 0 },
  ])('edge values %j equal src/lib, both languages', (patch) => {
    const s = { ...base, ...patch } as WeightSharingState;
    const fc = fullyConnectedEquivalent({ height: s.height, width: s.width, inChannels: s.cin, outChannels: s.cout, kernelSize: s.ksize, stride: s.stride, padding: s.pad });
    for (const lang of ['en', 'zh'] as const) {
      const v = weightSharingView(s, lang);
      expect(v.text.linearParams).toBe(formatCount(fc.linearParams));
      expect(v.text.convParams).toBe(formatCount(conv2dParams({ inChannels: s.cin, outChannels: s.cout, kernelSize: s.ksize })));
      for (const str of strings(v)) expect(str).not.toMatch(BAD);
    }
  });
  it('a kernel larger than the padded image is refused with a message naming the kernel', () => {
    expect(() => weightSharingView({ ...base, height: 4, ksize: 7, pad: 1 }, 'en')).toThrow(/^kernelSize\[0\] must span at most height \+ 2·padding = 6/);
  });
  it('formats counts and sizes without ever printing NaN', () => {
    expect(formatCount(0)).toBe('0');
    expect(formatCount(1234567)).toBe('1,234,567');
    expect(() => formatCount(Number.NaN)).toThrow(/safe integer/);
    expect(() => formatCount(1.5)).toThrow(/safe integer/);
    expect(formatBytes(448)).toBe('1.8 kB');
    expect(formatBytes(1)).toBe('4 B');
    expect(formatBytes(4.5e15)).toBe('18.0 PB');
  });
  it('the URL round-trips the state', () => {
    const s = { ...base, height: 64, usebias: 0 };
    expect(parseQuery(weightSharingSchema, toQuery(weightSharingSchema, s)).state).toEqual(s);
  });
});

describe('weight-sharing sliding-kernel cell', () => {
  it('defaults: the window, the sum and the map are conv2dSingle / conv2dWindow', () => {
    const v = slideView(slideBase, 'en');
    const out = conv2dSingle(slideBase.image, slideBase.kernel);
    expect(out.length).toBe(6);
    const i = Math.floor(slideBase.pos / 6);
    const j = slideBase.pos % 6;
    const w = conv2dWindow(slideBase.image, slideBase.kernel, i, j);
    expect(v.text.value).toBe(formatNumber(w.value, { digits: 4, trim: true }));
    expect(v.text.formula!.endsWith(`= ${v.text.value}`)).toBe(true);
    expect(v.text.position).toBe(`output (${i}, ${j}) of 6 × 6: reads image rows ${i}–${i + 2}, columns ${j}–${j + 2}`);
    expect(v.rows.output![i]![j + 1]).toBe(`[${v.text.value}]`);
    expect(v.rows.output!.flat().filter((c) => c.startsWith('[')).length).toBe(1);
    expect(v.text.sharing).toBe(
      'The same 10 kernel parameters (bias included) serve all 36 positions. Without sharing each position would have its own: 360; a fully connected layer from 64 pixels to 36 outputs: 2,340.',
    );
    expect(v.grids.input.filter((c) => c.on).length).toBe(9);
    expect(v.grids.output.filter((c) => c.on)).toEqual([expect.objectContaining({ row: i, col: j })]);
    for (const s of strings(v)) expect(s).not.toMatch(BAD);
  });
  it('the default kernel detects the 7’s vertical edges: +3 where the stroke’s left edge fills the window', () => {
    const v = slideView({ ...slideBase, pos: 4 * 6 + 3 }, 'en');
    expect(v.text.value).toBe('3');
    expect(v.text.formula).toBe('1·1 + 0·1 + (−1)·0 + 1·1 + 0·0 + (−1)·0 + 1·1 + 0·0 + (−1)·0 = 3');
  });
  it('bias and negative values are substituted with parentheses', () => {
    const v = slideView({ ...slideBase, b: -0.5, pos: 0 }, 'zh');
    expect(v.text.formula).toMatch(/ \+ \(−0\.5\) = /);
    expect(v.text.position).toBe('输出 (0, 0)（共 6 × 6）：读取图像第 0–2 行、第 0–2 列');
  });
  it('normalize keeps the position on the grid when the kernel grows', () => {
    const s: SlideState = { ...slideBase, pos: 35, kernel: [[1, 1, 1, 1, 1], [1, 1, 1, 1, 1]] };
    expect(slidePositions(s)).toEqual({ rows: 7, cols: 4 });
    expect(normalizeSlide(s).pos).toBe(27);
    expect(slideView(normalizeSlide(s), 'en').text.position).toBe('output (6, 3) of 7 × 4: reads image rows 6–7, columns 3–7');
    expect(() => slideView({ ...slideBase, pos: 36 }, 'en')).toThrow(/pos must be an integer in \[0, 35\]; received 36/);
  });
  it('a kernel larger than the image is refused', () => {
    const big = Array.from({ length: 5 }, () => [1, 1, 1, 1, 1]);
    const s = { ...slideBase, image: [[1, 2, 3], [4, 5, 6], [7, 8, 9]], kernel: big };
    expect(slidePositions(s)).toBeNull();
    expect(normalizeSlide(s)).toEqual(s);
    expect(() => slideView(s, 'en')).toThrow(/^kernel must fit in the image \(3×3\); received 5×5/);
  });
  it('edge values: a 1×1 kernel on a 12×12 image, extreme values', () => {
    const image = Array.from({ length: 12 }, (_, r) => Array.from({ length: 12 }, (_, c) => ((r * 12 + c) % 199) - 99));
    const v = slideView({ image, kernel: [[-99]], b: 99, pos: 143 }, 'en');
    expect(v.positions).toBe(144);
    expect(v.text.value).toBe(formatNumber(-99 * image[11]![11]! + 99, { digits: 4, trim: true }));
    for (const s of strings(v)) expect(s).not.toMatch(BAD);
  });
  it('the URL round-trips matrices', () => {
    const s = { ...slideBase, kernel: [[1, 1, 1], [0, 0, 0], [-1, -1, -1]], b: 0.5 };
    expect(parseQuery(slideSchema, toQuery(slideSchema, s)).state).toEqual(s);
  });
});

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
  const file = join(mkdtempSync(join(tmpdir(), 'ws-py-')), 'cell.py');
  writeFileSync(file, code);
  return execFileSync(PY, [file], { encoding: 'utf8', timeout: 120_000 });
}

describe.skipIf(!hasTorch)('the PyTorch panels run and print the cells’ numbers', () => {
  it.each([base, { ...base, height: 28, width: 20, cin: 1, cout: 6, ksize: 5, pad: 0, stride: 2, usebias: 0 }])('count cell %j', (s) => {
    const v = weightSharingView(s, 'en');
    const out = runPython(v.text.pytorch!);
    expect(out).toContain(`Conv2d: ${v.text.convParams} parameters, output ${v.text.outShape!.replace(/ × /g, ' x ')}`);
    expect(out).toContain(`locally connected: ${v.text.localFormula!.split(' = ').pop()}`);
    expect(out).toContain(`): ${v.text.linearParams} parameters`);
  });
  it('sliding cell', () => {
    const v = slideView(slideBase, 'en');
    const out = runPython(v.text.pytorch!);
    const value = v.text.value!.replace('−', '-');
    expect(out).toContain(`= ${value}  =  sum(k * window) + b = ${value}`);
    expect(out.trim().split('\n').pop()).toBe('10');
  });
});
