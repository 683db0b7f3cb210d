"""A correct HELO server in Python, for the checker's tests: PROTOCOL.md's replies, errors and limits, one thread per
client; or one with the single defect named by its argument or in the file defect.txt beside it, as students make
them:

  bare-lf            replies end with a bare LF
  lower-case         the whole request line is lower-cased before it is answered (greeting and echo included)
  cached-time        the time is read once, when the server starts
  recv-per-command   each recv() is taken as one command: pipelined requests run together
  no-bye-reply       BYE closes the connection without "See ya later"
  dies-on-unknown    the server crashes (exits with status 1) on an unknown command
  dies-on-disconnect the server crashes when a client disconnects without sending anything

The port comes from HELO_PORT (the checker sets it), 8008 otherwise."""
import datetime
import ipaddress
import os
import re
import socket
import sys
import threading
import unicodedata

PORT = int(os.environ.get("HELO_PORT", "8008"))
DEFECT = sys.argv[1] if len(sys.argv) > 1 else (open("defect.txt").read().strip() if os.path.exists("defect.txt")
                                                else "none")
STARTED = datetime.datetime.now()
LINE_END = "\n" if DEFECT == "bare-lf" else "\r\n"
MAX_LINE = 1000  # octets, line end included
MAX_DISCARD = 65536
MAX_ERRORS = 10
QUIET = 0.3  # seconds of silence after which octets without a line end are a line
IDLE = 300
EXPLANATIONS = {
    "empty-line": "empty request line", "unknown-command": "unknown command",
    "bad-argument": "wrong or missing argument", "helo-required": "say HELO first",
    "line-too-long": "request line too long", "invalid-utf8": "request is not valid UTF-8",
    "bad-character": "control character in request",
    "unterminated-line": "no line end in sight, closing connection",
    "too-many-errors": "too many errors, closing connection",
    "idle-timeout": "no request for too long, closing connection",
    "wrong-protocol": "this is a HELO server, closing connection"}
HTTP_REQUEST = re.compile(rb"^[A-Z]+ \S+ HTTP/[0-9]\.[0-9]$")  # another protocol's first line


def error(token):
    return "ERR %s %s" % (token, EXPLANATIONS[token])


def control(ch):
    code = ord(ch)
    return (code < 0x20 and ch != "\t") or code == 0x7F or 0x80 <= code <= 0x9F


def host_name(name):
    if not name or len(name.encode("utf-8")) > 255:
        return False
    for ch in name:
        if ord(ch) < 0xA0:
            if not 0x21 <= ord(ch) <= 0x7E:
                return False
        elif unicodedata.category(ch)[0] not in "LMNPS":
            return False
    return True


def address_of(peer):
    address = ipaddress.ip_address(peer[0].split("%")[0])
    if address.version == 6 and address.ipv4_mapped:
        address = address.ipv4_mapped
    return str(address)


class Session:
    def __init__(self, connection, peer):
        self.connection = connection
        self.peer = peer
        self.greeted = False
        self.errors = 0
        self.seen = False
        self.lines = 0

    def answer(self, raw):
        """The reply to one line (its octets without line end), and whether the session ends after it."""
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            return self.failed("invalid-utf8")
        if DEFECT == "lower-case":
            line = line.lower()
        if line == "":
            return self.failed("empty-line")
        if any(control(ch) for ch in line):
            return self.failed("bad-character")
        command, space, argument = line.partition(" ")
        command = command.upper()
        if command not in ("HELO", "REQTIME", "REQDATE", "ECHO", "REQIP", "BYE"):
            if DEFECT == "dies-on-unknown":
                os._exit(1)
            return self.failed("unknown-command")
        if command == "HELO":
            if not space or not host_name(argument):
                return self.failed("bad-argument")
            self.greeted = True
            return "Hello %s, pleased to meet you." % argument, False
        if command == "ECHO" and not space:
            return self.failed("bad-argument")
        if command not in ("ECHO",) and space:
            return self.failed("bad-argument")
        if command == "BYE":
            return (None if DEFECT == "no-bye-reply" else "See ya later"), True
        if not self.greeted:
            return self.failed("helo-required")
        if command == "REQTIME":
            return (STARTED if DEFECT == "cached-time" else datetime.datetime.now()).strftime("%H:%M:%S"), False
        if command == "REQDATE":
            return datetime.date.today().isoformat(), False
        if command == "ECHO":
            return argument, False
        return address_of(self.peer), False

    def failed(self, token):
        self.errors += 1
        return error(token), False

    def send(self, reply):
        if reply is None:
            return
        self.connection.sendall((reply + LINE_END).encode("utf-8"))

    def serve(self):
        pending = b""
        discarded = 0  # octets of an over-long line discarded so far; 0 when none is being discarded
        last = datetime.datetime.now()
        self.connection.settimeout(QUIET)
        while True:
            try:
                chunk = self.connection.recv(16384)
            except socket.timeout:
                if pending:  # silence ends a line without line end
                    line, pending = pending, b""
                    if self.line(line[:-1] if line.endswith(b"\r") else line):
                        return
                elif (datetime.datetime.now() - last).total_seconds() > IDLE:
                    self.send(error("idle-timeout"))
                    return
                continue
            if not chunk and DEFECT == "dies-on-disconnect" and not self.seen:
                os._exit(1)
            self.seen = True
            if DEFECT == "recv-per-command" and chunk:  # one recv(), one command
                if self.line(chunk.rstrip(b"\r\n")):
                    return
                continue
            if not chunk:  # the end of the stream ends a line too
                if pending:
                    self.line(pending[:-1] if pending.endswith(b"\r") else pending)
                return
            data, pending = pending + chunk, b""
            while data:
                end = data.find(b"\n")
                if discarded:
                    if end < 0:
                        discarded += len(data)
                        if discarded > MAX_DISCARD:
                            self.send(error("unterminated-line"))
                            return
                        break
                    discarded, data = 0, data[end + 1:]
                elif end < 0 and len(data) >= MAX_LINE:  # it can no longer fit: answered at once
                    discarded = len(data)
                    if self.too_long():
                        return
                    break
                elif end < 0:
                    pending = data
                    break
                elif end + 1 > MAX_LINE:
                    data = data[end + 1:]
                    if self.too_long():
                        return
                else:
                    line, data = data[:end], data[end + 1:]
                    last = datetime.datetime.now()
                    if self.line(line[:-1] if line.endswith(b"\r") else line):
                        return

    def too_long(self):
        """Answers an over-long line; True if the session is over."""
        reply, _ = self.failed("line-too-long")
        self.send(reply)
        return self.limit_reached()

    def line(self, raw):
        """Answers one line; True if the session is over."""
        first, self.lines = self.lines == 0, self.lines + 1
        if first and HTTP_REQUEST.match(raw):
            self.send(error("wrong-protocol"))
            return True
        reply, close = self.answer(raw)
        self.send(reply)
        return close or (reply.startswith("ERR ") and self.limit_reached())

    def limit_reached(self):
        if self.errors >= MAX_ERRORS:
            self.send(error("too-many-errors"))
            return True
        return False


def serve(connection, peer):
    with connection:
        try:
            Session(connection, peer).serve()
        except OSError:
            pass


listener = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
listener.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
listener.bind(("::", PORT))
listener.listen(64)
print("listening on port", PORT, flush=True)
while True:
    client, client_address = listener.accept()
    threading.Thread(target=serve, args=(client, client_address), daemon=True).start()
