"""Attack: an endless reply. Every connection gets one line of x that never ends."""
import os
import socket
import threading

block = b"x" * 65536


def flood(connection):
    with connection:
        try:
            while True:
                connection.sendall(block)
        except OSError:
            pass


listener = socket.create_server(("127.0.0.1", int(os.environ.get("HELO_PORT", "8008"))))
while True:
    threading.Thread(target=flood, args=(listener.accept()[0],), daemon=True).start()
