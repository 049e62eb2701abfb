"""Are two prepared corpora the same? Every Parquet table compared with ``DataFrame.equals``.

    python benchmarks/compare_prepared.py /tmp/side-by-side.XXX/v0 /tmp/side-by-side.XXX/v1

Prints one line per table and exits 1 if any differs (a speed change must not change results).
Part files are read in order, so the row order counts too; the manifests (timings, dates) are
not compared.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd


def tables(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.glob("*.parquet"))


def read(path: Path) -> pd.DataFrame:
    parts = sorted(path.glob("part-*.parquet")) if path.is_dir() else [path]
    return pd.concat([pd.read_parquet(p) for p in parts], ignore_index=True)


def main(before: Path, after: Path) -> int:
    names = tables(before)
    if names != tables(after):
        print(f"different tables: {names} / {tables(after)}")
        return 1
    differ = 0
    for name in names:
        a, b = read(before / name), read(after / name)
        same = a.equals(b)
        differ += not same
        print(f"{name}: {len(a):,} / {len(b):,} rows, {'equal' if same else 'DIFFERENT'}")
    problems = [(folder / "problems.csv").read_bytes() for folder in (before, after)]
    print(f"problems.csv: {'equal' if problems[0] == problems[1] else 'DIFFERENT'}")
    return 1 if differ or problems[0] != problems[1] else 0


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
