"""Tables people read: how a report shows a DataFrame in its HTML page.

``styled(frame)`` gives the table without its index column, whole numbers with thousands
separators, fractions with three decimals, shares as percentages, text left-aligned and
wrapped (never cut mid-clause), every value HTML-escaped. ``use_in_notebook()`` makes it the
way every DataFrame a report notebook displays is drawn, so the notebooks keep calling
``display(frame)``. Tables longer than ``INTERACTIVE_ROWS`` are marked for the page's small
search-and-sort script (``templates/report/tables.js``); the page's Content-Security-Policy
lets that one script run, by its hash, and nothing else.

Example:
    >>> html = styled(pd.DataFrame({"term": ["tax"], "count": [12345], "share": [0.25]})).to_html()
    >>> "12,345" in html and "25.0%" in html
    True
"""

from __future__ import annotations

import base64
import hashlib
from functools import lru_cache
from pathlib import Path

import pandas as pd

#: a displayed table with more rows than this gets a search box and sortable columns
INTERACTIVE_ROWS = 10
SCRIPT_FILE = Path(__file__).resolve().parent / "templates" / "report" / "tables.js"

# columns whose values are fractions of one, shown as percentages
SHARE_WORDS = ("share", "percent", "positive articles", "negative articles")
# columns whose values are measured to more places than three decimals say anything about
PRECISE_WORDS = ("p_value",)


def _is_share(name: str) -> bool:
    return any(word in str(name).lower() for word in SHARE_WORDS)


def _number(value, pattern: str) -> str:
    if pd.isna(value):
        return ""
    return pattern.format(value)


def styled(frame: pd.DataFrame):
    """The frame as a pandas Styler: no index, numbers formatted, text escaped and wrapped.

    An index that means something (it has a name, like the periods of a pivot table, or holds
    labels rather than row numbers) is shown as the first column instead.

    Example:
        >>> "<b>" in styled(pd.DataFrame({"text": ["<b>bold</b>"]})).to_html()
        False
    """
    if any(name is not None for name in frame.index.names) or not pd.api.types.is_integer_dtype(frame.index.dtype):
        frame = frame.reset_index()  # a meaningful index (periods, labels) becomes a column; row numbers go
    if isinstance(frame.columns, pd.MultiIndex) or frame.columns.name is not None:
        frame = frame.copy()
        frame.columns = [" ".join(map(str, c)) if isinstance(c, tuple) else str(c) for c in frame.columns]
    formats = {}
    numeric, text = [], []
    for column in frame.columns:
        dtype = frame[column].dtype
        if pd.api.types.is_bool_dtype(dtype):
            text.append(column)
        elif pd.api.types.is_integer_dtype(dtype):
            formats[column] = lambda v: _number(v, "{:,}")
            numeric.append(column)
        elif pd.api.types.is_float_dtype(dtype):
            if _is_share(column):
                formats[column] = lambda v: _number(v, "{:.1%}")
            elif any(word in str(column).lower() for word in PRECISE_WORDS):
                formats[column] = lambda v: _number(v, "{:.2g}")
            else:
                formats[column] = lambda v: _number(v, "{:,.3f}")
            numeric.append(column)
        else:
            text.append(column)
    attributes = 'class="dataframe analysis-table"'
    if len(frame) > INTERACTIVE_ROWS:
        attributes += ' data-interactive="1"'
    style = frame.style.hide(axis="index").format(formats, escape="html", na_rep="")
    style = style.format(escape="html", na_rep="", subset=text) if text else style
    style = style.set_table_attributes(attributes)
    if numeric:
        style = style.set_properties(subset=numeric, **{"text-align": "right", "white-space": "nowrap"})
    if text:
        style = style.set_properties(subset=text, **{"text-align": "left", "white-space": "normal"})
    return style


def table_html(frame: pd.DataFrame) -> str:
    """``styled(frame)`` as an HTML fragment (what a notebook output holds)."""
    return styled(frame).to_html()


def use_in_notebook() -> None:
    """Draw every DataFrame displayed in this IPython kernel with ``styled`` (a no-op outside IPython)."""
    try:
        from IPython import get_ipython
    except ImportError:
        return
    shell = get_ipython()
    if shell is None:
        return
    shell.display_formatter.formatters["text/html"].for_type(pd.DataFrame, table_html)


@lru_cache(maxsize=1)
def table_script() -> str:
    """The page's table script (search and sort), exactly as the page embeds it."""
    return SCRIPT_FILE.read_text(encoding="utf-8")


def script_hash(script: str | None = None) -> str:
    """The Content-Security-Policy source that lets exactly this script run: ``'sha256-...'``."""
    digest = hashlib.sha256((table_script() if script is None else script).encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
