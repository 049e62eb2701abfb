"""Reading a prepared corpus: ``Corpus`` (each table read on first use) and ``open_corpus``.

``open_corpus`` opens a prepared directory as it is, or prepares a raw corpus into the cache first.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cached_property
from pathlib import Path

import pandas as pd

from . import paths, schemas
from .load import DEFAULT_MAX_ARTICLE_BYTES
from .options import check_choice
from .preparation import prepare_cached
from .prepare_cache import PART_TABLES, TABLE_SCHEMAS, read_manifest
from .prepare_settings import read_lexicon_overrides


class Corpus:
    """A prepared corpus on disk; each table is read on first use.

    Attributes:
        path: the prepared directory.
        manifest: what was prepared (corpus, settings, counts, date range, timings).
        articles, sentences, tokens, mentions, quotes: DataFrames (schemas in
            ``analysis.schemas``; ``sentences`` carries VADER neg/neu/pos/compound).
        problems: the loader's problems table.
        include_duplicates: False (the default) leaves the articles that repeat an earlier
            story (``articles.duplicate_of``, see ``analysis.duplicates``) out of every table,
            so each story counts once; True keeps them.
    """

    def __init__(self, path: str | Path, *, include_duplicates: bool = False):
        self.path = Path(path)
        manifest = read_manifest(self.path)
        if manifest is None:
            raise FileNotFoundError(
                f"{self.path} is not a prepared corpus (no manifest.json); run `analysis prepare` first"
            )
        self.manifest = manifest
        self.include_duplicates = bool(include_duplicates)

    @cached_property
    def set_aside(self) -> frozenset[str]:
        """The doc_ids left out of every table (duplicates; none when ``include_duplicates``)."""
        if self.include_duplicates or not self.manifest.get("duplicates"):
            return frozenset()
        frame = pd.read_parquet(self.path / "articles.parquet", columns=["doc_id", "duplicate_of"])
        return frozenset(frame.loc[frame["duplicate_of"].notna(), "doc_id"].astype(str))

    def _columns(self, columns: Sequence[str] | None) -> list[str] | None:
        """The columns to read: doc_id as well while duplicates are being left out."""
        if not columns:
            return None
        columns = list(columns)
        return columns + ["doc_id"] if self.set_aside and "doc_id" not in columns else columns

    def _each_story_once(self, frame: pd.DataFrame, columns: Sequence[str] | None) -> pd.DataFrame:
        if not self.set_aside or "doc_id" not in frame:
            return frame
        frame = frame[~frame["doc_id"].astype(str).isin(self.set_aside)]
        if columns and "doc_id" not in columns:
            frame = frame.drop(columns="doc_id")
        return frame.reset_index(drop=True)

    @property
    def lexicon_overrides(self) -> tuple[tuple[str, float], ...]:
        """The news tone lexicon overrides the corpus was prepared with, ``((term, valence), ...)``."""
        pairs = self.manifest.get("settings", {}).get("lexicon_overrides", [])
        return tuple((str(term), float(valence)) for term, valence in pairs)

    def __repr__(self) -> str:
        counts = ", ".join(f"{k}={v:,}" for k, v in self.manifest["counts"].items())
        return f"Corpus({str(self.path)!r}: {counts})"

    def read(self, table: str, *, columns: Sequence[str] | None = None) -> pd.DataFrame:
        """Read one table, optionally only some columns (less memory on large corpora)."""
        check_choice("table", table, list(TABLE_SCHEMAS))
        frame = pd.read_parquet(self.path / f"{table}.parquet", columns=self._columns(columns))
        return self._each_story_once(frame.reset_index(drop=True), columns)

    def iter_parts(self, table: str, *, columns: Sequence[str] | None = None) -> Iterator[pd.DataFrame]:
        """Yield a table part by part (one chunk of articles each): bounded memory."""
        check_choice("table", table, list(PART_TABLES))
        for part in sorted((self.path / f"{table}.parquet").glob("part-*.parquet")):
            yield self._each_story_once(pd.read_parquet(part, columns=self._columns(columns)), columns)

    def iter_batches(
        self, table: str, *, columns: Sequence[str] | None = None, batch_size: int = 10_000
    ) -> Iterator[pd.DataFrame]:
        """Yield any table (also the one-file ``articles``) in batches of at most ``batch_size`` rows.

        Example:
            >>> for batch in corpus.iter_batches("articles", columns=["doc_id", "text"]):   # doctest: +SKIP
            ...     print(len(batch))
        """
        import pyarrow.dataset as ds

        check_choice("table", table, list(TABLE_SCHEMAS))
        dataset = ds.dataset(self.path / f"{table}.parquet", format="parquet")
        for batch in dataset.to_batches(columns=self._columns(columns), batch_size=batch_size):
            if batch.num_rows:
                yield self._each_story_once(batch.to_pandas(), columns)

    @cached_property
    def articles(self) -> pd.DataFrame:
        return self.read("articles")

    @cached_property
    def sentences(self) -> pd.DataFrame:
        return self.read("sentences")

    @cached_property
    def tokens(self) -> pd.DataFrame:
        return self.read("tokens")

    @cached_property
    def mentions(self) -> pd.DataFrame:
        return self.read("mentions")

    @cached_property
    def quotes(self) -> pd.DataFrame:
        return self.read("quotes")

    @cached_property
    def problems(self) -> pd.DataFrame:
        frame = pd.read_csv(
            self.path / "problems.csv", dtype={"path": "string", "severity": "string", "reason": "string"}
        )
        return schemas.conform(frame, "problems")


def open_corpus(
    path: str | Path,
    *,
    cache_dir: str | Path | None = None,
    progress: bool = True,
    dayfirst: bool = False,
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
    columns=None,
    include_duplicates: bool = False,
    lexicon_overrides=None,
    actor_files: Sequence[str | Path] = (),
) -> Corpus:
    """Open a prepared corpus, preparing (and caching) a raw one first.

    ``dayfirst``, ``max_article_bytes`` and ``columns`` (table columns to fields) are passed to
    the loader when preparing (see ``prepare_corpus``); they change the cache key.
    ``include_duplicates`` keeps the copies of a story that are otherwise left out (``Corpus``).
    ``lexicon_overrides`` (a dict or a YAML/CSV file, see ``analysis.tone.read_overrides``)
    prepares a raw corpus with them; a prepared corpus must have been prepared with the same.
    ``actor_files`` (extra actor dictionaries) likewise: a raw corpus is prepared with them, a
    prepared one must have been.

    Example:
        >>> corpus = open_corpus("data/sample")      # doctest: +SKIP
        >>> len(corpus.articles) > 0                  # doctest: +SKIP
        True
    """
    path = paths.resolve(path)
    wanted = read_lexicon_overrides(lexicon_overrides)
    if read_manifest(path) is not None:
        corpus = Corpus(path, include_duplicates=include_duplicates)
        if wanted and corpus.lexicon_overrides != wanted:
            from .tone import LexiconError

            raise LexiconError(
                f"{path} was prepared with lexicon overrides {dict(corpus.lexicon_overrides) or 'none'}, not "
                f"{dict(wanted)}; open the raw corpus with them, or run `analysis prepare RAW --lexicon-overrides FILE`"
            )
        _check_actor_files(corpus, actor_files)
        return corpus
    result = prepare_cached(
        path,
        cache_dir=cache_dir,
        progress=progress,
        dayfirst=dayfirst,
        max_article_bytes=max_article_bytes,
        columns=columns,
        lexicon_overrides=wanted or None,
        actor_files=actor_files,
    )
    return Corpus(result.path, include_duplicates=include_duplicates)


def _check_actor_files(corpus: Corpus, actor_files: Sequence[str | Path]) -> None:
    """A prepared corpus opened with ``actor_files`` was prepared with those dictionaries, or one line says so."""
    wanted = [str(paths.resolve(file)) for file in actor_files]
    used = list(corpus.manifest.get("settings", {}).get("actor_files", []))
    if wanted and wanted != used:
        from .load import CorpusError

        raise CorpusError(
            f"{corpus.path} was prepared with actor dictionaries {', '.join(used) or 'none'}, not {', '.join(wanted)}; "
            "open the raw corpus with them, or run `analysis prepare RAW --actors FILE` and open its output"
        )
