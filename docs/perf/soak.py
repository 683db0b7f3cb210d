#!/usr/bin/env python3
"""Soak: minutes of mixed traffic against the built server jar, on loopback, watching that nothing grows.

Run from the project root with the jar built (mvn -B -q package -DskipTests):

    python3 docs/perf/soak.py                                   # 30 minutes, a sample every 30 s
    python3 docs/perf/soak.py --minutes 1 --interval 5 --warmup 20   # what .ci/run does

It starts `java -jar server/target/server.jar` on free loopback ports, plaintext and TLS (a certificate made with
openssl), with a fixed heap (-Xms = -Xmx, pre-touched), so that resident memory that grows is native memory and not
the heap being sized. Then, until the time is up, clients of five kinds run side by side, each checking every reply
byte for byte: normal sessions (the assignment's six commands, one at a time), pipeliners (hundreds of requests in one
write), slow readers (thousands of requests, replies read slowly, so that the server pauses reading them), abusive
clients (endless lines, binary garbage, too many errors, HTTP, TLS at the plaintext port and plaintext at the TLS
port, resets, silent connections, half-closes) and TLS sessions. Every --interval seconds it samples the server's
resident memory, its live heap after a full GC (jcmd GC.class_histogram), its metaspace, threads and file
descriptors.

It fails (exit status 1) if a reply was wrong, if any of those measures grows after the warm-up (the mean of the last
third of the samples after it against the mean of the first third, beyond a tolerance per measure), if the live heap
and the descriptors do not come back to their idle level once the clients stop, or if the server does not stop
cleanly on SIGTERM. The load
comes from this process, not from another JVM, so that nothing measured is shared with the load generator. Every
loop is bounded by the run's deadline; everything is on 127.0.0.1.
"""
import argparse
import asyncio
import json
import os
import random
import re
import shutil
import signal
import socket
import ssl
import struct
import subprocess
import sys
import tempfile
import threading
import time

TIME = re.compile(rb"([01]\d|2[0-3]):[0-5]\d:[0-5]\d\r\n")
DATE = re.compile(rb"\d{4}-\d{2}-\d{2}\r\n")
LISTENING = re.compile(r"listening on 127\.0\.0\.1:(\d+), TLS on 127\.0\.0\.1:(\d+)")
HISTOGRAM_TOTAL = re.compile(r"^Total\s+\d+\s+(\d+)\s*$", re.MULTILINE)
META_USED = re.compile(r"Metaspace\s+used (\d+)K")
REPLY_TIMEOUT = 30  # seconds; a reply later than this is a failure, not a wait
MIB = 1024
# Growth allowed between the first and the last third of the samples after the warm-up, as a fraction of the first
# or an amount (KiB, or a count), whichever is larger. The live heap under load holds what the clients of the moment
# have in flight (unsent replies, unanswered requests, TLS records: up to about 200 KiB each), which varies from one
# sample to the next; the live heap once the clients are gone is held to the idle level (AFTER_TOLERANCE): a leak
# shows there whatever the noise under load.
TOLERANCE = {"rss_kib": (0.05, 24 * MIB), "heap_kib": (0.10, 2 * MIB), "metaspace_kib": (0.02, 2 * MIB),
             "threads": (0.0, 2), "fds": (0.10, 16)}
AFTER_TOLERANCE = (0.10, 2 * MIB)
ERR_WRONG_PROTOCOL = b"ERR wrong-protocol this is a HELO server, closing connection\r\n"


class Failure(Exception):
    """A reply that is not what the protocol says."""


class Tally:
    """Sessions run and failed, by kind."""

    def __init__(self):
        self.ok = {}
        self.failed = {}
        self.first_failures = []

    def record(self, kind, error=None):
        table = self.ok if error is None else self.failed
        table[kind] = table.get(kind, 0) + 1
        if error is not None and len(self.first_failures) < 10:
            self.first_failures.append("%s: %r" % (kind, error))

    def total(self):
        return sum(self.ok.values()), sum(self.failed.values())


async def expect(reader, wanted):
    line = await asyncio.wait_for(reader.readline(), REPLY_TIMEOUT)
    ok = wanted.fullmatch(line) if isinstance(wanted, re.Pattern) else line == wanted
    if not ok:
        raise Failure("expected %r, got %r" % (wanted if isinstance(wanted, bytes) else wanted.pattern, line))


async def expect_close(reader):
    try:
        rest = await asyncio.wait_for(reader.read(1), REPLY_TIMEOUT)
    except ConnectionResetError:
        rest = b""  # a reset after the server's last line, for octets it did not read
    if rest:
        raise Failure("expected the close, got %r" % rest)


async def close(writer):
    writer.close()
    try:
        await asyncio.wait_for(writer.wait_closed(), REPLY_TIMEOUT)
    except (OSError, asyncio.TimeoutError, ssl.SSLError):
        pass


async def session(reader, writer, name):
    """The assignment's session, one request at a time."""
    writer.write(b"HELO %s\r\n" % name)
    await expect(reader, b"Hello %s, pleased to meet you.\r\n" % name)
    for request, reply in ((b"REQTIME", TIME), (b"REQDATE", DATE), (b"ECHO soak " + name, b"soak " + name + b"\r\n"),
                           (b"REQIP", b"127.0.0.1\r\n"), (b"BYE", b"See ya later\r\n")):
        writer.write(request + b"\r\n")
        await expect(reader, reply)
    await expect_close(reader)


async def normal(ports, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", ports["plain"])
    try:
        await session(reader, writer, b"n%d" % n)
    finally:
        await close(writer)


async def tls(ports, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", ports["tls"], ssl=ports["context"],
                                                   server_hostname="localhost")
    try:
        await session(reader, writer, b"t%d" % n)
    finally:
        await close(writer)


async def pipeliner(ports, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", ports["plain"])
    try:
        count = 300
        writer.write(b"HELO p\r\n" + b"".join(b"ECHO %d %d\r\n" % (n, i) for i in range(count)) + b"BYE\r\n")
        await expect(reader, b"Hello p, pleased to meet you.\r\n")
        for i in range(count):
            await expect(reader, b"%d %d\r\n" % (n, i))
        await expect(reader, b"See ya later\r\n")
        await expect_close(reader)
    finally:
        await close(writer)


async def slow_reader(ports, n):
    """Thousands of requests written while the replies are read slowly: the server pauses reading, then resumes."""
    reader, writer = await asyncio.open_connection("127.0.0.1", ports["plain"], limit=1 << 20)
    padding = b"s" * 96
    count = 1500

    async def send():
        writer.write(b"HELO slow\r\n")
        for i in range(count):
            writer.write(b"ECHO %s%d\r\n" % (padding, i))
            if i % 100 == 99:
                await asyncio.wait_for(writer.drain(), REPLY_TIMEOUT)
        writer.write(b"BYE\r\n")
        await asyncio.wait_for(writer.drain(), REPLY_TIMEOUT)

    sending = asyncio.ensure_future(send())
    try:
        await expect(reader, b"Hello slow, pleased to meet you.\r\n")
        for i in range(count):
            if i % 50 == 0:
                await asyncio.sleep(0.005)  # the slowness being simulated, not a wait for an event
            await expect(reader, b"%s%d\r\n" % (padding, i))
        await expect(reader, b"See ya later\r\n")
        await expect_close(reader)
        await sending
    finally:
        sending.cancel()
        await close(writer)


async def abusive(ports, n):
    """One of the attacks the hardening tests know, in turn."""
    kind = n % 9
    port = ports["tls"] if kind == 6 else ports["plain"]
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        if kind == 0:  # an endless line: too long at once, then unterminated past the discard limit
            writer.write(b"HELO x\r\n" + b"A" * 80_000)
            await expect(reader, b"Hello x, pleased to meet you.\r\n")
            await expect(reader, b"ERR line-too-long request line too long\r\n")
            await expect(reader, b"ERR unterminated-line no line end in sight, closing connection\r\n")
            await expect_close(reader)
        elif kind == 1:  # binary garbage, then gone without reading
            writer.write(bytes(random.getrandbits(8) for _ in range(2048)))
            await asyncio.wait_for(writer.drain(), REPLY_TIMEOUT)
        elif kind == 2:  # too many errors
            writer.write(b"FOO\r\n" * 12)
            for _ in range(10):
                await expect(reader, b"ERR unknown-command unknown command\r\n")
            await expect(reader, b"ERR too-many-errors too many errors, closing connection\r\n")
            await expect_close(reader)
        elif kind == 3:  # HTTP
            writer.write(b"GET / HTTP/1.1\r\nHost: soak\r\n\r\n")
            await expect(reader, ERR_WRONG_PROTOCOL)
            await expect_close(reader)
        elif kind == 4:  # a TLS ClientHello at the plaintext port
            writer.write(bytes([0x16, 0x03, 0x01, 0x00, 0x05, 0x01, 0x00, 0x00, 0x01, 0x03]))
            await expect(reader, ERR_WRONG_PROTOCOL)
            await expect_close(reader)
        elif kind == 5:  # a reset in the middle of a session
            writer.write(b"HELO r\r\nREQTIME\r\n")
            await expect(reader, b"Hello r, pleased to meet you.\r\n")
            sock = writer.get_extra_info("socket")
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
        elif kind == 6:  # plaintext at the TLS port
            writer.write(b"HELO x\r\n")
            await expect(reader, b"ERR tls-required this port speaks TLS only, closing connection\r\n")
            await expect_close(reader)
        elif kind == 7:  # a silent connection that goes away
            await asyncio.sleep(0.5)  # staying silent is the attack
        else:  # a last line without line end, then a half-close
            writer.write(b"HELO h\r\nECHO half")
            writer.write_eof()
            await expect(reader, b"Hello h, pleased to meet you.\r\n")
            await expect(reader, b"half\r\n")
            await expect_close(reader)
    finally:
        await close(writer)


async def worker(kind, scenario, ports, deadline, tally, first):
    n = first
    while time.monotonic() < deadline:
        try:
            await scenario(ports, n)
            tally.record(kind)
        except (Failure, OSError, ValueError, asyncio.TimeoutError, ssl.SSLError, asyncio.IncompleteReadError) as e:
            tally.record(kind, e)
        n += 1


def jcmd(pid, command):
    return subprocess.run([JCMD, str(pid), command], capture_output=True, text=True, timeout=60).stdout


def sample(pid, started, sessions):
    """The server's measures now. The live heap is GC.class_histogram's total: it collects the garbage and counts
    what is left in one step, whereas GC.run followed by GC.heap_info would also count what the server allocated
    between the two commands."""
    status = open("/proc/%d/status" % pid).read()
    histogram = jcmd(pid, "GC.class_histogram")
    meta = META_USED.search(jcmd(pid, "GC.heap_info"))
    return {
        "seconds": round(time.monotonic() - started),
        "sessions": sessions,
        "rss_kib": int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1)),
        "heap_kib": int(HISTOGRAM_TOTAL.search(histogram).group(1)) // 1024,
        "metaspace_kib": int(meta.group(1)) if meta else 0,
        "threads": int(re.search(r"Threads:\s+(\d+)", status).group(1)),
        "fds": len(os.listdir("/proc/%d/fd" % pid)),
    }


def show(s):
    return ("t=%5ds  rss %7.1f MiB  live heap %6.1f MiB  metaspace %5.1f MiB  threads %3d  fds %4d  sessions %d"
            % (s["seconds"], s["rss_kib"] / MIB, s["heap_kib"] / MIB, s["metaspace_kib"] / MIB, s["threads"],
               s["fds"], s["sessions"]))


def trends(samples, warmup):
    """The measures that grew after the warm-up: the last third's mean against the first third's."""
    after = [s for s in samples if s["seconds"] >= warmup]
    if len(after) < 3:
        return ["too few samples after the warm-up (%d): run longer or sample more often" % len(after)]
    third = max(1, len(after) // 3)
    grown = []
    for measure, (fraction, floor) in TOLERANCE.items():
        first = sum(s[measure] for s in after[:third]) / third
        last = sum(s[measure] for s in after[-third:]) / third
        allowed = max(first * fraction, floor)
        if last - first > allowed:
            grown.append("%s grew from %.0f to %.0f (more than %.0f allowed)" % (measure, first, last, allowed))
    return grown


def make_certificate(folder):
    cert, key = os.path.join(folder, "cert.pem"), os.path.join(folder, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", key, "-out", cert, "-days", "2", "-subj", "/CN=localhost",
                    "-addext", "subjectAltName=DNS:localhost"], check=True, capture_output=True)
    return cert, key


def start_server(jar, cert, key, heap):
    command = ["java", "-Xms" + heap, "-Xmx" + heap, "-XX:+AlwaysPreTouch", "-jar", jar, "--bind", "127.0.0.1",
               "--port", "0", "--tls-port", "0", "--tls-cert", cert, "--tls-key", key,
               "--max-connection-rate", "0"]  # all its clients come from one address, thousands a minute
    server = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    deadline = time.monotonic() + 60
    for line in server.stdout:  # ends at the server's first lines or its exit
        match = LISTENING.search(line)
        if match:
            return server, int(match.group(1)), int(match.group(2))
        if time.monotonic() > deadline:
            break
    server.kill()
    raise SystemExit("soak: the server did not say where it listens")


def drain(stream):
    for _ in stream:  # keep the server's log pipe from filling; its lines are not needed
        pass


async def run(args, ports, server, tally, started):
    deadline = time.monotonic() + args.minutes * 60
    plan = (("normal", normal, args.clients), ("pipeliner", pipeliner, max(1, args.clients // 4)),
            ("slow reader", slow_reader, max(1, args.clients // 4)), ("abusive", abusive, max(1, args.clients // 2)),
            ("tls", tls, max(1, args.clients // 4)))
    workers = [asyncio.ensure_future(worker(kind, scenario, ports, deadline, tally, i * 1_000_000))
               for kind, scenario, count in plan for i in range(count)]
    samples = []
    loop = asyncio.get_running_loop()
    next_sample = time.monotonic()
    while time.monotonic() < deadline:
        await asyncio.sleep(max(0.0, min(next_sample, deadline) - time.monotonic()))  # the sampling period
        if time.monotonic() >= deadline:
            break
        s = await loop.run_in_executor(None, sample, server.pid, started, tally.total()[0])
        samples.append(s)
        print(show(s), flush=True)
        next_sample += args.interval
    await asyncio.gather(*workers)
    return samples


def idle_fds(pid, baseline, seconds):
    """Descriptors once the clients are gone: polled, for at most {seconds}, until back near the idle level."""
    end = time.monotonic() + seconds
    while True:
        fds = len(os.listdir("/proc/%d/fd" % pid))
        if fds <= baseline + 2 or time.monotonic() > end:
            return fds
        time.sleep(0.5)  # waiting for lingering sessions of another process to end


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--minutes", type=float, default=30)
    parser.add_argument("--interval", type=float, default=30, help="seconds between samples")
    parser.add_argument("--warmup", type=float, default=None, help="seconds before trends count (default: a sixth)")
    parser.add_argument("--clients", type=int, default=8, help="normal clients; the other kinds in proportion")
    parser.add_argument("--heap", default="256m")
    parser.add_argument("--jar", default="server/target/server.jar")
    parser.add_argument("--json", help="write the samples and the verdict to this file")
    args = parser.parse_args()
    warmup = args.warmup if args.warmup is not None else args.minutes * 60 / 6
    if not os.path.exists(args.jar):
        raise SystemExit("soak: %s not found: build it first (mvn -B -q package -DskipTests)" % args.jar)
    with tempfile.TemporaryDirectory(prefix="helo-soak-") as folder:
        cert, key = make_certificate(folder)
        context = ssl.create_default_context(cafile=cert)
        server, plain, tls_port = start_server(args.jar, cert, key, args.heap)
        threading.Thread(target=drain, args=(server.stdout,), daemon=True).start()
        tally = Tally()
        try:
            time.sleep(1)  # the server's own start-up settles before the idle baseline
            started = time.monotonic()
            baseline = sample(server.pid, started, 0)
            print("idle:   " + show(baseline), flush=True)
            ports = {"plain": plain, "tls": tls_port, "context": context}
            samples = asyncio.run(run(args, ports, server, tally, started))
            fds_after = idle_fds(server.pid, baseline["fds"], 30)
            after = sample(server.pid, started, tally.total()[0])
            after["fds"] = fds_after
            print("after:  " + show(after), flush=True)
        finally:
            server.send_signal(signal.SIGTERM)
            try:
                status = server.wait(timeout=60)
            except subprocess.TimeoutExpired:
                server.kill()
                status = "killed after 60 s"
    problems = trends(samples, warmup)
    ok, failed = tally.total()
    if failed:
        problems.append("%d sessions failed: %s" % (failed, "; ".join(tally.first_failures)))
    heap_allowed = max(baseline["heap_kib"] * AFTER_TOLERANCE[0], AFTER_TOLERANCE[1])
    if after["heap_kib"] - baseline["heap_kib"] > heap_allowed:
        problems.append("the live heap did not come back to its idle level: %d KiB, idle %d KiB"
                        % (after["heap_kib"], baseline["heap_kib"]))
    if fds_after > baseline["fds"] + 2:
        problems.append("descriptors did not come back to their idle level: %d, idle %d" % (fds_after, baseline["fds"]))
    if status != 0:
        problems.append("the server did not stop cleanly on SIGTERM: %s" % status)
    middle = samples[len(samples) // 2] if samples else None
    print("sessions: %s; failed: %d" % (", ".join("%s %d" % (k, v) for k, v in sorted(tally.ok.items())), failed))
    for label, s in (("idle", baseline), ("start", samples[0] if samples else None), ("middle", middle),
                     ("end", samples[-1] if samples else None), ("after", after)):
        if s:
            print("%-6s  %s" % (label, show(s)))
    print("soak: " + ("PASSED, nothing grew after the warm-up of %d s" % warmup if not problems
                      else "FAILED: " + "; ".join(problems)), flush=True)
    if args.json:
        with open(args.json, "w") as f:
            json.dump({"idle": baseline, "samples": samples, "after": after, "sessions": tally.ok,
                       "failed": tally.failed, "problems": problems}, f, indent=1)
    sys.exit(1 if problems else 0)


JCMD = shutil.which("jcmd") or os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "jcmd")

if __name__ == "__main__":
    main()
