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

**Large corpora: count once, part by part.** Every ranking is scored from additive counts
(a ``WordCounts``): terms per group with their documents, word totals per group, n-grams,
collocation pairs. ``count_corpus`` gathers them from the parts of a prepared corpus (each
part holds whole articles, so counts and document counts simply add up), and
``term_counts``, ``ngram_counts``, ``collocations``, ``distinctive_terms``, ``keyness``,
``vocabulary`` and ``zipf_table`` accept either a tokens frame (counted on the spot, the
same code) or those counts. ``kwic`` and ``term_trends`` take a tokens frame or an
iterable of tokens parts; ``kwic`` reads the text of the articles it quotes from a frame
or from batches of articles. Memory then follows the part size and the vocabulary, not
the corpus, and the tables are identical to those computed from the whole frame.

Example:
    >>> from analysis import frequencies as fq
    >>> terms = fq.term_counts(corpus.tokens, min_count=5)   # doctest: +SKIP
    >>> counts = fq.count_corpus(corpus.iter_parts("tokens", columns=fq.COUNT_COLUMNS),
    ...                          corpus.read("articles", columns=fq.GROUP_COLUMNS), by="category")  # doctest: +SKIP
    >>> fq.term_counts(counts, by="group").head(3)           # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field as _field
from functools import lru_cache
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
    return tokens.assign(group=_groups_of(tokens, _group_lookup(articles, by)))


#: the articles columns ``with_groups`` and ``count_corpus`` may need (no text)
GROUP_COLUMNS = ["doc_id", "published", "source", "category"]


def _group_lookup(articles: pd.DataFrame, by: str) -> pd.Series | None:
    """Group label per ``doc_id`` (None for "none": every article in group "all")."""
    if by == "none":
        return None
    if by == "month":
        _require(articles, ["doc_id", "published"], "articles")
        published = pd.to_datetime(articles["published"], errors="coerce")
        labels = published.dt.strftime("%Y-%m").astype("string").fillna(UNDATED_GROUP)
    else:
        _require(articles, ["doc_id", by], "articles")
        labels = articles[by].astype("string").str.strip()
        labels = labels.mask(labels.isna() | (labels == ""), UNKNOWN_GROUP)
    lookup = pd.Series(labels.to_numpy(), index=articles["doc_id"].astype("string").to_numpy())
    return lookup[~lookup.index.duplicated()]


def _groups_of(tokens: pd.DataFrame, lookup: pd.Series | None) -> pd.Series:
    if lookup is None:
        return pd.Series("all", index=tokens.index, dtype="string")
    return tokens["doc_id"].map(lookup).astype("string").fillna(UNKNOWN_GROUP)


# --------------------------------------------------------------------------- counting


#: the tokens columns ``count_corpus`` reads (plus ``field`` when it is not "norm")
COUNT_COLUMNS = ["doc_id", "sent_id", "tok_id", "is_word", "is_stop", "norm"]


@dataclass(frozen=True)
class WordCounts:
    """Additive counts of a corpus, from which every ranking is scored.

    Made by ``count_corpus`` (part by part) or on the spot from a tokens frame. Each table
    adds up over parts holding whole articles, so counting part by part and summing gives
    the numbers of counting the whole corpus at once.

    Attributes:
        by: name of the group column of the rankings (None: the counts have one group).
        stopwords: the setting behind ``stop`` and the n-gram edges (True, False or a
            frozenset of extra lower-case words).
        field: "norm", "stem" or "token".
        ngram_sizes: n-gram sizes counted in ``ngrams``.
        window: collocation window of ``pairs``.
        terms: ``group, term, stop, count, documents``: every word, stopwords included;
            ``stop`` marks the occurrences the stopword setting drops.
        groups: ``group, tokens, words, documents``: tokens, word tokens and articles with
            words per group.
        ngrams: ``ngram, n, count, documents``: every n-gram (``min_count`` not applied).
        pairs: ``w1, w2, count``: every collocation pair, stopwords included.
    """

    by: str | None
    stopwords: bool | frozenset
    field: str
    ngram_sizes: tuple[int, ...]
    window: int
    terms: pd.DataFrame = _field(repr=False)
    groups: pd.DataFrame = _field(repr=False)
    ngrams: pd.DataFrame = _field(repr=False)
    pairs: pd.DataFrame = _field(repr=False)


def count_corpus(
    parts: pd.DataFrame | Iterable[pd.DataFrame],
    articles: pd.DataFrame,
    *,
    by: str = "none",
    stopwords: Stopwords = True,
    ngram_sizes: int | Iterable[int] = (2, 3),
    window: int = 2,
    field: Field = "norm",
) -> WordCounts:
    """Count a corpus part by part, for rankings that need not hold its tokens in memory.

    Args:
        parts: tokens frames (shape "tokens", columns ``COUNT_COLUMNS`` suffice), each
            holding whole articles, e.g. ``corpus.iter_parts("tokens", columns=COUNT_COLUMNS)``;
            or a single tokens frame.
        articles: frame with ``doc_id`` and what ``by`` needs (``GROUP_COLUMNS``; no text).
        by: "none", "category", "source" or "month", as in ``with_groups``; the rankings
            call the group column ``group``.
        stopwords: True, False or extra stopwords (module notes); rankings scored from
            these counts must ask for the same setting.
        ngram_sizes: n-gram sizes to count (each at least 1).
        window: collocation window (2 = adjacent words).
        field: "norm", "stem" or "token".

    Returns:
        A ``WordCounts`` for ``term_counts``, ``ngram_counts``, ``collocations``,
        ``distinctive_terms``, ``keyness``, ``vocabulary`` and ``zipf_table``.

    Example:
        >>> counts = count_corpus(corpus.iter_parts("tokens", columns=COUNT_COLUMNS), corpus.articles, by="category")  # doctest: +SKIP
        >>> term_counts(counts, by="group", min_count=5).head()                                                       # doctest: +SKIP
    """
    check_choice("by", by, GROUPINGS)
    check_choice("field", field, FIELDS)
    sizes = _ngram_sizes(ngram_sizes)
    _check_window(window)
    lookup = _group_lookup(articles, by)
    counter = _Counter(field=field, stopwords=stopwords, sizes=sizes, window=window, tables=("terms", "ngrams", "pairs"))
    for part in [parts] if isinstance(parts, pd.DataFrame) else parts:
        _require(part, list(dict.fromkeys([*COUNT_COLUMNS, field])), "tokens")
        counter.add(part, _groups_of(part, lookup))
    return counter.result(by="group")


def _counts_of(
    data: pd.DataFrame | WordCounts,
    *,
    by: str | None,
    stopwords: Stopwords | None,
    field: str,
    words_only: bool = True,
    sizes: tuple[int, ...] = (),
    window: int = 2,
    tables: tuple[str, ...] = ("terms",),
) -> WordCounts:
    """The counts behind a ranking: ``data`` itself, or a tokens frame counted now.

    ``stopwords=None``: the ranking does not depend on the stopword setting.
    """
    if isinstance(data, WordCounts):
        wanted, had = {"field": (field, data.field)}, {}
        if stopwords is not None:
            wanted["stopwords"] = (_stop_setting(stopwords), data.stopwords)
        if "ngrams" in tables and not set(sizes) <= set(data.ngram_sizes):
            wanted["ngram_sizes"] = (tuple(sizes), data.ngram_sizes)
        if "pairs" in tables:
            wanted["window"] = (window, data.window)
        for name, (asked, made) in wanted.items():
            if asked != made:
                shown = sorted(made) if isinstance(made, frozenset) else made
                raise ValueError(
                    f"these counts were made with {name}={shown!r}; ask for the same {name} "
                    f"or count again with count_corpus(..., {name}=...)"
                )
        if not words_only:
            raise ValueError("counts hold words only (words_only=True); pass a tokens frame for words_only=False")
        if by is not None and by != data.by:
            raise SchemaError(f"by={by!r} is not the group column of these counts ({data.by!r}); count with count_corpus(..., by=...)")
        return data
    keys = _group_keys(data, by)
    needed = ["doc_id", "is_word", field]
    if stopwords is not None:
        needed += ["is_stop", "norm"]
    if set(tables) & {"ngrams", "pairs"}:
        needed += ["sent_id", "tok_id"]
    _require(data, list(dict.fromkeys(needed)), "tokens")
    counter = _Counter(field=field, stopwords=False if stopwords is None else stopwords, sizes=sizes, window=window,
                       tables=tables, words_only=words_only)
    counter.add(data, data[keys[0]] if keys else None)
    return counter.result(by=by)


def _stop_setting(stopwords: Stopwords) -> bool | frozenset:
    if stopwords is True or stopwords is False:
        return stopwords
    if isinstance(stopwords, str) or not isinstance(stopwords, Iterable):
        raise ValueError(f"stopwords={stopwords!r} must be True, False or a list of words, e.g. ['said', 'mr']")
    return frozenset(str(w).lower() for w in stopwords)


class _Sums:
    """Partial count frames keyed by the same columns, summed now and then to bound memory."""

    def __init__(self, keys: list[str]):
        self.keys = keys
        self.frames: list[pd.DataFrame] = []
        self.rows = self.combined = 0

    def add(self, frame: pd.DataFrame) -> None:
        self.frames.append(frame)
        self.rows += len(frame)
        if self.rows > max(2_000_000, 2 * self.combined):
            self._combine()

    def _combine(self) -> None:
        if len(self.frames) > 1:
            frame = pd.concat(self.frames, ignore_index=True)
            self.frames = [frame.groupby(self.keys, sort=False, as_index=False).sum()]
        self.rows = self.combined = sum(len(f) for f in self.frames)

    def result(self, empty: dict[str, str]) -> pd.DataFrame:
        self._combine()
        if not self.frames:
            return pd.DataFrame({c: np.zeros(0, dtype) for c, dtype in empty.items()})
        return self.frames[0]


class _Counter:
    """Adds up the counts of parts; terms and groups are coded through one growing vocabulary."""

    def __init__(self, *, field, stopwords, sizes, window, tables, words_only=True):
        self.field, self.sizes, self.window, self.tables = field, tuple(sizes), window, tables
        self.stopwords = _stop_setting(stopwords)
        self.words_only = words_only
        self.vocab: dict = {}
        self.labels: dict = {}
        self.terms = _Sums(["group", "term", "stop"])
        self.groups = _Sums(["group"])
        self.ngrams = {n: _Sums([f"w{j}" for j in range(n)]) for n in self.sizes}
        self.pairs = _Sums(["a", "b"])

    @staticmethod
    def _code(values, vocab: dict) -> np.ndarray:
        codes, uniques = pd.factorize(values, use_na_sentinel=False)
        mapping = np.fromiter((vocab.setdefault(u, len(vocab)) for u in uniques), dtype=np.int32, count=len(uniques))
        return mapping[codes] if len(codes) else np.zeros(0, np.int32)

    def add(self, tokens: pd.DataFrame, groups: pd.Series | None) -> None:
        if groups is None:
            groups = pd.Series("all", index=tokens.index, dtype="string")
        elif groups.isna().any():  # like groupby, tokens without a group are not counted
            tokens, groups = tokens.loc[groups.notna().to_numpy()], groups.loc[groups.notna().to_numpy()]
        if set(self.tables) & {"ngrams", "pairs"} or _may_hold_contractions(tokens, self.field):
            order = _text_order(tokens)
            tokens, groups = tokens.iloc[order], groups.iloc[order]
            tokens, keep = _joined_contractions(tokens, self.field)
            if keep is not None:
                groups = groups.iloc[keep]
        group = self._code(groups, self.labels)
        words = tokens["is_word"].to_numpy(bool) if self.words_only else np.ones(len(tokens), bool)
        codes = self._code(tokens[self.field], self.vocab)
        docs = pd.factorize(tokens["doc_id"], use_na_sentinel=False)[0]
        stops = _stop_mask(tokens, self.stopwords).to_numpy(bool)
        kept = pd.DataFrame({"group": group[words], "term": codes[words], "stop": stops[words], "doc": docs[words]})
        present = np.unique(group)
        self.groups.add(pd.DataFrame({
            "group": present.astype(np.int32),
            "tokens": np.bincount(group, minlength=len(self.labels))[present].astype(np.int64),
            "words": np.bincount(group[words], minlength=len(self.labels))[present].astype(np.int64),
            "documents": kept.drop_duplicates(["group", "doc"])["group"].value_counts()
            .reindex(present, fill_value=0).to_numpy(np.int64),
        }))
        self.terms.add(_count_docs(kept, ["group", "term", "stop"]))
        if not set(self.tables) & {"ngrams", "pairs"}:
            return
        sents = tokens["sent_id"].to_numpy()
        is_word = tokens["is_word"].to_numpy(bool)

        def same_sentence(gap: int, m: int) -> np.ndarray:
            return (docs[gap : gap + m] == docs[:m]) & (sents[gap : gap + m] == sents[:m])

        if "ngrams" in self.tables:
            edge = stops if self.stopwords is not False else np.zeros(len(tokens), bool)
            for size in self.sizes:
                m = len(tokens) - size + 1
                if m <= 0:
                    continue
                ok = is_word[:m].copy()
                for j in range(1, size):
                    ok &= is_word[j : j + m] & same_sentence(j, m)
                ok &= ~edge[:m] & ~edge[size - 1 : size - 1 + m]
                at = np.flatnonzero(ok)
                grams = pd.DataFrame({**{f"w{j}": codes[at + j] for j in range(size)}, "doc": docs[at]})
                self.ngrams[size].add(_count_docs(grams, [f"w{j}" for j in range(size)]))
        if "pairs" in self.tables:
            for gap in range(1, self.window):
                m = len(tokens) - gap
                if m <= 0:
                    break
                at = np.flatnonzero(is_word[:m] & is_word[gap:] & same_sentence(gap, m))
                pairs = pd.DataFrame({"a": codes[at], "b": codes[at + gap]})
                self.pairs.add(pairs.value_counts(sort=False).rename("count").reset_index())

    def result(self, *, by: str | None) -> WordCounts:
        vocab = np.asarray(list(self.vocab), dtype=object)
        labels = np.asarray(list(self.labels), dtype=object)
        codes = {"group": "int32", "term": "int32"}
        terms = self.terms.result({**codes, "stop": "bool", "count": "int64", "documents": "int64"})
        groups = self.groups.result({"group": "int32", "tokens": "int64", "words": "int64", "documents": "int64"})
        pairs = self.pairs.result({"a": "int32", "b": "int32", "count": "int64"})
        frames = []
        for size, sums in self.ngrams.items():
            grams = sums.result({**{f"w{j}": "int32" for j in range(size)}, "count": "int64", "documents": "int64"})
            text = vocab[grams["w0"].to_numpy()].astype(str)
            for j in range(1, size):
                text = np.char.add(np.char.add(text, " "), vocab[grams[f"w{j}"].to_numpy()].astype(str))
            frames.append(pd.DataFrame({"ngram": _strings(text.astype(object)), "n": np.full(len(grams), size, np.int64),
                                        "count": grams["count"].to_numpy(np.int64),
                                        "documents": grams["documents"].to_numpy(np.int64)}))
        ngrams = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
            {"ngram": _strings([]), **{c: np.zeros(0, np.int64) for c in ("n", "count", "documents")}})
        return WordCounts(
            by=by, stopwords=self.stopwords, field=self.field, ngram_sizes=self.sizes, window=self.window,
            terms=terms.assign(group=_strings(labels[terms["group"].to_numpy()]), term=_strings(vocab[terms["term"].to_numpy()])),
            groups=groups.assign(group=_strings(labels[groups["group"].to_numpy()])).sort_values("group", ignore_index=True),
            ngrams=ngrams,
            pairs=pd.DataFrame({"w1": _strings(vocab[pairs["a"].to_numpy()]), "w2": _strings(vocab[pairs["b"].to_numpy()]),
                                "count": pairs["count"].to_numpy(np.int64)}),
        )


def _count_docs(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows and distinct ``doc`` per key (documents add up over parts of whole articles)."""
    grouped = frame.groupby(keys, sort=False)["doc"]
    return pd.DataFrame({"count": grouped.size().astype(np.int64), "documents": grouped.nunique().astype(np.int64)}).reset_index()


def _strings(values) -> pd.arrays.StringArray:
    return pd.array(np.asarray(values, dtype=object), dtype="string")


def _ngram_sizes(n: int | Iterable[int]) -> tuple[int, ...]:
    sizes = sorted({n} if isinstance(n, (int, np.integer)) else set(n))
    for size in sizes:
        if not isinstance(size, (int, np.integer)) or isinstance(size, bool) or size < 1:
            raise ValueError(f"n={n!r} must be whole numbers of at least 1, e.g. n=(2, 3)")
    return tuple(int(size) for size in sizes)


def _check_window(window: int) -> None:
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 2:
        raise ValueError(f"window={window!r} must be a whole number of at least 2 (2 = adjacent words)")


def _term_table(counts: WordCounts, *, by: str | None, min_count: int = 1, keep_stopwords: bool = False) -> pd.DataFrame:
    """Counts, documents and rate per 10,000 words per term (per group when ``by``), unsorted."""
    terms = counts.terms if keep_stopwords else counts.terms.loc[~counts.terms["stop"].to_numpy(bool)]
    keys = ["group"] if by is not None else []
    table = terms.groupby([*keys, "term"], sort=False, as_index=False)[["count", "documents"]].sum()
    table = table.loc[table["count"] >= min_count]
    if by is not None:
        denominator = table["group"].map(counts.groups.set_index("group")["words"]).to_numpy(float)
        table = table.rename(columns={"group": by})
    else:
        denominator = np.full(len(table), float(counts.groups["words"].sum()))
    table["per_10k"] = table["count"].to_numpy(float) * 10_000 / np.where(denominator > 0, denominator, np.nan)
    return table


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
    _check_min("min_count", min_count)
    _stop_setting(stopwords)
    counted = _counts_of(tokens, by=by, stopwords=stopwords, field=field, words_only=words_only)
    counts = _term_table(counted, by=by, min_count=min_count)
    keys = [by] if by is not None else []
    counts = counts.sort_values([*keys, "count", "term"], ascending=[*([True] * len(keys)), False, True])
    return _finish(counts, [*keys, "term", "count", "documents", "per_10k"], strings=[*keys, "term"])


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
    counted = _counts_of(tokens, by=by, stopwords=None, field=field, words_only=words_only)
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
        rows.append({
            **({by: name} if keys else {}),
            "documents": n_documents,
            "tokens": n_tokens,
            "types": n_types,
            "type_token_ratio": n_types / n_tokens if n_tokens else np.nan,
            "hapax": int((counts == 1).sum()),
            "hapax_share": float((counts == 1).sum()) / n_types if n_types else np.nan,
            # the mean length of the running words: characters of all occurrences / occurrences
            "mean_word_length": float(part["chars"].sum()) / n_tokens if n_tokens else np.nan,
        })
    columns = [*keys, "documents", "tokens", "types", "type_token_ratio", "hapax", "hapax_share", "mean_word_length"]
    return _finish(pd.DataFrame(rows, columns=columns), columns, strings=keys)


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
    counted = _counts_of(tokens, by=None, stopwords=None, field=field, words_only=words_only)
    counts = _term_table(counted, by=None, keep_stopwords=True).sort_values(["count", "term"], ascending=[False, True])
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
    sizes = _ngram_sizes(n)
    check_choice("field", field, FIELDS)
    _check_min("min_count", min_count)
    _stop_setting(stopwords)
    counted = _counts_of(tokens, by=None, stopwords=stopwords, field=field, sizes=sizes, tables=("ngrams",))
    grams = counted.ngrams
    result = grams.loc[grams["n"].isin(sizes).to_numpy() & (grams["count"] >= min_count).to_numpy()]
    columns = ["ngram", "n", "count", "documents"]
    result = result.sort_values(["n", "count", "ngram"], ascending=[True, False, True])
    return _finish(result, columns, strings=["ngram"])


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
    _check_min("min_count", min_count)
    _check_window(window)
    if top_n is not None:
        _check_min("top_n", top_n, 0)
    _stop_setting(stopwords)
    counted = _counts_of(tokens, by=None, stopwords=stopwords, field=field, window=window, tables=("terms", "pairs"))
    columns = ["w1", "w2", "count", "pmi", "llr"]
    words = counted.terms.groupby("term", sort=False)["count"].sum()
    pair_counts = counted.pairs.loc[counted.pairs["count"].to_numpy() >= min_count]
    if stopwords is not False:
        stop_terms = counted.terms.loc[counted.terms["stop"].to_numpy(bool), "term"].unique()
        pair_counts = pair_counts.loc[~pair_counts["w1"].isin(stop_terms) & ~pair_counts["w2"].isin(stop_terms)]
    if counted.pairs.empty:
        return _finish(pd.DataFrame(columns=columns), columns, strings=["w1", "w2"])
    word_fd = FreqDist(dict(zip(words.index.to_numpy(object), words.to_numpy().tolist())))
    w1 = pair_counts["w1"].to_numpy(object)
    w2 = pair_counts["w2"].to_numpy(object)
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

    _check_min("min_count", min_count)
    check_choice("field", field, FIELDS)
    _stop_setting(stopwords)
    if not isinstance(tokens, WordCounts):
        _require(tokens, [groups_column], "tokens")
    counted = _counts_of(tokens, by=groups_column, stopwords=stopwords, field=field)
    present = sorted(counted.groups["group"].astype(str))
    check_choice(f"{groups_column} a", a, present)
    check_choice(f"{groups_column} b", b, present)
    if a == b:
        raise ValueError(f"keyness compares two different groups; got a={a!r} and b={b!r}")
    counts = _term_table(counted, by=groups_column)
    counts = counts.loc[counts[groups_column].isin([a, b]).to_numpy(bool)]
    wide = counts.pivot_table(index="term", columns=groups_column, values="count", aggfunc="sum", fill_value=0, observed=True)
    wide = wide.reindex(columns=[a, b], fill_value=0)
    words = counted.groups.set_index("group")["words"]
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
    _check_min("window", window, 0)
    columns = ["doc_id", "left", "keyword", "right", "start", "end"]
    spans = [_kwic_spans(part, terms, window=window, field=field) for part in _parts(tokens)]
    spans = pd.concat(spans, ignore_index=True) if spans else pd.DataFrame({"doc_id": [], **{c: np.zeros(0, np.int64) for c in ("left", "start", "end", "right")}})
    if isinstance(articles, pd.DataFrame):
        _require(articles, ["doc_id", "text"], "articles")
    if spans.empty:
        return _finish(pd.DataFrame(columns=columns), columns, strings=["doc_id", "left", "keyword", "right"])
    doc_ids = spans["doc_id"].astype(str).to_numpy(object)
    left = np.full(len(spans), "", dtype=object)
    keyword, right = left.copy(), left.copy()
    todo = np.ones(len(spans), bool)
    bounds = spans[["left", "start", "end", "right"]].to_numpy(np.int64)
    for batch in [articles] if isinstance(articles, pd.DataFrame) else articles:
        _require(batch, ["doc_id", "text"], "articles")
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
    result = pd.DataFrame({
        "doc_id": spans["doc_id"].to_numpy(object), "left": left, "keyword": keyword, "right": right,
        "start": spans["start"].to_numpy(), "end": spans["end"].to_numpy(),
    })
    return _finish(result, columns, strings=["doc_id", "left", "keyword", "right"])


#: the tokens columns ``kwic`` reads (plus ``field`` when it is not "norm")
KWIC_COLUMNS = ["doc_id", "tok_id", "start", "end", "norm"]


def _kwic_spans(tokens: pd.DataFrame, terms, *, window: int, field: str) -> pd.DataFrame:
    """Where each occurrence and its context lie in the article text: doc_id, left, start, end, right."""
    _require(tokens, ["doc_id", "tok_id", "start", "end", field], "tokens")
    t = _in_text_order(tokens)
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
    return pd.DataFrame({
        "doc_id": t["doc_id"].to_numpy(object)[begin],
        "left": starts[left_row], "start": starts[begin], "end": ends[stop], "right": ends[right_row],
    })


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
    check_choice("freq", freq, FREQUENCIES)
    check_choice("field", field, FIELDS)
    _require(articles, ["doc_id", "published"], "articles")
    columns = ["period", "term", "count", "per_10k"]
    terms = _term_list(terms)
    published = pd.to_datetime(articles["published"], errors="coerce")
    periods = published.dt.to_period(freq).dt.start_time
    lookup = pd.Series(periods.to_numpy(), index=articles["doc_id"].astype(str).to_numpy())
    lookup = lookup[~lookup.index.duplicated()]
    word_parts, hit_parts = [], []
    for part in _parts(tokens):
        _require(part, ["doc_id", "tok_id", "is_word", field], "tokens")
        t = _in_text_order(part)
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
        return _finish(empty, columns, strings=["term"])
    # occurrences are few: keep them and count once, exactly as for a single frame
    counted = pd.concat(hit_parts, ignore_index=True).groupby(["period", "term"]).size()
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
    return tokens.iloc[_text_order(tokens)].reset_index(drop=True)


def _text_order(tokens: pd.DataFrame) -> np.ndarray:
    """Positions that put ``tokens`` in text order (see ``_in_text_order``)."""
    docs = pd.factorize(tokens["doc_id"], use_na_sentinel=False)[0]
    tok = tokens["tok_id"].to_numpy()
    in_order = len(tokens) < 2 or bool(
        np.all((docs[1:] > docs[:-1]) | ((docs[1:] == docs[:-1]) & (tok[1:] > tok[:-1])))
    )
    return np.arange(len(tokens)) if in_order else np.lexsort((tok, docs))


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


# --------------------------------------------------------------------------- what the corpus is about

FILLER_FILE = "news_filler.txt"

#: Treebank splits these words in two ("gonna" -> "gon" + "na"); counts join them back
CONTRACTIONS = {("gon", "na"): "gonna", ("wan", "na"): "wanna", ("got", "ta"): "gotta",
                ("gim", "me"): "gimme", ("lem", "me"): "lemme"}


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
    """The ``stopwords`` setting of a ranking: the standard stopwords, ``extra`` words and,
    unless ``filler=False``, the news filler (``news_filler``).

    Example:
        >>> sorted(ranking_stopwords(["Tax"], filler=False))
        ['tax']
    """
    words = {str(w).lower() for w in extra} | (set(news_filler()) if filler else set())
    return frozenset(words) if words else True


def _joined_contractions(tokens: pd.DataFrame, field: str) -> tuple[pd.DataFrame, np.ndarray | None]:
    """Tokens with Treebank's halves of "gonna", "wanna"... joined: the first half takes the
    whole word, the second half is dropped (so "gonna win" is a bigram). ``tokens`` must be
    in text order. Returns the tokens and the mask of rows kept (None: nothing joined)."""
    values = tokens[field]
    firsts = {first for first, _ in CONTRACTIONS}
    lowered = values.astype("string").str.lower()
    at = np.flatnonzero(lowered.isin(firsts).to_numpy(bool))
    at = at[at + 1 < len(tokens)]
    if not len(at):
        return tokens, None
    docs, sents = tokens["doc_id"].to_numpy(), tokens["sent_id"].to_numpy()
    low = lowered.to_numpy(dtype=object)
    joined = {i: CONTRACTIONS.get((low[i], low[i + 1])) for i in at
              if docs[i] == docs[i + 1] and sents[i] == sents[i + 1]}
    joined = {i: word for i, word in joined.items() if word}
    if not joined:
        return tokens, None
    tokens = tokens.copy()
    rows = np.fromiter(joined, dtype=np.int64)
    words = np.asarray(list(joined.values()), dtype=object)
    column = tokens.columns.get_loc(field)
    tokens.iloc[rows, column] = words if field != "token" else [
        w if tokens.iat[r, column].islower() else w.capitalize() for r, w in zip(rows, words)]
    if field != "norm" and "norm" in tokens:
        tokens.iloc[rows, tokens.columns.get_loc("norm")] = words
    keep = np.ones(len(tokens), bool)
    keep[rows + 1] = False
    return tokens.iloc[keep], keep


def _may_hold_contractions(tokens: pd.DataFrame, field: str) -> bool:
    """Whether a part has a first half of a split contraction (and the columns to join it)."""
    if not {"doc_id", "sent_id", "tok_id", "is_word"} <= set(tokens.columns) or field == "stem":
        return False
    return bool(tokens["norm" if "norm" in tokens else field].isin({first for first, _ in CONTRACTIONS}).any())


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
    _check_min("min_count", min_count)
    _check_min("min_documents", min_documents)
    if not smoothing > 0:
        raise ValueError(f"smoothing={smoothing!r} must be a positive rate per million, e.g. 10")
    counted = _counts_of(tokens, by=None, stopwords=stopwords, field="norm")
    table = _term_table(counted, by=None, min_count=min_count)
    table = table.loc[table["documents"] >= min_documents]
    reference = _reference_frequencies()
    ref_per_million = np.fromiter((reference.get(t, 0.0) for t in table["term"]), dtype=float, count=len(table)) * 1e6
    per_million = table["per_10k"].to_numpy(float) * 100
    table = table.assign(reference_per_10k=ref_per_million / 100, ratio=(per_million + smoothing) / (ref_per_million + smoothing))
    table = table.sort_values(["ratio", "term"], ascending=[False, True])
    return _finish(table, ["term", "count", "documents", "per_10k", "reference_per_10k", "ratio"], strings=["term"])


def actor_phrases(dictionary=None) -> dict[str, str]:
    """Lower-case aliases of two or three words -> the actor's name in lower case, for every
    actor of the dictionary whose name has more than one word ("lib dems" -> "liberal democrats").

    Example:
        >>> actor_phrases()["lib dems"]
        'liberal democrats'
    """
    from .actors import default_dictionary

    dictionary = dictionary if dictionary is not None else default_dictionary()
    phrases = {}
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
    merged = (ngrams.assign(ngram=names).groupby("ngram", sort=False, as_index=False)
              .agg(count=("count", "sum"), documents=("documents", "max")))
    merged["n"] = merged["ngram"].str.count(" ").astype("int64") + 1
    merged = merged.sort_values(["n", "count", "ngram"], ascending=[True, False, True])
    return _finish(merged, ["ngram", "n", "count", "documents"], strings=["ngram"])


def with_actor_terms(terms: pd.DataFrame, ngrams: pd.DataFrame, *, phrases: Mapping[str, str] | None = None) -> pd.DataFrame:
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
    merged = merge_actor_phrases(ngrams.loc[ngrams["ngram"].astype("string").isin(set(phrases)).to_numpy(bool)], phrases)
    merged = merged.loc[merged["ngram"].isin(names).to_numpy(bool)]
    if merged.empty or terms.empty:
        return terms.copy()
    rate = (terms["per_10k"] / terms["count"]).iloc[0]  # per_10k per occurrence: the same word total
    extra = pd.DataFrame({"term": merged["ngram"], "count": merged["count"], "documents": merged["documents"],
                          "per_10k": merged["count"].to_numpy(float) * rate})
    extra = extra.loc[~extra["term"].isin(set(terms["term"]))]
    table = pd.concat([terms, extra], ignore_index=True).sort_values(["count", "term"], ascending=[False, True])
    return _finish(table, list(terms.columns), strings=["term"])


#: the tokens columns ``characteristic_terms`` needs (words only: no sentence order)
TERM_COLUMNS = ["doc_id", "is_word", "is_stop", "norm"]


def characteristic_terms(
    parts: pd.DataFrame | Iterable[pd.DataFrame], *, n: int = 5, min_count: int = 5, filler: bool = True,
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
    _check_min("n", n)
    stopwords = ranking_stopwords(filler=filler)
    counter = _Counter(field="norm", stopwords=stopwords, sizes=(), window=2, tables=("terms",))
    for part in [parts] if isinstance(parts, pd.DataFrame) else parts:
        _require(part, TERM_COLUMNS, "tokens")
        counter.add(part, None)
    about = reference_keyness(counter.result(by=None), min_count=min_count, stopwords=stopwords)
    return about["term"].head(n).tolist()


def default_terms(
    corpus, *, terms: int = 4, actors: int = 3, types: Sequence[str] = ("person", "organization"), exclude: Iterable[str] = (),
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
                flagged.append(part.loc[part["self_reference"].astype(bool).to_numpy(), ["doc_id", "actor", "self_reference"]])
            part = part.loc[part["actor_type"].isin(list(types)).to_numpy(bool)]
            counted = counted.add(part["actor"].astype(str).value_counts(), fill_value=0)
        if flagged:
            documents = corpus.read("articles", columns=["doc_id"])["doc_id"]
            # self_outlets weighs the outlet's documents against the corpus: give it every document id
            every = pd.DataFrame({"doc_id": documents, "actor": "", "self_reference": False})
            skipped |= set(actor_tables.self_outlets(pd.concat([*flagged, every], ignore_index=True)))
        ranked = counted.reset_index().set_axis(["actor", "mentions"], axis=1).sort_values(["mentions", "actor"], ascending=[False, True])
        taken = set(words)
        for actor in ranked["actor"]:
            if actor in skipped or taken & set(actor.lower().split()):
                continue
            names.append(actor)
            taken |= set(actor.lower().split())
            if len(names) == actors:
                break
    return [*words, *names]
