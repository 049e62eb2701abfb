"""The loader on real saved news pages: main text against the reference, trafilatura alongside.

Usage (from the project root; needs ../shared/data):
    .venv/bin/python benchmarks/web_pages.py [--pages ../shared/data/web_news_pages]

For each of the 157 pages of ``web_news_pages`` (html/NAME.html with reference_text/NAME.txt):

* loader F1: word-level F1 of the loaded article's body (``text`` without the title line, as
  the reference has no title) against the reference main text. Words are ``\\w+`` runs, lower
  case, compared as bags (multisets): precision = shared words / our words, recall = shared
  words / reference words.
* trafilatura F1: the same measure for ``trafilatura.extract(html)`` with its defaults, on the
  same pages: the loader must score at least this.
* pages scored: references that are empty or a placeholder ("EXTRACTED NOTHING", "MISSED LAST
  PARAGRAPH": the newspaper project's own notes) are left out; a page the loader could not
  read scores 0.
* titles and dates: pages with a non-empty title / a published date.
* language: detected language against our own labels (tests/fixtures/web_pages_languages.csv:
  the non-English pages by file name; every other page is English), over the pages loaded.

tests/test_web_pages.py imports the measuring functions below, so the figures the tests
assert are computed exactly as printed here.
"""

from __future__ import annotations

import argparse
import csv
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LABELS = ROOT / "tests" / "fixtures" / "web_pages_languages.csv"
PLACEHOLDERS = ("EXTRACTED NOTHING", "MISSED LAST PARAGRAPH")
_WORD = re.compile(r"\w+")


def word_f1(candidate: str, reference: str) -> float:
    """Bag-of-words F1 of two texts (1.0 when both are empty of words)."""
    ours, theirs = Counter(_WORD.findall(candidate.lower())), Counter(_WORD.findall(reference.lower()))
    if not ours and not theirs:
        return 1.0
    shared = sum((ours & theirs).values())
    if not shared:
        return 0.0
    precision, recall = shared / sum(ours.values()), shared / sum(theirs.values())
    return 2 * precision * recall / (precision + recall)


def references(pages: Path) -> dict[str, str]:
    """Page name (the .html file's stem) -> reference text, for references that are real texts.

    The non-English pages' references drop "_article" from the name (arabic_article.html ->
    arabic.txt, japanese_article2.html -> japanese2.txt).
    """
    out = {}
    for page in sorted((pages / "html").glob("*.html")):
        file = pages / "reference_text" / f"{page.stem}.txt"
        if not file.is_file():
            file = pages / "reference_text" / f"{page.stem.replace('_article', '')}.txt"
        text = file.read_text(encoding="utf-8", errors="replace").strip() if file.is_file() else ""
        if text and text not in PLACEHOLDERS:
            out[page.stem] = text
    return out


def language_labels() -> dict[str, str]:
    with open(LABELS, newline="", encoding="utf-8") as fh:
        return {row["page"]: row["language"] for row in csv.DictReader(fh)}


def measure(pages: Path) -> dict:
    """Every figure the script prints, as a dict (see the module docstring)."""
    import logging

    import trafilatura

    from analysis.load import load_articles

    logging.getLogger("trafilatura").setLevel(logging.ERROR)
    t0 = time.perf_counter()
    articles, problems = load_articles(pages / "html")
    load_seconds = time.perf_counter() - t0
    body = {
        Path(row.path).stem: (row.text[len(row.title) :].lstrip("\n") if row.text.startswith(row.title) else row.text)
        for row in articles.itertuples()
    }
    refs = references(pages)
    ours, theirs = [], []
    t0 = time.perf_counter()
    for name, reference in refs.items():
        html = (pages / "html" / f"{name}.html").read_bytes()
        ours.append(word_f1(body.get(name, ""), reference))
        theirs.append(word_f1(trafilatura.extract(html) or "", reference))
    trafilatura_seconds = time.perf_counter() - t0
    labels = language_labels()
    languages = dict(zip((Path(p).stem for p in articles["path"]), articles["language"]))
    right = sum(languages[name] == labels.get(name, "en") for name in languages)
    wrong = sorted(
        (name, languages[name], labels.get(name, "en"))
        for name in languages
        if languages[name] != labels.get(name, "en")
    )
    return {
        "pages": len(list((pages / "html").glob("*.html"))),
        "loaded": len(articles),
        "error_rows": int((problems["severity"] == "error").sum()),
        "scored": len(refs),
        "loader_f1_mean": statistics.mean(ours),
        "loader_f1_median": statistics.median(ours),
        "trafilatura_f1_mean": statistics.mean(theirs),
        "trafilatura_f1_median": statistics.median(theirs),
        "loader_better_or_equal": sum(a >= b - 1e-9 for a, b in zip(ours, theirs)),
        "with_title": int((articles["title"].str.len() > 0).sum()),
        "with_date": int(articles["published"].notna().sum()),
        "language_right": right,
        "language_wrong": wrong,
        "non_english_loaded": sum(labels.get(name, "en") != "en" for name in languages),
        "load_seconds": load_seconds,
        "trafilatura_seconds": trafilatura_seconds,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=Path, default=ROOT.parent / "shared" / "data" / "web_news_pages")
    args = parser.parse_args(argv)
    m = measure(args.pages)
    print(
        f"pages: {m['pages']}, loaded: {m['loaded']}, error rows: {m['error_rows']}, "
        f"scored against a reference: {m['scored']}"
    )
    print(f"main text word F1, loader:      mean {m['loader_f1_mean']:.3f}, median {m['loader_f1_median']:.3f}")
    print(
        f"main text word F1, trafilatura: mean {m['trafilatura_f1_mean']:.3f}, median {m['trafilatura_f1_median']:.3f}"
        f"  (loader >= trafilatura on {m['loader_better_or_equal']} of {m['scored']} pages)"
    )
    print(f"titles: {m['with_title']} of {m['loaded']} loaded pages; dates: {m['with_date']} of {m['loaded']}")
    print(
        f"language: {m['language_right']} of {m['loaded']} right ({m['non_english_loaded']} non-English pages "
        f"loaded); wrong: {m['language_wrong']}"
    )
    print(
        f"seconds: load {m['load_seconds']:.1f} (all pages, language and duplicates included), "
        f"trafilatura.extract on the scored pages {m['trafilatura_seconds']:.1f}"
    )
    return 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT / "src"))
    raise SystemExit(main())
