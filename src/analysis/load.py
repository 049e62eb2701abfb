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

import csv
import hashlib
import io
import json
import os
import re
import stat
import sys
import warnings
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from . import columns as export_columns
from . import files, paths, schemas
from .cleanup import TITLE_MAX_CHARS as TITLE_MAX_CHARS  # public names that lived here stay importable from here
from .cleanup import (
    SURROGATE, blank, boilerplate_matcher, clean, drop_repeated_title, one_line, read_patterns, reads_like_body,
    split_title, title_from_name, truncate,
)
from .cleanup import clean_text as clean_text
from .cleanup import strip_site_suffix as strip_site_suffix
from .columns import COLUMN_GUESSES as COLUMN_GUESSES
from .columns import FIELDS as FIELDS
from .dates import DATE_RANGE as DATE_RANGE
from .dates import parse_date, raw_date
from .decoding import decode
from .files import ASSET_SUFFIXES, DOC_NAME, Unreadable, file_kind, shown_name
from .options import check_choice
from .readers.tables import json_items, open_quote, sniff_delimiter, unique_names

TEXT_SUFFIXES = (".txt",)
TABLE_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet")
HTML_SUFFIXES = (".html", ".htm")
FEED_SUFFIXES = export_columns.FEED_SUFFIXES
SUPPORTED_SUFFIXES = TEXT_SUFFIXES + TABLE_SUFFIXES + HTML_SUFFIXES + FEED_SUFFIXES

# front-matter keys that would overwrite a column the loader sets; kept as input_<key>
RESERVED_KEYS = frozenset({"doc_id", "text", "path", "published_raw"})

_FRONT_KEY = re.compile(r"([A-Za-z_][\w -]*?)\s*:\s?(.*)")
# NewsAPI cuts `content` at ~200 characters and appends "… [+1210 chars]"
_TRUNCATION_MARK = re.compile(r"\s*(?:…|\.\.\.)?\s*\[\+\s?[\d,]+\s*chars?\]\s*$")
DEFAULT_MAX_ARTICLE_BYTES = 5_000_000


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
    drop_line = boilerplate_matcher(tuple(read_patterns(boilerplate)))
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
                if DOC_NAME.fullmatch(path.stem) or suffix in ASSET_SUFFIXES:
                    continue
                if not stat.S_ISREG(info.st_mode):
                    self.problem(rel, None, "error",
                                 f"not a regular file ({file_kind(info.st_mode)}); skipped, move it out of the corpus")
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
        return shown_name(self.rel_raw(file))

    # ---- reading one file

    def read(self, file: Path) -> None:
        raw = self.rel_raw(file)
        rel = shown_name(raw)
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
            data = files.read_bytes(file)
        except Unreadable as exc:
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
            text, warning, line = decode(data, html=suffix in HTML_SUFFIXES, advice=advice)
        except Unreadable as exc:
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
        cleaned = clean(text, self.drop_line)
        title = one_line(meta.pop("title", ""))
        if title:
            body = drop_repeated_title(title, cleaned)
        elif cleaned:
            title, body = split_title(cleaned)
            if reads_like_body(title):
                title, body = title_from_name(rel), cleaned
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
            source=one_line(meta.pop("source", "")),
            url=one_line(meta.pop("url", "")),
            category=one_line(meta.pop("category", "")) or self.category_of(rel),
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
        cleaned = clean(body.replace("\n", "\n\n"), self.drop_line)
        if not cleaned:
            self.problem(rel, None, "error", "trafilatura found no article text in this page; nothing loaded")
            return
        title = one_line(doc.get("title"))
        site, url = one_line(doc.get("sitename")), one_line(doc.get("url"))
        if title and self.strip_site_suffix is not False:
            title = strip_site_suffix(title, site, url)
        if title:
            body = drop_repeated_title(title, cleaned)
        else:
            title, body = split_title(cleaned)
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
        except Unreadable as exc:
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
                raise Unreadable(f"cannot read file ({exc.strerror or exc}); check that it exists and you may read it") from None
            if reason:
                raise Unreadable(reason)
            yield from rows
        elif suffix == ".parquet":
            import pyarrow as pa
            import pyarrow.parquet as pq

            try:
                table = pq.read_table(pa.BufferReader(text))
            except Exception as exc:  # pyarrow raises its own error types for corrupt files
                raise Unreadable(f"not a readable Parquet file ({_first_line(exc)}); re-export it") from None
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
            items = json_items(obj)
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
            yield from self.csv_rows(rel, text, sniff_delimiter(text, "\t" if suffix == ".tsv" else ","))

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
                    self.problem(rel, number, "error", f"malformed CSV row ({exc}); fix the row")
                    continue
                if not values or (len(values) == 1 and not values[0].strip()):
                    continue  # a blank line, not a row
                number += 1
                start = offset + before  # index in ``lines`` of the row's first physical line
                end = offset + reader.line_num
                if end - start > 1 and end >= len(lines) and open_quote(lines[start:end]):
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
            raw_text = "\n\n".join(str(part) for part in raw_text if not blank(part))
        raw_text = "" if blank(raw_text) else str(raw_text)
        marker = _TRUNCATION_MARK.search(raw_text)
        if marker:
            raw_text = raw_text[: marker.start()]
            self.problem(rel, number, "warning",
                         f"text is cut short by its source ({marker.group().strip()!r}, as NewsAPI does); "
                         f"only the first part loaded, marker removed")
        cleaned = clean(raw_text, self.drop_line) if raw_text else ""
        title = one_line(get("title"))
        if title and self.strip_site_suffix:
            title = strip_site_suffix(title, one_line(get("source")), one_line(get("url")))
        if title:
            body = drop_repeated_title(title, cleaned)
        elif cleaned:
            title, body = split_title(cleaned)
        else:
            column = fields.get("text") or fields.get("title")
            self.problem(rel, number, "error", f"row has no text (column {column!r} is empty); nothing loaded")
            return
        if not body:
            self.problem(rel, number, "warning", "title only: the row has no body text")
        raw_id = get("doc_id")
        from_input = not blank(raw_id)
        extra = {}
        for column, value in row.items():
            if column in used:
                continue
            name = one_line(column) or "column"
            if isinstance(value, str):
                value = SURROGATE.sub("\ufffd", value)
            extra[f"input_{name}" if name in self.rows else name] = value
        self.add(_Record(
            doc_id=one_line(raw_id) if from_input else f"{stem}:{number}",
            title=title,
            body=body,
            published=get("published"),
            source=one_line(get("source")),
            url=one_line(get("url")),
            category=one_line(get("category")) or self.category_of(rel),
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
        published, reason = parse_date(record.published, self.dates, self.dayfirst)
        if reason:
            self.problem(record.path, where if row_based else record.date_line, "warning", reason)
        text = f"{record.title}\n\n{record.body}" if record.body else record.title
        limit = self.max_article_bytes
        if limit and len(text) * 4 > limit and len(text.encode("utf-8")) > limit:
            size = len(text.encode("utf-8"))
            text = truncate(text, limit)
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
            "published_raw": raw_date(record.published),
            "language": None, "duplicate_of": None,  # filled for the whole corpus by _annotate
        }
        for name, value in values.items():
            self.rows[name].append(value)
        self.extras.append(record.extra)

    def problem(self, path: str, line: int | None, severity: str, reason: str) -> None:
        # a file name's undecodable bytes may reach a reason (its suffix): keep every row writable
        self.problems.append((SURROGATE.sub("\ufffd", path), line, severity, SURROGATE.sub("\ufffd", reason)))

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


def _first_line(exc: Exception) -> str:
    return (str(exc).strip().splitlines() or [type(exc).__name__])[0][:160]
