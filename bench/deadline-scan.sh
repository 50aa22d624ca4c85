#!/usr/bin/env bash
# Deadline-scan benchmark (issues 6 and 9): the warning scan of DeadlineWatch (限时办结: approaching, last day,
# missed) over OPEN (default 1,000,000) open cases, and the officers' to-do list with that many open cases; and
# issue 5's applicant "my cases" list with that many cases in the database.
#
# One real case is filed through the API (bench/submission) and accepted by the demo window officer through the API;
# its application, case and open task rows are then copied OPEN times in SQL with new ids and case numbers, spread
# over the demo bodies (SHARE_MINE % of them with the officer's own body) and over due dates from 5 days ago to 40
# days ahead, each already warned at the level it had reached yesterday (the state the scans of the day before
# leave). The scan measured is therefore the first of a working day — the one with the most warnings: those whose
# last day is today, those overdue since today, and those entering the warning window — and then the next scan,
# which finds nothing new (every other scan of the day).
#
# References, measured in the same run on the same database:
#   - the scan: one set-based SQL statement that computes the same warning levels and updates the same rows of the
#     scan's table cases_task_deadline (in a transaction rolled back), in psql — what the database itself needs for
#     the work, without events;
#   - the to-do list: GET /actuator/health/liveness over the same HTTP client (what any request costs).
#
#   bench/deadline-scan.sh
#   OPEN=200000 bench/deadline-scan.sh
# Environment: OPEN=1000000 SHARE_MINE=10 RUNS=50 WARMUP=10 PORT=18196 DB_PORT=15496 TONGBAN_JAR=<path>
#   PG_STATS=1: PostgreSQL's pg_stat_statements during the scans (the statements by total time, in the report's folder)
#   PG_SETTINGS="name=value ...": server settings of the embedded PostgreSQL (default shared_buffers=1GB; give
#     PG_SETTINGS="" for PostgreSQL's own 128 MB, or add e.g. auto_explain's)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
OPEN=${OPEN:-1000000} SHARE_MINE=${SHARE_MINE:-10} RUNS=${RUNS:-50} WARMUP=${WARMUP:-10}
# The seed's applicant keeps every MY_EVERY-th copy (25 of 1M: a citizen with a long history); the others belong to
# as many other accounts, one each.
MY_EVERY=${MY_EVERY:-40000}
PORT=${PORT:-18196} DB_PORT=${DB_PORT:-15496}
drill_begin deadline-scan
BASE="http://127.0.0.1:$PORT"
LOG="$RESULTS_DIR/tongban.log"

build_tongban
WORKDIR="$SCRATCH/app"
PG_ARGS=()
if [[ "${PG_STATS:-0}" == 1 ]]; then
    PG_ARGS=(--tongban.embedded-database.settings.shared_preload_libraries=pg_stat_statements)
fi
# A province's database with a million open cases is given a buffer cache that holds its open tasks (README:
# tongban.embedded-database.settings); the platform's embedded default stays PostgreSQL's 128 MB, sized for the demo.
PG_SETTINGS=${PG_SETTINGS-shared_buffers=1GB}
for setting in ${PG_SETTINGS:-}; do
    PG_ARGS+=("--tongban.embedded-database.settings[${setting%%=*}]=${setting#*=}")
done
# No scan while the data is made: the first one would come a day later.
app_up "$WORKDIR" "$LOG" 600 --tongban.cases.deadlines.interval=24h "${PG_ARGS[@]}"
START=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)

log "one real case: filed through the API, accepted by the window officer"
seed_accepted_case "$BASE" "$ACKED" "$SCRATCH"
JAR="$SCRATCH/cookies"
signin() { signin_session "$BASE" "$1" "$JAR" "$SCRATCH"; }

TODAY=$(TZ=Asia/Shanghai date +%F)
log "copying it $OPEN times (bodies: $SHARE_MINE % the officer's, the rest spread over every demo body)"
T0=$SECONDS
db_session >"$RESULTS_DIR/copy-timing.txt" <<SQL
set synchronous_commit = off;
\timing on
create temp table bodies as select (row_number() over (order by id))::int - 1 as k, id, name from org_body;
create temp table copy_body as
  select g as n, gen_random_uuid() as app_id, date '$TODAY' + (g % 46) - 5 as due_on,
         coalesce(mine.id, b.id) as body_id, coalesce(mine.name, b.name) as body_name
  from generate_series(1, $OPEN) g
  join bodies b on b.k = g % (select count(*) from bodies)
  left join (select o.id, o.name from org_body o join cases_application a on a.body_id = o.id
             where a.id = '$SEED') mine on g % 100 < $SHARE_MINE;
-- (a lateral call: "(f(x)).*" would call f once per column)
insert into cases_application
  select r.* from copy_body c cross join (select * from cases_application where id = '$SEED') a
  cross join lateral jsonb_populate_record(null::cases_application, to_jsonb(a) || jsonb_build_object('id', c.app_id,
          'case_number', 'BENCH' || lpad(c.n::text, 10, '0'), 'start_key', null, 'submit_key', null,
          'applicant_account', case when c.n % $MY_EVERY = 0 then a.applicant_account else c.app_id end,
          'body_id', c.body_id, 'body_name', c.body_name, 'decision_due', c.due_on)) r;
insert into cases_case
  select r.* from copy_body c cross join (select * from cases_case where application_id = '$SEED') k
  cross join lateral jsonb_populate_record(null::cases_case, to_jsonb(k) || jsonb_build_object('application_id',
          c.app_id, 'due_on', c.due_on, 'legal_due_on', c.due_on)) r;
-- The scan's table is filled below in one pass, as the trigger would have filled it task by task over the weeks
-- (the trigger's rows at level 0 then raised would leave every row and index entry twice).
alter table cases_task disable trigger cases_task_deadline_sync;
insert into cases_task
  select r.* from copy_body c
  cross join (select * from cases_task where application_id = '$SEED' and status = 'OPEN' limit 1) t
  cross join lateral jsonb_populate_record(null::cases_task, to_jsonb(t) || jsonb_build_object('id', gen_random_uuid(),
          'application_id', c.app_id, 'case_number', 'BENCH' || lpad(c.n::text, 10, '0'),
          'body_id', c.body_id, 'body_name', c.body_name, 'due_on', c.due_on,
          'paused_since', case when c.n % 50 = 0 then date '$TODAY' - 3 end)) r;
alter table cases_task enable trigger cases_task_deadline_sync;
-- warned: the level reached by yesterday's scans (3 missed, 2 last day, 1 within the warning window, about 3
-- working days ≈ 5 calendar days), so that today's first scan issues one day's worth of warnings.
insert into cases_task_deadline (task_id, due_on, warned)
  select id, due_on, case when due_on < date '$TODAY' - 1 then 3 when due_on = date '$TODAY' - 1 then 2
                          when due_on <= date '$TODAY' + 4 then 1 else 0 end
  from cases_task where case_number like 'BENCH%' and status = 'OPEN' and paused_since is null;
analyze cases_application;
analyze cases_case;
analyze cases_task;
analyze cases_task_deadline;
SQL
OPEN_TASKS=$(db_query "select count(*) from cases_task where status = 'OPEN'")
MINE=$(db_query "select count(*) from cases_task t where status = 'OPEN' and body_id =
                 (select body_id from cases_application where id = '$SEED')")
log "$OPEN_TASKS open tasks ($MINE with the officer's body), made in $((SECONDS - T0)) s"

# The reference: the same levels computed and written by one statement, rolled back.
HORIZON=$(curl -fsS "$BASE/api/v1/calendar/working-days?from=$TODAY&days=3" 2>/dev/null \
    | grep -o '"[0-9]\{4\}-[0-9]\{2\}-[0-9]\{2\}"' | tail -n1 | tr -d '"' || true)
HORIZON=${HORIZON:-$(date -d "$TODAY + 5 days" +%F)}
REF_SQL="begin; update cases_task_deadline set warned = case when due_on < '$TODAY' then 3 when due_on = '$TODAY' then 2 else 1 end
  where warned < 3 and due_on <= '$HORIZON'
    and warned < case when due_on < '$TODAY' then 3 when due_on = '$TODAY' then 2 else 1 end; rollback;"
ref_ms=()
for ((i = 0; i < 3; i++)); do
    ref_ms+=("$( { echo '\timing on'; echo "$REF_SQL"; } | db_session 2>&1 | grep -o 'Time: [0-9.]*' \
        | awk '{ s += $2 } END { print s }')")
done
REF_ROWS=$(db_query "select count(*) from cases_task_deadline where warned < 3
  and due_on <= '$HORIZON' and warned < case when due_on < '$TODAY' then 3 when due_on = '$TODAY' then 2 else 1 end")
log "reference statement: $REF_ROWS rows, $(median "${ref_ms[@]}") ms (median of 3)"

# The to-do list with that many open cases, before the scan's events add their lights, as the body's approver (审批人员,
# also a reviewer): every open task of the body is on their list, so each page is full.
signin 13800000004 >/dev/null
todo_ms=() live_ms=()
for ((i = 0; i < WARMUP + RUNS; i++)); do
    t=$(curl -fsS -o /dev/null -w '%{time_total}' -b "$JAR" "$BASE/workbench/tasks")
    l=$(curl -fsS -o /dev/null -w '%{time_total}' "$BASE/actuator/health/liveness")
    if ((i >= WARMUP)); then
        todo_ms+=("$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')")
        live_ms+=("$(awk -v t="$l" 'BEGIN { printf "%.1f", t * 1000 }')")
    fi
done
curl -fsS -b "$JAR" "$BASE/api/v1/cases/tasks?size=50" -o "$RESULTS_DIR/todo.json"
PAGE_ROWS=$(jq length "$RESULTS_DIR/todo.json")
[[ "$PAGE_ROWS" == 50 ]] || { echo "FAIL: the approver's to-do page holds $PAGE_ROWS tasks, not 50" >&2; exit 1; }

# The applicant's "my cases" (我的办件) with that many cases in the database: the seed's citizen (bench/submission's
# first citizen of PHONE_PREFIX 1374), the page and the API list.
MY_JAR="$SCRATCH/my-cookies"
curl -fsS -c "$MY_JAR" -b "$MY_JAR" -o "$SCRATCH/my-signin.html" "$BASE/signin"
curl -fsS -o /dev/null -c "$MY_JAR" -b "$MY_JAR" --data-urlencode "identifier=13740000000" \
    --data-urlencode "password=Bench#Submit2026" --data-urlencode "_csrf=$(csrf_of "$SCRATCH/my-signin.html")" \
    "$BASE/signin"
MY_CASES=$(db_query "select count(*) from cases_application where applicant_account =
                     (select applicant_account from cases_application where id = '$SEED')")
ALL_CASES=$(db_query "select count(*) from cases_application")
my_ms=() my_api_ms=()
for ((i = 0; i < WARMUP + RUNS; i++)); do
    t=$(curl -fsS -o "$SCRATCH/mine.html" -w '%{time_total}' -b "$MY_JAR" "$BASE/account/cases")
    u=$(curl -fsS -o "$SCRATCH/mine.json" -w '%{time_total}' -b "$MY_JAR" "$BASE/api/v1/cases/applications")
    if ((i >= WARMUP)); then
        my_ms+=("$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')")
        my_api_ms+=("$(awk -v t="$u" 'BEGIN { printf "%.1f", t * 1000 }')")
    fi
done
MY_LISTED=$(jq length "$SCRATCH/mine.json")
[[ "$MY_LISTED" == "$MY_CASES" ]] || { echo "FAIL: my cases lists $MY_LISTED, the database holds $MY_CASES" >&2; exit 1; }
grep -q "BENCH" "$SCRATCH/mine.html" || { echo "FAIL: the my-cases page shows none of the copies" >&2; exit 1; }

log "restarting with a scan every 20 s"
app_stop
APP_JAVA_OPTS="" app_start "$WORKDIR" "$PORT" "$LOG" --tongban.cases.deadlines.interval=20s \
    --logging.level.org.tongban.cases.DeadlineWatch=DEBUG "${PG_ARGS[@]}"
app_wait_ready "$PORT" 600 || { tail -n 40 "$LOG" >&2; echo "FAIL: no restart" >&2; exit 1; }
# Row updates of cases_task and of the scan's table so far
hot_counts() { db_query "select string_agg(n_tup_upd::text, ' ' order by relname) from pg_stat_user_tables
                         where relname in ('cases_task', 'cases_task_deadline')"; }
HOT_BEFORE=$(hot_counts)
if [[ "${PG_STATS:-0}" == 1 ]]; then
    db_query "create extension if not exists pg_stat_statements; select pg_stat_statements_reset()" >/dev/null
fi
scan_line() { grep -a "Deadline scan issued" "$LOG" | sed -n "${1}p"; }
deadline=$((SECONDS + 900))
until [[ -n "$(scan_line 2)" ]] || ((SECONDS > deadline)); do sleep 1; done
FIRST=$(scan_line 1) SECOND=$(scan_line 2)
[[ -n "$SECOND" ]] || { echo "FAIL: fewer than two scans within 15 minutes" >&2; tail -n 20 "$LOG" >&2; exit 1; }
FIRST_N=$(sed 's/.*issued \([0-9]*\) warnings.*/\1/; s/.*issued no warning.*/0/' <<<"$FIRST")
FIRST_MS=$(grep -o 'in [0-9]* ms' <<<"$FIRST" | grep -o '[0-9]*')
SECOND_MS=$(grep -o 'in [0-9]* ms' <<<"$SECOND" | grep -o '[0-9]*')
WARNED=$(db_query "select count(*) from cases_task_deadline where warned > 0")
HOT_AFTER=$(hot_counts)
HOT_REPORT=$(awk -v b="$HOT_BEFORE" -v a="$HOT_AFTER" 'BEGIN { split(b, x, " "); split(a, y, " ");
    printf "rows updated during the scans: %d of cases_task, %d of cases_task_deadline", y[1] - x[1], y[2] - x[2] }')
if [[ "${PG_STATS:-0}" == 1 ]]; then
    db_session >"$RESULTS_DIR/pg-statements.txt" <<'SQL'
select round(total_exec_time::numeric, 1) as total_ms, calls, rows, round(mean_exec_time::numeric, 3) as mean_ms,
       left(regexp_replace(query, '\s+', ' ', 'g'), 160) as query
from pg_stat_statements order by total_exec_time desc limit 25;
SQL
fi
T1=$SECONDS
settle_events 1800
SETTLE_S=$((SECONDS - T1))
LIGHTS=$(db_query "select count(*) from supervision_warning" 2>/dev/null || echo "?")
REF_MED=$(median "${ref_ms[@]}")
PG_REPORT=${PG_SETTINGS:-"the defaults (shared_buffers 128 MB)"}
[[ "${PG_STATS:-0}" == 1 ]] && PG_REPORT="$PG_REPORT, pg_stat_statements"
TODO_MED=$(median "${todo_ms[@]}") TODO_P95=$(p95 "${todo_ms[@]}")
LIVE_MED=$(median "${live_ms[@]}") LIVE_P95=$(p95 "${live_ms[@]}")
MY_MED=$(median "${my_ms[@]}") MY_P95=$(p95 "${my_ms[@]}")
MY_API_MED=$(median "${my_api_ms[@]}") MY_API_P95=$(p95 "${my_api_ms[@]}")
{
    echo "## Deadline scan and to-do list over $OPEN_TASKS open cases"
    echo
    echo "| What | Figure | Reference (same run) | Ratio | Target |"
    echo "|---|---|---|---|---|"
    echo "| First scan of the day: $FIRST_N warnings issued (events recorded) | $FIRST_MS ms | one SQL update of the same $REF_ROWS rows: $REF_MED ms | $(awk -v a="$FIRST_MS" -v b="$REF_MED" 'BEGIN { printf "%.2f×", a / b }') | ≤ 5 s |"
    echo "| Next scan (nothing new) | $SECOND_MS ms | — | — | ≤ 5 s |"
    echo "| Listeners done for those events (lights, dashboard) | $SETTLE_S s after the scan | — | — | — |"
    echo "| \`GET /workbench/tasks\` (the body's approver: a full page of 50 of the body's $MINE open tasks) | p95 $TODO_P95 ms (median $TODO_MED) | liveness p95 $LIVE_P95 ms (median $LIVE_MED) | $(awk -v a="$TODO_P95" -v b="$LIVE_P95" 'BEGIN { printf "%.1f×", a / b }') | p95 ≤ 30 ms |"
    echo "| \`GET /account/cases\` (我的办件: an applicant's $MY_CASES cases among $ALL_CASES) | p95 $MY_P95 ms (median $MY_MED) | liveness p95 $LIVE_P95 ms | $(awk -v a="$MY_P95" -v b="$LIVE_P95" 'BEGIN { printf "%.1f×", a / b }') | p95 ≤ 30 ms |"
    echo "| \`GET /api/v1/cases/applications\` (the same list as JSON) | p95 $MY_API_P95 ms (median $MY_API_MED) | liveness p95 $LIVE_P95 ms | $(awk -v a="$MY_API_P95" -v b="$LIVE_P95" 'BEGIN { printf "%.1f×", a / b }') | p95 ≤ 30 ms |"
    echo
    echo "- $HOT_REPORT$([[ "${PG_STATS:-0}" == 1 ]] && echo "; statements by total time: pg-statements.txt")"
    echo "- $EVENTS_REPORT; warning rows in supervision: $LIGHTS; tasks warned at some level after the scan: $WARNED"
    echo "- embedded PostgreSQL settings: $PG_REPORT"
    echo "- today $TODAY (Asia/Shanghai), warning window to $HORIZON; $RUNS requests after $WARMUP warm-up, to-do and liveness alternating"
    echo "- date: $START → $(date -Is); machine: $(machine_line)"
    echo "- load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg); Tongban: $TONGBAN_SOURCE"
} | tee "$RESULTS_DIR/report.md"
# Figures of a run with other database settings than the default 1 GB cache carry them in their names, so that
# bench/regressions.sh never compares them with the recorded ones.
AS=""
[[ "$PG_SETTINGS" == "shared_buffers=1GB" ]] || AS=" (${PG_SETTINGS:-shared_buffers=128MB})"
record_figure deadline-scan "first scan of the day$AS" "$FIRST_MS" ms lower "$REF_MED"
record_figure deadline-scan "next scan, nothing new$AS" "$SECOND_MS" ms lower
record_figure deadline-scan "listeners done after the first scan$AS" "$SETTLE_S" s lower
record_figure deadline-scan "to-do page p95$AS" "$TODO_P95" ms lower "$LIVE_P95"
record_figure deadline-scan "my cases page p95$AS" "$MY_P95" ms lower "$LIVE_P95"
record_figure deadline-scan "my cases API p95$AS" "$MY_API_P95" ms lower "$LIVE_P95"
