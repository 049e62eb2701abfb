"""Stock VADER against the news tone, side by side: the project's news items, and BBC.

    python benchmarks/news_tone.py                      # items + BBC (prepared into reports/.cache)
    python benchmarks/news_tone.py --items-only

1. The one-sentence news items of tests/fixtures/news_tone.yaml (written for the project:
   names and news phrases that fool stock VADER, and controls): each item's stock compound and
   news tone, and how many each reads right (positive >= 0.05, negative <= -0.05, else neutral).
2. BBC News: how many sentences the news tone changes, the share of positive sentences among
   those naming a few names the issue lists, stock against news tone, and the most positive
   and most negative sentences by each score.
"""

from __future__ import annotations

import argparse
from pathlib import Path

import pandas as pd
import yaml

from analysis import open_corpus, sentiment, tone

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data"
NAMES = [
    "Manchester United",
    "Super Bowl",
    "Grand Slam",
    "Security Council",
    "Dick Cheney",
    "heart disease",
    "heart attack",
    "interest rates",
]


def sign(score: float) -> str:
    return "positive" if score >= 0.05 else "negative" if score <= -0.05 else "neutral"


def items() -> None:
    entries = yaml.safe_load((HERE.parent / "tests" / "fixtures" / "news_tone.yaml").read_text(encoding="utf-8"))
    scored = tone.texts_tone([e["text"] for e in entries])
    print("| kind | expected | stock | news tone | silenced | sentence |\n|---|---|---|---|---|---|")
    right = {}
    for entry, row in zip(entries, scored.itertuples()):
        ok_stock, ok_tone = sign(row.compound) == entry["expected"], sign(row.tone) == entry["expected"]
        counts = right.setdefault(entry["kind"], [0, 0, 0])
        counts[0] += 1
        counts[1] += ok_stock
        counts[2] += ok_tone
        print(
            f"| {entry['kind']} | {entry['expected']} | {row.compound:+.3f} {'✓' if ok_stock else '✗'} | "
            f"{row.tone:+.3f} {'✓' if ok_tone else '✗'} | {row.mentions.replace(' | ', '; ')} | {entry['text']} |"
        )
    print()
    for kind, (n, stock, news) in right.items():
        print(f"{kind:8s} {n:3d} items: stock right {stock:3d}, news tone right {news:3d}")


def bbc(corpus: Path) -> None:
    data = open_corpus(corpus, progress=False)
    sentences = data.read(
        "sentences", columns=["doc_id", "sent_id", "is_title", "text", "compound", "tone", "tone_words"]
    )
    changed = sentences["tone"] != sentences["compound"]
    print(
        f"\nBBC: {len(sentences):,} sentences, news tone differs from stock on {int(changed.sum()):,} "
        f"({changed.mean():.1%}); |difference| mean over those {(sentences['tone'] - sentences['compound'])[changed].abs().mean():.3f}"
    )
    print("| sentences naming | n | positive, stock | positive, news tone |\n|---|---|---|---|")
    for name in NAMES:
        hit = sentences[sentences["text"].str.contains(name, case=False, regex=False)]
        print(f"| {name} | {len(hit)} | {(hit['compound'] >= 0.05).mean():.0%} | {(hit['tone'] >= 0.05).mean():.0%} |")
    articles = data.read("articles", columns=["doc_id", "title"])
    for score in ("compound", "tone"):
        top = sentiment.extreme_sentences(sentences, articles, top_n=5, score=score)
        print(f"\nmost positive and negative by {score}:")
        for row in top.itertuples():
            print(f"  {row.tone[:3]} {row.compound:+.3f}  {row.text[:110]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "bbc_news")
    parser.add_argument("--items-only", action="store_true")
    args = parser.parse_args()
    pd.set_option("display.width", 200)
    items()
    if not args.items_only:
        bbc(args.corpus)


if __name__ == "__main__":
    main()
