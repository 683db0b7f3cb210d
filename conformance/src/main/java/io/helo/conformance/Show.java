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

    /** {@code duration} as seconds, e.g. {@code 3 s} or {@code 0.5 s}. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        return millis % 1000 == 0 ? millis / 1000 + " s" : millis / 1000.0 + " s";
    }
}
