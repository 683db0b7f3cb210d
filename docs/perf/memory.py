#!/usr/bin/env python3
"""Server RSS per idle connection: RSS with 10,000 connections that said HELO, minus RSS with none, divided by
10,000. Clients come from 100 loopback addresses (127.0.0.2-101), 100 each, within the per-address limit.
Run from the project root with the jar built: python3 docs/perf/memory.py [server options]"""
import socket, subprocess, time, sys, selectors
port = 18040
p = subprocess.Popen(["java", "-jar", "server/target/server.jar", "--port", str(port), "--bind", "127.0.0.1"] + sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
def rss():
    for l in open("/proc/%d/status" % p.pid):
        if l.startswith("VmRSS"): return int(l.split()[1])
while True:
    try: socket.create_connection(("127.0.0.1", port)).close(); break
    except OSError: time.sleep(0.05)
time.sleep(2)
r0 = rss()
socks = []
N = 10000
for i in range(N):
    s = socket.socket(); s.bind(("127.0.0.%d" % (2 + i // 100), 0)); s.connect(("127.0.0.1", port))
    s.sendall(b"HELO idle\r\n"); socks.append(s)
for s in socks:
    d = b""
    while not d.endswith(b"\n"): d += s.recv(100)
time.sleep(3)
r1 = rss()
print("RSS idle %d KiB, with %d connections %d KiB: %.2f KiB per connection" % (r0, N, r1, (r1 - r0) / N))
for s in socks: s.close()
p.terminate(); p.wait()
