"""Inside a network namespace of the test's own: connects from many addresses of the IPv6 networks named on the
command line (2001:db8:0:N::1 to ::COUNT for each N), all held open at once, and prints each connection's first
reply line exactly (Python's repr of its octets), one line per connection: 'N ADDRESS LINE'."""
import socket
import sys
import time

port, count, networks = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3:]
deadline = time.monotonic() + 30
while True:  # the server starts beside us: wait until it listens, at most 30 s
    try:
        socket.create_connection(("::1", port), timeout=1).close()
        break
    except OSError:
        if time.monotonic() > deadline:
            raise
        time.sleep(0.1)
time.sleep(0.2)  # the readiness probe's own connection is closed and released before the counted ones

held = []
for network in networks:
    for host in range(1, count + 1):
        source = "2001:db8:0:%s::%x" % (network, host)
        client = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
        client.settimeout(10)
        client.bind((source, 0))
        client.connect(("::1", port))
        client.sendall(b"HELO probe\r\n")
        line = b""
        while not line.endswith(b"\n"):
            octet = client.recv(1)
            if not octet:
                break
            line += octet
        print(network, source, repr(line), flush=True)
        held.append(client)
for client in held:
    client.close()
