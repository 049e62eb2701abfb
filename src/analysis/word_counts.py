"""Counting a tokens frame, part by part: the additive ``WordCounts`` every ranking is scored from.

Also the groups of tokens (``with_groups``) and the checks and table finishing that the
frequency modules share. ``analysis.frequencies`` explains the conventions (which tokens
count, rates, groups) and re-exports these names.

Example:
    >>> counts = count_corpus(corpus.iter_parts("tokens", columns=COUNT_COLUMNS),
    ...                       corpus.read("articles", columns=GROUP_COLUMNS), by="category")  # doctest: +SKIP
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from dataclasses import field as _field
from typing import Literal

import numpy as np
import pandas as pd

from . import schemas
from .options import check_choice
from .schemas import SchemaError

Field = Literal["norm", "stem", "token"]
FIELDS = ("norm", "stem", "token")
GROUPINGS = ("none", "category", "source", "month")

#: label of tokens whose article has no category/source/date
UNKNOWN_GROUP = UNDATED_GROUP = schemas.MISSING_GROUP  # old names: one label for a missing group in every report

Stopwords = bool | Collection[str]


# --------------------------------------------------------------------------- groups


def with_groups(tokens: pd.DataFrame, articles: pd.DataFrame, by: str) -> pd.DataFrame:
    """Return ``tokens`` with a ``group`` column taken from each token's article.

    Args:
        tokens: frame of shape "tokens".
        articles: frame of shape "articles" (``doc_id``, ``category``, ``source``, ``published``).
        by: "none" (every token in group "all"), "category", "source" or "month"
            (publication month as "YYYY-MM"). Articles without a value get "(none)"
            (``schemas.MISSING_GROUP``, months too), so counts still add up to the whole corpus.

    Returns:
        A new frame: the tokens plus a string column ``group``.

    Example:
        >>> grouped = with_groups(corpus.tokens, corpus.articles, "category")   # doctest: +SKIP
        >>> term_counts(grouped, by="group").head()                            # doctest: +SKIP
    """
    check_choice("by", by, GROUPINGS)
    require_columns(tokens, ["doc_id"], "tokens")
    return tokens.assign(group=_groups_of(tokens, _group_lookup(articles, by)))


#: the articles columns ``with_groups`` and ``count_corpus`` may need (no text)
GROUP_COLUMNS = ["doc_id", "published", "source", "category"]


def _group_lookup(articles: pd.DataFrame, by: str) -> pd.Series | None:
    """Group label per ``doc_id`` (None for "none": every article in group "all")."""
    if by == "none":
        return None
    if by == "month":
        require_columns(articles, ["doc_id", "published"], "articles")
        published = pd.to_datetime(articles["published"], errors="coerce")
        labels = published.dt.strftime("%Y-%m").astype("string").fillna(UNDATED_GROUP)
    else:
        require_columns(articles, ["doc_id", by], "articles")
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
    sizes = checked_ngram_sizes(ngram_sizes)
    check_window(window)
    lookup = _group_lookup(articles, by)
    counter = CorpusCounter(
        field=field, stopwords=stopwords, sizes=sizes, window=window, tables=("terms", "ngrams", "pairs")
    )
    for part in [parts] if isinstance(parts, pd.DataFrame) else parts:
        require_columns(part, list(dict.fromkeys([*COUNT_COLUMNS, field])), "tokens")
        counter.add(part, _groups_of(part, lookup))
    return counter.result(by="group")


def counts_of(
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
        wanted: dict[str, tuple[object, object]] = {"field": (field, data.field)}  # setting: (asked, made)
        if stopwords is not None:
            wanted["stopwords"] = (stop_setting(stopwords), data.stopwords)
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
            raise SchemaError(
                f"by={by!r} is not the group column of these counts ({data.by!r}); count with count_corpus(..., by=...)"
            )
        return data
    keys = _group_keys(data, by)
    needed = ["doc_id", "is_word", field]
    if stopwords is not None:
        needed += ["is_stop", "norm"]
    if set(tables) & {"ngrams", "pairs"}:
        needed += ["sent_id", "tok_id"]
    require_columns(data, list(dict.fromkeys(needed)), "tokens")
    counter = CorpusCounter(
        field=field,
        stopwords=False if stopwords is None else stopwords,
        sizes=sizes,
        window=window,
        tables=tables,
        words_only=words_only,
    )
    counter.add(data, data[keys[0]] if keys else None)
    return counter.result(by=by)


def stop_setting(stopwords: Stopwords) -> bool | frozenset:
    """``stopwords`` checked, a collection as a frozenset of lower-case words."""
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


class CorpusCounter:
    """Adds up the counts of parts; terms and groups are coded through one growing vocabulary."""

    def __init__(self, *, field, stopwords, sizes, window, tables, words_only=True):
        self.field, self.sizes, self.window, self.tables = field, tuple(sizes), window, tables
        self.stopwords = stop_setting(stopwords)
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
        self.groups.add(
            pd.DataFrame(
                {
                    "group": present.astype(np.int32),
                    "tokens": np.bincount(group, minlength=len(self.labels))[present].astype(np.int64),
                    "words": np.bincount(group[words], minlength=len(self.labels))[present].astype(np.int64),
                    "documents": kept.drop_duplicates(["group", "doc"])["group"]
                    .value_counts()
                    .reindex(present, fill_value=0)
                    .to_numpy(np.int64),
                }
            )
        )
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
            frames.append(
                pd.DataFrame(
                    {
                        "ngram": _strings(text.astype(object)),
                        "n": np.full(len(grams), size, np.int64),
                        "count": grams["count"].to_numpy(np.int64),
                        "documents": grams["documents"].to_numpy(np.int64),
                    }
                )
            )
        ngrams = (
            pd.concat(frames, ignore_index=True)
            if frames
            else pd.DataFrame(
                {"ngram": _strings([]), **{c: np.zeros(0, np.int64) for c in ("n", "count", "documents")}}
            )
        )
        return WordCounts(
            by=by,
            stopwords=self.stopwords,
            field=self.field,
            ngram_sizes=self.sizes,
            window=self.window,
            terms=terms.assign(
                group=_strings(labels[terms["group"].to_numpy()]), term=_strings(vocab[terms["term"].to_numpy()])
            ),
            groups=groups.assign(group=_strings(labels[groups["group"].to_numpy()])).sort_values(
                "group", ignore_index=True
            ),
            ngrams=ngrams,
            pairs=pd.DataFrame(
                {
                    "w1": _strings(vocab[pairs["a"].to_numpy()]),
                    "w2": _strings(vocab[pairs["b"].to_numpy()]),
                    "count": pairs["count"].to_numpy(np.int64),
                }
            ),
        )


def _count_docs(frame: pd.DataFrame, keys: list[str]) -> pd.DataFrame:
    """Rows and distinct ``doc`` per key (documents add up over parts of whole articles)."""
    grouped = frame.groupby(keys, sort=False)["doc"]
    return pd.DataFrame(
        {"count": grouped.size().astype(np.int64), "documents": grouped.nunique().astype(np.int64)}
    ).reset_index()


def _strings(values) -> pd.arrays.StringArray:
    return pd.array(np.asarray(values, dtype=object), dtype="string")


def checked_ngram_sizes(n: int | Iterable[int]) -> tuple[int, ...]:
    """``n`` (one size or several) checked, as sorted distinct sizes."""
    sizes = sorted({n} if isinstance(n, (int, np.integer)) else set(n))
    for size in sizes:
        if not isinstance(size, (int, np.integer)) or isinstance(size, bool) or size < 1:
            raise ValueError(f"n={n!r} must be whole numbers of at least 1, e.g. n=(2, 3)")
    return tuple(int(size) for size in sizes)


def check_window(window: int) -> None:
    """Raise ValueError unless ``window`` is a whole number of at least 2."""
    if isinstance(window, bool) or not isinstance(window, (int, np.integer)) or window < 2:
        raise ValueError(f"window={window!r} must be a whole number of at least 2 (2 = adjacent words)")


def term_table(counts: WordCounts, *, by: str | None, min_count: int = 1, keep_stopwords: bool = False) -> pd.DataFrame:
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


# --------------------------------------------------------------------------- contractions


#: Treebank splits these words in two ("gonna" -> "gon" + "na"); counts join them back
CONTRACTIONS = {
    ("gon", "na"): "gonna",
    ("wan", "na"): "wanna",
    ("got", "ta"): "gotta",
    ("gim", "me"): "gimme",
    ("lem", "me"): "lemme",
}


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
    joined = {
        i: CONTRACTIONS.get((low[i], low[i + 1])) for i in at if docs[i] == docs[i + 1] and sents[i] == sents[i + 1]
    }
    joined = {i: word for i, word in joined.items() if word}
    if not joined:
        return tokens, None
    tokens = tokens.copy()
    rows = np.fromiter(joined, dtype=np.int64)
    words = np.asarray(list(joined.values()), dtype=object)
    column = tokens.columns.get_loc(field)
    tokens.iloc[rows, column] = (
        words
        if field != "token"
        else [w if tokens.iat[r, column].islower() else w.capitalize() for r, w in zip(rows, words)]
    )
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


# --------------------------------------------------------------------------- helpers


def require_columns(frame: pd.DataFrame, needed: Sequence[str], shape: str) -> None:
    """Raise SchemaError naming the columns of ``needed`` that ``frame`` (a ``shape`` frame) lacks."""
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
        raise SchemaError(f"by={by!r} is not a column of tokens; add one with with_groups(tokens, articles, {by!r})")
    return [by]


def check_min(name: str, value, minimum: int = 1) -> None:
    """Raise ValueError unless ``value`` (the option ``name``) is a whole number >= ``minimum``."""
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


def in_text_order(tokens: pd.DataFrame) -> pd.DataFrame:
    """Tokens with a fresh index, article by article in ``tok_id`` order.

    Articles keep the order in which they first appear (prepared corpora are already in
    this order, so usually nothing is sorted).
    """
    return tokens.iloc[_text_order(tokens)].reset_index(drop=True)


def _text_order(tokens: pd.DataFrame) -> np.ndarray:
    """Positions that put ``tokens`` in text order (see ``in_text_order``)."""
    docs = pd.factorize(tokens["doc_id"], use_na_sentinel=False)[0]
    tok = tokens["tok_id"].to_numpy()
    in_order = len(tokens) < 2 or bool(
        np.all((docs[1:] > docs[:-1]) | ((docs[1:] == docs[:-1]) & (tok[1:] > tok[:-1])))
    )
    return np.arange(len(tokens)) if in_order else np.lexsort((tok, docs))


def finish_table(frame: pd.DataFrame, columns: list[str], *, strings: Sequence[str] = ()) -> pd.DataFrame:
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
