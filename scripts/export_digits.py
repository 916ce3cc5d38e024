#!/usr/bin/python3
"""Exports scikit-learn's 8×8 digits (UCI Optical Recognition of Handwritten Digits) to public/data/digits.json.

Run with the Debian Python that sees python3-sklearn:

    /usr/bin/python3 scripts/export_digits.py

It reads the file scikit-learn ships, sklearn/datasets/data/digits.csv.gz (1797 rows of 64 pixel
counts 0..16 and the digit), checks it against `load_digits()`, and writes all 1,797 samples exactly
as shipped: raw integers, no scaling, no floats, one image per line. The "Does it help?" lab divides by
16 itself (src/lib/digits.ts, `parseDigits`), the same x / 16 as tests/fixtures/digits_sample.json.

The lab page reads the file twice: at build time by `import` and in the browser with fetch under the
site's base path. Attribution and licence (CC BY 4.0): public/data/digits.LICENSE.txt.
"""
import gzip
import hashlib
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_digits

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "public", "data", "digits.json")
SOURCE = os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data", "digits.csv.gz")
LICENCE = (
    "Optical Recognition of Handwritten Digits (Alpaydin & Kaynak, UCI Machine Learning "
    "Repository, doi:10.24432/C50P49): CC BY 4.0; see digits.LICENSE.txt"
)


def read_rows(path):
    with gzip.open(path, "rt") as f:
        return [[int(float(v)) for v in line.split(",")] for line in f if line.strip()]


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    rows = read_rows(SOURCE)
    assert len(rows) == 1797 and all(len(r) == 65 for r in rows)
    data = [r[:64] for r in rows]
    target = [r[64] for r in rows]
    assert all(0 <= v <= 16 for r in data for v in r)
    assert all(0 <= t <= 9 for t in target)

    # The same numbers scikit-learn's loader returns.
    d = load_digits()
    assert np.array_equal(np.asarray(data, dtype=np.float64), d.data)
    assert np.array_equal(np.asarray(target), d.target)

    head = {
        "name": "digits",
        "description": "1,797 handwritten digits as 8×8 images (scikit-learn's load_digits(), a copy of the "
        "test set of the UCI Optical Recognition of Handwritten Digits data set). data[i] is image i, "
        "64 pixel counts 0–16 row by row (divide by 16 for [0, 1]); target[i] is its digit 0–9.",
        "source": "scikit-learn " + sklearn.__version__ + " sklearn/datasets/data/digits.csv.gz "
        "(= sklearn.datasets.load_digits()); original data: https://doi.org/10.24432/C50P49",
        "licence": LICENCE,
        "sha256": {"digits.csv.gz": sha256(SOURCE)},
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        # One image per line: small, and diffs stay readable.
        text = json.dumps(head, indent=1, ensure_ascii=False)[:-2]
        text += ',\n "shape": ' + json.dumps([len(data), 64])
        text += ',\n "target": ' + json.dumps(target, separators=(",", ":"))
        text += ',\n "data": [\n  ' + ",\n  ".join(json.dumps(r, separators=(",", ":")) for r in data) + "\n ]\n}\n"
        f.write(text)
    back = json.loads(open(OUT).read())  # round-trips
    assert back["data"] == data and back["target"] == target
    print(f"wrote {OUT}: {len(data)} images, {os.path.getsize(OUT)} bytes")


if __name__ == "__main__":
    main()
