"""Article, group, period and term tone from scored sentences, and the words behind it.

Every function reads the sentence scores of ``analysis.vader`` (stock VADER's ``compound``)
or of ``analysis.tone`` (the news tone, ``score="tone"``); ``analysis.sentiment`` explains
why articles are scored from their sentences (and re-exports these names).

Example:
    >>> docs = document_tone(corpus.sentences, corpus.articles)    # doctest: +SKIP
    >>> group_tone(docs, by="category").head()                      # doctest: +SKIP
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from . import periods, schemas
from .options import check_choice
from .periods import check_period, period_range, to_periods
from .stats import bootstrap_ci, group_rng
from .vader import Lexicon
from .vader import lexicon as vader_lexicon

# the sentence score the aggregates read: the news tone (analysis.tone) or stock VADER's compound
Score = Literal["tone", "compound"]
SCORES = ("tone", "compound")
GroupBy = Literal["source", "category", "month", "week", "day"]
GROUP_BY = ("source", "category", "month", "week", "day")
TIME_GROUPS = {"month": "M", "week": "W", "day": "D"}
Freq = Literal["D", "W", "M", "Q", "Y"]
FREQS = periods.PERIODS  # the old name of the choices


# Result tables (not corpus frames, so they live here): column -> dtype.
DOCUMENT_COLUMNS = {
    "doc_id": "string",
    "title": "string",
    "published": "datetime64[ns]",
    "source": "string",
    "category": "string",
    "sentences": "int64",
    "compound": "float64",
    "positive_share": "float64",
    "negative_share": "float64",
    "label": "string",
}
GROUP_COLUMNS = {
    "group": "string",
    "documents": "int64",
    "compound": "float64",
    "ci_low": "float64",
    "ci_high": "float64",
}


# --------------------------------------------------------------------------- aggregates


def _check_thresholds(pos_threshold: float, neg_threshold: float) -> None:
    if not neg_threshold <= pos_threshold:
        raise ValueError(
            f"neg_threshold={neg_threshold} is above pos_threshold={pos_threshold}; "
            "choose neg_threshold <= pos_threshold (VADER's usual pair is -0.05 and 0.05)."
        )


def _typed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    out = {}
    for col, dtype in columns.items():
        series = frame[col] if col in frame else pd.Series([pd.NA] * len(frame), dtype="object")
        if dtype.startswith("datetime"):
            series = pd.to_datetime(series, errors="coerce")
        out[col] = series.astype(dtype).reset_index(drop=True)
    return pd.DataFrame(out, columns=list(columns))


def _parts(frames: pd.DataFrame | Iterable[pd.DataFrame], score: str = "compound") -> Iterable[pd.DataFrame]:
    """A frame is one part; anything else is an iterable of parts (e.g. ``corpus.iter_parts``).

    With ``score="tone"`` each part's ``tone`` column is read as its ``compound`` (the
    aggregates below work on one score column, whichever it is).
    """
    check_choice("score", score, SCORES)
    parts = [frames] if isinstance(frames, pd.DataFrame) else frames
    if score == "compound":
        return parts
    return (_scored_by(part, score) for part in parts)


def _scored_by(part: pd.DataFrame, score: str) -> pd.DataFrame:
    if score not in part:
        raise ValueError(f'the sentences have no {score!r} column; prepare the corpus again, or use score="compound"')
    return part.drop(columns="compound", errors="ignore").rename(columns={score: "compound"})


def _doc_stats(scored: pd.DataFrame, pos_threshold: float, neg_threshold: float, include_title: bool) -> pd.DataFrame:
    scored = scored if include_title else scored[~scored["is_title"].astype(bool)]
    scored = scored[scored["compound"].notna()]  # not scored (not English): not a sentence to count
    compound = scored["compound"].astype("float64")
    return (
        pd.DataFrame(
            {
                "doc_id": scored["doc_id"].astype("string"),
                "compound": compound,
                "pos": (compound >= pos_threshold).astype("float64"),
                "neg": (compound <= neg_threshold).astype("float64"),
            }
        )
        .groupby("doc_id", sort=False)
        .agg(
            sentences=("compound", "size"),
            compound=("compound", "mean"),
            positive_share=("pos", "mean"),
            negative_share=("neg", "mean"),
        )
    )


def document_tone(
    scored_sentences: pd.DataFrame | Iterable[pd.DataFrame],
    articles: pd.DataFrame,
    *,
    pos_threshold: float = 0.05,
    neg_threshold: float = -0.05,
    include_title: bool = False,
    score: Score = "compound",
) -> pd.DataFrame:
    """One row per article: the mean sentence compound, shares of positive/negative sentences.

    An article's tone is the mean of its sentences' compound scores (VADER on the whole
    text saturates near +-1). ``positive_share`` is the share of sentences with compound
    >= ``pos_threshold``, ``negative_share`` those <= ``neg_threshold``; ``label`` applies
    the same thresholds to the mean ("positive", "neutral", "negative"). Titles are left
    out unless ``include_title``; an article with no sentence to score keeps its row with
    0 sentences, missing scores and the label "no text".

    ``scored_sentences`` may be a frame or its parts, e.g.
    ``corpus.iter_parts("sentences", columns=["doc_id", "is_title", "compound"])``: an
    article never spans two parts, so each part is summed up on its own (bounded memory,
    the same numbers). ``score="tone"`` reads the news tone instead of stock VADER's
    compound (the result's ``compound`` is then the mean tone).

    Example:
        >>> docs = document_tone(corpus.sentences, corpus.articles)    # doctest: +SKIP
        >>> docs.sort_values("compound").head()                         # doctest: +SKIP
    """
    _check_thresholds(pos_threshold, neg_threshold)
    stats = [_doc_stats(part, pos_threshold, neg_threshold, include_title) for part in _parts(scored_sentences, score)]
    per_doc = pd.concat(stats) if len(stats) > 1 else stats[0] if stats else None
    docs = articles[[c for c in ("doc_id", "title", "published", "source", "category") if c in articles]].copy()
    docs["doc_id"] = docs["doc_id"].astype("string")
    if per_doc is None:
        docs = docs.assign(sentences=0, compound=np.nan, positive_share=np.nan, negative_share=np.nan)
    else:
        docs = docs.merge(per_doc, how="left", left_on="doc_id", right_index=True)
    docs["sentences"] = docs["sentences"].fillna(0)
    label = np.select(
        [docs["compound"] >= pos_threshold, docs["compound"] <= neg_threshold, docs["compound"].notna()],
        ["positive", "negative", "neutral"],
        default="no text",
    )
    docs["label"] = label
    return _typed(docs, DOCUMENT_COLUMNS)


def _group_keys(documents: pd.DataFrame, by: str) -> pd.Series:
    if by in TIME_GROUPS:
        published = pd.to_datetime(documents["published"], errors="coerce")
        if by == "week":  # weeks start on Monday, named by that date
            start = published.dt.to_period("W-SUN").dt.start_time
            return start.dt.strftime("%Y-%m-%d").astype("string")
        fmt = {"month": "%Y-%m", "day": "%Y-%m-%d"}[by]
        return published.dt.strftime(fmt).astype("string")
    return documents[by].astype("string").fillna(schemas.MISSING_GROUP)


def group_tone(
    documents: pd.DataFrame, *, by: GroupBy, n_boot: int = 1000, ci: float = 0.95, seed: int = 0
) -> pd.DataFrame:
    """Mean article tone per group with a bootstrap confidence interval.

    Groups are a column (``source``, ``category``) or a period of ``published`` (``month``
    as "2005-03", ``week`` named by its Monday, ``day``). Articles without a score or,
    for periods, without a date are left out. The interval resamples the group's articles
    ``n_boot`` times (percentile bootstrap; ``n_boot=0`` skips it); each group has its own
    random stream from ``seed`` and its name, so adding a group changes no other interval.
    Rows are in time order for periods, from most positive to most negative otherwise.

    Example:
        >>> groups = group_tone(document_tone(sents, arts), by="category")   # doctest: +SKIP
        >>> groups[["group", "compound", "ci_low", "ci_high"]]                # doctest: +SKIP
    """
    check_choice("by", by, GROUP_BY)
    if not 0 < ci < 1:
        raise ValueError(f"ci={ci} is not valid; give a level between 0 and 1, e.g. 0.95.")
    if n_boot < 0:
        raise ValueError(f"n_boot={n_boot} is not valid; give 0 (no interval) or more resamples.")
    if by not in documents and not (by in TIME_GROUPS and "published" in documents):
        raise ValueError(f"cannot group documents by {by!r}: the documents frame has no such column.")
    keys = _group_keys(documents, by)
    frame = pd.DataFrame({"group": keys, "compound": documents["compound"].astype("float64")})
    frame = frame.dropna()
    rows = []
    for group, part in frame.groupby("group", sort=True):
        values = part["compound"].to_numpy()
        low, high = bootstrap_ci(values, rng=group_rng(seed, group), n_boot=n_boot, ci=ci)
        rows.append((group, len(values), float(values.mean()), low, high))
    result = pd.DataFrame(rows, columns=list(GROUP_COLUMNS))
    if by not in TIME_GROUPS:
        result = result.sort_values(["compound", "group"], ascending=[False, True], kind="stable")
    return _typed(result, GROUP_COLUMNS)


def tone_over_time(documents: pd.DataFrame, *, freq: Freq = "W", rolling: int = 4) -> pd.DataFrame:
    """Mean article tone per day, week (from Monday), month, quarter or year, with a rolling mean.

    Every period between the first and last dated article has a row, empty ones with
    0 documents and a missing mean; ``compound_rolling`` is the mean of the per-period
    means over the last ``rolling`` periods that have articles (``rolling=1``: none).
    Articles without a date or a score are left out; no dates give an empty frame.

    Example:
        >>> tone_over_time(docs, freq="M", rolling=3).tail()   # doctest: +SKIP
    """
    check_period(freq)
    if rolling < 1:
        raise ValueError(f"rolling={rolling} is not valid; give a window of 1 period or more.")
    columns = ["period", "documents", "compound", "compound_rolling"]
    published = pd.to_datetime(documents["published"], errors="coerce")
    frame = pd.DataFrame({"published": published, "compound": documents["compound"].astype("float64")}).dropna()
    if frame.empty:
        return pd.DataFrame(
            {
                "period": pd.Series(dtype="datetime64[ns]"),
                "documents": pd.Series(dtype="int64"),
                "compound": pd.Series(dtype="float64"),
                "compound_rolling": pd.Series(dtype="float64"),
            }
        )
    starts = to_periods(frame["published"], freq)
    stats = frame.groupby(starts)["compound"].agg(["size", "mean"])
    full = period_range(stats.index.min(), stats.index.max(), freq)
    stats = stats.reindex(full)
    result = pd.DataFrame(
        {
            "period": full.start_time.astype("datetime64[ns]"),
            "documents": stats["size"].fillna(0).astype("int64").to_numpy(),
            "compound": stats["mean"].to_numpy(),
        }
    )
    result["compound_rolling"] = result["compound"].rolling(rolling, min_periods=1).mean()
    return result[columns]


def _mentions_term(sentences: pd.DataFrame, term: str, tokens: pd.DataFrame | None) -> pd.Series:
    words = term.lower().split()
    if tokens is not None and len(words) == 1:
        key_types = {"doc_id": "string", "sent_id": "int64"}
        hits = tokens.loc[tokens["norm"].astype("string") == words[0], ["doc_id", "sent_id"]].drop_duplicates()
        keys = pd.MultiIndex.from_frame(hits.astype(key_types))
        mine = pd.MultiIndex.from_frame(sentences[["doc_id", "sent_id"]].astype(key_types))
        return pd.Series(mine.isin(keys), index=sentences.index)
    pattern = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in words) + r"(?!\w)"
    return sentences["text"].astype("string").str.contains(pattern, case=False, regex=True).fillna(False).astype(bool)


def _term_rows(tokens: pd.DataFrame | Iterable[pd.DataFrame], words: set[str]) -> pd.DataFrame:
    """The ``doc_id, sent_id, norm`` rows of tokens (a frame or parts) whose norm is one of ``words``."""
    parts = [tokens] if isinstance(tokens, pd.DataFrame) else tokens
    kept = [part.loc[part["norm"].isin(words).to_numpy(bool), ["doc_id", "sent_id", "norm"]] for part in parts]
    if not kept:
        return pd.DataFrame(
            {
                "doc_id": pd.Series(dtype="string"),
                "sent_id": pd.Series(dtype="int64"),
                "norm": pd.Series(dtype="string"),
            }
        )
    return pd.concat(kept, ignore_index=True)


def term_tone(
    scored_sentences: pd.DataFrame,
    terms: Sequence[str],
    *,
    tokens: pd.DataFrame | Iterable[pd.DataFrame] | None = None,
    pos_threshold: float = 0.05,
    neg_threshold: float = -0.05,
    include_title: bool = True,
    lexicon: Lexicon = "vadersentiment",
    score: Score = "compound",
) -> pd.DataFrame:
    """Tone of the sentences that mention each term, beside the tone of all sentences.

    A single-word term matches a token's ``norm`` when a tokens frame is given (so "UN"
    does not match "unless"), otherwise, and for phrases, a case-insensitive whole-word
    match in the sentence text. Columns: term, sentences, documents, compound (mean),
    positive_share, negative_share, vs_all (compound minus the mean of all sentences),
    term_valence (the term's own VADER rating when it is a rated word: its sentences
    lean that way by construction, e.g. "security" +1.4, "attack" -2.1).

    ``tokens`` may be a frame (``doc_id, sent_id, norm``) or tokens parts, e.g.
    ``corpus.iter_parts("tokens", columns=["doc_id", "sent_id", "norm"])``: only the rows of
    the single-word terms are kept, so a large corpus is read with little memory.

    Example:
        >>> term_tone(scored, ["sanctions", "peace talks"], tokens=tokens)   # doctest: +SKIP
    """
    _check_thresholds(pos_threshold, neg_threshold)
    valences = vader_lexicon(lexicon=lexicon)  # checks the choice
    if isinstance(terms, str):
        terms = [terms]
    terms = list(dict.fromkeys(t.strip() for t in terms if t and t.strip()))
    if tokens is not None:
        tokens = _term_rows(tokens, {t.lower() for t in terms if len(t.split()) == 1})
    scored_sentences = next(iter(_parts(scored_sentences, score)))
    scored = scored_sentences if include_title else scored_sentences[~scored_sentences["is_title"].astype(bool)]
    scored = scored.reset_index(drop=True)
    overall = float(scored["compound"].mean()) if len(scored) else math.nan
    rows = []
    for term in terms:
        hit = scored[_mentions_term(scored, term, tokens).to_numpy()]
        compound = hit["compound"].astype("float64")
        mean = float(compound.mean()) if len(hit) else math.nan
        rows.append(
            {
                "term": term,
                "sentences": len(hit),
                "documents": hit["doc_id"].nunique(),
                "compound": mean,
                "positive_share": float((compound >= pos_threshold).mean()) if len(hit) else math.nan,
                "negative_share": float((compound <= neg_threshold).mean()) if len(hit) else math.nan,
                "vs_all": mean - overall,
                "term_valence": valences.get(term.lower(), math.nan),
            }
        )
    dtypes = {
        "term": "string",
        "sentences": "int64",
        "documents": "int64",
        "compound": "float64",
        "positive_share": "float64",
        "negative_share": "float64",
        "vs_all": "float64",
        "term_valence": "float64",
    }
    return _typed(pd.DataFrame(rows, columns=list(dtypes)), dtypes)


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
        side = scored[(scored["compound"] > 0) if positive else (scored["compound"] < 0)]
        if top_n == 0:
            side = side.head(0)
        elif len(side) > top_n:
            edge = side["compound"].nlargest(top_n).iloc[-1] if positive else side["compound"].nsmallest(top_n).iloc[-1]
            side = side[(side["compound"] >= edge) if positive else (side["compound"] <= edge)]
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
    words are skipped. Columns: tone ("positive"/"negative"), rank, compound, text,
    title, doc_id, sent_id. Ties are broken by document and position, so runs agree.
    ``scored_sentences`` may be a frame or its parts in corpus order (``doc_id, sent_id,
    is_title, text, compound``, e.g. ``corpus.iter_parts("sentences", columns=...)``):
    each part gives its best candidates, so only one part's text is held at a time.

    Example:
        >>> extreme_sentences(scored, articles, top_n=5)   # doctest: +SKIP
    """
    if top_n < 0:
        raise ValueError(f"top_n={top_n} is not valid; give 0 or more sentences per side.")
    columns = ["tone", "rank", "compound", "text", "title", "doc_id", "sent_id"]
    candidates = [
        _extreme_candidates(part, top_n, include_title, min_words) for part in _parts(scored_sentences, score)
    ]
    scored = (
        pd.concat(candidates, ignore_index=True)
        if candidates
        else pd.DataFrame(
            {
                "doc_id": pd.Series(dtype="string"),
                "sent_id": pd.Series(dtype="int64"),
                "text": pd.Series(dtype="string"),
                "compound": pd.Series(dtype="float64"),
            }
        )
    )
    scored = scored.drop_duplicates("text")
    titles = articles[["doc_id", "title"]].astype({"doc_id": "string"}).drop_duplicates("doc_id")
    parts = []
    for tone, ascending in (("positive", False), ("negative", True)):
        side = scored[(scored["compound"] > 0) if tone == "positive" else (scored["compound"] < 0)]
        side = side.sort_values(["compound", "doc_id", "sent_id"], ascending=[ascending, True, True], kind="stable")
        side = side.head(top_n).assign(tone=tone, rank=np.arange(1, min(top_n, len(side)) + 1))
        parts.append(side)
    result = pd.concat(parts, ignore_index=True) if parts else scored.head(0)
    result = result.astype({"doc_id": "string"}).merge(titles, how="left", on="doc_id")
    dtypes = {
        "tone": "string",
        "rank": "int64",
        "compound": "float64",
        "text": "string",
        "title": "string",
        "doc_id": "string",
        "sent_id": "int64",
    }
    return _typed(result.reindex(columns=columns), dtypes)


# --------------------------------------------------------------------------- what drives the tone

DRIVER_COLUMNS = {
    "group": "string",
    "side": "string",
    "rank": "int64",
    "word": "string",
    "valence": "float64",
    "occurrences": "int64",
    "share": "float64",
}


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
    keys = pd.Series("all", index=documents.index, dtype="string") if by == "none" else _group_keys(documents, by)
    group_of = pd.Series(keys.to_numpy(), index=documents["doc_id"].astype("string").to_numpy()).dropna()
    group_of = group_of[~group_of.index.duplicated()]
    sums = []
    for part in _parts(sentences):
        if not include_title:
            part = part[~part["is_title"].astype(bool)]
        words = sentence_words(part, score=score)
        words["group"] = words["doc_id"].map(group_of)
        words = words.dropna(subset=["group"])
        sums.append(words.groupby(["group", "word"], observed=True)["valence"].agg(["sum", "size"]))
    if not sums:
        return _typed(pd.DataFrame(columns=list(DRIVER_COLUMNS)), DRIVER_COLUMNS)
    total = pd.concat(sums).groupby(level=["group", "word"]).sum().reset_index()
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
    return _typed(result, DRIVER_COLUMNS)


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
    for part in _parts(sentences):
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
                "side": row.tone,
                "rank": row.rank,
                "score": f"{row.compound:+.3f}",
                "pieces": pieces,
                "title": "" if pd.isna(row.title) else str(row.title),
            }
        )
    return env.get_template("tone_extremes.html.j2").render(rows=rows, score_name=score_name)
