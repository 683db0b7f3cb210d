#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder's image (Ubuntu): a JRE for the checker,
# and the runtimes the students' programs need (python3 and node here; add your class's).
# AUTOGRADER (default /autograder) is where Gradescope puts the autograder; the zip holds conformance.jar.
set -euo pipefail
AUTOGRADER="${AUTOGRADER:-/autograder}"
CHECKER_JAR="$AUTOGRADER/source/conformance.jar"

missing=()
command -v java >/dev/null || missing+=(openjdk-17-jre-headless)
command -v python3 >/dev/null || missing+=(python3)
command -v node >/dev/null || missing+=(nodejs)
if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
fi
chmod +x "$AUTOGRADER/source/run_autograder"
if [ -z "${HELO_CHECKER:-}" ] && [ ! -f "$CHECKER_JAR" ]; then
    echo "setup.sh: put conformance.jar (conformance/target/conformance.jar) in the autograder's zip" >&2
    exit 1
fi
# the checker answers: it runs on this JRE
${HELO_CHECKER:-java -jar "$CHECKER_JAR"} --version
