#!/usr/bin/python3
"""Exports scikit-learn's diabetes data set (Efron et al. 2004) to public/data/diabetes.json.

Run with the Debian Python that sees python3-sklearn:

    /usr/bin/python3 scripts/export_diabetes.py

It reads the raw (unscaled) files scikit-learn ships, diabetes_data_raw.csv.gz and
diabetes_target.csv.gz, checks them against `load_diabetes(scaled=False)`, and writes the 442 rows
exactly as shipped (no rounding, no scaling): the page standardizes the columns itself with
src/lib's `standardize` (X − mean, then / X.std(0)), the convention of docs/reference-semantics.md.

The L1/L2 page reads the file twice: at build time by `import` (the HTML is complete without
JavaScript) and in the browser with fetch under the site's base path.
"""
import gzip
import hashlib
import json
import os

import numpy as np
import sklearn
from sklearn.datasets import load_diabetes

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
OUT = os.path.join(ROOT, "public", "data", "diabetes.json")
DATA_DIR = os.path.join(os.path.dirname(sklearn.__file__), "datasets", "data")
FEATURES = ["age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"]


def read_rows(path):
    with gzip.open(path, "rt") as f:
        return [line.split() for line in f if line.strip()]


def number(text):
    """The shipped value as a JSON number: an int when it is one (e.g. "59", "101.0"), else a float."""
    x = float(text)
    return int(x) if x.is_integer() else x


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    data_path = os.path.join(DATA_DIR, "diabetes_data_raw.csv.gz")
    target_path = os.path.join(DATA_DIR, "diabetes_target.csv.gz")
    X = [[number(v) for v in row] for row in read_rows(data_path)]
    y = [number(row[0]) for row in read_rows(target_path)]
    assert len(X) == len(y) == 442 and all(len(r) == 10 for r in X)

    # The same numbers scikit-learn's loader returns.
    d = load_diabetes(scaled=False)
    assert list(d.feature_names) == FEATURES
    assert np.array_equal(np.asarray(X, dtype=np.float64), d.data)
    assert np.array_equal(np.asarray(y, dtype=np.float64), d.target)

    out = {
        "name": "diabetes",
        "description": "442 diabetes patients: 10 baseline variables and a quantitative measure of "
        "disease progression one year after baseline (Efron, Hastie, Johnstone & Tibshirani 2004).",
        "source": "scikit-learn " + sklearn.__version__ + " sklearn/datasets/data/diabetes_data_raw.csv.gz, "
        "diabetes_target.csv.gz (= sklearn.datasets.load_diabetes(scaled=False)); original data: "
        "https://www4.stat.ncsu.edu/~boos/var.select/diabetes.html",
        "license": "see diabetes.LICENSE.txt",
        "sha256": {"diabetes_data_raw.csv.gz": sha256(data_path), "diabetes_target.csv.gz": sha256(target_path)},
        "feature_names": FEATURES,
        "feature_descriptions": {
            "age": "age in years", "sex": "sex (coded 1 / 2)", "bmi": "body mass index",
            "bp": "average blood pressure", "s1": "tc, total serum cholesterol",
            "s2": "ldl, low-density lipoproteins", "s3": "hdl, high-density lipoproteins",
            "s4": "tch, total cholesterol / HDL", "s5": "ltg, possibly log of serum triglycerides level",
            "s6": "glu, blood sugar level",
        },
        "target": "disease progression one year after baseline",
        "X": X,
        "y": y,
    }
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        # One row per line: small, and diffs stay readable.
        head = {k: v for k, v in out.items() if k not in ("X", "y")}
        text = json.dumps(head, indent=1)[:-2]
        rows = ",\n  ".join(json.dumps(r, separators=(",", ":")) for r in X)
        text += ',\n "X": [\n  ' + rows + "\n ],\n"
        text += ' "y": ' + json.dumps(y, separators=(",", ":")) + "\n}\n"
        f.write(text)
    json.loads(open(OUT).read())  # round-trips
    print(f"wrote {OUT}: {len(X)} rows")


if __name__ == "__main__":
    main()
