#!/usr/bin/env bash
# JMH micro-benchmarks (issue 10): the *Micro classes under src/test (next to the code they measure), compiled in a
# private copy of the working tree, run by JMH in forked JVMs; results as JMH's JSON and a markdown table, each figure
# recorded for bench/regressions.sh. See bench/README.md, "Micro-benchmarks".
#
#   bench/micro.sh                      every *Micro benchmark (about 4 minutes)
#   MICRO='Sm2Micro' bench/micro.sh     those whose name matches the regular expression
#   JMH_ARGS='-f 3' bench/micro.sh      more (or other) JMH options, after the defaults below
#
# Environment: MICRO (regex, default 'org\.tongban\..*Micro'), FORKS=1, WARMUP=3 (iterations of 2 s),
#              ITERATIONS=5 (of 2 s), THREADS=1, JMH_ARGS, RESULTS_DIR=bench/results/micro-<timestamp>
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

MICRO=${MICRO:-'org\.tongban\..*Micro'} FORKS=${FORKS:-1} WARMUP=${WARMUP:-3} ITERATIONS=${ITERATIONS:-5}
THREADS=${THREADS:-1}
drill_begin micro
log "machine: $(machine_line)"
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
build_bench_classpath "$TONGBAN_BUILD_DIR-classes" "$RESULTS_DIR/build.log"
log "running JMH: $MICRO (forks $FORKS, warm-up $WARMUP × 2 s, measurement $ITERATIONS × 2 s, $THREADS thread(s))"
# shellcheck disable=SC2086
"$JAVA" -cp "$CLASSPATH" org.openjdk.jmh.Main "$MICRO" -f "$FORKS" -wi "$WARMUP" -w 2s -i "$ITERATIONS" -r 2s \
    -t "$THREADS" -rf json -rff "$RESULTS_DIR/jmh.json" ${JMH_ARGS:-} >"$RESULTS_DIR/jmh.log" 2>&1 \
    || { tail -n 40 "$RESULTS_DIR/jmh.log" >&2; echo "FAIL: JMH"; exit 1; }

# One line per benchmark (and parameter): name, parameters ("-" for none: read would merge empty tab fields), score,
# error, unit.
rows=$(jq -r '.[] | [(.benchmark | sub("^org\\.tongban\\."; "")),
    ((.params // {}) | to_entries | map(.key + "=" + .value) | join(" ") | if . == "" then "-" else . end),
    .primaryMetric.score, .primaryMetric.scoreError, .primaryMetric.scoreUnit] | @tsv' "$RESULTS_DIR/jmh.json")
score() { awk -F'\t' -v b="$1" -v p="${2:--}" '$1 ~ b"$" && $2 == p { print $3; exit }' <<<"$rows"; }
raw=$(score 'Sm2Micro.rawVerify')
platform=$(score 'Sm2Micro.platformVerify')
argon2=$(score 'PasswordHashMicro.check' 'hash=argon2id:7168:5')
bcrypt=$(score 'PasswordHashMicro.check' 'hash=bcrypt:10')
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b == 0) print "—"; else printf "%.2f", a / b }'; }
{
    echo "## Micro-benchmarks (JMH), $(date -u '+%F %H:%M') UTC"
    echo
    echo "| Benchmark | Parameters | Score | ± (99.9 %) | Unit |"
    echo "|---|---|---:|---:|---|"
    awk -F'\t' '{ printf "| %s | %s | %.2f | %.2f | %s |\n", $1, ($2 == "-" ? "—" : $2), $3, $4, $5 }' <<<"$rows"
    echo
    echo "- platform verification (canonical JSON + SM2) ÷ raw BouncyCastle SM2 verify: $(ratio "$platform" "$raw")"
    echo "- one Argon2id check (7168 KiB × 5, the default) ÷ one bcrypt-10 check: $(ratio "$argon2" "$bcrypt")"
    echo "- machine: $(machine_line); load average before: $LOAD_BEFORE"
    echo "- JMH: forks $FORKS, warm-up $WARMUP × 2 s, measurement $ITERATIONS × 2 s, $THREADS thread(s) ${JMH_ARGS:-}"
    echo "- code: $(git -C "$PROJECT_DIR" rev-parse --short HEAD)$(git -C "$PROJECT_DIR" diff --quiet HEAD -- src pom.xml \
        || echo ' with uncommitted changes'); JSON: $RESULTS_DIR/jmh.json"
} | tee "$RESULTS_DIR/report.md"
while IFS=$'\t' read -r name params value _ unit; do
    better=higher
    [[ "$unit" == ops/* ]] || better=lower
    reference=""
    [[ "$name" != certificates.internal.Sm2Micro.platformVerify ]] || reference=$raw
    [[ "$name" != identity.internal.PasswordHashMicro.check || "$params" == 'hash=bcrypt:10' ]] || reference=$bcrypt
    [[ "$params" != - ]] || params=""
    record_figure micro "$name${params:+ $params}" "$value" "$unit" "$better" "$reference"
done <<<"$rows"
[[ -n "$raw" && -n "$platform" ]] || [[ "$MICRO" != 'org\.tongban\..*Micro' ]] || { echo "FAIL: no SM2 figures"; exit 1; }
echo "PASS: micro-benchmarks ($(wc -l <<<"$rows") figures)"
