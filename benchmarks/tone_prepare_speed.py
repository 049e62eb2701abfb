"""`analysis prepare` with the news tone against the code before it, side by side in one run.

    python benchmarks/tone_prepare_speed.py --before /tmp/sentiment-base/src            # BBC, 3 rounds
    python benchmarks/tone_prepare_speed.py --before /tmp/sentiment-base/src --workers 2

``--before`` is a ``src`` folder of the package without the news tone, e.g. made with
``git archive <commit> src | tar -x -C /tmp/sentiment-base``. Each round runs `analysis prepare
--force` with the old code and then with this checkout's, alternating, so machine noise hits
both alike; reports median wall seconds, CPU seconds (user + system of the whole process
tree: on a machine shared with other work this is the steadier figure) and peak RSS of each,
and the ratios of the medians.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
from pathlib import Path

from measure import measure, prepare_command

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data"
NOW = HERE.parent / "src"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--before", type=Path, required=True, help="src folder of the code to compare against")
    parser.add_argument(
        "--after", type=Path, default=NOW, help="src folder with the news tone (default: this checkout's)"
    )
    parser.add_argument("--corpus", type=Path, default=SHARED / "bbc_news")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=1)
    args = parser.parse_args()

    results: dict[str, list] = {"before": [], "tone": []}
    with tempfile.TemporaryDirectory() as tmp:
        command = prepare_command(args.corpus, f"{tmp}/prepared", workers=args.workers)
        for round_no in range(args.rounds):
            for name, src in (("before", args.before), ("tone", args.after)):
                env = {**os.environ, "PYTHONPATH": str(Path(src).resolve())}
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                result = measure(command, env=env)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                result["cpu_seconds"] = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
                if result["returncode"] != 0:
                    sys.exit(f"{name} failed:\n{result['output_tail']}")
                results[name].append(result)
                last = result["output_tail"].strip().splitlines()[-1]
                print(
                    f"round {round_no + 1} {name:7s} {result['seconds']:7.2f} s  cpu {result['cpu_seconds']:7.2f} s  "
                    f"{result['peak_rss_mb']:7.1f} MB  | {last}"
                )
    summary = {
        name: {
            "median_seconds": statistics.median(r["seconds"] for r in runs),
            "median_cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
            "median_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
        }
        for name, runs in results.items()
    }
    summary["slowdown_wall"] = round(summary["tone"]["median_seconds"] / summary["before"]["median_seconds"], 3)
    summary["slowdown_cpu"] = round(summary["tone"]["median_cpu_seconds"] / summary["before"]["median_cpu_seconds"], 3)
    summary["command"] = " ".join(command[1:])
    print(json.dumps(summary, indent=2))


if __name__ == "__main__":
    main()
