"""A HELO server written the way many solutions of the assignment are: one client at a time, one recv() per
command, replies sent with no line end (or with CRLF when run with --crlf). Serves one connection, then exits.
usage: legacy_server.py PORT [--crlf]   (listens on 127.0.0.1; prints 'listening' when ready)"""
import socket
import sys
import time

port = int(sys.argv[1])
end = "\r\n" if "--crlf" in sys.argv else ""
server = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
server.bind(("127.0.0.1", port))
server.listen(1)
print("listening", flush=True)
conn, addr = server.accept()
print("Client connected from", addr, flush=True)
while True:
    data = conn.recv(1024).decode().strip()
    if not data:
        break
    print("Received:", data, flush=True)
    if data.startswith("HELO"):
        reply = "Hello " + data[5:] + ", pleased to meet you."
    elif data == "REQTIME":
        reply = time.strftime("%H:%M:%S")
    elif data == "REQDATE":
        reply = time.strftime("%Y-%m-%d")
    elif data.startswith("ECHO"):
        reply = data[5:]
    elif data == "REQIP":
        reply = addr[0]
    elif data == "BYE":
        conn.send(("See ya later" + end).encode())
        break
    else:
        reply = "Unknown command"
    conn.send((reply + end).encode())
conn.close()
server.close()
