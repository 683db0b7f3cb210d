package io.helo.codec;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Text forms of IP addresses: IPv4 dotted quad, IPv6 as RFC 5952 recommends. Never touches DNS. */
public final class IpLiterals {
    private static final String DOTTED_QUAD =
            "(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}";
    private static final Pattern IPV4 = Pattern.compile(DOTTED_QUAD);
    /**
     * The shape of IPv6 text (RFC 4291 2.2): groups of at most four hex digits ending in colons, then a last group or
     * a dotted quad; the JDK checks the rest (how many groups, one "::"). It would also take five digits ("0ffff")
     * and an IPv4 part with leading zeros, and it resolves through DNS any text with a colon that does not start
     * with a hex digit or a colon (".:"): neither reaches it.
     */
    private static final Pattern IPV6_SHAPE = Pattern.compile("(?:[0-9a-fA-F]{0,4}:)+(?:[0-9a-fA-F]{0,4}|" + DOTTED_QUAD
            + ")");

    private IpLiterals() {
    }

    /**
     * The canonical text of {@code address}; an IPv4-mapped IPv6 address is given as IPv4.
     *
     * @param address an IPv4 or IPv6 address
     * @return the dotted quad for IPv4 and IPv4-mapped addresses, else the RFC 5952 form of the IPv6 address
     */
    public static String format(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return dotted(bytes, 0);
        }
        if (isIpv4Mapped(bytes)) {
            return dotted(bytes, 12);
        }
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((bytes[2 * i] & 0xff) << 8) | (bytes[2 * i + 1] & 0xff);
        }
        // RFC 5952 4.2: shorten the longest run of two or more zero groups, the first one on a tie.
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder(39);
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
            } else {
                if (text.length() > 0 && text.charAt(text.length() - 1) != ':') {
                    text.append(':');
                }
                text.append(Integer.toHexString(groups[i]));
            }
        }
        return text.toString();
    }

    /**
     * True if {@code text} is an IP literal exactly as {@link #format} would write it.
     *
     * @param text the text to check
     * @return true if {@code text} is an IPv4 or IPv6 literal in canonical form
     */
    public static boolean isCanonical(String text) {
        return IPV4.matcher(text).matches() || parse(text).map(address -> format(address).equals(text)).orElse(false);
    }

    /**
     * The address written as {@code text}: IPv4 in dotted decimal without leading zeros, or IPv6 in any of its
     * text forms (RFC 4291), without a zone. Empty for anything else, host names included: DNS is never asked.
     *
     * @param text the text of an IP literal
     * @return the address, or empty if {@code text} is not an IP literal
     */
    public static Optional<InetAddress> parse(String text) {
        boolean ipv4 = IPV4.matcher(text).matches();
        if (!ipv4 && !IPV6_SHAPE.matcher(text).matches()) {
            return Optional.empty(); // anything else could make getByName ask DNS
        }
        try {
            return Optional.of(InetAddress.getByName(text)); // a literal: parsed, never looked up
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }

    private static boolean isIpv4Mapped(byte[] bytes) {
        for (int i = 0; i < 10; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return bytes[10] == (byte) 0xff && bytes[11] == (byte) 0xff;
    }

    private static String dotted(byte[] bytes, int from) {
        return (bytes[from] & 0xff) + "." + (bytes[from + 1] & 0xff) + "."
                + (bytes[from + 2] & 0xff) + "." + (bytes[from + 3] & 0xff);
    }
}
