/**
 * The reader's own image, as every cell that takes one accepts it (#12 §3 "one image source"): the
 * limits, and the words of a refusal and of an accepted file, in both languages. DOM-free, so the
 * hints the build prints and the messages the browser shows come from the same numbers; the
 * decoding itself is src/components/cell/imageSource.ts.
 */
import type { Lang } from '../i18n/ui';
import { formatNumber } from '../lib/format';
import { fill } from './define';

export interface UploadLimits {
  /** Largest file accepted (bytes): a phone photo fits, a raw scan does not. */
  maxBytes: number;
  /** Largest decoded size (pixels): decoding beyond it could exhaust a tab's memory. */
  maxPixels: number;
  /** The image is scaled down so that its longer side is at most this (like the page's photo). */
  maxSide: number;
}

export const UPLOAD_LIMITS: UploadLimits = { maxBytes: 10 * 1024 * 1024, maxPixels: 40_000_000, maxSide: 256 };

/** Why a file was refused, with the numbers its message names. */
export type UploadRefusal =
  | { reason: 'tooBig'; bytes: number }
  | { reason: 'tooManyPixels'; width: number; height: number }
  | { reason: 'notImage'; name: string };

/** An accepted file: its name and size, and the size it was scaled down to. */
export interface UploadedImage {
  name: string;
  natural: { width: number; height: number };
  width: number;
  height: number;
}

const words = {
  en: {
    hint: 'Processed in your browser only, never uploaded. At most {mb} MB and {mp} megapixels; scaled down to {side} px on the longer side.',
    tooBig: 'The file is {size} MB, over the {mb} MB limit. The previous image is kept.',
    tooManyPixels: 'The image has {w} × {h} pixels, over the {mp} megapixel limit. The previous image is kept.',
    notImage: 'This file could not be decoded as an image ({name}). Please pick a PNG, JPEG, GIF or WebP; the previous image is kept.',
    accepted: 'Your image “{name}” ({w}×{h} → {w2}×{h2}) is processed in this browser only; nothing was uploaded.',
  },
  zh: {
    hint: '只在你的浏览器里处理，绝不上传。最大 {mb} MB、{wan} 万像素；会缩小到长边 {side} 像素。',
    tooBig: '文件大小为 {size} MB，超过了 {mb} MB 的上限。仍使用之前的图片。',
    tooManyPixels: '图片有 {w} × {h} 像素，超过了 {wan} 万像素的上限。仍使用之前的图片。',
    notImage: '无法把这个文件解码为图片（{name}）。请选择 PNG、JPEG、GIF 或 WebP；仍使用之前的图片。',
    accepted: '你的图片“{name}”（{w}×{h} → {w2}×{h2}）只在本浏览器中处理，没有上传。',
  },
} as const;

const MIB = 1024 * 1024;
const limitWords = (l: UploadLimits) => ({
  mb: formatNumber(l.maxBytes / MIB, { digits: 0 }),
  mp: formatNumber(l.maxPixels / 1e6, { digits: 0 }),
  /** Chinese counts large numbers in 万 (10⁴): 4000 万像素, not 40 百万像素. */
  wan: formatNumber(l.maxPixels / 1e4, { digits: 0 }),
  side: String(l.maxSide),
});

/** The hint under a file input: where the image goes and the limits. */
export function uploadHint(lang: Lang, limits: UploadLimits = UPLOAD_LIMITS): string {
  const l = limitWords(limits);
  return lang === 'zh' ? fill(words.zh.hint, { mb: l.mb, wan: l.wan, side: l.side }) : fill(words.en.hint, { mb: l.mb, mp: l.mp, side: l.side });
}

export function refusalText(r: UploadRefusal, lang: Lang, limits: UploadLimits = UPLOAD_LIMITS): string {
  const w = words[lang];
  const l = limitWords(limits);
  if (r.reason === 'tooBig') return fill(w.tooBig, { size: formatNumber(r.bytes / MIB, { digits: 1 }), mb: l.mb });
  if (r.reason === 'tooManyPixels') return lang === 'zh'
    ? fill(words.zh.tooManyPixels, { w: r.width, h: r.height, wan: l.wan })
    : fill(words.en.tooManyPixels, { w: r.width, h: r.height, mp: l.mp });
  return fill(w.notImage, { name: r.name.slice(0, 80) });
}

export function acceptedText(u: UploadedImage, lang: Lang): string {
  return fill(words[lang].accepted, { name: u.name.slice(0, 80), w: u.natural.width, h: u.natural.height, w2: u.width, h2: u.height });
}

/** The size an image of `width × height` is scaled down to (never up). */
export function scaledSize(width: number, height: number, limits: UploadLimits = UPLOAD_LIMITS): { width: number; height: number } {
  const scale = Math.min(1, limits.maxSide / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** A file's refusal before decoding (its size), or null. */
export function refuseFile(file: { size: number }, limits: UploadLimits = UPLOAD_LIMITS): UploadRefusal | null {
  return file.size > limits.maxBytes ? { reason: 'tooBig', bytes: file.size } : null;
}

/** A decoded image's refusal (its pixel count), or null. */
export function refuseSize(width: number, height: number, name: string, limits: UploadLimits = UPLOAD_LIMITS): UploadRefusal | null {
  if (!(width > 0 && height > 0)) return { reason: 'notImage', name };
  return width * height > limits.maxPixels ? { reason: 'tooManyPixels', width, height } : null;
}
