import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { parseHTML } from 'linkedom';
import { describe, expect, it } from 'vitest';
import { defaults } from '../../src/lib/query';
import { formatNumber } from '../../src/lib/format';
import { betaCdf, betaPdf, centroidLogits, classMeans, mixup, mixupEdgeMass, mixupLoss } from '../../src/lib/mixup';
import { cutout } from '../../src/lib/cutout';
import { parseDigits } from '../../src/lib/digits';
import { cell, mixupCutoutSchema, mixupCutoutView, type MixupCutoutState, type MixupDigits } from '../../src/cells/mixupCutout';
import { readCellData } from '../../src/components/cell/readCellData';
import { mixupFigures } from '../../src/components/charts/mixup-cutout';
import { digitPaths } from '../../src/components/vq/digitPaths';
import digitsJson from '../../public/data/digits.json';

const bad = /NaN|undefined|Infinity|null/;
const fmt = (x: number) => formatNumber(x, { digits: 6 });
const PY = '/usr/bin/python3';
const hasTorch = existsSync(PY) && (() => {
  try {
    execFileSync(PY, ['-c', 'import torch, torchvision, scipy, sklearn'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const DATA = readCellData(cell) as MixupDigits;
const base = defaults(mixupCutoutSchema);

function allStrings(v: ReturnType<typeof mixupCutoutView>): string[] {
  return [...Object.values(v.text), ...Object.values(v.rows).flat(2), ...v.figures.map((f) => f.label)];
}

describe('mixup-cutout cell', () => {
  it('its data are the site\'s digits, with the class means of the scorer', () => {
    const d = parseDigits(digitsJson);
    expect(DATA.x).toEqual(d.x);
    expect(DATA.means).toEqual(classMeans(d.x, d.y, 10));
  });
  it('shows what src/lib computes (defaults: a 0 and a 7, λ = 0.7)', () => {
    const v = mixupCutoutView(base, 'en', DATA);
    const xi = DATA.x[0]!;
    const xj = DATA.x[7]!;
    const mixed = mixup(xi, xj, 0.7);
    const z = centroidLogits(mixed, DATA.means);
    const loss = mixupLoss(z, 0, 7, 0.7);
    expect(v.text.digitI).toBe('#0, y = 0');
    expect(v.text.digitJ).toBe('#7, y = 7');
    expect(v.text.mixFormula).toBe('x̃ = 0.7·x₀ + 0.3·x₇');
    expect(v.text.target).toBe('ỹ = 0.7·onehot(0) + 0.3·onehot(7) = [0.7, 0, 0, 0, 0, 0, 0, 0.3, 0, 0]');
    expect(v.text.soft).toBe(`CE(z, ỹ) = −Σₖ ỹₖ·log pₖ = ${fmt(loss.soft)}`);
    expect(v.text.split).toBe(`0.7·CE(z, 0) + 0.3·CE(z, 7) = 0.7·${fmt(loss.ceI)} + 0.3·${fmt(loss.ceJ)} = ${fmt(loss.split)}`);
    // The identity: both sides print the same digits.
    expect(fmt(loss.soft)).toBe(fmt(loss.split));
    expect(v.rows.classes.map((r) => r[1])).toEqual(z.map(fmt));
    expect(v.rows.classes[7]![3]).toBe('0.3');
    expect(v.text.edge).toBe(formatNumber(mixupEdgeMass(0.2)));
    expect(v.text.middle).toBe(formatNumber(betaCdf(0.6, 0.2, 0.2) - betaCdf(0.4, 0.2, 0.2)));
    expect(v.text.density).toBe(formatNumber(betaPdf(0.7, 0.2, 0.2)));
    const cut = cutout(xi, 8, 8, 4, 4, 2);
    expect(v.text.box).toBe('rows 2 to 5, columns 0 to 3 (4 × 4)');
    expect(v.text.erase).toBe('erase(img, i=2, j=0, h=4, w=4, v=0)');
    expect(v.text.erased).toBe(`16 of 64 (${cut.inked} of them inked)`);
    expect(v.figures.map((f) => f.key)).toEqual(['xi', 'xj', 'mixed', 'original', 'cut']);
    expect(v.figures[2]!.pixels).toEqual(mixed);
    expect(v.figures[4]!.pixels).toEqual(cut.image);
  });
  it('says when the border clips the square, and when the density is infinite', () => {
    const v = mixupCutoutView({ ...base, cutY: 0, cutX: 7 }, 'en', DATA);
    expect(v.text.box).toBe('rows 0 to 1, columns 5 to 7 (2 × 3); the border clips the 4 × 4 square');
    expect(v.text.erased).toMatch(/^6 of 64/);
    const zh = mixupCutoutView({ ...base, mixLam: 1, mixAlpha: 0.5 }, 'zh', DATA);
    expect(zh.text.density).toBe('在 λ = 1 处为无穷大（α < 1）');
    const en = mixupCutoutView({ ...base, mixLam: 0, mixAlpha: 2 }, 'en', DATA);
    expect(en.text.density).toBe(formatNumber(0));
  });
  it('the pictures: one SVG per digit with its label, the digit\'s paths, the square outlined on the cutout pair', () => {
    const v = mixupCutoutView(base, 'en', DATA);
    const { document } = parseHTML('<!doctype html><html><body></body></html>');
    const mix = mixupFigures(document as unknown as Document, v, 'mix');
    expect(mix.map((f) => f.getAttribute('data-digit'))).toEqual(['xi', 'xj', 'mixed']);
    const svg = mix[2]!.querySelector('svg')!;
    expect(svg.getAttribute('aria-label')).toBe('x̃ = 0.7·xᵢ + 0.3·xⱼ');
    const paths = Array.from(svg.querySelectorAll('path'), (p) => `<path fill-opacity="${p.getAttribute('fill-opacity')}" d="${p.getAttribute('d')}"/>`).join('');
    expect(paths).toBe(digitPaths(v.figures[2]!.pixels));
    const cut = mixupFigures(document as unknown as Document, v, 'cut');
    expect(cut.map((f) => f.getAttribute('data-digit'))).toEqual(['original', 'cut']);
    const box = cut[1]!.querySelector('rect[data-box]')!;
    expect([box.getAttribute('x'), box.getAttribute('y'), box.getAttribute('width'), box.getAttribute('height')]).toEqual(['0', '2', '4', '4']);
    expect(cut[1]!.querySelector('figcaption')!.textContent).toBe('after cutout: 16 pixels set to 0');
  });
  it.each<[string, Partial<MixupCutoutState>]>([
    ['λ = 0 and 1', { mixLam: 0 }],
    ['λ = 1, the same digit twice', { mixLam: 1, mixJ: 0 }],
    ['the last rows, the largest α', { mixI: 1796, mixJ: 1795, mixAlpha: 10 }],
    ['the smallest α at λ = 0', { mixAlpha: 0.05, mixLam: 0 }],
    ['a one-pixel square in the corner', { cutS: 1, cutY: 7, cutX: 7 }],
    ['the whole image', { cutS: 8, cutY: 0, cutX: 0 }],
  ])('edge values print finite numbers only: %s', (_, patch) => {
    for (const lang of ['en', 'zh'] as const) for (const s of allStrings(mixupCutoutView({ ...base, ...patch }, lang, DATA))) expect(s).not.toMatch(bad);
  });
  it.skipIf(!hasTorch)('its PyTorch code runs as is and prints the cell\'s numbers', () => {
    const s = { ...base, mixI: 3, mixJ: 1000, mixLam: 0.37, mixAlpha: 0.4, cutS: 3, cutY: 0, cutX: 6 };
    const v = mixupCutoutView(s, 'en', DATA);
    const out = execFileSync(PY, ['-'], { input: v.text.pytorch!, encoding: 'utf8' });
    const num = (re: RegExp) => Number(re.exec(out)![1]);
    const loss = mixupLoss(centroidLogits(mixup(DATA.x[3]!, DATA.x[1000]!, 0.37), DATA.means), DATA.y[3]!, DATA.y[1000]!, 0.37);
    const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));
    near(num(/CE soft (\S+)/), loss.soft);
    near(num(/CE i (\S+)/), loss.ceI);
    near(num(/CE j (\S+)/), loss.ceJ);
    near(num(/weighted (\S+)/), loss.split);
    near(num(/edge (\S+)/), mixupEdgeMass(0.4));
    near(num(/middle (\S+)/), betaCdf(0.6, 0.4, 0.4) - betaCdf(0.4, 0.4, 0.4));
    near(num(/density (\S+)/), betaPdf(0.37, 0.4, 0.4));
    const target = JSON.parse(/soft target (\[.*\])/.exec(out)![1]!) as number[];
    expect(target).toEqual(loss.target);
    const cut = cutout(DATA.x[3]!, 8, 8, 3, 0, 6);
    expect(/box (\d+) (\d+) (\d+) (\d+)/.exec(out)!.slice(1).map(Number)).toEqual([cut.box.top, cut.box.left, cut.box.height, cut.box.width]);
    expect(/erased (\d+) inked (\d+)/.exec(out)!.slice(1).map(Number)).toEqual([cut.erased, cut.inked]);
  }, 60_000);
});
