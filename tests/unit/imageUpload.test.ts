/** The reader's own image: the limits and the words every cell that takes one shows (src/cells/imageUpload.ts). */
import { describe, expect, it } from 'vitest';
import { acceptedText, refusalText, refuseFile, refuseSize, scaledSize, uploadHint, UPLOAD_LIMITS } from '../../src/cells/imageUpload';

describe('image upload', () => {
  it('refuses a file over the byte limit before decoding it, naming its size and the limit', () => {
    expect(refuseFile({ size: UPLOAD_LIMITS.maxBytes })).toBeNull();
    const r = refuseFile({ size: 11 * 1024 * 1024 })!;
    expect(refusalText(r, 'en')).toBe('The file is 11.0 MB, over the 10 MB limit. The previous image is kept.');
    expect(refusalText(r, 'zh')).toBe('文件大小为 11.0 MB，超过了 10 MB 的上限。仍使用之前的图片。');
  });

  it('refuses an image with too many pixels, and one with no size, naming the file', () => {
    expect(refuseSize(6000, 6000, 'a.png')).toBeNull();
    expect(refusalText(refuseSize(8000, 6000, 'a.png')!, 'en')).toBe('The image has 8000 × 6000 pixels, over the 40 megapixel limit. The previous image is kept.');
    expect(refusalText(refuseSize(8000, 6000, 'a.png')!, 'zh')).toBe('图片有 8000 × 6000 像素，超过了 4000 万像素的上限。仍使用之前的图片。');
    expect(refusalText(refuseSize(0, 0, 'notes.txt')!, 'zh')).toContain('（notes.txt）');
  });

  it('scales down to the longer side, never up, and never to zero', () => {
    expect(scaledSize(64, 48)).toEqual({ width: 64, height: 48 });
    expect(scaledSize(1024, 512)).toEqual({ width: 256, height: 128 });
    expect(scaledSize(10000, 1)).toEqual({ width: 256, height: 1 });
  });

  it('says what happened to an accepted file, with named numbers, in both languages', () => {
    const u = { name: 'cat.jpg', natural: { width: 1024, height: 512 }, width: 256, height: 128 };
    expect(acceptedText(u, 'en')).toBe('Your image “cat.jpg” (1024×512 → 256×128) is processed in this browser only; nothing was uploaded.');
    expect(acceptedText(u, 'zh')).toBe('你的图片“cat.jpg”（1024×512 → 256×128）只在本浏览器中处理，没有上传。');
    expect(uploadHint('zh')).toBe('只在你的浏览器里处理，绝不上传。最大 10 MB、4000 万像素；会缩小到长边 256 像素。');
    expect(uploadHint('en')).toBe('Processed in your browser only, never uploaded. At most 10 MB and 40 megapixels; scaled down to 256 px on the longer side.');
  });
});
