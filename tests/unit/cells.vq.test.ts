import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { defaults } from '../../src/lib/query';
import { codebookPerplexity, seedPerplexity, vectorQuantize } from '../../src/lib/vq';
import { formatNumber } from '../../src/lib/format';
import { normalizeVqLayer, vqLayerSchema, vqLayerView } from '../../src/cells/vqLayer';
import { vqTrainSchema, vqTrainView, vqTrainRun } from '../../src/cells/vqTrain';
import { SEED_COLORS, colorImage, trainPalette, vqColorsSchema, vqColorsView, type ColorImage } from '../../src/cells/vqColors';
import { readImage } from '../../src/components/cell/readCellData';
import { kmeans } from '../../src/lib/kmeans';
import { DIGITS_SAMPLE, pixelOpacity, vqDigitsSchema, parseCodebook, vqDigitsView } from '../../src/cells/vqDigits';
import codebookJson from '../../public/models/digits-vq.codebook.json' with { type: 'json' };
import { decodePng } from '../../src/components/vq/png';

/** The digits cell's codebook, as the page fetches it. */
const CODEBOOK = parseCodebook(codebookJson);

const clean = (v: { text: Record<string, string>; rows?: Record<string, string[][]> }) => {
  const all = [...Object.values(v.text), ...Object.values(v.rows ?? {}).flat(2)].join('\n');
  expect(all).not.toMatch(/NaN|undefined|Infinity/);
};

describe('vq layer cell', () => {
  it('reproduces the seed example: nearest [0,0,0], forced [2,0,1] → 398 (erratum 3)', () => {
    const v = vqLayerView(normalizeVqLayer(defaults(vqLayerSchema)), 'en');
    expect(v.nearest).toEqual([0, 0, 0]);
    expect(v.text.forcedValue).toBe('398.0000');
    expect(v.text.lossValue).toBe(formatNumber(1.25 * (388 / 6)));
    expect(v.text.forcedLoss).toContain(formatNumber(1.25 * 398));
    expect(v.text.pplForced).toMatch(/= 3\.0000$/);
    expect(v.text.seedPplForced).toContain(formatNumber(seedPerplexity([2, 0, 1], 4)));
    expect(v.rows.distances![0]![1]).toBe('2 + 200 − 2·20 = 162 ◀');
    expect(v.text.steGrad).toContain('[[20, 20], [20, 20], [20, 20]]');
    expect(v.chart?.codes).toHaveLength(4);
    clean(v);
    for (const lang of ['zh', 'en'] as const) clean(vqLayerView(normalizeVqLayer(defaults(vqLayerSchema)), lang));
  });
  it('normalizes forced indices to the rows of x and reports mismatches by parameter', () => {
    const s = normalizeVqLayer({ ...defaults(vqLayerSchema), lx: [[0, 0], [1, 1]], lforce: [3, 2, 1] });
    expect(s.lforce).toEqual([3, 2]);
    expect(() => vqLayerView({ ...s, lforce: [5, 0] }, 'en')).toThrow(/^indices\[0\]/);
    expect(() => vqLayerView({ ...s, lcb: [[1, 2, 3]] , lforce: [0, 0] }, 'en')).toThrow(/^lcb must have 2/);
  });
  it('handles 1-D and 4-D data and extreme values without NaN', () => {
    clean(vqLayerView(normalizeVqLayer({ lx: [[1], [-1000]], lcb: [[1000]], lbeta: 2, lforce: [0] }), 'zh'));
    const v = vqLayerView(normalizeVqLayer({ lx: [[1, 2, 3, 4]], lcb: [[0, 0, 0, 0], [1, 2, 3, 4]], lbeta: 0, lforce: [1] }), 'en');
    expect(v.chart).toBeNull();
    expect(v.text.forcedValue).toBe('0.0000');
    clean(v);
  });
});

describe('vq training cell', () => {
  it('defaults: gradient steps from the seed init leave dead codes; data init leaves fewer', () => {
    const s = defaults(vqTrainSchema);
    const v = vqTrainView(s, 'en');
    clean(v);
    const a = vqTrainRun(s).run.history.at(-1)!;
    const b = vqTrainRun({ ...s, tInit: 1 }).run.history.at(-1)!;
    expect(a.deadCodes).toBeGreaterThan(0);
    expect(b.deadCodes).toBeLessThanOrEqual(a.deadCodes);
    expect(v.text.finalDead).toBe(String(a.deadCodes));
    expect(v.curve).toHaveLength(2 * (s.tSteps + 1));
  });
  it('β does not change the gradient run, only the reported loss; EMA and edge values are clean', () => {
    const s = defaults(vqTrainSchema);
    const r0 = vqTrainRun({ ...s, tBeta: 0 }).run.codebooks.at(-1)!;
    const r2 = vqTrainRun({ ...s, tBeta: 2 }).run.codebooks.at(-1)!;
    expect(Array.from(r0)).toEqual(Array.from(r2));
    for (const e of [
      { ...s, tEma: 1 }, { ...s, tSteps: 0 }, { ...s, tK: 1 }, { ...s, tK: 16, tSteps: 200, tEma: 1, tDecay: 0.999 },
      { ...s, tLr: 0 }, { ...s, tDecay: 0, tEma: 1 }, { ...s, tK: 16, tInit: 1, tSeed: 9999 },
    ]) for (const lang of ['zh', 'en'] as const) clean(vqTrainView(e, lang));
  });
});

describe('vq colours cell', () => {
  const png = decodePng(new Uint8Array(readFileSync('public/data/chelsea.png')));
  // The photo as the cell gets it (its image data file, decoded as the browser decodes it).
  const image = colorImage(readImage('data/chelsea.png'));
  const none = { status: 'none' } as const;
  it('decodes the shipped photo', () => {
    expect([png.width, png.height]).toEqual([256, 170]);
    expect(png.rgb.length).toBe(256 * 170 * 3);
    expect([image.width, image.height, image.rgb.length, image.rgba.length]).toEqual([256, 170, 256 * 170 * 3, 256 * 170 * 4]);
    expect(image.rgb[3]).toBe(Math.fround(png.rgb[3]! / 255));
  });
  it('the seed colours: numbers are those of vectorQuantize on every pixel', () => {
    const v = vqColorsView(defaults(vqColorsSchema), 'en', none, image);
    const r = vectorQuantize(image.rgb, SEED_COLORS.flat(), 3);
    expect(v.text.mse).toBe(formatNumber(r.eLatentLoss, { digits: 6 }));
    expect(v.text.ppl).toBe(formatNumber(r.perplexity));
    expect(v.text.ppl).toBe(formatNumber(codebookPerplexity(r.indices, 6)));
    expect(v.text.seedPpl).toBe(formatNumber(seedPerplexity(r.indices, 6)));
    expect(v.rows.usage).toHaveLength(6);
    expect(v.rows.usage![0]![0]).toBe('0 (red)');
    clean(v);
  });
  it('pending k-means, a cancelled run, a trained palette, the exported palette, an identical image', () => {
    const s = defaults(vqColorsSchema);
    const pending = vqColorsView({ ...s, pal: 1 }, 'zh', { status: 'pending', done: 0, total: 0 }, image);
    expect(pending.result).toBeNull();
    expect(pending.pending).toBe(true);
    expect(Object.keys(pending.text)).toEqual(['kmStatus']);
    clean(pending);
    expect(vqColorsView({ ...s, pal: 1 }, 'en', { status: 'pending', done: 7, total: 300 }, image).text.kmStatus).toContain('Lloyd iteration 7 (at most 300)');
    expect(vqColorsView({ ...s, pal: 1 }, 'en', { status: 'cancelled' }, image).text.kmStatus).toContain('Train again');
    const trained = vqColorsView({ ...s, pal: 1 }, 'en', { status: 'ready', value: { centroids: [[0, 0, 0], [1, 1, 1]], inertia: 1, iterations: 3 } }, image);
    expect(trained.rows.usage).toHaveLength(2);
    expect(trained.text.kmStatus).toBe('k-means: 3 Lloyd iterations, inertia 1.0000');
    clean(trained);
    clean(vqColorsView({ ...s, pal: 2 }, 'en', none, image));
    const flat: ColorImage = colorImage({ width: 1, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255]), source: 'upload', id: 'upload-1' });
    const same = vqColorsView(s, 'en', none, flat);
    expect(same.text.psnr).toMatch(/^∞/);
    expect(same.text.image).toBe('your image (1×1)');
    clean(same);
  });
  it('the k-means palette is src/lib/kmeans on the pixels, sorted dark to light, with progress per Lloyd iteration', () => {
    const pixels = image.rgb.subarray(0, 3 * 2000);
    const seen: number[] = [];
    const p = trainPalette({ pixels, imageId: 'x', k: 4, seed: 3 }, (done, total) => {
      expect(total).toBe(300);
      seen.push(done);
    });
    const r = kmeans(pixels, 3, 4, { seed: 3, maxIter: 300 });
    expect(p.iterations).toBe(r.iterations);
    expect(p.inertia).toBe(r.inertia);
    expect(seen).toEqual(Array.from({ length: r.iterations }, (_, i) => i + 1));
    const luma = p.centroids.map((c) => 0.299 * c[0]! + 0.587 * c[1]! + 0.114 * c[2]!);
    expect([...luma].sort((a, b) => a - b)).toEqual(luma);
    const all = Array.from({ length: 4 }, (_, j) => Array.from(r.centroids.slice(j * 3, j * 3 + 3)));
    expect([...p.centroids].sort()).toEqual(all.sort());
  });
});

describe('vq digits cell', () => {
  it('every sample: the nearest code is the argmin, no NaN', () => {
    for (let i = 0; i < DIGITS_SAMPLE.data.length; i += 7) {
      const v = vqDigitsView({ dPix: DIGITS_SAMPLE.data[i]! }, i % 2 ? 'zh' : 'en', CODEBOOK);
      expect(v.text.source).toContain(`#${i}`);
      expect(v.rows.ranking![0]![1]).toBe(String(v.nearest));
      clean(v);
    }
  });
  it('a blank and a full drawing', () => {
    clean(vqDigitsView({ dPix: new Array(64).fill(0) }, 'en', CODEBOOK));
    const v = vqDigitsView({ dPix: new Array(64).fill(16) }, 'zh', CODEBOOK);
    expect(v.text.source).toContain('1024');
    clean(v);
    expect(defaults(vqDigitsSchema).dPix).toEqual(DIGITS_SAMPLE.data[0]);
  });
  it('one opacity for the pad and the reconstruction: clamped to [0, 1], 3 decimals', () => {
    expect([pixelOpacity(-0.2), pixelOpacity(0.12345), pixelOpacity(0.5), pixelOpacity(1.7)]).toEqual(['0', '0.123', '0.5', '1']);
    const v = vqDigitsView({ dPix: DIGITS_SAMPLE.data[3]! }, 'en', CODEBOOK);
    expect(v.pixels).toEqual(DIGITS_SAMPLE.data[3]);
    expect(v.input).toEqual(DIGITS_SAMPLE.data[3]!.map((p) => pixelOpacity(p / 16)));
    expect(v.recon).toEqual(CODEBOOK[v.nearest]!.map(pixelOpacity));
  });
});
