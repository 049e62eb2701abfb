"""Helpers of the table readers: JSON item lists, CSV quoting and delimiters, header names."""

from __future__ import annotations

import csv
import io

from ..columns import COLUMN_GUESSES

_JSON_LIST_KEYS = (
    "articles", "items", "data", "documents", "docs", "records", "results", "entries", "rows", "stories",
)


def json_items(obj) -> list | None:
    if isinstance(obj, list):
        return obj
    if not isinstance(obj, dict):
        return None
    lists = {k: v for k, v in obj.items() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)}
    for key in _JSON_LIST_KEYS:
        if key in lists:
            return lists[key]
    if lists:
        return next(iter(lists.values()))
    text_keys = {g for key in ("text", "title") for g in COLUMN_GUESSES[key]}
    if any(str(k).lower() in text_keys for k in obj):
        return [obj]
    return None


def open_quote(lines: list[str]) -> bool:
    """Whether these physical lines of one CSV row end inside a quoted field.

    Quoted fields open and close with one quote each and escape a quote by doubling it,
    so a complete row holds an even number of quote characters.
    """
    return sum(line.count('"') for line in lines) % 2 == 1


def sniff_delimiter(text: str, expected: str) -> str:
    """The expected delimiter, unless the header plainly uses another one (``;`` from European Excel)."""
    header = next(iter(io.StringIO(text[:65536], newline="")), "")
    if expected in header:
        return expected
    try:
        dialect = csv.Sniffer().sniff(text[:65536], delimiters=",;\t|")
    except csv.Error:
        counts = {d: header.count(d) for d in ";\t|," if d != expected}
        best = max(counts, key=counts.get)
        return best if counts[best] else expected
    return dialect.delimiter if dialect.delimiter in header else expected


def unique_names(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        name = name or "column"
        if name in seen:
            seen[name] += 1
            name = f"{name}_{seen[name]}"
        else:
            seen[name] = 1
        out.append(name)
    return out
