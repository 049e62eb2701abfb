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

One import path over modules that each do one job:

- ``prepare_settings``: ``Settings``, what besides the corpus content changes what prepare writes;
- ``chunks``: ``prepare_chunk`` and ``warm_up``, the per-chunk work;
- ``engines``: the engines that run the chunks (inline, process pool, Dask);
- ``prepare_cache``: ``FORMAT_VERSION``, the manifest, ``cache_key``;
- ``preparation``: ``prepare_corpus`` and ``prepare_cached``, one run from corpus to prepared directory;
- ``prepared``: ``Corpus`` and ``open_corpus``, reading a prepared corpus.

Notebooks, tests and users keep writing ``from analysis.prepare import open_corpus``: every
public name is re-exported here.

Example:
    >>> corpus = open_corpus("data/sample")              # doctest: +SKIP
    >>> corpus.sentences[["doc_id", "text", "compound"]].head()  # doctest: +SKIP
"""

from __future__ import annotations

from .chunks import prepare_chunk, warm_up
from .engines import ENGINES, WORKER_MODULES, Engine
from .preparation import PrepareResult, nothing_loaded, prepare_cached, prepare_corpus
from .prepare_cache import (
    DEFAULT_CACHE,
    FORMAT_VERSION,
    PART_TABLES,
    TABLE_SCHEMAS,
    cache_key,
    code_fingerprint,
    read_manifest,
)
from .prepare_settings import Settings
from .prepared import Corpus, open_corpus

__all__ = [
    "DEFAULT_CACHE",
    "ENGINES",
    "FORMAT_VERSION",
    "PART_TABLES",
    "TABLE_SCHEMAS",
    "WORKER_MODULES",
    "Corpus",
    "Engine",
    "PrepareResult",
    "Settings",
    "cache_key",
    "code_fingerprint",
    "nothing_loaded",
    "open_corpus",
    "prepare_cached",
    "prepare_chunk",
    "prepare_corpus",
    "read_manifest",
    "warm_up",
]
