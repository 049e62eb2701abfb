"""Cost of neutralising formula-like text in exported CSVs (report.spreadsheet_safe_frame).

Prepares ../shared/data/bbc_news once (into a cache under /tmp), then writes its sentences,
tokens and mentions tables to CSV part by part, as the reports do, both plainly
(``frame.to_csv``) and through ``Report.table_parts`` (neutralised), alternating, and prints the
median of ``--repeats`` rounds of each and their ratio; also how many cells were changed.

    .venv/bin/python benchmarks/csv_safety.py [--data ../shared/data] [--repeats 3]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis.prepare import Corpus, prepare_cached
from analysis.report import Report, spreadsheet_safe_frame


def plain(parts: list[pd.DataFrame], path: Path) -> None:
    with open(path, "w", newline="", encoding="utf-8") as handle:
        for i, frame in enumerate(parts):
            frame.to_csv(handle, index=False, header=i == 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "analysis-bench-csv-cache")
    args = parser.parse_args()

    corpus = Corpus(prepare_cached(args.data / "bbc_news", cache_dir=args.cache, progress=False).path)
    print(f"BBC: {corpus.manifest['counts']}")
    print("| table | rows | plain to_csv (median s) | neutralised (median s) | ratio | cells changed |")
    print("|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        for table in ("sentences", "tokens", "mentions"):
            parts = list(corpus.iter_parts(table))
            rows = sum(len(p) for p in parts)
            changed = sum(int((spreadsheet_safe_frame(p).astype(str) != p.astype(str)).to_numpy().sum()) for p in parts)
            times = {"plain": [], "safe": []}
            for _ in range(args.repeats):
                t0 = time.perf_counter()
                plain(parts, out / f"{table}-plain.csv")
                times["plain"].append(time.perf_counter() - t0)
                t0 = time.perf_counter()
                Report(out, "r").table_parts(iter(parts), table)
                times["safe"].append(time.perf_counter() - t0)
            a, b = statistics.median(times["plain"]), statistics.median(times["safe"])
            print(f"| {table} | {rows:,} | {a:.2f} | {b:.2f} | {b / a:.2f} | {changed:,} |")


if __name__ == "__main__":
    main()
