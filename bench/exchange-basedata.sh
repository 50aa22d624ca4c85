#!/usr/bin/env bash
# Exchange base-data generator in bench mode (issue 8): generates PEOPLE residents (default 1,000,000) and COMPANIES
# companies (default PEOPLE/5) with their credit records into a throw-away embedded PostgreSQL through COPY, with ID
# numbers encrypted and look-up hashes computed as in production, and reports rows/s.
#
#   bench/exchange-basedata.sh
#   PEOPLE=5000000 bench/exchange-basedata.sh
set -euo pipefail

# Read before lib.sh sets its own default for the Tongban jar builds.
BUILD_DIR=${TONGBAN_BUILD_DIR:-${TMPDIR:-/tmp}/tongban-exchange-bench-build}
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
PEOPLE=${PEOPLE:-1000000}
COMPANIES=${COMPANIES:-$((PEOPLE / 5))}
RESULTS_DIR=$BENCH_DIR/results/exchange-basedata-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS_DIR"

# Build the working tree as it is, in a private copy.
build_bench_classpath "$BUILD_DIR" "$RESULTS_DIR/build.log"

START=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
cd "$RESULTS_DIR"
"$JAVA" ${JAVA_OPTS:-} -cp "$CLASSPATH" -Dbench.people="$PEOPLE" -Dbench.companies="$COMPANIES" \
    -Dbench.report="$RESULTS_DIR/summary.md" org.tongban.exchange.bench.BaseDataBenchmark >"$RESULTS_DIR/console.log" 2>&1 \
    || { tail -n 40 "$RESULTS_DIR/console.log" >&2; exit 1; }
{
    cat "$RESULTS_DIR/summary.md"
    echo
    echo "- date: $START → $(date -Is); nproc $(nproc); CPU: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "- java: $("$JAVA" -version 2>&1 | head -n1); load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- built from $(git -C "$PROJECT_DIR" rev-parse --short HEAD)$(git -C "$PROJECT_DIR" diff --quiet HEAD -- src pom.xml || echo ' with uncommitted changes')"
} | tee "$RESULTS_DIR/report.md"
record_printed_figures exchange-basedata "$RESULTS_DIR/console.log"
