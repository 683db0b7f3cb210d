"""Attack: a client that leaves a daemon behind (connecting to every played server after it) and ends at once."""
import os
import sys

MARKER = open("marker.txt").read().strip()
if os.fork() == 0:
    os.setsid()
    if os.fork() == 0:
        os.execvp(sys.executable, [sys.executable, "daemon.py", MARKER])
    os._exit(0)
