"""`analysis prepare` against the plain NLTK pipeline, side by side in one run.

    python benchmarks/prepare_vs_plain.py                       # BBC, 3 rounds, both full pipelines
    python benchmarks/prepare_vs_plain.py --rounds 5 --tokens-only   # baseline: sentences + tokens only
    python benchmarks/prepare_vs_plain.py --no-actors                # baseline: + VADER, no alias regexes
    python benchmarks/prepare_vs_plain.py --small-dictionary         # baseline: 20 actors / 53 aliases (issue 15)

Each round runs the plain pipeline (benchmarks/plain_nltk.py, NLTK's official data from
../shared/data/nltk_data) and then `analysis prepare --force` on the same corpus, alternating,
so machine noise hits both alike: once sampled (CPU seconds and peak RSS of the whole process
tree, `measure.py`), once only timed. The wall times and the speed-up come from the timed runs:
the sampler's own reads of /proc take a share of the two cores that prepare keeps busy and the
one-process plain pipeline does not (the sampled wall times are reported beside them). Reports
medians and their ratios. Results also go to benchmarks/out/prepare_vs_plain*.json.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

from measure import measure, prepare_command

HERE = Path(__file__).resolve().parent
SHARED = HERE.parents[1] / "shared" / "data"
BIN = Path(sys.executable).parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=SHARED / "bbc_news")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=os.cpu_count())
    parser.add_argument(
        "--tokens-only", action="store_true", help="baseline without VADER and actors (issue 2's comparison)"
    )
    parser.add_argument(
        "--no-actors", action="store_true", help="baseline with VADER but without the per-alias regexes"
    )
    parser.add_argument(
        "--small-dictionary",
        action="store_true",
        help="baseline with a hand-written dictionary of 20 actors / 53 aliases (issue 15)",
    )
    args = parser.parse_args()

    env = {**os.environ, "NLTK_DATA": str(SHARED / "nltk_data")}
    plain_cmd = [sys.executable, str(HERE / "plain_nltk.py"), str(args.corpus)]
    if args.tokens_only:
        plain_cmd += ["--no-sentiment", "--no-actors"]
    elif args.no_actors:
        plain_cmd += ["--no-actors"]
    elif args.small_dictionary:
        plain_cmd += ["--small-dictionary"]
    results = {"plain": [], "prepare": []}
    timed: dict[str, list[float]] = {"plain": [], "prepare": []}  # wall seconds without the sampler
    with tempfile.TemporaryDirectory() as tmp:
        prepare_cmd = prepare_command(args.corpus, f"{tmp}/prepared", workers=args.workers, program=BIN / "analysis")
        for round_no in range(args.rounds):
            for name, cmd in (("plain", plain_cmd), ("prepare", prepare_cmd)):
                run_env = env if name == "plain" else {k: v for k, v in os.environ.items() if k != "NLTK_DATA"}
                result = measure(cmd, env=run_env)
                if result["returncode"] != 0:
                    sys.exit(f"{name} failed:\n{result['output_tail']}")
                results[name].append(result)
                last = result["output_tail"].strip().splitlines()[-1]
                print(
                    f"round {round_no + 1} {name:8s} {result['seconds']:7.2f} s {result['cpu_seconds']:7.2f} s CPU "
                    f"{result['peak_rss_mb']:7.1f} MB  | {last}"
                )
            for name, cmd in (("plain", plain_cmd), ("prepare", prepare_cmd)):
                run_env = env if name == "plain" else {k: v for k, v in os.environ.items() if k != "NLTK_DATA"}
                result = measure(cmd, env=run_env, sample=False)
                if result["returncode"] != 0:
                    sys.exit(f"{name} failed:\n{result['output_tail']}")
                timed[name].append(result["seconds"])
                print(f"round {round_no + 1} {name:8s} {result['seconds']:7.2f} s (timed only)")
    summary = {
        name: {
            "median_seconds": statistics.median(timed[name]),
            "median_seconds_sampled": statistics.median(r["seconds"] for r in runs),
            "median_cpu_seconds": statistics.median(r["cpu_seconds"] for r in runs),
            "median_peak_rss_mb": statistics.median(r["peak_rss_mb"] for r in runs),
            "command": runs[0]["command"],
        }
        for name, runs in results.items()
    }
    summary["speedup"] = round(summary["plain"]["median_seconds"] / summary["prepare"]["median_seconds"], 2)
    summary["speedup_sampled"] = round(
        summary["plain"]["median_seconds_sampled"] / summary["prepare"]["median_seconds_sampled"], 2
    )
    summary["cpu_ratio"] = round(summary["plain"]["median_cpu_seconds"] / summary["prepare"]["median_cpu_seconds"], 2)
    summary["memory_ratio"] = round(
        summary["prepare"]["median_peak_rss_mb"] / summary["plain"]["median_peak_rss_mb"], 2
    )
    print(json.dumps(summary, indent=2))
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    variant = (
        "_tokens"
        if args.tokens_only
        else "_no_actors"
        if args.no_actors
        else "_small_dictionary"
        if args.small_dictionary
        else ""
    )
    name = f"prepare_vs_plain{variant}.json"
    (out / name).write_text(json.dumps({"summary": summary, "runs": results, "timed": timed}, indent=2))


if __name__ == "__main__":
    main()
