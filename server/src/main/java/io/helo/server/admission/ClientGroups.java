package io.helo.server.admission;

import io.helo.codec.IpLiterals;
import io.helo.server.Cidr;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which client an address belongs to for the per-client limits: an IPv4 address by its leading {@code v4Bits}
 * (default all 32), an IPv6 address by its leading {@code v6Bits} (default 64, one home line's network, as Postfix's
 * {@code smtpd_client_ipv6_prefix_length} and HAProxy's {@code ipmask(32,64)} group them); an IPv4-mapped IPv6
 * address is its IPv4 address. Addresses in an exempt range belong to no client: no per-client limit applies.
 */
final class ClientGroups {
    private final int v4Bits;
    private final int v6Bits;
    private final List<Cidr> exempt;

    ClientGroups(int v4Bits, int v6Bits, List<Cidr> exempt) {
        this.v4Bits = v4Bits;
        this.v6Bits = v6Bits;
        this.exempt = List.copyOf(exempt);
    }

    /** The network {@code address} is counted as (its address with the host bits cleared), or null if exempt. */
    InetAddress groupOf(InetAddress address) {
        for (Cidr range : exempt) {
            if (range.contains(address)) {
                return null;
            }
        }
        byte[] bytes = address.getAddress();
        try {
            // getByAddress makes an IPv4-mapped IPv6 address the Inet4Address it is
            InetAddress plain = InetAddress.getByAddress(bytes);
            bytes = plain.getAddress();
            int bits = plain instanceof Inet4Address ? v4Bits : v6Bits;
            for (int i = 0; i < bytes.length; i++) {
                int keep = Math.max(0, Math.min(8, bits - 8 * i));
                bytes[i] &= (byte) (0xff00 >> keep);
            }
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e); // cannot happen: the bytes come from an address
        }
    }

    /** A group as logs show it, e.g. {@code 2001:db8:1:2::/64} or {@code 192.0.2.7}. */
    String describe(InetAddress group) {
        int bits = group instanceof Inet4Address ? v4Bits : v6Bits;
        String text = IpLiterals.format(group);
        return bits == group.getAddress().length * 8 ? text : text + "/" + bits;
    }
}
