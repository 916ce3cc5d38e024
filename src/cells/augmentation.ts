/**
 * The data-augmentation cell: random crop → horizontal flip → rotation → colour jitter, seeded. One
 * declared cell (src/cells/define.ts): the photo is its image data file (public/data/chelsea.png,
 * decoded to the same bytes at build time and in the browser; the reader may use their own, read
 * locally), and `augmentationView(state, lang, image)` turns the parameters and that picture into
 * every string the cell shows — the parameters each sample drew (`planAugmentSamples`), the
 * substituted formulas, the contrast formula's mean gray level m, the PyTorch code — and the plans
 * src/components/charts/augmentation.ts paints onto the sample canvases (`applyAugmentPlan`). So the
 * build-time page holds every number; only the pictures wait for the browser. The markup the layout
 * cannot describe (the photo with its licence, the grid, the transforms) is in three slots
 * (src/components/data-augmentation/).
 */
import {
  adjustBrightness, adjustSaturation, planAugmentSamples,
  type AugmentPlan, type AugmentSamplesOptions, type RgbaImage, type Size,
} from '../lib/augment';
import { cropSizeFor, grayOf, jitterFactorRange, meanGray, rotationMatrix, rotationSource } from '../lib/augmentPlan';
import { formatNumber as fmt, formatTyped as typed } from '../lib/format';
import type { Schema, StateOf } from '../lib/query';
import type { Lang } from '../i18n/ui';
import { defineCell, fill, type DecodedImage } from './define';
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

/** The page's photo, under public/: scikit-image's Chelsea the cat (CC0), 256 px wide (scripts/export_photo.py). */
export const PHOTO_FILE = 'data/chelsea.png';
/** Its licence, beside it. */
export const PHOTO_LICENCE_FILE = 'data/chelsea.LICENSE.txt';
/** The example pixel the colour formulas are worked on (a warm fur tone). */
export const EXAMPLE_RGB = [200, 120, 60] as const;

/** Which picture the samples are made from, and its size (what the formulas and the code need). */
export interface ImageSource {
  kind: 'photo' | 'upload';
  width: number;
  height: number;
}

/** The picture as the cell computes on it: its pixels, which one it is, and its mean gray level. */
export interface AugmentationImage extends ImageSource, RgbaImage {
  /** Tells one picture from another (the file's path, or `upload-<n>`). */
  id: string;
  /** m of the contrast formula, over the whole picture (computed once per picture, not per edit). */
  meanGray: number;
}

/** The image data file's parse: the decoded bytes, the page's photo or the reader's own. */
export function augmentationImage(img: DecodedImage): AugmentationImage {
  const rgba: RgbaImage = { width: img.width, height: img.height, data: img.data };
  return {
    ...rgba, kind: img.source === 'file' ? 'photo' : 'upload', id: img.id, meanGray: meanGray(rgba),
  };
}

/** The slots the view fills (the layout and the slot components name them). */
type TextSlot =
  | 'source' | 'cropSize' | 'cropCorner' | 'flipRule' | 'angleRange' | 'rotationMatrix' | 'rotationCorner'
  | 'brightnessRange' | 'brightnessExample' | 'contrastRange' | 'meanGray' | 'saturationRange' | 'grayExample'
  | 'saturationExample' | 'gridDescription' | 'summary' | 'pytorch';

export interface AugmentationView {
  text: Record<TextSlot, string>;
  rows: { samples: string[][] };
  /** The picture the canvases are painted from. */
  image: AugmentationImage;
  /** Per sample: what it drew (painted by `applyAugmentPlan`) and its canvas's label; the crop size. */
  samples: { plans: AugmentPlan[]; labels: string[]; crop: Size };
}

type OpName = 'brightness' | 'contrast' | 'saturation';

/** Shared by the three colour fields. */
const jitterHint = { zh: '因子在 [max(0, 1 − v), 1 + v] 内抽取', en: 'Factor drawn from [max(0, 1 − v), 1 + v]' } as const;

/** Every word the cell shows; `{name}` marks a value the view (or the painter) fills in (see `fill`). */
const words = {
  zh: {
    title: '实时单元：随机裁剪、翻转、旋转与颜色抖动',
    fields: {
      angle: { label: '最大旋转角（度）', hint: 'θ 在 [−角度, 角度] 内均匀抽取' },
      crop: { label: '裁剪比例', hint: '裁剪框的边长 = 比例 × 图像边长' },
      flip: { label: '随机左右翻转（p = 0.5）', hint: 'URL 中 flip=1 或 0' },
      brightness: { label: '亮度抖动', hint: jitterHint.zh },
      contrast: { label: '对比度抖动', hint: jitterHint.zh },
      saturation: { label: '饱和度抖动', hint: jitterHint.zh },
      seed: { label: '随机种子', hint: '同一种子给出同样的样本' },
      count: { label: '样本数' },
    },
    alt: '一只橘色虎斑猫（Chelsea）正对镜头，背景是模糊的室内',
    licence: '许可（CC0）',
    useOwn: '换成你自己的图片',
    usePhoto: '换回猫咪照片',
    yourImage: '你的图片（缩小后）',
    transforms: '每种变换，代入当前数字',
    cropT: '随机裁剪', flipT: '水平翻转', rotT: '旋转', brightT: '亮度', contrT: '对比度', satT: '饱和度',
    order: '颜色抖动的三个操作按随机顺序执行（与 torchvision 的 ColorJitter 相同）；示例像素 p = (200, 120, 60)。',
    contrastFormula: 'clamp(c·p + (1 − c)·m, 0, 255)，m = 图像的平均灰度 =',
    tableCaption: '每个样本抽到的参数',
    colSample: '样本', colCrop: '裁剪框左上角 (x, y)', colFlip: '翻转', colAngle: '旋转 θ', colJitter: '颜色抖动（按执行顺序）',
    sampleMean: '#{i} · 平均 RGB ({rgb})',
    photoSource: '照片：猫咪 Chelsea（scikit-image 示例数据，CC0），{w} × {h} 像素',
    uploadSource: '你的图片：已在浏览器里缩放到 {w} × {h} 像素，从未上传',
    yes: '是', no: '否',
    short: { brightness: '亮度', contrast: '对比度', saturation: '饱和度' },
    off: '关闭',
    flipOn: '以概率 p = 0.5 左右翻转：x ↦ W − 1 − x = {w1} − x',
    flipOff: '关闭（flip = 0）',
    inside: '在裁剪图内部，双线性插值取值',
    outside: '落在裁剪图外：透明（torchvision 中为 0，即黑色）',
    corner: 'θ = {theta}° 时，输出左上角像素 (0, 0) 取自输入的 {src}：{where}',
    grid: '{n} 个增强样本（种子 {seed}）：每个都是随机裁剪 {crop}{flip}、旋转 θ ∈ [−{angle}°, {angle}°]，再做颜色抖动。下表列出每个样本抽到的参数。',
    gridFlip: '、以 ½ 概率左右翻转',
    label: '样本 {i}：裁剪 {crop}，{flipped}旋转 {deg}°，{jitter}',
    labelFlipped: '左右翻转，',
  },
  en: {
    title: 'Live cell: random crop, flip, rotation and colour jitter',
    fields: {
      angle: { label: 'Largest rotation (degrees)', hint: 'θ is drawn uniformly from [−angle, angle]' },
      crop: { label: 'Crop fraction', hint: 'Each side of the crop = fraction × the image side' },
      flip: { label: 'Random left–right flip (p = 0.5)', hint: 'flip=1 or 0 in the URL' },
      brightness: { label: 'Brightness jitter', hint: jitterHint.en },
      contrast: { label: 'Contrast jitter', hint: jitterHint.en },
      saturation: { label: 'Saturation jitter', hint: jitterHint.en },
      seed: { label: 'Seed', hint: 'The same seed gives the same samples' },
      count: { label: 'Samples' },
    },
    alt: 'An orange tabby cat (Chelsea) looking into the camera, blurred room behind',
    licence: 'licence (CC0)',
    useOwn: 'Use your own image',
    usePhoto: 'Back to the cat photo',
    yourImage: 'Your image (scaled down)',
    transforms: 'Each transform, with the current numbers',
    cropT: 'Random crop', flipT: 'Horizontal flip', rotT: 'Rotation', brightT: 'Brightness', contrT: 'Contrast', satT: 'Saturation',
    order: 'The three colour operations run in a random order (as torchvision’s ColorJitter); example pixel p = (200, 120, 60).',
    contrastFormula: 'clamp(c·p + (1 − c)·m, 0, 255), m = mean gray level of the image =',
    tableCaption: 'What each sample drew',
    colSample: 'Sample', colCrop: 'Crop corner (x, y)', colFlip: 'Flipped', colAngle: 'Rotation θ', colJitter: 'Colour jitter (in the order applied)',
    sampleMean: '#{i} · mean RGB ({rgb})',
    photoSource: 'Photo: Chelsea the cat (scikit-image sample data, CC0), {w} × {h} pixels',
    uploadSource: 'Your image: scaled to {w} × {h} pixels in your browser, never uploaded',
    yes: 'yes', no: 'no',
    short: { brightness: 'brightness', contrast: 'contrast', saturation: 'saturation' },
    off: 'off',
    flipOn: 'flip left–right with probability p = 0.5: x ↦ W − 1 − x = {w1} − x',
    flipOff: 'off (flip = 0)',
    inside: 'inside the crop, read by bilinear interpolation',
    outside: 'outside the crop: transparent (0, i.e. black, in torchvision)',
    corner: 'at θ = {theta}°, the output’s top-left pixel (0, 0) is read from input {src}: {where}',
    grid: '{n} augmented copies (seed {seed}): each a random {crop} crop{flip}, rotated by θ ∈ [−{angle}°, {angle}°] and colour-jittered. The table lists what each one drew.',
    gridFlip: ', flipped left–right with probability ½',
    label: 'Sample {i}: crop {crop}, {flipped}rotated {deg}°, {jitter}',
    labelFlipped: 'flipped, ',
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

export function augmentationView(s: AugmentationState, lang: Lang, image: AugmentationImage): AugmentationView {
  const w = words[lang];
  const size = { width: image.width, height: image.height };
  const crop = cropSizeFor(size, s.crop);
  const plans = planAugmentSamples(size, augmentationOptions(s, size));
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
    const deg = fmt(p.degrees, { digits: 1 });
    const jitter = p.jitter.order.map((name) => `${w.short[name]} ${f2(p.jitter[name])}`).join(' → ');
    return {
      row: [`#${i + 1}`, corner, p.flipped ? w.yes : w.no, `${deg}°`, jitter],
      label: fill(w.label, { i: i + 1, crop: `${corner} ${box.width}×${box.height}`, flipped: p.flipped ? w.labelFlipped : '', deg, jitter }),
    };
  });
  const grid = fill(w.grid, { n: s.count, seed: s.seed, crop: cropText, flip: s.flip === 1 ? w.gridFlip : '', angle });

  return {
    text: {
      source: fill(image.kind === 'photo' ? w.photoSource : w.uploadSource, { w: image.width, h: image.height }),
      cropSize: `round(${typed(s.crop)} × ${image.width}) × round(${typed(s.crop)} × ${image.height}) = ${cropText}`,
      cropCorner: `x ∈ {0, …, ${image.width - crop.width}}, y ∈ {0, …, ${image.height - crop.height}}`,
      flipRule: s.flip === 1 ? fill(w.flipOn, { w1: crop.width - 1 }) : w.flipOff,
      angleRange: s.angle === 0 ? `θ = 0 (${w.off})` : `θ ~ U(−${angle}°, ${angle}°)`,
      rotationMatrix:
        `R(${angle}°) = [[cos ${angle}°, −sin ${angle}°], [sin ${angle}°, cos ${angle}°]] = ` +
        `[[${f4(R[0][0])}, ${f4(R[0][1])}], [${f4(R[1][0])}, ${f4(R[1][1])}]]`,
      rotationCorner:
        `c + R(${angle}°)·((0, 0) − c), c = ${centre} → ` +
        fill(w.corner, { theta: angle, src: `(${f2(src[0])}, ${f2(src[1])})`, where: inside ? w.inside : w.outside }),
      brightnessRange: rangeText('brightness', 'b'),
      brightnessExample: `clamp(b·p, 0, 255): ${rgbText(example)} → ${exampleAt(adjustBrightness, 'brightness', 'b')}`,
      contrastRange: rangeText('contrast', 'c'),
      meanGray: f2(image.meanGray),
      saturationRange: rangeText('saturation', 's'),
      grayExample: `L = ${grayTerms(EXAMPLE_RGB)} = ${f2(gray)} → ${Math.trunc(gray)}`,
      saturationExample: `clamp(s·p + (1 − s)·L, 0, 255): ${rgbText(example)} → ${exampleAt(adjustSaturation, 'saturation', 's')}`,
      gridDescription: grid,
      summary: grid,
      pytorch: augmentationPytorch(s, image, plans),
    },
    rows: { samples: samples.map((x) => x.row) },
    image,
    samples: { plans, labels: samples.map((x) => x.label), crop },
  };
}

function grayTerms(rgb: readonly number[]): string {
  return `0.2989·${rgb[0]} + 0.587·${rgb[1]} + 0.114·${rgb[2]}`;
}

export const cell = defineCell({
  id: 'augmentation',
  prefix: 'da',
  schema: augmentationSchema,
  paramOf: augmentationParamOf,
  words,
  data: { file: PHOTO_FILE, image: true, parse: augmentationImage },
  layout: [
    { slot: 'photo' },
    { upload: 'useOwn', reset: 'usePhoto' },
    {
      fields: [
        'angle', 'crop', { param: 'flip', control: 'switch' }, 'brightness', 'contrast', 'saturation',
        { param: 'seed', slider: false }, 'count',
      ],
    },
    { slot: 'samples' },
    { table: 'samples', caption: 'tableCaption', head: ['colSample', 'colCrop', 'colFlip', 'colAngle', 'colJitter'] },
    { heading: 'transforms' },
    { slot: 'transforms' },
    { hint: 'order' },
    { code: 'pytorch' },
  ],
  view: (s, lang, _resource, image) => augmentationView(s, lang, image),
});

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
