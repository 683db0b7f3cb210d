package io.helo.codec;

/**
 * A line from the server that is neither a valid answer to the request awaiting one nor an error line, or a line
 * longer than the client accepts: the server broke the protocol.
 *
 * @param line the line as received, without its line end; empty for a line too long to keep
 * @param awaited the request that was awaiting a reply, or {@code null} if none was
 * @param tooLong true if the line was longer than the client's limit (and was discarded)
 */
public record UnexpectedReply(String line, Request awaited, boolean tooLong) implements ServerLine {
    /**
     * A line that does not answer {@code awaited} ({@code null} if nothing was awaited).
     *
     * @param line the line as received, without its line end
     * @param awaited the request that was awaiting a reply, or {@code null} if none was
     */
    public UnexpectedReply(String line, Request awaited) {
        this(line, awaited, false);
    }

    /**
     * A line longer than the client accepts, received while {@code awaited} was awaited.
     *
     * @param awaited the request that was awaiting a reply, or {@code null} if none was
     * @return an unexpected reply with an empty line, marked too long
     */
    public static UnexpectedReply overLimit(Request awaited) {
        return new UnexpectedReply("", awaited, true);
    }

    /**
     * What went wrong, in one line with the received text escaped.
     *
     * @return the description, e.g. {@code unexpected reply to REQTIME: "12:00"}
     */
    public String describe() {
        if (tooLong) {
            return awaited == null ? "reply line too long" : "reply to " + awaited.command() + " too long";
        }
        String quoted = "\"" + SafeText.escape(line) + "\"";
        return awaited == null ? "reply without a request: " + quoted
                : "unexpected reply to " + awaited.command() + ": " + quoted;
    }
}
