"""Time the report notebooks of two source trees side by side on one prepared corpus.

    python benchmarks/report_times.py PREPARED --tree before=/work/main/src --tree after=src --repeats 3

Each repeat runs every report once per tree, the trees alternating, through `analysis run`
(a fresh kernel each time) into a scratch folder; prints the median seconds per report and
tree and the after/before ratio. The prepared corpus is read as it is (nothing is prepared).
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPORTS = ("word_frequency", "sentiment", "actor_mentions")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("prepared", type=Path)
    parser.add_argument("--tree", action="append", required=True, help="NAME=SRC_DIR (repeat: two trees)")
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("-p", action="append", default=[], help="passed on to analysis run")
    args = parser.parse_args()
    trees = dict(t.split("=", 1) for t in args.tree)
    seconds: dict[tuple[str, str], list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="report-times-") as scratch:
        for _ in range(args.repeats):
            for name, src in trees.items():
                env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
                command = [sys.executable, "-m", "analysis", "run", str(args.prepared), "--out", f"{scratch}/{name}"]
                for p in args.p:
                    command += ["-p", p]
                done = subprocess.run(command, env=env, capture_output=True, text=True, check=True).stdout
                for report, value in re.findall(r"\] (\w+): ok in ([\d.]+) s", done):
                    seconds.setdefault((report, name), []).append(float(value))
    names = list(trees)
    print(f"{'report':16}" + "".join(f"{n:>12}" for n in names) + "   ratio")
    for report in REPORTS:
        medians = [statistics.median(seconds.get((report, n), [float("nan")])) for n in names]
        print(f"{report:16}" + "".join(f"{m:>11.1f}s" for m in medians) + f"   {medians[-1] / medians[0]:.2f}")


if __name__ == "__main__":
    main()
