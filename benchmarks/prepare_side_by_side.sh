#!/bin/bash
# `analysis prepare` with two (or more) versions of the package, alternating, ROUNDS rounds each
# (wall seconds), then the median of each. Make an old version's source with e.g.:
#   mkdir -p /tmp/base && git archive COMMIT src | tar -x -C /tmp/base
#   benchmarks/prepare_side_by_side.sh /tmp/base/src src ../shared/data/bbc_news 3 [/tmp/other/src ...]
# Each version prepares into its own folder of a fresh temporary directory, printed at the end, so
# the outputs can be compared (benchmarks/compare_prepared.py) and runs of others do not collide.
set -euo pipefail
trees=("$(realpath "$1")" "$(realpath "$2")"); corpus=$3; rounds=${4:-3}
for extra in "${@:5}"; do trees+=("$(realpath "$extra")"); done
py=${PYTHON:-.venv/bin/python}
out=$(mktemp -d /tmp/side-by-side.XXXXXX)
for r in $(seq "$rounds"); do
  for i in "${!trees[@]}"; do
    start=$(date +%s.%N)
    PYTHONPATH=${trees[$i]} "$py" -m analysis prepare "$corpus" --out "$out/v$i" --force > /dev/null 2>&1
    seconds=$(echo "$(date +%s.%N) - $start" | bc)
    echo "$seconds" >> "$out/v$i.seconds"
    echo "v$i ${trees[$i]} round $r: $seconds s"
  done
done
for i in "${!trees[@]}"; do
  echo "v$i ${trees[$i]}: median $(sort -n "$out/v$i.seconds" | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}') s of $rounds"
done
echo "prepared folders: $out/v0 ... (remove when done)"
