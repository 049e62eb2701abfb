"""Load a folder or file of news articles into an articles frame and a problems frame.

``load_articles(path)`` reads a folder (recursively, in sorted path order) or a single file
and returns ``(articles, problems)``: frames of the shapes "articles" and "problems" in
``analysis.schemas``. Bad input never stops a corpus and never vanishes: every file or row
that could not be read as it should becomes a problems row, and every readable article loads.

Formats (by suffix; each is a reader registered for its suffixes in ``analysis.readers``, the
folder walk is ``analysis.files``, the clean-up and title/body rule ``analysis.cleanup``):

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

import hashlib
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from . import columns as export_columns
from . import files, paths, readers, schemas
from .cleanup import SURROGATE, boilerplate_matcher, read_patterns, truncate

# the "X as X" imports: names that lived here before the loader was split, still importable from it
from .cleanup import TITLE_MAX_CHARS as TITLE_MAX_CHARS
from .cleanup import clean_text as clean_text
from .cleanup import strip_site_suffix as strip_site_suffix
from .columns import COLUMN_GUESSES as COLUMN_GUESSES
from .columns import FIELDS as FIELDS
from .dates import DATE_RANGE as DATE_RANGE
from .dates import parse_date, raw_date
from .decoding import decode
from .errors import CorpusError
from .files import Unreadable, shown_name
from .options import check_choice
from .readers.feeds import FEED_SUFFIXES as FEED_SUFFIXES
from .readers.registry import Record, first_line
from .readers.tables import TABLE_SUFFIXES as TABLE_SUFFIXES
from .readers.text import RESERVED_KEYS as RESERVED_KEYS
from .readers.text import TEXT_SUFFIXES as TEXT_SUFFIXES
from .readers.web import HTML_SUFFIXES as HTML_SUFFIXES

SUPPORTED_SUFFIXES = readers.supported_suffixes()  # the built-in formats; the registry has the live list
DEFAULT_MAX_ARTICLE_BYTES = 5_000_000


@dataclass
class LoadedCorpus:
    """What ``load_corpus`` read: the two frames and a digest of exactly the bytes it loaded.

    ``digest`` (hex SHA-256) covers every file's relative path and bytes as read, plus the
    problems found, so a prepared-corpus cache keyed by it can never describe other content.
    """

    articles: pd.DataFrame
    problems: pd.DataFrame
    digest: str
    #: near duplicates not looked for yet (``defer_duplicates``): ``with_duplicates()`` adds them
    duplicates_pending: bool = False

    def with_duplicates(self) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The articles and problems as ``load_corpus`` without ``defer_duplicates`` returns them."""
        if not self.duplicates_pending:
            return self.articles, self.problems
        from .duplicates import mark_duplicates

        articles, rows = mark_duplicates(self.articles, drop=False)  # fills the placeholder column in place
        return articles, _with_problem_rows(self.problems, rows)


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
        path,
        columns=columns,
        drop_duplicates=drop_duplicates,
        boilerplate=boilerplate,
        dayfirst=dayfirst,
        max_article_bytes=max_article_bytes,
        strip_site_suffix=strip_site_suffix,
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
    defer_duplicates: bool = False,
    defer_languages: bool = False,
) -> LoadedCorpus:
    """``load_articles`` plus a digest of the bytes it read (what the prepare cache is keyed by).

    ``defer_duplicates`` (unless ``drop_duplicates``) leaves the near-duplicate pass for later
    (``LoadedCorpus.with_duplicates``): ``prepare`` runs it beside its workers instead of before
    them, and skips it when the prepared corpus is reused from the cache. ``defer_languages``
    leaves each article's ``language`` missing (NA): ``prepare``'s workers detect them, chunk by
    chunk (``analysis.chunks.with_languages``), instead of this process before any chunk starts.

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
            f"({', '.join(readers.supported_suffixes())})"
        )
    loader = _Loader(
        root if root.is_dir() else root.parent,
        mapping,
        drop_line,
        drop_duplicates,
        dayfirst=dayfirst,
        max_article_bytes=max_article_bytes,
        strip_site_suffix=strip_site_suffix,
    )
    if root.is_dir():
        found = files.walk(root, loader.rel, loader.problem)
        if not found and not loader.problems:
            raise CorpusError(
                f"{str(given)!r} holds no article files ({', '.join(readers.supported_suffixes())}); "
                f"point to the folder that holds them"
            )
        for file in found:
            loader.read(file)
    else:
        loader.read(root)
    deferred = defer_duplicates and not drop_duplicates
    articles, problems = _annotate(
        *loader.frames(), drop_duplicates=drop_duplicates, defer_duplicates=deferred, defer_languages=defer_languages
    )
    if articles.empty:
        first = problems.iloc[0] if len(problems) else None
        example = f" (first: {first.path}: {first.reason})" if first is not None else ""
        raise CorpusError(
            f"no articles could be loaded from {str(given)!r}: {len(problems)} problem(s){example}; "
            f"fix the files or point to another corpus",
            problems,
        )
    return LoadedCorpus(articles, problems, loader.hexdigest(), duplicates_pending=deferred and not articles.empty)


def _annotate(
    articles: pd.DataFrame,
    problems: pd.DataFrame,
    *,
    drop_duplicates: bool,
    defer_duplicates: bool = False,
    defer_languages: bool = False,
):
    """Language and duplicates need the whole corpus: added after every file is read."""
    from .duplicates import mark_duplicates

    if articles.empty:
        return articles, problems
    if defer_duplicates:  # the column where mark_duplicates puts it, filled in later
        articles = articles.copy()
        articles["duplicate_of"] = pd.array([pd.NA] * len(articles), dtype="string")
        rows: list[tuple] = []
    else:
        articles, rows = mark_duplicates(articles, drop=drop_duplicates)
    if defer_languages:  # the column where it belongs, filled in by prepare's workers
        articles["language"] = pd.array([pd.NA] * len(articles), dtype="string")
    else:
        from .language import detect_languages

        articles["language"] = pd.array(detect_languages(articles["text"]), dtype="string")
    return articles, _with_problem_rows(problems, rows)


def _with_problem_rows(problems: pd.DataFrame, rows: list[tuple]) -> pd.DataFrame:
    """The duplicate pass's problems rows among the loader's, in path order."""
    if rows:
        found = pd.DataFrame(rows, columns=schemas.columns("problems"))
        problems = pd.concat([problems, found.astype({"line": schemas.NINT})], ignore_index=True)
        problems = problems.sort_values("path", kind="stable").reset_index(drop=True)
    return schemas.conform(problems, "problems")


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


class _Loader:
    """One load: reads each file with the reader registered for its suffix and collects the rows.

    Readers yield records and problems; ids, dates, the size limit and exact duplicates are
    decided here, the same for every format, and a file that fails unexpectedly is undone.
    """

    def __init__(
        self,
        root: Path,
        mapping: dict,
        drop_line,
        drop_duplicates: bool,
        *,
        dayfirst: bool = False,
        max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
        strip_site_suffix: bool | None = None,
    ):
        self.root = root
        self.root_prefix = os.path.join(str(root), "")
        self.dayfirst = dayfirst
        self.max_article_bytes = max_article_bytes
        self.options = readers.ReadOptions(
            mapping=mapping,
            drop_line=drop_line,
            max_article_bytes=max_article_bytes,
            strip_site_suffix=strip_site_suffix,
        )
        self.digest = hashlib.sha256()
        self.drop_duplicates = drop_duplicates
        self.problems: list[tuple[str, int | None, str, str]] = []
        self.rows: dict[str, list] = {name: [] for name in schemas.columns("articles")}
        self.extras: list[dict] = []
        self.seen_text: dict[str, str] = {}
        self.used_ids: set[str] = set()
        self.dates: dict = {}

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
            reason = (
                "JSON nested too deeply to read; flatten it"
                if isinstance(exc, RecursionError)
                else f"could not be read ({type(exc).__name__}: {first_line(exc)}); nothing loaded, "
                f"please report this file"
            )
            self.problem(rel, None, "error", reason)
        self.digest.update(b"\0problems\0" + repr(self.problems[problems_before:]).encode("utf-8", "replace"))

    def read_file(self, file: Path, rel: str, raw: str) -> None:
        problems_before = len(self.problems)
        if rel != raw:
            self.problem(
                rel,
                None,
                "warning",
                "file name is not valid UTF-8 (shown with \ufffd); rename the file to silence this",
            )
        reader = readers.reader_for(file.suffix)
        if reader is None:
            kind = f"'{Path(rel).suffix}'" if file.suffix else "without a suffix"
            known = ", ".join(readers.supported_suffixes())
            self.problem(
                rel,
                None,
                "error",
                f"unsupported file type {kind}; convert it to one of {known} or move it out of the corpus",
            )
            return
        try:
            data = files.read_bytes(file)
        except Unreadable as exc:
            self.problem(rel, None, "error", str(exc))
            return
        except OSError as exc:
            self.problem(
                rel,
                None,
                "error",
                f"cannot read file ({exc.strerror or exc}); check that it exists and you may read it",
            )
            return
        # the cache key is made of exactly the bytes read here, never of a second read
        self.digest.update(rel.encode("utf-8", "replace") + b"\0" + hashlib.sha256(data).digest())
        if not data:
            self.problem(rel, None, "error", "empty file (0 bytes); nothing to load")
            return
        content: str | bytes = data
        if reader.decoding != "bytes":
            try:
                content, warning, line = decode(data, html=reader.decoding == "html", advice=reader.advice)
            except Unreadable as exc:
                self.problem(rel, None, "error", str(exc))
                return
            if warning:
                self.problem(rel, line, "warning", warning)
            if not content.strip():
                self.problem(rel, None, "error", "only whitespace; nothing to load")
                return
        found = False
        problem = readers.Problem
        for item in reader.read(readers.Source(file, rel, content), self.options):
            found = True
            if isinstance(item, problem):
                self.problem(*item)
            else:
                self.add(item)
        if not found and len(self.problems) == problems_before:
            self.problem(rel, None, "error", "holds no rows; nothing to load")

    def rel_raw(self, file: Path) -> str:
        text, root = str(file), self.root_prefix
        if text.startswith(root):  # the walk joins names onto the root: no need for Path.relative_to
            return text[len(root) :].replace(os.sep, "/")
        try:
            return file.relative_to(self.root).as_posix()
        except ValueError:
            return file.as_posix()

    def hexdigest(self) -> str:
        return self.digest.hexdigest()

    # ---- collecting

    def unique_id(self, doc_id: str) -> str:
        if doc_id not in self.used_ids:
            return doc_id
        k = 2
        while f"{doc_id}~{k}" in self.used_ids:
            k += 1
        return f"{doc_id}~{k}"

    def add(self, record: Record) -> None:
        where = record.line
        row_based = where is not None
        if not row_based and not record.body:
            self.problem(record.path, None, "warning", "title only: the file has no body text after the first line")
        doc_id = record.doc_id
        if record.alternative_id is not None and doc_id in self.used_ids:
            doc_id = record.alternative_id
        doc_id = self.unique_id(doc_id)
        if doc_id != record.doc_id and record.id_from_input:
            self.problem(
                record.path,
                where,
                "warning",
                f"doc_id {record.doc_id!r} repeats an earlier article's; renamed to {doc_id!r}",
            )
        published, reason = parse_date(record.published, self.dates, self.dayfirst)
        if reason:
            self.problem(record.path, record.date_line, "warning", reason)
        text = f"{record.title}\n\n{record.body}" if record.body else record.title
        limit = self.max_article_bytes
        if limit and len(text) * 4 > limit and len(text.encode("utf-8")) > limit:
            size = len(text.encode("utf-8"))
            text = truncate(text, limit)
            self.problem(
                record.path,
                where,
                "warning",
                f"article is {size / 1e6:,.1f} MB, over max_article_bytes ({limit / 1e6:,.1f} MB); "
                f"cut to its first {len(text.encode('utf-8')) / 1e6:,.1f} MB (raise the limit to keep more)",
            )
        earlier = self.seen_text.get(text)
        if earlier is not None:
            if self.drop_duplicates:
                self.problem(
                    record.path, where, "warning", f"exact duplicate of {earlier!r}; dropped (drop_duplicates=True)"
                )
                return
            self.problem(
                record.path,
                where,
                "warning",
                f"exact duplicate of {earlier!r}; kept (use --drop-duplicates, or drop_duplicates=True "
                f"in Python, to drop it)",
            )
        else:
            self.seen_text[text] = doc_id
        self.used_ids.add(doc_id)
        values = {
            "doc_id": doc_id,
            "title": record.title,
            "text": text,
            "published": published,
            "source": record.source,
            "url": record.url,
            "category": record.category,
            "path": record.path,
            "published_raw": raw_date(record.published),
            "language": None,
            "duplicate_of": None,  # filled for the whole corpus by _annotate
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
