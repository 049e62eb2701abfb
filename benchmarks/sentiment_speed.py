"""Sentence scoring speed: stock NLTK VADER per sentence against ours, side by side.

Scores every sentence of ../shared/data/bbc_news with
  - NLTK: ``SentimentIntensityAnalyzer.polarity_scores`` per sentence (the project's lexicon),
  - vaderSentiment: the reference package's own analyzer per sentence (for scale only:
    its rules differ slightly from NLTK's, so its scores are not ours),
  - ours: ``analysis.sentiment.vader_scores`` in one process, with cold caches each run,
  - ours on both cores (``workers=2``),
takes the median of ``--repeats`` runs of each, prints sentences per second and the ratio
to NLTK, and checks that our scores equal NLTK's (max absolute difference).

    .venv/bin/python benchmarks/sentiment_speed.py [--data ../shared/data] [--repeats 3]
"""

from __future__ import annotations

import argparse
import platform
import re
import statistics
import time
from pathlib import Path

import numpy as np

from analysis import sentiment, vader

KEYS = ("neg", "neu", "pos", "compound")


def bbc_sentences(folder: Path) -> list[str]:
    """Sentences as the project splits them when the tokens module is there, else a plain split."""
    try:
        from analysis.load import load_articles
        from analysis.tokens import split_sentences

        articles, _ = load_articles(folder)
        return split_sentences(articles)["text"].tolist()
    except ImportError:
        texts = []
        for path in sorted(folder.rglob("*.txt")):
            for paragraph in path.read_bytes().decode("utf-8", errors="replace").split("\n"):
                texts.extend(s for s in re.split(r"(?<=[.!?])\s+", paragraph.strip()) if s)
        return texts


def timed(run, repeats: int) -> tuple[float, object]:
    seconds, result = [], None
    for _ in range(repeats):
        start = time.perf_counter()
        result = run()
        seconds.append(time.perf_counter() - start)
    return statistics.median(seconds), result


def ours(texts, workers=1):
    def run():
        vader._scorer.cache_clear()  # cold: every run analyses its tokens afresh
        return sentiment.vader_scores(texts, workers=workers, min_per_worker=1000)

    return run


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    default = Path(__file__).resolve().parents[1].parent / "shared" / "data"
    parser.add_argument("--data", type=Path, default=default, help="the shared data folder")
    parser.add_argument("--repeats", type=int, default=3, help="runs of each; the median is reported")
    args = parser.parse_args()
    folder = args.data / "bbc_news"
    if not folder.is_dir():
        parser.error(f"no BBC corpus at {folder}; pass --data pointing at ../shared/data")

    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer as PackageAnalyzer

    texts = bbc_sentences(folder)
    nltk_analyzer = sentiment.nltk_analyzer()
    package_analyzer = PackageAnalyzer()
    runs = {
        "NLTK polarity_scores per sentence": lambda: [nltk_analyzer.polarity_scores(t) for t in texts],
        "vaderSentiment package per sentence": lambda: [package_analyzer.polarity_scores(t) for t in texts],
        "ours, vader_scores, 1 process": ours(texts),
        "ours, vader_scores, 2 processes": ours(texts, workers=2),
    }
    print(f"{len(texts):,} BBC sentences, median of {args.repeats} runs, Python {platform.python_version()}")
    results, seconds = {}, {}
    for name, run in runs.items():
        seconds[name], results[name] = timed(run, args.repeats)
    base = seconds["NLTK polarity_scores per sentence"]
    for name, secs in seconds.items():
        print(f"{name:<38} {secs:7.2f} s {len(texts) / secs:10,.0f} sentences/s {base / secs:6.2f}x NLTK")
    reference = np.array([[d[k] for k in KEYS] for d in results["NLTK polarity_scores per sentence"]])
    worst = max(float(np.abs(results[name] - reference).max()) for name in runs if name.startswith("ours"))
    print(f"max |ours - NLTK| over all sentences and scores: {worst:.1e}")
    return 0 if worst <= 1e-9 else 1


if __name__ == "__main__":
    raise SystemExit(main())
