#!/usr/bin/env bash
# Exchange gateway benchmark (issue 8): wrk with CLIENTS connections (16) calls POST /api/v1/exchange/query as the
# demo department system for WARMUP (30) + MEASURE (30) seconds, then a plain endpoint of the same server as the
# reference; afterwards the access log must hold one verified entry per call. wrk is installed from Debian's packages
# when it is missing.
#
#   bench/exchange-gateway.sh
#   CLIENTS=32 MEASURE=60 bench/exchange-gateway.sh
set -euo pipefail

# Read before lib.sh sets its own default for the Tongban jar builds.
BUILD_DIR=${TONGBAN_BUILD_DIR:-${TMPDIR:-/tmp}/tongban-exchange-bench-build}
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
CLIENTS=${CLIENTS:-16}
# 30 s of warm-up: with 10 s the JIT compilers were still at work, and runs measured 1,391-1,987 calls/s where the same
# code measured 2,017-2,030 after 30 s.
WARMUP=${WARMUP:-30}; MEASURE=${MEASURE:-30}
RESULTS_DIR=$BENCH_DIR/results/exchange-gateway-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS_DIR"

need_wrk
# Build the working tree as it is, in a private copy.
build_bench_classpath "$BUILD_DIR" "$RESULTS_DIR/build.log"

START=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
cd "$RESULTS_DIR"
"$JAVA" ${JAVA_OPTS:-} -cp "$CLASSPATH" -Dbench.clients="$CLIENTS" -Dbench.warmup="$WARMUP" -Dbench.measure="$MEASURE" \
    -Dbench.wrk-script="$BENCH_DIR/wrk/load.lua" -Dbench.report="$RESULTS_DIR/summary.md" org.tongban.exchange.bench.GatewayBenchmark >"$RESULTS_DIR/console.log" 2>&1 \
    || { tail -n 40 "$RESULTS_DIR/console.log" >&2; exit 1; }
{
    cat "$RESULTS_DIR/summary.md"
    echo
    echo "- date: $START → $(date -Is); nproc $(nproc); CPU: $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)"
    echo "- java: $("$JAVA" -version 2>&1 | head -n1); load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- built from $(git -C "$PROJECT_DIR" rev-parse --short HEAD)$(git -C "$PROJECT_DIR" diff --quiet HEAD -- src pom.xml || echo ' with uncommitted changes')"
} | tee "$RESULTS_DIR/report.md"
record_printed_figures exchange-gateway "$RESULTS_DIR/console.log"
