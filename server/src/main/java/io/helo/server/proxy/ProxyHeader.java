package io.helo.server.proxy;

import io.helo.codec.IpLiterals;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the header of HAProxy's PROXY protocol, version 1 (text) or 2 (binary), from the first bytes of a
 * connection. Never looks anything up in DNS.
 */
final class ProxyHeader {
    /** The twelve bytes every version 2 header starts with. */
    static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    private static final byte[] V1_PREFIX = "PROXY ".getBytes(StandardCharsets.US_ASCII);
    private static final int V1_MAX = 107; // the specification's longest version 1 line, CRLF included
    private static final int V2_MAX_ADDRESS_BLOCK = 1024; // addresses plus TLVs; HAProxy sends far less
    /** Ports in decimal without heading zeroes, which proxy-protocol.txt forbids (octal confusion). */
    private static final Pattern V1 = Pattern.compile(
            "PROXY (?:UNKNOWN(?: .*)?|(TCP4|TCP6) (\\S+) (\\S+) (0|[1-9]\\d{0,4}) (0|[1-9]\\d{0,4}))");

    private ProxyHeader() {
    }

    /** What the first bytes of a connection said. */
    sealed interface Result permits Incomplete, Invalid, Parsed {
    }

    /** More bytes are needed. */
    record Incomplete() implements Result {
    }

    /** Not a valid PROXY header; the connection must be closed. */
    record Invalid(String reason) implements Result {
    }

    /**
     * A complete header of {@code length} bytes. {@code source} is the client's address and {@code destination} the
     * address it connected to, both {@code null} when the header says to use the connection's own (v1 UNKNOWN, v2
     * LOCAL, v2 UNSPEC or a family other than TCP).
     */
    record Parsed(int length, InetSocketAddress source, InetSocketAddress destination) implements Result {
        /** A header with no addresses: the connection is the proxy's own. */
        static Parsed local(int length) {
            return new Parsed(length, null, null);
        }

        /**
         * True if this header names the very connection it came on, both ends: the proxy speaking for itself, as
         * HAProxy's v1 health checks do (v1 has no LOCAL). A client that merely has the proxy's address and port
         * number, on the way to another address, is a client: on one host, the kernel gives the same port number
         * to connections to different destinations.
         *
         * @param remote the connection's remote address (the proxy's end)
         * @param local the connection's local address (this server's end)
         * @return true if the header describes this connection itself
         */
        boolean namesConnection(SocketAddress remote, SocketAddress local) {
            return source != null && source.equals(remote) && destination.equals(local);
        }
    }

    /** Parses the header at the start of {@code in} (position to limit); does not move {@code in}. */
    static Result parse(ByteBuffer in) {
        int available = in.remaining();
        if (startsWith(in, V2_SIGNATURE)) {
            return parseV2(in);
        }
        if (startsWith(in, V1_PREFIX)) {
            return parseV1(in);
        }
        int compare = Math.min(available, V2_SIGNATURE.length);
        boolean maybeV2 = prefixMatches(in, V2_SIGNATURE, compare);
        boolean maybeV1 = prefixMatches(in, V1_PREFIX, Math.min(available, V1_PREFIX.length));
        return maybeV1 || maybeV2 ? new Incomplete() : new Invalid("no PROXY header");
    }

    private static Result parseV1(ByteBuffer in) {
        int start = in.position();
        int limit = Math.min(in.limit(), start + V1_MAX);
        for (int i = start; i < limit - 1; i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n') {
                byte[] line = new byte[i - start];
                in.get(start, line);
                return v1Line(new String(line, StandardCharsets.US_ASCII), i + 2 - start);
            }
        }
        return in.remaining() >= V1_MAX ? new Invalid("PROXY v1 line too long") : new Incomplete();
    }

    private static Result v1Line(String line, int length) {
        Matcher m = V1.matcher(line);
        if (!m.matches()) {
            return new Invalid("malformed PROXY v1 line");
        }
        if (m.group(1) == null) {
            return Parsed.local(length); // UNKNOWN
        }
        boolean v4 = m.group(1).equals("TCP4");
        InetAddress source = IpLiterals.parse(m.group(2)).orElse(null);
        InetAddress destination = IpLiterals.parse(m.group(3)).orElse(null);
        if (source == null || destination == null) {
            return new Invalid("bad address in PROXY v1 line");
        }
        // by the text: TCP6 may carry IPv4-mapped addresses (::ffff:192.0.2.7, as HAProxy writes the clients of a
        // dual-stack listener), which are read as the IPv4 addresses they are
        if (isIpv6Text(m.group(2)) == v4 || isIpv6Text(m.group(3)) == v4) {
            return new Invalid("address family does not match in PROXY v1 line");
        }
        int port = Integer.parseInt(m.group(4));
        int destinationPort = Integer.parseInt(m.group(5));
        if (port > 65535 || destinationPort > 65535) {
            return new Invalid("bad port in PROXY v1 line");
        }
        return new Parsed(length, new InetSocketAddress(source, port), new InetSocketAddress(destination,
                destinationPort));
    }

    private static boolean isIpv6Text(String address) {
        return address.indexOf(':') >= 0;
    }

    private static Result parseV2(ByteBuffer in) {
        int start = in.position();
        if (in.remaining() < 16) {
            return new Incomplete();
        }
        int versionCommand = in.get(start + 12) & 0xff;
        int familyTransport = in.get(start + 13) & 0xff;
        int blockLength = ((in.get(start + 14) & 0xff) << 8) | (in.get(start + 15) & 0xff);
        if (versionCommand >> 4 != 2) {
            return new Invalid("unsupported PROXY version");
        }
        int command = versionCommand & 0x0f;
        if (command > 1) {
            return new Invalid("unsupported PROXY v2 command");
        }
        if (command == 1 && (familyTransport >> 4 > 3 || (familyTransport & 0x0f) > 2)) {
            return new Invalid("unsupported PROXY v2 address family"); // proxy-protocol.txt 2.2: "must be rejected as invalid"
        }
        if (blockLength > V2_MAX_ADDRESS_BLOCK) {
            return new Invalid("PROXY v2 header too long");
        }
        if (in.remaining() < 16 + blockLength) {
            return new Incomplete();
        }
        int length = 16 + blockLength;
        if (command == 0) {
            return Parsed.local(length); // LOCAL: a health check from the proxy itself
        }
        int addressLength = familyTransport == 0x11 ? 4 : familyTransport == 0x21 ? 16 : 0;
        if (addressLength == 0) {
            return Parsed.local(length); // UNSPEC, UDP or UNIX: use the connection's own address
        }
        if (blockLength < 2 * addressLength + 4) {
            return new Invalid("PROXY v2 address block too short");
        }
        byte[] source = new byte[addressLength];
        byte[] destination = new byte[addressLength];
        in.get(start + 16, source);
        in.get(start + 16 + addressLength, destination);
        int ports = start + 16 + 2 * addressLength;
        try {
            return new Parsed(length, new InetSocketAddress(InetAddress.getByAddress(source), port(in, ports)),
                    new InetSocketAddress(InetAddress.getByAddress(destination), port(in, ports + 2)));
        } catch (UnknownHostException e) {
            return new Invalid("bad PROXY v2 address");
        }
    }

    private static int port(ByteBuffer in, int at) {
        return ((in.get(at) & 0xff) << 8) | (in.get(at + 1) & 0xff);
    }

    private static boolean startsWith(ByteBuffer in, byte[] prefix) {
        return in.remaining() >= prefix.length && prefixMatches(in, prefix, prefix.length);
    }

    private static boolean prefixMatches(ByteBuffer in, byte[] prefix, int count) {
        byte[] head = new byte[count];
        in.get(in.position(), head);
        return Arrays.equals(head, 0, count, prefix, 0, count);
    }
}
