#!/usr/bin/env bash
# Security drills of issue 10, one command each; prints PASS/FAIL with what was checked. See bench/README.md.
#
#   bench/drill-security.sh          both drills (one Spring context, about the time of one)
#   bench/drill-security.sh fuzz     fuzzing: every endpoint × hostile inputs — no 5xx, API rejections are
#                                    RFC 9457 problems with a code, page rejections are pages, no unescaped echo
#   bench/drill-security.sh authz    authorization matrix: every endpoint × anonymous, two citizens, six staff
#                                    roles (and another city's body where data is scoped) — only allowed ones pass
#
# Runs the integration test classes through ./tongban test, which picks a JDK 21+ as for every build.
# The full Maven log is kept in target/drill-security.log.
set -uo pipefail
cd "$(dirname "$0")/.."

case "${1:-all}" in
    fuzz) classes=FuzzingIntegrationTests ;;
    authz) classes=AuthorizationMatrixIntegrationTests ;;
    all) classes=FuzzingIntegrationTests,AuthorizationMatrixIntegrationTests ;;
    *) sed -n '2,10p' "$0" | sed 's/^# \{0,1\}//'; exit 2 ;;
esac

mkdir -p target
log=target/drill-security.log
started=$(date +%s)
./tongban test -Dtest="$classes" -Dsurefire.failIfNoSpecifiedTests=false > "$log" 2>&1
status=$?
elapsed=$(( $(date +%s) - started ))

# The drills print one summary line each ("DRILL fuzzing: N endpoints, M endpoint × input cases, F failures") and
# one "DRILL FAIL ..." / "DRILL UNCLASSIFIED ..." line per problem.
grep -a '^DRILL \(FAIL\|UNCLASSIFIED\|FIXTURE\)' "$log" | head -50
summaries=$(grep -a '^DRILL \(fuzzing\|authorization\):' "$log")
if [[ -z "$summaries" ]]; then
    echo "FAIL: the drills did not run (build or start-up failure, see $log)"
    tail -20 "$log"
    exit 1
fi
while IFS= read -r line; do
    drill=${line#DRILL }
    if [[ "$line" =~ [[:space:]]0\ failures && ! "$line" =~ [1-9][0-9]*\ unclassified ]]; then
        echo "PASS  $drill"
    else
        echo "FAIL  $drill"
    fi
done <<< "$summaries"
echo "($elapsed s with build and start-up; Maven exit status $status; log: $log)"
exit $status
