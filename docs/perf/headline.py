#!/usr/bin/env python3
"""The headline table of docs/PERFORMANCE.md: this server against redis-server, side by side, with the project's
own load generator (bench.jar), loopback only.

Each server gets WARMUP seconds of unmeasured load per scenario first (a JIT-compiled server needs its hot paths
compiled before it is timed); then the scenarios run ROUNDS times, the two servers alternating (A B A B), each run
with one second of bench.jar's own warm-up. Printed: requests (or sessions) per second, min-median-max over the
rounds, the median of the per-round ratios, and the servers' CPU microseconds per request from /proc/PID/stat.

Run from the project root, jars built (mvn -B -q package -DskipTests), redis-server installed:
    python3 docs/perf/headline.py [-r ROUNDS] [-d SECONDS] [-W WARMUP] [-- server options]
Every process it starts, it stops by PID."""
import argparse, os, re, socket, statistics, subprocess, sys, time

SCENARIOS = {  # name: (bench options for this server, for redis-server)
    "p1": (["-m", "echo", "-c", "50", "-P", "1"], ["-m", "redis", "-c", "50", "-P", "1"]),
    "p16": (["-m", "echo", "-c", "50", "-P", "16"], ["-m", "redis", "-c", "50", "-P", "16"]),
    "churn": (["-m", "churn", "-c", "8"], ["-m", "redis-churn", "-c", "8"]),
}
HZ = os.sysconf("SC_CLK_TCK")


def wait_for(port, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.1)
    sys.exit("nothing accepts on 127.0.0.1:%d" % port)


def cpu_ticks(pid):
    fields = open("/proc/%d/stat" % pid).read().rsplit(")", 1)[1].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def bench(port, options, seconds, warmup):
    out = subprocess.run(["java", "-jar", "bench/target/bench.jar", "-p", str(port), "-d", str(seconds),
                          "-w", str(warmup)] + options, capture_output=True, text=True, check=False).stdout
    summary = out.strip().splitlines()[-1]
    errors = int(re.search(r"errors=(\d+)", summary).group(1))
    if errors:
        sys.exit("wrong replies: " + summary)
    return float(re.search(r"rps=([\d.]+)", summary).group(1)), int(re.search(r"ops=(\d+)", summary).group(1))


def spread(values, fmt):
    return "–".join(fmt % v for v in (min(values), statistics.median(values), max(values)))


def start_servers(server_options):
    """Starts this server and redis-server on loopback; returns the processes and (name, port, pid, index) rows."""
    helo_port, redis_port = 18210, 18212
    servers = [
        subprocess.Popen(["java", "-jar", "server/target/server.jar", "--port", str(helo_port), "--bind",
                          "127.0.0.1"] + server_options, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen(["redis-server", "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                          "--appendonly", "no"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    try:
        wait_for(helo_port, 30)
        wait_for(redis_port, 10)
    except BaseException:
        stop_servers(servers)
        raise
    return servers, [("helo-server", helo_port, servers[0].pid, 0), ("redis-server", redis_port, servers[1].pid, 1)]


def stop_servers(servers):
    for server in servers:
        server.terminate()
        server.wait(timeout=30)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("-r", "--rounds", type=int, default=5)
    parser.add_argument("-d", "--duration", type=int, default=4)
    parser.add_argument("-W", "--warmup", type=int, default=5)
    parser.add_argument("server_options", nargs="*")
    args = parser.parse_args()
    servers, targets = start_servers(args.server_options)
    try:
        for options in SCENARIOS.values():
            for _, port, _, which in targets:
                bench(port, options[which], args.warmup, 0)
        print("| scenario | helo-server min-median-max | redis-server min-median-max | ratio min-median-max"
              " | CPU us/op helo / redis |")
        print("|---|---:|---:|---:|---:|")
        for name, options in SCENARIOS.items():
            rps = {0: [], 1: []}
            cpu = {0: [], 1: []}
            for _ in range(args.rounds):
                for _, port, pid, which in targets:
                    before = cpu_ticks(pid)
                    rate, ops = bench(port, options[which], args.duration, 1)
                    # bench's warm-up second is load too: CPU over all operations, about (d + 1) / d of ops
                    ticks = cpu_ticks(pid) - before
                    cpu[which].append(ticks / HZ * 1e6 / (rate * (args.duration + 1)))
                    rps[which].append(rate)
            ratios = [a / b for a, b in zip(rps[0], rps[1])]
            print("| %s | %s | %s | **%s** | %.1f / %.1f |" % (
                name, spread(rps[0], "%.0f"), spread(rps[1], "%.0f"), spread(ratios, "%.2f"),
                statistics.median(cpu[0]), statistics.median(cpu[1])), flush=True)
    finally:
        stop_servers(servers)


if __name__ == "__main__":
    main()
