"""Time load_articles on the BBC corpus (or any corpus) and check its problem counts.

    python benchmarks/load_bbc.py                      # ../shared/data/bbc_news, 3 runs
    python benchmarks/load_bbc.py /tmp/reuters --runs 1

Prints the best wall time of the runs (the first run also pays for the OS file cache),
the article and problem counts, and the problems grouped by kind.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared" / "data"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=SHARED / "bbc_news")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--drop-duplicates", action="store_true")
    args = parser.parse_args()

    started = time.perf_counter()
    from analysis.load import load_articles

    imported = time.perf_counter() - started
    times = []
    for _ in range(args.runs):
        t0 = time.perf_counter()
        articles, problems = load_articles(args.corpus, drop_duplicates=args.drop_duplicates)
        times.append(time.perf_counter() - t0)
    kinds = problems.reason.str.extract(r"^([^(;]*)")[0].str.replace(r" of '.*", "", regex=True).str.strip()
    print(f"corpus: {args.corpus}")
    print(f"import: {imported:.2f} s; load: best {min(times):.2f} s, runs {', '.join(f'{t:.2f}' for t in times)}")
    print(f"articles: {len(articles):,}; problems: {len(problems):,}")
    for (severity, kind), count in problems.groupby([problems.severity, kinds]).size().items():
        print(f"  {severity:7} {count:6,}  {kind}")


if __name__ == "__main__":
    main()
