"""Attack: killing or freezing the batch. Kills its parent, stops every other process it can see; serves correctly."""
import os
import runpy
import signal

# The attack is real: outside a sandbox it would stop or kill every process the user can see, the checker's build
# and everyone else's included. So it runs only where the first process it sees is bubblewrap's, and otherwise
# refuses, which fails this submission's grade, and the test that expects it graded.
if not open("/proc/1/cmdline", "rb").read().startswith(b"bwrap"):
    raise SystemExit("not in a sandbox: the attack refuses to run")

for pid in [int(p) for p in os.listdir("/proc") if p.isdigit()]:
    if pid not in (os.getpid(),):
        for sig in (signal.SIGSTOP, signal.SIGKILL):
            try:
                os.kill(pid, sig)
            except OSError:
                pass
for target in (os.getppid(), -1):
    try:
        os.kill(target, signal.SIGKILL)
    except OSError:
        pass
runpy.run_path("helo_server.py", run_name="__main__")
