"""Where `analysis prepare`'s wall time goes: a timeline of one prepare, as the CLI runs it.

    cd benchmarks && PYTHONPATH=../src python prepare_timeline.py               # BBC, 2 workers
    cd benchmarks && PYTHONPATH=../src python prepare_timeline.py --corpus DIR --workers 4

Prints, in seconds since this process started: when the pool's server was ready (imports and
warm-up done) and when the load ended, each with the CPU seconds its process had used by then;
each chunk (worker, articles, characters of text, start and end), when the last chunk ended and
when everything was written; then each worker's busy and idle seconds between the server being
ready and the last chunk. The server is started first, as `analysis prepare`
does, and this module is added to what it preloads, so it can time the chunks in the workers.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
EVENTS = "PREPARE_TIMELINE_EVENTS"  # the file every process appends its events to
PARENT = "PREPARE_TIMELINE_PARENT"  # the pid of the process that runs prepare
_original_write_chunk = None


def _event(*fields) -> None:
    with open(os.environ[EVENTS], "a") as fh:
        fh.write(" ".join(map(str, (f"{time.time():.4f}", *fields))) + "\n")


def timed_write_chunk(part, articles, out, settings):
    """prepare's ``_write_chunk``, timed (runs in a worker; the pool pickles it by this name)."""
    begin = time.time()
    counts = _original_write_chunk(part, articles, out, settings)
    _event("chunk", part, os.getpid(), len(articles), f"{begin:.4f}", int(articles["text"].str.len().sum()))
    return counts


def _install() -> None:
    global _original_write_chunk
    from analysis import chunks, engines

    _original_write_chunk = chunks.write_chunk
    chunks.write_chunk = engines.write_chunk = timed_write_chunk


if __name__ == "prepare_timeline" and EVENTS in os.environ and os.environ.get(PARENT) != str(os.getpid()):
    # imported last by the pool's server: its imports and warm-up are done (a worker also runs
    # this file, as ``__mp_main__``, the parent's main script: its start is not the server's)
    _install()
    _event("server-ready", f"{time.process_time():.3f}")


def main() -> None:
    started = time.time()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=HERE.parents[1] / "shared" / "data" / "bbc_news")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    events = tempfile.NamedTemporaryFile(prefix="prepare-timeline-", suffix=".txt", delete=False).name
    os.environ[EVENTS] = events
    os.environ[PARENT] = str(os.getpid())

    try:
        from analysis import pool_server
    except ImportError:  # a version from before the server could start apart from prepare
        from analysis import prepare as pool_server

        pool_server.start_pool_server = pool_server._start_pool_server
    pool_server.WORKER_MODULES.append("prepare_timeline")
    pool_server.start_pool_server()  # first, as the CLI does

    import prepare_timeline  # by name, so the workers can unpickle its timed_write_chunk

    from analysis import engines, preparation, prepare

    prepare_timeline._install()
    load, run_pool = preparation.load_with, engines.run_pool

    def timed_load(*a, **k):
        loaded = load(*a, **k)
        _event("loaded", f"{time.process_time():.3f}")
        return loaded

    def timed_run_pool(*a, **k):
        totals = run_pool(*a, **k)
        _event("chunks-done")
        return totals

    preparation.load_with, engines.run_pool = timed_load, timed_run_pool
    with tempfile.TemporaryDirectory(prefix="prepare-timeline-") as tmp:
        result = prepare.prepare_corpus(args.corpus, Path(tmp) / "out", workers=args.workers, progress=False)
    _event("written")
    print(result.summary())
    report(started, Path(events).read_text().splitlines())
    os.unlink(events)


def report(started: float, lines: list[str]) -> None:
    chunks, marks, cpu = [], {}, {}
    for line in lines:
        fields = line.split()
        if fields[1] == "chunk":
            end, part, pid, size, begin = float(fields[0]), *map(int, fields[2:5]), float(fields[5])
            chunks.append((begin - started, end - started, part, pid, size, int(fields[6])))
        else:
            marks[fields[1]] = float(fields[0]) - started
            if len(fields) > 2:
                cpu[fields[1]] = float(fields[2])
    for name, whose in (("server-ready", "the server's"), ("loaded", "this process's")):
        print(f"{marks.get(name, float('nan')):7.2f} s  {name} ({whose} CPU {cpu.get(name, float('nan')):.2f} s)")
    workers = {pid: k + 1 for k, pid in enumerate(sorted({c[3] for c in chunks}))}
    for begin, end, part, pid, size, characters in sorted(chunks):
        print(
            f"{begin:7.2f} s  chunk {part:2d} on worker {workers[pid]}: {size:4d} articles, "
            f"{characters:9,d} characters, {end - begin:5.2f} s"
        )
    for name in ("chunks-done", "written"):
        print(f"{marks.get(name, float('nan')):7.2f} s  {name}")
    ready, done = marks.get("server-ready", 0.0), marks.get("chunks-done", 0.0)
    for pid, k in workers.items():
        busy = sum(end - begin for begin, end, _, p, _, _ in chunks if p == pid)
        print(
            f"worker {k}: busy {busy:.2f} s, idle {done - ready - busy:.2f} s of the {done - ready:.2f} s after the server was ready"
        )


if __name__ == "__main__":
    sys.path.insert(0, str(HERE))  # the pool's server imports this module by name
    main()
