"""Column mapping and the common news export shapes, for the table readers of ``analysis.load``.

A column mapping says which of a file's columns fill our fields::

    --columns title=headline,published=date_publish,source=source.name

Nested objects are flattened into dotted columns before anything is mapped, so
``{"source": {"id": null, "name": "BBC News"}}`` gives the columns ``source.id`` and
``source.name`` (never Python repr text), and a mapping may name either. A file without a
mapped column is an error row (nothing loaded from it) naming the columns it has; when no
file loads, that is the ``CorpusError``'s one line.

Common exports load without any mapping; each is recognised by its field names
(``EXPORTS``): news-please (``maintext``, ``date_publish``, ``source_domain``), NewsAPI
responses (``publishedAt``, ``source.name``, ``content`` whose "… [+1210 chars]" marker is
removed, ``description`` when there is no content), the GDELT DOC API's article lists
(``seendate``, ``domain``; title only) and scrapers' JSON Lines (``content``/``body``/
``maintext``, the loader's own guesses). RSS and Atom feeds (``.rss``, ``.atom``, ``.xml``) are
read with feedparser, one article per entry.

A corpus that needs a mapping is described once, in a settings file read by
``corpus_settings``: ``analysis.yaml`` inside the corpus folder, or ``NAME.analysis.yaml``
beside the corpus folder or file ``NAME``::

    columns:
      title: headline
      published: date_publish
      source: source.name
    dayfirst: true        # passed on to the loader when it has that option

The loader never reads ``analysis.yaml`` as an article (YAML files are skipped).

Example:
    >>> parse_columns("title=headline,source=source.name")
    {'title': 'headline', 'source': 'source.name'}
    >>> flatten_row({"source": {"id": None, "name": "BBC"}, "title": "T"})
    {'source.id': None, 'source.name': 'BBC', 'title': 'T'}
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import ColumnsError

SETTINGS_FILE = "analysis.yaml"
SETTINGS_KEYS = ("columns", "dayfirst")
FEED_SUFFIXES = (".rss", ".atom", ".xml")

# NewsAPI cuts `content` at about 200 characters and appends this marker
_TRUNCATED = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\d+ chars\]\s*$")

# Fields a column mapping may name, and the column names guessed for each (in order).
FIELDS = ("doc_id", "title", "text", "published", "source", "url", "category")
COLUMN_GUESSES: dict[str, tuple[str, ...]] = {
    "doc_id": ("doc_id", "id", "article_id", "uid", "guid"),
    "title": ("title", "headline", "heading", "head", "hed"),
    "text": (
        "text",
        "body",
        "content",
        "article",
        "article_text",
        "story",
        "full_text",
        "fulltext",
        "maintext",
        "main_text",
        "body_text",
    ),
    "published": (
        "published",
        "date",
        "published_at",
        "publish_date",
        "published_date",
        "publication_date",
        "date_published",
        "pubdate",
        "pub_date",
        "datetime",
        "timestamp",
        "time",
        "created_at",
    ),
    "source": (
        "source",
        "outlet",
        "publisher",
        "publication",
        "sitename",
        "site_name",
        "site",
        "newspaper",
        "source_name",
    ),
    "url": ("url", "link", "href", "permalink", "source_url", "article_url"),
    "category": ("category", "section", "topic", "desk", "label"),
}


@dataclass(frozen=True)
class Export:
    """A known export shape: the columns that identify it and the mapping it implies."""

    name: str
    requires: frozenset[str]
    columns: Mapping[str, str]


EXPORTS: dict[str, Export] = {}


def register_export(name: str, requires: set[str], columns: Mapping[str, str]) -> None:
    """Recognise files whose columns include ``requires`` and map them with ``columns``."""
    EXPORTS[name] = Export(name, frozenset(requires), dict(columns))


register_export(
    "news-please",
    {"maintext", "date_publish"},
    {"text": "maintext", "title": "title", "published": "date_publish", "source": "source_domain", "url": "url"},
)
register_export(
    "newsapi",
    {"publishedAt", "source.name"},
    {"text": "content", "title": "title", "published": "publishedAt", "source": "source.name", "url": "url"},
)
register_export(
    "gdelt-doc",
    {"seendate", "domain", "url"},
    {"title": "title", "published": "seendate", "source": "domain", "url": "url"},
)


def recognise(names) -> Export | None:
    """The known export whose identifying columns are all among ``names``, if any.

    Example:
        >>> recognise(["title", "maintext", "date_publish", "source_domain"]).name
        'news-please'
    """
    present = set(map(str, names))
    return next((export for export in EXPORTS.values() if export.requires <= present), None)


def parse_columns(text: str | None) -> dict[str, str | None]:
    """``"title=headline,published=date_publish"`` as a dict; ``field=`` stops a guess.

    Example:
        >>> parse_columns("text=body, title=")
        {'text': 'body', 'title': None}
    """
    mapping: dict[str, str | None] = {}
    for part in (text or "").split(","):
        if not part.strip():
            continue
        field, sep, column = part.partition("=")
        if not sep or not field.strip():
            raise ColumnsError(
                f"--columns item {part.strip()!r} is not FIELD=COLUMN; write e.g. title=headline,published=date_publish"
            )
        mapping[field.strip()] = column.strip() or None
    return mapping


def flatten_row(row: Mapping) -> dict:
    """Nested objects become dotted columns (``source.name``); everything else is kept as is."""
    if not any(isinstance(value, Mapping) for value in row.values()):
        return dict(row)
    flat: dict = {}
    for key, value in row.items():
        if isinstance(value, Mapping) and value:
            for inner, inner_value in flatten_row(value).items():
                flat[f"{key}.{inner}"] = inner_value
        else:
            flat[key] = value
    return flat


def resolve_mapping(
    mapping: Mapping[str, str | None], names: list
) -> tuple[dict[str, str | None], list[tuple[str, str]]]:
    """The mapping to use for one file: the user's, then the recognised export's.

    Returns the mapping and a list of ``(field, column)`` the user mapped that this file
    does not have (the loader makes that an error row for the file). A column
    named by its parent (``source`` for ``source.name``) is taken when it is the only
    text-like child, which is how a flattened dict is meant most of the time.
    """
    present = [str(n) for n in names]
    chosen: dict[str, str | None] = {}
    missing: list[tuple[str, str]] = []
    for field, column in mapping.items():
        if column is None or column in present:
            chosen[field] = column
            continue
        child = _child_column(column, present)
        if child is not None:
            chosen[field] = child
        else:
            missing.append((field, column))
    export = recognise(present)
    if export is not None:
        for field, column in export.columns.items():
            if field not in mapping and column in present:
                chosen[field] = column
    return chosen, missing


def field_columns(names: list[str], mapping: Mapping[str, str | None]) -> tuple[dict[str, str | None], str | None]:
    """Our field -> the file's column (or None), or a reason the file cannot be read.

    ``mapping`` (from ``resolve_mapping``) comes first; a field it does not name is guessed from
    ``COLUMN_GUESSES``, in order, never taking a column another field took.

    Example:
        >>> field_columns(["headline", "body"], {})[0]["text"]
        'body'
    """
    lower: dict[str, str] = {}
    for name in names:
        lower.setdefault(str(name).strip().lower(), name)
    fields: dict[str, str | None] = {}
    for key in FIELDS:
        if key in mapping:
            wanted = mapping[key]
            if wanted is not None and wanted not in names:
                if key in ("text", "title"):
                    shown = ", ".join(map(str, names[:12]))
                    reason = f"has no column {wanted!r} (columns={{{key!r}: {wanted!r}}}); its columns are: {shown}"
                    return {}, reason
                wanted = None
            fields[key] = wanted
            continue
        taken = set(fields.values())
        fields[key] = next((lower[g] for g in COLUMN_GUESSES[key] if g in lower and lower[g] not in taken), None)
    if fields["text"] is None and fields["title"] is None:
        shown = ", ".join(map(str, names[:12]))
        return {}, f"no text column found among: {shown}; pass columns={{'text': NAME}}"
    return fields, None


def _child_column(column: str, present: list[str]) -> str | None:
    prefix = f"{column}."
    children = [name for name in present if name.startswith(prefix)]
    for preferred in ("name", "title", "value", "text"):
        if prefix + preferred in children:
            return prefix + preferred
    return children[0] if len(children) == 1 else None


def missing_column_message(field: str, column: str, names: list) -> str:
    """One line: which mapping failed and the columns that do exist (the problems row names the file)."""
    shown = ", ".join(map(str, names[:20])) + (", ..." if len(names) > 20 else "")
    return f"has no column {column!r} (mapped to {field}); its columns are: {shown}; fix --columns or {SETTINGS_FILE}"


def tidy_rows(rows: list[tuple[int, dict]]) -> list[tuple[int, dict]]:
    """Flatten nested objects; apply the per-export clean-ups (NewsAPI's truncation marker)."""
    rows = [(number, flatten_row(row)) for number, row in rows]
    names: dict[str, None] = {}
    for _, row in rows:
        names.update(dict.fromkeys(map(str, row)))
    export = recognise(names)
    if export is not None and export.name == "newsapi":
        for _, row in rows:
            content = row.get("content")
            if isinstance(content, str):
                content = _TRUNCATED.sub("", content).rstrip()
            if not content and isinstance(row.get("description"), str):
                content = row["description"]
            row["content"] = content
    return rows


# --------------------------------------------------------------------------- feeds


def feed_rows(data: bytes) -> tuple[list[tuple[int, dict]], str | None]:
    """One row per RSS/Atom entry (title, text, published, source, url, and the rest);
    or no rows and a reason when the bytes are not a feed.

    Example:
        >>> rss = b'<rss version="2.0"><channel><title>Port News</title><item><title>Deal</title>'\\
        ...       b'<description>Ministers agreed.</description></item></channel></rss>'
        >>> feed_rows(rss)[0][0][1]["text"]
        'Ministers agreed.'
    """
    import feedparser

    parsed = feedparser.parse(data)
    if not parsed.entries:
        if parsed.get("bozo"):
            error = parsed.get("bozo_exception")
            return [], f"not a readable RSS/Atom feed ({type(error).__name__}: {str(error)[:120]}); fix or remove it"
        return [], "a feed without entries; nothing to load"
    source = _html_text(parsed.feed.get("title", ""))
    rows = []
    for number, entry in enumerate(parsed.entries, start=1):
        contents = [c.get("value", "") for c in entry.get("content", []) if c.get("value")]
        body = "\n\n".join(_html_text(c) for c in contents) or _html_text(entry.get("summary", ""))
        row = {
            "title": _html_text(entry.get("title", "")),
            "text": body,
            "published": entry.get("published") or entry.get("updated") or "",
            "source": _html_text(entry.get("source", {}).get("title", "")) or source,
            "url": entry.get("link", ""),
            "id": entry.get("id", "") or None,
        }
        if entry.get("author"):
            row["author"] = entry["author"]
        tags = [t.get("term") for t in entry.get("tags", []) if t.get("term")]
        if tags:
            row["category"] = tags[0]
        rows.append((number, row))
    return rows, None


def _html_text(fragment: str) -> str:
    """Plain text of an HTML fragment, paragraphs on their own lines."""
    if not fragment or "<" not in fragment:
        return fragment or ""
    import lxml.html

    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except Exception:  # lxml raises several kinds on broken markup; the raw text is still useful
        return re.sub(r"<[^>]+>", " ", fragment)
    for block in root.iter("p", "br", "div", "li", "h1", "h2", "h3", "h4"):
        block.tail = "\n\n" + (block.tail or "")
    return root.text_content()


# --------------------------------------------------------------------------- settings file


def settings_file(corpus: str | Path) -> Path | None:
    """The settings file of a corpus: ``analysis.yaml`` inside it, or ``NAME.analysis.yaml`` beside it."""
    corpus = Path(corpus)
    candidates = [corpus / SETTINGS_FILE] if corpus.is_dir() else []
    candidates.append(corpus.parent / f"{corpus.name}.{SETTINGS_FILE}")
    if corpus.is_file():
        candidates.append(corpus.parent / f"{corpus.stem}.{SETTINGS_FILE}")
    return next((c for c in candidates if c.is_file()), None)


def corpus_settings(corpus: str | Path) -> dict:
    """The options in a corpus's settings file (``{}`` when it has none).

    Example:
        >>> corpus_settings("/nonexistent")
        {}
    """
    import yaml

    path = settings_file(corpus)
    if path is None:
        return {}
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ColumnsError(f"cannot read {path} ({_first_line(exc)}); fix the file or remove it") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ColumnsError(f"{path} must hold keys such as 'columns:', not a {type(data).__name__}; fix the file")
    unknown = [k for k in data if k not in SETTINGS_KEYS]
    if unknown:
        raise ColumnsError(f"{path}: unknown setting {unknown[0]!r}; known: {', '.join(SETTINGS_KEYS)}")
    settings = dict(data)
    columns = settings.get("columns") or {}
    if isinstance(columns, str):
        columns = parse_columns(columns)
    if not isinstance(columns, dict):
        raise ColumnsError(f"{path}: 'columns' must map fields to columns (title: headline); fix the file")
    settings["columns"] = {str(k): (None if v in (None, "") else str(v)) for k, v in columns.items()}
    return settings


def merged_columns(corpus: str | Path, columns: Mapping[str, str | None] | str | None) -> dict[str, str | None]:
    """The settings file's mapping with ``columns`` (a dict or ``FIELD=COLUMN,...``) on top."""
    given = parse_columns(columns) if isinstance(columns, str) else dict(columns or {})
    return {**corpus_settings(corpus).get("columns", {}), **given}


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
