#!/usr/bin/env bash
# 1,000,000 policies x 1000 scenarios with every (scenario, policy) NPV written to Parquet (10^9 rows, ~8 GB):
# the chunked, streamed run of BENCHMARKS.md. Usage: livecalc-bench/scripts/million_pairs.sh [WORK_DIR]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
WORK="${1:-$ROOT/target/million-pairs}"
mkdir -p "$WORK"
DATA="$ROOT/examples/data"
"$ROOT/livecalc" generate policies --count 1000000 --seed 7 --output "$WORK/policies_1m.parquet"
cat > "$WORK/dag_1m.json" <<DAG
{
  "data_sources": {"policies": {"type": "parquet", "path": "policies_1m.parquet"}},
  "engines": [{"id": "projection", "type": "projection", "inputs": ["policies"],
    "config": {"mortality_table": "$DATA/sample_mortality.csv", "lapse_table": "$DATA/sample_lapse.csv",
               "expenses": "$DATA/sample_expenses.csv", "num_scenarios": 1000, "threads": 2},
    "outputs": ["results"]}],
  "output": {"type": "parquet", "path": "results_1m_x_1000.parquet"}
}
DAG
LIVECALC_JAVA_OPTS="${LIVECALC_JAVA_OPTS:--Xmx4g}" /usr/bin/time -v "$ROOT/livecalc" run "$WORK/dag_1m.json"
