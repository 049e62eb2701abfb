"""Extra article columns (whatever the input files carried) made safe for one Parquet schema.

Input files bring columns of any shape: a list in one JSON file, text in a CSV beside it, a
dict from a NewsAPI ``source``, ints with gaps. Parquet needs one type per column, so before
the articles table is written each extra column becomes:

- the values' own type when every non-missing value has it: bool -> ``boolean``, int ->
  ``Int64``, int and float -> ``Float64``, text -> ``string``, dates -> naive UTC datetime;
- otherwise text: strings as they are, every other value as JSON (``["a", "b"]``,
  ``{"name": "BBC"}``), so nothing is lost and every row still reads back.

Schema columns are left alone (``schemas.conform`` already fixed their dtypes).

Example:
    >>> import pandas as pd
    >>> frame = pd.DataFrame({"tags": [["a", "b"], "c"]})
    >>> normalise_extra_columns(frame, keep=()).tags.tolist()
    ['["a", "b"]', 'c']
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Iterable
from datetime import date, datetime

import pandas as pd

from . import schemas

_SURROGATE = re.compile(r"[\ud800-\udfff]")
_INT64 = (-(2**63), 2**63 - 1)


def normalise_extra_columns(frame: pd.DataFrame, *, keep: Iterable[str] | None = None) -> pd.DataFrame:
    """A copy of ``frame`` whose columns other than ``keep`` (default: the articles schema) each have one type.

    Example:
        >>> import pandas as pd
        >>> normalise_extra_columns(pd.DataFrame({"n": [1, None]}, dtype=object), keep=()).n.dtype
        Int64Dtype()
    """
    keep = set(schemas.columns("articles") if keep is None else keep)
    out = frame.copy()
    out.columns = _unique([_name(column) for column in frame.columns])
    for name in out.columns:
        if name not in keep:
            out[name] = _one_type(out[name])
    return out


def _name(column) -> str:
    return _SURROGATE.sub("\ufffd", str(column)) or "column"


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    result = []
    for name in names:
        count = seen.get(name, 0)
        seen[name] = count + 1
        result.append(name if count == 0 else f"{name}_{count + 1}")
    return result


def _missing(value) -> bool:
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, float) and math.isnan(value)


def _one_type(series: pd.Series) -> pd.Series:
    values = list(series)
    present = [v for v in values if not _missing(v)]
    kinds = {_kind(v) for v in present}
    index = series.index
    if not present or kinds == {"str"}:
        return pd.Series([None if _missing(v) else _text(v) for v in values], index=index, dtype="string")
    if kinds == {"bool"}:
        return pd.Series([None if _missing(v) else bool(v) for v in values], index=index, dtype="boolean")
    if kinds == {"int"} and all(_INT64[0] <= int(v) <= _INT64[1] for v in present):
        return pd.Series([None if _missing(v) else int(v) for v in values], index=index, dtype="Int64")
    if kinds <= {"int", "float"} and all(abs(float(v)) < 1e308 for v in present):
        return pd.Series([None if _missing(v) else float(v) for v in values], index=index, dtype="Float64")
    if kinds == {"datetime"}:
        try:
            stamps = pd.to_datetime(pd.Series(values, index=index, dtype=object), utc=True, errors="raise")
            return stamps.dt.tz_localize(None).astype(schemas.DATETIME)
        except (ValueError, TypeError, OverflowError, pd.errors.OutOfBoundsDatetime):
            pass
    return pd.Series([None if _missing(v) else _text(v) for v in values], index=index, dtype="string")


def _kind(value) -> str:
    if isinstance(value, bool) or type(value).__name__ == "bool_":
        return "bool"
    if isinstance(value, int) or (
        hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iu" and getattr(value, "ndim", 1) == 0
    ):
        return "int"
    if isinstance(value, float) or (
        hasattr(value, "dtype") and getattr(value.dtype, "kind", "") == "f" and getattr(value, "ndim", 1) == 0
    ):
        return "float"
    if isinstance(value, str):
        return "str"
    if isinstance(value, (datetime, date, pd.Timestamp)):
        return "datetime"
    return "other"


def _text(value) -> str:
    """Strings as they are; anything else as JSON text (lists, dicts, numbers in a mixed column)."""
    if isinstance(value, str):
        return _SURROGATE.sub("\ufffd", value)
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        value = value.tolist()
    try:
        text = json.dumps(value, ensure_ascii=False, default=str, allow_nan=True)
    except (TypeError, ValueError, RecursionError):
        text = repr(value)
    return _SURROGATE.sub("\ufffd", text)
