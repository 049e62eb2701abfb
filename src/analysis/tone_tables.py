"""Article, group, period and term tone from scored sentences, and what the report shows of them
(the overview, the articles it charts, and a one-line note where there is nothing to chart).

Every function reads the sentence scores of ``analysis.vader`` (stock VADER's ``compound``)
or of ``analysis.tone`` (the news tone, ``score="tone"``); ``analysis.sentiment`` explains
why articles are scored from their sentences (and re-exports these names). The sentences
and words behind the tone are ``tone_sentences``' job; their names are re-exported here too.

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
from .tone_parts import (  # noqa: F401  (the choices are re-exported: this was their module)
    FREQS,
    GROUP_BY,
    SCORE_NAMES,
    SCORES,
    TIME_GROUPS,
    Freq,
    GroupBy,
    Score,
    check_thresholds,
    group_keys,
    score_parts,
    typed,
)
from .tone_sentences import (  # noqa: F401  (re-exported: notebooks and users import them from here)
    DRIVER_COLUMNS,
    drivers_summary,
    extreme_sentences,
    extreme_words,
    highlighted_extremes,
    sentence_words,
    tone_drivers,
)
from .vader import Lexicon
from .vader import lexicon as vader_lexicon

# the tables' columns and dtypes: their contracts in schemas.RESULTS, written once
DOCUMENT_COLUMNS = schemas.RESULTS["documents"]
GROUP_COLUMNS = schemas.RESULTS["groups"]


# --------------------------------------------------------------------------- aggregates


def _doc_stats(scored: pd.DataFrame, pos_threshold: float, neg_threshold: float, include_title: bool) -> pd.DataFrame:
    scored = scored if include_title else scored[~scored["is_title"].astype(bool)]
    scored = scored[scored["score"].notna()]  # not scored (not English): not a sentence to count
    score = scored["score"].astype("float64")
    return (
        pd.DataFrame(
            {
                "doc_id": scored["doc_id"].astype("string"),
                "score": score,
                "pos": (score >= pos_threshold).astype("float64"),
                "neg": (score <= neg_threshold).astype("float64"),
            }
        )
        .groupby("doc_id", sort=False)
        .agg(
            sentences=("score", "size"),
            score=("score", "mean"),
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
    """One row per article: the mean sentence score, shares of positive/negative sentences.

    An article's ``score`` is the mean of its sentences' scores (VADER on the whole text
    saturates near +-1): the news tone with ``score="tone"``, stock VADER's compound with
    ``score="compound"``. ``positive_share`` is the share of sentences scoring
    >= ``pos_threshold``, ``negative_share`` those <= ``neg_threshold``; ``label`` applies
    the same thresholds to the mean ("positive", "neutral", "negative"). Titles are left
    out unless ``include_title``; an article with no sentence to score keeps its row with
    0 sentences, missing scores and the label "no text".

    ``scored_sentences`` may be a frame or its parts, e.g.
    ``corpus.iter_parts("sentences", columns=["doc_id", "is_title", "compound"])``: an
    article never spans two parts, so each part is summed up on its own (bounded memory,
    the same numbers).

    Example:
        >>> docs = document_tone(corpus.sentences, corpus.articles)    # doctest: +SKIP
        >>> docs.sort_values("score").head()                            # doctest: +SKIP
    """
    check_thresholds(pos_threshold, neg_threshold)
    stats = [
        _doc_stats(part, pos_threshold, neg_threshold, include_title) for part in score_parts(scored_sentences, score)
    ]
    per_doc = pd.concat(stats) if len(stats) > 1 else stats[0] if stats else None
    docs = articles[[c for c in ("doc_id", "title", "published", "source", "category") if c in articles]].copy()
    docs["doc_id"] = docs["doc_id"].astype("string")
    if per_doc is None:
        docs = docs.assign(sentences=0, score=np.nan, positive_share=np.nan, negative_share=np.nan)
    else:
        docs = docs.merge(per_doc, how="left", left_on="doc_id", right_index=True)
    docs["sentences"] = docs["sentences"].fillna(0)
    label = np.select(
        [docs["score"] >= pos_threshold, docs["score"] <= neg_threshold, docs["score"].notna()],
        ["positive", "negative", "neutral"],
        default="no text",
    )
    docs["label"] = label
    return typed(docs, DOCUMENT_COLUMNS)


def charted_documents(documents: pd.DataFrame, *, min_sentences: int = 1) -> pd.DataFrame:
    """The articles the charts and group means use: those with at least ``min_sentences`` scored sentences.

    An article with no scored sentence (a headline only, or not English) has no tone, so it is
    never charted, whatever ``min_sentences`` says.

    Example:
        >>> docs = pd.DataFrame({"doc_id": ["a", "b", "c"], "sentences": [0, 1, 3]})
        >>> charted_documents(docs)["doc_id"].tolist(), charted_documents(docs, min_sentences=2)["doc_id"].tolist()
        (['b', 'c'], ['c'])
    """
    return documents.loc[documents["sentences"] >= max(min_sentences, 1)]


def left_out_note(documents: pd.DataFrame, *, min_sentences: int = 1) -> str | None:
    """What ``charted_documents`` leaves out, in one line for the reader; None when it keeps every article.

    Example:
        >>> left_out_note(pd.DataFrame({"sentences": [0, 4]}))
        'Left out of the charts: 1 article(s) with fewer than 1 scored sentence(s) (e.g. a headline only).'
    """
    least = max(min_sentences, 1)
    left_out = int((documents["sentences"] < least).sum())
    if not left_out:
        return None
    return (
        f"Left out of the charts: {left_out:,} article(s) with fewer than {least} scored sentence(s) "
        "(e.g. a headline only)."
    )


def charted_subtitle(charted: pd.DataFrame, *, articles: int) -> str:
    """The subtitle of every chart of the report: how many articles and sentences it stands on.

    Example:
        >>> charted_subtitle(pd.DataFrame({"sentences": [3, 1200]}), articles=2500)
        '2 of 2,500 articles, 1,203 sentences'
    """
    return f"{len(charted):,} of {articles:,} articles, {int(charted['sentences'].sum()):,} sentences"


def tone_overview(charted: pd.DataFrame, *, articles: int, sentences: int, score: Score) -> pd.DataFrame:
    """One row that sums the report up: articles (all, charted), sentences scored, which score,
    the mean article tone and the shares of positive and negative articles among those charted.

    Example:
        >>> charted = pd.DataFrame({"score": [0.2, -0.4], "label": ["positive", "negative"]})
        >>> overview = tone_overview(charted, articles=3, sentences=40, score="tone")
        >>> overview[["articles charted", "score", "positive articles"]].to_dict("records")
        [{'articles charted': 2, 'score': 'news tone', 'positive articles': 0.5}]
    """
    check_choice("score", score, SCORES)
    return pd.DataFrame(
        {
            "articles": [articles],
            "articles charted": [len(charted)],
            "sentences scored": [sentences],
            "score": [SCORE_NAMES[score]],
            "mean article tone": [charted["score"].mean()],
            "positive articles": [(charted["label"] == "positive").mean()],
            "negative articles": [(charted["label"] == "negative").mean()],
        }
    )


def label_counts(charted: pd.DataFrame) -> pd.DataFrame:
    """Articles per label (negative, neutral, positive; every label, even with none) and their share.

    Example:
        >>> label_counts(pd.DataFrame({"label": ["positive", "neutral", "positive"]}))["articles"].tolist()
        [0, 1, 2]
    """
    labels = charted["label"].value_counts().reindex(["negative", "neutral", "positive"], fill_value=0)
    return pd.DataFrame({"articles": labels, "share": (labels / max(len(charted), 1)).round(3)})


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
        >>> groups[["group", "score", "ci_low", "ci_high"]]                   # doctest: +SKIP
    """
    check_choice("by", by, GROUP_BY)
    if not 0 < ci < 1:
        raise ValueError(f"ci={ci} is not valid; give a level between 0 and 1, e.g. 0.95.")
    if n_boot < 0:
        raise ValueError(f"n_boot={n_boot} is not valid; give 0 (no interval) or more resamples.")
    if by not in documents and not (by in TIME_GROUPS and "published" in documents):
        raise ValueError(f"cannot group documents by {by!r}: the documents frame has no such column.")
    keys = group_keys(documents, by)
    frame = pd.DataFrame({"group": keys, "score": documents["score"].astype("float64")})
    frame = frame.dropna()
    rows = []
    for group, part in frame.groupby("group", sort=True):
        values = part["score"].to_numpy()
        low, high = bootstrap_ci(values, rng=group_rng(seed, group), n_boot=n_boot, ci=ci)
        rows.append((group, len(values), float(values.mean()), low, high))
    result = pd.DataFrame(rows, columns=list(GROUP_COLUMNS))
    if by not in TIME_GROUPS:
        result = result.sort_values(["score", "group"], ascending=[False, True], kind="stable")
    return typed(result, GROUP_COLUMNS)


def groups_to_compare(
    charted: pd.DataFrame, *, by: GroupBy | Literal["none"], n_boot: int = 1000
) -> tuple[pd.DataFrame | None, str | None]:
    """``group_tone`` of the charted articles, and why there is nothing to compare when there is not.

    Returns the groups (None when ``by="none"``) and a one-line note when there are fewer
    than two groups: no grouping asked for, no article with that column or a date, or all
    articles in one group. The note is None when the groups can be compared.

    Example:
        >>> docs = pd.DataFrame({"category": ["sport", "sport"], "score": [0.1, 0.3]})
        >>> groups, note = groups_to_compare(docs, by="category", n_boot=0)
        >>> len(groups), note
        (1, 'All articles fall in one category (sport): nothing to compare.')
    """
    check_choice("by", by, ["none", *GROUP_BY])
    if by == "none":
        return None, "No grouping asked for (group_by is 'none')."
    groups = group_tone(charted, by=by, n_boot=n_boot)
    if groups.empty:
        return groups, f"No article has a {'date' if by in TIME_GROUPS else by}: nothing to group by {by}."
    if len(groups) == 1:
        return groups, f"All articles fall in one {by} ({groups['group'].iloc[0]}): nothing to compare."
    return groups, None


def tone_over_time(documents: pd.DataFrame, *, freq: Freq = "W", rolling: int = 4) -> pd.DataFrame:
    """Mean article tone per day, week (from Monday), month, quarter or year, with a rolling mean.

    Every period between the first and last dated article has a row, empty ones with
    0 documents and a missing mean; ``score_rolling`` is the mean of the per-period
    means over the last ``rolling`` periods that have articles (``rolling=1``: none).
    Articles without a date or a score are left out; no dates give an empty frame.

    Example:
        >>> tone_over_time(docs, freq="M", rolling=3).tail()   # doctest: +SKIP
    """
    check_period(freq)
    if rolling < 1:
        raise ValueError(f"rolling={rolling} is not valid; give a window of 1 period or more.")
    columns = ["period", "documents", "score", "score_rolling"]
    published = pd.to_datetime(documents["published"], errors="coerce")
    frame = pd.DataFrame({"published": published, "score": documents["score"].astype("float64")}).dropna()
    if frame.empty:
        return pd.DataFrame(
            {
                "period": pd.Series(dtype="datetime64[ns]"),
                "documents": pd.Series(dtype="int64"),
                "score": pd.Series(dtype="float64"),
                "score_rolling": pd.Series(dtype="float64"),
            }
        )
    starts = to_periods(frame["published"], freq)
    stats = frame.groupby(starts)["score"].agg(["size", "mean"])
    full = period_range(stats.index.min(), stats.index.max(), freq)
    stats = stats.reindex(full)
    result = pd.DataFrame(
        {
            "period": full.start_time.astype("datetime64[ns]"),
            "documents": stats["size"].fillna(0).astype("int64").to_numpy(),
            "score": stats["mean"].to_numpy(),
        }
    )
    result["score_rolling"] = result["score"].rolling(rolling, min_periods=1).mean()
    return result[columns]


def over_time_note(over_time: pd.DataFrame, *, freq: Freq) -> str | None:
    """Why ``tone_over_time`` output shows no change over time (no dates, or one period with
    articles), in one line; None when there is a line to draw.

    Example:
        >>> over_time_note(pd.DataFrame({"documents": [4, 0]}), freq="M")
        'All dated articles fall in one month: there is no change over time to show.'
    """
    name = periods.PERIOD_NAMES[check_period(freq)]
    if over_time.empty:
        return "The articles have no publication dates: tone over time is not available."
    if over_time["documents"].gt(0).sum() < 2:
        return f"All dated articles fall in one {name}: there is no change over time to show."
    return None


def over_time_lines(over_time: pd.DataFrame, *, freq: Freq, rolling: int) -> pd.DataFrame:
    """``tone_over_time`` output as two series for a line chart: the mean per period and the rolling mean.

    Columns are those of ``over_time`` plus ``series`` (its name, e.g. "mean per week") and
    ``value``; periods without articles (no value) are left out, so the line shows a gap.

    Example:
        >>> over_time = pd.DataFrame({"documents": [2, 0], "score": [0.5, None], "score_rolling": [0.5, 0.5]})
        >>> over_time_lines(over_time, freq="W", rolling=4)[["series", "value"]].values.tolist()
        [['mean per week', 0.5], ['rolling mean of 4 weeks', 0.5], ['rolling mean of 4 weeks', 0.5]]
    """
    name = periods.PERIOD_NAMES[check_period(freq)]
    lines = pd.concat(
        [
            over_time.assign(series=f"mean per {name}", value=over_time["score"]),
            over_time.assign(series=f"rolling mean of {rolling} {name}s", value=over_time["score_rolling"]),
        ]
    )
    return lines.dropna(subset=["value"])


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
    match in the sentence text. Columns: term, sentences, documents, score (mean of the
    sentences' ``score``), positive_share, negative_share, vs_all (score minus the mean of all sentences),
    term_valence (the term's own VADER rating when it is a rated word: its sentences
    lean that way by construction, e.g. "security" +1.4, "attack" -2.1).

    ``tokens`` may be a frame (``doc_id, sent_id, norm``) or tokens parts, e.g.
    ``corpus.iter_parts("tokens", columns=["doc_id", "sent_id", "norm"])``: only the rows of
    the single-word terms are kept, so a large corpus is read with little memory.

    Example:
        >>> term_tone(scored, ["sanctions", "peace talks"], tokens=tokens)   # doctest: +SKIP
    """
    check_thresholds(pos_threshold, neg_threshold)
    valences = vader_lexicon(lexicon=lexicon)  # checks the choice
    if isinstance(terms, str):
        terms = [terms]
    terms = list(dict.fromkeys(t.strip() for t in terms if t and t.strip()))
    if tokens is not None:
        tokens = _term_rows(tokens, {t.lower() for t in terms if len(t.split()) == 1})
    scored_sentences = next(iter(score_parts(scored_sentences, score)))
    scored = scored_sentences if include_title else scored_sentences[~scored_sentences["is_title"].astype(bool)]
    scored = scored.reset_index(drop=True)
    overall = float(scored["score"].mean()) if len(scored) else math.nan
    rows = []
    for term in terms:
        hit = scored[_mentions_term(scored, term, tokens).to_numpy()]
        values = hit["score"].astype("float64")
        mean = float(values.mean()) if len(hit) else math.nan
        rows.append(
            {
                "term": term,
                "sentences": len(hit),
                "documents": hit["doc_id"].nunique(),
                "score": mean,
                "positive_share": float((values >= pos_threshold).mean()) if len(hit) else math.nan,
                "negative_share": float((values <= neg_threshold).mean()) if len(hit) else math.nan,
                "vs_all": mean - overall,
                "term_valence": valences.get(term.lower(), math.nan),
            }
        )
    dtypes = {
        "term": "string",
        "sentences": "int64",
        "documents": "int64",
        "score": "float64",
        "positive_share": "float64",
        "negative_share": "float64",
        "vs_all": "float64",
        "term_valence": "float64",
    }
    return typed(pd.DataFrame(rows, columns=list(dtypes)), dtypes)


def corpus_term_tone(
    corpus,
    terms: Sequence[str],
    *,
    pos_threshold: float = 0.05,
    neg_threshold: float = -0.05,
    include_title: bool = True,
    lexicon: Lexicon = "vadersentiment",
    score: Score = "compound",
) -> pd.DataFrame:
    """``term_tone`` over a prepared corpus (``analysis.open_corpus``), reading only what the terms need.

    Single words are found in the tokens, read part by part; the sentences' text is read only
    when a term is a phrase (several words), which is found in it. The options are
    ``term_tone``'s.

    Example:
        >>> corpus_term_tone(corpus, ["sanctions", "peace talks"], score="tone")   # doctest: +SKIP
    """
    check_choice("score", score, SCORES)
    terms = [terms] if isinstance(terms, str) else list(terms)
    phrases = any(len(term.split()) > 1 for term in terms)
    sentences = corpus.read(
        "sentences", columns=["doc_id", "sent_id", "is_title", score, *(["text"] if phrases else [])]
    )
    return term_tone(
        sentences,
        terms,
        tokens=corpus.iter_parts("tokens", columns=["doc_id", "sent_id", "norm"]),
        pos_threshold=pos_threshold,
        neg_threshold=neg_threshold,
        include_title=include_title,
        lexicon=lexicon,
        score=score,
    )


def not_found_note(terms: pd.DataFrame) -> str | None:
    """The terms of ``term_tone`` output that no sentence mentions, in one line; None when each is found.

    Example:
        >>> not_found_note(pd.DataFrame({"term": ["UN", "talks", "Kestrel"], "sentences": [0, 4, 0]}))
        'Not found in any sentence: UN, Kestrel.'
    """
    missing = terms.loc[terms["sentences"] == 0, "term"].tolist()
    return f"Not found in any sentence: {', '.join(missing)}." if missing else None
