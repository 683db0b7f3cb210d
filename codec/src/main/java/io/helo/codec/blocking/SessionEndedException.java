package io.helo.codec.blocking;

import io.helo.codec.ClosingNotice;
import java.io.IOException;
import java.util.Optional;

/** The server ended the session before answering: with a closing notice, or by just closing the connection. */
public final class SessionEndedException extends IOException {
    private static final long serialVersionUID = 1L;

    private final transient ClosingNotice notice;

    /**
     * The session ended with {@code notice}, or without a line if it is {@code null}.
     *
     * @param notice the server's closing notice, or {@code null} if it closed without one
     */
    public SessionEndedException(ClosingNotice notice) {
        super(notice == null ? "the server closed the connection" : "the server ended the session: "
                + notice.describe());
        this.notice = notice;
    }

    /**
     * The server's last line, if it sent one.
     *
     * @return the closing notice, or empty if the server closed without one
     */
    public Optional<ClosingNotice> notice() {
        return Optional.ofNullable(notice);
    }
}
