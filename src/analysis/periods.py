"""Periods of publication, the same in every report: one parameter (``period`` in the
notebooks, ``freq=`` in the functions), one set of choices, one way to cut dates.

A week starts on Monday and is named by that date; a month, quarter or year by its first day.

Example:
    >>> dates = pd.Series(pd.to_datetime(["2024-05-03", "2024-05-30", None]))
    >>> period_starts(dates, "M").dt.strftime("%Y-%m-%d").tolist()
    ['2024-05-01', '2024-05-01', nan]
    >>> PERIOD_NAMES["W"]
    'week'
"""

from __future__ import annotations

import pandas as pd

from .options import check_choice

#: the choices of every period parameter: day, week, month, quarter, year
PERIODS = ("D", "W", "M", "Q", "Y")
PERIOD_NAMES = {"D": "day", "W": "week", "M": "month", "Q": "quarter", "Y": "year"}
# pandas' names: "W" is already weeks ending Sunday (starting Monday), written out to say so
_PANDAS = {"D": "D", "W": "W-SUN", "M": "M", "Q": "Q", "Y": "Y"}


def check_period(value: str, name: str = "freq") -> str:
    """``value`` if it is one of ``PERIODS``, else an OptionError naming the closest."""
    check_choice(name, value, PERIODS)
    return value


def to_periods(published: pd.Series, freq: str) -> pd.Series:
    """The period (pandas Period) of each date; undated rows stay missing."""
    check_period(freq)
    return pd.to_datetime(published, errors="coerce").dt.to_period(_PANDAS[freq])


def period_range(first: pd.Period, last: pd.Period, freq: str) -> pd.PeriodIndex:
    """Every period from ``first`` to ``last``, so charts do not skip empty ones."""
    return pd.period_range(first, last, freq=_PANDAS[check_period(freq)])


def period_starts(published: pd.Series, freq: str) -> pd.Series:
    """The first day of each date's period (a timestamp); undated rows stay missing."""
    return to_periods(published, freq).dt.start_time
