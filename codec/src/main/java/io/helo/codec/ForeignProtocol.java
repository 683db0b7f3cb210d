package io.helo.codec;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Protocols a client may speak to a HELO server by mistake (or to abuse it), recognised by a connection's first
 * octets or first line, so that the server can end such a session at once (PROTOCOL.md section 6), as Postfix and
 * Redis do for HTTP sent to them.
 */
public enum ForeignProtocol {
    /** An HTTP request line ({@code GET / HTTP/1.1}) or header ({@code Host: ...}). */
    HTTP,
    /** A TLS handshake record: a ClientHello. */
    TLS,
    /** An SSH identification line, {@code SSH-2.0-...}. */
    SSH,
    /** A PROXY protocol header, v1 or v2, from a connection not configured to send one. */
    PROXY,
    /** A Redis RESP array or bulk string, {@code *1} or {@code $4}. */
    REDIS;

    private static final String[] HTTP_METHODS = {"GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS",
        "TRACE", "PATCH", "PRI"};
    private static final Pattern HTTP_REQUEST_LINE = Pattern.compile("[A-Z]+ \\S+ HTTP/\\d(\\.\\d)?");
    private static final byte[] PROXY_V2 = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    /**
     * The protocol a connection's first octets {@code bytes[from, to)} belong to, if they are a binary protocol's
     * (TLS, PROXY v2): those may never contain a line end.
     *
     * @param bytes the array holding the first octets received
     * @param from the index of the first octet
     * @param to the index just past the last octet received
     * @return TLS or PROXY (v2), or {@code null} if the octets are neither
     */
    public static ForeignProtocol ofFirstOctets(byte[] bytes, int from, int to) {
        if (to - from >= 3 && bytes[from] == 0x16 && bytes[from + 1] == 0x03 && (bytes[from + 2] & 0xff) <= 0x04) {
            return TLS; // handshake record, TLS 1.0 to 1.3 (SSL 3.0 and up)
        }
        int n = Math.min(to - from, PROXY_V2.length);
        if (n >= 5) {
            for (int i = 0; i < n; i++) {
                if (bytes[from + i] != PROXY_V2[i]) {
                    return null;
                }
            }
            return PROXY;
        }
        return null;
    }

    /**
     * The protocol the first line {@code bytes[from, to)} (without its line end) belongs to, or {@code null}.
     *
     * @param bytes the array holding the first line
     * @param from the index of the line's first octet
     * @param to the index just past the line's last octet, before its line end
     * @return the protocol, or {@code null} if the line is none of those recognised
     */
    public static ForeignProtocol ofFirstLine(byte[] bytes, int from, int to) {
        if (startsWith(bytes, from, to, "SSH-")) {
            return SSH;
        }
        if (startsWith(bytes, from, to, "PROXY ")) {
            return PROXY;
        }
        if (startsWithIgnoringCase(bytes, from, to, "Host:") || isHttpRequestLine(bytes, from, to)) {
            return HTTP;
        }
        if (to - from > 1 && (bytes[from] == '*' || bytes[from] == '$') && allDigits(bytes, from + 1, to)) {
            return REDIS;
        }
        return null;
    }

    private static boolean isHttpRequestLine(byte[] bytes, int from, int to) {
        for (String method : HTTP_METHODS) {
            if (startsWith(bytes, from, to, method) && to - from > method.length() && bytes[from + method.length()] == ' ') {
                String line = new String(bytes, from, to - from, StandardCharsets.ISO_8859_1); // rare: a method's name
                return HTTP_REQUEST_LINE.matcher(line).matches() || line.equals(method + " /");
            }
        }
        return false;
    }

    private static boolean startsWith(byte[] bytes, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (bytes[from + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsWithIgnoringCase(byte[] bytes, int from, int to, String prefix) {
        if (to - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toLowerCase((char) (bytes[from + i] & 0xff)) != Character.toLowerCase(prefix.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean allDigits(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < '0' || bytes[i] > '9') {
                return false;
            }
        }
        return true;
    }
}
