package io.helo.codec;

import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Why the server rejected a request or a connection; each has a stable token and a fixed explanation. */
public enum ErrorReason {
    /** The line is empty. */
    EMPTY_LINE("empty-line", "empty request line"),
    /** The first word is not a command. */
    UNKNOWN_COMMAND("unknown-command", "unknown command"),
    /** The command has a missing, superfluous or malformed argument. */
    BAD_ARGUMENT("bad-argument", "wrong or missing argument"),
    /** A command other than HELO or BYE came before HELO. */
    HELO_REQUIRED("helo-required", "say HELO first"),
    /** The line is longer than the server accepts. */
    LINE_TOO_LONG("line-too-long", "request line too long"),
    /** The line is not valid UTF-8. */
    INVALID_UTF8("invalid-utf8", "request is not valid UTF-8"),
    /** The line holds a control character (NUL, C0 other than TAB, DEL or C1). */
    BAD_CHARACTER("bad-character", "control character in request"),
    /** An over-long line went on past the discard limit without a line end; the server closes. */
    UNTERMINATED_LINE("unterminated-line", "no line end in sight, closing connection", true),
    /** The session reached the error limit; the server closes. */
    TOO_MANY_ERRORS("too-many-errors", "too many errors, closing connection", true),
    /** No complete request within the idle timeout; the server closes. */
    IDLE_TIMEOUT("idle-timeout", "no request for too long, closing connection", true),
    /** The first line is another protocol's (HTTP, TLS, SSH, Redis, a PROXY header); the server closes at once. */
    WRONG_PROTOCOL("wrong-protocol", "this is a HELO server, closing connection", true),
    /** The connection, to a port that serves HELO inside TLS, did not begin with a TLS handshake; the server closes. */
    TLS_REQUIRED("tls-required", "this port speaks TLS only, closing connection", true),
    /** The server or this client's address has too many connections; the server closes at once. */
    BUSY("busy", "too many connections, try again later", true),
    /** The client's network opened more connections in a short time than it may; the server closes at once. */
    RATE_LIMITED("rate-limited", "connecting too often, try again later", true),
    /** The server is stopping; it closes every connection after this line. */
    SHUTTING_DOWN("shutting-down", "server shutting down, closing connection", true);

    private static final Map<String, ErrorReason> BY_TOKEN =
            Stream.of(values()).collect(Collectors.toUnmodifiableMap(ErrorReason::token, Function.identity()));

    private final String token;
    private final String text;
    private final boolean closes;

    ErrorReason(String token, String text) {
        this(token, text, false);
    }

    ErrorReason(String token, String text, boolean closes) {
        this.token = token;
        this.text = text;
        this.closes = closes;
    }

    /**
     * The reason whose token is {@code token}, if this version defines it.
     *
     * @param token the machine-readable reason, e.g. {@code unknown-command}
     * @return the reason, or empty if this version does not define {@code token}
     */
    public static Optional<ErrorReason> forToken(String token) {
        return Optional.ofNullable(BY_TOKEN.get(token));
    }

    /**
     * True for the lines a server sends on its own as its last (section 6, second table): they answer no request,
     * and the server closes the connection right after one. A server that receives such an {@link InvalidRequest}
     * sends it and closes; a client that receives such a line knows the session is over.
     *
     * @return true if the server closes the connection after a line with this reason
     */
    public boolean closesConnection() {
        return closes;
    }

    /**
     * The machine-readable reason, e.g. {@code unknown-command}.
     *
     * @return the token
     */
    public String token() {
        return token;
    }

    /**
     * The human-readable explanation sent after the token.
     *
     * @return the explanation, e.g. {@code unknown command}
     */
    public String text() {
        return text;
    }
}
