"""Finding and reading a corpus's files: which names are skipped, and reading one regular file safely."""

from __future__ import annotations

import os
import re
import stat
from collections.abc import Callable
from pathlib import Path

# Inside a folder these are skipped without a problems row: plainly not articles.
DOC_NAME = re.compile(
    r"(.*readme.*|licen[cs]e|copying|notice|authors|contributors|contributing|changelog|changes|citation|"
    r"manifest|code_of_conduct)",
    re.IGNORECASE,
)
ASSET_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .svg .webp .ico .bmp .tif .tiff .py .pyc .ipynb .r .js .css .sh .yml .yaml .toml "
    ".cfg .ini .lock .log".split()
)


class Unreadable(Exception):
    """A file that cannot be read as text at all (the reason is the message)."""


def walk(
    folder: Path, rel_of: Callable[[Path], str], problem: Callable[[str, int | None, str, str], None]
) -> list[Path]:
    """Every candidate file under ``folder``, sorted by relative path, each reached once.

    Symlinked folders are followed; a folder (or file) reached a second time, through a
    loop or a second link, is not read again and gets a warning. Entries that are not
    regular files or folders (FIFOs, devices, sockets, broken links) are error rows:
    reading them could hang or never end. ``rel_of`` names a path relative to the corpus root;
    ``problem(path, line, severity, reason)`` takes each problems row.
    """
    found: list[tuple[str, Path]] = []
    seen_folders: dict[tuple[int, int], str] = {}
    seen_files: dict[tuple[int, int], str] = {}
    try:
        info = folder.stat()
        seen_folders[(info.st_dev, info.st_ino)] = "."
    except OSError:
        pass
    pending = [folder]
    links: list[tuple[Path, str]] = []  # symlinked folders: read after the real ones, so a real path wins

    def enter(path: Path, rel: str, identity: tuple[int, int]) -> None:
        """Queue a folder to read, unless it was reached before (a loop or a second link)."""
        if identity in seen_folders:
            problem(
                rel,
                None,
                "warning",
                f"folder links to {seen_folders[identity]!r}, which is read already "
                f"(a symlink loop or a second link); not read again",
            )
            return
        seen_folders[identity] = rel
        pending.append(path)

    while pending or links:
        if not pending:
            link, rel = links.pop(0)
            try:
                info = os.stat(link)
            except OSError:
                continue
            enter(link, rel, (info.st_dev, info.st_ino))
            continue
        directory = pending.pop()
        try:
            with os.scandir(directory) as listing:
                entries = sorted(listing, key=lambda entry: entry.name)
        except OSError as exc:
            problem(
                rel_of(directory), None, "error", f"cannot list folder ({exc.strerror or exc}); check its permissions"
            )
            continue
        for entry in entries:
            name = entry.name
            if name.startswith(".") or name.endswith("~") or name == "__pycache__":
                continue
            path = Path(entry.path)
            rel = rel_of(path)
            try:
                info = os.stat(path)  # follows symlinks
            except OSError as exc:
                broken = entry.is_symlink()
                problem(
                    rel,
                    None,
                    "error",
                    f"broken symbolic link ({exc.strerror or exc}); fix or remove it"
                    if broken
                    else f"cannot read file ({exc.strerror or exc}); check that you may read it",
                )
                continue
            identity = (info.st_dev, info.st_ino)
            if stat.S_ISDIR(info.st_mode):
                if entry.is_symlink():
                    links.append((path, rel))
                    continue
                enter(path, rel, identity)
                continue
            suffix = path.suffix.lower()
            # documentation and assets are skipped silently (as the module docstring says);
            # other unsupported files are kept so that read() reports them
            if DOC_NAME.fullmatch(path.stem) or suffix in ASSET_SUFFIXES:
                continue
            if not stat.S_ISREG(info.st_mode):
                problem(
                    rel,
                    None,
                    "error",
                    f"not a regular file ({file_kind(info.st_mode)}); skipped, move it out of the corpus",
                )
                continue
            if identity in seen_files:
                problem(rel, None, "warning", f"same file as {seen_files[identity]!r} (a link); read once")
                continue
            seen_files[identity] = rel
            found.append((rel, path))
    found.sort(key=lambda pair: pair[0])
    return [file for _, file in found]


def read_bytes(path: Path) -> bytes:
    """The whole content of a regular file; anything else (FIFO, device, socket) is refused.

    Opened non-blocking, so a FIFO put in place of a file after the folder was listed
    cannot hang the load; the type is checked on the open descriptor, not on the name.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable(f"not a regular file ({file_kind(info.st_mode)}); skipped, move it out of the corpus")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def shown_name(rel: str) -> str:
    """A relative path as text: undecodable bytes of a name (surrogate escapes) become U+FFFD."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def file_kind(mode: int) -> str:
    for test, kind in (
        (stat.S_ISFIFO, "a FIFO"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISDIR, "a folder"),
    ):
        if test(mode):
            return kind
    return "not a file"
