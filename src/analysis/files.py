"""Finding and reading a corpus's files: which names are skipped, and reading one regular file safely."""

from __future__ import annotations

import os
import re
import stat
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
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return kind
    return "not a file"
