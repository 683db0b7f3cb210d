package io.helo.server;

import io.helo.codec.IpLiterals;
import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 address range such as {@code 10.0.0.0/8} or {@code ::1/128}; a bare address is a /32 or /128. */
public final class Cidr {
    private final byte[] network;
    private final int prefixLength;
    private final String text;

    private Cidr(byte[] network, int prefixLength, String text) {
        this.network = network;
        this.prefixLength = prefixLength;
        this.text = text;
    }

    /**
     * Parses {@code text}; only IP literals are accepted, so no DNS is ever asked.
     *
     * @param text an IP literal, optionally followed by {@code /} and a prefix length
     * @return the range
     * @throws IllegalArgumentException if {@code text} is not an IP address range
     */
    public static Cidr parse(String text) {
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        byte[] bytes = IpLiterals.parse(address).map(InetAddress::getAddress)
                .orElseThrow(() -> new IllegalArgumentException("not an IP address range: " + text));
        int prefix;
        try {
            prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + text, e);
        }
        if (prefix < 0 || prefix > bytes.length * 8) {
            throw new IllegalArgumentException("bad prefix length in " + text);
        }
        return new Cidr(bytes, prefix, text);
    }

    /**
     * True if {@code address} lies in this range (an IPv4-mapped IPv6 address counts as IPv4).
     *
     * @param address the address to test
     * @return true if the address is in the range
     */
    public boolean contains(InetAddress address) {
        byte[] bytes = ipv4IfMapped(address);
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (bytes[full] & mask) == (network[full] & mask);
    }

    /** The address's bytes, an IPv4-mapped IPv6 address as its four IPv4 bytes: the JDK converts those. */
    private static byte[] ipv4IfMapped(InetAddress address) {
        try {
            return InetAddress.getByAddress(address.getAddress()).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // cannot happen: the bytes come from an address
        }
    }

    @Override
    public String toString() {
        return text;
    }
}
