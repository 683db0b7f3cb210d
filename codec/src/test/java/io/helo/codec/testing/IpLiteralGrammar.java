package io.helo.codec.testing;

import java.util.regex.Pattern;

/** RFC 3986 section 3.2.2's ABNF of IP literals, written out as regular expressions: the reference for parsers. */
public final class IpLiteralGrammar {
    private static final String DEC_OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9][0-9]|[0-9])";
    private static final String IPV4 = DEC_OCTET + "(?:\\." + DEC_OCTET + "){3}";
    private static final String H16 = "[0-9A-Fa-f]{1,4}";
    private static final String LS32 = "(?:" + H16 + ":" + H16 + "|" + IPV4 + ")";
    private static final Pattern IPV4_ADDRESS = Pattern.compile(IPV4);
    private static final Pattern IPV6_ADDRESS = Pattern.compile(String.join("|",
            "(?:" + H16 + ":){6}" + LS32,
            "::(?:" + H16 + ":){5}" + LS32,
            "(?:" + H16 + ")?::(?:" + H16 + ":){4}" + LS32,
            "(?:(?:" + H16 + ":){0,1}" + H16 + ")?::(?:" + H16 + ":){3}" + LS32,
            "(?:(?:" + H16 + ":){0,2}" + H16 + ")?::(?:" + H16 + ":){2}" + LS32,
            "(?:(?:" + H16 + ":){0,3}" + H16 + ")?::" + H16 + ":" + LS32,
            "(?:(?:" + H16 + ":){0,4}" + H16 + ")?::" + LS32,
            "(?:(?:" + H16 + ":){0,5}" + H16 + ")?::" + H16,
            "(?:(?:" + H16 + ":){0,6}" + H16 + ")?::"));

    private IpLiteralGrammar() {
    }

    /** True if {@code text} is an {@code IPv4address}: dotted decimal, no leading zeros. */
    public static boolean isIpv4(String text) {
        return IPV4_ADDRESS.matcher(text).matches();
    }

    /** True if {@code text} is an {@code IPv6address} in any of its text forms, without a zone. */
    public static boolean isIpv6(String text) {
        return IPV6_ADDRESS.matcher(text).matches();
    }
}
