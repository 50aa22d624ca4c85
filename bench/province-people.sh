#!/usr/bin/env bash
# Certificates of the province's residents (issue 10), on the data bench/province.sh generated (it runs this as its
# last phase; run it alone to add them to data generated before it existed): of every SHARE (20) residents, one gets
# a social security certificate, one a household registration certificate and one, when married, a marriage
# certificate — at SCALE=1 about 250,000, 250,000 and 150,000 — each issued by its body in the resident's county
# through the platform's bulk path for existing certificates (1,000 a transaction, SM2-signed), by
# ProvincePeopleCertificates (test classes) on the province's database while the platform is stopped.
# The residents' ID numbers are stored encrypted, so the residents are generated again with the platform's seed
# and checked against a sample of the stored ones. Reports certificates/s; a second run adds nothing.
#
#   bench/province-people.sh               on bench/data/province-1
#   SCALE=0.01 bench/province-people.sh    on bench/data/province-0.01
#
# Environment: SCALE=1 PEOPLE (the residents province.sh generated: 5,000,000 × SCALE) SHARE=20 THREADS=2
#              BENCH_DATA=bench/data/province-<SCALE> PORT=18199 DB_PORT=15499
#              RESULTS_DIR=bench/results/province-people-<timestamp> (report.md, results.jsonl)
set -euo pipefail
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SCALE=${SCALE:-1}
PEOPLE=${PEOPLE:-$(awk -v s="$SCALE" 'BEGIN { v = int(5000000 * s + 0.5); print (v < 1 ? 1 : v) }')}
SHARE=${SHARE:-20} THREADS=${THREADS:-2}
PORT=${PORT:-18199} DB_PORT=${DB_PORT:-15499}
BENCH_DATA=$(realpath -m "${BENCH_DATA:-$BENCH_DIR/data/province-$SCALE}")
drill_begin province-people

[[ -f "$BENCH_DATA/province.md" ]] || { echo "FAIL: no province data in $BENCH_DATA (bench/province.sh first)" >&2; exit 1; }
if [[ -f "$BENCH_DATA/province-people.md" ]]; then
    echo "Already added to $BENCH_DATA:"
    cat "$BENCH_DATA/province-people.md"
    exit 0
fi
if pm=$(postmaster_pid "$BENCH_DATA/data/postgres"); then
    echo "FAIL: a platform or its database (pid $pm) runs on $BENCH_DATA; stop it first" >&2
    exit 1
fi
START=$(date -Is)
LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
build_bench_classpath "$TONGBAN_BUILD_DIR-classes" "$RESULTS_DIR/build-classes.log"
log "machine: $(machine_line)"
log "certificates for one resident in $SHARE of each kind, $PEOPLE residents, $THREADS threads → $BENCH_DATA"
T0=$SECONDS
(cd "$BENCH_DATA" && "$JAVA" -cp "$CLASSPATH" -Dbench.people="$PEOPLE" -Dbench.share="$SHARE" \
    -Dbench.threads="$THREADS" org.tongban.certificates.bench.ProvincePeopleCertificates --server.port="$PORT" \
    --tongban.embedded-database.port="$DB_PORT" --tongban.log-directory="$BENCH_DATA/logs" \
    --logging.level.root=WARN --logging.level.org.tongban=INFO >"$RESULTS_DIR/people.log" 2>&1) \
    || { tail -n 40 "$RESULTS_DIR/people.log" >&2; echo "FAIL: people's certificates"; exit 1; }
ALL_S=$((SECONDS - T0))
result=$(grep -a '^RESULT ' "$RESULTS_DIR/people.log")
field() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" <<<" $result"; }
ALREADY=$(field already)
if [[ -n "$ALREADY" ]]; then
    log "the data already hold $ALREADY residents' certificates (added before): nothing added"
    ISSUED=$ALREADY
else
    ISSUED=$(field issued) SECONDS_IMPORT=$(field seconds)
    check "a residents' certificate verifies as valid ($(field sample_status))" test "$(field sample_status)" = VALID
fi
check "social security certificates ($(field social_security))" test "$(field social_security)" -gt 0
check "household registration certificates ($(field household))" test "$(field household)" -gt 0
check "marriage certificates ($(field marriage))" test "$(field marriage)" -gt 0
if [[ -z "$ALREADY" ]]; then
    RATE=$(awk -v n="$ISSUED" -v s="$SECONDS_IMPORT" 'BEGIN { printf "%.0f", (s > 0) ? n / s : n }')
    HOW="$SECONDS_IMPORT s of import, **$RATE certificates/s** ($THREADS threads, 1,000 a transaction); $ALL_S s with the platform's start"
else
    HOW="found in the data (added by an earlier run, whose rate is not known here)"
fi
{
    echo "## Residents' certificates, SCALE=$SCALE, one resident in $SHARE of each kind, in $BENCH_DATA"
    echo
    echo "| Kind (issuer: the county's body) | Certificates |"
    echo "|---|---:|"
    echo "| 社会保障卡电子凭证 social security (人力资源和社会保障局) | $(field social_security) |"
    echo "| 户口登记证明 household registration (公安局) | $(field household) |"
    echo "| 结婚证 marriage, married residents of the sample (民政局) | $(field marriage) |"
    echo "| **all**: $HOW | **$ISSUED** |"
    echo
    echo "- date: $START → $(date -Is); machine: $(machine_line)"
    echo "- load average before: $LOAD_BEFORE; after: $(cut -d' ' -f1-3 /proc/loadavg)"
} | tee "$RESULTS_DIR/report.md"
[[ -n "$ALREADY" ]] || record_figure province "residents' certificates/s imported, SCALE=$SCALE" "$RATE" /s higher
if verdict "residents' certificates, SCALE=$SCALE"; then
    cp "$RESULTS_DIR/report.md" "$BENCH_DATA/province-people.md"
else
    exit 1
fi
