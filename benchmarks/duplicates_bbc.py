"""Duplicates and languages found on a corpus (default BBC), with the pairs to read.

Usage (from the project root; needs ../shared/data):
    .venv/bin/python benchmarks/duplicates_bbc.py [--corpus ../shared/data/bbc_news] [--pairs /tmp/pairs.csv]

Prints the copies found by kind at thresholds 0.7, 0.8 (the default) and 0.9, the language
mix, and writes every same-body and near pair at 0.7 (kept and copy: doc_id, title, a word-level
similarity from difflib, independent of MinHash) to ``--pairs`` for reading by eye: precision is
the share of those pairs that are one story.
"""

from __future__ import annotations

import argparse
import difflib
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "data" / "bbc_news")
    parser.add_argument("--pairs", type=Path, default=Path("/tmp/duplicate-pairs.csv"))
    args = parser.parse_args(argv)
    sys.path.insert(0, str(ROOT / "src"))
    from analysis.duplicates import find_duplicates
    from analysis.language import language_mix
    from analysis.load import load_articles

    articles, _ = load_articles(args.corpus)
    print(f"{len(articles):,} articles; languages: {language_mix(articles['language'])}")
    for threshold in (0.7, 0.8, 0.9):
        kinds = find_duplicates(articles, threshold=threshold)["kind"].value_counts().to_dict()
        print(f"threshold {threshold}: {kinds}")
    found = find_duplicates(articles, threshold=0.7)
    pairs = found[found["kind"] != "exact"].copy()
    text, title = dict(zip(articles["doc_id"], articles["text"])), dict(zip(articles["doc_id"], articles["title"]))
    pairs["kept_title"] = pairs["duplicate_of"].map(title)
    pairs["copy_title"] = pairs["doc_id"].map(title)
    pairs["difflib_ratio"] = [
        round(difflib.SequenceMatcher(None, text[k].split(), text[c].split(), autojunk=False).ratio(), 3)
        for k, c in zip(pairs["duplicate_of"], pairs["doc_id"])
    ]
    pairs.to_csv(args.pairs, index=False)
    print(
        f"{len(pairs)} same-body and near pairs at 0.7 written to {args.pairs}; lowest difflib ratio "
        f"{pairs['difflib_ratio'].min():.3f}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
