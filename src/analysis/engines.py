"""The engines that run ``prepare_chunk`` over a corpus: in this process, in a process pool, or on Dask.

``ENGINES`` maps each engine's name to how it runs the chunks and what it starts while the corpus
loads; ``engine(name)`` looks one up. A new engine is one function decorated with ``@register``.
The pool's workers fork from a forkserver that has imported the package and built the language
resources once (``WORKER_MODULES``); Ctrl-C and a dying parent end the workers with the run.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from typing import Literal

import numpy as np
import pandas as pd

from . import outputs
from .chunks import Written, write_chunk
from .options import check_choice
from .pool_server import WORKER_MODULES as WORKER_MODULES
from .pool_server import start_pool_server
from .prepare_cache import PART_TABLES

Engine = Literal["local", "dask"]


def _no_head_start(workers: int) -> None:
    pass


@dataclass(frozen=True)
class RegisteredEngine:
    """An engine: ``run(articles, out, settings, *, chunk_size, workers, scheduler, bar)`` prepares
    every chunk and returns what was written (``Written``: the rows per table, every article's
    language in order); ``head_start(workers)`` may start what the run will need while the corpus
    is still loading."""

    run: Callable[..., Written]
    head_start: Callable[[int], None] = _no_head_start


ENGINES: dict[str, RegisteredEngine] = {}


def register(name: str, *, head_start: Callable[[int], None] = _no_head_start):
    """Add the decorated function to ``ENGINES`` as the engine ``name``."""

    def add(run: Callable[..., Written]) -> Callable[..., Written]:
        ENGINES[name] = RegisteredEngine(run, head_start)
        return run

    return add


def engine(name: str) -> RegisteredEngine:
    """The engine registered as ``name``; a one-line OptionError naming the registered ones if none is.

    Example:
        >>> engine("local").run.__name__
        'run_local'
    """
    check_choice("engine", name, ENGINES)
    return ENGINES[name]


def worker_count(workers: int | None) -> int:
    """The processes to use: ``workers``, or every core when it is not given."""
    return max(1, workers or os.cpu_count() or 1)


def _start_pool_if_parallel(workers: int) -> None:
    if workers > 1:
        start_pool_server()  # its imports overlap the load


@register("local", head_start=_start_pool_if_parallel)
def run_local(articles, out, settings, *, chunk_size, workers, scheduler, bar) -> Written:
    """In this process when one worker or one chunk is all there is, else in the process pool."""
    if workers == 1 or len(articles) <= chunk_size:
        return run_inline(articles, out, settings, chunk_size, bar)
    try:
        return run_pool(articles, out, settings, chunk_size, workers, bar)
    except BrokenProcessPool as error:
        raise RuntimeError(
            "prepare's worker processes stopped abruptly: out of memory, or a script that calls "
            'prepare/open_corpus outside `if __name__ == "__main__":` (each worker re-runs such a '
            "script); guard the script's entry point or pass workers=1"
        ) from error


def chunk_bounds(articles: int, chunk_size: int, workers: int = 1) -> list[tuple[int, int]]:
    """Where each chunk of ``articles`` begins and ends: consecutive, at most ``chunk_size`` each,
    of equal sizes (within one article), as many as a multiple of ``workers``.

    Equal chunks end together: 2,225 articles in chunks of 500 were 500, 500, 500, 500, 225, and
    one of two workers idled while the other prepared the last 225 (now 6 of 371 or 370).

    Example:
        >>> chunk_bounds(2225, 500, 2)[:2], len(chunk_bounds(2225, 500, 2))
        ([(0, 371), (371, 742)], 6)
    """
    if articles == 0:
        return []
    count = -(-articles // chunk_size)  # the fewest chunks of chunk_size at most
    count = -(-count // workers) * workers  # then a whole number of rounds of the workers
    count = min(count, articles)
    size, longer = divmod(articles, count)
    bounds, begin = [], 0
    for chunk in range(count):
        end = begin + size + (chunk < longer)
        bounds.append((begin, end))
        begin = end
    return bounds


def chunk_order(articles: pd.DataFrame, chunk_size: int, workers: int = 1) -> list[tuple[int, int, int]]:
    """The chunks of ``chunk_bounds`` as ``(part, begin, end)``, in the order to start them: most
    text first. Part numbers follow the articles, so the tables read back in the articles' order.

    Equal article counts are not equal work: BBC's last 370 articles hold 48% more text than its
    first 371, and started last, that chunk kept one worker busy while the other idled. Started
    longest first, the shortest chunks are the last, and the workers finish together.

    Example:
        >>> chunk_order(pd.DataFrame({"text": ["a", "bb", "ccc", "dddd"]}), 1, 2)
        [(3, 3, 4), (2, 2, 3), (1, 1, 2), (0, 0, 1)]
    """
    bounds = chunk_bounds(len(articles), chunk_size, workers)
    characters = np.concatenate([[0], np.cumsum(articles["text"].str.len().fillna(0).to_numpy(np.int64))])
    chunks = [(part, begin, end) for part, (begin, end) in enumerate(bounds)]
    return sorted(chunks, key=lambda chunk: characters[chunk[2]] - characters[chunk[1]], reverse=True)


def _chunks(articles: pd.DataFrame, chunk_size: int, workers: int = 1) -> Iterator[tuple[int, pd.DataFrame]]:
    for part, begin, end in chunk_order(articles, chunk_size, workers):
        yield part, articles.iloc[begin:end].reset_index(drop=True)


def run_inline(articles, out, settings, chunk_size, bar) -> Written:
    """Every chunk in this process, one after another."""
    totals = _Totals()
    for part, chunk in _chunks(articles, chunk_size):
        totals.add(part, write_chunk(part, chunk, str(out), settings))
        bar.update(len(chunk))
    return totals.written()


def run_pool(articles, out, settings, chunk_size, workers, bar) -> Written:
    """The chunks over ``workers`` processes forked from the forkserver."""
    from concurrent.futures import ProcessPoolExecutor, as_completed

    # forkserver: workers start from a clean process that has imported the package once,
    # so they are cheap to start and do not inherit threads from the parent (Jupyter, pyarrow)
    context = start_pool_server()
    totals = _Totals()
    pool = ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=_worker_start, initargs=(os.getpid(),)
    )
    try:
        # keep at most 2 chunks per worker in flight, so memory stays bounded
        pending = {}
        chunk_iter = _chunks(articles, chunk_size, workers)
        for part, chunk in chunk_iter:
            pending[_submit(pool, part, chunk, out, settings)] = (part, len(chunk))
            if len(pending) >= 2 * workers:
                break
        while pending:
            done = next(as_completed(pending))
            part, size = pending.pop(done)
            bar.update(size)
            totals.add(part, done.result())
            nxt = next(chunk_iter, None)
            if nxt is not None:
                part, chunk = nxt
                pending[_submit(pool, part, chunk, out, settings)] = (part, len(chunk))
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
    return totals.written()


def _submit(pool, part, chunk, out, settings):
    """``pool.submit`` with Ctrl-C held back until it returns: submit may start a worker, and a
    worker started but not yet registered with the pool would outlive the interrupted run."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        return pool.submit(write_chunk, part, chunk, str(out), settings)
    interrupted = []
    previous = signal.signal(signal.SIGINT, lambda *_: interrupted.append(True))
    try:
        future = pool.submit(write_chunk, part, chunk, str(out), settings)
    finally:
        signal.signal(signal.SIGINT, previous)
    if interrupted:
        raise KeyboardInterrupt
    return future


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


@register("dask")
def run_dask(articles, out, settings, chunk_size, scheduler, workers, bar) -> Written:
    """The chunks on the Dask cluster at ``scheduler``, or on a local one of ``workers`` processes."""
    from dask.distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None)
        client = Client(cluster)
    totals = _Totals()
    try:
        futures = {}
        for part, chunk in _chunks(articles, chunk_size, workers):
            future = client.submit(write_chunk, part, chunk, str(out), settings, pure=False)
            futures[future] = (part, len(chunk))
        for future in as_completed(futures):
            part, size = futures[future]
            totals.add(part, future.result())
            bar.update(size)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return totals.written()


class _Totals:
    """The chunks' ``Written``, added up as they finish, in any order: rows summed per table,
    languages put back in the articles' order (by part)."""

    def __init__(self) -> None:
        self.rows = dict.fromkeys(PART_TABLES, 0)
        self.languages: dict[int, list[str]] = {}

    def add(self, part: int, written: Written) -> None:
        for name, count in written.rows.items():
            self.rows[name] += count
        self.languages[part] = written.languages

    def written(self) -> Written:
        return Written(self.rows, [language for part in sorted(self.languages) for language in self.languages[part]])
