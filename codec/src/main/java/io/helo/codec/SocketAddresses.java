package io.helo.codec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/** Text forms of socket addresses for log lines and transcripts, with IPs as REQIP gives them; never asks DNS. */
public final class SocketAddresses {
    private SocketAddresses() {
    }

    /**
     * {@code 192.0.2.1:8008}, {@code [::1]:8008}, or {@code *:8008} for the wildcard address.
     *
     * @param address the address to format
     * @return the IP (or the unresolved host name) and port; for an address that is not an
     *     {@link InetSocketAddress}, its {@code toString()}
     */
    public static String format(SocketAddress address) {
        if (!(address instanceof InetSocketAddress)) {
            return String.valueOf(address);
        }
        InetSocketAddress socket = (InetSocketAddress) address;
        InetAddress ip = socket.getAddress();
        if (ip == null) {
            return socket.getHostString() + ":" + socket.getPort(); // unresolved: the name as given
        }
        if (ip.isAnyLocalAddress()) {
            return "*:" + socket.getPort();
        }
        String text = IpLiterals.format(ip);
        return (text.indexOf(':') >= 0 ? "[" + text + "]" : text) + ":" + socket.getPort();
    }
}
