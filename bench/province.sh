#!/usr/bin/env bash
# Province-scale data (issue 10), one command: a benchmark database of its own (BENCH_DATA) holding, at SCALE=1,
# 5,000,000 residents and 1,000,000 companies (with their credit records) in the exchange's base data, the villages
# and communities below every township with their service stations, 300,000 published implementation items at all
# five levels (CATALOGUE_ITEMS), 10,000,000
# historical cases over YEARS (10) years, the supervision dashboard's daily and monthly figures of those cases, and a
# signed business licence for every active company and a food business licence for one in eight (e-certificates,
# CERTIFICATES= to cap each kind), and last the residents' certificates (bench/province-people.sh).
# Deterministic (seeded); reports its own time and rows/s per phase. See bench/README.md, "Province-scale data".
#
#   SCALE=0.01 bench/province.sh        50,000 residents, 10,000 companies, 100,000 cases (~15 min when loaded)
#   bench/province.sh                   the full size (hours, ~tens of GB: not on a shared machine)
#   FRESH=1 SCALE=0.01 bench/province.sh   throw the benchmark database of that scale away first
#
# It reuses the generators that exist rather than writing new ones:
#   - residents and companies: the exchange's base-data generator (BaseDataGenerator + BaseDataLoader, COPY, ID
#     numbers encrypted and hashed as in production), run by the platform itself as its demo base data at the first
#     start (tongban.exchange.demo-people / demo-companies set to the scaled sizes);
#   - cases: the technique of bench/deadline-scan.sh — one real case filed and accepted through the API
#     (seed_accepted_case in lib.sh) is the template whose rows are copied with new ids, applicants, items, bodies,
#     dates and outcomes — here streamed with COPY (query → COPY … TO STDOUT | COPY … FROM STDIN);
#   - the dashboard's figures: the day × division × body × item rows bench/dashboard.sh writes, but summed from the
#     generated cases (received on the day of receipt, accepted on acceptance, decided/completed/ratings on the
#     decision day, as the listeners count them), and the monthly sums next to them.
# Distributions: item popularity heavy-tailed (Zipf, s = 1, over a seeded shuffle of the published items); cases per
# day with growth (+7 %/year), seasonality by month, weekends low, and troughs at the Spring Festival (a fortnight),
# National Day, Labour Day and New Year; the online share rises over the years; 2 % not accepted, 4 % refused,
# decisions within the item's promised limit (guide) but ~7 % after it, 30 % rated.
#
# Environment: SCALE=1 PEOPLE COMPANIES CASES (override the scaled sizes) YEARS=10 GEN_SEED=20261124
#              BENCH_DATA=bench/data/province-<SCALE> (kept: the app's ./data — PostgreSQL, keys — lives there)
#              FRESH=0 PORT=18199 DB_PORT=15499 TONGBAN_JAR TONGBAN_REV
#              RESULTS_DIR=bench/results/province-<timestamp> (report.md, results.jsonl)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SCALE=${SCALE:-1}
scaled() { awk -v n="$1" -v s="$SCALE" 'BEGIN { v = int(n * s + 0.5); print (v < 1 ? 1 : v) }'; }
PEOPLE=${PEOPLE:-$(scaled 5000000)} COMPANIES=${COMPANIES:-$(scaled 1000000)} CASES=${CASES:-$(scaled 10000000)}
CATALOGUE_ITEMS=${CATALOGUE_ITEMS:-$(scaled 300000)}
YEARS=${YEARS:-10} GEN_SEED=${GEN_SEED:-20261124} FRESH=${FRESH:-0}
PORT=${PORT:-18199} DB_PORT=${DB_PORT:-15499}
BENCH_DATA=$(realpath -m "${BENCH_DATA:-$BENCH_DIR/data/province-$SCALE}")   # absolute: postmasters are found by it
drill_begin province
BASE="http://127.0.0.1:$PORT"
LOG="$RESULTS_DIR/tongban.log"

if [[ "$FRESH" == 1 && -d "$BENCH_DATA" ]]; then
    pm=$(postmaster_pid "$BENCH_DATA/data/postgres" || true)
    [[ -z "$pm" ]] || { kill -INT "$pm"; wait_gone "$pm" 60 || true; }
    log "FRESH=1: removing $BENCH_DATA"
    rm -rf "$BENCH_DATA"
fi
if [[ -f "$BENCH_DATA/province.md" ]]; then
    echo "Already generated in $BENCH_DATA (FRESH=1 to generate again):"
    cat "$BENCH_DATA/province.md"
    # the residents' certificates came later: added to data generated before them
    [[ -f "$BENCH_DATA/province-people.md" ]] || RESULTS_DIR="$RESULTS_DIR/people" SCALE=$SCALE PEOPLE=$PEOPLE \
        BENCH_DATA=$BENCH_DATA PORT=$PORT DB_PORT=$DB_PORT "$BENCH_DIR/province-people.sh"
    exit $?
fi
if [[ -d "$BENCH_DATA/data" ]]; then
    echo "FAIL: $BENCH_DATA holds an unfinished generation; run with FRESH=1 to start over" >&2
    exit 1
fi
mkdir -p "$BENCH_DATA"
START=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
T_ALL=$SECONDS

build_tongban
log "machine: $(machine_line)"
log "SCALE=$SCALE: $PEOPLE residents, $COMPANIES companies, $CASES cases over $YEARS years → $BENCH_DATA"

# ---- 1. residents and companies: the platform's own base-data generator at its first start
T0=$SECONDS
app_up "$BENCH_DATA" "$LOG" 14400 --tongban.exchange.demo-people="$PEOPLE" --tongban.exchange.demo-companies="$COMPANIES"
FIRST_START_S=$((SECONDS - T0))
# The demo data set's transaction started at its loaded_at; the next set (same runner) started after its commit.
BASE_S=$(db_query "select round(extract(epoch from (select loaded_at from platform_demo_data_set
                     where name = 'exchange.once-only-materials') - loaded_at)::numeric, 1)
                   from platform_demo_data_set where name = 'exchange.demo-base-data'")
read -r N_PEOPLE N_COMPANIES N_DISHONEST N_PENALTIES < <(db_query "select (select count(*) from exchange_person),
    (select count(*) from exchange_legal_person), (select count(*) from exchange_dishonest_entry),
    (select count(*) from exchange_penalty)" | tr '\t' ' ')
BASE_ROWS=$((N_PEOPLE + N_COMPANIES + N_DISHONEST + N_PENALTIES))
log "base data: $BASE_ROWS rows in $BASE_S s (first start $FIRST_START_S s in all)"

# ---- 1b. the villages and communities below every township, each with its service station, and the catalogue grown
# to CATALOGUE_ITEMS published implementation items at every level (ProvinceCatalogue and the catalogue benchmark's
# generator, from the test classes, on this database while the platform is stopped); the platform's next start then
# rebuilds its search index with them
app_stop
build_bench_classpath "$TONGBAN_BUILD_DIR-classes" "$RESULTS_DIR/build-classes.log"
T1=$SECONDS
(cd "$BENCH_DATA" && "$JAVA" -cp "$CLASSPATH" -Dbench.items="$CATALOGUE_ITEMS" -Dbench.seed="$GEN_SEED" \
    org.tongban.catalog.bench.ProvinceCatalogue --server.port="$PORT" --tongban.embedded-database.port="$DB_PORT" \
    --tongban.log-directory="$BENCH_DATA/logs" --logging.level.root=WARN --logging.level.org.tongban=INFO \
    >"$RESULTS_DIR/catalogue.log" 2>&1) || { tail -n 40 "$RESULTS_DIR/catalogue.log" >&2; echo "FAIL: catalogue"; exit 1; }
CATALOGUE_S=$((SECONDS - T1))
catalogue=$(grep -a '^RESULT ' "$RESULTS_DIR/catalogue.log")
field() { sed "s/.* $1=\([0-9.]*\).*/\1/" <<<" $catalogue"; }
VILLAGES_GENERATED=$(field villages_generated) N_VILLAGES=$(field villages) N_ITEMS=$(field items_published) ITEMS_GENERATED=$(field items_generated)
ITEM_LEVELS=$(grep -a '^LEVEL ' "$RESULTS_DIR/catalogue.log" | awk '{ printf "%s%s %s", sep, $2, $3; sep = ", " }')
T1=$SECONDS
app_up "$BENCH_DATA" "$LOG" 3600
REINDEX_S=$((SECONDS - T1))
log "catalogue: $N_VILLAGES villages, $N_ITEMS published items ($ITEM_LEVELS) in $CATALOGUE_S s; restart with reindex $REINDEX_S s"

# ---- 2. the template: one real case, filed and accepted through the API
seed_accepted_case "$BASE" "$ACKED" "$SCRATCH"
TEMPLATE=$SEED

# ---- 3. the plan of the historical cases (who, what, where, when, how it ended), in a staging table
T0=$SECONDS
TODAY=$(TZ=Asia/Shanghai date +%F)
FIRST_DAY=$(date -d "$(date -d "$TODAY" +%Y)-01-01 - $YEARS years" +%F)
db_session >"$RESULTS_DIR/plan.log" <<SQL
set synchronous_commit = off;
set client_min_messages = warning;
create function pg_temp.u(n bigint, salt int) returns float8 language sql immutable
    as 'select (hashint8(n * 1000003 + salt + $GEN_SEED) & 2147483647)::float8 / 2147483648';
drop table if exists bench_province_item, bench_province_day, bench_province_plan;
-- published items with their bodies, in a seeded shuffle: rank 0 is the most popular
create unlogged table bench_province_item as
  select (row_number() over (order by md5(i.code || '$GEN_SEED')) - 1)::int as k, i.code, i.version, i.name,
         i.body_id, i.body_name, i.division_code,
         -- the promised and legal time limits of the guide (working days; 0: decided on the spot, 即办件)
         coalesce((i.guide -> 'promisedLimit' ->> 'days')::int, 5) as promised,
         coalesce((i.guide -> 'legalLimit' ->> 'days')::int, 20) as legal
  from catalog_implementation_item i where i.status = 'PUBLISHED';
-- cases per day: growth, season, weekday, holidays (numeric weights, so that the allotment is exact: the
-- differences of the cumulative floor add up to CASES)
create unlogged table bench_province_day as
  with days as (
    select d::date as day,
      (1 + 0.07 * (extract(year from d) - extract(year from date '$FIRST_DAY')))::numeric
      * (array[0.95, 0.75, 1.15, 1.05, 1.0, 1.05, 0.95, 0.95, 1.1, 0.85, 1.05, 1.1])[extract(month from d)::int]
      * case extract(isodow from d) when 6 then 0.08 when 7 then 0.05 else 1 end
      * case when exists (select 1 from unnest(spring.festival) cny where d::date between cny - 1 and cny + 6)
               then 0.03
             when exists (select 1 from unnest(spring.festival) cny where d::date between cny + 7 and cny + 13)
               then 0.7
             when to_char(d, 'MM-DD') between '10-01' and '10-07' then 0.03
             when to_char(d, 'MM-DD') between '05-01' and '05-05' then 0.05
             when to_char(d, 'MM-DD') = '01-01' then 0.05
             else 1 end as w
    from generate_series(date '$FIRST_DAY', date '$TODAY' - 1, interval '1 day') d
    -- 春节 (first day of the lunar year)
    cross join (select array['2014-01-31', '2015-02-19', '2016-02-08', '2017-01-28', '2018-02-16', '2019-02-05',
        '2020-01-25', '2021-02-12', '2022-02-01', '2023-01-22', '2024-02-10', '2025-01-29', '2026-02-17',
        '2027-02-06']::date[] as festival) spring),
  cumulative as (select day, sum(w) over (order by day) as c, sum(w) over () as total from days)
  select day, (floor($CASES * c / total) - floor($CASES * coalesce(lag(c) over (order by day), 0) / total))::int
         as cases
  from cumulative;
SQL
db_session >>"$RESULTS_DIR/plan.log" <<SQL
set synchronous_commit = off;
create function pg_temp.u(n bigint, salt int) returns float8 language sql immutable
    as 'select (hashint8(n * 1000003 + salt + $GEN_SEED) & 2147483647)::float8 / 2147483648';
create unlogged table bench_province_plan as
  with numbered as (
    select day, sum(cases) over (order by day) - cases as before, cases from bench_province_day where cases > 0),
  items as (select count(*)::float8 as n from bench_province_item),
  cases as (
    select (x.before + g)::bigint as n, x.day from numbered x cross join lateral generate_series(1, x.cases) g),
  drawn as (
    select c.n, c.day, extract(year from c.day)::int - extract(year from date '$FIRST_DAY')::int as age,
           -- Zipf (s = 1) over the items: log-uniform rank
           least(floor(exp(pg_temp.u(c.n, 1) * ln(items.n + 1))) - 1, items.n - 1)::int as item_k,
           floor(pg_temp.u(c.n, 2) * $PEOPLE)::bigint as person_k,
           pg_temp.u(c.n, 3) as r_channel, pg_temp.u(c.n, 4) as r_outcome, pg_temp.u(c.n, 5) as r_time,
           pg_temp.u(c.n, 6) as r_duration, pg_temp.u(c.n, 7) as r_rating, pg_temp.u(c.n, 8) as r_accept
    from cases c cross join items)
  select d.n, md5('tongban-province-case-' || d.n)::uuid as app_id, d.day as received_on,
         (d.day + time '08:30' + make_interval(secs => d.r_time * 9 * 3600)) at time zone 'Asia/Shanghai' as received_at,
         case when d.r_channel < least(0.3 + 0.05 * d.age, 0.8) then
              case when d.r_channel < least(0.3 + 0.05 * d.age, 0.8) / 2 then 'WEB' else 'MOBILE_APP' end
              else 'HALL_WINDOW' end as channel,
         d.r_outcome < 0.02 as not_accepted, d.r_outcome > 0.96 as refused,
         least(d.day + (d.r_accept < 0.6)::int, date '$TODAY' - 1) as accepted_on,
         -- decision: mostly well inside the item's promised limit (working days, ≈ 7/5 calendar days), ~7 % after
         -- it; an on-the-spot item (0 days) is decided on the day of acceptance, 3 % a day late
         case when i.promised = 0 then (d.r_duration > 0.97)::int
              else greatest(1, ceil(i.promised * 1.4 * 1.12 * power(d.r_duration, 1.6))) end::int as duration_days,
         ceil(i.promised * 1.4)::int as promised_days, i.promised as limit_days, ceil(i.legal * 1.4)::int as legal_days,
         case when d.r_rating < 0.3 then
              case when d.r_rating < 0.21 then 5 when d.r_rating < 0.27 then 4 when d.r_rating < 0.288 then 3
                   when d.r_rating < 0.294 then 2 else 1 end else 0 end as rating,
         d.item_k, d.person_k
  from drawn d join bench_province_item i on i.k = d.item_k;
alter table bench_province_plan add column due_on date, add column legal_due_on date, add column decided_on date;
update bench_province_plan set due_on = accepted_on + promised_days, legal_due_on = accepted_on + legal_days,
    -- history: everything decided by yesterday (the last days' cases faster than drawn)
    decided_on = least(accepted_on + duration_days, date '$TODAY' - 1);
update bench_province_plan set duration_days = decided_on - accepted_on where decided_on = date '$TODAY' - 1;
create index on bench_province_plan (n);
analyze bench_province_item;
analyze bench_province_plan;
SQL
PLANNED=$(db_query "select count(*) from bench_province_plan")
ITEMS=$(db_query "select count(*) from bench_province_item")
PLAN_S=$((SECONDS - T0))
log "plan: $PLANNED cases over $ITEMS published items in $PLAN_S s"

# ---- 4. the cases, streamed with COPY: applications, process cases, timeline steps
copy_rows() { # table query -> rows copied (COPY query TO STDOUT | COPY table FROM STDIN)
    local table=$1 query=$2
    PGPASSWORD=${DB_PASSWORD:-} psql -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -X -q -v ON_ERROR_STOP=1 \
        -c "copy ($query) to stdout" \
        | PGPASSWORD=${DB_PASSWORD:-} psql -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -X -v ON_ERROR_STOP=1 \
            -c "set synchronous_commit = off" -c "copy $table from stdin" | awk '/^COPY/ { print $2 }'
}
T0=$SECONDS
SURNAMES="'{王,李,张,刘,陈,杨,黄,赵,吴,周,徐,孙,马,朱,胡,郭,何,高,林,罗,郑,梁,谢,宋,唐}'::text[]"
GIVEN="'{伟,芳,娜,敏,静,丽,强,磊,军,洋,勇,艳,杰,娟,涛,明,超,秀英,霞,平,刚,桂英,华,建国,玉兰,志强,海燕,丹,鹏,红}'::text[]"
N_APPS=$(copy_rows cases_application "select r.* from bench_province_plan p
  join bench_province_item i on i.k = p.item_k
  cross join (select * from cases_application where id = '$TEMPLATE') template_application
  cross join lateral jsonb_populate_record(null::cases_application, to_jsonb(template_application)
    || jsonb_build_object(
    'id', p.app_id, 'case_number', 'H' || to_char(p.received_on, 'YYYYMMDD') || lpad(p.n::text, 9, '0'),
    'start_key', null, 'submit_key', null,
    'applicant_account', md5('tongban-province-person-' || p.person_k)::uuid,
    'applicant_name', ($SURNAMES)[1 + p.person_k % 25] || ($GIVEN)[1 + (p.person_k / 25) % 30],
    'item_code', i.code, 'item_version', i.version, 'item_name', i.name, 'body_id', i.body_id,
    'body_name', i.body_name, 'status', case when p.not_accepted then 'NOT_ACCEPTED' else 'ACCEPTED' end,
    'channel', p.channel, 'created_at', p.received_at - interval '20 minutes', 'updated_at', p.received_at,
    'first_submitted_at', p.received_at, 'received_at', p.received_at, 'received_on', p.received_on,
    'decision_due', p.due_on, 'accepted_on', case when p.not_accepted then null else p.accepted_on end,
    'decided_at', case when p.not_accepted then p.received_at + interval '1 day' end,
    'decision_reason', case when p.not_accepted then '申请事项依法不属于本行政机关职权范围（历史数据）' end,
    'version', 1)) r")
log "cases_application: $N_APPS rows"
N_CASES=$(copy_rows cases_case "select r.* from bench_province_plan p
  join bench_province_item i on i.k = p.item_k
  cross join (select * from cases_case where application_id = '$TEMPLATE') template_case
  cross join lateral jsonb_populate_record(null::cases_case, to_jsonb(template_case) || jsonb_build_object(
    'application_id', p.app_id, 'item_code', i.code, 'state', 'COMPLETED', 'accepted_on', p.accepted_on,
    'day_kind', 'WORKING', 'limit_days', p.limit_days, 'due_on', p.due_on, 'legal_due_on', p.legal_due_on,
    'paused_since', null,
    'outcome', case when p.refused then 'REFUSED' else 'GRANTED' end,
    'decision_number', 'H' || to_char(p.decided_on, 'YYYY') || '-' || lpad(p.n::text, 9, '0'),
    'decision_body_id', null, 'decision_year', null, 'decision_sequence', null,
    'decided_on', p.decided_on, 'decided_at', (p.decided_on + time '15:00') at time zone 'Asia/Shanghai',
    'completed_at', (p.decided_on + time '16:00') at time zone 'Asia/Shanghai', 'version', 3)) r
  where not p.not_accepted")
log "cases_case: $N_CASES rows"
# the template's timeline (submitted, accepted), shifted to each case's receipt
N_STEPS=$(copy_rows cases_step "select r.* from bench_province_plan p
  cross join (select s.*, s.at - a.received_at as offset_from_receipt from cases_step s
              join cases_application a on a.id = s.application_id where s.application_id = '$TEMPLATE') template_step
  cross join lateral jsonb_populate_record(null::cases_step, to_jsonb(template_step) - 'offset_from_receipt'
    || jsonb_build_object('id', nextval('cases_step_id_seq'), 'application_id', p.app_id,
       'at', p.received_at + template_step.offset_from_receipt)) r
  where not p.not_accepted or template_step.kind = 'SUBMITTED'")
log "cases_step: $N_STEPS rows"
CASES_S=$((SECONDS - T0))
CASE_ROWS=$((N_APPS + N_CASES + N_STEPS))

# ---- 5. the dashboard's figures of those cases: day × division × body × item, then the monthly sums
T0=$SECONDS
db_session >"$RESULTS_DIR/figures.log" <<SQL
set synchronous_commit = off;
insert into supervision_dashboard_day as t (day, division_code, body_id, item_code, received, received_online,
    accepted, decided, decided_on_time, duration_days, promised_days, completed, overdue, rated, rated_1, rated_2,
    rated_3, rated_4, rated_5)
  select day, division_code, body_id, code, sum(received), sum(online), sum(accepted), sum(decided), sum(on_time),
         sum(duration), sum(promised), sum(completed), sum(overdue), sum(rated), sum(r1), sum(r2), sum(r3), sum(r4),
         sum(r5)
  from (
    select p.received_on as day, i.division_code, i.body_id, i.code, 1 as received,
           (p.channel <> 'HALL_WINDOW')::int as online, 0 as accepted, 0 as decided, 0 as on_time, 0 as duration,
           0 as promised, 0 as completed, 0 as overdue, 0 as rated, 0 as r1, 0 as r2, 0 as r3, 0 as r4, 0 as r5
    from bench_province_plan p join bench_province_item i on i.k = p.item_k
    union all
    select p.accepted_on, i.division_code, i.body_id, i.code, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
    from bench_province_plan p join bench_province_item i on i.k = p.item_k where not p.not_accepted
    union all
    select p.decided_on, i.division_code, i.body_id, i.code, 0, 0, 0, 1, (p.decided_on <= p.due_on)::int,
           p.duration_days, p.promised_days, 1, (p.decided_on > p.due_on)::int, (p.rating > 0)::int,
           (p.rating = 1)::int, (p.rating = 2)::int, (p.rating = 3)::int, (p.rating = 4)::int, (p.rating = 5)::int
    from bench_province_plan p join bench_province_item i on i.k = p.item_k where not p.not_accepted
  ) e group by 1, 2, 3, 4
  on conflict (day, division_code, body_id, item_code) do update set received = t.received + excluded.received,
    received_online = t.received_online + excluded.received_online, accepted = t.accepted + excluded.accepted,
    decided = t.decided + excluded.decided, decided_on_time = t.decided_on_time + excluded.decided_on_time,
    duration_days = t.duration_days + excluded.duration_days,
    promised_days = t.promised_days + excluded.promised_days, completed = t.completed + excluded.completed,
    overdue = t.overdue + excluded.overdue, rated = t.rated + excluded.rated, rated_1 = t.rated_1 + excluded.rated_1,
    rated_2 = t.rated_2 + excluded.rated_2, rated_3 = t.rated_3 + excluded.rated_3,
    rated_4 = t.rated_4 + excluded.rated_4, rated_5 = t.rated_5 + excluded.rated_5;
-- the monthly sums, recomputed from the days for every month touched
insert into supervision_dashboard_month as t
  select date_trunc('month', day)::date, division_code, body_id, item_code, sum(received), sum(received_online),
    sum(accepted), sum(decided), sum(decided_on_time), sum(duration_days), sum(promised_days), sum(completed),
    sum(overdue), sum(rated), sum(rated_1), sum(rated_2), sum(rated_3), sum(rated_4), sum(rated_5)
  from supervision_dashboard_day where day < date '$TODAY' group by 1, 2, 3, 4
  on conflict (month, division_code, body_id, item_code) do update set received = excluded.received,
    received_online = excluded.received_online, accepted = excluded.accepted, decided = excluded.decided,
    decided_on_time = excluded.decided_on_time, duration_days = excluded.duration_days,
    promised_days = excluded.promised_days, completed = excluded.completed, overdue = excluded.overdue,
    rated = excluded.rated, rated_1 = excluded.rated_1, rated_2 = excluded.rated_2, rated_3 = excluded.rated_3,
    rated_4 = excluded.rated_4, rated_5 = excluded.rated_5;
-- the months summed over the items, per body (the divisions' views read them), likewise recomputed
insert into supervision_dashboard_body_month as t
  select month, division_code, body_id, sum(received), sum(received_online), sum(accepted), sum(decided),
    sum(decided_on_time), sum(duration_days), sum(promised_days), sum(completed), sum(overdue), sum(rated),
    sum(rated_1), sum(rated_2), sum(rated_3), sum(rated_4), sum(rated_5)
  from supervision_dashboard_month where month < date '$TODAY' group by 1, 2, 3 order by 1, 2, 3
  on conflict (month, division_code, body_id) do update set received = excluded.received,
    received_online = excluded.received_online, accepted = excluded.accepted, decided = excluded.decided,
    decided_on_time = excluded.decided_on_time, duration_days = excluded.duration_days,
    promised_days = excluded.promised_days, completed = excluded.completed, overdue = excluded.overdue,
    rated = excluded.rated, rated_1 = excluded.rated_1, rated_2 = excluded.rated_2, rated_3 = excluded.rated_3,
    rated_4 = excluded.rated_4, rated_5 = excluded.rated_5;
SQL
FIG_DAYS=$(db_query "select count(*) from supervision_dashboard_day")
FIG_MONTHS=$(db_query "select count(*) from supervision_dashboard_month")
FIG_RECEIVED=$(db_query "select sum(received) from supervision_dashboard_month")
FIGURES_S=$((SECONDS - T0))
log "dashboard figures: $FIG_DAYS daily and $FIG_MONTHS monthly rows (received in all: $FIG_RECEIVED) in $FIGURES_S s"

# ---- 6. statistics, clean-up, checks, report
# Certificates: a business licence (营业执照, or 个体工商户营业执照 for a sole trader) for every active company, through
# the platform's own bulk path for existing certificates — the legacy import (存量证照: 1,000 per request, validated
# as a whole, each certificate signed with SM2/SM3 as at issuance) — by the demo approver of 浑南区's market
# regulation body (13800000004), in whose name they are issued. The data come from the base data of the company.
T0=$SECONDS
CERT_CSRF=$(signin_session "$BASE" 13800000004 "$SCRATCH/cert-cookies" "$SCRATCH")
FIRST_CERT=""
# import_certificates label filter json: imports json (an expression over a company c of exchange_legal_person) for
# every active company matching filter, 1,000 a request in credit-code order; sets IMPORTED
import_certificates() {
    local label=$1 filter=$2 json=$3 last="" batch status target
    target=$(db_query "select count(*) from exchange_legal_person c where status = 'ACTIVE' and ($filter)")
    [[ -z "${CERTIFICATES:-}" ]] || target=$((CERTIFICATES < target ? CERTIFICATES : target))
    IMPORTED=0
    while ((IMPORTED < target)); do
        batch=$((target - IMPORTED < 1000 ? target - IMPORTED : 1000))
        db_query "select coalesce(json_agg($json order by credit_code), '[]')
            from (select * from exchange_legal_person c where status = 'ACTIVE' and ($filter)
                  and credit_code > '$last' order by credit_code limit $batch) c" >"$SCRATCH/certificates.json"
        last=$(jq -r '.[-1].holderCode // empty' "$SCRATCH/certificates.json")
        [[ -n "$last" ]] || break
        status=$(curl -sS -o "$SCRATCH/imported.json" -w '%{http_code}' -b "$SCRATCH/cert-cookies" \
            -H "X-CSRF-TOKEN: $CERT_CSRF" -H 'Content-Type: application/json' \
            --data-binary "@$SCRATCH/certificates.json" "$BASE/api/v1/certificates/legacy-import")
        if [[ "$status" != 201 ]]; then
            fail "legacy import of $label after $IMPORTED: HTTP $status $(head -c 600 "$SCRATCH/imported.json")"
            break
        fi
        IMPORTED=$((IMPORTED + $(jq length "$SCRATCH/imported.json")))
        [[ -n "$FIRST_CERT" ]] || FIRST_CERT=$(jq -r '.[0] | .identifier + " " + .verificationCode' "$SCRATCH/imported.json")
    done
    check "every company meant to get one got its $label ($IMPORTED of $target)" test "$IMPORTED" -eq "$target"
}
import_certificates "business licence" "true" "case when kind = 'INDIVIDUAL' then json_build_object(
        'typeCode', '11100000MB0T00010U003', 'holderName', name, 'holderCode', credit_code,
        'validFrom', established_on, 'data', json_build_object('JYZ', legal_rep_name, 'ZCRQ', established_on,
        'JYCS', address, 'JYFW', '零售；日用百货销售（依法须经批准的项目，经相关部门批准后方可开展经营活动）'))
    else json_build_object(
        'typeCode', '11100000MB0T00010U001', 'holderName', name, 'holderCode', credit_code,
        'validFrom', established_on, 'data', json_build_object('QYLX', case kind
            when 'JOINT_STOCK' then '股份有限公司' when 'COOPERATIVE' then '农民专业合作社'
            else '有限责任公司' end, 'FDDBR', legal_rep_name, 'ZCZB', registered_capital || '万元',
        'CLRQ', established_on, 'ZS', address,
        'JYFW', '一般项目：技术服务、技术开发、技术咨询（除依法须经批准的项目外，凭营业执照依法自主开展经营活动）'))
    end"
N_LICENCES=$IMPORTED
# A food business licence (食品经营许可证, valid 5 years) for about one company in eight — restaurants, shops,
# canteens — issued on a day of the last five years after the company's establishment (some have lapsed).
FOOD_FORMS="'{餐饮服务经营者,食品销售经营者,单位食堂}'::text[]"
FOOD_ITEMS="'{热食类食品制售,预包装食品销售（含冷藏冷冻食品）,散装食品销售,冷食类食品制售,糕点类食品制售}'::text[]"
import_certificates "food business licence" "('x' || substr(md5(c.credit_code || '$GEN_SEED'), 1, 4))::bit(16)::int % 8 = 0" \
    "json_build_object('typeCode', '11100000MB0T00010U002', 'holderName', name, 'holderCode', credit_code,
        'validFrom', greatest(established_on, current_date - ('x' || substr(md5(credit_code), 5, 4))::bit(16)::int % 2000),
        'data', json_build_object('FDDBR', legal_rep_name, 'JYCS', address,
            'ZTYT', ($FOOD_FORMS)[1 + ('x' || substr(md5(credit_code), 9, 2))::bit(8)::int % 3],
            'JYXM', ($FOOD_ITEMS)[1 + ('x' || substr(md5(credit_code), 11, 2))::bit(8)::int % 5]))"
N_FOOD=$IMPORTED
N_CERTS=$((N_LICENCES + N_FOOD))
CERTS_S=$((SECONDS - T0))
log "certificates: $N_LICENCES business licences and $N_FOOD food business licences in $CERTS_S s"
CERT_VERIFIED=""
if [[ -n "$FIRST_CERT" ]]; then
    read -r cert_id cert_code <<<"$FIRST_CERT"
    CERT_VERIFIED=$(curl -fsS -G --data-urlencode "identifier=$cert_id" --data-urlencode "code=$cert_code" \
        "$BASE/api/v1/certificates/verification" | jq -r .status)
fi

T0=$SECONDS
db_session >/dev/null <<SQL
drop table bench_province_plan, bench_province_day, bench_province_item;
vacuum analyze cases_application;
vacuum analyze cases_case;
vacuum analyze cases_step;
analyze supervision_dashboard_day;
analyze supervision_dashboard_month;
analyze supervision_dashboard_body_month;
analyze exchange_person;
analyze exchange_legal_person;
SQL
ANALYZE_S=$((SECONDS - T0))
TOTAL_S=$((SECONDS - T_ALL))
check "residents as asked ($N_PEOPLE ≥ $PEOPLE)" test "$N_PEOPLE" -ge "$PEOPLE"
check "implementation items as asked ($N_ITEMS ≥ $CATALOGUE_ITEMS)" test "$N_ITEMS" -ge "$CATALOGUE_ITEMS"
check "villages and communities at the fifth level (over 10,000: $N_VILLAGES)" test "$N_VILLAGES" -gt 10000
check "companies as asked ($N_COMPANIES ≥ $COMPANIES)" test "$N_COMPANIES" -ge "$COMPANIES"
check "every planned case was copied ($N_APPS of $CASES applications)" test "$N_APPS" -eq "$CASES"
check "the dashboard counts every generated case as received ($FIG_RECEIVED ≥ $CASES)" test "$FIG_RECEIVED" -ge "$CASES"
check "an imported licence verifies as valid (${CERT_VERIFIED:-no answer})" test "$CERT_VERIFIED" = VALID
sizes=$(db_query "select relname, n_live_tup, pg_size_pretty(pg_total_relation_size(relid))
    from pg_stat_user_tables where relname in ('exchange_person', 'exchange_legal_person', 'cases_application',
    'cases_case', 'cases_step', 'supervision_dashboard_day', 'supervision_dashboard_month', 'certificates_certificate')
    order by relname")
DB_SIZE=$(db_query "select pg_size_pretty(pg_database_size(current_database()))")
rate() { awk -v r="$1" -v s="$2" 'BEGIN { printf "%.0f", (s > 0) ? r / s : r }'; }
{
    echo "## Province-scale data, SCALE=$SCALE (seed $GEN_SEED) in $BENCH_DATA"
    echo
    echo "| Phase | Rows | Time | Rows/s |"
    echo "|---|---:|---:|---:|"
    echo "| residents $N_PEOPLE, companies $N_COMPANIES, dishonest $N_DISHONEST, penalties $N_PENALTIES (platform's base-data generator, COPY, at the first start) | $BASE_ROWS | $BASE_S s (first start in all $FIRST_START_S s) | $(rate "$BASE_ROWS" "$BASE_S") |"
    echo "| $N_VILLAGES villages and communities with their service stations; catalogue of $N_ITEMS published implementation items ($ITEM_LEVELS), $ITEMS_GENERATED generated (ProvinceCatalogue, COPY) | $((VILLAGES_GENERATED * 4 + ITEMS_GENERATED)) | $CATALOGUE_S s | $(rate "$((VILLAGES_GENERATED * 4 + ITEMS_GENERATED))" "$CATALOGUE_S") |"
    echo "| restart: search index rebuilt with every published item | $N_ITEMS | $REINDEX_S s | $(rate "$N_ITEMS" "$REINDEX_S") |"
    echo "| plan of $PLANNED cases over $ITEMS items, $YEARS years from $FIRST_DAY | $PLANNED | $PLAN_S s | $(rate "$PLANNED" "$PLAN_S") |"
    echo "| cases: $N_APPS applications, $N_CASES process cases, $N_STEPS timeline steps (COPY) | $CASE_ROWS | $CASES_S s | $(rate "$CASE_ROWS" "$CASES_S") |"
    echo "| dashboard figures: $FIG_DAYS daily, $FIG_MONTHS monthly rows | $((FIG_DAYS + FIG_MONTHS)) | $FIGURES_S s | — |"
    echo "| certificates: $N_LICENCES business licences of the active companies and $N_FOOD food business licences (legacy import over HTTP, SM2-signed, 1,000 a request) | $N_CERTS | $CERTS_S s | $(rate "$N_CERTS" "$CERTS_S") |"
    echo "| vacuum / analyze | — | $ANALYZE_S s | — |"
    echo "| **all, build included** | | **$TOTAL_S s** | |"
    echo
    echo "Tables (live rows, size with indexes):"
    echo
    echo '```'
    echo "$sizes"
    echo "database: $DB_SIZE"
    echo '```'
    echo
    echo "- date: $START → $(date -Is); machine: $(machine_line)"
    echo "- load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg); Tongban: $TONGBAN_SOURCE"
    echo "- start the platform on it: \`cd $BENCH_DATA && java -jar $TONGBAN_JAR --tongban.embedded-database.port=$DB_PORT\`"
    echo "  (its ./data holds the database and keys; or \`BENCH_DATA=$BENCH_DATA bench/soak.sh\`)"
} | tee "$RESULTS_DIR/report.md"
record_figure province "case rows/s copied, SCALE=$SCALE" "$(rate "$CASE_ROWS" "$CASES_S")" rows/s higher
record_figure province "base-data rows/s at first start, SCALE=$SCALE" "$(rate "$BASE_ROWS" "$BASE_S")" rows/s higher
record_figure province "certificates/s imported, SCALE=$SCALE" "$(rate "$N_CERTS" "$CERTS_S")" /s higher
record_figure province "search index rebuild at start, SCALE=$SCALE" "$REINDEX_S" s lower
record_figure province "generation in all, SCALE=$SCALE" "$TOTAL_S" s lower
if verdict "province-scale data, SCALE=$SCALE"; then
    cp "$RESULTS_DIR/report.md" "$BENCH_DATA/province.md"
else
    exit 1
fi
# ---- 7. the residents' certificates (bench/province-people.sh), with the platform stopped
app_stop
RESULTS_DIR="$RESULTS_DIR/people" SCALE=$SCALE PEOPLE=$PEOPLE BENCH_DATA=$BENCH_DATA PORT=$PORT DB_PORT=$DB_PORT \
    "$BENCH_DIR/province-people.sh"
