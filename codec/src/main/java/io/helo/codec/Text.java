package io.helo.codec;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;

/** Character rules shared by the parsers and the message checks. */
final class Text {
    /** The longest host name HELO accepts, in octets of UTF-8 (the longest DNS name, RFC 1035). */
    static final int MAX_HOSTNAME_OCTETS = 255;

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

    /** Returns {@code s}, or throws if it holds a control character or cannot be written as UTF-8. */
    static String requireLineSafe(String s, String what) {
        if (hasControl(s) || hasUnpairedSurrogate(s)) {
            throw new IllegalArgumentException(what + " holds a control character or an unpaired surrogate");
        }
        return s;
    }

    /** True if {@code s} holds a surrogate that is not half of a pair: such text has no UTF-8 form. */
    static boolean hasUnpairedSurrogate(String s) {
        for (int i = 0, n = s.length(); i < n; i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }

    /** True if {@code bytes[from, to)}, well-formed UTF-8 without controls, is a valid HELO host name. */
    static boolean isHostname(byte[] bytes, int from, int to) {
        return to > from && to - from <= MAX_HOSTNAME_OCTETS && Utf8.isHostnameText(bytes, from, to);
    }

    /** True if {@code s} is a valid HELO host name: one word of at most 255 octets, see PROTOCOL.md 5.1. */
    static boolean isHostname(String s) {
        byte[] bytes = utf8(s);
        return bytes != null && isHostname(bytes, 0, bytes.length);
    }

    /** The UTF-8 octets of {@code s}, or null if it holds an unpaired surrogate. */
    static byte[] utf8(String s) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().encode(CharBuffer.wrap(s));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        } catch (CharacterCodingException e) {
            return null;
        }
    }
}
