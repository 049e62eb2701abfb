"""What a report notebook uses to write its tables and charts.

Example:
    >>> r = Report("", "word_frequency")        # no out dir: nothing written
    >>> r.table(pd.DataFrame({"term": ["a"]}), "terms").shape
    (1, 1)
"""

from __future__ import annotations

import html
import os
import re
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def atomic_write(path: str | Path, write: Callable[[Path], object]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place (what
    ``write`` returns, e.g. the characters written, is ignored).

    An interrupted run therefore never leaves a half-written file under the final name.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    os.close(fd)
    try:
        write(Path(tmp))
        os.chmod(tmp, 0o666 & ~_UMASK)  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return path


def write_text(path: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``path`` atomically, with the usual file mode.

    Example:
        >>> import tempfile
        >>> write_text(Path(tempfile.mkdtemp()) / "page.html", "<p>hello</p>").read_text()
        '<p>hello</p>'
    """
    return atomic_write(path, lambda tmp: tmp.write_text(text, encoding="utf-8"))


# A spreadsheet reads a cell starting with one of these as a formula (OWASP, "CSV Injection")
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?")


def spreadsheet_safe(value: object) -> object:
    r"""A text cell that a spreadsheet would run as a formula, with a ``'`` in front; anything
    else (numbers, also negative ones, and text that is just a number such as "-3") unchanged.

    Example:
        >>> spreadsheet_safe("=HYPERLINK(\"http://x\")"), spreadsheet_safe("-3.5"), spreadsheet_safe(-2)
        ('\'=HYPERLINK("http://x")', '-3.5', -2)
    """
    if isinstance(value, str) and value.startswith(FORMULA_STARTS) and not _NUMBER.fullmatch(value):
        return "'" + value
    return value


def spreadsheet_safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every text cell (and column name) passed through ``spreadsheet_safe``.

    Numeric columns are left as they are; the input is not modified. Every CSV a report
    writes goes through this (``Report.table``, ``Report.table_parts``, ``write_csv``).

    Example:
        >>> spreadsheet_safe_frame(pd.DataFrame({"title": ["=1+2", "ok"], "n": [-1, 2]})).to_dict("list")
        {'title': ["'=1+2", 'ok'], 'n': [-1, 2]}
    """
    columns = {}
    for position in range(frame.shape[1]):
        safe = _safe_column(frame.iloc[:, position])
        if safe is not None:
            columns[position] = safe
    names = [spreadsheet_safe(name) for name in frame.columns]
    if not columns and names == list(frame.columns) and not _index_needs_it(frame.index):
        return frame
    out = frame.copy()
    for position, column in columns.items():
        out.isetitem(position, column)
    out.columns = names
    if _index_needs_it(frame.index):
        out.index = frame.index.map(spreadsheet_safe)
    return out


def _safe_column(column: pd.Series) -> pd.Series | None:
    """The column with formula-like text neutralised, or None when nothing needs it."""
    if isinstance(column.dtype, pd.CategoricalDtype):
        categories = column.cat.categories
        if pd.api.types.is_numeric_dtype(categories.dtype) or pd.api.types.is_datetime64_any_dtype(categories.dtype):
            return None
        renamed = categories.map(spreadsheet_safe)
        if renamed.equals(categories):
            return None
        if renamed.is_unique:
            return column.cat.rename_categories(renamed)
        return column.astype(object).map(spreadsheet_safe)
    if not (pd.api.types.is_object_dtype(column.dtype) or pd.api.types.is_string_dtype(column.dtype)):
        return None  # numbers, booleans and dates are never formulas
    try:
        first = column.str.slice(0, 1)
    except AttributeError:  # objects that are not text (lists, mappings)
        first = column.map(lambda v: v[:1] if isinstance(v, str) else None)
    risky = first.isin(FORMULA_STARTS).fillna(False).to_numpy(bool)
    if not risky.any():
        return None
    column = column.copy()
    column.iloc[risky.nonzero()[0]] = column.iloc[risky.nonzero()[0]].map(spreadsheet_safe)
    return column


def _index_needs_it(index: pd.Index) -> bool:
    return (pd.api.types.is_object_dtype(index.dtype) or pd.api.types.is_string_dtype(index.dtype)) and any(
        spreadsheet_safe(v) is not v for v in index
    )


def write_csv(frame: pd.DataFrame, path: str | Path, *, index: bool = False) -> Path:
    """Write a table a person may open in a spreadsheet: formula-like text neutralised, atomically.

    Example:
        >>> write_csv(pd.DataFrame({"a": ["=1"]}), "/tmp/x.csv")   # doctest: +SKIP
    """
    return atomic_write(path, lambda tmp: spreadsheet_safe_frame(frame).to_csv(tmp, index=index))


class Report:
    """Writes one report's tables (CSV) and figures (PNG) under ``out/name/``.

    With an empty ``out`` (exploring in JupyterLab) nothing is written and the
    methods just hand back what they were given, so the same notebook works both ways.
    """

    def __init__(self, out: str | Path | None, name: str):
        self.name = name
        self.dir = Path(out) / name if out else None
        self.written: list[Path] = []

    def table(self, frame: pd.DataFrame, name: str, *, index: bool = False) -> pd.DataFrame:
        """Write ``frame`` to ``<out>/<report>/<name>.csv`` and return it for display."""
        if self.dir is not None:
            path = write_csv(frame, self.dir / f"{name}.csv", index=index)
            self.written.append(path)
        return frame

    def table_parts(self, frames: Iterable[pd.DataFrame], name: str, *, columns=None) -> Path | None:
        """Write frames one after another as one ``<name>.csv`` (header once), atomically.

        The same file as ``table(pd.concat(frames), name)`` without holding the whole
        table: a large corpus is written part by part. ``columns`` gives the header when
        ``frames`` is empty. With no ``out`` the frames are not read at all.

        Example:
            >>> r = Report("", "sentiment")
            >>> r.table_parts(iter([pd.DataFrame({"a": [1]})]), "parts") is None
            True
        """
        if self.dir is None:
            return None

        def write(tmp: Path) -> None:
            header = True
            with open(tmp, "w", newline="", encoding="utf-8") as handle:
                for frame in frames:
                    spreadsheet_safe_frame(frame).to_csv(handle, index=False, header=header)
                    header = False
                if header and columns is not None:
                    spreadsheet_safe_frame(pd.DataFrame(columns=list(columns))).to_csv(handle, index=False)

        path = atomic_write(self.dir / f"{name}.csv", write)
        self.written.append(path)
        return path

    def findings(self, findings: pd.DataFrame, *, limit: int = 6) -> pd.DataFrame:
        """Write the key findings to ``<out>/<report>/findings.json`` (read by the index page)."""
        from .findings import to_json

        if self.dir is not None:
            path = write_text(self.dir / "findings.json", to_json(findings, limit=limit))
            self.written.append(path)
        return findings

    def figure(self, fig, name: str, *, dpi: int = 120):
        """Save a matplotlib figure to ``<out>/<report>/<name>.png`` and return it."""
        if self.dir is not None:
            path = atomic_write(
                self.dir / f"{name}.png",
                lambda tmp: fig.savefig(tmp, format="png", dpi=dpi, bbox_inches="tight"),
            )
            self.written.append(path)
        return fig


def escaped(text: str) -> str:
    """Article text made safe to put inside HTML (it is data, never markup)."""
    return html.escape(str(text), quote=True)
