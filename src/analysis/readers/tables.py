"""Tables of articles, one a row: JSON Lines, JSON, CSV/TSV and Parquet.

Every table reader turns its file into ``(row number, dict)`` pairs (and problems rows for
lines or rows it cannot read); ``records_from_rows`` then maps the columns to our fields
(``analysis.columns``: the user's mapping, known export shapes, guesses) and makes one
``Record`` per row. Feeds (``readers.feeds``) go through it too.
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Iterable, Iterator

from .. import columns as export_columns
from .. import schemas
from ..cleanup import SURROGATE, blank, clean, one_line, strip_site_suffix, title_and_body
from ..columns import COLUMN_GUESSES
from ..files import Unreadable
from .registry import Problem, ReadOptions, Record, Source, category_of, first_line, register

TABLE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet")
# NewsAPI cuts `content` at ~200 characters and appends "… [+1210 chars]"
_TRUNCATION_MARK = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\s?[\d,]+\s*chars?\]\s*$")
_ARTICLE_COLUMNS = frozenset(schemas.columns("articles"))


Row = tuple[int, dict]


@register(".jsonl", ".ndjson")
def read_jsonl(source: Source, options: ReadOptions) -> Iterator[Record | Problem]:
    """One JSON object a line; ``line`` is the line number."""
    yield from records_from_rows(source, options, _jsonl_rows(source.rel, source.text()))


@register(".json")
def read_json(source: Source, options: ReadOptions) -> Iterator[Record | Problem]:
    """A list of objects, an object holding such a list (``"articles"``...), or one object."""
    yield from records_from_rows(source, options, _json_rows(source.rel, source.text()))


@register(".csv", ".tsv")
def read_csv(source: Source, options: ReadOptions) -> Iterator[Record | Problem]:
    """A header row, then one article a row (a header plainly using ``;``, ``|`` or tab is read so)."""
    text = source.text()
    expected = "\t" if source.path.suffix.lower() == ".tsv" else ","
    yield from records_from_rows(source, options, csv_rows(source.rel, text, sniff_delimiter(text, expected)))


@register(".parquet", decoding="bytes")
def read_parquet(source: Source, options: ReadOptions) -> Iterator[Record | Problem]:
    """One article a row of a Parquet file."""
    yield from records_from_rows(source, options, _parquet_rows(source.data()))


def records_from_rows(
    source: Source, options: ReadOptions, rows: Iterable[Row | Problem]
) -> Iterator[Record | Problem]:
    """Records of the rows of one table (problems passed on in order), columns mapped once for the file.

    A reader that cannot go on raises ``Unreadable`` (one error row for the file, after the
    rows' problems so far); a file without a text or title column is one error row.
    """
    rel = source.rel
    found: list[Row] = []
    try:
        for item in rows:
            if isinstance(item, Problem):
                yield item
            else:
                found.append(item)
    except Unreadable as exc:
        yield Problem(rel, None, "error", str(exc))
        return
    found = export_columns.tidy_rows(found)
    if not found:
        return  # the loader reports a file that yields nothing
    names: dict[str, None] = {}
    for _, row in found:
        names.update(dict.fromkeys(row))
    mapping, missing = export_columns.resolve_mapping(options.mapping, list(names))
    if missing:
        yield Problem(rel, None, "error", export_columns.missing_column_message(*missing[0], list(names)))
        return
    fields, problem = export_columns.field_columns(list(names), mapping)
    if problem:
        yield Problem(rel, None, "error", problem)
        return
    used = {column for column in fields.values() if column is not None}
    stem = rel[: -len(source.path.suffix)] if source.path.suffix else rel
    for number, row in found:
        yield from row_record(rel, stem, number, row, fields, used, options)


def row_record(
    rel: str, stem: str, number: int, row: dict, fields: dict, used: set, options: ReadOptions
) -> Iterator[Record | Problem]:
    """The record of one row (or an error row when it has no text), with its warnings first."""

    def get(key):
        column = fields.get(key)
        return None if column is None else row.get(column)

    raw_text = get("text")
    if isinstance(raw_text, (list, tuple)):
        raw_text = "\n\n".join(str(part) for part in raw_text if not blank(part))
    raw_text = "" if blank(raw_text) else str(raw_text)
    marker = _TRUNCATION_MARK.search(raw_text)
    if marker:
        raw_text = raw_text[: marker.start()]
        yield Problem(
            rel,
            number,
            "warning",
            f"text is cut short by its source ({marker.group().strip()!r}, as NewsAPI does); "
            f"only the first part loaded, marker removed",
        )
    cleaned = clean(raw_text, options.drop_line) if raw_text else ""
    title = one_line(get("title"))
    if title and options.strip_site_suffix:
        title = strip_site_suffix(title, one_line(get("source")), one_line(get("url")))
    title, body, _ = title_and_body(title, cleaned)
    if not title:
        column = fields.get("text") or fields.get("title")
        yield Problem(rel, number, "error", f"row has no text (column {column!r} is empty); nothing loaded")
        return
    if not body:
        yield Problem(rel, number, "warning", "title only: the row has no body text")
    raw_id = get("doc_id")
    from_input = not blank(raw_id)
    extra = {}
    for column, value in row.items():
        if column in used:
            continue
        name = one_line(column) or "column"
        if isinstance(value, str):
            value = SURROGATE.sub("\ufffd", value)
        extra[f"input_{name}" if name in _ARTICLE_COLUMNS else name] = value
    yield Record(
        doc_id=one_line(raw_id) if from_input else f"{stem}:{number}",
        title=title,
        body=body,
        published=get("published"),
        source=one_line(get("source")),
        url=one_line(get("url")),
        category=one_line(get("category")) or category_of(rel),
        path=rel,
        line=number,
        extra=extra,
        id_from_input=from_input,
        date_line=number,
    )


def _parquet_rows(data: bytes) -> Iterator[Row]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(pa.BufferReader(data))
    except Exception as exc:  # pyarrow raises its own error types for corrupt files
        raise Unreadable(f"not a readable Parquet file ({first_line(exc)}); re-export it") from None
    # Python values straight from Arrow: an integer id column with nulls stays 7, not 7.0
    yield from enumerate(table.to_pylist(), start=1)


def _jsonl_rows(rel: str, text: str) -> Iterator[Row | Problem]:
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Problem(
                rel, number, "error", f"malformed JSON ({exc.msg} at column {exc.colno}); fix or remove the line"
            )
            continue
        except RecursionError:
            yield Problem(rel, number, "error", "JSON nested too deeply to read; flatten the line")
            continue
        if isinstance(obj, dict):
            yield number, obj
        else:
            yield Problem(
                rel,
                number,
                "error",
                f"a JSON {type(obj).__name__}, not an object; each line must be one article object",
            )


def _json_rows(rel: str, text: str) -> Iterator[Row | Problem]:
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield Problem(
            rel,
            exc.lineno,
            "error",
            f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); fix the file",
        )
        return
    except RecursionError:
        yield Problem(rel, None, "error", "JSON nested too deeply to read; flatten it")
        return
    items = json_items(obj)
    if items is None:
        yield Problem(rel, None, "error", "JSON holds no list of article objects; give a list of objects or use .jsonl")
        return
    for number, item in enumerate(items, start=1):
        if isinstance(item, dict):
            yield number, item
        else:
            yield Problem(rel, number, "error", f"item {number} is a JSON {type(item).__name__}, not an article object")


def csv_rows(rel: str, text: str, delimiter: str) -> Iterator[Row | Problem]:
    """Rows as dicts; ``number`` counts rows after the header (blank lines not counted).

    A quote that is never closed makes Python's csv read the rest of the file into one
    field. That row is reported and reading starts again on the line after it, so the
    rows after it still load instead of becoming part of one article.
    """
    old_limit = csv.field_size_limit()
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    try:
        lines = list(io.StringIO(text, newline=""))
        reader = csv.reader(iter(lines), delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise Unreadable(f"malformed CSV header ({exc}); fix the file") from None
        header = unique_names([one_line(h) for h in header])
        number = 0
        offset = 0  # index in ``lines`` where the current reader started
        while True:
            before = reader.line_num
            try:
                values = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                number += 1
                yield Problem(rel, number, "error", f"malformed CSV row ({exc}); fix the row")
                continue
            if not values or (len(values) == 1 and not values[0].strip()):
                continue  # a blank line, not a row
            number += 1
            start = offset + before  # index in ``lines`` of the row's first physical line
            end = offset + reader.line_num
            if end - start > 1 and end >= len(lines) and open_quote(lines[start:end]):
                yield Problem(
                    rel,
                    number,
                    "error",
                    f"unclosed quote in the row starting on line {start + 1}: it would swallow "
                    f"the {end - start - 1:,} lines after it; row skipped, close the quote",
                )
                offset = start + 1
                reader = csv.reader(iter(lines[offset:]), delimiter=delimiter)
                continue
            if len(values) > len(header):
                yield Problem(
                    rel,
                    number,
                    "error",
                    f"row has {len(values)} fields but the header has {len(header)}; fix its quoting",
                )
                continue
            yield number, dict(zip(header, values))
    finally:
        csv.field_size_limit(old_limit)


_JSON_LIST_KEYS = (
    "articles",
    "items",
    "data",
    "documents",
    "docs",
    "records",
    "results",
    "entries",
    "rows",
    "stories",
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
        best = max(counts, key=counts.__getitem__)
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
