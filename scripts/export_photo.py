#!/usr/bin/python3
"""Writes public/data/chelsea.png: scikit-image's photo of Chelsea the cat (CC0, Stefan van der Walt),
downscaled to 256 px wide for the data-augmentation page, plus its licence note.

Run with Debian's interpreter (it sees python3-skimage):
    /usr/bin/python3 scripts/export_photo.py

Deterministic: the same skimage gives byte-identical output. The PNG is written by hand (IHDR, IDAT,
IEND only: no gamma or colour-profile chunks, so browsers decode the bytes unchanged). The page's
"PyTorch" code rebuilds the same pixels with `downscale(data.chelsea())` below.
"""
import pathlib
import struct
import zlib

import numpy as np
import skimage
from skimage import data, transform

WIDTH = 256
ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "public" / "data"


def downscale(img: np.ndarray) -> np.ndarray:
    """Bilinear resize with Gaussian anti-aliasing to WIDTH px wide, rounded to uint8."""
    height = round(img.shape[0] * WIDTH / img.shape[1])
    out = transform.resize(img, (height, WIDTH), order=1, anti_aliasing=True)
    return np.round(out * 255).astype(np.uint8)


def png_bytes(rgb: np.ndarray) -> bytes:
    h, w, c = rgb.shape
    assert c == 3 and rgb.dtype == np.uint8

    def chunk(kind: bytes, payload: bytes) -> bytes:
        return struct.pack(">I", len(payload)) + kind + payload + struct.pack(">I", zlib.crc32(kind + payload))

    raw = b"".join(b"\x00" + rgb[y].tobytes() for y in range(h))  # filter type 0 on every row
    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)  # 8-bit RGB, no interlace
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


LICENCE = """chelsea.png — "Chelsea the cat", from scikit-image's sample data (skimage.data.chelsea()).

Photographer: Stefan van der Walt.
Licence: CC0 1.0 Universal (public domain dedication). scikit-image documents it as
"No copyright restrictions. CC0 by the photographer (Stefan van der Walt)."
https://creativecommons.org/publicdomain/zero/1.0/

Source file: skimage/data/chelsea.png (451 × 300) in Debian's python3-skimage {version}.
This copy: downscaled to {w} × {h} by scripts/export_photo.py (bilinear, Gaussian anti-aliasing,
rounded to 8-bit RGB). No other changes.
"""


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    small = downscale(data.chelsea())
    h, w, _ = small.shape
    (OUT / "chelsea.png").write_bytes(png_bytes(small))
    (OUT / "chelsea.LICENSE.txt").write_text(LICENCE.format(version=skimage.__version__, w=w, h=h))
    print(f"wrote public/data/chelsea.png ({w}×{h}) and public/data/chelsea.LICENSE.txt")


if __name__ == "__main__":
    main()
