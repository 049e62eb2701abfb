"""One run of ``analysis prepare``: load a corpus, run its chunks on an engine, write the prepared directory.

``prepare_corpus`` writes into a staging folder and swaps it into place when every table and the
manifest are written; ``prepare_cached`` prepares into the cache folder named by the corpus's key.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pandas as pd

from . import __version__, engines, outputs, paths, schemas
from .chunks import write_parquet
from .engines import Engine
from .extra_columns import normalise_extra_columns
from .load import DEFAULT_MAX_ARTICLE_BYTES
from .prepare_cache import (
    DEFAULT_CACHE,
    FORMAT_VERSION,
    PART_TABLES,
    TABLE_SCHEMAS,
    cache_key,
    read_manifest,
    swap_into_place,
)
from .prepare_settings import Settings, load_with
from .report import atomic_write


@dataclass
class PrepareResult:
    """What ``prepare_corpus`` did; ``summary()`` is the one line the CLI prints."""

    path: Path
    articles: int = 0
    sentences: int = 0
    tokens: int = 0
    mentions: int = 0
    quotes: int = 0
    problems: int = 0
    seconds: float = 0.0
    reused: bool = False
    key: str = ""
    timings: dict = field(default_factory=dict)
    duplicates: int = 0
    warnings: list = field(default_factory=list)

    def summary(self) -> str:
        verb = "reused prepared corpus" if self.reused else "prepared"
        set_aside = f" ({self.duplicates:,} duplicates set aside in reports)" if self.duplicates else ""
        warnings = "".join(f"\nwarning: {w}" for w in self.warnings)
        return (
            f"{verb} {self.path}: {self.articles:,} articles{set_aside}, {self.sentences:,} sentences, "
            f"{self.tokens:,} tokens, {self.mentions:,} mentions, {self.quotes:,} quotes, "
            f"{self.problems:,} problems in {self.seconds:.1f} s{warnings}"
        )


def prepare_corpus(
    corpus: str | Path,
    out: str | Path,
    *,
    workers: int | None = None,
    chunk_size: int = 500,
    engine: Engine = "local",
    scheduler: str | None = None,
    actor_files: Sequence[str | Path] = (),
    drop_duplicates: bool = False,
    dayfirst: bool = False,
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
    columns=None,
    lexicon_overrides=None,
    progress: bool = True,
    force: bool = False,
    _loaded=None,
) -> PrepareResult:
    """Load a corpus and write its prepared tables to ``out``.

    Args:
        corpus: a folder or file of articles (see ``analysis.load``).
        out: the prepared directory to write. If it already holds a corpus prepared from
            the same content with the same settings, it is reused (unless ``force``).
        workers: processes (local) or Dask workers; default: all cores.
        chunk_size: at most this many articles per chunk (chunks are of equal size, as many as a
            multiple of the workers); peak memory grows with it, not with the corpus.
        engine: "local" (process pool) or "dask" (``scheduler`` address, or a LocalCluster).
        actor_files: extra actor dictionaries merged with the default one.
        drop_duplicates: drop exact duplicate articles (they are always listed as problems).
        dayfirst: read ambiguous numeric dates day first (``04.03.2024`` is 4 March).
        max_article_bytes: cut longer articles to this many bytes (with a warning); None: no limit.
        columns: column mapping for table files, a dict or ``"title=headline,source=source.name"``
            (on top of the corpus's ``analysis.yaml``; see ``analysis.columns``).
        lexicon_overrides: news tone lexicon overrides, a dict ``{term: valence}`` or a YAML/CSV
            file (``analysis.tone.read_overrides``); part of the cache key.
        progress: show a progress bar with articles per second.
        force: prepare again even if ``out`` is up to date.

    Returns:
        PrepareResult with counts and seconds (``reused`` tells whether anything ran).

    Example:
        >>> result = prepare_corpus("data/sample", "/tmp/sample-prepared")   # doctest: +SKIP
        >>> print(result.summary())                                          # doctest: +SKIP
    """
    from tqdm import tqdm  # plain text bar: tqdm.auto needs ipywidgets inside Jupyter

    from .load import CorpusError

    engine_used = engines.engine(engine)
    if _loaded is None:
        engine_used.head_start(engines.worker_count(workers))  # overlaps the load below
    if chunk_size < 1:
        raise ValueError(f"chunk_size={chunk_size} must be at least 1")
    started = time.perf_counter()
    corpus = paths.resolve(corpus)
    _refuse_prepared(corpus)
    outputs.check_apart(corpus, out)
    out = outputs.check_folder(out, "prepared")
    settings = Settings.of(
        actor_files,
        drop_duplicates,
        dayfirst=dayfirst,
        max_article_bytes=max_article_bytes,
        columns=columns,
        corpus=corpus,
        lexicon_overrides=lexicon_overrides,
    )
    t0 = time.perf_counter()
    try:
        loaded = _loaded if _loaded is not None else load_with(corpus, settings)
    except CorpusError as error:
        if getattr(error, "problems", None) is None or not len(error.problems):
            raise
        raise nothing_loaded(corpus, error.problems, _write_problems_only(out, error.problems)) from None
    key = cache_key(loaded, settings)
    if not force:
        previous = read_manifest(out)
        if previous and previous.get("key") == key:
            counts = previous["counts"]
            return PrepareResult(
                out,
                **{k: counts.get(k, 0) for k in ("articles", "sentences", "tokens", "mentions", "quotes", "problems")},
                seconds=time.perf_counter() - started,
                reused=True,
                key=key,
                duplicates=previous.get("duplicates", 0),
                warnings=previous.get("warnings", []),
            )

    timings = {"load": time.perf_counter() - t0}
    articles = loaded.articles
    # the near-duplicate pass (whole corpus, serial) runs on a thread while the workers prepare the
    # articles: no worker reads duplicate_of, and articles.parquet and problems.csv are written after
    duplicates_pass = _in_background(loaded.with_duplicates)

    # write into a fresh sibling directory, then swap it in: a crash never leaves a
    # directory whose manifest claims more than it holds
    # (a unique name, so two runs preparing the same corpus at once do not share it)
    out.parent.mkdir(parents=True, exist_ok=True)
    outputs.remove_stale_staging(out.parent, f".{out.name}.*.partial")  # left by a killed run
    staging = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".partial", dir=out.parent))
    try:
        outputs.mark_staging(staging)
        workers = engines.worker_count(workers)
        t0 = time.perf_counter()
        with tqdm(total=len(articles), unit="article", desc="prepare", disable=not progress, smoothing=0.1) as bar:
            written = engine_used.run(
                articles, staging, settings, chunk_size=chunk_size, workers=workers, scheduler=scheduler, bar=bar
            )
        timings["process"] = time.perf_counter() - t0
        totals = written.rows
        articles, problems = duplicates_pass.result()
        if len(articles) and articles["language"].isna().any():  # the load left them to the workers
            articles = articles.assign(language=pd.array(written.languages, dtype="string"))
        languages, duplicates, warnings = _corpus_notes(articles)
        if warnings:
            notes = pd.DataFrame([("", pd.NA, "warning", w) for w in warnings], columns=schemas.columns("problems"))
            problems = schemas.conform(pd.concat([notes, problems], ignore_index=True), "problems")
        write_parquet(normalise_extra_columns(articles), staging / "articles.parquet")
        problems.to_csv(staging / "problems.csv", index=False)
        if len(articles) == 0:  # keep every table readable even for an empty corpus
            for name in PART_TABLES:
                write_parquet(schemas.empty(TABLE_SCHEMAS[name]), staging / f"{name}.parquet" / "part-00000.parquet")

        seconds = time.perf_counter() - started
        counts = {"articles": len(articles), **totals, "problems": len(problems)}
        published = articles["published"].dropna()
        manifest = {
            "format_version": FORMAT_VERSION,
            "analysis_version": __version__,
            "key": key,
            "corpus": str(corpus),
            "settings": asdict(settings),
            "engine": engine,
            "workers": workers,
            "chunk_size": chunk_size,
            "counts": counts,
            "date_range": [published.min().isoformat(), published.max().isoformat()] if len(published) else None,
            "languages": languages,
            "duplicates": duplicates,
            "warnings": warnings,
            "seconds": round(seconds, 3),
            "timings": {k: round(v, 3) for k, v in timings.items()},
            "created": pd.Timestamp.now(tz="UTC").isoformat(),
        }
        (staging / "manifest.json").write_text(json.dumps(manifest, indent=2))
        outputs.write_marker(staging, "prepared")
        (staging / outputs.OWNER).unlink()
        swap_into_place(staging, out, key)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return PrepareResult(
        out, **counts, seconds=seconds, reused=False, key=key, timings=timings, duplicates=duplicates, warnings=warnings
    )


def _in_background(work):
    """``work()`` on a thread now; ``.result()`` waits for it (and raises what it raised)."""
    from concurrent.futures import ThreadPoolExecutor

    executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="analysis-duplicates")
    future = executor.submit(work)
    executor.shutdown(wait=False)  # the thread ends with its one task
    return future


def _corpus_notes(articles: pd.DataFrame) -> tuple[dict[str, int], int, list[str]]:
    """Language mix, duplicates set aside, and warnings a person must see about the corpus."""
    from .language import language_mix, mostly_not_english

    languages = language_mix(articles["language"]) if "language" in articles else {}
    duplicates = int(articles["duplicate_of"].notna().sum()) if "duplicate_of" in articles else 0
    warning = mostly_not_english(languages)
    return languages, duplicates, [warning] if warning else []


def nothing_loaded(corpus: Path, problems: pd.DataFrame, csv: Path | None):
    """The CorpusError for a corpus where nothing loaded: every problem named when there are
    a few, else their count and the first; and where problems.csv is."""
    from .load import CorpusError

    rows = [f"{row.path}: {row.reason}" for row in problems.head(4).itertuples()]
    if len(problems) <= 3:
        named = "; ".join(rows)
    else:
        named = f"first {rows[0]}"
    where = f"; all in {csv}" if csv is not None else ""
    return CorpusError(
        f"no articles could be loaded from {corpus}: {len(problems)} problem(s) ({named}){where}; "
        f"fix the files or point to another corpus",
        problems,
    )


def _write_problems_only(out: Path, problems: pd.DataFrame) -> Path | None:
    """Write ``out/problems.csv`` for a corpus where nothing loaded, so every reason is readable.

    A folder holding an earlier prepared corpus is left as it was (its problems.csv belongs to it).
    """
    if read_manifest(out) is not None:
        return None
    try:
        out = outputs.claim_folder(out, "prepared")
        return atomic_write(out / "problems.csv", lambda tmp: problems.to_csv(tmp, index=False))
    except (OSError, outputs.OutputError):
        return None


def _refuse_prepared(corpus: Path) -> None:
    """A prepared corpus given where raw articles are expected: one line, nothing read."""
    manifest = read_manifest(corpus)
    if manifest is not None:
        from .load import CorpusError

        raise CorpusError(
            f"{corpus} is already a prepared corpus, not articles; open it with open_corpus, "
            f"or prepare the raw corpus it came from ({manifest.get('corpus', 'see its manifest.json')})"
        )


def prepare_cached(corpus: str | Path, *, cache_dir: str | Path | None = None, **options) -> PrepareResult:
    """Prepare ``corpus`` into ``cache_dir/<key>`` unless that is already there.

    The key hashes the corpus content and the settings, so editing one article or
    changing an option prepares again; anything else reuses the cache.
    """
    corpus = paths.resolve(corpus)
    _refuse_prepared(corpus)  # before loading: a prepared folder is not articles
    cache = Path(cache_dir or DEFAULT_CACHE)
    outputs.check_apart(corpus, cache, option="--cache-dir")
    cache = outputs.claim_folder(cache, "cache", option="--cache-dir")
    settings = Settings.of(
        options.get("actor_files", ()),
        options.get("drop_duplicates", False),
        dayfirst=options.get("dayfirst", False),
        max_article_bytes=options.get("max_article_bytes", DEFAULT_MAX_ARTICLE_BYTES),
        columns=options.get("columns"),
        corpus=corpus,
        lexicon_overrides=options.get("lexicon_overrides"),
    )
    # its head start (the pool's server) overlaps the load below
    engines.engine(options.get("engine", "local")).head_start(engines.worker_count(options.get("workers")))
    # load once: the key comes from the bytes this load read, and prepare_corpus reuses the frames
    loaded = load_with(corpus, settings)
    return prepare_corpus(corpus, cache / cache_key(loaded, settings), **options, _loaded=loaded)
