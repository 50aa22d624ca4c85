#!/usr/bin/env bash
# Catalogue benchmark (issue 3): a province-scale catalogue (300,000 published implementation items) in a benchmark
# database of its own; full reindex, search latency with 32 concurrent clients (service, HTTP API, raw Lucene on the
# same index as the reference), guide page over HTTP, import of a 10,000-row spreadsheet. Prints a markdown report.
#
#   bench/catalog.sh                     # build the working tree as it is, run everything
#   MEASURE=60 WARMUP=30 bench/catalog.sh
#   REINDEX=0 bench/catalog.sh           # skip the (2-minute) reindex when the data is already there
#   FRESH=1 bench/catalog.sh             # throw the benchmark database away first (regenerates the catalogue)
#   SCENARIOS=search,raw JFR=1 REINDEX=0 bench/catalog.sh   # some scenarios only, each with a JFR recording
#   BENCH_DATA=bench/data/province-1 REINDEX=0 bench/catalog.sh   # on bench/province.sh's data (its 300,000 items,
#                                        # 10M cases and base data; the import scenario adds its 10,000 drafts there)
#
# Settings (environment): ITEMS (300000), CLIENTS (32), WARMUP (20 s), MEASURE (30 s) per scenario, THINK (1000 ms:
# mean think time of the paced run of each scenario), IMPORT_ROWS
# (10000), PORT (18090), BENCH_DATA (bench/data/catalog: PostgreSQL cluster, Lucene index, keys, logs; git-ignored,
# kept between runs because generating the catalogue takes a while), TONGBAN_BUILD_DIR (private build copy,
# $TMPDIR/tongban-catalog-bench-build), JAVA_OPTS (none), JAVA_HOME (a JDK 21+; Temurin 25 when present).
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
PROJECT_DIR=$(cd "$BENCH_DIR/.." && pwd)
ITEMS=${ITEMS:-300000}
CLIENTS=${CLIENTS:-32}
WARMUP=${WARMUP:-20}
MEASURE=${MEASURE:-30}
THINK=${THINK:-1000}
IMPORT_ROWS=${IMPORT_ROWS:-10000}
PORT=${PORT:-18090}
REINDEX=${REINDEX:-1}
FRESH=${FRESH:-0}
BENCH_DATA=$(realpath -m "${BENCH_DATA:-$BENCH_DIR/data/catalog}")
BUILD_DIR=${TONGBAN_BUILD_DIR:-${TMPDIR:-/tmp}/tongban-catalog-bench-build}
JAVA_OPTS=${JAVA_OPTS:-}
if [[ -z "${JAVA_HOME:-}" && -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]]; then
    export JAVA_HOME=/usr/lib/jvm/temurin-25-jdk-amd64
fi
JAVA=${JAVA_HOME:+$JAVA_HOME/bin/}java
RESULTS_DIR=$BENCH_DIR/results/catalog-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS_DIR" "$BENCH_DATA"

log() { echo "[catalog.sh $(date +%H:%M:%S)] $*" >&2; }
other_java() { ps -eo pid=,comm= | awk -v me="${APP_PID:-0}" '$2 == "java" && $1 != me' | wc -l; }

START=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
OTHER_JAVA_BEFORE=$(other_java)

# Build the working tree as it is, in a private copy: target/ and data/ of the project stay untouched.
log "building in $BUILD_DIR"
mkdir -p "$BUILD_DIR"
rm -rf "$BUILD_DIR/src" "$BUILD_DIR/target/classes" "$BUILD_DIR/target/test-classes"  # nothing deleted may survive
(cd "$PROJECT_DIR" && git ls-files -co --exclude-standard -z | grep -zv '^bench/' | tar --null -T - -cf -) \
    | (cd "$BUILD_DIR" && tar -xf -)
(cd "$BUILD_DIR" && ./mvnw -B -q -DskipTests test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >"$RESULTS_DIR/build.log" 2>&1) \
    || { tail -n 40 "$RESULTS_DIR/build.log" >&2; exit 1; }
CLASSPATH="$BUILD_DIR/target/test-classes:$BUILD_DIR/target/classes:$(cat "$BUILD_DIR/target/bench.classpath")"

if [[ "$FRESH" == 1 && -f "$BENCH_DATA/province.md" ]]; then
    echo "FRESH=1 would remove bench/province.sh's data in $BENCH_DATA: refused" >&2
    exit 1
fi
if [[ "$FRESH" == 1 ]]; then
    log "FRESH=1: removing $BENCH_DATA"
    rm -rf "$BENCH_DATA"
    mkdir -p "$BENCH_DATA"
fi
# A postmaster left behind by a killed run would hold the cluster: stop it first.
for pid_file in "$BENCH_DATA/postgres/postmaster.pid" "$BENCH_DATA/data/postgres/postmaster.pid"; do
    [[ -f "$pid_file" ]] || continue
    pm=$(head -n1 "$pid_file")
    if kill -0 "$pm" 2>/dev/null; then
        log "stopping the benchmark's PostgreSQL left running (pid $pm)"
        kill -INT "$pm"
        for _ in $(seq 1 50); do kill -0 "$pm" 2>/dev/null || break; sleep 0.2; done
    fi
done

log "running; console log: $RESULTS_DIR/console.log"
MEASURE_START=$(date -Is)
: >"$RESULTS_DIR/console.log"
set +e
# From inside the benchmark's data directory: anything the app would keep under ./data lands there, never in the
# project.
cd "$BENCH_DATA"
# shellcheck disable=SC2086
"$JAVA" $JAVA_OPTS -cp "$CLASSPATH" \
    -Dbench.data="$BENCH_DATA" -Dbench.items="$ITEMS" -Dbench.clients="$CLIENTS" -Dbench.warmup="$WARMUP" \
    -Dbench.measure="$MEASURE" -Dbench.think="$THINK" -Dbench.import-rows="$IMPORT_ROWS" -Dbench.port="$PORT" \
    -Dbench.reindex="$([[ "$REINDEX" == 1 ]] && echo true || echo false)" \
    -Dbench.report="$RESULTS_DIR/summary.md" -Dbench.scenarios="${SCENARIOS:-search,raw,api,guide,import}" \
    ${JFR:+-Dbench.jfr="$RESULTS_DIR/profile"} \
    org.tongban.catalog.bench.CatalogBenchmark >"$RESULTS_DIR/console.log" 2>&1 &
APP_PID=$!
trap 'kill "$APP_PID" 2>/dev/null; wait "$APP_PID" 2>/dev/null' INT TERM
tail -n +1 -f "$RESULTS_DIR/console.log" --pid "$APP_PID" | grep --line-buffered '^\[bench' >&2 &
wait "$APP_PID"
rc=$?
set -e
if [[ $rc == 0 && -n "${SCENARIOS:-}" ]]; then
    log "done (SCENARIOS=$SCENARIOS: no report); results in $RESULTS_DIR"
    exit 0
fi
if [[ $rc != 0 || ! -s "$RESULTS_DIR/summary.md" ]]; then
    log "the benchmark failed (exit $rc); last lines of $RESULTS_DIR/console.log:"
    tail -n 40 "$RESULTS_DIR/console.log" >&2
    exit 1
fi

{
    cat "$RESULTS_DIR/summary.md"
    echo
    echo "### Machine"
    echo
    echo "- date: $START → $(date -Is); measuring started $MEASURE_START"
    echo "- nproc: $(nproc); CPU: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo); memory: $(awk '/^MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo); kernel $(uname -r)"
    echo "- java: $("$JAVA" -version 2>&1 | head -n2 | paste -sd ' ' -); JVM flags: \`${JAVA_OPTS:-(none)}\`"
    echo "- built from: $PROJECT_DIR at $(git -C "$PROJECT_DIR" rev-parse --short HEAD)$(git -C "$PROJECT_DIR" diff --quiet HEAD -- src pom.xml || echo ' with uncommitted changes')"
    echo "- load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- other java processes on the machine (not this benchmark): before $OTHER_JAVA_BEFORE, after $(other_java)"
    echo "- data: $BENCH_DATA$([[ -f "$BENCH_DATA/province.md" ]] && echo " ($(sed -n 's/^## //p' "$BENCH_DATA/province.md" | head -n1))")"
    echo "- console log: $RESULTS_DIR/console.log"
} | tee "$RESULTS_DIR/report.md"
# on bench/province.sh's data the figures are kept apart (another database around the same catalogue)
SCENARIO=catalog
[[ ! -f "$BENCH_DATA/province.md" ]] || SCENARIO=catalog-province
# shellcheck source=bench/lib.sh
(source "$(dirname "${BASH_SOURCE[0]}")/lib.sh" && record_printed_figures "$SCENARIO" "$RESULTS_DIR/console.log")
