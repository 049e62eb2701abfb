"""Keyness: the terms that set a group apart from another, or the corpus apart from general English.

``analysis.frequencies`` explains the conventions and re-exports these names.

Example:
    >>> keyness(with_groups(tokens, articles, "category"), by="group", target="politics")   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import lru_cache
from typing import Literal

import numpy as np
import pandas as pd

from .errors import OptionError
from .options import check_choice
from .term_tables import term_counts
from .word_counts import (
    FIELDS,
    CorpusCounter,
    Field,
    Stopwords,
    WordCounts,
    check_min,
    counts_of,
    finish_table,
    require_columns,
    stop_setting,
    term_table,
)

METHODS = ("log_odds", "tf_idf")

# Hardie (2014): a zero frequency is replaced by 0.5 in the log ratio, so a term found in
# one subcorpus only gets a large but finite effect size instead of infinity.
ZERO_CORRECTION = 0.5


# --------------------------------------------------------------------------- comparing groups


def distinctive_terms(
    tokens: pd.DataFrame | WordCounts,
    *,
    by: str,
    method: Literal["log_odds", "tf_idf"] = "log_odds",
    top_n: int | None = 20,
    min_count: int = 3,
    stopwords: Stopwords = True,
    field: Field = "norm",
) -> pd.DataFrame:
    """Terms that set each group apart from the others.

    ``log_odds``: weighted log-odds ratio with an informative Dirichlet prior (Monroe,
    Colaresi & Quinn 2008), each group against all other groups together. The prior for
    a term is its count in the whole corpus (``alpha_w = y_w``, ``alpha_0 = n``), which
    shrinks rare terms towards zero; the score is the z-score
    ``delta / sqrt(1 / (y_kw + alpha_w) + 1 / (y_rw + alpha_w))`` with
    ``delta = log((y_kw + a_w) / (n_k + a_0 - y_kw - a_w)) - log((y_rw + a_w) / (n_r + a_0 - y_rw - a_w))``
    (``k`` the group, ``r`` the rest). Above about 2 is notable.

    ``tf_idf``: each group is one document: ``tf = count / words in the group`` (counted
    terms only), ``idf = ln(groups / groups using the term)``, score ``tf * idf``; a
    term used by every group scores 0.

    Args:
        tokens: frame of shape "tokens" with the ``by`` column, or the ``WordCounts`` of
            ``count_corpus`` (``by="group"``).
        by: the grouping column (e.g. ``group`` from ``with_groups``).
        method: "log_odds" or "tf_idf".
        top_n: terms kept per group (highest score first, positive scores only); None keeps all.
        min_count: ignore terms seen fewer times than this in the whole corpus.
        stopwords, field: as for ``term_counts``.

    Returns:
        Columns ``by, term, count, per_10k, score``; empty when there are fewer than two groups.

    Example:
        >>> grouped = with_groups(corpus.tokens, corpus.articles, "category")   # doctest: +SKIP
        >>> distinctive_terms(grouped, by="group", top_n=10)                   # doctest: +SKIP
    """
    check_choice("method", method, METHODS)
    check_min("min_count", min_count)
    if top_n is not None:
        check_min("top_n", top_n, 0)
    counts = term_counts(tokens, by=by, stopwords=stopwords, field=field)
    columns = [by, "term", "count", "per_10k", "score"]
    totals_by_term = counts.groupby("term", observed=True)["count"].transform("sum")
    counts = counts.loc[totals_by_term >= min_count].reset_index(drop=True)
    if counts[by].nunique() < 2:
        return finish_table(pd.DataFrame(columns=columns), columns, strings=[by, "term"])
    y_kw = counts["count"].to_numpy(float)
    if method == "log_odds":
        y_w = counts.groupby("term", observed=True)["count"].transform("sum").to_numpy(float)
        n_k = counts.groupby(by, observed=True)["count"].transform("sum").to_numpy(float)
        n = float(counts["count"].sum())
        alpha_w, alpha_0 = y_w, n
        y_rw, n_r = y_w - y_kw, n - n_k
        delta = np.log((y_kw + alpha_w) / (n_k + alpha_0 - y_kw - alpha_w)) - np.log(
            (y_rw + alpha_w) / (n_r + alpha_0 - y_rw - alpha_w)
        )
        score = delta / np.sqrt(1 / (y_kw + alpha_w) + 1 / (y_rw + alpha_w))
    else:
        n_groups = counts[by].nunique()
        n_k = counts.groupby(by, observed=True)["count"].transform("sum").to_numpy(float)
        df = counts.groupby("term", observed=True)[by].transform("nunique").to_numpy(float)
        score = (y_kw / n_k) * np.log(n_groups / df)
    counts["score"] = score
    counts = counts.loc[counts["score"] > 0].sort_values([by, "score", "term"], ascending=[True, False, True])
    if top_n is not None:
        counts = counts.groupby(by, observed=True, sort=False).head(top_n)
    return finish_table(counts, columns, strings=[by, "term"])


def keyness(
    tokens: pd.DataFrame | WordCounts,
    *,
    groups_column: str,
    a: str,
    b: str,
    min_count: int = 5,
    stopwords: Stopwords = True,
    field: Field = "norm",
) -> pd.DataFrame:
    """Terms used significantly more in subcorpus ``a`` than ``b`` or the other way round.

    For each term a 2x2 table is built: rows = this term / all other words, columns =
    subcorpus a / b, where "all words" counts every word token of the subcorpus
    (stopwords included). Then:

    * ``g2``: Dunning's log-likelihood ``2 * sum(O * ln(O / E))`` over the four cells
      (``E`` from the margins, ``0 * ln 0 = 0``). 3.84 is p < 0.05, 15.13 is p < 0.0001.
    * ``p_value``: chi-squared survival function with 1 degree of freedom (scipy).
    * ``log_ratio``: Hardie's effect size ``log2((count_a / N_a) / (count_b / N_b))``:
      +1 means twice as frequent in ``a``, -1 twice as frequent in ``b``. A zero count is
      replaced by 0.5 so terms found on one side only get a finite value.
    * ``more_in``: ``a`` or ``b``, whichever uses the term more (by rate).

    Args:
        tokens: frame of shape "tokens" with the ``groups_column``, or the ``WordCounts``
            of ``count_corpus`` (``groups_column="group"``).
        groups_column: column naming each token's group (e.g. ``group`` from ``with_groups``).
        a, b: the two group values to compare (must be different and present).
        min_count: keep terms with ``count_a + count_b`` at least this.
        stopwords, field: as for ``term_counts``.

    Returns:
        Columns ``term, count_a, count_b, g2, log_ratio, p_value, more_in``, highest g2 first.

    Example:
        >>> grouped = with_groups(corpus.tokens, corpus.articles, "category")             # doctest: +SKIP
        >>> keyness(grouped, groups_column="group", a="politics", b="sport").head()      # doctest: +SKIP
    """
    from scipy.stats import chi2

    check_min("min_count", min_count)
    check_choice("field", field, FIELDS)
    stop_setting(stopwords)
    if not isinstance(tokens, WordCounts):
        require_columns(tokens, [groups_column], "tokens")
    counted = counts_of(tokens, by=groups_column, stopwords=stopwords, field=field)
    present = sorted(counted.groups["group"].astype(str))
    check_choice(f"{groups_column} a", a, present)
    check_choice(f"{groups_column} b", b, present)
    if a == b:
        raise ValueError(f"keyness compares two different groups; got a={a!r} and b={b!r}")
    counts = term_table(counted, by=groups_column)
    counts = counts.loc[counts[groups_column].isin([a, b]).to_numpy(bool)]
    wide = counts.pivot_table(
        index="term", columns=groups_column, values="count", aggfunc="sum", fill_value=0, observed=True
    )
    wide = wide.reindex(columns=[a, b], fill_value=0)
    words = counted.groups.set_index("group")["words"]
    n_a, n_b = float(words.get(a, 0)), float(words.get(b, 0))
    count_a = wide[a].to_numpy(float)
    count_b = wide[b].to_numpy(float)
    g2 = g2_statistic(count_a, count_b, n_a, n_b)
    result = pd.DataFrame(
        {
            "term": wide.index.to_numpy(),
            "count_a": count_a.astype("int64"),
            "count_b": count_b.astype("int64"),
            "g2": g2,
            "log_ratio": log_ratio(count_a, count_b, n_a, n_b),
            "p_value": chi2.sf(g2, 1),
        }
    )
    result["more_in"] = np.where(result["log_ratio"] >= 0, a, b)
    result = result.loc[(result["count_a"] + result["count_b"]) >= min_count]
    result = result.sort_values(["g2", "term"], ascending=[False, True])
    columns = ["term", "count_a", "count_b", "g2", "log_ratio", "p_value", "more_in"]
    return finish_table(result, columns, strings=["term", "more_in"])


def keyness_pair(sizes: pd.Series, a: str = "", b: str = "", *, by: str = "group") -> tuple[str, str]:
    """The two groups a report's keyness compares: ``a`` and ``b`` as given (its ``keyness_a`` and
    ``keyness_b`` parameters), an empty one chosen: ``a`` the largest group, ``b`` the largest other one.

    Args:
        sizes: words per group, largest first (``group_sizes``), at least two groups.
        a, b: group names, or "" to choose.
        by: what the groups are (``group_by``), named in the error.

    Raises:
        OptionError: ``a`` or ``b`` is not a group (the error lists the groups), or there are
            fewer than two groups.

    Example:
        >>> sizes = pd.Series({"sport": 900, "politics": 700, "tech": 300})
        >>> keyness_pair(sizes), keyness_pair(sizes, b="sport"), keyness_pair(sizes, "tech")
        (('sport', 'politics'), ('politics', 'sport'), ('tech', 'sport'))
    """
    groups = ", ".join(map(str, sizes.index))
    for name, value in {"keyness_a": a, "keyness_b": b}.items():
        if value and value not in sizes.index:
            raise OptionError(f"{name}={value!r} is not a {by} of this corpus; choose one of: {groups}")
    if len(sizes) < 2:
        raise OptionError(f"keyness compares two groups, but this corpus has one {by} ({groups or 'none'})")
    a = a or next(g for g in sizes.index if g != b)
    b = b or next(g for g in sizes.index if g != a)
    return a, b


def keyness_sides(table: pd.DataFrame, a: str, b: str, *, top_n: int = 10) -> pd.DataFrame:
    """The ``top_n`` most significant terms on each side of a ``keyness`` table, ``a``'s first.

    Example:
        >>> k = pd.DataFrame({"term": ["x", "y", "z"], "more_in": ["b", "a", "a"]})
        >>> keyness_sides(k, "a", "b", top_n=1)["term"].tolist()
        ['y', 'x']
    """
    check_min("top_n", top_n)
    return pd.concat([table.loc[table["more_in"] == side].head(top_n) for side in (a, b)], ignore_index=True)


def g2_statistic(count_a, count_b, total_a, total_b) -> np.ndarray:
    """Dunning's G² for a term seen ``count_a`` times in ``total_a`` words and ``count_b`` in ``total_b``.

    Example:
        >>> round(float(g2_statistic(10, 2, 1000, 1000)), 4)
        5.8543
    """
    from scipy.special import xlogy

    o11, o12 = np.asarray(count_a, float), np.asarray(count_b, float)
    o21, o22 = total_a - o11, total_b - o12
    n = total_a + total_b
    if n == 0:
        return np.zeros_like(o11)
    row1, row2 = o11 + o12, o21 + o22
    cells = [(o11, row1 * total_a / n), (o12, row1 * total_b / n), (o21, row2 * total_a / n), (o22, row2 * total_b / n)]
    with np.errstate(divide="ignore", invalid="ignore"):
        g2 = 2 * sum(xlogy(o, o) - xlogy(o, e) for o, e in cells)
    return np.maximum(np.nan_to_num(g2, nan=0.0), 0.0)


def log_ratio(count_a, count_b, total_a, total_b) -> np.ndarray:
    """Hardie's log ratio (binary log of the ratio of relative frequencies), zeros read as 0.5.

    Example:
        >>> float(log_ratio(20, 5, 1000, 500))
        1.0
    """
    a = np.where(np.asarray(count_a, float) == 0, ZERO_CORRECTION, count_a)
    b = np.where(np.asarray(count_b, float) == 0, ZERO_CORRECTION, count_b)
    if not total_a or not total_b:
        return np.full(np.shape(a), np.nan)
    return np.log2((a / total_a) / (b / total_b))


# --------------------------------------------------------------------------- what the corpus is about


FILLER_FILE = "news_filler.txt"


def news_filler() -> frozenset[str]:
    """The documented news-filler words (``resources/news_filler.txt``): reporting verbs,
    calendar words, number words and house style, left out of rankings by default.

    Example:
        >>> {"told", "year", "monday"} <= news_filler(), "election" in news_filler()
        (True, False)
    """
    from . import paths

    text = (paths.RESOURCES / FILLER_FILE).read_text(encoding="utf-8")
    return frozenset(w for w in (line.split("#", 1)[0].strip().lower() for line in text.splitlines()) if w)


def ranking_stopwords(extra: Iterable[str] = (), *, filler: bool = True) -> Stopwords:
    """The ``stopwords`` setting of a ranking: the standard stopwords, ``extra`` words (a bare
    string is one word) and, unless ``filler=False``, the news filler (``news_filler``).

    Example:
        >>> sorted(ranking_stopwords(["Tax"], filler=False)), sorted(ranking_stopwords("said", filler=False))
        (['tax'], ['said'])
    """
    extra = [extra] if isinstance(extra, str) else extra
    words = {str(w).lower() for w in extra} | (set(news_filler()) if filler else set())
    return frozenset(words) if words else True


@lru_cache(maxsize=1)
def _reference_frequencies() -> dict[str, float]:
    # wordfreq ships its word lists in the wheel: nothing is downloaded
    from wordfreq import get_frequency_dict

    return get_frequency_dict("en", wordlist="best")


#: per-million rate added to both sides of the ratio (Kilgarriff's "simple maths" keyness):
#: it keeps rare names from topping the ranking; 100 favours the topic words of middle frequency
SMOOTHING = 100.0


def reference_keyness(
    tokens: pd.DataFrame | WordCounts,
    *,
    min_count: int = 5,
    min_documents: int = 3,
    stopwords: Stopwords = True,
    smoothing: float = SMOOTHING,
) -> pd.DataFrame:
    """Terms ranked by how much more common they are here than in general English.

    The reference is ``wordfreq``'s English word list (Speer et al.: Wikipedia, subtitles,
    news, books, web text and social media, mixed). For each term, ``ratio`` is Kilgarriff's
    "simple maths" keyness ``(per_million + k) / (reference_per_million + k)`` with
    ``k = smoothing``: 1 means as common as in general English, 10 ten times as common. Raw
    counts sit beside it, so a characteristic but rare word is seen to be rare.

    Args:
        tokens: a tokens frame or the ``WordCounts`` of ``count_corpus`` (same ``stopwords``).
        min_count: keep terms seen at least this often.
        min_documents: keep terms found in at least this many articles (one long article
            does not make a word characteristic of a corpus).
        stopwords: as for ``term_counts`` (e.g. ``ranking_stopwords()``).
        smoothing: ``k`` above, per million words (larger favours commoner words).

    Returns:
        Columns ``term, count, documents, per_10k, reference_per_10k, ratio``, highest ratio first.

    Example:
        >>> about = reference_keyness(corpus.tokens)     # doctest: +SKIP
        >>> about.head(3)["term"].tolist()               # doctest: +SKIP
        ['blair', 'labour', 'tory']
    """
    check_min("min_count", min_count)
    check_min("min_documents", min_documents)
    if not smoothing > 0:
        raise ValueError(f"smoothing={smoothing!r} must be a positive rate per million, e.g. 10")
    counted = counts_of(tokens, by=None, stopwords=stopwords, field="norm")
    table = term_table(counted, by=None, min_count=min_count)
    table = table.loc[table["documents"] >= min_documents]
    reference = _reference_frequencies()
    ref_per_million = np.fromiter((reference.get(t, 0.0) for t in table["term"]), dtype=float, count=len(table)) * 1e6
    per_million = table["per_10k"].to_numpy(float) * 100
    table = table.assign(
        reference_per_10k=ref_per_million / 100, ratio=(per_million + smoothing) / (ref_per_million + smoothing)
    )
    table = table.sort_values(["ratio", "term"], ascending=[False, True])
    return finish_table(
        table, ["term", "count", "documents", "per_10k", "reference_per_10k", "ratio"], strings=["term"]
    )


#: the tokens columns ``characteristic_terms`` needs (words only: no sentence order)
TERM_COLUMNS = ["doc_id", "is_word", "is_stop", "norm"]


def characteristic_terms(
    parts: pd.DataFrame | Iterable[pd.DataFrame],
    *,
    n: int = 5,
    min_count: int = 5,
    filler: bool = True,
) -> list[str]:
    """The corpus's ``n`` most characteristic words against general English (``reference_keyness``),
    counted part by part: the default terms of a report when the user names none.

    Args:
        parts: tokens frames (``TERM_COLUMNS`` suffice), e.g. ``corpus.iter_parts("tokens", columns=TERM_COLUMNS)``.
        n: how many words.
        min_count: as for ``reference_keyness``.
        filler: leave out the news filler (``news_filler``).

    Example:
        >>> characteristic_terms(corpus.iter_parts("tokens", columns=COUNT_COLUMNS), n=3)   # doctest: +SKIP
        ['blair', 'labour', 'uk']
    """
    check_min("n", n)
    stopwords = ranking_stopwords(filler=filler)
    counter = CorpusCounter(field="norm", stopwords=stopwords, sizes=(), window=2, tables=("terms",))
    for part in [parts] if isinstance(parts, pd.DataFrame) else parts:
        require_columns(part, TERM_COLUMNS, "tokens")
        counter.add(part, None)
    about = reference_keyness(counter.result(by=None), min_count=min_count, stopwords=stopwords)
    return about["term"].head(n).tolist()


def default_terms(
    corpus,
    *,
    terms: int = 4,
    actors: int = 3,
    types: Sequence[str] = ("person", "organization"),
    exclude: Iterable[str] = (),
) -> list[str]:
    """Terms for a report section when the user names none: the corpus's most characteristic
    words (``characteristic_terms``) and its most-mentioned actors of ``types``.

    Args:
        corpus: an opened prepared corpus (``analysis.open_corpus``).
        terms, actors: how many of each.
        types: actor types to take the most mentioned of.
        exclude: actors never chosen; the publishing outlet is never chosen either (detected
            from its self-references, ``actors.self_outlets``, or flagged in the mentions). An actor whose name shares a word with a chosen
            term is skipped too ("Labour Party" beside "labour").

    Example:
        >>> default_terms(analysis.open_corpus("data/sample"))   # doctest: +SKIP
        ['meridia', 'kestrel', 'brandt', 'port', 'Kestrel United', ...]
    """
    words = characteristic_terms(corpus.iter_parts("tokens", columns=TERM_COLUMNS), n=terms) if terms else []
    from . import actors as actor_tables
    from .plots import outlet_names

    names: list[str] = []
    if actors:
        counted = pd.Series(dtype="int64")
        skipped = set(exclude)
        flagged = []  # the outlets' self-references ("told BBC News"), to detect the publisher
        for part in corpus.iter_parts("mentions"):
            skipped |= set(outlet_names(part))
            if "self_reference" in part:
                flagged.append(
                    part.loc[part["self_reference"].astype(bool).to_numpy(), ["doc_id", "actor", "self_reference"]]
                )
            part = part.loc[part["actor_type"].isin(list(types)).to_numpy(bool)]
            counted = counted.add(part["actor"].astype(str).value_counts(), fill_value=0)
        if flagged:
            documents = corpus.read("articles", columns=["doc_id"])["doc_id"]
            # self_outlets weighs the outlet's documents against the corpus: give it every document id
            every = pd.DataFrame({"doc_id": documents, "actor": "", "self_reference": False})
            skipped |= set(actor_tables.self_outlets(pd.concat([*flagged, every], ignore_index=True)))
        ranked = (
            counted.reset_index()
            .set_axis(["actor", "mentions"], axis=1)
            .sort_values(["mentions", "actor"], ascending=[False, True])
        )
        taken = set(words)
        for actor in ranked["actor"]:
            if actor in skipped or taken & set(actor.lower().split()):
                continue
            names.append(actor)
            taken |= set(actor.lower().split())
            if len(names) == actors:
                break
    return [*words, *names]
