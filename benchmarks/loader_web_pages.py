"""Web pages through the loader: main-text word F1 against the reference text, titles, decoding.

Usage (the figures in docs/benchmarks.md, "Loader: reading what is there"):
    PYTHONPATH=src python benchmarks/loader_web_pages.py ../shared/data/web_news_pages [--titles]

Prints pages loaded, problems, mean and median bag-of-words F1 of each page's text (title
excluded) against reference_text/NAME.txt, and with --titles every title the site-suffix rule changed.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from collections import Counter
from pathlib import Path

from analysis.load import load_articles

WORD = re.compile(r"\w+")


def f1(found: str, reference: str) -> float:
    a, b = Counter(WORD.findall(found.lower())), Counter(WORD.findall(reference.lower()))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("folder", type=Path)
    parser.add_argument("--titles", action="store_true")
    args = parser.parse_args()
    articles, problems = load_articles(args.folder / "html")
    scores = []
    for row in articles.itertuples():
        reference = args.folder / "reference_text" / (Path(row.path).stem + ".txt")
        if reference.is_file():
            body = row.text[len(row.title) :]
            scores.append(f1(body, reference.read_text(encoding="utf-8", errors="replace")))
    print(
        f"pages loaded {len(articles)}, problems {len(problems)} "
        f"({', '.join(f'{k}: {v}' for k, v in Counter(problems.severity).items())})"
    )
    print(
        f"main-text word F1 over {len(scores)} pages: mean {statistics.mean(scores):.3f}, "
        f"median {statistics.median(scores):.3f}"
    )
    if args.titles:
        kept, _ = load_articles(args.folder / "html", strip_site_suffix=False)
        changed = [(a, b) for a, b in zip(kept.title, articles.title) if a != b]
        print(f"titles changed by the site-suffix rule: {len(changed)} of {len(articles)}")
        for before, after in changed:
            print(f"  {before!r} -> {after!r}")
    for row in problems.itertuples():
        print(f"  problem {row.path}: {row.severity}: {row.reason[:110]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
