"""What a report notebook uses to write its tables and charts.

Example:
    >>> r = Report("", "word_frequency")        # no out dir: nothing written
    >>> r.table(pd.DataFrame({"term": ["a"]}), "terms").shape
    (1, 1)
"""

from __future__ import annotations

import html
import os
import tempfile
from collections.abc import Callable, Iterable
from pathlib import Path

import pandas as pd


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_UMASK = _current_umask()


def atomic_write(path: str | Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp)`` on a temporary file beside ``path``, then rename it into place.

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
            path = atomic_write(self.dir / f"{name}.csv", lambda tmp: frame.to_csv(tmp, index=index))
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
                    frame.to_csv(handle, index=False, header=header)
                    header = False
                if header and columns is not None:
                    pd.DataFrame(columns=list(columns)).to_csv(handle, index=False)

        path = atomic_write(self.dir / f"{name}.csv", write)
        self.written.append(path)
        return path

    def findings(self, findings: pd.DataFrame, *, limit: int = 6) -> pd.DataFrame:
        """Write the key findings to ``<out>/<report>/findings.json`` (read by the index page)."""
        from .findings import to_json

        if self.dir is not None:
            text = to_json(findings, limit=limit)
            path = atomic_write(self.dir / "findings.json", lambda tmp: tmp.write_text(text, encoding="utf-8"))
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
