"""Load a folder or file of news articles into an articles frame and a problems frame.

``load_articles(path)`` reads a folder (recursively, in sorted path order) or a single file
and returns ``(articles, problems)``: frames of the shapes "articles" and "problems" in
``analysis.schemas``. Bad input never stops a corpus and never vanishes: every file or row
that could not be read as it should becomes a problems row, and every readable article loads.

Formats (by suffix):

- ``.txt``: the first non-empty line is the title, the rest is the body. ``doc_id`` is the
  path relative to the corpus root without its suffix, with ``/`` separators
  (``sport/199``); the first sub-folder is the ``category`` (empty for files at the root).
  A file may start with *front matter*: a line ``---``, then ``key: value`` lines, then a
  closing ``---``. Keys ``published`` (or ``date``), ``source``, ``url``, ``category`` and
  ``title`` fill those columns (``category`` and ``title`` override the folder and the first
  line); other keys become extra columns. Without a closing ``---`` the file is read as
  plain text and a warning says so::

      ---
      published: 2026-03-04
      source: Harbour Times
      ---
      Ministers agree port deal
      The body starts here...

- ``.jsonl``/``.ndjson`` (one object a line), ``.json`` (a list of objects, an object holding
  such a list, e.g. under ``"articles"``, or one object), ``.csv``/``.tsv`` (a header row) and
  ``.parquet``: one article a row. ``columns`` maps our field names to the file's column names
  (``columns={"text": "body", "title": "headline"}``); unmapped fields are guessed from common
  names (text/body/content/article/story, title/headline, published/date/pubdate/timestamp,
  source/outlet/publisher, url/link, category/section/topic, id/doc_id); map a field to
  ``None`` to stop a guess. ``doc_id`` is the row's ``id``/``doc_id`` value when there is one
  (a repeated id gets ``~2``, ``~3``... and a warning), else ``<path without suffix>:<row>``,
  where ``row`` counts records from 1 (the JSONL line number; CSV rows after the header).
  Without a title column the first line of the text is the title; a body that repeats the
  title as its first line loses that line. Other columns are kept after the schema columns.
- ``.html``/``.htm``: main text, title, date, URL and site name extracted offline with
  trafilatura; a page where it finds no article text is an error row.

Inside a folder, hidden files and folders (``.name``), editor backups (``name~``),
documentation by name (``README*``, ``LICENSE``, ``CHANGELOG``... with any suffix, so
``README.md`` is never an article) and assets that are obviously not articles (images, code,
notebooks, YAML/TOML/INI config, logs) are skipped silently. Any other unsupported file
(``.pdf``, ``.docx``, ``notes.md``, a file without suffix...) is an error row, so it cannot
vanish unnoticed. A single file of an unsupported type is an error row too (and, as nothing
loads, a ``CorpusError``).

Clean-up, applied to all text: Unicode NFC; a byte-order mark is removed; CRLF and CR become
LF; control characters other than newline and tab are removed; any run of horizontal
whitespace (spaces, tabs, non-breaking and other Unicode spaces) becomes one space; lines
are stripped; at most one blank line separates paragraphs; and lines matching a web
boilerplate pattern are dropped. The patterns live in ``resources/boilerplate.txt`` (one a
line, ``#`` comments, case-insensitive; plain text matches a whole line ignoring surrounding
punctuation, ``re:REGEX`` must match the whole line); ``boilerplate=`` adds patterns in the
same syntax (a list of patterns or a path to such a file). ``text`` is
``title + "\\n\\n" + body`` (just the title when there is no body); body paragraphs are
separated by one blank line.

Encodings: UTF-8, UTF-8 with a BOM, UTF-16 with a BOM. Anything else is read as cp1252 and
gets a "warning" row naming the first byte that is not UTF-8 and its offset. Files with NUL
bytes or bytes that are not text in either encoding are "error" rows.

Published dates are parsed leniently (ISO 8601, "27 November 2026", RFC 2822 "Fri, 27 Nov
2026 10:00:00 +0000", Unix seconds...); time zones are converted to UTC and dropped (the
schema's naive UTC). Ambiguous numeric dates such as 03/04/2026 are read month first.
A value without a four-digit year is not guessed at. An unparseable value leaves ``NaT``
and a "warning" row.

Problems rows (path relative to the corpus root, line, severity, reason): "warning" means
the article loaded anyway (encoding fallback, unparseable date, title only, repeated id,
exact duplicate); "error" means nothing was loaded from that file or row (empty,
whitespace-only or binary file, unreadable file, malformed JSON line, row without text,
unsupported type...). ``line`` is the 1-based line (text, JSONL) or row (CSV, JSON list,
Parquet), or empty when the problem concerns the whole file.

An exact duplicate is an article whose whole ``text`` (after clean-up) equals an earlier
article's: it gets a "warning" row naming the earlier ``doc_id`` and is kept, unless
``drop_duplicates=True``, which drops it (the row then says so).

Whole corpus, after every file is read: ``duplicate_of`` names the kept copy of an article that
repeats an earlier story (exact, the same body under another title, or a near copy:
``analysis.duplicates``; same-body and near copies get a "warning" row, and
``drop_duplicates=True`` drops them too), and ``language`` is its detected language
(``analysis.language``). Known export shapes (news-please, NewsAPI, GDELT DOC lists), RSS/Atom
feeds (``.rss``, ``.atom``, ``.xml``), dotted column names and the corpus's ``analysis.yaml``
are described in ``analysis.columns``.

Example:
    >>> articles, problems = load_articles("data/sample")          # doctest: +SKIP
    >>> articles[["doc_id", "title", "published", "source"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
import sys
import unicodedata
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import pandas as pd

from . import columns as export_columns
from . import paths, schemas
from .options import check_choice

TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = export_columns.FEED_SUFFIXES
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES

# Fields a column mapping may name, and the column names guessed for each (in order).
FIELDS = ("doc_id", "title", "text", "published", "source", "url", "category")
COLUMN_GUESSES: dict[str, tuple[str, ...]] = {
    "doc_id": ("doc_id", "id", "article_id", "uid", "guid"),
    "title": ("title", "headline", "heading", "head", "hed"),
    "text": ("text", "body", "content", "article", "article_text", "story", "full_text", "fulltext", "maintext",
             "main_text", "body_text"),
    "published": ("published", "date", "published_at", "publish_date", "published_date", "publication_date",
                  "date_published", "pubdate", "pub_date", "datetime", "timestamp", "time", "created_at"),
    "source": ("source", "outlet", "publisher", "publication", "sitename", "site_name", "site", "newspaper",
               "source_name"),
    "url": ("url", "link", "href", "permalink", "source_url", "article_url"),
    "category": ("category", "section", "topic", "desk", "label"),
}

# Inside a folder these are skipped without a problems row: plainly not articles.
_DOC_NAME = re.compile(
    r"(.*readme.*|licen[cs]e|copying|notice|authors|contributors|contributing|changelog|changes|citation|"
    r"manifest|code_of_conduct)",
    re.IGNORECASE,
)
_ASSET_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .svg .webp .ico .bmp .tif .tiff .py .pyc .ipynb .r .js .css .sh .yml .yaml .toml "
    ".cfg .ini .lock .log".split()
)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\ufeff]")  # \t \n \x0b \x0c \x1c-\x1f are whitespace below
_HSPACE = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")
_FRONT_KEY = re.compile(r"([A-Za-z_][\w -]*?)\s*:\s?(.*)")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([\w-]+)""", re.IGNORECASE)
_JSON_LIST_KEYS = (
    "articles", "items", "data", "documents", "docs", "records", "results", "entries", "rows", "stories",
)


class CorpusError(ValueError):
    """The corpus path does not exist or holds no loadable articles (a one-line message)."""

    def __init__(self, message: str, problems: pd.DataFrame | None = None):
        super().__init__(message)
        self.problems = problems if problems is not None else schemas.empty("problems")


def load_articles(
    path: str | Path,
    *,
    columns: Mapping[str, str | None] | None = None,
    drop_duplicates: bool = False,
    boilerplate: Iterable[str] | str | Path | None = None,
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Read a folder (recursively) or a file of articles into articles and problems frames.

    Args:
        path: a folder of article files, or one file (.txt, .jsonl, .json, .csv, .tsv,
            .parquet, .html). Relative paths resolve against the current folder, then the
            project root.
        columns: for table formats, our field name -> the file's column name, e.g.
            ``{"text": "body", "title": "headline"}`` or ``"text=body,source=source.name"``
            (dotted names reach nested fields); unmapped fields are guessed; a field
            mapped to ``None`` is not guessed. It goes on top of the corpus's settings
            file (``analysis.yaml``, see ``analysis.columns``). A file without a mapped
            column is an error row naming the columns it has.
        drop_duplicates: drop articles whose whole text repeats an earlier article's
            (each still gets a problems row) instead of keeping them.
        boilerplate: extra boilerplate line patterns (``"Sponsored by Acme"``,
            ``"re:photo: .*"``), or a path to a file of them, added to the built-in list.

    Returns:
        ``(articles, problems)``: the "articles" frame (extra input columns after the
        schema columns) and the "problems" frame, both in sorted path order.

    Raises:
        CorpusError: the path does not exist, or nothing in it could be loaded.

    Example:
        >>> articles, problems = load_articles("data/sample")   # doctest: +SKIP
        >>> articles.loc[0, "text"].startswith(articles.loc[0, "title"])  # doctest: +SKIP
        True
    """
    mapping = _check_columns(export_columns.merged_columns(paths.resolve(path), columns))
    drop_line = _boilerplate_matcher(tuple(_read_patterns(boilerplate)))
    given = Path(path)
    root = paths.resolve(path)
    if not root.exists():
        raise CorpusError(
            f"corpus {str(given)!r} does not exist; give a folder or file of articles "
            f"({', '.join(SUPPORTED_SUFFIXES)})"
        )
    loader = _Loader(root if root.is_dir() else root.parent, mapping, drop_line, drop_duplicates)
    if root.is_dir():
        files = loader.walk(root)
        if not files and not loader.problems:
            raise CorpusError(
                f"{str(given)!r} holds no article files ({', '.join(SUPPORTED_SUFFIXES)}); "
                f"point to the folder that holds them"
            )
        for file in files:
            loader.read(file)
    else:
        loader.read(root)
    articles, problems = _annotate(*loader.frames(), drop_duplicates=drop_duplicates)
    if articles.empty:
        first = problems.iloc[0] if len(problems) else None
        example = f" (first: {first.path}: {first.reason})" if first is not None else ""
        raise CorpusError(
            f"no articles could be loaded from {str(given)!r}: {len(problems)} problem(s){example}; "
            f"fix the files or point to another corpus",
            problems,
        )
    return articles, problems


def _annotate(articles: pd.DataFrame, problems: pd.DataFrame, *, drop_duplicates: bool):
    """Language and duplicates need the whole corpus: added after every file is read."""
    from .duplicates import mark_duplicates
    from .language import detect_languages

    if articles.empty:
        return articles, problems
    articles, rows = mark_duplicates(articles, drop=drop_duplicates)
    articles["language"] = pd.array(detect_languages(articles["text"]), dtype="string")
    if rows:
        found = pd.DataFrame(rows, columns=schemas.columns("problems"))
        problems = pd.concat([problems, found.astype({"line": schemas.NINT})], ignore_index=True)
        problems = problems.sort_values("path", kind="stable").reset_index(drop=True)
    return articles, schemas.conform(problems, "problems")


# --------------------------------------------------------------------------- options


def _check_columns(columns: Mapping[str, str | None] | None) -> dict[str, str | None]:
    if columns is None:
        return {}
    if not isinstance(columns, Mapping):
        raise TypeError(f"columns must be a dict like {{'text': 'body'}}, not {type(columns).__name__}")
    for key, value in columns.items():
        check_choice("columns key", key, FIELDS)
        if value is not None and not isinstance(value, str):
            raise TypeError(f"columns[{key!r}] must be a column name (str) or None, not {value!r}")
    return dict(columns)


def _read_patterns(extra: Iterable[str] | str | Path | None) -> list[str]:
    lines = (paths.RESOURCES / "boilerplate.txt").read_text(encoding="utf-8").splitlines()
    if isinstance(extra, Path):
        lines += extra.read_text(encoding="utf-8").splitlines()
    elif isinstance(extra, str):
        lines.append(extra)
    elif extra is not None:
        lines += list(extra)
    return [line.strip() for line in lines if line.strip() and not line.lstrip().startswith("#")]


@lru_cache(maxsize=16)
def _boilerplate_matcher(patterns: tuple[str, ...]):
    """One compiled regex for all patterns; returns its ``fullmatch``."""
    parts = []
    for pattern in patterns:
        if pattern.startswith("re:"):
            regex = pattern[3:].strip()
            try:
                re.compile(regex)
            except re.error as exc:
                raise ValueError(
                    f"boilerplate pattern {pattern!r} is not a valid regular expression ({exc}); fix it"
                ) from None
            parts.append(f"(?:{regex})")
        else:
            words = _ANY_SPACE.sub(" ", pattern).strip()
            parts.append(r"[\W_]*" + re.escape(words) + r"[\W_]*")
    return re.compile("|".join(parts), re.IGNORECASE).fullmatch


# --------------------------------------------------------------------------- clean-up


def clean_text(text: str, *, boilerplate: Iterable[str] | None = None) -> str:
    """The loader's clean-up of one text (see the module docstring), for reuse and tests.

    Example:
        >>> clean_text("Title\\r\\n\\r\\n\\r\\nA  body\\tline. \\nAdvertisement\\n")
        'Title\\n\\nA body line.'
    """
    return _clean(text, _boilerplate_matcher(tuple(_read_patterns(boilerplate))))


def _clean(text: str, drop_line) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = _HSPACE.sub(" ", _CONTROL.sub("", text))
    text = unicodedata.normalize("NFC", text)
    lines: list[str] = []
    blank = True  # no leading blank lines
    for line in text.split("\n"):
        line = line.strip()
        if not line:
            if not blank:
                lines.append("")
                blank = True
        elif not drop_line(line):
            lines.append(line)
            blank = False
    if lines and not lines[-1]:
        lines.pop()
    return "\n".join(lines)


def _one_line(value) -> str:
    """A metadata value (title, source...) as one clean line."""
    if _blank(value):
        return ""
    return unicodedata.normalize("NFC", _ANY_SPACE.sub(" ", _CONTROL.sub("", str(value)))).strip()


def _blank(value) -> bool:
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip()
    if isinstance(value, (list, tuple, dict)):
        return len(value) == 0
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


def _split_title(cleaned: str) -> tuple[str, str]:
    title, _, body = cleaned.partition("\n")
    return title, body.lstrip("\n")


def _drop_repeated_title(title: str, body: str) -> str:
    first, _, rest = body.partition("\n")
    return rest.lstrip("\n") if first.casefold() == title.casefold() else body


# --------------------------------------------------------------------------- decoding


class _Unreadable(Exception):
    """A file that cannot be read as text at all (the reason is the message)."""


def _read_bytes(path: Path) -> bytes:
    return path.read_bytes()


def _decode(data: bytes, *, html: bool = False) -> tuple[str, str | None, int | None]:
    """Text, and a warning reason plus line when the cp1252 fallback was used."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None, None
        except UnicodeDecodeError:
            raise _Unreadable("starts like UTF-16 but is not valid UTF-16; re-save it as UTF-8") from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _Unreadable(
            f"binary file (NUL byte at offset {nul}); not text, remove it or convert it to UTF-8 text"
        )
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8"), None, None
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
    if html:
        declared = _CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii")), None, None
            except (LookupError, UnicodeDecodeError):
                pass
    try:
        text = data[skip:].decode("cp1252")
    except UnicodeDecodeError as exc:
        bad = skip + exc.start
        raise _Unreadable(
            f"not text: not UTF-8 (byte 0x{data[offset]:02X} at offset {offset}) and byte 0x{data[bad]:02X} "
            f"at offset {bad} is not cp1252 either; remove the file or re-save it as UTF-8"
        ) from None
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\x0c")
    if controls > max(2, len(text) // 100):
        raise _Unreadable(
            "binary file (control bytes, not UTF-8); not text, remove it or convert it to UTF-8 text"
        )
    line = data.count(b"\n", 0, offset) + 1
    reason = (
        f"not valid UTF-8 (byte 0x{data[offset]:02X} at offset {offset}); read as cp1252, "
        f"re-save the file as UTF-8 to silence this"
    )
    return text, reason, line


# --------------------------------------------------------------------------- dates


def _parse_date(value, cache: dict) -> pd.Timestamp | None:
    """Naive UTC timestamp, NaT for a missing value, None when the value is not a date."""
    if _blank(value):
        return pd.NaT
    try:
        key = value if isinstance(value, (str, int, float)) else repr(value)
        if key in cache:
            return cache[key]
    except TypeError:
        key = None
    result = _to_timestamp(value)
    if key is not None:
        cache[key] = result
    return result


def _to_timestamp(value) -> pd.Timestamp | None:
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)):
            unit = "ms" if abs(value) > 1e11 else "s"
            return pd.Timestamp(value, unit=unit)
        if isinstance(value, (datetime, pd.Timestamp)) or hasattr(value, "dtype"):
            stamp = pd.Timestamp(value)
        else:
            text = _one_line(value)
            stamp = _parse_date_text(text)
            if stamp is None:
                return None
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert(timezone.utc).tz_localize(None)
        return stamp.as_unit("ns")
    except (ValueError, OverflowError, TypeError, pd.errors.OutOfBoundsDatetime):
        return None


def _parse_date_text(text: str) -> pd.Timestamp | None:
    try:
        return pd.Timestamp(datetime.fromisoformat(text))
    except ValueError:
        pass
    if not _YEAR.search(text):
        return None
    from dateutil import parser

    with warnings.catch_warnings():
        # a trailing zone name dateutil does not know ("... 15:01:01.79 RM") leaves the time naive: fine
        warnings.simplefilter("ignore", parser.UnknownTimezoneWarning)
        try:
            parsed = parser.parse(text, default=datetime(2000, 1, 1))
        except (ValueError, OverflowError, parser.ParserError):
            return None
    return pd.Timestamp(parsed)


# --------------------------------------------------------------------------- the loader


@dataclass
class _Record:
    doc_id: str
    title: str
    body: str
    published: object  # raw value
    source: str
    url: str
    category: str
    path: str
    line: int | None = None
    extra: dict = field(default_factory=dict)
    id_from_input: bool = False
    date_line: int | None = None


class _Loader:
    def __init__(self, root: Path, mapping: dict, drop_line, drop_duplicates: bool):
        self.root = root
        self.mapping = mapping
        self.drop_line = drop_line
        self.drop_duplicates = drop_duplicates
        self.problems: list[tuple[str, int | None, str, str]] = []
        self.rows: dict[str, list] = {name: [] for name in schemas.columns("articles")}
        self.extras: list[dict] = []
        self.seen_text: dict[str, str] = {}
        self.used_ids: set[str] = set()
        self.dates: dict = {}

    # ---- finding files

    def walk(self, folder: Path) -> list[Path]:
        found: list[tuple[str, Path]] = []

        def unlisted(exc: OSError) -> None:
            where = Path(exc.filename) if exc.filename else folder
            self.problem(self.rel(where), None, "error",
                         f"cannot list folder ({exc.strerror}); check its permissions")

        for dirpath, dirnames, filenames in os.walk(folder, onerror=unlisted):
            dirnames[:] = [d for d in dirnames if not d.startswith(".") and d != "__pycache__"]
            for name in filenames:
                if name.startswith(".") or name.endswith("~"):
                    continue
                file = Path(dirpath, name)
                suffix = file.suffix.lower()
                # unsupported files are kept so that read() reports them, unless plainly not articles
                if suffix in SUPPORTED_SUFFIXES or not (_DOC_NAME.fullmatch(file.stem) or suffix in _ASSET_SUFFIXES):
                    found.append((self.rel(file), file))
        found.sort(key=lambda pair: pair[0])
        return [file for _, file in found]

    def rel(self, file: Path) -> str:
        try:
            return file.relative_to(self.root).as_posix()
        except ValueError:
            return file.as_posix()

    # ---- reading one file

    def read(self, file: Path) -> None:
        rel = self.rel(file)
        suffix = file.suffix.lower()
        if suffix not in SUPPORTED_SUFFIXES:
            kind = f"'{file.suffix}'" if file.suffix else "without a suffix"
            self.problem(rel, None, "error",
                         f"unsupported file type {kind}; convert it to one of {', '.join(SUPPORTED_SUFFIXES)} "
                         f"or move it out of the corpus")
            return
        try:
            if suffix == ".parquet" or suffix in FEED_SUFFIXES:
                self.read_table(file, rel, suffix, None)
                return
            data = _read_bytes(file)
        except OSError as exc:
            self.problem(rel, None, "error",
                         f"cannot read file ({exc.strerror or exc}); check that it exists and you may read it")
            return
        if not data:
            self.problem(rel, None, "error", "empty file (0 bytes); nothing to load")
            return
        try:
            text, warning, line = _decode(data, html=suffix in HTML_SUFFIXES)
        except _Unreadable as exc:
            self.problem(rel, None, "error", str(exc))
            return
        if warning:
            self.problem(rel, line, "warning", warning)
        if not text.strip():
            self.problem(rel, None, "error", "only whitespace; nothing to load")
            return
        if suffix in TEXT_SUFFIXES:
            self.read_text(file, rel, text)
        elif suffix in HTML_SUFFIXES:
            self.read_html(file, rel, text)
        else:
            self.read_table(file, rel, suffix, text)

    def category_of(self, rel: str) -> str:
        parts = rel.split("/")
        return parts[0] if len(parts) > 1 else ""

    def read_text(self, file: Path, rel: str, text: str) -> None:
        meta, text, date_line = self.front_matter(rel, text)
        cleaned = _clean(text, self.drop_line)
        title = _one_line(meta.pop("title", ""))
        if title:
            body = _drop_repeated_title(title, cleaned)
        elif cleaned:
            title, body = _split_title(cleaned)
        else:
            self.problem(rel, None, "error", "only boilerplate lines; nothing to load")
            return
        self.add(_Record(
            doc_id=self.file_id(rel),
            title=title,
            body=body,
            published=meta.pop("published", None),
            source=_one_line(meta.pop("source", "")),
            url=_one_line(meta.pop("url", "")),
            category=_one_line(meta.pop("category", "")) or self.category_of(rel),
            path=rel,
            extra=meta,
            date_line=date_line,
        ))

    def front_matter(self, rel: str, text: str) -> tuple[dict, str, int | None]:
        """Metadata from a leading ``---`` block, the remaining text, and the date's line."""
        if text.startswith("\ufeff"):
            text = text[1:]
        head, sep, _ = text.partition("\n")
        if head.strip() != "---" or not sep:
            return {}, text, None
        lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        meta: dict = {}
        date_line = None
        for number, line in enumerate(lines[1:], start=2):
            if line.strip() == "---":
                return meta, "\n".join(lines[number:]), date_line
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
        self.problem(rel, 1, "warning", "starts with '---' but has no closing '---' line; read as plain text")
        return {}, text, None

    def read_html(self, file: Path, rel: str, text: str) -> None:
        import logging

        import trafilatura

        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        try:
            doc = trafilatura.bare_extraction(
                text, with_metadata=True, include_comments=False, include_images=False,
                date_extraction_params={"extensive_search": False, "original_date": True},
            )
        except Exception as exc:  # trafilatura/lxml raise many kinds on odd markup
            self.problem(rel, None, "error",
                         f"trafilatura could not parse the page ({type(exc).__name__}); nothing loaded")
            return
        if doc is not None and not isinstance(doc, dict):
            doc = doc.as_dict()
        body = (doc or {}).get("text") or ""
        cleaned = _clean(body.replace("\n", "\n\n"), self.drop_line)
        if not cleaned:
            self.problem(rel, None, "error", "trafilatura found no article text in this page; nothing loaded")
            return
        title = _one_line(doc.get("title"))
        if title:
            body = _drop_repeated_title(title, cleaned)
        else:
            title, body = _split_title(cleaned)
        self.add(_Record(
            doc_id=self.file_id(rel),
            title=title,
            body=body,
            published=doc.get("date"),
            source=_one_line(doc.get("sitename")),
            url=_one_line(doc.get("url")),
            category=self.category_of(rel),
            path=rel,
        ))

    # ---- table formats

    def read_table(self, file: Path, rel: str, suffix: str, text: str | None) -> None:
        try:
            rows = export_columns.tidy_rows(list(self.table_rows(file, rel, suffix, text)))
        except _Unreadable as exc:
            self.problem(rel, None, "error", str(exc))
            return
        if not rows:
            if not any(p[0] == rel for p in self.problems):
                self.problem(rel, None, "error", "holds no rows; nothing to load")
            return
        names: dict[str, None] = {}
        for _, row in rows:
            names.update(dict.fromkeys(row))
        mapping, missing = export_columns.resolve_mapping(self.mapping, list(names))
        if missing:
            self.problem(rel, None, "error", export_columns.missing_column_message(*missing[0], list(names)))
            return
        fields, problem = self.resolve_columns(list(names), mapping)
        if problem:
            self.problem(rel, None, "error", problem)
            return
        used = {column for column in fields.values() if column is not None}
        stem = rel[: -len(file.suffix)] if file.suffix else rel
        for number, row in rows:
            self.add_row(rel, stem, number, row, fields, used)

    def table_rows(self, file: Path, rel: str, suffix: str, text: str | None) -> Iterator[tuple[int, dict]]:
        if suffix in FEED_SUFFIXES:
            try:
                rows, reason = export_columns.feed_rows(_read_bytes(file))
            except OSError as exc:
                raise _Unreadable(f"cannot read file ({exc.strerror or exc}); check that it exists and you may read it") from None
            if reason:
                raise _Unreadable(reason)
            yield from rows
        elif suffix == ".parquet":
            try:
                frame = pd.read_parquet(file)
            except OSError as exc:
                if isinstance(exc, PermissionError) or exc.errno is not None:
                    raise _Unreadable(
                        f"cannot read file ({exc.strerror or exc}); check that it exists and you may read it"
                    ) from None
                raise _Unreadable(f"not a readable Parquet file ({_first_line(exc)}); re-export it") from None
            except Exception as exc:  # pyarrow raises its own error types for corrupt files
                raise _Unreadable(f"not a readable Parquet file ({_first_line(exc)}); re-export it") from None
            for number, row in enumerate(frame.to_dict("records"), start=1):
                yield number, row
        elif suffix in (".jsonl", ".ndjson"):
            for number, line in enumerate(text.split("\n"), start=1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    self.problem(rel, number, "error",
                                 f"malformed JSON ({exc.msg} at column {exc.colno}); fix or remove the line")
                    continue
                if isinstance(obj, dict):
                    yield number, obj
                else:
                    self.problem(rel, number, "error",
                                 f"a JSON {type(obj).__name__}, not an object; "
                                 f"each line must be one article object")
        elif suffix == ".json":
            try:
                obj = json.loads(text)
            except json.JSONDecodeError as exc:
                self.problem(rel, exc.lineno, "error",
                             f"malformed JSON ({exc.msg} at line {exc.lineno} column {exc.colno}); fix the file")
                return
            items = _json_items(obj)
            if items is None:
                self.problem(rel, None, "error",
                             "JSON holds no list of article objects; give a list of objects or use .jsonl")
                return
            for number, item in enumerate(items, start=1):
                if isinstance(item, dict):
                    yield number, item
                else:
                    self.problem(rel, number, "error",
                                 f"item {number} is a JSON {type(item).__name__}, not an article object")
        else:
            yield from self.csv_rows(rel, text, "\t" if suffix == ".tsv" else ",")

    def csv_rows(self, rel: str, text: str, delimiter: str) -> Iterator[tuple[int, dict]]:
        old_limit = csv.field_size_limit()
        csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
        try:
            reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
            try:
                header = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                raise _Unreadable(f"malformed CSV header ({exc}); fix the file") from None
            header = _unique_names([_one_line(h) for h in header])
            number = 0
            while True:
                try:
                    values = next(reader)
                except StopIteration:
                    break
                except csv.Error as exc:
                    number += 1
                    self.problem(rel, number, "error", f"malformed CSV row ({exc}); fix the row")
                    continue
                if not values or (len(values) == 1 and not values[0].strip()):
                    continue  # a blank line, not a row
                number += 1
                if len(values) > len(header):
                    self.problem(rel, number, "error",
                                 f"row has {len(values)} fields but the header has {len(header)}; fix its quoting")
                    continue
                yield number, dict(zip(header, values))
        finally:
            csv.field_size_limit(old_limit)

    def resolve_columns(self, names: list[str], mapping: dict) -> tuple[dict[str, str | None], str | None]:
        """Our field -> the file's column (or None), or a reason the file cannot be read."""
        lower = {}
        for name in names:
            lower.setdefault(str(name).strip().lower(), name)
        fields: dict[str, str | None] = {}
        for key in FIELDS:
            if key in mapping:
                wanted = mapping[key]
                if wanted is not None and wanted not in names:
                    if key in ("text", "title"):
                        shown = ", ".join(map(str, names[:12]))
                        reason = (f"has no column {wanted!r} (columns={{{key!r}: {wanted!r}}}); "
                                  f"its columns are: {shown}")
                        return {}, reason
                    wanted = None
                fields[key] = wanted
                continue
            taken = set(fields.values())
            fields[key] = next(
                (lower[g] for g in COLUMN_GUESSES[key] if g in lower and lower[g] not in taken), None
            )
        if fields["text"] is None and fields["title"] is None:
            shown = ", ".join(map(str, names[:12]))
            return {}, f"no text column found among: {shown}; pass columns={{'text': NAME}}"
        return fields, None

    def add_row(self, rel: str, stem: str, number: int, row: dict, fields: dict, used: set) -> None:
        def get(key):
            column = fields.get(key)
            return None if column is None else row.get(column)

        raw_text = get("text")
        if isinstance(raw_text, (list, tuple)):
            raw_text = "\n\n".join(str(part) for part in raw_text if not _blank(part))
        cleaned = "" if _blank(raw_text) else _clean(str(raw_text), self.drop_line)
        title = _one_line(get("title"))
        if title:
            body = _drop_repeated_title(title, cleaned)
        elif cleaned:
            title, body = _split_title(cleaned)
        else:
            column = fields.get("text") or fields.get("title")
            self.problem(rel, number, "error", f"row has no text (column {column!r} is empty); nothing loaded")
            return
        if not body:
            self.problem(rel, number, "warning", "title only: the row has no body text")
        raw_id = get("doc_id")
        from_input = not _blank(raw_id)
        extra = {}
        for column, value in row.items():
            if column in used:
                continue
            name = str(column)
            extra[f"input_{name}" if name in self.rows else name] = value
        self.add(_Record(
            doc_id=_one_line(raw_id) if from_input else f"{stem}:{number}",
            title=title,
            body=body,
            published=get("published"),
            source=_one_line(get("source")),
            url=_one_line(get("url")),
            category=_one_line(get("category")) or self.category_of(rel),
            path=rel,
            line=number,
            extra=extra,
            id_from_input=from_input,
        ), row_based=True)

    # ---- collecting

    def file_id(self, rel: str) -> str:
        stem = rel[: -len(Path(rel).suffix)] if Path(rel).suffix else rel
        return stem if stem not in self.used_ids else rel

    def unique_id(self, doc_id: str) -> str:
        if doc_id not in self.used_ids:
            return doc_id
        k = 2
        while f"{doc_id}~{k}" in self.used_ids:
            k += 1
        return f"{doc_id}~{k}"

    def add(self, record: _Record, *, row_based: bool = False) -> None:
        where = record.line
        if row_based is False and not record.body:
            self.problem(record.path, None, "warning",
                         "title only: the file has no body text after the first line")
        doc_id = self.unique_id(record.doc_id)
        if doc_id != record.doc_id and record.id_from_input:
            self.problem(record.path, where, "warning",
                         f"doc_id {record.doc_id!r} repeats an earlier article's; renamed to {doc_id!r}")
        published = _parse_date(record.published, self.dates)
        if published is None:
            shown = _one_line(record.published)[:60]
            self.problem(record.path, where if row_based else record.date_line, "warning",
                         f"published value {shown!r} is not a date; left empty (use e.g. 2026-03-04)")
            published = pd.NaT
        text = f"{record.title}\n\n{record.body}" if record.body else record.title
        earlier = self.seen_text.get(text)
        if earlier is not None:
            if self.drop_duplicates:
                self.problem(record.path, where, "warning",
                             f"exact duplicate of {earlier!r}; dropped (drop_duplicates=True)")
                return
            self.problem(record.path, where, "warning",
                         f"exact duplicate of {earlier!r}; kept (pass drop_duplicates=True to drop it)")
        else:
            self.seen_text[text] = doc_id
        self.used_ids.add(doc_id)
        values = {
            "doc_id": doc_id, "title": record.title, "text": text, "published": published,
            "source": record.source, "url": record.url, "category": record.category, "path": record.path,
            "language": None, "duplicate_of": None,  # filled for the whole corpus by _annotate
        }
        for name, value in values.items():
            self.rows[name].append(value)
        self.extras.append(record.extra)

    def problem(self, path: str, line: int | None, severity: str, reason: str) -> None:
        self.problems.append((path, line, severity, reason))

    def frames(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        data = dict(self.rows)
        data["published"] = pd.Series(data["published"], dtype=schemas.DATETIME)
        articles = pd.DataFrame(data)
        if any(self.extras):
            extra = pd.DataFrame.from_records(self.extras)
            articles = pd.concat([articles, extra], axis=1)
        problems = pd.DataFrame(self.problems, columns=schemas.columns("problems"))
        problems["line"] = problems["line"].astype(schemas.NINT)
        return schemas.conform(articles, "articles", keep_extra=True), schemas.conform(problems, "problems")


def _json_items(obj) -> list | None:
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


def _unique_names(names: list[str]) -> list[str]:
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


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
