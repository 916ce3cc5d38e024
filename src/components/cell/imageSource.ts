/**
 * The one image source of the cells that show a picture (#12 §3): the page's photo decoded to RGBA,
 * and the reader's own file — checked against src/cells/imageUpload.ts's limits, decoded and scaled
 * down locally (nothing is uploaded), refused with a message in the reader's language that keeps the
 * previous image. Decoding asks for the file's own pixels (no colour-space conversion, no
 * premultiplied alpha), so the numbers a cell prints are those of the file, as in Python.
 */
import type { RgbaImage } from '../../lib/augment';
import type { Lang } from '../../i18n/ui';
import {
  acceptedText, refusalText, refuseFile, refuseSize, scaledSize, UPLOAD_LIMITS, type UploadedImage,
} from '../../cells/imageUpload';

/** Loads an image URL far enough to know its size (the browser decodes its pixels later). */
function loadImage(url: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const el = new Image();
    el.onload = () => resolve(el);
    el.onerror = () => reject(new Error(`could not load ${url}`));
    el.src = url;
  });
}

/** An image element's pixels at the given size. */
async function toRgba(el: HTMLImageElement, width: number, height: number): Promise<RgbaImage> {
  const bitmap = await createImageBitmap(el, {
    resizeWidth: width, resizeHeight: height, resizeQuality: 'high', colorSpaceConversion: 'none', premultiplyAlpha: 'none',
  });
  try {
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(bitmap, 0, 0);
    return { width, height, data: ctx.getImageData(0, 0, width, height).data };
  } finally {
    bitmap.close();
  }
}

/** The pixels of an image the site serves (the page's photo), at its own size. */
export async function decodeUrl(url: string): Promise<RgbaImage> {
  const el = await loadImage(url);
  return toRgba(el, el.naturalWidth, el.naturalHeight);
}

/** Paints RGBA pixels onto a canvas, resizing it to them. */
export function paintRgba(canvas: HTMLCanvasElement, img: RgbaImage): void {
  canvas.width = img.width;
  canvas.height = img.height;
  const data = new ImageData(img.width, img.height);
  data.data.set(img.data);
  canvas.getContext('2d')!.putImageData(data, 0, 0);
}

export interface ImageUploadOptions {
  lang: Lang;
  /** The `<input type="file">`. */
  input: HTMLInputElement;
  /** Shown while the reader's image is in use; clicking it goes back to the page's photo. */
  reset: HTMLButtonElement;
  /** Where the refusal (or the accepted file's line) is written. */
  status: HTMLElement;
  /** Says whether an accepted file is named in `status` (a cell may show it elsewhere). */
  announce?: boolean;
  /** The reader's image, or null when the reader goes back to the photo. */
  onImage: (image: RgbaImage | null, info: UploadedImage | null) => void;
}

/** Wires a file input and its reset button: the reader's image in, refusals out. */
export function mountImageUpload(o: ImageUploadOptions): void {
  const refuse = (text: string) => {
    o.status.textContent = text;
    o.input.value = '';
  };
  o.input.addEventListener('change', async () => {
    const file = o.input.files?.[0];
    if (!file) return;
    o.status.textContent = '';
    const tooBig = refuseFile(file);
    if (tooBig) return refuse(refusalText(tooBig, o.lang));
    const url = URL.createObjectURL(file);
    try {
      let el: HTMLImageElement;
      try {
        el = await loadImage(url);
      } catch {
        return refuse(refusalText({ reason: 'notImage', name: file.name }, o.lang));
      }
      const refusal = refuseSize(el.naturalWidth, el.naturalHeight, file.name);
      if (refusal) return refuse(refusalText(refusal, o.lang));
      const size = scaledSize(el.naturalWidth, el.naturalHeight, UPLOAD_LIMITS);
      const image = await toRgba(el, size.width, size.height);
      const info: UploadedImage = { name: file.name, natural: { width: el.naturalWidth, height: el.naturalHeight }, ...size };
      if (o.announce !== false) o.status.textContent = acceptedText(info, o.lang);
      o.reset.hidden = false;
      o.onImage(image, info);
    } catch (e) {
      refuse(e instanceof Error ? e.message : String(e));
    } finally {
      URL.revokeObjectURL(url);
    }
  });
  o.reset.addEventListener('click', () => {
    o.status.textContent = '';
    o.input.value = '';
    o.reset.hidden = true;
    o.onImage(null, null);
    o.input.focus(); // the button hides itself: focus goes to the control it belongs to
  });
}
