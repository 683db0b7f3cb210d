package io.helo.server;

import io.helo.codec.Response;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Text forms of socket addresses for log lines, without DNS look-ups. */
final class Endpoints {
    private Endpoints() {
    }

    /** {@code 192.0.2.1:8008}, {@code [::1]:8008}, or {@code *:8008} for the wildcard address. */
    static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress)) {
            return String.valueOf(address);
        }
        InetSocketAddress socket = (InetSocketAddress) address;
        if (socket.getAddress() == null) {
            return socket.getHostString() + ":" + socket.getPort();
        }
        if (socket.getAddress().isAnyLocalAddress()) {
            return "*:" + socket.getPort();
        }
        String ip = Response.Address.of(socket.getAddress()).address();
        boolean bracketed = socket.getAddress() instanceof Inet6Address && ip.indexOf(':') >= 0;
        return (bracketed ? "[" + ip + "]" : ip) + ":" + socket.getPort();
    }
}
