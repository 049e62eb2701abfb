"""Prepare a corpus once: load, split, tokenise, score and find actors; write Parquet.

``prepare_corpus`` turns a folder (or file) of articles into a prepared directory::

    out/
      manifest.json          what was prepared, from what, with which settings, counts, timings
      articles.parquet       one file
      sentences.parquet/     part-00000.parquet, ...  (VADER neg/neu/pos/compound, news tone and its words)
      tokens.parquet/        part files
      mentions.parquet/      part files
      quotes.parquet/        part files
      problems.csv           the loader's problems table

Articles are processed in chunks (``chunk_size`` articles each). Each chunk is handled by
``prepare_chunk``, the one function every engine runs: in this process for small corpora,
in a process pool over all cores (``engine="local"``), or on a Dask cluster
(``engine="dask"``). Each chunk writes its own part files, so memory depends on the chunk
size, not on the corpus, and every engine writes the same rows to the same files.

``open_corpus`` opens a prepared directory, or prepares a raw corpus into a cache keyed by
the corpus content and the settings (``reports/.cache/<key>``) and opens that: the second
time it is asked, nothing is recomputed.

Example:
    >>> corpus = open_corpus("data/sample")              # doctest: +SKIP
    >>> corpus.sentences[["doc_id", "text", "compound"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures.process import BrokenProcessPool
from dataclasses import asdict, dataclass, field
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Literal

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from . import __version__, outputs, paths, schemas
from .extra_columns import normalise_extra_columns
from .load import DEFAULT_MAX_ARTICLE_BYTES
from .options import check_choice
from .pool_server import WORKER_MODULES as WORKER_MODULES
from .pool_server import start_pool_server
from .report import atomic_write

# Bump when what prepare writes changes, so old caches are not reused.
FORMAT_VERSION = 4  # 2: extra columns normalised, 3: quotes' cue and confidence, 4: sentences' news tone
PART_TABLES = ("sentences", "tokens", "mentions", "quotes")
TABLE_SCHEMAS = {
    "articles": "articles",
    "sentences": "toned_sentences",
    "tokens": "tokens",
    "mentions": "mentions",
    "quotes": "quotes",
}
Engine = Literal["local", "dask"]
ENGINES = ("local", "dask")
DEFAULT_CACHE = paths.DEFAULT_CACHE


@dataclass(frozen=True)
class Settings:
    """Everything besides the corpus content that changes what prepare writes."""

    actor_files: tuple[str, ...] = ()
    drop_duplicates: bool = False
    dayfirst: bool = False
    max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES
    # column mapping (given, on top of the corpus's analysis.yaml) as sorted (field, column) pairs
    columns: tuple[tuple[str, str | None], ...] = ()
    # other loader options from the corpus's settings file (e.g. dayfirst), as sorted pairs
    file_options: tuple[tuple[str, object], ...] = ()
    # (term, valence) pairs read from the user's dict or file: their content is the cache key
    lexicon_overrides: tuple[tuple[str, float], ...] = ()

    @classmethod
    def of(
        cls,
        actor_files: Sequence[str | Path] = (),
        drop_duplicates: bool = False,
        *,
        dayfirst: bool = False,
        max_article_bytes: int | None = DEFAULT_MAX_ARTICLE_BYTES,
        columns=None,
        corpus: str | Path | None = None,
        lexicon_overrides=None,
    ) -> Settings:
        """Settings from user options (actor files resolved to absolute paths; ``columns``
        merged with the settings file of ``corpus``; lexicon overrides read)."""
        from .columns import corpus_settings, merged_columns

        for file in actor_files:  # before anything is loaded: the cache key reads each file
            if not paths.resolve(file).is_file():
                from .errors import DictionaryError

                raise DictionaryError(f"actor dictionary {file} does not exist; give a YAML, CSV or PETRARCH .txt file")
        merged = merged_columns(corpus, columns) if corpus is not None else dict(columns or {})
        extra = corpus_settings(corpus) if corpus is not None else {}
        file_options = tuple(sorted((k, v) for k, v in extra.items() if k != "columns"))
        return cls(
            tuple(str(paths.resolve(p)) for p in actor_files),
            bool(drop_duplicates),
            bool(dayfirst),
            max_article_bytes,
            tuple(sorted(merged.items())),
            file_options,
            _read_overrides(lexicon_overrides),
        )

    def load_options(self) -> dict:
        """The options ``load_corpus`` takes from these settings (the corpus's settings file
        fills in what the user left at its default, e.g. ``dayfirst``)."""
        options = {
            "drop_duplicates": self.drop_duplicates,
            "dayfirst": self.dayfirst,
            "max_article_bytes": self.max_article_bytes,
            "columns": dict(self.columns),
        }
        for name, value in _file_options(self).items():
            if name not in options or options[name] in (False, None, DEFAULT_MAX_ARTICLE_BYTES):
                options[name] = value
        return options

    def key_material(self) -> dict:
        material = asdict(self)
        # an actor file's content matters, not just its name
        material["actor_files"] = [[str(p), _file_digest(Path(p))] for p in self.actor_files]
        return material


def _read_overrides(source) -> tuple[tuple[str, float], ...]:
    """``tone.read_overrides``, without importing the news tone when there are no overrides:
    importing it imports NLTK, and NLTK scipy.stats (about 1 s before the workers start; the
    workers import it anyway)."""
    if source is None or (isinstance(source, (str, Mapping, list, tuple)) and not source):
        return ()
    from .tone import read_overrides

    return read_overrides(source)


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


# --------------------------------------------------------------------------- the per-chunk work


def prepare_chunk(articles: pd.DataFrame, settings: Settings = Settings()) -> dict[str, pd.DataFrame]:
    """Sentences (scored), tokens, mentions and quotes for a frame of articles.

    The one function every engine runs; it holds no state between calls except the
    per-process caches of the language resources (built on first use).

    Example:
        >>> from analysis.load import load_articles
        >>> arts, _ = load_articles("data/sample")                      # doctest: +SKIP
        >>> prepare_chunk(arts.head(2))["tokens"].shape[0] > 0          # doctest: +SKIP
        True
    """
    from . import actors, quotes, tokens, tone

    sentences = tokens.split_sentences(articles)
    token_frame = tokens.tokenize(sentences)
    dictionary = _dictionary(settings.actor_files)
    english = _english(articles)
    if english.all():
        mentions = actors.find_mentions(articles, sentences, dictionary=dictionary)
    else:
        mentions = _english_only_mentions(articles, sentences, english, dictionary)
    # stock VADER columns and the news tone (which needs the mentions) in one pass
    scored = tone.score_sentences(sentences, mentions, lexicon_overrides=settings.lexicon_overrides)
    if not english.all():
        scored = _unscored_unless_english(scored, articles, english)
    quote_frame = quotes.find_quotes(articles, sentences, mentions)
    return {"sentences": scored, "tokens": token_frame, "mentions": mentions, "quotes": quote_frame}


def _english(articles: pd.DataFrame) -> pd.Series:
    from .language import is_english

    if "language" not in articles:  # a frame from before languages were known: all English, as then
        return pd.Series(True, index=articles.index)
    return is_english(articles["language"]).to_numpy()


def _english_only_mentions(articles, sentences, english, dictionary) -> pd.DataFrame:
    """Actors for a chunk with non-English articles (see ``analysis.language``): discovery runs on
    English articles only; other articles get only dictionary matches."""
    from . import actors, schemas

    english_ids = set(articles.loc[english, "doc_id"].astype(str))
    in_english = sentences["doc_id"].astype(str).isin(english_ids).to_numpy()
    found = [
        actors.find_mentions(articles[english], sentences[in_english], dictionary=dictionary),
        actors.find_mentions(articles[~english], sentences[~in_english], dictionary=dictionary, discover=False),
    ]
    position = {doc_id: k for k, doc_id in enumerate(articles["doc_id"].astype(str))}
    mentions = pd.concat(found, ignore_index=True)
    mentions = mentions.assign(_order=mentions["doc_id"].astype(str).map(position))
    mentions = mentions.sort_values(["_order", "start"], kind="stable")
    return schemas.conform(mentions, "mentions")


def _unscored_unless_english(scored: pd.DataFrame, articles: pd.DataFrame, english) -> pd.DataFrame:
    """VADER and the news tone are English word lists: other articles' sentences get NaN scores
    (and no tone words), so they never count as neutral English."""
    from .sentiment import SCORE_COLUMNS

    english_ids = set(articles.loc[english, "doc_id"].astype(str))
    other = ~scored["doc_id"].astype(str).isin(english_ids).to_numpy()
    scored = scored.copy()
    scored.loc[other, [*SCORE_COLUMNS, "tone"]] = float("nan")
    scored.loc[other, ["tone_words", "tone_starts"]] = ""
    return scored


_DICTIONARIES: dict[tuple[str, ...], object] = {}


def _dictionary(actor_files: tuple[str, ...]):
    """The actor dictionary, built once per process for a given set of files."""
    if actor_files not in _DICTIONARIES:
        from . import actors

        _DICTIONARIES[actor_files] = actors.load_dictionary(actor_files)
    return _DICTIONARIES[actor_files]


def _write_chunk(part: int, articles: pd.DataFrame, out: str, settings: Settings) -> dict[str, int]:
    """Prepare one chunk and write its part files; return row counts (runs in workers)."""
    frames = prepare_chunk(articles, settings)
    for name, frame in frames.items():
        _write_parquet(frame, Path(out) / f"{name}.parquet" / f"part-{part:05d}.parquet")
    return {name: len(frame) for name, frame in frames.items()}


# --------------------------------------------------------------------------- engines


def _chunks(articles: pd.DataFrame, chunk_size: int) -> Iterator[tuple[int, pd.DataFrame]]:
    for part, begin in enumerate(range(0, len(articles), chunk_size)):
        yield part, articles.iloc[begin : begin + chunk_size].reset_index(drop=True)


def _run_inline(articles, out, settings, chunk_size, bar) -> dict[str, int]:
    totals = dict.fromkeys(PART_TABLES, 0)
    for part, chunk in _chunks(articles, chunk_size):
        _add(totals, _write_chunk(part, chunk, str(out), settings))
        bar.update(len(chunk))
    return totals


def _run_pool(articles, out, settings, chunk_size, workers, bar) -> dict[str, int]:
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # forkserver: workers start from a clean process that has imported the package once,
    # so they are cheap to start and do not inherit threads from the parent (Jupyter, pyarrow)
    context = start_pool_server()
    totals = dict.fromkeys(PART_TABLES, 0)
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)
    )
    try:
        # keep at most 2 chunks per worker in flight, so memory stays bounded
        pending = {}
        chunk_iter = _chunks(articles, chunk_size)
        for part, chunk in chunk_iter:
            pending[_submit(pool, part, chunk, out, settings)] = len(chunk)
            if len(pending) >= 2 * workers:
                break
        while pending:
            done = next(as_completed(pending))
            bar.update(pending.pop(done))
            _add(totals, done.result())
            nxt = next(chunk_iter, None)
            if nxt is not None:
                part, chunk = nxt
                pending[_submit(pool, part, chunk, out, settings)] = len(chunk)
    except BaseException:
        # Ctrl-C, a full disk, a failed chunk: stop now rather than finish the chunks in flight
        # (the executor has no public way to end busy workers)
        processes = list((getattr(pool, "_processes", None) or {}).values())
        for process in processes:
            process.terminate()
        for process in processes:  # gone before this process exits and its queues vanish
            process.join(timeout=5)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)
    return totals


def _submit(pool, part, chunk, out, settings):
    """``pool.submit`` with Ctrl-C held back until it returns: submit may start a worker, and a
    worker started but not yet registered with the pool would outlive the interrupted run."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return pool.submit(_write_chunk, part, chunk, str(out), settings)
    interrupted = []
    previous = signal.signal(signal.SIGINT, lambda *_: interrupted.append(True))
    try:
        future = pool.submit(_write_chunk, part, chunk, str(out), settings)
    finally:
        signal.signal(signal.SIGINT, previous)
    if interrupted:
        raise KeyboardInterrupt
    return future


# One short story that takes every path of prepare_chunk (sentences, tokens, a dictionary actor, a
# discovered person and company, quotes, a pronoun), so each resource those paths build lazily exists after ``warm_up``.
_WARM_UP_TEXT = (
    "Harbour deal agreed\n\n"
    "Prime Minister Tony Blair said on Monday the harbour deal was good news for Wales. "
    '"We will rebuild the old wall," said Jane Porter, a spokeswoman for Acme Holdings Ltd in Cardiff. '
    "Shares rose 3% in London, and analysts at the Bank of England were not surprised. "
    'Meridia agreed to buy Harlow Foods. "It is a fair price," said John Smith. He added: "We are happy."'
)


def warm_up() -> None:
    """Build the per-process resources ``prepare_chunk`` uses (actor dictionary, cue lists,
    gazetteers, VADER and news tone lexicons, sentence splitter, stemmer) by preparing one small
    article; then freeze them out of the garbage collector's scans.

    Run in the pool's forkserver (``analysis.worker_ready``), so every worker forked from it starts
    with them instead of building them in its first chunk.
    """
    import gc

    articles = pd.DataFrame(
        {
            "doc_id": ["warm-up"],
            "title": ["Harbour deal agreed"],
            "text": [_WARM_UP_TEXT],
            "published": [pd.NaT],
            "source": [""],
            "url": [""],
            "category": [""],
            "path": ["warm-up.txt"],
            "published_raw": [""],
            "language": ["en"],
            "duplicate_of": [None],
        }
    )
    try:
        prepare_chunk(schemas.conform(articles, "articles"))
    except Exception:  # only a head start: a worker that needs a broken resource hits its real error itself
        return
    # objects that live as long as the worker: no collection needs to scan them (nor touch their pages)
    gc.freeze()


def _worker_start(parent: int) -> None:
    """Set up a pool worker: Ctrl-C is the parent's to handle (no traceback per worker), and
    the worker ends itself when the parent dies (``kill -9``), instead of idling on with its memory."""
    import signal
    import threading

    signal.signal(signal.SIGINT, signal.SIG_IGN)

    def watch() -> None:
        while outputs.process_alive(parent):
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()


def _run_dask(articles, out, settings, chunk_size, scheduler, workers, bar) -> dict[str, int]:
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    totals = dict.fromkeys(PART_TABLES, 0)
    try:
        futures = {}
        for part, chunk in _chunks(articles, chunk_size):
            future = client.submit(_write_chunk, part, chunk, str(out), settings, pure=False)
            futures[future] = len(chunk)
        for future in as_completed(futures):
            _add(totals, future.result())
            bar.update(futures[future])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return totals


def _add(totals: dict[str, int], counts: dict[str, int]) -> None:
    for name, count in counts.items():
        totals[name] += count


# --------------------------------------------------------------------------- public API


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
        chunk_size: articles per chunk; peak memory grows with it, not with the corpus.
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

    check_choice("engine", engine, ENGINES)
    if engine == "local" and max(1, workers or os.cpu_count() or 1) > 1 and _loaded is None:
        start_pool_server()  # its imports overlap the load below
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
        loaded = _loaded if _loaded is not None else _load(corpus, settings)
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
        workers = max(1, workers or os.cpu_count() or 1)
        t0 = time.perf_counter()
        with tqdm(total=len(articles), unit="article", desc="prepare", disable=not progress, smoothing=0.1) as bar:
            if engine == "dask":
                totals = _run_dask(articles, staging, settings, chunk_size, scheduler, workers, bar)
            elif workers == 1 or len(articles) <= chunk_size:
                totals = _run_inline(articles, staging, settings, chunk_size, bar)
            else:
                try:
                    totals = _run_pool(articles, staging, settings, chunk_size, workers, bar)
                except BrokenProcessPool as error:
                    raise RuntimeError(
                        "prepare's worker processes stopped abruptly: out of memory, or a script that calls "
                        'prepare/open_corpus outside `if __name__ == "__main__":` (each worker re-runs such a '
                        "script); guard the script's entry point or pass workers=1"
                    ) from error
        timings["process"] = time.perf_counter() - t0
        articles, problems = duplicates_pass.result()
        languages, duplicates, warnings = _corpus_notes(articles)
        if warnings:
            notes = pd.DataFrame([("", pd.NA, "warning", w) for w in warnings], columns=schemas.columns("problems"))
            problems = schemas.conform(pd.concat([notes, problems], ignore_index=True), "problems")
        _write_parquet(normalise_extra_columns(articles), staging / "articles.parquet")
        problems.to_csv(staging / "problems.csv", index=False)
        if len(articles) == 0:  # keep every table readable even for an empty corpus
            for name in PART_TABLES:
                _write_parquet(schemas.empty(TABLE_SCHEMAS[name]), staging / f"{name}.parquet" / "part-00000.parquet")

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
        _swap_into_place(staging, out, key)
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


def _file_options(settings: Settings) -> dict:
    """The settings file's loader options that this loader has (e.g. ``dayfirst``)."""
    import inspect

    from .load import load_corpus

    accepted = inspect.signature(load_corpus).parameters
    unknown = [name for name, _ in settings.file_options if name not in accepted]
    if unknown:
        from .columns import ColumnsError

        raise ColumnsError(
            f"the corpus settings file sets {unknown[0]!r}, which this version's loader does not have; "
            f"remove it from analysis.yaml"
        )
    return dict(settings.file_options)


def _swap_into_place(staging: Path, out: Path, key: str) -> None:
    """Replace ``out`` by the finished ``staging`` directory.

    If another process finished the same corpus first, its result is kept and ours dropped.
    """
    try:
        if out.exists():
            outputs.check_folder(out, "prepared")  # again: something may have appeared meanwhile
            shutil.rmtree(out)
        os.replace(staging, out)
    except OSError:
        done = read_manifest(out)
        shutil.rmtree(staging, ignore_errors=True)
        if not (done and done.get("key") == key):
            raise


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
    if options.get("engine", "local") == "local" and max(1, options.get("workers") or os.cpu_count() or 1) > 1:
        start_pool_server()  # its imports overlap the load below
    # load once: the key comes from the bytes this load read, and prepare_corpus reuses the frames
    loaded = _load(corpus, settings)
    return prepare_corpus(corpus, cache / cache_key(loaded, settings), **options, _loaded=loaded)


def _load(corpus: Path, settings: Settings):
    from .load import load_corpus

    # near duplicates are looked for beside the workers (prepare_corpus), not before them
    return load_corpus(corpus, **settings.load_options(), defer_duplicates=True)


def cache_key(corpus, settings: Settings = Settings()) -> str:
    """A short hash of what the loader read (each file's name and bytes, its problems), the settings,
    the code and the format version.

    ``corpus`` is a ``LoadedCorpus`` (its digest was taken while loading, so the key always
    describes the content that was prepared), or a path, which is loaded first.
    """
    from .load import CorpusError, LoadedCorpus

    if not isinstance(corpus, LoadedCorpus):
        path = Path(corpus)
        if not path.exists():
            raise CorpusError(f"{corpus} does not exist; give a folder or file of articles")
        corpus = _load(path, settings)
    digest = hashlib.sha256()
    digest.update(json.dumps([FORMAT_VERSION, code_fingerprint(), settings.key_material()]).encode())
    digest.update(corpus.digest.encode())
    return digest.hexdigest()[:16]


@lru_cache(maxsize=1)
def code_fingerprint() -> str:
    """Hash of the package's code and resources: a new tokeniser rule or actor entry
    changes what prepare writes, so it must not reuse a cache made by older code."""
    digest = hashlib.sha256()
    for file in sorted(paths.PACKAGE_DIR.rglob("*")):
        if file.is_file() and file.suffix in {".py", ".yaml", ".yml", ".txt", ".json", ".csv", ".tsv"}:
            digest.update(file.relative_to(paths.PACKAGE_DIR).as_posix().encode() + b"\0")
            digest.update(_file_digest(file).encode())
    return digest.hexdigest()[:16]


def _file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def read_manifest(path: str | Path) -> dict | None:
    """The manifest of a prepared directory, or None if ``path`` is not one."""
    manifest = Path(path) / "manifest.json"
    if not manifest.is_file():
        return None
    try:
        data = json.loads(manifest.read_text())
    except (OSError, ValueError):
        return None
    return data if data.get("format_version") == FORMAT_VERSION else None


def _write_parquet(frame: pd.DataFrame, path: Path) -> None:
    table = pa.Table.from_pandas(frame, preserve_index=False)
    # repeated strings (doc ids, norms, stems, actor names) compress to small dictionaries
    string_columns = [f.name for f in table.schema if pa.types.is_string(f.type) or pa.types.is_large_string(f.type)]
    atomic_write(
        path, lambda tmp: pq.write_table(table, tmp, use_dictionary=string_columns or False, compression="zstd")
    )


# --------------------------------------------------------------------------- reading


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
) -> Corpus:
    """Open a prepared corpus, preparing (and caching) a raw one first.

    ``dayfirst``, ``max_article_bytes`` and ``columns`` (table columns to fields) are passed to
    the loader when preparing (see ``prepare_corpus``); they change the cache key.
    ``include_duplicates`` keeps the copies of a story that are otherwise left out (``Corpus``).
    ``lexicon_overrides`` (a dict or a YAML/CSV file, see ``analysis.tone.read_overrides``)
    prepares a raw corpus with them; a prepared corpus must have been prepared with the same.

    Example:
        >>> corpus = open_corpus("data/sample")      # doctest: +SKIP
        >>> len(corpus.articles) > 0                  # doctest: +SKIP
        True
    """
    path = paths.resolve(path)
    wanted = _read_overrides(lexicon_overrides)
    if read_manifest(path) is not None:
        corpus = Corpus(path, include_duplicates=include_duplicates)
        if wanted and corpus.lexicon_overrides != wanted:
            from .tone import LexiconError

            raise LexiconError(
                f"{path} was prepared with lexicon overrides {dict(corpus.lexicon_overrides) or 'none'}, not "
                f"{dict(wanted)}; open the raw corpus with them, or run `analysis prepare RAW --lexicon-overrides FILE`"
            )
        return corpus
    result = prepare_cached(
        path,
        cache_dir=cache_dir,
        progress=progress,
        dayfirst=dayfirst,
        max_article_bytes=max_article_bytes,
        columns=columns,
        lexicon_overrides=wanted or None,
    )
    return Corpus(result.path, include_duplicates=include_duplicates)
