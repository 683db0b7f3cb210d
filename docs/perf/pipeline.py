#!/usr/bin/env python3
"""The chart of docs/PERFORMANCE.md: requests per second against pipeline depth, this server and redis-server side by
side, with the project's own load generator (bench.jar), loopback only.

Each server gets WARMUP seconds of unmeasured load first; then every depth runs ROUNDS times, the two servers
alternating. Writes docs/pipeline.csv (server,depth,min,median,max) and draws docs/pipeline.png from it.

Run from the project root, jars built (mvn -B -q package -DskipTests), redis-server installed:
    python3 docs/perf/pipeline.py [-r ROUNDS] [-d SECONDS] [-W WARMUP]
Every process it starts, it stops by PID."""
import argparse, statistics, subprocess

from headline import bench, start_servers, stop_servers

DEPTHS = [1, 4, 16, 64]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-r", "--rounds", type=int, default=3)
    parser.add_argument("-d", "--duration", type=int, default=3)
    parser.add_argument("-W", "--warmup", type=int, default=5)
    args = parser.parse_args()
    servers, targets = start_servers([])
    try:
        for _, port, _, which in targets:
            bench(port, ["-m", ("echo", "redis")[which], "-c", "50", "-P", "16"], args.warmup, 0)
        rows = ["server,depth,min,median,max"]
        for depth in DEPTHS:
            rps = {0: [], 1: []}
            for _ in range(args.rounds):
                for _, port, _, which in targets:
                    options = ["-m", ("echo", "redis")[which], "-c", "50", "-P", str(depth)]
                    rps[which].append(bench(port, options, args.duration, 1)[0])
            for name, _, _, which in targets:
                values = rps[which]
                rows.append("%s,%d,%.0f,%.0f,%.0f" % (name, depth, min(values), statistics.median(values),
                                                      max(values)))
                print(rows[-1], flush=True)
    finally:
        stop_servers(servers)
    with open("docs/pipeline.csv", "w") as csv:
        csv.write("\n".join(rows) + "\n")
    subprocess.run(["java", "docs/perf/PipelineChart.java", "docs/pipeline.csv", "docs/pipeline.png"], check=True)


if __name__ == "__main__":
    main()
