"""Published dates read leniently (ISO 8601, prose, RFC 2822, numbers by shape) as naive UTC timestamps."""

from __future__ import annotations

import math
import re
import warnings
from datetime import datetime, timezone

import pandas as pd

from .cleanup import blank, one_line

_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_DIGITS = re.compile(r"\d{5,}(?:\.\d+)?")
DATE_RANGE = (pd.Timestamp("1800-01-01"), pd.Timestamp("2101-01-01"))  # [start, end)


def parse_date(value, cache: dict, dayfirst: bool = False) -> tuple[pd.Timestamp, str | None]:
    """Naive UTC timestamp (NaT when missing or unusable) and a warning reason when unusable."""
    if blank(value):
        return pd.NaT, None
    try:
        key = value if isinstance(value, (str, int, float)) else repr(value)
        if key in cache:
            return cache[key]
    except TypeError:
        key = None
    stamp = _to_timestamp(value, dayfirst)
    shown = raw_date(value)[:60]
    result: tuple[pd.Timestamp, str | None]
    if stamp is None:
        result = pd.NaT, f"published value {shown!r} is not a date; left empty (use e.g. 2026-03-04)"
    elif not DATE_RANGE[0] <= stamp < DATE_RANGE[1]:
        result = pd.NaT, f"published value {shown!r} is outside 1800-2100 (year {stamp.year}); left empty"
    else:
        result = stamp, None
    if key is not None:
        cache[key] = result
    return result


def raw_date(value) -> str:
    """The published value as the input gave it, as text (kept in ``published_raw``)."""
    if blank(value):
        return ""
    if isinstance(value, (datetime, pd.Timestamp)):
        return value.isoformat()
    return one_line(value)


def _to_timestamp(value, dayfirst: bool = False) -> pd.Timestamp | None:
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iuf"):
            return _numeric_date(value)
        if isinstance(value, (datetime, pd.Timestamp)) or hasattr(value, "dtype"):
            stamp = pd.Timestamp(value)
        else:
            text = one_line(value)
            if _DIGITS.fullmatch(text):
                return _numeric_date(float(text) if "." in text else int(text))
            stamp = _parse_date_text(text, dayfirst)
            if stamp is None:
                return None
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert(timezone.utc).tz_localize(None)
        return stamp.as_unit("ns")
    except (ValueError, OverflowError, TypeError, pd.errors.OutOfBoundsDatetime):
        return None


def _numeric_date(number) -> pd.Timestamp | None:
    """A number read by its shape: a year, yyyymmdd, yyyymmddHHMM(SS), else Unix time by magnitude.

    yyyymmdd comes before Unix seconds: 20190201 as seconds would be 1970-08-22, a date no
    news export means; seconds, milliseconds, microseconds and nanoseconds since 1970 are
    told apart by size (1e11 seconds is beyond the year 5000).
    """
    number = float(number) if not isinstance(number, int) else number
    if isinstance(number, float):
        if not math.isfinite(number):
            return None
        if number.is_integer():
            number = int(number)
    if isinstance(number, int) and number >= 0:
        digits = str(number)
        if 1800 <= number <= 2100:
            return pd.Timestamp(year=number, month=1, day=1)
        layout = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}.get(len(digits))
        if layout:
            try:
                # a valid yyyymmdd is read as one even out of range (then reported), never as seconds
                return pd.Timestamp(datetime.strptime(digits, layout))
            except ValueError:
                pass
    size = abs(number)
    unit = "s" if size < 1e11 else "ms" if size < 1e14 else "us" if size < 1e17 else "ns"
    return pd.Timestamp(number, unit=unit)


def _parse_date_text(text: str, dayfirst: bool = False) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(datetime.fromisoformat(text))
    except ValueError:
        pass
    if not _YEAR.search(text):
        return None
    from dateutil import parser

    with warnings.catch_warnings():
        # a trailing zone name dateutil does not know ("... 15:01:01.79 RM") leaves the time naive: fine
        warnings.simplefilter("ignore", parser.UnknownTimezoneWarning)
        try:
            parsed = parser.parse(text, default=datetime(2000, 1, 1), dayfirst=dayfirst)
        except (ValueError, OverflowError, parser.ParserError):
            return None
    return pd.Timestamp(parsed)
