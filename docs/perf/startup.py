#!/usr/bin/env python3
"""Time from `java -jar server/target/server.jar` to the first accepted connection, median of N runs.
Run from the project root with the jar built: python3 docs/perf/startup.py [N]"""
import socket, subprocess, time, statistics, sys
port = 18030
times = []
for i in range(int(sys.argv[1]) if len(sys.argv) > 1 else 7):
    t0 = time.monotonic()
    p = subprocess.Popen(["java", "-jar", "server/target/server.jar", "--port", str(port)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close(); break
        except OSError:
            time.sleep(0.005)
    times.append(time.monotonic() - t0)
    p.terminate(); p.wait()
print("startup median %.3f s, runs: %s" % (statistics.median(times), " ".join("%.3f" % t for t in times)))
