"""Plain-text articles (``.txt``): optional front matter, then the title line and the body."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..cleanup import clean, one_line, title_and_body
from .registry import Problem, ReadOptions, Record, Source, category_of, file_stem, register

TEXT_SUFFIXES = (".txt",)
# front-matter keys that would overwrite a column the loader sets; kept as input_<key>
RESERVED_KEYS = frozenset({"doc_id", "text", "path", "published_raw"})
_FRONT_KEY = re.compile(r"([A-Za-z_][\w -]*?)\s*:\s?(.*)")


@register(*TEXT_SUFFIXES, advice="re-save the file as UTF-8")
def read_text(source: Source, options: ReadOptions) -> Iterator[Record | Problem]:
    """One article: front matter (if any), the first line as title, the rest as body."""
    rel = source.rel
    meta, text, date_line, unclosed = front_matter(source.text())
    if unclosed:
        yield Problem(rel, 1, "warning", "starts with '---' but has no closing '---' line; read as plain text")
    for key in [k for k in meta if k in RESERVED_KEYS]:
        yield Problem(rel, None, "warning", f"front-matter key {key!r} is set by the loader; kept as 'input_{key}'")
        meta[f"input_{key}"] = meta.pop(key)
    cleaned = clean(text, options.drop_line)
    title, body, warning = title_and_body(one_line(meta.pop("title", "")), cleaned, file_name=rel)
    if not title:
        yield Problem(rel, None, "error", "only boilerplate lines; nothing to load")
        return
    if warning:
        yield Problem(rel, 1, "warning", warning)
    yield Record(
        doc_id=file_stem(rel),
        title=title,
        body=body,
        published=meta.pop("published", None),
        source=one_line(meta.pop("source", "")),
        url=one_line(meta.pop("url", "")),
        category=one_line(meta.pop("category", "")) or category_of(rel),
        path=rel,
        extra=meta,
        date_line=date_line,
        alternative_id=rel,
    )


def front_matter(text: str) -> tuple[dict, str, int | None, bool]:
    """Metadata from a leading ``---`` block, the remaining text, the date's line, and whether
    the block was opened but never closed (then the whole text is returned, without metadata)."""
    if text.startswith("\ufeff"):
        text = text[1:]
    head, sep, _ = text.partition("\n")
    if head.strip() != "---" or not sep:
        return {}, text, None, False
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    meta: dict = {}
    date_line = None
    for number, line in enumerate(lines[1:], start=2):
        if line.strip() == "---":
            return meta, "\n".join(lines[number:]), date_line, False
        if not line.strip():
            continue
        match = _FRONT_KEY.fullmatch(line.strip())
        if not match:
            break
        key = match.group(1).strip().lower().replace(" ", "_").replace("-", "_")
        value = match.group(2).strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
            value = value[1:-1]
        key = "published" if key == "date" else key
        if key == "published":
            date_line = number
        meta[key] = value
    return {}, text, None, True
