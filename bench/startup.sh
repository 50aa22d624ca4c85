#!/usr/bin/env bash
# Startup benchmark for Tongban against a bare Spring Boot reference app measured in the same run.
#
# For each of RUNS runs it measures
#   (a) Tongban cold start: fresh, empty data directory (initdb + Flyway migrations + demo data load),
#   (b) Tongban warm start: the data directory left by (a),
#       both in the same working directory, so that everything the app keeps under ./data (PostgreSQL cluster,
#       search index, generated keys) survives from (a) to (b) as it does when an operator restarts the app,
#   (c) Tongban warm start in the AOT launch mode of `./tongban run` (JDK 25 or later, AOT=1): the jar extracted
#       once into Spring Boot's extracted layout (java -Djarmode=tools -jar … extract), an AOT cache (JEP 483/514/515)
#       trained beforehand on the same data directory (-XX:AOTCacheOutput=…, stopped once ready; its
#       wall time is reported separately and is no part of any start time), then started with -XX:AOTCache=…,
#   (d) the reference app (bench/reference: spring-boot-starter-webmvc + actuator only),
#   (e) the reference app in the same AOT launch mode, with its own cache trained the same way,
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
#   JAVA_OPTS="-Xshare:auto + the flags of jvm.options" JVM flags, identical for Tongban and the reference (the AOT
#                           scenarios and trainings drop -Xshare:* from them: the JVM refuses it next to
#                           -XX:AOTCache*, and :auto is the default)
#   SETTLE=25               seconds after readiness at which memory is read a second time ("settled": after the idle
#                           collection that jvm.options asks for; 0 skips it)
#   TONGBAN_PORT=18080 REFERENCE_PORT=18081
#   STARTUP_TIMEOUT=300     seconds to wait for readiness before a run counts as failed
#   QUIET_WAIT=180          before each start, wait up to this many seconds for the CPUs to be < QUIET_CPU % busy
#   QUIET_CPU=25            (0 disables the wait); the CPU other processes used during each start is recorded
#   MAX_FOREIGN_CPU=25      a start during which other processes used more than this % of all CPUs is discarded
#   RETRIES=3               and repeated, at most RETRIES times per sample (then the last one is kept, marked noisy)
#   RESULTS_DIR=...         where samples.csv, report.md and logs go (default: bench/results/<timestamp>)
#   KEEP_DATA=0             1 keeps the temporary data directories
#   AOT=1                   0 skips the AOT scenarios (they are skipped anyway on a JDK older than 25)
#   IDLE_UNTIL=<time>       after the builds, wait until the 1-minute load average is below IDLE_LOAD (default 1.0)
#                           and no other java process runs, but no later than <time> (anything `date -d` takes,
#                           e.g. 21:45); the report says whether the machine was idle or the wait gave up
#   STOP_BY=<time>          start no further run after <time> (`date -d`); the report says how many runs were made
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$BENCH_DIR/.." && pwd)
# log, build_tongban, postmaster_pid, wait_gone
# shellcheck source=bench/lib.sh
source "$BENCH_DIR/lib.sh"

export JAVA_HOME=${JAVA_HOME:-/usr/lib/jvm/temurin-25-jdk-amd64}
JAVA="$JAVA_HOME/bin/java"
RUNS=${RUNS:-5}
JAVA_OPTS=${JAVA_OPTS:-"-Xshare:auto $(grep -v '^[[:space:]]*\(#\|$\)' "$PROJECT_DIR/jvm.options" | paste -sd ' ' -)"}
SETTLE=${SETTLE:-25}
AOT_JAVA_OPTS=$(printf '%s\n' $JAVA_OPTS | grep -v '^-Xshare:' | paste -sd ' ' -) || true
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
AOT=${AOT:-1}
IDLE_UNTIL=${IDLE_UNTIL:-}
IDLE_LOAD=${IDLE_LOAD:-1.0}
STOP_BY=${STOP_BY:-}

[[ -x "$JAVA" ]] || { echo "no java at $JAVA (set JAVA_HOME)" >&2; exit 1; }
JAVA_MAJOR=$("$JAVA" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java\.specification\.version = \([0-9]*\).*/\1/p')
if [[ "$AOT" == 1 ]] && ((${JAVA_MAJOR:-0} < 25)); then
    echo "JDK $JAVA_MAJOR has no AOT cache (JEP 483/514 need 25 or later): AOT scenarios skipped" >&2
    AOT=0
fi
IDLE_UNTIL_EPOCH=""
STOP_BY_EPOCH=""
if [[ -n "$IDLE_UNTIL" ]]; then IDLE_UNTIL_EPOCH=$(date -d "$IDLE_UNTIL" +%s) || exit 1; fi
if [[ -n "$STOP_BY" ]]; then STOP_BY_EPOCH=$(date -d "$STOP_BY" +%s) || exit 1; fi
[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || { echo "RUNS must be a positive integer" >&2; exit 1; }
command -v curl >/dev/null || { echo "curl is required" >&2; exit 1; }

NPROC=$(nproc)
CLK_TCK=$(getconf CLK_TCK)

mkdir -p "$RESULTS_DIR"
RESULTS_DIR=$(cd "$RESULTS_DIR" && pwd)
WORK_DIR=$(mktemp -d "${TMPDIR:-/tmp}/tongban-startup-bench.XXXXXX")
SAMPLES="$RESULTS_DIR/samples.csv"
TRAINING="$RESULTS_DIR/training.csv"
REPORT="$RESULTS_DIR/report.md"

# ---------------------------------------------------------------- cleanup: only processes this script started
CURRENT_PID=""          # java process of the scenario under way
CURRENT_DATA_DIR=""     # its embedded PostgreSQL data directory, if any

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
# but kept because the retries are used up). The JVM gets $JAVA_OPTS, then AOT_CACHE's -XX:AOTCache=… if it is set.
SAMPLE_STATUS=""
AOT_CACHE=""            # AOT cache the scenario under way starts with ("" = none)
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
    local -a aot_flags=()
    local opts=$JAVA_OPTS
    [[ -n "$AOT_CACHE" ]] && aot_flags=(-XX:AOTCache="$AOT_CACHE") && opts=$AOT_JAVA_OPTS
    b0=$(busy_jiffies)
    t0=$(now_ms)
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
    (cd "$run_dir" && exec "$JAVA" $opts "${aot_flags[@]}" -jar "$jar" --server.port="$port" "$@") \
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
    local mem java_rss pg_rss pg_procs other_rss other_procs pss aot_mapped=-
    mem=$(measure_memory "$pid" "$data_dir")
    # with AOTMode=auto (the default) an unusable cache is silently ignored: check that the JVM has it mapped
    if [[ -n "$AOT_CACHE" ]]; then
        if grep -qF -- "$AOT_CACHE" "/proc/$pid/maps" 2>/dev/null; then aot_mapped=yes; else aot_mapped=no; fi
    fi
    read -r java_rss pg_rss pg_procs other_rss other_procs pss <<<"$mem"
    # Read again once the platform has been idle for a while: what it keeps resident when start-up is over.
    local settled_java=- settled_total=- settled_pss=- sj sp so spss
    if ((SETTLE > 0)); then
        sleep "$SETTLE"
        read -r sj sp _ so _ spss <<<"$(measure_memory "$pid" "$data_dir")"
        settled_java=$sj settled_total=$((sj + sp + so)) settled_pss=$spss
    fi
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
    echo "$scenario,$run,$((t1 - t0)),$java_rss,$pg_rss,$pg_procs,$other_rss,$other_procs,$total,$pss,$((s1 - s0)),$load1,$quiet,$foreign,$attempt,$SAMPLE_STATUS,$aot_mapped,$settled_java,$settled_total,$settled_pss" \
        >>"$SAMPLES"
    log "$(printf '%-16s run %d.%d %-5s: ready in %6d ms | RSS java %4d MB + postgres %4d MB (%d procs) + other %d MB = %4d MB | PSS %4d MB | stop %d ms | load %s | others used %d%% CPU before, %d%% during | AOT cache mapped: %s | settled after %d s: RSS %s MB, PSS %s MB' \
        "$scenario" "$run" "$attempt" "$SAMPLE_STATUS" $((t1 - t0)) $((java_rss / 1024)) $((pg_rss / 1024)) "$pg_procs" $((other_rss / 1024)) \
        $((total / 1024)) $((pss / 1024)) $((s1 - s0)) "$load1" "$quiet" "$foreign" "$aot_mapped" "$SETTLE" \
        "$([[ $settled_total == - ]] && echo - || echo $((settled_total / 1024)))" \
        "$([[ $settled_pss == - ]] && echo - || echo $((settled_pss / 1024)))")"
    if [[ "$aot_mapped" == no ]]; then
        log "$scenario run $run: the JVM did not map the AOT cache $AOT_CACHE; see $RESULTS_DIR/$scenario-$run-$attempt.log"
    fi
}

children_jiffies() { # CPU time of this shell's reaped children (cutime+cstime), clock ticks
    sed 's/.*) //' "/proc/$$/stat" | awk '{ print $14 + $15 }'
}

# train_aot scenario run jar port work_dir data_dir(or "") cache extra args... -> trains an AOT cache the way
# `./tongban run` does: the app started with -XX:AOTCacheOutput and, for Tongban, -Dtongban.startup.aot-training=true,
# with which it shuts down cleanly as soon as it is ready (the reference, which has no such switch, gets a SIGTERM
# from this script once its readiness probe answers 200); the JVM then writes the cache on exit (JEP 514: a child
# JVM assembles it). Measures the wall time from launch to the exit of the training JVM and appends
# a line to $TRAINING. Not repeated when disturbed; recorded as noisy instead. Must not run in a subshell ($$).
train_aot() {
    local scenario=$1 run=$2 jar=$3 port=$4 run_dir=$5 data_dir=$6 cache=$7
    shift 7
    mkdir -p "$run_dir"
    rm -f "$cache"
    local load1 quiet=-1 t0 t1 b0 b1 c0 c1 pid watchdog rc=0 pm pm_left=no ours=0 foreign status
    if ((QUIET_CPU > 0)); then quiet=$(wait_for_quiet); fi
    load1=$(cut -d' ' -f1 /proc/loadavg)
    CURRENT_DATA_DIR=$data_dir
    local logfile="$RESULTS_DIR/$scenario-$run.log"
    c0=$(children_jiffies)
    b0=$(busy_jiffies)
    t0=$(now_ms)
    # shellcheck disable=SC2086  # JAVA_OPTS is a list of flags
    local self_exit=() stopper=""
    [[ "$scenario" == tongban-* ]] && self_exit=(-Dtongban.startup.aot-training=true)
    (cd "$run_dir" && exec "$JAVA" $AOT_JAVA_OPTS -XX:AOTCacheOutput="$cache" "${self_exit[@]}" \
        -jar "$jar" --server.port="$port" "$@") >"$logfile" 2>&1 &
    pid=$!
    CURRENT_PID=$pid
    if ((${#self_exit[@]} == 0)); then
        # the reference has no such switch: stopped (SIGTERM, graceful) once ready, as Tongban stops itself
        (until curl -sf -o /dev/null "http://localhost:$port/actuator/health/readiness"; do
             kill -0 "$pid" 2>/dev/null || exit 0; sleep 0.05; done; kill -TERM "$pid") &
        stopper=$!
    fi
    (sleep "$STARTUP_TIMEOUT"; kill -TERM "$pid" 2>/dev/null) &
    watchdog=$!
    wait "$pid" || rc=$?
    t1=$(now_ms)
    b1=$(busy_jiffies)
    kill "$watchdog" 2>/dev/null || true
    wait "$watchdog" 2>/dev/null || true
    [[ -n "$stopper" ]] && { wait "$stopper" 2>/dev/null || true; }
    c1=$(children_jiffies)
    CURRENT_PID=""
    # the training JVM (and the cache-assembly JVM it forks) are reaped children of this shell; the watchdog's
    # sleep adds nothing. A training that does not end through the shutdown hooks (killed, or an older build halted
    # by spring.context.exit=onRefresh) leaves an embedded PostgreSQL running: count
    # it as ours, then stop it (fast shutdown) so that the next start finds the machine as after a clean stop.
    ours=$((c1 - c0))
    if pm=$(postmaster_pid "$data_dir"); then
        pm_left=yes
        # shellcheck disable=SC2046
        ours=$((ours + $(proc_jiffies "$pm" $(descendants "$pm"))))
    fi
    stop_current 2>/dev/null
    foreign=$(( (b1 - b0 - ours) * 100 * 1000 / (CLK_TCK * NPROC * (t1 - t0 > 0 ? t1 - t0 : 1)) ))
    ((foreign >= 0)) || foreign=0
    local cache_kb=0
    [[ -f "$cache" ]] && cache_kb=$(( $(stat -c %s "$cache") / 1024 ))
    status=yes
    ((foreign <= MAX_FOREIGN_CPU)) || status=noisy
    echo "$scenario,$run,$((t1 - t0)),$cache_kb,$rc,$pm_left,$load1,$quiet,$foreign,$status" >>"$TRAINING"
    log "$(printf '%-16s run %d     %-5s: trained in %6d ms | exit %d | cache %d MB | postmaster left running: %s | load %s | others used %d%% CPU before, %d%% during' \
        "$scenario" "$run" "$status" $((t1 - t0)) "$rc" $((cache_kb / 1024)) "$pm_left" "$load1" "$quiet" "$foreign")"
    if [[ ! -s "$cache" ]]; then
        log "$scenario run $run: no AOT cache written; see $logfile"
        tail -n 30 "$logfile" >&2
        exit 1
    fi
}

# extract jar dest -> Spring Boot's extracted layout of the jar (dest/<name>.jar + dest/lib/); prints the jar's path
extract_jar() {
    local jar=$1 dest=$2
    rm -rf "$dest"
    "$JAVA" -Djarmode=tools -jar "$jar" extract --destination "$dest" >&2
    echo "$dest/$(basename "$jar")"
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
settled_cell() { # scenario column -> "median (min–max)" MB, or "-" when memory was not read again
    if ((SETTLE > 0)); then cell "$1" "$2" fmt_mb; else echo -; fi
}
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

training_of() { # scenario column -> values of the training runs, one a line
    awk -F, -v s="$1" -v c="$2" 'NR > 1 && $1 == s { print $c }' "$TRAINING"
}
training_cell() { # scenario column formatter -> "median (min–max)"
    local med lo hi
    med=$(training_of "$1" "$2" | median)
    lo=$(training_of "$1" "$2" | minimum)
    hi=$(training_of "$1" "$2" | maximum)
    echo "$("$3" "$med") ($("$3" "$lo")–$("$3" "$hi"))"
}
ratio_row() { # numerator denominator -> a markdown row of ratios of medians
    echo "| $1 / $2 | $(ratio "$(stat_of "$1" 3 median)" "$(stat_of "$2" 3 median)") | $(ratio "$(stat_of "$1" 4 median)" "$(stat_of "$2" 4 median)") | $(ratio "$(stat_of "$1" 9 median)" "$(stat_of "$2" 9 median)") | $(ratio "$(stat_of "$1" 10 median)" "$(stat_of "$2" 10 median)") |"
}
target_lines() { # scenario label -> the targets' verdict for that scenario's medians
    local time rss pss java
    time=$(stat_of "$1" 3 median)
    java=$(stat_of "$1" 4 median)
    rss=$(stat_of "$1" 9 median)
    pss=$(stat_of "$1" 10 median)
    meets() { awk -v v="$1" -v lim="$2" 'BEGIN { print (v <= lim ? "meets" : "MISSES") }'; }
    echo "- $2: warm start median $(fmt_s "$time") s $(meets "$time" 8000) the 8 s target;" \
        "RSS total (java + postgres) $(fmt_mb "$rss") MB $(meets "$rss" $((700 * 1024))), PSS total $(fmt_mb "$pss") MB" \
        "$(meets "$pss" $((700 * 1024))), java alone $(fmt_mb "$java") MB $(meets "$java" $((700 * 1024))) the 700 MB target"
    if ((SETTLE > 0)); then
        rss=$(stat_of "$1" 19 median)
        pss=$(stat_of "$1" 20 median)
        echo "  - $SETTLE s after readiness (settled): RSS total $(fmt_mb "$rss") MB $(meets "$rss" $((700 * 1024))), PSS total" \
            "$(fmt_mb "$pss") MB $(meets "$pss" $((700 * 1024))) the 700 MB target, java alone $(fmt_mb "$(stat_of "$1" 18 median)") MB"
    fi
}

report() {
    local scenarios=(tongban-cold tongban-warm) s
    [[ "$AOT" == 1 ]] && scenarios+=(tongban-warm-aot)
    scenarios+=(reference)
    [[ "$AOT" == 1 ]] && scenarios+=(reference-aot)
    {
        echo "## Startup benchmark — $RUNS_DONE run(s) per scenario (of $RUNS asked)"
        echo
        echo "Median (min–max). Time: process launch → first 200 from /actuator/health/readiness."
        echo "Memory read right after readiness (and, in the last columns, $SETTLE s later: settled); MB = MiB."
        echo "\"postgres\" = the embedded PostgreSQL's processes."
        echo "Last column: CPU time used by every other process on the machine while the app started, as % of all"
        echo "$NPROC CPUs; it includes the curl probe loop itself (≈10 % of 2 CPUs on the machine it was written on)."
        if [[ "$AOT" == 1 ]]; then
            echo "\`-aot\` scenarios: the launch mode of \`./tongban run\` — jar extracted once (\`-Djarmode=tools extract\`),"
            echo "started with \`-XX:AOTCache=…\` from a cache trained beforehand in the same run (Tongban: on the same data"
            echo "directory); the training is not part of the start time (see the training table)."
        fi
        echo
        echo "Samples disturbed by other processes (more than $MAX_FOREIGN_CPU % CPU) were discarded and repeated;"
        echo "\"noisy\" counts samples kept although disturbed because the $RETRIES retries were used up."
        echo
        echo "| Scenario | Ready (s) | RSS java (MB) | RSS postgres (MB) | postgres procs | RSS total (MB) | PSS total (MB) | CPU used outside the app during start (%) | samples kept (of them noisy) / discarded | settled RSS total (MB) | settled PSS total (MB) |"
        echo "|---|---|---|---|---|---|---|---|---|---|---|"
        for s in "${scenarios[@]}"; do
            echo "| $s | $(cell "$s" 3 fmt_s) | $(cell "$s" 4 fmt_mb) | $(cell "$s" 5 fmt_mb) | $(stat_of "$s" 6 median) | $(cell "$s" 9 fmt_mb) | $(cell "$s" 10 fmt_mb) | $(cell "$s" 14 fmt_int) | $(($(count_status "$s" yes) + $(count_status "$s" noisy))) ($(count_status "$s" noisy)) / $(count_status "$s" no) | $(settled_cell "$s" 19) | $(settled_cell "$s" 20) |"
        done
        echo
        echo "Ratios of medians against the reference measured in this run:"
        echo
        echo "| Ratio | Ready time | RSS java | RSS total | PSS total |"
        echo "|---|---|---|---|---|"
        if [[ "$AOT" == 1 ]]; then
            ratio_row tongban-warm-aot reference-aot
            ratio_row tongban-warm-aot reference
        fi
        ratio_row tongban-warm reference
        ratio_row tongban-cold reference
        if [[ "$AOT" == 1 ]]; then
            ratio_row tongban-warm-aot tongban-warm
            ratio_row reference-aot reference
        fi
        echo
        if [[ "$AOT" == 1 ]]; then
            local mapped total_aot
            mapped=$(awk -F, 'NR > 1 && $17 == "yes"' "$SAMPLES" | wc -l)
            total_aot=$(awk -F, 'NR > 1 && $17 != "-" && $17 != ""' "$SAMPLES" | wc -l)
            echo "AOT cache training (one-off per cache, before the \`-aot\` starts; not part of any start time): wall time"
            echo "from launch to the exit of the training JVM, which includes writing the cache. AOT cache mapped by the JVM"
            echo "in $mapped of $total_aot \`-aot\` starts (checked in /proc/<pid>/maps)."
            echo "Extracting the jars (once, before the runs): Tongban $(fmt_s "$EXTRACT_TONGBAN_MS") s, reference $(fmt_s "$EXTRACT_REFERENCE_MS") s."
            echo
            echo "| Training | Wall time (s) | Cache size (MB) | postmaster left running | CPU used outside the app (%) | runs (of them noisy) |"
            echo "|---|---|---|---|---|---|"
            for s in tongban-aot-training reference-aot-training; do
                echo "| $s | $(training_cell "$s" 3 fmt_s) | $(training_cell "$s" 4 fmt_mb) | $(training_of "$s" 6 | grep -c yes) | $(training_cell "$s" 9 fmt_int) | $(training_of "$s" 1 | wc -l) ($(training_of "$s" 10 | grep -c noisy)) |"
            done
            echo
        fi
        echo "Targets (issue): warm start ≤ 8 s to readiness; resident memory ≤ 700 MB after start."
        echo
        target_lines tongban-warm "default launch (\`java -jar tongban.jar\`)"
        [[ "$AOT" == 1 ]] && target_lines tongban-warm-aot "AOT launch mode (\`./tongban run\`)"
        echo
        echo "### Machine"
        echo
        echo "- date: $START_DATE → $(date -Is); measuring started $MEASURE_START"
        echo "- idle wait: $IDLE_RESULT"
        echo "- nproc: $(nproc); CPU: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo); memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); kernel $(uname -r)"
        echo "- java: $("$JAVA" -version 2>&1 | head -n2 | paste -sd ' ' -)"
        echo "- JVM flags (both apps): \`$JAVA_OPTS\`$([[ "$AOT" == 1 ]] && echo "; AOT scenarios and trainings: \`${AOT_JAVA_OPTS:-(none)}\` + \`-XX:AOTCache=…\` / \`-XX:AOTCacheOutput=…\` (stopped once ready)")"
        echo "- Tongban built from: $TONGBAN_SOURCE"
        echo "- load average before: $LOAD_BEFORE; when measuring started: $LOAD_AT_MEASURE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
        echo "- other java processes on the machine (not started by this script): before $OTHER_JAVA_BEFORE, when measuring started $OTHER_JAVA_AT_MEASURE, after $(other_java_processes)"
        echo "- runs made: $RUNS_DONE of $RUNS${STOP_NOTE}"
        echo "- raw samples: $SAMPLES$([[ "$AOT" == 1 ]] && echo "; training: $TRAINING")"
    } | tee "$REPORT"
    # For bench/regressions.sh: start times against the bare Spring Boot reference, memory as measured.
    if ((RUNS_DONE > 0)); then
        record_figure startup "warm start, default launch" "$(stat_of tongban-warm 3 median)" ms lower \
            "$(stat_of reference 3 median)"
        record_figure startup "RSS total after a warm start, default launch" "$(stat_of tongban-warm 9 median)" kB lower
        if [[ "$AOT" == 1 ]]; then
            record_figure startup "warm start, AOT launch" "$(stat_of tongban-warm-aot 3 median)" ms lower \
                "$(stat_of reference-aot 3 median)"
            record_figure startup "RSS total after a warm start, AOT launch" "$(stat_of tongban-warm-aot 9 median)" kB lower
            if ((SETTLE > 0)); then
                record_figure startup "RSS total ${SETTLE} s after a warm start, AOT launch" \
                    "$(stat_of tongban-warm-aot 19 median)" kB lower
            fi
        fi
    fi
}

# Waits until the 1-minute load average is below IDLE_LOAD and no other java process runs, at most until IDLE_UNTIL.
wait_for_idle() {
    local load others
    while :; do
        load=$(cut -d' ' -f1 /proc/loadavg)
        others=$(other_java_processes)
        if awk -v l="$load" -v max="$IDLE_LOAD" 'BEGIN { exit !(l < max) }' && ((others == 0)); then
            IDLE_RESULT="machine idle at $(date +%H:%M:%S) (load average $load < $IDLE_LOAD, no other java process)"
            break
        fi
        if (($(date +%s) >= IDLE_UNTIL_EPOCH)); then
            IDLE_RESULT="GAVE UP at $(date +%H:%M:%S) ($IDLE_UNTIL): load average $load, $others other java process(es); measured anyway"
            break
        fi
        log "waiting for an idle machine: load average $load, $others other java process(es)"
        sleep 30
    done
    log "$IDLE_RESULT"
}

# ---------------------------------------------------------------- main
START_DATE=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
OTHER_JAVA_BEFORE=$(other_java_processes)
IDLE_RESULT="none asked (IDLE_UNTIL not set)"
STOP_NOTE=""
RUNS_DONE=0
EXTRACT_TONGBAN_MS=0
EXTRACT_REFERENCE_MS=0
log "results: $RESULTS_DIR; scratch: $WORK_DIR; load average: $LOAD_BEFORE"

build_tongban
build_reference
log "Tongban jar: $TONGBAN_JAR"
log "reference jar: $REFERENCE_JAR"

echo "scenario,run,ready_ms,java_rss_kb,pg_rss_kb,pg_procs,other_rss_kb,other_procs,total_rss_kb,total_pss_kb,stop_ms,loadavg1,foreign_cpu_pct_before,foreign_cpu_pct_during,attempt,kept,aot_cache_mapped,settled_java_rss_kb,settled_total_rss_kb,settled_total_pss_kb" >"$SAMPLES"
echo "scenario,run,train_ms,cache_kb,exit_code,postmaster_left,loadavg1,foreign_cpu_pct_before,foreign_cpu_pct_during,kept" >"$TRAINING"

if [[ "$AOT" == 1 ]]; then
    # once per jar, as `./tongban run` does once per build; the AOT cache is tied to these very jar files
    t=$(now_ms); TONGBAN_EXTRACTED=$(extract_jar "$TONGBAN_JAR" "$WORK_DIR/tongban-extracted"); EXTRACT_TONGBAN_MS=$(($(now_ms) - t))
    t=$(now_ms); REFERENCE_EXTRACTED=$(extract_jar "$REFERENCE_JAR" "$WORK_DIR/reference-extracted"); EXTRACT_REFERENCE_MS=$(($(now_ms) - t))
    log "extracted: $TONGBAN_EXTRACTED (${EXTRACT_TONGBAN_MS} ms), $REFERENCE_EXTRACTED (${EXTRACT_REFERENCE_MS} ms)"
fi

[[ -n "$IDLE_UNTIL_EPOCH" ]] && wait_for_idle
MEASURE_START=$(date -Is)
LOAD_AT_MEASURE=$(cut -d' ' -f1-3 /proc/loadavg)
OTHER_JAVA_AT_MEASURE=$(other_java_processes)

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
    if [[ -n "$STOP_BY_EPOCH" ]] && (($(date +%s) >= STOP_BY_EPOCH)); then
        STOP_NOTE=" (stopped: STOP_BY=$STOP_BY reached before run $run)"
        log "STOP_BY $STOP_BY reached: no run $run"
        break
    fi
    app_dir="$WORK_DIR/tongban-$run"          # working directory of run's cold and warm start
    data_dir="$app_dir/data/postgres"         # the default location, given explicitly; created by the cold start
    tongban_args=(--tongban.embedded-database.data-directory="$data_dir"
                  --tongban.log-directory="$WORK_DIR/logs-$run")
    measure tongban-cold "$run" "$TONGBAN_JAR" "$TONGBAN_PORT" "$app_dir" "$data_dir" "${tongban_args[@]}"
    measure tongban-warm "$run" "$TONGBAN_JAR" "$TONGBAN_PORT" "$app_dir" "$data_dir" "${tongban_args[@]}"
    if [[ "$AOT" == 1 ]]; then
        tongban_cache="$WORK_DIR/tongban-extracted/tongban-$run.aot"
        train_aot tongban-aot-training "$run" "$TONGBAN_EXTRACTED" "$TONGBAN_PORT" "$app_dir" "$data_dir" \
            "$tongban_cache" "${tongban_args[@]}"
        AOT_CACHE=$tongban_cache
        measure tongban-warm-aot "$run" "$TONGBAN_EXTRACTED" "$TONGBAN_PORT" "$app_dir" "$data_dir" "${tongban_args[@]}"
        AOT_CACHE=""
    fi
    measure reference "$run" "$REFERENCE_JAR" "$REFERENCE_PORT" "$WORK_DIR/reference-$run" ""
    if [[ "$AOT" == 1 ]]; then
        reference_cache="$WORK_DIR/reference-extracted/reference-$run.aot"
        train_aot reference-aot-training "$run" "$REFERENCE_EXTRACTED" "$REFERENCE_PORT" "$WORK_DIR/reference-$run" "" \
            "$reference_cache"
        AOT_CACHE=$reference_cache
        measure reference-aot "$run" "$REFERENCE_EXTRACTED" "$REFERENCE_PORT" "$WORK_DIR/reference-$run" ""
        AOT_CACHE=""
    fi
    RUNS_DONE=$run
    if [[ "$KEEP_DATA" != 1 ]]; then
        rm -rf "$app_dir"
        [[ "$AOT" == 1 ]] && rm -f "$tongban_cache" "$reference_cache"
    fi
done

echo
report
