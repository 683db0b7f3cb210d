package io.helo.conformance;

import java.time.Duration;

/** How observed octets and times appear in reports: quoted, control characters escaped, long text cut. */
final class Show {
    private static final int MAX = 160;

    private Show() {
    }

    /**
     * {@code text} quoted, with CR, LF, TAB and other control characters escaped, and format characters (those
     * beyond the BMP, such as tag characters, too) and halves of surrogate pairs; cut after 160 characters, never
     * between the two halves of a pair.
     */
    static String text(String text) {
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(text.length(), MAX);
        if (shown < text.length() && Character.isSurrogatePair(text.charAt(shown - 1), text.charAt(shown))) {
            shown--;
        }
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    int point = text.codePointAt(i);
                    int type = Character.getType(point);
                    boolean unsafe = c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || type == Character.FORMAT
                            || type == Character.SURROGATE || c == '\u2028' || c == '\u2029';
                    for (char unit : Character.toChars(point)) {
                        out.append(unsafe ? String.format("\\u%04x", (int) unit) : String.valueOf(unit));
                    }
                    i += Character.charCount(point) - 1;
                }
            }
        }
        out.append('"');
        if (text.length() > shown) {
            out.append(" (").append(text.length() - shown).append(" more characters)");
        }
        return out.toString();
    }

    /** A name as it is if it holds no control or invisible character, otherwise quoted and escaped as {@link #text}. */
    static String name(String name) {
        String shown = text(name);
        return shown.equals("\"" + name + "\"") ? name : shown;
    }

    /** A socket address as {@code 127.0.0.1:8008} or {@code [::1]:8008}. */
    static String address(java.net.InetSocketAddress address) {
        String host = address.getAddress() == null ? address.getHostString()
                : io.helo.codec.IpLiterals.format(address.getAddress());
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + address.getPort();
    }

    /**
     * A clock offset in seconds as a zone offset would be written, {@code +05:30} or {@code -01:00}, when it is a
     * whole number of quarter hours within {@code tolerance} seconds; otherwise null.
     */
    static String zoneOffset(int seconds, int tolerance) {
        int quarters = Math.round(seconds / 900f);
        if (quarters == 0 || Math.abs(seconds - quarters * 900) > tolerance || Math.abs(quarters) > 18 * 4) {
            return null;
        }
        int minutes = Math.abs(quarters) * 15;
        return String.format("%s%02d:%02d", quarters < 0 ? "-" : "+", minutes / 60, minutes % 60);
    }

    /** A number of seconds, {@code 7 s} or {@code 1.1 s}. */
    static String seconds(double seconds) {
        return seconds == Math.rint(seconds) ? (long) seconds + " s"
                : String.format(java.util.Locale.ROOT, "%.1f s", seconds);
    }

    /** {@code duration} as seconds, e.g. {@code 3 s} or {@code 0.5 s}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
