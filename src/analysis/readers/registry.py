"""The registry of article readers by file suffix, and the one shape every reader yields.

A reader is a function ``read(source, options)`` that yields, in order, ``Record`` (one
article) and ``Problem`` (one problems row) items for one file. It is registered for its
suffixes with ``register``; the loader looks the suffix up with ``reader_for``, reads and
decodes the file as the registration asks, and turns the items into the two frames (ids,
dates, size limit and exact duplicates are the loader's, the same for every format).

Example:
    >>> @register(".example")
    ... def read_example(source, options):
    ...     yield Record(doc_id=file_stem(source.rel), title="T", body=source.content, published=None,
    ...                  source="", url="", category=category_of(source.rel), path=source.rel)
    >>> reader_for(".EXAMPLE").decoding
    'text'
    >>> unregister(".example")
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal, NamedTuple

from ..options import check_choice

Decoding = Literal["text", "html", "bytes"]
DECODINGS: tuple[str, ...] = ("text", "html", "bytes")


class Problem(NamedTuple):
    """One problems row: path relative to the corpus root, line (or None), severity, reason."""

    path: str
    line: int | None
    severity: str
    reason: str


@dataclass(slots=True)
class Record:
    """One article as a reader found it; the loader gives it its final id, date and text."""

    doc_id: str
    title: str
    body: str
    published: object  # raw value
    source: str
    url: str
    category: str
    path: str
    line: int | None = None  # the row of a table format; None for a one-article file
    extra: dict = field(default_factory=dict)
    id_from_input: bool = False
    date_line: int | None = None
    alternative_id: str | None = None  # the id to use when doc_id is taken (a file's path with its suffix)


class Source(NamedTuple):  # a tuple: made once per file, so cheap to make
    """One file to read: its path, its name relative to the corpus root, and its content.

    ``content`` is text (decoded as the registration asked) or, for ``decoding="bytes"``,
    the bytes as read.
    """

    path: Path
    rel: str
    content: str | bytes

    def text(self) -> str:
        """The content of a file registered with ``decoding="text"`` or ``"html"``."""
        if not isinstance(self.content, str):
            raise TypeError(
                f"{self.rel}: the reader wants text but was given bytes; register it with decoding='text' or 'html'"
            )
        return self.content

    def data(self) -> bytes:
        """The content of a file registered with ``decoding="bytes"``."""
        if not isinstance(self.content, bytes):
            raise TypeError(f"{self.rel}: the reader wants bytes but was given text; register it with decoding='bytes'")
        return self.content


@dataclass
class ReadOptions:
    """What every reader may need from ``load_articles``'s options, and per-load memory."""

    mapping: dict
    drop_line: Callable[[str], object]
    max_article_bytes: int | None
    strip_site_suffix: bool | None
    memo: dict = field(default_factory=dict)  # state a reader keeps from one file to the next of one load


@dataclass(frozen=True)
class Reader:
    """A registered reader: the function, how its files are decoded, and the advice for a bad encoding."""

    read: Callable[[Source, ReadOptions], Iterator[Record | Problem]]
    decoding: Decoding
    advice: str


_READERS: dict[str, Reader] = {}


def register(*suffixes: str, decoding: Decoding = "text", advice: str = "re-export it as UTF-8"):
    """A decorator registering a reader for file suffixes (lower case, with the dot).

    ``decoding``: ``"text"`` (UTF-8, UTF-16 with a BOM, else cp1252 with a warning), ``"html"``
    (as browsers do) or ``"bytes"`` (the reader decodes). ``advice`` ends the warning for a
    file that is not UTF-8 (``"re-save the file as UTF-8"``).
    """
    check_choice("decoding", decoding, DECODINGS)
    for suffix in suffixes:
        if not suffix.startswith(".") or suffix != suffix.lower():
            raise ValueError(f"suffix {suffix!r} must be lower case and start with a dot, like '.txt'")

    def decorator(read):
        for suffix in suffixes:
            known = _READERS.get(suffix)
            if known is not None and known.read is not read:
                raise ValueError(
                    f"{suffix} is read by {known.read.__module__}.{known.read.__name__} already; "
                    f"unregister({suffix!r}) first to replace it"
                )
            _READERS[suffix] = Reader(read, decoding, advice)
        return read

    return decorator


def unregister(suffix: str) -> None:
    """Forget the reader of a suffix (its files then load as unsupported, an error row each)."""
    _READERS.pop(suffix.lower(), None)


def reader_for(suffix: str) -> Reader | None:
    """The reader registered for a suffix (any case), or None."""
    return _READERS.get(suffix.lower())


def supported_suffixes() -> tuple[str, ...]:
    """Every registered suffix, in the order registered."""
    return tuple(_READERS)


def category_of(rel: str) -> str:
    """The first folder of a relative path (``sport/199.txt`` -> ``sport``), empty at the root."""
    parts = rel.split("/")
    return parts[0] if len(parts) > 1 else ""


def file_stem(rel: str) -> str:
    """A relative path without its suffix: the ``doc_id`` of a one-article file."""
    suffix = Path(rel).suffix  # parsed once: once per article on the hot path
    return rel[: -len(suffix)] if suffix else rel


def first_line(exc: Exception) -> str:
    """The first line of an exception's message, short enough for a problems row."""
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
