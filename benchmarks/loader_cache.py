"""Time the loader and the prepare cache on a corpus: load, a cold prepare_cached, warm (reused) ones.

    PYTHONPATH=src python benchmarks/loader_cache.py ../shared/data/bbc_news --warm 5 --workers 2

Run it once with each code version's src on PYTHONPATH to compare them side by side. A warm
call is what `open_corpus`/`analysis run` pay on a corpus that is already prepared; since the
cache key is made while loading, a warm call now loads the corpus (and reads each file once).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path)
    parser.add_argument("--warm", type=int, default=5)
    parser.add_argument("--loads", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    import analysis
    from analysis.load import load_articles
    from analysis.prepare import prepare_cached

    loads = []
    for _ in range(args.loads):
        started = time.perf_counter()
        articles, problems = load_articles(args.corpus)
        loads.append(time.perf_counter() - started)
    with tempfile.TemporaryDirectory(prefix="loader-cache-") as cache:
        started = time.perf_counter()
        cold = prepare_cached(args.corpus, cache_dir=cache, workers=args.workers, progress=False)
        cold_seconds = time.perf_counter() - started
        warm = []
        for _ in range(args.warm):
            started = time.perf_counter()
            again = prepare_cached(args.corpus, cache_dir=cache, workers=args.workers, progress=False)
            warm.append(time.perf_counter() - started)
            assert again.reused and again.key == cold.key
    print(
        f"{Path(analysis.__file__).parents[1]}: {len(articles)} articles, {len(problems)} problems; "
        f"load median {statistics.median(loads):.2f} s; cold prepare_cached {cold_seconds:.1f} s "
        f"({cold.articles} articles, {cold.tokens:,} tokens); warm prepare_cached median {statistics.median(warm):.2f} s"
    )


if __name__ == "__main__":
    main()
