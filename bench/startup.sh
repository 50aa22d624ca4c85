#!/usr/bin/env bash
# Startup benchmark for Tongban against a bare Spring Boot reference app measured in the same run.
#
# For each of RUNS runs it measures
#   (a) Tongban cold start: fresh, empty data directory (initdb + Flyway migrations + demo data load),
#   (b) Tongban warm start: the data directory left by (a),
#       both in the same working directory, so that everything the app keeps under ./data (PostgreSQL cluster,
#       search index, generated keys) survives from (a) to (b) as it does when an operator restarts the app,
#   (c) the reference app (bench/reference: spring-boot-starter-webmvc + actuator only),
# each as wall time from process launch to the first HTTP 200 from /actuator/health/readiness (polled every
# 50 ms) and as resident memory (VmRSS, plus PSS) of the java process and of the embedded PostgreSQL processes,
# read right after readiness. Prints a markdown report with medians, min/max and Tongban/reference ratios.
#
# Environment:
#   RUNS=5                  runs per scenario
#   TONGBAN_JAR=<path>      use this jar instead of building one from a private copy of the project
#   TONGBAN_BUILD_DIR=...   where the private copy is built (default: ${TMPDIR:-/tmp}/tongban-bench-build)
#   TONGBAN_REV=<commit>    build that commit (git archive) instead of the working tree as it is, e.g. HEAD
#   REFERENCE_JAR=<path>    use this reference jar instead of building bench/reference
#   JAVA_HOME=...           JDK used to build and run both (default /usr/lib/jvm/temurin-25-jdk-amd64)
#   JAVA_OPTS="-Xshare:auto" JVM flags, identical for Tongban and the reference
#   TONGBAN_PORT=18080 REFERENCE_PORT=18081
#   STARTUP_TIMEOUT=300     seconds to wait for readiness before a run counts as failed
#   QUIET_WAIT=180          before each start, wait up to this many seconds for the CPUs to be < QUIET_CPU % busy
#   QUIET_CPU=25            (0 disables the wait); the CPU other processes used during each start is recorded
#   MAX_FOREIGN_CPU=25      a start during which other processes used more than this % of all CPUs is discarded
#   RETRIES=3               and repeated, at most RETRIES times per sample (then the last one is kept, marked noisy)
#   RESULTS_DIR=...         where samples.csv, report.md and logs go (default: bench/results/<timestamp>)
#   KEEP_DATA=0             1 keeps the temporary data directories
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$BENCH_DIR/.." && pwd)

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
RUNS=${RUNS:-5}
JAVA_OPTS=${JAVA_OPTS:--Xshare:auto}
TONGBAN_PORT=${TONGBAN_PORT:-18080}
REFERENCE_PORT=${REFERENCE_PORT:-18081}
STARTUP_TIMEOUT=${STARTUP_TIMEOUT:-300}
QUIET_WAIT=${QUIET_WAIT:-180}
QUIET_CPU=${QUIET_CPU:-25}
MAX_FOREIGN_CPU=${MAX_FOREIGN_CPU:-25}
RETRIES=${RETRIES:-3}
TONGBAN_BUILD_DIR=${TONGBAN_BUILD_DIR:-${TMPDIR:-/tmp}/tongban-bench-build}
TONGBAN_SOURCE=""
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results/$(date +%Y%m%d-%H%M%S)}
KEEP_DATA=${KEEP_DATA:-0}

[[ -x "$JAVA" ]] || { echo "no java at $JAVA (set JAVA_HOME)" >&2; exit 1; }
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive integer" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is required" >&2; exit 1; }

NPROC=$(nproc)
CLK_TCK=$(getconf CLK_TCK)

mkdir -p "$RESULTS_DIR"
RESULTS_DIR=$(cd "$RESULTS_DIR" && pwd)
WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tongban-startup-bench.XXXXXX")
SAMPLES="$RESULTS_DIR/samples.csv"
REPORT="$RESULTS_DIR/report.md"

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }

# ---------------------------------------------------------------- cleanup: only processes this script started
CURRENT_PID=""          # java process of the scenario under way
CURRENT_DATA_DIR=""     # its embedded PostgreSQL data directory, if any

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

stop_current() {
    local pid=$CURRENT_PID pm
    if [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid" 2>/dev/null || true
        if ! wait_gone "$pid" 60; then
            log "pid $pid ignored SIGTERM for 60 s: SIGKILL"
            kill -KILL "$pid" 2>/dev/null || true
        fi
        wait "$pid" 2>/dev/null || true
    fi
    # Tongban stops its PostgreSQL itself; anything left on our data directory is stopped here (fast shutdown).
    if pm=$(postmaster_pid "$CURRENT_DATA_DIR"); then
        log "postmaster $pm still running on $CURRENT_DATA_DIR: stopping it"
        kill -INT "$pm" 2>/dev/null || true
        wait_gone "$pm" 30 || kill -KILL "$pm" 2>/dev/null || true
    fi
    CURRENT_PID=""
    CURRENT_DATA_DIR=""
}

cleanup() {
    local status=$?
    trap - EXIT INT TERM
    stop_current
    if [[ "$KEEP_DATA" == 1 ]]; then
        log "data kept in $WORK_DIR"
    else
        rm -rf "$WORK_DIR"
    fi
    exit "$status"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT
trap 'log "terminated"; exit 143' TERM

# ---------------------------------------------------------------- builds
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

build_reference() {
    if [[ -n "${REFERENCE_JAR:-}" ]]; then
        [[ -f "$REFERENCE_JAR" ]] || { echo "REFERENCE_JAR=$REFERENCE_JAR does not exist" >&2; exit 1; }
        return
    fi
    log "building the reference app (output in bench/reference/target only)"
    (cd "$BENCH_DIR/reference" && "$PROJECT_DIR/mvnw" -B -q -f "$BENCH_DIR/reference/pom.xml" -DskipTests package) >&2
    REFERENCE_JAR="$BENCH_DIR/reference/target/reference.jar"
}

# ---------------------------------------------------------------- measuring
now_ms() { echo $(($(date +%s%N) / 1000000)); }

port_in_use() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

busy_jiffies() { # all CPUs' busy time since boot (user+nice+system+irq+softirq+steal), clock ticks
    awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9; exit }' /proc/stat
}

proc_jiffies() { # pids... -> their CPU time incl. reaped children (utime+stime+cutime+cstime), clock ticks
    local p total=0 t
    for p in "$@"; do
        # fields after the ")" that closes comm: state is $1, utime $12, stime $13, cutime $14, cstime $15
        t=$(sed 's/.*) //' "/proc/$p/stat" 2>/dev/null | awk '{ print $12 + $13 + $14 + $15 }') || t=0
        total=$((total + ${t:-0}))
    done
    echo "$total"
}

# Waits (up to QUIET_WAIT seconds) until the machine's CPUs are less than QUIET_CPU % busy over one second;
# nothing of ours runs at that point, so whatever is busy belongs to someone else. Prints the last busy %.
wait_for_quiet() {
    local deadline=$((SECONDS + QUIET_WAIT)) b0 b1 pct
    while :; do
        b0=$(busy_jiffies); sleep 1; b1=$(busy_jiffies)
        pct=$(( (b1 - b0) * 100 / (CLK_TCK * NPROC) ))
        if ((pct < QUIET_CPU)); then echo "$pct"; return; fi
        if ((SECONDS >= deadline)); then
            log "machine still ${pct}% busy after waiting ${QUIET_WAIT}s; measuring anyway"
            echo "$pct"; return
        fi
    done
}

kb_of() { # field file -> kB value or 0
    awk -v f="$1:" '$1 == f { print $2; found = 1 } END { if (!found) print 0 }' "$2" 2>/dev/null || echo 0
}

descendants() { # pid -> its descendants' pids, one a line
    ps -eo pid=,ppid= | awk -v root="$1" '
        { parent[$1] = $2; pids[NR] = $1 }
        END {
            mark[root] = 1; changed = 1
            while (changed) {
                changed = 0
                for (i in pids) { p = pids[i]; if (!(p in mark) && (parent[p] in mark)) { mark[p] = 1; changed = 1 } }
            }
            for (p in mark) if (p != root) print p
        }'
}

# Reads memory of the java process and of every process belonging to it: its descendants and the embedded
# PostgreSQL (pg_ctl daemonises the postmaster, so it is found through postmaster.pid in the data directory
# rather than through the process tree). Prints: java_rss pg_rss pg_procs other_rss other_procs total_pss (kB).
measure_memory() {
    local java_pid=$1 data_dir=$2 pm p
    local -A pg=() other=()
    if pm=$(postmaster_pid "$data_dir"); then
        pg[$pm]=1
        for p in $(descendants "$pm"); do pg[$p]=1; done
    fi
    for p in $(descendants "$java_pid"); do [[ -n "${pg[$p]:-}" ]] || other[$p]=1; done
    local java_rss pg_rss=0 other_rss=0 pss
    java_rss=$(kb_of VmRSS "/proc/$java_pid/status")
    pss=$(kb_of Pss "/proc/$java_pid/smaps_rollup")
    for p in "${!pg[@]}"; do
        pg_rss=$((pg_rss + $(kb_of VmRSS "/proc/$p/status")))
        pss=$((pss + $(kb_of Pss "/proc/$p/smaps_rollup")))
    done
    for p in "${!other[@]}"; do
        other_rss=$((other_rss + $(kb_of VmRSS "/proc/$p/status")))
        pss=$((pss + $(kb_of Pss "/proc/$p/smaps_rollup")))
    done
    echo "$java_rss $pg_rss ${#pg[@]} $other_rss ${#other[@]} $pss"
}

# run_one attempt scenario run jar port work_dir data_dir(or "") extra args... -> appends a line to $SAMPLES and sets
# SAMPLE_STATUS: yes (kept), no (disturbed by other processes: discarded, to be repeated), noisy (disturbed,
# but kept because the retries are used up)
SAMPLE_STATUS=""
run_one() {
    local attempt=$1 scenario=$2 run=$3 jar=$4 port=$5 run_dir=$6 data_dir=$7
    shift 7
    mkdir -p "$run_dir"
    if port_in_use "$port"; then
        echo "port $port is already in use; set TONGBAN_PORT / REFERENCE_PORT" >&2
        exit 1
    fi
    local load1 t0 t1 code="" pid quiet=-1 b0 b1
    if ((QUIET_CPU > 0)); then quiet=$(wait_for_quiet); fi
    load1=$(cut -d' ' -f1 /proc/loadavg)
    CURRENT_DATA_DIR=$data_dir
    b0=$(busy_jiffies)
    t0=$(now_ms)
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
    (cd "$run_dir" && exec "$JAVA" $JAVA_OPTS -jar "$jar" --server.port="$port" "$@") \
        >"$RESULTS_DIR/$scenario-$run-$attempt.log" 2>&1 &
    pid=$!
    CURRENT_PID=$pid
    while :; do
        code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 2 \
            "http://127.0.0.1:$port/actuator/health/readiness" 2>/dev/null) || true
        [[ "$code" == 200 ]] && break
        if ! kill -0 "$pid" 2>/dev/null; then
            log "$scenario run $run: process exited before readiness; see $RESULTS_DIR/$scenario-$run-$attempt.log"
            tail -n 30 "$RESULTS_DIR/$scenario-$run-$attempt.log" >&2
            exit 1
        fi
        if (($(now_ms) - t0 > STARTUP_TIMEOUT * 1000)); then
            log "$scenario run $run: not ready after ${STARTUP_TIMEOUT}s; see $RESULTS_DIR/$scenario-$run-$attempt.log"
            exit 1
        fi
        sleep 0.05
    done
    t1=$(now_ms)
    b1=$(busy_jiffies)
    # CPU used during the start by processes that are not ours (java incl. reaped children such as initdb,
    # the postmaster and its backends; the curl probes are counted as foreign), as % of all CPUs
    local ours foreign pm
    local -a mine=("$pid")
    # shellcheck disable=SC2207  # pids are plain numbers
    mine+=($(descendants "$pid"))
    if pm=$(postmaster_pid "$data_dir"); then
        # shellcheck disable=SC2207
        mine+=("$pm" $(descendants "$pm"))
    fi
    ours=$(proc_jiffies "${mine[@]}")
    foreign=$(( (b1 - b0 - ours) * 100 * 1000 / (CLK_TCK * NPROC * (t1 - t0 > 0 ? t1 - t0 : 1)) ))
    ((foreign >= 0)) || foreign=0
    local mem java_rss pg_rss pg_procs other_rss other_procs pss
    mem=$(measure_memory "$pid" "$data_dir")
    read -r java_rss pg_rss pg_procs other_rss other_procs pss <<<"$mem"
    local s0 s1
    s0=$(now_ms)
    stop_current
    s1=$(now_ms)
    local total=$((java_rss + pg_rss + other_rss))
    if ((foreign <= MAX_FOREIGN_CPU)); then
        SAMPLE_STATUS=yes
    elif ((attempt <= RETRIES)); then
        SAMPLE_STATUS=no
    else
        SAMPLE_STATUS=noisy
    fi
    echo "$scenario,$run,$((t1 - t0)),$java_rss,$pg_rss,$pg_procs,$other_rss,$other_procs,$total,$pss,$((s1 - s0)),$load1,$quiet,$foreign,$attempt,$SAMPLE_STATUS" \
        >>"$SAMPLES"
    log "$(printf '%-13s run %d.%d %-5s: ready in %6d ms | RSS java %4d MB + postgres %4d MB (%d procs) + other %d MB = %4d MB | PSS %4d MB | stop %d ms | load %s | others used %d%% CPU before, %d%% during' \
        "$scenario" "$run" "$attempt" "$SAMPLE_STATUS" $((t1 - t0)) $((java_rss / 1024)) $((pg_rss / 1024)) "$pg_procs" $((other_rss / 1024)) \
        $((total / 1024)) $((pss / 1024)) $((s1 - s0)) "$load1" "$quiet" "$foreign")"
}

# ---------------------------------------------------------------- statistics and report
column_of() { # scenario column -> values of the kept samples, one a line
    awk -F, -v s="$1" -v c="$2" 'NR > 1 && $1 == s && $16 != "no" { print $c }' "$SAMPLES"
}
count_status() { # scenario status -> number of samples
    awk -F, -v s="$1" -v st="$2" 'NR > 1 && $1 == s && $16 == st' "$SAMPLES" | wc -l
}
median() { sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
minimum() { sort -n | head -n1; }
maximum() { sort -n | tail -n1; }
stat_of() { column_of "$1" "$2" | "$3"; }

fmt_s() { awk -v v="$1" 'BEGIN { printf "%.2f", v / 1000 }'; }     # ms -> s
fmt_mb() { awk -v v="$1" 'BEGIN { printf "%.0f", v / 1024 }'; }   # kB -> MB
fmt_int() { awk -v v="$1" 'BEGIN { printf "%.0f", v }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }

cell() { # scenario column formatter -> "median (min–max)"
    local med lo hi
    med=$(stat_of "$1" "$2" median)
    lo=$(stat_of "$1" "$2" minimum)
    hi=$(stat_of "$1" "$2" maximum)
    echo "$("$3" "$med") ($("$3" "$lo")–$("$3" "$hi"))"
}

other_java_processes() { # java processes on the machine that this script did not start
    ps -eo pid=,comm= | awk -v me="${CURRENT_PID:-0}" '$2 == "java" && $1 != me' | wc -l
}

report() {
    local scenarios=(tongban-cold tongban-warm reference) s
    local ref_time ref_rss ref_java ref_pss
    ref_time=$(stat_of reference 3 median)
    ref_java=$(stat_of reference 4 median)
    ref_rss=$(stat_of reference 9 median)
    ref_pss=$(stat_of reference 10 median)
    {
        echo "## Startup benchmark — $RUNS run(s) per scenario"
        echo
        echo "Median (min–max). Time: process launch → first 200 from /actuator/health/readiness."
        echo "Memory read right after readiness; MB = MiB. \"postgres\" = the embedded PostgreSQL's processes."
        echo "Last column: CPU time used by every other process on the machine while the app started, as % of all"
        echo "$NPROC CPUs; it includes the curl probe loop itself (≈10 % of 2 CPUs on the machine it was written on)."
        echo
        echo "Samples disturbed by other processes (more than $MAX_FOREIGN_CPU % CPU) were discarded and repeated;"
        echo "\"noisy\" counts samples kept although disturbed because the $RETRIES retries were used up."
        echo
        echo "| Scenario | Ready (s) | RSS java (MB) | RSS postgres (MB) | postgres procs | RSS total (MB) | PSS total (MB) | CPU used outside the app during start (%) | samples kept (of them noisy) / discarded |"
        echo "|---|---|---|---|---|---|---|---|---|"
        for s in "${scenarios[@]}"; do
            echo "| $s | $(cell "$s" 3 fmt_s) | $(cell "$s" 4 fmt_mb) | $(cell "$s" 5 fmt_mb) | $(stat_of "$s" 6 median) | $(cell "$s" 9 fmt_mb) | $(cell "$s" 10 fmt_mb) | $(cell "$s" 14 fmt_int) | $(($(count_status "$s" yes) + $(count_status "$s" noisy))) ($(count_status "$s" noisy)) / $(count_status "$s" no) |"
        done
        echo
        echo "Ratios of medians against the reference measured in this run:"
        echo
        echo "| Ratio | Ready time | RSS java | RSS total | PSS total |"
        echo "|---|---|---|---|---|"
        for s in tongban-warm tongban-cold; do
            echo "| $s / reference | $(ratio "$(stat_of "$s" 3 median)" "$ref_time") | $(ratio "$(stat_of "$s" 4 median)" "$ref_java") | $(ratio "$(stat_of "$s" 9 median)" "$ref_rss") | $(ratio "$(stat_of "$s" 10 median)" "$ref_pss") |"
        done
        echo
        local warm_time warm_rss warm_java
        warm_time=$(stat_of tongban-warm 3 median)
        warm_rss=$(stat_of tongban-warm 9 median)
        warm_java=$(stat_of tongban-warm 4 median)
        echo "Targets (issue): warm start ≤ 8 s to readiness; resident memory ≤ 700 MB after start."
        echo
        echo "- warm start median $(fmt_s "$warm_time") s: $(awk -v v="$warm_time" 'BEGIN { print (v <= 8000 ? "meets" : "MISSES") }') the 8 s target"
        echo "- warm RSS total (java + postgres) median $(fmt_mb "$warm_rss") MB: $(awk -v v="$warm_rss" 'BEGIN { print (v <= 700 * 1024 ? "meets" : "MISSES") }') the 700 MB target (java alone $(fmt_mb "$warm_java") MB: $(awk -v v="$warm_java" 'BEGIN { print (v <= 700 * 1024 ? "meets" : "MISSES") }'))"
        echo
        echo "### Machine"
        echo
        echo "- date: $START_DATE → $(date -Is)"
        echo "- nproc: $(nproc); CPU: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo); memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); kernel $(uname -r)"
        echo "- java: $("$JAVA" -version 2>&1 | head -n2 | paste -sd ' ' -)"
        echo "- JVM flags (both apps): \`$JAVA_OPTS\`"
        echo "- Tongban built from: $TONGBAN_SOURCE"
        echo "- load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "- other java processes on the machine (not started by this script): before $OTHER_JAVA_BEFORE, after $(other_java_processes)"
        echo "- raw samples: $SAMPLES"
    } | tee "$REPORT"
}

# ---------------------------------------------------------------- main
START_DATE=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
OTHER_JAVA_BEFORE=$(other_java_processes)
log "results: $RESULTS_DIR; scratch: $WORK_DIR; load average: $LOAD_BEFORE"

build_tongban
build_reference
log "Tongban jar: $TONGBAN_JAR"
log "reference jar: $REFERENCE_JAR"

echo "scenario,run,ready_ms,java_rss_kb,pg_rss_kb,pg_procs,other_rss_kb,other_procs,total_rss_kb,total_pss_kb,stop_ms,loadavg1,foreign_cpu_pct_before,foreign_cpu_pct_during,attempt,kept" >"$SAMPLES"

measure() { # scenario run jar port work_dir data_dir args... -> one kept sample, repeating disturbed ones
    local attempt
    for ((attempt = 1; ; attempt++)); do
        # a cold start needs an empty working directory (no ./data at all) every time
        if [[ "$1" == tongban-cold ]]; then rm -rf "$5"; fi
        run_one "$attempt" "$@"
        [[ "$SAMPLE_STATUS" != no ]] && break
    done
}

for ((run = 1; run <= RUNS; run++)); do
    app_dir="$WORK_DIR/tongban-$run"          # working directory of run's cold and warm start
    data_dir="$app_dir/data/postgres"         # the default location, given explicitly; created by the cold start
    tongban_args=(--tongban.embedded-database.data-directory="$data_dir"
                  --tongban.log-directory="$WORK_DIR/logs-$run")
    measure tongban-cold "$run" "$TONGBAN_JAR" "$TONGBAN_PORT" "$app_dir" "$data_dir" "${tongban_args[@]}"
    measure tongban-warm "$run" "$TONGBAN_JAR" "$TONGBAN_PORT" "$app_dir" "$data_dir" "${tongban_args[@]}"
    measure reference "$run" "$REFERENCE_JAR" "$REFERENCE_PORT" "$WORK_DIR/reference-$run" ""
    [[ "$KEEP_DATA" == 1 ]] || rm -rf "$app_dir"
done

echo
report
