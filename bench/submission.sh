#!/usr/bin/env bash
# Application submission benchmark (issue 5): citizens filing applications through the API — start a draft, fill
# in the form, upload the materials, submit — with and without a 1 MB material, next to a same-run reference
# (GET /actuator/health/liveness). See bench/README.md, "Submission benchmark".
#
#   bench/submission.sh                      build the working tree (private copy), start Tongban with its embedded
#                                            PostgreSQL in a scratch directory on port 18190, measure, stop, clean up
#   BASE_URL=http://localhost:8080 bench/submission.sh   measure an app that is already running (demo data loaded;
#                                            ITEM_CODE is then needed unless psql can reach its database on DB_PORT)
#
# Environment:
#   CONCURRENCY=16 DURATION=30 WARMUP=10   citizens filing at once, measured seconds, warm-up seconds per scenario
#   MATERIALS="0 1024"       scenarios: size in KB of the first material (0: two small PDFs of a few hundred bytes)
#   PORT=18190 DB_PORT=15490 ports of the app this script starts and of its embedded PostgreSQL
#   JFR=1                    profile the app during the measured phases (submission.jfr, hot-methods.txt)
#   TONGBAN_JAR=<path>       jar to run instead of building one (TONGBAN_BUILD_DIR, TONGBAN_REV as in startup.sh)
#   RESULTS_DIR=bench/results/submission-<timestamp>   JSON per scenario, acked-cases.tsv, the app's log;
#                            all scenarios together in bench/results/submission-<timestamp>.json
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONCURRENCY=${CONCURRENCY:-16} DURATION=${DURATION:-30} WARMUP=${WARMUP:-10} MATERIALS=${MATERIALS:-0 1024}
PORT=${PORT:-18190} DB_PORT=${DB_PORT:-15490}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results/submission-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$RESULTS_DIR"
scratch_begin tongban-submission-bench

if [[ -z "${BASE_URL:-}" ]]; then
    build_tongban
    BASE_URL="http://127.0.0.1:$PORT"
    app_start "$SCRATCH/app" "$PORT" "$RESULTS_DIR/tongban.log"
    app_wait_ready "$PORT" 600 || { tail -n 40 "$RESULTS_DIR/tongban.log" >&2; echo "Tongban did not become ready" >&2; exit 1; }
fi
ITEM_CODE=${ITEM_CODE:-$(sole_trader_item)}
log "item $ITEM_CODE; machine: $(machine_line)"
{
    echo "Machine: $(machine_line)"
    echo "Tongban: ${TONGBAN_SOURCE:-running at $BASE_URL}"
} | tee "$RESULTS_DIR/machine.txt"
if [[ "${JFR:-0}" == 1 && -n "$APP_PID" ]]; then
    # a profile of the measured phases only (not the start): one recording until the app stops
    "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.start name=submission settings=profile \
        filename="$RESULTS_DIR/submission.jfr" >/dev/null
fi
prefix=1376
for kb in $MATERIALS; do
    log "scenario: first material $kb KB, $CONCURRENCY citizens, ${WARMUP}+${DURATION} s"
    # each scenario has its own citizens, so that their lists of applications start equally empty
    submission_load "$BASE_URL" "$ITEM_CODE" CONCURRENCY="$CONCURRENCY" DURATION="$DURATION" WARMUP="$WARMUP" \
        MATERIAL_KB="$kb" PHONE_PREFIX="$prefix" ACKED_FILE="$RESULTS_DIR/acked-cases.tsv" \
        LABEL="material-${kb}kb" RESULT_JSON="$RESULTS_DIR/material-${kb}kb.json" | tee -a "$RESULTS_DIR/report.md"
    record_figure submission "filings/s, ${kb} kB material" \
        "$(jq '.submittedPerSecond' "$RESULTS_DIR/material-${kb}kb.json")" /s higher \
        "$(jq '(.referenceBeforePerSecond + .referenceAfterPerSecond) / 2' "$RESULTS_DIR/material-${kb}kb.json")"
    prefix=$((prefix - 1))
done
if [[ "${JFR:-0}" == 1 && -n "$APP_PID" ]]; then
    "$JAVA_HOME/bin/jcmd" "$APP_PID" JFR.stop name=submission >/dev/null
    "$JAVA_HOME/bin/jfr" view --width 160 hot-methods "$RESULTS_DIR/submission.jfr" >"$RESULTS_DIR/hot-methods.txt" || true
fi
echo "Load average after: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$RESULTS_DIR/machine.txt"
# One JSON document per run next to the run directories (bench/results/*.json are kept in git, the directories not).
summary="$(dirname "$RESULTS_DIR")/$(basename "$RESULTS_DIR").json"
{
    echo "{\"machine\": \"$(machine_line | sed 's/"/\\"/g')\", \"tongban\": \"${TONGBAN_SOURCE:-$BASE_URL}\", \"scenarios\": ["
    first=1
    for kb in $MATERIALS; do
        ((first)) || echo ","
        first=0
        cat "$RESULTS_DIR/material-${kb}kb.json"
    done
    echo "]}"
} >"$summary"
log "summary: $summary"
log "results in $RESULTS_DIR"
