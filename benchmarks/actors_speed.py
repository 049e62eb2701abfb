"""CPU seconds of ``find_mentions`` on a corpus: the first call (resources load) and the median of 3 runs.

CPU time, not wall time, so other work on a shared machine moves the figures less. Compare two
versions of the package side by side by pointing PYTHONPATH at each one's source:

    PYTHONPATH=/tmp/base/src .venv/bin/python benchmarks/actors_speed.py ../shared/data/bbc_news
    PYTHONPATH=src .venv/bin/python benchmarks/actors_speed.py ../shared/data/bbc_news
"""

from __future__ import annotations

import sys
import time

from analysis import actors
from analysis.load import load_articles
from analysis.tokens import split_sentences


def main(argv=None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    articles, _ = load_articles(argv[0] if argv else "../shared/data/bbc_news")
    sentences = split_sentences(articles)
    first = articles.head(1)
    t0 = time.process_time()
    actors.find_mentions(first, sentences[sentences["doc_id"] == first["doc_id"].iloc[0]])
    load = time.process_time() - t0
    runs = []
    for _ in range(3):
        t0 = time.process_time()
        actors.find_mentions(articles, sentences)
        runs.append(time.process_time() - t0)
    runs.sort()
    print(
        f"{actors.__file__}: first call {load:.2f} s CPU; find_mentions on {len(articles):,} articles: "
        f"median {runs[1]:.2f} s CPU (runs {', '.join(f'{r:.2f}' for r in runs)})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
