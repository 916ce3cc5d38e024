#!/usr/bin/python3
"""Writes tests/fixtures/*.json: reference outputs computed by PyTorch and scikit-learn.

Run with Debian's interpreter (it sees python3-torch and python3-sklearn):
    /usr/bin/python3 scripts/make_fixtures.py      (or: npm run fixtures)

Each module in scripts/fixtures/ defines `make(rng) -> dict[str, object]`; every key becomes
tests/fixtures/<key>.json (a module with only `main()` is a standalone writer and is just run). The generator is seeded, so re-running gives byte-identical files.
"""
import importlib
import json
import pathlib
import sys
import zlib

import numpy as np
import torch

ROOT = pathlib.Path(__file__).resolve().parent.parent
OUT = ROOT / "tests" / "fixtures"


def main() -> None:
    torch.manual_seed(0)
    torch.set_default_dtype(torch.float64)
    sys.path.insert(0, str(ROOT / "scripts"))
    OUT.mkdir(parents=True, exist_ok=True)
    modules = sorted(p.stem for p in (ROOT / "scripts" / "fixtures").glob("*.py") if not p.stem.startswith("_"))
    for name in modules:
        mod = importlib.import_module(f"fixtures.{name}")
        if not hasattr(mod, "make"):
            # A standalone writer (e.g. vq_training.py) seeds itself and writes its own file.
            mod.main()
            continue
        # Seeded by the module's name, so adding a module never changes another's cases.
        rng = np.random.default_rng(zlib.crc32(name.encode()))
        torch.manual_seed(zlib.crc32(name.encode()))
        for key, value in mod.make(rng).items():
            path = OUT / f"{key}.json"
            path.write_text(json.dumps(value, indent=1, allow_nan=False) + "\n")
            print(f"wrote {path.relative_to(ROOT)}")
    print(f"torch {torch.__version__}")


if __name__ == "__main__":
    main()
