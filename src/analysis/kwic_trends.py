"""Terms in their context (``kwic``) and over time (``term_trends``).

``analysis.frequencies`` explains the conventions and re-exports these names.

Example:
    >>> kwic(corpus.tokens, corpus.articles, "tax", window=5).head()   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import numpy as np
import pandas as pd

from .options import check_choice
from .periods import PERIODS as FREQUENCIES  # noqa: F401  (the old name, re-exported by frequencies)
from .periods import check_period, period_starts
from .word_counts import (
    FIELDS,
    Field,
    check_min,
    finish_table,
    in_text_order,
    require_columns,
)

# --------------------------------------------------------------------------- text and time


def kwic(
    tokens: pd.DataFrame | Iterable[pd.DataFrame],
    articles: pd.DataFrame | Iterable[pd.DataFrame],
    terms: str | Iterable[str],
    *,
    window: int = 8,
    field: Field = "norm",
) -> pd.DataFrame:
    """Keyword-in-context lines: each occurrence of a term with the words around it.

    A term may be a phrase ("prime minister"): it matches consecutive tokens of one
    article. Matching is on ``field`` (lower case for "norm"). The context is cut from
    the article text using the token offsets, ``window`` tokens to each side (it may run
    over sentence ends, not over the article); line breaks become spaces. The text is
    returned as plain data: show it in a DataFrame, never as HTML.

    Args:
        tokens: frame of shape "tokens", or tokens parts each holding whole articles
            (e.g. ``corpus.iter_parts("tokens", columns=KWIC_COLUMNS)``).
        articles: frame with ``doc_id`` and ``text``, or batches of such frames (e.g.
            ``corpus.iter_batches("articles", columns=["doc_id", "text"])``), read once
            after the occurrences are found.
        terms: words or phrases.
        window: tokens of context on each side.
        field: "norm", "stem" or "token".

    Returns:
        Columns ``doc_id, left, keyword, right, start, end`` (offsets of the keyword in
        the article text), in article and text order.

    Example:
        >>> kwic(corpus.tokens, corpus.articles, ["blair"], window=6).head()   # doctest: +SKIP
    """
    check_choice("field", field, FIELDS)
    check_min("window", window, 0)
    columns = ["doc_id", "left", "keyword", "right", "start", "end"]
    spans = [_kwic_spans(part, terms, window=window, field=field) for part in _parts(tokens)]
    spans = (
        pd.concat(spans, ignore_index=True)
        if spans
        else pd.DataFrame({"doc_id": [], **{c: np.zeros(0, np.int64) for c in ("left", "start", "end", "right")}})
    )
    if isinstance(articles, pd.DataFrame):
        require_columns(articles, ["doc_id", "text"], "articles")
    if spans.empty:
        return finish_table(pd.DataFrame(columns=columns), columns, strings=["doc_id", "left", "keyword", "right"])
    doc_ids = spans["doc_id"].astype(str).to_numpy(object)
    left = np.full(len(spans), "", dtype=object)
    keyword, right = left.copy(), left.copy()
    todo = np.ones(len(spans), bool)
    bounds = spans[["left", "start", "end", "right"]].to_numpy(np.int64)
    for batch in [articles] if isinstance(articles, pd.DataFrame) else articles:
        require_columns(batch, ["doc_id", "text"], "articles")
        batch_ids = batch["doc_id"].astype(str).to_numpy(object)
        here = np.flatnonzero(todo & pd.Index(doc_ids).isin(batch_ids))
        if not len(here):
            continue
        text_of = dict(zip(batch_ids, batch["text"].astype(str)))
        for i in here:
            text = text_of[doc_ids[i]]
            lr, k0, k1, rr = bounds[i]
            left[i], keyword[i], right[i] = _one_line(text[lr:k0]), _one_line(text[k0:k1]), _one_line(text[k1:rr])
        todo[here] = False
    result = pd.DataFrame(
        {
            "doc_id": spans["doc_id"].to_numpy(object),
            "left": left,
            "keyword": keyword,
            "right": right,
            "start": spans["start"].to_numpy(),
            "end": spans["end"].to_numpy(),
        }
    )
    return finish_table(result, columns, strings=["doc_id", "left", "keyword", "right"])


#: the tokens columns ``kwic`` reads (plus ``field`` when it is not "norm")
KWIC_COLUMNS = ["doc_id", "tok_id", "start", "end", "norm"]


def _kwic_spans(tokens: pd.DataFrame, terms, *, window: int, field: str) -> pd.DataFrame:
    """Where each occurrence and its context lie in the article text: doc_id, left, start, end, right."""
    require_columns(tokens, ["doc_id", "tok_id", "start", "end", field], "tokens")
    t = in_text_order(tokens)
    hits = _phrase_hits(t, terms, field)
    docs = pd.factorize(t["doc_id"], use_na_sentinel=False)[0]
    # first and last row of each article, so the context stops at the article's edges
    first = np.r_[0, np.flatnonzero(np.diff(docs)) + 1]
    last = np.r_[first[1:] - 1, len(t) - 1]
    begin = hits["row"].to_numpy()
    stop = begin + hits["length"].to_numpy() - 1
    left_row = np.maximum(begin - window, first[docs][begin]) if len(begin) else begin
    right_row = np.minimum(stop + window, last[docs][begin]) if len(begin) else begin
    starts, ends = t["start"].to_numpy(np.int64), t["end"].to_numpy(np.int64)
    return pd.DataFrame(
        {
            "doc_id": t["doc_id"].to_numpy(object)[begin],
            "left": starts[left_row],
            "start": starts[begin],
            "end": ends[stop],
            "right": ends[right_row],
        }
    )


def term_trends(
    tokens: pd.DataFrame | Iterable[pd.DataFrame],
    articles: pd.DataFrame,
    terms: str | Iterable[str],
    *,
    freq: Literal["D", "W", "M", "Q", "Y"] = "M",
    field: Field = "norm",
) -> pd.DataFrame:
    """How often each term is used per period of publication.

    Tokens of undated articles are left out. Every term gets a row for every period
    that has dated articles (count 0 when unused), so lines do not skip periods.

    Args:
        tokens: frame of shape "tokens", or tokens parts each holding whole articles
            (e.g. ``corpus.iter_parts("tokens", columns=TREND_COLUMNS)``).
        articles: frame with ``doc_id`` and ``published`` (no text needed).
        terms: words or phrases (matched as in ``kwic``).
        freq: period length: "D" day, "W" week, "M" month, "Q" quarter, "Y" year.

    Returns:
        Columns ``period`` (start of the period, a timestamp), ``term, count, per_10k``
        (per 10,000 words published in that period).

    Example:
        >>> term_trends(corpus.tokens, corpus.articles, ["election"], freq="M")   # doctest: +SKIP
    """
    check_period(freq)
    check_choice("field", field, FIELDS)
    require_columns(articles, ["doc_id", "published"], "articles")
    columns = ["period", "term", "count", "per_10k"]
    terms = _term_list(terms)
    periods = period_starts(articles["published"], freq)
    lookup = pd.Series(periods.to_numpy(), index=articles["doc_id"].astype(str).to_numpy())
    lookup = lookup[~lookup.index.duplicated()]
    word_parts: list[pd.Series] = []
    hit_parts: list[pd.DataFrame] = []
    for part in _parts(tokens):
        require_columns(part, ["doc_id", "tok_id", "is_word", field], "tokens")
        t = in_text_order(part)
        token_period = t["doc_id"].astype(str).map(lookup)
        dated = token_period.notna().to_numpy()
        word_parts.append(pd.Series(1, index=token_period[dated & t["is_word"].to_numpy(bool)].to_numpy()))
        if terms:
            hits = _phrase_hits(t, terms, field)
            hits = hits.assign(period=token_period.to_numpy()[hits["row"].to_numpy()]).dropna(subset=["period"])
            if len(hits) or not hit_parts:  # an empty part could change the period dtype
                hit_parts.append(hits[["period", "term"]])
    words = pd.concat(word_parts).groupby(level=0).sum() if word_parts else pd.Series(dtype="int64")
    if words.empty or not terms:
        empty = pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "term": [], "count": [], "per_10k": []})
        return finish_table(empty, columns, strings=["term"])
    # occurrences are few: keep them and count once, exactly as for a single frame
    counted = pd.concat(hit_parts, ignore_index=True).groupby(["period", "term"]).size()
    grid = pd.MultiIndex.from_product([words.index, terms], names=["period", "term"])
    counted = counted.reindex(grid, fill_value=0).rename("count").reset_index()
    counted["per_10k"] = counted["count"].to_numpy(float) * 10_000 / counted["period"].map(words).to_numpy(float)
    counted["period"] = pd.to_datetime(counted["period"]).astype("datetime64[ns]")
    counted = counted.sort_values(["term", "period"])
    return finish_table(counted, columns, strings=["term"])


def kwic_head(lines: pd.DataFrame, *, n: int = 10) -> pd.DataFrame:
    """The first ``n`` lines of each keyword of a ``kwic`` table, however it is capitalised
    ("Tax", "tax"): a few lines of every term, where the whole table would show the first only.

    Example:
        >>> lines = pd.DataFrame({"doc_id": list("abcd"), "keyword": ["Tax", "tax", "vote", "tax"]})
        >>> kwic_head(lines, n=2)["doc_id"].tolist()
        ['a', 'b', 'c']
    """
    check_min("n", n)
    return lines.groupby(lines["keyword"].str.lower(), sort=False).head(n).reset_index(drop=True)


def terms_to_follow(terms: Iterable[str], about: pd.DataFrame, *, n: int) -> list[str]:
    """``terms`` when a user named some, else the ``n`` most characteristic terms of ``about``
    (``reference_keyness``): the terms a report shows in context or follows over time.

    Example:
        >>> about = pd.DataFrame({"term": ["kestrel", "meridia", "port"]})
        >>> terms_to_follow([], about, n=2), terms_to_follow(["tax"], about, n=2)
        (['kestrel', 'meridia'], ['tax'])
    """
    check_min("n", n)
    return list(terms) or about["term"].head(n).tolist()


def trend_table(trends: pd.DataFrame, *, value: str = "count") -> pd.DataFrame:
    """A ``term_trends`` table wide: one row per period, one column per term (its ``value``).

    Example:
        >>> t = pd.DataFrame({"period": ["2024-05", "2024-05", "2024-06"], "term": ["tax", "vote", "tax"],
        ...                   "count": [3, 1, 2]})
        >>> trend_table(t).to_dict("index")
        {'2024-05': {'tax': 3.0, 'vote': 1.0}, '2024-06': {'tax': 2.0, 'vote': nan}}
    """
    check_choice("value", value, ["count", "per_10k"])
    return trends.pivot_table(index="period", columns="term", values=value, aggfunc="sum")


# --------------------------------------------------------------------------- helpers


#: the tokens columns ``term_trends`` reads (plus ``field`` when it is not "norm")
TREND_COLUMNS = ["doc_id", "tok_id", "is_word", "norm"]


def _parts(tokens: pd.DataFrame | Iterable[pd.DataFrame]) -> Iterable[pd.DataFrame]:
    """A tokens frame as the one part of itself; parts as they come."""
    return [tokens] if isinstance(tokens, pd.DataFrame) else tokens


def _term_list(terms: str | Iterable[str]) -> list[str]:
    if isinstance(terms, str):
        terms = [terms]
    seen = []
    for term in terms:
        term = " ".join(str(term).split())
        if term and term not in seen:
            seen.append(term)
    return seen


def _phrase_hits(t: pd.DataFrame, terms: str | Iterable[str], field: str) -> pd.DataFrame:
    """Rows (in text order ``t``) where each term starts; columns row, length, term."""
    values = t[field].to_numpy(dtype=object, na_value="")
    docs = pd.factorize(t["doc_id"], use_na_sentinel=False)[0]
    found = []
    for term in _term_list(terms):
        parts = term.lower().split() if field != "token" else term.split()
        k = len(parts)
        m = len(t) - k + 1
        if m <= 0:
            continue
        ok = values[:m] == parts[0]
        for j in range(1, k):
            ok &= (values[j : j + m] == parts[j]) & (docs[j : j + m] == docs[:m])
        rows = np.flatnonzero(ok)
        found.append(pd.DataFrame({"row": rows, "length": k, "term": term}))
    if not found:
        return pd.DataFrame({"row": pd.Series(dtype="int64"), "length": pd.Series(dtype="int64"), "term": []})
    return pd.concat(found, ignore_index=True).sort_values("row", kind="stable").reset_index(drop=True)


def _one_line(text: str) -> str:
    return " ".join(text.split())
