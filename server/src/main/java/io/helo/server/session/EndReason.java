package io.helo.server.session;

import io.helo.codec.ErrorReason;
import java.io.IOException;
import javax.net.ssl.SSLException;
import org.apache.mina.core.write.WriteTimeoutException;

/** Why a session ended, as its disconnect log line says. */
public enum EndReason {
    /** The client said BYE. */
    BYE("bye"),
    /** The client closed the connection (or half-closed it and the server finished). */
    CLIENT_CLOSED("client closed"),
    /** The client took none of its unsent replies within the write timeout. */
    WRITE_TIMEOUT("write timeout"),
    /** The connection failed: a reset, a broken pipe. */
    CONNECTION_ERROR("connection error"),
    /** A fault in the server itself; logged at WARN with its stack trace. */
    INTERNAL_ERROR("internal error"),
    /** An over-long line never ended within the discard limit. */
    UNTERMINATED_LINE("unterminated-line"),
    /** The client spoke another protocol. */
    WRONG_PROTOCOL("wrong-protocol"),
    /** A plaintext client at a TLS port. */
    TLS_REQUIRED("tls-required"),
    /** The TLS handshake failed, or a TLS record could not be read. */
    TLS_ERROR("tls error"),
    /** The TLS handshake did not complete in time. */
    TLS_HANDSHAKE_TIMEOUT("tls handshake timeout"),
    /** The session reached the error limit. */
    TOO_MANY_ERRORS("too-many-errors"),
    /** No complete request within the idle timeout. */
    IDLE_TIMEOUT("idle-timeout"),
    /** Refused at once: a connection limit. */
    BUSY("busy"),
    /** Refused at once: the client's network connected too often. */
    RATE_LIMITED("rate-limited"),
    /** The server shut down. */
    SHUTTING_DOWN("shutting-down");

    private final String text;

    EndReason(String text) {
        this.text = text;
    }

    /** The end reason of a session the server closes with the final line {@code reason}. */
    static EndReason closedWith(ErrorReason reason) {
        return switch (reason) {
            case UNTERMINATED_LINE -> UNTERMINATED_LINE;
            case WRONG_PROTOCOL -> WRONG_PROTOCOL;
            case TLS_REQUIRED -> TLS_REQUIRED;
            case TOO_MANY_ERRORS -> TOO_MANY_ERRORS;
            case IDLE_TIMEOUT -> IDLE_TIMEOUT;
            case BUSY -> BUSY;
            case RATE_LIMITED -> RATE_LIMITED;
            case SHUTTING_DOWN -> SHUTTING_DOWN;
            case EMPTY_LINE, UNKNOWN_COMMAND, BAD_ARGUMENT, HELO_REQUIRED, LINE_TOO_LONG, INVALID_UTF8, BAD_CHARACTER ->
                    throw new IllegalArgumentException(reason + " does not end a session");
        };
    }

    /** The end reason of a session that failed with {@code cause}. */
    static EndReason ofFailure(Throwable cause) {
        return cause instanceof WriteTimeoutException ? WRITE_TIMEOUT
                : cause instanceof SSLException ? TLS_ERROR
                : cause instanceof IOException ? CONNECTION_ERROR : INTERNAL_ERROR;
    }

    /**
     * The reason as the log line gives it, e.g. {@code bye} or {@code client closed}.
     *
     * @return the reason's text
     */
    public String text() {
        return text;
    }
}
