package io.helo.codec;

/** Character rules shared by the parsers and the message checks. */
final class Text {
    private Text() {
    }

    /** True if {@code s} holds a control character other than TAB (C0, DEL or C1). */
    static boolean hasControl(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || (c >= 0x7f && c <= 0x9f)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code s} holds a space or a TAB. */
    static boolean hasBlank(String s) {
        return s.indexOf(' ') >= 0 || s.indexOf('\t') >= 0;
    }

    static String requireLineSafe(String s, String what) {
        if (hasControl(s)) {
            throw new IllegalArgumentException(what + " holds a control character");
        }
        return s;
    }
}
