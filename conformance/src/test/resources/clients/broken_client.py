"""A classroom client for the checker's tests: correct, or with the one defect named by its argument (or in the
file defect.txt beside it, for a batch of submissions run without arguments).
The port comes from HELO_PORT (the checker sets it); the server is this machine."""
import os
import re
import socket
import sys

defect = sys.argv[1] if len(sys.argv) > 1 else (open("defect.txt").read().strip() if os.path.exists("defect.txt")
                                                else "none")
port = int(os.environ.get("HELO_PORT", "8008"))
if defect == "reads-stdin":
    name = input("Server name? ")  # an interactive client: fails with its input closed
commands = ["HELO " + socket.gethostname(), "REQTIME", "REQDATE", "ECHO this is some random text.", "REQIP", "BYE"]
if defect == "skip-helo":
    commands = commands[1:]
if defect == "skip-command":
    commands.remove("REQIP")
if defect == "no-bye":
    commands.remove("BYE")
if defect == "lower-case":
    commands = [c.split(" ", 1)[0].lower() + c[len(c.split(" ", 1)[0]):] for c in commands]
end = "" if defect == "no-line-ends" else "\r\n"
connection = socket.create_connection(("127.0.0.1", port), timeout=10)
if defect == "silent":  # connects, says nothing, leaves
    connection.close()
    sys.exit(0)
if defect == "no-read":  # sends the whole session at once and leaves without reading a reply
    for command in commands:
        connection.sendall((command + end).encode("utf-8"))
        print("sent", command)
    connection.close()
    sys.exit(0)
replies = connection.makefile("rb")
MEANINGS = {"empty-line": "empty line", "unknown-command": "unknown command", "bad-argument": "bad argument",
            "helo-required": "say HELO first"}
for command in commands:
    connection.sendall((command + end).encode("utf-8"))
    reply = replies.readline()
    if defect == "crlf-only" and not reply.endswith(b"\r\n"):  # strict: a reply must end with CR LF
        print("malformed reply", reply)
        sys.exit(1)
    text = reply.decode("utf-8").rstrip()
    if defect == "known-errors" and text.startswith("ERR "):
        print("error:", MEANINGS[text.split(" ")[1]])  # a token it does not know: KeyError
    if defect == "ipv4-only" and command == "REQIP" and not re.fullmatch(r"[0-9]+(\.[0-9]+){3}", text):
        print("bad address", text)
        sys.exit(1)
    print("sent", command, "got", text)
connection.close()
