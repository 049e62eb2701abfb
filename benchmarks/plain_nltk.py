"""The plain pipeline an analyst writes first with the same packages — the baseline.

Per article: ``nltk.sent_tokenize``; per sentence: ``nltk.word_tokenize`` and NLTK's VADER
``polarity_scores``; per actor alias: one regular expression over the article; rows collected
into pandas frames. It needs NLTK's official data (``NLTK_DATA`` pointing at
``../shared/data/nltk_data``), which is why the project itself does not work this way.

    NLTK_DATA=../shared/data/nltk_data python benchmarks/plain_nltk.py ../shared/data/bbc_news
    NLTK_DATA=... python benchmarks/plain_nltk.py CORPUS --no-sentiment --no-actors   # tokens only
    NLTK_DATA=... python benchmarks/plain_nltk.py CORPUS --small-dictionary   # 20 actors, 53 aliases

``--small-dictionary`` is the baseline of issue 15: the dictionary an analyst writes by hand for
one corpus (``SMALL_DICTIONARY``: 20 actors often in BBC news, at most three aliases each, taken
from the project's dictionary), one regex per alias, instead of the project's 1,700-odd aliases.
"""

from __future__ import annotations

import argparse
import re
import time
from pathlib import Path

import nltk
import pandas as pd
from nltk.sentiment.vader import SentimentIntensityAnalyzer


def read_txt_corpus(root: Path) -> list[tuple[str, str]]:
    docs = []
    for path in sorted(root.rglob("*.txt")):
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            text = raw.decode("cp1252")
        docs.append((path.relative_to(root).with_suffix("").as_posix(), text))
    return docs


def actor_aliases() -> list[tuple[str, str]]:
    """(alias, actor) pairs of the project's default dictionary, so both sides look for the same names."""
    from analysis import actors

    dictionary = actors.load_dictionary()
    return [(alias.text, actor.name) for actor in dictionary.actors.values() for alias in actor.aliases]


# the actors of the small hand-written dictionary, each with its first ALIASES_PER_ACTOR aliases
SMALL_DICTIONARY = (
    "United Kingdom",
    "United States",
    "European Union",
    "Tony Blair",
    "Gordon Brown",
    "Labour Party",
    "Conservative Party",
    "Liberal Democrats",
    "BBC",
    "China",
    "France",
    "Germany",
    "Iraq",
    "Russia",
    "Japan",
    "United Nations",
    "George W. Bush",
    "Microsoft",
    "Apple",
    "Google",
)
ALIASES_PER_ACTOR = 3


def small_aliases() -> list[tuple[str, str]]:
    """(alias, actor) pairs of ``SMALL_DICTIONARY``."""
    from analysis import actors

    dictionary = actors.load_dictionary()
    return [
        (alias.text, name) for name in SMALL_DICTIONARY for alias in dictionary.actors[name].aliases[:ALIASES_PER_ACTOR]
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--no-sentiment", action="store_true")
    parser.add_argument("--no-actors", action="store_true")
    parser.add_argument("--small-dictionary", action="store_true", help="20 actors, about 50 aliases (issue 15)")
    args = parser.parse_args()

    started = time.perf_counter()
    docs = read_txt_corpus(args.corpus)
    vader = None if args.no_sentiment else SentimentIntensityAnalyzer()
    patterns = (
        []
        if args.no_actors
        else [
            (re.compile(r"\b" + re.escape(alias) + r"\b"), actor)
            for alias, actor in (small_aliases() if args.small_dictionary else actor_aliases())
        ]
    )
    sentence_rows, token_rows, mention_rows = [], [], []
    for doc_id, text in docs:
        for sent_id, sentence in enumerate(nltk.sent_tokenize(text)):
            row = {"doc_id": doc_id, "sent_id": sent_id, "text": sentence}
            if vader is not None:
                row.update(vader.polarity_scores(sentence))
            sentence_rows.append(row)
            for tok_id, token in enumerate(nltk.word_tokenize(sentence)):
                token_rows.append(
                    {"doc_id": doc_id, "sent_id": sent_id, "tok_id": tok_id, "token": token, "norm": token.lower()}
                )
        for pattern, actor in patterns:
            for match in pattern.finditer(text):
                mention_rows.append({"doc_id": doc_id, "start": match.start(), "end": match.end(), "actor": actor})
    sentences = pd.DataFrame(sentence_rows)
    tokens = pd.DataFrame(token_rows)
    mentions = pd.DataFrame(mention_rows)
    print(
        f"plain nltk: {len(docs)} articles, {len(sentences)} sentences, {len(tokens)} tokens, "
        f"{len(mentions)} mentions ({len(patterns)} alias patterns) in {time.perf_counter() - started:.1f} s"
    )


if __name__ == "__main__":
    main()
