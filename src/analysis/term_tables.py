"""Term, n-gram and collocation tables from tokens or ``WordCounts``.

``analysis.frequencies`` explains the conventions and re-exports these names.

Example:
    >>> term_counts(corpus.tokens, min_count=5).head(3)   # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Literal

import numpy as np
import pandas as pd

from .options import check_choice
from .word_counts import (
    FIELDS,
    Field,
    Stopwords,
    WordCounts,
    check_min,
    check_window,
    checked_ngram_sizes,
    counts_of,
    finish_table,
    stop_setting,
    term_table,
)

SORTS = ("llr", "pmi")


# --------------------------------------------------------------------------- term counts


def term_counts(
    tokens: pd.DataFrame | WordCounts,
    *,
    by: str | None = None,
    min_count: int = 1,
    stopwords: Stopwords = True,
    words_only: bool = True,
    field: Field = "norm",
) -> pd.DataFrame:
    """Count terms: occurrences, documents containing them and rate per 10,000 words.

    Args:
        tokens: frame of shape "tokens" (plus the ``by`` column when given), or the
            ``WordCounts`` of ``count_corpus`` (made with the same ``stopwords`` and ``field``).
        by: a column of ``tokens`` to count within (e.g. ``group`` from ``with_groups``;
            for counts: ``"group"`` or None).
        min_count: keep terms seen at least this often (within their group).
        stopwords: True drops ``is_stop`` tokens, a collection also drops those words,
            False keeps all.
        words_only: keep alphabetic tokens only.
        field: "norm" (lower case), "stem" or "token" (as written).

    Returns:
        Columns ``[by,] term, count, documents, per_10k``, most frequent first
        (within each group, groups in sorted order).

    Example:
        >>> terms = term_counts(corpus.tokens, min_count=2)        # doctest: +SKIP
        >>> list(terms.columns)                                     # doctest: +SKIP
        ['term', 'count', 'documents', 'per_10k']
    """
    check_choice("field", field, FIELDS)
    check_min("min_count", min_count)
    stop_setting(stopwords)
    counted = counts_of(tokens, by=by, stopwords=stopwords, field=field, words_only=words_only)
    counts = term_table(counted, by=by, min_count=min_count)
    keys = [by] if by is not None else []
    counts = counts.sort_values([*keys, "count", "term"], ascending=[*([True] * len(keys)), False, True])
    return finish_table(counts, [*keys, "term", "count", "documents", "per_10k"], strings=[*keys, "term"])


def group_sizes(counts: WordCounts) -> pd.Series:
    """Words per group of ``counts``, largest first, groups without words left out: the groups a
    report can compare (one, "all", when the counts were made with ``by="none"``).

    Example:
        >>> from analysis.word_counts import count_corpus
        >>> tokens = pd.DataFrame({"doc_id": ["a", "a", "b"], "sent_id": 0, "tok_id": [0, 1, 0], "is_word": True,
        ...                        "is_stop": False, "norm": ["tax", "rise", "goal"]})
        >>> articles = pd.DataFrame({"doc_id": ["a", "b"], "category": ["sport", "politics"]})
        >>> group_sizes(count_corpus(tokens, articles, by="category")).to_dict()
        {'sport': 2, 'politics': 1}
    """
    groups = counts.groups
    return groups.loc[groups["words"] > 0].set_index("group")["words"].sort_values(ascending=False)


def vocabulary(
    tokens: pd.DataFrame | WordCounts, *, by: str | None = None, words_only: bool = True, field: Field = "norm"
) -> pd.DataFrame:
    """Vocabulary statistics: size, richness and words used only once.

    Counts every word, stopwords included (richness measures need the running text).
    ``tokens`` may be a tokens frame or the ``WordCounts`` of ``count_corpus``.

    Returns:
        One row (per group when ``by``): ``documents, tokens, types, type_token_ratio,
        hapax`` (types seen once), ``hapax_share`` (hapax / types) and
        ``mean_word_length`` (characters per token).

    Example:
        >>> vocabulary(corpus.tokens)[["tokens", "types"]]     # doctest: +SKIP
    """
    check_choice("field", field, FIELDS)
    counted = counts_of(tokens, by=by, stopwords=None, field=field, words_only=words_only)
    keys = [by] if by is not None else []
    terms = counted.terms.groupby([*(["group"] if keys else []), "term"], sort=False, as_index=False)["count"].sum()
    terms["chars"] = terms["term"].str.len().to_numpy(float) * terms["count"].to_numpy(float)
    documents = counted.groups.set_index("group")["documents"]
    if keys:
        parts = [(name, part, int(documents[name])) for name, part in terms.groupby("group", sort=True)]
    else:
        parts = [(None, terms, int(documents.sum()))]
    rows = []
    for name, part, n_documents in parts:
        counts = part["count"]
        n_tokens, n_types = int(counts.sum()), int(len(counts))
        rows.append(
            {
                **({by: name} if keys else {}),
                "documents": n_documents,
                "tokens": n_tokens,
                "types": n_types,
                "type_token_ratio": n_types / n_tokens if n_tokens else np.nan,
                "hapax": int((counts == 1).sum()),
                "hapax_share": float((counts == 1).sum()) / n_types if n_types else np.nan,
                # the mean length of the running words: characters of all occurrences / occurrences
                "mean_word_length": float(part["chars"].sum()) / n_tokens if n_tokens else np.nan,
            }
        )
    columns = [*keys, "documents", "tokens", "types", "type_token_ratio", "hapax", "hapax_share", "mean_word_length"]
    return finish_table(pd.DataFrame(rows, columns=columns), columns, strings=keys)


def zipf_table(tokens: pd.DataFrame | WordCounts, *, words_only: bool = True, field: Field = "norm") -> pd.DataFrame:
    """Rank/frequency table of all words (stopwords included), for a Zipf plot.

    ``tokens`` may be a tokens frame or the ``WordCounts`` of ``count_corpus``.

    Returns:
        Columns ``rank, term, count, share`` (share of all counted tokens); rank 1 is the
        most frequent term, ties broken alphabetically.

    Example:
        >>> zipf_table(corpus.tokens).head(1)                  # doctest: +SKIP
    """
    check_choice("field", field, FIELDS)
    counted = counts_of(tokens, by=None, stopwords=None, field=field, words_only=words_only)
    counts = term_table(counted, by=None, keep_stopwords=True).sort_values(["count", "term"], ascending=[False, True])
    total = counts["count"].sum()
    table = pd.DataFrame(
        {
            "rank": np.arange(1, len(counts) + 1, dtype="int64"),
            "term": counts["term"].to_numpy(),
            "count": counts["count"].to_numpy(),
            "share": counts["count"].to_numpy(float) / total if total else np.zeros(len(counts)),
        }
    )
    return finish_table(table, ["rank", "term", "count", "share"], strings=["term"])


# --------------------------------------------------------------------------- n-grams


def ngram_counts(
    tokens: pd.DataFrame | WordCounts,
    *,
    n: int | Iterable[int] = (2, 3),
    min_count: int = 2,
    stopwords: Stopwords = True,
    field: Field = "norm",
) -> pd.DataFrame:
    """Count runs of ``n`` consecutive words within a sentence.

    An n-gram is kept when all its tokens are words of the same sentence, so it never
    spans a sentence boundary or punctuation ("London, Paris" is not a bigram). With
    ``stopwords`` set, an n-gram may not start or end with a stopword but may contain one
    inside ("secretary of state" stays, "of the" and "the government" go).

    Args:
        tokens: frame of shape "tokens", or the ``WordCounts`` of ``count_corpus`` (made
            with these sizes among its ``ngram_sizes``, and the same ``stopwords``).
        n: one size or several (e.g. ``(2, 3)``); each at least 1.
        min_count: keep n-grams seen at least this often.
        stopwords: see the module notes; False keeps every word n-gram.
        field: "norm", "stem" or "token".

    Returns:
        Columns ``ngram, n, count, documents`` (words joined by a space), by ``n`` then
        most frequent first.

    Example:
        >>> ngram_counts(corpus.tokens, n=2, min_count=3).head()   # doctest: +SKIP
    """
    sizes = checked_ngram_sizes(n)
    check_choice("field", field, FIELDS)
    check_min("min_count", min_count)
    stop_setting(stopwords)
    counted = counts_of(tokens, by=None, stopwords=stopwords, field=field, sizes=sizes, tables=("ngrams",))
    grams = counted.ngrams
    result = grams.loc[grams["n"].isin(sizes).to_numpy() & (grams["count"] >= min_count).to_numpy()]
    columns = ["ngram", "n", "count", "documents"]
    result = result.sort_values(["n", "count", "ngram"], ascending=[True, False, True])
    return finish_table(result, columns, strings=["ngram"])


def ngrams_by_size(ngrams: pd.DataFrame) -> dict[int, pd.DataFrame]:
    """An ``ngram_counts`` table split by phrase length, shortest first: ``{2: bigrams, 3: trigrams}``
    ({} when there are none), each in the table's order (most frequent first) with a fresh index.

    Example:
        >>> g = pd.DataFrame({"ngram": ["tax cut", "prime minister said", "new tax"], "n": [2, 3, 2], "count": [5, 4, 3]})
        >>> {n: part["ngram"].tolist() for n, part in ngrams_by_size(g).items()}
        {2: ['tax cut', 'new tax'], 3: ['prime minister said']}
    """
    return {int(n): part.reset_index(drop=True) for n, part in ngrams.groupby("n", sort=True)}


def collocations(
    tokens: pd.DataFrame | WordCounts,
    *,
    min_count: int = 3,
    top_n: int | None = None,
    window: int = 2,
    stopwords: Stopwords = True,
    field: Field = "norm",
    sort: Literal["llr", "pmi"] = "llr",
) -> pd.DataFrame:
    """Word pairs that occur together more than chance, scored by NLTK.

    The pair and word counts are gathered here (vectorised) exactly as NLTK's
    ``BigramCollocationFinder.from_words`` gathers them over a word list in which every
    sentence is followed by ``window - 1`` padding slots and every punctuation token is a
    padding slot; the scores are NLTK's ``BigramAssocMeasures.pmi`` and
    ``likelihood_ratio`` computed by a ``BigramCollocationFinder``. So a pair never
    spans two sentences. Word counts (the denominators) include stopwords; with
    ``stopwords`` set, pairs containing a stopword are left out (NLTK's
    ``apply_word_filter``), and pairs seen fewer than ``min_count`` times are dropped
    (``apply_freq_filter``).

    Args:
        tokens: frame of shape "tokens", or the ``WordCounts`` of ``count_corpus`` (made
            with the same ``window`` and ``stopwords``).
        min_count: minimum number of times the pair occurs.
        top_n: keep the best ``top_n`` pairs by ``sort``; None keeps all.
        window: 2 pairs adjacent words; larger windows pair each word with the next
            ``window - 1`` words (NLTK scales counts by ``1 / (window - 1)`` when scoring).
        stopwords: True, False or extra stopwords (see the module notes).
        field: "norm", "stem" or "token".
        sort: "llr" (log-likelihood ratio: reliable, favours frequent pairs) or "pmi"
            (pointwise mutual information: favours rare, exclusive pairs).

    Returns:
        Columns ``w1, w2, count, pmi, llr``, best first.

    Example:
        >>> collocations(corpus.tokens, min_count=5, top_n=20)     # doctest: +SKIP
    """
    from nltk.collocations import BigramCollocationFinder
    from nltk.metrics import BigramAssocMeasures
    from nltk.probability import FreqDist

    check_choice("field", field, FIELDS)
    check_choice("sort", sort, SORTS)
    check_min("min_count", min_count)
    check_window(window)
    if top_n is not None:
        check_min("top_n", top_n, 0)
    stop_setting(stopwords)
    counted = counts_of(tokens, by=None, stopwords=stopwords, field=field, window=window, tables=("terms", "pairs"))
    columns = ["w1", "w2", "count", "pmi", "llr"]
    words = counted.terms.groupby("term", sort=False)["count"].sum()
    pair_counts = counted.pairs.loc[counted.pairs["count"].to_numpy() >= min_count]
    if stopwords is not False:
        stop_terms = counted.terms.loc[counted.terms["stop"].to_numpy(bool), "term"].unique()
        pair_counts = pair_counts.loc[~pair_counts["w1"].isin(stop_terms) & ~pair_counts["w2"].isin(stop_terms)]
    if counted.pairs.empty:
        return finish_table(pd.DataFrame(columns=columns), columns, strings=["w1", "w2"])
    word_fd = FreqDist(dict(zip(words.index.to_numpy(object), words.to_numpy().tolist())))
    w1 = pair_counts["w1"].to_numpy(object)
    w2 = pair_counts["w2"].to_numpy(object)
    bigram_fd = FreqDist(dict(zip(zip(w1, w2), pair_counts["count"].tolist())))
    finder = BigramCollocationFinder(word_fd, bigram_fd, window_size=window)
    scored = pd.DataFrame(
        {
            "w1": w1,
            "w2": w2,
            "count": pair_counts["count"].to_numpy(),
            "pmi": [_score(finder, BigramAssocMeasures.pmi, a, b) for a, b in zip(w1, w2)],
            "llr": [_score(finder, BigramAssocMeasures.likelihood_ratio, a, b) for a, b in zip(w1, w2)],
        }
    )
    other = "pmi" if sort == "llr" else "llr"
    scored = scored.sort_values([sort, other, "w1", "w2"], ascending=[False, False, True, True])
    if top_n is not None:
        scored = scored.head(top_n)
    return finish_table(scored, columns, strings=["w1", "w2"])


def pmi_ranking(collocations: pd.DataFrame, *, min_count: int = 5) -> pd.DataFrame:
    """The pairs of a ``collocations`` table seen at least ``min_count`` times, highest PMI first:
    PMI favours rare pairs, so a floor on the count keeps pairs seen once or twice off the top.

    Example:
        >>> c = pd.DataFrame({"w1": ["a", "b", "c"], "w2": ["x", "y", "z"], "count": [9, 2, 6], "pmi": [3.0, 9.0, 5.0]})
        >>> pmi_ranking(c, min_count=5)["w1"].tolist()
        ['c', 'a']
    """
    check_min("min_count", min_count)
    kept = collocations.loc[collocations["count"] >= min_count]
    return kept.sort_values("pmi", ascending=False).reset_index(drop=True)


def _score(finder, measure, w1: str, w2: str) -> float:
    """NLTK's score, or NaN where NLTK cannot score the pair.

    In a tiny text where one word makes up nearly all of it ("the the"), the 2x2 table
    NLTK derives has a negative cell and its likelihood ratio raises a math domain error.
    """
    try:
        return finder.score_ngram(measure, w1, w2)
    except (ValueError, ZeroDivisionError):
        return float("nan")


def top_terms_wide(table: pd.DataFrame, *, by: str = "group", label: str = "term", n: int = 10) -> pd.DataFrame:
    """One column per group of a ranking (groups in sorted order), its first ``n`` terms from the
    top down: groups side by side, as ``distinctive_terms`` tables are read.

    Example:
        >>> t = pd.DataFrame({"group": ["tech", "sport", "sport"], "term": ["chip", "goal", "match"]})
        >>> top_terms_wide(t, n=2).to_dict("list")
        {'sport': ['goal', 'match'], 'tech': ['chip', nan]}
    """
    check_min("n", n)
    return pd.DataFrame({group: pd.Series(part[label].head(n).tolist()) for group, part in table.groupby(by)})


# --------------------------------------------------------------------------- actor names as phrases


def actor_phrases(dictionary=None) -> dict[str, str]:
    """Lower-case aliases of two or three words -> the actor's name in lower case, for every
    actor of the dictionary whose name has more than one word ("lib dems" -> "liberal democrats").

    Example:
        >>> actor_phrases()["lib dems"]
        'liberal democrats'
    """
    from .actors import default_dictionary

    dictionary = dictionary if dictionary is not None else default_dictionary()
    phrases: dict[str, str] = {}
    for actor in dictionary.actors.values():
        name = " ".join(actor.name.lower().split())
        if " " not in name:
            continue
        for alias in actor.aliases:
            words = alias.text.lower().split()
            if 2 <= len(words) <= 3 and not alias.demonym:
                phrases.setdefault(" ".join(words), name)
    return phrases


def merge_actor_phrases(ngrams: pd.DataFrame, phrases: Mapping[str, str] | None = None) -> pd.DataFrame:
    """N-grams with the aliases of one actor counted as one phrase, named for the actor.

    "lib dems", "lib dem" and "liberal democrats" become one row "liberal democrats" whose
    count is their sum; ``documents`` is the largest of theirs (articles using several of the
    spellings are not counted twice, so it is a lower bound).

    Example:
        >>> g = pd.DataFrame({"ngram": ["lib dems", "liberal democrats", "tax cut"], "n": [2, 2, 2],
        ...                   "count": [3, 2, 4], "documents": [2, 2, 3]})
        >>> merge_actor_phrases(g)[["ngram", "count"]].values.tolist()
        [['liberal democrats', 5], ['tax cut', 4]]
    """
    phrases = actor_phrases() if phrases is None else phrases
    if ngrams.empty:
        return ngrams.copy()
    names = ngrams["ngram"].astype("string").map(lambda g: phrases.get(g, g)).astype("string")
    merged = (
        ngrams.assign(ngram=names)
        .groupby("ngram", sort=False, as_index=False)
        .agg(count=("count", "sum"), documents=("documents", "max"))
    )
    merged["n"] = merged["ngram"].str.count(" ").astype("int64") + 1
    merged = merged.sort_values(["n", "count", "ngram"], ascending=[True, False, True])
    return finish_table(merged, ["ngram", "n", "count", "documents"], strings=["ngram"])


def with_actor_terms(
    terms: pd.DataFrame, ngrams: pd.DataFrame, *, phrases: Mapping[str, str] | None = None
) -> pd.DataFrame:
    """The term ranking with the dictionary's multiword actor names added as single terms.

    ``ngrams`` must be counted with the same stopwords (``ngram_counts``); an actor's count is
    that of its merged phrase (``merge_actor_phrases``), its rate on the same words as the terms.
    The names' words keep their own rows ("labour" counts in "labour party" too).

    Example:
        >>> t = pd.DataFrame({"term": ["tax"], "count": [9], "documents": [4], "per_10k": [90.0]})
        >>> g = pd.DataFrame({"ngram": ["lib dems"], "n": [2], "count": [12], "documents": [5]})
        >>> with_actor_terms(t, g)["term"].tolist()
        ['liberal democrats', 'tax']
    """
    phrases = actor_phrases() if phrases is None else phrases
    names = set(phrases.values())
    merged = merge_actor_phrases(
        ngrams.loc[ngrams["ngram"].astype("string").isin(set(phrases)).to_numpy(bool)], phrases
    )
    merged = merged.loc[merged["ngram"].isin(names).to_numpy(bool)]
    if merged.empty or terms.empty:
        return terms.copy()
    rate = (terms["per_10k"] / terms["count"]).iloc[0]  # per_10k per occurrence: the same word total
    extra = pd.DataFrame(
        {
            "term": merged["ngram"],
            "count": merged["count"],
            "documents": merged["documents"],
            "per_10k": merged["count"].to_numpy(float) * rate,
        }
    )
    extra = extra.loc[~extra["term"].isin(set(terms["term"]))]
    table = pd.concat([terms, extra], ignore_index=True).sort_values(["count", "term"], ascending=[False, True])
    return finish_table(table, list(terms.columns), strings=["term"])
