#!/usr/bin/env bash
# Regressions at a glance (issue 10): compares the newest figure of every scenario and metric found in
# bench/results/*/results.jsonl (written by the benchmarks through record_figure in bench/lib.sh) with the figure
# recorded in bench/recorded.jsonl, and marks each change for the worse of more than THRESHOLD % (20).
#
# When both figures were measured against a reference in their run, their ratios to it are compared (the machine's
# speed drifts between runs; the ratio carries over); otherwise the values are. Scenario sizes and settings belong in
# the bench's defaults: a run with other settings should not be compared (its report says what it ran).
#
#   bench/regressions.sh            the table; exit code 1 when a figure regressed
#   bench/regressions.sh --record   make the newest figures the recorded ones (after checking them)
#   THRESHOLD=10 bench/regressions.sh
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
RECORDED=$BENCH_DIR/recorded.jsonl
THRESHOLD=${THRESHOLD:-20}

newest() { # the newest figure per scenario and metric, one JSON object a line
    local files=()
    shopt -s nullglob
    files=("$BENCH_DIR"/results/*/results.jsonl)
    ((${#files[@]} > 0)) || { echo "no results.jsonl under $BENCH_DIR/results" >&2; exit 2; }
    cat "${files[@]}" | jq -sc 'group_by([.scenario, .metric]) | map(max_by(.at)) | .[]'
}

if [[ "${1:-}" == "--record" ]]; then
    { [[ -f "$RECORDED" ]] && cat "$RECORDED"; newest; } \
        | jq -sc 'group_by([.scenario, .metric]) | map(max_by(.at)) | .[]' >"$RECORDED.new"
    mv "$RECORDED.new" "$RECORDED"
    echo "recorded $(wc -l <"$RECORDED") figures in $RECORDED"
    exit 0
fi

[[ -f "$RECORDED" ]] || : >"$RECORDED"
newest | jq -sr --slurpfile recorded "$RECORDED" --argjson threshold "$THRESHOLD" '
    def comparable($ratio): if $ratio then .value / .reference else .value end;
    # Percent change; from a recorded 0 (e.g. listeners done at once) any rise counts as 1,000,000 %.
    def change($n; $o): if $o != 0 then ($n - $o) / $o * 100 elif $n == $o then 0
        elif $n > $o then 1000000 else -1000000 end;
    def ratios($a; $b): $a.reference != null and $a.reference != 0 and $b != null and $b.reference != null
        and $b.reference != 0;
    def fmt: if . == null then "—" elif (. | fabs) >= 100 then (. | round | tostring)
             else ((. * 100 | round) / 100 | tostring) end;
    ($recorded | map({key: "\(.scenario)/\(.metric)", value: .}) | from_entries) as $was
    | map(. as $now | $was["\(.scenario)/\(.metric)"] as $old
        | ratios($now; $old) as $ratio
        | (if $old == null then null else change($now | comparable($ratio); $old | comparable($ratio)) end)
            as $change
        | {now: $now, old: $old, change: $change, basis: (if $ratio then "ratio to reference" else "value" end),
           worse: ($change != null and (if $now.better == "lower" then $change > $threshold else $change < -$threshold end)),
           better: ($change != null and (if $now.better == "lower" then $change < -$threshold else $change > $threshold end))})
    | (["| Scenario | Metric | Recorded | Newest | Compared as | Change | |", "|---|---|---|---|---|---|---|"]
       + map("| \(.now.scenario) | \(.now.metric) | "
             + (if .old == null then "—" else "\(.old.value | fmt) \(.old.unit)" + (if .old.reference != null then " (ref \(.old.reference | fmt), \(.old.at[0:10]))" else " (\(.old.at[0:10]))" end) end)
             + " | \(.now.value | fmt) \(.now.unit)" + (if .now.reference != null then " (ref \(.now.reference | fmt))" else "" end)
             + " (\(.now.at[0:10]), \(.now.rev), load \(.now.load)) | \(.basis), \(.now.better) is better | "
             + (if .change == null then "new" else "\(.change | fmt) %" end) + " | "
             + (if .worse then "**REGRESSION**" elif .better then "improved" elif .change == null then "" else "ok" end) + " |")
       + ["", "\(map(select(.worse)) | length) regression(s) of more than \($threshold) %."]) | .[]'
newest | jq -se --slurpfile recorded "$RECORDED" --argjson threshold "$THRESHOLD" '
    def comparable($ratio): if $ratio then .value / .reference else .value end;
    # Percent change; from a recorded 0 (e.g. listeners done at once) any rise counts as 1,000,000 %.
    def change($n; $o): if $o != 0 then ($n - $o) / $o * 100 elif $n == $o then 0
        elif $n > $o then 1000000 else -1000000 end;
    def ratios($a; $b): $a.reference != null and $a.reference != 0 and $b.reference != null and $b.reference != 0;
    ($recorded | map({key: "\(.scenario)/\(.metric)", value: .}) | from_entries) as $was
    | map(. as $now | $was["\(.scenario)/\(.metric)"] as $old | select($old != null) | ratios($now; $old) as $ratio
        | change($now | comparable($ratio); $old | comparable($ratio)) as $change
        | select(if $now.better == "lower" then $change > $threshold else $change < -$threshold end))
    | length == 0' >/dev/null
