#!/usr/bin/env bash
# Certificates benchmark (issues 7 and 10): Tongban with demo data on a throw-away embedded PostgreSQL, started in the
# benchmark's JVM (class org.tongban.certificates.bench.CertificatesBenchmark), and in one run: the raw BouncyCastle
# SM2 verify rate with reused Signature objects (the reference), HTTP verification req/s
# (GET /api/v1/certificates/verification, load by wrk, installed when missing), issuance/s without rendering
# (Certificates.issue) and the time to render one certificate's signed OFD copy. See bench/README.md, "Certificates: verification and issuance".
#
#   bench/certificates.sh
#   SECONDS_EACH=20 CLIENTS=16 bench/certificates.sh
#
# Environment: SECONDS_EACH=10 (per rate, after WARMUP=30 s at the same concurrency) THREADS=2 (raw verify)
#              CLIENTS=8 (wrk connections) ISSUERS=2 OFD=200 (copies timed)
#              RESULTS_DIR=bench/results/certificates-<timestamp> (report.md, console.log, results.jsonl)
set -euo pipefail

# Read before lib.sh sets its own default for the Tongban jar builds.
BUILD_DIR=${TONGBAN_BUILD_DIR:-${TMPDIR:-/tmp}/tongban-certificates-bench-build}
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
SECONDS_EACH=${SECONDS_EACH:-10} WARMUP=${WARMUP:-30} THREADS=${THREADS:-2} CLIENTS=${CLIENTS:-8} ISSUERS=${ISSUERS:-2} OFD=${OFD:-200} BATCH=${BATCH:-100}
RESULTS_DIR=${RESULTS_DIR:-$BENCH_DIR/results/certificates-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$RESULTS_DIR"

need_wrk
# Build the working tree as it is, in a private copy.
build_bench_classpath "$BUILD_DIR" "$RESULTS_DIR/build.log"

START=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
cd "$RESULTS_DIR"
"$JAVA" ${JAVA_OPTS:-} -cp "$CLASSPATH" -Dbench.seconds="$SECONDS_EACH" -Dbench.warmup="$WARMUP" -Dbench.threads="$THREADS" \
    -Dbench.clients="$CLIENTS" -Dbench.issuers="$ISSUERS" -Dbench.ofd="$OFD" -Dbench.batch="$BATCH" -Dbench.report="$RESULTS_DIR/summary.md" \
    -Dbench.wrk-script="$BENCH_DIR/wrk/load.lua" org.tongban.certificates.bench.CertificatesBenchmark >"$RESULTS_DIR/console.log" 2>&1 \
    || { tail -n 40 "$RESULTS_DIR/console.log" >&2; exit 1; }
{
    cat "$RESULTS_DIR/summary.md"
    echo
    echo "- date: $START → $(date -Is); machine: $(machine_line)"
    echo "- load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "- built from $(git -C "$PROJECT_DIR" rev-parse --short HEAD)$(git -C "$PROJECT_DIR" diff --quiet HEAD -- src pom.xml || echo ' with uncommitted changes')"
} | tee "$RESULTS_DIR/report.md"
record_printed_figures certificates "$RESULTS_DIR/console.log"
