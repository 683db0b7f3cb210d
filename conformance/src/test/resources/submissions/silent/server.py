"""Attack: a silent server. Accepts every connection and never answers."""
import os
import socket

listener = socket.create_server(("127.0.0.1", int(os.environ.get("HELO_PORT", "8008"))))
held = []
while True:
    held.append(listener.accept()[0])
