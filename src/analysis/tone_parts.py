"""What the tone tables share: the score and group choices, and how they read scored sentences.

The aggregates (``tone_tables``) and the sentence listings and word drivers (``tone_sentences``)
both read a frame of scored sentences or its parts, by the score chosen (``"tone"`` or
``"compound"``), and both group articles by a column or a period of publication.

Example:
    >>> import pandas as pd
    >>> part = pd.DataFrame({"doc_id": ["a"], "compound": [0.1], "tone": [0.3]})
    >>> next(iter(score_parts(part, "tone")))["score"].tolist()
    [0.3]
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

import pandas as pd

from . import periods, schemas
from .options import check_choice

# the sentence score the aggregates read: the news tone (analysis.tone) or stock VADER's compound
Score = Literal["tone", "compound"]
SCORES = ("tone", "compound")
#: each score as tables and chart subtitles name it
SCORE_NAMES = {"tone": "news tone", "compound": "stock VADER compound"}
GroupBy = Literal["source", "category", "month", "week", "day"]
GROUP_BY = ("source", "category", "month", "week", "day")
TIME_GROUPS = {"month": "M", "week": "W", "day": "D"}
Freq = Literal["D", "W", "M", "Q", "Y"]
FREQS = periods.PERIODS  # the old name of the choices


def check_thresholds(pos_threshold: float, neg_threshold: float) -> None:
    """A ValueError in one line when the negative threshold is above the positive one."""
    if not neg_threshold <= pos_threshold:
        raise ValueError(
            f"neg_threshold={neg_threshold} is above pos_threshold={pos_threshold}; "
            "choose neg_threshold <= pos_threshold (VADER's usual pair is -0.05 and 0.05)."
        )


def typed(frame: pd.DataFrame, columns: dict[str, str]) -> pd.DataFrame:
    """``frame`` with exactly ``columns`` (name -> dtype), a missing column all missing values."""
    out = {}
    for col, dtype in columns.items():
        series = frame[col] if col in frame else pd.Series([pd.NA] * len(frame), dtype="object")
        if dtype.startswith("datetime"):
            series = pd.to_datetime(series, errors="coerce")
        out[col] = series.astype(dtype).reset_index(drop=True)
    return pd.DataFrame(out, columns=list(columns))


def as_parts(frames: pd.DataFrame | Iterable[pd.DataFrame]) -> Iterable[pd.DataFrame]:
    """A frame is one part; anything else is an iterable of parts (e.g. ``corpus.iter_parts``)."""
    return [frames] if isinstance(frames, pd.DataFrame) else frames


def score_parts(frames: pd.DataFrame | Iterable[pd.DataFrame], score: str = "compound") -> Iterable[pd.DataFrame]:
    """The parts (``as_parts``) with the chosen sentence score in a column ``score``: the
    aggregates and listings work on that one column, whichever score it is, and their tables
    call it ``score`` too.
    """
    check_choice("score", score, SCORES)
    return (_scored_by(part, score) for part in as_parts(frames))


def _scored_by(part: pd.DataFrame, score: str) -> pd.DataFrame:
    if score != "compound" and score not in part:
        raise ValueError(f'the sentences have no {score!r} column; prepare the corpus again, or use score="compound"')
    return part.rename(columns={score: "score"})


def group_keys(documents: pd.DataFrame, by: str) -> pd.Series:
    """Each document's group: a column's value or its period of publication, as a string."""
    if by in TIME_GROUPS:
        published = pd.to_datetime(documents["published"], errors="coerce")
        if by == "week":  # weeks start on Monday, named by that date
            start = published.dt.to_period("W-SUN").dt.start_time
            return start.dt.strftime("%Y-%m-%d").astype("string")
        fmt = {"month": "%Y-%m", "day": "%Y-%m-%d"}[by]
        return published.dt.strftime(fmt).astype("string")
    return documents[by].astype("string").fillna(schemas.MISSING_GROUP)
