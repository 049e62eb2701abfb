"""Share of voice: who is quoted, how much, next to how often they are talked about.

Tables from the quotes frame (``analysis.quotes.find_quotes``), the actor mentions and the
articles. "unknown" speakers are counted in the shares (a quotation nobody is named for is
still a voice in the coverage) but never listed as a speaker.

Example:
    >>> q = pd.DataFrame({"doc_id": ["a", "a"], "speaker": ["UN", "UN"], "speaker_type": ["organization"] * 2,
    ...                   "quote": ["We act.", "Now."]})
    >>> m = pd.DataFrame({"doc_id": ["a", "b"], "actor": ["UN", "UN"], "actor_type": ["organization"] * 2})
    >>> voices(q, m).values.tolist()
    [['UN', 'organization', 2, 3, 2, 1]]
"""

from __future__ import annotations

from typing import Literal

import pandas as pd

from . import schemas
from .options import check_choice
from .periods import check_period, period_starts
from .schemas import MISSING_GROUP as _NO_GROUP

VOICE_COLUMNS = list(schemas.RESULTS["voices"])  # its contract, written once


def voices(quotes: pd.DataFrame, mentions: pd.DataFrame, *, min_quotes: int = 1) -> pd.DataFrame:
    """One row per speaker: quotations, words quoted, mentions of the speaker as an actor,
    and articles quoting them; most quoted first.

    Example:
        >>> q = pd.DataFrame({"doc_id": ["a"], "speaker": ["unknown"], "speaker_type": ["other"], "quote": ["Hi."]})
        >>> len(voices(q, q.assign(actor="x", actor_type="other")))
        0
    """
    q = _named(quotes)
    if not len(q):
        return _typed(pd.DataFrame(columns=VOICE_COLUMNS))
    q = q.assign(words=q["quote"].astype("string").str.split().str.len().fillna(0).astype("int64"))
    table = (
        q.groupby(["speaker", "speaker_type"], observed=True)
        .agg(quotes=("doc_id", "size"), words_quoted=("words", "sum"), documents=("doc_id", "nunique"))
        .reset_index()
    )
    counts = mentions["actor"].value_counts()  # categorical or string: no copy of a large table
    counts.index = counts.index.astype(str)
    table["mentions"] = table["speaker"].astype(str).map(counts).fillna(0).astype("int64")
    table = table[table["quotes"] >= min_quotes]
    table = table.sort_values(["quotes", "words_quoted", "speaker"], ascending=[False, False, True], kind="stable")
    return _typed(table[VOICE_COLUMNS].reset_index(drop=True))


def share_of_voice(
    quotes: pd.DataFrame,
    mentions: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    group_by: Literal["none", "category", "source", "month"] = "none",
) -> pd.DataFrame:
    """Quotations and mentions per actor type (and subtype when the mentions have one),
    with each type's share of all quotations and of all mentions in its group.

    Quoted types whose share of quotes is far above their share of mentions are the ones
    given a voice; the reverse are talked about rather than heard.

    Returns:
        group, speaker_type, [subtype], quotes, quote_share, mentions, mention_share.

    Example:
        >>> q = pd.DataFrame({"doc_id": ["a", "a"], "speaker": ["Ana", "UN"],
        ...                   "speaker_type": ["person", "organization"], "quote": ["x", "y"]})
        >>> m = pd.DataFrame({"doc_id": ["a"] * 4, "actor": ["Ana", "UN", "UN", "UN"],
        ...                   "actor_type": ["person"] + ["organization"] * 3})
        >>> share_of_voice(q, m)[["speaker_type", "quote_share", "mention_share"]].values.tolist()
        [['organization', 0.5, 0.75], ['person', 0.5, 0.25]]
    """
    check_choice("group_by", group_by, ["none", "category", "source", "month"])
    subtype = "subtype" in mentions.columns
    keys = ["speaker_type", "subtype"] if subtype else ["speaker_type"]
    q = quotes[["doc_id", "speaker", "speaker_type"]].astype("string")
    if subtype:  # a quotation carries the subtype of its speaker as an actor
        kinds = mentions[["actor", "subtype"]].drop_duplicates("actor")
        kinds = pd.Series(kinds["subtype"].astype("string").values, index=kinds["actor"].astype(str))
        q = q.assign(subtype=q["speaker"].astype(str).map(kinds).astype("string"))
    # mentions per article and type first: a large mentions table is never copied as strings
    per_doc = (
        mentions.groupby(["doc_id", "actor_type", *(["subtype"] if subtype else [])], observed=True)
        .size()
        .rename("n")
        .reset_index()
        .rename(columns={"actor_type": "speaker_type"})
    )
    per_doc = per_doc[per_doc["n"] > 0].astype(
        {"doc_id": "string", "speaker_type": "string", **({"subtype": "string"} if subtype else {})}
    )
    q = q.assign(group=_groups(q["doc_id"], articles, group_by))
    per_doc = per_doc.assign(group=_groups(per_doc["doc_id"], articles, group_by))
    quoted = q.groupby(["group", *keys], dropna=False).size().rename("quotes")
    named = per_doc.groupby(["group", *keys], dropna=False)["n"].sum().rename("mentions")
    table = pd.concat([quoted, named], axis=1).fillna(0).astype("int64").reset_index()
    totals = table.groupby("group")[["quotes", "mentions"]].transform("sum")
    table["quote_share"] = (table["quotes"] / totals["quotes"].where(totals["quotes"] > 0)).fillna(0.0)
    table["mention_share"] = (table["mentions"] / totals["mentions"].where(totals["mentions"] > 0)).fillna(0.0)
    columns = ["group", *keys, "quotes", "quote_share", "mentions", "mention_share"]
    table = table.sort_values(["group", "quotes", "mentions"], ascending=[True, False, False], kind="stable")
    return table[columns].reset_index(drop=True)


def top_quotes(
    quotes: pd.DataFrame,
    articles: pd.DataFrame | None = None,
    *,
    speakers: list[str] | None = None,
    top_n: int = 5,
    per_speaker: int = 2,
    order: Literal["longest", "recent"] = "longest",
) -> pd.DataFrame:
    """The longest (or most recent, by the article's date) quotations of the most quoted speakers.

    Example:
        >>> q = pd.DataFrame({"doc_id": ["a", "a"], "speaker": ["UN", "UN"], "speaker_type": ["organization"] * 2,
        ...                   "quote": ["We act now.", "No."]})
        >>> top_quotes(q, per_speaker=1)["quote"].tolist()
        ['We act now.']
    """
    check_choice("order", order, ["longest", "recent"])
    q = _named(quotes)
    chosen = speakers if speakers is not None else q["speaker"].value_counts().head(top_n).index.tolist()
    q = q[q["speaker"].isin(chosen)].copy()
    q["words"] = q["quote"].astype("string").str.split().str.len().fillna(0).astype("int64")
    if articles is not None and "published" in articles:
        q = q.merge(articles[["doc_id", "published"]].astype({"doc_id": "string"}), how="left", on="doc_id")
    else:
        q["published"] = pd.NaT
    key = ["words"] if order == "longest" else ["published", "words"]
    if order == "recent" and q["published"].isna().all():
        return q.iloc[0:0][["speaker", "doc_id", "published", "words", "quote"]].reset_index(drop=True)
    q = q.sort_values(key, ascending=False, na_position="last", kind="stable")
    q = q.groupby("speaker", sort=False).head(per_speaker)
    q["rank"] = q["speaker"].map({s: k for k, s in enumerate(chosen)})
    q = q.sort_values(["rank", *key], ascending=[True, *[False] * len(key)], kind="stable")
    return q[["speaker", "doc_id", "published", "words", "quote"]].reset_index(drop=True)


def quotes_over_time(
    quotes: pd.DataFrame,
    articles: pd.DataFrame,
    *,
    freq: str = "M",
    top_n: int = 8,
) -> pd.DataFrame:
    """Quotations per period of the ``top_n`` most quoted speakers; empty without dates.

    Example:
        >>> q = pd.DataFrame({"doc_id": ["a"], "speaker": ["UN"], "speaker_type": ["organization"], "quote": ["x"]})
        >>> a = pd.DataFrame({"doc_id": ["a"], "published": pd.to_datetime(["2024-05-03"])})
        >>> quotes_over_time(q, a).astype({"period": str}).values.tolist()
        [['2024-05-01', 'UN', 1]]
    """
    check_period(freq)
    columns = ["period", "speaker", "quotes"]
    dates = articles[["doc_id", "published"]].astype({"doc_id": "string"}).dropna(subset=["published"])
    q = _named(quotes)[["doc_id", "speaker"]].merge(dates, on="doc_id")
    if not len(q):
        return pd.DataFrame(
            {
                "period": pd.Series(dtype="datetime64[ns]"),
                "speaker": pd.Series(dtype="string"),
                "quotes": pd.Series(dtype="int64"),
            }
        )
    chosen = q["speaker"].value_counts().head(top_n).index
    q = q[q["speaker"].isin(chosen)].copy()
    q["period"] = period_starts(q["published"], freq)
    table = q.groupby(["period", "speaker"]).size().rename("quotes").reset_index()
    table = table.sort_values(["period", "quotes"], ascending=[True, False], kind="stable")
    return table[columns].astype({"speaker": "string"}).reset_index(drop=True)


def _named(quotes: pd.DataFrame) -> pd.DataFrame:
    q = quotes.astype({"doc_id": "string", "speaker": "string", "speaker_type": "string"})
    return q[q["speaker"] != "unknown"]


def _groups(doc_ids: pd.Series, articles: pd.DataFrame | None, group_by: str) -> pd.Series:
    if group_by == "none" or articles is None:
        return pd.Series("all", index=doc_ids.index, dtype="string")
    a = articles.astype({"doc_id": "string"}).drop_duplicates("doc_id").set_index("doc_id")
    if group_by == "month":
        if "published" not in a:
            return pd.Series(_NO_GROUP, index=doc_ids.index, dtype="string")
        values = pd.to_datetime(a["published"]).dt.strftime("%Y-%m").astype("string").fillna(_NO_GROUP)
    else:
        values = a[group_by].astype("string").fillna(_NO_GROUP) if group_by in a else None
        if values is None:
            return pd.Series(_NO_GROUP, index=doc_ids.index, dtype="string")
    return doc_ids.map(values).fillna(_NO_GROUP).astype("string")


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in ("speaker", "speaker_type"):
        out[column] = out[column].astype("string")
    for column in ("quotes", "words_quoted", "mentions", "documents"):
        out[column] = out[column].astype("int64")
    return out
