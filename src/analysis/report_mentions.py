"""The mentions an actor report reads and counts: compact parts, the corpus's own outlet, the rows counted.

``compact_parts`` holds large corpora's mentions (or sentences) as categoricals; ``self_outlets``
detects the publisher from how it names itself; ``counted_mentions`` leaves out what the tables
do not count (demonyms, the outlet). The tables themselves are in ``actor_tables``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import numpy as np
import pandas as pd

from . import schemas
from .options import check_choice


def compact_parts(parts: pd.DataFrame | Iterable[pd.DataFrame], *, empty: str = "mentions") -> pd.DataFrame:
    """A table (a frame or its parts) with the repeated text columns as categoricals.

    The names, types and document ids of mentions (or sentences) repeat across millions of
    rows; as categoricals (categories in sort order, so grouping orders are unchanged) those
    of 100,000 articles take a fraction of the memory. Read only the columns you need, e.g.
    ``corpus.iter_parts("mentions", columns=["doc_id", "sent_id", "actor", "actor_type", "source"])``.

    Example:
        >>> compact_parts(pd.DataFrame({"actor": ["UN", "EU", "UN"]}))["actor"].cat.categories.tolist()
        ['EU', 'UN']
    """
    from pandas.api.types import union_categoricals

    frames = [parts] if isinstance(parts, pd.DataFrame) else list(_compact_parts(parts))
    if not frames:
        return _compact(schemas.empty(empty))  # no parts: the table's columns, no rows
    if len(frames) == 1:
        return _compact(frames[0], sort=True)
    columns = {}
    for col in frames[0].columns:
        values = [f[col] for f in frames]
        if isinstance(values[0].dtype, pd.CategoricalDtype):
            columns[col] = pd.Series(union_categoricals(values, sort_categories=True))
        else:
            columns[col] = pd.concat(values, ignore_index=True)
    return pd.DataFrame(columns)


def _compact(frame: pd.DataFrame, *, sort: bool = False) -> pd.DataFrame:
    out = frame.reset_index(drop=True).copy()
    for col in out.columns:
        if pd.api.types.is_string_dtype(out[col].dtype) and not isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = pd.Categorical(out[col])
        elif sort and isinstance(out[col].dtype, pd.CategoricalDtype):
            out[col] = out[col].cat.reorder_categories(sorted(out[col].cat.categories))
    return out


def _compact_parts(parts: Iterable[pd.DataFrame]) -> Iterable[pd.DataFrame]:
    for part in parts:
        yield _compact(part)


#: the mentions columns the actor report's tables read (``compact_parts`` of these stays small)
MENTION_COLUMNS = ["doc_id", "sent_id", "actor", "actor_type", "source", "subtype", "self_reference"]


def chosen_outlets(mentions: pd.DataFrame, setting: Sequence[str]) -> list[str]:
    """The outlets a report leaves out, from its ``self_outlets`` parameter: ``["auto"]`` detects
    the publisher (``self_outlets``), any other list is taken as given ([] leaves out none).

    Example:
        >>> m = pd.DataFrame({"doc_id": list("abcd"), "actor": ["BBC"] * 3 + ["Reuters"], "self_reference": [True] * 4})
        >>> chosen_outlets(m, ["auto"]), chosen_outlets(m, ["Reuters"]), chosen_outlets(m, [])
        (['BBC'], ['Reuters'], [])
    """
    return self_outlets(mentions) if list(setting) == ["auto"] else list(setting)


def with_outlet_flags(parts: Iterable[pd.DataFrame], outlets: Sequence[str]) -> Iterator[pd.DataFrame]:
    """Each mentions part with ``self_outlet``: whether its actor is one of the corpus's own
    ``outlets`` (shape "mentions_table", the report's mentions.csv). Part by part, so a large
    corpus's mentions are never held at once.

    Example:
        >>> part = pd.DataFrame({"actor": ["BBC", "UN"]})
        >>> next(with_outlet_flags([part], ["BBC"]))["self_outlet"].tolist()
        [True, False]
    """
    for part in parts:
        yield part.assign(self_outlet=part["actor"].isin(list(outlets)))


def self_outlets(mentions: pd.DataFrame, *, min_share: float = 0.05, dominance: float = 3.0) -> list[str]:
    """The outlet that publishes the corpus, detected from how it names itself; [] when none stands out.

    Outlets named as a publisher names itself ("told BBC News", "BBC Sport", a byline) are
    flagged ``self_reference`` in mentions. An outlet is the corpus's own when it is named so
    in at least ``min_share`` of the documents and in ``dominance`` times as many documents as
    any other outlet (a BBC corpus also has "told Reuters", but in far fewer stories).

    Example:
        >>> m = pd.DataFrame({"doc_id": list("abcd"), "actor": ["BBC"] * 3 + ["Reuters"], "self_reference": [True] * 4})
        >>> self_outlets(m)
        ['BBC']
    """
    if not len(mentions) or "self_reference" not in mentions.columns:
        return []
    documents = mentions["doc_id"].nunique()
    flagged = mentions.loc[mentions["self_reference"].astype(bool).to_numpy(), ["doc_id", "actor"]]
    per_outlet = flagged.groupby("actor", observed=True)["doc_id"].nunique().sort_values(ascending=False)
    if not len(per_outlet):
        return []
    top = per_outlet.iloc[0]
    runner_up = per_outlet.iloc[1] if len(per_outlet) > 1 else 0
    if top >= min_share * documents and top >= dominance * runner_up:
        return [str(per_outlet.index[0])]
    return []


def counted_mentions(
    mentions: pd.DataFrame,
    *,
    self_outlets: Sequence[str] = (),
    self_outlet_rows: str = "all",
    demonyms: bool = False,
) -> pd.DataFrame:
    """The mentions the report tables count (a new frame; ``mentions`` keeps every row).

    Demonyms (subtype "nationality": "British", "Afghan") are mentions of a people, not of the
    country they link to: left out unless ``demonyms=True``, which counts them as the country.
    The corpus's own outlets (``self_outlets``) are left out everywhere (``self_outlet_rows="all"``,
    the default: in a BBC corpus "the BBC" is the publisher, not a subject, almost every time) or
    only where they name themselves ("self-references": "told BBC News", "BBC Sport").

    Example:
        >>> m = pd.DataFrame({"actor": ["France", "France", "BBC"], "actor_type": ["location", "other", "organization"],
        ...                   "subtype": ["country", "nationality", "media outlet"], "self_reference": [False, False, True]})
        >>> counted_mentions(m, self_outlets=["BBC"])["actor"].tolist()
        ['France']
    """
    check_choice("self_outlet_rows", self_outlet_rows, ["self-references", "all"])
    keep = np.ones(len(mentions), dtype=bool)
    out_types = None
    if "subtype" in mentions.columns:
        nationality = (mentions["subtype"].astype("string") == "nationality").fillna(False).to_numpy(dtype=bool)
        if demonyms:
            out_types = nationality  # counted as the country they link to
        else:
            keep &= ~nationality
    if self_outlets:
        own = mentions["actor"].astype("string").isin(list(self_outlets)).fillna(False).to_numpy(dtype=bool)
        if self_outlet_rows == "self-references" and "self_reference" in mentions.columns:
            own = own & mentions["self_reference"].astype(bool).to_numpy()
        keep &= ~own
    out = mentions.copy()
    if out_types is not None and out_types.any():
        out["actor_type"] = out["actor_type"].astype("string").where(~out_types, "location")
    return out[keep].reset_index(drop=True)
