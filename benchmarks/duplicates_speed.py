"""CPU of the near-duplicate pass on a corpus, this source against another, with the outputs compared.

Usage (from the project root; needs ../shared/data and a second source tree, e.g. main's):
    PYTHONPATH=src .venv/bin/python benchmarks/duplicates_speed.py --base /tmp/base4/src [--rounds 10]

Loads each corpus once, checks that both versions' ``find_duplicates`` give equal frames under a
few option sets, then times ``mark_duplicates`` (what prepare runs beside its workers) in
alternating rounds, each after a garbage collection, and prints the best and median CPU seconds.
"""

from __future__ import annotations

import argparse
import gc
import importlib.util
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OPTIONS = ({}, {"threshold": 0.5}, {"threshold": 0.95, "shingle": 3}, {"min_words": 5, "min_body_words": 3})


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=Path, required=True, help="the other source tree (holding analysis/)")
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument(
        "--corpus",
        type=Path,
        nargs="+",
        default=[ROOT.parent / "shared" / "data" / n for n in ("bbc_news", "web_news_pages")],
    )
    args = parser.parse_args(argv)
    from analysis import duplicates as this
    from analysis.load import load_articles

    spec = importlib.util.spec_from_file_location("base_duplicates", args.base / "analysis" / "duplicates.py")
    assert spec and spec.loader
    base = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(base)
    all_same = True
    for corpus in args.corpus:
        articles, _ = load_articles(corpus)
        for options in OPTIONS:
            old, new = base.find_duplicates(articles, **options), this.find_duplicates(articles, **options)
            same = old.equals(new) and list(old.dtypes) == list(new.dtypes)
            all_same &= same
            print(f"{corpus.name} {options}: {len(new)} copies, {'SAME' if same else 'DIFFERENT'}")
        seconds: dict[str, list[float]] = {"base": [], "this": []}
        for round_ in range(args.rounds):
            order = [("base", base), ("this", this)]
            for name, module in order if round_ % 2 else order[::-1]:
                gc.collect()
                start = time.process_time()
                module.mark_duplicates(articles)
                seconds[name].append(time.process_time() - start)
        best = {name: min(times) for name, times in seconds.items()}
        median = {name: sorted(times)[len(times) // 2] for name, times in seconds.items()}
        print(
            f"{corpus.name}: base best {best['base']:.3f} s, median {median['base']:.3f} s; this best "
            f"{best['this']:.3f} s, median {median['this']:.3f} s; this/base {best['this'] / best['base']:.2f} (best), "
            f"{median['this'] / median['base']:.2f} (median)"
        )
    return 0 if all_same else 1


if __name__ == "__main__":
    raise SystemExit(main())
