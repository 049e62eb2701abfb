"""Scale: prepare 10,000 and 100,000 replicated BBC articles and Reuters; run the reports.

    python benchmarks/scale.py --work /tmp/scale                 # everything (~15-25 min on 2 cores)
    python benchmarks/scale.py --work /tmp/scale --skip-run      # prepare only

Builds the corpora with benchmarks/make_corpora.py, then measures (seconds, peak RSS of the
whole process tree) `analysis prepare` on each, the ratio of the 100k time to 10x the 10k
time (linear extrapolation), and `analysis run` of all three reports on the prepared 100k
corpus. Results also go to benchmarks/out/scale.json.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from make_corpora import bbc_replica, reuters
from measure import measure

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent


def prepare(corpus: Path, out: Path, chunk_size: int) -> dict:
    result = measure(
        [str(BIN / "analysis"), "prepare", str(corpus), "--out", str(out), "--force", "--chunk-size", str(chunk_size)]
    )
    if result["returncode"] != 0:
        sys.exit(f"prepare failed on {corpus}:\n{result['output_tail']}")
    result["summary"] = result["output_tail"].strip().splitlines()[-1]
    print(
        f"{corpus.name:10s} {result['seconds']:8.1f} s {result['peak_rss_mb']:8.1f} MB | {result['summary']}",
        flush=True,
    )
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--work", type=Path, required=True, help="scratch folder (corpora and outputs)")
    parser.add_argument("--chunk-size", type=int, default=500)
    parser.add_argument("--skip-run", action="store_true")
    parser.add_argument("--skip-reuters", action="store_true")
    args = parser.parse_args()
    work = args.work
    results = {}
    for n in (10_000, 100_000):
        corpus = work / f"bbc{n // 1000}k"
        if not corpus.exists():
            bbc_replica(corpus, n)
        results[f"prepare_{n}"] = prepare(corpus, work / f"prepared-{corpus.name}", args.chunk_size)
    results["extrapolation_ratio"] = round(
        results["prepare_100000"]["seconds"] / (10 * results["prepare_10000"]["seconds"]), 3
    )
    print(f"100k time / (10 x 10k time) = {results['extrapolation_ratio']}")
    if not args.skip_reuters:
        corpus = work / "reuters"
        if not corpus.exists():
            reuters(corpus)
        results["prepare_reuters"] = prepare(corpus, work / "prepared-reuters", args.chunk_size)
    if not args.skip_run:
        run = measure(
            [
                str(BIN / "analysis"),
                "run",
                str(work / "prepared-bbc100k"),
                "--out",
                str(work / "reports-bbc100k"),
                "-p",
                "group_by=category",
            ]
        )
        print(f"run (3 reports on 100k) {run['seconds']:8.1f} s {run['peak_rss_mb']:8.1f} MB rc={run['returncode']}")
        print(run["output_tail"][-1500:])
        results["run_100000"] = run
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "scale.json").write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
