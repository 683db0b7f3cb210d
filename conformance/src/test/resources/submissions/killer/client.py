"""Attack: a client that kills its parent and stops every process it can see, then runs a correct session."""
import os
import runpy
import signal

# The attack is real: outside a sandbox it would stop or kill every process the user can see, the checker's build
# and everyone else's included. So it runs only where the first process it sees is bubblewrap's, and otherwise
# refuses, which fails this submission's grade, and the test that expects it graded.
if not open("/proc/1/cmdline", "rb").read().startswith(b"bwrap"):
    raise SystemExit("not in a sandbox: the attack refuses to run")

for target, sig in ((os.getppid(), signal.SIGKILL), (-1, signal.SIGSTOP), (1, signal.SIGSTOP)):
    try:
        os.kill(target, sig)
    except OSError:
        pass
runpy.run_path("client_session.py", run_name="__main__")
