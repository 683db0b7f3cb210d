package io.helo.codec;

/** Checks UTF-8 octets in place, without decoding them into objects. */
final class Utf8 {
    /** Well-formed, no C1 control. */
    static final int VALID = 0;
    /** Not well-formed UTF-8 (RFC 3629): overlong forms, surrogates, code points above U+10FFFF included. */
    static final int MALFORMED = 1;
    /** Well-formed, but holds a C1 control character (U+0080 to U+009F). */
    static final int C1_CONTROL = 2;

    private Utf8() {
    }

    /** Whether {@code bytes[from, to)} is well-formed UTF-8, and whether it holds a C1 control. */
    static int check(byte[] bytes, int from, int to) {
        int status = VALID;
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                i++;
                continue;
            }
            int length;
            int min2 = 0x80;
            int max2 = 0xbf;
            if (b >= 0xc2 && b <= 0xdf) {
                length = 2;
            } else if (b >= 0xe0 && b <= 0xef) {
                length = 3;
                min2 = b == 0xe0 ? 0xa0 : 0x80; // no overlong forms
                max2 = b == 0xed ? 0x9f : 0xbf; // no surrogates
            } else if (b >= 0xf0 && b <= 0xf4) {
                length = 4;
                min2 = b == 0xf0 ? 0x90 : 0x80;
                max2 = b == 0xf4 ? 0x8f : 0xbf; // nothing above U+10FFFF
            } else {
                return MALFORMED;
            }
            if (i + length > to) {
                return MALFORMED;
            }
            int second = bytes[i + 1] & 0xff;
            if (second < min2 || second > max2) {
                return MALFORMED;
            }
            for (int k = 2; k < length; k++) {
                if ((bytes[i + k] & 0xc0) != 0x80) {
                    return MALFORMED;
                }
            }
            if (b == 0xc2 && second <= 0x9f) {
                status = C1_CONTROL;
            }
            i += length;
        }
        return status;
    }

    /**
     * True if every character of the well-formed UTF-8 {@code bytes[from, to)} may stand in a host name: printable
     * ASCII other than the space, or a letter, mark, number, punctuation or symbol. Separators (U+00A0, U+2028,
     * U+3000 ...), format characters (U+200B, U+202E ...), private-use and unassigned code points are not.
     */
    static boolean isHostnameText(byte[] bytes, int from, int to) {
        int i = from;
        while (i < to) {
            int b = bytes[i] & 0xff;
            if (b < 0x80) {
                if (b <= 0x20 || b == 0x7f) {
                    return false;
                }
                i++;
                continue;
            }
            int length = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
            int codePoint = b & (0xff >> (length + 1));
            for (int k = 1; k < length; k++) {
                codePoint = (codePoint << 6) | (bytes[i + k] & 0x3f);
            }
            if (!isHostnameCharacter(codePoint)) {
                return false;
            }
            i += length;
        }
        return true;
    }

    private static boolean isHostnameCharacter(int codePoint) {
        switch (Character.getType(codePoint)) {
            case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
                    Character.UNASSIGNED:
                return false;
            default:
                return true;
        }
    }
}
