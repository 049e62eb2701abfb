"""Typed span F1 of ``analysis.actors.find_mentions`` on CoNLL-2003 (English, dev split).

Each CoNLL document becomes one article: its sentences' tokens joined by single spaces,
sentences joined by newlines (so every token has exact character offsets), and the
gold sentence boundaries become the sentences frame. Mentions are mapped back to token
spans; a prediction counts only when its token span and type both equal a gold entity.
Types: person -> PER, organization -> ORG, location -> LOC; MISC and "other" are ignored,
and demonyms are not counted (CoNLL tags "French" as MISC). National sides stay locations, as
CoNLL annotates them (``--national-teams`` scores the package default, which types them ORG).

    .venv/bin/python benchmarks/conll_eval.py [../shared/data/conll2003_en/eng.testa] [--errors N]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import pandas as pd

from analysis import actors, paths

TYPE_MAP = {"person": "PER", "organization": "ORG", "location": "LOC"}
DEFAULT = paths.PROJECT_ROOT.parent / "shared" / "data" / "conll2003_en" / "eng.testa"


def read_conll(path: str | Path):
    """Documents as lists of sentences; a sentence is a list of (token, tag)."""
    docs, doc, sent = [], [], []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if line.startswith("-DOCSTART-"):
            if sent:
                doc.append(sent)
                sent = []
            if doc:
                docs.append(doc)
            doc = []
            continue
        if not line.strip():
            if sent:
                doc.append(sent)
                sent = []
            continue
        parts = line.split()
        sent.append((parts[0], parts[-1]))
    if sent:
        doc.append(sent)
    if doc:
        docs.append(doc)
    return docs


def gold_spans(sentence):
    """IOB1 tags -> set of (first token, last token + 1, type)."""
    spans, start, kind = [], None, None
    for i, (_, tag) in enumerate([*sentence, ("", "O")]):
        t = tag[2:] if tag != "O" else None
        begins = tag.startswith("B-") or t != kind
        if kind is not None and (begins or t is None):
            spans.append((start, i, kind))
            start, kind = None, None
        if t is not None and (kind is None or begins):
            start, kind = i, t
    return spans


def build(docs):
    """Articles and sentences frames, token offsets and gold entities."""
    articles, sentences, offsets, gold = [], [], {}, set()
    for d, doc in enumerate(docs):
        doc_id = f"doc{d:04d}"
        pieces, pos = [], 0
        for s, sent in enumerate(doc):
            start = pos
            tok_offsets = []
            for k, (tok, _) in enumerate(sent):
                if k:
                    pieces.append(" ")
                    pos += 1
                tok_offsets.append((pos, pos + len(tok)))
                pieces.append(tok)
                pos += len(tok)
            sentences.append((doc_id, s, start, pos))
            offsets[(doc_id, s)] = tok_offsets
            for a, b, kind in gold_spans(sent):
                if kind != "MISC":
                    gold.add((doc_id, s, a, b, kind))
            pieces.append("\n")
            pos += 1
        articles.append((doc_id, "".join(pieces)))
    arts = pd.DataFrame(articles, columns=["doc_id", "text"])
    sents = pd.DataFrame(sentences, columns=["doc_id", "sent_id", "start", "end"])
    return arts, sents, offsets, gold


def predicted(mentions, offsets):
    out = set()
    for row in mentions.itertuples(index=False):
        kind = TYPE_MAP.get(row.actor_type)
        if kind is None:
            continue
        toks = offsets[(row.doc_id, row.sent_id)]
        starts = [s for s, _ in toks]
        ends = [e for _, e in toks]
        if row.start in starts and row.end in ends:
            out.add((row.doc_id, row.sent_id, starts.index(row.start), ends.index(row.end) + 1, kind))
        else:  # not on token boundaries: a guaranteed miss, count it as a false positive
            out.add((row.doc_id, row.sent_id, -row.start, -row.end, kind))
    return out


def scores(gold, pred):
    rows = []
    for kind in ("PER", "ORG", "LOC", "all"):
        g = {x for x in gold if kind == "all" or x[4] == kind}
        p = {x for x in pred if kind == "all" or x[4] == kind}
        tp = len(g & p)
        precision = tp / len(p) if p else 0.0
        recall = tp / len(g) if g else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        rows.append((kind, len(g), len(p), tp, round(precision, 3), round(recall, 3), round(f1, 3)))
    return pd.DataFrame(rows, columns=["type", "gold", "predicted", "correct", "precision", "recall", "f1"])


def evaluate(path: str | Path = DEFAULT, *, national_teams: bool = False):
    """(scores frame, seconds, gold, predicted, articles, offsets) for one CoNLL file."""
    arts, sents, offsets, gold = build(read_conll(path))
    t0 = time.perf_counter()
    # CoNLL-2003 tags national sides as locations ("England" in a cricket report is LOC), so they
    # stay mentions of their country here; the package's default makes them organisations
    mentions = actors.find_mentions(arts, sents, demonyms=False, national_teams=national_teams)
    seconds = time.perf_counter() - t0
    pred = predicted(mentions, offsets)
    return scores(gold, pred), seconds, gold, pred, arts, offsets


def _show_errors(gold, pred, arts, offsets, n):
    texts = dict(zip(arts["doc_id"], arts["text"]))

    def words(x):
        doc, sent, a, b, kind = x
        if a < 0:
            return f"{texts[doc][-a:-b]!r} ({kind}, off-token)"
        toks = offsets[(doc, sent)]
        return f"{texts[doc][toks[a][0] : toks[b - 1][1]]!r} ({kind})"

    fp = Counter(words(x) for x in pred - gold)
    fn = Counter(words(x) for x in gold - pred)
    print("\nmost frequent false positives:")
    for w, c in fp.most_common(n):
        print(f"  {c:4d} {w}")
    print("\nmost frequent misses:")
    for w, c in fn.most_common(n):
        print(f"  {c:4d} {w}")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("path", nargs="?", default=str(DEFAULT), help="a CoNLL-2003 file (default: eng.testa)")
    parser.add_argument("--errors", type=int, default=0, help="show the N most frequent errors of each kind")
    parser.add_argument("--national-teams", action="store_true", help="type national sides as organisations")
    args = parser.parse_args(argv)
    if not Path(args.path).is_file():
        print(f"conll_eval: {args.path} does not exist; pass the path of eng.testa", file=sys.stderr)
        return 2
    table, seconds, gold, pred, arts, offsets = evaluate(args.path, national_teams=args.national_teams)
    print(table.to_string(index=False))
    print(f"\nfind_mentions on {len(arts)} documents took {seconds:.2f} s")
    if args.errors:
        _show_errors(gold, pred, arts, offsets, args.errors)
    return 0


if __name__ == "__main__":
    sys.exit(main())
