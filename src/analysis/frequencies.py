"""Word frequencies from a tokens frame: counts, n-grams, collocations, keyness, KWIC.

Every function takes the ``tokens`` frame of a prepared corpus (shape "tokens" in
``analysis.schemas``) and returns a new result frame; inputs are never modified.

Conventions shared by the functions:

* **Which tokens count.** ``words_only=True`` keeps alphabetic tokens (``is_word``),
  so punctuation and numbers are left out. ``stopwords=True`` drops tokens marked
  ``is_stop``; a collection of words drops those too (extra stopwords, compared with
  ``norm``); ``False`` keeps every word.
* **Rates.** ``per_10k`` is occurrences per 10,000 running words of the corpus (or of
  the group): the denominator counts every word token, stopwords included, so rates do
  not change when the stopword list does.
* **Groups.** ``by`` names a column of ``tokens``. ``with_groups(tokens, articles, by)``
  adds a ``group`` column (category, source or publication month of each article).
* **Sentences.** n-grams, collocations never cross a sentence boundary (``sent_id``);
  KWIC context does, because it is read back from the article text.

Example:
    >>> from analysis.frequencies import term_counts
    >>> terms = term_counts(corpus.tokens, min_count=5)      # doctest: +SKIP
    >>> terms.head(3)[["term", "count"]]                     # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Literal

import numpy as np
import pandas as pd

from .options import check_choice
from .schemas import SchemaError

Field = Literal["norm", "stem", "token"]
FIELDS = ("norm", "stem", "token")
GROUPINGS = ("none", "category", "source", "month")
METHODS = ("log_odds", "tf_idf")
FREQUENCIES = ("D", "W", "M", "Q", "Y")
SORTS = ("llr", "pmi")

#: label of tokens whose article has no category/source/date
UNKNOWN_GROUP = "unknown"
UNDATED_GROUP = "undated"

# Hardie (2014): a zero frequency is replaced by 0.5 in the log ratio, so a term found in
# one subcorpus only gets a large but finite effect size instead of infinity.
ZERO_CORRECTION = 0.5

Stopwords = bool | Collection[str]


# --------------------------------------------------------------------------- groups


def with_groups(tokens: pd.DataFrame, articles: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return ``tokens`` with a ``group`` column taken from each token's article.

    Args:
        tokens: frame of shape "tokens".
        articles: frame of shape "articles" (``doc_id``, ``category``, ``source``, ``published``).
        by: "none" (every token in group "all"), "category", "source" or "month"
            (publication month as "YYYY-MM"). Articles without a value get "unknown"
            ("undated" for months), so counts still add up to the whole corpus.

    Returns:
        A new frame: the tokens plus a string column ``group``.

    Example:
        >>> grouped = with_groups(corpus.tokens, corpus.articles, "category")   # doctest: +SKIP
        >>> term_counts(grouped, by="group").head()                            # doctest: +SKIP
    """
    check_choice("by", by, GROUPINGS)
    _require(tokens, ["doc_id"], "tokens")
    if by == "none":
        return tokens.assign(group=pd.Series("all", index=tokens.index, dtype="string"))
    if by == "month":
        _require(articles, ["doc_id", "published"], "articles")
        published = pd.to_datetime(articles["published"], errors="coerce")
        labels = published.dt.strftime("%Y-%m").astype("string").fillna(UNDATED_GROUP)
    else:
        _require(articles, ["doc_id", by], "articles")
        labels = articles[by].astype("string").str.strip()
        labels = labels.mask(labels.isna() | (labels == ""), UNKNOWN_GROUP)
    lookup = pd.Series(labels.to_numpy(), index=articles["doc_id"].astype("string").to_numpy())
    lookup = lookup[~lookup.index.duplicated()]
    group = tokens["doc_id"].map(lookup).astype("string").fillna(UNKNOWN_GROUP)
    return tokens.assign(group=group)


# --------------------------------------------------------------------------- term counts


def term_counts(
    tokens: pd.DataFrame,
    *,
    by: str | None = None,
    min_count: int = 1,
    stopwords: Stopwords = True,
    words_only: bool = True,
    field: Field = "norm",
) -> pd.DataFrame:
    """Count terms: occurrences, documents containing them and rate per 10,000 words.

    Args:
        tokens: frame of shape "tokens" (plus the ``by`` column when given).
        by: a column of ``tokens`` to count within (e.g. ``group`` from ``with_groups``).
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
    _check_min("min_count", min_count)
    _require(tokens, ["doc_id", "is_word", "is_stop", "norm", field], "tokens")
    keys = _group_keys(tokens, by)
    base = tokens.loc[tokens["is_word"].to_numpy(bool)] if words_only else tokens
    totals = base.groupby(keys, observed=True).size() if keys else len(base)
    kept = base.loc[~_stop_mask(base, stopwords), [*keys, field, "doc_id"]]
    grouped = kept.groupby([*keys, field], observed=True, sort=False)["doc_id"]
    counts = pd.DataFrame({"count": grouped.size(), "documents": grouped.nunique()}).reset_index()
    counts = counts.rename(columns={field: "term"})
    counts = counts.loc[counts["count"] >= min_count]
    if keys:
        denominator = counts[by].map(totals).to_numpy(float)
    else:
        denominator = np.full(len(counts), float(totals))
    counts["per_10k"] = counts["count"].to_numpy(float) * 10_000 / np.where(denominator > 0, denominator, np.nan)
    counts = counts.sort_values([*keys, "count", "term"], ascending=[*([True] * len(keys)), False, True])
    return _finish(counts, [*keys, "term", "count", "documents", "per_10k"], strings=[*keys, "term"])


def vocabulary(
    tokens: pd.DataFrame, *, by: str | None = None, words_only: bool = True, field: Field = "norm"
) -> pd.DataFrame:
    """Vocabulary statistics: size, richness and words used only once.

    Counts every word, stopwords included (richness measures need the running text).

    Returns:
        One row (per group when ``by``): ``documents, tokens, types, type_token_ratio,
        hapax`` (types seen once), ``hapax_share`` (hapax / types) and
        ``mean_word_length`` (characters per token).

    Example:
        >>> vocabulary(corpus.tokens)[["tokens", "types"]]     # doctest: +SKIP
    """
    check_choice("field", field, FIELDS)
    _require(tokens, ["doc_id", "is_word", field], "tokens")
    keys = _group_keys(tokens, by)
    base = tokens.loc[tokens["is_word"].to_numpy(bool)] if words_only else tokens
    if keys:
        parts = [(name if isinstance(name, tuple) else (name,), part) for name, part in base.groupby(keys, observed=True)]
    else:
        parts = [((), base)]
    rows = []
    for name, part in parts:
        counts = part[field].value_counts()
        n_tokens, n_types = int(counts.sum()), int(len(counts))
        rows.append({
            **dict(zip(keys, name)),
            "documents": int(part["doc_id"].nunique()),
            "tokens": n_tokens,
            "types": n_types,
            "type_token_ratio": n_types / n_tokens if n_tokens else np.nan,
            "hapax": int((counts == 1).sum()),
            "hapax_share": float((counts == 1).sum()) / n_types if n_types else np.nan,
            "mean_word_length": float(part[field].str.len().mean()) if n_tokens else np.nan,
        })
    columns = [*keys, "documents", "tokens", "types", "type_token_ratio", "hapax", "hapax_share", "mean_word_length"]
    return _finish(pd.DataFrame(rows, columns=columns), columns, strings=keys)


def zipf_table(tokens: pd.DataFrame, *, words_only: bool = True, field: Field = "norm") -> pd.DataFrame:
    """Rank/frequency table of all words (stopwords included), for a Zipf plot.

    Returns:
        Columns ``rank, term, count, share`` (share of all counted tokens); rank 1 is the
        most frequent term, ties broken alphabetically.

    Example:
        >>> zipf_table(corpus.tokens).head(1)                  # doctest: +SKIP
    """
    counts = term_counts(tokens, stopwords=False, words_only=words_only, field=field)
    total = counts["count"].sum()
    table = pd.DataFrame({
        "rank": np.arange(1, len(counts) + 1, dtype="int64"),
        "term": counts["term"].to_numpy(),
        "count": counts["count"].to_numpy(),
        "share": counts["count"].to_numpy(float) / total if total else np.zeros(len(counts)),
    })
    return _finish(table, ["rank", "term", "count", "share"], strings=["term"])


# --------------------------------------------------------------------------- n-grams


def ngram_counts(
    tokens: pd.DataFrame,
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
        tokens: frame of shape "tokens".
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
    sizes = sorted({n} if isinstance(n, (int, np.integer)) else set(n))
    for size in sizes:
        if not isinstance(size, (int, np.integer)) or isinstance(size, bool) or size < 1:
            raise ValueError(f"n={n!r} must be whole numbers of at least 1, e.g. n=(2, 3)")
    check_choice("field", field, FIELDS)
    _check_min("min_count", min_count)
    _require(tokens, ["doc_id", "sent_id", "tok_id", "is_word", "is_stop", "norm", field], "tokens")
    t = _in_text_order(tokens)
    codes, vocab = pd.factorize(t[field], use_na_sentinel=False)
    docs = pd.factorize(t["doc_id"], use_na_sentinel=False)[0]
    sents = t["sent_id"].to_numpy()
    words = t["is_word"].to_numpy(bool)
    stops = _stop_mask(t, stopwords).to_numpy(bool) if stopwords is not False else np.zeros(len(t), bool)
    vocab = np.asarray(vocab, dtype=object)
    frames = []
    for size in sizes:
        m = len(t) - size + 1
        if m <= 0:
            continue
        ok = words[:m].copy()
        for j in range(1, size):
            ok &= words[j : j + m] & (docs[j : j + m] == docs[:m]) & (sents[j : j + m] == sents[:m])
        ok &= ~stops[:m] & ~stops[size - 1 : size - 1 + m]
        at = np.flatnonzero(ok)
        parts = {f"w{j}": codes[at + j] for j in range(size)}
        keys = list(parts)
        grams = pd.DataFrame({**parts, "doc": docs[at]})
        grouped = grams.groupby(keys, sort=False)["doc"]
        counted = pd.DataFrame({"count": grouped.size(), "documents": grouped.nunique()}).reset_index()
        counted = counted.loc[counted["count"] >= min_count]
        text = vocab[counted["w0"].to_numpy()].astype(str)
        for key in keys[1:]:
            text = np.char.add(np.char.add(text, " "), vocab[counted[key].to_numpy()].astype(str))
        frames.append(pd.DataFrame({
            "ngram": text.astype(object), "n": size, "count": counted["count"].to_numpy(),
            "documents": counted["documents"].to_numpy(),
        }))
    columns = ["ngram", "n", "count", "documents"]
    result = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    result = result.sort_values(["n", "count", "ngram"], ascending=[True, False, True])
    return _finish(result, columns, strings=["ngram"])


def collocations(
    tokens: pd.DataFrame,
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
        tokens: frame of shape "tokens".
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
    _check_min("min_count", min_count)
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 2:
        raise ValueError(f"window={window!r} must be a whole number of at least 2 (2 = adjacent words)")
    if top_n is not None:
        _check_min("top_n", top_n, 0)
    _require(tokens, ["doc_id", "sent_id", "tok_id", "is_word", "is_stop", "norm", field], "tokens")
    columns = ["w1", "w2", "count", "pmi", "llr"]
    t = _in_text_order(tokens)
    words = t["is_word"].to_numpy(bool)
    codes, vocab = pd.factorize(t[field], use_na_sentinel=False)
    vocab = np.asarray(vocab, dtype=object)
    docs = pd.factorize(t["doc_id"], use_na_sentinel=False)[0]
    sents = t["sent_id"].to_numpy()
    word_counts = np.bincount(codes[words], minlength=len(vocab))
    pairs = []
    for gap in range(1, window):
        m = len(t) - gap
        if m <= 0:
            break
        ok = words[:m] & words[gap:] & (docs[:m] == docs[gap:]) & (sents[:m] == sents[gap:])
        at = np.flatnonzero(ok)
        pairs.append(pd.DataFrame({"a": codes[at], "b": codes[at + gap]}))
    if not pairs:
        return _finish(pd.DataFrame(columns=columns), columns, strings=["w1", "w2"])
    pair_counts = pd.concat(pairs, ignore_index=True).value_counts(sort=False).rename("count").reset_index()
    pair_counts = pair_counts.loc[pair_counts["count"] >= min_count]
    if stopwords is not False:
        stop_codes = np.zeros(len(vocab), bool)
        stop_codes[codes[_stop_mask(t, stopwords).to_numpy(bool)]] = True
        pair_counts = pair_counts.loc[~stop_codes[pair_counts["a"]] & ~stop_codes[pair_counts["b"]]]
    seen = word_counts > 0
    word_fd = FreqDist(dict(zip(vocab[seen], word_counts[seen].tolist())))
    w1 = vocab[pair_counts["a"].to_numpy()]
    w2 = vocab[pair_counts["b"].to_numpy()]
    bigram_fd = FreqDist(dict(zip(zip(w1, w2), pair_counts["count"].tolist())))
    finder = BigramCollocationFinder(word_fd, bigram_fd, window_size=window)
    scored = pd.DataFrame({
        "w1": w1, "w2": w2, "count": pair_counts["count"].to_numpy(),
        "pmi": [_score(finder, BigramAssocMeasures.pmi, a, b) for a, b in zip(w1, w2)],
        "llr": [_score(finder, BigramAssocMeasures.likelihood_ratio, a, b) for a, b in zip(w1, w2)],
    })
    other = "pmi" if sort == "llr" else "llr"
    scored = scored.sort_values([sort, other, "w1", "w2"], ascending=[False, False, True, True])
    if top_n is not None:
        scored = scored.head(top_n)
    return _finish(scored, columns, strings=["w1", "w2"])


def _score(finder, measure, w1: str, w2: str) -> float:
    """NLTK's score, or NaN where NLTK cannot score the pair.

    In a tiny text where one word makes up nearly all of it ("the the"), the 2x2 table
    NLTK derives has a negative cell and its likelihood ratio raises a math domain error.
    """
    try:
        return finder.score_ngram(measure, w1, w2)
    except (ValueError, ZeroDivisionError):
        return float("nan")


# --------------------------------------------------------------------------- comparing groups


def distinctive_terms(
    tokens: pd.DataFrame,
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
        tokens: frame of shape "tokens" with the ``by`` column.
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
    _check_min("min_count", min_count)
    if top_n is not None:
        _check_min("top_n", top_n, 0)
    counts = term_counts(tokens, by=by, stopwords=stopwords, field=field)
    columns = [by, "term", "count", "per_10k", "score"]
    totals_by_term = counts.groupby("term", observed=True)["count"].transform("sum")
    counts = counts.loc[totals_by_term >= min_count].reset_index(drop=True)
    if counts[by].nunique() < 2:
        return _finish(pd.DataFrame(columns=columns), columns, strings=[by, "term"])
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
    return _finish(counts, columns, strings=[by, "term"])


def keyness(
    tokens: pd.DataFrame,
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
        tokens: frame of shape "tokens" with the ``groups_column``.
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

    _check_min("min_count", min_count)
    _require(tokens, [groups_column], "tokens")
    present = sorted(tokens[groups_column].dropna().astype(str).unique())
    check_choice(f"{groups_column} a", a, present)
    check_choice(f"{groups_column} b", b, present)
    if a == b:
        raise ValueError(f"keyness compares two different groups; got a={a!r} and b={b!r}")
    pair = tokens.loc[tokens[groups_column].isin([a, b]).to_numpy(bool)]
    counts = term_counts(pair, by=groups_column, stopwords=stopwords, field=field)
    wide = counts.pivot_table(index="term", columns=groups_column, values="count", aggfunc="sum", fill_value=0, observed=True)
    wide = wide.reindex(columns=[a, b], fill_value=0)
    words = pair.loc[pair["is_word"].to_numpy(bool), groups_column].value_counts()
    n_a, n_b = float(words.get(a, 0)), float(words.get(b, 0))
    count_a = wide[a].to_numpy(float)
    count_b = wide[b].to_numpy(float)
    g2 = g2_statistic(count_a, count_b, n_a, n_b)
    result = pd.DataFrame({
        "term": wide.index.to_numpy(),
        "count_a": count_a.astype("int64"),
        "count_b": count_b.astype("int64"),
        "g2": g2,
        "log_ratio": log_ratio(count_a, count_b, n_a, n_b),
        "p_value": chi2.sf(g2, 1),
    })
    result["more_in"] = np.where(result["log_ratio"] >= 0, a, b)
    result = result.loc[(result["count_a"] + result["count_b"]) >= min_count]
    result = result.sort_values(["g2", "term"], ascending=[False, True])
    columns = ["term", "count_a", "count_b", "g2", "log_ratio", "p_value", "more_in"]
    return _finish(result, columns, strings=["term", "more_in"])


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


# --------------------------------------------------------------------------- text and time


def kwic(
    tokens: pd.DataFrame,
    articles: pd.DataFrame,
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

    Returns:
        Columns ``doc_id, left, keyword, right, start, end`` (offsets of the keyword in
        the article text), in article and text order.

    Example:
        >>> kwic(corpus.tokens, corpus.articles, ["blair"], window=6).head()   # doctest: +SKIP
    """
    check_choice("field", field, FIELDS)
    _check_min("window", window, 0)
    _require(tokens, ["doc_id", "tok_id", "start", "end", field], "tokens")
    _require(articles, ["doc_id", "text"], "articles")
    columns = ["doc_id", "left", "keyword", "right", "start", "end"]
    t = _in_text_order(tokens)
    hits = _phrase_hits(t, terms, field)
    if hits.empty:
        return _finish(pd.DataFrame(columns=columns), columns, strings=["doc_id", "left", "keyword", "right"])
    docs = pd.factorize(t["doc_id"], use_na_sentinel=False)[0]
    # first and last row of each article, so the context stops at the article's edges
    first = np.r_[0, np.flatnonzero(np.diff(docs)) + 1]
    last = np.r_[first[1:] - 1, len(t) - 1]
    doc_first = first[docs]
    doc_last = last[docs]
    begin = hits["row"].to_numpy()
    stop = begin + hits["length"].to_numpy() - 1
    left_row = np.maximum(begin - window, doc_first[begin])
    right_row = np.minimum(stop + window, doc_last[begin])
    starts, ends = t["start"].to_numpy(), t["end"].to_numpy()
    text_of = dict(zip(articles["doc_id"].astype(str), articles["text"].astype(str)))
    doc_ids = t["doc_id"].to_numpy()[begin]
    rows = []
    for doc, lr, b, s, rr in zip(doc_ids, left_row, begin, stop, right_row):
        text = text_of.get(str(doc), "")
        k0, k1 = int(starts[b]), int(ends[s])
        rows.append((
            doc,
            _one_line(text[int(starts[lr]) : k0]),
            _one_line(text[k0:k1]),
            _one_line(text[k1 : int(ends[rr])]),
            k0,
            k1,
        ))
    result = pd.DataFrame(rows, columns=columns)
    return _finish(result, columns, strings=["doc_id", "left", "keyword", "right"])


def term_trends(
    tokens: pd.DataFrame,
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
        tokens: frame of shape "tokens".
        articles: frame of shape "articles" (``published``).
        terms: words or phrases (matched as in ``kwic``).
        freq: period length: "D" day, "W" week, "M" month, "Q" quarter, "Y" year.

    Returns:
        Columns ``period`` (start of the period, a timestamp), ``term, count, per_10k``
        (per 10,000 words published in that period).

    Example:
        >>> term_trends(corpus.tokens, corpus.articles, ["election"], freq="M")   # doctest: +SKIP
    """
    check_choice("freq", freq, FREQUENCIES)
    check_choice("field", field, FIELDS)
    _require(tokens, ["doc_id", "tok_id", "is_word", field], "tokens")
    _require(articles, ["doc_id", "published"], "articles")
    columns = ["period", "term", "count", "per_10k"]
    terms = _term_list(terms)
    published = pd.to_datetime(articles["published"], errors="coerce")
    periods = published.dt.to_period(freq).dt.start_time
    lookup = pd.Series(periods.to_numpy(), index=articles["doc_id"].astype(str).to_numpy())
    lookup = lookup[~lookup.index.duplicated()]
    t = _in_text_order(tokens)
    token_period = t["doc_id"].astype(str).map(lookup)
    dated = token_period.notna().to_numpy()
    words = pd.Series(1, index=token_period[dated & t["is_word"].to_numpy(bool)].to_numpy()).groupby(level=0).sum()
    if words.empty or not terms:
        empty = pd.DataFrame({"period": pd.Series(dtype="datetime64[ns]"), "term": [], "count": [], "per_10k": []})
        return _finish(empty, columns, strings=["term"])
    hits = _phrase_hits(t, terms, field)
    hits = hits.assign(period=token_period.to_numpy()[hits["row"].to_numpy()]).dropna(subset=["period"])
    counted = hits.groupby(["period", "term"]).size()
    grid = pd.MultiIndex.from_product([words.index, terms], names=["period", "term"])
    counted = counted.reindex(grid, fill_value=0).rename("count").reset_index()
    counted["per_10k"] = counted["count"].to_numpy(float) * 10_000 / counted["period"].map(words).to_numpy(float)
    counted["period"] = pd.to_datetime(counted["period"]).astype("datetime64[ns]")
    counted = counted.sort_values(["term", "period"])
    return _finish(counted, columns, strings=["term"])


# --------------------------------------------------------------------------- helpers


def _require(frame: pd.DataFrame, needed: Sequence[str], shape: str) -> None:
    missing = [c for c in needed if c not in frame.columns]
    if missing:
        raise SchemaError(
            f"{shape} frame lacks columns {missing}; pass the {shape} table of a prepared corpus"
            + (" (add groups with with_groups(tokens, articles, by))" if shape == "tokens" else "")
        )


def _group_keys(tokens: pd.DataFrame, by: str | None) -> list[str]:
    if by is None:
        return []
    if by not in tokens.columns:
        raise SchemaError(
            f"by={by!r} is not a column of tokens; add one with with_groups(tokens, articles, {by!r})"
        )
    return [by]


def _check_min(name: str, value, minimum: int = 1) -> None:
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < minimum:
        raise ValueError(f"{name}={value!r} must be a whole number of at least {minimum}")


def _stop_mask(tokens: pd.DataFrame, stopwords: Stopwords) -> pd.Series:
    """True for tokens to drop as stopwords."""
    if stopwords is False:
        return pd.Series(False, index=tokens.index)
    mask = tokens["is_stop"].astype(bool)
    if stopwords is not True:
        if isinstance(stopwords, str):
            raise ValueError(f"stopwords={stopwords!r} must be True, False or a list of words, e.g. ['said', 'mr']")
        extra = {str(w).lower() for w in stopwords}
        if extra:
            mask = mask | tokens["norm"].isin(extra)
    return mask


def _in_text_order(tokens: pd.DataFrame) -> pd.DataFrame:
    """Tokens with a fresh index, article by article in ``tok_id`` order.

    Articles keep the order in which they first appear (prepared corpora are already in
    this order, so usually nothing is sorted).
    """
    docs = pd.factorize(tokens["doc_id"], use_na_sentinel=False)[0]
    tok = tokens["tok_id"].to_numpy()
    in_order = len(tokens) < 2 or bool(
        np.all((docs[1:] > docs[:-1]) | ((docs[1:] == docs[:-1]) & (tok[1:] > tok[:-1])))
    )
    if in_order:
        return tokens.reset_index(drop=True)
    return tokens.iloc[np.lexsort((tok, docs))].reset_index(drop=True)


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


def _finish(frame: pd.DataFrame, columns: list[str], *, strings: Sequence[str] = ()) -> pd.DataFrame:
    """Select ``columns`` in order, with a fresh index, string columns as ``string``."""
    frame = frame.reindex(columns=columns).reset_index(drop=True)
    for col in strings:
        frame[col] = frame[col].astype("string")
    for col in ("count", "documents", "count_a", "count_b", "n", "rank", "tokens", "types", "hapax", "start", "end"):
        if col in frame.columns and col not in strings:
            frame[col] = frame[col].astype("int64")
    for col in ("per_10k", "pmi", "llr", "g2", "log_ratio", "p_value", "score", "share"):
        if col in frame.columns:
            frame[col] = frame[col].astype("float64")
    return frame
