"""Own only what we made: output folders carry a marker, foreign folders are refused.

``analysis prepare --out DIR``, ``analysis run --out DIR`` and the cache directory write
only into a folder that is missing, empty, or marked by a previous output of the same
kind (``.analysis-output.json``: ``{"kind": "prepared" | "reports" | "cache"}``). Anything
else is refused with one line before anything is read or written, and nothing is ever
deleted that the tool did not write: a marked folder that also holds a foreign file is
refused too, naming the file.

Folders written by versions from before the marker are recognised by their contents (only
names the tool writes) and marked on first use.

A report run holds a lock file in its folder, so a second run into the same folder is
refused while the first one lives; a lock left by a process that died is taken over.

Example:
    >>> out = claim_folder("/tmp/reports-x", "reports")     # doctest: +SKIP
    >>> with folder_lock(out):                              # doctest: +SKIP
    ...     pass
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import socket
import time
from collections.abc import Iterable, Iterator
from pathlib import Path

from . import __version__
from .errors import OutputError

MARKER = ".analysis-output.json"
LOCK = ".analysis.lock"
KINDS = {"prepared": "a prepared corpus", "reports": "reports", "cache": "a prepare cache"}
# what a prepared corpus directory holds (prepare.py writes exactly these)
PREPARED_NAMES = frozenset(
    {
        MARKER,
        "manifest.json",
        "problems.csv",
        "articles.parquet",
        "sentences.parquet",
        "tokens.parquet",
        "mentions.parquet",
        "quotes.parquet",
    }
)
# what Report writes into a report's folder; the runner replaces that folder, so anything else
# in it is a person's file and the run is refused (extend this when Report writes a new kind)
REPORT_FILE_SUFFIXES = (".csv", ".png", ".json")  # tables, figures, findings.json
# atomic_write's temporary files and the runner's staging folders: ours, left by an interruption
_TEMPORARY = re.compile(r"^\..+\.(part|partial)$")
_KEY = re.compile(r"^[0-9a-f]{16}$")  # a cache entry is named by its key
STALE_UNOWNED_SECONDS = 3600  # a staging folder without an owner file is left alone this long


# --------------------------------------------------------------------------- markers


def read_marker(folder: Path) -> str | None:
    """The kind of output ``folder`` is marked as, or None."""
    try:
        data = json.loads((folder / MARKER).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    kind = data.get("kind") if isinstance(data, dict) else None
    return kind if kind in KINDS else None


def write_marker(folder: Path, kind: str) -> None:
    """Mark ``folder`` as the tool's output of ``kind``."""
    (folder / MARKER).write_text(
        json.dumps({"kind": kind, "written_by": f"analysis {__version__}"}) + "\n", encoding="utf-8"
    )


def foreign_entries(folder: Path, kind: str, *, reports: Iterable[str] = ()) -> list[str]:
    """Names in ``folder`` that an output of ``kind`` does not write (sorted)."""
    reports = set(reports)
    foreign = []
    for entry in folder.iterdir():
        name = entry.name
        if name in (MARKER, LOCK) or _TEMPORARY.match(name):
            continue
        if kind == "prepared":
            ok = name in PREPARED_NAMES
        elif kind == "reports":
            stem, dot, suffix = name.rpartition(".")
            ok = (
                name in ("index.html", "problems.csv")
                or (dot and stem in reports and suffix in ("html", "ipynb") and entry.is_file())
                or (name in reports and entry.is_dir() and not report_folder_foreign(entry))
            )
        else:  # cache: one prepared directory per key
            ok = bool(_KEY.match(name)) and entry.is_dir()
        if not ok:
            foreign.append(name)
    return sorted(foreign)


def report_folder_foreign(folder: Path) -> list[str]:
    """Entries of a report's tables-and-figures folder that the report did not write."""
    if not folder.is_dir():
        return []
    return sorted(
        p.name
        for p in folder.iterdir()
        if not (p.is_file() and (p.suffix in REPORT_FILE_SUFFIXES or _TEMPORARY.match(p.name)))
    )


def _recognised_as(folder: Path, kind: str, reports: Iterable[str]) -> bool:
    """An unmarked folder written by an older version: only names the tool writes."""
    if foreign_entries(folder, kind, reports=reports):
        return False
    if kind == "prepared":
        return (folder / "manifest.json").is_file()
    if kind == "reports":
        return (folder / "index.html").is_file() or any((folder / f"{r}.ipynb").is_file() for r in reports)
    return any(folder.iterdir())


def _listed(names: list[str], limit: int = 3) -> str:
    shown = ", ".join(names[:limit])
    return shown + (f" and {len(names) - limit} more" if len(names) > limit else "")


def check_folder(out: str | Path, kind: str, *, option: str = "--out", reports: Iterable[str] = ()) -> Path:
    """``out`` resolved, if the tool may write an output of ``kind`` there; else OutputError.

    Allowed: a missing or empty folder, or one marked (or recognised) as the same kind that
    holds nothing foreign. Nothing is created or changed.

    Example:
        >>> check_folder("/nonexistent/new-folder", "reports").name
        'new-folder'
    """
    path = Path(out).expanduser().resolve()
    if path.exists() and not path.is_dir():
        raise OutputError(f"{option} {out} is a file, not a folder; give a folder for the output")
    if not path.exists() or not any(path.iterdir()):
        return path
    reports = list(reports)
    marked = read_marker(path)
    what = KINDS[kind]
    if marked is not None and marked != kind:
        raise OutputError(f"{option} {out} holds {KINDS[marked]}, not {what}; choose another folder")
    if marked is None and not _recognised_as(path, kind, reports):
        raise OutputError(
            f"{option} {out} is not empty and was not written by analysis (it holds {_listed(sorted(p.name for p in path.iterdir()))}); "
            f"choose a new or empty folder"
        )
    if marked == kind and kind != "prepared":
        # a run replaces only the names it writes and leaves other files in a folder it marked
        # alone; but it replaces a report's whole folder, so nothing foreign may be inside one
        foreign = (
            [f"{r}/{name}" for r in reports for name in report_folder_foreign(path / r)] if kind == "reports" else []
        )
    else:
        foreign = foreign_entries(path, kind, reports=reports)
    if foreign:
        raise OutputError(
            f"{option} {out} holds files analysis did not write ({_listed(foreign)}); "
            f"move them out or choose another folder (nothing was changed)"
        )
    return path


def claim_folder(out: str | Path, kind: str, *, option: str = "--out", reports: Iterable[str] = ()) -> Path:
    """``check_folder``, then create ``out`` if needed and mark it as the tool's output of ``kind``."""
    path = check_folder(out, kind, option=option, reports=reports)
    try:
        path.mkdir(parents=True, exist_ok=True)
        if read_marker(path) != kind:
            write_marker(path, kind)
    except OSError as exc:
        raise OutputError(
            f"cannot write {option} folder {out}: {exc.strerror or exc}; choose a folder you can write to"
        ) from None
    return path


def check_apart(corpus: str | Path, out: str | Path, *, option: str = "--out") -> None:
    """Refuse an output folder inside the corpus (read back as articles next time) or a
    corpus inside the output folder (which the tool may replace).

    Example:
        >>> check_apart("/data/news", "/data/news/reports")
        Traceback (most recent call last):
        ...
        analysis.errors.OutputError: --out /data/news/reports is inside the corpus /data/news: ...
    """
    c = Path(corpus).expanduser().resolve()
    o = Path(out).expanduser().resolve()
    if o.is_file():
        return  # not a folder at all: check_folder says so
    if o == c or o.is_relative_to(c):
        raise OutputError(
            f"{option} {out} is inside the corpus {corpus}: its files would be read back as articles; "
            f"choose a folder outside the corpus"
        )
    if c.is_relative_to(o):
        raise OutputError(f"the corpus {corpus} is inside {option} {out}; choose an output folder outside the corpus")


# --------------------------------------------------------------------------- processes


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running (a zombie counts as dead)."""
    import psutil

    if pid <= 0:
        return False
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True  # another user's live process


def _owner_text() -> str:
    return json.dumps({"pid": os.getpid(), "host": socket.gethostname(), "started": time.time()})


def _owner_alive(text: str) -> tuple[bool, int | None]:
    """Whether the owner recorded in a lock or staging file still runs (other hosts: assumed so)."""
    try:
        data = json.loads(text)
        pid, host = int(data["pid"]), str(data.get("host", ""))
    except (ValueError, KeyError, TypeError):
        return False, None
    if host and host != socket.gethostname():
        return True, pid
    return process_alive(pid), pid


@contextlib.contextmanager
def folder_lock(folder: Path, *, option: str = "--out") -> Iterator[Path]:
    """Hold ``folder/.analysis.lock`` while writing; refuse when a live process holds it.

    A lock left by a process that died (``kill -9``, power loss) is taken over.
    """
    lock = folder / LOCK
    mine = _owner_text()
    for _ in range(2):
        try:
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
        except FileExistsError:
            try:
                alive, pid = _owner_alive(lock.read_text(encoding="utf-8"))
            except OSError:
                alive, pid = False, None
            if alive:
                raise OutputError(
                    f"another analysis run (process {pid}) is writing into {option} {folder}; "
                    f"wait for it to finish or choose another folder"
                ) from None
            lock.unlink(missing_ok=True)  # stale: its process is gone
            continue
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(mine)
        break
    else:
        raise OutputError(f"cannot take the lock {lock}; another run keeps creating it: try again")
    try:
        yield folder
    finally:
        try:
            if lock.read_text(encoding="utf-8") == mine:
                lock.unlink()
        except OSError:
            pass


# --------------------------------------------------------------------------- staging folders

OWNER = ".owner"


def mark_staging(staging: Path) -> None:
    """Record which process writes a staging folder, so the next run can tell it is stale."""
    (staging / OWNER).write_text(_owner_text(), encoding="utf-8")


def remove_stale_staging(parent: Path, pattern: str) -> list[Path]:
    """Remove staging folders matching ``pattern`` in ``parent`` whose process is gone.

    A staging folder without an owner file (older versions) is removed once it is an hour old.
    """
    removed: list[Path] = []
    if not parent.is_dir():
        return removed
    for staging in parent.glob(pattern):
        if not staging.is_dir() or not _TEMPORARY.match(staging.name):
            continue
        try:
            alive, _ = _owner_alive((staging / OWNER).read_text(encoding="utf-8"))
        except FileNotFoundError:
            try:
                alive = time.time() - staging.stat().st_mtime < STALE_UNOWNED_SECONDS
            except OSError:
                continue
        except OSError:
            continue
        if not alive:
            shutil.rmtree(staging, ignore_errors=True)
            removed.append(staging)
    return removed
