#!/usr/bin/env bash
# PrairieLearn's external grader runs this (info.json's externalGradingOptions.entrypoint) for every
# submission: grades the files in /grade/student (their server and client, each found as the checker's
# batch finds them) and writes /grade/results/results.json. The grading container is the sandbox:
# --sandbox none. GRADE (default /grade) and HELO_CHECKER (default: java -jar the course's
# conformance.jar beside this script) may be set to try it elsewhere, HELO_BATCH_OPTIONS to add batch options (e.g. --time-limit 30); a rubric.toml beside this script
# replaces the default rubric.
set -uo pipefail
GRADE="${GRADE:-/grade}"
HERE="$(cd "$(dirname "$0")" && pwd)"
CHECKER="${HELO_CHECKER:-java -jar $HERE/conformance.jar}"
RESULTS="$GRADE/results/results.json"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/class" "$(dirname "$RESULTS")"
cp -R "$GRADE/student" "$work/class/student"
rubric=()
if [ -f "$HERE/rubric.toml" ]; then
    rubric=(--rubric "$HERE/rubric.toml")
fi
$CHECKER batch --sandbox none --out "$work/logs" ${rubric[@]+"${rubric[@]}"} ${HELO_BATCH_OPTIONS:-} \
    --prairielearn-dir "$work/results" "$work/class"
status=$?
if [ -f "$work/results/student.json" ]; then
    cp "$work/results/student.json" "$RESULTS"
else
    # the checker itself failed: not gradable, which costs the student no attempt
    printf '{"gradable": false, "score": 0, "format_errors": ["the autograder failed (status %d); tell your instructor"], "message": "Not graded: the autograder failed."}\n' \
        "$status" > "$RESULTS"
fi
