"""What language detection and duplicate finding add to `analysis prepare` on BBC, side by side.

Usage (from the project root; needs ../shared/data):
    .venv/bin/python benchmarks/prepare_overhead.py --before ../main/src --after src [--rounds 3]

Each round runs ``analysis prepare BBC --out TMP --force --workers 2`` once with the package
from ``--before`` on PYTHONPATH and once with ``--after`` (alternating, so a busy machine
slows both alike), and prints the median wall seconds of each and their ratio. It also times,
in this process with ``--after``, ``find_duplicates`` and ``detect_languages`` on the loaded
corpus (medians of the rounds).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def prepare_seconds(src: Path, corpus: Path, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src.resolve())}
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "analysis", "prepare", str(corpus), "--out", str(out), "--force", "--workers", "2"],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - started


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="src folder of the code before")
    parser.add_argument("--after", type=Path, default=ROOT / "src", help="src folder of the code after")
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "data" / "bbc_news")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args(argv)
    before, after = [], []
    with tempfile.TemporaryDirectory(prefix="prepare-overhead-") as tmp:
        for _ in range(args.rounds):
            before.append(prepare_seconds(args.before, args.corpus, Path(tmp) / "before"))
            after.append(prepare_seconds(args.after, args.corpus, Path(tmp) / "after"))
    b, a = statistics.median(before), statistics.median(after)
    print(f"prepare --workers 2, median of {args.rounds}: before {b:.2f} s, after {a:.2f} s, after/before {a / b:.2f}")

    sys.path.insert(0, str(args.after.resolve()))
    from analysis.duplicates import find_duplicates
    from analysis.language import detect_languages
    from analysis.load import load_articles

    articles, _ = load_articles(args.corpus)
    for name, work in (
        ("find_duplicates", lambda: find_duplicates(articles)),
        ("detect_languages", lambda: detect_languages(articles["text"])),
    ):
        seconds = []
        for _ in range(args.rounds):
            started = time.perf_counter()
            work()
            seconds.append(time.perf_counter() - started)
        print(f"{name} on {len(articles):,} articles: median {statistics.median(seconds):.2f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
