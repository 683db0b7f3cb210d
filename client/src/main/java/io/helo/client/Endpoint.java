package io.helo.client;

import io.helo.codec.Response;
import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** Text form of a socket address for the transcript: {@code 127.0.0.1:8008} or {@code [::1]:8008}. */
final class Endpoint {
    private Endpoint() {
    }

    static String format(InetSocketAddress address) {
        String ip = Response.Address.of(address.getAddress()).address();
        boolean bracketed = address.getAddress() instanceof Inet6Address && ip.indexOf(':') >= 0;
        return (bracketed ? "[" + ip + "]" : ip) + ":" + address.getPort();
    }
}
