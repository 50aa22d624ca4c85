#!/usr/bin/env bash
# Mixed soak (issue 10): DURATION (600) seconds at RATE (200) operations per second, open loop (fixed arrival rate),
# mixing citizens (portal search, guide pages, sign-in, applications draft → submit), officers (to-do list) and
# systems (gateway look-ups, certificate verification), with the liveness endpoint in the mix as the same-run
# reference; per-endpoint p50/p95/errors per minute, heap and RSS of the platform over time, and figures for
# bench/regressions.sh. See bench/README.md, "Mixed soak".
#
#   bench/soak.sh                               build (private copy), start Tongban with demo data on port 18198,
#                                               10 minutes at 200/s, stop, clean up
#   RATE=20 DURATION=60 WARMUP=10 bench/soak.sh   a short, light run
#   BENCH_DATA=bench/data/province-0.01 bench/soak.sh   against the province-scale data of bench/province.sh
#   BASE_URL=http://host:8080 DB_PORT=… bench/soak.sh   an app already running (demo data; no heap/RSS samples
#                                               unless APP_PID is given and local)
#
# Environment: RATE=200 DURATION=600 WARMUP=120 RAMP_FROM=0.1 MIX (see soak/SoakBench.java) CITIZENS=16
#              SAMPLE=10 (s between heap/RSS samples) PORT=18198 DB_PORT=15498 TONGBAN_JAR TONGBAN_REV APP_JAVA_OPTS
#              RESULTS_DIR=bench/results/soak-<timestamp> (report.md, minutes.tsv, memory.tsv, results.jsonl)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RATE=${RATE:-200} DURATION=${DURATION:-600} WARMUP=${WARMUP:-120} CITIZENS=${CITIZENS:-16} SAMPLE=${SAMPLE:-10}
PORT=${PORT:-18198} DB_PORT=${DB_PORT:-15498}
drill_begin soak

if [[ -z "${BASE_URL:-}" ]]; then
    build_tongban
    BASE_URL="http://127.0.0.1:$PORT"
    if [[ -n "${BENCH_DATA:-}" ]]; then
        [[ -f "$BENCH_DATA/province.md" ]] || { echo "FAIL: $BENCH_DATA holds no finished bench/province.sh data" >&2; exit 1; }
        BENCH_DATA=$(realpath "$BENCH_DATA")   # absolute: the postmaster is found by its data directory
        app_up "$BENCH_DATA" "$RESULTS_DIR/tongban.log" 1800
    else
        app_up "$SCRATCH/app" "$RESULTS_DIR/tongban.log" 900
    fi
fi
START=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
ITEM=$(sole_trader_item)

# The bench citizens (1373xxxxxxx): registered and raised to L3 by the demo window officer, by bench/submission (its
# set-up; the few applications it files are part of the warm-up).
log "setting up $CITIZENS bench citizens"
submission_load "$BASE_URL" "$ITEM" CONCURRENCY="$CITIZENS" DURATION=2 WARMUP=0 REFERENCE=1 MATERIAL_KB=0 \
    PHONE_PREFIX=1373 ACKED_FILE="$SCRATCH/setup-acked.tsv" LABEL=setup RESULT_JSON="$SCRATCH/setup.json" \
    >"$RESULTS_DIR/setup.md" 2>&1 || { cat "$RESULTS_DIR/setup.md" >&2; echo "FAIL: citizen set-up" >&2; exit 1; }
db_query "select code from catalog_implementation_item where status = 'PUBLISHED' order by md5(code) limit 1000" \
    >"$SCRATCH/guide-codes.txt"
db_query "select identifier, verification_code from certificates_certificate where status = 'VALID'
          order by identifier limit 500" >"$SCRATCH/certificates.tsv"
log "$(wc -l <"$SCRATCH/guide-codes.txt") guide pages, $(wc -l <"$SCRATCH/certificates.tsv") certificates to verify"
[[ -s "$SCRATCH/certificates.tsv" ]] || { echo "FAIL: no valid certificate to verify (demo data?)" >&2; exit 1; }

SAMPLING_FROM=$SECONDS
# Heap and RSS of the platform over time (and its database's processes, when embedded)
PID=${APP_PID:-}
MEMORY="$RESULTS_DIR/memory.tsv"
sample_memory() {
    local t0=$SECONDS heap rss pg
    echo -e "seconds\theap_used_kB\theap_committed_kB\trss_kB\tpostgres_rss_kB" >"$MEMORY"
    while kill -0 "$PID" 2>/dev/null; do
        heap=$("$JAVA_HOME/bin/jcmd" "$PID" GC.heap_info 2>/dev/null | awk '/ heap / || /garbage-first heap/ {
            for (i = 1; i <= NF; i++) { if ($i == "committed") c = $(i + 1); if ($i == "used") u = $(i + 1) }
            gsub(/[^0-9]/, "", c); gsub(/[^0-9]/, "", u); print u "\t" c; exit }')
        rss=$(awk '/^VmRSS/ { print $2 }' "/proc/$PID/status" 2>/dev/null || echo 0)
        pg=0
        if pm=$(postmaster_pid "${APP_DATA_DIR:-}"); then
            pg=$(ps --no-headers -o rss --ppid "$pm" -p "$pm" | awk '{ s += $1 } END { print s + 0 }')
        fi
        [[ -n "$heap" ]] || heap=$'0\t0'
        printf '%s\t%s\t%s\t%s\n' "$((SECONDS - t0))" "$heap" "$rss" "$pg" >>"$MEMORY"
        sleep "$SAMPLE"
    done
}
if [[ -n "$PID" ]]; then
    sample_memory &
    BACKGROUND_PIDS+=($!)
fi

SOAK_AT=$((SECONDS - SAMPLING_FROM))
log "soak: $RATE operations/s for $DURATION s after $WARMUP s warm-up"
{
    echo "Machine: $(machine_line)"
    echo "Tongban: ${TONGBAN_SOURCE:-running at $BASE_URL}${BENCH_DATA:+, data of $BENCH_DATA}"
    echo
} >"$RESULTS_DIR/report.md"
env BASE_URL="$BASE_URL" RATE="$RATE" DURATION="$DURATION" WARMUP="$WARMUP" RAMP_FROM="${RAMP_FROM:-0.1}" ITEM_CODE="$ITEM" CITIZENS="$CITIZENS" \
    PHONE_PREFIX=1373 GUIDE_CODES="$SCRATCH/guide-codes.txt" CERTIFICATES="$SCRATCH/certificates.tsv" \
    OUT="$RESULTS_DIR" "$JAVA" "$BENCH_DIR/soak/SoakBench.java" 2>"$RESULTS_DIR/soak-client.log" \
    | tee -a "$RESULTS_DIR/report.md"
{
    echo
    if [[ -n "$PID" && -s "$MEMORY" ]]; then
        echo "Platform memory over time (s since sampling began, after the citizens' set-up; the soak's client started at"
        echo "$SOAK_AT s; the first sample of every 30 s, all in memory.tsv; heap from jcmd GC.heap_info, RSS from /proc):"
        echo
        echo "| s | heap used MB | heap committed MB | RSS MB | PostgreSQL RSS MB |"
        echo "|---:|---:|---:|---:|---:|"
        awk -F'\t' 'NR > 1 && ($1 >= next_at || NR == 2) { next_at = $1 - $1 % 30 + 30
            printf "| %d | %.0f | %.0f | %.0f | %.0f |\n", $1, $2 / 1024, $3 / 1024, $4 / 1024, $5 / 1024 }' "$MEMORY"
        echo
    fi
    echo "- date: $START → $(date -Is); load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee -a "$RESULTS_DIR/report.md"
AT="$(awk -v r="$RATE" 'BEGIN { printf "%.0f", r }')/s$(awk -v f="${RAMP_FROM:-0.1}" 'BEGIN { if (f >= 1) printf " from a cold start" }')"
record_printed_figures soak "$RESULTS_DIR/report.md"
if [[ -n "$PID" && -s "$MEMORY" ]]; then
    record_figure soak "platform RSS, largest sample, $AT" "$(awk -F'\t' 'NR > 1 && $4 > m { m = $4 } END { print m + 0 }' "$MEMORY")" kB lower
    record_figure soak "heap used, largest sample, $AT" "$(awk -F'\t' 'NR > 1 && $2 > m { m = $2 } END { print m + 0 }' "$MEMORY")" kB lower
fi
ERRORS=$(grep -a '^| \*\*all\*\*' "$RESULTS_DIR/report.md" | awk -F'|' '{ gsub(/ /, "", $5); print $5 }')
check "the soak ran and completed operations" grep -qa '^FIGURE' "$RESULTS_DIR/report.md"
check "no operation failed (${ERRORS:-?} errors)" test "${ERRORS:-1}" -eq 0
log "results in $RESULTS_DIR"
verdict "mixed soak at $AT for $DURATION s"
