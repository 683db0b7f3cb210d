"""A classroom server for the checker's tests, as many are written from the assignment: one thread per client,
CRLF replies, no limits. The port comes from HELO_PORT (the checker sets it), 8008 otherwise."""
import datetime
import os
import socket
import threading

PORT = int(os.environ.get("HELO_PORT", "8008"))


def serve(connection, address):
    greeted = False
    with connection:
        for raw in connection.makefile("rb"):
            line = raw.decode("utf-8", "replace").rstrip("\r\n")
            command, _, argument = line.partition(" ")
            command = command.upper()
            if command == "BYE":
                connection.sendall(b"See ya later\r\n")
                return
            if command == "HELO" and argument:
                greeted = True
                reply = "Hello %s, pleased to meet you." % argument
            elif not greeted and command in ("REQTIME", "REQDATE", "ECHO", "REQIP"):
                reply = "ERR helo-required say HELO first"
            elif command == "REQTIME":
                reply = datetime.datetime.now().strftime("%H:%M:%S")
            elif command == "REQDATE":
                reply = datetime.date.today().isoformat()
            elif command == "ECHO":
                reply = argument
            elif command == "REQIP":
                reply = address[0]
            else:
                reply = "ERR unknown-command unknown command"
            connection.sendall((reply + "\r\n").encode("utf-8"))


listener = socket.create_server(("127.0.0.1", PORT))
print("listening on port", PORT, flush=True)
while True:
    client, client_address = listener.accept()
    threading.Thread(target=serve, args=(client, client_address), daemon=True).start()
