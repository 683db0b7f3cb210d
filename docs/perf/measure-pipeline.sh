#!/usr/bin/env bash
# Measures requests/s against pipeline depth for this server, the C reference server and redis-server,
# with the same load generator (lineload, from the measuring instruments beside the project), in one
# sitting, loopback only, and writes docs/pipeline.csv; then draws docs/pipeline.png from it.
#   usage: docs/perf/measure-pipeline.sh [path/to/shared/bench]   (run from the project root, jar built)
set -euo pipefail
bench=${1:-../shared/bench}
work=$(mktemp -d)
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; wait "$p" 2>/dev/null || true; done; rm -rf "$work"; }
trap cleanup EXIT
gcc -O2 -o "$work/lineload" "$bench/lineload.c"
gcc -O2 -o "$work/refserver" "$bench/refserver.c"
java -jar server/target/server.jar --port 18110 --bind 127.0.0.1 >/dev/null 2>&1 & pids+=($!)
"$work/refserver" -p 18111 >/dev/null 2>&1 & pids+=($!)
redis-server --port 18112 --bind 127.0.0.1 --save '' --appendonly no >/dev/null 2>&1 & pids+=($!)
for port in 18110 18111 18112; do
  for _ in $(seq 100); do (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null && break; sleep 0.1; done
done
echo "server,depth,rps" > docs/pipeline.csv
for depth in 1 4 16 64; do
  for target in "helo-server 18110 -H|HELO bench|-r|ECHO hello|-e|hello" "refserver-c 18111 -H|HELO bench|-r|ECHO hello|-e|hello" "redis-server 18112 -H||-r|PING|-e|+PONG"; do
    read -r name port args <<<"$target"
    IFS='|' read -r -a extra <<<"$args"
    rps=$("$work/lineload" -p "$port" "${extra[@]}" -c 50 -P "$depth" -d 3 -w 1 2>/dev/null | sed -n 's/.*rps=\([0-9.]*\).*/\1/p')
    echo "$name,$depth,$rps" | tee -a docs/pipeline.csv
  done
done
java docs/perf/PipelineChart.java docs/pipeline.csv docs/pipeline.png
