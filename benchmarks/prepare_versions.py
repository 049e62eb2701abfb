"""`analysis prepare` with several versions of the package, side by side in one run.

    python benchmarks/prepare_versions.py /tmp/base/src /tmp/main/src src --rounds 5
    python benchmarks/prepare_versions.py OLD/src src --corpus data/sample --same-output

Each version is a ``src`` folder (make an old one with ``git archive COMMIT src | tar -x -C DIR``).
Rounds alternate the versions, so a busy machine slows all alike; each run is
``python -m analysis prepare CORPUS --out DIR --force`` with the version first on PYTHONPATH.
Prints wall and CPU seconds (whole process tree, benchmarks/measure.py) per run and their medians,
as ratios to the first version. ``--same-output`` then checks every table of the last two
versions' prepared folders with ``DataFrame.equals`` (benchmarks/compare_prepared.py).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from compare_prepared import main as compare
from measure import measure, prepare_command

HERE = Path(__file__).resolve().parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="+", type=Path, help="src folders, the first is the reference")
    parser.add_argument("--corpus", type=Path, default=HERE.parents[1] / "shared" / "data" / "bbc_news")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument("--same-output", action="store_true", help="compare the last two versions' tables")
    args = parser.parse_args()

    runs: dict[int, list[dict]] = {i: [] for i in range(len(args.trees))}
    with tempfile.TemporaryDirectory(prefix="prepare-versions-") as tmp:
        for round_no in range(1, args.rounds + 1):
            for i, tree in enumerate(args.trees):
                env = {**os.environ, "PYTHONPATH": str(tree.resolve())}
                result = measure(prepare_command(args.corpus, f"{tmp}/v{i}", workers=args.workers), env=env)
                if result["returncode"] != 0:
                    sys.exit(f"{tree} failed:\n{result['output_tail']}")
                runs[i].append(result)
                print(
                    f"round {round_no} {tree!s:30} {result['seconds']:7.2f} s wall {result['cpu_seconds']:7.2f} s CPU",
                    flush=True,
                )
        first_wall = statistics.median(r["seconds"] for r in runs[0])
        first_cpu = statistics.median(r["cpu_seconds"] for r in runs[0])
        for i, tree in enumerate(args.trees):
            wall = statistics.median(r["seconds"] for r in runs[i])
            cpu = statistics.median(r["cpu_seconds"] for r in runs[i])
            print(
                f"median {tree!s:30} {wall:7.2f} s wall (x{wall / first_wall:.2f}) "
                f"{cpu:7.2f} s CPU (x{cpu / first_cpu:.2f})"
            )
        if args.same_output and len(args.trees) >= 2:
            n = len(args.trees)
            return compare(Path(tmp) / f"v{n - 2}", Path(tmp) / f"v{n - 1}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
