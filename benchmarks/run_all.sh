#!/usr/bin/env bash
# Every benchmark behind docs/benchmarks.md, one after another (the machine otherwise idle),
# each log in benchmarks/out/. Needs ../shared/data. About 15 minutes on 2 cores, plus
# `bash benchmarks/run_all.sh scale` for the 100k-article run (about 10 more).
set -euo pipefail
cd "$(dirname "$0")/.."
PY="$PWD/.venv/bin/python"
OUT="$PWD/benchmarks/out"
mkdir -p "$OUT"
run() { local name=$1; shift; echo "== $name: $*"; "$@" 2>&1 | tee "$OUT/$name.log"; }

if [[ "${1:-}" == "scale" ]]; then
    run scale $PY benchmarks/scale.py --work "${SCALE_WORK:-/tmp/analysis-scale}"
    exit 0
fi
run tokens_agreement $PY benchmarks/tokens_agreement.py --repeat 3
run sentiment_speed $PY benchmarks/sentiment_speed.py --repeats 3
run sentiment_validation $PY benchmarks/sentiment_validation.py
run conll_eval $PY benchmarks/conll_eval.py ../shared/data/conll2003_en/eng.testa
run load_bbc $PY benchmarks/load_bbc.py
(cd benchmarks && run prepare_vs_plain_tokens $PY prepare_vs_plain.py --rounds 3 --tokens-only)
(cd benchmarks && run prepare_vs_plain_no_actors $PY prepare_vs_plain.py --rounds 3 --no-actors)
(cd benchmarks && run prepare_vs_plain $PY prepare_vs_plain.py --rounds 3)
