package io.helo.conformance;

import java.time.Duration;

/** How observed octets and times appear in reports: quoted, control characters escaped, long text cut. */
final class Show {
    private static final int MAX = 160;

    private Show() {
    }

    /** {@code text} quoted, with CR, LF, TAB and other control characters escaped, cut after 160 characters. */
    static String text(String text) {
        StringBuilder out = new StringBuilder("\"");
        int shown = Math.min(text.length(), MAX);
        for (int i = 0; i < shown; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || Character.getType(c) == Character.FORMAT
                            || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (text.length() > MAX) {
            out.append(" (").append(text.length() - MAX).append(" more characters)");
        }
        return out.toString();
    }

    /** A name as it is if it holds no control or invisible character, otherwise quoted and escaped as {@link #text}. */
    static String name(String name) {
        String shown = text(name);
        return shown.equals("\"" + name + "\"") ? name : shown;
    }

    /** {@code duration} as seconds, e.g. {@code 3 s} or {@code 0.5 s}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
