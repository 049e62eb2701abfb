"""How right the actor report's top actors are, against our own labels (tests/fixtures/actors_*_labels.csv).

The same pipeline as the report: mentions of every article, one actor per referent across the corpus
(``merge_variants``), demonyms and the publishing outlet left out (``counted_mentions``), the most
mentioned ``--top`` actors. Each is looked up in the labels (name -> true type, or "junk").

    .venv/bin/python benchmarks/actors_labels.py ../shared/data/bbc_news tests/fixtures/actors_bbc_labels.csv --top 150
    .venv/bin/python benchmarks/actors_labels.py ../shared/data/web_news_pages/html tests/fixtures/actors_web_labels.csv --top 30
"""

from __future__ import annotations

import argparse
import sys
import time

import pandas as pd

from analysis import actors
from analysis.load import load_articles
from analysis.tokens import split_sentences


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("labels")
    parser.add_argument("--top", type=int, default=150)
    args = parser.parse_args(argv)
    labels = pd.read_csv(args.labels, dtype=str, keep_default_na=False)
    labels = dict(zip(labels["name"], labels["true_type"]))
    articles, _ = load_articles(args.corpus)
    t0 = time.perf_counter()
    mentions = actors.find_mentions(articles, split_sentences(articles))
    outlets = actors.self_outlets(mentions)
    counted = actors.counted_mentions(actors.merge_variants(mentions), self_outlets=outlets)
    top = actors.actor_table(counted, n_boot=0).head(args.top)
    seconds = time.perf_counter() - t0
    verdict = [labels.get(a, "unlabelled") for a in top["actor"]]
    right = sum(v == t for v, t in zip(verdict, top["actor_type"]))
    junk = [a for a, v in zip(top["actor"], verdict) if v == "junk"]
    unlabelled = [a for a, v in zip(top["actor"], verdict) if v == "unlabelled"]
    wrong = [(a, t, v) for a, t, v in zip(top["actor"], top["actor_type"], verdict) if v not in (t, "unlabelled")]
    print(f"{len(articles):,} articles, publishing outlet: {outlets or 'none detected'}, {seconds:.1f} s")
    print(
        f"top {len(top)}: {right} typed right ({right / max(1, len(top)):.1%}), {len(junk)} junk, {len(unlabelled)} unlabelled"
    )
    for a, t, v in wrong:
        print(f"  wrong: {a!r} typed {t}, labelled {v}")
    for a in unlabelled:
        print(f"  unlabelled: {a!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
