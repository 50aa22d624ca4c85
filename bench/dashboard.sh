#!/usr/bin/env bash
# Supervision dashboard benchmark (issue 9): the dashboard API for the whole province over a year, read from many
# synthetic figure rows (day × division × body × item, as the event listeners keep them), against the plain SQL
# aggregation of the same rows in the same run (psql on the same database) as the reference.
#
#   bench/dashboard.sh                        # 2 synthetic items per body (2,444 demo bodies), 365 days
#   ITEMS=5 RUNS=30 bench/dashboard.sh
#   TONGBAN_JAR=target/tongban.jar bench/dashboard.sh
#   BENCH_DATA=bench/data/province-1 bench/dashboard.sh   # on bench/province.sh's data: the figures of its 10M
#                                             # generated cases, the last whole year (no synthetic rows added)
#
# Environment: ITEMS=2 DAYS=365 RUNS=20 WARMUP=5 PORT=18195 DB_PORT=15495 BENCH_DATA (province data, optional)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ITEMS=${ITEMS:-2} DAYS=${DAYS:-365} RUNS=${RUNS:-20} WARMUP=${WARMUP:-5}
PORT=${PORT:-18195} DB_PORT=${DB_PORT:-15495}
drill_begin dashboard
BASE="http://127.0.0.1:$PORT"
FROM=$(date -u -d "2025-01-01" +%F) TO=$(date -u -d "2025-01-01 + $((DAYS - 1)) days" +%F)
PROVINCE=""
if [[ -n "${BENCH_DATA:-}" ]]; then
    BENCH_DATA=$(realpath "$BENCH_DATA")
    [[ -f "$BENCH_DATA/province.md" ]] || { echo "FAIL: no province data in $BENCH_DATA (bench/province.sh)" >&2; exit 1; }
    PROVINCE=$(sed -n 's/^## \(Province-scale data, SCALE=[0-9.]*\).*/\1/p' "$BENCH_DATA/province.md")
    LAST_YEAR=$(($(date -u +%Y) - 1))   # the last whole year of the generated cases
    FROM="$LAST_YEAR-01-01" TO="$LAST_YEAR-12-31" DAYS=365
fi

build_tongban
START=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
if [[ -n "$PROVINCE" ]]; then
    app_up "$BENCH_DATA" "$RESULTS_DIR/tongban.log" 3600
    ROWS=$(db_query "select count(*) from supervision_dashboard_day")
    BODIES=$(db_query "select count(distinct body_id) from supervision_dashboard_day where day between '$FROM' and '$TO'")
    IN_RANGE=$(db_query "select count(*) from supervision_dashboard_day where day between '$FROM' and '$TO'")
    CASES_IN_RANGE=$(db_query "select sum(received) from supervision_dashboard_month where month between '$FROM' and '$TO'")
    ROWS_LINE="$PROVINCE: $ROWS daily figure rows of the generated cases, $IN_RANGE of them in $FROM … $TO over $BODIES bodies ($CASES_IN_RANGE cases received in the period)"
else
    WORKDIR="$SCRATCH/app"
    app_up "$WORKDIR" "$RESULTS_DIR/tongban.log" 600

    log "synthetic figures: $DAYS days × every body × $ITEMS items"
    db_query "insert into supervision_dashboard_day (day, division_code, body_id, item_code, received, received_online,
        accepted, decided, decided_on_time, duration_days, promised_days, completed, overdue, rated, rated_1, rated_2,
        rated_3, rated_4, rated_5)
      select date '$FROM' + d, b.division_code, b.id, 'BENCH' || lpad(i::text, 6, '0'), 10, 6, 9, 8, 7, 40, 80, 8, 1, 3,
        0, 1, 0, 1, 1
      from generate_series(0, $DAYS - 1) d cross join org_body b cross join generate_series(1, $ITEMS) i
      on conflict do nothing" >/dev/null
    # The monthly sums the listeners keep next to the days.
    db_query "insert into supervision_dashboard_month select date_trunc('month', day)::date, division_code, body_id,
        item_code, sum(received), sum(received_online), sum(accepted), sum(decided), sum(decided_on_time),
        sum(duration_days), sum(promised_days), sum(completed), sum(overdue), sum(rated), sum(rated_1), sum(rated_2),
        sum(rated_3), sum(rated_4), sum(rated_5) from supervision_dashboard_day where item_code like 'BENCH%'
        group by 1, 2, 3, 4
      on conflict do nothing" >/dev/null
    # And per body, summed over the items (the divisions' views read these).
    db_query "insert into supervision_dashboard_body_month select month, division_code, body_id, sum(received),
        sum(received_online), sum(accepted), sum(decided), sum(decided_on_time), sum(duration_days),
        sum(promised_days), sum(completed), sum(overdue), sum(rated), sum(rated_1), sum(rated_2), sum(rated_3),
        sum(rated_4), sum(rated_5) from supervision_dashboard_month where item_code like 'BENCH%'
        group by 1, 2, 3 order by 1, 2, 3
      on conflict do nothing" >/dev/null
    db_query "analyze supervision_dashboard_day" >/dev/null
    db_query "analyze supervision_dashboard_month" >/dev/null
    db_query "analyze supervision_dashboard_body_month" >/dev/null
    ROWS=$(db_query "select count(*) from supervision_dashboard_day")
    BODIES=$(db_query "select count(distinct body_id) from supervision_dashboard_day")
    ROWS_LINE="$ROWS figure rows ($DAYS days × $BODIES bodies × $ITEMS items; at ~10 cases a row that stands for $((ROWS * 10)) cases)"
fi
log "$ROWS_LINE"

# Signed in as the demo province supervisor.
JAR="$SCRATCH/cookies"
CSRF=$(curl -fsS -c "$JAR" -b "$JAR" "$BASE/signin" | grep -o 'name="_csrf" value="[^"]*"' | head -n1 \
    | sed 's/.*value="\([^"]*\)"/\1/')
curl -fsS -o /dev/null -c "$JAR" -b "$JAR" --data-urlencode "identifier=13800000005" \
    --data-urlencode "password=Tongban#Demo2026" --data-urlencode "_csrf=$CSRF" "$BASE/signin"
URL="$BASE/api/v1/supervision/dashboard?division=210000&from=$FROM&to=$TO"
curl -fsS -b "$JAR" "$URL" >"$RESULTS_DIR/province.json" || { echo "FAIL: the dashboard API did not answer" >&2; exit 1; }
grep -q '"divisionCode":"210000"' "$RESULTS_DIR/province.json" || { echo "FAIL: unexpected answer" >&2; exit 1; }

# The references, in one psql session on the same database: the API's main query by itself (whole months from the
# monthly sums per body), and the same figures summed from the monthly item rows and from the daily rows (what reading
# those would cost).
SUMS="sum(received), sum(received_online), sum(accepted), sum(decided), sum(decided_on_time), sum(duration_days),
  sum(promised_days), sum(completed), sum(overdue), sum(rated), sum(rated_1), sum(rated_2), sum(rated_3), sum(rated_4),
  sum(rated_5)"
PLAIN="select division_code, body_id, $SUMS from supervision_dashboard_body_month
  where division_code like '21%' and month between '$FROM' and '$TO' group by division_code, body_id;"
ITEM_MONTHS="select division_code, body_id, $SUMS from supervision_dashboard_month
  where division_code like '21%' and month between '$FROM' and '$TO' group by division_code, body_id;"
DAILY="select division_code, body_id, $SUMS from supervision_dashboard_day
  where division_code like '21%' and day between '$FROM' and '$TO' group by division_code, body_id;"

api_ms=() sql_ms=() day_ms=() item_ms=()
for ((i = 0; i < WARMUP + RUNS; i++)); do
    t=$(curl -fsS -o /dev/null -w '%{time_total}' -b "$JAR" "$URL")
    s=$( { echo '\timing on'; echo "$PLAIN"; } | db_session 2>&1 | grep -o 'Time: [0-9.]*' | awk '{ print $2 }')
    if ((i >= WARMUP)); then
        api_ms+=("$(awk -v t="$t" 'BEGIN { printf "%.1f", t * 1000 }')")
        sql_ms+=("$s")
    fi
done
for ((i = 0; i < 5; i++)); do
    day_ms+=("$( { echo '\timing on'; echo "$DAILY"; } | db_session 2>&1 | grep -o 'Time: [0-9.]*' | awk '{ print $2 }')")
    item_ms+=("$( { echo '\timing on'; echo "$ITEM_MONTHS"; } | db_session 2>&1 | grep -o 'Time: [0-9.]*' | awk '{ print $2 }')")
done
API_MED=$(median "${api_ms[@]}") API_P95=$(p95 "${api_ms[@]}")
SQL_MED=$(median "${sql_ms[@]}") SQL_P95=$(p95 "${sql_ms[@]}")
DAY_MED=$(median "${day_ms[@]}") DAY_P95=$(p95 "${day_ms[@]}")
ITEM_MED=$(median "${item_ms[@]}") ITEM_P95=$(p95 "${item_ms[@]}")
RATIO=$(awk -v a="$API_MED" -v s="$SQL_MED" 'BEGIN { printf "%.2f", a / s }')
{
    echo "## Supervision dashboard, province over $DAYS days${PROVINCE:+ ($PROVINCE)}"
    echo
    echo "| What | Median | p95 |"
    echo "|---|---|---|"
    echo "| \`GET /api/v1/supervision/dashboard?division=210000\` (HTTP, signed in) | $API_MED ms | $API_P95 ms |"
    echo "| Reference: the API's main query (each body's monthly sums) as plain SQL in psql | $SQL_MED ms | $SQL_P95 ms |"
    echo "| For comparison: the same figures summed from the monthly item rows in psql (5 runs) | $ITEM_MED ms | $ITEM_P95 ms |"
    echo "| For comparison: the same figures summed from the daily rows in psql (5 runs) | $DAY_MED ms | $DAY_P95 ms |"
    echo
    echo "- ratio API / plain query (medians): **${RATIO}×**; target: ≤ 1 s for the province"
    echo "- $ROWS_LINE; $RUNS runs after $WARMUP warm-up runs, API and reference alternating"
    echo "- date: $START → $(date -Is); machine: $(machine_line)"
    echo "- load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg); Tongban: $TONGBAN_SOURCE"
} | tee "$RESULTS_DIR/report.md"
record_figure dashboard "province dashboard API p95${PROVINCE:+ on the $PROVINCE}" "$API_P95" ms lower "$SQL_P95"
