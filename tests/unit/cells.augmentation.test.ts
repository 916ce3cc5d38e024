import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { inflateSync } from 'node:zlib';
import {
  augmentationImage, augmentationOptions, augmentationParamOf, augmentationSchema, augmentationView, cell, PHOTO_FILE,
  type AugmentationImage, type AugmentationState,
} from '../../src/cells/augmentation';
import { initialView } from '../../src/cells/define';
import { applyAugmentPlan, augmentSamples, planAugmentSamples, type RgbaImage } from '../../src/lib/augment';
import { channelMeans, meanGray } from '../../src/lib/augmentPlan';
import { formatNumber } from '../../src/lib/format';
import { defaults, parseParam } from '../../src/lib/query';
import { readCellData } from '../../src/components/cell/readCellData';

const BAD = /NaN|undefined|Infinity|null/;
const allStrings = (v: ReturnType<typeof augmentationView>) => [...Object.values(v.text), ...Object.values(v.rows).flat(2), ...v.samples.labels];

/** Decodes an 8-bit RGB/RGBA non-interlaced PNG (what scripts/export_photo.py writes) to RGBA. */
function decodePng(bytes: Buffer): RgbaImage {
  let pos = 8;
  let width = 0;
  let height = 0;
  let channels = 0;
  const idat: Buffer[] = [];
  while (pos < bytes.length) {
    const len = bytes.readUInt32BE(pos);
    const type = bytes.toString('latin1', pos + 4, pos + 8);
    const body = bytes.subarray(pos + 8, pos + 8 + len);
    if (type === 'IHDR') {
      width = body.readUInt32BE(0);
      height = body.readUInt32BE(4);
      expect(body[8], 'bit depth').toBe(8);
      expect(body[12], 'interlace').toBe(0);
      channels = body[9] === 2 ? 3 : body[9] === 6 ? 4 : 0;
      expect(channels, 'colour type').toBeGreaterThan(0);
    } else if (type === 'IDAT') idat.push(body);
    pos += 12 + len;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const stride = width * channels;
  const cur = new Uint8Array(stride);
  const prev = new Uint8Array(stride);
  const out = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? cur[i - channels]! : 0;
      const b = prev[i]!;
      const c = i >= channels ? prev[i - channels]! : 0;
      const p = a + b - c;
      const pred = [0, a, b, (a + b) >> 1, Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c][filter]!;
      cur[i] = (line[i]! + pred) & 255;
    }
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < 4; k++) out[(y * width + x) * 4 + k] = k < channels ? cur[x * channels + k]! : 255;
    }
    prev.set(cur);
  }
  return { width, height, data: out };
}

function canRun(modules: string): boolean {
  if (!existsSync('/usr/bin/python3')) return false;
  try {
    execFileSync('/usr/bin/python3', ['-c', `import ${modules}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
const hasTorchvision = canRun('torch, torchvision, skimage');

/** The photo as the build reads it (png.ts) and the cell parses it. */
const photo = readCellData(cell) as AugmentationImage;

/** A picture of the reader's, as the upload block hands it to the cell: a gradient of this size. */
function uploaded(width: number, height: number): AugmentationImage {
  const data = Uint8ClampedArray.from({ length: width * height * 4 }, (_, i) => (i % 4 === 3 ? 255 : (i * 37) % 256));
  return augmentationImage({ width, height, data, source: 'upload', id: 'upload-1' });
}

describe('the shipped photo', () => {
  it(`public/${PHOTO_FILE} is 256 × 170 with a licence next to it, read by the build as by an independent decoder`, () => {
    const img = decodePng(readFileSync(`public/${PHOTO_FILE}`));
    expect([img.width, img.height]).toEqual([256, 170]);
    expect([photo.width, photo.height, photo.kind, photo.id]).toEqual([256, 170, 'photo', PHOTO_FILE]);
    expect(Buffer.from(photo.data).equals(Buffer.from(img.data))).toBe(true);
    expect(readFileSync('public/data/chelsea.LICENSE.txt', 'utf8')).toMatch(/CC0/);
  });
});

describe('augmentation cell', () => {
  const s = defaults(augmentationSchema);
  for (const lang of ['en', 'zh'] as const) {
    it(`${lang}: defaults show the substituted formulas and the drawn parameters`, () => {
      const v = augmentationView(s, lang, photo);
      expect(v).toEqual(initialView(cell, lang, photo));
      expect(v.text.cropSize).toBe('round(0.8 × 256) × round(0.8 × 170) = 205 × 136');
      expect(v.text.cropCorner).toBe('x ∈ {0, …, 51}, y ∈ {0, …, 34}');
      expect(v.text.rotationMatrix).toBe('R(15°) = [[cos 15°, −sin 15°], [sin 15°, cos 15°]] = [[0.9659, −0.2588], [0.2588, 0.9659]]');
      expect(v.text.brightnessRange).toBe('b ~ U(0.7, 1.3)');
      expect(v.text.brightnessExample).toBe('clamp(b·p, 0, 255): (200, 120, 60) → (140, 84, 42) (b = 0.7) … (255, 156, 78) (b = 1.3)');
      expect(v.text.grayExample).toBe('L = 0.2989·200 + 0.587·120 + 0.114·60 = 137.06 → 137');
      // m of the contrast formula, from the photo's pixels at build time (it used to wait for the browser).
      expect(v.text.meanGray).toBe(formatNumber(meanGray(photo), { digits: 2 }));
      expect(v.text.meanGray).toMatch(/^\d+\.\d\d$/);
      expect(v.rows.samples).toHaveLength(8);
      const plans = planAugmentSamples(photo, augmentationOptions(s, photo));
      expect(v.samples.plans).toEqual(plans);
      v.rows.samples!.forEach((row, i) => {
        const p = plans[i]!;
        expect(row[1]).toBe(`(${p.crop!.x}, ${p.crop!.y})`);
        expect(v.samples.labels[i]).toContain(`(${p.crop!.x}, ${p.crop!.y}) 205×136`);
        expect(row[3]).toBe(`${p.degrees.toFixed(1).replace('-', '−')}°`);
      });
      expect(allStrings(v).join('\n')).not.toMatch(BAD);
    });
  }
  it('an uploaded image changes the sizes, and the code reads it from a file', () => {
    const mine = uploaded(64, 48);
    const v = augmentationView({ ...s, crop: 0.5 }, 'en', mine);
    expect(v.text.cropSize).toBe('round(0.5 × 64) × round(0.5 × 48) = 32 × 24');
    expect(v.text.source).toMatch(/never uploaded/);
    expect(v.text.pytorch).toMatch(/read_image\("your_image\.png"\)/);
    expect(v.samples.crop).toEqual({ width: 32, height: 24 });
    expect(v.image).toBe(mine);
    expect(v.text.meanGray).toBe(formatNumber(meanGray(mine), { digits: 2 }));
    // Plan + apply is what augmentSamples does: the painter's pixels are src/lib's.
    expect(v.samples.plans.map((p) => applyAugmentPlan(mine, p))).toEqual(augmentSamples(mine, augmentationOptions({ ...s, crop: 0.5 }, mine)).map((x) => x.image));
  });
  it('switches: no flip, no rotation, no jitter', () => {
    const v = augmentationView({ ...s, flip: 0, angle: 0, brightness: 0, contrast: 0, saturation: 0 }, 'en', photo);
    expect(v.text.flipRule).toMatch(/^off/);
    expect(v.text.angleRange).toBe('θ = 0 (off)');
    expect(v.text.brightnessRange).toBe('b = 1 (off)');
    expect(v.rows.samples!.every((r) => r[2] === 'no' && r[3] === '0.0°')).toBe(true);
  });
  it('never NaN/undefined/Infinity over the parameter range and odd image sizes', () => {
    fc.assert(
      fc.property(
        fc.record({
          angle: fc.double({ min: 0, max: 180, noNaN: true }), crop: fc.double({ min: 0.3, max: 1, noNaN: true }),
          flip: fc.constantFrom(0, 1), brightness: fc.double({ min: 0, max: 2, noNaN: true }),
          contrast: fc.double({ min: 0, max: 2, noNaN: true }), saturation: fc.double({ min: 0, max: 2, noNaN: true }),
          seed: fc.integer({ min: 0, max: 4294967295 }), count: fc.integer({ min: 1, max: 16 }),
        }),
        fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 256 }), fc.constantFrom('en' as const, 'zh' as const),
        (st, width, height, lang) => {
          const v = augmentationView(st as AugmentationState, lang, uploaded(width, height));
          return allStrings(v).every((t) => !BAD.test(t)) && v.rows.samples!.length === st.count;
        },
      ),
      { numRuns: 200 },
    );
  });
  it('the schema refuses bad values with the parameter name; paramOf points at inputs', () => {
    expect(() => parseParam('crop', augmentationSchema.crop, '0.1')).toThrow(/^crop must be in \[0\.3, 1\]/);
    expect(() => parseParam('flip', augmentationSchema.flip, '2')).toThrow(/^flip must be an integer in \[0, 1\]/);
    for (const p of Object.values(augmentationParamOf)) expect(Object.keys(augmentationSchema)).toContain(p);
  });
  it.skipIf(!hasTorchvision)('the torchvision code replays the page’s samples (mean RGB per sample)', () => {
    for (const st of [s, { ...s, seed: 42, count: 4, angle: 40, crop: 0.6, brightness: 0.6, contrast: 0.8, saturation: 1.2 }]) {
      const v = augmentationView(st, 'en', photo);
      const out = execFileSync('/usr/bin/python3', ['-c', v.text.pytorch!], { encoding: 'utf8', timeout: 120_000 });
      const means = [...out.matchAll(/mean RGB \((\S+), (\S+), (\S+)\)/g)].map((m) => [Number(m[1]), Number(m[2]), Number(m[3])]);
      const ours = v.samples.plans.map((p) => channelMeans(applyAugmentPlan(photo, p)));
      expect(means).toHaveLength(ours.length);
      // torchvision rotates in float32, we in float64: a few bytes may differ by 1 (see augment.test.ts).
      ours.forEach((m, i) => m.forEach((c, k) => expect(Math.abs(c - means[i]![k]!)).toBeLessThanOrEqual(0.06)));
    }
  });
});
