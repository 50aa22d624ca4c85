#!/usr/bin/env bash
# Parallel approval end to end, Tongban vs Flowable 7.2 (issues 6 and 10): WORKERS (16) concurrent workers drive cases
# of the shape accept → three parallel department reviews → join → decide → 制证 → 送达 → complete (办结), first
# through Tongban's own engine (the
# demo 并联 item 食品经营许可 of 浑南区, through the CaseAcceptance / CaseProcessing services), then through the
# standalone Flowable 7.2 process engine (history level audit, async executor off: bench/flowable-peer, a Maven
# project and a JVM of its own), against the same throw-away embedded PostgreSQL server that Tongban's JVM starts
# (Flowable in a database of its own). WARMUP (10) + MEASURE (30) seconds each.
# Writes bench/results/parallel-approval-<timestamp>/summary.md, results.json, report.md (with the machine), logs.
#
#   bench/parallel-approval.sh
#   WORKERS=32 MEASURE=60 bench/parallel-approval.sh
#   ENGINES=flowable bench/parallel-approval.sh      # one engine only (tongban or flowable)
#
#   JAVA_OPTS=-Dbench.sqlcases=20 bench/parallel-approval.sh   # also: statements, commits, rows per case (Tongban)
#   JAVA_OPTS="-XX:FlightRecorderOptions:stackdepth=256 -XX:StartFlightRecording=filename=/tmp/pa.jfr,settings=profile" \
#       ENGINES=tongban bench/parallel-approval.sh    # profile (Spring/Hibernate stacks are deeper than JFR's 64)
#
# Settings (environment): WORKERS, WARMUP, MEASURE, ENGINES (tongban,flowable), JAVA_OPTS (none: Tongban's JVM),
# PEER_JAVA_OPTS (none: the Flowable peer's JVM),
# TONGBAN_BUILD_DIR (private build copy, $TMPDIR/tongban-parallel-approval-bench-build), JAVA_HOME (Temurin 25).
set -euo pipefail

# Read before lib.sh sets its own default for the Tongban jar builds.
BUILD_DIR=${TONGBAN_BUILD_DIR:-${TMPDIR:-/tmp}/tongban-parallel-approval-bench-build}
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
WORKERS=${WORKERS:-16}
WARMUP=${WARMUP:-10}; MEASURE=${MEASURE:-30}
ENGINES=${ENGINES:-tongban,flowable}
RESULTS_DIR=$BENCH_DIR/results/parallel-approval-$(date -u +%Y%m%dT%H%M%SZ)
mkdir -p "$RESULTS_DIR"

# Build the working tree as it is, in a private copy (the harness is on the test classpath only), and the Flowable
# peer, a Maven project of its own (bench/flowable-peer; its output stays in its target/).
log "building the bench classpath in $BUILD_DIR"
build_bench_classpath "$BUILD_DIR" "$RESULTS_DIR/build.log"
PEER_DIR=$BENCH_DIR/flowable-peer
if [[ ",$ENGINES," == *,flowable,* ]]; then
    log "building the Flowable peer in $PEER_DIR"
    "$PROJECT_DIR/mvnw" -B -q -f "$PEER_DIR/pom.xml" package dependency:build-classpath \
        -Dmdep.outputFile=target/peer.classpath >>"$RESULTS_DIR/build.log" 2>&1 \
        || { tail -n 40 "$RESULTS_DIR/build.log" >&2; exit 1; }
    PEER_CLASSPATH="$PEER_DIR/target/classes:$(cat "$PEER_DIR/target/peer.classpath")"
fi

START=$(date -Is)
MACHINE_BEFORE=$(machine_line)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
log "running: $WORKERS workers, $WARMUP s warm-up + $MEASURE s per engine ($ENGINES); load average $LOAD_BEFORE"
cd "$RESULTS_DIR"
# shellcheck disable=SC2086
"$JAVA" ${JAVA_OPTS:-} -cp "$CLASSPATH" -Dbench.workers="$WORKERS" -Dbench.warmup="$WARMUP" \
    -Dbench.measure="$MEASURE" -Dbench.engines="$ENGINES" -Dbench.report="$RESULTS_DIR/summary.md" \
    -Dbench.json="$RESULTS_DIR/results.json" -Dbench.flowable-peer.classpath="${PEER_CLASSPATH:-}" \
    -Dbench.flowable-peer.java-options="${PEER_JAVA_OPTS:-}" org.tongban.cases.bench.ParallelApprovalBenchmark \
    >"$RESULTS_DIR/console.log" 2>&1 || { tail -n 40 "$RESULTS_DIR/console.log" >&2; exit 1; }
LOAD_AFTER=$(cut -d' ' -f1-3 /proc/loadavg)
MACHINE="$MACHINE_BEFORE; load average after: $LOAD_AFTER"
REVISION="$(git -C "$PROJECT_DIR" rev-parse --short HEAD)$(git -C "$PROJECT_DIR" diff --quiet HEAD -- src pom.xml \
    || echo ' with uncommitted changes')"
# The machine and the load into results.json too (a run on a loaded machine is not a result).
python3 - "$RESULTS_DIR/results.json" "$START" "$MACHINE" "$REVISION" <<'PY' || true
import json, sys
path, start, machine, revision = sys.argv[1:5]
with open(path, encoding="utf-8") as f:
    data = json.load(f)
data.update(started=start, machine=machine, revision=revision)
with open(path, "w", encoding="utf-8") as f:
    json.dump(data, f, ensure_ascii=False, indent=2)
PY
{
    cat "$RESULTS_DIR/summary.md"
    echo
    echo "- date: $START → $(date -Is); machine: $MACHINE"
    echo "- built from $REVISION"
} | tee "$RESULTS_DIR/report.md"
# For bench/regressions.sh: Tongban's cases/s against Flowable's in the same run (when both engines ran).
TONGBAN_RATE=$(jq '.runs[] | select(.engine | ascii_downcase | startswith("tongban")) | .casesPerSecond' \
    "$RESULTS_DIR/results.json" | head -n1)
FLOWABLE_RATE=$(jq '.runs[] | select(.engine | ascii_downcase | startswith("flowable")) | .casesPerSecond' \
    "$RESULTS_DIR/results.json" | head -n1)
if [[ -n "$TONGBAN_RATE" ]]; then
    record_figure parallel-approval "cases/s acceptance to completion, $WORKERS workers" "$TONGBAN_RATE" /s higher \
        "$FLOWABLE_RATE"
fi
