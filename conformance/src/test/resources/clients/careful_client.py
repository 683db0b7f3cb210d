"""A careful classroom client for the checker's tests: takes a reply without a line end as complete after a quiet
second, and ends its session at once when the server ends it ("ERR busy ..." or a closed connection).
The port comes from HELO_PORT (the checker sets it); the server is this machine."""
import os
import socket
import sys

port = int(os.environ.get("HELO_PORT", "8008"))
connection = socket.create_connection(("127.0.0.1", port), timeout=10)


def reply():
    """One reply: up to its line end, or what came before a quiet second; None once the server has closed."""
    got = b""
    connection.settimeout(10)
    while not got.endswith(b"\n"):
        try:
            more = connection.recv(1)
        except socket.timeout:
            break
        if not more:
            return got.decode("utf-8", "replace") if got else None
        got += more
        connection.settimeout(1)
    return got.decode("utf-8", "replace").rstrip("\r\n")


for command in ["HELO " + socket.gethostname(), "REQTIME", "REQDATE", "ECHO this is some random text.", "REQIP",
                "BYE"]:
    connection.sendall((command + "\r\n").encode("utf-8"))
    answer = reply()
    print("sent", command, "got", answer)
    if answer is None or answer.startswith("ERR busy"):
        print("the server ended the session")
        break
connection.close()
sys.exit(0)
