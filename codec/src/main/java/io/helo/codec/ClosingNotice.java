package io.helo.codec;

import java.util.Objects;
import java.util.Optional;

/**
 * An error line that answers no request: the server ends the session on its own (it is busy, shutting down, the
 * session idled ...) and closes the connection after it. Requests still awaiting a reply will get none.
 *
 * @param reply the line as an error reply, with its reason token and text
 */
public record ClosingNotice(Response.ErrorReply reply) implements ServerLine {
    /**
     * Checks that the reply is given.
     *
     * @param reply the line as an error reply, with its reason token and text
     */
    public ClosingNotice {
        Objects.requireNonNull(reply, "reply");
    }

    /**
     * The reason, if this version knows its token.
     *
     * @return the reason, or empty if its token is unknown to this version
     */
    public Optional<ErrorReason> reason() {
        return reply.knownReason();
    }

    /**
     * The server's reason in words, e.g. {@code busy (too many connections, try again later)}.
     *
     * @return the reason token, followed by the text in parentheses if there is any
     */
    public String describe() {
        return reply.text().isEmpty() ? reply.reason() : reply.reason() + " (" + reply.text() + ")";
    }
}
