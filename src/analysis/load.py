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
  line); other keys become extra columns, except ``doc_id``, ``text``, ``path`` and
  ``published_raw``, which the loader sets: they are kept as ``input_<key>`` with a warning.
  Without a closing ``---`` the file is read as plain text and a warning says so::

      ---
      published: 2026-03-04
      source: Harbour Times
      ---
      Ministers agree port deal
      The body starts here...

  A first line that is not a headline (over 200 characters, or over 100 ending like a
  sentence with ``.`` or ``!``) is kept as body text; the title is then made from the file
  name (``port-deal_agreed.txt`` -> ``port deal agreed``) and a warning says so.

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
  title as its first line loses that line. Other columns are kept after the schema columns
  (``prepare`` stores each with one type: see ``analysis.extra_columns``). NewsAPI's
  truncation marker (``… [+1210 chars]``) is removed from the text, with a warning that the
  text is cut short. A CSV whose header plainly uses ``;``, ``|`` or tab is read with that
  delimiter; a quote that is never closed makes its row an error row, and the rows after it
  load (Python's csv would read them all into that one field).
- ``.html``/``.htm``: main text, title, date, URL and site name extracted offline with
  trafilatura; a page where it finds no article text is an error row. The site name after
  the headline (``"Port deal agreed | Harbour Times"``) is stripped (``strip_site_suffix``:
  ``None``, the default, strips it for pages only; ``True`` for every format; ``False``
  never). If trafilatura cannot be imported, each page is one error row and the rest loads.

Inside a folder, every regular file is read once: symbolic links to folders are followed, and
a folder reached again (a symlink loop, a second link) or a file reached again (a link) gets a
warning and is not read twice. FIFOs, devices, sockets and broken links are error rows (never
opened, so they cannot hang or read forever). A file name that is not valid UTF-8 is shown
with U+FFFD and loads with a warning. Hidden files and folders (``.name``), editor backups (``name~``),
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
bytes or bytes that are not text in either encoding are "error" rows. Web pages are decoded
as browsers do: a byte-order mark, else the declared charset (``<meta charset>``, XML
declaration; latin-1 and ASCII labels read as cp1252), else UTF-8, else the encoding
``charset-normalizer`` detects; bytes invalid in that encoding become U+FFFD one by one (with
a warning), and NUL bytes are dropped (a page that is more than 10% NUL is binary). Lone
surrogates (``"\\ud800"`` in JSON) become U+FFFD. A file that fails in a way not foreseen
(or JSON nested too deeply) is one error row and none of its rows load.

Size: an article whose text is over ``max_article_bytes`` (UTF-8 bytes, default 5 MB) is
cut at the last line break (else space) before the limit, with a warning; a web page over
four times the limit is parsed only up to that size. ``None`` lifts the limit.

Published dates are parsed leniently (ISO 8601, "27 November 2026", RFC 2822 "Fri, 27 Nov
2026 10:00:00 +0000"...); time zones are converted to UTC and dropped (the schema's naive
UTC), and the value as given is kept in ``published_raw``. Ambiguous numeric dates such as
03/04/2026 are read month first, or day first with ``dayfirst=True`` (CLI ``--dayfirst``).
Numbers (in JSON, Parquet, or a CSV cell of digits) are read by shape: 1800-2100 is a year,
8/12/14 digits forming a valid date are ``yyyymmdd``/``yyyymmddHHMM``/``yyyymmddHHMMSS``,
anything else Unix time in seconds, milliseconds, microseconds or nanoseconds by magnitude.
A value without a four-digit year is not guessed at. An unparseable value, or a date outside
1800-2100, leaves ``NaT`` and a "warning" row.

Problems rows (path relative to the corpus root, line, severity, reason): "warning" means
the article loaded anyway (encoding fallback, unparseable date, title only, repeated id,
exact duplicate); "error" means nothing was loaded from that file or row (empty,
whitespace-only or binary file, unreadable file, malformed JSON line, row without text,
unsupported type...). ``line`` is the 1-based line (text, JSONL) or row (CSV, JSON list,
Parquet), or empty when the problem concerns the whole file.

An exact duplicate is an article whose whole ``text`` (after clean-up) equals an earlier
article's: it gets a "warning" row naming the earlier ``doc_id`` and is kept, unless
``drop_duplicates=True`` (CLI ``--drop-duplicates``), which drops it (the row then says so).

``load_corpus`` returns the same frames plus a digest of the bytes it read; the prepare
cache is keyed by it, so each file is read once and the key always matches the content.

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
import hashlib
import io
import json
import math
import os
import re
import stat
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
# front-matter keys that would overwrite a column the loader sets; kept as input_<key>
RESERVED_KEYS = frozenset({"doc_id", "text", "path", "published_raw"})
_DOC_NAME = re.compile(
    r"(.*readme.*|licen[cs]e|copying|notice|authors|contributors|contributing|changelog|changes|citation|"
    r"manifest|code_of_conduct)",
    re.IGNORECASE,
)
_ASSET_SUFFIXES = frozenset(
    ".png .jpg .jpeg .gif .svg .webp .ico .bmp .tif .tiff .py .pyc .ipynb .r .js .css .sh .yml .yaml .toml "
    ".cfg .ini .lock .log".split()
)

_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1b\x7f\ufeff]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")  # lone halves (JSON "\ud800"): cannot be written as UTF-8  # \t \n \x0b \x0c \x1c-\x1f are whitespace below
_HSPACE = re.compile(r"[^\S\n]+")
_ANY_SPACE = re.compile(r"\s+")
_FRONT_KEY = re.compile(r"([A-Za-z_][\w -]*?)\s*:\s?(.*)")
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")
_CHARSET = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?([\w.:-]+)|<\?xml[^>]+encoding\s*=\s*["']([\w.:-]+)""", re.IGNORECASE
)
# NewsAPI cuts `content` at ~200 characters and appends "… [+1210 chars]"
_TRUNCATION_MARK = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\s?[\d,]+\s*chars?\]\s*$")
_DIGITS = re.compile(r"\d{5,}(?:\.\d+)?")
# a first line longer than this, or a long one ending like a sentence, is body text, not a title
TITLE_MAX_CHARS = 200
_SENTENCE_END = re.compile(r"(?<!\.\.)[.!]['\"”’)]?$")
# " | Harbour Times", " - BBC News": the separators sites put between a headline and their name
_SITE_SEPARATOR = re.compile(r"\s+(?:\||-|–|—|::|·|•|»)\s+")
DEFAULT_MAX_ARTICLE_BYTES = 5_000_000
DATE_RANGE = (pd.Timestamp("1800-01-01"), pd.Timestamp("2101-01-01"))  # [start, end)
_JSON_LIST_KEYS = (
    "articles", "items", "data", "documents", "docs", "records", "results", "entries", "rows", "stories",
)


class CorpusError(ValueError):
    """The corpus path does not exist or holds no loadable articles (a one-line message)."""

    def __init__(self, message: str, problems: pd.DataFrame | None = None):
        super().__init__(message)
        self.problems = problems if problems is not None else schemas.empty("problems")


@dataclass
class LoadedCorpus:
    """What ``load_corpus`` read: the two frames and a digest of exactly the bytes it loaded.

    ``digest`` (hex SHA-256) covers every file's relative path and bytes as read, plus the
    problems found, so a prepared-corpus cache keyed by it can never describe other content.
    """

    articles: pd.DataFrame
    problems: pd.DataFrame
    digest: str


def load_articles(
    path: str | Path,
    *,
    columns: Mapping[str, str | None] | None = None,
    drop_duplicates: bool = False,
    boilerplate: Iterable[str] | str | Path | None = None,
    dayfirst: bool = False,
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
    strip_site_suffix: bool | None = None,
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
        dayfirst: read ambiguous numeric dates day first (``04.03.2024`` is 4 March).
        max_article_bytes: an article whose text is longer (UTF-8 bytes) is cut to this
            size at a line break, with a warning; ``None`` for no limit.
        strip_site_suffix: drop a site name after the headline (``"Port deal | Harbour
            Times"``); ``None`` (default) strips it from HTML pages only.

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
    loaded = load_corpus(
        path, columns=columns, drop_duplicates=drop_duplicates, boilerplate=boilerplate, dayfirst=dayfirst,
        max_article_bytes=max_article_bytes, strip_site_suffix=strip_site_suffix,
    )
    return loaded.articles, loaded.problems


def load_corpus(
    path: str | Path,
    *,
    columns: Mapping[str, str | None] | None = None,
    drop_duplicates: bool = False,
    boilerplate: Iterable[str] | str | Path | None = None,
    dayfirst: bool = False,
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
    strip_site_suffix: bool | None = None,
) -> LoadedCorpus:
    """``load_articles`` plus a digest of the bytes it read (what the prepare cache is keyed by).

    Example:
        >>> loaded = load_corpus("data/sample")     # doctest: +SKIP
        >>> len(loaded.digest)                       # doctest: +SKIP
        64
    """
    mapping = _check_columns(export_columns.merged_columns(paths.resolve(path), columns))
    if max_article_bytes is not None and (isinstance(max_article_bytes, bool) or max_article_bytes < 1):
        raise ValueError(f"max_article_bytes={max_article_bytes!r} must be a positive number of bytes or None")
    drop_line = _boilerplate_matcher(tuple(_read_patterns(boilerplate)))
    given = Path(path)
    root = paths.resolve(path)
    if not root.exists():
        raise CorpusError(
            f"corpus {str(given)!r} does not exist; give a folder or file of articles "
            f"({', '.join(SUPPORTED_SUFFIXES)})"
        )
    loader = _Loader(
        root if root.is_dir() else root.parent, mapping, drop_line, drop_duplicates,
        dayfirst=dayfirst, max_article_bytes=max_article_bytes, strip_site_suffix=strip_site_suffix,
    )
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
    return LoadedCorpus(articles, problems, loader.hexdigest())


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
    text = unicodedata.normalize("NFC", _no_surrogates(text))
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


def _no_surrogates(text: str) -> str:
    try:
        text.encode("utf-8")  # far faster than a regex pass, and almost every text passes
        return text
    except UnicodeEncodeError:
        return _SURROGATE.sub("\ufffd", text)


def _one_line(value) -> str:
    """A metadata value (title, source...) as one clean line."""
    if _blank(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # an id or year read as float (a column with nulls) is shown as 7, not 7.0
    text = _no_surrogates(_ANY_SPACE.sub(" ", _CONTROL.sub("", str(value))))
    return unicodedata.normalize("NFC", text).strip()


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


def _reads_like_body(line: str) -> bool:
    """A first line that is not a headline: very long, or long and ending like a sentence."""
    return len(line) > TITLE_MAX_CHARS or (len(line) > 100 and bool(_SENTENCE_END.search(line)))


def _title_from_name(rel: str) -> str:
    """``news/port-deal_agreed.txt`` -> ``port deal agreed``."""
    stem = rel.rsplit("/", 1)[-1]
    stem = stem.rsplit(".", 1)[0] if "." in stem else stem
    return _one_line(re.sub(r"[_\-]+", " ", stem)) or stem


def strip_site_suffix(title: str, site: str = "", url: str = "") -> str:
    """A headline without the site name sites append (``"Port deal | Harbour Times"``).

    The last segment after `` | ``, `` - ``, `` – ``, `` — ``, `` :: ``, `` · ``, `` » `` is
    dropped when it names the site (``site``, or the host of ``url``), or, after `` | ``,
    when it is short (at most four words); a headline is never emptied.

    Example:
        >>> strip_site_suffix("Port deal agreed - Harbour Times", "Harbour Times")
        'Port deal agreed'
    """
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    separators = _SITE_SEPARATOR.findall(title)
    last, separator = parts[-1], separators[-1].strip()
    head = title[: title.rfind(separators[-1])].strip()
    names = {_squash(site)} if site else set()
    if url:
        host = re.sub(r"^(?:[a-z]+://)?", "", url.lower()).split("/")[0].split(":")[0]
        labels = host.split(".")[:-1] or host.split(".")  # without the top-level domain
        while len(labels) > 1 and labels[-1] in _SECOND_LEVEL:
            labels.pop()
        names.add(_squash(labels[-1]))  # edition.cnn.com -> cnn, www.bbc.co.uk -> bbc
    names.discard("")
    squashed = _squash(last)
    named = any(squashed == name or (len(name) >= 3 and name in squashed) or (len(squashed) >= 3 and squashed in name)
                for name in names if squashed)
    short = separator == "|" and len(last.split()) <= 4
    return head if head and (named or short) else title


_SECOND_LEVEL = frozenset({"co", "com", "org", "net", "gov", "ac", "edu", "or", "ne", "go"})


def _squash(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.casefold())


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
    """The whole content of a regular file; anything else (FIFO, device, socket) is refused.

    Opened non-blocking, so a FIFO put in place of a file after the folder was listed
    cannot hang the load; the type is checked on the open descriptor, not on the name.
    """
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise _Unreadable(f"not a regular file ({_file_kind(info.st_mode)}); skipped, move it out of the corpus")
        with os.fdopen(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def _shown_name(rel: str) -> str:
    """A relative path as text: undecodable bytes of a name (surrogate escapes) become U+FFFD."""
    try:
        rel.encode("utf-8")
        return rel
    except UnicodeEncodeError:
        return rel.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _file_kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a FIFO"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a character device"),
                       (stat.S_ISBLK, "a block device"), (stat.S_ISDIR, "a folder")):
        if test(mode):
            return kind
    return "not a file"


def _decode(data: bytes, *, html: bool = False, advice: str = "re-save the file as UTF-8") -> tuple[str, str | None, int | None]:
    """Text, and a warning reason plus line when the cp1252 fallback was used."""
    if html:
        return _decode_html(data)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16"), None, None
        except UnicodeDecodeError:
            raise _Unreadable(f"starts like UTF-16 but is not valid UTF-16; {advice}") from None
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
    try:
        text = data[skip:].decode("cp1252")
    except UnicodeDecodeError as exc:
        bad = skip + exc.start
        raise _Unreadable(
            f"not text: not UTF-8 (byte 0x{data[offset]:02X} at offset {offset}) and byte 0x{data[bad]:02X} "
            f"at offset {bad} is not cp1252 either; remove the file or {advice}"
        ) from None
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\r\x0c")
    if controls > max(2, len(text) // 100):
        raise _Unreadable(
            "binary file (control bytes, not UTF-8); not text, remove it or convert it to UTF-8 text"
        )
    line = data.count(b"\n", 0, offset) + 1
    reason = (
        f"not valid UTF-8 (byte 0x{data[offset]:02X} at offset {offset}); read as cp1252, "
        f"{advice} to silence this"
    )
    return text, reason, line


# what browsers decode these labels as (WHATWG Encoding: latin-1 and ASCII pages are read as windows-1252)
_BROWSER_ENCODING = {"iso-8859-1": "cp1252", "latin-1": "cp1252", "latin1": "cp1252", "ascii": "cp1252",
                     "us-ascii": "cp1252", "iso8859-1": "cp1252", "l1": "cp1252"}


def _decode_html(data: bytes) -> tuple[str, str | None, int | None]:
    """A web page decoded as a browser would: BOM, declared charset, then detection.

    Bytes invalid in the chosen encoding become U+FFFD one by one (never the whole page
    re-decoded in another encoding), NUL bytes are dropped; only a file that is mostly
    NUL or control bytes is refused as binary.
    """
    nuls = data.count(b"\x00")
    if nuls and not data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        if nuls > len(data) // 10:
            raise _Unreadable(
                f"binary file ({nuls} NUL bytes of {len(data)}); not a web page, remove it or save the page again"
            )
        data = data.replace(b"\x00", b"")
    for bom, encoding in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                          (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return _decode_replacing(data, encoding, f"starts with a {encoding} byte-order mark")
    declared = _CHARSET.search(data[:8192])
    if declared:
        label = (declared.group(1) or declared.group(2)).decode("ascii", "replace").lower()
        try:
            encoding = codecs.lookup(_BROWSER_ENCODING.get(label, label)).name
        except LookupError:
            encoding = None
        if encoding:
            return _decode_replacing(data, encoding, f"declares charset {label}")
    try:
        return data.decode("utf-8"), None, None
    except UnicodeDecodeError:
        pass
    try:
        from charset_normalizer import from_bytes
    except ImportError:  # a broken install: the browsers' own default for undeclared pages
        best = None
    else:
        best = from_bytes(data).best()
    encoding = best.encoding if best is not None else "cp1252"
    text, _, _ = _decode_replacing(data, encoding, "")
    return text, (f"declares no charset and is not UTF-8; decoded as {encoding} (detected), "
                  f"check its accents or add <meta charset> to the page"), None


def _decode_replacing(data: bytes, encoding: str, why: str) -> tuple[str, str | None, int | None]:
    try:
        return data.decode(encoding), None, None
    except UnicodeDecodeError as exc:
        offset = exc.start
    text = data.decode(encoding, errors="replace")
    line = data.count(b"\n", 0, offset) + 1
    return text, (
        f"{why} but byte 0x{data[offset]:02X} at offset {offset} is not {encoding}; "
        f"invalid bytes shown as \ufffd, as browsers do"
    ), line


# --------------------------------------------------------------------------- dates


def _parse_date(value, cache: dict, dayfirst: bool = False) -> tuple[pd.Timestamp, str | None]:
    """Naive UTC timestamp (NaT when missing or unusable) and a warning reason when unusable."""
    if _blank(value):
        return pd.NaT, None
    try:
        key = value if isinstance(value, (str, int, float)) else repr(value)
        if key in cache:
            return cache[key]
    except TypeError:
        key = None
    stamp = _to_timestamp(value, dayfirst)
    shown = _raw_date(value)[:60]
    if stamp is None:
        result = pd.NaT, f"published value {shown!r} is not a date; left empty (use e.g. 2026-03-04)"
    elif not DATE_RANGE[0] <= stamp < DATE_RANGE[1]:
        result = pd.NaT, f"published value {shown!r} is outside 1800-2100 (year {stamp.year}); left empty"
    else:
        result = stamp, None
    if key is not None:
        cache[key] = result
    return result


def _raw_date(value) -> str:
    """The published value as the input gave it, as text (kept in ``published_raw``)."""
    if _blank(value):
        return ""
    if isinstance(value, (datetime, pd.Timestamp)):
        return value.isoformat()
    return _one_line(value)


def _to_timestamp(value, dayfirst: bool = False) -> pd.Timestamp | None:
    try:
        if isinstance(value, bool):
            return None
        if isinstance(value, (int, float)) or (hasattr(value, "dtype") and getattr(value.dtype, "kind", "") in "iuf"):
            return _numeric_date(value)
        if isinstance(value, (datetime, pd.Timestamp)) or hasattr(value, "dtype"):
            stamp = pd.Timestamp(value)
        else:
            text = _one_line(value)
            if _DIGITS.fullmatch(text):
                return _numeric_date(float(text) if "." in text else int(text))
            stamp = _parse_date_text(text, dayfirst)
            if stamp is None:
                return None
        if stamp.tzinfo is not None:
            stamp = stamp.tz_convert(timezone.utc).tz_localize(None)
        return stamp.as_unit("ns")
    except (ValueError, OverflowError, TypeError, pd.errors.OutOfBoundsDatetime):
        return None


def _numeric_date(number) -> pd.Timestamp | None:
    """A number read by its shape: a year, yyyymmdd, yyyymmddHHMM(SS), else Unix time by magnitude.

    yyyymmdd comes before Unix seconds: 20190201 as seconds would be 1970-08-22, a date no
    news export means; seconds, milliseconds, microseconds and nanoseconds since 1970 are
    told apart by size (1e11 seconds is beyond the year 5000).
    """
    number = float(number) if not isinstance(number, int) else number
    if isinstance(number, float):
        if not math.isfinite(number):
            return None
        if number.is_integer():
            number = int(number)
    if isinstance(number, int) and number >= 0:
        digits = str(number)
        if 1800 <= number <= 2100:
            return pd.Timestamp(year=number, month=1, day=1)
        layout = {8: "%Y%m%d", 12: "%Y%m%d%H%M", 14: "%Y%m%d%H%M%S"}.get(len(digits))
        if layout:
            try:
                # a valid yyyymmdd is read as one even out of range (then reported), never as seconds
                return pd.Timestamp(datetime.strptime(digits, layout))
            except ValueError:
                pass
    size = abs(number)
    unit = "s" if size < 1e11 else "ms" if size < 1e14 else "us" if size < 1e17 else "ns"
    return pd.Timestamp(number, unit=unit)


def _parse_date_text(text: str, dayfirst: bool = False) -> pd.Timestamp | None:
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
            parsed = parser.parse(text, default=datetime(2000, 1, 1), dayfirst=dayfirst)
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
    def __init__(self, root: Path, mapping: dict, drop_line, drop_duplicates: bool, *, dayfirst: bool = False,
                 max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES, strip_site_suffix: bool | None = None):
        self.root = root
        self.root_prefix = os.path.join(str(root), "")
        self.dayfirst = dayfirst
        self.max_article_bytes = max_article_bytes
        self.strip_site_suffix = strip_site_suffix
        self.digest = hashlib.sha256()
        self.trafilatura_error: str | None = None
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
        """Every candidate file under ``folder``, sorted by relative path, each reached once.

        Symlinked folders are followed; a folder (or file) reached a second time, through a
        loop or a second link, is not read again and gets a warning. Entries that are not
        regular files or folders (FIFOs, devices, sockets, broken links) are error rows:
        reading them could hang or never end.
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
        while pending or links:
            if not pending:
                link, rel = links.pop(0)
                try:
                    info = os.stat(link)
                except OSError:
                    continue
                identity = (info.st_dev, info.st_ino)
                if identity in seen_folders:
                    self.problem(rel, None, "warning",
                                 f"folder links to {seen_folders[identity]!r}, which is read already "
                                 f"(a symlink loop or a second link); not read again")
                    continue
                seen_folders[identity] = rel
                pending.append(link)
            directory = pending.pop()
            try:
                with os.scandir(directory) as listing:
                    entries = sorted(listing, key=lambda entry: entry.name)
            except OSError as exc:
                self.problem(self.rel(directory), None, "error",
                             f"cannot list folder ({exc.strerror or exc}); check its permissions")
                continue
            for entry in entries:
                name = entry.name
                if name.startswith(".") or name.endswith("~") or name == "__pycache__":
                    continue
                path = Path(entry.path)
                rel = self.rel(path)
                try:
                    info = os.stat(path)  # follows symlinks
                except OSError as exc:
                    broken = entry.is_symlink()
                    self.problem(rel, None, "error",
                                 f"broken symbolic link ({exc.strerror or exc}); fix or remove it" if broken
                                 else f"cannot read file ({exc.strerror or exc}); check that you may read it")
                    continue
                identity = (info.st_dev, info.st_ino)
                if stat.S_ISDIR(info.st_mode):
                    if entry.is_symlink():
                        links.append((path, rel))
                        continue
                    if identity in seen_folders:
                        self.problem(rel, None, "warning",
                                     f"folder links to {seen_folders[identity]!r}, which is read already "
                                     f"(a symlink loop or a second link); not read again")
                        continue
                    seen_folders[identity] = rel
                    pending.append(path)
                    continue
                suffix = path.suffix.lower()
                # documentation and assets are skipped silently (as the module docstring says);
                # other unsupported files are kept so that read() reports them
                if _DOC_NAME.fullmatch(path.stem) or suffix in _ASSET_SUFFIXES:
                    continue
                if not stat.S_ISREG(info.st_mode):
                    self.problem(rel, None, "error",
                                 f"not a regular file ({_file_kind(info.st_mode)}); skipped, move it out of the corpus")
                    continue
                if identity in seen_files:
                    self.problem(rel, None, "warning",
                                 f"same file as {seen_files[identity]!r} (a link); read once")
                    continue
                seen_files[identity] = rel
                found.append((rel, path))
        found.sort(key=lambda pair: pair[0])
        return [file for _, file in found]

    def rel(self, file: Path) -> str:
        return _shown_name(self.rel_raw(file))

    # ---- reading one file

    def read(self, file: Path) -> None:
        raw = self.rel_raw(file)
        rel = _shown_name(raw)
        rows_before, problems_before = len(self.rows["doc_id"]), len(self.problems)
        try:
            self.read_file(file, rel, raw)
        except Exception as exc:  # one odd file must never stop the corpus: undo its rows, report it
            for doc_id, text in zip(self.rows["doc_id"][rows_before:], self.rows["text"][rows_before:]):
                self.used_ids.discard(doc_id)
                if self.seen_text.get(text) == doc_id:
                    del self.seen_text[text]
            for column in self.rows.values():
                del column[rows_before:]
            del self.extras[rows_before:]
            del self.problems[problems_before:]
            reason = ("JSON nested too deeply to read; flatten it" if isinstance(exc, RecursionError)
                      else f"could not be read ({type(exc).__name__}: {_first_line(exc)}); nothing loaded, "
                           f"please report this file")
            self.problem(rel, None, "error", reason)
        self.digest.update(b"\0problems\0" + repr(self.problems[problems_before:]).encode("utf-8", "replace"))

    def read_file(self, file: Path, rel: str, raw: str) -> None:
        suffix = file.suffix.lower()
        if rel != raw:
            self.problem(rel, None, "warning",
                         "file name is not valid UTF-8 (shown with \ufffd); rename the file to silence this")
        if suffix not in SUPPORTED_SUFFIXES:
            kind = f"'{Path(rel).suffix}'" if file.suffix else "without a suffix"
            self.problem(rel, None, "error",
                         f"unsupported file type {kind}; convert it to one of {', '.join(SUPPORTED_SUFFIXES)} "
                         f"or move it out of the corpus")
            return
        try:
            data = _read_bytes(file)
        except _Unreadable as exc:
            self.problem(rel, None, "error", str(exc))
            return
        except OSError as exc:
            self.problem(rel, None, "error",
                         f"cannot read file ({exc.strerror or exc}); check that it exists and you may read it")
            return
        # the cache key is made of exactly the bytes read here, never of a second read
        self.digest.update(rel.encode("utf-8", "replace") + b"\0" + hashlib.sha256(data).digest())
        if not data:
            self.problem(rel, None, "error", "empty file (0 bytes); nothing to load")
            return
        if suffix == ".parquet" or suffix in FEED_SUFFIXES:
            self.read_table(file, rel, suffix, data)
            return
        advice = "re-save the file as UTF-8" if suffix in TEXT_SUFFIXES else "re-export it as UTF-8"
        try:
            text, warning, line = _decode(data, html=suffix in HTML_SUFFIXES, advice=advice)
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

    def rel_raw(self, file: Path) -> str:
        text, root = str(file), self.root_prefix
        if text.startswith(root):  # the walk joins names onto the root: no need for Path.relative_to
            return text[len(root):].replace(os.sep, "/")
        try:
            return file.relative_to(self.root).as_posix()
        except ValueError:
            return file.as_posix()

    def hexdigest(self) -> str:
        return self.digest.hexdigest()

    def category_of(self, rel: str) -> str:
        parts = rel.split("/")
        return parts[0] if len(parts) > 1 else ""

    def read_text(self, file: Path, rel: str, text: str) -> None:
        meta, text, date_line = self.front_matter(rel, text)
        for key in [k for k in meta if k in RESERVED_KEYS]:
            self.problem(rel, None, "warning",
                         f"front-matter key {key!r} is set by the loader; kept as 'input_{key}'")
            meta[f"input_{key}"] = meta.pop(key)
        cleaned = _clean(text, self.drop_line)
        title = _one_line(meta.pop("title", ""))
        if title:
            body = _drop_repeated_title(title, cleaned)
        elif cleaned:
            title, body = _split_title(cleaned)
            if _reads_like_body(title):
                title, body = _title_from_name(rel), cleaned
                self.problem(rel, 1, "warning",
                             f"first line reads like body text, not a title ({len(cleaned.partition(chr(10))[0]):,} "
                             f"characters); title taken from the file name: {title!r}")
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

        trafilatura = self.import_trafilatura()
        if trafilatura is None:
            self.problem(rel, None, "error", self.trafilatura_error)
            return
        logging.getLogger("trafilatura").setLevel(logging.ERROR)
        page_limit = 4 * self.max_article_bytes if self.max_article_bytes else None
        if page_limit and len(text) > page_limit:
            # markup is several times its text; past that, parsing costs minutes and gigabytes
            self.problem(rel, None, "warning",
                         f"page is {len(text) / 1e6:,.1f} million characters, over 4 x max_article_bytes; "
                         f"only its first {page_limit / 1e6:,.1f} million parsed")
            text = text[:page_limit]
        from dateutil.parser import UnknownTimezoneWarning

        try:
            with warnings.catch_warnings():
                # htmldate parses "... EST" with dateutil, which warns on the terminal; the date stays naive
                warnings.simplefilter("ignore", UnknownTimezoneWarning)
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
        site, url = _one_line(doc.get("sitename")), _one_line(doc.get("url"))
        if title and self.strip_site_suffix is not False:
            title = strip_site_suffix(title, site, url)
        if title:
            body = _drop_repeated_title(title, cleaned)
        else:
            title, body = _split_title(cleaned)
        self.add(_Record(
            doc_id=self.file_id(rel),
            title=title,
            body=body,
            published=doc.get("date"),
            source=site,
            url=url,
            category=self.category_of(rel),
            path=rel,
        ))

    def import_trafilatura(self):
        """trafilatura, or None with ``trafilatura_error`` set (then each page is one error row)."""
        if self.trafilatura_error is not None:
            return None
        try:
            import trafilatura
        except ImportError as exc:  # e.g. lxml_html_clean left out by an old pip
            missing = getattr(exc, "name", None) or _first_line(exc)
            self.trafilatura_error = (
                f"cannot read web pages: trafilatura does not import ({_first_line(exc)}); "
                f"install the missing package ({missing}) with pip, then run again"
            )
            return None
        return trafilatura

    # ---- table formats

    def read_table(self, file: Path, rel: str, suffix: str, text: str | bytes) -> None:
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

    def table_rows(self, file: Path, rel: str, suffix: str, text: str | bytes) -> Iterator[tuple[int, dict]]:
        if suffix in FEED_SUFFIXES:
            try:
                rows, reason = export_columns.feed_rows(text)
            except OSError as exc:
                raise _Unreadable(f"cannot read file ({exc.strerror or exc}); check that it exists and you may read it") from None
            if reason:
                raise _Unreadable(reason)
            yield from rows
        elif suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            try:
                table = pq.read_table(pa.BufferReader(text))
            except Exception as exc:  # pyarrow raises its own error types for corrupt files
                raise _Unreadable(f"not a readable Parquet file ({_first_line(exc)}); re-export it") from None
            # Python values straight from Arrow: an integer id column with nulls stays 7, not 7.0
            for number, row in enumerate(table.to_pylist(), start=1):
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
                except RecursionError:
                    self.problem(rel, number, "error", "JSON nested too deeply to read; flatten the line")
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
            except RecursionError:
                self.problem(rel, None, "error", "JSON nested too deeply to read; flatten it")
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
            yield from self.csv_rows(rel, text, _sniff_delimiter(text, "\t" if suffix == ".tsv" else ","))

    def csv_rows(self, rel: str, text: str, delimiter: str) -> Iterator[tuple[int, dict]]:
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
                raise _Unreadable(f"malformed CSV header ({exc}); fix the file") from None
            header = _unique_names([_one_line(h) for h in header])
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
                    self.problem(rel, number, "error", f"malformed CSV row ({exc}); fix the row")
                    continue
                if not values or (len(values) == 1 and not values[0].strip()):
                    continue  # a blank line, not a row
                number += 1
                start = offset + before  # index in ``lines`` of the row's first physical line
                end = offset + reader.line_num
                if end - start > 1 and end >= len(lines) and _open_quote(lines[start:end]):
                    self.problem(rel, number, "error",
                                 f"unclosed quote in the row starting on line {start + 1}: it would swallow "
                                 f"the {end - start - 1:,} lines after it; row skipped, close the quote")
                    offset = start + 1
                    reader = csv.reader(iter(lines[offset:]), delimiter=delimiter)
                    continue
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
        raw_text = "" if _blank(raw_text) else str(raw_text)
        marker = _TRUNCATION_MARK.search(raw_text)
        if marker:
            raw_text = raw_text[: marker.start()]
            self.problem(rel, number, "warning",
                         f"text is cut short by its source ({marker.group().strip()!r}, as NewsAPI does); "
                         f"only the first part loaded, marker removed")
        cleaned = _clean(raw_text, self.drop_line) if raw_text else ""
        title = _one_line(get("title"))
        if title and self.strip_site_suffix:
            title = strip_site_suffix(title, _one_line(get("source")), _one_line(get("url")))
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
            name = _one_line(column) or "column"
            if isinstance(value, str):
                value = _SURROGATE.sub("\ufffd", value)
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
        published, reason = _parse_date(record.published, self.dates, self.dayfirst)
        if reason:
            self.problem(record.path, where if row_based else record.date_line, "warning", reason)
        text = f"{record.title}\n\n{record.body}" if record.body else record.title
        limit = self.max_article_bytes
        if limit and len(text) * 4 > limit and len(text.encode("utf-8")) > limit:
            size = len(text.encode("utf-8"))
            text = _truncate(text, limit)
            self.problem(record.path, where, "warning",
                         f"article is {size / 1e6:,.1f} MB, over max_article_bytes ({limit / 1e6:,.1f} MB); "
                         f"cut to its first {len(text.encode('utf-8')) / 1e6:,.1f} MB (raise the limit to keep more)")
        earlier = self.seen_text.get(text)
        if earlier is not None:
            if self.drop_duplicates:
                self.problem(record.path, where, "warning",
                             f"exact duplicate of {earlier!r}; dropped (drop_duplicates=True)")
                return
            self.problem(record.path, where, "warning",
                         f"exact duplicate of {earlier!r}; kept (use --drop-duplicates, or drop_duplicates=True "
                         f"in Python, to drop it)")
        else:
            self.seen_text[text] = doc_id
        self.used_ids.add(doc_id)
        values = {
            "doc_id": doc_id, "title": record.title, "text": text, "published": published,
            "source": record.source, "url": record.url, "category": record.category, "path": record.path,
            "published_raw": _raw_date(record.published),
            "language": None, "duplicate_of": None,  # filled for the whole corpus by _annotate
        }
        for name, value in values.items():
            self.rows[name].append(value)
        self.extras.append(record.extra)

    def problem(self, path: str, line: int | None, severity: str, reason: str) -> None:
        # a file name's undecodable bytes may reach a reason (its suffix): keep every row writable
        self.problems.append((_SURROGATE.sub("\ufffd", path), line, severity, _SURROGATE.sub("\ufffd", reason)))

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


def _truncate(text: str, limit: int) -> str:
    """At most ``limit`` UTF-8 bytes of ``text``, cut at a line break (else a space) when one is near."""
    cut = text.encode("utf-8")[:limit].decode("utf-8", "ignore")
    for boundary in ("\n", " "):
        position = cut.rfind(boundary)
        if position > len(cut) * 0.9:
            return cut[:position].rstrip()
    return cut


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


def _open_quote(lines: list[str]) -> bool:
    """Whether these physical lines of one CSV row end inside a quoted field.

    Quoted fields open and close with one quote each and escape a quote by doubling it,
    so a complete row holds an even number of quote characters.
    """
    return sum(line.count('"') for line in lines) % 2 == 1


def _sniff_delimiter(text: str, expected: str) -> str:
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
