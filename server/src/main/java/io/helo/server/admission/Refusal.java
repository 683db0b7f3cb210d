package io.helo.server.admission;

import io.helo.codec.ErrorReason;
import java.util.Optional;

/** Why a connection was refused before it was served; each has a stable token for counters and logs. */
public enum Refusal {
    /** The server serves as many connections as it may. */
    TOO_MANY_CONNECTIONS("too-many-connections", ErrorReason.BUSY),
    /** The client's address (its network, as the client prefix options group it) has as many connections as one may. */
    TOO_MANY_FROM_ADDRESS("too-many-from-address", ErrorReason.BUSY),
    /** The client's network opened as many connections in the rate window as one may. */
    CONNECTION_RATE("connection-rate", ErrorReason.RATE_LIMITED),
    /** The process ran out of file descriptors; the acceptor answered with its spare one. */
    OUT_OF_FILE_DESCRIPTORS("out-of-file-descriptors", ErrorReason.BUSY),
    /** The server is shutting down. */
    SHUTTING_DOWN("shutting-down", ErrorReason.SHUTTING_DOWN),
    /** A trusted proxy sent no valid PROXY protocol header in time; closed without a line. */
    BAD_PROXY_HEADER("bad-proxy-header", null);

    private final String token;
    private final ErrorReason reply;

    Refusal(String token, ErrorReason reply) {
        this.token = token;
        this.reply = reply;
    }

    /**
     * The machine-readable name, e.g. {@code too-many-connections}.
     *
     * @return the token
     */
    public String token() {
        return token;
    }

    /**
     * The closing line the refused client is sent, if any.
     *
     * @return the reason of the line sent, or empty if the connection is closed without one
     */
    public Optional<ErrorReason> reply() {
        return Optional.ofNullable(reply);
    }
}
