"""RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``): one article per entry, read with feedparser."""

from __future__ import annotations

from collections.abc import Iterator

from .. import columns as export_columns
from ..files import Unreadable
from .registry import Problem, ReadOptions, Record, Source, register
from .tables import Row, records_from_rows

FEED_SUFFIXES = export_columns.FEED_SUFFIXES


@register(*FEED_SUFFIXES, decoding="bytes")
def read_feed(source: Source, options: ReadOptions) -> Iterator[Record | Problem]:
    """Entries as table rows (``analysis.columns.feed_rows``), so mapping and guesses apply as for JSON."""
    yield from records_from_rows(source, options, _feed_rows(source.data()))


def _feed_rows(data: bytes) -> Iterator[Row]:
    try:
        rows, reason = export_columns.feed_rows(data)
    except OSError as exc:
        raise Unreadable(
            f"cannot read file ({exc.strerror or exc}); check that it exists and you may read it"
        ) from None
    if reason:
        raise Unreadable(reason)
    yield from rows
