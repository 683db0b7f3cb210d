package io.helo.codec;

/** Makes text from the other side of a connection safe for a log line or a terminal. */
public final class SafeText {
    /** Longest text kept, in characters, before escaping. */
    public static final int MAX_LENGTH = 80;

    private SafeText() {
    }

    /**
     * Returns {@code text} with backslash, CR, LF and TAB escaped as in Java, every other C0 control and DEL as
     * a two-digit hex escape (ESC is backslash, x, 1b), C1 controls, Unicode format characters (such as the
     * right-to-left override) and the Unicode line separators as a four-digit one; cut to {@link #MAX_LENGTH}
     * characters, followed by the original length if it was cut.
     *
     * @param text the text to escape, or {@code null}
     * @return the escaped text, or {@code (none)} if {@code text} is {@code null}
     */
    public static String escape(String text) {
        if (text == null) {
            return "(none)";
        }
        int length = Math.min(text.length(), MAX_LENGTH);
        StringBuilder out = new StringBuilder(length + 16);
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\r' -> out.append("\\r");
                case '\n' -> out.append("\\n");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7f) {
                        out.append(String.format("\\x%02x", (int) c));
                    } else if ((c >= 0x80 && c <= 0x9f) || Character.getType(c) == Character.FORMAT
                            || c == '\u2028' || c == '\u2029') {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        if (text.length() > MAX_LENGTH) {
            out.append("...(").append(text.length()).append(" chars)");
        }
        return out.toString();
    }
}
