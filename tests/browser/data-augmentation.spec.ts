import { expect, test, type Locator, type Page } from '@playwright/test';
import {
  augmentationOptions, augmentationSchema, augmentationView, cell as augmentationCell, type AugmentationImage, type AugmentationState,
} from '../../src/cells/augmentation';
import { readCellData } from '../../src/components/cell/readCellData';
import { augmentSamples, flipHorizontal, type RgbaImage } from '../../src/lib/augment';
import { planAugmentSamples } from '../../src/lib/augment';
import { defaults } from '../../src/lib/query';
import { slotTexts, commit, expectMessage, mounted } from './cells';
import { cell as mixupCutoutCell, type MixupDigits } from '../../src/cells/mixupCutout';
import { centroidLogits, mixup, mixupLoss } from '../../src/lib/mixup';
import { cutout } from '../../src/lib/cutout';
import { formatNumber } from '../../src/lib/format';

const DEFAULTS = defaults(augmentationSchema);
/** The mixup-cutout cell's digits as the build read them. */
const DIGITS = readCellData(mixupCutoutCell) as MixupDigits;
/** The photo as the build decoded it (the page's numbers at build time come from these pixels). */
const PHOTO = readCellData(augmentationCell) as AugmentationImage;

async function ready(page: Page): Promise<Locator> {
  const cell = page.locator('[data-cell="augmentation"]');
  await mounted(cell);
  return cell;
}

/** Waits until the canvases have been painted after the last edit (data-painted counts paints). */
async function painted(cell: Locator, after = 0): Promise<number> {
  await expect.poll(async () => Number((await cell.getAttribute('data-painted')) ?? 0)).toBeGreaterThan(after);
  return Number(await cell.getAttribute('data-painted'));
}

const fromB64 = (b64: string) => new Uint8ClampedArray(Buffer.from(b64, 'base64'));

/** RGBA bytes of a canvas on the page. */
async function canvasImage(canvas: Locator): Promise<RgbaImage> {
  const r = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let s = '';
    for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode(...d.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, b64: btoa(s) };
  });
  return { width: r.width, height: r.height, data: fromB64(r.b64) };
}

/** The photo decoded by this browser the way the page decodes it (no colour conversion). */
async function decodedPhoto(page: Page): Promise<RgbaImage> {
  const r = await page.evaluate(async (src) => {
    const img = new Image();
    img.src = src;
    await img.decode();
    const bmp = await createImageBitmap(img, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
    const c = document.createElement('canvas');
    c.width = bmp.width;
    c.height = bmp.height;
    const ctx = c.getContext('2d')!;
    ctx.drawImage(bmp, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let s = '';
    for (let i = 0; i < d.length; i += 0x8000) s += String.fromCharCode(...d.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, b64: btoa(s) };
  }, (await page.locator('img[data-photo]').getAttribute('src')) ?? '');
  return { width: r.width, height: r.height, data: fromB64(r.b64) };
}

/**
 * Pixels that differ: opaque pixels must be equal, transparent ones transparent; half-transparent
 * edges are skipped (the canvas stores premultiplied colour, which rounds them). −1 if the sizes differ.
 */
function countDiffs(actual: RgbaImage, expected: RgbaImage): { bad: number; compared: number } {
  if (actual.width !== expected.width || actual.height !== expected.height) return { bad: -1, compared: 0 };
  let compared = 0;
  let bad = 0;
  for (let o = 0; o < expected.data.length; o += 4) {
    const a = expected.data[o + 3]!;
    if (a === 255) {
      compared++;
      if (actual.data[o] !== expected.data[o] || actual.data[o + 1] !== expected.data[o + 1] || actual.data[o + 2] !== expected.data[o + 2] || actual.data[o + 3] !== 255) bad++;
    } else if (a === 0 && actual.data[o + 3] !== 0) bad++;
  }
  return { bad, compared };
}

/** Polls until every canvas of the grid holds src/lib's sample (paints are once per animation frame). */
async function expectGrid(cell: Locator, expected: RgbaImage[]): Promise<number> {
  const canvases = cell.locator('[data-grid] canvas');
  await expect(canvases).toHaveCount(expected.length);
  let compared = 0;
  for (const [i, img] of expected.entries()) {
    await expect
      .poll(async () => countDiffs(await canvasImage(canvases.nth(i)), img).bad, { message: `sample ${i + 1}: pixels that differ from src/lib` })
      .toBe(0);
    compared += countDiffs(await canvasImage(canvases.nth(i)), img).compared;
  }
  return compared;
}

/** A small test picture made in the page and returned as PNG bytes (a gradient with a bright square). */
async function makePng(page: Page, width: number, height: number): Promise<Buffer> {
  const b64 = await page.evaluate(async ([w, h]) => {
    const c = document.createElement('canvas');
    c.width = w!;
    c.height = h!;
    const ctx = c.getContext('2d')!;
    for (let y = 0; y < h!; y++) {
      for (let x = 0; x < w!; x++) {
        ctx.fillStyle = `rgb(${(x * 255) / w!}, ${(y * 255) / h!}, ${((x + y) * 97) % 256})`;
        ctx.fillRect(x, y, 1, 1);
      }
    }
    ctx.fillStyle = 'rgb(250, 240, 20)';
    ctx.fillRect(4, 4, 10, 6);
    const blob = await new Promise<Blob>((res) => c.toBlob((b) => res(b!), 'image/png'));
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let s = '';
    for (const v of bytes) s += String.fromCharCode(v);
    return btoa(s);
  }, [width, height]);
  return Buffer.from(b64, 'base64');
}

for (const lang of ['en', 'zh'] as const) {
  test.describe(`data augmentation (${lang})`, () => {
    test('the canvases hold exactly what src/lib computes from the photo', async ({ page }) => {
      await page.goto(`${lang}/data-augmentation/`);
      const cell = await ready(page);
      await painted(cell);
      const photo = await decodedPhoto(page);
      expect([photo.width, photo.height]).toEqual([PHOTO.width, PHOTO.height]);
      const expected = augmentSamples(photo, augmentationOptions(DEFAULTS, PHOTO));
      const compared = await expectGrid(cell, expected.map((x) => x.image));
      expect(compared).toBeGreaterThan(expected.length * 205 * 136 * 0.7);
      // The mean gray level m of the contrast formula: from the browser's decoded pixels, equal to the build's.
      await expect(cell.locator('[data-slot="meanGray"]')).toHaveText(/^\d+\.\d\d$/);
      await expect(cell.locator('[data-slot="meanGray"]')).toHaveText(augmentationView(DEFAULTS, lang, PHOTO).text.meanGray);
    });

    test('editing parameters redraws the grid; the URL keeps them; a flip is an exact mirror', async ({ page }) => {
      await page.goto(`${lang}/data-augmentation/`);
      const cell = await ready(page);
      let n = await painted(cell);
      await commit(page, '#da-seed', '42');
      await commit(page, '#da-count', '4');
      await commit(page, '#da-angle', '30');
      const state: AugmentationState = { ...DEFAULTS, seed: 42, count: 4, angle: 30 };
      const plans = planAugmentSamples(PHOTO, augmentationOptions(state, PHOTO));
      const rows = cell.locator('tbody[data-rows="samples"] tr');
      await expect(rows).toHaveCount(4);
      await expect(rows.first()).toContainText(`(${plans[0]!.crop!.x}, ${plans[0]!.crop!.y})`);
      await expect(cell.locator('[data-grid] canvas').first()).toHaveAttribute('aria-label', new RegExp(`\\(${plans[0]!.crop!.x}, ${plans[0]!.crop!.y}\\) 205×136`));
      await expect(cell.locator('[data-slot="rotationMatrix"]')).toHaveText(augmentationView(state, lang, PHOTO).text.rotationMatrix);
      await expect(page).toHaveURL(/[?&]seed=42(&|$)/);
      await expect(page).toHaveURL(/[?&]count=4(&|$)/);
      n = await painted(cell, n);
      const photo = await decodedPhoto(page);
      await expectGrid(cell, augmentSamples(photo, augmentationOptions(state, PHOTO)).map((x) => x.image));

      // No crop, no rotation, no colour change: every sample is the photo, mirrored when flipped.
      for (const [sel, v] of [['#da-crop', '1'], ['#da-angle', '0'], ['#da-brightness', '0'], ['#da-contrast', '0'], ['#da-saturation', '0']] as const) await commit(page, sel, v);
      const plain: AugmentationState = { ...state, crop: 1, angle: 0, brightness: 0, contrast: 0, saturation: 0 };
      const flips = planAugmentSamples(PHOTO, augmentationOptions(plain, PHOTO)).map((p) => p.flipped);
      expect(flips).toContain(true);
      await expect(rows.first()).toContainText('(0, 0)');
      await expect(cell.locator('[data-slot="cropSize"]')).toContainText('= 256 × 170');
      await painted(cell, n);
      const mirrored = flipHorizontal(photo);
      await expectGrid(cell, flips.map((f) => (f ? mirrored : photo)));

      // The flip checkbox is keyboard-operable and stored as flip=0.
      await page.locator('#da-flip').focus();
      await page.keyboard.press('Space');
      await expect(page).toHaveURL(/[?&]flip=0(&|$)/);
      await expect(rows.first()).toContainText(lang === 'en' ? 'no' : '否');
      await page.reload();
      await ready(page);
      await expect(page.locator('#da-flip')).not.toBeChecked();
      await expect(page.locator('#da-seed')).toHaveValue('42');
    });

    test('a bad value gets an inline message and the last valid state stays', async ({ page }) => {
      await page.goto(`${lang}/data-augmentation/`);
      const cell = await ready(page);
      await painted(cell);
      const before = await slotTexts(cell);
      await page.locator('#da-crop').fill('0.1');
      await expectMessage(cell.locator('[data-cell-error]'), 'crop must be in [0.3, 1]; received 0.1');
      await expect(page.locator('#da-crop')).toHaveAttribute('aria-invalid', '');
      await page.locator('#da-count').fill('99');
      await expectMessage(cell.locator('[data-cell-error]'), 'count must be an integer in [1, 16]; received 99');
      expect(await slotTexts(cell)).toEqual(before);
      await expect(cell.locator('[data-grid] canvas')).toHaveCount(8);
      await page.locator('#da-count').fill('8');
      await expect(cell.locator('[data-cell-error]')).toBeEmpty();
      expect(await page.locator('main').innerText()).not.toMatch(/NaN|undefined|Infinity/);
    });

    test('the reader’s own image is processed locally: sizes, formulas and pixels follow it', async ({ page }) => {
      const requests: string[] = [];
      page.on('request', (r) => requests.push(r.method()));
      await page.goto(`${lang}/data-augmentation/?crop=0.5&count=3`);
      const cell = await ready(page);
      const n = await painted(cell);
      const png = await makePng(page, 64, 48);
      await page.locator('#da-file').setInputFiles({ name: 'mine.png', mimeType: 'image/png', buffer: png });
      await expect(cell).toHaveAttribute('data-image', 'upload');
      await painted(cell, n);
      await expect(cell.locator('[data-slot="cropSize"]')).toHaveText('round(0.5 × 64) × round(0.5 × 48) = 32 × 24');
      await expect(cell.locator('[data-slot="pytorch"]')).toContainText('read_image("your_image.png")');
      await expect(page.locator('img[data-photo]')).toBeHidden();
      const mine = await canvasImage(cell.locator('canvas[data-upload-canvas]'));
      expect([mine.width, mine.height]).toEqual([64, 48]);
      const state: AugmentationState = { ...DEFAULTS, crop: 0.5, count: 3 };
      const expected = augmentSamples(mine, augmentationOptions(state, mine));
      expect(await expectGrid(cell, expected.map((x) => x.image))).toBeGreaterThan(3 * 32 * 24 * 0.6);
      // Nothing was sent: the page only ever made GET requests.
      expect(requests.every((m) => m === 'GET')).toBe(true);

      // Back to the photo.
      await page.locator('[data-reset-image]').click();
      await expect(cell).toHaveAttribute('data-image', 'file');
      await expect(cell.locator('[data-slot="cropSize"]')).toHaveText('round(0.5 × 256) × round(0.5 × 170) = 128 × 85');
      await expect(page.locator('img[data-photo]')).toBeVisible();
    });

    test('files that are too big or not images get a clear message and change nothing', async ({ page }) => {
      await page.goto(`${lang}/data-augmentation/`);
      const cell = await ready(page);
      await painted(cell);
      const error = cell.locator('[data-upload-status]');
      await page.locator('#da-file').setInputFiles({ name: 'huge.png', mimeType: 'image/png', buffer: Buffer.alloc(11 * 1024 * 1024) });
      await expect(error).toContainText(lang === 'en' ? 'The file is 11.0 MB, over the 10 MB limit' : '文件大小为 11.0 MB，超过了 10 MB 的上限');
      await page.locator('#da-file').setInputFiles({ name: 'notes.txt', mimeType: 'text/plain', buffer: Buffer.from('not an image') });
      await expect(error).toContainText('notes.txt');
      await expect(cell).toHaveAttribute('data-image', 'file');
      await expect(cell.locator('[data-slot="cropSize"]')).toHaveText('round(0.8 × 256) × round(0.8 × 170) = 205 × 136');
    });

    test('mixup and cutout: pictures drawn at build time; editing λ and the square redraws them and the numbers', async ({ browser }) => {
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const staticPage = await noJs.newPage();
      await staticPage.goto(`${lang}/data-augmentation/`);
      const ssrCell = staticPage.locator('[data-cell="mixup-cutout"]');
      await expect(ssrCell.locator('[data-mixup-part="mix"] svg[role="img"]')).toHaveCount(3);
      await expect(ssrCell.locator('[data-mixup-part="cut"] svg[role="img"]')).toHaveCount(2);
      await expect(ssrCell.locator('[data-digit="cut"] rect[data-box]')).toHaveAttribute('y', '2');
      expect(await ssrCell.locator('[data-digit="mixed"] svg path').count()).toBeGreaterThan(3);
      // The digit's paths as (level, squares): the same tree whatever order a serializer writes attributes in.
      const pathsOf = (svg: Locator) => svg.evaluate((el) => [...el.querySelectorAll('path')].map((p) => `${p.getAttribute('fill-opacity')} ${p.getAttribute('d')}`));
      const ssrMixed = await pathsOf(ssrCell.locator('[data-digit="mixed"] svg'));
      const loss = (lam: number) => mixupLoss(centroidLogits(mixup(DIGITS.x[0]!, DIGITS.x[7]!, lam), DIGITS.means), 0, 7, lam);
      await expect(ssrCell.locator('#mxc-soft')).toHaveText(`CE(z, ỹ) = −Σₖ ỹₖ·log pₖ = ${formatNumber(loss(0.7).soft, { digits: 6 })}`);
      await noJs.close();

      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${lang}/data-augmentation/`);
      const cell = page.locator('[data-cell="mixup-cutout"]');
      await cell.scrollIntoViewIfNeeded();
      await mounted(cell);
      const mixed = cell.locator('[data-digit="mixed"] svg');
      expect(await pathsOf(mixed)).toEqual(ssrMixed);
      await commit(page, '#mxc-mix-lam', '0.4');
      await expect(mixed).toHaveAttribute('aria-label', 'x̃ = 0.4·xᵢ + 0.6·xⱼ');
      expect(await pathsOf(mixed)).not.toEqual(ssrMixed);
      await expect(cell.locator('#mxc-soft')).toHaveText(`CE(z, ỹ) = −Σₖ ỹₖ·log pₖ = ${formatNumber(loss(0.4).soft, { digits: 6 })}`);
      await expect(cell.locator('#mxc-split')).toContainText(`= ${formatNumber(loss(0.4).split, { digits: 6 })}`);
      await expect(page).toHaveURL(/mixLam=0\.4(&|$)/);
      await commit(page, '#mxc-cut-y', '0');
      const box = cell.locator('[data-digit="cut"] rect[data-box]');
      await expect(box).toHaveAttribute('y', '0');
      await expect(box).toHaveAttribute('height', '2');
      const cut = cutout(DIGITS.x[0]!, 8, 8, 4, 0, 2);
      await expect(cell.locator('#mxc-erased')).toHaveText(lang === 'zh' ? `64 个像素中的 ${cut.erased} 个（其中 ${cut.inked} 个原本有笔画）` : `${cut.erased} of 64 (${cut.inked} of them inked)`);
      await page.locator('#mxc-mix-lam').fill('1.5');
      await expectMessage(cell.locator('[data-cell-error]'), 'mixLam must be in [0, 1]; received 1.5');
      await expect(mixed).toHaveAttribute('aria-label', 'x̃ = 0.4·xᵢ + 0.6·xⱼ');
      await ctx.close();
    });

    test('without JavaScript: the photo (under the base path), parameters and formulas are all there', async ({ browser }) => {
      const noJs = await browser.newContext({ javaScriptEnabled: false });
      const staticPage = await noJs.newPage();
      await staticPage.goto(`${lang}/data-augmentation/`);
      const img = staticPage.locator('img[data-photo]');
      await expect(img).toHaveAttribute('src', '/regularization-live/data/chelsea.png');
      await expect(img).toHaveAttribute('width', '256');
      await expect(img).toHaveAttribute('height', '170');
      await expect(img).toHaveAttribute('loading', 'lazy');
      expect((await img.getAttribute('alt'))!.length).toBeGreaterThan(10);
      const ssrCell = staticPage.locator('[data-cell="augmentation"]');
      // The slots' ids (<prefix>-<slot>) and the inputs' (<prefix>-<param>) never collide.
      const ids = await ssrCell.evaluate((root) => [...root.querySelectorAll('[id]')].map((e) => e.id));
      expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
      await expect(ssrCell.locator('tbody[data-rows="samples"] tr')).toHaveCount(8);
      await expect(ssrCell.locator('[data-slot="rotationMatrix"]')).toHaveText('R(15°) = [[cos 15°, −sin 15°], [sin 15°, cos 15°]] = [[0.9659, −0.2588], [0.2588, 0.9659]]');
      expect(await staticPage.locator('.katex math').count()).toBeGreaterThan(5);
      const ssr = await slotTexts(ssrCell);
      const licence = await staticPage.request.get('/regularization-live/data/chelsea.LICENSE.txt');
      expect(await licence.text()).toMatch(/CC0/);
      await noJs.close();
      const ctx = await browser.newContext();
      const page = await ctx.newPage();
      await page.goto(`${lang}/data-augmentation/`);
      const cell = await ready(page);
      await painted(cell);
      expect(await slotTexts(cell)).toEqual(ssr);
      await ctx.close();
    });
  });
}
