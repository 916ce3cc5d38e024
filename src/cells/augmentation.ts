/**
 * The data-augmentation cell: random crop → horizontal flip → rotation → colour jitter, seeded.
 * `augmentationView(state, lang, source)` turns the parameters and the size of the current image
 * into every string the cell shows (the drawn parameters of each sample via `planAugmentSamples`,
 * the substituted formulas, the PyTorch code) and the options the browser passes to
 * `augmentSamples` to paint the canvases. No pixels are needed, so the build-time page is complete
 * except for the pictures themselves.
 */
import { adjustBrightness, adjustSaturation, type AugmentSamplesOptions, type RgbaImage } from '../lib/augment';
import { cropSizeFor, grayOf, jitterFactorRange, rotationMatrix, rotationSource } from '../lib/augmentPlan';
import { planAugmentSamples, type Size } from '../lib/augment';
import { formatNumber as fmt, formatTyped as typed } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { pyBool, pyFloat } from './python';

export const augmentationSchema = {
  angle: { kind: 'number', min: 0, max: 180, step: 1, default: 15 },
  crop: { kind: 'number', min: 0.3, max: 1, step: 0.01, default: 0.8 },
  flip: { kind: 'integer', min: 0, max: 1, default: 1 },
  brightness: { kind: 'number', min: 0, max: 2, step: 0.05, default: 0.3 },
  contrast: { kind: 'number', min: 0, max: 2, step: 0.05, default: 0.3 },
  saturation: { kind: 'number', min: 0, max: 2, step: 0.05, default: 0.3 },
  seed: { kind: 'integer', min: 0, max: 4294967295, default: 1 },
  count: { kind: 'integer', min: 1, max: 16, default: 8 },
} as const satisfies Schema;

export type AugmentationState = StateOf<typeof augmentationSchema>;

/** Library parameter names (as in src/lib error messages) → the cell's inputs. */
export const augmentationParamOf: Record<string, keyof AugmentationState> = {
  rotation: 'angle', fraction: 'crop', brightness: 'brightness', contrast: 'contrast', saturation: 'saturation',
  seed: 'seed', count: 'count',
};

/** The image the samples are made from: the shipped photo, or the reader's own (never uploaded). */
export interface ImageSource {
  kind: 'photo' | 'upload';
  width: number;
  height: number;
}

/** The page's photo: scikit-image's Chelsea the cat (CC0), 256 px wide (scripts/export_photo.py). */
export const PHOTO = { file: 'data/chelsea.png', width: 256, height: 170 } as const;
export const PHOTO_SOURCE: ImageSource = { kind: 'photo', width: PHOTO.width, height: PHOTO.height };
/** The example pixel the colour formulas are worked on (a warm fur tone). */
export const EXAMPLE_RGB = [200, 120, 60] as const;

export interface AugmentationView {
  text: Record<string, string>;
  rows: Record<string, string[][]>;
  /** What the browser passes to `augmentSamples` for the canvases, plus one label per sample. */
  samples: { opts: AugmentSamplesOptions; labels: string[]; crop: Size };
}

type OpName = 'brightness' | 'contrast' | 'saturation';

const words = {
  zh: {
    photo: (w: number, h: number) => `照片：猫咪 Chelsea（scikit-image 示例数据，CC0），${w} × ${h} 像素`,
    upload: (w: number, h: number) => `你的图片：已在浏览器里缩放到 ${w} × ${h} 像素，从未上传`,
    yes: '是', no: '否', none: '—',
    ops: { brightness: '亮度', contrast: '对比度', saturation: '饱和度' } as Record<OpName, string>,
    short: { brightness: '亮度', contrast: '对比度', saturation: '饱和度' } as Record<OpName, string>,
    off: '关闭',
    flipOn: (w1: number) => `以概率 p = 0.5 左右翻转：x ↦ W − 1 − x = ${w1} − x`,
    flipOff: '关闭（flip = 0）',
    inside: '在裁剪图内部，双线性插值取值',
    outside: '落在裁剪图外：透明（torchvision 中为 0，即黑色）',
    corner: (theta: string, src: string, where: string) => `θ = ${theta}° 时，输出左上角像素 (0, 0) 取自输入的 ${src}：${where}`,
    at: (f: string, name: string) => `${name} = ${f}`,
    grid: (n: number, seed: number, crop: string, angle: string, flip: boolean) =>
      `${n} 个增强样本（种子 ${seed}）：每个都是随机裁剪 ${crop}${flip ? '、以 ½ 概率左右翻转' : ''}、旋转 θ ∈ [−${angle}°, ${angle}°]，再做颜色抖动。下表列出每个样本抽到的参数。`,
    label: (i: number, crop: string, flipped: boolean, deg: string, jit: string) =>
      `样本 ${i}：裁剪 ${crop}，${flipped ? '左右翻转，' : ''}旋转 ${deg}°，${jit}`,
  },
  en: {
    photo: (w: number, h: number) => `Photo: Chelsea the cat (scikit-image sample data, CC0), ${w} × ${h} pixels`,
    upload: (w: number, h: number) => `Your image: scaled to ${w} × ${h} pixels in your browser, never uploaded`,
    yes: 'yes', no: 'no', none: '—',
    ops: { brightness: 'brightness', contrast: 'contrast', saturation: 'saturation' } as Record<OpName, string>,
    short: { brightness: 'brightness', contrast: 'contrast', saturation: 'saturation' } as Record<OpName, string>,
    off: 'off',
    flipOn: (w1: number) => `flip left–right with probability p = 0.5: x ↦ W − 1 − x = ${w1} − x`,
    flipOff: 'off (flip = 0)',
    inside: 'inside the crop, read by bilinear interpolation',
    outside: 'outside the crop: transparent (0, i.e. black, in torchvision)',
    corner: (theta: string, src: string, where: string) => `at θ = ${theta}°, the output's top-left pixel (0, 0) is read from input ${src}: ${where}`,
    at: (f: string, name: string) => `${name} = ${f}`,
    grid: (n: number, seed: number, crop: string, angle: string, flip: boolean) =>
      `${n} augmented copies (seed ${seed}): each a random ${crop} crop${flip ? ', flipped left–right with probability ½' : ''}, rotated by θ ∈ [−${angle}°, ${angle}°] and colour-jittered. The table lists what each one drew.`,
    label: (i: number, crop: string, flipped: boolean, deg: string, jit: string) =>
      `Sample ${i}: crop ${crop}, ${flipped ? 'flipped, ' : ''}rotated ${deg}°, ${jit}`,
  },
} as const;

const f2 = (v: number) => fmt(v, { digits: 2 });
const f4 = (v: number) => fmt(v);
const rgbText = (img: RgbaImage) => `(${img.data[0]}, ${img.data[1]}, ${img.data[2]})`;
const pixel = (rgb: readonly number[]): RgbaImage => ({ width: 1, height: 1, data: new Uint8ClampedArray([rgb[0]!, rgb[1]!, rgb[2]!, 255]) });

export function augmentationOptions(s: AugmentationState, source: Size): AugmentSamplesOptions {
  return {
    count: s.count,
    seed: s.seed,
    rotation: s.angle,
    flip: s.flip === 1,
    crop: cropSizeFor(source, s.crop),
    jitter: { brightness: s.brightness, contrast: s.contrast, saturation: s.saturation },
  };
}

export function augmentationView(s: AugmentationState, lang: Lang, source: ImageSource = PHOTO_SOURCE): AugmentationView {
  const w = words[lang];
  const size = { width: source.width, height: source.height };
  const crop = cropSizeFor(size, s.crop);
  const opts = augmentationOptions(s, size);
  const plans = planAugmentSamples(size, opts);
  const angle = typed(s.angle);
  const cropText = `${crop.width} × ${crop.height}`;

  // Rotation: the matrix at the largest angle, and where the corner pixel of a crop comes from.
  const R = rotationMatrix(s.angle);
  const src = rotationSource(crop, s.angle, 0, 0);
  const inside = src[0] >= -0.5 && src[0] <= crop.width - 0.5 && src[1] >= -0.5 && src[1] <= crop.height - 0.5;
  const centre = `(${typed(crop.width / 2 - 0.5)}, ${typed(crop.height / 2 - 0.5)})`;

  // Colour jitter: factor ranges and the example pixel at both ends of each range.
  const ranges = {
    brightness: jitterFactorRange(s.brightness),
    contrast: jitterFactorRange(s.contrast),
    saturation: jitterFactorRange(s.saturation),
  };
  const rangeText = (name: OpName, sym: string) => {
    const [lo, hi] = ranges[name];
    return lo === hi ? `${sym} = ${typed(lo)} (${w.off})` : `${sym} ~ U(${typed(lo)}, ${typed(hi)})`;
  };
  const example = pixel(EXAMPLE_RGB);
  const exampleAt = (op: (img: RgbaImage, f: number) => RgbaImage, name: OpName, sym: string) => {
    const [lo, hi] = ranges[name];
    const ends = lo === hi ? [lo] : [lo, hi];
    return ends.map((f) => `${rgbText(op(example, f))} (${sym} = ${typed(f)})`).join(' … ');
  };
  const gray = grayOf(EXAMPLE_RGB);

  const samples = plans.map((p, i) => {
    const box = p.crop!;
    const corner = `(${box.x}, ${box.y})`;
    const boxText = `${corner} ${box.width}×${box.height}`;
    const jit = p.jitter.order.map((name) => `${w.short[name]} ${f2(p.jitter[name])}`).join(' → ');
    return {
      row: [`#${i + 1}`, corner, p.flipped ? w.yes : w.no, `${fmt(p.degrees, { digits: 1 })}°`, jit],
      label: w.label(i + 1, boxText, p.flipped, fmt(p.degrees, { digits: 1 }), jit),
    };
  });

  return {
    text: {
      source: source.kind === 'photo' ? w.photo(source.width, source.height) : w.upload(source.width, source.height),
      cropSize: `round(${typed(s.crop)} × ${source.width}) × round(${typed(s.crop)} × ${source.height}) = ${cropText}`,
      cropCorner: `x ∈ {0, …, ${source.width - crop.width}}, y ∈ {0, …, ${source.height - crop.height}}`,
      flip: s.flip === 1 ? w.flipOn(crop.width - 1) : w.flipOff,
      angleRange: s.angle === 0 ? `θ = 0 (${w.off})` : `θ ~ U(−${angle}°, ${angle}°)`,
      rotationMatrix:
        `R(${angle}°) = [[cos ${angle}°, −sin ${angle}°], [sin ${angle}°, cos ${angle}°]] = ` +
        `[[${f4(R[0][0])}, ${f4(R[0][1])}], [${f4(R[1][0])}, ${f4(R[1][1])}]]`,
      rotationCorner:
        `c + R(${angle}°)·((0, 0) − c), c = ${centre} → ` +
        w.corner(angle, `(${f2(src[0])}, ${f2(src[1])})`, inside ? w.inside : w.outside),
      brightnessRange: rangeText('brightness', 'b'),
      brightnessExample: `clamp(b·p, 0, 255): ${rgbText(example)} → ${exampleAt(adjustBrightness, 'brightness', 'b')}`,
      contrastRange: rangeText('contrast', 'c'),
      saturationRange: rangeText('saturation', 's'),
      grayExample: `L = ${GRAY_TERMS(EXAMPLE_RGB)} = ${f2(gray)} → ${Math.trunc(gray)}`,
      saturationExample: `clamp(s·p + (1 − s)·L, 0, 255): ${rgbText(example)} → ${exampleAt(adjustSaturation, 'saturation', 's')}`,
      gridDescription: w.grid(s.count, s.seed, cropText, angle, s.flip === 1),
      summary: w.grid(s.count, s.seed, cropText, angle, s.flip === 1),
      pytorch: augmentationPytorch(s, source, plans),
    },
    rows: { samples: samples.map((x) => x.row) },
    samples: { opts, labels: samples.map((x) => x.label), crop },
  };
}

function GRAY_TERMS(rgb: readonly number[]): string {
  return `0.2989·${rgb[0]} + 0.587·${rgb[1]} + 0.114·${rgb[2]}`;
}

/** Runnable torchvision code: the same pipeline with torch's random draws, and the page's own samples replayed. */
export function augmentationPytorch(s: AugmentationState, source: ImageSource, plans = planAugmentSamples(source, augmentationOptions(s, source))): string {
  const crop = cropSizeFor(source, s.crop);
  const load =
    source.kind === 'photo'
      ? [
          '# The page\'s photo: Chelsea the cat (CC0), rebuilt exactly as scripts/export_photo.py makes it',
          `photo = np.round(transform.resize(data.chelsea(), (${source.height}, ${source.width}), order=1, anti_aliasing=True) * 255).astype(np.uint8)`,
          `img = torch.from_numpy(photo).permute(2, 0, 1).contiguous()  # uint8, 3 × ${source.height} × ${source.width}`,
        ]
      : [
          '# Your image: the page scaled it in the browser, so resize gives close (not identical) pixels',
          'from torchvision.io import read_image',
          'img = read_image("your_image.png")[:3]  # uint8, channels first',
          `img = TF.resize(img, [${source.height}, ${source.width}], antialias=True)`,
        ];
  const replay = plans.map((p) => {
    const b = p.crop!;
    const jit = p.jitter.order.map((name) => `("${name}", ${pyFloat(p.jitter[name])})`).join(', ');
    return `    (${b.x}, ${b.y}, ${pyBool(p.flipped)}, ${pyFloat(p.degrees)}, [${jit}]),`;
  });
  return [
    '# Needs: pip install torch torchvision' + (source.kind === 'photo' ? ' scikit-image' : ''),
    'import numpy as np',
    'import torch',
    'import torchvision.transforms as T',
    'import torchvision.transforms.functional as TF',
    'from torchvision.transforms import InterpolationMode',
    ...(source.kind === 'photo' ? ['from skimage import data, transform'] : []),
    '',
    ...load,
    '',
    '# The pipeline for training (torch draws its own random parameters):',
    'augment = T.Compose([',
    `    T.RandomCrop((${crop.height}, ${crop.width})),`,
    `    T.RandomHorizontalFlip(p=${s.flip === 1 ? '0.5' : '0.0'}),`,
    `    T.RandomRotation(${pyFloat(s.angle)}, interpolation=InterpolationMode.BILINEAR),`,
    `    T.ColorJitter(brightness=${pyFloat(s.brightness)}, contrast=${pyFloat(s.contrast)}, saturation=${pyFloat(s.saturation)}),`,
    '])',
    'torch.manual_seed(0)',
    `batch = torch.stack([augment(img) for _ in range(${s.count})])`,
    '',
    `# The page's ${s.count} samples (seed ${s.seed}), replayed with the parameters it drew:`,
    '# (left, top, flipped, angle in degrees, colour jitter in the order applied)',
    'plans = [',
    ...replay,
    ']',
    'adjust = {"brightness": TF.adjust_brightness, "contrast": TF.adjust_contrast, "saturation": TF.adjust_saturation}',
    'for i, (left, top, flipped, angle, jitter) in enumerate(plans, start=1):',
    `    x = TF.crop(img, top, left, ${crop.height}, ${crop.width})`,
    '    if flipped:',
    '        x = TF.hflip(x)',
    '    if angle != 0:',
    '        x = TF.rotate(x, angle, interpolation=InterpolationMode.BILINEAR)',
    '    for name, factor in jitter:',
    '        x = adjust[name](x, factor)',
    '    r, g, b = x.double().mean(dim=(1, 2)).tolist()',
    '    print(f"sample {i}: mean RGB ({r:.1f}, {g:.1f}, {b:.1f})")',
  ].join('\n');
}
