"""Word frequency on a corpus with very many categories (charts draw at most plots.MAX_GROUPS).

Copies the BBC articles into a temporary folder with ``--groups`` category sub-folders (article
i goes to category i mod groups; the copy lives under /tmp, never in the repository), runs the
word_frequency report on it and prints the seconds, the number of groups in terms_by_group.csv
and the panels drawn.

    .venv/bin/python benchmarks/many_groups.py [--data ../shared/data] [--groups 2000]
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from pathlib import Path

import pandas as pd

from analysis.run import run_reports


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[1].parent / "shared" / "data")
    parser.add_argument("--groups", type=int, default=2000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="analysis-many-groups-") as tmp:
        corpus = Path(tmp) / "corpus"
        files = sorted((args.data / "bbc_news").rglob("*.txt"))
        for i, file in enumerate(files):
            folder = corpus / f"group {i % args.groups:04d}"
            folder.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(file, folder / f"{i:05d}.txt")
        started = time.perf_counter()
        result = run_reports(
            corpus, Path(tmp) / "out", reports=["word_frequency"], cache_dir=Path(tmp) / "cache", log=None
        )
        seconds = time.perf_counter() - started
        report = result.reports[0]
        groups = pd.read_csv(Path(tmp) / "out" / "word_frequency" / "terms_by_group.csv")["group"].nunique()
        print(
            f"{len(files):,} articles in {args.groups:,} categories: word_frequency {report.status} in {report.seconds:.1f} s "
            f"(whole run with prepare {seconds:.1f} s); terms_by_group.csv holds {groups:,} groups"
        )


if __name__ == "__main__":
    main()
