"""Actor report tables: frames of mentions in, tables out.

Corpus-level steps first: ``merge_variants`` (one actor per referent across the corpus),
``consolidate_types`` (one type per actor); ``report_mentions`` holds the others (``self_outlets``,
``counted_mentions``, ``compact_parts``). Then the tables: ``actor_table`` (mentions, documents,
quotes and tone with a bootstrap interval per actor), ``comentions``, ``unmatched``, ``quoted``,
``actors_over_time``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from .dictionary import TYPES, default_cues
from .options import check_choice
from .periods import check_period, period_starts
from .report_mentions import compact_parts, counted_mentions, self_outlets  # noqa: F401  (moved; this path still works)
from .stats import bootstrap_ci, group_rng


def actor_table(
    mentions: pd.DataFrame,
    scored_sentences: pd.DataFrame | None = None,
    quotes: pd.DataFrame | None = None,
    *,
    types: Sequence[str] = (),
    min_mentions: int = 1,
    ci: float = 0.95,
    n_boot: int = 1000,
    seed: int = 0,
    score: str | None = None,
) -> pd.DataFrame:
    """One row per actor: mentions, documents, quotes and tone with a bootstrap interval.

    Tone is the mean sentence score of the sentences that mention the actor (each
    sentence once, however often the actor is named in it); the interval is the percentile
    bootstrap of that mean (NaN when fewer than two sentences). The score is the news tone
    (``tone``, when the sentences have it), in which the words of every actor mention carry
    no valence, so an actor's own name never scores itself ("Hope Solo", "United"), or stock
    VADER's ``compound`` (``score="compound"``, or sentences without ``tone``).

    Args:
        mentions: frame of shape "mentions".
        scored_sentences: sentences with a ``compound`` column (``analysis.sentiment``); optional.
        quotes: frame of shape "quotes"; optional.
        types: keep only these actor types (default all).
        min_mentions: drop actors mentioned fewer times.
        ci: level of the tone interval (0.95: 95%), as ``ci`` in every table with an interval.
        n_boot: bootstrap resamples (0: no interval); seed: the random streams' seed (``stats.group_rng``).

    Returns:
        actor, actor_type, mentions, documents, quotes, tone, tone_ci_low, tone_ci_high,
        sorted by mentions (most first).

    Example:
        >>> m = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "actor": ["UN", "UN"], "actor_type": ["organization"] * 2})
        >>> s = pd.DataFrame({"doc_id": ["a", "a"], "sent_id": [0, 1], "compound": [0.5, -0.1]})
        >>> actor_table(m, s)[["actor", "mentions", "tone"]].values.tolist()
        [['UN', 2, 0.2]]
    """
    columns = ["actor", "actor_type", "mentions", "documents", "quotes", "tone", "tone_ci_low", "tone_ci_high"]
    for kind in types:
        check_choice("actor type", kind, TYPES)
    m, codes = _coded(mentions, types)
    if not len(m):
        return _typed(pd.DataFrame(columns=columns))
    counts = m.groupby("a", sort=True).agg(mentions=("d", "size"), documents=("d", "nunique"))
    counts = counts[counts["mentions"] >= min_mentions]
    table = pd.DataFrame(
        {
            "actor": codes.actors[counts.index.to_numpy()],
            "actor_type": codes.types[counts.index.to_numpy()],
            "mentions": counts["mentions"].to_numpy(),
            "documents": counts["documents"].to_numpy(),
        }
    ).astype({"actor": "string", "actor_type": "string"})
    if quotes is not None and len(quotes):
        quote_counts = quotes.groupby(quotes["speaker"].astype("string"), observed=True).size()
        table["quotes"] = table["actor"].map(quote_counts).fillna(0).astype("int64")
    else:
        table["quotes"] = 0
    tone = {}
    if scored_sentences is not None and len(scored_sentences) and len(table):
        # sentences as (document code, sent_id): integer keys, the documents' text ids held once
        docs = _doc_codes(scored_sentences["doc_id"], codes.docs)
        score = score or ("tone" if "tone" in scored_sentences else "compound")
        check_choice("score", score, ["tone", "compound"])
        scores = pd.DataFrame(
            {
                "d": docs,
                "sent_id": scored_sentences["sent_id"].to_numpy(),
                "compound": scored_sentences[score].to_numpy(),
            }
        )
        scores = scores[docs >= 0]
        pairs = m[np.isin(m["a"].to_numpy(), counts.index.to_numpy())].drop_duplicates(["d", "sent_id", "a"])
        joined = pairs[["d", "sent_id", "a"]].merge(scores, on=["d", "sent_id"], how="inner")
        for code, values in joined.groupby("a", sort=True)["compound"]:  # codes are in name order
            actor = codes.actors[code]
            tone[actor] = _mean_ci(values.to_numpy(dtype=float), group_rng(seed, actor), n_boot, ci)
    nan3 = (np.nan, np.nan, np.nan)
    table["tone"] = [tone.get(a, nan3)[0] for a in table["actor"]]
    table["tone_ci_low"] = [tone.get(a, nan3)[1] for a in table["actor"]]
    table["tone_ci_high"] = [tone.get(a, nan3)[2] for a in table["actor"]]
    table = table.sort_values(["mentions", "documents", "actor"], ascending=[False, False, True], kind="stable")
    return _typed(table[columns].reset_index(drop=True))


@dataclass(frozen=True)
class _Codes:
    actors: np.ndarray  # actor names, by code
    types: np.ndarray  # each actor's one type, by code
    docs: pd.Index  # document ids, by code


def _coded(mentions: pd.DataFrame, types: Sequence[str] = ()) -> tuple[pd.DataFrame, _Codes]:
    """Mentions as small integer codes: ``d`` (document), ``sent_id``, ``a`` (actor), one type per actor.

    Actor codes follow the names' sort order and document codes the ids' sort order, so
    grouping by codes gives the order grouping by names would; the ``_Codes`` returned beside
    hold the names, each actor's consolidated type and the document ids.
    Rows of actors outside ``types`` (or without a name or type) are left out. Works the
    same on a frame of strings or of categoricals (``compact_parts``): large corpora
    are counted without copying their text ids around.
    """
    actor_codes, actor_names = _sorted_codes(mentions["actor"])
    type_codes, type_names = _sorted_codes(mentions["actor_type"])
    # each actor's type: its most frequent one other than "other" (see consolidate_types)
    # "other" with no subtype (no cue) counts a quarter: a name typed by a cue in some articles takes
    # that type, but one named without a cue far more often ("Oscar", a film's title) stays "other";
    # "other" with a subtype (a work, product, event, award: typed by a cue) counts in full
    untyped = (type_names[np.maximum(type_codes, 0)] == "other") if len(type_names) else np.zeros(len(type_codes), bool)
    if "subtype" in mentions.columns:
        untyped = untyped & (mentions["subtype"].astype("string").fillna("") == "").to_numpy(dtype=bool)
    weights = np.where(untyped, _OTHER_WEIGHT, 1.0)
    type_counts = (
        pd.DataFrame({"a": actor_codes, "t": type_codes, "w": weights})
        .query("a >= 0 and t >= 0")
        .groupby(["a", "t"], sort=True)["w"]
        .sum()
        .reset_index(name="n")
    )
    type_counts["rank"] = (type_names[type_counts["t"].to_numpy()] == "other").astype(int)
    best = type_counts.sort_values(["a", "n", "rank"], ascending=[True, False, True], kind="stable").drop_duplicates(
        "a"
    )
    actor_types = np.full(len(actor_names), None, dtype=object)
    actor_types[best["a"].to_numpy()] = type_names[best["t"].to_numpy()]
    known = pd.notna(actor_types)
    if types:
        known &= np.isin(actor_types.astype(str), list(types))
    keep = actor_codes >= 0
    keep[keep] = known[actor_codes[keep]]
    doc_codes, doc_ids = pd.factorize(mentions["doc_id"])
    coded = pd.DataFrame(
        {"d": doc_codes[keep], "sent_id": mentions["sent_id"].to_numpy()[keep], "a": actor_codes[keep]}
    )
    return coded, _Codes(actor_names, actor_types, pd.Index(doc_ids).astype("string"))


def _doc_codes(doc_ids: pd.Series, docs: pd.Index) -> np.ndarray:
    """The position of each id in ``docs`` (-1 when absent); categoricals look up their categories only."""
    if isinstance(doc_ids.dtype, pd.CategoricalDtype):
        found = docs.get_indexer(doc_ids.cat.categories.astype("string"))
        codes = doc_ids.cat.codes.to_numpy()
        return np.where(codes >= 0, found[np.maximum(codes, 0)] if len(found) else -1, -1)
    return docs.get_indexer(doc_ids.astype("string"))


def _sorted_codes(values: pd.Series) -> tuple[np.ndarray, np.ndarray]:
    """Integer codes (-1 for missing) numbered in the sort order of the values' text, and those texts."""
    codes, uniques = pd.factorize(values)
    names = np.asarray(pd.Index(uniques).astype("string").astype(object))
    order = np.argsort(names, kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    codes = np.where(codes >= 0, rank[np.maximum(codes, 0)] if len(rank) else -1, -1)
    return codes, names[order]


def variant_names(mentions: pd.DataFrame, *, share: float = 0.9) -> dict[str, str]:
    """Names that are unambiguous variants of another across the corpus -> that name.

    Full names that differ only in middle names or initials ("George Bush", "George W Bush",
    "George W. Bush") merge into the most mentioned of them; a lone surname ("Bush") merges
    into the full name that holds at least ``share`` of the mentions of full names with that
    surname (one Bush in the corpus: George W. Bush, not also Kate Bush). A name of any type
    written with and without spaces, hyphens or dots ("TimeWarner", "Time Warner") merges into
    its most mentioned spelling.

    Example:
        >>> m = pd.DataFrame({"actor": ["George W. Bush"] * 3 + ["George Bush", "Bush"], "actor_type": ["person"] * 5})
        >>> variant_names(m)
        {'Bush': 'George W. Bush', 'George Bush': 'George W. Bush'}
    """
    if not len(mentions):
        return {}
    counts = mentions.groupby(["actor", "actor_type"], observed=True).size().reset_index(name="n")
    counts["w"] = counts["n"] * np.where(counts["actor_type"] == "other", _OTHER_WEIGHT, 1.0)
    best = counts.sort_values(["actor", "w"], ascending=[True, False]).drop_duplicates("actor")
    totals = counts.groupby("actor", observed=True)["n"].sum()
    given, common = default_cues().given_names, default_cues().common
    people: dict[str, int] = {}
    singles: set[str] = set()
    for actor, kind in zip(best["actor"].astype(str), best["actor_type"].astype(str)):
        if kind != "person":
            continue
        parts = actor.replace(".", ". ").split()
        if len(parts) >= 2 and parts[0] in given:  # a name's shape: a first name, then more
            people[actor] = int(totals[actor])
        elif len(parts) == 1 and actor[:1].isupper() and actor not in given and actor.lower() not in common:
            singles.add(actor)  # a lone first name ("Charles") or word is no surname to merge
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)  # (first, middle names..., last) -> names
    for name in people:
        parts = name.replace(".", ". ").split()
        # middle initials may come and go ("George W. Bush", "George Bush"); middle names may not
        middle = tuple(p for p in parts[1:-1] if len(p.rstrip(".")) > 1)
        key = (parts[0], *middle, parts[-1])
        groups[key].append(name)
    mapping: dict[str, str] = {}
    by_surname: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for key, names in groups.items():
        last = key[-1]
        head = max(names, key=lambda x: (people[x], len(x)))
        for name in names:
            if name != head:
                mapping[name] = head
        by_surname[last].append((sum(people[x] for x in names), head))
    for single in singles:
        options = by_surname.get(single)
        if options:
            total = sum(n for n, _ in options)
            n, head = max(options)
            if n >= share * total:
                mapping[single] = head
    kinds = dict(zip(best["actor"].astype(str), best["actor_type"].astype(str)))
    for name, head in _spelling_variants(kinds, totals).items():
        mapping.setdefault(name, head)
    # one step to the end: "TimeWarner" -> "Time Warner" -> ... never leaves a name half-way
    for name in list(mapping):
        seen = {name}
        while mapping[name] in mapping and mapping[name] not in seen:
            seen.add(mapping[name])
            mapping[name] = mapping[mapping[name]]
        if mapping[name] == name:
            del mapping[name]
    return dict(sorted(mapping.items()))


def _spelling_variants(kinds: dict[str, str], totals: pd.Series) -> dict[str, str]:
    """Names written with and without spaces, hyphens or dots ("TimeWarner", "Time Warner";
    "Al-Qaeda", "Al Qaeda") -> the most mentioned spelling, when they are of one type (or "other")."""
    spellings: dict[str, list[str]] = defaultdict(list)
    for name in kinds:
        key = _JOINERS.sub("", name)
        if len(key) > 2:
            spellings[key].append(name)
    mapping: dict[str, str] = {}
    for names in spellings.values():
        if len(names) < 2 or len({kinds[n] for n in names} - {"other"}) > 1:
            continue
        head = max(names, key=lambda x: (int(totals[x]), kinds[x] != "other", x))
        mapping.update({n: head for n in names if n != head})
    return mapping


_JOINERS = re.compile(r"[\s.\-‐‑–]+")


def merge_variants(mentions: pd.DataFrame, names: dict[str, str] | None = None) -> pd.DataFrame:
    """A copy whose ``actor`` names one actor per referent across the corpus (``variant_names``);
    ``surface`` keeps the words as written. Works on string and categorical columns alike.

    Example:
        >>> m = pd.DataFrame({"actor": ["George W. Bush", "Bush"], "actor_type": ["person", "person"]})
        >>> merge_variants(m)["actor"].tolist()
        ['George W. Bush', 'George W. Bush']
    """
    names = variant_names(mentions) if names is None else names
    out = mentions.copy()
    if not names or not len(out):
        return out
    column = out["actor"]
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = np.array([names.get(str(c), str(c)) for c in column.cat.categories], dtype=object)
        codes = column.cat.codes.to_numpy()
        values = np.where(codes >= 0, categories[np.maximum(codes, 0)] if len(categories) else None, None)
        out["actor"] = pd.Categorical(values)
    else:
        out["actor"] = column.map(lambda a: names.get(a, a) if isinstance(a, str) else a).astype(column.dtype)
    return out


_OTHER_WEIGHT = 0.25  # an untyped mention's weight against typed ones when an actor's one type is chosen


def consolidate_types(mentions: pd.DataFrame) -> pd.DataFrame:
    """A copy where each actor has one type: its most frequent, "other" counting a quarter.

    Discovery types a name from the cues around each mention, so the same unknown name can
    be a "location" in one article and "other" in the next; the tables count it once.

    Example:
        >>> m = pd.DataFrame({"actor": ["Kestrel"] * 3, "actor_type": ["other", "location", "location"]})
        >>> consolidate_types(m)["actor_type"].tolist()
        ['location', 'location', 'location']
    """
    if not len(mentions):
        return mentions.copy()
    counts = mentions.groupby(["actor", "actor_type"], observed=True).size().reset_index(name="n")
    counts["rank"] = (counts["actor_type"] == "other").astype(int)
    counts["n"] = counts["n"] * np.where(counts["rank"] == 1, _OTHER_WEIGHT, 1.0)
    best = counts.sort_values(["actor", "n", "rank"], ascending=[True, False, True]).drop_duplicates("actor")
    out = mentions.copy()
    out["actor_type"] = out["actor"].map(dict(zip(best["actor"], best["actor_type"]))).astype("string")
    return out


def _mean_ci(values: np.ndarray, rng, n_boot: int, ci: float) -> tuple[float, float, float]:
    """Mean and interval, rounded for the table; no interval from a single sentence."""
    mean = round(float(values.mean()), 4)
    if len(values) < 2 or n_boot < 1:
        return mean, np.nan, np.nan
    low, high = bootstrap_ci(values, rng=rng, n_boot=n_boot, ci=ci)
    return mean, round(low, 4), round(high, 4)


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    dtypes = {
        "actor": "string",
        "actor_type": "string",
        "actor_a": "string",
        "actor_b": "string",
        "name": "string",
        "mentions": "int64",
        "documents": "int64",
        "quotes": "int64",
        "sentences": "int64",
        "tone": "float64",
        "tone_ci_low": "float64",
        "tone_ci_high": "float64",
        "speaker": "string",
        "speaker_type": "string",
        "period": "datetime64[ns]",
    }
    return frame.astype({c: t for c, t in dtypes.items() if c in frame.columns})


_PAIR_SLICE_ROWS = 500_000  # mentions per slice of documents when pairing co-mentions


def comentions(mentions: pd.DataFrame, *, types: Sequence[str] = (), min_sentences: int = 1) -> pd.DataFrame:
    """Pairs of actors named in the same sentence: actor_a, actor_b, sentences, documents.

    Each pair appears once (actor_a < actor_b); an actor named twice in a sentence counts once.

    Example:
        >>> m = pd.DataFrame({"doc_id": ["a"] * 3, "sent_id": [0, 0, 1], "actor": ["UN", "Iran", "UN"], "actor_type": ["organization", "location", "organization"]})
        >>> comentions(m).values.tolist()
        [['Iran', 'UN', 1, 1]]
    """
    columns = ["actor_a", "actor_b", "sentences", "documents"]
    m, codes = _coded(mentions, types)
    m = m.drop_duplicates(["d", "sent_id", "a"])
    # pairs are counted for a slice of the documents at a time (sentence and document
    # counts add up over slices of whole documents): the pairs of a large corpus stay small
    slices = max(1, len(m) // _PAIR_SLICE_ROWS)
    counted = []
    for part in range(slices):
        chunk = m[m["d"].to_numpy() % slices == part] if slices > 1 else m
        pairs = chunk.merge(chunk, on=["d", "sent_id"], suffixes=("_a", "_b"))
        pairs = pairs[pairs["a_a"] < pairs["a_b"]]  # codes are in name order
        counted.append(
            pairs.groupby(["a_a", "a_b"], sort=False).agg(sentences=("sent_id", "size"), documents=("d", "nunique"))
        )
    table = pd.concat(counted).groupby(level=["a_a", "a_b"], sort=False).sum().reset_index()
    if not len(table):
        return _typed(pd.DataFrame(columns=columns))
    table = table[table["sentences"] >= min_sentences]
    names = codes.actors
    table = pd.DataFrame(
        {
            "actor_a": pd.array(names[table["a_a"].to_numpy()], dtype="string"),
            "actor_b": pd.array(names[table["a_b"].to_numpy()], dtype="string"),
            "sentences": table["sentences"].to_numpy(),
            "documents": table["documents"].to_numpy(),
        }
    )
    table = table.sort_values(["sentences", "documents", "actor_a", "actor_b"], ascending=[False, False, True, True])
    return _typed(table[columns].reset_index(drop=True))


def unmatched(mentions: pd.DataFrame, *, min_mentions: int = 1) -> pd.DataFrame:
    """Discovered names that are not in the dictionary, most mentioned first: name,
    actor_type, mentions, documents (candidates for extending the dictionary).

    Example:
        >>> m = pd.DataFrame({"doc_id": ["a", "b"], "actor": ["Ana Lopez"] * 2, "actor_type": ["person"] * 2, "source": ["discovered"] * 2})
        >>> unmatched(m).values.tolist()
        [['Ana Lopez', 'person', 2, 2]]
    """
    columns = ["name", "actor_type", "mentions", "documents"]
    m = consolidate_types(mentions[mentions["source"] == "discovered"])
    if not len(m):
        return _typed(pd.DataFrame(columns=columns))
    table = (
        m.astype({"actor": "string", "actor_type": "string"})
        .groupby(["actor", "actor_type"], observed=True)
        .agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
        .reset_index()
        .rename(columns={"actor": "name"})
    )
    table = table[table["mentions"] >= min_mentions]
    table = table.sort_values(["mentions", "documents", "name"], ascending=[False, False, True], kind="stable")
    return _typed(table[columns].reset_index(drop=True))


def quoted(quotes: pd.DataFrame, *, by: str = "speaker") -> pd.DataFrame:
    """Who is quoted: quotes and documents per speaker (``by="speaker"``) or per speaker_type.

    Example:
        >>> q = pd.DataFrame({"doc_id": ["a"], "speaker": ["UN"], "speaker_type": ["organization"]})
        >>> quoted(q).values.tolist()
        [['UN', 'organization', 1, 1]]
    """
    check_choice("by", by, ["speaker", "speaker_type"])
    keys = ["speaker", "speaker_type"] if by == "speaker" else ["speaker_type"]
    columns = [*keys, "quotes", "documents"]
    q = quotes[quotes["speaker"] != "unknown"] if by == "speaker" else quotes
    if not len(q):
        return _typed(pd.DataFrame(columns=columns))
    table = (
        q.astype({k: "string" for k in keys})
        .groupby(keys, observed=True)
        .agg(quotes=("doc_id", "size"), documents=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["quotes", *keys], ascending=[False, *[True] * len(keys)], kind="stable")
    )
    return _typed(table[columns].reset_index(drop=True))


def top_per_type(table: pd.DataFrame, *, n: int, by: str = "mentions") -> pd.DataFrame:
    """The first ``n`` actors of each type of an ``actor_table``, by ``mentions`` (the table's own
    order) or by ``documents`` (articles naming them): the rows of the report's top-actors charts.

    Example:
        >>> t = pd.DataFrame({"actor": ["A", "B", "C"], "actor_type": ["person"] * 3, "mentions": [9, 5, 4],
        ...                   "documents": [2, 5, 3]})
        >>> top_per_type(t, n=2)["actor"].tolist(), top_per_type(t, n=2, by="documents")["actor"].tolist()
        (['A', 'B'], ['B', 'C'])
    """
    check_choice("by", by, ["mentions", "documents"])
    ranked = table if by == "mentions" else table.sort_values(by, ascending=False)
    return ranked.groupby("actor_type", group_keys=False).head(n)


#: the article fields the actor report compares its top actors across (besides "none")
GROUP_BY = ("category", "source")


def actors_by_group(mentions: pd.DataFrame, articles: pd.DataFrame, *, by: str) -> pd.DataFrame:
    """Mentions per actor within each group of articles (``by``: a column of ``articles``, such as
    category or source), groups in sorted order, most mentioned actors first.

    Returns:
        Columns ``<by>, actor, mentions``; no rows when ``by`` is "none", not a column of
        ``articles``, or gives fewer than two groups (nothing to compare).

    Example:
        >>> m = pd.DataFrame({"doc_id": ["a", "a", "b"], "actor": ["UN", "EU", "UN"]})
        >>> arts = pd.DataFrame({"doc_id": ["a", "b"], "category": ["world", "politics"]})
        >>> actors_by_group(m, arts, by="category").values.tolist()
        [['politics', 'UN', 1], ['world', 'EU', 1], ['world', 'UN', 1]]
    """
    if by == "none" or by not in articles or articles[by].nunique() < 2:
        return pd.DataFrame({by: pd.Series(dtype="string"), "actor": pd.Series(dtype="string"), "mentions": 0})
    groups = articles[["doc_id", by]].astype("string").drop_duplicates("doc_id").set_index("doc_id")[by]
    grouped = mentions[["actor"]].assign(**{by: mentions["doc_id"].map(groups).astype("string")})
    return (
        grouped.groupby([by, "actor"])
        .size()
        .rename("mentions")
        .reset_index()
        .sort_values([by, "mentions"], ascending=[True, False])
    )


def toned_actors(table: pd.DataFrame, *, min_mentions: int = 3, top_n: int = 20) -> pd.DataFrame:
    """The first ``top_n`` rows of an ``actor_table`` named at least ``min_mentions`` times, and
    never fewer than 3: the tone of one or two sentences is no measure of how an actor is covered.

    Example:
        >>> t = pd.DataFrame({"actor": ["A", "B", "C"], "mentions": [9, 3, 2]})
        >>> toned_actors(t, min_mentions=1)["actor"].tolist(), toned_actors(t, min_mentions=5)["actor"].tolist()
        (['A', 'B'], ['A'])
    """
    return table[table["mentions"] >= max(min_mentions, 3)].head(top_n)


def actors_over_time(
    mentions: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    freq: str = "M",
    actors: Sequence[str] = (),
    top_n: int = 10,
) -> pd.DataFrame:
    """Mentions and documents per actor and period (by the articles' ``published`` date).

    Args:
        freq: "D", "W", "M", "Q" or "Y".
        actors: the actors to follow; default the ``top_n`` most mentioned with a date.

    Returns:
        period (the period's first day, a timestamp, as in the other reports' tables over time),
        actor, mentions, documents; empty when no article has a date.

    Example:
        >>> m = pd.DataFrame({"doc_id": ["a"], "actor": ["UN"]})
        >>> a = pd.DataFrame({"doc_id": ["a"], "published": pd.to_datetime(["2024-05-03"])})
        >>> actors_over_time(m, a).astype({"period": str}).values.tolist()
        [['2024-05-01', 'UN', 1, 1]]
    """
    check_period(freq)
    columns = ["period", "actor", "mentions", "documents"]
    dates = articles[["doc_id", "published"]].astype({"doc_id": "string"}).dropna(subset=["published"])
    m = mentions[["doc_id", "actor"]].astype({"doc_id": "string", "actor": "string"}).merge(dates, on="doc_id")
    if not len(m):
        return _typed(pd.DataFrame(columns=columns))
    chosen = list(actors) or m["actor"].value_counts().head(top_n).index.tolist()
    m = m[m["actor"].isin(chosen)].copy()
    m["period"] = period_starts(m["published"], freq)
    table = (
        m.groupby(["period", "actor"], observed=True)
        .agg(mentions=("doc_id", "size"), documents=("doc_id", "nunique"))
        .reset_index()
        .sort_values(["period", "mentions"], ascending=[True, False], kind="stable")
    )
    return _typed(table[columns].reset_index(drop=True))
