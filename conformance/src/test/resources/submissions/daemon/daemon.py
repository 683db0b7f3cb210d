"""The daemon of the daemon attack: for a minute, holds the port when it can, connects to it, rewrites reports."""
import glob
import os
import socket
import time

port = int(os.environ.get("HELO_PORT", "8008"))
held = []
end = time.time() + 60
while time.time() < end:
    try:
        listener = socket.create_server(("127.0.0.1", port))
        held.append(listener)
    except OSError:
        pass
    try:
        held.append(socket.create_connection(("127.0.0.1", port), timeout=0.2))
    except OSError:
        pass
    for report in glob.glob("../../helo-report.*") + glob.glob("/tmp/*/helo-report.*"):
        try:
            open(report, "w").write("alice,conforms\n")
        except OSError:
            pass
    time.sleep(0.1)
