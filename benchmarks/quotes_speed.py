"""Quote finding: this checkout against a baseline source tree, side by side in one run.

    python benchmarks/quotes_speed.py --baseline /tmp/base/src                # prepare on BBC, 3 rounds
    python benchmarks/quotes_speed.py --baseline /tmp/base/src --scaling 2.5 5 10   # one long article, MB

``--baseline`` is the ``src`` folder of an older checkout (``git archive REV src | tar -x -C DIR``).
Prepare: ``analysis prepare BBC --force --workers 2``, alternating baseline and this checkout,
medians of the rounds. Scaling: ``find_quotes`` alone on one article made of BBC bodies
joined end to end (the sentences and mentions found once, outside the timing).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "bbc_news"

SCALING = r"""
import sys, time, pathlib
import pandas as pd
from analysis import actors, quotes, tokens
from analysis.load import load_articles
arts, _ = load_articles(sys.argv[1])
bodies = "\n".join(t.split("\n\n", 1)[-1] for t in arts["text"])
for mb in map(float, sys.argv[2:]):
    size = int(mb * 1_000_000)
    text = "Title\n\n" + (bodies * (size // len(bodies) + 1))[:size]
    a = pd.DataFrame({"doc_id": ["big"], "text": [text]})
    s = tokens.split_sentences(a)
    m = actors.find_mentions(a, s)
    t0 = time.perf_counter()
    q = quotes.find_quotes(a, s, m)
    print(f"{mb} {time.perf_counter() - t0:.2f} {len(q)}", flush=True)
"""


def run_prepare(src: Path, out: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(src)}
    t0 = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "analysis", "prepare", str(BBC), "--out", str(out), "--force", "--workers", "2"],
        env=env,
        check=True,
        capture_output=True,
    )
    return time.perf_counter() - t0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--baseline", type=Path, required=True, help="src folder of the baseline checkout")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--scaling", type=float, nargs="*", help="article sizes in MB: time find_quotes alone")
    parser.add_argument("--work", type=Path, default=Path("/tmp/quotes-speed"))
    args = parser.parse_args()
    trees = {"baseline": args.baseline.resolve(), "this": ROOT / "src"}
    if args.scaling:
        for name, src in trees.items():
            out = subprocess.run(
                [sys.executable, "-c", SCALING, str(BBC), *map(str, args.scaling)],
                env={**os.environ, "PYTHONPATH": str(src)},
                check=True,
                capture_output=True,
                text=True,
            )
            for line in out.stdout.splitlines():
                mb, seconds, found = line.split()
                print(f"{name:8s} {mb:>5s} MB  find_quotes {float(seconds):7.2f} s  {int(found):,} quotes", flush=True)
        return
    times = {name: [] for name in trees}
    for _ in range(args.rounds):
        for name, src in trees.items():
            times[name].append(run_prepare(src, args.work / name))
            print(f"{name:8s} {times[name][-1]:6.2f} s", flush=True)
    base, this = statistics.median(times["baseline"]), statistics.median(times["this"])
    print(f"median: baseline {base:.2f} s, this {this:.2f} s, ratio {this / base:.3f}")


if __name__ == "__main__":
    main()
