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
#   CONCURRENCY=16 DURATION=30 WARMUP=30   citizens filing at once, measured seconds, warm-up seconds per scenario
#                            (with 10 s the JIT was still compiling: the same build measured 35 to 63 filings/s)
#   MATERIALS="0 1024"       scenarios: size in KB of the first material (0: two small PDFs of a few hundred bytes)
#   PORT=18190 DB_PORT=15490 ports of the app this script starts and of its embedded PostgreSQL
#   JFR=1                    profile the app during the measured phases (submission.jfr, hot-methods.txt)
#   TONGBAN_JAR=<path>       jar to run instead of building one (TONGBAN_BUILD_DIR, TONGBAN_REV as in startup.sh)
#   RESULTS_DIR=bench/results/submission-<timestamp>   JSON per scenario, acked-cases.tsv, the app's log;
#                            all scenarios together in bench/results/submission-<timestamp>.json
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

CONCURRENCY=${CONCURRENCY:-16} DURATION=${DURATION:-30} WARMUP=${WARMUP:-30} MATERIALS=${MATERIALS:-0 1024}
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
# raw_reference kb json: the same-run reference the issue asks for — the rows one submission of this scenario left
# (the application, its steps and materials, its 我的材料 entries, and the case-number sequence row of the item and
# day) inserted again as plain SQL by pgbench, with the two event publications a submission writes (CaseSubmitted for
# the notifications and the dashboard: built here, since a delivered publication is deleted at once), one
# transaction per application, by CONCURRENCY clients for REFERENCE_SECONDS, with the same synchronous commit. Only
# when this script started the app (its scratch database); the copies carry case numbers starting with R and stay in
# that database.
raw_reference() {
    local kb=$1 json=$2 template script out tps
    template=$(tail -n1 "$RESULTS_DIR/acked-cases.tsv" | cut -f2)
    [[ -n "$template" ]] || { echo "raw reference: no acknowledged case to copy"; return; }
    script="$SCRATCH/raw-$kb.sql"
    cat >"$script" <<SQL
with seq as (
    insert into cases_number_sequence (prefix, last_value)
    select 'R' || item_code || to_char(now() at time zone 'Asia/Shanghai', 'YYYYMMDD'), 1
    from cases_application where id = '$template'
    on conflict (prefix) do update set last_value = cases_number_sequence.last_value + 1
    returning prefix, last_value),
app as (
    insert into cases_application
    select (jsonb_populate_record(null::cases_application, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(),
        'start_key', gen_random_uuid()::text, 'submit_key', gen_random_uuid()::text,
        'case_number', seq.prefix || lpad(seq.last_value::text, 6, '0'), 'created_at', now(), 'updated_at', now(),
        'received_at', now()))).*
    from cases_application t, seq where t.id = '$template'
    returning id, case_number),
steps as (
    insert into cases_step (application_id, at, kind, actor, actor_name, note, node_name, body_name)
    select app.id, now(), s.kind, s.actor, s.actor_name, case when s.kind = 'SUBMITTED' then app.case_number else s.note end,
        s.node_name, s.body_name
    from cases_step s, app where s.application_id = '$template'),
materials as (
    insert into cases_material
    select (jsonb_populate_record(null::cases_material, to_jsonb(m) || jsonb_build_object('id', gen_random_uuid(),
        'application_id', app.id))).*
    from cases_material m, app where m.application_id = '$template'),
library as (
    insert into cases_material_library (id, owner_account, material_name, file_name, content_type, size_bytes, sha256,
        storage_key, uploaded_at, added_at, source_case)
    select gen_random_uuid(), t.applicant_account, m.requirement_name, m.file_name, m.content_type, m.size_bytes,
        m.sha256, m.storage_key, m.uploaded_at, now(), app.case_number
    from cases_material m join cases_application t on t.id = m.application_id, app
    where m.application_id = '$template'
    on conflict (owner_account, material_name, sha256) do nothing)
insert into event_publication (id, listener_id, event_type, serialized_event, publication_date, status,
    completion_attempts)
select gen_random_uuid(), l.listener_id, 'org.tongban.cases.CaseSubmitted',
    json_build_object('applicationId', app.id, 'caseNumber', app.case_number, 'itemCode', t.item_code,
        'bodyId', t.body_id, 'applicantAccount', t.applicant_account, 'companyAccount', t.company_account,
        'receivedOn', t.received_on, 'resubmission', false)::text, now(), 'PUBLISHED', 0
from app, cases_application t,
    (values ('org.tongban.cases.CaseNotifications.on(org.tongban.cases.CaseSubmitted)'),
            ('org.tongban.supervision.DashboardCounts.on(org.tongban.cases.CaseSubmitted)')) l (listener_id)
where t.id = '$template';
SQL
    out=$(PGPASSWORD=${DB_PASSWORD:-} pgbench -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -n -c "$CONCURRENCY" -j 2 \
        -T "${REFERENCE_SECONDS:-10}" -f "$script" "$DB_NAME" 2>&1) || { echo "raw reference failed: $out"; return; }
    tps=$(grep -oP 'tps = \K[0-9.]+' <<<"$out" | head -n1)
    jq --argjson raw "${tps:-0}" '. + {rawInsertsPerSecond: $raw,
        ratioToRawInserts: (if $raw > 0 then .submittedPerSecond / $raw else null end)}' "$json" >"$json.tmp" \
        && mv "$json.tmp" "$json"
    printf '\nRaw inserts of the same rows (pgbench, %s clients, one transaction per application, %s s): %.1f/s; ' \
        "$CONCURRENCY" "${REFERENCE_SECONDS:-10}" "${tps:-0}"
    printf 'submitted through the API / raw = %s\n' "$(jq -r 'if .ratioToRawInserts then (.ratioToRawInserts * 1000 | round / 1000) else "–" end' "$json")"
}

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
    if [[ -n "$APP_PID" ]]; then
        raw_reference "$kb" "$RESULTS_DIR/material-${kb}kb.json" | tee -a "$RESULTS_DIR/report.md"
        record_figure submission "raw inserts/s of the same rows, ${kb} kB material" \
            "$(jq '.rawInsertsPerSecond' "$RESULTS_DIR/material-${kb}kb.json")" /s higher
    fi
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
