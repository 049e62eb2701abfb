#!/bin/bash
# `analysis prepare` with two versions of the package, alternating, ROUNDS rounds each (wall seconds).
# Make the old version's source with e.g.: mkdir -p /tmp/base && git archive COMMIT src | tar -x -C /tmp/base
#   benchmarks/prepare_side_by_side.sh /tmp/base/src src ../shared/data/bbc_news 3
set -euo pipefail
base=$(realpath "$1"); new=$(realpath "$2"); corpus=$3; rounds=${4:-3}
py=${PYTHON:-.venv/bin/python}
for r in $(seq "$rounds"); do
  for v in base new; do
    src=$base; [ "$v" = new ] && src=$new
    start=$(date +%s.%N)
    PYTHONPATH=$src "$py" -m analysis prepare "$corpus" --out "/tmp/side-by-side-$v" --force > /dev/null 2>&1
    echo "$v round $r: $(echo "$(date +%s.%N) - $start" | bc) s"
  done
done
