"""Attack: a drip-feeding server. Sends one octet every 0.4 s to every connection, never a line end."""
import os
import socket
import threading
import time


def drip(connection):
    with connection:
        try:
            while True:
                connection.sendall(b"x")
                time.sleep(0.4)
        except OSError:
            pass


listener = socket.create_server(("127.0.0.1", int(os.environ.get("HELO_PORT", "8008"))))
while True:
    threading.Thread(target=drip, args=(listener.accept()[0],), daemon=True).start()
