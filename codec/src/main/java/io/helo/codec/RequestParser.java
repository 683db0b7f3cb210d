package io.helo.codec;

/**
 * Parses request lines, already stripped of their line end, into {@link Request}s. A line that breaks the protocol
 * is not an exception: it parses to an {@link InvalidRequest} carrying the reason the server replies with.
 */
public final class RequestParser {
    private RequestParser() {
    }

    /**
     * Parses one line of text.
     *
     * @param line the line, without its line end
     * @return the request, or an {@link InvalidRequest} with the reason the line breaks the protocol
     */
    public static ParsedRequest parse(String line) {
        byte[] bytes = Text.utf8(line);
        if (bytes == null) {
            return new InvalidRequest(ErrorReason.INVALID_UTF8); // an unpaired surrogate has no UTF-8 form
        }
        return parse(bytes, 0, bytes.length);
    }

    /**
     * Parses one line given as its octets, {@code bytes[from, to)}.
     *
     * @param bytes the array holding the line
     * @param from the index of the line's first octet
     * @param to the index just past the line's last octet, before its line end
     * @return the request, or an {@link InvalidRequest} with the reason the line breaks the protocol
     */
    public static ParsedRequest parse(byte[] bytes, int from, int to) {
        return new RequestLine().parse(bytes, from, to).toParsedRequest();
    }
}
