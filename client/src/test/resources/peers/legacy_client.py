"""A HELO client written the way many solutions of the assignment are: each command sent with no line end (or
with CRLF when run with --crlf), then one recv() for its reply, printed.
usage: legacy_client.py PORT [--crlf]"""
import socket
import sys

port = int(sys.argv[1])
end = "\r\n" if "--crlf" in sys.argv else ""
sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
sock.connect(("127.0.0.1", port))
for command in ["HELO legacyhost", "REQTIME", "REQDATE", "ECHO this is some random text.", "REQIP", "BYE"]:
    sock.send((command + end).encode())
    reply = sock.recv(1024).decode()
    print(command, "->", repr(reply))
sock.close()
