#!/usr/bin/env bash
# Crash drill: kill -9 the platform while citizens are filing applications, restart it, and check that nothing
# acknowledged was lost or doubled and nothing was left half-written. One command; prints PASS or FAIL with the
# reasons and exits 0 or 1. See bench/README.md, "Crash drill".
#
#   bench/drill-crash.sh
#
# Steps: build the working tree in a private copy (or TONGBAN_JAR); start it in a scratch directory with its
# embedded PostgreSQL (port DB_PORT, so psql can reach it); run the submission load (CONCURRENCY citizens, the first
# material MATERIAL_KB each) and, once KILL_AFTER acknowledged submissions are recorded, SIGKILL the java process
# mid-load (its PostgreSQL is left running, orphaned, as after a real crash); restart in the same directory (the
# platform's OrphanedPostmaster stops the orphan); wait for the event publication registry to settle; check.
# SIGKILL is a process crash (the page cache survives): it checks what the platform acknowledged, not what reached the
# disk. For a power loss, the material storage forces each file and its directory to disk before the upload is
# acknowledged (LocalDiskMaterialStorage); a crash before its rename leaves at most a .upload*.tmp file (counted).
#
# Environment: CONCURRENCY=8 MATERIAL_KB=1024 KILL_AFTER=40 LOAD_SECONDS=30 SETTLE=120 PORT=18191 DB_PORT=15491
#              KEEP_SCRATCH=0 TONGBAN_JAR RESULTS_DIR=bench/results/drill-crash-<timestamp>
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONCURRENCY=${CONCURRENCY:-8} MATERIAL_KB=${MATERIAL_KB:-1024} KILL_AFTER=${KILL_AFTER:-40}
LOAD_SECONDS=${LOAD_SECONDS:-30} SETTLE=${SETTLE:-120} PORT=${PORT:-18191} DB_PORT=${DB_PORT:-15491}
drill_begin drill-crash
WORKDIR="$SCRATCH/app"

build_tongban
log "machine: $(machine_line)"
app_up "$WORKDIR" "$RESULTS_DIR/tongban-1.log" 600
ITEM=$(sole_trader_item)

# ---- load, then the crash in the middle of it
submission_load "http://127.0.0.1:$PORT" "$ITEM" CONCURRENCY="$CONCURRENCY" DURATION="$LOAD_SECONDS" WARMUP=0 \
    REFERENCE=1 MATERIAL_KB="$MATERIAL_KB" ACKED_FILE="$ACKED" >"$RESULTS_DIR/load.log" 2>&1 &
LOAD_PID=$!
BACKGROUND_PIDS+=("$LOAD_PID")
deadline=$((SECONDS + 300))
while (($(wc -l <"$ACKED") < KILL_AFTER)); do
    if ((SECONDS > deadline)) || ! kill -0 "$LOAD_PID" 2>/dev/null; then
        cat "$RESULTS_DIR/load.log" >&2
        echo "FAIL: the load acknowledged only $(wc -l <"$ACKED") submissions; the drill needs $KILL_AFTER before the crash"
        exit 1
    fi
    sleep 0.2
done
killed_pid=$APP_PID
app_kill9
acked_at_kill=$(wc -l <"$ACKED")
log "SIGKILL to java $killed_pid after $acked_at_kill acknowledged submissions"
sleep 1
orphan="none"
incomplete_at_crash="not known (no postmaster left to ask)"
if pm=$(postmaster_pid "$APP_DATA_DIR"); then
    orphan="postmaster $pm still running (orphaned)"
    # what the crash left undelivered, asked of the orphaned server before the restart stops it
    incomplete_at_crash=$(db_query "select count(*) from event_publication where completion_date is null") || true
fi
log "after the kill: $orphan; incomplete event publications: $incomplete_at_crash"
wait "$LOAD_PID" || true
BACKGROUND_PIDS=()
acked_total=$(wc -l <"$ACKED")
check "the load was cut mid-flight (connection errors after the kill)" grep -q ':io' "$RESULTS_DIR/load.log"
check "no submission was acknowledged after the kill ($acked_total total, $acked_at_kill at the kill)" \
    test "$acked_total" -le $((acked_at_kill + CONCURRENCY))

# ---- restart in the same directory
restart_began=$SECONDS
app_up "$WORKDIR" "$RESULTS_DIR/tongban-2.log" 600
log "ready again after $((SECONDS - restart_began)) s"
if [[ "$orphan" != none ]]; then
    check "the restart stopped the orphaned postmaster (OrphanedPostmaster)" \
        grep -q "left behind by an earlier run" "$RESULTS_DIR/tongban-2.log"
fi

settle_events "$SETTLE"
check_acknowledged "$ACKED"
check_consistency "$WORKDIR/data/materials"

# ---- the platform serves again
submission_load "http://127.0.0.1:$PORT" "$ITEM" CONCURRENCY=2 DURATION=5 WARMUP=0 REFERENCE=1 MATERIAL_KB=0 \
    PHONE_PREFIX=1375 ACKED_FILE="$RESULTS_DIR/acked-after.tsv" RESULT_JSON="$RESULTS_DIR/after.json" \
    >"$RESULTS_DIR/load-after.log" 2>&1 || true
check "applications are filed again after the restart ($(grep -o '"submitted": [0-9]*' "$RESULTS_DIR/after.json" 2>/dev/null))" \
    grep -q '"failed": 0' "$RESULTS_DIR/after.json"
settle_events 60
check_consistency "$WORKDIR/data/materials"

{
    echo "Crash drill $(date -Is): $acked_at_kill submissions acknowledged at the SIGKILL, $acked_total in all;" \
        "after the kill: $orphan, $incomplete_at_crash incomplete event publication(s); ${EVENTS_REPORT:-}; $CONSISTENCY_REPORT"
    echo "Machine: $(machine_line)"
    verdict "crash drill (kill -9 mid-load, restart, every acknowledged case once, nothing half-written, events delivered)"
} | tee "$RESULTS_DIR/verdict.txt"
