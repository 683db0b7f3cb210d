package io.helo.codec.blocking;

import io.helo.codec.UnexpectedReply;
import java.io.IOException;

/** The server sent a line that is no valid reply to the request it answers. */
public final class ProtocolViolationException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient UnexpectedReply reply;

    /**
     * The server broke the protocol with {@code reply}.
     *
     * @param reply the line the server sent
     */
    public ProtocolViolationException(UnexpectedReply reply) {
        super(reply.describe());
        this.reply = reply;
    }

    /**
     * What the server sent.
     *
     * @return the unexpected line
     */
    public UnexpectedReply reply() {
        return reply;
    }
}
