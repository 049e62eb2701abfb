"""The sentences and words behind the tone: the most positive and negative sentences, the words
that drive each group's tone, and those words highlighted in the sentences.

Example:
    >>> extremes = extreme_sentences(corpus.iter_parts("sentences"), corpus.articles)   # doctest: +SKIP
    >>> tone_drivers(corpus.iter_parts("sentences"), docs, by="category").head()          # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction
from typing import Literal

import numpy as np
import pandas as pd

from . import schemas
from .options import check_choice
from .tone_parts import GROUP_BY, SCORES, GroupBy, Score, as_parts, group_keys, score_parts, typed

# --------------------------------------------------------------------------- most positive and negative sentences


def _extreme_candidates(scored: pd.DataFrame, top_n: int, include_title: bool, min_words: int) -> pd.DataFrame:
    """The rows of one part that can be among the ``top_n`` of their side across all parts.

    Each side keeps its ``top_n`` best plus every row tied with the ``top_n``-th score: a
    row of a later part repeating a sentence that is first seen here with that score must
    meet it again when repeats are dropped, or it would stand in for it.
    """
    scored = scored if include_title else scored[~scored["is_title"].astype(bool)]
    scored = scored[scored["text"].astype("string").str.count(r"\S+").fillna(0) >= min_words]  # no word lists
    scored = scored.drop_duplicates("text").reset_index(drop=True)
    kept = []
    for positive in (True, False):
        side = scored[(scored["score"] > 0) if positive else (scored["score"] < 0)]
        if top_n == 0:
            side = side.head(0)
        elif len(side) > top_n:
            edge = side["score"].nlargest(top_n).iloc[-1] if positive else side["score"].nsmallest(top_n).iloc[-1]
            side = side[(side["score"] >= edge) if positive else (side["score"] <= edge)]
        kept.append(side)
    # back in part order, so that dropping repeats across parts keeps the first one
    return pd.concat(kept).sort_index(kind="stable")


def extreme_sentences(
    scored_sentences: pd.DataFrame | Iterable[pd.DataFrame],
    articles: pd.DataFrame,
    *,
    top_n: int = 10,
    include_title: bool = False,
    min_words: int = 4,
    score: Score = "compound",
) -> pd.DataFrame:
    """The ``top_n`` most positive and most negative sentences, with their article titles.

    Repeated sentences (boilerplate) appear once; sentences shorter than ``min_words``
    words are skipped. Columns: side ("positive"/"negative"), rank, score (the sentence's
    ``score``: news tone or stock VADER's compound), text, title, doc_id, sent_id. Ties are broken by document and position, so runs agree.
    ``scored_sentences`` may be a frame or its parts in corpus order (``doc_id, sent_id,
    is_title, text, compound``, e.g. ``corpus.iter_parts("sentences", columns=...)``):
    each part gives its best candidates, so only one part's text is held at a time.

    Example:
        >>> extreme_sentences(scored, articles, top_n=5)   # doctest: +SKIP
    """
    if top_n < 0:
        raise ValueError(f"top_n={top_n} is not valid; give 0 or more sentences per side.")
    columns = ["side", "rank", "score", "text", "title", "doc_id", "sent_id"]
    candidates = [
        _extreme_candidates(part, top_n, include_title, min_words) for part in score_parts(scored_sentences, score)
    ]
    scored = (
        pd.concat(candidates, ignore_index=True)
        if candidates
        else pd.DataFrame(
            {
                "doc_id": pd.Series(dtype="string"),
                "sent_id": pd.Series(dtype="int64"),
                "text": pd.Series(dtype="string"),
                "score": pd.Series(dtype="float64"),
            }
        )
    )
    scored = scored.drop_duplicates("text")
    titles = articles[["doc_id", "title"]].astype({"doc_id": "string"}).drop_duplicates("doc_id")
    parts = []
    for tone, ascending in (("positive", False), ("negative", True)):
        side = scored[(scored["score"] > 0) if tone == "positive" else (scored["score"] < 0)]
        side = side.sort_values(["score", "doc_id", "sent_id"], ascending=[ascending, True, True], kind="stable")
        side = side.head(top_n).assign(side=tone, rank=np.arange(1, min(top_n, len(side)) + 1))
        parts.append(side)
    result = pd.concat(parts, ignore_index=True) if parts else scored.head(0)
    result = result.astype({"doc_id": "string"}).merge(titles, how="left", on="doc_id")
    dtypes = {
        "side": "string",
        "rank": "int64",
        "score": "float64",
        "text": "string",
        "title": "string",
        "doc_id": "string",
        "sent_id": "int64",
    }
    return typed(result.reindex(columns=columns), dtypes)


def missing_sides_note(extremes: pd.DataFrame) -> str | None:
    """Which side ``extreme_sentences`` found no sentence for, one line each; None when it found both.

    Example:
        >>> missing_sides_note(pd.DataFrame({"side": ["positive"]}))
        'No negative sentence.'
    """
    missing = [f"No {side} sentence." for side in ("positive", "negative") if not (extremes["side"] == side).any()]
    return "\n".join(missing) or None


# --------------------------------------------------------------------------- what drives the tone

# The sentence columns tone_drivers and extreme_words read, per score: reading only these keeps a
# large corpus's parts small (the news tone's words are stored; stock VADER's are worked out again
# from the text).
DRIVER_INPUT = {
    "tone": ["doc_id", "sent_id", "is_title", "tone_words", "tone_starts"],
    "compound": ["doc_id", "sent_id", "is_title", "text", "start"],
}
EXTREME_WORDS_INPUT = {
    "tone": ["doc_id", "sent_id", "start", "tone_words", "tone_starts"],
    "compound": ["doc_id", "sent_id", "start", "text"],
}
DRIVER_COLUMNS = schemas.RESULTS["tone_drivers"]  # its contract, written once


def sentence_words(part: pd.DataFrame, *, score: Score = "tone") -> pd.DataFrame:
    """One row per word that gave a sentence valence: doc_id, sent_id, offset, word, valence.

    ``offset`` is the word's start in the article text. For ``score="tone"`` the words are
    read from the stored ``tone_words``/``tone_starts``; for stock VADER (``"compound"``)
    they are worked out again from ``text`` and ``start`` (VADER's rules, no news changes).

    Example:
        >>> sentence_words(corpus.sentences, score="tone").head()   # doctest: +SKIP
    """
    from . import tone

    check_choice("score", score, SCORES)
    if score == "tone":
        words = part["tone_words"].astype("string").fillna("").tolist()
        starts = part["tone_starts"].astype("string").fillna("").tolist()
        parsed = [tone.parse_words(w) for w in words]
        offsets = [[int(o) for o in s.split()] for s in starts]
    else:
        _, found = tone.tone_scores(part["text"].astype("string").fillna("").tolist(), news_lexicon=False)
        base = part["start"].to_numpy("int64")
        parsed = [[(w, v) for _, w, v in f] for f in found]
        offsets = [[int(b) + o for o, _, _ in f] for f, b in zip(found, base)]
    counts = np.fromiter((len(p) for p in parsed), dtype=np.int64, count=len(parsed))
    return pd.DataFrame(
        {
            "doc_id": np.repeat(part["doc_id"].astype("string").to_numpy(), counts),
            "sent_id": np.repeat(part["sent_id"].to_numpy("int64"), counts),
            "offset": np.array([o for row in offsets for o in row], dtype=np.int64),
            "word": pd.array([w for row in parsed for w, _ in row], dtype="string"),
            "valence": np.array([v for row in parsed for _, v in row], dtype=np.float64),
        }
    )


def tone_drivers(
    sentences: pd.DataFrame | Iterable[pd.DataFrame],
    documents: pd.DataFrame,
    *,
    by: GroupBy | Literal["none"] = "none",
    score: Score = "tone",
    top_n: int = 5,
    include_title: bool = False,
) -> pd.DataFrame:
    """Per group, the words that add most positive and most negative valence to its sentences.

    Sums each word's contribution (after VADER's rules: negation, boosters, "but", capitals)
    over the group's sentences. ``share`` is the word's part of all the positive (negative)
    valence of the group: "entertainment is positive mainly because of best, award, win".
    Sentences (a frame or parts with ``doc_id, sent_id, is_title`` and ``tone_words,
    tone_starts`` or, for ``score="compound"``, ``text, start``) are read part by part;
    documents give each article's group (``document_tone`` output, or articles); only the
    articles in ``documents`` count, so the same articles as the group means.
    Columns: group, side ("positive"/"negative"), rank, word, valence, occurrences, share.

    Example:
        >>> tone_drivers(corpus.iter_parts("sentences"), docs, by="category").head()   # doctest: +SKIP
    """
    check_choice("score", score, SCORES)
    check_choice("by", by, ["none", *GROUP_BY])
    if top_n < 1:
        raise ValueError(f"top_n={top_n} is not valid; give 1 or more words per side.")
    keys = pd.Series("all", index=documents.index, dtype="string") if by == "none" else group_keys(documents, by)
    group_of = pd.Series(keys.to_numpy(), index=documents["doc_id"].astype("string").to_numpy()).dropna()
    group_of = group_of[~group_of.index.duplicated()]
    counts = []
    for part in as_parts(sentences):
        if not include_title:
            part = part[~part["is_title"].astype(bool)]
        words = sentence_words(part, score=score)
        words["group"] = words["doc_id"].map(group_of)
        words = words.dropna(subset=["group"])
        counts.append(words.groupby(["group", "word", "valence"], observed=True).size())
    if not counts:
        return typed(pd.DataFrame(columns=list(DRIVER_COLUMNS)), DRIVER_COLUMNS)
    total = _valence_sums(pd.concat(counts).groupby(level=["group", "word", "valence"]).sum())
    rows = []
    for side, sign in (("positive", 1), ("negative", -1)):
        found = total[total["sum"] * sign > 0].copy()
        found["share"] = found["sum"] / found.groupby("group")["sum"].transform("sum")
        found = found.sort_values(["group", "sum", "word"], ascending=[True, sign < 0, True], kind="stable")
        found = found.groupby("group", sort=False).head(top_n)
        found["rank"] = found.groupby("group", sort=False).cumcount() + 1
        rows.append(found.assign(side=side))
    result = pd.concat(rows).rename(columns={"sum": "valence", "size": "occurrences"})
    result = result.sort_values(["group", "side", "rank"], ascending=[True, False, True], kind="stable")
    return typed(result, DRIVER_COLUMNS)


def _valence_sums(occurrences: pd.Series) -> pd.DataFrame:
    """Per group and word (sorted): ``sum``, its valences summed, and ``size``, their count, from
    how often each (group, word, valence) occurs.

    Summed exactly (as fractions) and rounded once, so a sum is the same however the sentences
    were split into parts: float sums added part by part changed in their last digits with the
    part boundaries. A word has few distinct valences (VADER's rules scale its lexicon value),
    so this is a few thousand additions for a corpus.
    """
    sums: dict[tuple[str, str], Fraction] = {}
    sizes: dict[tuple[str, str], int] = {}
    for (group, word, valence), count in occurrences.items():
        sums[group, word] = sums.get((group, word), Fraction(0)) + Fraction(valence) * int(count)
        sizes[group, word] = sizes.get((group, word), 0) + int(count)
    return pd.DataFrame(
        {
            "group": [group for group, _ in sums],
            "word": [word for _, word in sums],
            "sum": np.array([float(total) for total in sums.values()], dtype=np.float64),
            "size": np.array(list(sizes.values()), dtype=np.int64),
        }
    )


def drivers_summary(drivers: pd.DataFrame, *, top_n: int = 3) -> pd.DataFrame:
    """One row per group: its most positive and most negative words, as readable text.

    Example:
        >>> drivers_summary(tone_drivers(parts, docs, by="category"))   # doctest: +SKIP
    """
    rows = []
    for group, part in drivers.groupby("group", sort=False):
        cells = {}
        for side in ("positive", "negative"):
            top = part[part["side"] == side].head(top_n)
            cells[side] = ", ".join(
                f"{w} ({v:+.0f}, {s:.0%})" for w, v, s in zip(top["word"], top["valence"], top["share"])
            )
        rows.append(
            {"group": group, "most positive words": cells["positive"], "most negative words": cells["negative"]}
        )
    return pd.DataFrame(rows, columns=["group", "most positive words", "most negative words"]).astype("string")


def extreme_words(
    extremes: pd.DataFrame, sentences: pd.DataFrame | Iterable[pd.DataFrame], *, score: Score = "tone"
) -> pd.DataFrame:
    """``extreme_sentences`` output with ``words``: each sentence's ``[(offset in the sentence, word, valence)]``.

    ``sentences`` (a frame or parts with ``doc_id, sent_id, start`` and ``tone_words,
    tone_starts``, or ``text`` for stock VADER) are searched part by part for the listed
    sentences only.

    Example:
        >>> extreme_words(extreme_sentences(parts, articles), corpus.iter_parts("sentences"))   # doctest: +SKIP
    """
    keys = set(zip(extremes["doc_id"].astype("string"), extremes["sent_id"].astype("int64")))
    found: dict[tuple[str, int], list] = {}
    for part in as_parts(sentences):
        doc = part["doc_id"].astype("string")
        mine = part[[k in keys for k in zip(doc, part["sent_id"].astype("int64"))]]
        if not len(mine):
            continue
        words = sentence_words(mine, score=score)
        base = dict(
            zip(zip(mine["doc_id"].astype("string"), mine["sent_id"].astype("int64")), mine["start"].astype("int64"))
        )
        for d, sid, offset, word, valence in words.itertuples(index=False):
            found.setdefault((d, sid), []).append((int(offset - base[(d, sid)]), str(word), float(valence)))
    result = extremes.copy()
    result["words"] = [
        found.get(k, []) for k in zip(extremes["doc_id"].astype("string"), extremes["sent_id"].astype("int64"))
    ]
    return result


def highlighted_extremes(extremes: pd.DataFrame, *, score_name: str = "tone") -> str:
    """An HTML table of ``extreme_words`` output, the words behind each score highlighted.

    Every piece of article text (sentence, title) is escaped: it is data, never markup.
    Positive words are marked blue, negative red, each with its contribution as a tooltip.

    Example:
        >>> html = highlighted_extremes(extreme_words(extremes, parts))   # doctest: +SKIP
    """
    from jinja2 import Environment, PackageLoader, select_autoescape

    from .tone import word_span

    env = Environment(loader=PackageLoader("analysis", "templates"), autoescape=select_autoescape(default=True))
    rows = []
    for row in extremes.itertuples(index=False):
        text = str(row.text)
        pieces: list[tuple[str, str | None, str | None]] = []  # (text, tone class, valence shown)
        at = 0
        for offset, word, valence in sorted(row.words):
            span = word_span(text, offset, word) if offset >= at else None
            if span is None:
                continue  # overlapping or not where it should be: leave the text plain
            pieces.append((text[at : span[0]], None, None))
            pieces.append((text[span[0] : span[1]], "positive" if valence > 0 else "negative", f"{valence:+.2f}"))
            at = span[1]
        pieces.append((text[at:], None, None))
        rows.append(
            {
                "side": row.side,
                "rank": row.rank,
                "score": f"{row.score:+.3f}",
                "pieces": pieces,
                "title": "" if pd.isna(row.title) else str(row.title),
            }
        )
    return env.get_template("tone_extremes.html.j2").render(rows=rows, score_name=score_name)
