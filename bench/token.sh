#!/usr/bin/env bash
# Token endpoint throughput (issue 4): CONCURRENCY clients request client-credentials tokens as the demo client
# demo-dept, next to a same-run reference (GET /actuator/health/liveness). See bench/README.md, "Token endpoint".
#
#   bench/token.sh                                  build the working tree (private copy), start Tongban with its
#                                                   embedded PostgreSQL and demo data on port 18197, measure, stop
#   BASE_URL=http://localhost:8080 bench/token.sh   measure an app that is already running (demo data loaded)
#   CLIENT_ID=... CLIENT_SECRET=... BASE_URL=... bench/token.sh   a client registered in the admin console
#
# Environment: CONCURRENCY=16 DURATION=20 WARMUP=10 PORT=18197 DB_PORT=15497 TONGBAN_JAR TONGBAN_REV
#              RESULTS_DIR=bench/results/token-<timestamp> (report.md, results.jsonl for bench/regressions.sh)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

PORT=${PORT:-18197} DB_PORT=${DB_PORT:-15497}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results/token-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$RESULTS_DIR"
scratch_begin tongban-token-bench

if [[ -z "${BASE_URL:-}" ]]; then
    build_tongban
    BASE_URL="http://127.0.0.1:$PORT"
    app_up "$SCRATCH/app" "$RESULTS_DIR/tongban.log" 600
fi
{
    echo "Machine: $(machine_line)"
    echo "Tongban: ${TONGBAN_SOURCE:-running at $BASE_URL}"
} | tee "$RESULTS_DIR/report.md"
BASE_URL=$BASE_URL "$JAVA" "$BENCH_DIR/token/TokenBench.java" | tee -a "$RESULTS_DIR/report.md"
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS_DIR/report.md"
record_printed_figures token "$RESULTS_DIR/report.md"
log "results in $RESULTS_DIR"
