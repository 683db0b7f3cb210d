#!/usr/bin/env python3
"""A connect/close flood from one address against a canary from another, in a network namespace of its own.

Runs as root (unshare -n): the namespace has its own loopback, ports and TCP counters, so nothing else on the
machine shows in nstat's numbers and nothing else is flooded. The server is pinned to one core and the C flooder
(connflood.c, compiled here with gcc) to the other; the canary (this script, unpinned) does one whole session from
127.0.0.2 every 0.1 s, before the flood and during it, and every reply is checked. Prints, per phase, the canary's
sessions, failures, p50/p99/max, sessions slower than 1 s (a dropped SYN is retransmitted after 1 s), and the
kernel's counters (ListenOverflows, ListenDrops, SYN retransmits, request-queue drops, SYN cookies sent).

    python3 docs/perf/flood.py [--jar server/target/server.jar] [--before 10] [--during 20] [--inflight 64]
                              [-- SERVER OPTIONS]
"""
import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time

PORT = 8008
COUNTERS = ["TcpExtListenOverflows", "TcpExtListenDrops", "TcpExtTCPSynRetrans", "TcpExtTCPReqQFullDrop",
            "TcpExtSyncookiesSent", "TcpExtTCPReqQFullDoCookies"]
SESSION = b"HELO canary\r\nECHO alive\r\nREQIP\r\nBYE\r\n"
EXPECTED = b"Hello canary, pleased to meet you.\r\nalive\r\n127.0.0.2\r\nSee ya later\r\n"


def nstat():
    out = subprocess.run(["nstat", "-az"], capture_output=True, text=True, check=True).stdout
    values = {}
    for line in out.splitlines():
        fields = line.split()
        if len(fields) >= 2 and fields[0] in COUNTERS:
            values[fields[0]] = int(fields[1])
    return values


def session():
    """One whole canary session: its time in seconds, or None if it failed."""
    start = time.monotonic()
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
            s.settimeout(10)
            s.bind(("127.0.0.2", 0))
            s.connect(("127.0.0.1", PORT))
            s.sendall(SESSION)
            got = b""
            while True:
                chunk = s.recv(4096)
                if not chunk:
                    break
                got += chunk
        return time.monotonic() - start if got == EXPECTED else None
    except OSError:
        return None


def canary(seconds):
    times, failed = [], 0
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        took = session()
        if took is None:
            failed += 1
        else:
            times.append(took)
        time.sleep(0.1)
    return times, failed


def report(name, times, failed, before, after):
    times = sorted(times)

    def pct(p):
        return times[min(len(times) - 1, max(0, int(round(p / 100 * len(times))) - 1))] * 1000 if times else 0

    counters = ", ".join("%s %d" % (k.replace("TcpExt", ""), after.get(k, 0) - before.get(k, 0)) for k in COUNTERS)
    print("%-7s canary %d sessions, %d failed (%.1f %%), p50 %.2f ms, p99 %.2f ms, max %.1f ms, over 1 s: %d; %s"
          % (name, len(times) + failed, failed, 100.0 * failed / max(1, len(times) + failed), pct(50), pct(99),
             (times[-1] * 1000 if times else 0), sum(1 for t in times if t > 1), counters), flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--jar", default="server/target/server.jar")
    parser.add_argument("--before", type=float, default=10)
    parser.add_argument("--during", type=float, default=20)
    parser.add_argument("--inflight", type=int, default=64, help="the flooder's connects in flight at once")
    parser.add_argument("--firewall", type=int, default=0, metavar="SYN_PER_S",
                        help="drop each source address's SYNs above this rate (nft meter), as an operator would")
    parser.add_argument("server_options", nargs="*")
    args = parser.parse_args()
    if os.environ.get("FLOOD_IN_NAMESPACE") != "1":
        # again, inside a network namespace of our own, with its loopback up
        os.environ["FLOOD_IN_NAMESPACE"] = "1"
        os.execvp("unshare", ["unshare", "-n", "sh", "-c", 'ip link set lo up && exec "$@"', "sh",
                              sys.executable] + sys.argv)
    if args.firewall:
        rules = ("table inet flood {\n chain input {\n  type filter hook input priority 0;\n  tcp dport %d tcp flags"
                 " syn meter per_source { ip saddr limit rate over %d/second burst %d packets } drop\n }\n}\n"
                 % (PORT, args.firewall, args.firewall))
        subprocess.run(["nft", "-f", "-"], input=rules, text=True, check=True)
    with tempfile.TemporaryDirectory() as work:
        flooder = os.path.join(work, "connflood")
        subprocess.run(["gcc", "-O2", "-o", flooder, os.path.join(os.path.dirname(__file__), "connflood.c")],
                       check=True)
        server = subprocess.Popen(["taskset", "-c", "1", "java", "-jar", args.jar, "--bind", "127.0.0.1", "--port",
                                   str(PORT)] + args.server_options, stdout=subprocess.DEVNULL,
                                  stderr=open(os.path.join(work, "server.log"), "w"))
        try:
            deadline = time.monotonic() + 60
            while session() is None:
                if time.monotonic() > deadline or server.poll() is not None:
                    sys.exit("the server did not start")
                time.sleep(0.2)
            canary(2)  # warm-up, not counted
            print("load average:", open("/proc/loadavg").read().split()[:3], "somaxconn:",
                  open("/proc/sys/net/core/somaxconn").read().strip(), flush=True)
            first = nstat()
            times, failed = canary(args.before)
            second = nstat()
            report("before", times, failed, first, second)
            flood = subprocess.Popen(["taskset", "-c", "0", flooder, "127.0.0.1", str(PORT), "10000000",
                                      str(args.during), str(args.inflight)], stdout=subprocess.PIPE, text=True)
            result = {}
            worker = threading.Thread(target=lambda: result.update(zip(("times", "failed"), canary(args.during))))
            worker.start()
            worker.join()
            out = flood.communicate(timeout=args.during + 60)[0].strip()
            third = nstat()
            report("during", result["times"], result["failed"], second, third)
            print(out, flush=True)
            with open(os.path.join(work, "server.log")) as log:
                for line in log:
                    if "refused" in line or "WARN" in line:
                        print("server:", line.rstrip()[:300])
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
